"""The report's top: title, date, length and four findings an editor reads in ten seconds.

The findings are plain sentences built from the article's analysis (speakers, quotes, cues); each one says
so plainly when there is nothing to report, so the summary never fails and never guesses.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from ..analysis import ArticleAnalysis, Cue
from ..article import Article
from ..records import JOURNALIST, Quote, Speaker
from .html import esc
from .overview import header_html

ANCHOR = "summary"

LABELS = {
    "nb": {
        "findings": "Hovedfunn",
        "see_text": "Se artikkelteksten med sitatene og stemningsordene markert",
        "no_quotes": "Ingen sitater funnet: artikkelen gir ingen kilde ordet.",
        "top_share": "{name} har flest siterte ord: {share} av ordene i direkte sitater i brødteksten "
        "({words} av {total} ord).",
        "runner_up": " Deretter følger {name} med {share}.",
        "only_speaker": " Ingen andre kilder siteres direkte.",
        "only_indirect": "Ingen direkte sitater i brødteksten; {name} gjengis oftest ({count} indirekte {unit}).",
        "quote_units": ("sitat", "sitater"),
        "women": "{women} av {people} {sources} er kvinner; de har {share} av de siterte ordene.",
        "women_no_words": "{women} av {people} {sources} er kvinner; ingen av dem siteres direkte.",
        "source_units": ("kilde", "kilder"),
        "gender_unknown": " Kjønnet er ukjent for {unknown}.",
        "no_people": "Ingen personer siteres; kjønnsbalansen kan ikke måles.",
        "headline_none": "Tittelen siterer ingen kilde.",
        "headline_none_main": "Tittelen siterer ingen kilde; hovedstemmen i brødteksten er {main}.",
        "headline_same": "Tittelens stemme er også hovedstemmen i brødteksten: {name}.",
        "headline_differs": "Tittelen gir ordet til {headline}, men hovedstemmen i brødteksten er {main} "
        "({share} av de siterte ordene).",
        "headline_only": "Tittelen siterer {headline}; brødteksten har ingen direkte sitater å sammenligne med.",
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
        "top_share": "{name} holds most of the quoted words: {share} of the words in direct quotes in the "
        "body ({words} of {total} words).",
        "runner_up": " Next is {name} with {share}.",
        "only_speaker": " No other source is quoted directly.",
        "only_indirect": "No direct quotes in the body; {name} is reported most often ({count} indirect {unit}).",
        "quote_units": ("quote", "quotes"),
        "women": "{women} of {people} {sources} are women; they hold {share} of the quoted words.",
        "women_no_words": "{women} of {people} {sources} are women; none of them is quoted directly.",
        "source_units": ("source", "sources"),
        "gender_unknown": " Gender unknown for {unknown}.",
        "no_people": "No people are quoted; the gender balance cannot be measured.",
        "headline_none": "The headline quotes no source.",
        "headline_none_main": "The headline quotes no source; the body's main voice is {main}.",
        "headline_same": "The headline's voice is also the body's main voice: {name}.",
        "headline_differs": "The headline gives the say to {headline}, but the body's main voice is {main} "
        "({share} of the quoted words).",
        "headline_only": "The headline quotes {headline}; the body has no direct quotes to compare with.",
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


# ---------------------------------------------------------------- finding 1: who holds the quoted words


@dataclass(frozen=True)
class Share:
    name: str
    direct_words: int
    share: float


def body_shares(speakers: list[Speaker]) -> list[Share]:
    """Each source's share of the body's direct-quote words (the reporter excluded), largest first."""
    voiced = [s for s in speakers if s.name != JOURNALIST and s.direct_words > 0]
    total = sum(s.direct_words for s in voiced)
    shares = [Share(s.name, s.direct_words, s.direct_words / total) for s in voiced]
    return sorted(shares, key=lambda s: -s.direct_words)


def _quoted_words_finding(analysis: ArticleAnalysis, language: str) -> str:
    text = labels(language)
    shares = body_shares(analysis.speakers)
    if not shares:
        indirect = {s.name: s.indirect for s in analysis.speakers if s.name != JOURNALIST and s.indirect}
        if indirect:
            name, count = max(indirect.items(), key=lambda item: item[1])
            unit = text["quote_units"][0 if count == 1 else 1]
            return text["only_indirect"].format(name=name, count=count, unit=unit)
        return text["no_quotes"]
    top = shares[0]
    total = sum(s.direct_words for s in shares)
    sentence = text["top_share"].format(
        name=top.name, share=percent(top.share, language), words=top.direct_words, total=total
    )
    if len(shares) > 1:
        sentence += text["runner_up"].format(name=shares[1].name, share=percent(shares[1].share, language))
    else:
        sentence += text["only_speaker"]
    return sentence


# ---------------------------------------------------------------- finding 2: the headline's voice


def headline_speakers(quotes: list[Quote]) -> list[str]:
    """Sources quoted in the headline, in order of appearance."""
    voices = (q.speaker for q in quotes if q.zone == "headline" and q.speaker and q.speaker != JOURNALIST)
    return list(dict.fromkeys(voices))


def _headline_finding(analysis: ArticleAnalysis, language: str) -> str:
    text = labels(language)
    shares = body_shares(analysis.speakers)
    main = shares[0].name if shares else None
    voices = headline_speakers(analysis.quotes)
    if not voices:
        return text["headline_none_main"].format(main=main) if main else text["headline_none"]
    headline = _join(voices, language)
    if main is None:
        return text["headline_only"].format(headline=headline)
    if main in voices:
        return text["headline_same"].format(name=main)
    return text["headline_differs"].format(
        headline=headline, main=main, share=percent(shares[0].share, language)
    )


def _join(names: list[str], language: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    conjunction = " og " if language != "en" else " and "
    return ", ".join(names[:-1]) + conjunction + names[-1]


# ---------------------------------------------------------------- finding 3: women among the sources


@dataclass(frozen=True)
class GenderBalance:
    """Quoted people by gender, and the body direct-quote words of the women among them."""

    people: int
    women: int
    unknown: int
    women_words: int
    words: int


def gender_balance(speakers: list[Speaker]) -> GenderBalance:
    people = [s for s in speakers if s.kind == "person" and s.name != JOURNALIST and s.gender]
    women = [s for s in people if s.gender == "female"]
    return GenderBalance(
        people=len(people),
        women=len(women),
        unknown=sum(s.gender == "unknown" for s in people),
        women_words=sum(s.direct_words for s in women),
        words=sum(s.direct_words for s in people),
    )


def _gender_finding(analysis: ArticleAnalysis, language: str) -> str:
    text = labels(language)
    balance = gender_balance(analysis.speakers)
    if not balance.people:
        return text["no_people"]
    values = {
        "women": balance.women,
        "people": balance.people,
        "sources": text["source_units"][0 if balance.people == 1 else 1],
    }
    if balance.words:
        sentence = text["women"].format(
            **values, share=percent(balance.women_words / balance.words, language)
        )
    else:
        sentence = text["women_no_words"].format(**values)
    if balance.unknown:
        sentence += text["gender_unknown"].format(unknown=balance.unknown)
    return sentence


# ---------------------------------------------------------------- finding 4: dominant tone and its source


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


def tone_balance(cues: list[Cue], quotes: list[Quote]) -> ToneBalance:
    """Where the cues stand: a cue inside a source's quote counts for that source, any other cue (the
    reporter's questions included) for the narration; the score sums the non-negated polarities."""
    counted = [c for c in cues if not c.negated]
    frames = Counter(key for key in (_frame_key(c.category) for c in counted) if key)
    category, category_count = frames.most_common(1)[0] if frames else (None, 0)
    # sorted and clipped so that they do not overlap: each position belongs to at most one quote
    spans, cursor = [], -1
    for start, end, name in sorted(
        (q.start, q.end, q.speaker or "?") for q in quotes if q.speaker != JOURNALIST
    ):
        start = max(start, cursor)
        if end > start:
            spans.append((start, end, name))
            cursor = end
    starts = [start for start, _, _ in spans]
    by_speaker: Counter[str] = Counter()
    narration = 0
    for cue in cues:
        k = bisect_right(starts, cue.start) - 1
        if k >= 0 and cue.start < spans[k][1]:
            by_speaker[spans[k][2]] += 1
        else:
            narration += 1
    top = by_speaker.most_common(1)[0][0] if by_speaker else None
    return ToneBalance(
        score=float(sum(c.polarity for c in counted)),
        cues=len(cues),
        category=category,
        category_count=category_count,
        sources=sum(by_speaker.values()),
        narration=narration,
        top_speaker=top,
    )


def _category_key(category: str | None) -> str | None:
    if not category:
        return None
    value = category.lower()
    for prefix, key in _CATEGORY_KEYS:
        if value.startswith(prefix) or prefix in value:
            return key
    return value


def _frame_key(category: str | None) -> str | None:
    """One of the five news frames, or None for other categories (plain evaluative words, say)."""
    key = _category_key(category)
    return key if key in _FRAMES else None


def _tone_finding(analysis: ArticleAnalysis, language: str) -> str:
    text = labels(language)
    balance = tone_balance(analysis.cues, analysis.quotes)
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
        source = text["from_sources"].format(
            sources=balance.sources, narration=balance.narration, speaker=balance.top_speaker or "?"
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


def key_findings(analysis: ArticleAnalysis, language: str = "nb") -> list[str]:
    """Four plain sentences: who holds most quoted words, the headline's voice, the women among the quoted
    people, the tone and its source."""
    return [
        _quoted_words_finding(analysis, language),
        _headline_finding(analysis, language),
        _gender_finding(analysis, language),
        _tone_finding(analysis, language),
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


def summary_section(analysis: ArticleAnalysis, language: str = "nb") -> str:
    """The summary section of a report."""
    return summary_html(analysis.article, key_findings(analysis, language), language)
