"""Three-way macro-F1 of `workbook sentiment` on NoReC_sentence (../shared/eval/norec_sentence).

    .venv/bin/python bench/sentiment_norec.py            # dev split, the reported figure
    .venv/bin/python bench/sentiment_norec.py --split train --scan   # threshold scan: on train only

Scores each sentence with `analysis.sentiment.score_sentence`, exactly what `workbook sentiment` prints per
line. Skips with a message (exit 0) when the shared evaluation data is not beside the project.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.devset import shared_dir  # noqa: E402
from analysis.sentiment import LABELS, label_for, score_sentence  # noqa: E402

NOREC_LABELS = {0: "negative", 1: "neutral", 2: "positive"}


def macro_f1(gold: list[str], predicted: list[str]) -> tuple[float, dict[str, float]]:
    """Macro-averaged F1 over the three labels (computed here: scikit-learn is not a dependency)."""
    per_label = {}
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label != g)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label != p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        per_label[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return sum(per_label.values()) / len(per_label), per_label


def load_split(split: str) -> pd.DataFrame | None:
    shared = shared_dir()
    path = shared / "eval" / "norec_sentence" / f"{split}.csv.gz" if shared else None
    if path is None or not path.exists():
        return None
    return pd.read_csv(path)


def evaluate(split: str = "dev") -> tuple[float, dict[str, float]] | None:
    frame = load_split(split)
    if frame is None:
        return None
    gold = [NOREC_LABELS[int(s)] for s in frame["sentiment"]]
    predicted = [score_sentence(str(text))["label"] for text in frame["review"]]
    return macro_f1(gold, predicted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--scan", action="store_true", help="scan label thresholds (use with --split train)")
    args = parser.parse_args(argv)
    frame = load_split(args.split)
    if frame is None:
        print(f"skipped: NoReC_sentence {args.split} split not found under ../shared/eval/norec_sentence")
        return 0
    began = time.perf_counter()
    gold = [NOREC_LABELS[int(s)] for s in frame["sentiment"]]
    scores = [score_sentence(str(text))["score"] for text in frame["review"]]
    seconds = time.perf_counter() - began
    predicted = [label_for(s) for s in scores]
    f1, per_label = macro_f1(gold, predicted)
    details = ", ".join(f"{k} {v:.3f}" for k, v in per_label.items())
    print(
        f"NoReC_sentence {args.split}: {len(gold)} sentences, macro-F1 {f1:.4f} ({details}); {seconds:.1f} s"
    )
    if args.scan:
        if args.split != "train":
            print("threshold scans are for the train split only")
            return 2
        for threshold in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
            f1, _ = macro_f1(gold, [label_for(s, threshold) for s in scores])
            print(f"  threshold {threshold:.2f}: macro-F1 {f1:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
