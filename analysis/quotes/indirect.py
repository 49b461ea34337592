"""Indirect speech: a reporting verb with an "at"/"om" clause ("Biden sa onsdag at ...", "spurt av X om ...")."""

from __future__ import annotations

import bisect
import re

from ..discourse import (
    NAME_RE,
    clean_name,
    function_words,
    organisation_heads,
    role_of,
)
from ..text import split_sentences
from . import postposed
from .attribution import (
    sentence_subject,
    subject_before,
)
from .candidate import Candidate
from .cues import ALL_WORDS, cue_at, cue_re, cue_start_res_by_word, direct_only_lemmas, lemma_of, next_cue_re
from .ifolge import ifolge, ifolge_source
from .merge import Claims
from .patterns import (
    ABOUT_OBJECTS,
    AT_OPTIONAL,
    AUXILIARIES,
    CLAUSE_STARTERS,
    CLAUSE_STARTERS_BUT_PRONOUNS,
    CONJUNCTIONS,
    DASH,
    FINITE_FORM,
    FINITE_VERBS,
    FRONTED_CLAUSE,
    IFOLGE,
    INVERTED_SUBJECT,
    NEGATED_BEFORE,
    NEGATIVE_SUBJECT,
    PASSIVE_BEFORE,
    PRONOUNS,
    RECEIVER_BEFORE,
    RELATIVE_TAIL,
    SENTENCE_ADVERBS,
)

_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
_PRONOUN = re.compile(r"(?<!\w)(han|hun|de)(?!\w)")
_QUOTE_AFTER_COLON = re.compile(rf"\s*[{DASH}«“”\"]")


def propose(qp, zone, label: str, claimed: Claims) -> None:
    text, base = zone.text, zone.start
    same_length, has_ifolge, hits, starts = qp.paragraph_cues(zone)
    if not hits and not has_ifolge:
        qp.set_previous_sentence((zone.start, zone.end))  # no reporting verb: nothing to split
        return
    patterns = cue_start_res_by_word()
    if (
        not has_ifolge
        and same_length
        and not any(patterns[word].match(text, position) for position, word in starts)
    ):
        # no cue can match in any sentence: the loop below would only leave its last sentence behind
        qp.unsplit_paragraph = zone
        return
    candidates = [position for position, _ in starts]
    previous_end = 0
    for sentence in split_sentences(text, base, zone.kind):
        s_start, s_end = sentence.start - base, sentence.end - base
        if claimed.contains(sentence.start, sentence.end):
            previous_end = s_end
            qp.set_previous_sentence((sentence.start, sentence.end))
            continue
        found = False
        first = bisect.bisect_left(candidates, s_start)
        last = bisect.bisect_left(candidates, s_end)
        for position, word in starts[first:last]:
            cue = cue_at(text, position, s_end, word) if word else cue_re().match(text, position, s_end)
            if cue is None or claimed.covers(base + cue.start()):
                continue
            if found and qp.quotes[-1].start <= base + cue.start() < qp.quotes[-1].end:
                continue  # "sier at hun har varslet om dette": a verb inside the reported clause
            if indirect_at(qp, text, base, label, s_start, s_end, cue, previous_end):
                found = True
        for match in IFOLGE.finditer(text, s_start, s_end) if has_ifolge else ():
            if claimed.covers(base + match.start()):
                continue
            if found and base + match.start() < qp.quotes[-1].start:
                # "Gutten har ifølge forsvareren forklart at …": the reported clause is the quote, the
                # "ifølge" phrase names its source
                quote = qp.quotes[-1]
                phrase = ifolge_source(text, match.end(), s_end)
                if phrase:
                    quote.speaker, quote.speaker_kind = qp.resolver.resolve(
                        phrase, base + match.end(), at=base + match.end()
                    )
                    quote.mention = qp.resolver.take_mention()
                continue
            ifolge(qp, text, base, label, s_start, s_end, match)
            found = True
        if found:
            claimed.append((sentence.start, sentence.end))
        previous_end = s_end
        qp.set_previous_sentence((sentence.start, sentence.end))


def indirect_at(
    qp, text: str, base: int, label: str, s_start: int, s_end: int, cue, previous_end: int
) -> bool:
    lemma = lemma_of(cue.group(0))
    if lemma in direct_only_lemmas():
        return False  # "Han tror at …": thinking, not speech
    left = text[s_start : cue.start()]
    # "En ansatt, som ikke vil stå fram med navn, sier at": the relative clause is not the subject
    relative = RELATIVE_TAIL.search(left)
    if relative and relative.start() > 0:
        left = left[: relative.start()] + " "
    content_end = s_end
    if NEGATED_BEFORE.search(left):
        return False  # "vil ikke svare på hvordan …", "ønsker ikke å si om …": refusing to say is no quote
    handled = postposed.propose(qp, text, base, label, s_start, s_end, cue, left)
    if handled is not None:
        return handled
    if NEGATIVE_SUBJECT.match(left):
        return False  # "Ingen kan si at …": nobody is reported to say anything
    # "X sa (onsdag) at ...", "mener Y at ...", "spurt av X om ..."
    rest_start = cue.end()
    tokens = list(_TOKEN.finditer(text[rest_start:s_end]))
    i = 0
    subject_after = None
    passive = False
    agent = None
    if tokens and tokens[0].group(0) == "av" and lemma in ("spørre",):
        j = 1
        names = []
        while j < len(tokens) and (tokens[j].group(0)[:1].isupper()):
            names.append(tokens[j].group(0))
            j += 1
        if names:
            agent = " ".join(names)
            i = j
    # "I en rapport fra X går det fram at": with an expletive subject the source stands in a phrase
    left_subject = subject_before(left, object_ok=" det" in cue.group(0).lower())
    if not left_subject and left.rstrip().endswith((" og", " men")) and sentence_subject(left):
        # "X kaller budsjettet «tomme ord» og mener …": the coordinated verb shares the sentence's subject
        left_subject = sentence_subject(left)
    if agent is None and tokens and not left_subject:
        first = tokens[0].group(0)
        if first.lower() in PRONOUNS:
            subject_after, i = first, 1
        elif first[:1].isupper() and first.lower() not in function_words():
            name = NAME_RE.match(text, rest_start + tokens[0].start())
            if name:
                subject_after = name.group(1)
                while i < len(tokens) and rest_start + tokens[i].start() < name.end():
                    i += 1
    conj_at = None
    for k in range(i, min(len(tokens), i + 9)):
        word = tokens[k].group(0)
        if word.lower() == "om" and k + 1 < len(tokens) and tokens[k + 1].group(0).lower() == "at":
            continue  # "bekrefter ... om at": the clause starts at "at"
        if word.lower() == "om" and (
            lemma == "be" or (k > i and tokens[k - 1].group(0).lower() in ABOUT_OBJECTS)
        ):
            break  # "ber om tilgivelse", "vil ikke si noe om årsaken": "om" + a noun phrase
        if word.lower() in CONJUNCTIONS and (word.lower() != "om" or k + 1 < len(tokens)):
            if word.lower() == "om" and lemma not in (
                "spørre",
                "si",
                "skrive",
                "fortelle",
                "opplyse",
                "spekulere",
                "varsle",
                "melde",
            ):
                if k > i:
                    break
            conj_at = k
            break
        if word.lower() in ("der", "som") and k > i:
            break  # "har skrevet et brev der han ber om …": the clause belongs to the relative's verb
        if word in (".", "!", "?", ":", ";"):
            break
        if word == "," and not (
            k + 1 < len(tokens) and tokens[k + 1].group(0).lower() in ("deriblant", "blant", "nemlig")
        ):
            break
    if conj_at is not None and agent is None and subject_after is None and not left_subject:
        between = text[rest_start : rest_start + tokens[conj_at].start()]
        # "opplyser til nyhetsbyrået Reuters at": the receiver, however described, is not the speaker, nor
        # any name after it ("til avisen Corriere della Sera")
        inner = NAME_RE.search(between)
        if inner and is_receiver(between[: inner.start()]):
            inner = None
        pronoun = _PRONOUN.search(between)
        if inner and clean_name(inner.group(1)):
            subject_after = clean_name(inner.group(1))
        elif pronoun:
            subject_after = pronoun.group(1)
        else:
            # "Etter møtet sier statsministeren at …", "uttrykker utvalget imidlertid at …": the subject after
            # the verb is a description (a sentence adverb may follow it)
            words = between.split()
            while len(words) > 1 and words[-1].lower() in SENTENCE_ADVERBS:
                words.pop()
            noun_phrase = " ".join(words)
            if INVERTED_SUBJECT.fullmatch(noun_phrase) and not set(noun_phrase.lower().split()) & AUXILIARIES:
                subject_after = noun_phrase
    content_start = None
    clause_first = (
        conj_at is not None
        and conj_at > i
        and lemma in AT_OPTIONAL
        and (
            tokens[i].group(0).lower() in CLAUSE_STARTERS_BUT_PRONOUNS
            # "sier klubben ikke har planer om å …": the clause starts at its subject, not at "om"
            or (tokens[conj_at].group(0).lower() == "om" and noun_clause(tokens, i))
            # "mener laget nå må vise at det kan": a subject and its finite verb open the clause
            or noun_clause(tokens, i)
        )
    )
    if clause_first:
        conj_at = None  # "mener dette kan føre til at ...": the clause starts at "dette"
    if conj_at is not None and conj_at + 1 < len(tokens):
        content_start = rest_start + tokens[conj_at + 1].start()
    elif lemma in AT_OPTIONAL and i < len(tokens):
        word = tokens[i].group(0)
        has_subject = subject_after is not None or left_subject != ""
        opens_clause = noun_clause(tokens, i)
        if has_subject and (
            word.lower() in CLAUSE_STARTERS
            or (word[:1].isupper() and word.lower() not in function_words())
            or opens_clause
        ):
            if len(tokens) - i >= 4 and tokens[min(i + 1, len(tokens) - 1)].group(0).lower() not in (
                "til",
                ",",
            ):
                content_start = rest_start + tokens[i].start()
    if content_start is None:
        return False
    if len(ALL_WORDS.findall(text[content_start:content_end])) < 3:
        return False  # "varsler om glatte veier": a noun phrase, not a reported clause
    colon = text.find(":", content_start, s_end)
    if colon >= 0:
        # "sa dette om saken: «...»": a colon introduces a quote, not a content clause
        introduces_quote = _QUOTE_AFTER_COLON.match(text[colon + 1 : colon + 4])
        if introduces_quote or len(text[content_start:colon].split()) < 3:
            return False
        s_end = colon
        content_end = min(content_end, colon)
    # passive reporting: "ble opplyst at", "har fått opplyst at" (the source is not named)
    if PASSIVE_BEFORE.search(left.rstrip()) or cue.group(0).lower().endswith("es"):
        passive = agent is None
    # the content clause ends at the sentence end or where the next reporting verb takes over
    nxt = next_cue_re().search(text, content_start, s_end)
    if nxt:
        content_end = nxt.start()
    if FRONTED_CLAUSE.match(text, s_start) and "," not in text[s_start : cue.start()]:
        # "Da X sa at A, tenkte Y …": the reported clause ends where the main clause begins
        comma = text.find(",", content_start, content_end)
        if comma > content_start:
            content_end = comma
    if agent:
        speaker, kind = qp.resolver.resolve(agent, base + cue.start(), at=base + cue.end())
    elif passive:
        speaker, kind = None, None
    elif left_subject:
        speaker, kind = qp.resolver.resolve(
            left_subject, base + cue.start(), at=base + s_start + max(0, left.rfind(left_subject))
        )
    elif subject_after:
        speaker, kind = qp.resolver.resolve(subject_after, base + cue.start(), at=base + cue.end())
    else:
        # "X mener A, og advarer mot at B": a verb coordinated with an earlier cue shares its speaker
        same_sentence = [q for q in qp.quotes[-5:] if base + s_start <= q.start < base + cue.start()]
        if same_sentence and same_sentence[-1].kind == "indirect":
            speaker, kind = same_sentence[-1].speaker, same_sentence[-1].speaker_kind
            qp.resolver.mention = same_sentence[-1].mention
        else:
            subject = sentence_subject(left)
            speaker, kind = (
                qp.resolver.resolve(subject, base + cue.start(), at=base + s_start)
                if subject
                else (None, None)
            )
    q = Candidate("indirect", label, base + content_start, base + content_end, cue.group(0), speaker, kind)
    if q.speaker is None and not passive:
        q.pending = "previous"
    qp.add(q)
    return True


def noun_clause(tokens: list[re.Match[str]], i: int) -> bool:
    """Whether a clause without "at" opens at tokens[i]: "mener kommunen må …" (a noun, then a finite verb
    within two words), "sier kommunen mangler …" (a definite noun, then a present or past form)."""
    word = tokens[i].group(0)
    if not word[:1].isalpha() or word.lower() in function_words():
        return False
    following = [t.group(0) for t in tokens[i + 1 : i + 3]]
    if any(t.lower() in FINITE_VERBS for t in following):
        return True
    return (
        word.lower().endswith(("en", "et", "a", "ne"))
        and bool(following)
        and FINITE_FORM.fullmatch(following[0]) is not None
    )


def is_receiver(before: str) -> bool:
    """Whether a name after `before` is an object of a preposition ("til nyhetsbyrået Reuters"): the words
    between may only be organisation nouns, roles or adjectives, not "for eksempel"."""
    match = RECEIVER_BEFORE.search(before)
    if match is None:
        return False
    return all(
        word in organisation_heads() or role_of(word) or word.endswith("e") for word in match.group(1).split()
    )
