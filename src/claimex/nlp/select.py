"""Which backend serves each language: `auto` takes stanza where its models are installed, then
spaCy where a pipeline is installed or given, then builtin; English is always builtin."""

from __future__ import annotations

from claimex.nlp import spacy_models, stanza_models
from claimex.nlp.spacy_models import SpacyPipeline

LANGUAGES = ("uk", "ru")


class BackendUnavailable(Exception):
    pass


def plan_backends(choice: str, stanza_dir: str | None, spacy_pipelines: dict[str, SpacyPipeline] | None = None) -> dict[str, str]:
    """Language -> "stanza" | "spacy" | "builtin"; `spacy_pipelines` from `spacy_models.find_pipelines`."""
    spacy_pipelines = spacy_pipelines or {}
    model_dir = stanza_models.resolve_dir(stanza_dir)
    if choice == "stanza" and not stanza_models.stanza_installed():
        raise BackendUnavailable(stanza_models.INSTALL_HINT)
    if choice == "spacy" and not spacy_models.spacy_installed():
        raise BackendUnavailable(spacy_models.INSTALL_HINT)
    stanza_usable = choice in ("auto", "stanza") and stanza_models.stanza_installed()
    spacy_usable = choice in ("auto", "spacy") and spacy_models.spacy_installed()
    plan = {}
    for lang in LANGUAGES:
        if stanza_usable and stanza_models.is_available(lang, model_dir):
            plan[lang] = "stanza"
        elif choice == "stanza":
            raise BackendUnavailable(
                f"no stanza models for {lang} in {model_dir}: run `claimex models download {lang}` "
                f"(needs internet) or pass --stanza-dir"
            )
        elif spacy_usable and lang in spacy_pipelines:
            plan[lang] = "spacy"
        elif choice == "spacy":
            raise BackendUnavailable(spacy_models.missing_message(lang))
        else:
            plan[lang] = "builtin"
    plan["en"] = "builtin"  # English articles in uk/ru stories: only the builtin rules read them
    return plan
