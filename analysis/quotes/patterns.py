"""Regular expressions and closed word lists the quoting conventions share."""

from __future__ import annotations

import re

from ..discourse import NAME_TOKEN, PERSON_PRONOUNS, PLURAL_PRONOUNS

QUOTE_COLUMNS = ["kind", "zone", "text", "start", "end", "speaker", "speaker_kind", "cue"]
HEADLINE_ZONES = frozenset({"headline", "crosshead", "caption"})
QUOTE_ZONES = ("headline", "lead", "body", "crosshead")

DASH = "-–—−"
DASH_START = re.compile(rf"^[{DASH}]\s+")
TRIM = " \t\n«»\"“”'‘’,;:.!?" + DASH
SENTENCE_END = re.compile(r"(?<![A-ZÆØÅ])(?<!\b[a-zæøå]\.[a-zæøå])[.!?](?=\s|$)|$")
# the first alternative with the look-behinds moved after the mark: opening with a character class, it skips
# to the next ".!?" at C speed; where it finds one, SENTENCE_END finds the same (its "$" comes later)
SENTENCE_END_MARK = re.compile(r"[.!?](?<![A-ZÆØÅ].)(?<!\b[a-zæøå]\.[a-zæøå].)(?=\s|$)")
MARKED = re.compile(r"«([^«»\n]*)»|“([^“”\n]*)”|”([^”\n]*)”|\"([^\"\n]*)\"")
CLOSE_SEARCH = {"«": re.compile("[«»]"), "”": re.compile("”"), "“": re.compile("[“”]")}
HEADLINE_COLON = re.compile(rf"^(?P<who>[^{DASH}:«»]{{2,80}}):\s*(?:[{DASH}]\s*|«)(?P<quote>.+?)»?$")
IFOLGE = re.compile(r"(?<!\w)[Ii]følge\s+")
WORD = re.compile(r"[\w'’]+(?:[-.][\w]+)*|[^\w\s]")
LETTER = r"[^\W\d_]"  # a letter of any script: a word character that is no digit and no underscore
CONTENT_WORD = re.compile(rf"{LETTER}{{4,}}")
# the first four letters of each CONTENT_WORD match (the same spans), so that findall gives the stems
CONTENT_STEM = re.compile(rf"({LETTER}{{4}}){LETTER}*")

AUXILIARIES = frozenset(
    "har hadde ha skal skulle vil ville kan kunne må måtte også ikke imidlertid likevel tidligere derfor selv "
    "nå bare videre dessuten blant annet dog da heller først senere før etter igjen allerede stadig faktisk "
    "blitt ble blir er var".split()
)
# adverbs that may stand between an inverted subject and its clause ("uttrykker utvalget imidlertid at")
SENTENCE_ADVERBS = frozenset(
    "imidlertid likevel også derfor nå dessuten samtidig videre dermed altså".split()
)
FINITE_VERBS = frozenset("er var har hadde skal vil kan blir ble må skulle ville kunne bør får fikk".split())
CLAUSE_STARTERS = frozenset("han hun de det dette den vi jeg man ingen noen alle disse der".split())
# made once: the attribution tests ask these for every token
PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS
CLAUSE_STARTERS_BUT_PRONOUNS = CLAUSE_STARTERS - PRONOUNS
AT_OPTIONAL = frozenset({"mene", "si", "hevde", "fortelle", "skrive", "erklære"})
CONJUNCTIONS = frozenset({"at", "om", "hvordan", "hva", "hvorfor", "hvem", "hvor", "hvilke", "hvilken"})
ATTRIBUTION_STOPS = frozenset(
    "til overfor under ved på da etter før mandag tirsdag onsdag torsdag fredag lørdag søndag "
    "ifølge som og om med like mens".split()
)
DESCRIPTION_STOPS = frozenset(
    "til overfor under ved på da etter før mandag tirsdag onsdag torsdag fredag lørdag søndag ifølge som "
    "mens like med hver når".split()
)
# a description of several people ("foreldrene på Lia skole", "flere naboer", "to vitner")
PLURAL_HEAD = re.compile(
    r"(?:ene|erne|ne)\b|^(?:[Ff]lere|[Mm]ange|[Nn]oen|[Dd]e|[Aa]lle|[Bb]egge|[Tt]o|[Tt]re)\s"
)
# words that open a noun phrase ("Den svenske regjeringen", "Flere medier")
DETERMINERS = frozenset("den det de en ei et flere mange alle noen disse denne dette begge andre".split())
FIRST_PERSON = re.compile(r"(?<!\w)(?:[Jj]eg|[Vv]i|meg|oss|min|mitt|mine|vår|vårt|våre)(?!\w)")
# the genre noun may end a compound ("gjennombruddshiten", "debutromanen", "dokumentarserien")
WORK_NOUN_ENDINGS = tuple(
    "album albumet plata plate platen plater låt låta låten sang sangen singel singelen hiten bok boka boken "
    "roman romanen diktsamling diktsamlingen film filmen serie serien dokumentar dokumentaren forestilling "
    "forestillingen stykke stykket utstilling utstillingen podkast podkasten podcast podcasten program "
    "programmet tittel tittelen".split()
)
WORK_WORDS = frozenset({"kalt", "het", "heter"})
# "«X» slippes fredag", "«X» kommer ut i mai": the subject of a publication verb is a title
PUBLISHED_AFTER = re.compile(
    r"\s*(?:,\s*som\s+)?(?:(?:slippes|slipps|utgis|gis ut|lanseres|publiseres|vises|sendes)\b|"
    r"(?:kommer|kom|ble|blir)\s+(?:ut|sluppet|lansert|utgitt|publisert)\b|"
    r"(?:har|hadde|får|fikk)\s+(?:\w+\s+)?premiere\b)"
)
SOURCE_NOUNS = frozenset(
    "opplysninger kilder beregninger tall informasjon nettsider nettside rapport undersøkelse analyse oversikt "
    "data anslag prognose prognoser".split()
)
GENITIVE_SOURCE = re.compile(r"(.+?)(?:s|')\s+(?:" + "|".join(SOURCE_NOUNS) + r")")
FINITE_FORM = re.compile(r"[a-zæøå]{2,}(?:er|te|de|et)")
ABBREVIATION_TAIL = re.compile(r"\s*\([A-ZÆØÅ0-9-]{2,}\)?$")
NAMED_BY_HEAD = re.compile(
    rf"(?:(?:[Dd]en|[Dd]et|[Dd]e)\s+)?(?:[a-zæøå]+e\s+)?([A-ZÆØÅa-zæøå-]+)\s+((?:{NAME_TOKEN})(?:\s+{NAME_TOKEN})*)"
)
NAME_FOR_NAME = re.compile(rf"(?<![\w-])[A-ZÆØÅ][\w-]*\s+for\s+(?:{NAME_TOKEN})(?:\s+{NAME_TOKEN})*")
RELATIVE_TAIL = re.compile(r",\s+som\s[^,]*,\s*$")
# "Statsforvalteren i Vestland", "Tingretten i Oslo": a definite institution noun with its place
DEFINITE_AT_PLACE = re.compile(rf"[A-ZÆØÅ][a-zæøå]+(?:en|et)\s+i\s+(?:{NAME_TOKEN})(?:\s+{NAME_TOKEN})*")
# "ifølge en pressemelding fra festivalen": the sender of the document is the source
DOCUMENT_NOUNS = frozenset(
    "pressemelding pressemeldingen uttalelse uttalelsen melding meldingen kunngjøring e-post brev notat "
    "rapport rapporten".split()
)
# a sentence opening with a subordinate clause: its names are not the main clause's subject
FRONTED_CLAUSE = re.compile(r"\s*(?:Da|Når|Mens|Hvis|Dersom|Fordi|Selv om|Etter at|Før|Siden)\s")
# what a publication prints its words in: "heter det i reportasjen" names the publisher
REPORT_NOUNS = frozenset("reportasjen artikkelen saken kronikken lederen innlegget intervjuet".split())
FROM_DEFINITE = re.compile(r"\s+(?:fra|hos)\s+[a-zæøå]+(?:en|et|a|ne)\b")
DOCUMENT_FROM = re.compile(
    r"(?:(?:en|ei|et|ny|nytt|den|det)\s+)*(?:" + "|".join(DOCUMENT_NOUNS) + r")\s+(?:fra|hos)\s+(.+)"
)
ABOUT_OBJECTS = frozenset("noe ingenting lite mye mer mindre alt".split())
QUESTION_WORDS = frozenset("hva hvem hvor hvorfor hvordan når hvilke hvilken".split())
# "analytiker Ola Berg i DNB Markets": the phrase after a person's name is the affiliation, not the speaker
AFFILIATION_SPLIT = re.compile(r"\s+(?:i|ved|hos|fra|for|på)\s+(?=[A-ZÆØÅ])")
# multi-word institution names whose head is lower case ("Statens vegvesen", "Statistisk sentralbyrå",
# "Innlandet politidistrikt", "Nedre Romerike brann- og redningsvesen")
ORG_HEADS = (
    "vesen|vesenet|byrå|byrået|organisasjon|organisasjonen|direktorat|direktoratet|tilsyn|tilsynet|"
    "politidistrikt|kommune|fylkeskommune|departement|departementet|sykehus|sykehuset|forening|foreningen|"
    "etat|etaten|nemnd|nemnda|verk|verket|institutt|instituttet|senter|senteret|forbund|forbundet|råd|rådet"
)
ORG_HEAD_ENDINGS = tuple(ORG_HEADS.split("|"))
ORG_NAME = re.compile(
    rf"(?:{NAME_TOKEN})(?:\s+(?:{NAME_TOKEN}))*(?:\s+(?:[a-zæøå]+-?\s+og\s+)?[a-zæøå]+){{0,2}}?"
    rf"(?:\s+(?:[a-zæøå]+-?\s+og\s+)?[a-zæøå]*(?:{ORG_HEADS}))(?![\w-])"
)
# trailing adverbials of place that are not part of a description ("34-åringen i retten")
ADVERBIAL_TAIL = re.compile(
    r"\s+(?:i|under|foran)\s+(?:retten|tingretten|lagmannsretten|avhør|avhøret|vitneboksen|intervjuet|"
    r"samtalen|meldingen|pressemeldingen|innlegget|programmet|podkasten|garderoben|dommen|kjennelsen|"
    r"tiltalen|anken|brevet|(?:en|et|ei)\s+(?:pressemelding|e-post|sms|uttalelse|brev|innlegg|kommentar|"
    r"intervju|melding|kunngjøring))\b.*$"
)
# "Den ansatte, en 19 år gammel kvinne, forklarte", "Høyres talsperson, Lise Marstrander, mener": a subject
# with an apposition right before the reporting verb
APPOSITION_SUBJECT = re.compile(
    r"^\s*(?:(?:Men|Og|Så)\s+)?(?P<subject>[^,()]{2,60}?),\s+(?P<apposition>[^,()]{2,60}?)"
    r"(?:\s*\(\d+\))?,\s*$"
)
INTERVIEW_WITH = re.compile(
    rf"\b(?:snakket|snakker|pratet|prater|møtte|møter|intervju)\s+(?:\w+\s+){{0,3}}?med\s+"
    rf"(?:\w+\s+)?((?:{NAME_TOKEN})(?:\s+{NAME_TOKEN})*)"
)
# other set-ups of an interview: "Vi møtte artisten …", "Dahl tar imot VG …", "I et intervju med Y …",
# "Y forteller til Z …"; the person is a name or a role noun ("forfatteren")
SETUP_NAME = rf"(?:{NAME_TOKEN})(?:\s+{NAME_TOKEN})*"
SETUP_WHO = rf"(?:{SETUP_NAME}|[a-zæøå][\w-]*(?:en|et|a|n))"
INTERVIEW_SETUP = re.compile(
    rf"(?<!\w)(?:(?:[Vv]i|VG|[Aa]visen|[A-ZÆØÅ]{{2,}})\s+(?:møtte|møter|treffer|traff|besøkte|besøker)\s+"
    rf"(?P<met>{SETUP_WHO})|(?:[Ii]\s+(?:et\s+|eit\s+)?)intervju\s+med\s+(?P<interview>{SETUP_WHO})|"
    rf"(?P<host>{SETUP_WHO})\s+(?:tar|tok)\s+imot\s|(?P<teller>{SETUP_WHO})\s+(?:forteller|fortalte)\s+til\s)"
)
PASSIVE_BEFORE = re.compile(r"\b(?:(?:ble|blir|blitt)(?:\s+\S+)?|fått|får|fikk)$")
RECEIVER_BEFORE = re.compile(r"(?:til|overfor|for|i|på|fra|med|mot|av)\s+((?:[a-zæøå][\w-]*\s+){0,2})$")
# a paragraph opening with an indefinite person: "En kvinne i 40-årene står …", "Ei jente på 12 år sier"
INTRODUCED_UNNAMED = re.compile(
    r"((?:En|Ei|Et)\s+(?:[a-zæøå][\w-]*\s+){0,2}?[a-zæøå][\w-]*(?:\s+(?:i|på|fra)\s+[\w-]+)?)\s"
)
# "En kilde i sikkerhetsapparatet opplyser": an indefinite description as the subject of the sentence
INDEFINITE_SUBJECT = re.compile(r"\s*((?:En|Ei|Et)\s+[a-zæøå][\w-]*(?:\s+[\w-]+){0,6}?)\s*$")
# unnamed people: gender from the description, so han/hun can find them
# compounds end in the noun ("forretningskvinne", "talsmann"); short kin words and "-inne" need a whole word
FEMALE_NOUNS = re.compile(
    r"(?:kvinne|kvinnen|jente|jenta|dame|damen)\b|\b(?:mor|moren|kona|datter|datteren)\b|\w{3}inne(?:n|a)?\b"
)
MALE_NOUNS = re.compile(r"(?:mann|mannen|gutt|gutten)\b|\b(?:far|faren|sønn|sønnen|herre|herren)\b")

# definite singular person nouns end so ("islendingen", "jenta"); gendered ones can take up a named person
PERSON_NOUN_ENDINGS = ("en", "a")
GENDERED_PERSON_NOUNS = {
    **dict.fromkeys("mannen gutten fyren herren".split(), "m"),
    **dict.fromkeys("kvinnen kvinna jenta damen".split(), "f"),
}
# a negated reporting verb: "vil ikke svare", "ønsker ikke å kommentere", "har aldri sagt"
NEGATED_BEFORE = re.compile(r"(?<!\w)(?:ikke|aldri)\s+(?:å\s+|ha\s+|har\s+)?$")
# characters of markup or code, never of a name or a description: a speaker phrase ends before them
MARKUP = re.compile(r"[<>{}\[\]=|\\]")
# prepositions: a noun phrase after one is an adverbial or an object, never the subject of a reporting verb
PREPOSITIONS = frozenset(
    "i på med til fra av for foran etter før under over mot om ved hos uten blant gjennom mellom bak langs "
    "rundt innen siden overfor ifølge".split()
)
# a description right after the verb and before "at" ("sier statsministeren at", "opplyser den nye treneren")
INVERTED_SUBJECT = re.compile(
    r"\s*(?:(?:den|det|de)\s+(?:[a-zæøå]+e\s+)?)?[a-zæøå][\w-]{2,}(?:en|et|a|ne)\s*"
)
NEGATIVE_SUBJECT = re.compile(r"\s*(?:Ingen|Ingenting|Intet)\b")
NAME_PARTICLES = frozenset("al el bin ibn van von de da di der den du le la".split())
# a particle verb of speech with its subject inside: ", slår Holm fast.", ", la han til."
SPLIT_PARTICLE_CUE = re.compile(
    rf"[,!?]\s+(?P<cue>(?:slår|slo|legger|la|føyer|føyde)\s+(?P<who>han|hun|(?:{NAME_TOKEN})(?:\s+{NAME_TOKEN})*)"
    rf"\s+(?:fast|til))(?=[\s.,!?]|$)"
)
FIRST_PERSON_SINGULAR = re.compile(r"(?<!\w)(?:[Jj]eg|meg|min|mitt|mine)(?!\w)")
# a news site by its address, as Norwegian papers cite each other ("Bt.no", "VG.no", "aftenposten.no")
WEB_SOURCE = re.compile(r"[^\W_][\w-]*(?:\.[\w-]+)*\.(?:no|com|se|dk|net|org|nu|de|uk)", re.IGNORECASE)
