"""The report's speakers section: who gets the say, how much, and whether the headline speaks for the body.

Parts: share of quoted words per speaker and per affiliation (seaborn bar charts), direct and indirect quotes
per speaker, a flag when the headline's voice is not the body's main voice, and the quote table with speaker
and cue. Every string taken from the article is escaped by the html helpers.
"""

from __future__ import annotations

import pandas as pd

from ..analysis import ArticleAnalysis
from ..records import JOURNALIST
from ..speakers import TABLE_COLUMNS, affiliation_shares
from .html import (
    MAX_TABLE_ROWS,
    PALETTE,
    esc,
    figure,
    largest,
    paragraph,
    quote_link,
    rows_note,
    section,
    table,
)

LABELS = {
    "nb": {
        "title": "Kilder og sitater",
        "intro": (
            "Hvem får ordet, og hvor mye: andelen av ordene i direkte sitater i brødteksten per kilde "
            "(titler og mellomtitler ikke medregnet), direkte og indirekte sitater, og sitatene selv."
        ),
        "share_chart": "Andel av ordene i direkte sitater per kilde",
        "affiliation_chart": "Andel av ordene i direkte sitater per tilhørighet",
        "kinds_chart": "Direkte og indirekte sitater per kilde",
        "share_alt": "Stolpediagram over hver kildes andel av ordene i direkte sitater",
        "affiliation_alt": "Stolpediagram over andelen av ordene i direkte sitater per land eller parti",
        "kinds_alt": "Stolpediagram over antall direkte og indirekte sitater per kilde",
        "share": "Andel",
        "count": "Antall",
        "speakers": "Kildene",
        "quotes": "Sitatene",
        "evidence": "I teksten",
        "name": "Kilde",
        "kind": "Type",
        "role": "Rolle",
        "affiliation": "Tilhørighet",
        "mentions": "Omtaler",
        "direct": "Direkte",
        "indirect": "Indirekte",
        "direct_words": "Ord i direkte sitater",
        "share_all": "Andel med titler",
        "zone": "Del",
        "text": "Sitat",
        "speaker": "Kilde",
        "cue": "Signal",
        "speakers_count": "Kilder",
        "no_quotes": "Ingen sitater funnet i artikkelen.",
        "headline_flag": (
            "Tittelen gir ordet til {headline}, men brødtekstens viktigste stemme er {body} "
            "({share:.0%} av ordene i direkte sitater)."
        ),
        "headline_same": "Tittelen og brødteksten har samme hovedstemme: {body}.",
        "none": "ingen",
        "person": "person",
        "organisation": "organisasjon",
        "unnamed": "ikke navngitt",
        "journalist": "journalisten",
        "headline": "tittel",
        "body": "brødtekst",
        "unknown": "ukjent",
        "gender": "Kjønn",
        "gender_evidence": "Hvorfor",
        "female": "kvinne",
        "male": "mann",
        "evidence_pronoun": "artikkelen sier hun/han eller et kjønnet ord (mor, kvinne …)",
        "evidence_first name": "fornavnet (navneliste)",
        "evidence_none": "artikkelen sier det ikke",
    },
    "en": {
        "title": "Sources and quotes",
        "intro": (
            "Who gets the say, and how much: each source's share of the words in direct quotes in the body "
            "(headlines and subheadings not counted), direct and indirect quotes, and the quotes themselves."
        ),
        "share_chart": "Share of direct-quote words per source",
        "affiliation_chart": "Share of direct-quote words per affiliation",
        "kinds_chart": "Direct and indirect quotes per source",
        "share_alt": "Bar chart of each source's share of the words in direct quotes",
        "affiliation_alt": "Bar chart of the share of direct-quote words per country or party",
        "kinds_alt": "Bar chart of the number of direct and indirect quotes per source",
        "share": "Share",
        "count": "Count",
        "speakers": "The sources",
        "quotes": "The quotes",
        "evidence": "In the text",
        "name": "Source",
        "kind": "Kind",
        "role": "Role",
        "affiliation": "Affiliation",
        "mentions": "Mentions",
        "direct": "Direct",
        "indirect": "Indirect",
        "direct_words": "Words in direct quotes",
        "share_all": "Share incl. headlines",
        "zone": "Zone",
        "text": "Quote",
        "speaker": "Source",
        "cue": "Cue",
        "speakers_count": "Sources",
        "no_quotes": "No quotes found in the article.",
        "headline_flag": (
            "The headline gives the say to {headline}, but the body's main voice is {body} "
            "({share:.0%} of the words in direct quotes)."
        ),
        "headline_same": "The headline and the body share their main voice: {body}.",
        "none": "none",
        "person": "person",
        "organisation": "organisation",
        "unnamed": "unnamed",
        "gender": "Gender",
        "gender_evidence": "Why",
        "female": "woman",
        "male": "man",
        "evidence_pronoun": "the article says she/he or a gendered word (mother, woman …)",
        "evidence_first name": "the first name (name list)",
        "evidence_none": "the article does not say",
        "journalist": "the reporter",
        "headline": "headline",
        "body": "body",
        "unknown": "unknown",
    },
}


def labels(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["nb"])


def headline_voice(quotes: pd.DataFrame, speakers: pd.DataFrame) -> tuple[str | None, str | None, float]:
    """(the headline's speaker, the body's main voice, that voice's share): who the title quotes first,
    against the speaker with the largest share of body direct-quote words."""
    headline = quotes[(quotes["zone"] == "headline") & quotes["speaker"].notna()]
    headline_speaker = headline["speaker"].iloc[0] if len(headline) else None
    voices = speakers[(speakers["kind"] != "journalist") & (speakers["share"] > 0)]
    if voices.empty:
        return headline_speaker, None, 0.0
    top = voices.sort_values("share", ascending=False).iloc[0]
    return headline_speaker, top["name"], float(top["share"])


def _bar_chart(frame: pd.DataFrame, label_column: str, value_column: str, xlabel: str, alt: str) -> str:
    import matplotlib.pyplot as plt
    import seaborn as sns

    height = 0.45 * len(frame) + 0.9
    fig, ax = plt.subplots(figsize=(7, height), layout="constrained")
    sns.barplot(errorbar=None, data=frame, y=label_column, x=value_column, color=PALETTE[0], ax=ax)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    if value_column == "share":
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    sns.despine(fig)
    return figure(fig, alt)


def _kinds_chart(speakers: pd.DataFrame, text: dict[str, str]) -> str:
    import matplotlib.pyplot as plt
    import seaborn as sns

    long = speakers.melt(
        id_vars="name", value_vars=["direct", "indirect"], var_name="kind", value_name="count"
    )
    long["kind"] = long["kind"].map({"direct": text["direct"], "indirect": text["indirect"]})
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(speakers) + 1.0), layout="constrained")
    sns.barplot(errorbar=None, data=long, y="name", x="count", hue="kind", palette=PALETTE[:2], ax=ax)
    ax.set_xlabel(text["count"])
    ax.set_ylabel("")
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))  # counts of quotes are whole numbers
    ax.legend(title="")
    sns.despine(fig)
    return figure(fig, text["kinds_alt"])


def speakers_section(analysis: ArticleAnalysis, language: str = "nb") -> str:
    """The speakers section as an HTML string (Norwegian labels by default, English with language="en")."""
    text = labels(language)
    quotes = analysis.quotes_frame()
    speakers = analysis.speakers_frame()
    parts = [paragraph(text["intro"])]
    if quotes.empty:
        parts.append(paragraph(text["no_quotes"]))
        return section(text["title"], parts, anchor="speakers")

    headline_speaker, main_voice, main_share = headline_voice(quotes, speakers)
    if headline_speaker and main_voice and headline_speaker != main_voice:
        flag = text["headline_flag"].format(headline=headline_speaker, body=main_voice, share=main_share)
        parts.append(f'<p class="wb-flag" role="note"><strong>⚑</strong> {esc(flag)}</p>')
    elif headline_speaker and main_voice:
        parts.append(paragraph(text["headline_same"].format(body=main_voice)))

    voiced = speakers[speakers["name"] != JOURNALIST]
    with_words = voiced[voiced["share"] > 0]
    if len(with_words):
        parts.append(f"<h3>{esc(text['share_chart'])}</h3>")
        bars, note = largest(with_words, "share", language)
        parts.append(_bar_chart(bars, "name", "share", text["share"], text["share_alt"]) + note)
        by_affiliation = affiliation_shares(voiced)
        by_affiliation = by_affiliation[by_affiliation["share"] > 0]  # an empty bar is noise, not a finding
        if len(by_affiliation) > 1 or (
            len(by_affiliation) == 1 and by_affiliation["affiliation"].iloc[0] != "—"
        ):
            parts.append(f"<h3>{esc(text['affiliation_chart'])}</h3>")
            bars, note = largest(by_affiliation, "share", language)
            parts.append(
                _bar_chart(bars, "affiliation", "share", text["share"], text["affiliation_alt"]) + note
            )
    if len(voiced):
        parts.append(f"<h3>{esc(text['kinds_chart'])}</h3>")
        bars, note = largest(voiced.assign(quotes=voiced["direct"] + voiced["indirect"]), "quotes", language)
        parts.append(_kinds_chart(bars, text) + note)

    parts.append(f"<h3>{esc(text['speakers'])}</h3>")
    shown = speakers.assign(
        kind=speakers["kind"].map(lambda k: text.get(k, k)),
        share=speakers["share"].map(lambda v: f"{v:.1%}"),
        share_all=speakers["share_all"].map(lambda v: f"{v:.1%}"),
        # people only: organisations and the reporter have no gender (None), shown as an empty cell
        gender=speakers["gender"].map(lambda g: text.get(g, g) if g else ""),
        gender_evidence=speakers["gender_evidence"].map(lambda e: text.get(f"evidence_{e}", e) if e else ""),
    )
    columns = {key: text[key] for key in (*TABLE_COLUMNS, "gender", "gender_evidence")}
    parts.append(
        table(shown, columns, max_rows=MAX_TABLE_ROWS) + rows_note(MAX_TABLE_ROWS, len(shown), language)
    )

    parts.append(f"<h3>{esc(text['quotes'])}</h3>")
    quote_rows = quotes.assign(
        kind=quotes["kind"].map(lambda k: text.get(k, k)),
        zone=quotes["zone"].map(lambda z: text.get(z, z)),
        speaker=quotes["speaker"].map(
            lambda s: text["journalist"] if s == JOURNALIST else (s or text["unknown"])
        ),
    )
    columns = {key: text[key] for key in ("zone", "kind", "speaker", "cue", "text")}
    # each row links to its quote in the annotated article text (ids by row position, as html.quote_id)
    shown_quotes = quote_rows.head(MAX_TABLE_ROWS)  # in text order: the first quotes of a long article
    links = [quote_link(position) for position in range(len(shown_quotes))]
    parts.append(table(shown_quotes, columns, row_links=links, link_header=text["evidence"]))
    parts.append(rows_note(len(shown_quotes), len(quote_rows), language))
    return section(text["title"], parts, anchor="speakers")
