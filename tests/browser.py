"""Real headless Chromium for the whole suite (playwright driving the Debian /usr/bin/chromium).

Use the `session` context manager, or the `browser` pytest fixture (import it into a test module:
`from tests.browser import browser  # noqa: F401`):

    with session() as b:
        page = b.open_html("<p>hi</p>", width=800, height=600)   # or b.open(path_or_url)
        b.evaluate(page, "document.title")
        b.click(page, "a")                                        # or any playwright Page call
        png = b.screenshot(page)                                  # bytes (optionally `path=`)
        diff = b.image_difference(png, golden_png)                # compared inside the browser

Screenshots are taken at a device scale factor of 1 with sRGB colour, no scrollbars and no
animation, so that they are stable between runs on the same fonts. Nothing is downloaded: the
browser is the system one, and pages are opened from strings, files or localhost.
"""

from __future__ import annotations

import base64
import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--force-color-profile=srgb",
    "--hide-scrollbars",
    "--font-render-hinting=none",
]


@dataclass(frozen=True)
class ImageDifference:
    """How two images differ: sizes, mean absolute channel difference (0-255), changed pixels."""

    size_a: tuple[int, int]
    size_b: tuple[int, int]
    mean: float
    changed: float  # share of pixels where some channel differs by more than 32

    @property
    def same_size(self) -> bool:
        """Whether both images have the same width and height."""
        return self.size_a == self.size_b


_COMPARE_JS = """
async ([a, b]) => {
  const load = (src) => new Promise((ok, fail) => {
    const img = new Image(); img.onload = () => ok(img); img.onerror = fail; img.src = src; });
  const [ia, ib] = await Promise.all([load(a), load(b)]);
  const pixels = (img) => {
    const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, img.width, img.height).data; };
  const out = {sa: [ia.width, ia.height], sb: [ib.width, ib.height], mean: 255, changed: 1};
  if (ia.width !== ib.width || ia.height !== ib.height) return out;
  const pa = pixels(ia), pb = pixels(ib);
  let total = 0, changed = 0;
  for (let i = 0; i < pa.length; i += 4) {
    let worst = 0;
    for (let k = 0; k < 3; k++) { const d = Math.abs(pa[i + k] - pb[i + k]); total += d;
      if (d > worst) worst = d; }
    if (worst > 32) changed++;
  }
  const n = pa.length / 4;
  out.mean = total / (n * 3); out.changed = changed / n;
  return out;
}
"""


class Session:
    """One Chromium with helpers for opening pages, evaluating scripts and screenshots."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser

    def new_page(self, *, width: int = 1024, height: int = 768, dark: bool = False) -> Any:
        """A fresh page in its own context; `dark` sets prefers-color-scheme: dark."""
        context = self.browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=1,
            color_scheme="dark" if dark else "light",
            reduced_motion="reduce",
        )
        return context.new_page()

    def open_html(self, html: str, **viewport: Any) -> Any:
        """A page showing `html` (no network: everything must be inline)."""
        page = self.new_page(**viewport)
        page.set_content(html, wait_until="load")
        return page

    def open(self, target: str | Path, **viewport: Any) -> Any:
        """A page showing a file (path) or a URL."""
        page = self.new_page(**viewport)
        url = Path(target).resolve().as_uri() if isinstance(target, Path) else target
        page.goto(url, wait_until="load")
        return page

    def evaluate(self, page: Any, script: str, arg: Any = None) -> Any:
        """Run a JavaScript expression or function in the page; returns its (JSON) value."""
        return page.evaluate(script, arg)

    def click(self, page: Any, selector: str) -> None:
        """Click the first element matching `selector` (as a user would: scrolled into view)."""
        page.locator(selector).first.click()

    def screenshot(
        self, page: Any, *, selector: str | None = None, path: Path | None = None
    ) -> bytes:
        """PNG bytes of the page (or of one element), optionally written to `path` too."""
        target = page.locator(selector).first if selector else page
        data: bytes = target.screenshot(path=str(path) if path else None, animations="disabled")
        return data

    def image_difference(self, a: bytes, b: bytes) -> ImageDifference:
        """Compare two PNGs pixel by pixel in the browser (a canvas): no imaging library."""
        page = self.new_page(width=64, height=64)
        try:
            urls = [f"data:image/png;base64,{base64.b64encode(x).decode()}" for x in (a, b)]
            r = page.evaluate(_COMPARE_JS, urls)
        finally:
            page.context.close()
        return ImageDifference(
            tuple(r["sa"]), tuple(r["sb"]), float(r["mean"]), float(r["changed"])
        )


@contextmanager
def session() -> Iterator[Session]:
    """A headless Chromium session, closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield Session(browser)
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Session]:
    """One browser session per test module."""
    with session() as s:
        yield s


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on a free localhost port; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
