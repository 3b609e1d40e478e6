"""Semantic map diff: what a change to a map means, as text, markdown, JSON and a picture."""

from __future__ import annotations

from .changes import Change, DiffResult, MapDiff
from .compare import diff_maps
from .report import format_json, format_markdown, format_text

__all__ = [
    "Change",
    "DiffResult",
    "MapDiff",
    "diff_maps",
    "format_json",
    "format_markdown",
    "format_text",
]
