"""Quotes in Norwegian news: direct and indirect speech with exact offsets, cue and resolved speaker.

Rules follow Norwegian quoting conventions (shared/eval/GUIDELINES.md), paragraph by paragraph so the work
stays linear in the length of the article:
- direct: a paragraph opened by a dash ("– A, sier X. – B." is two quotes), text in « », " ", “ ” or ” ”
  (four words or more), the headline form "Russlands utenriksminister: – Ikke redd for noen";
- indirect: a reporting verb (analysis/data/speech_verbs_nb.txt) with an "at"/"om" clause ("Biden sa onsdag
  at ..."), "X, mener Y", "ifølge X", reported questions ("spurt av X om ..."), and "Det opplyser X" after
  the content;
- interview questions (an unattributed dash paragraph ending in "?" followed by a dash answer) are the
  reporter's: speaker JOURNALIST;
- headline-zone quotes without a named speaker (or named only by a description, "Vitne: – …") go to the body
  voice whose quotes share their words; a dash crosshead inside the body goes to the section it opens;
- answers in an interview passage go to the person the set-up paragraph talks with ("X snakket med Y",
  "Vi møtte X", "X tar imot VG", "I et intervju med X", "X forteller til Z"; a role noun there, "Vi møtte
  artisten", is the role's holder); an unattributed dash paragraph right after narration goes to the person
  that narration introduces;
- a quote over several paragraphs reopens each paragraph with « (or ”) and closes only in the last: one quote
  with the breaks inside, its speaker from the attribution after it or the introduction before it;
- titles of works are no quotes: a «» span after a genre noun or its compound ("debutromanen «…»") or as the
  subject of a publication verb ("«…» slippes fredag", "har premiere");
- "sier sjeføkonomen" after the quote is the latest person introduced with that role ("sjeføkonom i Banken,
  Kari Nordmann,"), not the previous speaker;
- speakers: "TITLE Name i ORG" is the person; multi-word institution names stay whole ("Statens vegvesen");
  "Role, Name," and "Description, en 19 år gammel kvinne," before the verb are the subject; han/hun also
  reach unnamed people (gender from the description) and never organisations; receivers ("til
  nyhetsbyrået X") and passives ("har fått opplyst at") name nobody.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from .article import Article
from .jsonable import plain
from .speakers import (
    _NAME_TOKEN,
    JOURNALIST,
    JSON_SPEAKER_KEYS,
    NAME_RE,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SpeakerRegistry,
    _data_lines,
    clean_name,
    country_of,
    function_words,
    gender_of,
    is_organisation,
    organisation_heads,
    role_of,
    speaker_table,
)
from .text import split_sentences

QUOTE_COLUMNS = ["kind", "zone", "text", "start", "end", "speaker", "speaker_kind", "cue"]
HEADLINE_ZONES = frozenset({"headline", "crosshead", "caption"})
QUOTE_ZONES = ("headline", "lead", "body", "crosshead")

DASH = "-–—−"
_DASH_START = re.compile(rf"^[{DASH}]\s+")
_TRIM = " \t\n«»\"“”'‘’,;:.!?" + DASH
_SENTENCE_END = re.compile(r"(?<![A-ZÆØÅ])(?<!\b[a-zæøå]\.[a-zæøå])[.!?](?=\s|$)|$")
# the first alternative with the look-behinds moved after the mark: opening with a character class, it skips
# to the next ".!?" at C speed; where it finds one, _SENTENCE_END finds the same (its "$" comes later)
_SENTENCE_END_MARK = re.compile(r"[.!?](?<![A-ZÆØÅ].)(?<!\b[a-zæøå]\.[a-zæøå].)(?=\s|$)")
_MARKED = re.compile(r"«([^«»\n]*)»|“([^“”\n]*)”|”([^”\n]*)”|\"([^\"\n]*)\"")
_CLOSE_SEARCH = {"«": re.compile("[«»]"), "”": re.compile("”"), "“": re.compile("[“”]")}
_HEADLINE_COLON = re.compile(rf"^(?P<who>[^{DASH}:«»]{{2,80}}):\s*(?:[{DASH}]\s*|«)(?P<quote>.+?)»?$")
_IFOLGE = re.compile(r"(?<!\w)[Ii]følge\s+")
_WORD = re.compile(r"[\w'’]+(?:[-.][\w]+)*|[^\w\s]")
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")

_AUXILIARIES = frozenset(
    "har hadde ha skal skulle vil ville kan kunne må måtte også ikke imidlertid likevel tidligere derfor selv "
    "nå bare videre dessuten blant annet dog da heller først senere før etter igjen allerede stadig faktisk "
    "blitt ble blir er var".split()
)
_FINITE_VERBS = frozenset("er var har hadde skal vil kan blir ble må skulle ville kunne bør får fikk".split())
_CLAUSE_STARTERS = frozenset("han hun de det dette den vi jeg man ingen noen alle disse der".split())
_AT_OPTIONAL = frozenset({"mene", "si", "hevde", "fortelle", "skrive", "erklære"})
_CONJUNCTIONS = frozenset({"at", "om", "hvordan", "hva", "hvorfor", "hvem", "hvor", "hvilke", "hvilken"})
_ATTRIBUTION_STOPS = frozenset(
    "til overfor under ved på da etter før mandag tirsdag onsdag torsdag fredag lørdag søndag "
    "ifølge som og om med like mens".split()
)
_DESCRIPTION_STOPS = frozenset(
    "til overfor under ved på da etter før mandag tirsdag onsdag torsdag fredag lørdag søndag ifølge som "
    "mens like".split()
)
_FIRST_PERSON = re.compile(r"(?<!\w)(?:[Jj]eg|[Vv]i|meg|oss|min|mitt|mine|vår|vårt|våre)(?!\w)")
# the genre noun may end a compound ("gjennombruddshiten", "debutromanen", "dokumentarserien")
_WORK_NOUN_ENDINGS = tuple(
    "album albumet plata plate platen plater låt låta låten sang sangen singel singelen hiten bok boka boken "
    "roman romanen diktsamling diktsamlingen film filmen serie serien dokumentar dokumentaren forestilling "
    "forestillingen stykke stykket utstilling utstillingen podkast podkasten podcast podcasten program "
    "programmet tittel tittelen".split()
)
_WORK_WORDS = frozenset({"kalt", "het", "heter"})
# "«X» slippes fredag", "«X» kommer ut i mai": the subject of a publication verb is a title
_PUBLISHED_AFTER = re.compile(
    r"\s*(?:,\s*som\s+)?(?:(?:slippes|slipps|utgis|gis ut|lanseres|publiseres|vises|sendes)\b|"
    r"(?:kommer|kom|ble|blir)\s+(?:ut|sluppet|lansert|utgitt|publisert)\b|"
    r"(?:har|hadde|får|fikk)\s+(?:\w+\s+)?premiere\b)"
)
_SOURCE_NOUNS = frozenset(
    "opplysninger kilder beregninger tall informasjon nettsider nettside rapport undersøkelse analyse oversikt "
    "data anslag prognose prognoser".split()
)
_GENITIVE_SOURCE = re.compile(r"(.+?)(?:s|')\s+(?:" + "|".join(_SOURCE_NOUNS) + r")")
_FINITE_FORM = re.compile(r"[a-zæøå]{2,}(?:er|te|de|et)")
_ABBREVIATION_TAIL = re.compile(r"\s*\([A-ZÆØÅ0-9-]{2,}\)?$")
_NAMED_BY_HEAD = re.compile(
    rf"(?:(?:[Dd]en|[Dd]et|[Dd]e)\s+)?(?:[a-zæøå]+e\s+)?([A-ZÆØÅa-zæøå-]+)\s+((?:{_NAME_TOKEN})(?:\s+{_NAME_TOKEN})*)"
)
_NAME_FOR_NAME = re.compile(rf"(?<![\w-])[A-ZÆØÅ][\w-]*\s+for\s+(?:{_NAME_TOKEN})(?:\s+{_NAME_TOKEN})*")
_RELATIVE_TAIL = re.compile(r",\s+som\s[^,]*,\s*$")
# "Statsforvalteren i Vestland", "Tingretten i Oslo": a definite institution noun with its place
_DEFINITE_AT_PLACE = re.compile(rf"[A-ZÆØÅ][a-zæøå]+(?:en|et)\s+i\s+(?:{_NAME_TOKEN})(?:\s+{_NAME_TOKEN})*")
# "ifølge en pressemelding fra festivalen": the sender of the document is the source
_DOCUMENT_NOUNS = frozenset(
    "pressemelding pressemeldingen uttalelse uttalelsen melding meldingen kunngjøring e-post brev notat "
    "rapport rapporten".split()
)
_FROM_DEFINITE = re.compile(r"\s+(?:fra|hos)\s+[a-zæøå]+(?:en|et|a|ne)\b")
_DOCUMENT_FROM = re.compile(
    r"(?:(?:en|ei|et|ny|nytt|den|det)\s+)*(?:" + "|".join(_DOCUMENT_NOUNS) + r")\s+(?:fra|hos)\s+(.+)"
)
_ABOUT_OBJECTS = frozenset("noe ingenting lite mye mer mindre alt".split())
_QUESTION_WORDS = frozenset("hva hvem hvor hvorfor hvordan når hvilke hvilken".split())
# "analytiker Ola Berg i DNB Markets": the phrase after a person's name is the affiliation, not the speaker
_AFFILIATION_SPLIT = re.compile(r"\s+(?:i|ved|hos|fra|for|på)\s+(?=[A-ZÆØÅ])")
# multi-word institution names whose head is lower case ("Statens vegvesen", "Statistisk sentralbyrå",
# "Innlandet politidistrikt", "Nedre Romerike brann- og redningsvesen")
_ORG_HEADS = (
    "vesen|vesenet|byrå|byrået|organisasjon|organisasjonen|direktorat|direktoratet|tilsyn|tilsynet|"
    "politidistrikt|kommune|fylkeskommune|departement|departementet|sykehus|sykehuset|forening|foreningen|"
    "etat|etaten|nemnd|nemnda|verk|verket|institutt|instituttet|senter|senteret|forbund|forbundet|råd|rådet"
)
_ORG_HEAD_ENDINGS = tuple(_ORG_HEADS.split("|"))
_ORG_NAME = re.compile(
    rf"(?:{_NAME_TOKEN})(?:\s+(?:{_NAME_TOKEN}))*(?:\s+(?:[a-zæøå]+-?\s+og\s+)?[a-zæøå]+){{0,2}}?"
    rf"(?:\s+(?:[a-zæøå]+-?\s+og\s+)?[a-zæøå]*(?:{_ORG_HEADS}))(?![\w-])"
)
# trailing adverbials of place that are not part of a description ("34-åringen i retten")
_ADVERBIAL_TAIL = re.compile(
    r"\s+(?:i|under|foran)\s+(?:retten|tingretten|lagmannsretten|avhør|avhøret|vitneboksen|intervjuet|"
    r"samtalen|meldingen|pressemeldingen|innlegget|programmet|podkasten|garderoben|dommen|kjennelsen|"
    r"tiltalen|anken|brevet|(?:en|et|ei)\s+(?:pressemelding|e-post|sms|uttalelse|brev|innlegg|kommentar|"
    r"intervju|melding|kunngjøring))\b.*$"
)
# "Den ansatte, en 19 år gammel kvinne, forklarte", "Høyres talsperson, Lise Marstrander, mener": a subject
# with an apposition right before the reporting verb
_APPOSITION_SUBJECT = re.compile(
    r"^\s*(?:(?:Men|Og|Så)\s+)?(?P<subject>[^,()]{2,60}?),\s+(?P<apposition>[^,()]{2,60}?)"
    r"(?:\s*\(\d+\))?,\s*$"
)
_INTERVIEW_WITH = re.compile(
    rf"\b(?:snakket|snakker|pratet|prater|møtte|møter|intervju)\s+(?:\w+\s+){{0,3}}?med\s+"
    rf"(?:\w+\s+)?((?:{_NAME_TOKEN})(?:\s+{_NAME_TOKEN})*)"
)
# other set-ups of an interview: "Vi møtte artisten …", "Dahl tar imot VG …", "I et intervju med Y …",
# "Y forteller til Z …"; the person is a name or a role noun ("forfatteren")
_SETUP_NAME = rf"(?:{_NAME_TOKEN})(?:\s+{_NAME_TOKEN})*"
_SETUP_WHO = rf"(?:{_SETUP_NAME}|[a-zæøå][\w-]*(?:en|et|a|n))"
_INTERVIEW_SETUP = re.compile(
    rf"(?<!\w)(?:(?:[Vv]i|VG|[Aa]visen|[A-ZÆØÅ]{{2,}})\s+(?:møtte|møter|treffer|traff|besøkte|besøker)\s+"
    rf"(?P<met>{_SETUP_WHO})|(?:[Ii]\s+(?:et\s+|eit\s+)?)intervju\s+med\s+(?P<interview>{_SETUP_WHO})|"
    rf"(?P<host>{_SETUP_WHO})\s+(?:tar|tok)\s+imot\s|(?P<teller>{_SETUP_WHO})\s+(?:forteller|fortalte)\s+til\s)"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:(?:ble|blir|blitt)(?:\s+\S+)?|fått|får|fikk)$")
_RECEIVER_BEFORE = re.compile(r"(?:til|overfor|for|i|på|fra|med|mot|av)\s+((?:[a-zæøå][\w-]*\s+){0,2})$")
# "En kilde i sikkerhetsapparatet opplyser": an indefinite description as the subject of the sentence
_INDEFINITE_SUBJECT = re.compile(r"\s*((?:En|Ei|Et)\s+[a-zæøå][\w-]*(?:\s+[\w-]+){0,6}?)\s*$")
# unnamed people: gender from the description, so han/hun can find them
# compounds end in the noun ("forretningskvinne", "talsmann"); short kin words and "-inne" need a whole word
_FEMALE_NOUNS = re.compile(
    r"(?:kvinne|kvinnen|jente|jenta|dame|damen)\b|\b(?:mor|moren|kona|datter|datteren)\b|\w{3}inne(?:n|a)?\b"
)
_MALE_NOUNS = re.compile(r"(?:mann|mannen|gutt|gutten)\b|\b(?:far|faren|sønn|sønnen|herre|herren)\b")


# ---------------------------------------------------------------- word lists


@cache
def speech_verbs() -> dict[str, str]:
    """Every form of every reporting verb (multi-word cues with spaces) → its lemma."""
    forms: dict[str, str] = {}
    for line in _data_lines("speech_verbs_nb.txt"):
        lemma, _, rest = line.partition("\t")
        for form in rest.split():
            forms[form.replace("_", " ")] = lemma.replace("_", " ")
    return forms


@cache
def _cue_re() -> re.Pattern[str]:
    alternatives = "|".join(
        re.escape(f).replace(r"\ ", r"\s+") for f in sorted(speech_verbs(), key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@cache
def _next_cue_re() -> re.Pattern[str]:
    """Where a content clause gives way to a coordinated reporting verb (", og advarer mot at")."""
    return re.compile(
        r",?\s+(?:og|samtidig som|uten at)\s+(?=(?:" + _cue_re().pattern + r")\b)", re.IGNORECASE
    )


@cache
def _cue_first_words() -> frozenset[str]:
    return frozenset(form.split()[0] for form in speech_verbs())


@cache
def _cue_forms_by_word() -> dict[str, str]:
    """Lower-case leading word → a regex alternation of the cue forms starting with it.

    Only those forms can match where that word stands, and they keep their longest-first order, so a match
    equals the full pattern's at that position while trying a handful of alternatives instead of ~200."""
    groups: dict[str, list[str]] = {}
    for form in sorted(speech_verbs(), key=len, reverse=True):
        lead = _ALL_WORDS.match(form.lower())
        groups.setdefault(lead.group(0) if lead else form.lower(), []).append(form)
    return {
        word: "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) for word, forms in groups.items()
    }


@cache
def _cue_res_by_word() -> dict[str, re.Pattern[str]]:
    return {
        word: re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])", re.IGNORECASE)
        for word, forms in _cue_forms_by_word().items()
    }


@cache
def _cue_start_res_by_word() -> dict[str, re.Pattern[str]]:
    """As `_cue_res_by_word` without the closing look-ahead: where this fails, no cue can start, whatever
    the sentence end (a shorter end only changes that look-ahead). Rules out "er" without "klar på"."""
    return {
        word: re.compile(rf"(?<![\w-])(?:{forms})", re.IGNORECASE)
        for word, forms in _cue_forms_by_word().items()
    }


@cache
def _cue_followers() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First words whose every cue form goes on ("er" only in "er klar på") → the other words of each form."""
    forms: dict[str, list[tuple[str, ...]]] = {}
    for form in speech_verbs():
        first, *rest = form.lower().split()
        forms.setdefault(first, []).append(tuple(rest))
    return {first: tuple(rests) for first, rests in forms.items() if all(rests)}


# characters that a case-insensitive pattern letter matches although lower() does not give that letter
# ("ı" for i, "ſ" for s): where one occurs, a missing lower-case word proves nothing
_EXTRA_CASES = ("ı", "ſ")


def _possible_cue_words(words: set[str], lowered: str) -> set[str]:
    """`words` less those whose cue forms all need a word that the (lower-cased) paragraph lacks: "er" is a
    word of nearly every paragraph, "er klar på" of few, and each candidate costs a pattern match."""
    followers = _cue_followers()
    if followers.keys().isdisjoint(words) or any(char in lowered for char in _EXTRA_CASES):
        return words
    return {
        word
        for word in words
        if word not in followers or any(all(w in lowered for w in rest) for rest in followers[word])
    }


def _cue_at(text: str, position: int, end: int, word: str) -> re.Match[str] | None:
    """`_cue_re().match(text, position, end)` where the word at `position` is `word` (lower case)."""
    pattern = _cue_res_by_word().get(word)
    return pattern.match(text, position, end) if pattern is not None else None


_PLAIN_WORD = re.compile(r"(?<![\w-])\w+")
_ALL_WORDS = re.compile(r"\w+")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern


def _word_starts(lowered: str, words: set[str], previous: str = " ") -> list[tuple[int, str]]:
    """(offset, word) wherever one of `words` is a whole word not preceded by a hyphen, in order: what
    `_PLAIN_WORD.finditer` would yield for them, found with str.find at C speed. `previous` is the character
    before `lowered` in the text it was cut from."""
    found = []
    for word in words:
        size = len(word)
        position = lowered.find(word)
        while position >= 0:
            before = lowered[position - 1] if position else previous
            after = lowered[position + size : position + size + 1]
            if not (before == "-" or _is_word_char(before)) and not (after and _is_word_char(after)):
                found.append((position, word))
            position = lowered.find(word, position + 1)
    found.sort()
    return found


def _cues_in(text: str, start: int, end: int):
    """Reporting-verb matches in text[start:end]: a set lookup per word, the full pattern only on a hit."""
    lowered = text[start:end].lower()
    hits = _possible_cue_words(_cue_first_words().intersection(_ALL_WORDS.findall(lowered)), lowered)
    if not hits:
        return  # most sentences report nothing: one C-level pass rules them out
    if len(lowered) != end - start:  # lower() changed a length ("İ"): offsets differ, take the slow path
        for word in _PLAIN_WORD.finditer(text, start, end):
            if word.group(0).lower() in hits:
                cue = _cue_re().match(text, word.start(), end)
                if cue:
                    yield cue
        return
    previous = text[start - 1].lower() if start else " "
    for position, word in _word_starts(lowered, hits, previous):
        cue = _cue_at(text, start + position, end, word)
        if cue:
            yield cue


def _lemma_of(cue: str) -> str:
    return speech_verbs().get(re.sub(r"\s+", " ", cue.lower()), cue.lower())


# ---------------------------------------------------------------- records


@dataclass
class _Quote:
    kind: str
    zone: str
    start: int
    end: int
    cue: str
    speaker: str | None = None
    speaker_kind: str | None = None
    # "previous" (unattributed dash), "overlap" (headline), "described" (headline by an unnamed speaker),
    # "section" (crosshead), "context" («» w/o cue)
    pending: str | None = None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past dashes, quote marks, trailing punctuation and white space."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


# ---------------------------------------------------------------- extraction


class _Extractor:
    def __init__(self, article: Article):
        self.article = article
        self.text = article.text
        self.registry = registry_for(article)
        self.quotes: list[_Quote] = []
        self.last_speaker: str | None = None
        self.last_person: str | None = None
        self.last_group: str | None = None
        self.person_events: list[tuple[int, str]] = []  # (offset, name) of quotes by people, in order
        self.gender: dict[str, str] = {}
        self.org_speakers: list[str] = []
        self.carried_claims: list[tuple[int, int]] = []  # «» quotes that run over paragraph breaks
        self.zones = sorted(article.zones, key=lambda z: z.start)
        self.zone_starts = [z.start for z in self.zones]
        self.previous_sentence: tuple[int, int] | None = None
        # a paragraph whose last sentence is the previous one, not split until that is asked for
        self.unsplit_paragraph = None
        self.paragraph_cues: tuple | None = None  # (zone, _paragraph_cues of it): the paragraph in hand
        self.narration = None  # the last body paragraph that is not a dash quote: sets up an interview
        self.answer_to: str | None = None  # the interviewee, right after a reporter's question
        self.unnamed_speakers: list[str] = []  # unnamed speakers in order, for "den ansatte", "mannen"
        self.previous_paragraph = None

    # -------------------------------------------------------- speakers

    def resolve(self, phrase: str, offset: int, after_direct: bool = False) -> tuple[str | None, str | None]:
        """(canonical speaker, kind) for a speaker phrase from an attribution, or (None, None)."""
        # "USAs geologiske institutt (USGS)": the full name speaks, its abbreviation is a mention
        phrase = phrase.strip(" ,.:;()\"«»“”'")
        if "(" in phrase:
            phrase = _ABBREVIATION_TAIL.sub("", phrase)
        if not phrase or not phrase[0].isalnum():
            return None, None  # markup or punctuation is nobody ("ifølge <script>...")
        low = phrase.lower()
        if low in PERSON_PRONOUNS:
            return self._pronoun(low, offset)
        if low in PLURAL_PRONOUNS:
            return (self.last_group, "organisation") if self.last_group else (None, None)
        if low in function_words():
            return None, None
        registry = self.registry
        split = _AFFILIATION_SPLIT.search(phrase) if " " in phrase else None
        if split:
            # "sjeføkonom Ola Berg i Nordbank": the person before "i ORG" speaks, the organisation employs
            head_phrase = phrase[: split.start()]
            head_name = NAME_RE.search(head_phrase)
            if (
                head_name
                and head_name.end() == len(head_phrase)
                and not is_organisation(head_phrase.split()[0])
                and head_phrase.split()[0].lower() not in organisation_heads()
                and self._names_person(clean_name(head_name.group(1)))
            ):
                return self.resolve(head_phrase, offset, after_direct)
            named_for = _NAME_FOR_NAME.search(phrase)
            if named_for and named_for.end() == len(phrase) and not role_of(named_for.group(0).split()[0]):
                return named_for.group(0), "organisation"  # "Centre for American Progress"
        if " i " in phrase and _DEFINITE_AT_PLACE.fullmatch(phrase):
            title = role_of(phrase.split()[0])
            if not title or not registry.by_role(title, None, offset):
                return phrase, "organisation"  # no person holds the title: the office speaks
        # the name must end the phrase: a C-level suffix test rules out most phrases before the regex
        organisation = _ORG_NAME.search(phrase) if phrase.endswith(_ORG_HEAD_ENDINGS) else None
        if organisation and organisation.end() == len(phrase):
            # "beregninger fra Statistisk sentralbyrå": the institution's whole name
            return organisation.group(0), "organisation"
        runs = [clean_name(m.group(1)) for m in NAME_RE.finditer(phrase)]
        runs = [r for r in runs if r and r.lower() not in function_words()]
        for run in runs:
            if run in registry.abbreviations:
                return registry.abbreviations[run], "organisation"
        country = country_of(phrase) if len(runs) == 1 and runs[0] == phrase else None
        if country:
            for name in reversed(self.org_speakers):
                if name.endswith(" i " + country):
                    return name, "organisation"
        head = low.split()[0]
        if (is_organisation(head) and not role_of(head)) or head in organisation_heads():
            named = _NAMED_BY_HEAD.fullmatch(phrase)
            if named and named.group(1).lower() in organisation_heads():
                return named.group(2), "organisation"  # "nyhetsbyrået AP": the proper name wins
            return self._org_name(phrase), "organisation"
        words = phrase.split()
        if (
            len(words) >= 3
            and words[0].lower().endswith(("ene", "ne"))
            and words[1] in ("på", "i", "ved", "fra")
            and not registry.canonical_person(words[0], fuzzy=False)
        ):
            return phrase, "unnamed"  # "Foreldrene på Lia skole": a group described by a place
        if (
            len(words) >= 2
            and not any(w[:1].isupper() for w in words[1:])
            and not role_of(phrase)  # "Russlands utenriksminister", "Den svenske statsministeren"
            and not is_organisation(words[-1])  # "Den svenske regjeringen"
            and not registry.canonical_person(words[0], fuzzy=False)
        ):
            # "Kilder i redningstjenesten": a capital only because the sentence starts there
            return self._description(phrase), "unnamed"
        people = [registry.canonical_person(r) for r in runs if r not in registry.organisations]
        known = [p for p in people if p]
        if known:
            return known[-1], "person"
        for token in re.findall(r"[\w-]+", phrase):
            if token[:1].islower() and len(token) > 3 and not role_of(token):
                canonical = registry.canonical_person(token.capitalize(), fuzzy=False)
                if canonical:
                    return canonical, "person"
        indefinite = head in ("en", "ei", "et", "flere", "noen")
        role = role_of(phrase)
        if role and not indefinite:
            affiliation = country_of(phrase)
            if affiliation is None and runs:
                affiliation = runs[0][:-1] if runs[0].endswith("s") else None
            holder = registry.by_role(role, affiliation, offset)
            if holder:
                return holder, "person"
        org_runs = [r for r in runs if is_organisation(r) or r in registry.organisations]
        person_runs = [r for r in runs if r not in org_runs and not role_of(r)]
        if person_runs and not indefinite:
            run = person_runs[-1]
            if (
                " " not in run
                and gender_of(run) is None
                and not run.lower().endswith(("te", "de"))  # "Tiltalte", "Avdøde": people
                and not registry.canonical_person(run, fuzzy=False)
            ):
                # a lone unknown capitalised word ("Skyss opplyser") is a company or agency, not a person,
                # so that no later "han"/"hun" goes to it
                return run, "organisation"
            return run, "person"
        if org_runs and not indefinite:
            return org_runs[-1], "organisation"
        description = self._description(phrase)
        earlier = self._earlier_unnamed(description)
        if earlier:
            return earlier, "unnamed"
        if is_organisation(description.split()[-1]) and not role:
            return description, "organisation"  # "Den svenske regjeringen", not "en talsmann for politiet"
        return description, "unnamed"

    def _names_person(self, name: str) -> bool:
        """Whether a capitalised run is a person: known to the registry, or a first and last name."""
        if not name or is_organisation(name) or name in self.registry.organisations:
            return False
        return bool(self.registry.canonical_person(name, fuzzy=False)) or (
            len(name.split()) >= 2 and gender_of(name) is not None
        )

    def _pronoun(self, pronoun: str, offset: int) -> tuple[str | None, str | None]:
        """han/hun: the person named or quoted in the nearest paragraph before `offset`, the paragraph's first
        (its subject) rather than a later object, of a fitting gender."""
        gender = "m" if pronoun in ("han", "ham") else "f"
        spans = [(q.start, q.end) for q in self.quotes[-12:]]
        candidates = [
            (position, name)
            for position, name in self.registry.recent_people(offset)
            if not _inside_any(position, spans)
        ]
        candidates += [(position, name) for position, name in self.person_events[-12:] if position < offset]

        def order(candidate: tuple[int, str]) -> tuple[int, int]:
            paragraph = bisect.bisect_right(self.zone_starts, candidate[0])
            return (-paragraph, candidate[0])

        for _, name in sorted(candidates, key=order):
            known = self.gender.get(name) or gender_of(name)
            if known in (None, gender):
                self.gender[name] = gender
                return name, "person"
        return None, None

    @staticmethod
    def _org_name(phrase: str) -> str:
        tokens = phrase.split()
        out = [tokens[0]]
        for i in range(1, len(tokens)):
            if tokens[i] in ("i", "for", "på") and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
                out += tokens[i : i + 2]
                break
            if tokens[i][:1].isupper():
                out.append(tokens[i])
            else:
                break
        return " ".join(out)

    @staticmethod
    def _description(phrase: str) -> str:
        phrase = re.sub(r"\s+i\s+(?:går|dag|fjor|helgen|helga|kveld|morgen)\b.*$", "", phrase)
        phrase = _ADVERBIAL_TAIL.sub("", phrase)
        tokens = phrase.split()
        out = []
        for token in tokens:
            if token.lower() in _DESCRIPTION_STOPS and out:
                break
            out.append(token)
        return " ".join(out).strip(" ,.")

    def _remember(self, quote: _Quote) -> None:
        if quote.speaker and quote.speaker != JOURNALIST:
            self.last_speaker = quote.speaker
            if quote.speaker_kind == "person":
                self.last_person = quote.speaker
                self.person_events.append((quote.start, quote.speaker))
            elif quote.speaker_kind in ("organisation", "unnamed"):
                self.last_group = quote.speaker
                if quote.speaker_kind == "unnamed":
                    self._remember_unnamed(quote)
                if quote.speaker_kind == "organisation":
                    self.org_speakers.append(quote.speaker)

    def _earlier_unnamed(self, description: str) -> str | None:
        """ "den ansatte" after "En barnehageansatt", "mannen" after "en eldre mann": a definite noun phrase
        that takes up an unnamed speaker introduced earlier."""
        words = description.lower().split()
        if len(words) > 3 or not self.unnamed_speakers or (len(words) > 1 and words[0] not in ("den", "det")):
            return None
        noun = words[-1]
        stems = [noun[: -len(e)] for e in ("ene", "en", "et", "a", "e") if noun.endswith(e)]
        for speaker in reversed(self.unnamed_speakers[-6:]):
            if speaker.lower() == description.lower():
                return None  # the speaker itself
            if any(len(stem) >= 4 and w.endswith(stem) for stem in stems for w in speaker.lower().split()):
                return speaker
        return None

    def _remember_unnamed(self, quote: _Quote) -> None:
        """An unnamed person ("en 19 år gammel kvinne", "Tiltalte", "en nabo") can be "han"/"hun" later;
        a description without a person cue (a report, a body) cannot."""
        if quote.speaker not in self.unnamed_speakers[-6:]:
            self.unnamed_speakers.append(quote.speaker)
        low = quote.speaker.lower()
        last = low.split()[-1]
        female, male = _FEMALE_NOUNS.search(low), _MALE_NOUNS.search(low)
        if not (female or male or role_of(low) or last.endswith(("te", "de"))):
            return
        if female or male:
            self.gender[quote.speaker] = "f" if female else "m"
        self.person_events.append((quote.start, quote.speaker))

    def _add(self, quote: _Quote) -> _Quote | None:
        start, end = _trimmed(self.text, quote.start, quote.end)
        if end - start < 2:
            return None
        quote.start, quote.end = start, end
        self.quotes.append(quote)
        self._remember(quote)
        return quote

    # -------------------------------------------------------- attribution phrases

    def _attribution_phrase(self, text: str, start: int) -> tuple[str, int]:
        """The speaker phrase after a reporting verb, and where its sentence ends (absolute offsets)."""
        end_match = _SENTENCE_END_MARK.search(text, start) or _SENTENCE_END.search(text, start)
        stop = end_match.start() if end_match else len(text)
        sentence_end = end_match.end() if end_match else len(text)
        segment = text[start:stop]
        parts = segment.split(",")
        phrase = parts[0]
        # "sa en av opprørernes militærsjefer, Salem Muftah al-Refaidy": a name in apposition after a comma
        if len(parts) > 1:
            appended = parts[1].strip()
            name = NAME_RE.match(appended)
            if name and name.end() == len(appended.split(" til ")[0]) and not _IFOLGE.match(appended):
                if not NAME_RE.search(phrase) or role_of(phrase):
                    phrase = f"{phrase}, {appended.split(' til ')[0]}"
        return self._cut_phrase(phrase), sentence_end

    @staticmethod
    def _cut_phrase(phrase: str) -> str:
        tokens = phrase.split()
        out: list[str] = []
        named = False
        for token in tokens:
            low = token.lower().strip(",")
            pronoun_first = bool(out) and out[0].lower() in PERSON_PRONOUNS | PLURAL_PRONOUNS
            if out and (named or pronoun_first) and low in _ATTRIBUTION_STOPS:
                break
            if out and not named and low in _DESCRIPTION_STOPS:
                break
            out.append(token)
            if token[:1].isupper() and low not in function_words():
                named = True
        return " ".join(out)

    @staticmethod
    def _plausible_speaker(phrase: str, need_capital: bool) -> bool:
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
        return first not in function_words() and first not in _CONJUNCTIONS

    # -------------------------------------------------------- paragraphs

    def run(self) -> list[_Quote]:
        paragraphs = [z for z in self.article.zones if z.kind in QUOTE_ZONES]
        paragraphs.sort(key=lambda z: z.start)
        for index, zone in enumerate(paragraphs):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            label = "headline" if zone.kind in HEADLINE_ZONES else "body"
            if self.carried_claims:
                self.carried_claims = [c for c in self.carried_claims if c[1] > zone.start]
            claimed: list[tuple[int, int]] = list(self.carried_claims)
            if label == "headline":
                self._headline(zone, claimed)
            elif _DASH_START.match(zone.text):
                self._dash_paragraph(zone, following, claimed)
            else:
                self.narration, self.answer_to = zone, None
            self._marked(zone, label, claimed)
            self._indirect(zone, label, claimed)
            self.previous_paragraph = zone
        self._resolve_pending()
        self.quotes.sort(key=lambda q: (q.start, q.end))
        return self.quotes

    def _headline(self, zone, claimed: list[tuple[int, int]]) -> None:
        colon = _HEADLINE_COLON.match(zone.text)
        if colon and len(colon.group("who").split()) <= 6:
            who = colon.group("who")
            speaker, kind = self.resolve(who, zone.start)
            known = speaker in self.registry.people or (
                kind == "organisation"
                and (is_organisation(speaker) or speaker in self.registry.organisations)
            )
            if not known and not self._speaker_like(who):
                speaker, kind = None, None  # "Familie reddet ut av bolig: – …": a sentence, not a speaker
            start, end = zone.start + colon.start("quote"), zone.end
            pending = None if speaker else "overlap"
            if speaker and not known:
                pending = "described"  # "Vitne: – …": the body quote it repeats names the witness
            q = _Quote("direct", "headline", start, end, ":", speaker, kind, pending)
            self._add(q)
            claimed.append((zone.start, zone.end))
        elif _DASH_START.match(zone.text):
            dash = _DASH_START.match(zone.text)
            # a dash crosshead introduces its section: without shared words it is the next voice's
            # (crossheads above the lead are teasers for the whole story)
            pending = "section" if zone.kind == "crosshead" and self.narration is not None else "overlap"
            q = _Quote("direct", "headline", zone.start + dash.end(), zone.end, zone.text[0], pending=pending)
            self._add(q)
            claimed.append((zone.start, zone.end))

    @staticmethod
    def _speaker_like(phrase: str) -> bool:
        """A headline's text before the colon names a speaker: a role ("Ordføreren"), a description of at
        most two words ("Nabo", "Eldre kvinne"), not a clause with more lower-case words."""
        words = phrase.split()
        lower = [w for w in words[1:] if w[:1].islower() and w.lower() not in function_words()]
        return bool(role_of(phrase)) or (len(words) <= 2 and not lower)

    def _dash_paragraph(self, zone, following, claimed: list[tuple[int, int]]) -> None:
        text, base = zone.text, zone.start
        dash = _DASH_START.match(text)
        pos = dash.end()
        cue_sign = text[0]
        while pos < len(text):
            found = None
            for cue in self._cues_after(zone, pos):
                before = text[pos : cue.start()].rstrip()
                punct = before[-1:] in (",", "!", "?")
                if not before or not text[cue.start() - 1].isspace() and not punct:
                    continue
                phrase, sentence_end = self._attribution_phrase(text, cue.end())
                if self._plausible_speaker(phrase, need_capital=not punct):
                    found = (cue, phrase, sentence_end)
                    break
            if found is None:
                end = self._narration_resumes(text, base, pos)
                q = _Quote("direct", "body", base + pos, base + end, cue_sign)
                answer_to, self.answer_to = self.answer_to, None
                if (
                    text.rstrip().endswith("?")
                    and following is not None
                    and _DASH_START.match(following.text)
                ):
                    q.speaker, q.speaker_kind = JOURNALIST, "journalist"
                    self.answer_to = self._interviewee()
                elif answer_to:
                    q.speaker, q.speaker_kind = answer_to, "person"
                else:
                    if pos == dash.end():  # a continuation within the paragraph keeps its speaker
                        q.speaker, q.speaker_kind = self._introduced_speaker()
                    if q.speaker is None:
                        q.pending = "previous"
                self._add(q)
                claimed.append((base, base + end))
                return
            cue, phrase, sentence_end = found
            speaker, kind = self.resolve(phrase, base + pos, after_direct=True)
            q = _Quote("direct", "body", base + pos, base + cue.start(), cue.group(0), speaker, kind)
            if speaker is None:
                q.pending = "previous"
            self._add(q)
            claimed.append((base + pos - 2, base + self._attribution_end(text, cue.end(), sentence_end)))
            rest = text[sentence_end:]
            next_dash = re.match(rf"\s*[{DASH}]\s+", rest)
            if next_dash:
                pos = sentence_end + next_dash.end()
            elif _FIRST_PERSON.search(rest):
                # "– A, sier X. Vi …": the speaker goes on talking without a new dash
                pos = sentence_end + len(rest) - len(rest.lstrip())
            else:
                return

    def _introduced_speaker(self) -> tuple[str | None, str | None]:
        """The speaker of an unattributed dash paragraph right after narration: the one the narration quotes,
        else the first person it names ("Først i køen sto Kari Holm (23)."), else its opening pronoun."""
        zone = self.narration
        if zone is None or zone is not self.previous_paragraph:
            return None, None
        for quote in reversed(self.quotes[-4:]):
            if zone.start <= quote.start < zone.end and quote.speaker and quote.speaker != JOURNALIST:
                return quote.speaker, quote.speaker_kind
        for match in NAME_RE.finditer(zone.text):
            canonical = self.registry.canonical_person(clean_name(match.group(1)), fuzzy=False)
            if canonical:
                return canonical, "person"
        opening = zone.text.split(None, 1)[0].lower() if zone.text.strip() else ""
        if opening in PERSON_PRONOUNS:
            return self._pronoun(opening, zone.start)
        return None, None

    def _interviewee(self) -> str | None:
        """Who answers a reporter's questions: the person the set-up paragraph before the block talks with
        ("Avisen snakket med Solberg etter kampen"), else the first person it names."""
        zone = self.narration
        if zone is None:
            return None
        text = zone.text
        met = _INTERVIEW_WITH.search(text)
        setups = list(_INTERVIEW_SETUP.finditer(text))  # only where a reporter's question opens a Q&A
        if setups and (met is None or setups[-1].start() > met.start()):
            setup = setups[-1]
            who = next(g for g in setup.groups() if g)
            person = self._setup_person(who, zone.start + setup.start())
            if person:
                return person
        names = [met.group(1)] if met else [m.group(1) for m in NAME_RE.finditer(text)]
        for name in names:
            canonical = self.registry.canonical_person(clean_name(name), fuzzy=False)
            if canonical:
                return canonical
        return None

    def _setup_person(self, who: str, offset: int) -> str | None:
        """The interviewee a set-up names: a known person, or by a role noun ("Vi møtte artisten") the latest
        holder of that role, else the person the article introduces with that title."""
        canonical = (
            self.registry.canonical_person(clean_name(who), fuzzy=False) if who[:1].isupper() else None
        )
        if canonical:
            return canonical
        role = role_of(who.lower()) if " " not in who else None
        if not role:
            return None
        holder = self.registry.by_role(role, None, offset)
        if holder:
            return holder
        # "Artisten Marte Dahl (29)": the title before the name, whatever the registry made of it
        stem = who.lower()
        for match in NAME_RE.finditer(self.text, 0, offset):
            before = self.text[max(0, match.start() - 30) : match.start()].split()
            if before and before[-1].lower().startswith(role) and before[-1].lower() in (role, stem):
                canonical = self.registry.canonical_person(clean_name(match.group(1)), fuzzy=False)
                if canonical:
                    return canonical
        return None

    @staticmethod
    def _attribution_end(text: str, start: int, sentence_end: int) -> int:
        """End of an attribution clause: before a relative clause (", som er klar på at ...") or a new cue."""
        relative = re.search(r",\s+som\s", text[start:sentence_end])
        if relative:
            return start + relative.start()
        coordinated = _next_cue_re().search(text, start, sentence_end)
        return coordinated.start() + 1 if coordinated else sentence_end

    def _narration_resumes(self, text: str, base: int, pos: int) -> int:
        """Where an unattributed dash quote gives way to narration: a later sentence opening with the name of
        a person the article knows ("... i kveld. ElBaradei ble spurt om ...")."""
        for sentence in split_sentences(text[pos:], pos)[1:]:
            name = NAME_RE.match(sentence.text)
            if name and self.registry.canonical_person(clean_name(name.group(1)), fuzzy=False):
                return sentence.start
        return len(text)

    def _marked(self, zone, label: str, claimed: list[tuple[int, int]]) -> None:
        text, base = zone.text, zone.start
        opening = text.rfind("«")
        if (
            opening >= 0
            and "»" not in text[opening:]
            and not any(a <= base + opening < b for a, b in claimed)
        ):
            self._marked_across_paragraphs(zone, label, base + opening, claimed)
            return
        if "”" in text and text.count("”") % 2 == 1:
            # ”…\n\n”…”: an odd ” opens a quote whose closing ” comes in a later paragraph
            opening = text.rfind("”")
            if not any(a <= base + opening < b for a, b in claimed):
                self._marked_across_paragraphs(zone, label, base + opening, claimed)
                if any(a <= base + opening < b for a, b in self.carried_claims):
                    return
        for match in _MARKED.finditer(text):
            start, end = base + match.start() + 1, base + match.end() - 1
            if any(a <= start < b for a, b in claimed):
                continue
            inner = match.group(0)[1:-1]
            if len(re.findall(r"\w+", inner)) < 4:
                continue  # fragments and titles: neither required nor useful for shares
            if _is_work_title(text, match.start()):
                continue  # "albumet «…»", "med tittelen «…»": the title of a work, nobody's words
            if _PUBLISHED_AFTER.match(text, match.end()):
                continue  # "«…» slippes fredag": a title as the subject of a publication verb
            after = text[match.end() :]
            attribution = re.match(r"\s*,?\s*", after)
            cue = _cue_re().match(after, attribution.end()) if attribution else None
            q = _Quote("direct", label, start, end, match.group(0)[0])
            if cue:
                phrase, sentence_end = self._attribution_phrase(after, cue.end())
                if self._plausible_speaker(phrase, need_capital=False):
                    q.cue = cue.group(0)
                    q.speaker, q.speaker_kind = self.resolve(phrase, start, after_direct=True)
                    attribution_end = self._attribution_end(after, cue.end(), sentence_end)
                    claimed.append((base + match.end(), base + match.end() + attribution_end))
            if q.speaker is None:
                intro = self._introduction(text[max(0, match.start() - 160) : match.start()])
                if intro:
                    q.cue, phrase = intro
                    q.speaker, q.speaker_kind = self.resolve(phrase, start)
                else:
                    q.pending = "context"
            if label == "headline" and q.speaker is None:
                q.pending = "overlap"
            self._add(q)
            claimed.append((start - 1, end + 1))

    def _introduction(self, before: str) -> tuple[str, str] | None:
        """(cue, speaker phrase) of "X sier: «...»" or "Det sa X: «...»" right before a quote mark."""
        if not before.rstrip().endswith(":"):
            return None
        cues = list(_cues_in(before, 0, len(before)))
        if not cues:
            return None
        between = before[cues[-1].end() :].strip(" :")
        # "skriver i en pressemelding:", "sa dette om saken:" — a phrase that is not the speaker
        adjunct = re.match(r"(?:i|på|til|overfor|under|om|dette|det|følgende)\b", between)
        if between and not adjunct:
            if self._plausible_speaker(between, need_capital=False):
                return cues[-1].group(0), between  # inverted: "sier statsministeren:"
            return None
        cue = cues[-1]
        subject = self._subject_before(before[: cue.start()]) or self._sentence_subject(before[: cue.start()])
        return (cue.group(0), subject) if subject else None

    def _marked_across_paragraphs(
        self, zone, label: str, opening: int, claimed: list[tuple[int, int]]
    ) -> None:
        """A « quote whose closing » comes in a later paragraph: one quote that keeps the breaks inside. Each
        paragraph of a continued quote opens with « again (”), only the last one closes."""
        mark = self.text[opening]
        closing = self._closing_mark(opening, mark, "»" if mark == "«" else mark)
        if closing < 0:
            return
        q = _Quote("direct", label, opening + 1, closing, mark, pending="context")
        after = self.text[closing + 1 : closing + 200]
        cue = _cue_re().match(after, re.match(r"\s*,?\s*", after).end())
        claim_end = closing + 1
        if cue:
            phrase, sentence_end = self._attribution_phrase(after, cue.end())
            if self._plausible_speaker(phrase, need_capital=False):
                q.speaker, q.speaker_kind = self.resolve(phrase, opening, after_direct=True)
                q.cue, q.pending = cue.group(0), None
                # the attribution ("», sier X.") is no indirect quote of its own in the later paragraph
                claim_end += self._attribution_end(after, cue.end(), sentence_end)
        if q.speaker is None:
            # "På Facebook skriver hun:\n\n«…": the introduction ends the paragraph before
            intro = self._introduction(self.text[max(0, opening - 160) : opening].rstrip())
            if intro:
                q.cue, phrase = intro
                q.speaker, q.speaker_kind = self.resolve(phrase, opening)
                q.pending = None if q.speaker else "context"
        if self._add(q):
            claimed.append((opening, claim_end))
            self.carried_claims.append((opening, claim_end))

    def _closing_mark(self, opening: int, mark: str, close: str) -> int:
        """The mark that closes a quote opened at `opening` in a later paragraph, or -1: an opening mark is
        allowed only where a paragraph of the continued quote begins."""
        text, pos, limit = self.text, opening + 1, min(len(self.text), opening + 4000)
        marks = _CLOSE_SEARCH[mark]
        crossed = False
        while True:
            found = marks.search(text, pos, limit)
            if found is None:
                return -1
            i = found.start()
            line_start = text.rfind("\n", opening, i)
            at_paragraph_start = line_start >= 0 and not text[line_start + 1 : i].strip()
            if at_paragraph_start and text[i] == mark:
                crossed, pos = True, i + 1
                continue
            if text[i] == close and (crossed or "\n" in text[opening:i]):
                return i
            return -1

    # -------------------------------------------------------- indirect speech

    def _indirect(self, zone, label: str, claimed: list[tuple[int, int]]) -> None:
        text, base = zone.text, zone.start
        lowered, hits, starts = self._paragraph_cues(zone)
        has_ifolge = "følge" in lowered
        if not hits and not has_ifolge:
            self._set_previous_sentence((zone.start, zone.end))  # no reporting verb: nothing to split
            return
        if (
            not has_ifolge
            and len(lowered) == len(text)
            and not any(_cue_start_res_by_word()[word].match(text, position) for position, word in starts)
        ):
            # no cue can match in any sentence: the loop below would only leave its last sentence behind
            self.unsplit_paragraph = zone
            return
        candidates = [position for position, _ in starts]
        previous_end = 0
        for sentence in split_sentences(text, base, zone.kind):
            s_start, s_end = sentence.start - base, sentence.end - base
            if any(a <= sentence.start and sentence.end <= b for a, b in claimed):
                previous_end = s_end
                self._set_previous_sentence((sentence.start, sentence.end))
                continue
            found = False
            first = bisect.bisect_left(candidates, s_start)
            last = bisect.bisect_left(candidates, s_end)
            for position, word in starts[first:last]:
                cue = _cue_at(text, position, s_end, word) if word else _cue_re().match(text, position, s_end)
                if cue is None or any(a <= base + cue.start() < b for a, b in claimed):
                    continue
                if found and self.quotes[-1].start <= base + cue.start() < self.quotes[-1].end:
                    continue  # "sier at hun har varslet om dette": a verb inside the reported clause
                if self._indirect_at(text, base, label, s_start, s_end, cue, previous_end):
                    found = True
            for match in _IFOLGE.finditer(text, s_start, s_end) if has_ifolge else ():
                if any(a <= base + match.start() < b for a, b in claimed):
                    continue
                if found and base + match.start() < self.quotes[-1].start:
                    # "Gutten har ifølge forsvareren forklart at …": the reported clause is the quote, the
                    # "ifølge" phrase names its source
                    quote = self.quotes[-1]
                    phrase = self._ifolge_source(text, match.end(), s_end)
                    if phrase:
                        quote.speaker, quote.speaker_kind = self.resolve(phrase, base + match.end())
                    continue
                self._ifolge(text, base, label, s_start, s_end, match)
                found = True
            if found:
                claimed.append((sentence.start, sentence.end))
            previous_end = s_end
            self._set_previous_sentence((sentence.start, sentence.end))

    def _paragraph_cues(self, zone) -> tuple[str, frozenset[str], list[tuple[int, str]]]:
        """(lower-cased text, reporting-verb first words in it, (offset, word) where a cue may start) of a
        paragraph, worked out once for both the dash and the indirect-speech pass."""
        if self.paragraph_cues is not None and self.paragraph_cues[0] is zone:
            return self.paragraph_cues[1]
        text = zone.text
        lowered = text.lower()
        hits = _cue_first_words().intersection(_ALL_WORDS.findall(lowered))
        possible = _possible_cue_words(hits, lowered)
        if len(lowered) == len(text):
            starts = _word_starts(lowered, possible)
        else:  # lower() changed a length ("İ"): offsets into `lowered` are not offsets into `text`
            starts = [(w.start(), "") for w in _PLAIN_WORD.finditer(lowered) if w.group(0) in possible]
        self.paragraph_cues = (zone, (lowered, hits, starts))
        return lowered, hits, starts

    def _cues_after(self, zone, pos: int):
        """`_cues_in(zone.text, pos, len(zone.text))` from the paragraph's cue candidates."""
        text = zone.text
        lowered, _, starts = self._paragraph_cues(zone)
        if len(lowered) != len(text):
            yield from _cues_in(text, pos, len(text))
            return
        for position, word in starts[bisect.bisect_left(starts, (pos, "")) :]:
            cue = _cue_at(text, position, len(text), word)
            if cue:
                yield cue

    def _set_previous_sentence(self, span: tuple[int, int]) -> None:
        self.previous_sentence, self.unsplit_paragraph = span, None

    def _previous_sentence(self) -> tuple[int, int] | None:
        """(start, end) of the sentence before the current one; splits a skipped paragraph on demand."""
        zone, self.unsplit_paragraph = self.unsplit_paragraph, None
        if zone is not None:
            sentences = split_sentences(zone.text, zone.start, zone.kind)
            if sentences:
                self.previous_sentence = (sentences[-1].start, sentences[-1].end)
        return self.previous_sentence

    def _indirect_at(
        self, text: str, base: int, label: str, s_start: int, s_end: int, cue, previous_end: int
    ) -> bool:
        lemma = _lemma_of(cue.group(0))
        left = text[s_start : cue.start()]
        # "En ansatt, som ikke vil stå fram med navn, sier at": the relative clause is not the subject
        relative = _RELATIVE_TAIL.search(left)
        if relative and relative.start() > 0:
            left = left[: relative.start()] + " "
        content_end = s_end
        # "Det opplyser X." / "Slik het det i X.": the content is the sentence before
        opener = re.fullmatch(r"\s*(?:Det|Dette|Slik|Så)\s*", left)
        if opener and (cue.group(0).lower().startswith(("het det", "heter det")) or lemma != "si" or True):
            phrase, _ = self._attribution_phrase(text, cue.end())
            phrase = re.sub(r"^(?:det\s+)?(?:i|fra|av)\s+", "", phrase, flags=re.IGNORECASE)
            rest = text[cue.end() : s_end].strip(" .")
            if (
                phrase
                and not re.match(r"(?:at|om)\b", rest)
                and self._plausible_speaker(phrase, need_capital=False)
            ):
                return self._postposed_to_previous(base, cue, phrase)
        # "X, mener Y." — content before the verb (unless X is a subject with an apposition)
        if left.rstrip().endswith(",") and len(left.split()) >= 3 and not self._apposition_subject(left):
            phrase, _ = self._attribution_phrase(text, cue.end())
            after = text[cue.end() : s_end].strip(" .")
            if self._plausible_speaker(phrase, need_capital=False) and not re.search(
                r"(?<!\w)(?:at|om)(?!\w)", after
            ):
                speaker, kind = self.resolve(phrase, base + cue.end())
                start = s_start
                opening = re.match(r"(?:Men|Og|Så)\s+", text[s_start:])
                if opening:
                    start += opening.end()
                # "… i helgen. – Systemet er sprengt, sier overlegen.": a dash mid-paragraph quotes directly
                kind_of_quote = "direct" if _DASH_START.match(left.lstrip()) else "indirect"
                q = _Quote(
                    kind_of_quote,
                    label,
                    base + start,
                    base + s_start + len(left.rstrip()),
                    cue.group(0),
                    speaker,
                    kind,
                )
                self._add(q)
                return True
        # "X sa (onsdag) at ...", "mener Y at ...", "spurt av X om ..."
        rest_start = cue.end()
        tokens = list(re.finditer(r"[\w'’-]+|[^\w\s]", text[rest_start:s_end]))
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
        left_subject = self._subject_before(left)
        if not left_subject and left.rstrip().endswith(" og") and self._sentence_subject(left):
            # "X kaller budsjettet «tomme ord» og mener …": the coordinated verb shares the sentence's subject
            left_subject = self._sentence_subject(left)
        if agent is None and tokens and not left_subject:
            first = tokens[0].group(0)
            if first.lower() in PERSON_PRONOUNS | PLURAL_PRONOUNS:
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
                lemma == "be" or (k > i and tokens[k - 1].group(0).lower() in _ABOUT_OBJECTS)
            ):
                break  # "ber om tilgivelse", "vil ikke si noe om årsaken": "om" + a noun phrase
            if word.lower() in _CONJUNCTIONS and (word.lower() != "om" or k + 1 < len(tokens)):
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
            if inner and _is_receiver(between[: inner.start()]):
                inner = None
            pronoun = re.search(r"(?<!\w)(han|hun|de)(?!\w)", between)
            if inner and clean_name(inner.group(1)):
                subject_after = clean_name(inner.group(1))
            elif pronoun:
                subject_after = pronoun.group(1)
        content_start = None
        clause_first = (
            conj_at is not None
            and conj_at > i
            and lemma in _AT_OPTIONAL
            and (
                tokens[i].group(0).lower() in _CLAUSE_STARTERS - PERSON_PRONOUNS - PLURAL_PRONOUNS
                # "sier klubben ikke har planer om å …": the clause starts at its subject, not at "om"
                or (tokens[conj_at].group(0).lower() == "om" and _noun_clause(tokens, i))
            )
        )
        if clause_first:
            conj_at = None  # "mener dette kan føre til at ...": the clause starts at "dette"
        if conj_at is not None and conj_at + 1 < len(tokens):
            content_start = rest_start + tokens[conj_at + 1].start()
        elif lemma in _AT_OPTIONAL and i < len(tokens):
            word = tokens[i].group(0)
            has_subject = subject_after is not None or left_subject != ""
            noun_clause = _noun_clause(tokens, i)
            if has_subject and (
                word.lower() in _CLAUSE_STARTERS
                or (word[:1].isupper() and word.lower() not in function_words())
                or noun_clause
            ):
                if len(tokens) - i >= 4 and tokens[min(i + 1, len(tokens) - 1)].group(0).lower() not in (
                    "til",
                    ",",
                ):
                    content_start = rest_start + tokens[i].start()
        if content_start is None:
            return False
        if len(_ALL_WORDS.findall(text[content_start:content_end])) < 3:
            return False  # "varsler om glatte veier": a noun phrase, not a reported clause
        colon = text.find(":", content_start, s_end)
        if colon >= 0:
            # "sa dette om saken: «...»": a colon introduces a quote, not a content clause
            introduces_quote = re.match(rf"\s*[{DASH}«“”\"]", text[colon + 1 : colon + 4])
            if introduces_quote or len(text[content_start:colon].split()) < 3:
                return False
            s_end = colon
            content_end = min(content_end, colon)
        # passive reporting: "ble opplyst at", "har fått opplyst at" (the source is not named)
        if _PASSIVE_BEFORE.search(left.rstrip()) or cue.group(0).lower().endswith("es"):
            passive = agent is None
        # the content clause ends at the sentence end or where the next reporting verb takes over
        nxt = _next_cue_re().search(text, content_start, s_end)
        if nxt:
            content_end = nxt.start()
        if agent:
            speaker, kind = self.resolve(agent, base + cue.start())
        elif passive:
            speaker, kind = None, None
        elif left_subject:
            speaker, kind = self.resolve(left_subject, base + cue.start())
        elif subject_after:
            speaker, kind = self.resolve(subject_after, base + cue.start())
        else:
            # "X mener A, og advarer mot at B": a verb coordinated with an earlier cue shares its speaker
            same_sentence = [q for q in self.quotes[-5:] if base + s_start <= q.start < base + cue.start()]
            if same_sentence and same_sentence[-1].kind == "indirect":
                speaker, kind = same_sentence[-1].speaker, same_sentence[-1].speaker_kind
            else:
                subject = self._sentence_subject(left)
                speaker, kind = self.resolve(subject, base + cue.start()) if subject else (None, None)
        q = _Quote("indirect", label, base + content_start, base + content_end, cue.group(0), speaker, kind)
        if q.speaker is None and not passive:
            q.pending = "previous"
        self._add(q)
        return True

    def _postposed_to_previous(self, base: int, cue, phrase: str) -> bool:
        """ "Det opplyser X": X is the speaker of the sentence before (a quote there, or new indirect)."""
        previous = self._previous_sentence()
        if previous is None:
            return False
        p_start, p_end = previous
        speaker, kind = self.resolve(phrase, base + cue.end())
        inside = [q for q in self.quotes[-5:] if q.start < p_end and q.end > p_start]
        if inside:
            # only a quote still waiting for its speaker; a continuation keeps the speaker before it
            if inside[-1].pending == "context" or (inside[-1].speaker is None and inside[-1].pending is None):
                inside[-1].speaker, inside[-1].speaker_kind, inside[-1].pending = speaker, kind, None
                inside[-1].cue = cue.group(0)
                self._remember(inside[-1])
                return True
            return False
        if len(self.text[p_start:p_end].split()) < 4:
            return False
        zone = self.zones[max(0, bisect.bisect_right(self.zone_starts, p_start) - 1)]
        label = "headline" if zone.kind in HEADLINE_ZONES else "body"
        self._add(_Quote("indirect", label, p_start, p_end, cue.group(0), speaker, kind))
        return True

    @staticmethod
    def _apposition_subject(left: str) -> str:
        """The speaker of "Subject, apposition, <verb>": the name where either part is one, else the
        description ("en 19 år gammel kvinne"); '' when `left` is no such subject."""
        tokens = left.split()
        while tokens and tokens[-1].lower() in _AUXILIARIES:
            tokens.pop()
        match = _APPOSITION_SUBJECT.match(" ".join(tokens) + " ")
        if not match:
            return ""
        subject, apposition = match.group("subject").strip(), match.group("apposition").strip()
        words = (subject + " " + apposition).lower().split()
        if len(words) > 14 or not _FINITE_VERBS.isdisjoint(words) or "at" in words:
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

    @staticmethod
    def _subject_before(left: str) -> str:
        """The noun phrase right before a reporting verb (after auxiliaries and adverbs): '' when none."""
        apposed = _Extractor._apposition_subject(left)
        if apposed:
            return apposed
        tokens = left.split()
        while tokens and (tokens[-1].lower().strip(",") in _AUXILIARIES or tokens[-1] == "og"):
            tokens.pop()
        if not tokens:
            return ""
        if tokens[-1] == "som" and len(tokens) > 1 and tokens[-2].endswith(","):
            tokens = tokens[:-1]
            tokens[-1] = tokens[-1].rstrip(",")
        last = tokens[-1].strip(",")
        if last.lower() in PERSON_PRONOUNS | PLURAL_PRONOUNS:
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
        return ""

    @staticmethod
    def _sentence_subject(left: str) -> str:
        """The sentence's opening noun phrase: a pronoun, a name, or a short description ("Flere medier",
        "Den svenske regjeringen")."""
        words = left.split()
        while words and words[-1].lower() in _AUXILIARIES:
            words.pop()
        if 1 < len(words) <= 4 and words[0][:1].isupper() and not any(w.endswith(",") for w in words):
            return " ".join(words)
        pronoun = re.match(r"\s*(Han|Hun|De)\s", left)
        if pronoun:
            return pronoun.group(1).lower()
        match = re.match(rf"\s*((?:{_NAME_TOKEN})(?:\s+{_NAME_TOKEN})*)", left)
        if match and clean_name(match.group(1)):
            return clean_name(match.group(1))
        indefinite = _INDEFINITE_SUBJECT.match(left)
        if indefinite and _FINITE_VERBS.isdisjoint(indefinite.group(1).lower().split()):
            return indefinite.group(1)
        description = re.match(
            r"\s*([A-ZÆØÅ][\w-]*(?:\s+[a-zæøå][\w-]*){0,2}?)\s+(?:har|hadde|skal|vil|kan|har\s+\w+)\b", left
        )
        if description and len(description.group(1).split()) <= 3:
            return description.group(1)
        return ""

    @staticmethod
    def _ifolge_source(text: str, start: int, end: int) -> str:
        """The source named after a mid-sentence "ifølge": its apposed name ("forsvareren hans, advokat Kari
        Li,") or the words up to the next comma."""
        segment = text[start:end]
        apposed = re.match(
            rf"[^,]{{1,40}},\s+(?:[a-zæøå-]+\s+)?((?:{_NAME_TOKEN})(?:\s+{_NAME_TOKEN})+),", segment
        )
        if apposed:
            return apposed.group(1)
        return segment.split(",")[0] if "," in segment else ""

    def _ifolge(self, text: str, base: int, label: str, s_start: int, s_end: int, match) -> None:
        np_start = match.end()
        tokens = list(re.finditer(r"[\w'’.-]+|[^\w\s]", text[np_start:s_end]))
        taken = 0
        capital_seen = False
        for k, token in enumerate(tokens):
            word = token.group(0)
            if word in (",", ".", "!", "?", ";", ":"):
                break
            if word[:1].isupper() or (word.startswith(("al-", "el-")) and capital_seen):
                organisation = (
                    None if capital_seen else _ORG_NAME.match(text, np_start + token.start(), s_end)
                )
                capital_seen = True
                if organisation:  # "ifølge Statistisk sentralbyrå": the name runs on in lower case
                    taken = k + 1
                    while taken < len(tokens) and np_start + tokens[taken].end() <= organisation.end():
                        taken += 1
                    break
                taken = k + 1
                continue
            if capital_seen:
                if word.lower() in _SOURCE_NOUNS and tokens[k - 1].group(0).endswith("s"):
                    taken = k + 1  # "ifølge NRKs opplysninger": the owner of the information is the source
                break
            low = word.lower()
            if low in _FINITE_VERBS:
                break
            taken = k + 1
            if low in PERSON_PRONOUNS | PLURAL_PRONOUNS:
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
        if sentence_final and rest_words and len(rest_words) <= 14 and not (set(rest_words) & _FINITE_VERBS):
            taken = len(tokens) - (1 if tokens[-1].group(0) in ".!?" else 0)
        elif taken and taken < len(tokens):
            # "ifølge en måling i Adresseavisa": a place or outlet in a following phrase belongs to the source
            tail = text[np_start + tokens[taken - 1].end() : s_end]
            pp = re.match(rf"\s+(?:i|fra|hos|av)\s+(?:{_NAME_TOKEN})(?:\s+{_NAME_TOKEN})*", tail)
            if pp is None and tokens[taken - 1].group(0).lower() in _DOCUMENT_NOUNS:
                pp = _FROM_DEFINITE.match(tail)  # "ifølge en pressemelding fra festivalen"
            if pp and not capital_seen:
                phrase_end = np_start + tokens[taken - 1].end() + pp.end()
                name_start = phrase_end - len(pp.group(0).split(None, 1)[1])
                organisation = _ORG_NAME.match(text, name_start, s_end)
                if organisation:
                    phrase_end = max(phrase_end, organisation.end())
                while taken < len(tokens) and np_start + tokens[taken].end() <= phrase_end:
                    taken += 1
        np_end = np_start + (tokens[taken - 1].end() if taken else 0)
        phrase = text[np_start:np_end].rstrip(".")
        # "ifølge leder ved Antirasistisk Senter, Kari Helene Partapuoli, ..." — a name in apposition
        apposition = re.match(
            rf"(?:\s+(?:ved|i|for|til)\s+[^,]{{1,40}}|\s+(?:hans|hennes|deres))?,\s+(?:[a-zæøå-]+\s+)?"
            rf"((?:{_NAME_TOKEN})(?:\s+{_NAME_TOKEN})+)\s*(?=,|\.|$)",
            text[np_end:s_end],
        )
        if apposition:
            phrase = apposition.group(1)
            np_end += apposition.end()
        if not phrase:
            return
        source = _GENITIVE_SOURCE.fullmatch(phrase) or _DOCUMENT_FROM.fullmatch(phrase)
        speaker, kind = self.resolve(source.group(1) if source else phrase, base + np_start)
        start, end = s_start, s_end
        if text[s_start : match.start()].strip() == "":
            start = np_end
            if text[start : start + 1] == ",":
                start += 1
        elif text[np_end:s_end].strip(" .!?") == "":
            end = match.start()
            trailing = re.search(r"[,\s]+$", text[s_start:end])
            if trailing:
                end = s_start + trailing.start()
        q = _Quote("indirect", label, base + start, base + end, match.group(0).strip(), speaker, kind)
        self._add(q)

    # -------------------------------------------------------- pending speakers

    def _resolve_pending(self) -> None:
        ordered = sorted(self.quotes, key=lambda q: q.start)
        body = [q for q in ordered if q.zone == "body" and q.speaker and q.speaker != JOURNALIST]
        main_voice = _main_voice(body)
        body_starts = [q.start for q in body]
        stem_cache: dict[int, set[str]] = {}

        def stems_of(quote: _Quote) -> set[str]:
            if id(quote) not in stem_cache:
                stem_cache[id(quote)] = _stems(self.text[quote.start : quote.end])
            return stem_cache[id(quote)]

        last: _Quote | None = None
        for index, q in enumerate(ordered):
            if q.pending == "previous" or (q.pending == "context" and q.zone == "body"):
                source = last
                if source is None:
                    source = next(
                        (n for n in ordered[index + 1 :] if n.speaker and n.speaker != JOURNALIST), None
                    )
                if source is not None:
                    q.speaker, q.speaker_kind = source.speaker, source.speaker_kind
            elif q.pending == "described":
                best = _best_overlap(self.text[q.start : q.end], body, body_starts, stems_of, q.start)
                if best is not None:
                    q.speaker, q.speaker_kind = best.speaker, best.speaker_kind
            elif q.pending in ("overlap", "section"):
                best = _best_overlap(self.text[q.start : q.end], body, body_starts, stems_of, q.start)
                if best is None and q.pending == "section":
                    i = bisect.bisect_left(body_starts, q.start)
                    best = body[i] if i < len(body) else None
                chosen = best or main_voice
                if chosen is not None:
                    q.speaker, q.speaker_kind = chosen.speaker, chosen.speaker_kind
            if q.speaker and q.speaker != JOURNALIST and q.zone == "body":
                last = q


def _is_work_title(text: str, opening: int) -> bool:
    """A «» span right after a genre noun ("albumet «…»", "debutromanen «…»", "med tittelen «…»")."""
    before = text[max(0, opening - 40) : opening].split()
    if not before:
        return False
    last = before[-1].lower()
    return last in _WORK_WORDS or last.endswith(_WORK_NOUN_ENDINGS)


def _noun_clause(tokens: list[re.Match[str]], i: int) -> bool:
    """Whether a clause without "at" opens at tokens[i]: "mener kommunen må …" (a noun, then a finite verb
    within two words), "sier kommunen mangler …" (a definite noun, then a present or past form)."""
    word = tokens[i].group(0)
    if not word[:1].isalpha() or word.lower() in function_words():
        return False
    following = [t.group(0) for t in tokens[i + 1 : i + 3]]
    if any(t.lower() in _FINITE_VERBS for t in following):
        return True
    return (
        word.lower().endswith(("en", "et", "a", "ne"))
        and bool(following)
        and _FINITE_FORM.fullmatch(following[0]) is not None
    )


def _is_receiver(before: str) -> bool:
    """Whether a name after `before` is an object of a preposition ("til nyhetsbyrået Reuters"): the words
    between may only be organisation nouns, roles or adjectives, not "for eksempel"."""
    match = _RECEIVER_BEFORE.search(before)
    if match is None:
        return False
    return all(
        word in organisation_heads() or role_of(word) or word.endswith("e") for word in match.group(1).split()
    )


_STEM_STOPS = frozenset({"ikke", "skal", "blir", "være", "har", "også"})


def _inside_any(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `position` lies in one of `spans`: a plain loop, cheaper than any() over a generator."""
    for start, end in spans:
        if start <= position < end:
            return True
    return False


def _stems(text: str) -> set[str]:
    lowered = text.lower()
    # one lower() for the whole quote instead of one per word, where that cannot differ: no change of
    # length ("İ") and no capital sigma (lower-cased by its context in a text, alone in a word)
    if len(lowered) == len(text) and "Σ" not in text:
        return {w[:4] for w in _CONTENT_WORD.findall(lowered)} - _STEM_STOPS
    return {w.lower()[:4] for w in _CONTENT_WORD.findall(text)} - _STEM_STOPS


def _best_overlap(
    text: str, body: list[_Quote], body_starts: list[int], stems_of, position: int
) -> _Quote | None:
    """The body quote sharing most content words with a headline quote, among the nearest ones."""
    stems = _stems(text)
    if not stems:
        return None
    # a window of quotes around the headline keeps the work linear in long articles
    i = bisect.bisect_left(body_starts, position)
    best, best_score = None, 0.0
    for q in body[max(0, i - 12) : i + 12]:
        shared = len(stems & stems_of(q))
        score = shared / len(stems) + (0.01 if q.kind == "direct" else 0.0) - abs(q.start - position) * 1e-9
        if shared and score > best_score:
            best, best_score = q, score
    return best


def _main_voice(body: list[_Quote]) -> _Quote | None:
    words: dict[str, int] = {}
    first: dict[str, _Quote] = {}
    for q in body:
        if q.kind == "direct":
            words[q.speaker] = words.get(q.speaker, 0) + q.end - q.start
            first.setdefault(q.speaker, q)
    if not words:
        return body[0] if body else None
    return first[max(words, key=words.get)]


# ---------------------------------------------------------------- public API

_REGISTRIES: dict[int, tuple[Article, SpeakerRegistry]] = {}


def registry_for(article: Article) -> SpeakerRegistry:
    """The article's speaker registry, built once per article object."""
    cached = _REGISTRIES.get(id(article))
    if cached and cached[0] is article:
        return cached[1]
    registry = SpeakerRegistry(article)
    if len(_REGISTRIES) > 16:
        _REGISTRIES.clear()
    _REGISTRIES[id(article)] = (article, registry)
    return registry


_EXTRACTED: dict[int, tuple[Article, int, pd.DataFrame]] = {}


def extract_quotes(article: Article) -> pd.DataFrame:
    """Every direct and indirect quote of the article, sorted by start (columns: QUOTE_COLUMNS).

    The result is memoised per article object (and its text), so the report sections and the JSON can all
    ask for it; each caller gets its own copy."""
    cached = _EXTRACTED.get(id(article))
    if cached and cached[0] is article and cached[1] == hash(article.text):
        return cached[2].copy()
    frame = _extract(article)
    if len(_EXTRACTED) > 16:
        _EXTRACTED.clear()
    _EXTRACTED[id(article)] = (article, hash(article.text), frame)
    return frame.copy()


def _extract(article: Article) -> pd.DataFrame:
    quotes = _Extractor(article).run()
    if not quotes:
        return pd.DataFrame([], columns=QUOTE_COLUMNS)
    text = article.text
    # one list per column: pandas builds a frame from columns faster than from a dict per row
    columns = {
        "kind": [q.kind for q in quotes],
        "zone": [q.zone for q in quotes],
        "text": [text[q.start : q.end] for q in quotes],
        "start": [q.start for q in quotes],
        "end": [q.end for q in quotes],
        "speaker": [q.speaker for q in quotes],
        "speaker_kind": [q.speaker_kind if q.speaker else None for q in quotes],
        "cue": [q.cue for q in quotes],
    }
    return pd.DataFrame(columns, columns=QUOTE_COLUMNS).astype({"start": "int64", "end": "int64"})


_PLAIN_TYPES = frozenset({str, int, bool, type(None)})  # values that plain() returns as they are


def quotes_json(article: Article, quotes: pd.DataFrame | None = None) -> dict:
    """{"quotes": [...], "speakers": [...]} in the JSON contract of `workbook analyze --json`; pass `quotes`
    from `extract_quotes` to avoid extracting them twice."""
    quotes = extract_quotes(article) if quotes is None else quotes
    table = speaker_table(article, quotes)
    quote_keys = ["kind", "zone", "text", "start", "end", "speaker", "cue"]
    return {
        # column lists zipped into rows: what to_dict("records") gives, without its per-value boxing
        "quotes": [
            {k: v if type(v) in _PLAIN_TYPES else plain(v) for k, v in zip(quote_keys, values, strict=True)}
            for values in zip(*(quotes[k].tolist() for k in quote_keys), strict=True)
        ],
        "speakers": [{k: plain(row[k]) for k in JSON_SPEAKER_KEYS} for row in table.to_dict("records")],
    }
