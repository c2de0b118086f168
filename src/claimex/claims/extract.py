"""Claims and their attribution, read from an annotated `Doc`.

A claim is a sentence of running text (or the reported clause of a sentence whose first part only
attributes it). Per sentence we find the cues of the language's lexicon: speech verbs and their
subjects, according-to phrases with the noun in the case they govern, impersonal "говорится в ...",
quotes closed by "— пишет X", and back-references ("Про це повідомляє X", "издание") that attribute
what came before. Hedges and denials come from the same lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from claimex.claims.attribution import (
    ALSO, MIN_CLAIM_WORDS, Found, Memory, Speaker, past_gender, person_noun, refusals, speech_cue, token_at,
)
from claimex.claims.layout import analyse
from claimex.claims.lexicon import Lexicon, find_phrases, lexicon
from claimex.claims.quotes import quote_spans
from claimex.claims.rules import SentenceContext, attribute, quotation_speakers
from claimex.claims.sources import COORDINATORS, CLOSING_QUOTES, OPENING_QUOTES, PRONOUNS, Source
from claimex.doc import Doc, Sentence
from claimex.nlp.morph import is_plural

# "МОСКВА, 2 ноября. /ТАСС/.", "АНКОРИДЖ /штат Аляска/, 16 августа. /ТАСС/." or "МОСКВА, 22 октября — РИА
# Новости." opening the first paragraph; no "^": Pattern.match(text, pos) anchors at pos, where "^" would
# demand the start of the whole text
DATELINE = re.compile(
    r"[A-ZА-ЯЁІЇЄҐ][A-ZА-ЯЁІЇЄҐ\- ]+(?:/[^/\n]{2,40}/)?,\s+\d{1,2}\s+\w+\.?(?:\s+\d{4})?\s*"
    r"(?:/\s*([^/\n]{2,40}?)\s*/|[—–-]\s*((?:[\w«»\"'-]+ ?){1,4})(?=\.))\.?\s*"
)
BYLINE_OUTLET = re.compile(r"^(?:Редакция сайта|Редакція сайту)\s+(.+?)\s*$", re.MULTILINE)
LEAD_PARAGRAPHS = 3  # where an article says which outlet it relays
REPORTATIVE = {"якобы", "будто", "нібито", "начебто", "ніби"}  # hedges that mark a report, not a guess
DEMONSTRATIVES = {"этот", "эти", "тот", "цей", "ці", "той"}
QUOTES = OPENING_QUOTES | CLOSING_QUOTES
DIALOGUE_DASHES = {"— ", "– ", "- "}  # a paragraph opening with one is a quotation
DIALOGUE_DASH = re.compile(r"\s[—–-]\s")
CLAUSE_COORDINATORS = COORDINATORS | {"а", "но", "але"}  # ", а последний заявил": a clause with a speaker of its own


@dataclass
class Draft:
    start: int
    end: int
    first: int  # token span
    last: int
    paragraph: int
    found: Found
    hedges: list[str] = field(default_factory=list)
    stance: str = "asserted"


@dataclass
class ArticleClaims:
    outlet: str | None
    claims: list[Draft]


def extract(doc: Doc, title: tuple[int, int] | None = None) -> ArticleClaims:
    lex = lexicon(doc.lang)
    layout = analyse(doc.text, doc.paragraphs, title)
    memory = Memory(lex, doc.lang)
    quoted = quotation_speakers(doc, lex, memory, layout.skipped)
    outlet = _stated_outlet(doc)
    roles = _roles(doc)
    drafts: list[Draft] = []
    for index, sentence in enumerate(doc.sentences):
        if sentence.paragraph in layout.skipped:
            continue
        start, end = _claim_bounds(doc, sentence, layout.end_of_text.get(sentence.paragraph))
        if end - start <= 0 or doc.text[start:end].rstrip().endswith("?"):
            continue
        found = _with_person_behind_role(doc, lex, attribute(SentenceContext(doc, lex, index, memory, quoted)), roles, memory)
        if outlet is None and sentence.paragraph < LEAD_PARAGRAPHS:
            outlet, found = _article_outlet(found)
        memory.remember(doc, sentence, found.source, outlet)
        cue_here = found.cue is not None and sentence.start <= found.cue[0] < sentence.end
        if found.source is not None and not found.back_reference and cue_here and _only_attribution(doc, lex, sentence, found):
            found = replace(found, back_reference=True)  # "– ідеться у документах США." after a quotation
        if found.back_reference or found.tail:
            _attribute_previous(doc.text, drafts, found, sentence.paragraph, same_paragraph_only=found.tail)
            if found.back_reference and found.content_start is None:
                continue
        if found.content_start is not None:
            start = found.content_start
        tokens = [i for i in range(sentence.first, sentence.last) if start <= doc.tokens[i].start < end]
        if len([t for t in tokens if doc.tokens[t].text.isalnum()]) < MIN_CLAIM_WORDS:
            continue
        if found.cue is None and drafts and _continues(doc, lex, tokens, drafts[-1], sentence.paragraph):
            found = replace(drafts[-1].found, rule=f"continues the attributed sentence before it ({drafts[-1].found.rule})",
                            decided_by=found.decided_by, declined=found.declined)
        elif found.cue is None and drafts and _quoted_paragraph_after_speaker(doc, sentence, drafts[-1]):
            found = replace(drafts[-1].found, kind="direct_quote", decided_by=found.decided_by, declined=found.declined,
                            rule=f"a quoted paragraph after its speaker's ({drafts[-1].found.rule})")
        for part_start, part_end, part_found in _propositions(doc, lex, tokens, start, end, found):
            if part_found.source is not found.source:
                part_found = _with_person_behind_role(doc, lex, part_found, roles, memory)
            part = [i for i in tokens if part_start <= doc.tokens[i].start < part_end]
            drafts.append(_draft(doc, lex, part_start, part_end, part, sentence.paragraph, part_found))
    return ArticleClaims(outlet, drafts)


def _lemmas(doc: Doc, first: int, last: int) -> tuple[str, ...]:
    return tuple(t.lemma.lower() for t in doc.tokens[first:last] if t.pos not in ("PUNCT", "PART"))


def _roles(doc: Doc) -> tuple[list[tuple[tuple[str, ...], str]], dict[str, Source]]:
    """Roles written before a person's name anywhere in the article: "пресс-секретарь президента РФ
    Дмитрий Песков" gives (пресс-секретарь, президент, рф) → Дмитрий Песков; a quoted name may be
    part of it ("директор компании «Кременчукгенерация» Игорь Савчук"). Returned as the distinct
    (role, name) pairs in order of appearance, and each name's last-named source."""
    roles = []
    sentence_starts = {sentence.first for sentence in doc.sentences}  # a headline's last word is no role
    for mention in doc.mentions:
        if mention.label != "PER":
            continue
        first = mention.first
        while first > 0 and first not in sentence_starts and mention.first - first < 8 and (
            doc.tokens[first - 1].pos in ("NOUN", "ADJ", "PROPN") or doc.tokens[first - 1].text in QUOTES
            or doc.tokens[first - 1].text.lower() in ROLE_LINKS
        ):
            first -= 1
        while first < mention.first and (doc.tokens[first].text in QUOTES or doc.tokens[first].text.lower() in ROLE_LINKS):
            first += 1
        if first < mention.first:
            roles.append((_lemmas(doc, first, mention.first), Source(mention.normal or mention.text, mention)))
    distinct = list(dict.fromkeys((role, named.name) for role, named in roles))
    return distinct, {named.name: named for _, named in roles}


def _with_person_behind_role(doc: Doc, lex: Lexicon, found: Found, roles, memory: Memory) -> Found:
    """The attribution with a source named by a role word given to the person it names (`_person_behind_role`)."""
    if found.source is None or found.source.mention is not None or found.source.joint:
        return found
    person = _person_behind_role(doc, lex, found.source, roles, memory, _cue_gender(doc, found))
    if person is found.source:
        return found
    return replace(found, source=person, rule=f"{found.rule}; the role is the person named with it")


def _person_behind_role(doc: Doc, lex: Lexicon, source: Source, roles, memory: Memory, gender: str | None) -> Source:
    """A source named only by role is the person the article names with that role ("пресс-секретарь
    президента" → Дмитрий Песков), the body a spokesperson speaks for ("Речник Єврокомісії"), or
    for a bare "представитель", "глава", "политик" the person last named ("эксперт", "фахівець":
    the person who last spoke); a bare institution noun the organisation it refers back to
    ("ведомство", "суд"); else it stays as written. The verb's gender chooses among several:
    "сказала глава комиссии" after "глава комиссии Мария Орлова и ее советник…"."""
    words = _lemmas(doc, source.first, source.last)
    if not words:
        return source
    distinct, named = roles
    fitting = list(dict.fromkeys(name for role, name in distinct if _holds_role(role, words)))
    if not fitting:  # "Ukraine's defence minister" for "Ukrainian Defence Minister Rustem Umierov", if he alone fits
        loosely = list(dict.fromkeys(name for role, name in distinct if _holds_role_loosely(role, words)))
        fitting = loosely if len(loosely) == 1 else []
    if len(fitting) > 1 and gender is not None:  # several people hold the role: the verb's gender chooses
        fitting = [name for name in fitting if memory.gender_of(name) in (gender, None)] or fitting
    person = named[fitting[0]] if fitting else None
    if person is None and len(words) == 1 and person_noun(doc, source):
        person = memory.still_unnamed()  # "Представитель МИД опроверг… «…», — сказал чиновник"
    body = next((m for m in doc.mentions_within_tokens(source.first, source.last) if m.label == "ORG"), None)
    if person is None and words[0] in lex.spokesperson and body is not None:
        person = Source(body.normal or body.text, body)  # "Речник Єврокомісії": nobody named holds the role
    if person is None and words[0] in lex.person_role and not is_plural(doc.tokens[source.first].text, doc.lang):
        # "эксперты" are several people, none of them named; "эксперт" is the one who last spoke
        person = (memory.consulted(gender) if words[0] in lex.consulted_role else None) or memory.person_of_gender(gender)
    if person is None and _bare_institution(doc, lex, source):
        person = memory.organisation_called(words[-1])  # "в ведомстве сообщили", "отмечали в суде"
    if person is None:
        return source
    role = doc.text[doc.tokens[source.first].start : doc.tokens[source.last - 1].end]
    return Source(person.name, person.mention, role, source.first, source.last)


def _bare_institution(doc: Doc, lex: Lexicon, source: Source) -> bool:
    """The source is an institution noun in the singular with only adjectives before it: "суд",
    "російське відомство"; not "суд Варшави" or "суды"."""
    tokens = [t for t in doc.tokens[source.first : source.last] if t.pos not in ("PUNCT", "PART")]
    head = tokens[-1] if tokens else None
    return (head is not None and head.lemma.lower() in lex.institution and not is_plural(head.text, doc.lang)
            and all(t.pos in ("ADJ", "DET") for t in tokens[:-1]))


CURRENT = {"чинний", "нинішній", "теперішній", "действующий", "нынешний"}  # "чинний президент" is "нинішній президент США"
ARTICLES = {"the", "a", "an"}  # "head of Russian delegation" is "the head of the Russian delegation"
ROLE_LINKS = {"of", "the"}  # inside an English role before a name: "Head of the Russian delegation Vladimir Medinsky"


def _holds_role(role: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """The role written before a name begins with these words; one word may be its short form
    ("прем'єр" for "прем'єр-міністерка Великобританії"), an abbreviation the words it spells
    ("голова СБУ" for "голова Служби безпеки України", "глава МИД" for "глава Министерства
    иностранных дел"); "current" before either says nothing more."""
    role, words = (tuple(w for w in role if w not in CURRENT | ARTICLES), tuple(w for w in words if w not in CURRENT | ARTICLES))
    if not words:
        return False
    if len(words) == 1 and role and role[0].startswith(words[0] + "-"):
        return True
    at = 0
    for word in words:
        if role[at : at + 1] == (word,):
            at += 1
        elif len(word) > 1 and "".join(w[:1] for w in role[at : at + len(word)]) == word:
            at += len(word)
        else:
            return False
    return True


STEM = 5  # letters two forms of one word share: "ukraine" / "ukrainian", "україна" / "український"


def _holds_role_loosely(role: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Two words or more, each a word of the role in any order or sharing its stem with one (a country
    and its adjective, "defence" and "defense"), one at least the very word; articles and "current" aside."""
    role = tuple(w for w in role if w not in CURRENT | ARTICLES | ROLE_LINKS)
    words = tuple(w for w in words if w not in CURRENT | ARTICLES | ROLE_LINKS)
    return (len(words) > 1 and any(w in role for w in words)
            and all(any(w == r or len(w) > STEM and w[:STEM] == r[:STEM] for r in role) for w in words))


def _cue_gender(doc: Doc, found: Found) -> str | None:
    """The gender a past-tense speech verb shows ("заявила" → femn), which its speaker shares."""
    if found.cue is None:
        return None
    i = token_at(doc, found.cue[0])
    token = doc.tokens[i] if i is not None and doc.tokens[i].start == found.cue[0] else None
    return past_gender(token) if token is not None else None


def _article_outlet(found: Found) -> tuple[str | None, Found]:
    """The article's own outlet, when the lead says who relays the story: "…, пише 24 Канал" after
    another source, or "Про це повідомляє РБК-Україна з посиланням на The Washington Post" (the
    relaying outlet first in the chain, the outlet it cites as the source)."""
    if found.outer is not None:
        return found.outer.name, found
    source = found.source
    if (
        found.back_reference and found.chain and _is_org(source) and _is_org(found.chain[0])
    ):
        cited, *rest = found.chain
        return source.name, Found(cited, found.cue, found.kind, rest, source, True, False, found.content_start,
                                  "the lead names the outlet that relays the source", found.decided_by, found.declined)
    return None, found


def _is_org(source: Source | None) -> bool:
    return source is not None and source.mention is not None and source.mention.label == "ORG"


def _claim_bounds(doc: Doc, sentence: Sentence, paragraph_end: int | None) -> tuple[int, int]:
    """The sentence without a leading dateline ("МОСКВА, 2 ноября. /ТАСС/.") or trailing photo credit;
    none of a byline ("Редакция сайта ТАСС"), which states no claim."""
    start, end = sentence.start, sentence.end
    if paragraph_end is not None:
        end = min(end, paragraph_end)
    byline = BYLINE_OUTLET.match(doc.text, start, end)
    if byline and not doc.text[byline.end() : end].strip():
        return start, start
    paragraph_start = doc.paragraphs[sentence.paragraph][0]
    dateline = DATELINE.match(doc.text, paragraph_start, doc.paragraphs[sentence.paragraph][1])
    if dateline:
        start = max(start, dateline.end())
    return start, end


def _stated_outlet(doc: Doc) -> str | None:
    """The article's outlet when the text states it: a dateline "/ТАСС/." or "— РИА Новости.", or
    "Редакция сайта X"."""
    for start, end in doc.paragraphs[:8]:
        dateline = DATELINE.match(doc.text, start, end)
        if dateline:
            return (dateline.group(1) or dateline.group(2)).strip()
        byline = BYLINE_OUTLET.match(doc.text, start, end)
        if byline:
            return byline.group(1).strip()
    return None


def _draft(doc: Doc, lex: Lexicon, start: int, end: int, tokens: list[int], paragraph: int, found: Found) -> Draft:
    words = [doc.tokens[i] for i in tokens]
    hedges = [_span_text(doc, words[a:b]) for a, b, _ in find_phrases(words, lex.hedge)]
    stance = "asserted"
    if refusals(words, lex):
        stance = "refused_comment"
    elif find_phrases(words, lex.denial, by_lemma=True) or _denying_answer(doc, lex, start, end):
        stance = "denied"
    text = doc.text[start:end].rstrip()
    return Draft(start, start + len(text), tokens[0], tokens[-1] + 1, paragraph, found, hedges, stance)


def _denying_answer(doc: Doc, lex: Lexicon, start: int, end: int) -> bool:
    """The claim opens with a quotation that is only a "no": «Нет», — сказала глава Белого дома."""
    spans = quote_spans(doc.text, start, end)
    if not spans or doc.text[start : spans[0][0]].strip():
        return False
    a, b = spans[0]
    return doc.text[a + 1 : b - 1].strip(" .,!…").lower() in lex.denial_answer


def _span_text(doc: Doc, tokens) -> str:
    return doc.text[tokens[0].start : tokens[-1].end]


def _attribute_previous(text: str, drafts: list[Draft], found: Found, paragraph: int, same_paragraph_only: bool) -> None:
    """"Про це повідомляє X" attributes the unattributed statements just before it (in its paragraph,
    else the previous one); a tail "…, пише X" those before it in its paragraph. Not past an
    attributed statement: real articles often come as one long paragraph."""
    targets = []  # the unattributed statements right before it: an attributed one ends them
    for draft in reversed(drafts):
        if draft.found.cue is not None:
            break
        targets.append(draft)
    same = [d for d in targets if d.paragraph == paragraph]
    previous = same or ([] if same_paragraph_only else [d for d in targets if d.paragraph == paragraph - 1])
    if found.kind == "direct_quote":  # a quotation closed by its speaker: the sentences from its opening mark
        opening = next((k for k, d in enumerate(previous) if text[d.start : d.start + 1] in OPENING_QUOTES), None)
        previous = previous if opening is None else previous[: opening + 1]
    for draft in previous:
        draft.found = Found(found.source, found.cue, found.kind, list(found.chain), found.outer,
                            rule=f"attributed by a later sentence ({found.rule})",
                            decided_by=found.decided_by, declined=draft.found.declined)


def _only_attribution(doc: Doc, lex: Lexicon, sentence: Sentence, found: Found) -> bool:
    """A sentence that holds nothing but its cue and source states no claim of its own (a refusal
    to comment does: "В пресс-службе ФИФА от комментариев отказались"; so do two words with a
    predicate: "Погибших, по данным властей, нет")."""
    if find_phrases(doc.sentence_tokens(sentence), lex.refusal + lex.denial, by_lemma=True):
        return False
    cue = found.cue or (0, 0)
    if any(t.start == cue[0] and t.lemma.lower() in lex.speech_act for t in doc.sentence_tokens(sentence)):
        return False  # "назвала рішення передбачуваним": a speech act's object is what it states
    sources = [found.source] + found.chain
    words = [
        t for i, t in enumerate(doc.sentence_tokens(sentence), start=sentence.first)
        if t.text.isalnum() and not cue[0] <= t.start < cue[1] and not any(s.first <= i < s.last for s in sources)
    ]
    return len(words) < MIN_CLAIM_WORDS and not (len(words) > 1 and any(t.pos in ("VERB", "AUX") for t in words))


CONSEQUENCE = {"тому", "поэтому", "отже", "следовательно"}  # a sentence opening with these draws on the one before
FURTHER = {"крім того", "окрім того", "кроме того", "помимо того", "так само", "так же"}  # "Так само сталося і з…": likewise


def _continues(doc: Doc, lex: Lexicon, tokens: list[int], previous: Draft, paragraph: int) -> bool:
    """A sentence without a cue continues the attributed one before it in its paragraph when it
    is reported ("якобы", "нібито"), opens with "Також" / "Также", "Тому" / "Поэтому", "Крім того" /
    "Кроме того", "Так само" / "Так же", or has a pronoun or demonstrative subject ("Он также",
    "Этот документ")."""
    if previous.paragraph != paragraph or previous.found.source is None:
        return False
    words = [doc.tokens[i] for i in tokens]
    if any(p.words[0] in REPORTATIVE for _, _, p in find_phrases(words, lex.hedge)):
        return True
    if words[0].pos == "DET" and words[0].lemma.lower() in DEMONSTRATIVES or words[0].text.lower() in ALSO:
        return True
    opening = " ".join(w.text.lower() for w in words[:2])
    if words[0].text.lower() in CONSEQUENCE or opening in FURTHER:
        return True  # "Тому операцію довелось перенести", "Крім того, були інші питання"
    return any(w.lemma.lower() in PRONOUNS and w.case in ("Nom", "") and w.pos == "PRON" for w in words[:3])


def _quoted_paragraph_after_speaker(doc: Doc, sentence: Sentence, previous: Draft) -> bool:
    """A paragraph that is a quotation, opened by a quotation mark or a dialogue dash before a
    capital letter, with no speaker of its own, goes on quoting whoever spoke in the paragraph
    before: "Псакі заявила журналістам." then "«Його намір полягав у тому…»", or "— Це жахливо,
    якщо…" after "Медоуз заявив, що…". Only sentences inside that quotation: a quotation closed
    mid-paragraph leaves the rest to the outlet; a dash paragraph with a second dash is dialogue."""
    if previous.found.source is None or previous.found.kind not in ("indirect", "direct_quote"):
        return False
    if previous.paragraph not in (sentence.paragraph - 1, sentence.paragraph):
        return False
    quoted_until = _paragraph_quotation_end(doc.text, *doc.paragraphs[sentence.paragraph])
    return quoted_until is not None and sentence.start < quoted_until


@lru_cache(maxsize=8)
def _paragraph_quotation_end(text: str, start: int, end: int) -> int | None:
    """Where the quotation that opens the paragraph text[start:end] ends (its end when it runs on
    or the paragraph is a dash quotation); None when the paragraph opens no quotation. Once per
    paragraph, not once per sentence: a long quoted paragraph stays linear."""
    at = start + len(text[start:end]) - len(text[start:end].lstrip())
    if text[at : at + 2] in DIALOGUE_DASHES:
        return end if text[at + 2 : at + 3].isupper() and not DIALOGUE_DASH.search(text, at + 2, end) else None
    if text[at : at + 1] not in OPENING_QUOTES or not text[at + 1 : at + 2].isupper():
        return None
    spans = quote_spans(text, at, end)
    return end if not spans or spans[0][0] != at else spans[0][1]


def _propositions(doc: Doc, lex: Lexicon, tokens: list[int], start: int, end: int, found: Found) -> list[tuple[int, int, Found]]:
    """One claim per reported statement: "X заявив, що A, і додав, що B" and "«…», — сказав X,
    додавши, що B" are two, each with its own span and cue, the same speaker. A new statement opens
    at a speech verb after "і"/"и"/"та"/"а також" or a comma (a gerund: "додавши"), with "що"/"что"
    or a colon right after it; or at another speaker after ", а" / ", і" ("X назвал Y «…», а
    последний заявил, что B"), which is that speaker's."""
    if found.source is None or found.cue is None:
        return [(start, end, found)]
    parts, part_start, part_found = [], start, found
    participle = _participle_clause(doc, tokens, start, found)
    if participle is not None:  # "Trump made a brief statement, praising the work of…": the statement is the outlet's
        parts.append((start, doc.tokens[participle - 1].end, Found(declined=found.declined)))
        part_start = doc.tokens[participle].start
    others = {s.verb: s for s in found.later}
    for position, k in enumerate(tokens):
        token = doc.tokens[k]
        if token.start <= part_found.cue[1] or not speech_cue(doc, lex, k) or k + 2 >= tokens[-1]:
            continue
        following = [doc.tokens[i].text.lower() for i in tokens[position + 1 : position + 3]]
        if not {"що", "что", ":"} & set(following):
            continue
        other = others.get(k)
        if other is not None and _own_clause(doc, other, part_found.cue[1]):
            opening, cut = doc.tokens[other.source.first].start, doc.tokens[other.source.first - 3].end
            next_found = replace(found, source=other.source, cue=other.cue, kind="according_to" if other.as_speech else "indirect",
                                 chain=[], back_reference=False, tail=False, content_start=None, later=(),
                                 rule=f"another speaker's statement in the sentence ({other.rule})", decided_by=other.decided_by)
        else:
            connector = position - 1
            while connector > 0 and doc.tokens[tokens[connector]].text.lower() in COORDINATORS | {"також", "также", "ще", "еще", "ещё", ","}:
                connector -= 1
            opened_by = {doc.tokens[i].text.lower() for i in tokens[connector + 1 : position]}
            if not opened_by or not (opened_by & COORDINATORS or token.feats.get("VerbForm") == "Conv" and "," in opened_by):
                continue
            opening, cut = token.start, doc.tokens[tokens[connector]].end
            next_found = replace(found, cue=(token.start, token.end), kind="indirect", back_reference=False, tail=False,
                                 content_start=None, rule="a further statement of the same speaker in the sentence")
        if len([i for i in tokens if part_start <= doc.tokens[i].start < cut and doc.tokens[i].text.isalnum()]) < MIN_CLAIM_WORDS:
            continue
        parts.append((part_start, cut, part_found))
        part_start, part_found = opening, next_found
    parts.append((part_start, end, part_found))
    return parts


def _participle_clause(doc: Doc, tokens: list[int], start: int, found: Found) -> int | None:
    """The English -ing cue that opens a clause after a comma, when the words before it state a claim
    of their own (their verb is no cue): "Putin was the first to speak, highlighting…"."""
    cue = next((k for k in tokens if doc.tokens[k].start == found.cue[0]), None)
    if cue is None or doc.tokens[cue].feats.get("VerbForm") != "Ger" or doc.tokens[cue - 1].text != ",":
        return None
    before = [k for k in tokens if doc.tokens[k].start < doc.tokens[cue - 1].start and doc.tokens[k].text.isalnum()]
    return cue if len(before) >= MIN_CLAIM_WORDS and doc.tokens[before[0]].start >= start else None


def _own_clause(doc: Doc, speaker: Speaker, after: int) -> bool:
    """The speaker's words open a clause of their own after the statement before: ", а последний
    заявил", ", і Міністерство заявило" (not a verb whose subject comes from elsewhere)."""
    first, last = speaker.source.first, speaker.source.last
    if not first < last <= speaker.verb or first < 3 or doc.tokens[first - 2].start <= after:
        return False
    return doc.tokens[first - 1].text.lower() in CLAUSE_COORDINATORS and doc.tokens[first - 2].text == ","
