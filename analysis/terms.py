"""What words carry an article: lemmas, names, n-grams, keyness and keyword-in-context, as tidy DataFrames.

Only the article's own words count (headline, lead, body, crossheads); captions are counted separately
(`caption_count`) and boilerplate never. Every function takes an `Article` (or the `TermIndex` built from
one by `term_index`, which is memoised, so a report that calls several functions tokenizes once).

How a word becomes a table key (all decisions are per word type and memoised, so the per-token work is a
regex match and a dictionary look-up):
- Common words become their simplemma Bokmål lemma in lower case ("utenriksministeren" → "utenriksminister"),
  or their Snowball stem with `unit="stem"`. When simplemma picks a reading that the Bokmål treebank barely
  knows and a noun/adjective reading of the same form is common there, the treebank wins
  ("tropper" → "tropp", not the verb "troppe").
- Names keep their capital and lose a genitive s ("Russlands" → "Russland", "USAs" → "USA"). A capitalised
  word is a name when it is not clause-initial; a clause-initial one (first in a paragraph or after . ! ? : « »
  and dashes) is a name when the lexicon lists it as a proper noun, when the article also has it capitalised
  mid-sentence, or when the lexicon does not know its lower-case form and the article never writes it in lower
  case. A word in capitals is an acronym (a name) unless it stands in a run of words in capitals ("VÆR
  HILSET:", a caption kicker), which is read in lower case.
- A lower-case spelling of a name the article uses at least twice ("blinken" beside "Blinken") counts toward
  the name when the common word it would otherwise be is rare in the reference corpus.
- Hyphenated compounds with a lower-case head ("Ukraina-krisen" → "Ukraina-krise") are common words.
"""

from __future__ import annotations

import csv
import math
import re
import weakref
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from .article import Article, Zone
from .text import _token_pattern, lemmatize, stem

ANALYSED_KINDS = ("headline", "lead", "body", "crosshead")
COUNTED_KINDS = (*ANALYSED_KINDS, "caption")
UNITS = ("lemma", "stem")

# Punctuation after which a capital letter says nothing about names (a new sentence, clause or quote).
_CLAUSE_OPENERS = frozenset('.!?…:;«»“”"–—−-(')
_NAME_PARTICLES = frozenset("von van der den de da di du la le al bin ten".split())
# simplemma's reading is replaced by a noun/adjective reading only when the treebank clearly prefers it
_MIN_READING_COUNT = 3
# a lower-case spelling joins a name only if its common-word reading is this rare in the reference corpus
_RARE_REFERENCE_COUNT = 5
_READING_SUFFIXES = ("ene", "ere", "este", "est", "er", "en", "et", "a", "e", "t")


# ---------------------------------------------------------------- data files


@cache
def stopwords() -> frozenset[str]:
    """The curated Bokmål stopwords (single words and abbreviations), lower case."""
    return frozenset(w for w in _stopword_lines() if " " not in w)


@cache
def stop_phrases() -> tuple[tuple[str, ...], ...]:
    """Multiword function expressions ("om lag", "til og med"), longest first."""
    phrases = {tuple(w.split()) for w in _stopword_lines() if " " in w}
    return tuple(sorted(phrases, key=len, reverse=True))


def _stopword_lines() -> list[str]:
    text = resources.files("analysis.data").joinpath("stopwords_nb.txt").read_text(encoding="utf-8")
    return [line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _stop_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in stopwords())


@dataclass(frozen=True)
class _Reference:
    counts: dict[str, int]  # case-folded lemma → count over all parts of speech
    noun_adj: dict[str, int]  # case-folded lemma → count as noun or adjective
    total: int


@cache
def _default_reference() -> _Reference:
    """The shipped Bokmål treebank lemma counts (public-domain, see the file's header)."""
    counts: Counter[str] = Counter()
    noun_adj: Counter[str] = Counter()
    path = resources.files("analysis.data").joinpath("reference_lemma_freq_nb.tsv")
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        next(rows)  # header: lemma, pos, count
        for lemma, pos, count in rows:
            key = lemma.casefold()
            counts[key] += int(count)
            if pos in ("subst", "adj"):
                noun_adj[key] += int(count)
    return _Reference(dict(counts), dict(noun_adj), sum(counts.values()))


def reference_counts() -> Counter[str]:
    """The default keyness reference as a Counter of case-folded lemmas."""
    return Counter(_default_reference().counts)


# ---------------------------------------------------------------- word types


@cache
def _is_known(word: str) -> bool:
    import simplemma

    return simplemma.is_known(word, lang="nb")


@cache
def common_lemma(word: str) -> str:
    """Lower-case lemma of a common word, with the treebank breaking ties between readings."""
    lower = word.lower()
    lemma = lemmatize(lower).lower()
    reference = _default_reference()
    best, best_count = lemma, reference.counts.get(lemma, 0)
    for suffix in _READING_SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            candidate = lower[: -len(suffix)]
            count = reference.noun_adj.get(candidate, 0)
            if count >= _MIN_READING_COUNT and count > best_count:
                best, best_count = candidate, count
    return best


@cache
def _is_unknown(lower: str) -> bool:
    """Unknown to the lexicon, and not a compound with a known head ("pressetalsperson" ends in "person")."""
    if _is_known(lower) or lemmatize(lower) != lower:
        return False
    heads = (lower[cut:] for cut in range(3, len(lower) - 3))
    return not any(_is_known(head) and len(head) >= 4 for head in heads)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    letters = word.replace("-", "")
    return len(letters) >= 2 and letters.isupper()


def _has_common_head(word: str) -> bool:
    """A hyphenated compound whose last part is lower case ("Ukraina-krisen") is a common noun."""
    return "-" in word and not _is_capitalised(word.rsplit("-", 1)[1])


@cache
def _lexicon_name(word: str) -> str | None:
    """The capitalised lemma simplemma's lexicon gives a proper noun ("Russlands" → "Russland"), else None.

    simplemma returns unknown words unchanged, so an unchanged word must also be known to count."""
    import simplemma

    lemma = simplemma.lemmatize(word, lang="nb")
    if _is_capitalised(lemma) and (lemma != word or _is_known(word)):
        return lemma
    return None


@dataclass
class _Resolver:
    """Decides, once per word type, the key of a word and whether it is a name (see the module docstring)."""

    unit: str
    mid_capitalised: set[str]  # capitalised forms seen mid-sentence (analysed zones and captions)
    capitalised: set[str]  # capitalised forms seen anywhere
    lower_forms: set[str]  # lower-case forms seen anywhere
    names: set[str] = field(default_factory=set)

    def name_key(self, word: str) -> str:
        lexicon = _lexicon_name(word)
        if lexicon:
            return lexicon
        for genitive in ("’s", "'s", "s", "’", "'"):
            if word.endswith(genitive) and len(word) > len(genitive) + 1:
                base = word[: -len(genitive)]
                if base in self.capitalised or _lexicon_name(base) == base:
                    return base
                break
        return word

    def common_key(self, word: str) -> str:
        return stem(word) if self.unit == "stem" else common_lemma(word)

    def resolve(self, word: str, initial: bool) -> tuple[str, bool]:
        if not _is_capitalised(word):
            return self.common_key(word), False
        if _is_acronym(word):
            return self.name_key(word), True
        if _has_common_head(word):
            head = self.common_key(word.rsplit("-", 1)[1])
            return f"{word.rsplit('-', 1)[0]}-{head}", False
        if not initial:
            return self.name_key(word), True
        key = self.name_key(word)
        lower = word.lower()
        if lower in stopwords():  # "De øker" is not the party "De Radikale"
            return self.common_key(word), False
        if (
            _lexicon_name(word)
            or key in self.mid_capitalised
            or word in self.mid_capitalised
            or (_is_unknown(lower) and lower not in self.lower_forms)
        ):
            return key, True
        return self.common_key(word), False


# ---------------------------------------------------------------- the index


@dataclass
class TermIndex:
    """Every word of an article's analysed zones and captions, in order, with its key.

    `keys` has None where a punctuation mark or number breaks the word sequence (n-grams never cross it);
    `forms`, `starts` and `zones` run parallel to it.
    """

    article: Article
    unit: str
    keys: list[str | None]
    forms: list[str | None]
    starts: list[int]
    zones: list[str]
    names: frozenset[str]
    stop_keys: frozenset[str]
    words: int  # word tokens in the analysed zones (captions excluded): the per-1,000 denominator
    caption_words: int

    def is_stop(self, key: str) -> bool:
        return key in self.stop_keys


_INDEX_CACHE: dict[tuple[int, str], tuple[weakref.ref, TermIndex]] = {}


def term_index(article: Article | TermIndex, unit: str = "lemma") -> TermIndex:
    """Tokenize and key an article once (memoised per article object and unit)."""
    if isinstance(article, TermIndex):
        return article if article.unit == unit else term_index(article.article, unit)
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    cached = _INDEX_CACHE.get((id(article), unit))
    if cached and cached[0]() is article:
        return cached[1]
    index = _build_index(article, unit)
    if len(_INDEX_CACHE) > 16:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[(id(article), unit)] = (weakref.ref(article), index)
    return index


def _build_index(article: Article, unit: str) -> TermIndex:
    forms: list[str | None] = []
    starts: list[int] = []
    zones: list[str] = []
    initial_flags: list[bool] = []
    pattern = _token_pattern()
    for zone in article.zones:
        if zone.kind not in COUNTED_KINDS:
            continue
        kind, base = zone.kind, zone.start
        initial = True
        for match in pattern.finditer(zone.text):
            group = match.lastgroup
            if group == "word":
                forms.append(match.group())
                initial_flags.append(initial)
                initial = False
            else:
                forms.append(None)
                initial_flags.append(False)
                initial = group == "punct" and match.group() in _CLAUSE_OPENERS
            starts.append(base + match.start())
            zones.append(kind)
        forms.append(None)  # zones never join into one n-gram
        initial_flags.append(False)
        starts.append(zone.end)
        zones.append(kind)

    _lower_shouting(forms)
    mid_forms = {f for f, i in zip(forms, initial_flags, strict=True) if f is not None and not i}
    initial_forms = {f for f, i in zip(forms, initial_flags, strict=True) if i}
    resolver = _Resolver(
        unit=unit,
        mid_capitalised={f for f in mid_forms if _is_capitalised(f)},
        capitalised={f for f in mid_forms | initial_forms if _is_capitalised(f)},
        lower_forms={f for f in mid_forms | initial_forms if not _is_capitalised(f)},
    )
    mid_keys: dict[str, tuple[str, bool]] = {f: resolver.resolve(f, False) for f in mid_forms}
    initial_keys = {f: resolver.resolve(f, True) for f in initial_forms}
    names = {key for key, is_name in (*mid_keys.values(), *initial_keys.values()) if is_name}

    _merge_lower_case_names(mid_keys, initial_keys, names, forms, initial_flags, zones, unit)

    keys: list[str | None] = [
        None if f is None else (initial_keys[f][0] if i else mid_keys[f][0])
        for f, i in zip(forms, initial_flags, strict=True)
    ]
    _mark_stop_phrases(keys, forms)
    stop_source = _stop_stems() if unit == "stem" else stopwords()
    # names are never stopwords ("Per" the name, "per" the preposition)
    stop_keys = frozenset(
        k
        for k in set(keys)
        if k and k not in names and (k.lower() in stop_source or k.lower() in stopwords())
    ) | {" ".join(p) for p in stop_phrases()}
    caption_words = sum(1 for f, z in zip(forms, zones, strict=True) if f is not None and z == "caption")
    words = sum(1 for f in forms if f is not None) - caption_words
    return TermIndex(
        article, unit, keys, forms, starts, zones, frozenset(names), stop_keys, words, caption_words
    )


def _lower_shouting(forms: list[str | None]) -> None:
    """Lower-case runs of two or more words in capitals ("VÆR HILSET:"): shouting, not acronyms."""
    capitals = {f for f in set(forms) if f and len(f) > 1 and f.isupper() and f.isalpha()}
    if not capitals:
        return
    positions = [i for i, f in enumerate(forms) if f in capitals]
    in_run = {i for i, j in zip(positions, positions[1:], strict=False) if j == i + 1}
    for i in in_run | {i + 1 for i in in_run}:
        forms[i] = forms[i].lower()


def _merge_lower_case_names(
    mid_keys: dict[str, tuple[str, bool]],
    initial_keys: dict[str, tuple[str, bool]],
    names: set[str],
    forms: list[str | None],
    initial_flags: list[bool],
    zones: list[str],
    unit: str,
) -> None:
    """Count "blinken" toward "Blinken" when the article names Blinken twice and "blink" is rare in news."""
    name_counts = Counter(
        key
        for f, i, z in zip(forms, initial_flags, zones, strict=True)
        if f is not None and not i and z != "caption" and (key := mid_keys[f][0]) in names
    )
    reference = _default_reference().counts
    for table in (mid_keys, initial_keys):
        for form, (key, is_name) in list(table.items()):
            if is_name or _is_capitalised(form):
                continue
            capitalised = form[:1].upper() + form[1:]
            candidate = next((k for k in (capitalised, _lexicon_name(capitalised)) if k in names), None)
            if candidate is None or name_counts[candidate] < 2:
                continue
            common = common_lemma(form) if unit == "stem" else key
            if reference.get(common, 0) < _RARE_REFERENCE_COUNT:
                table[form] = (candidate, True)


def _mark_stop_phrases(keys: list[str | None], forms: list[str | None]) -> None:
    """Key multiword function expressions ("om lag") as one stop phrase on their first word."""
    phrases = stop_phrases()
    if not phrases:
        return
    first_words = {p[0] for p in phrases}
    lower = [f.lower() if f is not None and f.lower() in first_words else None for f in forms]
    for position, word in enumerate(lower):
        if word is None:
            continue
        for phrase in phrases:
            end = position + len(phrase)
            if (
                phrase[0] == word
                and end <= len(forms)
                and all(
                    forms[position + k] is not None and forms[position + k].lower() == phrase[k]
                    for k in range(1, len(phrase))
                )
            ):
                keys[position] = " ".join(phrase)
                for k in range(1, len(phrase)):
                    keys[position + k] = ""  # part of the phrase: not counted again
                break


def _index(article: Article | TermIndex, unit: str = "lemma") -> TermIndex:
    return term_index(article, unit)


# ---------------------------------------------------------------- lemma table


def lemma_counts(article: Article | TermIndex, unit: str = "lemma") -> Counter[str]:
    """Counts of every key in the analysed zones (stopwords included): a batch's keyness reference."""
    index = _index(article, unit)
    return Counter(k for k, z in zip(index.keys, index.zones, strict=True) if k and z != "caption")


def lemma_table(
    article: Article | TermIndex, unit: str = "lemma", include_stopwords: bool = False
) -> pd.DataFrame:
    """One row per lemma (or stem), most frequent first.

    Columns: lemma, count (headline + lead + body + crosshead), per_1000 (per 1,000 analysed words),
    forms (surface forms, most frequent first), headline, lead, body, crosshead (crossheads are counted
    separately from body; count is their sum), caption_count (not in count), is_name, is_stopword.
    """
    index = _index(article, unit)
    by_zone = Counter((k, z) for k, z in zip(index.keys, index.zones, strict=True) if k)
    form_counts = Counter((k, f) for k, f in zip(index.keys, index.forms, strict=True) if k)
    rows: dict[str, dict] = {}
    for (key, zone), count in by_zone.items():
        row = rows.get(key)
        if row is None:
            row = rows[key] = dict.fromkeys(COUNTED_KINDS, 0)
        row[zone] += count
    forms: dict[str, list[tuple[int, str]]] = {}
    for (key, form), count in form_counts.items():
        forms.setdefault(key, []).append((-count, form))
    records = []
    for key, row in rows.items():
        count = sum(row[k] for k in ANALYSED_KINDS)
        is_stop = index.is_stop(key)
        if count == 0 or (is_stop and not include_stopwords):
            continue
        records.append(
            {
                "lemma": key,
                "count": count,
                "per_1000": 1000 * count / max(1, index.words),
                "forms": [f for _, f in sorted(forms[key])] if " " not in key else [key],
                "headline": row["headline"],
                "lead": row["lead"],
                "body": row["body"],
                "crosshead": row["crosshead"],
                "caption_count": row["caption"],
                "is_name": key in index.names,
                "is_stopword": is_stop,
            }
        )
    columns = [
        "lemma",
        "count",
        "per_1000",
        "forms",
        "headline",
        "lead",
        "body",
        "crosshead",
        "caption_count",
        "is_name",
        "is_stopword",
    ]
    frame = pd.DataFrame.from_records(records, columns=columns)
    # ties: words in the headline and lead first (they frame the story), then alphabetical
    frame["_prominence"] = frame["headline"] + frame["lead"]
    frame = frame.sort_values(
        ["count", "_prominence", "lemma"], ascending=[False, False, True], kind="stable"
    )
    return frame.drop(columns="_prominence").reset_index(drop=True)


# ---------------------------------------------------------------- names


def name_table(article: Article | TermIndex) -> pd.DataFrame:
    """People, places and organisations as far as capitalisation tells, multiword names joined.

    A name is a run of name words ("Hotel President Wilson", "CBS News"; particles such as "von", "de" may
    sit inside). A single word that is the last word of exactly one longer name ("Blinken" beside "Antony
    Blinken") is counted as a mention of it. Columns: name, count (analysed zones), caption_count, forms,
    first_offset, kind_hint ("person", "place", "organisation" or "" when context says nothing).
    """
    index = _index(article, "lemma")
    mentions = _name_mentions(index)
    # full names in the article's own words first: a caption's typo ("Anotny Blinken") must not make
    # "Blinken" ambiguous
    by_last_word: dict[str, set[str]] = {}
    caption_by_last_word: dict[str, set[str]] = {}
    for name, _, zone, *_ in mentions:
        if " " in name and not any(_is_acronym(part) for part in name.split()):
            owners = caption_by_last_word if zone == "caption" else by_last_word
            owners.setdefault(name.rsplit(" ", 1)[1], set()).add(name)
    rows: dict[str, dict] = {}
    for name, form, zone, start, previous in mentions:
        owners = set()
        if " " not in name and not _is_acronym(name):
            owners = by_last_word.get(name) or caption_by_last_word.get(name) or set()
        canonical = next(iter(owners)) if len(owners) == 1 else name
        row = rows.setdefault(
            canonical,
            {
                "name": canonical,
                "count": 0,
                "caption_count": 0,
                "forms": Counter(),
                "first_offset": start,
                "_context": Counter(),
            },
        )
        row["caption_count" if zone == "caption" else "count"] += 1
        row["forms"][form] += 1
        row["first_offset"] = min(row["first_offset"], start)
        if previous:
            row["_context"][previous] += 1
    records = []
    for row in rows.values():
        row["forms"] = [f for f, _ in row["forms"].most_common()]
        row["kind_hint"] = _kind_hint(row["name"], row.pop("_context"))
        records.append(row)
    columns = ["name", "count", "caption_count", "forms", "first_offset", "kind_hint"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame = frame.sort_values(["count", "caption_count", "first_offset"], ascending=[False, False, True])
    return frame.reset_index(drop=True)


def _name_mentions(index: TermIndex) -> list[tuple[str, str, str, int, str]]:
    """(name, surface, zone, start, lower-case word before it) for every run of name words."""
    keys, forms, names = index.keys, index.forms, index.names
    mentions = []
    position, total = 0, len(keys)
    while position < total:
        if keys[position] not in names:
            position += 1
            continue
        end = position + 1
        while end < total and (
            keys[end] in names
            or (
                forms[end] is not None
                and forms[end] in _NAME_PARTICLES
                and end + 1 < total
                and keys[end + 1] in names
            )
        ):
            end += 1
        parts = [keys[k] if k == end - 1 else forms[k] for k in range(position, end)]
        surface = " ".join(f for f in forms[position:end] if f)
        before = forms[position - 1].lower() if position and forms[position - 1] else ""
        mentions.append((" ".join(parts), surface, index.zones[position], index.starts[position], before))
        position = end
    return mentions


_PLACE_PREPOSITIONS = frozenset("i på fra til mot nær ved utenfor innenfor rundt gjennom".split())
_ORGANISATION_ENDINGS = (
    "parti",
    "partiet",
    "departementet",
    "direktoratet",
    "tinget",
    "banken",
    "news",
    "post",
    "times",
    "asa",
    " as",
    "kommune",
    "forbundet",
    "rådet",
    "nato",
    "fn",
    "eu",
)
_PERSON_TITLES = frozenset(
    "statsminister utenriksminister minister president leder sjef talsperson talskvinne talsmann "
    "statsministerkandidat direktør professor forsker ordfører".split()
)


def _kind_hint(name: str, context: Counter[str]) -> str:
    """A rough kind from the name's shape and the words before it; "" when they say nothing."""
    lower = name.lower()
    if name.isupper() or lower.endswith(_ORGANISATION_ENDINGS):
        return "organisation"
    titled = sum(c for word, c in context.items() if common_lemma(word) in _PERSON_TITLES)
    placed = sum(c for word, c in context.items() if word in _PLACE_PREPOSITIONS)
    if " " in name and name.split()[0][:1].isupper() and not placed and len(name.split()) == 2:
        return "person"
    if titled > placed:
        return "person"
    if placed:
        return "place"
    return ""


# ---------------------------------------------------------------- n-grams


def ngram_table(
    article: Article | TermIndex, n: int = 2, min_freq: int = 2, unit: str = "form", top_n: int | None = None
) -> pd.DataFrame:
    """Bigrams or trigrams within sentences with NLTK's association measures.

    `unit` is "form" (lower-cased words, names as written), "lemma" or "stem". N-grams never cross
    punctuation, numbers or zones, and never start or end with a stopword. Columns: ngram, words, count,
    likelihood_ratio, pmi, t_score; sorted by likelihood ratio.
    """
    if n not in (2, 3):
        raise ValueError("n must be 2 or 3")
    from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures
    from nltk.probability import FreqDist

    index = _index(article, "stem" if unit == "stem" else "lemma")
    sequence = _ngram_sequence(index, unit)
    stop = _ngram_stop_test(index, unit)
    word_fd = FreqDist(Counter(sequence))
    word_fd.pop(None, None)
    bigram_fd = FreqDist(_without_breaks(Counter(zip(sequence, sequence[1:], strict=False))))
    if n == 2:
        kept = {g: c for g, c in bigram_fd.items() if c >= min_freq and not stop(g[0]) and not stop(g[-1])}
        finder = BigramCollocationFinder(word_fd, FreqDist(kept))
        measures = BigramAssocMeasures
    else:
        trigrams = _without_breaks(Counter(zip(sequence, sequence[1:], sequence[2:], strict=False)))
        kept = {g: c for g, c in trigrams.items() if c >= min_freq and not stop(g[0]) and not stop(g[-1])}
        wildcard: Counter = Counter()
        for (first, _, last), count in trigrams.items():
            wildcard[(first, last)] += count
        wildcard_fd = FreqDist(wildcard)
        finder = TrigramCollocationFinder(word_fd, bigram_fd, wildcard_fd, FreqDist(kept))
        measures = TrigramAssocMeasures
    scores = {
        name: dict(finder.score_ngrams(getattr(measures, name))) for name in ("likelihood_ratio", "pmi")
    }
    t_scores = dict(finder.score_ngrams(measures.student_t))
    records = [
        {
            "ngram": " ".join(gram),
            "words": list(gram),
            "count": count,
            "likelihood_ratio": scores["likelihood_ratio"].get(gram, float("nan")),
            "pmi": scores["pmi"].get(gram, float("nan")),
            "t_score": t_scores.get(gram, float("nan")),
        }
        for gram, count in kept.items()
    ]
    columns = ["ngram", "words", "count", "likelihood_ratio", "pmi", "t_score"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame = frame.sort_values(["likelihood_ratio", "count", "ngram"], ascending=[False, False, True])
    frame = frame.reset_index(drop=True)
    return frame.head(top_n) if top_n else frame


def _ngram_sequence(index: TermIndex, unit: str) -> list[str | None]:
    """The analysed words as n-gram units, None at breaks; captions become breaks."""
    if unit in ("lemma", "stem"):
        return [k if k and z != "caption" else None for k, z in zip(index.keys, index.zones, strict=True)]
    if unit != "form":
        raise ValueError("unit must be 'form', 'lemma' or 'stem'")
    names = index.names
    return [
        None if not k or z == "caption" else (f if k in names else f.lower())
        for k, f, z in zip(index.keys, index.forms, index.zones, strict=True)
    ]


def _ngram_stop_test(index: TermIndex, unit: str):
    # common words are lower case in every unit, names keep capitals: a case-sensitive test spares "Per"
    stop = stopwords() | index.stop_keys
    return stop.__contains__


def _without_breaks(counts: Counter) -> dict:
    return {g: c for g, c in counts.items() if None not in g}


def collocations(
    article: Article | TermIndex, top_n: int = 10, min_freq: int | None = None, unit: str = "form"
) -> pd.DataFrame:
    """Bigrams and trigrams together (column `n`), each by likelihood ratio, bigrams first.

    `min_freq=None` means 2, or 1 for articles under 1,000 words (they rarely repeat a word pair, and
    pairs seen once are still worth a look)."""
    index = _index(article, "stem" if unit == "stem" else "lemma")
    if min_freq is None:
        min_freq = 2 if index.words >= 1000 else 1
    bigrams = ngram_table(index, n=2, min_freq=min_freq, unit=unit).assign(n=2)
    trigrams = ngram_table(index, n=3, min_freq=min_freq, unit=unit).assign(n=3)
    # scores of bigrams and trigrams are not comparable: two thirds of the rows go to bigrams
    bigram_rows = max(top_n - len(trigrams), -(-2 * top_n // 3))
    parts = [
        f
        for f in (bigrams.head(bigram_rows), trigrams.head(top_n - min(bigram_rows, len(bigrams))))
        if len(f)
    ]
    if not parts:
        return bigrams
    return pd.concat(parts).head(top_n).reset_index(drop=True)


# ---------------------------------------------------------------- keyness


def keyness_table(
    article: Article | TermIndex,
    reference: Mapping[str, int] | pd.DataFrame | None = None,
    unit: str = "lemma",
    include_stopwords: bool = False,
    correction: str = "williams",
) -> pd.DataFrame:
    """Keyness of each lemma against a reference, as quanteda's `textstat_keyness(measure = "lr")`.

    `reference`: None for the shipped Bokmål treebank counts; or lemma counts (a Counter, a mapping, or a
    DataFrame with "lemma" and "count" columns), e.g. the other articles of a batch. Lemmas are compared
    case-folded. Columns: lemma, count, reference_count, per_1000, reference_per_1000, G2 (signed:
    negative when under-represented), p (chi-squared, 1 df), log_ratio (Hardie's log2 ratio of relative
    frequencies, zero counts taken as 0.5), is_name. Sorted by G2, most over-represented first. Reference
    lemmas absent from the article are included when at least one occurrence was expected.
    """
    index = _index(article, unit)
    target = lemma_counts(index, unit)
    reference_folded = _fold_reference(reference)
    display: dict[str, str] = {}
    target_folded: Counter[str] = Counter()
    for key, count in target.items():
        folded = key.casefold()
        target_folded[folded] += count
        display.setdefault(folded, key)
    target_total = max(1, index.words)
    reference_total = max(1, sum(reference_folded.values()))
    expected_share = target_total / (target_total + reference_total)
    absent = [k for k, c in reference_folded.items() if k not in target_folded and c * expected_share >= 1]
    lemmas = list(target_folded) + absent
    a = np.array([target_folded.get(k, 0) for k in lemmas], dtype=float)
    b = np.array([reference_folded.get(k, 0) for k in lemmas], dtype=float)
    g2 = _log_likelihood(a, b, target_total, reference_total, correction)
    p = np.array([math.erfc(math.sqrt(max(0.0, g) / 2)) for g in np.abs(g2)])
    log_ratio = np.log2(
        (np.where(a == 0, 0.5, a) / target_total) / (np.where(b == 0, 0.5, b) / reference_total)
    )
    names = {k.casefold() for k in index.names}
    frame = pd.DataFrame(
        {
            "lemma": [display.get(k, k) for k in lemmas],
            "count": a.astype(int),
            "reference_count": b.astype(int),
            "per_1000": 1000 * a / target_total,
            "reference_per_1000": 1000 * b / reference_total,
            "G2": g2,
            "p": p,
            "log_ratio": log_ratio,
            "is_name": [k in names for k in lemmas],
        }
    )
    if not include_stopwords:
        stop = stopwords() | {k.casefold() for k in index.stop_keys}
        frame = frame[frame["is_name"] | ~frame["lemma"].str.casefold().isin(stop)]
    frame = frame.sort_values(["G2", "lemma"], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True)


def _fold_reference(reference: Mapping[str, int] | pd.DataFrame | None) -> Counter[str]:
    if reference is None:
        return Counter(_default_reference().counts)
    if isinstance(reference, pd.DataFrame):
        column = "lemma" if "lemma" in reference.columns else reference.columns[0]
        pairs: Iterable[tuple[str, int]] = zip(reference[column], reference["count"], strict=True)
    else:
        pairs = reference.items()
    folded: Counter[str] = Counter()
    for key, count in pairs:
        if key:
            folded[str(key).casefold()] += int(count)
    return folded


def _log_likelihood(
    a: np.ndarray, b: np.ndarray, n_target: int, n_reference: int, correction: str
) -> np.ndarray:
    """Signed G2 of a 2×2 table per row (a, b: counts in target and reference; n: corpus sizes)."""
    c, d = n_target - a, n_reference - b
    total = n_target + n_reference
    observed = np.stack([a, b, c, d])
    row_sums = np.stack([a + b, a + b, c + d, c + d])
    column_sums = np.array([n_target, n_reference, n_target, n_reference], dtype=float)[:, None]
    expected = row_sums * column_sums / total
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    g2 = 2 * terms.sum(axis=0)
    if correction == "williams":
        # Williams's correction, quanteda's default for "lr"
        with np.errstate(divide="ignore", invalid="ignore"):
            q = 1 + (total / (a + b) + total / (c + d) - 1) * (total / n_target + total / n_reference - 1) / (
                6 * total
            )
        g2 = np.where(np.isfinite(q) & (q > 0), g2 / q, g2)
    elif correction != "none":
        raise ValueError("correction must be 'williams' or 'none'")
    return np.where(a >= expected[0], g2, -g2)


# ---------------------------------------------------------------- keyword in context


def concordance(
    article: Article | TermIndex, term: str, width: int = 40, include_captions: bool = False
) -> pd.DataFrame:
    """Keyword-in-context rows for a lemma, name, word form or phrase (case-insensitive).

    A single word matches every form of its lemma ("Russland" finds "Russlands"); a phrase matches as
    written. Columns: zone, start, end (offsets into `Article.text`), left, keyword, right.
    """
    index = _index(article, "lemma")
    text = index.article.text
    zones = index.article.zones_of(*(COUNTED_KINDS if include_captions else ANALYSED_KINDS))
    wanted = term.strip().casefold()
    spans: list[tuple[Zone, int, int]] = []
    if " " in wanted:
        pattern = re.compile(rf"(?<!\w){re.escape(term.strip())}(?!\w)", re.IGNORECASE)
        for zone in zones:
            spans.extend(
                (zone, zone.start + m.start(), zone.start + m.end()) for m in pattern.finditer(zone.text)
            )
    else:
        kinds = {z.kind for z in zones}
        zone_starts = [z.start for z in zones]
        for key, form, zone_kind, start in zip(
            index.keys, index.forms, index.zones, index.starts, strict=True
        ):
            if (
                form is not None
                and zone_kind in kinds
                and (form.casefold() == wanted or (key and key.casefold() == wanted))
            ):
                zone = zones[bisect_right(zone_starts, start) - 1]
                spans.append((zone, start, start + len(form)))
    records = []
    for zone, start, end in spans:
        left = _one_line(text[max(zone.start, start - width) : start])
        right = _one_line(text[end : min(zone.end, end + width)])
        records.append(
            {
                "zone": zone.kind,
                "start": start,
                "end": end,
                "left": left,
                "keyword": text[start:end],
                "right": right,
            }
        )
    return pd.DataFrame.from_records(records, columns=["zone", "start", "end", "left", "keyword", "right"])


def _one_line(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "  " in text else text


# ---------------------------------------------------------------- JSON


def terms_json(article: Article | TermIndex, top_n: int = 50) -> dict[str, list[dict]]:
    """The "terms" object of `workbook analyze --json`: lists of row objects with plain JSON types."""
    index = _index(article, "lemma")
    keyness = keyness_table(index)
    over = keyness[keyness["G2"] > 0].head(top_n)
    under = keyness[keyness["G2"] < 0].sort_values("G2").head(max(1, top_n // 5))
    ngrams = collocations(index, top_n=top_n)
    return {
        "lemmas": records(lemma_table(index).head(top_n)),
        "names": records(name_table(index).head(top_n)),
        "ngrams": records(ngrams),
        "keyness": records(pd.concat([over, under])),
    }


def records(frame: pd.DataFrame) -> list[dict]:
    """DataFrame rows as dicts of plain Python values: numpy scalars unwrapped, NaN → None, tuples → lists."""
    return [{column: _plain(value) for column, value in row.items()} for row in frame.to_dict("records")]


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(v) for v in value]
    return value
