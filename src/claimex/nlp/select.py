"""Which backend serves each language: `auto` takes stanza where its models are installed."""

from __future__ import annotations

from claimex.nlp import stanza_models

LANGUAGES = ("uk", "ru")


class BackendUnavailable(Exception):
    pass


def plan_backends(choice: str, stanza_dir: str | None) -> dict[str, str]:
    model_dir = stanza_models.resolve_dir(stanza_dir)
    if choice == "stanza" and not stanza_models.stanza_installed():
        raise BackendUnavailable("stanza is not installed: pip install 'claimex[stanza]'")
    if not stanza_models.stanza_installed():
        choice = "builtin"
    plan = {}
    for lang in LANGUAGES:
        available = choice != "builtin" and stanza_models.is_available(lang, model_dir)
        if choice == "stanza" and not available:
            raise BackendUnavailable(
                f"no stanza models for {lang} in {model_dir}: run `claimex models download {lang}` "
                f"(needs internet) or pass --stanza-dir"
            )
        plan[lang] = "stanza" if available else "builtin"
    return plan
