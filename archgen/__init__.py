"""archgen: diagram-as-code for AWS architectures that also checks the design."""

__version__ = "0.1.0"
