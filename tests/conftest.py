"""Suite-wide checks made once before any test is collected."""

from __future__ import annotations

import os

import pytest

from tests.paths import missing_corpus

# No BLAS threads (scipy and numpy load for one benchmark's tests only): the test process then
# keeps a single thread, as the command line has, and the layout may fork where it would there
# (`transit_maps.layout.parallel`; tests/layout/test_parallel.py checks that it does).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"


def pytest_configure(config: pytest.Config) -> None:
    """Stop with one clear message when the shared corpus is not beside the clone: without it
    dozens of corpus tests would fail on a missing file or run with no cases at all."""
    problem = missing_corpus()
    if problem is not None:
        raise pytest.UsageError(problem)
