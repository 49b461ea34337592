"""The gender of a quoted person, from the article's own words first and a first-name list second.

`infer_gender(text, name, mention_spans)` returns (gender, evidence): gender "female", "male" or "unknown",
evidence "pronoun" (the article calls the person han/hun, or a gendered noun stands beside the name:
"kronprinsesse Mette-Marit", "moren Kari", "Per Hansen, en 45 år gammel mann"), "first name" (the article says
nothing, the name list does) or "none". Nothing else is guessed from: no photos, no roles, no outside facts.

The article's signs, each a vote:
- pronoun mentions among the person's mention spans (the quotes stage resolves "sier hun" to its speaker);
- a gendered noun or form of address right before a mention, or in apposition right after it;
- han/hun opening the sentence right after a sentence that names the person and no other person, or in a
  clause after the name in the same sentence ("Hansen sier at hun ...");
- the gendered words inside a descriptive mention ("politisk talskvinne for Enhedslisten").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from operator import attrgetter, lt, sub

from analysis import data
from analysis.records import Entity, Span

FIRST_NAMES_FILE = "first_names_nb.tsv"
GENDERED_NOUNS_FILE = "gendered_nouns_nb.txt"

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"
PRONOUN_EVIDENCE, FIRST_NAME_EVIDENCE, NO_EVIDENCE = "pronoun", "first name", "none"

_PRONOUNS = {"hun": FEMALE, "henne": FEMALE, "hennes": FEMALE, "han": MALE, "ham": MALE, "hans": MALE}
_SUBJECT_PRONOUNS = {"hun": FEMALE, "han": MALE}
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
# A sentence ends at . ! ? (also before a closing quote) followed by space, or at a line break.
# ", kommenterte hun" / "? spurte han": the pronoun that attributes a quote
_QUOTE_ATTRIBUTION = re.compile(r"[,!?]\s+[a-zæøå]+\s+(han|hun)\b")
# (Written with one leading class so that the regex engine skips to candidates in C: the same matches as
# `[.!?…][»”"]?\s+|\n`.)
_SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=\n)|[»”\"]?\s+)")
# Words that may stand between a clause opener and its subject pronoun ("at hun", "fordi han").
_CLAUSE_OPENERS = frozenset({"at", "fordi", "da", "når", "der", "hvis", "om", "og", "men", "selv", "mens"})
# Words between a name and an apposed noun: "Per Hansen, en 45 år gammel mann".
_APPOSITION_FILLERS = frozenset(
    {"en", "ei", "et", "er", "var", "som", "den", "år", "gammel", "gamle", "unge", "ung"}
)
_ENDING_MIN_STEM = 4  # "-inne" must follow a real stem: skuespillerinne, vertinne, not vinne or finne


@cache
def first_name_genders() -> dict[str, str]:
    """First name -> "female" or "male" (the data file's names; ambiguous names are not in it)."""
    genders = {}
    for line in data.lines(FIRST_NAMES_FILE):
        gender, _, name = line.partition("\t")
        genders[name] = FEMALE if gender == "f" else MALE
    return genders


@cache
def _gendered_nouns() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    words, endings = {}, []
    for line in data.lines(GENDERED_NOUNS_FILE):
        gender, _, word = line.partition("\t")
        gender = FEMALE if gender == "f" else MALE
        if word.startswith("-"):
            endings.append((word[1:], gender))
        else:
            words[word] = gender
    return words, tuple(endings)


@lru_cache(maxsize=65536)  # a pure per-word decision; the words around a person's mentions recur
def gender_of_noun(word: str) -> str | None:
    """The gender a noun or form of address gives ("moren", "kronprinsesse", "talskvinne"), else None."""
    word = word.lower()
    words, endings = _gendered_nouns()
    if word in words:
        return words[word]
    for ending, gender in endings:
        if word.endswith(ending) and len(word) >= len(ending) + _ENDING_MIN_STEM:
            return gender
    return None


def gender_of_first_name(name: str) -> str | None:
    """The gender the name list gives the person's first name ("Kari Nordmann" -> female), else None.
    The first listed word before the surname counts, so a title or genitive in front of the name is
    passed over ("Lagkamerat Anders Bardal", "Italias Silvio Berlusconi"); a one-word name counts only
    when it is itself a listed first name. "Mette-Marit" is looked up whole, then by its first part."""
    genders = first_name_genders()
    words = [word.strip(".,()") for word in name.split()]
    for word in words[:-1] if len(words) > 1 else words:
        if len(word) < 2 or not word[0].isupper():
            continue
        if word in genders:
            return genders[word]
        if "-" in word and word.split("-")[0] in genders:
            return genders[word.split("-")[0]]
    return None


def _sentence_end(text: str, offset: int) -> int:
    """Where the sentence holding `offset` ends; the search looks at most 600 characters on (and
    `_sentence_start` as far back)."""
    found = _SENTENCE_END.search(text, offset, offset + 600)
    return found.start() + 1 if found else min(len(text), offset + 600)


_NEAR = 160  # characters before a mention read first for the end of the sentence before it


def _sentence_start(text: str, offset: int) -> int:
    """Where the last `_SENTENCE_END` match in text[offset - 600:offset] ends (scanned from the window's
    start), or the window's start. Matches are read from `_NEAR` characters back first: a scan from
    there yields the full scan's matches from its first match that starts at a mark (no earlier match
    can hold a mark but as its first character), or at a line break with more than white space between
    it and the scan's start (no earlier match's white space can reach it). Only without such a match
    is the whole window scanned."""
    window_start = max(0, offset - 600)
    near = max(window_start, offset - _NEAR)
    if near > window_start:
        synchronised = False
        last = None
        for match in _SENTENCE_END.finditer(text, near, offset):
            position = match.start()
            if not synchronised:
                synchronised = text[position] != "\n" or bool(text[near + 1 : position].strip())
            last = match
        if synchronised:
            return last.end()
    start = window_start
    for match in _SENTENCE_END.finditer(text, window_start, offset):
        start = match.end()
    return start


def _words(text: str, start: int, end: int) -> list[re.Match]:
    return list(_WORD.finditer(text, start, end))


def _word_before(text: str, start: int) -> str | None:
    """The word right before a mention, with nothing but a space between ("kronprinsesse Mette-Marit"):
    what `(\\w+) $` captures searched in text[start - 40:start], without trying every offset. Its " $"
    can only match at the window's end (or before a newline ending it), and its word is the run of word
    characters right before that space, cut at the window's start."""
    window = max(0, start - 40)
    if start - 1 >= window and text[start - 1] == " ":
        space = start - 1
    elif start - 2 >= window and text[start - 1] == "\n" and text[start - 2] == " ":
        space = start - 2
    else:
        return None
    first = space
    while first > window and (text[first - 1].isalnum() or text[first - 1] == "_"):  # \w
        first -= 1
    return text[first:space] if first < space else None


def _noun_votes(text: str, span: Span) -> list[str]:
    """Gendered nouns right before the mention ("moren Kari"), apposed right after it ("Per, en 45 år
    gammel mann"), or inside a descriptive mention ("talskvinne for partiet")."""
    votes = []
    adjacent = _word_before(text, span.start)
    if adjacent:
        gender = gender_of_noun(adjacent)
        if gender:
            votes.append(gender)
    if text.startswith((",", " ("), span.end):  # only then is the text after the mention read
        for word in _WORD.findall(text[span.end : span.end + 60].split(".")[0])[:6]:
            lower = word.lower()
            gender = gender_of_noun(lower)
            if gender:
                votes.append(gender)
                break
            if lower not in _APPOSITION_FILLERS and not word.isdigit():
                break
    for word in _WORD.findall(span.text):  # a descriptive mention ("talskvinne for partiet")
        gender = gender_of_noun(word) if word.islower() else None
        if gender:
            votes.append(gender)
            break
    return votes


def _is_other_person(entity: Entity, name_words: set[str], spans: SpanIndex) -> bool:
    # the word test first: it is the cheaper one, and settles the person's own mentions
    return (
        entity.type == "person"
        and name_words.isdisjoint(entity.text.split())
        and not spans.overlaps(entity.start, entity.end)
    )


class SpanIndex:
    """Spans sorted by start, for overlap and range queries in logarithmic time (an article may name a
    person thousands of times: a scan per mention would be quadratic)."""

    def __init__(self, spans: Iterable) -> None:
        # C-level keys and sums: an article's index holds every entity mention (tens of thousands), and
        # usually comes in order with distinct starts already (then sorting is no more than that check)
        items = list(spans)
        starts = list(map(attrgetter("start"), items))
        if not all(map(lt, starts, starts[1:])):
            items.sort(key=attrgetter("start", "end"))
            starts = list(map(attrgetter("start"), items))
        self.items, self.starts = items, starts
        self.longest = max(map(sub, map(attrgetter("end"), self.items), self.starts), default=0)

    def between(self, start: int, end: int) -> list:
        """The spans starting in [start, end)."""
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def overlaps(self, start: int, end: int) -> bool:
        return any(s.end > start for s in self.between(start - self.longest, end))


def _pronoun_after_votes(
    text: str, span: Span, name_words: set[str], spans: SpanIndex, entities: SpanIndex
) -> list[str]:
    """han/hun as the subject right after the sentence naming the person (when it names no other person),
    and han/hun opening a clause after the name in its own sentence (when no other person comes between)."""
    votes = []
    end = _sentence_end(text, span.start)  # its start is looked for only if a pronoun is to be read
    # a subject pronoun must stand in the rest of the sentence: most sentences have none to read for
    pronoun_after = text.find("han", span.end, end) >= 0 or text.find("hun", span.end, end) >= 0
    next_start = end
    while next_start < len(text) and text[next_start] in ' \n»”"':
        next_start += 1
    follows = next_start < len(text) and next_start - end <= 4  # the next sentence, close enough to read
    quote_follows = follows and text[next_start] in "-–"
    opening = text[next_start : next_start + 40].lower() if follows and not quote_follows else ""
    pronoun_opens = "han" in opening or "hun" in opening
    if not (pronoun_after or quote_follows or pronoun_opens):
        return votes  # no pronoun to read: the other people the sentence names cannot matter
    start = _sentence_start(text, span.start)
    others = [
        e
        for e in entities.between(start, end)
        if e.type == "person" and _is_other_person(e, name_words, spans)
    ]
    later_others = [e for e in others if e.start > span.end]
    words = _words(text, span.end, end) if pronoun_after else []
    for previous, word in zip(words, words[1:], strict=False):
        if later_others and word.start() > later_others[0].start:
            break
        gender = _SUBJECT_PRONOUNS.get(word.group())
        if gender and previous.group().lower() in _CLAUSE_OPENERS:
            votes.append(gender)
            break
    if others or not (quote_follows or pronoun_opens):
        return votes
    if quote_follows:
        # A quote paragraph right after the person is named, attributed with a pronoun ("- Det er
        # krenkende, kommenterte hun."): the pronoun after the attribution verb, not one inside the quote.
        paragraph_end = text.find("\n", next_start)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        attribution = _QUOTE_ATTRIBUTION.search(text, next_start, min(paragraph_end, next_start + 400))
        named_between = attribution and any(
            e.type == "person" for e in entities.between(next_start, attribution.start())
        )
        if attribution and not named_between:
            votes.append(_SUBJECT_PRONOUNS[attribution.group(1)])
        return votes
    following = _words(text, next_start, min(len(text), next_start + 40))[:3]
    for position, word in enumerate(following):
        gender = _SUBJECT_PRONOUNS.get(word.group().lower())
        if gender and (position == 0 or word.group().islower()):
            votes.append(gender)
            break
    return votes


def infer_gender(
    text: str,
    name: str,
    mention_spans: Sequence[Span] = (),
    entities: Sequence[Entity] | SpanIndex = (),
) -> tuple[str, str]:
    """(gender, evidence) of a quoted person: "female"/"male"/"unknown" with "pronoun"/"first name"/"none".

    `mention_spans` are the person's mentions in `text` (names, descriptions, and pronouns the quotes
    stage resolved to them); `entities` (from `analysis.entities.find_entities`), when given, tell where
    other people are named, so that a han/hun next to them is not counted for this person (pass them as
    one `SpanIndex` when inferring the gender of many people of one article)."""
    votes: dict[str, int] = {FEMALE: 0, MALE: 0}
    name_words = {word for word in name.split() if word[:1].isupper()}
    own = SpanIndex(mention_spans)
    named = entities if isinstance(entities, SpanIndex) else SpanIndex(entities)
    for span in mention_spans:
        word = span.text.strip().lower()
        if word in _PRONOUNS:
            votes[_PRONOUNS[word]] += 1
            continue
        for gender in _noun_votes(text, span):
            votes[gender] += 2
        for gender in _pronoun_after_votes(text, span, name_words, own, named):
            votes[gender] += 1
    if votes[FEMALE] != votes[MALE]:
        return (FEMALE if votes[FEMALE] > votes[MALE] else MALE), PRONOUN_EVIDENCE
    gender = gender_of_first_name(name)
    if gender:
        return gender, FIRST_NAME_EVIDENCE
    return UNKNOWN, NO_EVIDENCE


def name_mentions(
    text: str, forms: Iterable[str], spans: Iterable[tuple[int, int]] | None = None
) -> list[Span]:
    """Every whole-word occurrence of the given name forms ("Kari Nordmann", "Nordmann") in `text`
    (within the given stretches, if any): mention spans for a person known only by name."""
    found: dict[tuple[int, int], Span] = {}
    stretches = list(spans) if spans is not None else [(0, len(text))]
    for form in sorted({f for f in forms if f}, key=len, reverse=True):
        pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")
        for start, end in stretches:
            for match in pattern.finditer(text, start, end):
                key = (match.start(), match.end())
                if not any(s < key[1] and key[0] < e for s, e in found):
                    found[key] = Span(match.start(), match.end(), match.group())
    return [found[key] for key in sorted(found)]
