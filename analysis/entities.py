"""People, organisations and places named in an article: `find_entities(article)`.

A greedy averaged-perceptron tagger (BIO tags over four types) trained on the NorNE entity annotations of
the Norwegian Dependency Treebank's news articles by `tools/train_entities.py`; the weights are the data
file `analysis/data/entities_model_nb.tsv` (its header gives source, licence and training figures).

Norwegian writes common nouns in lower case, so a name starts with a capital letter; the tagger looks only at
capitalised tokens and at the tokens right after a tagged one (the lower-case heads of "Oslo tingrett" or
"Universitetet i Oslo"), and everything else is outside any name without any scoring. That keeps the stage
linear and cheap: one regex pass for the tokens and a few dictionary look-ups per candidate.

The features are the article's own words only: the token and its neighbours, its shape, where it stands in
the sentence, whether the article writes the same word in lower case elsewhere (a sentence-initial common
word) or capitalised mid-sentence (a name), and which type the article's earlier mentions of the word got.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import resources

from analysis.gender import first_name_genders
from analysis.records import Entity

MODEL_FILE = "entities_model_nb.tsv"
PASSES = 1  # decoding passes over an article (see `Tagger.tag`)

# NorNE-style labels of the tagger and the product's entity types.
TYPES = ("person", "organisation", "place", "other")
TAGS = ("O",) + tuple(f"{prefix}-{kind}" for kind in TYPES for prefix in ("B", "I"))
_INSIDE_OF = {index: TAGS[index][2:] for index in range(1, len(TAGS))}

# Words (with inner hyphens, dots, apostrophes, ampersands); abbreviations with inner dots keep their final
# stop ("Fr.p."), and so do initials and short titles before a capitalised word ("Knut S. Vikør", "Chr.");
# anything else is one character.
TOKEN = re.compile(
    r"\w+(?:\.\w+)+\.(?!\w)|[A-ZÆØÅ][a-zæøå]{0,2}\.(?=\s[A-ZÆØÅ])|\w+(?:[-'’.&]\w+)*|[^\w\s]"
)
# Tokens after which the next word opens a sentence (the capital then says nothing about a name).
_SENTENCE_OPENERS = frozenset({".", "!", "?", ":", "«", "-", "–", "—", '"', "|", "…", "»", ";"})


def _shape(token: str) -> str:
    if token.isdigit():
        return "d"
    if len(token) == 1:
        return "X" if token.isupper() else ("x" if token.isalpha() else "p")
    if token.isupper():
        return "XX"
    if token[0].isupper():
        if "-" in token:
            return "Xx-x"
        if any(char.isupper() for char in token[1:]):
            return "XxX"
        return "Xx"
    if any(char.isupper() for char in token):
        return "xX"
    return "x"


class Document:
    """One stretch of text tokenised for the tagger, with the article-wide facts its features read."""

    __slots__ = ("text", "tokens", "starts", "ends", "lowers", "opens", "lower_forms", "mid_capitals")

    def __init__(self, text: str, spans: Iterable[tuple[int, int]]):
        self.text = text
        tokens: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        opens: list[bool] = []
        for zone_start, zone_end in spans:
            previous_end = None
            for match in TOKEN.finditer(text, zone_start, zone_end):
                start = match.start()
                opens.append(
                    previous_end is None
                    or tokens[-1] in _SENTENCE_OPENERS
                    or "\n" in text[previous_end:start]
                )
                tokens.append(match.group())
                starts.append(start)
                previous_end = match.end()
                ends.append(previous_end)
        self.tokens = tokens
        self.starts = starts
        self.ends = ends
        self.opens = opens
        self.lowers = [token.lower() for token in tokens]
        self.lower_forms = {token for token in tokens if token[0].islower()}
        self.mid_capitals = {
            token for token, opened in zip(tokens, opens) if not opened and token[0].isupper()
        }


def token_features(
    doc: Document, i: int, previous_tag: str, seen: dict[str, str], name_start: int
) -> list[str]:
    """The features of token i given the previous token's tag, the types the article's words got, and
    where the name the previous token belongs to starts."""
    tokens, lowers = doc.tokens, doc.lowers
    token, lower = tokens[i], lowers[i]
    count = len(tokens)
    p1 = lowers[i - 1] if i > 0 else "<s>"
    p2 = lowers[i - 2] if i > 1 else "<s>"
    n1 = lowers[i + 1] if i + 1 < count else "</s>"
    n2 = lowers[i + 2] if i + 2 < count else "</s>"
    shape = _shape(token)
    n1_shape = _shape(tokens[i + 1]) if i + 1 < count else "</s>"
    p1_shape = _shape(tokens[i - 1]) if i > 0 else "<s>"
    opened = doc.opens[i]
    features = [
        "b",
        "w=" + token,
        "l=" + lower,
        "s3=" + lower[-3:],
        "s4=" + lower[-4:],
        "s5=" + lower[-5:],
        "p3=" + lower[:3],
        "sh=" + shape,
        "t=" + previous_tag,
        "tw=" + previous_tag + token,
        "p1=" + p1,
        "p2=" + p2,
        "n1=" + n1,
        "n2=" + n2,
        "p1w=" + p1 + " " + lower,
        "wn1=" + lower + " " + n1,
        "psh=" + p1_shape + shape,
        "nsh=" + shape + n1_shape,
        "tsh=" + previous_tag + shape + n1_shape,
    ]
    if opened:
        features.append("open")
        features.append("open:" + shape)
        if lower in doc.lower_forms:
            features.append("open:lower_in_doc")
        if token in doc.mid_capitals:
            features.append("open:mid_capital_in_doc")
    elif token[0].isupper():
        features.append("mid:" + shape)
    if previous_tag != "O":
        head = lowers[name_start]
        features.append("first=" + head)
        features.append("first_s4=" + head[-4:] + shape)
    if n1 != "</s>":
        features.append("n1s4=" + n1[-4:])
    kind = seen.get(lower)
    if kind is not None:
        features.append("seen=" + kind)
        features.append("seen=" + kind + previous_tag)
    if lower in _common_words():
        features.append("common" + ("open" if opened else ""))
    if token in _first_names():
        features.append("first_name")
    if n1 != "</s>" and tokens[i + 1] in _first_names():
        features.append("n1_first_name")
    places, adjectives, roles, institutions, institution_endings = _gazetteers()
    if token in places:
        features.append("gaz:place")
    elif token.endswith("s") and token[:-1] in places:
        features.append("gaz:place_genitive")
    if lower in institutions or lower.endswith(institution_endings):
        features.append("gaz:institution")
    if p1 in roles:
        features.append("gaz:after_role")
    if p1 in adjectives:
        features.append("gaz:after_nationality")
    if lower.endswith("s") and lower[:-1] in seen:
        features.append("genitive_of=" + seen[lower[:-1]])
    return features


def is_candidate(token: str, previous_tag: str) -> bool:
    """Capitalised tokens, and any token right after a tagged one (lower-case heads and inner words)."""
    return token[0].isupper() or previous_tag != "O"


class Tagger:
    """Averaged-perceptron weights: feature -> one weight per tag; greedy decoding left to right."""

    def __init__(self, weights: dict[str, list[float]]):
        self.weights = weights

    def scores(self, features: Sequence[str]) -> list[float]:
        totals = [0.0] * len(TAGS)
        weights = self.weights
        for feature in features:
            row = weights.get(feature)
            if row is not None:
                totals = [a + b for a, b in zip(totals, row)]
        return totals

    def best_tag(self, scores: list[float], previous_tag: str) -> int:
        """The highest-scoring tag that continues the previous one (I-x only after B-x or I-x)."""
        best, best_score = 0, scores[0]
        previous_kind = previous_tag[2:] if previous_tag != "O" else None
        for index in range(1, len(TAGS)):
            if scores[index] > best_score and (TAGS[index][0] == "B" or _INSIDE_OF[index] == previous_kind):
                best, best_score = index, scores[index]
        return best

    def tag(self, doc: Document, passes: int = PASSES) -> list[str]:
        """Tags of the document's tokens. A second pass starts from the types the first pass gave each
        word anywhere in the article, so a name's first mention profits from later, clearer ones."""
        seen: dict[str, str] = {}
        for _ in range(passes):
            tags = self.decode(doc, seen)
        return tags

    def decode(
        self, doc: Document, seen: dict[str, str], learn: Callable[[list[str], int, int], None] | None = None
    ) -> list[str]:
        """Greedy tags left to right; `seen` gets each tagged word's type. `learn(features, token index,
        guessed tag index)` is called for every candidate when training."""
        previous, name_start = "O", 0
        tags: list[str] = []
        for i, token in enumerate(doc.tokens):
            if not is_candidate(token, previous):
                tags.append("O")
                previous = "O"
                continue
            features = token_features(doc, i, previous, seen, name_start)
            index = self.best_tag(self.scores(features), previous)
            if learn is not None:
                learn(features, i, index)
            previous = TAGS[index]
            tags.append(previous)
            if index:
                seen[doc.lowers[i]] = previous[2:]
                if previous[0] == "B":
                    name_start = i
        return tags


def spans_of_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, type) of each B-/I- run."""
    spans = []
    start = kind = None
    for i, tag in enumerate(list(tags) + ["O"]):
        if start is not None and not (tag[0] == "I" and tag[2:] == kind):
            spans.append((start, i, kind))
            start = kind = None
        if tag[0] == "B":
            start, kind = i, tag[2:]
    return spans


def entities_of_text(text: str, spans: Iterable[tuple[int, int]] | None = None) -> list[Entity]:
    """Entities in the given (start, end) stretches of `text` (all of it by default)."""
    doc = Document(text, spans if spans is not None else [(0, len(text))])
    tags = tagger().tag(doc)
    found = []
    for first, last, kind in spans_of_tags(tags):
        start, end = doc.starts[first], doc.ends[last - 1]
        found.append(Entity(start, end, text[start:end], kind))
    return found


def find_entities(article) -> list[Entity]:
    """Every mention of a person, organisation or place (or other name) in the article's analysed zones
    (headline, lead, body, crossheads), with offsets into `article.text`."""
    return entities_of_text(article.text, [(zone.start, zone.end) for zone in article.analysed_zones])


def entity_type_of(name: str, entities: Sequence[Entity]) -> str | None:
    """The type the article gives a name: the most frequent type among the mentions that are the name, or
    among the mentions sharing its last word ("Stoltenberg" for "Jens Stoltenberg"); None when never tagged."""
    votes: dict[str, int] = {}
    for entity in entities:
        if entity.text == name:
            votes[entity.type] = votes.get(entity.type, 0) + 2
    if not votes:
        last = name.split()[-1] if name.split() else name
        for entity in entities:
            if entity.text.split()[-1:] == [last] or entity.text == last:
                votes[entity.type] = votes.get(entity.type, 0) + 1
    if not votes:
        return None
    return max(votes, key=lambda kind: (votes[kind], -TYPES.index(kind)))


# ---------------------------------------------------------------- data files


def _data_lines(name: str) -> Iterable[str]:
    with resources.files("analysis.data").joinpath(name).open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line


@cache
def tagger() -> Tagger:
    weights: dict[str, list[float]] = {}
    for line in _data_lines(MODEL_FILE):
        feature, _, values = line.rpartition("\t")
        row = [0.0] * len(TAGS)
        for item in values.split(" "):
            tag, _, weight = item.partition(":")
            row[int(tag)] = float(weight)
        weights[feature] = row
    return Tagger(weights)


@cache
def _common_words() -> frozenset[str]:
    """Lower-case lemmas of the reference frequency list that are not proper nouns."""
    words = set()
    for line in _data_lines("reference_lemma_freq_nb.tsv"):
        lemma, pos, _ = line.split("\t")
        if pos != "propn" and lemma != "lemma" and lemma.islower():
            words.add(lemma)
    return frozenset(words)


@cache
def _gazetteers() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    """Country and capital names, nationality adjectives, role nouns (all definite forms), institution
    names and institution-name endings, from the project's word lists."""
    places, adjectives = set(), set()
    for line in _data_lines("nationalities_nb.tsv"):
        country, forms, *others = line.split("\t")
        places.add(country)
        adjectives.update(forms.split())
        for other in others:
            places.update(name for name in other.split() if "_" not in name)
    roles = set()
    for line in _data_lines("role_nouns_nb.txt"):
        if " " not in line:
            roles.update((line, line + "en", line + "et", line + "a", line + "n", line + "e"))
    names, endings = set(), []
    for line in _data_lines("speaker_institutions_nb.txt"):
        name = line.split("\t")[0]
        if name.startswith("-"):
            endings.append(name[1:])
        elif " " not in name:
            names.add(name)
    return frozenset(places), frozenset(adjectives), frozenset(roles), frozenset(names), tuple(endings)


@cache
def _first_names() -> frozenset[str]:
    return frozenset(first_name_genders())
