"""The report's top: title, date, length and three findings an editor reads in ten seconds.

The findings are plain sentences built from the other analyses' tables (speakers, quotes, tone); each one
says so plainly when its input is missing or empty, so the summary never fails and never guesses.
The analyses are passed in as DataFrames: this module imports none of them (`gather_inputs` does, lazily).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..article import Article, count_words
from .html import JOURNALIST, esc
from .overview import header_html

ANCHOR = "summary"

LABELS = {
    "nb": {
        "findings": "Hovedfunn",
        "see_text": "Se artikkelteksten med sitatene og stemningsordene markert",
        "no_quotes": "Ingen sitater funnet: artikkelen gir ingen kilde ordet.",
        "not_analysed_quotes": "Sitatene er ikke analysert i denne rapporten.",
        "top_share": "{name} har flest siterte ord: {share} av ordene i direkte sitater i brødteksten "
        "({words} av {total} ord).",
        "runner_up": " Deretter følger {name} med {share}.",
        "only_speaker": " Ingen andre kilder siteres direkte.",
        "only_indirect": "Ingen direkte sitater i brødteksten; {name} gjengis oftest ({count} indirekte {unit}).",
        "quote_units": ("sitat", "sitater"),
        "headline_none": "Tittelen siterer ingen kilde.",
        "headline_none_main": "Tittelen siterer ingen kilde; hovedstemmen i brødteksten er {main}.",
        "headline_same": "Tittelens stemme er også hovedstemmen i brødteksten: {name}.",
        "headline_differs": "Tittelen gir ordet til {headline}, men hovedstemmen i brødteksten er {main} "
        "({share} av de siterte ordene).",
        "headline_only": "Tittelen siterer {headline}; brødteksten har ingen direkte sitater å sammenligne med.",
        "tone_missing": "Tonen er ikke analysert i denne rapporten.",
        "tone_none": "Tonen er nøytral: ingen stemningsord funnet.",
        "tone": "Tonen er {tone}, mest preget av {category} ({count} av {total} stemningsord). {source}.",
        "tone_plain": "Tonen er {tone} ({total} stemningsord). {source}.",
        "from_narration": "Flest stemningsord står i journalistens egen tekst ({narration}), færre i "
        "kildenes sitater ({sources})",
        "from_sources": "Flest stemningsord står i kildenes sitater ({sources}, mest hos {speaker}), færre "
        "i journalistens egen tekst ({narration})",
        "from_both": "Stemningsordene fordeler seg likt mellom kildenes sitater ({sources}) og "
        "journalistens egen tekst ({narration})",
        "negative": "overveiende negativ",
        "positive": "overveiende positiv",
        "neutral": "blandet",
        "categories": {
            "conflict": "konflikt og trussel",
            "fear": "frykt og uro",
            "deescalation": "nedtrapping og diplomati",
            "uncertainty": "usikkerhet",
            "certainty": "sikkerhet og ettertrykk",
        },
        "reporter": "journalisten",
    },
    "en": {
        "findings": "Key findings",
        "see_text": "See the article text with quotes and sentiment cues marked",
        "no_quotes": "No quotes found: the article gives no source a say.",
        "not_analysed_quotes": "Quotes are not analysed in this report.",
        "top_share": "{name} holds most of the quoted words: {share} of the words in direct quotes in the "
        "body ({words} of {total} words).",
        "runner_up": " Next is {name} with {share}.",
        "only_speaker": " No other source is quoted directly.",
        "only_indirect": "No direct quotes in the body; {name} is reported most often ({count} indirect {unit}).",
        "quote_units": ("quote", "quotes"),
        "headline_none": "The headline quotes no source.",
        "headline_none_main": "The headline quotes no source; the body's main voice is {main}.",
        "headline_same": "The headline's voice is also the body's main voice: {name}.",
        "headline_differs": "The headline gives the say to {headline}, but the body's main voice is {main} "
        "({share} of the quoted words).",
        "headline_only": "The headline quotes {headline}; the body has no direct quotes to compare with.",
        "tone_missing": "Tone is not analysed in this report.",
        "tone_none": "The tone is neutral: no sentiment cues found.",
        "tone": "The tone is {tone}, mostly {category} ({count} of {total} cues). {source}.",
        "tone_plain": "The tone is {tone} ({total} cues). {source}.",
        "from_narration": "Most cues stand in the reporter's own text ({narration}), fewer in the sources' "
        "quotes ({sources})",
        "from_sources": "Most cues stand in the sources' quotes ({sources}, mostly {speaker}'s), fewer in the "
        "reporter's own text ({narration})",
        "from_both": "The cues are split evenly between the sources' quotes ({sources}) and the reporter's "
        "own text ({narration})",
        "negative": "mainly negative",
        "positive": "mainly positive",
        "neutral": "mixed",
        "categories": {
            "conflict": "conflict and threat",
            "fear": "fear and tension",
            "deescalation": "de-escalation and diplomacy",
            "uncertainty": "uncertainty",
            "certainty": "certainty and emphasis",
        },
        "reporter": "the reporter",
    },
}

# Category names as the sentiment lexicon may spell them, reduced to the five news frames of the tone issue.
_CATEGORY_KEYS = (
    ("deesc", "deescalation"),
    ("de-esc", "deescalation"),
    ("diplom", "deescalation"),
    ("uncert", "uncertainty"),
    ("hedg", "uncertainty"),
    ("certain", "certainty"),
    ("emph", "certainty"),
    ("confl", "conflict"),
    ("threat", "conflict"),
    ("fear", "fear"),
    ("tension", "fear"),
)
_FRAMES = frozenset(key for _, key in _CATEGORY_KEYS)


def labels(language: str) -> dict:
    return LABELS.get(language, LABELS["nb"])


def percent(share: float, language: str = "nb") -> str:
    """A share as an editor writes it: "76 %" (with a no-break space) in Norwegian, "76%" in English."""
    value = round(share * 100)
    return f"{value}\u00a0%" if language != "en" else f"{value}%"  # no line break inside "76 %"


def _present(frame: pd.DataFrame | None) -> bool:
    return frame is not None and not frame.empty


# ---------------------------------------------------------------- finding 1: who holds the quoted words


def body_shares(speakers: pd.DataFrame | None, quotes: pd.DataFrame | None) -> pd.DataFrame:
    """Name, direct_words and share of body direct-quote words per source (the reporter excluded), largest first.

    Uses the speakers table when given (its `share` is authoritative), otherwise counts words in the quotes.
    """
    columns = ["name", "direct_words", "share"]
    if _present(speakers) and {"name", "direct_words"} <= set(speakers.columns):
        frame = speakers[["name", "direct_words"]].copy()
    elif _present(quotes) and {"speaker", "kind", "zone", "text"} <= set(quotes.columns):
        direct = quotes[(quotes["kind"] == "direct") & (quotes["zone"] == "body") & quotes["speaker"].notna()]
        words = direct.assign(direct_words=direct["text"].map(lambda t: count_words(str(t))))
        frame = words.groupby("speaker", sort=False)["direct_words"].sum().reset_index()
        frame = frame.rename(columns={"speaker": "name"})
    else:
        return pd.DataFrame(columns=columns)
    frame = frame[frame["name"] != JOURNALIST]
    frame = frame[frame["direct_words"].fillna(0) > 0]
    total = frame["direct_words"].sum()
    frame = frame.assign(share=frame["direct_words"] / total if total else 0.0)
    return frame.sort_values("direct_words", ascending=False, ignore_index=True)[columns]


def _quoted_words_finding(speakers, quotes, language: str) -> str:
    text = labels(language)
    if speakers is None and quotes is None:
        return text["not_analysed_quotes"]
    shares = body_shares(speakers, quotes)
    if shares.empty:
        indirect = _indirect_counts(speakers, quotes)
        if indirect:
            name, count = max(indirect.items(), key=lambda item: item[1])
            unit = text["quote_units"][0 if count == 1 else 1]
            return text["only_indirect"].format(name=name, count=count, unit=unit)
        return text["no_quotes"]
    top = shares.iloc[0]
    total = int(shares["direct_words"].sum())
    sentence = text["top_share"].format(
        name=top["name"], share=percent(top["share"], language), words=int(top["direct_words"]), total=total
    )
    if len(shares) > 1:
        second = shares.iloc[1]
        sentence += text["runner_up"].format(name=second["name"], share=percent(second["share"], language))
    else:
        sentence += text["only_speaker"]
    return sentence


def _indirect_counts(speakers, quotes) -> dict[str, int]:
    if _present(speakers) and {"name", "indirect"} <= set(speakers.columns):
        rows = speakers[(speakers["name"] != JOURNALIST) & (speakers["indirect"].fillna(0) > 0)]
        return {str(r["name"]): int(r["indirect"]) for _, r in rows.iterrows()}
    if _present(quotes) and {"speaker", "kind"} <= set(quotes.columns):
        rows = quotes[
            (quotes["kind"] != "direct") & quotes["speaker"].notna() & (quotes["speaker"] != JOURNALIST)
        ]
        return {str(k): int(v) for k, v in rows["speaker"].value_counts().items()}
    return {}


# ---------------------------------------------------------------- finding 2: the headline's voice


def headline_speakers(quotes: pd.DataFrame | None) -> list[str]:
    """Sources quoted in the headline, in order of appearance."""
    if not _present(quotes) or not {"zone", "speaker"} <= set(quotes.columns):
        return []
    rows = quotes[
        (quotes["zone"] == "headline") & quotes["speaker"].notna() & (quotes["speaker"] != JOURNALIST)
    ]
    return list(dict.fromkeys(str(s) for s in rows["speaker"]))


def _headline_finding(speakers, quotes, language: str) -> str:
    text = labels(language)
    if speakers is None and quotes is None:
        return text["not_analysed_quotes"]
    shares = body_shares(speakers, quotes)
    main = str(shares.iloc[0]["name"]) if not shares.empty else None
    voices = headline_speakers(quotes)
    if not voices:
        return text["headline_none_main"].format(main=main) if main else text["headline_none"]
    headline = _join(voices, language)
    if main is None:
        return text["headline_only"].format(headline=headline)
    if main in voices:
        return text["headline_same"].format(name=main)
    return text["headline_differs"].format(
        headline=headline, main=main, share=percent(shares.iloc[0]["share"], language)
    )


def _join(names: list[str], language: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    conjunction = " og " if language != "en" else " and "
    return ", ".join(names[:-1]) + conjunction + names[-1]


# ---------------------------------------------------------------- finding 3: dominant tone and its source


@dataclass(frozen=True)
class ToneBalance:
    """The article's tone in numbers: summed polarity, cue counts, and where the cues stand."""

    score: float
    cues: int
    category: str | None
    category_count: int
    sources: int
    narration: int
    top_speaker: str | None


def tone_balance(tone: pd.DataFrame | None, quotes: pd.DataFrame | None = None) -> ToneBalance | None:
    """Summarise a tone input, which may be the sentiment cues themselves or their aggregates.

    - cues (`start`, `polarity`, optional `category`, `negated`): each cue counts for the sources when it
      lies inside a quote (attributed to that quote's speaker; the reporter's questions count as
      narration), otherwise for the narration;
    - aggregates (a `scope`/`level` column with zone/speaker/reporter rows, a `score` and a `cues` count):
      speaker rows are the sources, the reporter row the narration, zone rows give the total.
    Returns None when the input has neither shape.
    """
    if tone is None:
        return None
    if tone.empty:
        return ToneBalance(0.0, 0, None, 0, 0, 0, None)
    if {"start", "polarity"} <= set(tone.columns):
        return _balance_from_cues(tone, quotes)
    return _balance_from_aggregates(tone)


def _category_key(category: object) -> str | None:
    if category is None or (isinstance(category, float) and math.isnan(category)):
        return None
    value = str(category).lower()
    for prefix, key in _CATEGORY_KEYS:
        if value.startswith(prefix) or prefix in value:
            return key
    return value or None


def _frame_key(category: object) -> str | None:
    """One of the five news frames, or None for other categories (plain evaluative words, say)."""
    key = _category_key(category)
    return key if key in _FRAMES else None


def _balance_from_cues(cues: pd.DataFrame, quotes: pd.DataFrame | None) -> ToneBalance:
    negated = cues["negated"].fillna(False).astype(bool) if "negated" in cues.columns else False
    polarity = pd.to_numeric(cues["polarity"], errors="coerce").fillna(0.0)
    counted = cues[~negated] if "negated" in cues.columns else cues
    category, category_count = None, 0
    if "category" in counted.columns:
        keys = counted["category"].map(_frame_key).dropna()
        if not keys.empty:
            counts = keys.value_counts()
            category, category_count = str(counts.index[0]), int(counts.iloc[0])
    spans = []
    if _present(quotes) and {"start", "end", "speaker"} <= set(quotes.columns):
        spans = [
            (int(q["start"]), int(q["end"]), q["speaker"])
            for _, q in quotes.iterrows()
            if pd.notna(q["start"]) and pd.notna(q["end"]) and q["speaker"] != JOURNALIST
        ]
    by_speaker: dict[str, int] = {}
    narration = 0
    for start in pd.to_numeric(cues["start"], errors="coerce").fillna(-1).astype(int):
        owner = next((s for lo, hi, s in spans if lo <= start < hi), None)
        if owner is None and not any(lo <= start < hi for lo, hi, _ in spans):
            narration += 1
        else:
            name = str(owner) if owner is not None and not pd.isna(owner) else "?"
            by_speaker[name] = by_speaker.get(name, 0) + 1
    top = max(by_speaker.items(), key=lambda item: item[1])[0] if by_speaker else None
    return ToneBalance(
        score=float(polarity[~negated].sum() if "negated" in cues.columns else polarity.sum()),
        cues=len(cues),
        category=category,
        category_count=category_count,
        sources=sum(by_speaker.values()),
        narration=narration,
        top_speaker=top,
    )


def _first_column(frame: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    return next((n for n in names if n in frame.columns), None)


def _balance_from_aggregates(tone: pd.DataFrame) -> ToneBalance | None:
    scope = _first_column(tone, ("scope", "level", "group", "kind", "by"))
    name = _first_column(tone, ("name", "key", "label", "speaker", "zone"))
    score = _first_column(tone, ("score", "valence", "sum", "total", "polarity"))
    count = _first_column(tone, ("cues", "n_cues", "count", "n"))
    if scope is None or score is None:
        return None
    levels = tone[scope].astype(str).str.lower()
    counts = pd.to_numeric(tone[count], errors="coerce").fillna(0) if count else tone[score].abs()
    scores = pd.to_numeric(tone[score], errors="coerce").fillna(0.0)
    speaker_rows = levels.str.startswith("speaker") & (tone[name].astype(str) != JOURNALIST if name else True)
    reporter_rows = levels.str.startswith(("reporter", "narration", "journalist"))
    zone_rows = levels.str.startswith("zone")
    sources, narration = int(counts[speaker_rows].sum()), int(counts[reporter_rows].sum())
    total_rows = zone_rows if zone_rows.any() else (speaker_rows | reporter_rows)
    top = None
    if name and speaker_rows.any():
        top = str(tone.loc[counts[speaker_rows].idxmax(), name])
    category, category_count = _dominant_category_column(tone[total_rows])
    return ToneBalance(
        score=float(scores[total_rows].sum()),
        cues=int(counts[total_rows].sum()),
        category=category,
        category_count=category_count,
        sources=sources,
        narration=narration,
        top_speaker=top,
    )


def _dominant_category_column(rows: pd.DataFrame) -> tuple[str | None, int]:
    """Aggregates may carry one count column per news frame (conflict, fear, ...): pick the largest."""
    totals = {}
    for column in rows.columns:
        key = _frame_key(column)
        if key is not None:
            values = pd.to_numeric(rows[column], errors="coerce")
            if values.notna().any():
                totals[key] = totals.get(key, 0) + int(values.fillna(0).sum())
    if not totals:
        return None, 0
    key = max(totals, key=totals.get)
    return key, totals[key]


def _tone_finding(tone, quotes, language: str) -> str:
    text = labels(language)
    balance = tone_balance(tone, quotes)
    if balance is None:
        return text["tone_missing"]
    if balance.cues == 0:
        return text["tone_none"]
    # A quarter point per cue on average separates a leaning from a mixed tone.
    mean = balance.score / balance.cues
    if mean <= -0.25:
        leaning = text["negative"]
    elif mean >= 0.25:
        leaning = text["positive"]
    else:
        leaning = text["neutral"]
    if balance.sources > balance.narration:
        speaker = text["reporter"] if balance.top_speaker == JOURNALIST else (balance.top_speaker or "?")
        source = text["from_sources"].format(
            sources=balance.sources, narration=balance.narration, speaker=speaker
        )
    elif balance.narration > balance.sources:
        source = text["from_narration"].format(sources=balance.sources, narration=balance.narration)
    else:
        source = text["from_both"].format(sources=balance.sources, narration=balance.narration)
    if balance.category:
        category = text["categories"].get(balance.category, balance.category)
        return text["tone"].format(
            tone=leaning, category=category, count=balance.category_count, total=balance.cues, source=source
        )
    return text["tone_plain"].format(tone=leaning, total=balance.cues, source=source)


# ---------------------------------------------------------------- public


def key_findings(
    article: Article,
    speakers: pd.DataFrame | None,
    quotes: pd.DataFrame | None,
    tone: pd.DataFrame | None,
    language: str = "nb",
) -> list[str]:
    """Three plain sentences: who holds most quoted words, the headline's voice, the tone and its source.

    `tone` may be the sentiment cues (preferred: they locate each cue inside or outside the quotes) or the
    tone aggregates per zone/speaker/reporter. Any input may be None (not analysed) or empty (none found).
    """
    del article  # part of the signature so later findings can use the text without a change for callers
    return [
        _quoted_words_finding(speakers, quotes, language),
        _headline_finding(speakers, quotes, language),
        _tone_finding(tone, quotes, language),
    ]


def summary_html(article: Article, findings: list[str], language: str = "nb") -> str:
    """The report's first screen: the header (title, date, length, file) and the numbered findings."""
    text = labels(language)
    items = "".join(f"<li>{esc(finding)}</li>" for finding in findings)
    return (
        f'<section class="wb-summary" id="{ANCHOR}" aria-label="{esc(text["findings"])}">'
        f"{header_html(article, language)}"
        f'<h2 class="wb-findings-title">{esc(text["findings"])}</h2>'
        f'<ol class="wb-findings">{items}</ol>'
        f'<p class="wb-jump"><a href="#article-text">{esc(text["see_text"])} ↓</a></p></section>'
    )


@dataclass
class ReportInputs:
    """The analyses' tables for one article; None where the analysis is not available in this install."""

    quotes: pd.DataFrame | None = None
    speakers: pd.DataFrame | None = None
    cues: pd.DataFrame | None = None
    tone: pd.DataFrame | None = None


def gather_inputs(article: Article) -> ReportInputs:
    """Run the quote, speaker and sentiment analyses once, for every section of a report to share."""
    from ..quotes import extract_quotes
    from ..sentiment import cues, tone_aggregates
    from ..speakers import speaker_table

    quotes = extract_quotes(article)
    return ReportInputs(
        quotes=quotes,
        speakers=speaker_table(article, quotes),
        cues=cues(article),
        tone=tone_aggregates(article, quotes),
    )


def summary_for(article: Article, inputs: ReportInputs, language: str = "nb") -> str:
    """The summary section from gathered inputs; the cues are preferred for the tone finding."""
    tone = inputs.cues if inputs.cues is not None else inputs.tone
    return summary_html(
        article, key_findings(article, inputs.speakers, inputs.quotes, tone, language), language
    )
