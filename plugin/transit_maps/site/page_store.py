"""Generated pages as files on disk, rewritten only when their text changes.

MkDocs's `--dirty` mode (`mkdocs serve --dirty`) rebuilds a page only when its source file is
newer than its output. In-memory generated pages always count as changed, so a one-map edit
would rebuild every station page of every map. Backing the pages with files whose modification
time moves only when the text does lets MkDocs skip the pages of unchanged maps.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


class PageStore:
    """A temporary folder of generated pages."""

    def __init__(self) -> None:
        self._root: Path | None = None

    def write(self, src_uri: str, text: str) -> Path:
        """The file holding `text` for `src_uri`; untouched when it already holds exactly that."""
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="transit-maps-pages-"))
        path = self._root / src_uri
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def close(self) -> None:
        """Remove the folder."""
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None


def with_source(markdown: str, digest: str) -> str:
    """The page with the digest of its map in the front matter.

    A station page's markdown names its diagram (`map`, `layer`, `highlight`) but not the
    drawing; when the map's layout changes the text must change too, or `--dirty` would keep the
    old drawing.
    """
    if not digest or not markdown.startswith("---\n"):
        return markdown
    return f"---\ntransit_maps_source: {digest[:16]}\n" + markdown[4:]
