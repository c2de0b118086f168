"""Turns analysed articles, in input order, into the output contract: articles as they come (so
they can be streamed), then entities and stories once every article is in."""

from __future__ import annotations

from claimex import __version__
from claimex.merge.claims import ClaimRef, matching_pairs, stems_of
from claimex.merge.copies import copied_mentions
from claimex.merge.semantic import VectorStore
from claimex.merge.entities import EntityRecord, EntityRegistry
from claimex.merge.stories import MentionInfo, build_stories
from claimex.models import Article, Attribution, Claim, Entity, EntityMention, FileError, Output, Tool
from claimex.pipeline import Analysed
from claimex.reader import FileProblem


def _referred_first(mentions: list) -> list[int]:
    """Mention indices in text order, except that a name another mention refers to (the full name a
    surname alone stands for, named after it; the name an abbreviation spells) comes before it."""
    order: list[int] = []
    seen: set[int] = set()

    def visit(k: int) -> None:
        if k in seen:
            return
        seen.add(k)
        for referred in (mentions[k].stands_for, mentions[k].full_name_of):
            if referred is not None:
                visit(referred)
        order.append(k)

    for k in range(len(mentions)):
        visit(k)
    return order


class Assembler:
    def __init__(self, backends: dict[str, str], keep_articles: bool = True, vectors: VectorStore | None = None,
                 threads: int = 1):
        self.backends = backends
        self.vectors = vectors  # where sentence vectors of earlier runs are kept (the article cache)
        self.threads = threads  # for embedding claims: the cores the workers had
        self.keep_articles = keep_articles  # False when articles are streamed out: memory stays bounded
        self.registry = EntityRegistry()
        self.articles: list[Article] = []
        self.errors: list[FileError] = []
        self.refs: list[ClaimRef] = []
        self.info: list[MentionInfo] = []
        self.meta: list[tuple[str, str | None, str | None, str | None]] = []

    def add(self, result: Analysed | FileProblem) -> Article | FileError:
        if isinstance(result, FileProblem):
            error = FileError(path=result.path, message=result.message)
            self.errors.append(error)
            return error
        self.errors += [FileError(path=result.path, message=failure) for failure in result.failures]
        records: list[EntityRecord | None] = [None] * len(result.mentions)
        for k in _referred_first(result.mentions):
            m = result.mentions[k]
            shortens = records[m.stands_for] if m.stands_for is not None else None
            same_as = records[m.full_name_of] if m.full_name_of is not None else None
            records[k] = self.registry.add(m.text, m.normal, m.label, result.lang, result.id, shortens, same_as)
        entity_ids = [record.id for record in records]
        article = Article(
            id=result.id, path=result.path, date=result.date, lang=result.lang, encoding=result.encoding,
            title=result.title, outlet=result.outlet, backend=result.backend,
            entities=[
                EntityMention(text=m.text, label=m.label, start=m.start, end=m.end, lemma=m.normal, entity=entity_ids[k])
                for k, m in enumerate(result.mentions)
            ],
        )
        for number, claim in enumerate(result.claims, start=1):
            article.claims.append(self._claim(result, claim, number, records))
        if self.keep_articles:
            self.articles.append(article)
        self.meta.append((result.id, result.lang, result.date, result.title))
        return article

    def _claim(self, result: Analysed, claim, number: int, records: list[EntityRecord]) -> Claim:
        mention_id = f"{result.id}#{number}"
        source_record = records[claim.source_mention] if claim.source_mention is not None else None
        source_entity = source_record.id if source_record else None
        source = claim.source
        if source_record and source_record.label == "PER":
            source = source_record.name_in(result.lang)  # "Алвес" after "Маркус Алвес": the fullest name so far
        entities = list(dict.fromkeys(records[k].id for k in claim.mentions))
        compared = {records[k].claim_key for k in claim.mentions if records[k].id != source_entity or claim.features.about_source}
        self.refs.append(
            ClaimRef(
                mention_id=mention_id, article=result.id, lang=result.lang or "", date=result.date,
                stems=stems_of(claim.features.terms),
                entities=frozenset(compared),
                numbers=frozenset(claim.features.numbers), dates=frozenset(claim.features.dates),
                headline=bool(result.title) and claim.text.strip() == result.title.strip(),
                clauses=tuple(stems_of(clause) for clause in claim.features.clauses),
                text=claim.text, speaker=source_entity if source_record and source_record.label == "PER" else None,
            )
        )
        self.info.append(
            MentionInfo(claim.text, source, source_entity, result.outlet, bool(claim.hedges), claim.stance)
        )
        return Claim(
            id=mention_id, text=claim.text, start=claim.start, end=claim.end,
            attribution=Attribution(
                source=source, source_entity=source_entity, role=claim.role, cue=claim.cue,
                cue_start=claim.cue_start, cue_end=claim.cue_end, kind=claim.kind, chain=claim.chain,
            ),
            hedged=bool(claim.hedges), hedges=claim.hedges, stance=claim.stance, entities=entities,
        )

    def entities(self) -> list[Entity]:
        return [
            Entity(id=r.id, name=r.name, label=r.label, variants=sorted(r.variants), articles=list(r.articles))
            for r in self.registry.records
        ]

    def finish(self) -> Output:
        records = {r.id: r for r in self.registry.records}
        for mention in self.info:
            record = records.get(mention.source_entity)
            if record and mention.source in record.variants | {form for _, form in record.forms}:
                # the entity's final, readable name, one for both languages; a source longer than the
                # entity's name ("МИД ОАЭ" around the entity "МИД") keeps its own
                mention.source = record.name
        copies = copied_mentions(self.refs)
        pairs = matching_pairs(self.refs, copies, self.vectors, self.threads)
        stories = build_stories(self.meta, self.refs, self.info, pairs, copies)
        return Output(
            tool=Tool(version=__version__, backends=self.backends),
            articles=self.articles,
            entities=self.entities(),
            stories=stories,
            errors=self.errors,
        )
