"""Import infrastructure as code as an archgen model: `archgen import cloudformation`.

template.py reads a template with positions; intrinsics.py evaluates its functions;
stack.py gathers the resources of a stack and its local nested stacks;
resource_types.py says what each type becomes; network.py, settings.py and
connections.py derive the model's parts; builder.py assembles them; writer.py writes
the YAML; command.py is what the command line and `archgen validate` call.
"""
