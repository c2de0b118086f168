"""Attribution rules, one shape for all: a context per decision point whose facts are cached
properties, each rule a small named function of that context, one ordered list per decision, and a
driver that tries the rules in order and records which one decided and which declined before it
(after razdel's `segmenters/sentenize.py`).

The decisions and their lists:

* `QUOTATION_RULES` (a `Quotation`): who speaks a quotation, read per paragraph since quotations
  span sentences: «…», — пишет X / X: «…».
* `SPEAKING_RULES` (a `SentenceContext`): who speaks in a sentence, the speakers of its speech verbs
  or else the subject of a refusal or denial; `SPEAKER_RULES` (a `CueContext`, one speech verb):
  which words name that verb's speaker.
* `RULES` (a `SentenceContext`): which of the sentence's speakers, according-to phrases, quotations
  or headline shapes attributes the sentence. The first rule that returns a `Found` decides.

Uk and ru share the lists: what differs between the languages is in their cue lexicons
(`data/cues/{uk,ru}.tsv`). A new construction is one rule in its list and one test sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from claimex.claims.attribution import (
    ALSO,
    MIN_CLAIM_WORDS,
    Cite,
    Found,
    Memory,
    Speaker,
    Subject,
    past_gender,
    refusals,
    speech_cue,
    token_at,
)
from claimex.claims.lexicon import Lexicon, Phrase, find_phrases, longest_at
from claimex.claims.quotes import quote_spans, quotes_closed_by
from claimex.claims.sources import (
    CLOSING_QUOTES,
    COORDINATORS,
    LOCATIVE_PREPOSITIONS,
    NOUNISH,
    OPENING_QUOTES,
    PRONOUNS,
    TIME_NOUNS,
    Source,
    apposition_opening,
    coordinated_source,
    is_break,
    is_finite_verb,
    locative_source,
    person_before_apposition,
    phrase_after,
    phrase_before,
    source_from_tokens,
    subject_positions,
    with_coordinated,
    without_addressee,
)
from claimex.doc import Doc, Sentence
from claimex.nlp.gazetteer import is_outlet
from claimex.nlp.morph import name_parses, parses

ABOUT = {"о", "об", "обо", "про", "about"}
PLURAL_POSSESSIVES = {"їхній": "вони"}  # "на їхню думку" is theirs; Russian "их" has the lemma "они" already
RELATIVES = {"который", "которая", "которые", "який", "яка", "які", "котрий", "котра", "котрі"}
ANTECEDENT_RULE = "speech verb and the name its relative pronoun stands for"
GERUND_RULE = "a gerund and the subject of the verb before it"
TAIL_SUBJECT_WORDS = 4  # an English speaker before its verb: "…," the US president said
SUBJECT_WORD_POS = NOUNISH | {"PRON", "DET", "ADJ"}
TAIL_ADVERBIAL_WORDS = 8  # "…, the ministry said in a statement on Friday."
ROLE_WORDS = 6  # a role closing a headline: "– head of the Russian delegation"
DASHES = {"—", "–", "-"}
CONTENT_OPENERS = {"что", "що", "чтобы", "щоб", "that", ":", "«", "„", '"', "“"}
CLAUSE_OPENERS = {"PRON", "DET", "PROPN", "NOUN", "NUM"}  # English reports without "that": "Poland said it had…"
QUOTE_LEFT_OPEN = re.compile(r"[,.!?…]\s*[—–-]\s*$")  # "…, — сказал" after a quotation
DASH_BEFORE = re.compile(r"\s[—–-]\s*$")  # "…, — сказав", "…so much - said": a dash of direct speech
QUOTE_CLOSED_BEFORE = re.compile(r"[»”]\s*,?\s*[—–-]\s*$")  # "…», — сказал"
QUOTATION_SENTENCES = 8  # how far back a quotation that runs on may have opened
SUBORDINATOR = re.compile(r"(?<!\w)(?:что|чтобы|що|щоб)(?!\w)", re.IGNORECASE)


def decide(rules, *context):
    """The one driver of every rule list: the first rule's decision (a rule declines with None or
    an empty list), that rule's name, and the names of the rules that declined before it; with no
    decision, (None, None, all the names)."""
    declined: list[str] = []
    for rule in rules:
        decision = rule(*context)
        if decision:
            return decision, rule.__name__, tuple(declined)
        declined.append(rule.__name__)
    return None, None, tuple(declined)


def _chain(rule: str, inner: str | None) -> str:
    """"speaker > speech_verb_speakers > speech_verb_subject": the rule and the one inside it that decided."""
    return f"{rule} > {inner}" if inner else rule


class SentenceContext:
    """One sentence of an article, with the article-wide facts a rule may need (the memory of the
    sentences before it, the quotations read per paragraph)."""

    def __init__(self, doc: Doc, lex: Lexicon, index: int, memory: Memory, quoted: dict[int, Found]):
        self.doc = doc
        self.lex = lex
        self.index = index
        self.sentence = doc.sentences[index]
        self.first, self.last = self.sentence.first, self.sentence.last
        self.memory = memory
        self.quoted = quoted  # sentence index -> the speaker of the quotation it lies in

    @cached_property
    def tokens(self):
        return self.doc.tokens[self.first : self.last]

    @cached_property
    def cites(self) -> tuple[list[Cite], set[tuple[int, int]], set[int]]:
        """According-to phrases ("за даними ДСНС", "по его словам") and impersonal cues ("говорится в
        документах", "В документах также говорится") with their sources; the cues of the impersonal
        ones; the positions masked so far (these phrases and the parenthetical asides)."""
        doc, lex, first, last, tokens, memory = self.doc, self.lex, self.first, self.last, self.tokens, self.memory
        masked: set[int] = set()
        for a, b, _ in find_phrases(tokens, lex.aside):
            if 0 < a and b < len(tokens) and tokens[a - 1].text == "," and tokens[b].text == ",":
                masked.update(range(first + a - 1, first + b + 1))  # "Міністерство оборони РФ, своєю чергою, заявило"
        cited: list[Cite] = []
        impersonal: set[tuple[int, int]] = set()  # cues of "говорится в документах": indirect speech, not according-to
        for group in (lex.according, lex.impersonal):
            for a, b, phrase in find_phrases(tokens, group):
                if b < len(tokens) and tokens[b].lemma.lower() in RELATIVES:
                    continue  # "распорядок, согласно которому он выступает": no source cited
                head = next((t for t in tokens[b : b + 2] if t.pos != "DET"), None)
                if head is not None and head.lemma.lower() in lex.not_source:
                    continue  # "everything never goes according to plan": conformity, no source cited
                positions = phrase_after(doc, first + b, last, masked)
                cue_end = doc.tokens[first + b - 1]
                if cue_end.pos in ("VERB", "AUX") and cue_end.feats.get("Number") == "Plur" and positions:
                    # "Как сообщили «КП» в Минздраве": the body spoke, the outlet was told
                    body = locative_source(doc, first + b - 1, first + b, max(positions) + 1, memory)
                    positions = body or positions
                source = source_from_tokens(doc, positions, memory, phrase.case)
                masked.update(range(first + a, first + b), positions)
                if source is not None:
                    cited.append(Cite(first + a, source, (tokens[a].start, tokens[b - 1].end)))
                    if group is lex.impersonal:
                        impersonal.add(cited[-1].cue)
        for a, b, _ in find_phrases(tokens, lex.according_pronoun):
            source = self.person_of_possessive(tokens[a:b])
            masked.update(range(first + a, first + b))
            if source is not None and not _after_relative(tokens, a):
                cited.append(Cite(first + a, source, (tokens[a].start, tokens[b - 1].end)))
        impersonal_verbs = {phrase.words[0] for phrase in lex.impersonal}
        for i in range(first, last):
            if i not in masked and doc.tokens[i].text.lower() in impersonal_verbs:
                positions = _locative_before(doc, lex, i, first, masked)  # "В документах также говорится"
                source = source_from_tokens(doc, positions, memory, "Loc")
                if source is not None:
                    masked.update(positions + [i])
                    cited.append(Cite(i, source, (doc.tokens[i].start, doc.tokens[i].end)))
                    impersonal.add(cited[-1].cue)
        return cited, impersonal, masked

    def person_of_possessive(self, phrase) -> Source | None:
        """Whose "по его словам" / "за її словами" it is: the last person of the pronoun's gender
        named before; in a lead that names nobody before it, the person named next in the same or
        the next paragraph ("За його словами, …" then "Про це заявив міністр …")."""
        lemmas = [PLURAL_POSSESSIVES.get(t.lemma.lower(), t.lemma.lower()) for t in phrase]
        pronoun = next((lemma for lemma in lemmas if lemma in PRONOUNS), None)
        if self.memory.person is not None:
            return self.memory.resolve(pronoun) if pronoun else self.memory.person
        paragraph = self.sentence.paragraph
        until = self.doc.paragraphs[min(paragraph + 1, len(self.doc.paragraphs) - 1)][1]
        return next((Source(m.normal or m.text, m) for m in self.doc.mentions_between(self.sentence.end, until)
                     if m.label == "PER"), None)

    @property
    def cited(self) -> list[Cite]:
        return self.cites[0]

    @property
    def impersonal(self) -> set[tuple[int, int]]:
        return self.cites[1]

    @cached_property
    def back_refs(self) -> list[tuple[int, int]]:
        """"Об этом сообщил X" points back; "Вопрос о том, планируются ли…" points ahead."""
        tokens = self.tokens
        return [(a, b) for a, b, _ in find_phrases(tokens[:3], self.lex.this_ref) if not (b < len(tokens) and tokens[b].text == ",")]

    @property
    def back_reference(self) -> bool:
        return bool(self.back_refs)

    @cached_property
    def speaking(self) -> tuple[list[Speaker], set[int]]:
        """Who speaks in the sentence (`SPEAKING_RULES`: the first that finds anyone decides), and
        the positions masked in the end: the according-to phrases, back-references, asides and the
        speakers' words."""
        masked = set(self.cites[2])
        for a, b in self.back_refs:
            masked.update(range(self.first + a, self.first + b))
        masked |= _asides(self.doc, self.first, self.last)  # after the according-to phrases: "посилаючись на джерела" is one
        speakers, rule, declined = decide(SPEAKING_RULES, self, masked)
        if not speakers:
            return [], masked
        return [replace(s, decided_by=_chain(rule, s.decided_by), declined=declined + s.declined) for s in speakers], masked

    @property
    def masked(self) -> set[int]:
        return self.speaking[1]

    @cached_property
    def reported(self) -> tuple[list[Speaker], Source | None, bool]:
        """The speakers of the statement, who reports the whole sentence (a closing ", пише X" after
        another speaker, or "Як повідомляв УНН" before one), and whether an as-speech phrase relays."""
        speakers = list(self.speaking[0])
        outer = None
        if len(speakers) > 1 and is_tail(self.doc, speakers[-1].verb, self.first, self.last, self.masked):
            outer = speakers.pop().source
        relayed = len(speakers) > 1 and (speakers[0].as_speech and not speakers[1].as_speech
                                         or self.media_relay(speakers[0], speakers[1]))
        if relayed:
            # "Як повідомляв УНН, держсекретар Майкл Помпео заявив, що…": Помпео speaks, УНН relays
            outer = outer or speakers[0].source
            speakers = speakers[1:]
        return speakers, outer, relayed

    def media(self, speaker: Speaker) -> bool:
        """Whether the speaker is an outlet or the media: "The Times", "британські ЗМІ", "агентство"."""
        words = range(speaker.source.first, speaker.source.last)
        return is_outlet(speaker.source.name, self.doc.lang) or any(self.doc.tokens[k].lemma.lower() in self.lex.outlet_ref for k in words)

    def in_media_clause(self, first: Speaker, verb: int) -> bool:
        """Whether tokens[verb] lies in the content clause of the media speaking first ("ЗМІ
        повідомили, що …"), where a named person or body may speak in turn."""
        return self.in_clause_of(first, verb) and self.media(first)

    def in_clause_of(self, first: Speaker, verb: int) -> bool:
        """Whether tokens[verb] lies in the content clause right after the first speaker's verb."""
        clause = self.clause_after(first)
        return clause is not None and clause < verb

    def clause_after(self, speaker: Speaker) -> int | None:
        """Where "что" / "що" opens a content clause right after the speaker's verb."""
        doc = self.doc
        return next((k for k in range(speaker.verb + 1, min(speaker.verb + 3, self.last)) if doc.tokens[k].text.lower() in ("что", "що")), None)

    def media_relay(self, first: Speaker, second: Speaker) -> bool:
        """Whether the media speaking first report what a named person or body said: "Раніше
        британські ЗМІ повідомили, що … Мішель Барньє запропонував…" is Барньє's, relayed."""
        named = second.source.mention is not None and second.source.mention.label in ("PER", "ORG")
        cited = second.rule == ANTECEDENT_RULE and self.media(first)  # "Агентство цитує Джуліані, який заявив"
        return named and (self.in_media_clause(first, second.verb) or cited) or self.nested(first, second)

    def nested(self, first: Speaker, second: Speaker) -> bool:
        """Whether the second speaker, with a subject of its own right before its verb, reports a clause
        of its own inside the first one's: "Прокуроры утверждали, что … женщины сказали, что…" is the
        women's; the innermost report wins."""
        own_subject = first.verb < second.source.first < second.source.last <= second.verb <= second.source.last + 2
        return own_subject and self.in_clause_of(first, second.verb) and self.clause_after(second) is not None

    @property
    def speakers(self) -> list[Speaker]:
        return self.reported[0]

    @property
    def outer(self) -> Source | None:
        return self.reported[1]

    @cached_property
    def quoted_cites(self) -> list[Cite]:
        """Sources cited inside a quotation that closes before the first speaker's verb."""
        speakers = self.speakers
        return [c for c in self.cited if speakers and self.inside_quote_before(c.position, speakers[0].verb)]

    @cached_property
    def content_start(self) -> int | None:
        """"Об этом сообщил X, отметив, что CLAUSE": where CLAUSE starts, when there is one."""
        if not self.back_reference:
            return None
        doc = self.doc
        for i in range(self.first, self.last - 1):
            token = doc.tokens[i]
            if token.feats.get("VerbForm") == "Conv" and token.lemma.lower() in self.lex.speech:
                for k in range(i + 1, min(i + 3, self.last - 1)):
                    if doc.tokens[k].text.lower() in ("что", "що"):
                        return doc.tokens[k + 1].start
        return None

    def inside_quote_before(self, position: int, verb: int) -> bool:
        """Whether tokens[position] lies in a quotation (one opened in an earlier sentence of the
        paragraph counts) that closes before the verb."""
        doc = self.doc
        at, verb_at = doc.tokens[position].start, doc.tokens[verb].start
        paragraph = doc.paragraphs[self.sentence.paragraph]
        return any(a < at < b <= verb_at for a, b in quotes_closed_by(doc.text, paragraph, self.sentence.end))

    def in_open_quotation(self, position: int) -> bool:
        """Whether tokens[position] lies in a quotation that opens the sentence and is still open there."""
        before = self.doc.text[self.sentence.start : self.doc.tokens[position].start]
        return before[:1] in OPENING_QUOTES and not quote_spans(before, 0, len(before))

    def unquoted_speech(self, verb: int) -> bool:
        """A paragraph of someone's words without quotation marks, closed by ", — сказав X" (a
        transcript's typography): nothing in the paragraph before the verb is a quotation (a quoted
        word or name is no quotation: «запой»)."""
        start, text = self.doc.paragraphs[self.sentence.paragraph][0], self.doc.text
        return all(len(text[a:b].split()) < MIN_CLAIM_WORDS for a, b in quote_spans(text, start, self.doc.tokens[verb].start))

    def speech_kind(self, verb: int) -> str:
        """direct_quote when the statement is in quotation marks: most of the sentence, or a quotation
        right after "сказал:" or right before ", — сказал"; else indirect speech."""
        doc, sentence = self.doc, self.sentence
        token = doc.tokens[verb]
        for a, b in quote_spans(doc.text, sentence.start, sentence.end):
            if len(doc.text[a:b].split()) < MIN_CLAIM_WORDS:
                continue  # a quoted name («Економічна правда»), not a quotation
            after = a >= token.end
            between = doc.text[token.end : a] if after else doc.text[b : token.start]
            if after and SUBORDINATOR.search(between):
                continue  # "зазначив, що «…»": a quotation inside indirect speech
            if not after and doc.text[sentence.start : a].strip(" —–-"):
                continue  # "Джо Байден «противостоял Путину…», сообщает CNN": a quoted phrase inside a report
            introduced = not between.strip(" ,:—–-") and (not after or ":" in between)  # "сказал: «…»", "«…», — сказал"
            if after and ":" not in between and any(ch.isalpha() for ch in between):
                continue  # "подякував російській стороні «за…»", "охарактеризовали диалог, как «…»": a quoted phrase
            if b - a > 0.4 * (sentence.end - sentence.start) or introduced:
                return "direct_quote"
        before = doc.text[sentence.start : token.start]
        if QUOTE_LEFT_OPEN.search(before) and (self.in_open_quotation(verb) or self.quotation_runs_on(verb)):
            return "direct_quote"  # «Низка штатів намагаються…, - заявив Мідоуз: a quotation whose closing mark is missing
        if DASH_BEFORE.search(before) and self.unquoted_speech(verb):
            return "direct_quote"  # "…ми планували ще до 9 травня, - сказав Малюк." closing a paragraph of his words
        if QUOTE_CLOSED_BEFORE.search(before) and not any(ch in OPENING_QUOTES - CLOSING_QUOTES for ch in before):
            return "direct_quote"  # "…в кабинете Терезы Мэй», — заявила": a quotation opened before the sentence
        return "indirect"

    def quotation_runs_on(self, verb: int) -> bool:
        """Whether a quotation opened by an earlier sentence of the paragraph is still open at the
        verb: «Не думаю… Слишком далеко зашли… Однако шанс появляется,— написал он."""
        doc, sentence = self.doc, self.sentence
        closed = quotes_closed_by(doc.text, doc.paragraphs[sentence.paragraph], doc.tokens[verb].start)
        return any(
            s.paragraph == sentence.paragraph and s.start < sentence.start and doc.text[s.start : s.start + 1] in OPENING_QUOTES
            and not any(a <= s.start < b for a, b in closed)
            for s in doc.sentences[max(0, self.index - QUOTATION_SENTENCES) : self.index]
        )

    def speaker_found(self) -> Found:
        """The attribution to the first speaker: according-to after "як" / "как", else direct or
        indirect speech; the sources cited before an as-speech verb are its own, not in the chain."""
        speaker = self.speakers[0]
        rule = speaker.rule + (", relayed by the as-speech phrase, outlet or speaker before it" if self.reported[2] else "")
        kind = "according_to" if speaker.as_speech else self.speech_kind(speaker.verb)
        tail = is_tail(self.doc, speaker.verb, self.first, self.last, self.masked) and not self.back_reference
        chain = [c.source for c in sorted(self.cited, key=lambda c: c.position) if c.position > speaker.verb or not speaker.as_speech]
        found = self.found(speaker.source, speaker.cue, kind, chain, rule, self.outer, tail)
        return replace(found, decided_by=speaker.decided_by, declined=speaker.declined, later=tuple(self.speakers[1:]))

    def found(self, source: Source, cue: tuple[int, int], kind: str, chain: list[Source], rule: str,
              outer: Source | None, tail: bool) -> Found:
        """The attribution to `source`, with what the sentence says around it (a back-reference, the
        clause it reports); the source itself left out of the chain it cites."""
        chain = [s for s in chain if s.name != source.name]
        return Found(source, cue, kind, chain, outer, self.back_reference, tail, self.content_start, rule)


class CueContext:
    """One speech cue of a sentence (a verb of saying, "звернути увагу", "уверены"): where its
    subject may be. `masked` is the sentence's, as the speakers before this cue left it."""

    def __init__(self, sentence: SentenceContext, verb: int, length: int, masked: set[int], before: list[Speaker]):
        self.sentence = sentence
        self.before = before  # the speakers found before this cue in the sentence
        self.doc = sentence.doc
        self.first, self.last = sentence.first, sentence.last
        self.verb = verb
        self.length = length
        self.masked = masked
        self.token = self.doc.tokens[verb]

    @cached_property
    def as_speech(self) -> bool:
        """Introduced by "как" / "як": "как ранее сообщила газета X"."""
        i = self.introducer
        return i >= self.first and self.doc.tokens[i].text.lower() in self.sentence.lex.as_speech

    @cached_property
    def introducer(self) -> int:
        """Where "как" would stand before the verb, adverbs and a personal pronoun skipped ("как
        ранее сообщила газета X", "як він зазначив")."""
        i = self.verb - 1
        while i > self.first and (self.doc.tokens[i].pos == "ADV" or self.doc.tokens[i].lemma.lower() in PRONOUNS):
            i -= 1
        return i

    @cached_property
    def tail(self) -> bool:
        return is_tail(self.doc, self.verb, self.first, self.last, self.masked)

    @cached_property
    def reports_statement(self) -> bool:
        """Whether the cue reports a statement: not "объявили вознаграждение", "прокомментировал
        статью". Taggers call "резюмировали" a participle now and then: such a word counts when it can
        be finite."""
        doc, token, verb = self.doc, self.token, self.verb
        if self.done_first is not None:
            return True
        if self.gerund:
            return self.main_verb is not None and (self.content_follows or token.lemma.lower() in self.sentence.lex.speech_act)
        finite = any(r.tag.POS == "VERB" and "infn" not in r.tag.grammemes for r in parses(token.text, doc.lang))  # uk: VERB,infn
        if token.feats.get("VerbForm") in ("Inf", "Part") and not finite:
            return False  # "готовий визнати, що…" reports no statement made
        first_predicate = not any(is_finite_verb(doc.tokens[k]) and not self.in_relative_clause(k) for k in range(self.first, verb))
        act = (token.lemma.lower() in self.sentence.lex.speech_act and not self.celebrates
               and (first_predicate or bool(self.antecedent))  # not "…, після чого Фіцо звинуватив"; "Хана, который пообещал"
               and not self.sentence.in_open_quotation(verb))  # «Президенты выразили удовлетворение…», — говорится в сообщении
        return bool(self.as_speech or self.tail or self.sentence.back_reference or act or self.introduces_content)

    @property
    def celebrates(self) -> bool:
        """The verb's object is an occasion: "отметили годовщину", "відзначили День Незалежності"."""
        for token in self.doc.tokens[self.verb + self.length : self.last]:
            if is_break(token):
                return False
            if token.pos in NOUNISH:
                return token.lemma.lower() in self.sentence.lex.occasion
        return False

    def in_relative_clause(self, k: int) -> bool:
        """Whether tokens[k] follows a relative pronoun of its clause: "представники, котрі відповідають"."""
        for j in range(k - 1, self.first - 1, -1):
            if self.doc.tokens[j].text == ",":
                return False
            if self.doc.tokens[j].lemma.lower() in RELATIVES:
                return True
        return False

    @property
    def introduces_content(self) -> bool:
        """A reported statement follows the verb: "…, что", a colon or a quotation; or what it is
        about: "заявил о своем уходе", "заявили про застосування статті 4"."""
        following = self.doc.tokens[self.verb + self.length : self.last]
        if following and following[0].text.lower() in ABOUT:
            return True
        if self.doc.lang == "en" and following and following[0].pos in CLAUSE_OPENERS:
            return True
        for token in following:
            if token.text.lower() in CONTENT_OPENERS:
                return True
        return False

    @property
    def content_follows(self) -> bool:
        """The reported clause starts right after the verb: "посчитав, что…", "додавши, що…"."""
        k = self.verb + self.length
        if k < self.last and self.doc.tokens[k].text == ",":
            k += 1
        return k < self.last and self.doc.tokens[k].text.lower() in CONTENT_OPENERS

    @cached_property
    def gerund(self) -> bool:
        """A gerund, which the dictionary confirms: the Russian tagger calls "обвиненную" one now and then;
        in English an -ing form (", highlighting Moscow's determination")."""
        if self.doc.lang == "en":
            return self.token.feats.get("VerbForm") == "Ger"
        return self.token.feats.get("VerbForm") == "Conv" and any(r.tag.POS == "GRND" for r in parses(self.token.text, self.doc.lang))

    @cached_property
    def main_verb(self) -> int | None:
        """For a gerund after a comma, the main clause's finite verb, whose subject it shares: "Суд
        оправдал её, посчитав, что…"; not a verb of a clause after "что" or "который": "Иванов заявил,
        что санкции не работают, добавив, что…" is Иванов adding."""
        doc = self.doc
        if self.verb - 1 <= self.first or doc.tokens[self.verb - 1].text != ",":
            return None
        for k in range(self.first, self.verb - 1):
            if doc.tokens[k].text.lower() in CONTENT_OPENERS or doc.tokens[k].lemma.lower() in RELATIVES:
                return None
            if is_finite_verb(doc.tokens[k]):
                return k
        return None

    @cached_property
    def done_first(self) -> int | None:
        """For an infinitive, the finite verb right before it that says its act took place: "поспішив
        назвати це доказом", "уже успели назвать происходящее «хаосом»"; not "хоче заявити"."""
        if self.token.feats.get("VerbForm") != "Inf":
            return None
        k = self.verb - 1
        while k > self.first and self.doc.tokens[k].pos in ("ADV", "PART", "X"):  # "вже", "уже"
            k -= 1
        before = self.doc.tokens[k]
        return k if k >= self.first and is_finite_verb(before) and before.lemma.lower() in self.sentence.lex.done_first else None

    @property
    def finite(self) -> int:
        """The finite verb that has the cue's subject and number: the cue, or the verb of its gerund or
        infinitive."""
        if self.gerund and self.main_verb is not None:
            return self.main_verb
        return self.verb if self.done_first is None else self.done_first

    @property
    def plural(self) -> bool:
        return self.doc.tokens[self.finite].feats.get("Number") == "Plur"

    @cached_property
    def subject(self) -> list[int]:
        """The verb's subject; after the verb only where inversion is usual: «…», — заявив міністр; як
        пише WP; про це повідомив X; a sentence opening with the verb. Not "підтвердив пошкодження"."""
        inverted = self.tail or self.as_speech or self.sentence.back_reference or self.verb == self.first
        positions = subject_positions(self.doc, self.finite, self.first, self.last, self.masked, after=inverted)
        if self.plural and self.one_person(positions):
            return []  # "Гнатюку повідомили про підозру": a plural verb, one person told (uk, without a parse)
        return with_coordinated(self.doc, positions, self.first, self.masked) if self.plural else positions

    def one_person(self, positions: list[int]) -> bool:
        """The words are one person's name and nothing else, not the last of several ("Чак Шумер і
        Пелосі"): no subject for a plural verb."""
        doc = self.doc
        if not positions or positions[0] > 0 and doc.tokens[positions[0] - 1].text.lower() in COORDINATORS:
            return False
        person = next((m for m in doc.mentions_within_tokens(positions[0], positions[-1] + 1) if m.label == "PER"), None)
        return person is not None and all(person.first <= k < person.last or doc.tokens[k].pos not in NOUNISH for k in positions)

    @cached_property
    def apposition(self) -> list[int]:
        """The named apposition right before the verb, which names the subject before it: "Оператор
        станції, ТОВ «Кременчукгенерація», підтвердив" is Кременчукгенерація speaking."""
        doc, verb, first, masked = self.doc, self.verb, self.first, self.masked
        opening = apposition_opening(doc, verb, first)
        if opening is None or any(t.pos in ("VERB", "AUX") for t in doc.tokens[first:verb]):
            return []
        if not phrase_before(doc, opening, first, masked) or person_before_apposition(doc, verb, first, masked):
            return []
        if not any(m.label in ("ORG", "PER") and opening < m.first and m.last < verb for m in doc.mentions):
            return []
        return [k for k in range(opening + 1, verb - 1) if k not in masked]

    @cached_property
    def subject_before_apposition(self) -> list[int]:
        """The named subject before an apposition, when only an adverbial phrase stands between the
        apposition and the verb: "Алессандро Монтедуро (Alessandro Monteduro), директор ACN, на
        зустрічі з журналістами розповів" is Монтедуро speaking."""
        doc, verb, first, masked = self.doc, self.verb, self.first, self.masked
        commas = [k for k in range(verb - 1, first - 1, -1) if doc.tokens[k].text == ","][:2]
        if len(commas) < 2 or any(is_finite_verb(t) or is_break(t) for t in doc.tokens[commas[0] + 1 : verb]):
            return []
        near, far = commas
        if any(is_finite_verb(t) for t in doc.tokens[far + 1 : near]) or not phrase_before(doc, near, far + 1, masked):
            return []
        end = far
        if doc.tokens[end - 1].text == ")":  # "Монтедуро (Alessandro Monteduro),": the name in another spelling
            end = next((k for k in range(end - 2, first - 1, -1) if doc.tokens[k].text == "("), first)
        named = phrase_before(doc, end, first, masked)
        if not named or not any(m.label in ("PER", "ORG") and m.last == named[-1] + 1 for m in doc.mentions_within_tokens(named[0], named[-1] + 1)):
            return []
        return named

    @cached_property
    def coordinated_subject(self) -> list[int]:
        """A second predicate shares the first one's subject: "Україна виступає проти проекту і
        заявляє, що…", "Трамп дал высокую оценку переговорам, но отметил, что…"."""
        doc, verb, first = self.doc, self.verb, self.first
        if verb - 1 <= first:
            return []
        joined = doc.tokens[verb - 1].text.lower()
        contrast = joined in CONTRASTIVE and doc.tokens[verb - 2].text == ","  # "…, але заявив, що…"
        if joined not in COORDINATORS and not contrast:
            return []
        earlier = next((k for k in range(verb - 2, first - 1, -1) if is_finite_verb(doc.tokens[k])), None)
        if earlier is None or any(doc.tokens[k].text in (",", ";", ":") for k in range(earlier, verb - 2 if contrast else verb)):
            return []
        return subject_positions(doc, earlier, first, self.last, self.masked, after=False)

    @cached_property
    def antecedent(self) -> list[int]:
        """The name a relative pronoun before the verb stands for: "Рудольфа Джуліані, який заявив"."""
        doc, k = self.doc, self.verb - 1
        while k > self.first and doc.tokens[k].pos == "ADV":
            k -= 1
        if k - 2 < self.first or doc.tokens[k].lemma.lower() not in RELATIVES or doc.tokens[k - 1].text != ",":
            return []
        named = next((m for m in doc.mentions if m.last == k - 1 and m.label in ("PER", "ORG") and m.first >= self.first), None)
        return list(range(named.first, named.last)) if named else []

    @property
    def named_subject(self) -> list[int]:
        """The words that name the speaker in the nominative: subject, apposition or shared subject."""
        return self.subject or self.apposition or self.subject_before_apposition or self.coordinated_subject

    @cached_property
    def locative_body(self) -> list[int]:
        """The body after в/у: "В Кремле отказались", "сообщили в МЧС"."""
        return locative_source(self.doc, self.verb, self.first, self.last, self.sentence.memory)

    @property
    def opens_sentence(self) -> bool:
        """Only adverbs and conjunctions before the verb: "Заявил, что…", "Також наголосив, що…"."""
        return all(t.pos in ("ADV", "CCONJ", "PART") or t.text.lower() in ALSO for t in self.doc.tokens[self.first : self.verb])

    @property
    def gender(self) -> str | None:
        return past_gender(self.token)

    @property
    def span(self) -> tuple[int, int]:
        """The cue's characters, "как" included: "как ранее сообщила"."""
        start = self.doc.tokens[self.introducer].start if self.as_speech else self.token.start
        return start, self.doc.tokens[self.verb + self.length - 1].end




# --- who speaks with a speech verb: SPEAKER_RULES over a CueContext -------------------------------


def gerund_shares_main_subject(cue: CueContext) -> Subject | None:
    """A gerund speaks with the subject of the finite verb before it; no other words can name its
    speaker. A speaker the sentence already has for that verb goes on.
    uk: Блінкен приєднався до заяви, засудивши поводження Кремля з Навальним.
    ru: Верховный суд оправдал Асию Биби, посчитав, что дело основано на неубедительных свидетельствах."""
    if not cue.gerund:
        return None
    spoken = next((s.source for s in cue.before if s.verb == cue.main_verb), None)
    if spoken is not None:
        return Subject([], source=spoken, rule=GERUND_RULE)
    return Subject(cue.subject, rule=GERUND_RULE)  # the main verb's subject, or none


def body_in_locative_spoke(cue: CueContext) -> Subject | None:
    """A plural verb whose named object is followed by a body in the locative: the outlet was told,
    the body spoke. (Seen with the Russian parse; the words are the same in Ukrainian.)
    ru: Сайт заблокируют до конца недели, сказали Daily Storm в Роскомнадзоре."""
    named = cue.named_subject
    if not (cue.plural and named and named[0] > cue.verb):
        return None
    body = cue.locative_body
    if body and body[0] - 2 <= named[-1] < body[0] and cue.doc.tokens[body[0] - 1].text.lower() in LOCATIVE_PREPOSITIONS:
        return Subject(body, "Loc", rule="the body in the locative spoke, not the outlet told")
    return None


def as_speech_subject(cue: CueContext) -> Subject | None:
    """The subject of a speech verb introduced by "як" / "как".
    uk: Як пише Reuters, ціни на нафту марки Brent зросли до 80 доларів за барель.
    ru: Как пишет газета «Ведомости», правительство обсуждает повышение НДФЛ."""
    if cue.as_speech and cue.subject:
        return Subject(cue.subject, rule="as-speech: 'як пише X'")
    return None


def relative_pronoun_antecedent(cue: CueContext) -> Subject | None:
    """A relative pronoun as the subject: the person or body it stands for speaks.
    uk: Агентство цитує Рудольфа Джуліані, який заявив, що позов буде подано.
    ru: Агентство цитирует Рудольфа Джулиани, который заявил, что иск будет подан."""
    if cue.antecedent:
        return Subject(cue.antecedent, rule=ANTECEDENT_RULE)
    return None


def speech_verb_subject(cue: CueContext) -> Subject | None:
    """The speech verb's subject: the parse's nsubj where there is one, else the nearest nominative
    phrase; after the verb only where inversion is usual.
    uk: Міністр енергетики Герман Галущенко заявив, що ціни не зростуть.
    ru: Экономисты уверены, что инфляция замедлится к лету."""
    if cue.subject:
        return Subject(cue.subject, rule="speech verb and its subject")
    return None


def named_apposition(cue: CueContext) -> Subject | None:
    """A named apposition right before the verb names the speaker. (Ukrainian without a parse; the
    Russian parse takes the noun before the apposition as the subject.)
    uk: Постачальник газу, ТОВ «Нафтогаз Трейдинг», підтвердив затримку платежів."""
    if cue.apposition:
        return Subject(cue.apposition, rule="speech verb and the named apposition before it")
    return None


def named_before_apposition(cue: CueContext) -> Subject | None:
    """The name before an apposition, with an adverbial phrase between the apposition and the verb.
    uk: Андрій Коваль, директор компанії, на зустрічі з журналістами розповів, що завод відкриють.
    ru: the parse finds the subject of "Андрей Коваль, директор компании, на встрече … рассказал" itself."""
    if cue.subject_before_apposition:
        return Subject(cue.subject_before_apposition, rule="speech verb and the name before its apposition")
    return None


CONTRASTIVE = {"но", "а", "однако", "але", "проте", "однак"}  # ", но отметил": the same subject goes on


def shared_subject_of_coordinated(cue: CueContext) -> Subject | None:
    """A second predicate shares the first one's subject.
    uk: Польща виступає проти нових квот і заявляє, що вони шкодять фермерам.
    ru: Польша выступает против новых квот и заявляет, что они вредят фермерам."""
    if cue.coordinated_subject:
        return Subject(cue.coordinated_subject, rule="a second predicate shares the first one's subject")
    return None


def plural_verb_locative_body(cue: CueContext) -> Subject | None:
    """A plural speech verb without a subject: the body after в/у speaks.
    uk: Постраждалих серед мешканців немає, кажуть у поліції.
    ru: В Минобороны заявили, что удар отражен."""
    if cue.plural and cue.locative_body:
        return Subject(cue.locative_body, "Loc", rule="plural speech verb and the body in the locative")
    return None


def there_the_body_before(cue: CueContext) -> Subject | None:
    """"Там" before a plural verb without a subject is the body cited before.
    uk: Про це повідомили в Укренерго. Там зазначили, що графіки відключень скасують до вечора.
    ru: Поставки продолжатся, сообщили в Министерстве энергетики. Там уточнили, что ремонт займет неделю."""
    if cue.plural and cue.doc.tokens[cue.first].text.lower() == "там":
        return Subject([], source=cue.sentence.memory.body, rule="'там' is the body cited before")
    return None


def subjectless_verb_goes_on(cue: CueContext) -> Subject | None:
    """A singular verb opening the sentence without a subject goes on with the person just named
    (of the verb's gender).
    uk: Президент Володимир Зеленський виступив у Брюсселі. Також наголосив, що Україна потребує ППО.
    ru: Президент России Владимир Путин выступил первым. Заявил, что переговоры были конструктивными."""
    if not cue.plural and cue.opens_sentence:
        return Subject([], source=cue.sentence.memory.person_of_gender(cue.gender),
                       rule="a verb without a subject goes on with the person just named")
    return None


SPEAKER_RULES = (
    gerund_shares_main_subject,
    body_in_locative_spoke,
    as_speech_subject,
    relative_pronoun_antecedent,
    speech_verb_subject,
    named_apposition,
    named_before_apposition,
    shared_subject_of_coordinated,
    plural_verb_locative_body,
    there_the_body_before,
    subjectless_verb_goes_on,
)


def speaker_of(cue: CueContext) -> tuple[Speaker, list[int]] | None:
    """The first rule that finds the speaker's words decides; when they name no source, the verb has
    no speaker (later rules are not tried). The speaker and the positions of its words."""
    subject, rule, declined = decide(SPEAKER_RULES, cue)
    if subject is None:
        return None
    source = subject.source
    if subject.positions:
        memory = cue.sentence.memory
        joined = coordinated_source(cue.doc, subject.positions, memory, subject.case) if cue.plural else None
        source = joined or source_from_tokens(cue.doc, subject.positions, memory, subject.case)
    if source is None:
        return None
    return Speaker(cue.verb, source, cue.span, cue.as_speech, subject.rule, rule, declined), subject.positions


# --- who speaks in a sentence: SPEAKING_RULES over a SentenceContext -----------------------------


def speech_verb_speakers(ctx: SentenceContext, masked: set[int]) -> list[Speaker]:
    """The speech verbs that report a statement, each with its speaker (`SPEAKER_RULES`), left to
    right, the words of each speaker masked for the verbs after it.
    uk: Міністр енергетики Герман Галущенко заявив, що ціни не зростуть.
    ru: Экономисты уверены, что инфляция замедлится к лету."""
    speakers: list[Speaker] = []
    for i in range(ctx.first, ctx.last):
        length = 0 if i in masked else speech_cue(ctx.doc, ctx.lex, i)
        if not length:
            continue
        cue = CueContext(ctx, i, length, masked, speakers)
        relayed = bool(speakers) and ctx.in_media_clause(speakers[0], i)  # "ЗМІ повідомили, що Барньє запропонував…"
        if not (cue.reports_statement or relayed):
            continue
        decided = speaker_of(cue)
        if decided is not None:
            speaker, positions = decided
            masked.update(positions)
            speakers.append(speaker)
    return speakers


def refusal_or_denial(ctx: SentenceContext, masked: set[int]) -> list[Speaker]:
    """Without a speech verb, the first refusal or denial with its subject (or the body after в/у).
    uk: Мер не став коментувати звільнення заступника.
    ru: Министр не стал комментировать отставку."""
    doc, first, last = ctx.doc, ctx.first, ctx.last
    tokens = ctx.tokens
    declining = refusals(tokens, ctx.lex) + [(a, b) for a, b, _ in find_phrases(tokens, ctx.lex.denial, by_lemma=True)]
    for a, b in sorted(declining):
        if any((SUBORDINATOR.fullmatch(tokens[k].text) or tokens[k].lemma.lower() in RELATIVES) and tokens[k - 1].text == "," for k in range(1, a)):
            continue  # "…угоду, яка передбачає, що влада не стане заперечувати": a clause's, not the sentence's
        masked.update(range(first + a, first + b))
        # the parse hangs the subject on the verb, not on the "не" before it
        verb = next((k for k in range(first + a, first + b) if doc.tokens[k].pos in ("VERB", "AUX")), first + a)
        positions = subject_positions(doc, verb, first, last, masked, after=False) or locative_source(doc, verb, first, last, ctx.memory)
        source = source_from_tokens(doc, positions, ctx.memory)
        if source is not None:
            return [Speaker(verb, source, (doc.tokens[first + a].start, doc.tokens[first + b - 1].end), False,
                            "a refusal or denial and its subject", "", ())]
    return []


SPEAKING_RULES = (speech_verb_speakers, refusal_or_denial)


# --- who attributes a sentence: RULES over a SentenceContext -------------------------------------


def source_cited_inside_quotation(ctx: SentenceContext) -> Found | None:
    """A source cited inside a quotation is the claim's; who quotes it reports the whole.
    uk: «Літак прибув до Каракаса після обходного маршруту над Африкою, згідно з даними Flightradar24», — пише WP.
    ru: «Самолет прибыл в Каракас после обходного маршрута над Африкой, согласно Flightradar24», — пишет WP."""
    if not (ctx.speakers and ctx.quoted_cites):
        return None
    cite = min(ctx.quoted_cites, key=lambda c: c.position)
    chain = [c.source for c in sorted(ctx.cited, key=lambda c: c.position) if c.source is not cite.source]
    return ctx.found(cite.source, cite.cue, "according_to", chain, "a source cited inside a quotation",
                     ctx.speakers[0].source, False)


def as_speech_speaker(ctx: SentenceContext) -> Found | None:
    """A speech verb introduced by "як" / "как" cites its source (according-to).
    uk: Як пише Reuters, ціни на нафту марки Brent зросли до 80 доларів за барель.
    ru: Как пишет газета «Ведомости», правительство обсуждает повышение НДФЛ."""
    if not ctx.speakers or ctx.quoted_cites or not ctx.speakers[0].as_speech:
        return None
    return ctx.speaker_found()


def according_to_phrase(ctx: SentenceContext) -> Found | None:
    """An according-to phrase and the source in the case it governs.
    uk: Загиблих, за даними обласної адміністрації, немає.
    ru: Погибших, по данным областной администрации, нет."""
    if ctx.speakers or not ctx.cited:
        return None
    cite = min(ctx.cited, key=lambda c: c.position)
    if cite.cue in ctx.impersonal:
        return None
    chain = [c.source for c in sorted(ctx.cited, key=lambda c: c.position)][1:]
    return ctx.found(cite.source, cite.cue, "according_to", chain, "an according-to phrase and its source", None, False)


def according_to_relayed(ctx: SentenceContext) -> Found | None:
    """An according-to phrase in a sentence an outlet relays at its end: the phrase's source is
    the claim's, the outlet reports it.
    uk: Як повідомив прем'єр Дональд Туск, вночі зафіксували 19 дронів, пишуть RMF24 та Polsat News.
    ru: По словам премьера, ночью зафиксировали 19 дронов, пишет RMF24."""
    if len(ctx.speakers) != 1 or not ctx.cited:
        return None
    relay = ctx.speakers[0]
    before = [c for c in ctx.cited if c.position < relay.verb and c.cue not in ctx.impersonal]
    inverted = relay.source.first > relay.verb  # ", пишуть RMF24", not ", Алвес опроверг"
    if not before or not inverted or not is_tail(ctx.doc, relay.verb, ctx.first, ctx.last, ctx.masked) or ctx.speech_kind(relay.verb) != "indirect":
        return None
    cite = min(before, key=lambda c: c.position)
    chain = [c.source for c in sorted(ctx.cited, key=lambda c: c.position) if c is not cite]
    return ctx.found(cite.source, cite.cue, "according_to", chain, "an according-to phrase, relayed by the outlet at the end", relay.source, False)


def report_by_nobody_named(ctx: SentenceContext) -> Found | None:
    """A report that names nobody: according-to, without a source.
    uk: Як повідомлялося, у січні ціни на газ для населення не зміняться.
    ru: Правительство, как сообщается, готовит новый пакет поддержки для аграриев."""
    if ctx.speakers or ctx.cited:
        return None
    unnamed = find_phrases(ctx.tokens, ctx.lex.unnamed_report)
    if not unnamed:
        return None
    a, b, _ = unnamed[0]
    return Found(None, (ctx.tokens[a].start, ctx.tokens[b - 1].end), "according_to", rule="a report by nobody named")


def quotation_speaker(ctx: SentenceContext) -> Found | None:
    """A sentence inside a quotation is its speaker's (`QUOTATION_RULES`), unless the sentence cites
    its own source (the rules above); "він" after the quotation is the person named before.
    uk: «Проблем із постачанням немає», — сказав міністр.
    ru: «Нет проблем с поставками», — сказал министр."""
    found = ctx.quoted.get(ctx.index)
    if found is None:
        return None
    memory = ctx.memory
    if found.source.mention is None and ctx.doc.tokens[found.source.first].text.lower() in PRONOUNS and memory.person:
        # «…», — сказав він: quotations are read before the sentences, so "він" is resolved here
        found = replace(found, source=replace(memory.person, first=found.source.first, last=found.source.last))
    quoted = memory.speaker or memory.person
    if quoted is not None and _quotes_nobody_named(ctx.doc, ctx.lex, found):
        # «…», — цитирует издание: the outlet relays the person who last spoke
        found = replace(found, source=replace(quoted, first=found.source.first, last=found.source.last),
                        chain=[found.source, *found.chain], rule=f"{found.rule}; quoted by an outlet: the person who last spoke")
    return found


def _quotes_nobody_named(doc: Doc, lex: Lexicon, found: Found) -> bool:
    """The cue is a quoting verb ("цитирует", "цитує") and its phrase names no person."""
    cue = token_at(doc, found.cue[0])
    source = found.source
    named = source.mention.label == "PER" if source.mention is not None else _names_person(doc, lex, source)
    return cue is not None and doc.tokens[cue].lemma.lower() in lex.quoting and not named  # "цитирует его ТАСС": ТАСС


def speaker(ctx: SentenceContext) -> Found | None:
    """The first speech verb's speaker (`SPEAKER_RULES`), or the subject of a refusal or denial.
    uk: Міністр енергетики Герман Галущенко заявив, що ціни не зростуть.
    ru: Министр не стал комментировать отставку."""
    if not ctx.speakers or ctx.quoted_cites:
        return None
    return ctx.speaker_found()


def impersonal_cue(ctx: SentenceContext) -> Found | None:
    """An impersonal cue and the document it names: reported speech (quoted: a direct quote).
    uk: У документі йдеться про те, що експорт зерна зріс на третину.
    ru: В отчете говорится, что экспорт зерна вырос на треть."""
    if ctx.speakers or not ctx.cited:
        return None
    cite = min(ctx.cited, key=lambda c: c.position)
    if cite.cue not in ctx.impersonal:
        return None
    verb = next(k for k in range(ctx.first, ctx.last) if ctx.doc.tokens[k].start == cite.cue[0])
    chain = [c.source for c in sorted(ctx.cited, key=lambda c: c.position)][1:]
    return ctx.found(cite.source, cite.cue, ctx.speech_kind(verb), chain, "an impersonal cue and the document it names", None, False)


def headline_name_colon(ctx: SentenceContext) -> Found | None:
    """A short opening that names a person or organisation, then a colon: the rest is their words.
    uk: Кличко: у Києві запрацюють нові пункти незламності
    ru: Министр финансов Антон Силуанов: бюджет следующего года останется сбалансированным"""
    if ctx.speakers or ctx.cited:
        return None
    doc, sentence = ctx.doc, ctx.sentence
    colon = next((k for k in range(sentence.first, min(sentence.first + 7, sentence.last - MIN_CLAIM_WORDS))
                  if doc.tokens[k].text == ":"), None)
    if colon is None or colon == sentence.first:
        return None
    named = [m for m in doc.mentions_within_tokens(sentence.first, colon) if m.label in ("PER", "ORG")]
    surname = colon - sentence.first == 1 and any("Surn" in p.tag.grammemes for p in name_parses(doc.tokens[sentence.first].text, doc.lang))
    if not (named and named[-1].last == colon or surname):
        return None  # "Песков:" in a headline, where taggers often miss the name
    source = source_from_tokens(doc, list(range(sentence.first, colon)), ctx.memory)
    if source is None:
        return None
    token = doc.tokens[colon]
    return Found(source, (token.start, token.end), "direct_quote", rule="headline 'Name: …'")


def headline_dash_name(ctx: SentenceContext) -> Found | None:
    """A headline closed by a dash and the name of who says it, or the role of a person the article names.
    uk: Ціни на пальне зростуть до кінця року — Reuters
    ru: Цены на топливо вырастут до конца года — Reuters
    en: Talks address prisoner exchange and ceasefire – Ukraine's defence minister"""
    if ctx.speakers or ctx.cited:
        return None
    doc, sentence = ctx.doc, ctx.sentence
    last = sentence.last
    while last > sentence.first and doc.tokens[last - 1].pos == "PUNCT" and doc.tokens[last - 1].text in ".!":
        last -= 1
    named = [m for m in doc.mentions_within_tokens(sentence.first, last) if m.last == last and m.label in ("PER", "ORG")]
    dash = named[0].first - 1 if named else _dash_before_role(doc, ctx.lex, sentence.first, last)
    if dash is None or dash <= sentence.first + MIN_CLAIM_WORDS or doc.tokens[dash].text not in DASHES:
        return None
    if named:
        source = Source(named[0].normal or named[0].text, named[0], None, named[0].first, named[0].last)
    else:
        source = source_from_tokens(doc, list(range(dash + 1, last)), ctx.memory)
    if source is None:
        return None
    token = doc.tokens[dash]
    return Found(source, (token.start, token.end), "indirect", rule="headline '… — Outlet'")


def _dash_before_role(doc: Doc, lex: Lexicon, first: int, last: int) -> int | None:
    """The dash before a role closing the sentence ("– Ukraine's defence minister", "— міністр фінансів"):
    a few nouns and adjectives, one of them a word for a person's role."""
    k = last - 1
    while k > first and last - k <= ROLE_WORDS and doc.tokens[k].pos in NOUNISH | {"ADJ", "DET", "ADP", "PART"}:
        k -= 1
    words = {t.lemma.lower() for t in doc.tokens[k + 1 : last]}
    return k if doc.tokens[k].text in DASHES and words & (lex.person_role | lex.spokesperson) else None


def line_naming_the_source(ctx: SentenceContext) -> Found | None:
    """A line "Джерело: X" names the source of the lead above it; it states nothing itself.
    uk: Ціни на газ не зміняться до весни.\n\nДжерело: міністр енергетики Герман Галущенко в ефірі телемарафону
    ru: Цены на газ не изменятся до весны.\n\nИсточник: министр энергетики Сергей Цивилев в интервью РБК"""
    named = source_line(ctx.doc, ctx.lex, ctx.first, ctx.memory)
    if named is None:
        return None
    source, cue = named
    return Found(source, cue, "according_to", back_reference=True, rule="a line 'Джерело: X' names the source of the lead")


RULES = (
    line_naming_the_source,
    source_cited_inside_quotation,
    as_speech_speaker,
    according_to_phrase,
    according_to_relayed,
    report_by_nobody_named,
    quotation_speaker,  # after the rules that give according-to: a sentence's own source wins
    speaker,
    impersonal_cue,
    headline_name_colon,
    headline_dash_name,
)


def attribute(ctx: SentenceContext) -> Found:
    """The attribution of the first rule that decides, with the rules tried before it; `Found()`
    (the outlet's own statement) when none does."""
    found, rule, declined = decide(RULES, ctx)
    if found is None:
        return Found(declined=declined)
    return replace(found, decided_by=_chain(rule, found.decided_by), declined=declined + found.declined)


# --- who speaks a quotation: QUOTATION_RULES over a Quotation -------------------------------------


@dataclass
class Quotation:
    """A quotation of a paragraph: its quote marks' offsets and the paragraph's."""

    doc: Doc
    lex: Lexicon
    memory: Memory
    start: int
    end: int
    paragraph_start: int
    paragraph_end: int
    line_source: tuple[Source, tuple[int, int]] | None = None  # the last line "Джерело: X" above it, and its cue

    def after(self) -> tuple[int | None, bool]:
        """The first word after the quotation and the punctuation closing it, in its paragraph;
        whether a dash stood between."""
        doc = self.doc
        i = token_at(doc, self.end)
        if i is None or doc.tokens[i].start >= self.paragraph_end:
            return None, False
        dashed = False
        while i < len(doc.tokens) and doc.tokens[i].text in DASHES | {",", "."} and doc.tokens[i].start < self.paragraph_end:
            dashed = dashed or doc.tokens[i].text in DASHES
            i += 1
        if i >= len(doc.tokens) or doc.tokens[i].start >= self.paragraph_end:
            return None, False
        return i, dashed


def speaker_after_quotation(q: Quotation) -> Found | None:
    """A quotation closed by a speech verb and its speaker; after a dash, any verb with a person
    ("— улыбнулся Байден", "— заключила специалист").
    uk: «Проблем із постачанням немає», — сказав міністр.
    ru: «Нет проблем с поставками», — сказал министр."""
    doc = q.doc
    i, dashed = q.after()
    if i is None:
        return None
    length = speech_cue(doc, q.lex, i)
    manner = not length and dashed and is_finite_verb(doc.tokens[i])  # «…», — улыбнулся Байден
    if not (length or manner):
        return None
    length = length or 1
    stop = i + length
    while stop < len(doc.tokens) and doc.tokens[stop].start < q.paragraph_end:
        stop += 1
    positions = without_addressee(doc, phrase_after(doc, i + length, stop, set()))
    if manner and positions and doc.tokens[positions[0]].pos == "ADP":
        return None  # "— говорится в сообщении канцелярии": no one named speaks
    if not positions and not manner:
        positions = locative_source(doc, i, i, stop, q.memory)
    source = source_from_tokens(doc, positions, q.memory)
    if source is None or manner and not _names_person(doc, q.lex, source):
        return None
    verb = doc.tokens[i]
    return Found(source, (verb.start, verb.end), "direct_quote", rule="a quotation closed by '— said X'")


def speaker_before_verb_after_quotation(q: Quotation) -> Found | None:
    """A quotation closed by its speaker and then the speech verb, the English order.
    en: "We are ready to negotiate," the minister said."""
    doc = q.doc
    first, _ = q.after()
    if first is None or doc.lang != "en":
        return None
    verb = first
    while verb < len(doc.tokens) and verb - first < TAIL_SUBJECT_WORDS and doc.tokens[verb].pos in SUBJECT_WORD_POS:
        verb += 1
    if verb == first or verb >= len(doc.tokens) or doc.tokens[verb].start >= q.paragraph_end or not speech_cue(doc, q.lex, verb):
        return None
    source = source_from_tokens(doc, list(range(first, verb)), q.memory)
    if source is None:
        return None
    token = doc.tokens[verb]
    return Found(source, (token.start, token.end), "direct_quote", rule="a quotation closed by '\"…,\" X said'")


def _after_relative(tokens: list, a: int) -> bool:
    """The phrase at tokens[a] opens a relative clause, whose content it qualifies, not the
    sentence's: "лодки, которые, по их данным, перевозили наркотики, резюмировали в WSJ"."""
    k = a - 1
    while k >= 0 and tokens[k].text == ",":
        k -= 1
    return k >= 0 and tokens[k].lemma.lower() in RELATIVES


def _names_person(doc: Doc, lex: Lexicon, source: Source) -> bool:
    """A person by name, pronoun or role: "Байден", "він", "специалист"."""
    lemma = doc.tokens[source.first].lemma.lower()
    return (source.mention is not None and source.mention.label == "PER" or lemma in PRONOUNS
            or lemma in lex.person_role or lemma in lex.consulted_role)


def speaker_before_quotation(q: Quotation) -> Found | None:
    """A quotation opened by its speaker and a colon.
    uk: Голова Національного банку Андрій Пишний: «Інфляція почне сповільнюватися вже восени».
    ru: Глава Росстата Сергей Галкин: «Безработица в стране остается на историческом минимуме»."""
    doc = q.doc
    i = token_at(doc, q.start)
    if i is None or i == 0 or doc.tokens[i - 1].text != ":" or doc.tokens[i - 1].start < q.paragraph_start:
        return None
    begin = i - 1
    while begin > 0 and doc.tokens[begin - 1].start >= q.paragraph_start and not is_break(doc.tokens[begin - 1]):
        begin -= 1
    positions = [k for k in range(begin, i - 1) if doc.tokens[k].lemma.lower() not in q.lex.speech]
    if any(doc.tokens[k].pos == "SCONJ" or doc.tokens[k].text.lower() in ("что", "що") for k in [begin - 1, *positions] if k >= 0):
        return None  # "признал, что должна быть обеспечена безопасность: «…»": a clause, not a speaker
    if len(positions) == 1 and _label_word(doc, q.lex, positions[0]) or labelled_line(doc, q.lex.quote_line, begin) == i - 1:
        return None
    source = source_from_tokens(doc, positions, q.memory)
    if source is None:
        return None
    colon = doc.tokens[i - 1]
    return Found(source, (colon.start, colon.end), "direct_quote", rule="a quotation opened by 'X: «'")


def _label_word(doc: Doc, lex: Lexicon, k: int) -> bool:
    """A lone common noun before the colon labels what follows ("Quote:", "Цитата:", "Довідка:"),
    unless it is a word for who speaks ("Експерт:", "Spokesman:")."""
    token = doc.tokens[k]
    speaking = lex.person_role | lex.consulted_role | lex.informant | lex.institution | lex.outlet_ref | lex.voice_of
    return token.pos == "NOUN" and not doc.mentions_within_tokens(k, k + 1) and token.lemma.lower() not in speaking


def quotation_under_source_line(q: Quotation) -> Found | None:
    """A quotation on a line opened by "Пряма мова:" is the words of the source named by the line
    "Джерело: X" above it.
    uk: Ціни на газ не зміняться.\n\nДжерело: міністр енергетики Герман Галущенко\n\nПряма мова: «Ціни на газ для населення не зміняться до весни».
    ru: Цены на газ не изменятся.\n\nИсточник: министр энергетики Сергей Цивилев\n\nПрямая речь: «Цены на газ для населения не изменятся до весны»."""
    opening = token_at(q.doc, q.start)
    line = q.doc.text.rfind("\n", q.paragraph_start, q.start) + 1 or q.paragraph_start
    first = token_at(q.doc, line)
    if q.line_source is None or labelled_line(q.doc, q.lex.quote_line, first) != opening - 1:
        return None
    source, _ = q.line_source
    return Found(source, (q.doc.tokens[first].start, q.doc.tokens[opening - 2].end), "direct_quote",
                 rule="a quotation on a line 'Пряма мова:' under the line naming its source")


QUOTATION_RULES = (speaker_after_quotation, speaker_before_verb_after_quotation, quotation_under_source_line, speaker_before_quotation)


def quotation_speakers(doc: Doc, lex: Lexicon, memory: Memory, skipped: dict[int, str]) -> dict[int, Found]:
    """The sentences of each quotation with a speaker (`QUOTATION_RULES`), by sentence index.
    Quotations often span several sentences, so they are read per paragraph, not per sentence."""
    found: dict[int, Found] = {}
    by_paragraph: dict[int, list[tuple[int, Sentence]]] = {}
    for k, s in enumerate(doc.sentences):
        by_paragraph.setdefault(s.paragraph, []).append((k, s))
    line_source = None
    for paragraph, (p_start, p_end) in enumerate(doc.paragraphs):
        if paragraph in skipped:
            continue
        lines = [(doc.tokens[i].start, named) for i in _line_starts(doc, p_start, p_end) if (named := source_line(doc, lex, i, memory))]
        sentences = by_paragraph.get(paragraph, [])
        for q_start, q_end in quote_spans(doc.text, p_start, p_end):
            if q_end - q_start < 40 and not any(s.start == q_start for _, s in sentences) or _quoted_phrase(doc, sentences, q_start, q_end):
                continue  # a quoted phrase inside a sentence, not a quotation
            above = next((named for start, named in reversed(lines) if start < q_start), line_source)
            quotation = Quotation(doc, lex, memory, q_start, q_end, p_start, p_end, above)
            attribution, rule, declined = decide(QUOTATION_RULES, quotation)
            if attribution is None:
                continue
            attribution = replace(attribution, decided_by=rule, declined=declined)
            for k, s in sentences:
                if s.start < q_end and s.end > q_start:
                    found[k] = attribution
        line_source = lines[-1][1] if lines else line_source
    return found


# --- helpers of the facts above -------------------------------------------------------------------


def labelled_line(doc: Doc, labels: list[Phrase], first: int) -> int | None:
    """The colon after one of `labels` opening a line at tokens[first] ("Джерело:", "Пряма мова:"), if one does."""
    if first > 0 and "\n" not in doc.text[doc.tokens[first - 1].end : doc.tokens[first].start]:
        return None
    length = longest_at(doc.tokens, first, labels)
    colon = first + length
    return colon if length and colon < len(doc.tokens) and doc.tokens[colon].text == ":" else None


def source_line(doc: Doc, lex: Lexicon, first: int, memory: Memory) -> tuple[Source, tuple[int, int]] | None:
    """The source a line "Джерело: X" opening at tokens[first] names, and the label as its cue: the
    layout of Ukrainska Pravda ("Source: NATO spokesperson Allison Hart in a comment to European Pravda")."""
    colon = labelled_line(doc, lex.source_line, first)
    if colon is None:
        return None
    line_end = doc.text.find("\n", doc.tokens[colon].end)
    stop = token_at(doc, line_end) if line_end >= 0 else None
    positions = phrase_after(doc, colon + 1, stop or len(doc.tokens), set())
    source = source_from_tokens(doc, positions, memory) if positions else None
    return (source, (doc.tokens[first].start, doc.tokens[colon - 1].end)) if source is not None else None


def _line_starts(doc: Doc, start: int, end: int) -> list[int]:
    """The first token of each line between the offsets."""
    offsets = [start]
    while (newline := doc.text.find("\n", offsets[-1], end)) >= 0:
        offsets.append(newline + 1)
    return [i for i in dict.fromkeys(token_at(doc, k) for k in offsets) if i is not None and doc.tokens[i].start < end]


def _quoted_phrase(doc: Doc, sentences: list[tuple[int, Sentence]], q_start: int, q_end: int) -> bool:
    """A quotation within one sentence after words of it, not introduced by a colon: "Джо Байден
    «противостоял Путину по целому ряду вопросов», сообщает CNN" quotes a phrase of a report."""
    inside = next((s for _, s in sentences if s.start < q_start and q_end <= s.end), None)
    if inside is None:
        return False
    before = doc.text[inside.start : q_start].rstrip()
    return any(ch.isalpha() for ch in before) and not before.endswith(":")


def is_tail(doc: Doc, verb: int, first: int, last: int, masked: set[int]) -> bool:
    """A speech verb right after a comma or dash closes the sentence: ", пише 24 Канал", «Нет», —
    сказала. Not after an apposition, a verbless stretch with a comma inside: "Оператор станції,
    ТОВ «Кременчукгенерація», підтвердив пошкодження"; nor after an aside ("Мей, відповідаючи на
    запитання, заявила")."""
    if doc.tokens[verb].feats.get("VerbForm") in ("Conv", "Ger"):
        return False  # ", добавив, что…", ", praising the work of…" go on with the sentence's speaker
    if doc.lang == "en":
        if not _closes_english_sentence(doc, verb, last):
            return False  # "While no deal was reached, Trump described the talks as productive"
        verb = _english_tail_subject(doc, verb, first)
    while verb - 1 > first and verb - 1 in masked:
        verb -= 1
    if not (verb > first + 1 and doc.tokens[verb - 1].text in DASHES | {","}):
        return False
    before = doc.tokens[first : verb - 1]
    return (
        before[0].text in OPENING_QUOTES | {"—", "–", "-"}
        or any(t.pos in ("VERB", "AUX") for t in before)  # "знизить" may read as an infinitive
        or all(t.text != "," for t in before)  # "Варшава и Киев близки к соглашению, сообщил министр"
    )


def _english_tail_subject(doc: Doc, verb: int, first: int) -> int:
    """English puts the speaker before the verb that closes a sentence: "…, it said.", "…, Polish
    officials said." Where such a subject follows a comma, that is where the tail begins."""
    k = verb
    while k - 1 > first and verb - k < TAIL_SUBJECT_WORDS and doc.tokens[k - 1].pos in SUBJECT_WORD_POS:
        k -= 1
    if k < verb and k - 2 > first and doc.tokens[k - 1].text in CLOSING_QUOTES and doc.tokens[k - 2].text == ",":
        return k - 1  # '… has "taken note of this request," he added.': the tail begins at the closing quote
    return k if k < verb and doc.tokens[k - 1].text == "," else verb


def _closes_english_sentence(doc: Doc, verb: int, last: int) -> bool:
    """Nothing after the English verb but a few words of where and when ("…, he said on Friday.",
    "…, the ministry said in a statement."), or, right after a comma or dash, its subject ("…, said
    Malyuk."): no object, clause or quotation."""
    words = doc.tokens[verb + 1 : last]
    while words and words[-1].pos == "PUNCT":
        words = words[:-1]
    if not words:
        return True
    if len(words) > TAIL_ADVERBIAL_WORDS or any(t.pos == "SCONJ" or t.pos == "PUNCT" and t.text != "," for t in words):
        return False
    inverted = doc.tokens[verb - 1].text in DASHES | CLOSING_QUOTES | {","}
    return words[0].pos in ("ADP", "ADV") or inverted and all(t.pos in SUBJECT_WORD_POS | {"ADP", "PUNCT"} for t in words)


def _asides(doc: Doc, first: int, last: int) -> set[int]:
    """What stands between a subject and its verb and names neither: comma-enclosed gerund clauses
    ("Т. Мей, відповідаючи на запитання, заявила"), dates ("Мей у неділю, 18 листопада, заявила",
    "заявив у понеділок головний представник ЄС") and relative clauses. Their positions, commas included."""
    found: set[int] = set()
    i = first
    while i < last:
        k = i + (doc.tokens[i].pos == "ADP")
        end = k
        while end < last and (doc.tokens[end].text.isdigit() or doc.tokens[end].lemma.lower() in TIME_NOUNS):
            end += 1
        if any(doc.tokens[j].lemma.lower() in TIME_NOUNS for j in range(k, end)):
            found.update(range(i, end))
            i = end
        else:
            i += 1
    commas = [k for k in range(first, last) if doc.tokens[k].text == ","]
    for opening, closing in zip(commas, commas[1:]):
        inner = doc.tokens[opening + 1 : closing]
        if not inner or any(is_finite_verb(t) for t in inner):
            continue
        opening_word = inner[1] if len(inner) > 1 and inner[0].text.lower() == "не" else inner[0]
        # "Трамп, не надаючи доказів, заявляв"; after a finite verb the gerund speaks: "Суд оправдал её, посчитав, что…"
        gerund = opening_word.feats.get("VerbForm") == "Conv" and not any(is_finite_verb(t) for t in doc.tokens[first:opening])
        date = all(t.text.isdigit() or t.lemma.lower() in TIME_NOUNS or t.pos == "ADP" for t in inner)
        if gerund or date:
            found.update(range(opening, closing + 1))
    found |= _relative_clause_asides(doc, first, last, commas)
    return found


def _relative_clause_asides(doc: Doc, first: int, last: int, commas: list[int]) -> set[int]:
    """A relative clause between the subject and its verb, with the clause's commas: "офіційні
    представники, котрі відповідають за вибори, підтвердили". Only before the sentence's first
    finite verb outside it, and only when a finite verb follows the closing comma."""
    found: set[int] = set()
    for opening, closing in zip(commas, commas[1:]):
        if opening + 1 >= closing or doc.tokens[opening + 1].lemma.lower() not in RELATIVES:
            continue
        if any(is_finite_verb(t) for t in doc.tokens[first:opening]) or closing + 1 >= last or not is_finite_verb(doc.tokens[closing + 1]):
            continue
        found.update(range(opening, closing + 1))
    return found


def _locative_before(doc: Doc, lex: Lexicon, verb: int, first: int, masked: set[int]) -> list[int]:
    """The phrase after в/у (or на before a page: "На сайте Кремля сообщается") that precedes an
    impersonal verb in its clause."""
    def opens(k: int) -> bool:
        word = doc.tokens[k].text.lower()
        return word in LOCATIVE_PREPOSITIONS or word == "на" and k + 1 < verb and doc.tokens[k + 1].lemma.lower() in lex.voice_of

    i = verb - 1
    while i >= first and not is_break(doc.tokens[i]) and not opens(i):
        i -= 1
    if i < first or not opens(i):
        return []
    return [k for k in range(i + 1, verb) if k not in masked and doc.tokens[k].pos != "ADV"]
