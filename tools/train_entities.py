"""Train the entity tagger of `analysis/entities.py` on NorNE's news articles and write its weights.

    .venv/bin/python tools/train_entities.py                 # train on all of ndt_news, write the model
    .venv/bin/python tools/train_entities.py --folds 5       # k-fold figures only (nothing written)

Material: `../shared/eval/ndt_news/*.conll` (268 NDT news articles with NorNE entity tags; the annotations are
CC0). Each article's text is rebuilt with the shared `ndt_text.py` exactly as the product sees it, the gold
entities are aligned to character offsets in that text, and the tagger is trained on its own tokens of the
analysed zones. NorNE types map to PER -> person, ORG -> organisation, LOC/GPE_LOC/GPE_ORG -> place,
PROD/EVT/MISC -> other; DRV (derived words such as "Oslo-mannen") is no entity here.

The texts themselves are never written into the project: only feature weights (words, suffixes and
neighbour words with their weights) go into `analysis/data/entities_model_nb.tsv`.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from analysis.article import article_from_text  # noqa: E402
from analysis.devset import shared_dir  # noqa: E402
from analysis.entities import (  # noqa: E402
    MODEL_FILE,
    TAGS,
    Document,
    Tagger,
    tag_names,
)

NORNE_TYPES = {
    "PER": "person",
    "ORG": "organisation",
    "LOC": "place",
    "GPE_LOC": "place",
    "GPE_ORG": "place",
    "PROD": "other",
    "EVT": "other",
    "MISC": "other",
}


@dataclass
class GoldArticle:
    id: str
    text: str
    spans: list[tuple[int, int]]  # the analysed stretches the tagger reads (body only: see `load_articles`)
    entities: list[tuple[int, int, str]]  # (start, end, NorNE label)


def _ndt_text_module():
    path = shared_dir() / "eval" / "ndt_text.py"
    spec = importlib.util.spec_from_file_location("ndt_text", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold_entities(text: str, sentences, body_start: int) -> list[tuple[int, int, str]] | None:
    """NorNE entities as character spans: each CoNLL token is found in order from the body's start."""
    cursor = body_start
    entities = []
    current = None
    for sentence in sentences:
        for row in sentence:
            token, label = row[1], row[-1].partition("=")[2]
            if token == "|":  # the heading mark: not in the text
                continue
            found = text.find(token, cursor)
            if found < 0 or found - cursor > 40:
                return None
            start, cursor = found, found + len(token)
            if label.startswith("B-"):
                current = [start, cursor, label[2:]]
                entities.append(current)
            elif label.startswith("I-") and current is not None:
                current[1] = cursor
            else:
                current = None
    return [tuple(entity) for entity in entities]


def load_articles() -> list[GoldArticle]:
    """The rebuilt ndt_news texts with gold entity spans. Only the paragraphs are scored: the title line
    is the manifest's title, whose treebank sentence `ndt_text.py` drops when it repeats the title."""
    shared = shared_dir()
    if shared is None:
        raise SystemExit("../shared/eval is needed to train and measure the entity tagger")
    ndt_text = _ndt_text_module()
    news = shared / "eval" / "ndt_news"
    articles = []
    with (news / "manifest.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            path = str(news / f"{row['id']}.conll")
            text = ndt_text.article_text(path, row["title"], row["date"])
            body_start = text.index("\n\n") + 2
            sentences = list(ndt_text.sentences(path))
            paragraphs = ndt_text.paragraphs(path)
            if len(paragraphs) > 0 and not text[body_start:].startswith(paragraphs[0]):
                sentences = sentences[1:]  # the heading sentence became the title line
            entities = _gold_entities(text, sentences, body_start)
            if entities is None:
                print(f"{row['id']}: tokens not aligned, left out", file=sys.stderr)
                continue
            article = article_from_text(text)
            spans = [
                (max(zone.start, body_start), zone.end)
                for zone in article.analysed_zones
                if zone.end > body_start
            ]
            articles.append(GoldArticle(row["id"], text, spans, entities))
    return articles


def product_entities(entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    return [(s, e, NORNE_TYPES[label]) for s, e, label in entities if label in NORNE_TYPES]


def gold_tags(doc: Document, entities: list[tuple[int, int, str]]) -> list[str] | None:
    """BIO tags of the document's tokens; entities whose edges fall inside a token are left untagged."""
    tags = ["O"] * len(doc.tokens)
    index_of_start = {start: i for i, start in enumerate(doc.starts)}
    index_of_end = {end: i for i, end in enumerate(doc.ends)}
    for start, end, kind in product_entities(entities):
        first, last = index_of_start.get(start), index_of_end.get(end)
        if first is None or last is None or last < first:
            continue
        tags[first] = "B-" + kind
        for i in range(first + 1, last + 1):
            tags[i] = "I-" + kind
    return tags


class AveragedPerceptron:
    def __init__(self):
        self.weights: dict[str, list[float]] = {}
        self.totals: dict[str, list[float]] = {}
        self.stamps: dict[str, list[int]] = {}
        self.clock = 0

    def update(self, features: list[str], truth: int, guess: int) -> None:
        self.clock += 1
        if truth == guess:
            return
        for feature in features:
            row = self.weights.setdefault(feature, [0.0] * len(TAGS))
            total = self.totals.setdefault(feature, [0.0] * len(TAGS))
            stamp = self.stamps.setdefault(feature, [0] * len(TAGS))
            for tag, delta in ((truth, 1.0), (guess, -1.0)):
                total[tag] += (self.clock - stamp[tag]) * row[tag]
                stamp[tag] = self.clock
                row[tag] += delta

    def averaged(self, min_weight: float = 0.0) -> dict[str, list[float]]:
        averaged = {}
        for feature, row in self.weights.items():
            total, stamp = self.totals[feature], self.stamps[feature]
            values = [
                round((total[t] + (self.clock - stamp[t]) * row[t]) / self.clock, 3) for t in range(len(TAGS))
            ]
            if max(abs(v) for v in values) > min_weight:
                averaged[feature] = values
        return averaged


def train(articles: list[GoldArticle], epochs: int, seed: int = 1) -> dict[str, list[float]]:
    """The mean of `ENSEMBLE` averaged perceptrons trained on different shuffles of the articles: one set
    of weights (tagging costs the same), less dependent on the order the articles came in."""
    mean: dict[str, list[float]] = {}
    for run in range(ENSEMBLE):
        for feature, row in train_one(articles, epochs, seed + run).items():
            total = mean.setdefault(feature, [0.0] * len(TAGS))
            for tag, value in enumerate(row):
                total[tag] += value / ENSEMBLE
    return {feature: [round(value, 3) for value in row] for feature, row in mean.items()}


def train_one(articles: list[GoldArticle], epochs: int, seed: int) -> dict[str, list[float]]:
    model = AveragedPerceptron()
    tagger = Tagger(model.weights)
    prepared = []
    for article in articles:
        doc = Document(article.text, article.spans)
        prepared.append((doc, [TAGS.index(tag) for tag in gold_tags(doc, article.entities)]))
    order = list(range(len(prepared)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            doc, truth = prepared[index]
            tagger.tag(doc, lambda features, i, guess, truth=truth: model.update(features, truth[i], guess))
    return model.averaged(min_weight=MIN_WEIGHT)


def predict(weights: dict[str, list[float]], article: GoldArticle) -> list[tuple[int, int, str]]:
    doc = Document(article.text, article.spans)
    return [(doc.starts[a], doc.end(b - 1), kind) for a, b, kind in tag_names(doc, Tagger(weights))]


EPOCHS = 8  # held-out F1 was flat from 5 to 10 epochs (5 and 15 lower with the ensemble)
ENSEMBLE = 3  # single runs differ by ±0.002 F1 with the shuffle; the mean of three gained 0.003
MIN_WEIGHT = 0.001  # pruning at 1.0 halved the model but cost a point of held-out F1

SCORED = ("PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG")


def score(pairs, set_aside_other: bool = True) -> dict[str, float]:
    """Mention-level exact-span scores on person/organisation/place; gold GPE_ORG is right as place or as
    organisation. With `set_aside_other`, NorNE's other names (PROD, EVT, DRV, MISC) are neither required nor
    penalised: a prediction overlapping one, or typed "other", is not counted. Without it ("strict"), gold
    PROD/EVT/MISC must be found as "other" and every other prediction counts."""
    true_positive = predicted = expected = 0
    for gold, found in pairs:
        accepted, aside = {}, []
        for start, end, label in gold:
            if label in SCORED:
                kinds = {"place", "organisation"} if label == "GPE_ORG" else {NORNE_TYPES[label]}
                accepted[(start, end)] = kinds
            elif set_aside_other:
                aside.append((start, end))
            elif label in NORNE_TYPES:
                accepted[(start, end)] = {"other"}
        expected += len(accepted)
        for start, end, kind in found:
            if set_aside_other and (kind == "other" or any(s < end and start < e for s, e in aside)):
                continue
            predicted += 1
            if kind in accepted.get((start, end), ()):
                true_positive += 1
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": expected, "predicted": predicted}


def folds(articles: list[GoldArticle], k: int) -> list[tuple[list[GoldArticle], list[GoldArticle]]]:
    """k folds by article position (every k-th article), so each article is held out exactly once."""
    return [
        (
            [a for i, a in enumerate(articles) if i % k != fold],
            [a for i, a in enumerate(articles) if i % k == fold],
        )
        for fold in range(k)
    ]


def cross_validate(articles: list[GoldArticle], k: int, epochs: int) -> dict[str, dict]:
    """Scores on the articles each fold trained on and on those it held out (every article once)."""
    held_out, seen, in_zones = [], [], []
    for training, testing in folds(articles, k):
        weights = train(training, epochs)
        for article in testing:
            found = predict(weights, article)
            held_out.append((article.entities, found))
            in_zones.append((analysed_entities(article), found))
        seen += [(a.entities, predict(weights, a)) for a in training]
    return {
        "train": score(seen),
        "held-out": score(held_out),
        "held-out, strict": score(held_out, set_aside_other=False),
        "held-out, analysed zones": score(in_zones),
    }


def analysed_entities(article: GoldArticle) -> list[tuple[int, int, str]]:
    """The gold entities inside the zones the product analyses: photo credits ("Foto: Scanpix") and other
    page debris are boilerplate by design, so their names can never be found."""
    return [
        entity
        for entity in article.entities
        if any(start <= entity[0] and entity[1] <= end for start, end in article.spans)
    ]


def write_model(weights: dict[str, list[float]], path: Path, header: list[str]) -> None:
    lines = ["# " + line for line in header]
    for feature in sorted(weights):
        row = weights[feature]
        values = " ".join(f"{tag}:{value:g}" for tag, value in enumerate(row) if value)
        if values:
            lines.append(f"{feature}\t{values}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=0, help="k-fold figures only; no model is written")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    args = parser.parse_args()
    began = time.time()
    articles = load_articles()
    if args.folds:
        results = cross_validate(articles, args.folds, args.epochs)
        print(f"{len(articles)} articles, {args.folds} folds, {args.epochs} epochs")
        for name, scores in results.items():
            print(f"{name:24} P {scores['precision']:.3f} R {scores['recall']:.3f} F1 {scores['f1']:.3f}")
        print(f"{time.time() - began:.0f} s")
        return
    weights = train(articles, args.epochs)
    header = [
        "Entity tagger weights for analysis/entities.py (averaged perceptron, BIO tags; one line per feature:",
        "feature<TAB>tag index:weight ...; tag indices follow analysis.entities.TAGS).",
        "Trained by tools/train_entities.py on the 268 news articles of the Norwegian Dependency Treebank with",
        "NorNE entity annotations (ltgoslo/norne; annotations CC0, released by the National Library of Norway",
        "and the University of Oslo). The weights hold words and short word contexts, not the texts.",
        f"Licence: CC0 1.0. Trained with --epochs {args.epochs} on {len(articles)} articles.",
        "Held-out figures (5 folds of articles, each trained without its held-out fifth):",
        "`.venv/bin/python bench/entities_norne.py`.",
    ]
    write_model(weights, PROJECT_ROOT / "analysis" / "data" / MODEL_FILE, header)
    print(f"{len(weights)} features written in {time.time() - began:.0f} s")


if __name__ == "__main__":
    main()
