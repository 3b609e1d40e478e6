"""The ```` ```transit-map ```` fence as a Python-Markdown extension and a superfences fence.

Three ways to use it:

* the MkDocs plugin registers it by itself;
* plain Python-Markdown: `markdown.markdown(text, extensions=["transit_maps.markdown_fence"])`
  (config `maps_dir`, `station_url`); fences work at any indentation, so inside admonitions,
  lists and content tabs;
* pymdownx.superfences (Zensical, or MkDocs without the plugin): a custom fence with
  `format: transit_maps.markdown_fence.fence_format` and
  `validator: transit_maps.markdown_fence.fence_validator`.

The fence body is YAML: `map`, `layer`, `highlight`, `solution`, `legend`; or, without `map`,
an inline one-layer map (`lines:`, `stations:`, `zones:`, `title:`). Bad options never raise: the
fence renders an error box and the problem goes to the `warn` callback (the plugin logs it as a
warning naming the page, so `mkdocs build --strict` fails).

This module must not import mkdocs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .site.fence_lines import FenceCloses
from .site.fence_render import FenceRenderer, Warn, load_folder

__all__ = [
    "FenceRenderer",
    "TransitMapExtension",
    "fence_format",
    "fence_validator",
    "makeExtension",
]

FENCE_NAME = "transit-map"
# The info string is stripped afterwards: a lazy match before `[ \t]*$` backtracks on long lines.
_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")


def _is_ours(info: str) -> bool:
    words = info.replace("{", " ").replace("}", " ").replace(".", " ", 1).split()
    return bool(words) and words[0] == FENCE_NAME


class _FencePreprocessor(Preprocessor):  # type: ignore[misc]  # untyped base
    """Replaces each transit-map fence, at any indentation, with a stashed diagram.

    Other fenced blocks are skipped whole, so a transit-map fence shown as an example inside a
    longer fence stays text.
    """

    def __init__(self, md: Markdown, renderer: FenceRenderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        closes = FenceCloses(lines)
        i = 0
        while i < len(lines):
            opened = _OPEN.match(lines[i])
            if opened is None:
                out.append(lines[i])
                i += 1
                continue
            fence, indent = opened["fence"], opened["indent"]
            end = closes.after(i, fence)
            if end is None:  # unclosed: not a fence
                out.append(lines[i])
                i += 1
                continue
            if _is_ours(opened["info"].strip()):
                body = "\n".join(
                    line[len(indent) :] if line.startswith(indent) else line.lstrip()
                    for line in lines[i + 1 : end]
                )
                placeholder = self.md.htmlStash.store(self.renderer.render(body))
                out.extend(["", indent + placeholder, ""])
            else:
                out.extend(lines[i : end + 1])
            i = end + 1
        return out


class TransitMapExtension(Extension):  # type: ignore[misc]  # untyped base
    """Python-Markdown extension: renders ```` ```transit-map ```` fences as inline SVG."""

    def __init__(self, renderer: FenceRenderer | None = None, **kwargs: Any) -> None:
        self.config = {
            "maps_dir": ["maps", "Folder of map files (relative to the working directory)."],
            "station_url": [
                "",
                "Link template for stations, e.g. '/maps/{map}/{layer}/{station}/'; "
                "empty for no links.",
            ],
        }
        super().__init__(**kwargs)
        self._renderer = renderer

    def renderer(self) -> FenceRenderer:
        """The renderer given to the constructor, or one reading `maps_dir`."""
        if self._renderer is None:
            self._renderer = _folder_renderer(
                str(self.getConfig("maps_dir")), str(self.getConfig("station_url"))
            )
        return self._renderer

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the preprocessor ahead of fenced_code (25) and superfences (28)."""
        renderer = self.renderer()
        md.transit_maps_renderer = renderer  # type: ignore[attr-defined]
        md.preprocessors.register(_FencePreprocessor(md, renderer), "transit_map_fence", 30)


def makeExtension(**kwargs: Any) -> TransitMapExtension:
    """Entry point for `extensions=["transit_maps.markdown_fence"]`."""
    return TransitMapExtension(**kwargs)


_DEFAULT: dict[tuple[str, str], FenceRenderer] = {}


def _warn_stderr(message: str) -> None:
    import sys

    print(f"WARNING - {message}", file=sys.stderr)


def _folder_renderer(maps_dir: str, station_url: str, warn: Warn | None = None) -> FenceRenderer:
    """A renderer over the map files in `maps_dir`, shared per (folder, template)."""
    key = (str(Path(maps_dir).resolve()), station_url)
    if key not in _DEFAULT:
        maps, digests, errors = load_folder(Path(maps_dir))
        report = warn or _warn_stderr
        for error in errors:
            report(str(error))
        link = None
        if station_url:

            def link(map_id: str, layer_id: str, station_id: str) -> str:
                return station_url.format(map=map_id, layer=layer_id, station=station_id)

        _DEFAULT[key] = FenceRenderer(maps, digests, link=link, warn=report)
    return _DEFAULT[key]


def fence_format(
    src: str,
    language: str = FENCE_NAME,
    class_name: str = FENCE_NAME,
    options: Mapping[str, Any] | None = None,
    md: Markdown | None = None,
    **kwargs: Any,
) -> str:
    """pymdownx.superfences `format` for the transit-map fence.

    Uses the renderer of a `transit_maps.markdown_fence` extension loaded in the same Markdown
    instance if there is one, else the maps in `maps/` under the working directory, unlinked.
    """
    renderer = getattr(md, "transit_maps_renderer", None)
    if not isinstance(renderer, FenceRenderer):
        renderer = _folder_renderer("maps", "")
    return renderer.render(src)


def fence_validator(
    language: str,
    inputs: Mapping[str, str],
    options: dict[str, Any],
    attrs: dict[str, Any],
    md: Markdown,
) -> bool:
    """pymdownx.superfences `validator`: the fence takes no header options, only a YAML body."""
    return not inputs
