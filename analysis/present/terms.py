"""The report's terms section: top lemmas, names, keyness and collocations as escaped HTML.

Everything taken from the article (lemmas, names, n-grams) goes through `esc`/`table`; charts are inline PNGs
with alt text. Labels are Norwegian by default, English with `language="en"`.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..analysis import ArticleAnalysis
from ..terms import TermIndex, concordance, keyness_table, lemma_table
from ..terms import collocations as term_collocations
from .html import PALETTE, esc, figure, paragraph, section, table

LABELS = {
    "nb": {
        "title": "Ord og begreper",
        "lemmas": "Vanligste innholdsord (lemma)",
        "lemma": "Lemma",
        "count": "Antall",
        "per_1000": "Per 1000 ord",
        "forms": "Former",
        "headline": "Tittel",
        "lead": "Ingress",
        "body": "Brødtekst",
        "crosshead": "Mellomtitler",
        "caption_count": "Bildetekster",
        "name": "Navn",
        "common": "Vanlig ord",
        "names": "Navn (personer, steder, organisasjoner)",
        "kind_hint": "Type (anslag)",
        "person": "person",
        "place": "sted",
        "organisation": "organisasjon",
        "keyness": "Nøkkelord mot norsk nyhetsspråk (treebank-korpus)",
        "over": "Overrepresentert",
        "under": "Underrepresentert",
        "G2": "Log-likelihood (G²)",
        "log_ratio": "Log-ratio",
        "reference_count": "Antall i referansen",
        "p": "p",
        "collocations": "Faste uttrykk og ordforbindelser",
        "kwic": "De vanligste ordene i sammenheng",
        "kwic_more": "… og {n} forekomster til",
        "ngram": "Ordforbindelse",
        "likelihood_ratio": "Log-likelihood",
        "pmi": "PMI",
        "no_names": "Ingen navn funnet.",
        "no_ngrams": "Ingen ordforbindelser funnet.",
        "no_keyness": "For få ord til nøkkelordanalyse.",
        "no_lemmas": "Ingen innholdsord funnet.",
        "words": "Analyserte ord (tittel, ingress, brødtekst, mellomtitler): {words}; i bildetekster: {captions}.",
        "alt_lemmas": "Stolpediagram over de vanligste innholdsordene: {items}",
        "alt_keyness": "Stolpediagram over nøkkelord, over- og underrepresentert: {items}",
    },
    "en": {
        "title": "Words and terms",
        "lemmas": "Most frequent content words (lemmas)",
        "lemma": "Lemma",
        "count": "Count",
        "per_1000": "Per 1,000 words",
        "forms": "Forms",
        "headline": "Headline",
        "lead": "Lead",
        "body": "Body",
        "crosshead": "Crossheads",
        "caption_count": "Captions",
        "name": "Name",
        "common": "Common word",
        "names": "Names (people, places, organisations)",
        "kind_hint": "Kind (guess)",
        "person": "person",
        "place": "place",
        "organisation": "organisation",
        "keyness": "Keywords against Norwegian news language (treebank corpus)",
        "over": "Over-represented",
        "under": "Under-represented",
        "G2": "Log-likelihood (G²)",
        "log_ratio": "Log ratio",
        "reference_count": "Reference count",
        "p": "p",
        "collocations": "Collocations",
        "kwic": "The most frequent words in context",
        "kwic_more": "… and {n} more occurrences",
        "ngram": "Collocation",
        "likelihood_ratio": "Log-likelihood",
        "pmi": "PMI",
        "no_names": "No names found.",
        "no_ngrams": "No collocations found.",
        "no_keyness": "Too few words for a keyness analysis.",
        "no_lemmas": "No content words found.",
        "words": "Words analysed (headline, lead, body, crossheads): {words}; in captions: {captions}.",
        "alt_lemmas": "Bar chart of the most frequent content words: {items}",
        "alt_keyness": "Bar chart of keywords, over- and under-represented: {items}",
    },
}


def terms_section(analysis: ArticleAnalysis, language: str = "nb", top_n: int = 20) -> str:
    """The terms section as an HTML string (bar chart of lemmas, names, keyness chart, collocations)."""
    labels = LABELS.get(language, LABELS["nb"])
    index = analysis.term_index
    lemmas = lemma_table(index).head(top_n)
    parts = [paragraph(labels["words"].format(words=index.words, captions=index.caption_words))]

    parts.append(f"<h3>{esc(labels['lemmas'])}</h3>")
    if lemmas.empty:
        parts.append(paragraph(labels["no_lemmas"]))
    else:
        parts.append(_lemma_chart(lemmas, labels))
        parts.append(
            table(
                lemmas,
                {
                    k: labels[k]
                    for k in (
                        "lemma",
                        "count",
                        "per_1000",
                        "forms",
                        "headline",
                        "lead",
                        "body",
                        "crosshead",
                        "caption_count",
                    )
                },
            )
        )

    parts.append(f"<h3>{esc(labels['names'])}</h3>")
    names = analysis.names_frame().head(top_n)
    if names.empty:
        parts.append(paragraph(labels["no_names"]))
    else:
        names = names.assign(kind_hint=names["kind_hint"].map(lambda k: labels.get(k, k) if k else ""))
        parts.append(
            table(names, {k: labels[k] for k in ("name", "count", "caption_count", "forms", "kind_hint")})
        )

    parts.append(f"<h3>{esc(labels['keyness'])}</h3>")
    keyness = keyness_table(index)
    over = keyness[keyness["G2"] > 0].head(top_n // 2 or 1)
    under = keyness[keyness["G2"] < 0].sort_values("G2").head(top_n // 4 or 1)
    if over.empty and under.empty:
        parts.append(paragraph(labels["no_keyness"]))
    else:
        shown = pd.concat([over, under.iloc[::-1]])
        parts.append(_keyness_chart(shown, labels))
        parts.append(
            table(
                shown, {k: labels[k] for k in ("lemma", "count", "reference_count", "G2", "p", "log_ratio")}
            )
        )

    parts.append(f"<h3>{esc(labels['collocations'])}</h3>")
    collocations = term_collocations(index, top_n=10)
    if collocations.empty:
        parts.append(paragraph(labels["no_ngrams"]))
    else:
        parts.append(
            table(collocations, {k: labels[k] for k in ("ngram", "count", "likelihood_ratio", "pmi")})
        )

    if not lemmas.empty:
        parts.append(_keywords_in_context(index, lemmas, labels))
    return section(labels["title"], parts, anchor="terms")


def _keywords_in_context(
    index: TermIndex, lemmas: pd.DataFrame, labels: dict[str, str], terms: int = 3, lines: int = 4
) -> str:
    """The evidence behind the top content words: a few keyword-in-context lines for each."""
    content = lemmas[~lemmas["is_stopword"]] if "is_stopword" in lemmas.columns else lemmas
    blocks = [f"<h3>{esc(labels['kwic'])}</h3>"]
    for lemma in content["lemma"].head(terms):
        rows = concordance(index, str(lemma))
        if rows.empty:
            continue
        shown = rows.head(lines)
        items = "".join(
            f'<li class="wb-kwic">…{esc(r.left)}<mark>{esc(r.keyword)}</mark>{esc(r.right)}… '
            f'<span class="wb-tag">{esc(labels.get(r.zone, r.zone))}</span></li>'
            for r in shown.itertuples()
        )
        more = len(rows) - len(shown)
        extra = f"<li>{esc(labels['kwic_more'].format(n=more))}</li>" if more > 0 else ""
        blocks.append(f"<p><strong>{esc(lemma)}</strong></p><ul>{items}{extra}</ul>")
    return "".join(blocks)


def _lemma_chart(lemmas: pd.DataFrame, labels: dict[str, str]) -> str:
    kinds = lemmas["is_name"].map({True: labels["name"], False: labels["common"]})
    colours = {labels["common"]: PALETTE[0], labels["name"]: PALETTE[1]}
    items = ", ".join(f"{row.lemma} ({row.count})" for row in lemmas.itertuples())
    return _bar_chart(
        lemmas, "count", kinds, colours, labels["count"], labels["alt_lemmas"].format(items=items)
    )


def _keyness_chart(keyness: pd.DataFrame, labels: dict[str, str]) -> str:
    directions = (keyness["G2"] > 0).map({True: labels["over"], False: labels["under"]})
    colours = {labels["over"]: PALETTE[0], labels["under"]: PALETTE[5]}
    items = ", ".join(f"{row.lemma} ({row.G2:+.1f})" for row in keyness.itertuples())
    return _bar_chart(
        keyness, "G2", directions, colours, labels["G2"], labels["alt_keyness"].format(items=items)
    )


def _bar_chart(
    frame: pd.DataFrame, value: str, groups: pd.Series, colours: dict[str, str], x_label: str, alt: str
) -> str:
    """Horizontal seaborn bars, one per lemma, coloured by group; only groups present get a legend entry."""
    import seaborn as sns

    data = frame.assign(_group=groups)
    fig = Figure(figsize=(7, 0.28 * len(data) + 1), layout="constrained")
    ax = fig.subplots()
    present = set(data["_group"])
    sns.barplot(
        errorbar=None,
        data=data,
        x=value,
        y="lemma",
        hue="_group",
        dodge=False,
        ax=ax,
        palette=colours,
        hue_order=[g for g in colours if g in present],
    )
    if (data[value] < 0).any():
        ax.axvline(0, color="#444444", linewidth=0.8)
    ax.set_xlabel(x_label)
    ax.set_ylabel("")
    ax.legend(title="", loc="lower right")
    return figure(fig, alt)
