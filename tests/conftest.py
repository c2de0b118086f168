"""Session fixture `stanza_model_dir`: tiny uk/ru stanza models trained offline with stanza's own
trainers (tests/stanza_tiny.py) and laid out like `stanza.download` leaves them, cached across runs
in ~/.cache/claimex-tests/stanza-<hash> ($CLAIMEX_TEST_CACHE overrides). A cold build takes
30-60 s on 2 cores; a cached one well under a second."""

import os
import sys
import time
from pathlib import Path

# every run in the tests analyses its files afresh; the cache's own tests name a cache file
os.environ["CLAIMEX_CACHE"] = "off"

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stanza_tiny


@pytest.fixture(scope="session")
def stanza_model_dir() -> Path:
    started = time.perf_counter()
    path, info = stanza_tiny.cached_model_dir()
    seconds = time.perf_counter() - started
    state = f"built in {seconds:.1f} s" if info["built"] else f"cached, {seconds:.2f} s"
    print(f"\nstanza tiny models: {path} ({state})", file=sys.stderr)
    return path
