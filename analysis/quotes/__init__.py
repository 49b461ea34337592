"""Quotes in Norwegian news: direct and indirect speech with exact offsets, cue and resolved speaker.

One module per quoting convention (shared/eval/GUIDELINES.md); each proposes the quotes of its convention
paragraph by paragraph, so the work stays linear in the length of the article:
- `headline`: "Russlands utenriksminister: – Ikke redd for noen", dash headlines, crossheads and captions;
- `dash`: paragraphs opened by a dash ("– A, sier X. – B." is two quotes); an unattributed one goes to the
  voice the context implies; `interview`: questions (speaker JOURNALIST) and who answers them; `questionnaire`:
  undashed questions, each answered by a dash paragraph that may run on into the next question;
- `marked`: text in « », " ", “ ” or ” ” (four words or more), also over several paragraphs; `works`
  vetoes titles of works ("debutromanen «…»", "«…» slippes fredag");
- `indirect`: a reporting verb (analysis/data/speech_verbs_nb.txt) with an "at"/"om" clause, reported
  questions ("spurt av X om ..."); `postposed`: "X, mener Y" and "Det opplyser X" after the content;
  `ifolge`: "ifølge X" anywhere in a sentence.
Conventions run in the order of `CONVENTIONS` on each paragraph; each claims the spans it takes
(`merge.Claims`), and later ones leave claimed spans alone (a dash paragraph's attribution is no indirect
quote of its own). `merge` then settles what was left open (unattributed quotes, headline quotes that
repeat a body quote). `attribution` finds the speaker phrase in the syntax ("sier X", "X mener",
"Høyres talsperson, Lise Marstrander,"); `resolve` names it against the article's discourse model
(analysis/discourse.py), nearest salient compatible referent first: names and their forms, titles and
descriptions ("statsråden", "24-åringen", "Forsvarskjempen"), han/hun by salience (paragraph recency,
subject before object, main clause before a fronted one) and gender (first name, the article's own
pronouns, gendered nouns), unnamed people brought in by a description ("Elevens morfar"). Each quote
keeps the words that named its speaker (`speaker_mention`).

Adding a convention: one module with a `propose` function, one entry in `CONVENTIONS`, one test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..article import Article, Zone
from ..discourse import DiscourseModel, speaker_id
from ..records import Quote
from . import dash, headline, indirect, marked, merge, questionnaire
from .candidate import Candidate
from .cues import speech_verbs
from .merge import Claims
from .patterns import DASH_START, HEADLINE_ZONES, QUOTE_COLUMNS, QUOTE_ZONES
from .state import QuotePass

__all__ = ["QUOTE_COLUMNS", "QuoteExtraction", "extract", "speech_verbs"]


def _headline_zone(qp: QuotePass, zone: Zone, label: str, following: Zone | None, claimed: Claims) -> None:
    if label == "headline":
        headline.propose(qp, zone, claimed)


def _dash_paragraph(qp: QuotePass, zone: Zone, label: str, following: Zone | None, claimed: Claims) -> None:
    if label == "headline":
        return
    if DASH_START.match(zone.text):
        dash.propose(qp, zone, following, claimed)
    else:
        qp.narration, qp.answer_to = zone, None  # narration: it may set up the next dash paragraph
        qp.resolver.narration_subject(zone.text, zone.start)


def _questionnaire(qp: QuotePass, zone: Zone, label: str, following: Zone | None, claimed: Claims) -> None:
    questionnaire.propose(qp, zone, label, following, claimed)


def _marked(qp: QuotePass, zone: Zone, label: str, following: Zone | None, claimed: Claims) -> None:
    marked.propose(qp, zone, label, claimed)


def _indirect(qp: QuotePass, zone: Zone, label: str, following: Zone | None, claimed: Claims) -> None:
    indirect.propose(qp, zone, label, claimed)  # at/om clauses, "X, mener Y", "ifølge X"


# (pass, paragraph, "headline"/"body", the next paragraph, spans claimed so far in this paragraph)
Convention = Callable[[QuotePass, Zone, str, "Zone | None", Claims], None]
CONVENTIONS: tuple[Convention, ...] = (_headline_zone, _dash_paragraph, _questionnaire, _marked, _indirect)


@dataclass
class QuoteExtraction:
    """The quotes of one article and the discourse model their speakers were resolved against.

    `quotes` are sorted by start; each names its speaker (None when unresolved), `speaker_id` keys the
    article's speakers and `speaker_mention` holds the words that name the speaker for that quote."""

    article: Article
    quotes: list[Quote]
    discourse: DiscourseModel

    def __deepcopy__(self, memo: dict) -> QuoteExtraction:
        # pandas copies a frame's attrs deeply; the extraction is read-only, one object per article
        return self


def extract(article: Article) -> QuoteExtraction:
    """Every direct and indirect quote of the article with its speaker, and the discourse model."""
    model = DiscourseModel(article)
    candidates = _run(QuotePass(article, model))
    text = article.text
    ids: dict[str, str] = {}  # speaker → its id, worked out once per speaker
    # a name that speaks as a person anywhere is a person in all its quotes ("– Jeg …, forteller Siri")
    people = {c.speaker for c in candidates if c.speaker and c.speaker_kind == "person"}
    quotes = [
        Quote(
            kind=c.kind,
            zone=c.zone,
            start=c.start,
            end=c.end,
            text=text[c.start : c.end],
            speaker=c.speaker,
            speaker_kind=("person" if c.speaker in people else c.speaker_kind) if c.speaker else None,
            cue=c.cue,
            speaker_id=(ids.get(c.speaker) or ids.setdefault(c.speaker, speaker_id(c.speaker)))
            if c.speaker
            else None,
            speaker_mention=c.mention if c.speaker else None,
        )
        for c in candidates
    ]
    return QuoteExtraction(article, quotes, model)


def _run(qp: QuotePass) -> list[Candidate]:
    paragraphs = sorted((z for z in qp.article.zones if z.kind in QUOTE_ZONES), key=lambda z: z.start)
    for index, zone in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        label = "headline" if zone.kind in HEADLINE_ZONES else "body"
        if qp.carried_claims:
            qp.carried_claims = [c for c in qp.carried_claims if c[1] > zone.start]
        claimed = Claims(qp.carried_claims)
        for convention in CONVENTIONS:
            convention(qp, zone, label, following, claimed)
        qp.previous_paragraph = zone
    merge.settle_pending(qp)
    qp.quotes.sort(key=lambda q: (q.start, q.end))
    return qp.quotes
