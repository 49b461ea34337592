"""Sentiment cues: the tone of an article, of each voice and of the reporter, with the words that carry it.

Every score is the sum of visible words. A cue is a lexicon word (or multiword phrase) found in a sentence,
with its category and its polarity *in context*:

- Lexicon: Bokmål lemmas with an intensity from -3 to +3, authored by this project (data files
  `analysis/data/sentiment_lexicon_*_nb.txt`, CC0, plus `sentiment_lexicon_derived_nb.tsv`, derived from them
  by `python -m analysis.sentiment derive`). Categories beside plain polarity ("evaluative"): conflict,
  fear, deescalation, hedge, certainty. Hedges and certainty words have polarity 0: they are cues, not tone.
- Matching: the word form first, then its lemma (a form table built from simplemma's nb dictionary, so no lemmatizer runs at scoring time), then the head of a
  compound ("grensekonflikt" → "konflikt"), memoised per word type so an article costs one dict lookup a word.
- Rules after VADER (`sentiment_rules_nb.txt`): a negator up to three words before the cue, or right after
  a verb cue ("skuffer ikke"), flips and weakens it (× -0.74); "verken … eller" negates both; intensifiers
  and dampeners scale the next cue; "men" and its kin halve what comes before and weight what comes after
  (× 1.5); a question halves the sentence; each "!" (up to three) adds 0.3 in the sentence's direction.
- Sentence score: VADER's normalisation s / sqrt(s² + 15) of the summed polarities, in (-1, 1); the label
  uses ±LABEL_THRESHOLD, chosen on NoReC *train* (never on dev).
"""

from __future__ import annotations

import gc
import math
import re
import sys
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .article import Article, count_words
from .text import sentences

CATEGORIES = ("conflict", "fear", "deescalation", "hedge", "certainty", "evaluative")
TENSE_CATEGORIES = ("conflict", "fear")
LABELS = ("negative", "neutral", "positive")
CUE_COLUMNS = ["term", "lemma", "category", "polarity", "start", "end", "negated", "sentence", "zone"]
SENTENCE_COLUMNS = ["start", "end", "score", "label", "zone"]

NEGATION_SCALAR = -0.74  # VADER's: a negated cue is weaker than its opposite ("ikke bra" < "dårlig")
NEGATION_WINDOW = 3
INTENSIFIER_WINDOW = 2
CONTRAST_BEFORE, CONTRAST_AFTER = 0.5, 1.5
QUESTION_SCALAR = 0.5
EXCLAMATION_STEP, EXCLAMATION_MAX = 0.3, 3
NORMALISATION_ALPHA = 15.0
LABEL_THRESHOLD = 0.1
# How much a category's polarity counts in a sentence's tone: frames name the topic (a review of a war film
# mentions "krig" without judging), evaluative words carry the judgement. Chosen on NoReC train.
CATEGORY_WEIGHT = {
    "evaluative": 1.0,
    "conflict": 0.5,
    "fear": 0.7,
    "deescalation": 0.7,
    "hedge": 0.0,
    "certainty": 0.0,
}
TONE_THRESHOLD = 1.0  # polarity per 100 words beyond which a voice reads as negative/positive
_MIN_HEAD, _MIN_MODIFIER = 4, 3  # compound split: head ≥ 4 letters after a modifier ≥ 3 letters

# Words, numbers and the punctuation that bounds scopes or marks questions and exclamations.
_TOKEN = re.compile(r"[^\W\d_]\w*(?:[-'’]\w+)*|\d+(?:[.,:]\d+)*|[,;:()–—−!?.]|-(?=\s)")
_SCOPE_PUNCT = frozenset(",;:()–—−-.")


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: the lemma (or phrase, words joined by spaces), its intensity and its category."""

    lemma: str
    polarity: float
    category: str


class _Rules(NamedTuple):
    negators: frozenset[str]
    non_negating: frozenset[tuple[str, ...]]
    intensifiers: dict[str, float]
    dampeners: dict[str, float]
    contrast: frozenset[str]
    clause_breaks: frozenset[str]
    no_compound_head: frozenset[str]
    not_derived: frozenset[str]
    negator_phrases: tuple[tuple[str, ...], ...]
    intensifying_prefixes: dict[str, float]
    verbal_prefixes: frozenset[str]
    negation_words: frozenset[str]  # any word that can start a negation scope (negators, phrase words)
    modifier_words: frozenset[str]  # any word that can scale a cue (intensifiers, dampeners, phrase words)
    phrase_modifiers: dict[tuple[str, ...], float]


# ---------------------------------------------------------------- data files


def _data_text(name: str) -> str:
    return resources.files("analysis.data").joinpath(name).read_text(encoding="utf-8")


def _authored_files() -> list[str]:
    names = [p.name for p in resources.files("analysis.data").iterdir()]
    return sorted(n for n in names if n.startswith("sentiment_lexicon_") and n.endswith("_nb.txt"))


def _blocks(text: str, marker: str, first: str) -> list[tuple[str, str]]:
    """(block name, line) for every content line of a data file made of "@marker NAME" blocks."""
    out, block = [], first
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(marker):
            block = line.split()[1]
        else:
            out.append((block, line))
    return out


def parse_lexicon_text(text: str) -> list[Entry]:
    """Entries of one authored lexicon file ("@category NAME" blocks of "<intensity> lemma lemma ...")."""
    entries = []
    for category, line in _blocks(text, "@category", "evaluative"):
        intensity, *words = line.split()
        entries.extend(Entry(w.replace("_", " "), float(intensity), category) for w in words)
    return entries


@cache
def lexicon() -> dict[str, Entry]:
    """The whole lexicon, authored files first (they win over derived entries), keyed by lemma or phrase."""
    table: dict[str, Entry] = {}
    for name in _authored_files():
        for entry in parse_lexicon_text(_data_text(name)):
            table.setdefault(entry.lemma, entry)
    try:
        derived = _data_text("sentiment_lexicon_derived_nb.tsv")
    except FileNotFoundError:
        derived = ""
    for line in derived.splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("lemma\t"):
            continue
        lemma, polarity, category, *_ = line.split("\t")
        table.setdefault(lemma, Entry(lemma, float(polarity), category))
    return table


@cache
def _rules() -> _Rules:
    sections: dict[str, list[list[str]]] = {}
    for section_name, line in _blocks(_data_text("sentiment_rules_nb.txt"), "@section", ""):
        sections.setdefault(section_name, []).append(line.split("\t"))

    def words(name: str) -> list[str]:
        return [row[0] for row in sections.get(name, [])]

    def weights(name: str) -> dict[str, float]:
        return {row[0]: float(row[1]) for row in sections.get(name, [])}

    intensifiers, dampeners = weights("intensifier"), weights("dampener")
    # Multiword modifiers ("en smule") are matched as phrases; single words by dict lookup.
    phrase_modifiers = {tuple(w.split("_")): 1 + v for w, v in intensifiers.items() if "_" in w}
    phrase_modifiers |= {tuple(w.split("_")): 1 - v for w, v in dampeners.items() if "_" in w}
    negator_phrase_ends = {w.split("_")[-1] for w in words("negator_phrase")}
    return _Rules(
        negators=frozenset(words("negator")),
        non_negating=frozenset(tuple(w.split("_")) for w in words("non_negating")),
        intensifiers={w: v for w, v in intensifiers.items() if "_" not in w},
        dampeners={w: v for w, v in dampeners.items() if "_" not in w},
        contrast=frozenset(words("contrast")),
        clause_breaks=frozenset(w for w in words("clause_break") if "_" not in w),
        no_compound_head=frozenset(words("no_compound_head")),
        not_derived=frozenset(words("not_derived")),
        negator_phrases=tuple(tuple(w.split("_")) for w in words("negator_phrase")),
        intensifying_prefixes=weights("intensifying_prefix"),
        verbal_prefixes=frozenset(words("verbal_prefix")),
        phrase_modifiers=phrase_modifiers,
        negation_words=frozenset(words("negator")) | {"ikke", "aldri", "eller"} | negator_phrase_ends,
        modifier_words=frozenset(intensifiers) | frozenset(dampeners) | {p[-1] for p in phrase_modifiers},
    )


@cache
def _phrases() -> dict[str, list[tuple[tuple[str, ...], Entry]]]:
    """Multiword entries indexed by their first word, longest first (longest match wins)."""
    index: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
    for key, entry in lexicon().items():
        if " " in key:
            words = tuple(key.split())
            index.setdefault(words[0], []).append((words, entry))
    for options in index.values():
        options.sort(key=lambda item: -len(item[0]))
    return index


COMPOUND_CATEGORIES = ("conflict", "fear", "evaluative")


def _may_head(lemma: str, entry: Entry, excluded: frozenset[str]) -> bool:
    """Can this entry carry its polarity into a compound it ends ("grensekonflikt")? Not the general ones."""
    return (
        " " not in lemma
        and len(lemma) >= _MIN_HEAD
        and entry.polarity != 0
        and entry.category in COMPOUND_CATEGORIES
        and lemma not in excluded
    )


@cache
def _heads() -> dict[str, Entry]:
    """Single-word entries that may head a compound (long enough not to match by accident)."""
    excluded = _rules().no_compound_head
    return {k: e for k, e in lexicon().items() if _may_head(k, e, excluded)}


@cache
def _forms() -> dict[str, str]:
    """Inflected form → lemma for every single-word lexicon entry (sentiment_forms_nb.tsv, from simplemma's
    dictionary by `derive`), so scoring needs no lemmatizer at run time: one dict lookup per word type."""
    try:
        text = _data_text("sentiment_forms_nb.tsv")
    except FileNotFoundError:
        return {}
    forms = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            form, _, lemma = line.partition("\t")
            forms[form] = lemma
    return forms


# Inflection endings tried when the dictionary's lemma for a form is not in the lexicon: "sanksjoner" is
# listed as a form of the verb "sanksjonere", but it is also the plural of the noun "sanksjon".
_ENDINGS = ("ene", "er", "en", "et", "a", "e", "s", "t", "te", "de", "ede", "este", "est", "ere")


_VERB_ENDINGS = ("er", "te", "de", "et", "ede")


def _entry_of_form(word: str) -> Entry | None:
    table = lexicon()
    entry = table.get(word)
    if entry is None:
        lemma = _forms().get(word)
        entry = table.get(lemma) if lemma else None
    if entry is None:
        for ending in _ENDINGS:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= _MIN_HEAD:
                # the stem itself (sanksjon-er) or a verb's infinitive (elsk-er → elske)
                entry = table.get(stem) or (table.get(stem + "e") if ending in _VERB_ENDINGS else None)
                if entry is not None and " " not in entry.lemma:
                    break
                entry = None
    return entry


@cache
def lookup(word: str) -> Entry | None:
    """The lexicon entry for one lower-cased word form (form, lemma, compound head, prefix); memoised."""
    blocked = _rules().not_derived
    if word in blocked or _forms().get(word) in blocked:  # "kule" is a scoop, not "kul"
        return None
    entry = _entry_of_form(word)
    if entry is not None:
        return entry
    return _compound_entry(word) or _prefixed_entry(word)


def _prefixed_entry(word: str) -> Entry | None:
    """An intensifying prefix on a known word: "kjempebra" → bra × 1.5, "superkjedelig" → kjedelig × 1.5."""
    for prefix, boost in _rules().intensifying_prefixes.items():
        rest = word[len(prefix) :].lstrip("-")
        if word.startswith(prefix) and len(rest) >= 2:
            entry = _entry_of_form(rest)
            if entry is not None and entry.polarity:
                return Entry(entry.lemma, entry.polarity * (1 + boost), entry.category)
    return None


def _compound_entry(word: str) -> Entry | None:
    """The longest lexicon head of a compound, inflected or not: "grensekonflikten" → konflikt."""
    word = word.replace("-", "")
    heads, forms = _heads(), _forms()
    verbal_prefixes = _rules().verbal_prefixes
    for cut in range(_MIN_MODIFIER, len(word) - _MIN_HEAD + 1):
        if word[:cut] in verbal_prefixes:
            continue
        tail = word[cut:]
        head = heads.get(tail) or heads.get(forms.get(tail, ""))
        if head is not None:
            return head
    return None


# ---------------------------------------------------------------- scoring one sentence
# Sentences are scored on parallel lists: lower-cased tokens (from one findall) and, only when a sentence
# has cues, their spans. The rules run at cue positions only, so a word without a cue costs a dict lookup.

_MISSING = object()
_FINITE_ENDINGS = ("r", "te", "de", "et")
_entry_cache: dict[str, Entry | None] = {}


def _is_boundary(low: str, rules: _Rules) -> bool:
    return low in _SCOPE_PUNCT or low in rules.clause_breaks or low in rules.contrast


def _negated(lows: list[str], i: int, end: int, rules: _Rules, verken_at: int) -> bool:
    """Is the cue lows[i:end] in a negator's scope (before it in the clause, or right after it)?"""
    seen_words = 0
    j = i - 1
    while j >= 0 and seen_words < NEGATION_WINDOW:
        low = lows[j]
        if low == "eller" and 0 <= verken_at < j:  # "verken god eller dårlig": the second half too
            return True
        if _is_boundary(low, rules):
            break
        if low in rules.negators and not _phrase_at(lows, j, rules.non_negating):
            return True
        if _phrase_ends(lows, j, rules.negator_phrases):
            return True
        seen_words += 1
        j -= 1
    # Norwegian V2 puts the negation after a finite verb: "filmen skuffer ikke", "vi fryktet ikke"; finite
    # verbs end in -r (present) or -te/-de/-et (past), which keeps "dessverre ikke" out.
    return (
        end < len(lows)
        and lows[end] in ("ikke", "aldri")
        and lows[end - 1].endswith(_FINITE_ENDINGS)
        and not _phrase_at(lows, end, rules.non_negating)
    )


def _phrase_ends(lows: list[str], j: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Does one of `phrases` end at token j ("kunne vært" before "bedre")?"""
    low = lows[j]
    if low not in _last_words(phrases):
        return False
    for phrase in phrases:
        n = len(phrase)
        if phrase[-1] == low and j - n + 1 >= 0 and tuple(lows[j - n + 1 : j + 1]) == phrase:
            return True
    return False


@cache
def _last_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(phrase[-1] for phrase in phrases)


def _phrase_at(lows: list[str], j: int, phrases: Iterable[tuple[str, ...]]) -> bool:
    """Does one of `phrases` start at token j ("ikke bare", "ikke minst")?"""
    return any(tuple(lows[j : j + len(phrase)]) == phrase for phrase in phrases if phrase[0] == lows[j])


def _modifier(lows: list[str], i: int, rules: _Rules) -> float:
    """The product of intensifiers and dampeners up to two words before the cue, within its clause."""
    factor, j, seen_words = 1.0, i - 1, 0
    while j >= 0 and seen_words < INTENSIFIER_WINDOW:
        low = lows[j]
        if _is_boundary(low, rules):
            break
        if low in rules.intensifiers:
            factor *= 1 + rules.intensifiers[low]
        elif low in rules.dampeners:
            factor *= 1 - rules.dampeners[low]
        seen_words += 1
        j -= 1
    if i > 0 and lows[i - 1] in _last_words(tuple(rules.phrase_modifiers)):
        for phrase, value in rules.phrase_modifiers.items():
            n = len(phrase)
            if i - n >= 0 and tuple(lows[i - n : i]) == phrase:
                factor *= value
    return factor


_known: set[str] = set()  # word types already looked up
_cue_words: set[str] = set()  # the known types that are a cue or start a phrase


def _find_cues(lows: list[str]) -> list[tuple[int, int, Entry]]:
    """(first token, token after, entry) of every cue; multiword phrases first, longest wins."""
    types = set(lows)
    unknown = types - _known  # C-level set algebra: most word types were settled in earlier sentences
    if unknown:
        phrases, cache = _phrases(), _entry_cache
        for word in unknown:
            entry = cache[word] = lookup(word) if word[0].isalpha() else None
            if entry is not None or word in phrases:
                _cue_words.add(word)
        _known.update(unknown)
    candidates = types & _cue_words
    if not candidates:
        return []
    phrases, cache = _phrases(), _entry_cache
    hits = []
    n = len(lows)
    skip_to = 0
    for i in [k for k, w in enumerate(lows) if w in candidates]:
        if i < skip_to:
            continue
        low = lows[i]
        options = phrases.get(low)
        if options:
            matched = False
            for words, entry in options:
                k = len(words)
                if i + k <= n and tuple(lows[i : i + k]) == words:
                    hits.append((i, i + k, entry))
                    skip_to = i + k
                    matched = True
                    break
            if matched:
                continue
        entry = cache[low]
        if entry is not None:
            hits.append((i, i + 1, entry))
    return hits


CUE_FIELDS = ("term", "lemma", "category", "prior", "polarity", "start", "end", "negated")


def _score(lows: list[str], spans_of: Any, text_of: Any) -> tuple[float, list[tuple]]:
    """The normalised score and the cues of one sentence's tokens, each cue a tuple in CUE_FIELDS order
    (term, lemma, category, prior, polarity in context, start, end, negated).

    `spans_of(hits)` maps the cue tokens' indices to their (start, end); `text_of(start, end)` gives the
    surface text of a span.
    """
    hits = _find_cues(lows)
    if not hits:
        return 0.0, []
    rules = _rules()
    # Most sentences hold no rule word at all: one C-level set test each spares the per-cue scope scans.
    may_negate = not rules.negation_words.isdisjoint(lows)
    may_modify = not rules.modifier_words.isdisjoint(lows)
    verken_at = (
        lows.index("verken") if "verken" in lows else lows.index("hverken") if "hverken" in lows else -1
    )
    # the last contrast word decides (VADER takes the first "but"; Norwegian chains "men … men")
    contrast_at = -1
    for word in rules.contrast:
        if word in lows:
            last = len(lows) - 1 - lows[::-1].index(word)
            if last > 0:
                contrast_at = max(contrast_at, last)
    question = "?" in lows[-3:]
    exclamations = min(EXCLAMATION_MAX, lows.count("!"))
    spans = spans_of(hits)
    found, total = [], 0.0
    for i, after, entry in hits:
        negated = may_negate and _negated(lows, i, after, rules, verken_at)
        polarity = entry.polarity * CATEGORY_WEIGHT.get(entry.category, 1.0)
        if may_modify:
            polarity *= _modifier(lows, i, rules)
        if negated:
            polarity *= NEGATION_SCALAR
        if contrast_at >= 0:
            polarity *= CONTRAST_BEFORE if i < contrast_at else CONTRAST_AFTER
        if question:
            polarity *= QUESTION_SCALAR
        total += polarity
        start, end = spans[i][0], spans[after - 1][1]
        found.append(
            (
                text_of(start, end),
                entry.lemma,
                entry.category,
                entry.polarity,
                round(polarity, 3),
                start,
                end,
                negated,
            )
        )
    if exclamations and total:
        total += math.copysign(EXCLAMATION_STEP * exclamations, total)
    return normalise(total), found


def _cue_spans(low: str, lows: list[str], hits: list[tuple[int, int, Entry]], offset: int) -> dict:
    """Spans of the cue tokens only, found by searching forward in the text (a regex pass over every token
    would cost more than all the scoring); falls back to the full pass if a token is not where expected."""
    spans: dict[int, tuple[int, int]] = {}
    cursor = 0
    match = _TOKEN.match
    for i, after, _ in hits:
        for k in range(i, after):
            token = lows[k]
            p = low.find(token, cursor)
            while p >= 0:
                m = match(low, p)
                if m is not None and m.group(0) == token and (p == 0 or not low[p - 1].isalnum()):
                    break
                p = low.find(token, p + 1)
            if p < 0:
                return {k: (m.start() + offset, m.end() + offset) for k, m in enumerate(_TOKEN.finditer(low))}
            cursor = p + len(token)
            spans[k] = (p + offset, cursor + offset)
    return spans


def normalise(total: float) -> float:
    """VADER's squashing of a sum of polarities into (-1, 1)."""
    return total / math.sqrt(total * total + NORMALISATION_ALPHA) if total else 0.0


def label_for(score: float, threshold: float = LABEL_THRESHOLD) -> str:
    return "negative" if score <= -threshold else "positive" if score >= threshold else "neutral"


def _lowered(text: str) -> str:
    """Lower-cased text of the same length (offsets stay valid); the rare letters that grow keep their case."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def score_sentence(text: str) -> dict[str, Any]:
    """Label, score and cues of one raw sentence (offsets into `text`); works on pre-tokenised text too."""
    low = _lowered(text)
    lows = _TOKEN.findall(low)
    score, found = _score(lows, lambda hits: _cue_spans(low, lows, hits, 0), lambda s, e: text[s:e])
    cue_dicts = [dict(zip(CUE_FIELDS, cue, strict=True)) for cue in found]
    return {"label": label_for(score), "score": round(score, 4), "cues": cue_dicts}


# ---------------------------------------------------------------- a whole article


@dataclass
class ArticleTone:
    cues: pd.DataFrame
    sentences: pd.DataFrame


_analysis_cache: dict[int, tuple[Article, ArticleTone]] = {}


def analyse(article: Article) -> ArticleTone:
    """Cues and sentence tones of the analysed zones; cached for the article object (one pass per article)."""
    cached = _analysis_cache.get(id(article))
    if cached is not None and cached[0] is article:
        return cached[1]
    text = article.text

    def text_of(start: int, end: int) -> str:
        return text[start:end]

    cue_rows: list[tuple] = []
    sentence_rows: list[tuple[int, int, float, str, str]] = []
    collecting = gc.isenabled()
    gc.disable()  # the pass allocates many small objects that hold no cycles; collections only cost time
    try:
        for index, sentence in enumerate(sentences(article)):
            low = _lowered(sentence.text)
            lows = _TOKEN.findall(low)

            def spans_of(
                hits: list, low: str = low, lows: list[str] = lows, offset: int = sentence.start
            ) -> dict:
                return _cue_spans(low, lows, hits, offset)

            score, found = _score(lows, spans_of, text_of)
            if found:
                zone = sentence.zone
                cue_rows.extend((*cue, index, zone) for cue in found)
            sentence_rows.append(
                (sentence.start, sentence.end, round(score, 4), label_for(score), sentence.zone)
            )
    finally:
        if collecting:
            gc.enable()
    cue_frame = pd.DataFrame.from_records(cue_rows, columns=[*CUE_FIELDS, "sentence", "zone"])
    cue_frame = cue_frame[[*CUE_COLUMNS, "prior"]]
    sentence_frame = pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS)
    result = ArticleTone(cue_frame, sentence_frame)
    if len(_analysis_cache) > 8:
        _analysis_cache.clear()
    _analysis_cache[id(article)] = (article, result)
    return result


def cues(article: Article) -> pd.DataFrame:
    """One row per cue: term, lemma, category, polarity (in context), start, end, negated, sentence, zone."""
    return analyse(article).cues.copy()


def sentence_tones(article: Article) -> pd.DataFrame:
    """One row per sentence of the analysed zones: start, end, score, label, zone."""
    return analyse(article).sentences.copy()


def _quote_spans(article: Article, quotes: pd.DataFrame | None) -> list[tuple[int, int, str]]:
    """Quote spans (start, end, speaker) sorted and clipped so that they do not overlap."""
    if quotes is None or len(quotes) == 0:
        return []
    spans = []
    for start, end, speaker in zip(quotes["start"], quotes["end"], quotes["speaker"], strict=True):
        name = (
            "?" if speaker is None or (isinstance(speaker, float) and math.isnan(speaker)) else str(speaker)
        )
        spans.append((int(start), int(end), name))
    spans.sort()
    clipped, cursor = [], -1
    for start, end, name in spans:
        start = max(start, cursor)
        if end > start:
            clipped.append((start, end, name))
            cursor = end
    return clipped


def _words_in(article: Article, zones: list, zone_starts: list[int], start: int, end: int) -> int:
    """Words of the analysed zones between two offsets (a quote span may straddle a caption)."""
    total = 0
    k = max(0, bisect_right(zone_starts, start) - 1)
    while k < len(zones) and zones[k].start < end:
        lo, hi = max(start, zones[k].start), min(end, zones[k].end)
        if lo < hi:
            total += count_words(article.text[lo:hi])
        k += 1
    return total


def tone_aggregates(article: Article, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tone per zone, per speaker (inside their quote spans) and for the reporter (outside quotes).

    Columns: scope ("article", "zone", "speaker", "reporter"), name, words, cues, valence (sum of cue
    polarities), tone (valence per 100 words), tension (non-negated conflict and fear cues per 100 words),
    label, negated, and one count column per category. Without `quotes` all text is the reporter's voice.
    """
    tone = analyse(article)
    spans = _quote_spans(article, quotes)
    starts = [s for s, _, _ in spans]
    groups: dict[tuple[str, str], dict[str, Any]] = {}

    def group(scope: str, name: str) -> dict[str, Any]:
        key = (scope, name)
        if key not in groups:
            groups[key] = {"scope": scope, "name": name, "words": 0, "cues": 0, "valence": 0.0, "negated": 0}
            groups[key].update(dict.fromkeys(CATEGORIES, 0))
        return groups[key]

    article_group = group("article", article.name)
    for zone in article.analysed_zones:
        group("zone", zone.kind)
    reporter = group("reporter", "reporter")
    for zone in article.analysed_zones:  # words as Article.words counts them
        words = count_words(zone.text)
        group("zone", zone.kind)["words"] += words
        article_group["words"] += words
    quoted_words = 0
    zones = sorted(article.analysed_zones, key=lambda z: z.start)
    zone_starts = [z.start for z in zones]
    for start, end, name in spans:
        words = _words_in(article, zones, zone_starts, start, end)
        group("speaker", name)["words"] += words
        quoted_words += words
    reporter["words"] = max(0, article_group["words"] - quoted_words)

    # cues counted per group with vectorised pandas (a big article has a cue every seven words)
    frame = tone.cues
    if len(frame):
        ends = np.array([end for _, end, _ in spans], dtype=np.int64)
        k = np.searchsorted(np.array(starts, dtype=np.int64), frame["start"].to_numpy(), side="right") - 1
        inside = (k >= 0) & (frame["start"].to_numpy() < ends[np.clip(k, 0, None)]) if spans else k < -1
        names = np.array([name for _, _, name in spans] or [""], dtype=object)
        frame = frame.assign(
            voice_scope=np.where(inside, "speaker", "reporter"),
            voice_name=np.where(inside, names[np.clip(k, 0, None)], "reporter"),
            counted=np.where(frame["negated"].to_numpy(), "negated", frame["category"].to_numpy()),
        )
        keyed = [
            (frame.assign(g_scope="article", g_name=article.name)),
            (frame.assign(g_scope="zone", g_name=frame["zone"])),
            (frame.assign(g_scope=frame["voice_scope"], g_name=frame["voice_name"])),
        ]
        for part in keyed:
            sums = part.groupby(["g_scope", "g_name"], sort=False).agg(
                cues=("polarity", "size"), valence=("polarity", "sum")
            )
            counts = part.groupby(["g_scope", "g_name", "counted"], sort=False).size()
            for (scope, name), row in sums.iterrows():
                g = group(str(scope), str(name))
                g["cues"] += int(row["cues"])
                g["valence"] += float(row["valence"])
            for (scope, name, counted), n in counts.items():
                group(str(scope), str(name))[str(counted)] += int(n)
    rows = []
    for g in groups.values():
        words = max(1, g["words"])
        g["valence"] = round(g["valence"], 3)
        g["tone"] = round(100 * g["valence"] / words, 3)
        g["tension"] = round(100 * sum(g[c] for c in TENSE_CATEGORIES) / words, 3)
        g["label"] = (
            "negative"
            if g["tone"] <= -TONE_THRESHOLD
            else "positive"
            if g["tone"] >= TONE_THRESHOLD
            else "neutral"
        )
        rows.append(g)
    columns = [
        "scope",
        "name",
        "words",
        "cues",
        "valence",
        "tone",
        "tension",
        "label",
        "negated",
        *CATEGORIES,
    ]
    return pd.DataFrame(rows, columns=columns)


def _records(frame: pd.DataFrame, keys: list[str]) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values (column-wise .tolist() is much faster than to_dict per row)."""
    columns = [
        [_plain(v) for v in frame[key].tolist()] if frame[key].dtype == object else frame[key].tolist()
        for key in keys
    ]
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns, strict=True)]


def sentiment_json(article: Article, quotes: pd.DataFrame | None = None) -> dict[str, Any]:
    """The `"sentiment"` section of `workbook analyze --json`: cues, sentences, aggregates; plain JSON types."""
    tone = analyse(article)
    aggregates = tone_aggregates(article, quotes)
    return {
        "cues": _records(
            tone.cues, ["term", "lemma", "category", "polarity", "start", "end", "negated", "sentence"]
        ),
        "sentences": _records(tone.sentences, ["start", "end", "score", "label"]),
        "aggregates": _records(aggregates, list(aggregates.columns)),
    }


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def score_lines(lines: Iterable[str]) -> Iterable[dict[str, Any]]:
    """`workbook sentiment`: one result per input line (blank lines give a neutral, cue-less result)."""
    for line in lines:
        yield score_sentence(line.rstrip("\n"))


# ---------------------------------------------------------------- deriving the expanded lexicon (offline)

DERIVED_HEADER = """# Sentiment lexicon (Bokmål), derived entries: generated by `python -m analysis.sentiment derive` from the
#   authored files (sentiment_lexicon_*_nb.txt) by word formation, every derived lemma checked to exist in
#   simplemma's nb dictionary (MIT): u-negation (behagelig → ubehagelig, flipped and weakened), -het nouns,
#   verbal nouns and participles (skuffe → skuffelse, skuffende), and compounds whose head is an entry
#   (grensekonflikt ← konflikt) or whose modifier is a strong conflict/fear word (krigsherre ← krig).
# Source: authored by the newsroom-workbook project (2026), by rule, from its own authored lexicon.
# Licence: CC0 1.0 (public domain dedication).
# Columns: lemma, polarity, category, derived_from, rule. Authored entries always win over derived ones.
"""


def _dictionary_lemmas() -> set[str]:
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    table = DefaultDictionaryFactory().get_dictionary("nb")
    lemmas = {v.decode() if isinstance(v, bytes) else v for v in table.values()}
    return {w for w in lemmas if w.isalpha() and w.islower()}


def derive_entries() -> list[tuple[str, float, str, str, str]]:
    """Derived (lemma, polarity, category, source, rule) rows; needs simplemma's dictionary (slow, offline)."""
    authored: dict[str, Entry] = {}
    for name in _authored_files():
        for entry in parse_lexicon_text(_data_text(name)):
            authored.setdefault(entry.lemma, entry)
    known = _dictionary_lemmas()
    blocked = _rules().not_derived
    rows: dict[str, tuple[str, float, str, str, str]] = {}

    def add(lemma: str, polarity: float, category: str, source: str, rule: str) -> None:
        if lemma in known and lemma not in authored and lemma not in rows and lemma not in blocked:
            rows[lemma] = (lemma, polarity, category, source, rule)

    singles = {k: e for k, e in authored.items() if " " not in k and e.category != "hedge"}
    for word, entry in singles.items():
        p = entry.polarity
        if p and entry.category == "evaluative":
            # u-negation flips and weakens: "ubehagelig" is not as strong as "behagelig" is mild
            weakened = math.copysign(max(1.0, abs(p) - 1), -p)
            add("u" + word, weakened, "evaluative", word, "u-negation")
        add(word + "het", p, entry.category, word, "-het noun")
        if p and entry.category == "evaluative":
            # -løs lacks the thing (sjarmløs, humørløs), -fri is free of it (problemfri); -full/-fylt/-rik
            # are full of it (smertefull, humørfylt, innholdsrik)
            for joint in ("", "s"):
                if p > 0:
                    add(word + joint + "løs", -max(1.0, p - 1), "evaluative", word, "-løs adjective")
                else:
                    add(word + joint + "fri", max(1.0, -p - 1), "evaluative", word, "-fri adjective")
                for suffix in ("full", "fylt", "rik"):
                    add(word + joint + suffix, p, "evaluative", word, f"-{suffix} adjective")
        if word.endswith("e") and len(word) > 4:
            stem = word[:-1]
            for suffix, rule in (
                ("ing", "verbal noun"),
                ("else", "verbal noun"),
                ("ende", "present participle"),
            ):
                add(stem + suffix, p, entry.category, word, rule)
    # compounds: the longest head wins (the cut runs left to right); strong conflict words as modifiers
    excluded = _rules().no_compound_head
    excluded_prefixes = _rules().verbal_prefixes
    head_index = {k: e for k, e in singles.items() if _may_head(k, e, excluded)}
    modifiers = {
        k: e
        for k, e in singles.items()
        if len(k) >= 4 and (e.category == "conflict" and e.polarity <= -2 or e.polarity <= -3)
    }
    for lemma in sorted(known):
        if len(lemma) < _MIN_HEAD + _MIN_MODIFIER or lemma in authored or lemma in rows:
            continue
        for cut in range(_MIN_MODIFIER, len(lemma) - _MIN_HEAD + 1):
            head = lemma[cut:]
            entry = head_index.get(head)
            modifier = lemma[:cut]
            if entry is not None and modifier not in excluded_prefixes and _is_word(modifier, known):
                add(lemma, entry.polarity, entry.category, head, "compound head")
                break
        else:
            for cut in range(4, len(lemma) - 3):
                modifier = lemma[:cut]
                entry = modifiers.get(modifier)
                if entry is None and modifier[-1] in "se":  # linking -s/-e: "krigs", "bombe"
                    entry = modifiers.get(modifier[:-1])
                if entry is not None and _is_word(lemma[cut:], known):
                    polarity = math.copysign(abs(entry.polarity) - 1, entry.polarity)
                    add(lemma, polarity, entry.category, entry.lemma, "compound modifier")
                    break
    return sorted(rows.values())


def _is_word(part: str, known: set[str]) -> bool:
    """A compound part: a dictionary lemma itself, or one with a linking -s/-e ("krigs", "troppe")."""
    return len(part) >= _MIN_MODIFIER and (part in known or (part[-1] in "se" and part[:-1] in known))


FORMS_HEADER = """# Inflected forms of the sentiment lexicon's single-word lemmas (form<TAB>lemma), generated by
#   `python -m analysis.sentiment derive` from simplemma's nb dictionary (MIT; Norsk Ordbank-derived data), so
#   that scoring needs no lemmatizer at run time. Only forms that differ from their lemma are listed.
# Licence: CC0 1.0 for the selection; the form-lemma pairs come from simplemma's MIT-licensed dictionary.
"""


def write_derived(folder: str | None = None) -> tuple[int, int]:
    """Write the derived lexicon and the forms table; returns (derived entries, forms)."""
    from pathlib import Path

    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    target = Path(folder) if folder else Path(__file__).parent / "data"
    rows = derive_entries()
    lines = [DERIVED_HEADER.rstrip("\n"), "lemma\tpolarity\tcategory\tderived_from\trule"]
    lines += [
        f"{lemma}\t{polarity:g}\t{category}\t{source}\t{rule}"
        for lemma, polarity, category, source, rule in rows
    ]
    (target / "sentiment_lexicon_derived_nb.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lexicon.cache_clear()
    lemmas = {k for k in lexicon() if " " not in k}
    table = DefaultDictionaryFactory().get_dictionary("nb")
    forms = set()
    for form, lemma in table.items():
        lemma = (lemma.decode() if isinstance(lemma, bytes) else lemma).lower()
        form = form.lower()
        if lemma in lemmas and form != lemma and form not in lemmas:
            forms.add(f"{form}\t{lemma}")
    text = FORMS_HEADER + "\n".join(sorted(forms)) + "\n"
    (target / "sentiment_forms_nb.tsv").write_text(text, encoding="utf-8")
    return len(rows), len(forms)


if __name__ == "__main__":  # python -m analysis.sentiment derive: rebuild the derived lexicon file
    if sys.argv[1:] != ["derive"]:
        print("usage: python -m analysis.sentiment derive", file=sys.stderr)
        sys.exit(2)
    derived, forms = write_derived()
    print(f"{derived} derived entries and {forms} inflected forms written")
