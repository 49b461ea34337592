"""Score quote predictions against gold annotations, exactly as the shared reference scorer does.

The rule (docs/evaluation.md): a predicted quote matches a gold quote when it covers at least 80 % of the gold
span; each gold quote matches at most one prediction. Precision, recall and F1 count direct + indirect
quotes (fragments are neither required nor penalised); speaker accuracy is the share of matched quotes whose
predicted speaker resolves to the gold speaker; the share error is the largest difference between a gold and a
predicted speaker's share of body direct-quote words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

MATCH_OVERLAP = 0.8
PRONOUNS = frozenset(
    {"han", "hun", "de", "den", "det", "vi", "jeg", "ham", "henne", "dem", "seg", "he", "she", "they"}
)
_WORDS = re.compile(r"\w+(?:[-']\w+)*")


def normalise(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"[^\wæøå]+", " ", text).strip()


def span_of(text: str, quote: dict) -> tuple[int, int] | None:
    """A predicted quote's span: its start/end when they point at its text, else where its text occurs."""
    quoted = quote.get("text") or ""
    start, end = quote.get("start"), quote.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        if not quoted or normalise(text[start:end]) == normalise(quoted):
            return start, end
    if quoted:
        found = text.find(quoted, start if isinstance(start, int) and 0 <= start < len(text) else 0)
        if found < 0:
            found = text.find(quoted)
        if found >= 0:
            return found, found + len(quoted)
    if isinstance(start, int) and isinstance(end, int):
        return start, end
    return None


def speaker_ok(predicted: str | None, gold_name: str, speakers: list[dict]) -> bool:
    """Does a predicted speaker name the gold speaker (canonical name, a non-pronoun mention, or surname)?"""
    pred = normalise(predicted)
    if gold_name == "UNKNOWN":
        return pred in ("", "unknown", "ukjent")
    if not pred:
        return False
    names = {gold_name}
    for speaker in speakers:
        if speaker["name"] == gold_name:
            names |= set(speaker.get("mentions", []))
    candidates = {normalise(n) for n in names if len(normalise(n)) > 2 and normalise(n) not in PRONOUNS}
    if pred in candidates:
        return True
    gold_parts = normalise(gold_name).split()
    return bool(gold_parts) and gold_parts[-1] in pred.split() and len(gold_parts[-1]) > 2


def count_words(text: str) -> int:
    return len(_WORDS.findall(text))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_article(text: str, gold: dict, pred: dict) -> dict:
    """Counts for one article: gold, pred, tp, fp, speaker_ok, kind_ok, share_err, missed, extra."""
    gold_quotes = [q for q in gold["quotes"] if q["kind"] in ("direct", "indirect")]
    fragments = [q for q in gold["quotes"] if q["kind"] == "fragment"]
    predicted = [q for q in pred.get("quotes", []) if q.get("kind") in ("direct", "indirect", None)]
    gold_spans = []
    for q in gold_quotes:
        start = (
            q["start"] if text[q.get("start", -1) : q.get("end", -1)] == q["text"] else text.find(q["text"])
        )
        gold_spans.append((start, start + len(q["text"])))
    fragment_spans = []
    for q in fragments:
        start = text.find(q["text"])
        fragment_spans.append((start, start + len(q["text"])))
    pred_spans = [span_of(text, q) for q in predicted]

    used: set[int] = set()
    tp = speakers_right = kinds_right = 0
    missed = []
    for gi, gspan in enumerate(gold_spans):
        best, best_j = 0.0, None
        for pj, pspan in enumerate(pred_spans):
            if pj in used or pspan is None:
                continue
            ratio = _overlap(gspan, pspan) / max(1, gspan[1] - gspan[0])
            if ratio > best:
                best, best_j = ratio, pj
        if best >= MATCH_OVERLAP:
            used.add(best_j)
            tp += 1
            if speaker_ok(predicted[best_j].get("speaker"), gold_quotes[gi]["speaker"], gold["speakers"]):
                speakers_right += 1
            if predicted[best_j].get("kind") == gold_quotes[gi]["kind"]:
                kinds_right += 1
        else:
            missed.append(gold_quotes[gi]["text"][:60])
    fp = 0
    extra = []
    for pj, pspan in enumerate(pred_spans):
        if pj in used:
            continue
        if pspan and any(_overlap(f, pspan) > 0 for f in fragment_spans):
            continue  # a prediction on a fragment is neither right nor wrong
        fp += 1
        extra.append((predicted[pj].get("text") or "")[:60])

    gold_shares = _shares(gold_quotes, lambda q: q["speaker"])
    raw_shares = _shares(predicted, lambda q: q.get("speaker") or "")
    pred_shares: dict[str, float] = {}
    for name, value in raw_shares.items():
        target = next((g for g in gold_shares if speaker_ok(name, g, gold["speakers"])), "~" + name)
        pred_shares[target] = pred_shares.get(target, 0) + value
    keys = set(gold_shares) | set(pred_shares)
    share_err = max((abs(gold_shares.get(k, 0) - pred_shares.get(k, 0)) for k in keys), default=0.0)
    return {
        "id": gold["id"],
        "gold": len(gold_quotes),
        "pred": len(predicted),
        "tp": tp,
        "fp": fp,
        "speaker_ok": speakers_right,
        "kind_ok": kinds_right,
        "share_err": round(share_err, 3),
        "missed": missed,
        "extra": extra,
    }


def _shares(quotes: list[dict], key) -> dict[str, float]:
    counts: dict[str, int] = {}
    for q in quotes:
        if q.get("kind") == "direct" and q.get("zone", "body") == "body":
            counts[key(q)] = counts.get(key(q), 0) + count_words(q.get("text") or "")
    total = sum(counts.values()) or 1
    return {k: v / total for k, v in counts.items()}


def totals(rows: Iterable[dict]) -> dict:
    """Precision, recall, F1, speaker accuracy and mean max share error over per-article counts."""
    rows = list(rows)
    gold = sum(r["gold"] for r in rows)
    tp = sum(r["tp"] for r in rows)
    fp = sum(r["fp"] for r in rows)
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, gold)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    speaker_acc = sum(r["speaker_ok"] for r in rows) / max(1, tp)
    share_err = sum(r["share_err"] for r in rows) / max(1, len(rows))
    return {
        "articles": len(rows),
        "gold": gold,
        "P": round(precision, 3),
        "R": round(recall, 3),
        "F1": round(f1, 3),
        "speaker_acc": round(speaker_acc, 3),
        "mean_max_share_err": round(share_err, 3),
    }


# ---------------------------------------------------------------- gold files and their texts


class GoldError(Exception):
    """A gold file that cannot be scored: the message names the file and the problem."""


@dataclass(frozen=True)
class GoldCase:
    gold_path: Path
    text_path: Path


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """Gold JSON files given directly or found (non-recursively, sorted) in the given directories."""
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out.extend(sorted(p for p in path.glob("*.json")))
        elif path.exists():
            out.append(path)
        else:
            raise GoldError(f"{path}: not found")
    return out


def find_text(gold_path: Path, gold: dict, texts_dir: Path | None = None) -> Path:
    """The article text a gold file annotates: its "file" (beside it or in `texts_dir`), a text named like it,
    or for the shared NDT dev set the rebuilt text."""
    candidates: list[Path] = []
    if gold.get("file"):
        if texts_dir:
            candidates.append(texts_dir / gold["file"])
        candidates.append(gold_path.parent / gold["file"])
    for folder in filter(None, [texts_dir, gold_path.parent, gold_path.parent.parent]):
        candidates.append(folder / f"{gold_path.stem}.txt")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    # a renamed text: the one whose characters at the gold offsets are the gold quotes
    for folder in filter(None, [texts_dir, gold_path.parent]):
        for candidate in sorted(folder.glob("*.txt")):
            if _offsets_fit(candidate, gold):
                return candidate
    if gold_path.parent.name == "gold" and gold_path.parent.parent.name == "ndt_dev":
        from .devset import rebuild_dev_set

        for dev in rebuild_dev_set():
            if dev.id == gold_path.stem:
                return dev.text_path
    raise GoldError(f'{gold_path}: cannot find the article text (give --texts DIR or a "file" entry)')


def _offsets_fit(path: Path, gold: dict) -> bool:
    from .article import ArticleError, load_article

    quotes = [q for q in gold.get("quotes", []) if isinstance(q.get("start"), int)]
    if not quotes:
        return False
    try:
        text = load_article(path).text
    except ArticleError:
        return False
    return all(text[q["start"] : q["end"]] == q["text"] for q in quotes)


GOLD_KINDS = ("direct", "indirect", "fragment")


def check_gold(gold_path: Path, gold: object) -> None:
    """Raise `GoldError` naming the file and the first entry the scorer could not use (docs/evaluation.md)."""
    if not isinstance(gold, dict) or not isinstance(gold.get("quotes"), list):
        raise GoldError(f'{gold_path}: a gold file needs "quotes" and "speakers" lists')
    if not isinstance(gold.get("speakers"), list):
        raise GoldError(f'{gold_path}: a gold file needs "quotes" and "speakers" lists')
    for number, quote in enumerate(gold["quotes"], start=1):
        if not isinstance(quote, dict):
            raise GoldError(f"{gold_path}: quote {number} is not an object")
        if quote.get("kind") not in GOLD_KINDS:
            found = f"has kind {quote['kind']!r}" if "kind" in quote else 'has no "kind"'
            raise GoldError(f"{gold_path}: quote {number} {found} (one of {', '.join(GOLD_KINDS)})")
        if not isinstance(quote.get("text"), str) or not quote["text"]:
            raise GoldError(f'{gold_path}: quote {number} has no "text"')
        if quote["kind"] != "fragment" and not isinstance(quote.get("speaker"), str):
            raise GoldError(f'{gold_path}: quote {number} has no "speaker" (a name, or UNKNOWN)')
        for key in ("start", "end"):
            if key in quote and not isinstance(quote[key], int):
                raise GoldError(f'{gold_path}: quote {number} has a "{key}" that is not a whole number')
    for number, speaker in enumerate(gold["speakers"], start=1):
        if not isinstance(speaker, dict) or not isinstance(speaker.get("name"), str):
            raise GoldError(f'{gold_path}: speaker {number} has no "name"')


def evaluate_file(gold_path: Path, texts_dir: Path | None = None) -> dict:
    """Analyse the article a gold file annotates and score the predictions against it."""
    from .analysis import analyse_article
    from .article import load_article

    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise GoldError(f"{gold_path}: not a readable JSON gold file ({error})") from None
    check_gold(gold_path, gold)
    gold.setdefault("id", gold_path.stem)
    text_path = find_text(gold_path, gold, texts_dir)
    article = load_article(text_path)
    row = score_article(article.text, gold, analyse_article(article).voices_json())
    row["text"] = str(text_path)
    return row


def evaluate_paths(
    paths: Iterable[str | Path], texts_dir: str | Path | None = None
) -> tuple[pd.DataFrame, dict]:
    """Score every gold file under `paths`: (one row per article, totals as in the reference scorer)."""
    texts = Path(texts_dir) if texts_dir else None
    rows = [evaluate_file(path, texts) for path in gold_files(paths)]
    per_article = pd.DataFrame(rows)
    if not per_article.empty:
        per_article["P"] = per_article["tp"] / (per_article["tp"] + per_article["fp"]).clip(lower=1)
        per_article["R"] = per_article["tp"] / per_article["gold"].clip(lower=1)
        per_article["speaker_acc"] = per_article["speaker_ok"] / per_article["tp"].clip(lower=1)
    return per_article, totals(rows)
