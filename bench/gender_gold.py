"""Gender of quoted people against the gold of ../shared/eval/ndt_dev and ndt_dev2 (26 articles).

For every gold speaker with a known gender (female/male), `analysis.gender.infer_gender` gets the article
text, the speaker's canonical name and mention spans built as the quotes stage would give them: every
occurrence of the name and of its listed non-pronoun mentions, plus the han/hun that attributes one of the
speaker's gold quotes (", sier hun" right after it, "Hun sier at" right before it). Figures:
- right: share of those people whose predicted gender is the gold one;
- known: share given a gender at all (not "unknown");
- women's share: per article, |predicted share of women - gold share| over the people with a known gold
  gender, averaged over the articles that quote any.
With --predicted, the same figures for the speakers `workbook analyze --json` finds (matched to gold by
name or surname): their own "gender" field when analyze gives one, else `infer_gender` on their mention
spans. Gold people analyze does not find are not counted there (the count says how many were).

Run: .venv/bin/python bench/gender_gold.py [--predicted] [--verbose]
The texts are rebuilt under .cache/gender_gold/ (git-ignored), never committed.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.article import article_from_text  # noqa: E402
from analysis.devset import shared_dir  # noqa: E402
from analysis.entities import find_entities  # noqa: E402
from analysis.gender import FEMALE, MALE, infer_gender, name_mentions  # noqa: E402
from analysis.records import Span  # noqa: E402

GOLD_SETS = ("ndt_dev", "ndt_dev2")
# ", sier hun." / "kommenterte han" right after a quote: the attribution verb, then the pronoun.
_PRONOUN_AFTER = re.compile(r"[,.!?»”\"]*\s*(?:\w+\s+){1,2}?(han|hun)\b")
_PRONOUN_BEFORE = re.compile(
    r"\b([Hh]an|[Hh]un)\s+(?:sier|sa|mener|forteller|fortalte|skriver)\s+(?:at\s+)?$"
)


@dataclass
class GoldArticle:
    id: str
    text: str
    path: Path
    speakers: list[dict]
    quotes: list[dict]


def load_gold() -> list[GoldArticle]:
    shared = shared_dir()
    if shared is None:
        raise SystemExit("../shared/eval is needed for the gender benchmark")
    path = shared / "eval" / "ndt_text.py"
    spec = importlib.util.spec_from_file_location("ndt_text", path)
    ndt_text = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ndt_text)
    cache = ROOT / ".cache" / "gender_gold"
    cache.mkdir(parents=True, exist_ok=True)
    articles = []
    for folder in GOLD_SETS:
        base = shared / "eval" / folder
        with (base / "manifest.tsv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                text = ndt_text.article_text(str(base / f"{row['id']}.conll"), row["title"], row["date"])
                text_path = cache / f"{row['id']}.txt"
                if not text_path.exists() or text_path.read_text(encoding="utf-8") != text:
                    text_path.write_text(text, encoding="utf-8")
                gold = json.loads((base / "gold" / f"{row['id']}.json").read_text(encoding="utf-8"))
                articles.append(GoldArticle(row["id"], text, text_path, gold["speakers"], gold["quotes"]))
    return articles


def gold_mention_spans(article: GoldArticle, speaker: dict) -> list[Span]:
    """The speaker's name forms found in the text, and the pronouns attributing their gold quotes."""
    forms = [speaker["name"]] + [m for m in speaker["mentions"] if m.lower() not in ("han", "hun")]
    spans = name_mentions(article.text, forms)
    text = article.text
    for quote in article.quotes:
        if quote["speaker"] != speaker["name"]:
            continue
        after = _PRONOUN_AFTER.match(text, quote["end"], quote["end"] + 40)
        if after:
            spans.append(Span(after.start(1), after.end(1), after.group(1)))
        before = _PRONOUN_BEFORE.search(text, max(0, quote["start"] - 40), quote["start"])
        if before:
            spans.append(Span(before.start(1), before.end(1), before.group(1)))
    return sorted(set(spans), key=lambda span: span.start)


def figures(rows: list[tuple[str, str, str, str]]) -> dict[str, float]:
    """rows: (article id, name, gold gender, predicted gender) for people with a known gold gender."""
    people = len(rows)
    right = sum(gold == predicted for _, _, gold, predicted in rows)
    known = sum(predicted in (FEMALE, MALE) for *_, predicted in rows)
    differences = []
    for article_id in sorted({row[0] for row in rows}):
        of_article = [row for row in rows if row[0] == article_id]
        gold_share = sum(row[2] == FEMALE for row in of_article) / len(of_article)
        known_predicted = [row for row in of_article if row[3] in (FEMALE, MALE)]
        predicted_share = (
            sum(row[3] == FEMALE for row in known_predicted) / len(known_predicted)
            if known_predicted
            else 0.0
        )
        differences.append(abs(predicted_share - gold_share))
    return {
        "people": people,
        "right": right / people if people else 0.0,
        "known": known / people if people else 0.0,
        "share_error": sum(differences) / len(differences) if differences else 0.0,
        "articles": len(differences),
    }


def gold_rows(articles: list[GoldArticle], verbose: bool = False) -> list[tuple[str, str, str, str]]:
    rows = []
    for article in articles:
        entities = find_entities(article_from_text(article.text))
        for speaker in article.speakers:
            if speaker["gender"] not in (FEMALE, MALE):
                continue
            spans = gold_mention_spans(article, speaker)
            gender, evidence = infer_gender(article.text, speaker["name"], spans, entities)
            rows.append((article.id, speaker["name"], speaker["gender"], gender))
            if verbose and gender != speaker["gender"]:
                print(
                    f"  {article.id} {speaker['name']}: gold {speaker['gender']} ({speaker['gender_evidence']}),"
                    f" predicted {gender} ({evidence})"
                )
    return rows


def _matches(gold: dict, name: str) -> bool:
    forms = {gold["name"], *gold["mentions"]}
    return name in forms or name.split()[-1:] == gold["name"].split()[-1:]


def predicted_rows(articles: list[GoldArticle], verbose: bool = False) -> list[tuple[str, str, str, str]]:
    """Gold people with a known gender matched to the speakers `workbook analyze --json` finds."""
    workbook = ROOT / ".venv" / "bin" / "workbook"
    rows = []
    for article in articles:
        result = subprocess.run(
            [str(workbook), "analyze", str(article.path), "--json"], capture_output=True, text=True
        )
        if result.returncode:
            print(f"  {article.id}: analyze failed ({result.stderr.strip()[-160:]}), left out")
            continue
        speakers = json.loads(result.stdout).get("speakers", [])
        entities = find_entities(article_from_text(article.text))
        for gold in article.speakers:
            if gold["gender"] not in (FEMALE, MALE):
                continue
            found = next((s for s in speakers if _matches(gold, s["name"])), None)
            if found is None:
                continue
            if found.get("gender") in (FEMALE, MALE, "unknown"):  # the product's own figure
                gender, evidence = found["gender"], found.get("gender_evidence")
            else:
                spans = [Span(m["start"], m["end"], m["text"]) for m in found.get("mention_spans", [])]
                gender, evidence = infer_gender(article.text, found["name"], spans, entities)
            rows.append((article.id, gold["name"], gold["gender"], gender))
            if verbose and gender != gold["gender"]:
                print(
                    f"  {article.id} {found['name']}: gold {gold['gender']}, predicted {gender} ({evidence})"
                )
    return rows


def report(label: str, values: dict[str, float]) -> None:
    print(
        f"{label}: {values['people']} people with a known gold gender in {values['articles']} articles; "
        f"right {values['right']:.3f}, known {values['known']:.3f}, "
        f"women's share off by {values['share_error']:.3f} on average"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Gender of quoted people against the dev gold")
    parser.add_argument("--predicted", action="store_true", help="also with the speakers analyze finds")
    parser.add_argument("--verbose", action="store_true", help="list the people it gets wrong")
    args = parser.parse_args()
    articles = load_gold()
    report("gold speakers", figures(gold_rows(articles, args.verbose)))
    if args.predicted:
        report("predicted speakers", figures(predicted_rows(articles, args.verbose)))


if __name__ == "__main__":
    main()
