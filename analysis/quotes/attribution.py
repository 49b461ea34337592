"""Speaker phrases in the syntax of attributions: the phrase after a reporting verb, the subject before it,
the introduction before a colon."""

from __future__ import annotations

import re

from ..discourse import (
    NAME_RE,
    NAME_TOKEN,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    clean_name,
    function_words,
    names_a_source,
    role_of,
)
from .cues import cues_in, next_cue_re
from .patterns import (
    APPOSITION_SUBJECT,
    ATTRIBUTION_STOPS,
    AUXILIARIES,
    CONJUNCTIONS,
    DESCRIPTION_STOPS,
    DETERMINERS,
    FINITE_VERBS,
    IFOLGE,
    INDEFINITE_SUBJECT,
    NAME_PARTICLES,
    ORG_HEAD_ENDINGS,
    PREPOSITIONS,
    PRONOUNS,
    SENTENCE_END,
    SENTENCE_END_MARK,
)

# compiled once: these run for every attribution
_RELATIVE_CLAUSE = re.compile(r",\s+som\s")
_ADJUNCT = re.compile(r"(?:i|på|til|overfor|under|om|dette|det|følgende)\b")
_OPENING_PRONOUN = re.compile(r"\s*(Han|Hun|De)\s")
_OPENING_NAME = re.compile(rf"\s*((?:{NAME_TOKEN})(?:\s+{NAME_TOKEN})*)")
_DESCRIPTION_BEFORE_AUXILIARY = re.compile(
    r"\s*([A-ZÆØÅ][\w-]*(?:\s+[a-zæøå][\w-]*){0,2}?)\s+(?:har|hadde|skal|vil|kan|har\s+\w+)\b"
)

# -------------------------------------------------------- attribution phrases


def attribution_phrase(text: str, start: int) -> tuple[str, int]:
    """The speaker phrase after a reporting verb, and where its sentence ends (absolute offsets)."""
    end_match = SENTENCE_END_MARK.search(text, start) or SENTENCE_END.search(text, start)
    stop = end_match.start() if end_match else len(text)
    sentence_end = end_match.end() if end_match else len(text)
    segment = text[start:stop]
    parts = segment.split(",")
    phrase = parts[0]
    # "sa en av opprørernes militærsjefer, Salem Muftah al-Refaidy": a name in apposition after a comma
    if len(parts) > 1:
        appended = parts[1].strip()
        name = NAME_RE.match(appended)
        if name and name.end() == len(appended.split(" til ")[0]) and not IFOLGE.match(appended):
            if not NAME_RE.search(phrase) or role_of(phrase):
                phrase = f"{phrase}, {appended.split(' til ')[0]}"
    return cut_phrase(phrase), sentence_end


def cut_phrase(phrase: str) -> str:
    """The speaker phrase at the start of the words after a reporting verb: "Ola Berg i Nordbank" of "Ola
    Berg i Nordbank til VG", "IL-fansen" of "IL-fansen av full hals hver gang …"."""
    tokens = phrase.split()
    out: list[str] = []
    named = False
    for index, token in enumerate(tokens):
        low = token.lower().strip(",")
        if named and token[:1].islower() and low not in NAME_PARTICLES:
            # a name ends at a lower-case word unless a name follows ("Venstres gruppeleder Jon Gunnes",
            # "Ola Berg i Nordbank")
            # ("Statens vegvesen", "Innlandet politidistrikt": an institution's lower-case head)
            if not any(t[:1].isupper() for t in tokens[index + 1 : index + 3]) and not low.endswith(
                ORG_HEAD_ENDINGS
            ):
                break
        if out and out[0].lower() in PERSON_PRONOUNS:
            break  # "sier han videre", "sa hun lattermildt": the pronoun is the speaker
        pronoun_first = bool(out) and out[0].lower() in PRONOUNS
        if out and (named or pronoun_first) and low in ATTRIBUTION_STOPS:
            break
        if out and not named and low in DESCRIPTION_STOPS:
            break
        if out and low == "og" and index + 1 < len(tokens):
            after = tokens[index + 1]
            if after[:1].islower() and not names_a_source(after):
                break  # "sa faren og tok en pause": a second verb, not a second speaker ("mor og datter")
        out.append(token)
        if token[:1].isupper() and low not in function_words():
            named = True
    return " ".join(out)


def plausible_speaker(phrase: str, need_capital: bool) -> bool:
    words = phrase.split()
    if not words or len(words) > 14:
        return False
    first = words[0].lower()
    if need_capital:
        return words[0][:1].isupper() and first not in function_words()
    if (
        first in PERSON_PRONOUNS
        or first in PLURAL_PRONOUNS
        or first in ("en", "ei", "et", "den", "det", "de")
    ):
        return first != "det" or len(words) > 1
    return first not in function_words() and first not in CONJUNCTIONS


def attribution_end(text: str, start: int, sentence_end: int) -> int:
    """End of an attribution clause: before a relative clause (", som er klar på at ...") or a new cue."""
    relative = _RELATIVE_CLAUSE.search(text[start:sentence_end])
    if relative:
        return start + relative.start()
    coordinated = next_cue_re().search(text, start, sentence_end)
    return coordinated.start() + 1 if coordinated else sentence_end


def introduction(before: str, speaker_words: int | None = None) -> tuple[str, str] | None:
    """(cue, speaker phrase) of "X sier: «...»" or "Det sa X: «...»" right before a quote mark; with
    `speaker_words`, only where at most that many words stand between the verb and the colon (a colon
    after a clause, "som hevder spillet er et alternativ til «Wii Fit»:", introduces no speaker)."""
    if not before.rstrip().endswith(":"):
        return None
    cues = list(cues_in(before, 0, len(before)))
    if not cues:
        return None
    between = before[cues[-1].end() :].strip(" :")
    if speaker_words is not None and len(between.split()) > speaker_words:
        return None
    # "skriver i en pressemelding:", "sa dette om saken:" — a phrase that is not the speaker
    adjunct = _ADJUNCT.match(between)
    if between and not adjunct:
        if plausible_speaker(between, need_capital=False):
            return cues[-1].group(0), between  # inverted: "sier statsministeren:"
        return None
    cue = cues[-1]
    subject = subject_before(before[: cue.start()]) or sentence_subject(before[: cue.start()])
    return (cue.group(0), subject) if subject else None


def apposition_subject(left: str) -> str:
    """The speaker of "Subject, apposition, <verb>": the name where either part is one, else the
    description ("en 19 år gammel kvinne"); '' when `left` is no such subject."""
    tokens = left.split()
    while tokens and tokens[-1].lower() in AUXILIARIES:
        tokens.pop()
    match = APPOSITION_SUBJECT.match(" ".join(tokens) + " ")
    if not match:
        return ""
    subject, apposition = match.group("subject").strip(), match.group("apposition").strip()
    words = (subject + " " + apposition).lower().split()
    if len(words) > 14 or not FINITE_VERBS.isdisjoint(words) or "at" in words:
        return ""  # a clause ("Dette er bra, men ikke nok,"): content, not a subject
    for part in (apposition, subject):
        name = NAME_RE.search(part)
        if name and name.end() == len(part) and len(clean_name(name.group(1)).split()) >= 2:
            return clean_name(name.group(1))
    if apposition.split()[0].lower() in ("en", "ei", "et"):
        return apposition
    if subject[:1].isupper() and (role_of(subject) or subject.split()[0].lower() in ("den", "det")):
        return subject
    return ""


def subject_before(left: str, object_ok: bool = False) -> str:
    """The noun phrase right before a reporting verb (after auxiliaries and adverbs): '' when none."""
    apposed = apposition_subject(left)
    if apposed:
        return apposed
    tokens = left.split()
    coordinated = False
    while tokens and (tokens[-1].lower().strip(",") in AUXILIARIES or tokens[-1] == "og"):
        coordinated = coordinated or tokens[-1] == "og"
        tokens.pop()
    if not tokens:
        return ""
    if coordinated and tokens[-1][:1].isupper() and len(tokens) > 2:
        # "Han ringte Forsvaret og spurte …": the verb shares the first clause's subject; the name before
        # "og" is that clause's object
        subject = opening_subject(" ".join(tokens))
        if subject and subject != tokens[-1]:
            return subject
    if tokens[-1] == "som" and len(tokens) > 1 and tokens[-2].endswith(","):
        tokens = tokens[:-1]
        tokens[-1] = tokens[-1].rstrip(",")
    last = tokens[-1].strip(",")
    if last.lower() in PRONOUNS or last.lower() == "vi":  # "når vi spør om": the newsroom asks
        return last
    if last.endswith(")") and "(" in " ".join(tokens[-3:]):
        while tokens and "(" not in tokens[-1]:
            tokens.pop()
        if tokens:
            tokens.pop()
        if not tokens:
            return ""
        last = tokens[-1]
    if last[:1].isupper() and last.lower() not in function_words():
        out = [last]
        j = len(tokens) - 2
        while j >= 0:
            token = tokens[j]
            if token[:1].isupper() and token.lower() not in function_words():
                out.insert(0, token)
            elif token in ("i", "for", "ved", "på") and j > 0 and tokens[j - 1][:1].isupper():
                out.insert(0, token)
            elif role_of(token) or token.lower() in ("den", "det", "de") or token.endswith("e"):
                if role_of(token):
                    out.insert(0, token)
                break
            else:
                break
            j -= 1
        preposition = out[0].lower() in PREPOSITIONS or (j >= 0 and tokens[j].lower() in PREPOSITIONS)
        if preposition and not object_ok:
            return ""  # "Etter møtet med Støre sier …": the object of a preposition is not the subject
        return " ".join(out)
    if role_of(last):
        out = [last]
        j = len(tokens) - 2
        while (
            j >= 0
            and len(out) < 4
            and (
                tokens[j].lower() in ("den", "det", "de", "en")
                or tokens[j].endswith("e")
                or tokens[j].endswith("s")
            )
        ):
            out.insert(0, tokens[j])
            j -= 1
        return " ".join(out)
    return _employed_subject(tokens)


def _employed_subject(tokens: list[str]) -> str:
    """ "Kari Holm i Norske arkitekters landsforening (mener)": a name and the organisation it speaks for,
    whose last word is in lower case; '' for other phrases."""
    for k in range(len(tokens) - 2, max(0, len(tokens) - 6), -1):
        if tokens[k] in ("i", "ved", "hos", "fra") and tokens[k + 1][:1].isupper():
            name = tokens[k - 1]
            if not name[:1].isupper() or name.lower() in function_words():
                return ""
            start = k - 1
            while (
                start > 0
                and tokens[start - 1][:1].isupper()
                and tokens[start - 1].lower() not in function_words()
            ):
                start -= 1
            if any(t.endswith((",", ".")) for t in tokens[start:]):
                return ""
            return " ".join(tokens[start:])
    return ""


def opening_subject(left: str) -> str:
    """The pronoun or the name that opens the sentence ("Han ringte …", "Kari Holm tok …"), else ''."""
    pronoun = _OPENING_PRONOUN.match(left)
    if pronoun:
        return pronoun.group(1).lower()
    match = _OPENING_NAME.match(left)
    return clean_name(match.group(1)) if match else ""


def sentence_subject(left: str) -> str:
    """The sentence's opening noun phrase: a pronoun, a name, or a short description ("Flere medier",
    "Den svenske regjeringen")."""
    words = left.split()
    while words and words[-1].lower() in AUXILIARIES:
        words.pop()
    if (
        1 < len(words) <= 4
        and words[0][:1].isupper()
        and words[0].lower() not in PREPOSITIONS  # "Foran peisen": an adverbial, not the subject
        and (words[0].lower() in DETERMINERS or words[0].lower() not in function_words())
        # "Han ville jo", "Mye har vært": a clause, not a noun phrase
        and not any(w.lower() in AUXILIARIES or w.lower() in FINITE_VERBS for w in words[1:])
        and not any(w.endswith(",") for w in words)
    ):
        return " ".join(words)
    opening = opening_subject(left)
    if opening:
        return opening
    indefinite = INDEFINITE_SUBJECT.match(left)
    if indefinite and FINITE_VERBS.isdisjoint(indefinite.group(1).lower().split()):
        return indefinite.group(1)
    description = _DESCRIPTION_BEFORE_AUXILIARY.match(left)
    if description and len(description.group(1).split()) <= 3:
        return description.group(1)
    return ""
