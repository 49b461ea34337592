"""Build `analysis/data/first_names_nb.tsv`: first names with the gender they signal, for `analysis.gender`.

    .venv/bin/pip install --target /tmp/faker faker==40.63.0   # read at build time only, never at run time
    PYTHONPATH=/tmp/faker .venv/bin/python tools/make_first_names.py

Three sources, all free to ship:
1. Faker's person providers (MIT licence): no_NO (Statistics Norway's 100 most common male and female first
   names), da_DK, sv_SE, fi_FI, de_DE, en_US, en_GB, fr_FR, es_ES, it_IT, pl_PL, ru_RU, ar_AA (names common
   in Norwegian news: neighbours, politics abroad, immigrants).
2. The project's own `speaker_first_names_nb.tsv`.
3. Names counted from the NDT news articles' annotations (CC0): the first word of a NorNE PER entity whose
   NARC coreference cluster holds only "han" or only "hun". The articles of the gender gold sets (ndt_dev,
   ndt_dev2) are left out, so that the gender benchmark measures the list on names it was not built from.
Each source (each Faker locale, the project's list, the treebank counts) gives one vote per gender it lists a
name under; a name goes to the gender with more votes, and a tie (Andrea, Kim, Jean) drops it.
"""

from __future__ import annotations

import csv
import importlib
import json
import sys
from collections import Counter
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))
sys.path.insert(0, str(PROJECT_ROOT / "tools"))

from train_entities import load_articles  # noqa: E402

from analysis.devset import shared_dir  # noqa: E402

FAKER_LOCALES = "no_NO da_DK sv_SE fi_FI de_DE en_US en_GB fr_FR es_ES it_IT pl_PL ru_RU ar_AA".split()
OUTPUT = PROJECT_ROOT / "analysis" / "data" / "first_names_nb.tsv"


def faker_names() -> list[dict[str, set[str]]]:
    """One name list per locale."""
    lists = []
    for locale in FAKER_LOCALES:
        names: dict[str, set[str]] = {}
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for gender, attribute in (("m", "first_names_male"), ("f", "first_names_female")):
            for name in getattr(provider, attribute, ()):
                if name[:1].isupper() and name.isalpha():
                    names.setdefault(name, set()).add(gender)
        lists.append(names)
    return lists


def project_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    path = PROJECT_ROOT / "analysis" / "data" / "speaker_first_names_nb.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            gender, _, listed = line.partition("\t")
            for name in listed.split():
                names.setdefault(name, set()).add(gender)
    return names


def treebank_names() -> dict[str, set[str]]:
    """First words of PER entities whose coreference chain says only han or only hun."""
    eval_dir = shared_dir() / "eval"
    gold_sets = set()
    for folder in ("ndt_dev", "ndt_dev2"):
        with (eval_dir / folder / "manifest.tsv").open(encoding="utf-8") as handle:
            gold_sets |= {row["ndt_index"] for row in csv.DictReader(handle, delimiter="\t")}
    with (eval_dir / "ndt_news" / "manifest.tsv").open(encoding="utf-8") as handle:
        index_of = {row["id"]: row["ndt_index"] for row in csv.DictReader(handle, delimiter="\t")}
    votes: dict[str, Counter] = {}
    for article in load_articles():
        coref = eval_dir / "ndt_news" / "coref" / f"{article.id}.json"
        if index_of[article.id] in gold_sets or not coref.exists():
            continue
        mentions = json.loads(coref.read_text(encoding="utf-8"))["mentions"]
        pronouns: dict[int, Counter] = {}
        for mention in mentions:
            word = mention["text"].lower()
            if word in ("han", "hun", "ham", "henne", "hans", "hennes"):
                gender = "f" if word in ("hun", "henne", "hennes") else "m"
                pronouns.setdefault(mention["cluster"], Counter())[gender] += 1
        persons = {(s, e) for s, e, label in article.entities if label == "PER"}
        for mention in mentions:
            words = mention["text"].split()
            if (mention["start"], mention["end"]) in persons and len(words) >= 2:
                genders = pronouns.get(mention["cluster"])
                if genders and len(genders) == 1 and words[0].isalpha():
                    votes.setdefault(words[0], Counter()).update(genders)
    return {name: set(counts) for name, counts in votes.items()}


def main() -> None:
    votes: dict[str, Counter] = {}
    for source in [*faker_names(), project_names(), treebank_names()]:
        for name, genders in source.items():
            votes.setdefault(name, Counter()).update(genders)
    by_gender = {"m": [], "f": []}
    for name in sorted(votes):
        (first, first_votes), *rest = votes[name].most_common() + [("", 0)]
        if first_votes > rest[0][1]:
            by_gender[first].append(name)
    header = [
        "# First names and the gender they usually signal (m/f), for analysis/gender.py: the fallback when the",
        "# article itself (han/hun, gendered nouns) says nothing. Built by tools/make_first_names.py from",
        "# Faker's person name lists (MIT licence; no_NO holds Statistics Norway's 100 most common first names",
        "# per gender), the project's speaker_first_names_nb.tsv, and first names counted from the NDT news",
        "# annotations (NorNE person entities whose NARC coreference chain says only han or only hun; CC0),",
        "# leaving out the gender gold articles. Each source votes; names whose votes tie are dropped.",
        "# Licence: MIT (Faker-derived names, copyright Daniele Faraglio and contributors) and CC0 for the rest.",
        "# gender<TAB>name",
    ]
    lines = header + [f"{gender}\t{name}" for gender in ("f", "m") for name in by_gender[gender]]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(by_gender['f'])} female, {len(by_gender['m'])} male names -> {OUTPUT}")


if __name__ == "__main__":
    main()
