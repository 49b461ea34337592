"""The corpus report's sections: escaped HTML with inline charts, Norwegian labels (English with "en").

Each function takes the loaded `Dataset` (analysis.corpus.query) and returns markup; figures come from the
query functions, so the notebook only calls and displays. Article text reaches the page only as escaped
quote excerpts; every voice row names its article (a link to its report when a batch folder is given).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..corpus import query
from .html import PALETTE, esc, figure, paragraph, quote_id, section, table

MAX_MONTH_ROWS = 24  # more months than this: the table counts per year (the chart stays monthly)
EXCERPT_CHARS = 110  # of a quote, as its evidence in a table row

LABELS = {
    "nb": {
        "title": "Kildebalanse i korpuset",
        "intro": "{articles} artikler fra {outlets} medier, {first}–{last}: {quotes} sitater fra {voices} kilder. "
        "Alle tall er summer over artiklene; hvert eksempel viser artikkelen og sitatet bak.",
        "no_articles": "Ingen artikler i utvalget.",
        "filters": "Utvalg: {filters}.",
        "people": "Mest siterte personer",
        "organisations": "Mest siterte organisasjoner",
        "gender": "Kvinners andel av kildene",
        "gender_intro": "Andelen kvinner blant siterte personer med kjent kjønn (hver person telles én gang per "
        "artikkel) og blant ordene de siteres med. Personer med ukjent kjønn står i egen kolonne.",
        "by_outlet": "Per medium",
        "by_month": "Per måned",
        "by_year": "Per år (diagrammet over viser månedene)",
        "year": "År",
        "officials": "Offisielle kilder og andre",
        "officials_intro": "Rollene kildene omtales med: offentlige verv (statsråd, ordfører, politi, domstol …), "
        "andre roller, eller ingen kjent rolle.",
        "kinds": "Direkte og indirekte sitater",
        "tone": "Tone per stemme",
        "tone_intro": "Valens per 100 ord i journalistens egne ord og i kildenes sitater (negativ < 0 < positiv).",
        "terms": "Ord over tid",
        "terms_intro": "De hyppigste innholdsordene (lemma) per 1 000 ord per måned.",
        "keyness": "Særpregede ord i {period} mot resten",
        "keyness_none": "Velg en periode (period_from, period_to) med artikler både i og utenfor for å se særpregede ord.",
        "failures": "Artikler som ikke kunne analyseres",
        "none": "Ingen funnet i utvalget.",
        "name": "Navn",
        "articles": "Artikler",
        "quotes": "Sitater",
        "words": "Ord i sitater",
        "share": "Andel av siterte ord",
        "example": "Eksempel",
        "article": "Artikkel",
        "tone_col": "Tone",
        "outlet": "Medium",
        "month": "Måned",
        "people_col": "Personer",
        "women": "Kvinner",
        "men": "Menn",
        "unknown": "Ukjent",
        "women_share": "Kvinneandel",
        "women_words_share": "Kvinneandel av ord",
        "unknown_words": "Ord fra ukjent kjønn",
        "class": "Rolle",
        "words_share": "Andel av ordene",
        "official": "offentlig verv",
        "other role": "annen rolle",
        "no role": "ingen kjent rolle",
        "direct": "Direkte",
        "indirect": "Indirekte",
        "direct_share": "Andel direkte",
        "direct_words": "Ord, direkte",
        "indirect_words": "Ord, indirekte",
        "scope": "Stemme",
        "reporter": "journalisten",
        "speaker": "kildene",
        "lemma": "Ord",
        "period": "I perioden",
        "rest": "Resten",
        "period_per_1000": "Per 1 000 ord (periode)",
        "rest_per_1000": "Per 1 000 ord (resten)",
        "g2": "G²",
        "error": "Årsak",
        "file": "Fil",
        "alt_people": "Stolpediagram: andel av siterte ord for de mest siterte personene",
        "alt_gender": "Stolpediagram: kvinneandel blant siterte personer per medium",
        "alt_month": "Linjediagram: kvinneandel blant siterte personer per måned",
        "alt_terms": "Linjediagram: de hyppigste ordene per 1 000 ord per måned",
        "alt_officials": "Stablet stolpediagram: andel av siterte ord per rolle og medium",
    },
    "en": {
        "title": "Source balance across the corpus",
        "intro": "{articles} articles from {outlets} outlets, {first}–{last}: {quotes} quotes from {voices} "
        "sources. Every figure is a sum over the articles; each example names the article and quote behind it.",
        "no_articles": "No articles in the selection.",
        "filters": "Selection: {filters}.",
        "people": "Most quoted people",
        "organisations": "Most quoted organisations",
        "gender": "Women's share of the sources",
        "gender_intro": "The share of women among quoted people whose gender is known (each person counted once "
        "per article) and among the words they are quoted with. People of unknown gender have their own column.",
        "by_outlet": "Per outlet",
        "by_month": "Per month",
        "by_year": "Per year (the chart above shows the months)",
        "year": "Year",
        "officials": "Official sources and others",
        "officials_intro": "The roles sources are described with: public office (minister, mayor, police, court …), "
        "another role, or no known role.",
        "kinds": "Direct and indirect quotes",
        "tone": "Tone per voice",
        "tone_intro": "Valence per 100 words in the reporter's own words and in the sources' quotes "
        "(negative < 0 < positive).",
        "terms": "Words over time",
        "terms_intro": "The most frequent content words (lemmas) per 1,000 words per month.",
        "keyness": "Distinctive words of {period} against the rest",
        "keyness_none": "Choose a period (period_from, period_to) with articles inside and outside it to see "
        "distinctive words.",
        "failures": "Articles that could not be analysed",
        "none": "None found in the selection.",
        "name": "Name",
        "articles": "Articles",
        "quotes": "Quotes",
        "words": "Quoted words",
        "share": "Share of quoted words",
        "example": "Example",
        "article": "Article",
        "tone_col": "Tone",
        "outlet": "Outlet",
        "month": "Month",
        "people_col": "People",
        "women": "Women",
        "men": "Men",
        "unknown": "Unknown",
        "women_share": "Women's share",
        "women_words_share": "Women's share of words",
        "unknown_words": "Words of unknown gender",
        "class": "Role",
        "words_share": "Share of the words",
        "official": "public office",
        "other role": "other role",
        "no role": "no known role",
        "direct": "Direct",
        "indirect": "Indirect",
        "direct_share": "Share direct",
        "direct_words": "Words, direct",
        "indirect_words": "Words, indirect",
        "scope": "Voice",
        "reporter": "the reporter",
        "speaker": "the sources",
        "lemma": "Word",
        "period": "In the period",
        "rest": "The rest",
        "period_per_1000": "Per 1,000 words (period)",
        "rest_per_1000": "Per 1,000 words (rest)",
        "g2": "G²",
        "error": "Reason",
        "file": "File",
        "alt_people": "Bar chart: share of quoted words of the most quoted people",
        "alt_gender": "Bar chart: women's share of quoted people per outlet",
        "alt_month": "Line chart: women's share of quoted people per month",
        "alt_terms": "Line chart: the most frequent words per 1,000 words per month",
        "alt_officials": "Stacked bar chart: share of quoted words per role and outlet",
    },
}


def labels(language: str) -> dict[str, str]:
    return LABELS["en" if language == "en" else "nb"]


def report_links(
    batch: str | Path | None, page_dir: str | Path | None, data: query.Dataset
) -> dict[str, str]:
    """article_id → the relative URL of its batch report, for the articles the batch rendered."""
    if not batch:
        return {}
    from ..history import DB_NAME, History

    batch = Path(batch)
    if not (batch / DB_NAME).exists():
        return {}
    with History(batch, create=False) as history:
        states = history.article_states()
    base = Path(page_dir) if page_dir else batch
    links = {}
    for article_id, path in zip(data.articles["article_id"], data.articles["path"], strict=True):
        state = states.get(path)
        if state and state.status == "ok":
            target = batch / f"{state.slug}.html"
            links[article_id] = Path(os.path.relpath(target, base)).as_posix()
    return links


def header(data: query.Dataset, language: str, filters: dict[str, object]) -> str:
    text = labels(language)
    if data.articles.empty:
        return f"<h1>{esc(text['title'])}</h1>" + paragraph(text["no_articles"])
    dates = data.articles["date"].dropna()
    voices = query.voices(data)
    intro = text["intro"].format(
        articles=len(data.articles),
        outlets=data.articles["outlet"].nunique(),
        first=dates.min() if len(dates) else "–",
        last=dates.max() if len(dates) else "–",
        quotes=len(data.quotes),
        voices=voices[["article_id", "name"]].drop_duplicates().shape[0],
    )
    chosen = ", ".join(f"{k} = {v}" for k, v in filters.items() if v not in (None, "", []))
    parts = [f"<h1>{esc(text['title'])}</h1>", f'<p class="wb-intro">{esc(intro)}</p>']
    if chosen:
        parts.append(f'<p class="wb-meta">{esc(text["filters"].format(filters=chosen))}</p>')
    return '<div class="wb-summary">' + "".join(parts) + "</div>"


def _example_cell(row, links: dict[str, str], excerpt_chars: int) -> str:
    """The article and quote behind a row: the title (a link to its report when known) with outlet and
    date, and the quote's first words; with `excerpt_chars` 0, only the article id and quote number (for
    pages that must not show article text)."""
    if not isinstance(row.get("article_id"), str):
        return ""
    place = ", ".join(str(v) for v in (row.get("outlet"), row.get("date")) if isinstance(v, str) and v)
    href = links.get(row["article_id"])
    if href and pd.notna(row.get("quote")):
        href = f"{href}#{quote_id(int(row['quote']))}"  # the quote's passage in the article report
    if excerpt_chars <= 0:
        name = (
            f"{row['article_id']} #{int(row['quote']) + 1}"
            if pd.notna(row.get("quote"))
            else row["article_id"]
        )
        named = f'<a href="{esc(href)}">{esc(name)}</a>' if href else esc(name)
        return f'{named} <span class="wb-meta">({esc(place)})</span>'
    title = row.get("title") or row["article_id"]
    named = f'<a href="{esc(href)}">{esc(title)}</a>' if href else f"<strong>{esc(title)}</strong>"
    excerpt = str(row.get("text") or "")
    if len(excerpt) > excerpt_chars:
        excerpt = excerpt[:excerpt_chars].rsplit(" ", 1)[0] + " …"
    return f'{named} <span class="wb-meta">({esc(place)})</span><br>«{esc(excerpt)}»'


def voices_section(
    data: query.Dataset,
    kind: str,
    language: str,
    links: dict[str, str],
    limit: int,
    excerpt_chars: int = EXCERPT_CHARS,
) -> str:
    text = labels(language)
    title = text["people" if kind == "person" else "organisations"]
    anchor = "people" if kind == "person" else "organisations"
    top = query.top_voices(data, kind, limit)
    if top.empty:
        return section(title, [paragraph(text["none"])], anchor)
    parts = []
    if kind == "person":
        parts.append(
            _bar_chart(top["name"].tolist(), top["share"].tolist(), text["share"], text["alt_people"])
        )
    examples = [_example_cell(row, links, excerpt_chars) for row in top.to_dict("records")]
    shown = top.assign(share=top["share"].map(_percent), tone=top["tone"].round(2))
    columns = {
        "name": text["name"],
        "articles": text["articles"],
        "quotes": text["quotes"],
        "words": text["words"],
        "share": text["share"],
        "tone": text["tone_col"],
    }
    parts.append(table(shown, columns, row_links=examples, link_header=text["example"]))
    return section(title, parts, anchor)


def _percent(value: object) -> str:
    return "–" if value is None or pd.isna(value) else f"{100 * float(value):.1f} %"


def gender_section(data: query.Dataset, language: str) -> str:
    text = labels(language)
    columns = {
        "people": text["people_col"],
        "women": text["women"],
        "men": text["men"],
        "unknown": text["unknown"],
        "women_share": text["women_share"],
        "unknown_words": text["unknown_words"],
        "women_words_share": text["women_words_share"],
    }
    parts = [paragraph(text["gender_intro"])]
    for by, heading, alt in (
        ("outlet", text["by_outlet"], text["alt_gender"]),
        ("month", text["by_month"], text["alt_month"]),
    ):
        frame = query.gender_balance(data, by)
        parts.append(f"<h3>{esc(heading)}</h3>")
        if frame.empty:
            parts.append(paragraph(text["none"]))
            continue
        if by == "outlet":
            parts.append(
                _bar_chart(
                    frame["outlet"].tolist(),
                    frame["women_share"].fillna(0).tolist(),
                    text["women_share"],
                    alt,
                )
            )
        elif len(frame) > 1:
            parts.append(
                _line_chart(
                    {text["women_share"]: (frame["month"], frame["women_share"])}, text["women_share"], alt
                )
            )
        if by == "month" and len(frame) > MAX_MONTH_ROWS:  # a long archive: the table counts per year
            by, frame = "year", query.gender_balance(data, "year")
            parts.append(f"<h3>{esc(text['by_year'])}</h3>")
        shown = frame.assign(
            women_share=frame["women_share"].map(_percent),
            women_words_share=frame["women_words_share"].map(_percent),
        )
        parts.append(table(shown, {by: text[by], **columns}))
    return section(text["gender"], parts, "gender")


def officials_section(data: query.Dataset, language: str) -> str:
    text = labels(language)
    frame = query.officials(data)
    parts = [paragraph(text["officials_intro"])]
    if frame.empty:
        parts.append(paragraph(text["none"]))
    else:
        wide = frame.pivot_table(index="outlet", columns="class", values="words_share", fill_value=0)
        parts.append(_stacked_chart(wide, text, text["alt_officials"]))
        shown = frame.assign(
            **{"class": frame["class"].map(text.get), "words_share": frame["words_share"].map(_percent)}
        )
        parts.append(
            table(
                shown,
                {
                    "outlet": text["outlet"],
                    "class": text["class"],
                    "people": text["people_col"],
                    "words": text["words"],
                    "words_share": text["words_share"],
                },
            )
        )
    return section(text["officials"], parts, "officials")


def kinds_section(data: query.Dataset, language: str) -> str:
    text = labels(language)
    frame = query.direct_indirect(data)
    if frame.empty:
        return section(text["kinds"], [paragraph(text["none"])], "kinds")
    shown = frame.assign(direct_share=frame["direct_share"].map(_percent))
    columns = {
        c: text[c] for c in ("outlet", "direct", "indirect", "direct_share", "direct_words", "indirect_words")
    }
    return section(text["kinds"], [table(shown, columns)], "kinds")


def tone_section(data: query.Dataset, language: str) -> str:
    text = labels(language)
    frame = query.reporter_tone(data)
    if frame.empty:
        return section(text["tone"], [paragraph(text["none"])], "tone")
    shown = frame.assign(scope=frame["scope"].map(text.get), tone=frame["tone"].round(2))
    columns = {
        "outlet": text["outlet"],
        "scope": text["scope"],
        "words": text["words"],
        "tone": text["tone_col"],
    }
    return section(text["tone"], [paragraph(text["tone_intro"]), table(shown, columns)], "tone")


def terms_section(
    data: query.Dataset, language: str, period_from: str | None, period_to: str | None, limit: int = 15
) -> str:
    text = labels(language)
    parts = [paragraph(text["terms_intro"])]
    trends = query.term_trends(data)
    if trends.empty:
        parts.append(paragraph(text["none"]))
    elif trends["month"].nunique() > 1:
        series = {
            lemma: (rows["month"], rows["per_1000"]) for lemma, rows in trends.groupby("lemma", sort=False)
        }
        parts.append(_line_chart(series, "per 1 000", text["alt_terms"]))
    if not period_from and not period_to:
        period_from, period_to = query.default_period(data)
    key = query.keyness(data, period_from, period_to, limit=limit)
    period = period_from if period_from == period_to else f"{period_from or '…'}–{period_to or '…'}"
    parts.append(f"<h3>{esc(text['keyness'].format(period=period))}</h3>")
    if key.empty:
        parts.append(paragraph(text["keyness_none"]))
    else:
        columns = {c: text[c] for c in ("lemma", "period", "rest", "period_per_1000", "rest_per_1000", "g2")}
        parts.append(table(key.round({"period_per_1000": 2, "rest_per_1000": 2}), columns))
    return section(text["terms"], parts, "terms")


def failures_section(data: query.Dataset, language: str) -> str:
    text = labels(language)
    if data.failures.empty:
        return ""
    return section(
        text["failures"], [table(data.failures, {"name": text["file"], "error": text["error"]})], "failures"
    )


# ---------------------------------------------------------------------------------------------- charts


def _bar_chart(names: list[str], values: list[float], label: str, alt: str) -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 0.32 * len(names) + 0.8), layout="constrained")
    ax.barh(range(len(names)), [100 * v for v in values], color=PALETTE[0])
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()
    ax.set_xlabel(f"{label} (%)")
    ax.spines[["top", "right"]].set_visible(False)
    return figure(fig, alt)


def _line_chart(series: dict[str, tuple], label: str, alt: str) -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 3.2), layout="constrained")
    for position, (name, (x, y)) in enumerate(series.items()):
        ax.plot(
            list(x), list(y), marker="o", markersize=3, label=name, color=PALETTE[position % len(PALETTE)]
        )
    ax.set_ylabel(label)
    ticks = list(next(iter(series.values()))[0])
    step = max(1, len(ticks) // 8)
    ax.set_xticks(ticks[::step], ticks[::step], rotation=30, ha="right")
    ax.spines[["top", "right"]].set_visible(False)
    if len(series) > 1:
        ax.legend(fontsize=8, frameon=False, ncols=3)
    return figure(fig, alt)


def _stacked_chart(wide: pd.DataFrame, text: dict[str, str], alt: str) -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 0.4 * len(wide) + 1.0), layout="constrained")
    left = [0.0] * len(wide)
    for position, column in enumerate(c for c in ("official", "other role", "no role") if c in wide):
        values = (100 * wide[column]).tolist()
        ax.barh(range(len(wide)), values, left=left, color=PALETTE[position], label=text[column])
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(range(len(wide)), wide.index.tolist())
    ax.invert_yaxis()
    ax.set_xlabel(f"{text['words_share']} (%)")
    ax.legend(fontsize=8, frameon=False, ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    return figure(fig, alt)
