"""Imported by the corpus workers' fork server: loads the analysis and its word lists once, before forking.

Importing this module analyses one short built-in text, so every stage's lazily loaded resources (word
lists, lexicons, the tagger) are in memory; each worker forked afterwards starts with them (copy-on-write)
instead of loading them itself on its first article.
"""

from __future__ import annotations

import gc

from ..analysis import analyse_article
from ..article import article_from_text

WARM_UP_TEXT = (
    "Regjeringen vil bruke mer penger på skolen\n2024-05-02\n\n"
    "– Vi må gjøre mer for elevene, sier statsminister Kari Nordmann til avisen.\n\n"
    "Hun mener kommunene har fått for lite. Ifølge Utdanningsforbundet er lærerne slitne.\n"
)


def warm_up() -> None:
    analysis = analyse_article(article_from_text(WARM_UP_TEXT, path="warm-up.txt"))
    analysis.quotes, analysis.speakers, analysis.cues, analysis.tone_aggregates  # noqa: B018
    analysis.lemma_counts()
    try:
        analysis.entities  # noqa: B018
    except Exception:  # noqa: BLE001 - an entity stage that fails fails per article, with its reason
        pass


warm_up()
# Everything loaded so far (word lists, the tagger, the lemma dictionary) lives as long as the workers: out of
# the collector's sight it is never traversed again (a full collection over it cost several ms a chunk), and
# its pages stay shared with the fork server instead of being copied when the collector touches them.
gc.freeze()
