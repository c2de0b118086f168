"""The output contract, defined once: `claimex schema` prints the JSON Schema generated from here."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Label = Literal["PER", "ORG", "LOC", "MISC"]
Kind = Literal["direct_quote", "indirect", "according_to", "unattributed"]
Stance = Literal["asserted", "denied", "refused_comment"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Tool(Model):
    name: str = "claimex"
    version: str
    backends: dict[str, str] = Field(description="Backend that served each language, e.g. {'uk': 'builtin'}")


class EntityMention(Model):
    text: str
    label: Label
    start: int
    end: int
    lemma: str = Field(description="Normal form in the article's language: 'Володимира Зеленського' → 'Володимир Зеленський'")
    entity: str = Field(description="Id of the merged entity in the top-level `entities` list")


class Attribution(Model):
    source: str | None = Field(description="Who the claim is attributed to, in the nominative, an abbreviation the article defines spelled out; null when the outlet asserts it")
    source_entity: str | None = None
    role: str | None = Field(None, description="The source's role as written, e.g. 'пресс-секретарь президента РФ'")
    cue: str | None = Field(None, description="The words that attribute the claim, as written")
    cue_start: int | None = None
    cue_end: int | None = None
    kind: Kind
    chain: list[str] = Field(default_factory=list, description="Outlet of the article first, then each source it cites")


class Claim(Model):
    id: str
    text: str
    start: int
    end: int
    attribution: Attribution
    hedged: bool = False
    hedges: list[str] = Field(default_factory=list)
    stance: Stance = "asserted"
    entities: list[str] = Field(default_factory=list)


class Article(Model):
    id: str
    path: str
    date: str | None
    lang: str | None
    encoding: str
    title: str | None
    outlet: str | None
    backend: str | None = None
    entities: list[EntityMention] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


class Entity(Model):
    id: str
    name: str
    label: Label
    variants: list[str]
    articles: list[str]


class StoryClaim(Model):
    id: str
    text: str = Field(description="Representative mention, in its original language")
    mentions: list[str] = Field(
        description="Claim mentions stating it; a sentence that states several facts can support several rows"
    )
    articles: list[str]
    languages: list[str]
    sources: list[str]
    outlets: list[str] = Field(default_factory=list)
    first_seen: str | None = Field(description="Earliest article date carrying the claim")
    first_article: str | None = None
    flags: list[str] = Field(
        default_factory=list,
        description="hedged_somewhere, details_differ, denied_somewhere, refused_comment_somewhere",
    )
    differing_details: list[str] = Field(default_factory=list)


class Story(Model):
    id: str
    title: str
    articles: list[str]
    languages: list[str]
    date_from: str | None
    date_to: str | None
    claims: list[StoryClaim]


class FileError(Model):
    path: str
    message: str


class Output(Model):
    schema_version: str = SCHEMA_VERSION
    tool: Tool
    articles: list[Article]
    entities: list[Entity]
    stories: list[Story]
    errors: list[FileError]
