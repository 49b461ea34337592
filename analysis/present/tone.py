"""The report's tone section: which words make the article tense or calm, and whose words they are.

Four parts, every figure traceable to words: cue counts per category (seaborn bar chart), the strongest cue
words, each linked to where it stands in the report's annotated article text (`#c<n>`, see
`html.cue_id`), tone and tension per speaker against the reporter's own voice, and a strip of sentence
tones through the article. The text itself is shown once, in the article-text section, not repeated here.
"""

from __future__ import annotations

import pandas as pd

from ..analysis import ArticleAnalysis
from ..sentiment import CATEGORIES
from .article_text import ANCHOR as ARTICLE_TEXT_ANCHOR
from .html import MAX_TABLE_ROWS, PALETTE, cue_id, esc, figure, paragraph, rows_note, section, table

STRONGEST_CUES = 10

LABELS = {
    "nb": {
        "title": "Tone og ordvalg",
        "intro": (
            "Tonen er summen av synlige ord: hvert signalord har en styrke fra −3 til +3 som endres av nektelser "
            "(«ikke redd»), forsterkere og «men». Spenning er signalord for konflikt og frykt per 100 ord."
        ),
        "counts": "Signalord per kategori",
        "count": "Antall",
        "category": "Kategori",
        "voices": "Tone per stemme: kildene (i sitater) mot journalistens egen tekst",
        "strongest": "De sterkeste signalordene",
        "strongest_note": "Lenkene viser hvor ordet står i artikkelteksten.",
        "see_text": "Se alle signalordene markert i artikkelteksten",
        "strip": "Setningenes tone gjennom artikkelen",
        "sentence": "Setning",
        "score": "Tone",
        "no_cues": "Ingen signalord funnet.",
        "scope": "Nivå",
        "name": "Navn",
        "words": "Ord",
        "cues": "Signalord",
        "valence": "Sum",
        "tone": "Tone per 100 ord",
        "tension": "Spenning per 100 ord",
        "label": "Vurdering",
        "negated": "Nektet",
        "negated_note": "nektet",
        "article": "artikkel",
        "zone": "del",
        "speaker": "kilde",
        "reporter": "journalisten",
        "negative": "negativ",
        "neutral": "nøytral",
        "positive": "positiv",
        "conflict": "konflikt/trussel",
        "fear": "frykt/spenning",
        "deescalation": "nedtrapping/diplomati",
        "hedge": "usikkerhet/forbehold",
        "certainty": "sikkerhet/ettertrykk",
        "evaluative": "vurdering",
        "chart_alt": "Stolpediagram over antall signalord per kategori",
        "strip_alt": "Stripe over tonen i hver setning, fra negativ (rød) til positiv (blå)",
    },
    "en": {
        "title": "Tone and wording",
        "intro": (
            "Tone is the sum of visible words: each cue word has a strength from −3 to +3, changed by negation "
            "(«ikke redd», not afraid), intensifiers and «men» (but). Tension is conflict and fear cues per "
            "100 words."
        ),
        "counts": "Cue words per category",
        "count": "Count",
        "category": "Category",
        "voices": "Tone per voice: the sources (inside quotes) against the reporter's own text",
        "strongest": "The strongest cue words",
        "strongest_note": "Each link shows where the word stands in the article text.",
        "see_text": "See every cue word marked in the article text",
        "strip": "Sentence tone through the article",
        "sentence": "Sentence",
        "score": "Tone",
        "no_cues": "No cue words found.",
        "scope": "Level",
        "name": "Name",
        "words": "Words",
        "cues": "Cues",
        "valence": "Sum",
        "tone": "Tone per 100 words",
        "tension": "Tension per 100 words",
        "label": "Reading",
        "negated": "Negated",
        "negated_note": "negated",
        "article": "article",
        "zone": "part",
        "speaker": "source",
        "reporter": "the reporter",
        "negative": "negative",
        "neutral": "neutral",
        "positive": "positive",
        "conflict": "conflict/threat",
        "fear": "fear/tension",
        "deescalation": "de-escalation/diplomacy",
        "hedge": "uncertainty/hedging",
        "certainty": "certainty/emphasis",
        "evaluative": "evaluation",
        "chart_alt": "Bar chart of cue word counts per category",
        "strip_alt": "Strip of each sentence's tone, from negative (red) to positive (blue)",
    },
}

# One colour per category, from the shared colour-blind-safe palette.
CATEGORY_COLOURS = dict(
    zip(CATEGORIES, [PALETTE[5], PALETTE[1], PALETTE[2], PALETTE[4], PALETTE[3], PALETTE[0]], strict=True)
)


def labels(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["nb"])


def category_counts(cue_frame: pd.DataFrame) -> pd.DataFrame:
    """Cues per category, negated cues counted apart (a negated fear cue is not fear)."""
    rows = []
    for category in CATEGORIES:
        of_category = cue_frame[cue_frame["category"] == category]
        rows.append(
            {
                "category": category,
                "count": int((~of_category["negated"]).sum()),
                "negated": int(of_category["negated"].sum()),
            }
        )
    return pd.DataFrame(rows, columns=["category", "count", "negated"])


def _counts_chart(counts: pd.DataFrame, text: dict[str, str]) -> str:
    import matplotlib.pyplot as plt
    import seaborn as sns

    shown = counts.assign(label=[text[c] for c in counts["category"]])
    fig, ax = plt.subplots(figsize=(7, 2.8), layout="constrained")
    sns.barplot(
        errorbar=None,
        data=shown,
        y="label",
        x="count",
        hue="category",
        palette=CATEGORY_COLOURS,
        legend=False,
        ax=ax,
    )
    ax.set_xlabel(text["count"])
    ax.set_ylabel("")
    sns.despine(fig)
    return figure(fig, text["chart_alt"])


def _tone_strip(sentence_frame: pd.DataFrame, text: dict[str, str]) -> str:
    import matplotlib.pyplot as plt
    import numpy as np

    scores = sentence_frame["score"].to_numpy(dtype=float) if len(sentence_frame) else np.zeros(1)
    fig, ax = plt.subplots(figsize=(7, 0.9), layout="constrained")
    ax.imshow(scores[np.newaxis, :], aspect="auto", cmap="RdBu", vmin=-1, vmax=1)
    ax.set_yticks([])
    ax.set_xlabel(text["sentence"])
    return figure(fig, text["strip_alt"])


def strongest_cues(cue_frame: pd.DataFrame, limit: int = STRONGEST_CUES) -> pd.DataFrame:
    """The cues with the largest polarity in context (either sign), first in the text on ties.

    The index is kept as the row *position* in `cue_frame` (the frame from `sentiment.cues`), which is
    what `html.cue_id` numbers the marks in the article text by.
    """
    ranked = cue_frame.reset_index(drop=True).assign(strength=lambda f: f["polarity"].abs())
    ranked = ranked[ranked["strength"] > 0]
    return ranked.sort_values(["strength", "start"], ascending=[False, True], kind="stable").head(limit)


def cue_links(cue_frame: pd.DataFrame, language: str = "nb") -> str:
    """A list of the strongest cues, each term a link to its mark (`#c<n>`) in the article text.

    Built only from escaped pieces: article text never reaches the HTML unescaped.
    """
    text = labels(language)
    items = []
    for position, cue in strongest_cues(cue_frame).iterrows():
        note = f"{text.get(cue['category'], cue['category'])}, {cue['polarity']:+.2f}"
        if cue["negated"]:
            note += f", {text['negated_note']}"
        items.append(
            f'<li><a class="wb-clink" href="#{cue_id(int(position))}">{esc(cue["term"])}</a> '
            f"<small>({esc(note)})</small></li>"
        )
    return f'<ol class="wb-cue-links">{"".join(items)}</ol>'


def voices_table(aggregates: pd.DataFrame, language: str = "nb") -> pd.DataFrame:
    """Speaker and reporter rows (plus the whole article) with translated scope and label words."""
    text = labels(language)
    rows = aggregates[aggregates["scope"].isin(["article", "speaker", "reporter"])].copy()
    rows["name"] = [
        text["reporter"] if s == "reporter" else n for s, n in zip(rows["scope"], rows["name"], strict=True)
    ]
    rows["scope"] = [text[s] for s in rows["scope"]]
    rows["label"] = [text[v] for v in rows["label"]]
    return rows


def tone_section(analysis: ArticleAnalysis, language: str = "nb") -> str:
    """The tone section as an HTML string (Norwegian labels by default, English with language="en")."""
    text = labels(language)
    cue_frame = analysis.cues_frame()
    sentence_frame = analysis.sentences_frame()
    aggregates = analysis.tone_frame()
    parts = [paragraph(text["intro"])]
    counts = category_counts(cue_frame)
    parts.append(f"<h3>{esc(text['counts'])}</h3>")
    if len(cue_frame):
        parts.append(_counts_chart(counts, text))
    else:
        parts.append(paragraph(text["no_cues"]))
    shown_counts = counts.assign(category=[text[c] for c in counts["category"]])
    parts.append(
        table(
            shown_counts, {"category": text["category"], "count": text["count"], "negated": text["negated"]}
        )
    )
    if len(cue_frame):
        # The evidence: the words themselves, linked to their place in the annotated article text.
        parts.append(f"<h3>{esc(text['strongest'])}</h3>")
        parts.append(paragraph(text["strongest_note"]))
        parts.append(cue_links(cue_frame, language))
        parts.append(f'<p class="wb-jump"><a href="#{ARTICLE_TEXT_ANCHOR}">{esc(text["see_text"])} ↓</a></p>')
    parts.append(f"<h3>{esc(text['voices'])}</h3>")
    columns = {key: text[key] for key in ("scope", "name", "words", "cues", "tone", "tension", "label")}
    voices = voices_table(aggregates, language)
    parts.append(
        table(voices, columns, max_rows=MAX_TABLE_ROWS) + rows_note(MAX_TABLE_ROWS, len(voices), language)
    )
    parts.append(f"<h3>{esc(text['strip'])}</h3>")
    parts.append(_tone_strip(sentence_frame, text))
    return section(text["title"], parts, anchor="tone")
