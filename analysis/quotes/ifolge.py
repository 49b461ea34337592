"""Content attributed with "ifølge X" anywhere in a sentence."""

from __future__ import annotations

import re

from ..discourse import NAME_TOKEN, organisation_heads
from .candidate import Candidate
from .patterns import (
    DOCUMENT_FROM,
    DOCUMENT_NOUNS,
    FINITE_VERBS,
    FROM_DEFINITE,
    GENITIVE_SOURCE,
    ORG_NAME,
    PRONOUNS,
    SOURCE_NOUNS,
)

_APPOSED_NAME = re.compile(rf"[^,]{{1,40}},\s+(?:[a-zæøå-]+\s+)?((?:{NAME_TOKEN})(?:\s+{NAME_TOKEN})+),")
_TOKEN = re.compile(r"[\w'’.-]+|[^\w\s]")
_NAMED_PLACE_AFTER = re.compile(rf"\s+(?:i|fra|hos|av)\s+(?:{NAME_TOKEN})(?:\s+{NAME_TOKEN})*")
_APPOSITION_AFTER = re.compile(
    rf"(?:\s+(?:ved|i|for|til)\s+[^,]{{1,40}}|\s+(?:hans|hennes|deres))?,\s+(?:[a-zæøå-]+\s+)?"
    rf"((?:{NAME_TOKEN})(?:\s+{NAME_TOKEN})+)\s*(?=,|\.|$)"
)
_TRAILING_COMMAS = re.compile(r"[,\s]+$")


def ifolge_source(text: str, start: int, end: int) -> str:
    """The source named after a mid-sentence "ifølge": its apposed name ("forsvareren hans, advokat Kari
    Li,") or the words up to the next comma."""
    segment = text[start:end]
    apposed = _APPOSED_NAME.match(segment)
    if apposed:
        return apposed.group(1)
    return segment.split(",")[0] if "," in segment else ""


def ifolge(qp, text: str, base: int, label: str, s_start: int, s_end: int, match) -> None:
    np_start = match.end()
    tokens = list(_TOKEN.finditer(text[np_start:s_end]))
    taken = 0
    capital_seen = False
    for k, token in enumerate(tokens):
        word = token.group(0)
        if word in (",", ".", "!", "?", ";", ":"):
            break
        if word[:1].isupper() or (word.startswith(("al-", "el-")) and capital_seen):
            organisation = None if capital_seen else ORG_NAME.match(text, np_start + token.start(), s_end)
            capital_seen = True
            if organisation:  # "ifølge Statistisk sentralbyrå": the name runs on in lower case
                taken = k + 1
                while taken < len(tokens) and np_start + tokens[taken].end() <= organisation.end():
                    taken += 1
                break
            taken = k + 1
            continue
        if capital_seen:
            if word.lower() in SOURCE_NOUNS and tokens[k - 1].group(0).endswith("s"):
                taken = k + 1  # "ifølge NRKs opplysninger": the owner of the information is the source
            break
        low = word.lower()
        if low in FINITE_VERBS:
            break
        taken = k + 1
        if low in PRONOUNS:
            break
        if low in ("en", "et", "ei", "den", "det", "de", "flere", "nye", "ny", "avisen", "avisa"):
            continue
        if (
            low.endswith(("e", "s"))
            and k + 1 < len(tokens)
            and tokens[k + 1].group(0)[:1].islower()
            and tokens[k + 1].group(0) not in ("fra", "hos", "i", "av")  # "en uttalelse fra": a noun
        ):
            continue  # adjectives and genitives before the head noun ("kommunens egne tall")
        if (
            k + 1 < len(tokens)
            and tokens[k + 1].group(0)[:1].isupper()
            and (low in ("avisen", "avisa", "leder") or low in organisation_heads())
        ):
            continue
        break
    rest_words = [t.group(0).lower() for t in tokens if t.group(0)[:1].isalnum()]
    sentence_final = text[s_start : match.start()].rstrip().endswith(",")
    if sentence_final and rest_words and len(rest_words) <= 14 and not (set(rest_words) & FINITE_VERBS):
        taken = len(tokens) - (1 if tokens[-1].group(0) in ".!?" else 0)
    elif taken and taken < len(tokens):
        # "ifølge en måling i Adresseavisa": a place or outlet in a following phrase belongs to the source
        tail = text[np_start + tokens[taken - 1].end() : s_end]
        pp = _NAMED_PLACE_AFTER.match(tail)
        if pp is None and tokens[taken - 1].group(0).lower() in DOCUMENT_NOUNS:
            pp = FROM_DEFINITE.match(tail)  # "ifølge en pressemelding fra festivalen"
        if pp and not capital_seen:
            phrase_end = np_start + tokens[taken - 1].end() + pp.end()
            name_start = phrase_end - len(pp.group(0).split(None, 1)[1])
            organisation = ORG_NAME.match(text, name_start, s_end)
            if organisation:
                phrase_end = max(phrase_end, organisation.end())
            while taken < len(tokens) and np_start + tokens[taken].end() <= phrase_end:
                taken += 1
    np_end = np_start + (tokens[taken - 1].end() if taken else 0)
    phrase = text[np_start:np_end].rstrip(".")
    # "ifølge leder ved Antirasistisk Senter, Kari Helene Partapuoli, ..." — a name in apposition
    apposition = _APPOSITION_AFTER.match(text[np_end:s_end])
    if apposition:
        phrase = apposition.group(1)
        np_end += apposition.end()
    if not phrase:
        return
    source = GENITIVE_SOURCE.fullmatch(phrase) or DOCUMENT_FROM.fullmatch(phrase)
    speaker, kind = qp.resolver.resolve(
        source.group(1) if source else phrase, base + np_start, at=base + np_start
    )
    start, end = s_start, s_end
    if text[s_start : match.start()].strip() == "":
        start = np_end
        if text[start : start + 1] == ",":
            start += 1
    elif text[np_end:s_end].strip(" .!?") == "":
        end = match.start()
        trailing = _TRAILING_COMMAS.search(text[s_start:end])
        if trailing:
            end = s_start + trailing.start()
    q = Candidate("indirect", label, base + start, base + end, match.group(0).strip(), speaker, kind)
    qp.add(q)
