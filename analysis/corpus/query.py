"""The figures of the corpus report, from the dataset's tables: plain pandas, every row traceable.

`load_dataset(path, date_from, date_to, outlets)` reads the tables (only the articles in range), and the
functions below each return one tidy frame: the most quoted voices, women's share per outlet and month
(with the unknowns beside it), officials vs others, direct vs indirect, tone per voice, term trends and
keyness of a period against the rest. Each voice row carries an example: its article and quote.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from ..records import JOURNALIST

READ_COLUMNS = {
    "articles": ["article_id", "path", "name", "title", "date", "month", "outlet", "url", "words"],
    "quotes": [
        "article_id",
        "quote",
        "kind",
        "zone",
        "speaker_id",
        "speaker",
        "speaker_kind",
        "words",
        "text",
    ],
    "speakers": [
        "article_id",
        "speaker_id",
        "name",
        "kind",
        "role",
        "gender",
        "direct",
        "indirect",
        "direct_words",
        "words",
        "tone",
    ],
    "terms": ["article_id", "lemma", "count"],
    "tone": ["article_id", "scope", "name", "words", "tone"],
    "failures": ["article_id", "name", "error"],
}
UNKNOWN_OUTLET = "–"


class DatasetMissing(ValueError):
    """The path holds no corpus dataset."""


@dataclass
class Dataset:
    articles: pd.DataFrame
    quotes: pd.DataFrame
    speakers: pd.DataFrame
    terms: pd.DataFrame
    tone: pd.DataFrame
    failures: pd.DataFrame


def read_table(dataset: str | Path, table: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One table of a dataset as a pandas frame (what `pd.read_parquet(DATASET/<table>)` gives)."""
    folder = Path(dataset) / table
    if not folder.is_dir():
        raise DatasetMissing(
            f"{dataset}: not a corpus dataset (no {table} table); run `workbook corpus build`"
        )
    return pd.read_parquet(folder, columns=columns, dtype_backend="numpy_nullable")


def load_dataset(
    dataset: str | Path,
    date_from: str | None = None,
    date_to: str | None = None,
    outlets: list[str] | str | None = None,
) -> Dataset:
    """The tables for the articles dated within [date_from, date_to] (prefixes: '2001', '2001-10') and of
    the given outlets (a list or a comma-separated string); None means no limit."""
    articles = read_table(dataset, "articles", READ_COLUMNS["articles"])
    articles["outlet"] = articles["outlet"].fillna(UNKNOWN_OUTLET)
    if isinstance(outlets, str):
        outlets = [o.strip() for o in outlets.split(",") if o.strip()]
    keep = pd.Series(True, index=articles.index)
    if date_from:
        keep &= articles["date"].fillna("") >= str(date_from)
    if date_to:
        # '2001-10' includes every day of October: compare against the prefix of the same length
        keep &= articles["date"].fillna("9999").str[: len(str(date_to))] <= str(date_to)
    if outlets:
        keep &= articles["outlet"].isin(outlets)
    articles = articles[keep].reset_index(drop=True)
    chosen = set(articles["article_id"])

    def rows(table: str) -> pd.DataFrame:
        frame = read_table(dataset, table, READ_COLUMNS[table])
        return frame[frame["article_id"].isin(chosen)].reset_index(drop=True)

    return Dataset(
        articles,
        rows("quotes"),
        rows("speakers"),
        rows("terms"),
        rows("tone"),
        read_table(dataset, "failures", READ_COLUMNS["failures"]),
    )


def voices(data: Dataset) -> pd.DataFrame:
    """Speakers other than the reporter, with their article's outlet and month."""
    speakers = data.speakers[data.speakers["name"] != JOURNALIST]
    speakers = speakers.merge(
        data.articles[["article_id", "outlet", "month", "title", "date"]], on="article_id"
    )
    return speakers.assign(year=speakers["month"].str[:4])


# the columns of a gender-balance table, after the column it is grouped by
GENDER_BALANCE_COLUMNS = [
    "people",
    "women",
    "men",
    "unknown",
    "women_share",
    "words",
    "women_words",
    "unknown_words",
    "women_words_share",
]
# the columns of a top-voices table: the figures, then the example quote that names the article behind them
TOP_VOICE_COLUMNS = [
    "name",
    "articles",
    "quotes",
    "words",
    "share",
    "title",
    "outlet",
    "date",
    "article_id",
    "quote",
    "text",
    "tone",
]


def top_voices(data: Dataset, kind: str, limit: int = 15) -> pd.DataFrame:
    """The most quoted people (kind "person") or organisations: articles, quotes, quoted words and their
    share of all quoted words, and one example quote (the longest) with its article."""
    speakers = voices(data)
    total_words = max(1, int(speakers["words"].sum()))
    chosen = speakers[speakers["kind"] == kind]
    if chosen.empty:
        return pd.DataFrame(columns=TOP_VOICE_COLUMNS)
    grouped = chosen.groupby("name").agg(
        articles=("article_id", "nunique"),
        direct=("direct", "sum"),
        indirect=("indirect", "sum"),
        words=("words", "sum"),
    )
    grouped["quotes"] = grouped["direct"] + grouped["indirect"]
    grouped["share"] = grouped["words"] / total_words
    weighted = chosen.assign(weighted=chosen["tone"].astype("Float64") * chosen["words"])
    tone = weighted.groupby("name")["weighted"].sum() / grouped["words"].where(grouped["words"] > 0)
    grouped["tone"] = tone.astype("float64")
    grouped = grouped.sort_values(["words", "quotes", "articles"], ascending=False).head(limit).reset_index()
    examples = _examples(data, grouped["name"].tolist())
    return grouped.merge(examples, on="name", how="left")[TOP_VOICE_COLUMNS]


def _examples(data: Dataset, names: list[str]) -> pd.DataFrame:
    quotes = data.quotes[data.quotes["speaker"].isin(names)]
    if quotes.empty:
        return pd.DataFrame(columns=["name", "title", "outlet", "date", "article_id", "quote", "text"])
    longest = quotes.sort_values(["words", "article_id"], ascending=[False, True]).drop_duplicates("speaker")
    longest = longest.merge(data.articles[["article_id", "title", "outlet", "date"]], on="article_id")
    return longest.rename(columns={"speaker": "name"})[
        ["name", "title", "outlet", "date", "article_id", "quote", "text"]
    ]


def gender_balance(data: Dataset, by: str) -> pd.DataFrame:
    """Per outlet, month or year: quoted people (one per article they speak in) by gender, women's share of
    those whose gender is known, and the same for their quoted words; unknowns counted beside."""
    people = voices(data)
    people = people[people["kind"] == "person"].copy()
    people["gender"] = people["gender"].fillna("unknown")
    if people.empty:
        return pd.DataFrame(columns=[by, *GENDER_BALANCE_COLUMNS])
    counts = people.pivot_table(index=by, columns="gender", values="name", aggfunc="count", fill_value=0)
    words = people.pivot_table(index=by, columns="gender", values="words", aggfunc="sum", fill_value=0)
    frame = pd.DataFrame(index=counts.index)
    for gender, label in (("female", "women"), ("male", "men"), ("unknown", "unknown")):
        frame[label] = counts[gender] if gender in counts else 0
        frame[f"{label}_words"] = words[gender] if gender in words else 0
    frame["people"] = frame["women"] + frame["men"] + frame["unknown"]
    frame["words"] = frame["women_words"] + frame["men_words"] + frame["unknown_words"]
    known = (frame["women"] + frame["men"]).where(lambda s: s > 0)
    known_words = (frame["women_words"] + frame["men_words"]).where(lambda s: s > 0)
    frame["women_share"] = (frame["women"] / known).astype("float64")
    frame["women_words_share"] = (frame["women_words"] / known_words).astype("float64")
    return frame.reset_index()[[by, *GENDER_BALANCE_COLUMNS]]


@cache
def _official_nouns() -> tuple[str, ...]:
    text = resources.files("analysis.data").joinpath("official_roles_nb.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


_DEFINITE = re.compile(r"(ene|en|et|a|n)$")
_WORD = re.compile(r"[a-zæøåäöü]+")


def is_official(role: str | None) -> bool | None:
    """True when the role names a public office (see data/official_roles_nb.txt), False for another role,
    None when no role is known."""
    if not isinstance(role, str) or not role:
        return None
    nouns = _official_nouns()
    for word in _WORD.findall(role.lower()):
        for form in (word, _DEFINITE.sub("", word)):
            if form.endswith(nouns):
                return True
    return False


def officials(data: Dataset) -> pd.DataFrame:
    """Per outlet: quoted people and their words by role class (official, other role, no role known)."""
    people = voices(data)
    people = people[people["kind"] == "person"].copy()
    if people.empty:
        return pd.DataFrame(columns=["outlet", "class", "people", "words", "words_share"])
    role_class = people["role"].map(is_official)
    people["class"] = role_class.map({True: "official", False: "other role"}).fillna("no role")
    frame = people.groupby(["outlet", "class"]).agg(people=("name", "count"), words=("words", "sum"))
    frame["words_share"] = frame["words"] / frame.groupby(level=0)["words"].transform("sum").where(
        lambda s: s > 0
    )
    return frame.reset_index()


def direct_indirect(data: Dataset) -> pd.DataFrame:
    """Per outlet: direct and indirect quotes (reporter's interview questions left out) and their words."""
    quotes = data.quotes[data.quotes["speaker"].fillna("") != JOURNALIST]
    quotes = quotes.merge(data.articles[["article_id", "outlet"]], on="article_id")
    if quotes.empty:
        return pd.DataFrame(
            columns=["outlet", "direct", "indirect", "direct_share", "direct_words", "indirect_words"]
        )
    counts = quotes.pivot_table(
        index="outlet", columns="kind", values="words", aggfunc=["count", "sum"], fill_value=0
    )
    frame = pd.DataFrame(index=counts.index)
    for kind in ("direct", "indirect"):
        frame[kind] = counts[("count", kind)] if ("count", kind) in counts else 0
        frame[f"{kind}_words"] = counts[("sum", kind)] if ("sum", kind) in counts else 0
    frame["direct_share"] = frame["direct"] / (frame["direct"] + frame["indirect"]).where(lambda s: s > 0)
    return frame.reset_index()[
        ["outlet", "direct", "indirect", "direct_share", "direct_words", "indirect_words"]
    ]


def reporter_tone(data: Dataset) -> pd.DataFrame:
    """Per outlet: the tone (valence per 100 words) of the reporters' own words and of the quoted voices."""
    tone = data.tone.merge(data.articles[["article_id", "outlet"]], on="article_id")
    tone = tone[tone["scope"].isin(["reporter", "speaker"])].copy()
    if tone.empty:
        return pd.DataFrame(columns=["outlet", "scope", "words", "tone"])
    tone["weighted"] = tone["tone"].astype("float64") * tone["words"]
    frame = tone.groupby(["outlet", "scope"]).agg(words=("words", "sum"), weighted=("weighted", "sum"))
    frame["tone"] = frame["weighted"] / frame["words"].where(lambda s: s > 0)
    return frame.drop(columns="weighted").reset_index()


def term_trends(data: Dataset, limit: int = 6, min_length: int = 3) -> pd.DataFrame:
    """The corpus's most frequent content lemmas and their frequency per 1,000 words in each month."""
    totals = data.terms.groupby("lemma")["count"].sum()
    lemmas = totals.index.to_series()  # filter the distinct lemmas, not every row
    content = (lemmas.str.len() >= min_length) & lemmas.str.contains(r"[^\W\d_]", regex=True)
    top = totals[content.to_numpy()].sort_values(ascending=False).head(limit).index
    terms = data.terms
    months = data.articles.dropna(subset=["month"]).groupby("month")["words"].sum()
    chosen = terms[terms["lemma"].isin(top)].merge(data.articles[["article_id", "month"]], on="article_id")
    counts = chosen.groupby(["month", "lemma"])["count"].sum().unstack(fill_value=0)
    counts = counts.reindex(index=months.index, columns=top, fill_value=0)
    per_1000 = counts.div(months.where(months > 0), axis=0) * 1000
    return per_1000.reset_index().melt(id_vars="month", var_name="lemma", value_name="per_1000")


def default_period(data: Dataset) -> tuple[str | None, str | None]:
    """The latest year with articles (when there are others), as the period compared with the rest."""
    years = sorted({d[:4] for d in data.articles["date"].dropna() if len(d) >= 4})
    return (years[-1], years[-1]) if len(years) > 1 else (None, None)


def keyness(
    data: Dataset, period_from: str | None, period_to: str | None, limit: int = 15, min_count: int = 3
) -> pd.DataFrame:
    """Lemmas over-represented in the period against the rest of the corpus (log-likelihood G², Rayson &
    Garside 2000), with counts and per-1,000 rates on both sides; empty without both sides."""
    columns = ["lemma", "period", "rest", "period_per_1000", "rest_per_1000", "g2"]
    if not period_from and not period_to:
        return pd.DataFrame(columns=columns)
    dates = data.articles["date"].fillna("")
    inside = pd.Series(True, index=data.articles.index)
    if period_from:
        inside &= dates >= str(period_from)
    if period_to:
        inside &= dates.str[: len(str(period_to))] <= str(period_to)
    inside &= dates != ""
    period_ids = set(data.articles.loc[inside, "article_id"])
    period_words = int(data.articles.loc[inside, "words"].sum())
    rest_words = int(data.articles.loc[~inside, "words"].sum())
    if not period_words or not rest_words:
        return pd.DataFrame(columns=columns)
    side = data.terms["article_id"].isin(period_ids)
    period = data.terms[side].groupby("lemma")["count"].sum()
    rest = data.terms[~side].groupby("lemma")["count"].sum()
    frame = pd.DataFrame({"period": period, "rest": rest}).fillna(0).astype("int64")
    frame = frame[frame["period"] >= min_count]
    frame["period_per_1000"] = 1000 * frame["period"] / period_words
    frame["rest_per_1000"] = 1000 * frame["rest"] / rest_words
    frame = frame[frame["period_per_1000"] > frame["rest_per_1000"]]
    frame["g2"] = [
        _g2(a, b, period_words, rest_words) for a, b in zip(frame["period"], frame["rest"], strict=True)
    ]
    frame = frame.sort_values("g2", ascending=False).head(limit)
    return frame.reset_index(names="lemma")[columns]


def _g2(a: int, b: int, total_a: int, total_b: int) -> float:
    expected_a = total_a * (a + b) / (total_a + total_b)
    expected_b = total_b * (a + b) / (total_a + total_b)
    value = 0.0
    for observed, expected in ((a, expected_a), (b, expected_b)):
        if observed:
            value += observed * math.log(observed / expected)
    return round(2 * value, 2)
