"""Which spaCy pipeline serves each language: a folder given with ``--spacy-model uk=PATH``, else
the largest installed published package (``uk_core_news_lg`` > ``md`` > ``sm``).

Found without importing spaCy (three seconds at start-up): a package is installed when its
distribution metadata is, the very test ``spacy.util.is_package`` makes, and a folder is a pipeline
when it has the ``meta.json`` that ``nlp.to_disk`` writes.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
from dataclasses import dataclass

SIZES = ("lg", "md", "sm")
INSTALL_HINT = "spaCy is not installed: pip install 'claimex[spacy]'"


class PipelineError(Exception):
    """A --spacy-model value that names no usable pipeline; the message is one line."""


@dataclass(frozen=True)
class SpacyPipeline:
    lang: str
    source: str  # what spacy.load takes: a package name or a folder
    name: str
    version: str
    is_folder: bool

    @property
    def identity(self) -> str:
        """Name, version and (for a folder) where it is: a re-trained or other pipeline is another analysis."""
        label = f"{self.name}-{self.version}"
        return f"{label}@{os.path.abspath(self.source)}" if self.is_folder else label


def spacy_installed() -> bool:
    return importlib.util.find_spec("spacy") is not None


def package_names(lang: str) -> list[str]:
    """The published pipelines for `lang`, most accurate first."""
    return [f"{lang}_core_news_{size}" for size in SIZES]


def installed_packages(lang: str) -> list[SpacyPipeline]:
    found = []
    for name in package_names(lang):
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        found.append(SpacyPipeline(lang, name, name, version, is_folder=False))
    return found


def from_folder(lang: str, path: str) -> SpacyPipeline:
    folder = os.path.expanduser(path)
    try:
        with open(os.path.join(folder, "meta.json"), encoding="utf-8") as handle:
            meta = json.load(handle)
    except (OSError, ValueError) as error:
        raise PipelineError(f"--spacy-model {lang}={path}: not a spaCy pipeline folder (no readable meta.json)") from error
    if meta.get("lang") not in (lang, "xx"):
        raise PipelineError(f"--spacy-model {lang}={path}: the pipeline there is for language {meta.get('lang')!r}")
    name = f"{meta['lang']}_{meta.get('name', 'pipeline')}"
    return SpacyPipeline(lang, folder, name, str(meta.get("version", "")), is_folder=True)


def parse_given(values: list[str] | None) -> dict[str, str]:
    """["uk=PATH", "ru=PATH"] -> {"uk": "PATH", "ru": "PATH"}."""
    given = {}
    for value in values or []:
        lang, sep, path = value.partition("=")
        if not sep or not lang or not path:
            raise PipelineError(f"--spacy-model {value}: write it as LANG=PATH, e.g. uk=./uk_pipeline")
        given[lang.strip()] = path.strip()
    return given


def find_pipelines(langs: tuple[str, ...], given: dict[str, str]) -> dict[str, SpacyPipeline]:
    """The pipeline for each language that has one: the given folder, else the best package."""
    unknown = sorted(set(given) - set(langs))
    if unknown:
        raise PipelineError(f"--spacy-model {unknown[0]}=...: claimex analyses {' and '.join(langs)} only")
    found = {}
    for lang in langs:
        if lang in given:
            found[lang] = from_folder(lang, given[lang])
        elif packages := installed_packages(lang):
            found[lang] = packages[0]
    return found


def where(pipeline: SpacyPipeline) -> str:
    """The folder a pipeline is loaded from, for `claimex models list`."""
    if pipeline.is_folder:
        return pipeline.source
    spec = importlib.util.find_spec(pipeline.source)
    if spec is None or not spec.submodule_search_locations:
        return "?"
    return next(iter(spec.submodule_search_locations))


def missing_message(lang: str) -> str:
    return (
        f"no spaCy pipeline for {lang}: install one with `python -m spacy download {lang}_core_news_sm` "
        f"(needs internet) or pass --spacy-model {lang}=PATH"
    )
