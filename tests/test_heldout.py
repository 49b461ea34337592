"""Held-out check of the quote and speaker extractor (docs/heldout.md).

Eight made-up Bokmål articles in tests/fixtures/heldout/, written and annotated by hand before the extractor's
rules were read. The gold files must stay well-formed (every quote's text at its offsets), and the extractor's
totals on them must not fall below floors set a little under the figures measured when the set was made
(P 0.970, R 0.951, F1 0.961, speaker accuracy 0.806, mean max share error 0.153).

The rules were then generalised against this set's error diagnosis (to P/R/F1 1.0, speaker accuracy 1.0,
share error 0.013), so it is a development set now; tests/fixtures/heldout2/ is the second set, written by
another annotator and never opened by the engineers who tuned the rules: its floors guard regressions on
articles the rules were not shaped on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.article import load_article
from analysis.devset import rebuild_set
from analysis.evaluate import evaluate_paths, totals

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"
GOLD_FILES = sorted(HELDOUT.glob("*.json"))

# Measured totals rounded down by about 0.05 (share error: rounded up); see docs/heldout.md.
FLOORS = {"P": 0.95, "R": 0.95, "F1": 0.95, "speaker_acc": 0.95}
SHARE_ERROR_CEILING = 0.05
HELDOUT2 = HELDOUT.parent / "heldout2"
# heldout2 first measured P 0.975, R 0.983, F1 0.979, speaker accuracy 0.907, share error 0.173 (RESULTS.md
# there); after four more general conventions P 1.000, R 0.992, F1 0.996, speaker accuracy 0.924, 0.103
FLOORS2 = {"P": 0.95, "R": 0.95, "F1": 0.95, "speaker_acc": 0.88}
SHARE_ERROR_CEILING2 = 0.15


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_heldout_set_is_complete():
    assert len(GOLD_FILES) == 8
    for path in GOLD_FILES:
        gold = _gold(path)
        assert gold["id"] == path.stem
        assert (HELDOUT / gold["file"]).is_file()
        words = len((HELDOUT / gold["file"]).read_text(encoding="utf-8").split())
        assert 250 <= words <= 520, (path.name, words)


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_gold_quotes_sit_at_their_offsets(path):
    gold = _gold(path)
    raw = (HELDOUT / gold["file"]).read_bytes().decode("utf-8").replace("\r\n", "\n")
    read = load_article(HELDOUT / gold["file"]).text
    names = {s["name"] for s in gold["speakers"]} | {"UNKNOWN"}
    assert gold["quotes"]
    for q in gold["quotes"]:
        assert q["kind"] in {"direct", "indirect", "fragment"}, q
        assert q["zone"] in {"headline", "body"}, q
        assert q["speaker"] in names, q
        assert q["cue"], q
        assert 0 <= q["start"] < q["end"], q
        assert raw[q["start"] : q["end"]] == q["text"], q
        assert read[q["start"] : q["end"]] == q["text"], q
        # spans hold no surrounding quote marks, dashes, spaces or trailing punctuation
        assert q["text"] == q["text"].strip(), q
        assert q["text"][0] not in '-–—−«»”"', q
        assert q["text"][-1] not in '.,:;!?-–”"', q
    for s in gold["speakers"]:
        assert s["kind"] in {"person", "organisation", "unnamed", "journalist"}, s
        assert isinstance(s["mentions"], list), s


def test_heldout_totals_stay_above_floors():
    _, total = evaluate_paths([HELDOUT])
    assert total["articles"] == 8
    assert total["gold"] == 103
    for key, floor in FLOORS.items():
        assert total[key] >= floor, (key, total)
    assert total["mean_max_share_err"] <= SHARE_ERROR_CEILING, total


def test_second_heldout_set_stays_above_floors():
    _, total = evaluate_paths([HELDOUT2])
    assert total["articles"] == 8
    assert total["gold"] == 120
    for key, floor in FLOORS2.items():
        assert total[key] >= floor, (key, total)
    assert total["mean_max_share_err"] <= SHARE_ERROR_CEILING2, total


@pytest.mark.parametrize("path", sorted(HELDOUT2.glob("*.json")), ids=lambda p: p.stem)
def test_second_set_gold_quotes_sit_at_their_offsets(path):
    gold = _gold(path)
    text = (HELDOUT2 / gold["file"]).read_text(encoding="utf-8")
    for quote in gold["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"], quote


# ndt_dev2 (../shared/eval): sixteen real articles annotated independently of this code. First sight:
# dev_01–08 P 0.976 R 0.911 F1 0.943 speaker accuracy 0.902 share error 0.125; dev_09–16 P 0.924 R 0.903
# F1 0.913, 0.926, 0.096. The rules were then tuned on dev_01–08 only (now P 1.000 R 1.000 F1 1.000,
# 0.967, 0.013); dev_09–16 stayed the untouched validation half (P 0.924 R 0.910 F1 0.917, 0.918, 0.075).
DEV2_HALVES = {
    "tune": (range(1, 9), {"F1": 0.96, "speaker_acc": 0.95}, 0.03),
    "validation": (range(9, 17), {"F1": 0.89, "speaker_acc": 0.89}, 0.10),
}


@pytest.mark.parametrize("half", DEV2_HALVES)
def test_ndt_dev2_halves_stay_above_floors(shared, half):
    eval_dir = shared / "eval"
    numbers, floors, share_ceiling = DEV2_HALVES[half]
    texts = rebuild_set("ndt_dev2")[0][1].parent  # the rebuilt texts' folder
    gold = [eval_dir / "ndt_dev2" / "gold" / f"dev_{n:02d}.json" for n in numbers]
    _, total = evaluate_paths(gold, texts_dir=texts)
    assert total["articles"] == 8
    for key, floor in floors.items():
        assert total[key] >= floor, (key, total)
    assert total["mean_max_share_err"] <= share_ceiling, total


def test_both_dev_sets_meet_the_attribution_targets(shared):
    """The 26 articles of ndt_dev and ndt_dev2 together, as the attribution issue measures them: F1 ≥ 0.95,
    speaker accuracy ≥ 0.95, mean max share error ≤ 0.03 (measured 0.965, 0.962, 0.028)."""
    rows = []
    for name in ("ndt_dev", "ndt_dev2"):
        texts = rebuild_set(name)[0][1].parent
        per_article, _ = evaluate_paths([shared / "eval" / name / "gold"], texts_dir=texts)
        rows += per_article.to_dict("records")
    total = totals(rows)
    assert total["articles"] == 26
    assert total["F1"] >= 0.95 and total["speaker_acc"] >= 0.95, total
    assert total["mean_max_share_err"] <= 0.03, total
