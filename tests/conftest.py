# ---- stanza tiny models (tests/stanza_tiny.py) ---------------------------------------------
# Session fixture `stanza_model_dir`: tiny uk/ru stanza models trained offline with stanza's own
# trainers and laid out like `stanza.download` leaves them, cached across runs in
# ~/.cache/claimex-tests/stanza-<hash> ($CLAIMEX_TEST_CACHE overrides).  Skips when stanza is not
# installed.  Cold build ~30-60 s on 2 cores (uk and ru train in parallel, one
# thread each); cached well under a second.
import sys as _stanza_sys
import time as _stanza_time
from pathlib import Path as _StanzaPath

import pytest as _stanza_pytest


@_stanza_pytest.fixture(scope="session")
def stanza_model_dir() -> _StanzaPath:
    _stanza_pytest.importorskip("stanza", reason="stanza is not installed: pip install 'claimex[stanza]'")
    tests_dir = str(_StanzaPath(__file__).resolve().parent)
    if tests_dir not in _stanza_sys.path:
        _stanza_sys.path.insert(0, tests_dir)
    import stanza_tiny

    started = _stanza_time.perf_counter()
    path, info = stanza_tiny.cached_model_dir()
    seconds = _stanza_time.perf_counter() - started
    state = f"built in {seconds:.1f} s" if info["built"] else f"cached, {seconds:.2f} s"
    print(f"\nstanza tiny models: {path} ({state})", file=_stanza_sys.stderr)
    return path
# ---- end of stanza tiny models --------------------------------------------------------------
