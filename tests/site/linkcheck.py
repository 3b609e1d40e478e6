"""Link and safety checks over a whole built site, with the standard library's HTML parser."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

URL_ATTRS = ("href", "src", "xlink:href")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.handlers: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRS and value is not None:
                self.urls.append(value)
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def scan(path: Path) -> _Collector:
    """Parse one HTML file."""
    return scan_text(path.read_text(encoding="utf-8"))


def scan_text(html: str) -> _Collector:
    """Parse HTML text: its URLs, event-handler attributes and script bodies."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def active_content(html: str) -> list[str]:
    """Elements that could run code: any script, any on* attribute, javascript:/data: URLs."""
    collected = scan_text(html)
    tags = [f"<script>{s[:40]}" for s in collected.scripts] + collected.handlers
    bad = ("javascript:", "data:", "vbscript:")
    return tags + [u for u in collected.urls if u.strip().lower().startswith(bad)]


def broken_links(site: Path) -> list[str]:
    """Every internal href/src in every HTML file that does not lead to a file of the site."""
    broken: list[str] = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        for url in scan(page).urls:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto") or parts.netloc:
                continue
            if parts.scheme:  # transit:, javascript:, data: ... must not survive
                broken.append(f"{rel}: {url}")
                continue
            if not parts.path:  # "#fragment" or "?query" on the same page
                continue
            path = unquote(parts.path)
            # 404.html uses root-relative URLs (the server serves it for any path).
            base = "" if path.startswith("/") else posixpath.dirname(rel)
            target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
            resolved = site / target
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if target.startswith("..") or not resolved.is_file():
                broken.append(f"{rel}: {url}")
    return broken


def injected(site: Path, marker: str = "alert(") -> list[str]:
    """Event-handler attributes anywhere, scripts or URLs carrying `marker`, javascript: URLs."""
    found: list[str] = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        collected = scan(page)
        found.extend(f"{rel}: {h}" for h in collected.handlers)
        found.extend(f"{rel}: <script>{s[:60]}" for s in collected.scripts if marker in s)
        found.extend(
            f"{rel}: {u}"
            for u in collected.urls
            if u.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
        )
    return found
