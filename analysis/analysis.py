"""One analysis per article: `analyse_article(article)` builds the `ArticleAnalysis` that every reader uses.

The report sections, `workbook analyze --json`, the batch index and the corpus tables all read this one
object and never re-run a stage. Sections are computed on first use and kept on the object (a corpus build
that needs lemma counts and speakers never pays for n-grams and keyness); nothing is cached anywhere else,
so no state passes from one article to the next.

Stages run in the order of the data flow: text → entities, quotes → speakers → tone (which needs the
quote spans to tell the sources' voices from the reporter's) → terms.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from functools import cached_property
from itertools import starmap
from typing import TYPE_CHECKING, Any

from .article import Article
from .jsonable import plain
from .records import JOURNALIST, Cue, Entity, Quote, Speaker

if TYPE_CHECKING:  # pragma: no cover - types only
    import pandas as pd

    from .quotes import QuoteExtraction
    from .sentiment import ArticleTone
    from .terms import TermIndex

DEFAULT_TOP_N = 50
# the sections of an analysis in the order of the data flow (each may read those before it)
SECTIONS = ("quotes", "entities", "speakers", "tone", "cues", "tone_aggregates", "terms")


class ArticleAnalysis:
    """Everything the workbook finds in one article, each section computed once, on first use.

    Typed records (`quotes`, `speakers`, `entities`, `cues`) are the contract; the `*_frame` methods give
    pandas views of them for notebook users and charts.
    """

    def __init__(self, article: Article, top_n: int = DEFAULT_TOP_N) -> None:
        self.article = article
        self.top_n = top_n

    @classmethod
    def with_sections(cls, article: Article, top_n: int = DEFAULT_TOP_N, **sections: Any) -> ArticleAnalysis:
        """An analysis whose named sections (quotes, speakers, cues, ...) are given rather than computed:
        for records made elsewhere (a worker process, a stored dataset, a test)."""
        analysis = cls(article, top_n=top_n)
        for name, value in sections.items():
            if not isinstance(getattr(cls, name, None), cached_property):
                raise TypeError(f"ArticleAnalysis has no section {name!r}")
            analysis.__dict__[name] = value  # a cached_property reads the instance's dict first
        return analysis

    # -- stages -------------------------------------------------------------------------------------------
    @cached_property
    def extraction(self) -> QuoteExtraction:
        """The quotes stage: quotes with resolved speakers, and the discourse model they were resolved in."""
        from .quotes import extract

        return extract(self.article)

    @cached_property
    def quotes(self) -> list[Quote]:
        """Every direct and indirect quote, in text order."""
        return self.extraction.quotes

    @cached_property
    def speakers(self) -> list[Speaker]:
        """The article's voices, most quoted first; people carry their gender and its evidence."""
        from dataclasses import replace

        from .gender import PRONOUN_EVIDENCE, SpanIndex, infer_gender

        text, entities = self.article.text, SpanIndex(self.entities)
        voices = []
        for speaker in self._untyped_speakers:
            if speaker.kind not in _TYPED_KINDS or speaker.name == JOURNALIST:
                voices.append(speaker)
                continue
            gender, evidence = infer_gender(text, speaker.name, speaker.mention_spans, entities)
            # one typing of names throughout the analysis; a name the article calls han/hun is a person
            typed = self.name_type(speaker.name, called_han_or_hun=evidence == PRONOUN_EVIDENCE)
            kind = typed if typed in _TYPED_KINDS else speaker.kind
            if kind == "person":
                speaker = replace(speaker, kind=kind, gender=gender, gender_evidence=evidence)
            else:
                speaker = replace(speaker, kind=kind, gender=None, gender_evidence=None)
            voices.append(speaker)
        return voices

    @cached_property
    def _untyped_speakers(self) -> list[Speaker]:
        """The speakers stage before typing: it needs the quotes only, so a long article computes it while
        a worker still tags entities."""
        from .speakers import speakers

        return speakers(self.article, self.extraction)

    @cached_property
    def entities(self) -> list[Entity]:
        """Typed mentions of people, organisations and places in the analysed zones."""
        from .entities import find_entities

        return find_entities(self.article)

    @cached_property
    def _entities_by_last_word(self) -> dict[str, list[Entity]]:
        by_last: dict[str, list[Entity]] = {}
        for entity in self.entities:
            words = entity.text.split()
            if words:
                by_last.setdefault(words[-1], []).append(entity)
        return by_last

    def name_type(self, name: str, called_han_or_hun: bool = False) -> str | None:
        """The type the article's entity mentions give a name (`entities.entity_type_of`), for the speakers
        and the names table. That rule reads only mentions ending in the name's last word (or its
        genitive), so only those are passed: a long article has many names and many mentions."""
        from .entities import entity_type_of

        words = name.split()
        last = words[-1] if words else name
        nearby = self._entities_by_last_word.get(last, []) + self._entities_by_last_word.get(last + "s", [])
        return entity_type_of(name, nearby, called_han_or_hun)

    @cached_property
    def tone(self) -> ArticleTone:
        """The tone pass: cue rows and sentence tones of the analysed zones."""
        from .sentiment import analyse

        return analyse(self.article)

    @cached_property
    def cues(self) -> list[Cue]:
        tone = self.tone
        zones = [tone.sentence_rows[k][4] for k in tone.cue_sentences]
        return [
            Cue(term, lemma, category, polarity, start, end, bool(negated), sentence, zone)
            for (term, lemma, category, _, polarity, start, end, negated), sentence, zone in zip(
                tone.cue_rows, tone.cue_sentences, zones, strict=True
            )
        ]

    @cached_property
    def tone_aggregates(self) -> list[dict[str, Any]]:
        """Tone per article, zone, speaker (inside their quotes) and the reporter (outside them)."""
        from .sentiment import aggregate_rows

        spans = [(q.start, q.end, q.speaker) for q in self.quotes]
        return aggregate_rows(self.article, self.tone, spans)

    @cached_property
    def term_index(self) -> TermIndex:
        from .terms import term_index

        return term_index(self.article)

    @cached_property
    def terms(self) -> dict[str, list[dict]]:
        """Top lemmas, names, n-grams and keyness (the `"terms"` section of the JSON)."""
        terms = self._untyped_terms
        # the names table types names as the entities stage does (a copy: the untyped rows stay as they are)
        names = [
            {**row, "kind_hint": self._name_kind(row["name"], row["kind_hint"])} for row in terms["names"]
        ]
        return {**terms, "names": names}

    @cached_property
    def _untyped_terms(self) -> dict[str, list[dict]]:
        from .terms import terms_json

        return terms_json(self.term_index, top_n=self.top_n)

    def lemma_counts(self) -> dict[str, int]:
        """Every lemma of the analysed zones and its count: all a corpus needs of the terms stage."""
        from .terms import lemma_counts

        return dict(lemma_counts(self.term_index))

    # -- views --------------------------------------------------------------------------------------------
    def quotes_frame(self) -> pd.DataFrame:
        """The quotes as a table (kind, zone, text, start, end, speaker, speaker_kind, cue, speaker_id)."""
        import pandas as pd

        from .quotes import QUOTE_COLUMNS

        columns = [*QUOTE_COLUMNS, "speaker_id"]
        rows = [[getattr(q, c) for c in columns] for q in self.quotes]
        return pd.DataFrame(rows, columns=columns).astype({"start": "int64", "end": "int64"})

    def speakers_frame(self) -> pd.DataFrame:
        import pandas as pd

        from .speakers import TABLE_COLUMNS

        columns = ["id", *TABLE_COLUMNS, "gender", "gender_evidence"]
        return pd.DataFrame([[getattr(s, c) for c in columns] for s in self.speakers], columns=columns)

    def names_frame(self) -> pd.DataFrame:
        """The names table (terms stage) with each name typed as the entities stage types it."""
        from .terms import name_table

        frame = name_table(self.term_index)
        names, hints = frame["name"].tolist(), frame["kind_hint"].tolist()
        return frame.assign(kind_hint=[self._name_kind(n, h) for n, h in zip(names, hints, strict=True)])

    def _name_kind(self, name: str, hint: str) -> str:
        """The entities stage's type of a name where it gives one the names table knows, else the hint."""
        typed = self.name_type(name)
        return typed if typed in _NAME_KINDS else hint

    def entities_frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame([e.as_dict() for e in self.entities], columns=["start", "end", "text", "type"])

    def cues_frame(self) -> pd.DataFrame:
        return self.tone.cues.copy()

    def sentences_frame(self) -> pd.DataFrame:
        return self.tone.sentences.copy()

    def tone_frame(self) -> pd.DataFrame:
        import pandas as pd

        from .sentiment import AGGREGATE_COLUMNS

        return pd.DataFrame(self.tone_aggregates, columns=AGGREGATE_COLUMNS)

    def complete(self, parallel: bool | None = None) -> ArticleAnalysis:
        """Compute every section now. `parallel` (default: automatic, for long articles on machines with
        several cores) tags entities and counts the terms in a forked worker while this process finds the
        quotes and their speakers and scores the tone; the result is the same either way."""
        if parallel is None:
            parallel = self.article.words >= PARALLEL_MIN_WORDS and (os.cpu_count() or 1) > 1 and _can_fork()
        with collector_paused():
            if parallel and not set(_WORKER_SECTIONS) & set(self.__dict__):
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                context = multiprocessing.get_context("fork")
                token = object()
                _FORKED_INPUTS[id(token)] = (self.article, self.top_n)
                try:
                    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
                        independent = pool.submit(_forked_sections, id(token))
                        for section in _MAIN_SECTIONS:  # computed here meanwhile
                            getattr(self, section)
                        sections = independent.result()
                finally:
                    del _FORKED_INPUTS[id(token)]
                sections["entities"] = list(starmap(Entity, sections["entities"]))
                # a cached_property is an entry of the instance's dict: the worker's results take its place
                self.__dict__.update(sections)
            for section in SECTIONS:
                getattr(self, section)
        return self

    # -- outputs ------------------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The object of `workbook analyze --json` (the README documents it); plain JSON values only."""
        with collector_paused():  # a long article's object is millions of small ones
            return self._json()

    def _json(self) -> dict[str, Any]:
        return {
            "article": plain(article_json(self.article)),
            "terms": self.terms,
            **self.voices_json(),
            "entities": [e.as_dict() for e in self.entities],
            "sentiment": {
                "cues": [c.as_dict() for c in self.cues],
                "sentences": [
                    {"start": start, "end": end, "score": score, "label": label}
                    for start, end, score, label, _ in self.tone.sentence_rows
                ],
                "aggregates": self.tone_aggregates,
            },
        }

    def voices_json(self) -> dict[str, Any]:
        """{"quotes", "speakers"} of the JSON: what the scorer of the annotation guidelines reads."""
        return {
            "quotes": [q.as_dict() for q in self.quotes],
            "speakers": [s.as_dict() for s in self.speakers],
        }

    def summary(self, top_speakers: int = 3) -> dict[str, Any]:
        """The few facts an index of many reports shows per article: title, date, length, top voices, tone.

        `speakers` lists {"name", "share"} for the voices holding most of the body's directly quoted words;
        `tone` is the article's tone label (negative/neutral/positive) with its tension per 100 words.
        """
        quoted = sorted((s for s in self.speakers if s.share > 0), key=lambda s: -s.share)[:top_speakers]
        whole = next((row for row in self.tone_aggregates if row["scope"] == "article"), None)
        return plain(
            {
                "title": self.article.title,
                "date": self.article.date,
                "words": self.article.words,
                "language": self.article.language,
                "quotes": len(self.quotes),
                "speakers": [{"name": s.name, "share": round(s.share, 3)} for s in quoted],
                "tone": whole["label"] if whole else None,
                "tension": round(float(whole["tension"]), 1) if whole else None,
            }
        )


def analyse_article(article: Article, top_n: int = DEFAULT_TOP_N) -> ArticleAnalysis:
    """The one function that analyses an article; sections are computed when first read (or all at once
    with `.complete()`)."""
    return ArticleAnalysis(article, top_n=top_n)


# Above this many words the entities and the terms are computed in a second process while this one finds
# quotes: they are independent, and a long article is where the second core pays for the fork.
PARALLEL_MIN_WORDS = 200_000


# A long article's sections on two cores: a forked worker tags entities and counts the terms (they need no
# quotes) while this process finds the quotes and their speakers and scores the tone. On a 1M-word article
# (CPU seconds): extraction 3.0, speakers 0.14, tone 0.9 here; entities 2.1, terms 1.5 there, 0.05 to send
# back. The other splits leave one core at 4.6 s. What needs both halves (typing speakers, tone per voice,
# the names table's types) runs after. The worker sends the terms' tables, not its `TermIndex`: a caller
# that asks for the index afterwards builds it here.
_WORKER_SECTIONS = ("entities", "_untyped_terms")
# (cues and the tone per voice need only this side's sections: computed before the worker's results are
# waited for, they fill the time a worker that still loads the tagger and the lemma dictionary takes)
_MAIN_SECTIONS = ("extraction", "_untyped_speakers", "tone", "cues", "tone_aggregates")


# The article a forked worker analyses, under a key only its `complete()` call knows: the worker inherits
# it with the rest of the memory at the fork (a pool started with the "fork" method forks on the first
# submit), where sending it would pickle a 1M-word article in both processes (0.2 s). Emptied right after.
_FORKED_INPUTS: dict[int, tuple[Article, int]] = {}


def _forked_sections(key: int) -> dict[str, Any]:
    article, top_n = _FORKED_INPUTS[key]
    analysis = ArticleAnalysis(article, top_n=top_n)
    with collector_paused():
        sections = {name: getattr(analysis, name) for name in _WORKER_SECTIONS}
    # plain tuples cross the process boundary several times faster than dataclass instances
    sections["entities"] = [(e.start, e.end, e.text, e.type) for e in sections["entities"]]
    return sections


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while an analysis builds its many small objects.

    The analysis makes millions of short-lived tuples and no reference cycles worth collecting; with the
    collector on, its full passes over a growing heap make a 1M-word article several times slower.
    Reference counting still frees everything; one collection runs afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def article_json(article: Article) -> dict[str, Any]:
    return {
        "path": str(article.path),
        "title": article.title,
        "date": article.date,
        "language": article.language,
        "words": article.words,
        "encoding": article.encoding,
        "format": article.source_format,
        "zones": [{"kind": z.kind, "start": z.start, "end": z.end, "text": z.text} for z in article.zones],
    }


_TYPED_KINDS = ("person", "organisation")
# the entity types the names table shows ("other" names keep the table's own reading)
_NAME_KINDS = ("person", "organisation", "place")
