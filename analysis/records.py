"""The typed records of one article's analysis: the contract between the analysis stages and everything
that reads them (report sections, `analyze --json`, batch summaries, corpus tables).

Every record that stands for words of the article carries character offsets into `Article.text`, so any
figure built from it can show its evidence. Records are plain frozen dataclasses with plain Python values;
`as_dict` gives the JSON form. This module imports nothing of the package: every stage may use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

JOURNALIST = "JOURNALIST"  # the speaker of interview questions (the reporter's own voice)


@dataclass(frozen=True, slots=True)
class Span:
    """Words of the article: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Quote:
    """One direct or indirect quote. `zone` follows the guidelines: "headline" (headline, crosshead,
    caption) or "body" (lead and body). `speaker` is the resolved speaker's name (None when unresolved),
    `speaker_id` its key in the article's speakers, `speaker_mention` the words naming the speaker for this
    quote ("hun", "skuespilleren", "Hendricks"; None when the speaker is only implied)."""

    kind: str  # "direct" or "indirect"
    zone: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_kind: str | None  # "person", "organisation", "group", "journalist" ...
    cue: str | None
    speaker_id: str | None = None
    speaker_mention: Span | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "zone": self.zone,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "cue": self.cue,
            "speaker_mention": self.speaker_mention.as_dict() if self.speaker_mention else None,
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """One voice of the article with its tallies. `share` is its share of the words in body direct
    quotes (the editor's "who gets the say"); `share_all` counts headline-zone direct quotes too.
    `gender` is "female", "male" or "unknown" for people, None for organisations and JOURNALIST;
    `gender_evidence` says why ("pronoun", "first name", "none")."""

    id: str
    name: str
    kind: str | None
    role: str | None
    affiliation: str | None
    mentions: int
    direct: int
    indirect: int
    direct_words: int
    share: float
    share_all: float
    gender: str | None = None
    gender_evidence: str | None = None
    mention_spans: tuple[Span, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "mention_spans"}
        values["mention_spans"] = [span.as_dict() for span in self.mention_spans]
        return values


@dataclass(frozen=True, slots=True)
class Entity:
    """A mention of a person, organisation or place ("other" for works, events and the like)."""

    start: int
    end: int
    text: str
    type: str  # "person", "organisation", "place", "other"

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type}


@dataclass(frozen=True, slots=True)
class Cue:
    """A sentiment cue: the word(s) at `start:end`, its category, polarity in context and negation."""

    term: str
    lemma: str
    category: str
    polarity: float
    start: int
    end: int
    negated: bool
    sentence: int
    zone: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "lemma": self.lemma,
            "category": self.category,
            "polarity": self.polarity,
            "start": self.start,
            "end": self.end,
            "negated": self.negated,
            "sentence": self.sentence,
        }


ENTITY_TYPES = ("person", "organisation", "place", "other")
