"""Suite-wide checks made once before any test is collected."""

from __future__ import annotations

import pytest

from tests.paths import missing_corpus


def pytest_configure(config: pytest.Config) -> None:
    """Stop with one clear message when the shared corpus is not beside the clone: without it
    dozens of corpus tests would fail on a missing file or run with no cases at all."""
    problem = missing_corpus()
    if problem is not None:
        raise pytest.UsageError(problem)
