"""The speaker resolver: a speaker phrase ("hun", "statsministeren", "Lavrov", "nyhetsbyrået AP") to the
person, organisation or described person it names."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..discourse import (
    NAME_RE,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    DiscourseModel,
    clean_name,
    country_of,
    definite_stem,
    epithet_like,
    function_words,
    gender_of,
    is_organisation,
    names_a_source,
    organisation_heads,
    role_of,
)
from ..records import JOURNALIST, Span
from .candidate import Candidate
from .merge import Claims
from .patterns import (
    ABBREVIATION_TAIL,
    ADVERBIAL_TAIL,
    AFFILIATION_SPLIT,
    DEFINITE_AT_PLACE,
    DESCRIPTION_STOPS,
    FEMALE_NOUNS,
    FIRST_PERSON_SINGULAR,
    FRONTED_CLAUSE,
    GENDERED_PERSON_NOUNS,
    MALE_NOUNS,
    MARKUP,
    NAME_FOR_NAME,
    NAMED_BY_HEAD,
    ORG_HEAD_ENDINGS,
    ORG_NAME,
    PERSON_NOUN_ENDINGS,
    PLURAL_HEAD,
    REPORT_NOUNS,
    WEB_SOURCE,
)

_WORD_OR_HYPHEN = re.compile(r"[\w-]+")
_TIME_TAIL = re.compile(r"\s+i\s+(?:går|dag|fjor|helgen|helga|kveld|morgen)\b.*$")


class SpeakerResolver:
    """Names the speaker of a speaker phrase against the discourse model and the voices quoted so far."""

    def __init__(self, model: DiscourseModel, quotes: list[Candidate], zone_starts: list[int]):
        self.registry = model
        self.text = model.article.text
        self.mention: Span | None = None  # the words of the phrase resolved last, until a quote takes them
        self.fronted: dict[int, bool] = {}  # mention offset → whether it stands in a fronted clause
        self.topics: list[tuple[int, str]] = []  # (offset, person) a narration paragraph's Han/Hun takes up
        self.quotes = quotes  # the pass's candidates, read for where quotes stand
        # where the people of a paragraph are ranked apart: each zone, and narration that resumes inside a
        # dash paragraph (`break_paragraph`); a copy, since the pass indexes its zones by the zone starts
        self.zone_starts = list(zone_starts)
        self.last_speaker: str | None = None
        self.last_person: str | None = None
        self.last_group: str | None = None
        self.person_events: list[tuple[int, str]] = []  # (offset, name) of quotes by people, in order
        self.gender: dict[str, str] = {}
        self.guessed_gender: set[str] = set()  # people whose gender only a pronoun resolved to them gave
        # place → the organisation quoted last whose name ends in " i <place>" ("Regjeringen i Sudan"):
        # a lookup, where a scan of every organisation quoted so far would grow with the article
        self.org_speaker_at: dict[str, str] = {}
        self.unnamed_speakers: list[str] = []  # unnamed speakers in order, for "den ansatte", "mannen"
        self._stretches = Claims()
        self._stretches_for = 0  # the number of quotes `_stretches` was made from

    def resolve(
        self, phrase: str, offset: int, after_direct: bool = False, at: int | None = None
    ) -> tuple[str | None, str | None]:
        """(canonical speaker, kind) for a speaker phrase from an attribution, or (None, None).

        `at` is where the phrase starts in the article (or a little before); the words that named the
        speaker are kept as `mention` for the quote that takes them (`take_mention`)."""
        markup = MARKUP.search(phrase)
        if markup:
            phrase = phrase[: markup.start()]  # «sier Støre'"><svg …»: no markup is part of a speaker
        speaker, kind = self.resolve_phrase(phrase, offset, after_direct)
        self.mention = self.locate(phrase, offset if at is None else at, at is not None) if speaker else None
        if self.mention is not None and speaker != self.mention.text:
            self.mention = self.narrowed(self.mention, speaker)
        return speaker, kind

    def narrowed(self, mention: Span, speaker: str) -> Span:
        """The words of a phrase that name its speaker: "Lise Marstrander" of "Høyres talsperson, Lise
        Marstrander", "politiet" of "politiet i en pressemelding"; the whole phrase when none do."""
        for words in (speaker, speaker.split()[-1]):
            found = mention.text.find(words)
            if found >= 0 and words:
                start = mention.start + found
                return Span(start, start + len(words), words)
        return mention

    def take_mention(self) -> Span | None:
        mention, self.mention = self.mention, None
        return mention

    def locate(self, phrase: str, position: int, forward: bool) -> Span | None:
        """Where the phrase stands: the first occurrence from `position` (forward) or the nearest to it."""
        words = phrase.strip(" ,.:;()\"«»“”'")
        if "(" in words:
            words = ABBREVIATION_TAIL.sub("", words)
        if not words:
            return None
        text = self.text
        if forward:
            found = text.find(words, position, position + len(words) + 200)
        else:
            before = text.rfind(words, max(0, position - 300), position + len(words))
            after = text.find(words, position, position + len(words) + 300)
            found = before if after < 0 or (before >= 0 and position - before <= after - position) else after
        return Span(found, found + len(words), words) if found >= 0 else None

    def resolve_phrase(
        self, phrase: str, offset: int, after_direct: bool = False
    ) -> tuple[str | None, str | None]:
        """What `resolve` names, without keeping the mention."""
        # "USAs geologiske institutt (USGS)": the full name speaks, its abbreviation is a mention
        phrase = phrase.strip(" ,.:;()\"«»“”'")
        if "(" in phrase:
            phrase = ABBREVIATION_TAIL.sub("", phrase)
        if not phrase or not phrase[0].isalnum():
            return None, None  # markup or punctuation is nobody ("ifølge <script>...")
        low = phrase.lower()
        if low in PERSON_PRONOUNS:
            return self.pronoun(low, offset)
        if low in PLURAL_PRONOUNS:
            return (self.last_group, "organisation") if self.last_group else (None, None)  # "sier de"
        if low == "vi":
            # narration's "vi" is the newsroom: "prøver vi oss", "når vi spør om …" (a quote's own "vi"
            # never reaches here: attributions are read outside the quoted words)
            return JOURNALIST, "journalist"
        if low in function_words():
            return None, None
        if WEB_SOURCE.fullmatch(phrase):
            return phrase, "organisation"  # "Bt.no fortalte", "skriver VG.no": an outlet by its web address
        registry = self.registry
        document = low.removeprefix("i ").removeprefix("på ")
        if document in REPORT_NOUNS:
            # "heter det i reportasjen", "skriver avisen i artikkelen": the publisher named last
            source = registry.latest_organisation(offset)
            return (source, "organisation") if source else (None, None)
        head, _, rest = low.partition(" ")
        if rest.startswith(("fra ", "i ", "ved ", "hos ", "på ")) and role_of(head) and head.endswith("en"):
            # "teatersjefen fra Bodø": the titled person the article described, the place their affiliation
            # (an epithet only before "fra": "Statsforvalteren i Agder" is an office, not the last voice)
            person = registry.described_person(head, offset)
            if person:
                return person, "person"
            person, kind = self.described(head, offset) if rest.startswith("fra ") else (None, None)
            if person:
                return person, kind
        split = AFFILIATION_SPLIT.search(phrase) if " " in phrase else None
        if split:
            # "sjeføkonom Ola Berg i Nordbank": the person before "i ORG" speaks, the organisation employs
            head_phrase = phrase[: split.start()]
            head_name = NAME_RE.search(head_phrase)
            if (
                head_name
                and head_name.end() == len(head_phrase)
                and not is_organisation(head_phrase.split()[0])
                and head_phrase.split()[0].lower() not in organisation_heads()
                and self.names_person(clean_name(head_name.group(1)))
            ):
                return self.resolve_phrase(head_phrase, offset, after_direct)
            named_for = NAME_FOR_NAME.search(phrase)
            if named_for and named_for.end() == len(phrase) and not role_of(named_for.group(0).split()[0]):
                return named_for.group(0), "organisation"  # "Centre for American Progress"
        if " i " in phrase and DEFINITE_AT_PLACE.fullmatch(phrase):
            title = role_of(phrase.split()[0])
            if not title or not registry.by_role(title, None, offset):
                return phrase, "organisation"  # no person holds the title: the office speaks
        # the name must end the phrase: a C-level suffix test rules out most phrases before the regex
        organisation = ORG_NAME.search(phrase) if phrase.endswith(ORG_HEAD_ENDINGS) else None
        if organisation and organisation.end() == len(phrase):
            # "beregninger fra Statistisk sentralbyrå": the institution's whole name
            return organisation.group(0), "organisation"
        runs = [clean_name(m.group(1)) for m in NAME_RE.finditer(phrase)]
        runs = [r for r in runs if r and r.lower() not in function_words()]
        for run in runs:
            expansion = registry.expansion(run)
            if expansion:
                return expansion, "organisation"
        country = country_of(phrase) if len(runs) == 1 and runs[0] == phrase else None
        if country and country in self.org_speaker_at:
            return self.org_speaker_at[country], "organisation"
        head = low.split()[0]
        if (is_organisation(head) and not role_of(head)) or head in organisation_heads():
            named = NAMED_BY_HEAD.fullmatch(phrase)
            if named and named.group(1).lower() in organisation_heads():
                return named.group(2), "organisation"  # "nyhetsbyrået AP": the proper name wins
            return self.org_name(phrase), "organisation"
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
            return (self.description(phrase), "unnamed") if _describes_people(phrase) else (None, None)
        if len(words) == 1 and not role_of(low) and not registry.canonical_person(phrase, fuzzy=False):
            described = self.described(low, offset)  # "mannen", "islendingen", "24-åringen"
            if described[0]:
                return described
        people = [registry.canonical_person(r) for r in runs if r not in registry.organisations]
        known = [p for p in people if p]
        if known:
            return known[-1], "person"
        for token in _WORD_OR_HYPHEN.findall(phrase):
            if token[:1].islower() and len(token) > 3 and not role_of(token):
                canonical = registry.canonical_person(token.capitalize(), fuzzy=False)
                if canonical:
                    return canonical, "person"
        indefinite = head in ("en", "ei", "et", "flere", "noen")
        role = role_of(phrase)
        # "Legene mener", "forskerne sier": a plural definite role noun is the group, not one holder of it
        plural = phrase.split()[-1].lower().endswith(("ene", "erne"))
        if role and not indefinite and not plural:
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
        description = self.description(phrase)
        earlier = self.earlier_unnamed(description)
        if earlier:
            return earlier, "unnamed"
        if role and len(words) == 1 and not indefinite:
            described = self.described(low, offset)  # "forsvareren", "Forlaget-sjefen"
            if described[0]:
                return described
        if is_organisation(description.split()[-1]) and not role:
            return description, "organisation"  # "Den svenske regjeringen", not "en talsmann for politiet"
        # a phrase that names nobody ("svarte tak, røde", "skrive nye melodier, at ...") is no speaker
        return (description, "unnamed") if _describes_people(phrase) else (None, None)

    def described(self, noun: str, offset: int) -> tuple[str | None, str | None]:
        """A definite description that takes up a person ("sier islendingen", "sa 24-åringen"): an unnamed
        speaker introduced so, else the person the article described so, else for "mannen", "kvinnen" the
        nearest salient person of that gender. (None, None) for other words."""
        if not noun.endswith(PERSON_NOUN_ENDINGS) or is_organisation(noun) or noun in organisation_heads():
            return None, None
        earlier = self.earlier_unnamed(noun)
        if earlier:
            return earlier, "unnamed"
        if self.introduced_unnamed(noun, offset):
            return None, None  # "En kvinne i 40-årene ..." before "sier kvinnen": nobody named
        person = self.registry.described_person(noun, offset)
        if person:
            return person, "person"
        gender = GENDERED_PERSON_NOUNS.get(noun)
        if gender:
            return self.pronoun("han" if gender == "m" else "hun", offset)
        if role_of(noun) and epithet_like(noun):
            person = self.epithet(noun, offset)
            if person:
                return person, "person"
        return None, None

    def introduced_unnamed(self, noun: str, offset: int) -> bool:
        """Whether the article introduced someone by this noun without a name ("en eldre kvinne", "ei
        jente på 12") in the text before `offset`: a later "kvinnen" takes that person up."""
        stem = definite_stem(noun.split("-")[-1])
        if len(stem) < 3:
            return False
        window = max(0, offset - 3000)
        if self.text.find(stem, window, offset) < 0:
            return False  # the pattern needs the stem itself: a C-level search rules most nouns out
        pattern = re.compile(
            rf"(?<![\w-])(?:[Ee]n|[Ee]i|[Ee]t)\s+(?:[\w-]+\s+){{0,3}}?[\w-]*{re.escape(stem)}\w{{0,2}}\b"
        )
        return pattern.search(self.text, window, offset) is not None

    def maybe_person(self, name: str) -> bool:
        """A one-word speaker name that no list makes an organisation, a country or an abbreviation."""
        return (
            " " not in name
            and name[:1].isupper()
            and not name.isupper()
            and not is_organisation(name)
            and name not in self.registry.organisations
            and country_of(name) is None
        )

    def names_person(self, name: str) -> bool:
        """Whether a capitalised run is a person: known to the registry, or a first and last name."""
        if not name or is_organisation(name) or name in self.registry.organisations:
            return False
        return bool(self.registry.canonical_person(name, fuzzy=False)) or (
            len(name.split()) >= 2 and gender_of(name) is not None
        )

    def pronoun(self, pronoun: str, offset: int) -> tuple[str | None, str | None]:
        """han/hun: the person named or quoted in the nearest paragraph before `offset`, the paragraph's first
        (its subject) rather than a later object, of a fitting gender."""
        gender = "m" if pronoun in ("han", "ham") else "f"
        open_match: tuple[int, str] | None = None  # the most salient person of unknown gender
        for paragraph, name in self.salient_people(offset):
            if open_match is not None and paragraph < open_match[0] - 1:
                break
            known = self.gender.get(name) or self.registry.gender(name)
            if known == gender:
                if open_match is not None and name in self.guessed_gender:
                    # a gender only an earlier han/hun gave (a guess) does not outrank the nearer person
                    # of unknown gender ("Gulsum (28) satt …  – …, kommenterte hun" after Perisat's "hun")
                    break
                # a person known to fit, up to a paragraph further back, before one of unknown gender
                self.gender[name] = gender
                return name, self.kind_of(name)
            if known is None and open_match is None:
                open_match = (paragraph, name)
        if open_match is None:
            return None, None
        self.gender[open_match[1]] = gender
        self.guessed_gender.add(open_match[1])
        return open_match[1], self.kind_of(open_match[1])

    def narration_subject(self, text: str, offset: int) -> None:
        """A narration paragraph opening with Han/Hun goes on about the person the pronoun takes up: that
        person stays the most salient one ("I går berørte han spørsmålene. – …, bemerket han")."""
        opening = text[:4]
        if opening in ("Han ", "Hun "):
            name, kind = self.pronoun(opening.strip().lower(), offset)
            if name and kind == "person":
                self.topics.append((offset, name))

    def kind_of(self, name: str) -> str:
        """ "unnamed" for a person the article described without a name, else "person"."""
        return "unnamed" if name in self.registry.unnamed_names else "person"

    def salient_people(self, offset: int, topics: bool = True) -> Iterator[tuple[int, str]]:
        """(paragraph, name) of the people named (outside quotes) or quoted before `offset`, most salient
        first: the nearest paragraph first, and in a paragraph the first one (its subject) before later
        objects. This ranking is what pronouns and epithets resolve against.

        Yielded paragraph by paragraph: the callers stop at the first fitting person, so the clause test
        that orders a paragraph's people runs only for the paragraphs they reach."""
        quoted = self.recent_quote_stretches()
        candidates = [c for c in self.registry.recent_mentions(offset) if not quoted.covers(c[0])]
        candidates += [(position, name) for position, name in self.person_events[-12:] if position < offset]
        candidates += [c for c in self.registry.recent_unnamed(offset) if not quoted.covers(c[0])]
        if topics:  # a pronoun goes on with the topic; an epithet brings in someone just named
            candidates += [(position, name) for position, name in self.topics[-4:] if position < offset]
        # latest first: a paragraph's people are then side by side, and a paragraph is placed (a bisection)
        # only when the caller reads that far
        candidates.sort(reverse=True)
        starts, fronted = self.zone_starts, self.in_fronted_clause
        i, count = 0, len(candidates)
        while i < count:
            paragraph = bisect.bisect_right(starts, candidates[i][0])
            first = starts[paragraph - 1] if paragraph else None  # where the paragraph starts
            j = i + 1
            while j < count and (first is None or candidates[j][0] >= first):
                j += 1
            if j == i + 1:  # the paragraph's only person: nothing to order
                yield paragraph, candidates[i][1]
            else:
                # in a paragraph, a name inside a fronted subordinate clause ("Da X sa at …, tenkte Y")
                # comes after the main clause's
                for _, name in sorted(candidates[i:j], key=lambda c: (fronted(c[0]), c[0], c[1])):
                    yield paragraph, name
            i = j

    def break_paragraph(self, offset: int) -> None:
        """Narration resumes at `offset` inside a dash paragraph ("– …. At Norge ikke kan hevde seg, er ikke
        X enig i."): the people it names are ranked as a paragraph of their own, after the speaker of the
        quote before it, so the next "sier han" takes up the person just brought in."""
        starts = self.zone_starts
        at = bisect.bisect_left(starts, offset)
        if at == len(starts) or starts[at] != offset:
            starts.insert(at, offset)

    def recent_quote_stretches(self) -> Claims:
        """The spans of the last 12 quotes, for a bisection per position instead of a loop over them;
        made again only when a quote has been added (a quote's span is settled when the pass adds it)."""
        if self._stretches_for != len(self.quotes):
            self._stretches = Claims([(q.start, q.end) for q in self.quotes[-12:]])
            self._stretches_for = len(self.quotes)
        return self._stretches

    def in_fronted_clause(self, position: int) -> bool:
        fronted = self.fronted.get(position)
        if fronted is None:
            fronted = self.fronted[position] = self._in_fronted_clause(position)
        return fronted

    def _in_fronted_clause(self, position: int) -> bool:
        text = self.text
        window = max(0, position - 300)
        start = max(window, text.rfind(". ", window, position) + 1, text.rfind("\n", window, position) + 1)
        opening = FRONTED_CLAUSE.match(text, start)
        return (
            opening is not None and "," not in text[start:position] and "," in text[position : position + 300]
        )

    def epithet(self, noun: str, offset: int) -> str | None:
        """The person an epithet right after them refers to ("Han får støtte av veteran X. Forsvarskjempen
        mener …"): the most salient person of this or the previous paragraph (no one holds the title)."""
        paragraph = bisect.bisect_right(self.zone_starts, offset)
        for candidate_paragraph, name in self.salient_people(offset, topics=False):
            if name in self.registry.unnamed_names:
                continue  # an epithet stands for a named person
            if candidate_paragraph >= paragraph - 1:
                return name
            # the voice of the last quotes, when nobody else was named since ("sier teatersjefen")
            return name if name == self.last_person and candidate_paragraph >= paragraph - 3 else None
        return None

    @staticmethod
    def org_name(phrase: str) -> str:
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
    def description(phrase: str) -> str:
        phrase = _TIME_TAIL.sub("", phrase)
        phrase = ADVERBIAL_TAIL.sub("", phrase)
        tokens = phrase.split()
        out = []
        for token in tokens:
            if token.lower() in DESCRIPTION_STOPS and out:
                break
            out.append(token)
        return " ".join(out).strip(" ,.")

    def remember(self, quote: Candidate) -> None:
        if quote.speaker and quote.speaker != JOURNALIST:
            self.last_speaker = quote.speaker
            if quote.speaker_kind == "person":
                self.last_person = quote.speaker
                self.person_events.append((quote.start, quote.speaker))
            elif quote.speaker_kind in ("organisation", "unnamed"):
                if quote.speaker_kind == "organisation" or PLURAL_HEAD.search(quote.speaker):
                    self.last_group = quote.speaker  # "de" can take up an organisation or a group
                if quote.speaker_kind == "unnamed":
                    self.remember_unnamed(quote)
                if quote.speaker_kind == "organisation":
                    self.remember_organisation(quote.speaker)
                    if self.maybe_person(quote.speaker):
                        # "sier Haugen. Han legger til": a lone unknown name may be a person's surname
                        self.person_events.append((quote.start, quote.speaker))
                        if quote.kind == "direct" and FIRST_PERSON_SINGULAR.search(
                            self.text, quote.start, quote.end
                        ):
                            quote.speaker_kind = "person"  # "– Jeg …, forteller Siri": a person speaks

    def remember_organisation(self, name: str) -> None:
        """Index an organisation speaker under every place its name ends in after an " i "."""
        position = name.find(" i ")
        while position >= 0:
            self.org_speaker_at[name[position + 3 :]] = name
            position = name.find(" i ", position + 1)

    def earlier_unnamed(self, description: str) -> str | None:
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

    def remember_unnamed(self, quote: Candidate) -> None:
        """An unnamed person ("en 19 år gammel kvinne", "Tiltalte", "en nabo") can be "han"/"hun" later;
        a description without a person cue (a report, a body) cannot."""
        if quote.speaker not in self.unnamed_speakers[-6:]:
            self.unnamed_speakers.append(quote.speaker)
        low = quote.speaker.lower()
        last = low.split()[-1]
        female, male = FEMALE_NOUNS.search(low), MALE_NOUNS.search(low)
        if not (female or male or role_of(low) or last.endswith(("te", "de"))):
            return
        if female or male:
            self.gender[quote.speaker] = "f" if female else "m"
        self.person_events.append((quote.start, quote.speaker))


# the words that open a description of someone not named ("en talsmann", "flere av de ansatte", "den eldre")
_DESCRIPTION_OPENERS = frozenset("en ei et flere noen mange begge alle andre de hver ingen".split())


def _describes_people(phrase: str) -> bool:
    """Whether an unnamed speaker phrase describes a source: it opens as a description does, or names a
    person, a group or a document (`discourse.names_a_source`)."""
    words = phrase.split()
    # "den" and "det" open descriptions ("det lokale politiet") and much else ("det du"): they count
    # only with a source noun after them, which `names_a_source` looks for
    return bool(words) and (words[0].lower() in _DESCRIPTION_OPENERS or names_a_source(phrase))
