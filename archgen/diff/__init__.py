"""Semantic diff of two models for code review: what a change adds, removes and breaks."""

from __future__ import annotations

from archgen.diff.model_diff import Change, FieldChange, ModelDiff
from archgen.diff.semantic import compare

__all__ = ["Change", "FieldChange", "ModelDiff", "compare"]
