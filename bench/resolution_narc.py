"""How often the speaker resolver picks the right person, measured against NARC's gold coreference.

For every quote whose speaker the extractor names through words of the article (`speaker_mention`: "hun",
"statsråden", "Hansen"), the gold mention at those words gives a gold chain (NARC cluster); the attribution
is right when the chosen speaker is in that chain: one of the speaker's name mentions in the article
(`DiscourseModel.mention_spans`) is a mention of the chain, or a mention of the chain holds the speaker's
last name. Attributions are grouped by the words that named the speaker: a pronoun, a description (no
capitalised name in it) or a name. Attributions whose words NARC did not annotate are counted apart.

The texts are rebuilt locally from ../shared/eval/ndt_news (never committed) by analysis.corpus.samples.
Run: .venv/bin/python bench/resolution_narc.py [--json] [-v]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.article import load_article  # noqa: E402
from analysis.corpus.samples import ndt_news_folder  # noqa: E402
from analysis.devset import shared_dir  # noqa: E402
from analysis.quotes import extract  # noqa: E402
from analysis.records import JOURNALIST  # noqa: E402

PRONOUNS = frozenset("han hun ham henne de dem den det vi jeg".split())
NEWSROOM_WORDS = frozenset("vi oss vår vårt våre dere deres".split())  # "dere": a source addressing them


@dataclass(frozen=True)
class Attribution:
    article: str
    mention: str
    speaker: str
    group: str  # "pronoun", "description" or "name"
    verdict: str  # "right", "wrong" or "unannotated"


def group_of(words: str, speaker: str, kind: str | None) -> str:
    """ "pronoun" ("hun"), "name" (words holding part of the speaker's name: "Holm", "statsråd Kari Holm")
    or "description" ("statsråden", "24-åringen", and unnamed speakers' own descriptions)."""
    if words.lower() in PRONOUNS:
        return "pronoun"
    names = set(speaker.lower().split())
    if kind != "unnamed" and names & set(words.lower().replace(",", " ").split()):
        return "name"
    return "description"


def gold_mention(mentions: list[dict], start: int, end: int) -> dict | None:
    """The gold mention that best covers the words start:end (the most overlap, then the shortest)."""
    best, best_key = None, None
    for mention in mentions:
        overlap = min(end, mention["end"]) - max(start, mention["start"])
        if overlap <= 0:
            continue
        key = (overlap, -(mention["end"] - mention["start"]))
        if best_key is None or key > best_key:
            best, best_key = mention, key
    return best


def in_chain(chain: list[dict], speaker: str, name_spans: list[tuple[int, int]]) -> bool:
    """Whether the chosen speaker is one of the chain's entity: a name mention of it is in the chain, or a
    mention of the chain holds its name or last name ("AP" in "nyhetsbyrået AP")."""
    for mention in chain:
        for start, end in name_spans:
            if min(end, mention["end"]) > max(start, mention["start"]):
                return True
    words = speaker.lower().split()
    if not words:
        return False
    for mention in chain:
        text = mention["text"].lower()
        if speaker.lower() in text or words[-1] in text.replace(",", " ").split():
            return True
    return False


def attributions(texts: Path, row: dict[str, str], coref: dict) -> list[Attribution]:
    article = load_article(texts / f"{row['id']}.txt")
    text = article.text
    mentions = [m for m in coref["mentions"] if text[m["start"] : m["end"]] == m["text"]]
    chains: dict[int, list[dict]] = {}
    for mention in mentions:
        chains.setdefault(mention["cluster"], []).append(mention)
    extraction = extract(article)
    out = []
    seen: set[tuple[int, int]] = set()
    for quote in extraction.quotes:
        words = quote.speaker_mention
        if not quote.speaker or words is None or (words.start, words.end) in seen:
            continue
        seen.add((words.start, words.end))  # one attribution per phrase ("– A, sier hun. – B.")
        gold = gold_mention(mentions, words.start, words.end)
        if gold is None:
            verdict = "unannotated"
        elif quote.speaker == JOURNALIST:
            # narration's "vi" (the newsroom): right when its chain is the writers' alone, first and second person
            # plural with no name in it; "vi" standing for a family or a team is wrong
            chain = chains[gold["cluster"]]
            verdict = "right" if all(m["text"].lower() in NEWSROOM_WORDS for m in chain) else "wrong"
        else:
            spans = [(s.start, s.end) for s in extraction.discourse.mention_spans(quote.speaker)]
            verdict = "right" if in_chain(chains[gold["cluster"]], quote.speaker, spans) else "wrong"
        group = group_of(words.text, quote.speaker, quote.speaker_kind)
        out.append(Attribution(row["id"], words.text, quote.speaker, group, verdict))
    return out


def measure() -> list[Attribution]:
    shared = shared_dir()
    if shared is None:
        raise SystemExit("resolution_narc: ../shared/eval is not there")
    news = shared / "eval" / "ndt_news"
    texts = ndt_news_folder()
    with (news / "manifest.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    out = []
    for row in rows:
        coref_path = news / "coref" / f"{row['id']}.json"
        if coref_path.exists():
            out += attributions(texts, row, json.loads(coref_path.read_text(encoding="utf-8")))
    return out


def summary(found: list[Attribution]) -> dict[str, dict[str, float | int]]:
    groups = {
        "pronoun": {"pronoun"},
        "description": {"description"},
        "pronoun+description": {"pronoun", "description"},
        "name": {"name"},
        "all": {"pronoun", "description", "name"},
    }
    result = {}
    for label, members in groups.items():
        counts = Counter(a.verdict for a in found if a.group in members)
        judged = counts["right"] + counts["wrong"]
        result[label] = {
            "right": counts["right"],
            "wrong": counts["wrong"],
            "unannotated": counts["unannotated"],
            "accuracy": round(counts["right"] / judged, 3) if judged else 0.0,
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the wrong attributions")
    args = parser.parse_args()
    found = measure()
    result = summary(found)
    if args.json:
        print(json.dumps(result))
        return
    for label, row in result.items():
        print(
            f"{label:<20} accuracy {row['accuracy']:.3f}  right {row['right']:>4}  wrong {row['wrong']:>4}"
            f"  not in NARC {row['unannotated']:>4}"
        )
    if args.verbose:
        for a in found:
            if a.verdict == "wrong":
                print(f"  wrong {a.article}: {a.mention!r} -> {a.speaker!r} ({a.group})")


if __name__ == "__main__":
    main()
