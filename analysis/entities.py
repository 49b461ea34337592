"""People, organisations and places named in an article: `find_entities(article)`.

A greedy averaged-perceptron tagger (BIO tags over four types) trained on the NorNE entity annotations of
the Norwegian Dependency Treebank's news articles by `tools/train_entities.py`; the weights are the data
file `analysis/data/entities_model_nb.tsv` (its header gives source, licence and training figures).

Norwegian writes common nouns in lower case, so a name starts with a capital letter; the tagger looks only at
capitalised tokens and at the tokens right after a tagged one (the lower-case heads of "Oslo tingrett" or
"Universitetet i Oslo"), and everything else is outside any name without any scoring. That keeps the stage
linear and cheap: one regex pass for the tokens and a few dictionary look-ups per candidate.

The features are the article's own words: the token and its neighbours, its shape, where it stands in the
sentence, whether the article writes the same word in lower case elsewhere (a sentence-initial common word)
or capitalised mid-sentence (a name), and which type the article's earlier mentions of the word got; besides
them the project's word lists and simplemma's Bokmål dictionary (through `analysis.text`: whether the form is
a known common word, and its lemma).

Tagging sums each group of features once per distinct key (the form in the article, the word before, the
word after, the windows around) and adds per step only the rows of the features that read the tags so far.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from itertools import accumulate, compress
from operator import add, itemgetter, sub

from analysis import data
from analysis.gender import first_name_genders
from analysis.records import Entity
from analysis.text import is_known_word, raw_lemma

MODEL_FILE = "entities_model_nb.tsv"
_NEIGHBOURS_KEPT = 8  # about as many distinct neighbour words of each kind kept per capitalised form
_VECTOR_CACHE_SIZE = 100_000  # distinct words whose summed feature weights (or shapes) are kept
_SPAN = re.Match.span

# NorNE-style labels of the tagger and the product's entity types.
TYPES = ("person", "organisation", "place", "other")
TAGS = ("O",) + tuple(f"{prefix}-{kind}" for kind in TYPES for prefix in ("B", "I"))
_TAG_INDICES = range(len(TAGS))
_OPENING_INDICES = [index for index in _TAG_INDICES if TAGS[index][0] != "I"]
_OPENINGS = itemgetter(*_OPENING_INDICES)  # the scores of O and the B- tags, in their order

# A web address: newsrooms name their own site as a source ("sier hun til bt.no").
_WEB_ADDRESS = r"\w++(?:[-.]\w++)*?\.(?:no|com|org|net|nu|se|dk|uk|de|eu|info)(?!\w)"
_NAME_ABBREVIATIONS = ("Chr", "Mr", "Mrs", "Ms")  # short forms before a name besides the abbreviation list
# Tokens after which the next word opens a sentence (the capital then says nothing about a name).
_SENTENCE_OPENERS = frozenset({".", "!", "?", ":", "«", "-", "–", "—", '"', "|", "…", "»", ";"})


@lru_cache(maxsize=_VECTOR_CACHE_SIZE)  # a pure per-word answer, asked several times for every token
def _shape(token: str) -> str:
    if token in ("<s>", "</s>"):  # outside the document
        return token
    if token.isdigit():
        return "d"
    if "." in token and _web_address().fullmatch(token):
        return "www"
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
    """One stretch of text tokenised for the tagger, with the article-wide facts its features read.
    Everything per token runs in C (`map`, `compress`) or is decided once per distinct word; the Python
    loops run over the capitalised tokens only."""

    __slots__ = (
        "text",
        "tokens",
        "lowers",
        "ends",
        "opens",
        "lower_forms",
        "mid_capitals",
        "candidates",
        "is_candidate",
        "neighbours",
        "form_vectors",
        "breaks",
        "_starts",
    )

    def __init__(self, text: str, spans: Iterable[tuple[int, int]]):
        self.text = text
        findall = _spaced_token_pattern().findall
        tokens: list[str] = []
        ends: list[int] = []  # where each token ends (where it starts is worked out when asked for)
        breaks: set[int] = set()  # tokens that open a zone or follow a line break: no name runs across
        for zone_start, zone_end in spans:
            # Each piece is a token with the white space before it, so the pieces' lengths add up to where
            # the tokens end (all in C). White space that ends the zone opens no piece: it is left out of
            # the scan, which the tokens do not read, so that no search runs across it again and again.
            while zone_end > zone_start and text[zone_end - 1].isspace():
                zone_end -= 1
            pieces = findall(text, zone_start, zone_end)
            if not pieces:
                continue
            first = len(tokens)
            breaks.add(first)
            tokens += map(str.lstrip, pieces)
            zone_ends = accumulate(map(len, pieces), initial=zone_start)
            next(zone_ends)
            ends += zone_ends
            # A line break inside a zone also opens a sentence; tokens hold no white space, so a line
            # break falls before the first token that ends after it.
            line_break = text.find("\n", zone_start, zone_end)
            while line_break != -1:
                k = bisect_right(ends, line_break, first)
                if first < k < len(ends):
                    breaks.add(k)
                line_break = text.find("\n", line_break + 1, zone_end)
        self.tokens = tokens
        self.ends = ends
        self._starts: list[int] | None = None
        self.breaks = breaks
        self.lowers = lowers = list(map(str.lower, tokens))
        opens = [True, *map(_SENTENCE_OPENERS.__contains__, tokens[:-1])] if tokens else []
        for k in breaks:
            opens[k] = True
        self.opens = opens
        forms = set(tokens)
        self.lower_forms = lower_forms = {token for token in forms if token[0].islower()}
        # Capitalised words, and web addresses in lower case ("bt.no"): the tokens that may open a name.
        web_address = _web_address().fullmatch
        capital_forms = {
            token for token in forms if token[0].isupper() or ("." in token and web_address(token))
        }
        capitals = list(compress(range(len(tokens)), map(capital_forms.__contains__, tokens)))
        self.mid_capitals = mid_capitals = {tokens[i] for i in capitals if not opens[i]}
        # Capitalised tokens worth scoring: a sentence-opening word that the article also writes in lower
        # case, and never capitalised mid-sentence, is a common word ("Det", "Men", "Politiet").
        common = {form for form in capital_forms if form.lower() in lower_forms and form not in mid_capitals}
        self.candidates = [i for i in capitals if not (opens[i] and tokens[i] in common)]
        self.is_candidate = set(self.candidates)
        # The words around every mention of a capitalised form, so that each mention sees the contexts
        # of all of them ("sa Vamp" in one sentence helps "med Vamp" in another).
        neighbours: dict[str, set[str]] = {}
        last = len(tokens) - 1
        for i in self.candidates:
            around = neighbours.setdefault(tokens[i], set())
            if len(around) < 3 * _NEIGHBOURS_KEPT:
                around.add("ap1=" + (lowers[i - 1] if i > 0 else "<s>"))
                around.add("an1=" + (lowers[i + 1] if i < last else "</s>"))
                around.add("ap2=" + (lowers[i - 2] if i > 1 else "<s>"))
        self.neighbours = neighbours
        self.form_vectors: dict[tuple[str, bool], list[float]] = {}  # filled by the tagger

    def start(self, k: int) -> int:
        """Where token `k` starts."""
        return self.ends[k] - len(self.tokens[k])

    def end(self, k: int) -> int:
        """Where token `k` ends."""
        return self.ends[k]

    @property
    def starts(self) -> list[int]:
        """Where each token starts."""
        if self._starts is None:
            self._starts = list(map(sub, self.ends, map(len, self.tokens)))
        return self._starts


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
        "s6=" + lower[-6:],
        "p3=" + lower[:3],
        "p5=" + lower[:5],
        "sh=" + _shape(token),
    ]
    if lower in _common_words():
        features.append("common")
    if token in _first_names():
        features.append("first_name")
    # simplemma's Bokmål dictionary: a known common word ("Politiet" -> politi) says more than its
    # capital; its few proper nouns (place and family names) say the opposite.
    if not is_known_word(token):
        features.append("lex:unknown")
    else:
        lemma = raw_lemma(token)
        if lemma[:1].isupper():
            features.append("lex:proper")
        else:
            features.append("lex:common")
            features.append("lexl=" + lemma.lower())
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
    if previous in _speech_verbs():
        features.append("gaz:after_speech_verb")
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
    if following in _speech_verbs():
        features.append("gaz:before_speech_verb")
    return features


def before_features(before_before: str, before: str, token: str) -> list[str]:
    """The two words before the token (`before` as written) with the token."""
    previous = before.lower()
    return [
        "p2=" + before_before,
        "p21=" + before_before + " " + previous,
        "p1w=" + previous + " " + token.lower(),
        "psh=" + _shape(before) + _shape(token),
    ]


def after_features(token: str, after: str, after_after: str) -> list[str]:
    """The token with the two words after it (`after` as written)."""
    following = after.lower()
    return [
        "n2=" + after_after,
        "n12=" + following + " " + after_after,
        "wn1=" + token.lower() + " " + following,
        "nsh=" + _shape(token) + _shape(after),
    ]


def tag_features(previous_tag: str, token: str, after: str) -> list[str]:
    """The previous token's tag with the token and the shapes."""
    return [
        "t=" + previous_tag,
        "tw=" + previous_tag + token,
        "tsh=" + previous_tag + _shape(token) + _shape(after),
    ]


def position_features(doc: Document, i: int) -> list[str]:
    """Features of the token's place in the article that do not depend on the tags: the sentence's first
    word or not, and whether the article writes the word in lower case or capitalised mid-sentence."""
    token = doc.tokens[i]
    shape = _shape(token)
    if not doc.opens[i]:
        return ["mid:" + shape] if token[0].isupper() else []
    lower = token.lower()
    features = ["open", "open:" + shape]
    if lower in doc.lower_forms:
        features.append("open:lower_in_doc")
    if token in doc.mid_capitals or token + "s" in doc.mid_capitals:  # "Biden sa" ... "at Bidens"
        features.append("open:mid_capital_in_doc")
    if lower in _common_words():
        features.append("open:common")
    return features


def state_features(
    doc: Document, i: int, previous_tag: str, seen: dict[str, str], name_start: int
) -> list[str]:
    """Features of the token given the tags so far: where the current name started, and the types the
    article's earlier mentions of the word got."""
    lower = doc.lowers[i]
    head = doc.lowers[name_start] if previous_tag != "O" else ""
    genitive = seen.get(lower[:-1]) if lower[-1:] == "s" else None
    return state_features_of(previous_tag, head, doc.tokens[i], seen.get(lower), genitive)


def state_features_of(
    previous_tag: str, head: str, token: str, kind: str | None, genitive: str | None
) -> list[str]:
    """`state_features` from what they read: the previous tag, the current name's first word (lower case;
    read only after a name's tag), the token, the type of the word's earlier mentions and that of the word
    without its genitive s (None when none was tagged)."""
    features = []
    if previous_tag != "O":
        features += ["first=" + head, "first_s4=" + head[-4:] + _shape(token)]
    if kind is not None:
        features += ["seen=" + kind, "seen=" + kind + previous_tag]
    if genitive is not None:
        features.append("genitive_of=" + genitive)
    return features


def _window(doc: Document, i: int) -> tuple[str, str, str, str, str]:
    """(two before in lower case, one before, the token, one after, two after in lower case); the words
    next to the token as written, "<s>" and "</s>" outside the document."""
    tokens = doc.tokens
    count = len(tokens)
    return (
        doc.lowers[i - 2] if i > 1 else "<s>",
        tokens[i - 1] if i > 0 else "<s>",
        tokens[i],
        tokens[i + 1] if i + 1 < count else "</s>",
        doc.lowers[i + 2] if i + 2 < count else "</s>",
    )


def static_features(doc: Document, i: int) -> list[str]:
    """The features of token i that do not depend on the tags (summed once per token when tagging)."""
    before_before, before, token, after, after_after = _window(doc, i)
    return [
        *word_features(token),
        *left_features(before.lower()),
        *right_features(after),
        *sorted(doc.neighbours.get(token, ())),
        *before_features(before_before, before, token),
        *after_features(token, after, after_after),
        *position_features(doc, i),
    ]


def token_features(
    doc: Document, i: int, previous_tag: str, seen: dict[str, str], name_start: int
) -> list[str]:
    """All features of token i (what training updates; tagging sums the same groups from caches)."""
    after = doc.tokens[i + 1] if i + 1 < len(doc.tokens) else "</s>"
    return [
        *static_features(doc, i),
        *tag_features(previous_tag, doc.tokens[i], after),
        *state_features(doc, i, previous_tag, seen, name_start),
    ]


class Tagger:
    """Averaged-perceptron weights: feature -> one weight per tag; greedy decoding left to right.

    Tagging sums each token's tag-free features once (from vectors cached per word and per short window,
    so a word seen before costs a few dictionary look-ups) and adds, step by step, only the rows of the
    features that read the tags so far; training scores the same features one by one."""

    def __init__(self, weights: dict[str, list[float]]):
        self.weights = weights
        self._word_vectors: dict[str, list[float]] = {}
        self._left_vectors: dict[str, list[float]] = {}
        self._right_vectors: dict[str, list[float]] = {}
        self._window_vectors: dict[tuple, list[float]] = {}
        self._state_vectors: dict[tuple, tuple[list[float], ...]] = {}

    def scores(self, features: Sequence[str]) -> list[float]:
        rows = list(filter(None, map(self.weights.get, features)))
        return list(map(sum, zip(*rows, strict=True))) if rows else [0.0] * len(TAGS)

    def _vector(self, cache: dict, key: tuple, make: Callable[..., list[str]]) -> list[float]:
        """The summed weights of `make(*key)`, cached under the key."""
        cached = cache.get(key)
        if cached is None:
            if len(cache) > _VECTOR_CACHE_SIZE:
                cache.clear()
            cached = cache[key] = self.scores(make(*key))
        return cached

    def _form_vector(self, doc: Document, i: int) -> list[float]:
        """The summed weights of what token i's form and place say within this article: its own features,
        the contexts of all its mentions and its position features (the same for every mention of the
        form that opens a sentence, and for every one that does not); cached in `doc.form_vectors`."""
        token = doc.tokens[i]
        opens = doc.opens[i]
        vector = self._word_vectors.get(token)
        if vector is None:
            if len(self._word_vectors) > _VECTOR_CACHE_SIZE:
                self._word_vectors.clear()
            vector = self._word_vectors[token] = self.scores(word_features(token))
        # Sorted: the same order of additions (and so the same sums) whatever the hash seed. A lower-case
        # word inside a sentence (the head after a name) has neither contexts nor position features.
        neighbours = doc.neighbours.get(token)
        features = sorted(neighbours) if neighbours else []
        if opens or token[0].isupper():
            features += position_features(doc, i)
        for row in filter(None, map(self.weights.get, features)):
            vector = map(add, vector, row)
        vector = doc.form_vectors[token, opens] = list(vector)
        return vector

    def _state_rows(self, key: tuple[str, str, str, str | None, str | None]) -> tuple[list[float], ...]:
        """The weight rows of `state_features` in their order, under (previous tag, the name's first word and
        the token when the previous tag is a name's, else "", the type of the word's earlier mentions and
        that of the word without its genitive s, or None)."""
        rows = self._state_vectors.get(key)
        if rows is None:
            features = state_features_of(*key)
            if len(self._state_vectors) > _VECTOR_CACHE_SIZE:
                self._state_vectors.clear()
            rows = self._state_vectors[key] = tuple(filter(None, map(self.weights.get, features)))
        return rows

    def tag(self, doc: Document, learn: Callable[[list[str], int, int], None] | None = None) -> list[str]:
        """Greedy tags left to right; a continuation of another type retypes the name it continues.
        `learn(features, token index, guessed tag index)` is called for every candidate when training
        (the weights then change, so nothing is cached).

        Tagging scores `token_features` with each group of features summed once per distinct key (the form
        in the article, the window before, the window after, the previous tag with the token) and adds the
        rows of the features that read the tags so far, all inline: a step is a few look-ups."""
        tokens, lowers, opens, breaks = doc.tokens, doc.lowers, doc.opens, doc.breaks
        form_vectors, windows, vector, state_rows = (
            doc.form_vectors,
            self._window_vectors,
            self._vector,
            self._state_rows,
        )
        count = len(tokens)
        tags = ["O"] * count
        name_start = 0
        seen: dict[str, str] = {}  # lower-cased word -> the type its latest tagged mention got
        candidates = doc.candidates
        next_candidate = 0
        i = candidates[0] if candidates else count
        while i < count:
            previous = "O" if i in breaks else tags[i - 1]
            if learn is None:
                # The groups added in turn, element by element (lazily, in C): the same sums as `scores`
                # adds up column by column. Cached vectors are never empty, so `or` only falls back on a miss.
                token = tokens[i]
                form = form_vectors.get((token, opens[i])) or self._form_vector(doc, i)
                key = (lowers[i - 2] if i > 1 else "<s>", tokens[i - 1] if i else "<s>", token)
                before = windows.get(key) or vector(windows, key, _before_group)
                after = tokens[i + 1] if i + 1 < count else "</s>"
                key = (token, after, lowers[i + 2] if i + 2 < count else "</s>", "")
                following = windows.get(key) or vector(windows, key, _after_group)
                key = (previous, token, after)
                with_tag = windows.get(key) or vector(windows, key, tag_features)
                lower = lowers[i]
                kind = seen.get(lower)
                genitive = seen.get(lower[:-1]) if lower[-1:] == "s" else None
                if previous != "O":
                    total = map(add, map(add, map(add, form, before), following), with_tag)
                    for row in state_rows((previous, lowers[name_start], token, kind, genitive)):
                        total = map(add, total, row)
                    scores = list(total)
                    index = scores.index(max(scores))
                else:
                    # After no name only O or a name's first word can follow: only their scores are summed
                    # (the highest of them is the highest of all but an I-x).
                    total = map(
                        add,
                        map(add, map(add, _OPENINGS(form), _OPENINGS(before)), _OPENINGS(following)),
                        _OPENINGS(with_tag),
                    )
                    if kind is not None or genitive is not None:
                        for row in state_rows(("O", "", "", kind, genitive)):
                            total = map(add, total, _OPENINGS(row))
                    scores = list(total)
                    index = _OPENING_INDICES[scores.index(max(scores))]
            else:
                features = token_features(doc, i, previous, seen, name_start)
                scores = self.scores(features)
                # The highest-scoring tag (the first of equal scores), where I-x may follow only a name (B-y
                # or I-y of any type: a head of another type retypes the whole name, below).
                index = scores.index(max(scores))
                if previous == "O" and TAGS[index][0] == "I":
                    opening = [scores[k] for k in _OPENING_INDICES]
                    index = _OPENING_INDICES[opening.index(max(opening))]
            if learn is not None:
                learn(features, i, index)
            if index:
                tag = tags[i] = TAGS[index]
                if tag[0] == "I" and previous[2:] != tag[2:]:
                    # Norwegian names end in their head ("Bergen tingrett", "Statens vegvesen"): its type
                    # is the name's.
                    for j in range(name_start, i):
                        tags[j] = TAGS[index - 1] if j == name_start else tag
                        seen[lowers[j]] = tag[2:]
                seen[lowers[i]] = tag[2:]
                if tag[0] == "B":
                    name_start = i
                i += 1  # the token after a tagged one may continue the name (not across a break)
                if i not in breaks or i in doc.is_candidate:
                    continue
            while next_candidate < len(candidates) and candidates[next_candidate] <= i:
                next_candidate += 1
            i = candidates[next_candidate] if next_candidate < len(candidates) else count
        return tags


def _before_group(before_before: str, before: str, token: str) -> list[str]:
    return left_features(before.lower()) + before_features(before_before, before, token)


def _after_group(token: str, after: str, after_after: str, _: str) -> list[str]:
    """The word after's and the window after's features (the empty fourth key part keeps the key apart
    from `_before_group`'s in the shared window cache)."""
    return right_features(after) + after_features(token, after, after_after)


def spans_of_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, type) of each B-/I- run."""
    spans = []
    start = kind = None
    last = -2  # the latest tagged token
    # Only the tagged tokens are visited: an untagged one ends the name before it.
    for i in compress(range(len(tags)), map("O".__ne__, tags)):
        tag = tags[i]
        if start is not None and not (i == last + 1 and tag[0] == "I" and tag[2:] == kind):
            spans.append((start, last + 1, kind))
            start = kind = None
        if tag[0] == "B":
            start, kind = i, tag[2:]
        last = i
    if start is not None:
        spans.append((start, last + 1, kind))
    return spans


def tag_names(doc: Document, model: Tagger | None = None) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, type) of the names in the document."""
    return spans_of_tags((model or tagger()).tag(doc))


def entities_of_text(text: str, spans: Iterable[tuple[int, int]] | None = None) -> list[Entity]:
    """Entities in the given (start, end) stretches of `text` (all of it by default)."""
    doc = Document(text, spans if spans is not None else [(0, len(text))])
    found = []
    for first, last, kind in tag_names(doc):
        start, end = doc.start(first), doc.ends[last - 1]
        found.append(Entity(start, end, text[start:end], kind))
    return found


def find_entities(article) -> list[Entity]:
    """Every mention of a person, organisation or place (or other name) in the article's analysed zones
    (headline, lead, body, crossheads), with offsets into `article.text`."""
    return entities_of_text(article.text, [(zone.start, zone.end) for zone in article.analysed_zones])


def entity_type_of(name: str, entities: Sequence[Entity], called_han_or_hun: bool = False) -> str | None:
    """The type the article gives a name: the most frequent type among the mentions that are the name
    (or its genitive), else among the mentions that are its last word ("Stoltenberg", "Stoltenbergs" for
    "Jens Stoltenberg") or end with it; None when the article never tags it. A name the article calls
    han/hun or gives a gendered noun (`analysis.gender.infer_gender` evidence "pronoun") is a person."""
    if called_han_or_hun:
        return "person"
    words = name.split()
    if not words:
        return None
    last = words[-1]
    votes: dict[str, int] = {}
    for entity in entities:
        if entity.text in (name, name + "s"):
            votes[entity.type] = votes.get(entity.type, 0) + 1
    if not votes:
        for entity in entities:
            if entity.text.split()[-1] in (last, last + "s"):
                votes[entity.type] = votes.get(entity.type, 0) + 1
    if not votes:
        return None
    return max(votes, key=lambda kind: (votes[kind], -TYPES.index(kind)))


# ---------------------------------------------------------------- data files


@cache
def tagger() -> Tagger:
    weights: dict[str, list[float]] = {}
    for line in data.lines(MODEL_FILE):
        feature, _, values = line.rpartition("\t")
        row = [0.0] * len(TAGS)
        for item in values.split(" "):
            tag, _, weight = item.partition(":")
            row[int(tag)] = float(weight)
        weights[feature] = row
    return Tagger(weights)


@cache
def _token_pattern() -> re.Pattern:
    """Web addresses whole, without the full stop that ends their sentence ("til Dagbladet.no."); other
    words with inner dots keep their final stop ("Fr.p."), and so do initials and the abbreviation list's
    short forms before a capitalised word ("Knut S. Vikør", "Dr. Donsbach"), but not a short name that
    ends a sentence ("med Åse. I"); words with inner hyphens, dots, apostrophes, ampersands; anything
    else is one character."""
    forms = {line.split("\t")[0] for line in data.lines("abbreviations_nb.txt")}
    titles = {form.capitalize() for form in forms if form.isalpha() and len(form) <= 4}
    titles = sorted(titles | set(_NAME_ABBREVIATIONS), key=len, reverse=True)
    # The two commonest tokens are tried first, where no later alternative could match otherwise: a word
    # that no hyphen, dot, apostrophe or ampersand follows (every other word alternative needs one after
    # its first run of letters) and a mark (every other alternative starts with a letter or digit); a
    # third fewer instructions than the alternatives alone. Possessive quantifiers: a word fails the
    # other alternatives without backtracking. The look-aheads only skip alternatives that cannot match
    # (a web address or dotted word has a dot or hyphen after its first run of letters, a short form is
    # a capital and letters before its stop).
    return re.compile(
        r"\w++(?![-'’.&])|[^\w\s]|(?=\w++[-.])(?:"
        + _WEB_ADDRESS
        + r"|\w++(?:\.\w++)++\.(?!\w))|(?=[A-ZÆØÅ]\w*+\.)(?:[A-ZÆØÅ]|"
        + "|".join(titles)
        + r")\.(?=\s[A-ZÆØÅ])|\w++(?:[-'’.&]\w++)*+"
    )


@cache
def _spaced_token_pattern() -> re.Pattern:
    """A token with the white space before it: every character but white space starts a token, so the
    pieces of a stretch are its tokens one after the other."""
    return re.compile(r"\s*+(?:" + _token_pattern().pattern + ")")


@cache
def _web_address() -> re.Pattern:
    return re.compile(_WEB_ADDRESS)


@cache
def _common_words() -> frozenset[str]:
    """Lower-case lemmas of the reference frequency list that are not proper nouns."""
    words = set()
    for line in data.lines("reference_lemma_freq_nb.tsv"):
        lemma, pos, _ = line.split("\t")
        if pos != "propn" and lemma != "lemma" and lemma.islower():
            words.add(lemma)
    return frozenset(words)


@cache
def _gazetteers() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    """Country and capital names, nationality adjectives, role nouns (all definite forms), institution
    names and institution-name endings, from the project's word lists."""
    places, adjectives = set(), set()
    for line in data.lines("nationalities_nb.tsv"):
        country, forms, *others = line.split("\t")
        places.add(country)
        adjectives.update(forms.split())
        for other in others:
            places.update(name for name in other.split() if "_" not in name)
    roles = set()
    for line in data.lines("role_nouns_nb.txt"):
        if " " not in line:
            roles.update((line, line + "en", line + "et", line + "a", line + "n", line + "e"))
    names, endings = set(), []
    for line in data.lines("speaker_institutions_nb.txt"):
        name = line.split("\t")[0]
        if name.startswith("-"):
            endings.append(name[1:])
        elif " " not in name:
            names.add(name)
    return frozenset(places), frozenset(adjectives), frozenset(roles), frozenset(names), tuple(endings)


@cache
def _speech_verbs() -> frozenset[str]:
    """Every form of the project's speech verbs ("sier", "sa", "mente"): a name's typical neighbours."""
    forms = set()
    for line in data.lines("speech_verbs_nb.txt"):
        forms.update(line.split("\t")[-1].split())
    return frozenset(forms)


@cache
def _first_names() -> frozenset[str]:
    return frozenset(first_name_genders())
