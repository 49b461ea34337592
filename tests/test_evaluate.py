"""`analysis.evaluate` agrees with the shared reference scorer; `workbook evaluate` finds texts and reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.analysis import analyse_article
from analysis.article import load_article
from analysis.cli.evaluate import register, run
from analysis.evaluate import GoldError, evaluate_paths, score_article, speaker_ok, totals

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


def _reference(shared: Path, text_path: Path, gold_path: Path, pred: dict, tmp_path: Path) -> dict:
    pred_path = tmp_path / f"{gold_path.stem}.pred.json"
    pred_path.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score_quotes.py"),
            str(text_path),
            str(gold_path),
            str(pred_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_agrees_with_reference_on_seed_and_dev_set(shared, dev_set, seed_path, tmp_path):
    cases = [(seed_path, shared / "eval" / "gold_seed.json")] + [(d.text_path, d.gold_path) for d in dev_set]
    ours, theirs = [], []
    for text_path, gold_path in cases:
        article = load_article(text_path)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = analyse_article(article).voices_json()
        mine = score_article(article.text, gold, pred)
        reference = _reference(shared, text_path, gold_path, pred, tmp_path)
        assert mine == reference, gold_path.name
        ours.append(mine)
        theirs.append(reference)
    lines = tmp_path / "rows.jsonl"
    lines.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in theirs), encoding="utf-8")
    summed = subprocess.run(
        [sys.executable, str(shared / "eval" / "score_quotes.py"), "--sum", str(lines)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert totals(ours) == json.loads(summed.stdout)


def test_agrees_with_reference_on_perturbed_predictions(shared, seed, tmp_path, seed_path):
    """Wrong speakers, shifted spans, missing offsets and pronouns score the same in both implementations."""
    gold_path = shared / "eval" / "gold_seed.json"
    pred = analyse_article(seed).voices_json()
    pred["quotes"][0]["speaker"] = "han"
    pred["quotes"][1]["start"] += 5
    pred["quotes"][2].pop("start")
    pred["quotes"][3]["speaker"] = None
    pred["quotes"].append(
        {"kind": "direct", "zone": "body", "text": "Møtet startet ved 11-tiden", "speaker": "X"}
    )
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert score_article(seed.text, gold, pred) == _reference(shared, seed_path, gold_path, pred, tmp_path)


def test_speaker_ok_rules():
    speakers = [
        {"name": "Antony Blinken", "mentions": ["Blinken", "han", "den amerikanske utenriksministeren"]}
    ]
    assert speaker_ok("Antony Blinken", "Antony Blinken", speakers)
    assert speaker_ok("den amerikanske utenriksministeren", "Antony Blinken", speakers)
    assert speaker_ok("USAs Blinken", "Antony Blinken", speakers)  # holds the surname
    assert not speaker_ok("han", "Antony Blinken", speakers)  # pronouns never count
    assert speaker_ok(None, "UNKNOWN", speakers) and not speaker_ok("Blinken", "UNKNOWN", speakers)


def test_evaluate_paths_on_fixture_gold_with_file_entry():
    per_article, total = evaluate_paths([FIXTURES / "quotes_interview.json"])
    assert per_article.loc[0, "id"] == "quotes_interview"
    assert total["F1"] == 1.0 and total["speaker_acc"] == 1.0


def test_evaluate_paths_finds_renamed_text_by_offsets(shared):
    # gold_seed.json names a file that is not in seeds/: the text whose offsets fit is used
    per_article, total = evaluate_paths([shared / "eval" / "gold_seed.json"], texts_dir=ROOT / "seeds")
    assert total["F1"] == 1.0 and per_article.loc[0, "text"].endswith("blinken-lavrov-geneve.txt")


def test_dev_set_directory_rebuilds_texts(shared, dev_set):
    per_article, total = evaluate_paths([shared / "eval" / "ndt_dev" / "gold"])
    assert len(per_article) == 10
    assert total["F1"] >= 0.90 and total["speaker_acc"] >= 0.92 and total["mean_max_share_err"] <= 0.05


def test_missing_gold_and_missing_text(tmp_path):
    with pytest.raises(GoldError):
        evaluate_paths([tmp_path / "nope.json"])
    orphan = tmp_path / "orphan.json"
    orphan.write_text(json.dumps({"id": "x", "speakers": [], "quotes": []}), encoding="utf-8")
    with pytest.raises(GoldError, match="cannot find the article text"):
        evaluate_paths([orphan])


def _cli(argv: list[str]):
    import argparse

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    return parser.parse_args(["evaluate", *argv])


def test_cli_prints_table_and_json(capsys):
    assert run(_cli([str(FIXTURES / "quotes_interview.json")])) == 0
    out = capsys.readouterr().out
    assert "quotes_interview" in out and "F1 1.000" in out
    assert run(_cli([str(FIXTURES / "quotes_interview.json"), "--json"])) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total"]["F1"] == 1.0 and result["articles"][0]["tp"] == 7


def test_cli_bad_gold_exits_2(tmp_path, capsys):
    assert run(_cli([str(tmp_path / "missing.json")])) == 2
    assert "not found" in capsys.readouterr().err
