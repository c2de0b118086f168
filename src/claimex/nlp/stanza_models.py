"""Where stanza models live, which are installed, and downloading them.

Everything here but `download` reads files only and never imports stanza or torch (an optional
extra: ``pip install 'claimex[stanza]'``), so checking for models costs nothing at start-up.

A model folder has the layout ``stanza.download(lang, model_dir=DIR)`` produces::

    DIR/resources.json
    DIR/<lang>/<processor>/<package>.pt      (plus pretrain / charlm dependencies)
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from pathlib import Path

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
REQUIRED = ("tokenize", "ner")
# What each processor needs loaded before it (stanza refuses a pipeline that lacks them).
NEEDS = {"mwt": ("tokenize",), "pos": ("tokenize",), "lemma": ("tokenize",), "depparse": ("tokenize", "pos", "lemma"), "ner": ("tokenize",)}
INSTALL_HINT = "stanza is not installed: pip install 'claimex[stanza]'"
CHECK_TIMEOUT = 5.0  # seconds for the connectivity check before a download


class StanzaNotInstalled(ImportError):
    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class ModelDownloadError(Exception):
    """A download could not run or finish; the message is one line, fit for a user."""


def import_stanza():
    """stanza, imported on demand, or a clear error naming the extra to install."""
    try:
        import stanza
    except ImportError as exc:
        raise StanzaNotInstalled() from exc
    return stanza


def stanza_installed() -> bool:
    return importlib.util.find_spec("stanza") is not None


# --- directories -----------------------------------------------------------------------------


def default_dir() -> str:
    """stanza's own default resources folder, found without importing stanza.

    Like stanza: $STANZA_RESOURCES_DIR when set.  Otherwise stanza >= 1.15 keeps models in the
    platform cache folder, ``<user cache>/stanza/<resources version>/resources`` (e.g.
    ~/.cache/stanza/1.15.0/resources); older releases and installs without stanza use
    ~/stanza_resources.
    """
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return env
    cached = _stanza_cache_dir()
    if cached is not None:
        return cached
    return os.path.join(os.path.expanduser("~"), "stanza_resources")


def _stanza_cache_dir() -> str | None:
    """The platformdirs location the installed stanza uses, when it is a release that does."""
    try:
        spec = importlib.util.find_spec("stanza")  # locates the package without running it
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    try:
        common = (package / "resources" / "common.py").read_text(encoding="utf-8")
        version_file = (package / "_version.py").read_text(encoding="utf-8")
    except OSError:
        return None
    if "user_cache_dir" not in common:
        return None
    match = re.search(r"__resources_version__\s*=\s*['\"]([^'\"]+)['\"]", version_file)
    if match is None:
        return None
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        return None
    return os.path.join(user_cache_dir("stanza", "StanfordNLP", match.group(1)), "resources")


def resolve_dir(cli_dir: str | None) -> str:
    """The model folder to use: --stanza-dir / --dir, else $CLAIMEX_STANZA_DIR, else stanza's default."""
    if cli_dir:
        return os.path.expanduser(cli_dir)
    env = os.environ.get("CLAIMEX_STANZA_DIR")
    if env:
        return os.path.expanduser(env)
    return default_dir()


# --- what is installed -----------------------------------------------------------------------


def _resources(model_dir: str | os.PathLike) -> dict:
    try:
        with open(os.path.join(model_dir, "resources.json"), encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _lang_entry(resources: dict, lang: str) -> tuple[str, dict]:
    """Follow stanza's aliases ("ukrainian" -> "uk"); ({}, lang) when absent."""
    seen = set()
    entry = resources.get(lang)
    while isinstance(entry, dict) and "alias" in entry and lang not in seen:
        seen.add(lang)
        lang = entry["alias"]
        entry = resources.get(lang)
    return lang, entry if isinstance(entry, dict) else {}


def _default_packages(entry: dict, processor: str) -> list[str]:
    """The packages stanza.Pipeline(processors="...") picks for a processor (default package)."""
    default = entry.get("packages", {}).get("default", {})
    value = default.get(processor) if isinstance(default, dict) else None
    if value is None and isinstance(entry.get(processor), dict) and "default" in entry[processor]:
        value = "default"
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]


def _model_present(model_dir: str, lang: str, entry: dict, processor: str, package: str, seen=None) -> bool:
    path = os.path.join(model_dir, lang, processor, f"{package}.pt")
    if not os.path.isfile(path):
        return False
    seen = seen or set()
    seen.add((processor, package))
    spec = entry.get(processor, {}).get(package, {})
    for dep in spec.get("dependencies", []) if isinstance(spec, dict) else []:
        key = (dep.get("model"), dep.get("package"))
        if key in seen or None in key:
            continue
        if not _model_present(model_dir, lang, entry, key[0], key[1], seen):
            return False
    return True


def installed(lang: str, model_dir: str | os.PathLike) -> list[str]:
    """Processors of `lang` whose default models (and their dependencies) are on disk, in pipeline order."""
    model_dir = os.fspath(model_dir)
    lang, entry = _lang_entry(_resources(model_dir), lang)
    found = []
    for processor in PROCESSORS:
        packages = _default_packages(entry, processor)
        if packages and all(_model_present(model_dir, lang, entry, processor, p) for p in packages):
            found.append(processor)
    return found


def expects_mwt(lang: str, model_dir: str | os.PathLike) -> bool:
    """Does the language's default tokenizer come with a multi-word-token expander?"""
    _, entry = _lang_entry(_resources(os.fspath(model_dir)), lang)
    return bool(_default_packages(entry, "mwt"))


def usable(lang: str, model_dir: str | os.PathLike) -> list[str]:
    """The installed processors a pipeline can load together (each with what it depends on)."""
    have = installed(lang, model_dir)
    if expects_mwt(lang, model_dir) and "mwt" not in have:
        return []
    chosen: list[str] = []
    for processor in PROCESSORS:
        if processor in have and all(need in chosen for need in NEEDS.get(processor, ())):
            chosen.append(processor)
    return chosen


def is_available(lang: str, model_dir: str | os.PathLike | None) -> bool:
    """Models for `lang` good enough for the stanza backend: at least tokenize and ner."""
    if not model_dir:
        return False
    return all(p in usable(lang, model_dir) for p in REQUIRED)


def installed_languages(model_dir: str | os.PathLike) -> list[str]:
    """Languages in resources.json with at least one processor on disk."""
    resources = _resources(os.fspath(model_dir))
    langs = [k for k, v in resources.items() if isinstance(v, dict) and "alias" not in v]
    return sorted(lang for lang in langs if os.path.isdir(os.path.join(model_dir, lang)) and installed(lang, model_dir))


# --- downloading -----------------------------------------------------------------------------


def _resources_url() -> str:
    from stanza.resources.common import DEFAULT_RESOURCES_URL, DEFAULT_RESOURCES_VERSION

    base = DEFAULT_RESOURCES_URL
    if base.lower() in ("stanford", "stanfordnlp"):
        from stanza.resources.common import STANFORDNLP_RESOURCES_URL

        base = STANFORDNLP_RESOURCES_URL
    return f"{base}/resources_{DEFAULT_RESOURCES_VERSION}.json"


def check_connectivity(url: str, timeout: float = CHECK_TIMEOUT) -> None:
    """Raise ModelDownloadError unless `url` answers within about `timeout` seconds (proxies honoured).

    The request runs in a daemon thread joined with a deadline, because requests' timeout does not
    cover a hanging DNS lookup.
    """
    import threading

    import requests

    outcome: dict[str, object] = {}

    def probe() -> None:
        try:
            outcome["status"] = requests.head(url, timeout=timeout, allow_redirects=True).status_code
        except Exception as exc:  # noqa: BLE001 - reported below as one line
            outcome["error"] = exc

    thread = threading.Thread(target=probe, name="claimex-stanza-check", daemon=True)
    thread.start()
    thread.join(timeout * 2 + 1)
    reason = None
    if thread.is_alive():
        reason = "timed out"
    elif "error" in outcome:
        reason = type(outcome["error"]).__name__
    if reason is not None:
        raise ModelDownloadError(
            f"cannot reach {url} ({reason}): downloading stanza models needs internet access; "
            f"copy a model folder from a connected machine and pass --stanza-dir or set CLAIMEX_STANZA_DIR"
        )
    status = int(outcome.get("status", 0))
    if status >= 400:
        raise ModelDownloadError(f"stanza resources index unavailable: HTTP {status} from {url}")


def download(langs: list[str] | tuple[str, ...], model_dir: str | os.PathLike) -> dict[str, list[str]]:
    """Download the default models of each language's processors (those stanza offers among
    tokenize, mwt, pos, lemma, depparse, ner) into model_dir; returns {lang: processors}.

    Fails fast offline with ModelDownloadError (a short connectivity check runs first), and raises
    StanzaNotInstalled when the extra is missing.
    """
    stanza = import_stanza()
    import requests
    from stanza.resources.common import UnknownLanguageError, download_resources_json, load_resources_json

    model_dir = os.fspath(model_dir)
    url = _resources_url()
    check_connectivity(url)
    result: dict[str, list[str]] = {}
    try:
        os.makedirs(model_dir, exist_ok=True)
        download_resources_json(model_dir)
        resources = load_resources_json(model_dir)
        for lang in langs:
            code, entry = _lang_entry(resources, lang)
            if not entry:
                raise ModelDownloadError(f"stanza has no models for language '{lang}'")
            processors = [p for p in PROCESSORS if _default_packages(entry, p)]
            if not processors:
                raise ModelDownloadError(f"stanza offers none of {', '.join(PROCESSORS)} for '{lang}'")
            stanza.download(
                code, model_dir=model_dir, processors=",".join(processors), logging_level="WARN", download_json=False
            )
            result[lang] = installed(lang, model_dir)
    except ModelDownloadError:
        raise
    except requests.RequestException as exc:
        raise ModelDownloadError(f"download failed ({type(exc).__name__}): {_first_line(exc)}") from None
    except UnknownLanguageError:
        raise ModelDownloadError(f"stanza has no models for language {', '.join(langs)}") from None
    except OSError as exc:
        if exc.filename and exc.strerror:
            raise ModelDownloadError(f"cannot write models to {model_dir}: {exc.strerror}: {exc.filename}") from None
        raise ModelDownloadError(f"download failed ({type(exc).__name__}): {_first_line(exc)}") from None
    except Exception as exc:  # md5 mismatch, unknown package, huggingface_hub / httpx errors, ...
        raise ModelDownloadError(f"download failed ({type(exc).__name__}): {_first_line(exc)}") from None
    return result


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
