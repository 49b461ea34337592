"""Entities against NorNE's gold on ../shared/eval/ndt_news (268 NDT news articles), mention level, exact spans.

The tagger is trained only on ndt_news, so an honest figure needs articles it never saw: the k-fold run
(default 5 folds of articles, each article held out once, by `tools/train_entities.py`'s own training
code) gives the held-out figures and, for comparison, the figures on the folds' training articles. The
committed model (trained on all 268) is also scored on all of them: a training-set figure, not a test.

Scoring (see `tools/train_entities.score`): person, organisation and place mentions must match the gold
span exactly and have its type (PER -> person, ORG -> organisation, LOC and GPE_LOC -> place, GPE_ORG ->
place or organisation). NorNE's PROD, EVT, DRV and MISC names are set aside: neither required nor
penalised, nor are predictions overlapping them. "strict" instead requires PROD/EVT/MISC as "other" and
counts every prediction. Only the paragraphs are scored (the title line is the manifest's title). "analysed
zones" leaves out the gold names the product never reads (photo credits and other page debris, about 37 of
9,137): the issue's entities are those of the analysed zones; the headline figure keeps them.
Anchor: spaCy nb_core_news_md (trained on NorNE) reports F1 0.81-0.84 on NorNE's test set, sm 0.75.

Run: .venv/bin/python bench/entities_norne.py [--folds K] [--speed]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from train_entities import EPOCHS, cross_validate, load_articles, score  # noqa: E402

from analysis.entities import Document, entities_of_text  # noqa: E402


def committed_model_pairs(articles) -> list:
    pairs = []
    for article in articles:
        found = [(e.start, e.end, e.type) for e in entities_of_text(article.text, article.spans)]
        pairs.append((article.entities, found))
    return pairs


def line(label: str, scores: dict) -> str:
    return (
        f"{label:34} P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}"
        f"  ({scores['gold']} gold, {scores['predicted']} predicted)"
    )


def speed(articles) -> None:
    """Milliseconds per article and words per second of the entity stage (CPU time), against tokenising
    alone in the same process: the ratio is what to compare while others use the machine."""
    text = "\n\n".join(article.text[article.spans[0][0] :] for article in articles)
    spans = [(0, len(text))]
    words = len(text.split())
    entities_of_text(text[:2000], [(0, 2000)])  # load the model and the dictionary
    started = time.process_time()
    for article in articles:
        entities_of_text(article.text, article.spans)
    per_article = (time.process_time() - started) / len(articles)
    started = time.process_time()
    Document(text, spans)
    tokenising = time.process_time() - started
    started = time.process_time()
    entities_of_text(text, spans)
    tagging = time.process_time() - started
    print(
        f"speed: {per_article * 1000:.2f} ms per article; on all {words:,} words as one text tokenising alone "
        f"{words / tokenising:,.0f} words/s, find entities {words / tagging:,.0f} words/s "
        f"({tagging / tokenising:.1f} x tokenising; CPU time, noisy while others work)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Entities against NorNE gold on ndt_news")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--speed", action="store_true", help="also the stage's words per second")
    args = parser.parse_args()
    articles = load_articles()
    print(f"{len(articles)} articles")
    results = cross_validate(articles, args.folds, EPOCHS)
    for name, scores in results.items():
        print(line(f"{args.folds}-fold {name}", scores))
    print(line("committed model on all (trained on)", score(committed_model_pairs(articles))))
    if args.speed:
        speed(articles)


if __name__ == "__main__":
    main()
