"""The Python API: check, draw and write models from Python.

Models are the pydantic classes of `archgen.model.schema`, checked when they are made;
these functions do what the command line does with them. Each takes a `Model` built in
Python or a `LoadedModel` read from a file (`archgen.load_model`, `archgen.load_text`):
findings and problems of a loaded model point at its file's lines, those of a model
built in Python at the lines of its YAML (`dump`), read as ``<name>.yaml``.

(Not `load`, `validate` or `render`: those are archgen's own modules.)
"""

from __future__ import annotations

from typing import Any, Literal, overload

from archgen.load.loader import LoadedModel, load_text
from archgen.model.schema import Model
from archgen.rules.finding import Finding

TextFormat = Literal["svg", "mermaid", "dot", "drawio", "html"]


def dump(model: Model | LoadedModel) -> str:
    """The model as YAML text that `archgen.load_text` reads back to an equal model.

    Keys at their default values are left out; a component's `kind` is always written.
    """
    import yaml

    plain = _model(model)
    data: dict[str, Any] = plain.model_dump(mode="json", exclude_defaults=True)
    if "components" in data:
        data["components"] = [
            {"id": item["id"], "kind": component.kind, **item}
            for component, item in zip(plain.components, data["components"], strict=True)
        ]
    text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return text


def check(model: Model | LoadedModel) -> list[Finding]:
    """The design findings of `model`, sorted by location.

    Raises `ModelError` when a reference points at nothing (a subnet, a component) or a
    suppression names no rule.
    """
    from archgen.rules import check as run_rules

    return run_rules(_loaded(model))


@overload
def draw(
    model: Model | LoadedModel,
    fmt: Literal["png"],
    *,
    dpi: int = 96,
    view: str | None = None,
    theme: Literal["light", "dark"] = "light",
) -> bytes: ...


@overload
def draw(
    model: Model | LoadedModel,
    fmt: TextFormat = "svg",
    *,
    dpi: int = 96,
    view: str | None = None,
    theme: Literal["light", "dark"] = "light",
) -> str: ...


def draw(
    model: Model | LoadedModel,
    fmt: TextFormat | Literal["png"] = "svg",
    *,
    dpi: int = 96,
    view: str | None = None,
    theme: Literal["light", "dark"] = "light",
) -> str | bytes:
    """The diagram of `model`, or of its view named `view`: ``svg`` (self-contained),
    ``mermaid`` or ``dot`` text, a ``drawio`` file, an interactive ``html`` page, or
    ``png`` bytes at `dpi`; SVG, PNG and HTML in the `theme` colours. Each component's
    tooltip lists its findings, as `archgen render` draws it; every format but mermaid
    and dot needs Graphviz (`ToolError` if absent). An unknown `view` is an `InputError`.
    """
    from archgen.render.pipeline import render_outputs, scene_of

    loaded = _loaded(model)
    scene = scene_of(loaded, check(loaded), highlight_findings=False, view=view)
    data = render_outputs(scene, [fmt], dpi, theme=theme)[fmt]
    return data if fmt == "png" else data.decode("utf-8")


def _model(model: Model | LoadedModel) -> Model:
    return model.model if isinstance(model, LoadedModel) else model


def _loaded(model: Model | LoadedModel) -> LoadedModel:
    """A loaded model as it is; a model built in Python read from its YAML, so that it is
    checked as a file would be (references, `extends`) and its parts have lines."""
    if isinstance(model, LoadedModel):
        return model
    return load_text(dump(model), f"{model.name}.yaml")
