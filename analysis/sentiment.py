"""Sentiment cues: the tone of an article, of each voice and of the reporter, with the words that carry it.

Every score is the sum of visible words. A cue is a lexicon word (or multiword phrase) found in a sentence,
with its category and its polarity *in context*:

- Lexicon: Bokmål lemmas with an intensity from -3 to +3, authored by this project (data files
  `analysis/data/sentiment_lexicon_*_nb.txt`, CC0, plus `sentiment_lexicon_derived_nb.tsv`, derived from them
  by `python -m analysis.sentiment derive`). Categories beside plain polarity ("evaluative"): conflict,
  fear, deescalation, hedge, certainty. Hedges and certainty words have polarity 0: they are cues, not tone.
- Matching: the word form first, then its lemma (simplemma via `analysis.text.lemmatize`), then the head of a
  compound ("grensekonflikt" → "konflikt"), memoised per word type so an article costs one dict lookup a word.
- Rules after VADER (`sentiment_rules_nb.txt`): a negator up to three words before the cue, or right after
  a verb cue ("skuffer ikke"), flips and weakens it (× -0.74); "verken … eller" negates both; intensifiers
  and dampeners scale the next cue; "men" and its kin halve what comes before and weight what comes after
  (× 1.5); a question halves the sentence; each "!" (up to three) adds 0.3 in the sentence's direction.
- Sentence score: VADER's normalisation s / sqrt(s² + 15) of the summed polarities, in (-1, 1); the label
  uses ±LABEL_THRESHOLD, chosen on NoReC *train* (never on dev).
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import pandas as pd

from .article import Article
from .text import lemmatize, sentences

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
CATEGORY_WEIGHT = {"evaluative": 1.0, "conflict": 0.5, "fear": 0.7, "deescalation": 0.7, "hedge": 0.0,
                   "certainty": 0.0}
TONE_THRESHOLD = 1.0  # polarity per 100 words beyond which a voice reads as negative/positive
_MIN_HEAD, _MIN_MODIFIER = 4, 3  # compound split: head ≥ 4 letters after a modifier ≥ 3 letters

# Words, numbers and the punctuation that bounds scopes or marks questions and exclamations.
_TOKEN = re.compile(r"[^\W\d_](?:\w|[-'’](?=\w))*|\d+(?:[.,:]\d+)*|[,;:()–—−!?.]|-(?=\s)")
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
    phrase_modifiers: dict[tuple[str, ...], float]


# ---------------------------------------------------------------- data files


def _data_text(name: str) -> str:
    return resources.files("analysis.data").joinpath(name).read_text(encoding="utf-8")


def _authored_files() -> list[str]:
    names = [p.name for p in resources.files("analysis.data").iterdir()]
    return sorted(n for n in names if n.startswith("sentiment_lexicon_") and n.endswith("_nb.txt"))


def parse_lexicon_text(text: str) -> list[Entry]:
    """Entries of one authored lexicon file ("@category NAME" blocks of "<intensity> lemma lemma ...")."""
    entries, category = [], "evaluative"
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@category"):
            category = line.split()[1]
            continue
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
    current = ""
    for raw in _data_text("sentiment_rules_nb.txt").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@section"):
            current = line.split()[1]
            continue
        sections.setdefault(current, []).append(line.split("\t"))

    def words(name: str) -> list[str]:
        return [row[0] for row in sections.get(name, [])]

    def weights(name: str) -> dict[str, float]:
        return {row[0]: float(row[1]) for row in sections.get(name, [])}

    intensifiers, dampeners = weights("intensifier"), weights("dampener")
    # Multiword modifiers ("en smule") are matched as phrases; single words by dict lookup.
    phrase_modifiers = {tuple(w.split("_")): 1 + v for w, v in intensifiers.items() if "_" in w}
    phrase_modifiers |= {tuple(w.split("_")): 1 - v for w, v in dampeners.items() if "_" in w}
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
        phrase_modifiers=phrase_modifiers,
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
def lookup(word: str) -> Entry | None:
    """The lexicon entry for one lower-cased word form (form, then lemma, then compound head); memoised."""
    table = lexicon()
    entry = table.get(word)
    if entry is not None and " " not in entry.lemma:
        return entry
    lemma = lemmatize(word).lower()
    entry = table.get(lemma)
    if entry is not None:
        return entry
    return (
        _compound_entry(lemma) or (_compound_entry(word) if lemma != word else None) or _prefixed_entry(word)
    )


def _prefixed_entry(word: str) -> Entry | None:
    """An intensifying prefix on a known word: "kjempebra" → bra × 1.5, "superkjedelig" → kjedelig × 1.5."""
    for prefix, boost in _rules().intensifying_prefixes.items():
        rest = word[len(prefix) :].lstrip("-")
        if word.startswith(prefix) and len(rest) >= 2:
            entry = lexicon().get(rest) or lexicon().get(lemmatize(rest).lower())
            if entry is not None and entry.polarity and " " not in entry.lemma:
                return Entry(entry.lemma, entry.polarity * (1 + boost), entry.category)
    return None


def _compound_entry(word: str) -> Entry | None:
    """The longest lexicon head of a compound: "grensekonflikten" → konflikt, "troppeforflytning" → ..."""
    word = word.replace("-", "")
    if word in _rules().not_derived:
        return None
    heads = _heads()
    for cut in range(_MIN_MODIFIER, len(word) - _MIN_HEAD + 1):
        head = heads.get(word[cut:])
        if head is not None:
            return Entry(head.lemma, head.polarity, head.category)
    # a lemma the dictionary does not know may still be a plural/definite of a known head
    return None


# ---------------------------------------------------------------- scoring one sentence


class _Tok(NamedTuple):
    low: str
    start: int
    end: int


def _tokens(text: str, offset: int = 0) -> list[_Tok]:
    return [_Tok(m.group(0).lower(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


def _is_boundary(low: str, rules: _Rules) -> bool:
    return low in _SCOPE_PUNCT or low in rules.clause_breaks or low in rules.contrast


def _negated(tokens: list[_Tok], i: int, end: int, rules: _Rules, verken_at: int) -> bool:
    """Is the cue tokens[i:end] in a negator's scope (before it in the clause, or right after it)?"""
    seen_words = 0
    j = i - 1
    while j >= 0 and seen_words < NEGATION_WINDOW:
        low = tokens[j].low
        if low == "eller" and 0 <= verken_at < j:  # "verken god eller dårlig": the second half too
            return True
        if _is_boundary(low, rules):
            break
        if low in rules.negators and not _non_negating(tokens, j, rules):
            return True
        if _ends_phrase(tokens, j, rules.negator_phrases):
            return True
        seen_words += 1
        j -= 1
    # Norwegian V2 puts the negation after a finite verb: "filmen skuffer ikke", "vi frykter ikke".
    return (
        end < len(tokens) and tokens[end].low in ("ikke", "aldri") and not _non_negating(tokens, end, rules)
    )


def _ends_phrase(tokens: list[_Tok], j: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Does one of `phrases` end at token j ("kunne vært" before "bedre")?"""
    low = tokens[j].low
    for phrase in phrases:
        n = len(phrase)
        if phrase[-1] == low and j - n + 1 >= 0 and tuple(t.low for t in tokens[j - n + 1 : j + 1]) == phrase:
            return True
    return False


def _non_negating(tokens: list[_Tok], j: int, rules: _Rules) -> bool:
    for phrase in rules.non_negating:
        n = len(phrase)
        if tuple(t.low for t in tokens[j : j + n]) == phrase:
            return True
    return False


def _modifier(tokens: list[_Tok], i: int, rules: _Rules) -> float:
    """The product of intensifiers and dampeners up to two words before the cue, within its clause."""
    factor, j, seen_words = 1.0, i - 1, 0
    while j >= 0 and seen_words < INTENSIFIER_WINDOW:
        low = tokens[j].low
        if _is_boundary(low, rules):
            break
        if low in rules.intensifiers:
            factor *= 1 + rules.intensifiers[low]
        elif low in rules.dampeners:
            factor *= 1 - rules.dampeners[low]
        seen_words += 1
        j -= 1
    for phrase, value in rules.phrase_modifiers.items():
        n = len(phrase)
        if i - n >= 0 and tuple(t.low for t in tokens[i - n : i]) == phrase:
            factor *= value
    return factor


def _match_at(tokens: list[_Tok], i: int) -> tuple[Entry, int] | None:
    """The entry starting at token i and the index after it: a multiword phrase first, then a word."""
    low = tokens[i].low
    for words, entry in _phrases().get(low, ()):
        n = len(words)
        if i + n <= len(tokens) and all(tokens[i + k].low == words[k] for k in range(1, n)):
            return entry, i + n
    if not low[0].isalpha():
        return None
    entry = lookup(low)
    return (entry, i + 1) if entry is not None else None


def _score_tokens(tokens: list[_Tok], text_of: Any, sentence: int = -1) -> tuple[float, list[dict[str, Any]]]:
    """Cues (with contextual polarity) and the normalised score of one sentence's tokens.

    `text_of(start, end)` returns the surface text of a span (the sentence or the article text).
    """
    rules = _rules()
    found: list[tuple[int, dict[str, Any]]] = []
    verken_at = -1
    contrast_at = -1
    i, n = 0, len(tokens)
    while i < n:
        low = tokens[i].low
        if low in ("verken", "hverken"):
            verken_at = i
        elif low in rules.contrast and i > 0:
            contrast_at = (
                i  # the last contrast word decides (VADER takes the first "but"; Norwegian chains "men")
            )
        match = _match_at(tokens, i)
        if match is None:
            i += 1
            continue
        entry, after = match
        negated = _negated(tokens, i, after, rules, verken_at)
        polarity = entry.polarity * CATEGORY_WEIGHT.get(entry.category, 1.0) * _modifier(tokens, i, rules)
        if negated:
            polarity *= NEGATION_SCALAR
        start, end = tokens[i].start, tokens[after - 1].end
        cue = {
            "term": text_of(start, end),
            "lemma": entry.lemma,
            "category": entry.category,
            "prior": entry.polarity,
            "polarity": polarity,
            "start": start,
            "end": end,
            "negated": negated,
            "sentence": sentence,
        }
        found.append((i, cue))
        i = after
    total = 0.0
    for position, cue in found:
        if contrast_at >= 0 and cue["polarity"]:
            cue["polarity"] *= CONTRAST_BEFORE if position < contrast_at else CONTRAST_AFTER
        total += cue["polarity"]
    marks = [t.low for t in tokens[-3:] if t.low in "?!"]
    if "?" in marks:
        total *= QUESTION_SCALAR
        for _, cue in found:
            cue["polarity"] *= QUESTION_SCALAR
    exclamations = min(EXCLAMATION_MAX, sum(1 for t in tokens if t.low == "!"))
    if exclamations and total:
        total += math.copysign(EXCLAMATION_STEP * exclamations, total)
    for _, cue in found:
        cue["polarity"] = round(cue["polarity"], 3)
    return normalise(total), [cue for _, cue in found]


def normalise(total: float) -> float:
    """VADER's squashing of a sum of polarities into (-1, 1)."""
    return total / math.sqrt(total * total + NORMALISATION_ALPHA) if total else 0.0


def label_for(score: float, threshold: float = LABEL_THRESHOLD) -> str:
    return "negative" if score <= -threshold else "positive" if score >= threshold else "neutral"


def score_sentence(text: str) -> dict[str, Any]:
    """Label, score and cues of one raw sentence (offsets into `text`); works on pre-tokenised text too."""
    score, cue_list = _score_tokens(_tokens(text), lambda s, e: text[s:e])
    for cue in cue_list:
        del cue["sentence"]
    return {"label": label_for(score), "score": round(score, 4), "cues": cue_list}


# ---------------------------------------------------------------- a whole article


@dataclass
class ArticleTone:
    cues: pd.DataFrame
    sentences: pd.DataFrame
    word_starts: list[int]  # start offsets of every word in the analysed zones, in order (for word counts)


_analysis_cache: dict[int, tuple[Article, ArticleTone]] = {}


def analyse(article: Article) -> ArticleTone:
    """Cues and sentence tones of the analysed zones; cached for the article object (one pass per article)."""
    cached = _analysis_cache.get(id(article))
    if cached is not None and cached[0] is article:
        return cached[1]
    text = article.text

    def text_of(start: int, end: int) -> str:
        return text[start:end]

    cue_rows: list[dict[str, Any]] = []
    sentence_rows: list[tuple[int, int, float, str, str]] = []
    word_starts: list[int] = []
    for index, sentence in enumerate(sentences(article)):
        tokens = _tokens(sentence.text, sentence.start)
        word_starts.extend(t.start for t in tokens if t.low[0].isalnum())
        score, cue_list = _score_tokens(tokens, text_of, index)
        for cue in cue_list:
            cue["zone"] = sentence.zone
        cue_rows.extend(cue_list)
        sentence_rows.append((sentence.start, sentence.end, round(score, 4), label_for(score), sentence.zone))
    cues_frame = pd.DataFrame(cue_rows, columns=[*CUE_COLUMNS, "prior"])
    sentence_frame = pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS)
    result = ArticleTone(cues_frame, sentence_frame, word_starts)
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


def _spans(quotes: pd.DataFrame | None) -> tuple[list[int], list[int], list[str]]:
    if quotes is None or len(quotes) == 0:
        return [], [], []
    ordered = quotes.sort_values("start")
    speakers = [
        "(ukjent)" if s is None or (isinstance(s, float) and math.isnan(s)) else str(s)
        for s in ordered["speaker"]
    ]
    return [int(s) for s in ordered["start"]], [int(e) for e in ordered["end"]], speakers


def _voice(offset: int, starts: list[int], ends: list[int], speakers: list[str]) -> str | None:
    """The speaker whose quote span holds this offset, or None for the reporter's own voice."""
    k = bisect_right(starts, offset) - 1
    return speakers[k] if k >= 0 and offset < ends[k] else None


def tone_aggregates(article: Article, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tone per zone, per speaker (inside their quote spans) and for the reporter (outside quotes).

    Columns: scope ("article", "zone", "speaker", "reporter"), name, words, cues, valence (sum of cue
    polarities), tone (valence per 100 words), tension (non-negated conflict and fear cues per 100 words),
    label, negated, and one count column per category.
    """
    tone = analyse(article)
    starts, ends, speakers = _spans(quotes)
    zone_of_word = _zone_lookup(article)
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
    group("reporter", "reporter")
    for speaker in dict.fromkeys(speakers):
        group("speaker", speaker)
    # word counts: every word goes to the article, its zone and its voice
    for offset in tone.word_starts:
        speaker = _voice(offset, starts, ends, speakers) if starts else None
        for g in (
            article_group,
            group("zone", zone_of_word(offset)),
            group("speaker", speaker) if speaker else group("reporter", "reporter"),
        ):
            g["words"] += 1
    for cue in tone.cues.itertuples(index=False):
        speaker = _voice(cue.start, starts, ends, speakers) if starts else None
        for g in (
            article_group,
            group("zone", cue.zone),
            group("speaker", speaker) if speaker else group("reporter", "reporter"),
        ):
            g["cues"] += 1
            g["valence"] += cue.polarity
            if cue.negated:
                g["negated"] += 1
            else:
                g[cue.category] += 1
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


def _zone_lookup(article: Article):
    zones = sorted(article.analysed_zones, key=lambda z: z.start)
    zone_starts = [z.start for z in zones]

    def zone_of(offset: int) -> str:
        k = bisect_right(zone_starts, offset) - 1
        return zones[k].kind if k >= 0 else "body"

    return zone_of


def sentiment_json(article: Article, quotes: pd.DataFrame | None = None) -> dict[str, Any]:
    """The `"sentiment"` section of `workbook analyze --json`: cues, sentences, aggregates; plain JSON types."""
    tone = analyse(article)
    cue_keys = ["term", "lemma", "category", "polarity", "start", "end", "negated", "sentence"]
    return {
        "cues": [_plain(row) for row in tone.cues[cue_keys].to_dict("records")],
        "sentences": [
            _plain(row) for row in tone.sentences[["start", "end", "score", "label"]].to_dict("records")
        ],
        "aggregates": [_plain(row) for row in tone_aggregates(article, quotes).to_dict("records")],
    }


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in row.items():
        if hasattr(value, "item"):  # numpy scalars
            value = value.item()
        if isinstance(value, float) and not math.isfinite(value):
            value = None
        out[str(key)] = value
    return out


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
            if entry is not None and _is_word(modifier, known):
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


def write_derived(path: str | None = None) -> int:
    from pathlib import Path

    target = Path(path) if path else Path(__file__).parent / "data" / "sentiment_lexicon_derived_nb.tsv"
    rows = derive_entries()
    lines = [DERIVED_HEADER.rstrip("\n"), "lemma\tpolarity\tcategory\tderived_from\trule"]
    lines += [
        f"{lemma}\t{polarity:g}\t{category}\t{source}\t{rule}"
        for lemma, polarity, category, source, rule in rows
    ]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


if __name__ == "__main__":  # python -m analysis.sentiment derive: rebuild the derived lexicon file
    if sys.argv[1:] != ["derive"]:
        print("usage: python -m analysis.sentiment derive", file=sys.stderr)
        sys.exit(2)
    print(f"{write_derived()} derived entries written")
