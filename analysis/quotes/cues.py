"""Reporting verbs (analysis/data/speech_verbs_nb.txt) and where they occur: a set lookup per word, the
full pattern only on a hit, so finding cues stays linear in the text."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .. import data
from ..discourse import OTHER_LETTER


@cache
def speech_verbs() -> dict[str, str]:
    """Every form of every reporting verb (multi-word cues with spaces) → its lemma, with the verbs that
    attribute direct quotes only (`direct_only_lemmas`)."""
    forms: dict[str, str] = {}
    for name in ("speech_verbs_nb.txt", "speaker_direct_verbs_nb.txt"):
        for line in data.lines(name):
            lemma, _, rest = line.partition("\t")
            for form in rest.split():
                forms.setdefault(form.replace("_", " "), lemma.replace("_", " "))
    return forms


@cache
def direct_only_lemmas() -> frozenset[str]:
    """Lemmas that attribute a quote after it but never head indirect speech ("synes", "freser")."""
    return frozenset(line.partition("\t")[0] for line in data.lines("speaker_direct_verbs_nb.txt"))


# an adverb may stand inside a multi-word cue: "slo imidlertid fast at", "la også til at"
_INNER_ADVERB = r"\s+(?:(?:imidlertid|også|likevel|derfor|dessuten|samtidig|videre|tidligere|heller)\s+)?"


def _form_pattern(form: str) -> str:
    """A cue form as a pattern: its words apart by white space, with room for one adverb after the verb."""
    first, *rest = form.split(" ")
    if not rest:
        return re.escape(first)
    return re.escape(first) + _INNER_ADVERB + r"\s+".join(re.escape(word) for word in rest)


@cache
def cue_re() -> re.Pattern[str]:
    alternatives = "|".join(_form_pattern(f) for f in sorted(speech_verbs(), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@cache
def next_cue_re() -> re.Pattern[str]:
    """Where a content clause gives way to a coordinated reporting verb (", og advarer mot at")."""
    return re.compile(
        r",?\s+(?:og|men|samtidig som|uten at)\s+(?=(?:" + cue_re().pattern + r")\b)", re.IGNORECASE
    )


@cache
def cue_first_words() -> frozenset[str]:
    return frozenset(form.split()[0] for form in speech_verbs())


@cache
def cue_forms_by_word() -> dict[str, str]:
    """Lower-case leading word → a regex alternation of the cue forms starting with it.

    Only those forms can match where that word stands, and they keep their longest-first order, so a match
    equals the full pattern's at that position while trying a handful of alternatives instead of ~200."""
    groups: dict[str, list[str]] = {}
    for form in sorted(speech_verbs(), key=len, reverse=True):
        lead = ALL_WORDS.match(form.lower())
        groups.setdefault(lead.group(0) if lead else form.lower(), []).append(form)
    return {word: "|".join(_form_pattern(f) for f in forms) for word, forms in groups.items()}


class _PatternsByWord(dict):
    """Lead word → its compiled cue pattern, compiled on first use: a process meets a few dozen of the ~300
    lead words in its first articles, and compiling all of them cost a fifth of a second at start-up."""

    def __init__(self, template: str) -> None:
        super().__init__()
        self.template = template
        self.forms = cue_forms_by_word()

    def __missing__(self, word: str) -> re.Pattern[str]:
        forms = self.forms[word]  # KeyError for a word no cue starts with, as a plain dict
        pattern = self[word] = re.compile(self.template.format(forms=forms), re.IGNORECASE)
        return pattern


@cache
def cue_res_by_word() -> _PatternsByWord:
    return _PatternsByWord(r"(?<![\w-])(?:{forms})(?![\w-])")


@cache
def cue_start_res_by_word() -> _PatternsByWord:
    """As `cue_res_by_word` without the closing look-ahead: where this fails, no cue can start, whatever
    the sentence end (a shorter end only changes that look-ahead). Rules out "er" without "klar på"."""
    return _PatternsByWord(r"(?<![\w-])(?:{forms})")


@cache
def cue_followers() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First words whose every cue form goes on ("er" only in "er klar på") → the other words of each form."""
    forms: dict[str, list[tuple[str, ...]]] = {}
    for form in speech_verbs():
        first, *rest = form.lower().split()
        forms.setdefault(first, []).append(tuple(rest))
    return {first: tuple(rests) for first, rests in forms.items() if all(rests)}


# characters that a case-insensitive pattern letter matches although lower() does not give that letter
# ("ı" for i, "ſ" for s): where one occurs, a missing lower-case word proves nothing
EXTRA_CASES = ("ı", "ſ")


def possible_cue_words(words: set[str], lowered: str) -> set[str]:
    """`words` less those whose cue forms all need a word that the (lower-cased) paragraph lacks: "er" is a
    word of nearly every paragraph, "er klar på" of few, and each candidate costs a pattern match."""
    followers = cue_followers()
    if followers.keys().isdisjoint(words):
        return words
    for char in EXTRA_CASES:
        if char in lowered:
            return words
    # plain loops: this runs for nearly every paragraph, and generators cost more than the tests
    possible = set()
    for word in words:
        rests = followers.get(word)
        if rests is None:
            possible.add(word)
            continue
        for rest in rests:
            for other in rest:
                if other not in lowered:
                    break
            else:
                possible.add(word)
                break
    return possible


def cue_at(text: str, position: int, end: int, word: str) -> re.Match[str] | None:
    """`cue_re().match(text, position, end)` where the word at `position` is `word` (lower case)."""
    patterns = cue_res_by_word()
    pattern = patterns[word] if word in patterns.forms else None
    return pattern.match(text, position, end) if pattern is not None else None


PLAIN_WORD = re.compile(r"(?<![\w-])\w+")
ALL_WORDS = re.compile(r"\w+")


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern


class ArticleWords:
    """A paragraph's reporting-verb first words by a C-level split of its slice of the article's word map
    (`discourse.word_map`: the \\w+ runs of the lower-cased article as latin-1 bytes), instead of a
    regex over each paragraph. `words` None: the map does not stand for the text (see `word_map`)."""

    def __init__(self, text: str, words: bytes | None):
        self.text = text
        self.words = words

    def cue_starts(self, start: int, end: int, paragraph: str) -> tuple[bool, list[tuple[int, str]]] | None:
        """(whether a reporting verb's first word stands in the paragraph at start:end of the article,
        `word_starts(lowered, possible_cue_words(hits, lowered))` of it) from its slice of the word map, at
        C speed and without a lower(); None where the map does not stand for the paragraph or the paragraph
        holds a letter beyond latin-1 (the map shows it as `OTHER_LETTER`; "ſ" would match an "s")."""
        if self.words is None or end - start != len(paragraph) or not self.text.startswith(paragraph, start):
            return None
        piece = self.words[start:end]
        # (bytes.find, not `in`: `in` on bytes first tries its operand as an int and raises inside)
        if piece.find(_OTHER_LETTER_BYTE) >= 0:
            return None
        found = _cue_first_bytes().intersection(piece.split())
        if not found:
            return False, []
        # a word of the map's latin-1 letters stands in it where it stands in the lower-cased paragraph
        followers, names = _cue_followers_bytes(), _cue_first_names()
        starts = []
        for word in found:
            rests = followers.get(word)
            if rests is not None:  # "er" only in "er klar på": plain loops, as in `possible_cue_words`
                for rest in rests:
                    for other in rest:
                        if piece.find(other) < 0:
                            break
                    else:
                        break  # every word of this form stands in the paragraph
                else:
                    continue  # no cue form can start with the word here
            size = len(word)
            position = piece.find(word)
            while position >= 0:
                # a whole word (a space in the map either side) after no hyphen (a space in the map too)
                if (position == 0 or (piece[position - 1] == _SPACE and paragraph[position - 1] != "-")) and (
                    position + size == len(piece) or piece[position + size] == _SPACE
                ):
                    starts.append((position, names[word]))
                position = piece.find(word, position + 1)
        starts.sort()
        return True, starts


_SPACE = ord(" ")
_OTHER_LETTER_BYTE = OTHER_LETTER.encode("latin-1")


@cache
def _cue_first_bytes() -> frozenset[bytes]:
    words = cue_first_words()
    assert all(OTHER_LETTER not in word for word in words)
    return frozenset(word.encode("latin-1") for word in words)


@cache
def _cue_first_names() -> dict[bytes, str]:
    return {word.encode("latin-1"): word for word in cue_first_words()}


@cache
def _cue_followers_bytes() -> dict[bytes, tuple[tuple[bytes, ...], ...]]:
    """`cue_followers` in latin-1 bytes; every word of it is letters only, so that it stands in the word map
    exactly where it stands in the lower-cased text."""
    followers = cue_followers()
    assert all(
        is_word_char(char) for rests in followers.values() for rest in rests for word in rest for char in word
    )
    return {
        first.encode("latin-1"): tuple(tuple(word.encode("latin-1") for word in rest) for rest in rests)
        for first, rests in followers.items()
    }


def word_starts(lowered: str, words: set[str], previous: str = " ") -> list[tuple[int, str]]:
    """(offset, word) wherever one of `words` is a whole word not preceded by a hyphen, in order: what
    `PLAIN_WORD.finditer` would yield for them, found with str.find at C speed. `previous` is the character
    before `lowered` in the text it was cut from."""
    found = []
    for word in words:
        size = len(word)
        position = lowered.find(word)
        while position >= 0:
            before = lowered[position - 1] if position else previous
            after = lowered[position + size : position + size + 1]
            if not (before == "-" or is_word_char(before)) and not (after and is_word_char(after)):
                found.append((position, word))
            position = lowered.find(word, position + 1)
    found.sort()
    return found


def cues_in(text: str, start: int, end: int):
    """Reporting-verb matches in text[start:end]: a set lookup per word, the full pattern only on a hit."""
    lowered = text[start:end].lower()
    hits = possible_cue_words(cue_first_words().intersection(ALL_WORDS.findall(lowered)), lowered)
    if not hits:
        return  # most sentences report nothing: one C-level pass rules them out
    if len(lowered) != end - start:  # lower() changed a length ("İ"): offsets differ, take the slow path
        for word in PLAIN_WORD.finditer(text, start, end):
            if word.group(0).lower() in hits:
                cue = cue_re().match(text, word.start(), end)
                if cue:
                    yield cue
        return
    previous = text[start - 1].lower() if start else " "
    for position, word in word_starts(lowered, hits, previous):
        cue = cue_at(text, start + position, end, word)
        if cue:
            yield cue


@lru_cache(maxsize=4096)  # a handful of cue spellings recur all through an article
def lemma_of(cue: str) -> str:
    return speech_verbs().get(_SPACES.sub(" ", cue.lower()), cue.lower())


_SPACES = re.compile(r"\s+")
