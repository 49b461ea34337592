"""The discourse model of an article: the people and organisations it introduces, with their names, roles,
affiliations and gender, and where each is mentioned, plus the name helpers every stage shares.

What the article itself states is the evidence, without a neural model:
- appositions give roles and affiliations ("USAs utenriksminister Antony Blinken", "den russiske
  utenriksministeren Lavrov", "Ali Tarhouni, olje- og finansminister i rådet", "Akhtar Chaudhry (SV)");
- role references ("den amerikanske utenriksministeren", "statsministeren") reach the person holding that
  role, with nationality adjectives matched to countries (amerikanske ↔ USA);
- surnames reach full names, typos and case the closest known name (rapidfuzz);
- institutions (Kreml, UD, "Regjeringen i Russland") are organisations.

The quote extractor (analysis/quotes/) resolves speaker phrases against this model, and the speakers
table (analysis/speakers.py) reads roles and mentions from it; neither imports the other.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from string import ascii_lowercase

from rapidfuzz import fuzz, process

from . import data
from .article import Article
from .gender import FEMALE
from .gender import first_name_genders as listed_first_names
from .records import Span
from .text import is_known_word

PERSON_PRONOUNS = frozenset({"han", "hun", "ham", "henne"})
PLURAL_PRONOUNS = frozenset({"de", "dem"})

_UPPER = "A-ZÆØÅÄÖÜÉ"
NAME_TOKEN = rf"(?:[{_UPPER}]\.(?=\s+[{_UPPER}])|[{_UPPER}][\w'’]*(?:-[\w]+)*|(?:al|el|bin|ibn|van|von|de|da|di|der|den|du|le|la)(?:-[{_UPPER}][\w'’]*|(?=\s+(?:der\s+|den\s+|la\s+)?[{_UPPER}])))"
# a run of capitalised words; it must start with a capital (cheap to scan for), particles may follow;
# the first token is an initial ("A.") or a capitalised word, not a particle; "(?<![\w-])" is checked after
# the capital, as "(?<![\w-].)", so the pattern opens with a character class and the regex engine skips to the
# next capital instead of trying every offset.
NAME_RE = re.compile(
    rf"([{_UPPER}](?<![\w-].)(?:\.(?=\s+[{_UPPER}])|[\w'’]*(?:-[\w]+)*)(?:\s+{NAME_TOKEN})*)(?![\w-])"
)
_LOWER_WORD_AFTER = re.compile(r"\s+[a-zæøå]")
_PARTICLES = frozenset("al el bin ibn van von de da di der den du le la".split())
_SAINT = frozenset({"St", "St.", "Sankt", "Sancta"})
_NEXT_WORD = re.compile(r"\s+([a-zæøå]+)")
# words after a name in -s that show it is a subject ("Martin Linnes var"), not a genitive ("Venstres drøm")
_AFTER_SUBJECT = frozenset(
    "er var har hadde skal skulle vil ville kan kunne blir ble må sier sa mener forteller og som til i "
    "på med fra ved understreker opplyser".split()
)
_WORD_RE = re.compile(r"[\w'’]+(?:[-.][\w]+)*\.?|[^\w\s]")

# latin-1 byte → itself when its character is one \w matches, else a space
_WORD_BYTES = bytes(c if (chr(c).isalnum() or c == 0x5F) else 0x20 for c in range(256))
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]")
_MAPPED_BEYOND_LATIN1 = 40  # distinct characters beyond latin-1 a word map replaces, one pass each
# stands in for a word character beyond latin-1 (Polish, Cyrillic, ...) in the word map: a word character
# too, in no Norwegian word the map is searched for
OTHER_LETTER = "ß"


def word_map(text: str, lowered: str | None = None) -> bytes | None:
    """The \\w+ runs of the lower-cased text as latin-1 bytes, one byte a character, every other
    character a space: whole words found by bytes.find and bytes.split at C speed, offsets as in the text.

    None where lower() changes a length ("İ") or a capital sigma (lower-cased by its context) would make a
    slice's lower() differ from its slice of the whole text's, and for a text of more than a few dozen
    distinct characters beyond latin-1 (Cyrillic, Chinese), which one pass each would make quadratic.
    `lowered` is `text.lower()` where the caller has it already."""
    if lowered is None:
        lowered = text.lower()
    if len(lowered) != len(text) or "Σ" in text:
        return None
    try:
        # a text of latin-1 characters only (most Norwegian articles) is mapped as it stands: its encoding
        # is a copy, with no scan for characters beyond latin-1
        encoded = lowered.encode("latin-1")
    except UnicodeEncodeError as error:
        beyond = _BEYOND_LATIN1.search(lowered, error.start)  # (the first one is where encoding failed)
        distinct = 0
        while beyond is not None:  # once for each distinct character beyond latin-1 ("–", "”", "ł")
            distinct += 1
            if distinct > _MAPPED_BEYOND_LATIN1:
                return None
            char = beyond.group(0)
            # a non-word character ends a run as a space does; a letter keeps its run
            lowered = lowered.replace(char, OTHER_LETTER if (char.isalnum() or char == "_") else " ")
            beyond = _BEYOND_LATIN1.search(lowered, beyond.start())
        encoded = lowered.encode("latin-1")
    return encoded.translate(_WORD_BYTES)


@cache
def function_words() -> frozenset[str]:
    return frozenset(w for line in data.lines("speaker_function_words_nb.txt") for w in line.split())


@cache
def role_nouns() -> tuple[str, ...]:
    # longest first, so "utenriksminister" wins over "minister"; ties alphabetically, so that the order (and
    # the role found) never depends on the process's hash seed
    roles = {line.split("\t")[0].strip().lower() for line in data.lines("role_nouns_nb.txt")}
    return tuple(sorted(roles, key=lambda role: (-len(role), role)))


@cache
def epithet_nouns() -> frozenset[str]:
    """Role nouns marked "epithet" in role_nouns_nb.txt: descriptions for a person just named."""
    lines = (line.split("\t") for line in data.lines("role_nouns_nb.txt"))
    return frozenset(fields[0].strip().lower() for fields in lines if fields[1:] == ["epithet"])


def epithet_like(noun: str) -> bool:
    """Whether a definite role noun can stand for a person the article has just named: an epithet
    ("veteranen", "forsvarskjempen") or a compound title ("teatersjefen", "LO-lederen"); a bare office
    ("dommeren", "forsvareren") is another participant."""
    stem = noun.lower()
    for ending in ("en", "et", "a", "n"):
        if stem.endswith(ending) and role_of(stem[: -len(ending)]) == stem[: -len(ending)]:
            stem = stem[: -len(ending)]
            break
    base = next((role for role in role_nouns() if stem.endswith(role)), None)
    return base is not None and (base in epithet_nouns() or len(stem) > len(base))


def _role_stems() -> list[str]:
    # "minister" → "ministrene": nouns in -er drop their e before plural endings
    elided = [r[:-2] + "r(?=e)" for r in role_nouns() if r.endswith("er") and " " not in r]
    return [re.escape(r) for r in role_nouns() if " " not in r] + elided


@cache
def _role_word_re() -> re.Pattern[str]:
    stems = "|".join(_role_stems())
    return re.compile(rf"(?<![\w])[\w-]*?(?:{stems})(?:en|et|a|n|ne|e|ene|er)?(?![\w])", re.IGNORECASE)


@cache
def _role_tail_re() -> re.Pattern[str]:
    """`_role_word_re` from where its role stem starts: matched only where a stem's first letters stand."""
    stems = "|".join(_role_stems())
    return re.compile(rf"(?:{stems})(?:en|et|a|n|ne|e|ene|er)?(?![\w])", re.IGNORECASE)


_ROLE_PREFIX_LENGTH = 4  # the shortest one-word role noun has four letters


@cache
def _role_prefixes() -> frozenset[str]:
    """The first letters of every stem `_role_word_re` can match, elided ones ("ministre") included."""
    one_word = [r for r in role_nouns() if " " not in r]
    stems = one_word + [r[:-2] + "re" for r in one_word if r.endswith("er")]
    assert min(map(len, stems)) >= _ROLE_PREFIX_LENGTH and all(s == s.lower() for s in stems)
    return frozenset(s[:_ROLE_PREFIX_LENGTH] for s in stems)


def _role_word(phrase: str) -> str | None:
    """What `_role_word_re().search(phrase)` matches, without trying ~200 stems at every offset.

    In Latin-1 text lower() keeps its length and is what IGNORECASE compares, so a stem can only start where
    four letters open one. Its lazy `[\\w-]*?` prefix reaches back to where the run of word characters and
    hyphens starts, and the first such offset whose stem matches wins, as in the pattern's own search.
    Other text takes the pattern itself."""
    if not phrase.isascii() and max(phrase) >= "\u0100":
        match = _role_word_re().search(phrase)
        return match.group(0) if match else None
    low = phrase.lower()
    prefixes = _role_prefixes()
    tail = _role_tail_re()
    for i in range(len(low) - _ROLE_PREFIX_LENGTH + 1):
        if low[i : i + _ROLE_PREFIX_LENGTH] in prefixes:
            match = tail.match(phrase, i)
            if match:
                start = i
                while start > 0 and (phrase[start - 1] == "-" or _is_word_char(phrase[start - 1])):
                    start -= 1
                return phrase[start : match.end()]
    return None


@cache
def nationalities() -> tuple[dict[str, str], dict[str, str]]:
    """(adjective or other name → country, lower-case country → country)."""
    adjectives: dict[str, str] = {}
    countries: dict[str, str] = {}
    for line in data.lines("nationalities_nb.tsv"):
        parts = line.split("\t")
        country = parts[0]
        countries[country.lower()] = country
        for form in parts[1].split() if len(parts) > 1 else []:
            adjectives[form.lower()] = country
        for other in parts[2].split() if len(parts) > 2 else []:
            countries[other.replace("_", " ").lower()] = country
    return adjectives, countries


@cache
def institutions() -> tuple[dict[str, str | None], tuple[str, ...]]:
    """(institution name → affiliation or None, name suffixes that make an organisation)."""
    names: dict[str, str | None] = {}
    suffixes = []
    for line in data.lines("speaker_institutions_nb.txt"):
        name, _, affiliation = line.partition("\t")
        if name.startswith("-"):
            suffixes.append(name[1:])
        else:
            names[name] = affiliation or None
    return names, tuple(suffixes)


@cache
def organisation_heads() -> tuple[str, ...]:
    """Nouns that introduce an organisation's name ("avisen", "partiet"): lines starting with "^"."""
    return tuple(
        line[1:].strip() for line in data.lines("speaker_institutions_nb.txt") if line.startswith("^")
    )


@cache
def abbreviation_table() -> dict[str, str]:
    table = {}
    for line in data.lines("speaker_abbreviations_nb.tsv"):
        abbreviation, _, full = line.partition("\t")
        table[abbreviation.strip()] = full.strip()
    return table


@cache
def first_name_genders() -> dict[str, str]:
    """Given name → "m" or "f": the gender stage's list (analysis/data/first_names_nb.tsv)."""
    return {name: "f" if gender == FEMALE else "m" for name, gender in listed_first_names().items()}


def gender_of(name: str) -> str | None:
    """ "m" or "f" when the first name is a common one, else None."""
    first = name.split()[0] if name.split() else ""
    return first_name_genders().get(first)


@lru_cache(maxsize=65536)
def role_of(phrase: str) -> str | None:
    """The role noun (indefinite singular) a phrase names, e.g. "utenriksministeren" → "utenriksminister"."""
    found = _role_word(phrase)
    if not found:
        return None
    word = found.lower()
    for role in role_nouns():
        if role in word:
            return word[: word.index(role) + len(role)]
    for role in role_nouns():
        if role.endswith("er") and role[:-2] + "r" in word:
            return word[: word.index(role[:-2] + "r")] + role
    return None


_PERSON_ENDINGS = ("ene", "ne", "en", "et", "er", "a", "e", "n", "r", "")
_AGE_WORD = re.compile(r"\d+-åring\w*")


@cache
def source_nouns() -> tuple[frozenset[str], tuple[str, ...]]:
    """(nouns, agent-noun endings) of source_nouns_nb.txt."""
    entries = [line.strip().lower() for line in data.lines("source_nouns_nb.txt")]
    nouns = frozenset(e for e in entries if not e.startswith("-"))
    return nouns, tuple(sorted(e[1:] for e in entries if e.startswith("-")))


@lru_cache(maxsize=65536)
def names_a_source(phrase: str) -> bool:
    """Whether a description names someone or something that can be quoted: a role noun
    ("statsministeren"), a gendered noun ("faren", "talsmannen"), an age ("24-åringen"), or a noun of
    source_nouns_nb.txt ("kilder", "innbyggerne", "undersøkelsen"), alone or ending a compound."""
    from .gender import gender_of_noun

    if role_of(phrase) or _AGE_WORD.search(phrase):
        return True
    nouns, agent_endings = source_nouns()
    for word in phrase.lower().replace("-", " ").split():
        if gender_of_noun(word):
            return True
        for ending in _PERSON_ENDINGS:
            if word.endswith(ending):
                stem = word[: len(word) - len(ending)]
                if stem in nouns or any(stem.endswith(n) for n in nouns if len(stem) > len(n) + 2):
                    return True
                if any(stem.endswith(a) and len(stem) >= len(a) + 3 for a in agent_endings):
                    return True
    return False


@lru_cache(maxsize=65536)
def country_of(phrase: str) -> str | None:
    """A country named in a phrase by adjective, genitive or name ("russiske", "USAs", "i Russland")."""
    adjectives, countries = nationalities()
    for token in re.findall(r"[\w-]+", phrase):
        low = token.lower()
        if low in adjectives:
            return adjectives[low]
        if low in countries:
            return countries[low]
        if low.endswith("s") and low[:-1] in countries:
            return countries[low[:-1]]
    return None


def _first_name_owners(people: dict, surnames: dict[str, str]) -> dict[str, str]:
    """Given name → the person the article names in full with it ("Shabana" → "Shabana Rehman"): features
    and interviews call people by their first name once they are introduced. Where several full names
    share it, the one named at least twice as often as any other (the article's main person) has it; a
    first name that is also a surname, and organisations' first words, are left out."""
    owners: dict[str, list[tuple[int, str]]] = {}
    for name, person in people.items():
        tokens = name.split()
        if len(tokens) > 1 and not is_organisation(name):
            owners.setdefault(tokens[0], []).append((sum(person.forms.values()), name))
    found = {}
    for first, named in owners.items():
        named.sort(reverse=True)
        if first not in surnames and (len(named) == 1 or named[0][0] >= 2 * named[1][0]):
            found[first] = named[0][1]
    return found


@lru_cache(maxsize=65536)
def is_organisation(name: str) -> bool:
    names, suffixes = institutions()
    low = name.lower()
    head = low.split()[0] if low.split() else low
    if low in names or head in names or low.endswith(suffixes):
        return True
    if country_of(name) and len(name.split()) == 1 and name.lower() in nationalities()[1]:
        return True  # a country speaking ("Russland krever") is its government
    letters = re.sub(r"[^\w]", "", name)
    return len(letters) >= 2 and letters.isupper()


def institution_affiliation(name: str) -> str | None:
    names, _ = institutions()
    low = name.lower()
    return names.get(low) or names.get(low.split()[0] if low.split() else low) or country_of(name)


@dataclass
class Person:
    name: str
    role: str | None = None
    affiliation: str | None = None
    forms: Counter = field(default_factory=Counter)


@lru_cache(maxsize=65536)  # names recur all through an article; the answer depends on the string only
def clean_name(candidate: str) -> str:
    """Drop sentence-initial function words and role nouns ("Utenriksministrene", "EU-ekspert") from a
    capitalised run, and trailing dots."""
    tokens = candidate.split()
    while tokens and (tokens[0].lower() in function_words() or (len(tokens) > 1 and role_of(tokens[0]))):
        tokens.pop(0)
    # "Pasienten Eva Lie", "Søstrene Eva Lund", "Rødt Arne Byrkjeflot": a common word before a first name
    # and a surname describes the person or names their party; the name starts at the first name
    # (the gender stage's first-name list, which holds the speakers' list too)
    first_names = listed_first_names()
    if len(tokens) >= 3 and tokens[1] in first_names and tokens[0] not in first_names:
        # "Venstres Trine Skei Grande", "NRKs Kari Holm": a genitive before a full name is whose they are
        if is_known_word(tokens[0].lower()) or tokens[0].endswith("s"):
            tokens.pop(0)
    # "Helse Vest-direktør Inger Bryne", "Molde-kaptein Martin Linnes": a hyphenated word with a lower-case
    # noun after the hyphen is a title, and whatever stands before it is its organisation
    for i in range(len(tokens) - 2, -1, -1):
        if "-" in tokens[i] and tokens[i].split("-")[-1][:1].islower() and tokens[i][:1].isupper():
            tokens = tokens[i + 1 :]
            break
    while tokens and tokens[-1].lower() in function_words():
        tokens.pop()
    return " ".join(tokens).rstrip(".")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \\w matches in a str pattern ("" is none)


def _ends_in_comma_space(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends as `,\\s$` needs: a comma and a space, maybe a newline after them."""
    if end - start >= 2 and text[end - 2] == "," and text[end - 1].isspace():
        return True
    return end - start >= 3 and text[end - 1] == "\n" and text[end - 3] == "," and text[end - 2].isspace()


# "Sjeføkonom i Nordbanken, " right before a name: a title with its employer, then the name in apposition
_ROLE_AT_BEFORE = re.compile(
    r"(?<![\w-])(?P<role>[\w-]+)\s+(?:i|ved|hos|for|på)\s+(?P<org>[^,.\n]{2,50}),\s$"
)


class DiscourseModel:
    """The people and institutions an article names, with roles, affiliations and where they are mentioned."""

    def __init__(self, article: Article):
        self.article = article
        self.people: dict[str, Person] = {}
        self._surname: dict[str, str] = {}
        self._mentions: list[tuple[int, str]] = []  # (offset, canonical) of person mentions, sorted
        self._name_spans: dict[str, list[tuple[int, int]]] = {}  # canonical → (start, end) of its names
        self._pending_roles: dict[str, tuple[str | None, str | None]] = {}
        self._canonical_cache: dict[tuple[str, bool], str | None] = {}
        self._apposition_checks: Counter = Counter()
        self._aged: set[str] = set()  # one-word names with an age after them
        self._genders: dict[str, str] = {}  # canonical → gender the article's pronouns give
        # people the article brings in by a description only, as a sentence's subject ("Morfaren sier"):
        # (offset, description), sorted; a later han/hun can take them up
        self.unnamed: list[tuple[int, str]] = []
        self.unnamed_names: set[str] = set()
        self._holders: dict[str | None, list[Person]] | None = None  # role → its holders, once known
        self._head_matches: dict[str, frozenset[str]] = {}  # head noun → description words it names
        self._forms: dict[str, str] = {}
        self._surname_lower: dict[str, str] = {}
        self._first_name: dict[str, str] = {}  # a given name → the one full name that has it
        self.organisations: set[str] = set()
        lowered = article.text.lower()  # one lower() of the article for both
        self.word_map = word_map(article.text, lowered)
        self._scan_organisations(lowered)
        self._scan()

    # ------------------------------------------------------------ building

    def _scan(self) -> None:
        text = self.article.text
        raw: list[tuple[int, str]] = []
        appositions = []  # (match, name, zone start, zone end) of each name's first mentions
        checks = self._apposition_checks
        for zone in self.article.zones:
            if zone.kind == "boilerplate":
                continue
            for match in NAME_RE.finditer(text, zone.start, zone.end):
                run = match.group(1)
                name = clean_name(run)
                if not name:
                    continue  # a sentence's capitalised function word ("Det", "Han"): no name at all
                start, end = match.span()
                opening, closing = match.start(1) - 1, match.end(1)
                if opening >= 0 and text[opening] in "«“" and text[closing : closing + 1] in ("»", "”"):
                    continue  # «Havsalt Vamp», «Pierre Sport»: a title in quote marks names no person
                if name.count(" ") >= 2 and text.endswith((" i ", " for ", " ved "), 0, start):
                    name = _place_before_name(name)
                elif name.count(" ") == 1 and _opens_sentence(text, match.start(1), zone.start):
                    name = _opening_word_dropped(name)
                # "Venstres drøm": a genitive before a common noun is a possessor, not a mention of a
                # one-word name; "Ola K. Dahls forslag" still names Ola K. Dahl
                if (
                    name.endswith("s")
                    and _LOWER_WORD_AFTER.match(text, end, end + 3)
                    and _NEXT_WORD.match(text, end, end + 30).group(1) not in _AFTER_SUBJECT
                ):
                    name = (
                        name[:-1]
                        if " " in name and len(name.split()[-1]) > 3
                        else " ".join(name.split()[:-1])
                    )
                if name:
                    raw.append((start if run.startswith(name) else start + run.find(name.split()[0]), name))
                    if " " not in name and _AGE_AFTER.match(text, end):
                        self._aged.add(name)  # "Selma (28) satt …": a person known by first name
                    # titles come with the first mentions; later ones need not be read again
                    count = checks.get(name, 0) + 1
                    checks[name] = count
                    if count <= 5:
                        appositions.append((match, name, zone.start, zone.end))
        # count every name, then keep the people: one check per distinct name, same order as counting them
        full_names = Counter(name for _, name in raw)
        for name in [n for n in full_names if not self._looks_like_person(n)]:
            del full_names[name]
        for name, count in full_names.most_common():
            surname = name.split()[-1]
            canonical = self._surname.get(surname)
            if canonical is None and self.people and len(self.people) < 2000:
                # a typo in the surname ("Eva Lnid") merges into the closest known full name
                close = process.extractOne(name, list(self.people), scorer=fuzz.ratio, score_cutoff=85)
                canonical = close[0] if close else None
            if canonical is not None and _other_first_name(name, canonical):
                # "Hanne Brenden" next to "Thomas Brenden": two people; the surname alone stays the first's
                self.people.setdefault(name, Person(name)).forms[name] += count
            elif canonical is None:
                # a typo of a known full name with the same surname ("Anotny Blinken") merges into it
                self._surname[surname] = name
                self.people.setdefault(name, Person(name)).forms[name] += count
            else:
                self.people[canonical].forms[name] += count
        self._canonical_cache.clear()
        self._forms = {}
        # a title or apposition is read only for a name that reaches a person (its own, by surname or by
        # a close spelling): the roles of other names ("Oslo", "Regjeringen") are never asked for
        surnames = {person.name.split()[-1] for person in self.people.values()}
        people = list(self.people)
        # (with thousands of people a close spelling costs more to look for than the appositions)
        wanted: dict[str, bool] = (
            {} if len(people) < 2000 else dict.fromkeys((a[1] for a in appositions), True)
        )
        for match, name, zone_start, zone_end in appositions:
            keep = wanted.get(name)
            if keep is None:  # what `canonical_person(name) is not None` says, its fuzzy step without a copy
                keep = wanted[name] = (
                    name in surnames
                    or self.canonical_person(name, fuzzy=False) is not None
                    or (bool(people) and _closest_name(name, people) is not None)
                )
            if keep:
                self._apposition_at(match, name, zone_start, zone_end)
        for person in list(self.people.values()):
            pending = self._pending_roles.get(person.name) or self._pending_roles.get(person.name.split()[-1])
            if pending:
                person.role = person.role or pending[0]
                person.affiliation = person.affiliation or pending[1]
        for name, (role, affiliation) in self._pending_roles.items():
            canonical = self.canonical_person(name)
            if canonical:
                person = self.people[canonical]
                person.role = person.role or role
                person.affiliation = person.affiliation or affiliation
        canonical_of: dict[str, str | None] = {}  # most names recur: one lookup per distinct name
        for offset, name in raw:
            canonical = canonical_of.get(name, "")
            if canonical == "":
                canonical = canonical_of[name] = self.canonical_person(name, fuzzy=False)
            if canonical:
                self._mentions.append((offset, canonical))
                spans = self._name_spans.setdefault(canonical, [])
                spans.append((offset, offset + len(name)))
        self._mentions.sort()
        self._mention_offsets = [m[0] for m in self._mentions]
        self._learn_genders()
        self._described_subjects()

    @cached_property
    def speaking_names(self) -> set[str]:
        """One-word names the article lets speak ("forteller Siri"): people, wherever narration names them.
        (Worked out when first asked for: few articles have an unattributed dash quote that needs them.)"""
        return {
            m.group(1) for m in self._speaking_name_matches() if m.group(1).lower() not in function_words()
        }

    def _speaking_name_matches(self):
        """What `_SPEAKING_NAME.finditer(text)` yields: its matches start at a verb that is a whole word
        (after no word character or hyphen, before white space) and never overlap (a name holds no verb
        start), so the pattern is tried only where the word map has one of its verbs."""
        text, words = self.article.text, self.word_map
        if words is None:
            yield from _SPEAKING_NAME.finditer(text)
            return
        padded = b" " + words + b" "  # a whole word is then one with a space either side
        starts = []
        for verb in _SPEAKING_VERBS:
            token = b" " + verb + b" "
            position = padded.find(token)
            while position >= 0:
                starts.append(position)  # the verb's offset in `words` (one space was put before them)
                position = padded.find(token, position + len(verb) + 1)
        for position in sorted(starts):
            match = _SPEAKING_NAME.match(text, position)
            if match:
                yield match

    def _scan_organisations(self, lowered: str) -> None:
        """Names introduced by an organisation noun ("avisen Lyon Capitale"). `lowered` is the article's text
        lower-cased."""
        text = self.article.text
        if len(lowered) == len(text):
            # a name can only start at a capital after the head noun's space: one C-level scan for those,
            # then a suffix test, instead of a search for each head noun
            starts = [match.start() + 1 for match in _capital_after_head_end().finditer(text)]
        else:  # lower() changed a length ("İ"): the heads' offsets in `lowered` are what the names use
            starts = None
        for head, position in _organisation_head_positions(lowered, starts):
            # a publication's head may end a compound: "ukemagasinet Der Blick"
            compound = lowered[position - 1].islower() and head.endswith(_PUBLICATION_HEADS)
            if position == 0 or not lowered[position - 1].isalnum() or compound:
                name = NAME_RE.match(text, position + len(head) + 1)
                if name and clean_name(name.group(1)):
                    self.organisations.add(clean_name(name.group(1)))

    def expansion(self, name: str) -> str | None:
        """The full name of an abbreviation the article also names in full ("UD" → "Utenriksdepartementet")."""
        # (a C-level test first: most speaker names are no listed abbreviation, and then the article need
        # not be read for them)
        return self.abbreviations.get(name) if name in abbreviation_table() else None

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        """Abbreviations whose full name the article also uses, with the full name as the article spells it."""
        text = self.article.text
        lowered = text.lower()
        # "is the abbreviation one of the article's words": one scan for all of them as whole words
        present = {
            match.group(0)
            for match in _abbreviation_re().finditer(text)
            if not (match.start() and _is_word_char(text[match.start() - 1]))
        }
        found = {}
        for abbreviation, full in abbreviation_table().items():
            if abbreviation in present and full.lower() in lowered:
                start = lowered.index(full.lower())
                found[abbreviation] = text[start : start + len(full)]
        return found

    def _looks_like_person(self, name: str) -> bool:
        tokens = name.split()
        if len(tokens) == 1 and name in self._aged:
            return not is_organisation(name) and name.lower() not in nationalities()[1]
        if len(tokens) < 2 or len(tokens) > 5 or name in self.organisations:
            return False
        return _shaped_like_a_person(name) and not self._opens_with_common_word(tokens)

    def _opens_with_common_word(self, tokens: list[str]) -> bool:
        """ "Årets Spellemann", "Dagens Næringsliv", "Verdens Helseorganisasjon": a personal name never opens
        with a common word in the genitive, so such a run with no given name in it is a prize, a title or
        an organisation ("Lars Holm" and "Jonas Lie" open with listed given names that end in s)."""
        first = tokens[0]
        if not first.endswith("s") or any(t in listed_first_names() for t in tokens):
            return False
        # the word, its stem and the run's last word all common ("årets", "året", "spellemann"): a surname
        # such as "Stadsgaard" after "Kris" keeps the run a name
        return all(map(is_known_word, (first.lower(), first[:-1].lower(), tokens[-1].lower())))

    _PHRASE_AFTER = re.compile(r"\s*(?:,\s+(?P<phrase>[^,.()]{3,70})|\((?P<party>[^()]{1,30})\))")

    def _apposition_at(self, match: re.Match[str], name: str, zone_start: int, zone_end: int) -> None:
        """Roles and affiliations stated next to a name: "USAs utenriksminister Antony Blinken", "den russiske
        utenriksministeren Lavrov", "Statsminister Lars Løkke Rasmussen", "Ali Tarhouni, olje- og
        finansminister i rådet", "Akhtar Chaudhry (SV)". Looks only at a few words either side."""
        text = self.article.text
        run = match.group(1)
        role = affiliation = None
        # (a run that starts with the name has nothing before it: most do)
        leading = [] if run.startswith(name) else run[: run.find(name.split()[0])].split()
        if leading and role_of(leading[-1]):
            role = role_of(leading[-1])
            affiliation = country_of(" ".join(leading[:-1])) or _genitive_affiliation(" ".join(leading[:-1]))
        else:
            # the last three words before the name (rsplit makes no more strings than it needs)
            words = text[max(zone_start, match.start() - 60) : match.start()].rsplit(None, 3)[-3:]
            last = words[-1].rstrip(",") if words else ""
            if last[:1].islower() and role_of(last):
                role = role_of(last)
                context = " ".join(words[:-1])
                affiliation = country_of(context) or _genitive_affiliation(context)
            elif len(words) >= 2 and words[-1] in ("i", "for", "ved") and leading and role_of(words[-2]):
                # "Ordfører i Bergen Kari Holm": the place between the title and the name is the affiliation
                role, affiliation = role_of(words[-2]), " ".join(leading)
            elif not leading and text.endswith(", ", 0, match.start()):
                # "sjeføkonom i Nordbanken, Kari Nordmann,": the title and its employer in apposition before
                before = _ROLE_AT_BEFORE.search(text, max(zone_start, match.start() - 70), match.start())
                if before and role_of(before.group("role")):
                    role = role_of(before.group("role"))
                    affiliation = country_of(before.group("org"))
        after_end = min(zone_end, match.end() + 80)
        # the pattern needs "," or "(" after the spaces: most names go on with a word, and this is cheaper
        opening = match.end()
        while opening < after_end and text[opening].isspace():
            opening += 1
        after = (
            self._PHRASE_AFTER.match(text, match.end(), after_end)
            if opening < after_end and text[opening] in ",("
            else None
        )
        if after and after.group("party") and not after.group("party").strip().isdigit():  # not an age
            affiliation = affiliation or after.group("party").strip()
        elif after and after.group("phrase") and role is None:
            phrase = after.group("phrase")
            phrase_role = role_of(_PLACE_PREPOSITION.split(phrase, 1)[0])
            if phrase_role and len(phrase.split()) <= 8:
                role = phrase_role
                affiliation = affiliation or country_of(phrase) or _party_in(phrase)
        if role or affiliation:
            old = self._pending_roles.get(name, (None, None))
            self._pending_roles[name] = (old[0] or role, old[1] or affiliation)

    # ------------------------------------------------------------ lookups

    def canonical_person(self, name: str, fuzzy: bool = True) -> str | None:
        """The full name a name form refers to: itself, by surname, by case, or by fuzzy match (memoised)."""
        key = (name, fuzzy)
        if key not in self._canonical_cache:
            self._canonical_cache[key] = self._canonical_person(name, fuzzy)
        return self._canonical_cache[key]

    def _canonical_person(self, name: str, fuzzy: bool) -> str | None:
        if name in self.people:
            return name
        if not self._forms:
            self._forms = {form: c for c, person in self.people.items() for form in person.forms}
            self._surname_lower = {s.lower(): c for s, c in self._surname.items()}
            self._first_name = _first_name_owners(self.people, self._surname)
        if name in self._forms:
            return self._forms[name]
        tokens = name.split()
        if not tokens:
            return None
        surname = tokens[-1]
        if surname in self._surname:
            return self._surname[surname]
        low = self._surname_lower
        if surname.lower() in low:
            return low[surname.lower()]
        if surname.lower().endswith("s") and surname[:-1].lower() in low:
            return low[surname[:-1].lower()]
        if len(tokens) == 1 and name in self._first_name:
            return self._first_name[name]
        if fuzzy and self.people:
            return _closest_name(name, list(self.people))
        return None

    def recent_people(self, offset: int, limit: int = 12):
        """People mentioned by name before `offset`, most recent first: (offset, canonical)."""
        i = bisect.bisect_left(self._mention_offsets, offset)
        for j in range(i - 1, max(-1, i - 1 - limit), -1):
            yield self._mentions[j]

    def recent_mentions(self, offset: int, limit: int = 12) -> list[tuple[int, str]]:
        """`list(recent_people(offset, limit))`, as one slice."""
        i = bisect.bisect_left(self._mention_offsets, offset)
        return self._mentions[max(0, i - limit) : i][::-1]

    def recent_person(self, offset: int) -> str | None:
        """The person most recently mentioned by name before `offset`."""
        return next((name for _, name in self.recent_people(offset, 1)), None)

    def by_role(self, role: str, affiliation: str | None, offset: int) -> str | None:
        if self._holders is None:  # people and roles are settled once the scan is done
            self._holders = {}
            for person in self.people.values():
                self._holders.setdefault(person.role, []).append(person)
        candidates = list(self._holders.get(role, ()))
        if not candidates and role == "statsråd":
            # "sier statsråden": a minister introduced by the title of the office ("helseminister Ingrid Berg")
            candidates = [
                p
                for p in self.people.values()
                if p.role and p.role.endswith("minister") and p.role != "statsminister"
            ]
        if affiliation:
            fitting = [p for p in candidates if p.affiliation == affiliation]
            candidates = fitting or [p for p in candidates if p.affiliation is None]
        else:
            # an unqualified title in Norwegian news is the domestic holder; foreign ones get an adjective
            domestic = [p for p in candidates if p.affiliation in (None, "Norge")]
            candidates = domestic or candidates
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0].name
        names = {p.name for p in candidates}
        i = bisect.bisect_left(self._mention_offsets, offset)
        for j in range(i - 1, max(-1, i - 400), -1):
            if self._mentions[j][1] in names:
                return self._mentions[j][1]
        return candidates[0].name

    @cached_property
    def _descriptions(self) -> dict[str, list[tuple[int, frozenset[str]]]]:
        """canonical → (offset, words) of what the article says a person is where it names them: the title
        before the name ("stjernesopranen", "veteran"), the apposition after it, the age "(24)". Read when a
        description first asks for them (most articles have none that does)."""
        descriptions: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for canonical, spans in self._name_spans.items():
            # titles come with the first mentions (as roles do): later ones need not be read again
            for start, end in spans[:8]:
                words = self._description_words(start, end)
                if words:
                    descriptions.setdefault(canonical, []).append((start, words))
        return descriptions

    def _description_words(self, start: int, end: int) -> frozenset[str]:
        """Stems of the words that describe a person around one mention of the name at start:end."""
        text = self.article.text
        line_start = text.rfind("\n", max(0, start - 50), start) + 1
        before = [
            w.strip(',.:;()«»"') for w in text[max(line_start, start - 50) : start].rsplit(None, 2)[-2:]
        ]
        # titles only: a role noun, a definite noun ("stjernesopranen"), a compound ("Forlaget-sjef"); not
        # the verb of an inverted attribution ("sier Holm")
        words = [
            w for w in before if role_of(w) or (w[:1].islower() and w.endswith(("en", "et"))) or "-" in w
        ]
        # "Forlagssjef i Lyngheim, Kari Holm": a title with its employer in apposition before the name
        window = max(line_start, start - 70)
        titled = (
            _ROLE_AT_BEFORE.search(text, window, start) if _ends_in_comma_space(text, window, start) else None
        )
        if titled and role_of(titled.group("role")):
            words += [titled.group("role"), *titled.group("org").split()]
        after = _AGE_OR_APPOSITION.match(text, end, min(len(text), end + 80))
        if after and after.group("age"):
            words += [after.group("age"), "åring"]
        elif after and after.group("apposition") and _FINITE.isdisjoint(after.group("apposition").split()):
            # (", er fornøyd med salget" is the predicate, not an apposition)
            apposition = after.group("apposition").split()[:6]
            # its lower-case words, and the employer after "i"/"ved" ("skuespiller i Teatret")
            words += [
                w
                for i, w in enumerate(apposition)
                if w[:1].islower() or (i and apposition[i - 1] in ("i", "ved", "hos", "for", "på"))
            ]
        stems = set()
        for word in words:
            for part in word.lower().split("-"):
                if len(part) >= 2 and part not in function_words():
                    stems.add(definite_stem(part))
        return frozenset(stems)

    def described_person(self, noun: str, offset: int) -> str | None:
        """The person a definite description before `offset` takes up ("24-åringen", "skuespilleren",
        "Lyngheim-sjefen", "stjernesopranen"): the most recently named person the article described so."""
        parts = [definite_stem(part) for part in noun.lower().split("-") if part]
        if not parts or len(parts[-1]) < 3 or not self._descriptions:
            return None
        head, others = parts[-1], parts[:-1]
        matching = self._head_matches.get(head)
        if matching is None:  # the description words this head noun names, worked out once per noun
            vocabulary = set().union(
                *(words for entries in self._descriptions.values() for _, words in entries)
            )
            matching = self._head_matches[head] = frozenset(w for w in vocabulary if _describes(head, {w}))
        if not matching:
            return None
        i = bisect.bisect_left(self._mention_offsets, offset)
        seen: set[str] = set()
        for j in range(i - 1, max(-1, i - 120), -1):
            canonical = self._mentions[j][1]
            if canonical in seen or canonical not in self._descriptions:
                continue
            seen.add(canonical)
            described = [words for position, words in self._descriptions[canonical] if position < offset]
            if not any(not matching.isdisjoint(words) for words in described):
                continue  # the head noun decides; the other parts only where it fits
            every = set().union(*described)
            person = self.people.get(canonical)
            affiliation = (person.affiliation or "").lower() if person else ""
            if all(part in every or part in affiliation for part in others):
                return canonical
        return None

    def gender(self, name: str) -> str | None:
        """ "m" or "f": the first name's usual one, else what the article's own pronouns say of the person."""
        return gender_of(name) or self._genders.get(name)

    def _learn_genders(self) -> None:
        """Han/Hun opening the sentence after one whose subject is the only person it names is that person
        ("Kari Holm leder foreningen. Hun …"); not after a sentence that itself opens with a pronoun."""
        text = self.article.text
        votes: dict[str, Counter] = {}
        for position, pronoun in _sentence_pronouns(text):
            window = max(0, position - 400)  # a bounded look back keeps the pass linear in the text
            boundary = max(
                window, *(text.rfind(mark, window, position - 2) for mark in (". ", "? ", "! ", "\n"))
            )
            first = bisect.bisect_left(self._mention_offsets, boundary)
            last = bisect.bisect_left(self._mention_offsets, position)
            named = {self._mentions[j][1] for j in range(first, last)}
            opening = text[boundary + 1 : boundary + 48].split()
            subject = first < last and self._mention_offsets[first] - boundary <= 48
            if len(named) == 1 and subject and opening and opening[0] not in ("Han", "Hun"):
                votes.setdefault(named.pop(), Counter())["m" if pronoun == "Han" else "f"] += 1
        for name, counts in votes.items():
            (gender, count), *rest = counts.most_common()
            if not rest or count > rest[0][1]:
                self._genders[name] = gender

    def _described_subjects(self) -> None:
        """Sentences whose subject is a person described, not named: "Rektor tenker …", "Elevens morfar
        har …", "Datteren skriver …". A description that names a known person's title or description is a
        mention of that person; any other stands for an unnamed person of the noun's gender."""
        text = self.article.text
        added = False
        for match in _described_subject_matches(text):
            phrase = match.group("np")
            last = phrase.split()[-1]
            head = last.lower()
            person_noun = _person_noun(head)
            if person_noun is None or self.canonical_person(last, fuzzy=False):
                continue
            gender, role = person_noun
            offset = match.start("np")
            person = (self.by_role(role, None, offset) if role else None) or self.described_person(
                head, offset
            )
            if person:
                self._mentions.append((offset, person))
                added = True
            elif role is None or (head.endswith(("en", "a")) and not epithet_like(head)):
                self.unnamed.append((offset, phrase))
                self.unnamed_names.add(phrase)
                if gender:
                    self._genders[phrase] = gender
        # "forsikre 13-åringen": the person of that age (a C-level test first: most articles name no age)
        unnamed_ages = False
        for match in _AGE_NOUN.finditer(text) if "-åring" in text else ():
            person = self.described_person(match.group(0), match.start())
            if person:
                self._mentions.append((match.start(), person))
                added = True
            elif match.group(0).endswith("en") and _opens_sentence(text, match.start(), 0):
                # "25-åringen ser ut over …" with no one of that age named: a person described by age
                # alone, the sentence's subject, whom a later han/hun can take up (gender unknown)
                self.unnamed.append((match.start(), match.group(0)))
                self.unnamed_names.add(match.group(0))
                unnamed_ages = True
        if unnamed_ages:
            self.unnamed.sort()
        if added:
            self._mentions.sort()
            self._mention_offsets = [m[0] for m in self._mentions]

    def recent_unnamed(self, offset: int, limit: int = 4) -> list[tuple[int, str]]:
        """The people brought in by a description only before `offset`, most recent first."""
        i = bisect.bisect_left(self.unnamed, (offset, ""))
        return self.unnamed[max(0, i - limit) : i][::-1]

    def latest_organisation(self, offset: int, window: int = 3000) -> str | None:
        """The organisation the article named last before `offset` (within `window` characters)."""
        text, start = self.article.text, max(0, offset - window)
        found = [(text.rfind(name, start, offset), name) for name in self.organisations]
        position, name = max(found, default=(-1, None))
        return name if position >= 0 else None

    def mention_spans(self, name: str) -> list[Span]:
        """Where the article names a person by one of its name forms ("Antony Blinken", "Blinken")."""
        text = self.article.text
        return [Span(start, end, text[start:end]) for start, end in self._name_spans.get(name, ())]

    def describe(self, name: str) -> tuple[str | None, str | None]:
        """(role, affiliation) of a resolved speaker name."""
        if name in self.people:
            return self.people[name].role, self.people[name].affiliation
        if is_organisation(name):
            return None, institution_affiliation(name)
        return None, None


# a capital right after a space: where a name introduced by an organisation noun can start
_CAPITAL_AFTER_SPACE = re.compile(rf" [{_UPPER}]")


@cache
def _capital_after_head_end() -> re.Pattern[str]:
    """`_CAPITAL_AFTER_SPACE` where the character before the space can end an organisation noun once
    lower-cased: most capitals follow other letters, and need no suffix test then. (A character outside
    ASCII lower-cases to an ASCII letter only for the Kelvin sign, "k": the nouns' last letters and their
    capitals are all the characters that lower-case to them when none is a "k".)"""
    heads = organisation_heads()
    if not heads or not all(head[-1:] in ascii_lowercase and head[-1] != "k" for head in heads):
        return _CAPITAL_AFTER_SPACE
    last_letters = {head[-1] for head in heads}
    before = "".join(sorted(last_letters | {letter.upper() for letter in last_letters}))
    # (the space first: the engine skips to the next space at C speed, then looks behind it)
    return re.compile(rf" (?<=[{before}] )[{_UPPER}]")


def _organisation_head_positions(lowered: str, name_starts: list[int] | None):
    """(head, offset) wherever an organisation noun and a space stand in `lowered`, overlapping ones
    ("nettavisen", "avisen") included; only before `name_starts` when given (a name must follow)."""
    heads = organisation_heads()
    if name_starts is None:
        for head in heads:
            position = lowered.find(head + " ")
            while position >= 0:
                yield head, position
                position = lowered.find(head + " ", position + 1)
        return
    for start in name_starts:
        if lowered.endswith(heads, 0, start - 1):  # one C-level test for all heads, nearly always False
            for head in heads:
                if lowered.endswith(head, 0, start - 1):
                    yield head, start - 1 - len(head)


@cache
def _abbreviation_re() -> re.Pattern[str]:
    """The abbreviations as words not followed by a word character (the one before is tested apart, so
    that the pattern opens with letters and the engine skips to the next candidate capital)."""
    words = [a for a in abbreviation_table() if re.fullmatch(r"\w+", a)]
    alternatives = "|".join(re.escape(a) for a in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?!\w)")


def _closest_name(name: str, names: list[str]) -> str | None:
    """The known full name a typo or case variant spells ("Anotny Blinken"), if one is close enough."""
    best = process.extractOne(name, names, scorer=fuzz.ratio, score_cutoff=85)
    return best[0] if best else None


@lru_cache(maxsize=65536)  # what the name's own words say, the same in every article
def _shaped_like_a_person(name: str) -> bool:
    """Whether a run of two to five words can be a personal name by its words alone."""
    tokens = name.split()
    if is_organisation(name):
        return False
    if tokens[0].lower().endswith(organisation_heads()):
        return False  # "Ukemagasinet Der Blick": a publication introduced by its kind
    if tokens[0] in _SAINT:
        return False  # "St. Olavs orden", "St. Hanshaugen", "Sankt Petersburg": an order, a place, a church
    # party or agency abbreviations ("Trondheim SV", "Tok PST") are not parts of personal names
    if any(len(t) >= 2 and not t.endswith(".") and t.replace("-", "").isupper() for t in tokens):
        return False
    countries = nationalities()[1]
    if any(t.lower() in countries or t.rstrip("s").lower() in countries for t in tokens):
        return False
    return all(t[:1].isupper() or "-" in t or t in _PARTICLES for t in tokens)


@lru_cache(maxsize=65536)  # a pure per-word decision: most sentence openers are no person noun
def _person_noun(head: str) -> tuple[str | None, str | None] | None:
    """(gender, role) of a sentence subject's head noun that describes a person ("morfaren", "rektor"),
    None for other words."""
    gender = noun_gender(head)
    role = role_of(head) if gender is None else None
    if (gender is None and role is None) or head in function_words():
        return None
    return gender, role


def _place_before_name(name: str) -> str:
    """ "Bergen Kari Holm", "Fritt Ord Erik Rudeng" after "Ordfører i", "Direktør i": the place or the
    organisation is no part of the name when a known first name and a surname follow it."""
    tokens = name.split()
    genders = first_name_genders()
    if tokens[0] in genders:
        return name
    for k in range(1, len(tokens) - 1):
        if tokens[k] in genders:
            return " ".join(tokens[k:])
    return name


def _opens_sentence(text: str, offset: int, zone_start: int) -> bool:
    before = text[max(zone_start, offset - 3) : offset].rstrip(' -–«"')
    return offset <= zone_start or not before or before[-1] in ".!?:\n"


def _opening_word_dropped(name: str) -> str:
    """ "Finnes Henrietta?", "Spør Kari": every sentence opens with a capital, so a common word there
    before a known first name is no part of the name (mid-sentence, "Pasient Kari" is left as it is)."""
    first, second = name.split()
    first_names = listed_first_names()
    if second in first_names and first not in first_names and is_known_word(first.lower()):
        return second
    return name


def _other_first_name(name: str, known: str) -> bool:
    """Whether `name` is another person with `known`'s surname: both full names, neither a part of the
    other ("Borten Moe" of "Ola Borten Moe"), and first names that are no typo of each other."""
    tokens, known_tokens = name.split(), known.split()
    if len(tokens) < 2 or len(known_tokens) < 2:
        return False
    if known.endswith(" " + name) or name.endswith(" " + known) or name.startswith(known) or known in name:
        return False
    return fuzz.ratio(tokens[0], known_tokens[0]) < 75


_PLACE_PREPOSITION = re.compile(r"\s(?:i|for|ved)\s")
_GENITIVE_AT_END = re.compile(rf"([{_UPPER}][\w-]*?)s\s*$")
_PARTY_AFTER = re.compile(rf"\b(?:for|i)\s+(?:det\s+\w+\s+partiet\s+)?([{_UPPER}][\w-]+)")


def _genitive_affiliation(window: str) -> str | None:
    match = _GENITIVE_AT_END.search(window.strip())
    if not match:
        return None
    return country_of(match.group(0)) or match.group(1)


def _party_in(phrase: str) -> str | None:
    match = _PARTY_AFTER.search(phrase)
    return match.group(1) if match else None


# the name the speakers tests and older callers know the model by
SpeakerRegistry = DiscourseModel

# the per-string memos of this module, for a benchmark that measures a cold run
WORD_MEMOS = (clean_name, role_of, country_of, is_organisation, _shaped_like_a_person, _person_noun)


def speaker_id(name: str) -> str:
    """A stable key for a speaker within its article: the name lower-cased, words joined by '-'."""
    return _NOT_ALNUM.sub("-", name.lower()).strip("-") or "speaker"


# after a name: its age "(24)" or an apposition ", skuespiller i Teatret,"
_AGE_OR_APPOSITION = re.compile(r"\s*(?:\((?P<age>\d{1,3})\)|,\s+(?P<apposition>[^,.()\n]{3,60}))")
_DEFINITE_ENDINGS = ("ene", "en", "et", "a")


def names_a_person(noun: str) -> bool:
    """Whether a noun is a person's: gendered ("kvinne", "forretningsmann") or a role ("student", "nabo")."""
    return bool(noun_gender(noun) or role_of(noun))


@lru_cache(maxsize=65536)  # a pure per-word decision: the heads of sentence subjects recur
def noun_gender(noun: str) -> str | None:
    """ "f" or "m" for a gendered person noun, whole or ending a compound ("nabokvinnen", "morfar")."""
    if noun.endswith(_FEMALE_ENDINGS) or (len(noun) > 6 and noun.endswith(("inne", "innen", "inna"))):
        return "f"
    return "m" if noun.endswith(_MALE_ENDINGS) else None


def definite_stem(word: str) -> str:
    """A noun without its definite or plural ending ("skuespilleren" → "skuespiller", "jenta" → "jent")."""
    for ending in _DEFINITE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _describes(head: str, described: set[str]) -> bool:
    """Whether a description's head noun names one of the words a person was described with: the same
    stem, or one a compound of the other ("stjernesopran" ~ "sopran", "sjef" ~ "klubbsjef")."""
    if head in described:
        return True
    return len(head) >= 4 and any(len(word) >= 4 and _same_noun(head, word) for word in described)


def _same_noun(a: str, b: str) -> bool:
    """Stems of one noun ("kvinn" of "kvinnen", "kvinne"), or a compound and its last part."""
    if (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 1:
        return True
    shorter, longer = sorted((a, b), key=len)
    return (len(shorter) >= 5 or shorter in role_nouns()) and longer.endswith(shorter)


_AGE_AFTER = re.compile(r"\s*\(\d{1,3}\)")
# "Han"/"Hun" with white space after; whether a sentence opens there is checked behind it (the pattern opens
# with a literal, so the engine skips to the next "H" instead of trying every offset)
_HAN_HUN = re.compile(r"H[au]n(?=\s)")


def _sentence_pronouns(text: str) -> list[tuple[int, str]]:
    """(offset, "Han"/"Hun") where `(?:[.!?]\\s+|\\n|^)(Han|Hun)\\s` would match with finditer: at the text's
    start, after a newline or after end punctuation and white space; a match consumes the space after the
    pronoun, so a pronoun right after the previous one's space is not found."""
    found: list[tuple[int, str]] = []
    previous_end = -1
    for match in _HAN_HUN.finditer(text):
        position = match.start()
        if position == previous_end:
            continue
        before = position - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        opens = (
            position == 0
            or text[position - 1] == "\n"
            or (before < position - 1 and before >= 0 and text[before] in ".!?")
        )
        if opens:
            found.append((position, match.group(0)))
            previous_end = position + 4
    return found


_PUBLICATION_HEADS = ("magasinet", "avisen", "avisa", "bladet", "kanalen")

# gendered person nouns, whole or at the end of a compound ("nabokvinne", "forretningsmann", "morfaren")
_FEMALE_ENDINGS = tuple(
    "kvinne kvinnen kvinna jente jenta dame damen mor moren mora kona kone datter datteren søster søsteren "
    "tante tanten frue fruen".split()
)
_MALE_ENDINGS = tuple(
    "mann mannen gutt gutten far faren sønn sønnen bror broren onkel onkelen herre herren".split()
)
# a sentence opening with a description: "Morfaren sier", "Elevens morfar har", "Rektor tenker"
_DESCRIBED_NP = r"(?P<np>[A-ZÆØÅ](?:[\w-]*s\s+[a-zæøå][a-zæøå-]{2,}|[a-zæøå-]{2,}))(?=\s+[a-zæøå])"
# one pattern for each way a sentence opens (after a stop and a space, after a newline): each opens with
# literals, which the engine skips to at C speed, instead of testing every character against a class
_DESCRIBED_AFTER = tuple(
    re.compile(re.escape(opening) + _DESCRIBED_NP) for opening in (". ", "! ", "? ", "\n")
)
_DESCRIBED_AT_START = re.compile(_DESCRIBED_NP)


def _described_subject_matches(text: str) -> list[re.Match[str]]:
    """The sentence-opening descriptions of the text, in order: what one scan for `_DESCRIBED_NP` behind
    `(?:(?<=[.!?] )|(?<=\n)|^)` finds. No phrase holds a sentence opening (no newline or stop stands in
    it before a capital), so the scans find the same phrases as that one."""
    matches = [match for pattern in _DESCRIBED_AFTER for match in pattern.finditer(text)]
    opening = _DESCRIBED_AT_START.match(text)
    if opening:
        matches.append(opening)
    matches.sort(key=lambda match: match.start("np"))
    return matches


# (opens with a digit, so the engine skips to the next one; the start of the number is checked behind it)
_AGE_NOUN = re.compile(r"\d(?<![\w-]\d)\d{0,2}-åring(?:en)?(?![\w-])")
_FINITE = frozenset("er var har hadde skal skulle vil ville kan kunne blir ble må sier sa mener".split())
_NOT_ALNUM = re.compile(r"[\W_]+")
# the verbs grouped by first letter, so the pattern opens with literals and the engine skips to the next
# s, f, m or l; no verb is a prefix of another before the space, so their order changes no match
# the first words of `_SPEAKING_NAME`'s verbs, as the word map spells them
_SPEAKING_VERBS = tuple(
    verb.encode("latin-1")
    for verb in "sier sa svarer svarte forteller fortalte mener mente legger la".split()
)
_SPEAKING_NAME = re.compile(
    r"(?:s(?<![\w-]s)(?:ier|a|varer|varte)|f(?<![\w-]f)(?:orteller|ortalte)|m(?<![\w-]m)(?:ener|ente)"
    r"|l(?<![\w-]l)(?:egger til|a til))\s+"
    r"([A-ZÆØÅ][\w-]+)(?![\w-]|\s+[A-ZÆØÅ])"
)
