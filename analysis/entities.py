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
_VECTOR_CACHE_SIZE = 200_000  # distinct words whose summed feature weights are kept

# NorNE-style labels of the tagger and the product's entity types.
TYPES = ("person", "organisation", "place", "other")
TAGS = ("O",) + tuple(f"{prefix}-{kind}" for kind in TYPES for prefix in ("B", "I"))
_INSIDE_OF = {index: TAGS[index][2:] for index in range(1, len(TAGS))}

# Words (with inner hyphens, dots, apostrophes, ampersands); abbreviations with inner dots keep their final
# stop ("Fr.p."), and so do initials and short titles before a capitalised word ("Knut S. Vikør", "Chr.");
# anything else is one character.
TOKEN = re.compile(r"\w+(?:\.\w+)+\.(?!\w)|[A-ZÆØÅ][a-zæøå]{0,2}\.(?=\s[A-ZÆØÅ])|\w+(?:[-'’.&]\w+)*|[^\w\s]")
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

    __slots__ = (
        "text",
        "tokens",
        "starts",
        "ends",
        "lowers",
        "shapes",
        "opens",
        "lower_forms",
        "mid_capitals",
        "capitals",
    )

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
        self.shapes = [_shape(token) for token in tokens]
        self.lower_forms = {token for token in tokens if token[0].islower()}
        self.mid_capitals = {
            token for token, opened in zip(tokens, opens, strict=True) if not opened and token[0].isupper()
        }
        # Capitalised tokens worth scoring: a sentence-opening word that the article also writes in lower
        # case, and never capitalised mid-sentence, is a common word ("Det", "Men", "Politiet").
        lower_forms, mid_capitals = self.lower_forms, self.mid_capitals
        self.capitals = [
            token[0].isupper()
            and not (opened and lower in lower_forms and token not in mid_capitals)
            for token, lower, opened in zip(tokens, self.lowers, opens, strict=True)
        ]


def word_features(token: str) -> list[str]:
    """Features of the token alone (cached per token form when tagging)."""
    lower = token.lower()
    features = [
        "b",
        "w=" + token,
        "l=" + lower,
        "s3=" + lower[-3:],
        "s4=" + lower[-4:],
        "s5=" + lower[-5:],
        "p3=" + lower[:3],
        "sh=" + _shape(token),
    ]
    if lower in _common_words():
        features.append("common")
    if token in _first_names():
        features.append("first_name")
    places, _, _, institutions, institution_endings = _gazetteers()
    if token in places:
        features.append("gaz:place")
    elif token.endswith("s") and token[:-1] in places:
        features.append("gaz:place_genitive")
    if lower in institutions or lower.endswith(institution_endings):
        features.append("gaz:institution")
    return features


def left_features(previous: str) -> list[str]:
    """Features of the (lower-cased) word before the token."""
    _, adjectives, roles, _, _ = _gazetteers()
    features = ["p1=" + previous]
    if previous in roles:
        features.append("gaz:after_role")
    if previous in adjectives:
        features.append("gaz:after_nationality")
    return features


def right_features(following: str) -> list[str]:
    """Features of the word after the token (as written)."""
    features = ["n1=" + following.lower(), "n1s4=" + following[-4:].lower()]
    if following in _first_names():
        features.append("n1_first_name")
    return features


def context_features(
    doc: Document, i: int, previous_tag: str, seen: dict[str, str], name_start: int
) -> list[str]:
    """Features of the token in its place: neighbours' pairs and shapes, sentence position, the previous
    tag, where the current name started, and the types the article's words got so far."""
    tokens, lowers = doc.tokens, doc.lowers
    token, lower = tokens[i], lowers[i]
    count = len(tokens)
    p1 = lowers[i - 1] if i > 0 else "<s>"
    n1 = lowers[i + 1] if i + 1 < count else "</s>"
    shapes = doc.shapes
    shape = shapes[i]
    n1_shape = shapes[i + 1] if i + 1 < count else "</s>"
    p1_shape = shapes[i - 1] if i > 0 else "<s>"
    features = [
        "p2=" + (lowers[i - 2] if i > 1 else "<s>"),
        "n2=" + (lowers[i + 2] if i + 2 < count else "</s>"),
        "t=" + previous_tag,
        "tw=" + previous_tag + token,
        "p1w=" + p1 + " " + lower,
        "wn1=" + lower + " " + n1,
        "psh=" + p1_shape + shape,
        "nsh=" + shape + n1_shape,
        "tsh=" + previous_tag + shape + n1_shape,
    ]
    if doc.opens[i]:
        features.append("open")
        features.append("open:" + shape)
        if lower in doc.lower_forms:
            features.append("open:lower_in_doc")
        if token in doc.mid_capitals:
            features.append("open:mid_capital_in_doc")
        if lower in _common_words():
            features.append("open:common")
    elif token[0].isupper():
        features.append("mid:" + shape)
    if previous_tag != "O":
        head = lowers[name_start]
        features.append("first=" + head)
        features.append("first_s4=" + head[-4:] + shape)
    kind = seen.get(lower)
    if kind is not None:
        features.append("seen=" + kind)
        features.append("seen=" + kind + previous_tag)
    if lower.endswith("s") and lower[:-1] in seen:
        features.append("genitive_of=" + seen[lower[:-1]])
    return features


def token_features(
    doc: Document, i: int, previous_tag: str, seen: dict[str, str], name_start: int
) -> list[str]:
    """All features of token i (what training updates; tagging sums the same groups from caches)."""
    tokens = doc.tokens
    features = word_features(tokens[i])
    features += left_features(doc.lowers[i - 1] if i > 0 else "<s>")
    features += right_features(tokens[i + 1] if i + 1 < len(tokens) else "</s>")
    return features + context_features(doc, i, previous_tag, seen, name_start)


def is_candidate(doc: Document, i: int, previous_tag: str) -> bool:
    """Capitalised tokens (but not common words opening a sentence), and any token right after a tagged
    one (lower-case heads and inner words: "Oslo tingrett", "Universitetet i Oslo")."""
    return previous_tag != "O" or doc.capitals[i]


class Tagger:
    """Averaged-perceptron weights: feature -> one weight per tag; greedy decoding left to right.

    Tagging sums, per candidate token, three cached vectors (the token's own features, the word before's,
    the word after's) and the rows of its context features; training scores the same features one by one."""

    def __init__(self, weights: dict[str, list[float]]):
        self.weights = weights
        self._word_vectors: dict[str, list[float]] = {}
        self._left_vectors: dict[str, list[float]] = {}
        self._right_vectors: dict[str, list[float]] = {}

    def scores(self, features: Sequence[str]) -> list[float]:
        weights = self.weights
        rows = [row for row in map(weights.get, features) if row is not None]
        return [sum(column) for column in zip(*rows, strict=True)] if rows else [0.0] * len(TAGS)

    def _vector(
        self, cache: dict[str, list[float]], key: str, make: Callable[[str], list[str]]
    ) -> list[float]:
        vector = cache.get(key)
        if vector is None:
            if len(cache) > _VECTOR_CACHE_SIZE:
                cache.clear()
            vector = cache[key] = self.scores(make(key))
        return vector

    def fast_scores(
        self, doc: Document, i: int, previous_tag: str, seen: dict[str, str], name_start: int
    ) -> list[float]:
        """`scores(token_features(...))`, with the token-, left- and right-word parts from the caches."""
        tokens = doc.tokens
        weights = self.weights
        rows = [
            self._vector(self._word_vectors, tokens[i], word_features),
            self._vector(self._left_vectors, doc.lowers[i - 1] if i > 0 else "<s>", left_features),
            self._vector(
                self._right_vectors, tokens[i + 1] if i + 1 < len(tokens) else "</s>", right_features
            ),
        ]
        rows += [
            row for row in map(weights.get, context_features(doc, i, previous_tag, seen, name_start)) if row
        ]
        return [sum(column) for column in zip(*rows, strict=True)]

    def best_tag(self, scores: list[float], previous_tag: str) -> int:
        """The highest-scoring tag that continues the previous one (I-x only after B-x or I-x)."""
        best, best_score = 0, scores[0]
        previous_kind = previous_tag[2:] if previous_tag != "O" else None
        for index in range(1, len(TAGS)):
            if scores[index] > best_score and (TAGS[index][0] == "B" or _INSIDE_OF[index] == previous_kind):
                best, best_score = index, scores[index]
        return best

    def tag(self, doc: Document, learn: Callable[[list[str], int, int], None] | None = None) -> list[str]:
        """Greedy tags left to right. `learn(features, token index, guessed tag index)` is called for
        every candidate when training (the weights then change, so nothing is cached)."""
        previous, name_start = "O", 0
        seen: dict[str, str] = {}  # word -> the type its latest tagged mention got
        tags: list[str] = []
        for i in range(len(doc.tokens)):
            if not is_candidate(doc, i, previous):
                tags.append("O")
                previous = "O"
                continue
            if learn is None:
                index = self.best_tag(self.fast_scores(doc, i, previous, seen, name_start), previous)
            else:
                features = token_features(doc, i, previous, seen, name_start)
                index = self.best_tag(self.scores(features), previous)
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


def harmonise(doc: Document, names: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One name, one type in an article: each name form gets the type most of its mentions got (a
    person's surname counts the full names it ends), and a capitalised word the article tagged as a
    one-word name elsewhere is tagged where the tagger passed it over."""
    votes: dict[str, dict[str, int]] = {}
    for first, last, kind in names:
        form = " ".join(doc.tokens[first:last])
        votes.setdefault(form, {}).setdefault(kind, 0)
        votes[form][kind] += 1
        if kind == "person" and last - first > 1:
            surname = votes.setdefault(doc.tokens[last - 1], {})
            surname["person"] = surname.get("person", 0) + 1
    chosen = {form: max(kinds, key=kinds.__getitem__) for form, kinds in votes.items()}
    result = [(first, last, chosen[" ".join(doc.tokens[first:last])]) for first, last, kind in names]
    single = {doc.tokens[first] for first, last, _ in names if last - first == 1}
    covered = set()
    for first, last, _ in names:
        covered.update(range(first, last))
    for i, token in enumerate(doc.tokens):
        if token in single and i not in covered and doc.capitals[i]:
            result.append((i, i + 1, chosen[token]))
    return sorted(result)


def tag_names(doc: Document, model: Tagger | None = None) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, type) of the names in the document."""
    return harmonise(doc, spans_of_tags((model or tagger()).tag(doc)))


def entities_of_text(text: str, spans: Iterable[tuple[int, int]] | None = None) -> list[Entity]:
    """Entities in the given (start, end) stretches of `text` (all of it by default)."""
    doc = Document(text, spans if spans is not None else [(0, len(text))])
    found = []
    for first, last, kind in tag_names(doc):
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
