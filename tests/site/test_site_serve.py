"""`mkdocs serve`: map edits rebuild the site; a broken map is reported and the server survives."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .sitebuild import ENV, FIXTURE, copy_site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A `mkdocs serve` subprocess whose log is collected by a reader thread."""

    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.log: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=ENV,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.append(line.rstrip())

    def get(self, path: str) -> tuple[int, str]:
        try:
            url = f"http://127.0.0.1:{self.port}/{path}"
            with urllib.request.urlopen(url, timeout=10) as response:
                return int(response.status), response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return int(error.code), ""
        except OSError:
            return 0, ""

    def wait_for(self, what: str, check: Callable[[], bool], timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "\n".join(self.log)
            if check():
                return
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting for {what}:\n" + "\n".join(self.log))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    root = copy_site(FIXTURE, tmp_path / "s")
    server = Server(root)
    try:
        yield server, root / "maps" / "tiny.yaml"
    finally:
        server.stop()


def test_serve_rebuilds_on_map_edits_and_survives_a_broken_map(
    served: tuple[Server, Path],
) -> None:
    server, map_file = served
    server.wait_for("the first build", lambda: server.get("maps/tiny/systems/training/")[0] == 200)
    _, html = server.get("maps/tiny/systems/training/")
    assert "Model training" in html

    # Add a station: its page appears after the rebuild.
    original = map_file.read_text(encoding="utf-8")
    map_file.write_text(
        original.replace("[training, registry, serving]", "[training, registry, canary, serving]")
    )
    server.wait_for(
        "the new station's page", lambda: server.get("maps/tiny/systems/canary/")[0] == 200
    )
    assert 'href="../canary/"' in server.get("maps/tiny/systems/registry/")[1]

    # Break the map: the error is logged with its location, the server keeps serving.
    broken = original.replace("stations: [scientist, engineer]", "stations: scientist")
    map_file.write_text(broken)
    server.wait_for(
        "the located error",
        lambda: any("maps/tiny.yaml:" in line and "error:" in line for line in server.log),
    )
    server.wait_for(
        "the error on the maps index", lambda: "transit-map-error" in server.get("maps/")[1]
    )
    assert server.get("")[0] == 200
    assert not any("Traceback" in line for line in server.log)

    # Fix it: the pages come back.
    map_file.write_text(original)
    server.wait_for(
        "recovery",
        lambda: (
            server.get("maps/tiny/org/scientist/")[0] == 200
            and "transit-map-error" not in server.get("maps/")[1]
        ),
    )
    assert server.get("maps/tiny/systems/canary/")[0] == 404
