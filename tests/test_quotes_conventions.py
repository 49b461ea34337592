"""One test per quoting convention module of analysis/quotes/, and for the resolver and the discourse model,
on made-up Norwegian sentences (no article of the evaluation sets)."""

from __future__ import annotations

import pytest

from analysis.analysis import analyse_article
from analysis.article import article_from_text
from analysis.discourse import DiscourseModel, clean_name
from analysis.quotes import CONVENTIONS, QuoteExtraction, extract
from analysis.quotes.merge import Claims
from analysis.records import JOURNALIST, Quote
from analysis.speakers import speakers


def _article(*paragraphs: str, title: str = "En sak om byen"):
    return article_from_text(f"{title}\n2023-03-01\n\n" + "\n\n".join(paragraphs) + "\n")


def _quote(extraction: QuoteExtraction, fragment: str) -> Quote:
    found = [q for q in extraction.quotes if fragment in q.text]
    assert found, (fragment, [q.text for q in extraction.quotes])
    return found[0]


def _no_quote(extraction: QuoteExtraction, fragment: str) -> None:
    assert not [q for q in extraction.quotes if fragment in q.text], extraction.quotes


def test_the_conventions_run_in_one_list():
    assert len(CONVENTIONS) == 5


# ---------------------------------------------------------------- dash (analysis/quotes/dash.py)


def test_dash_two_quotes_particle_verbs_and_where_narration_resumes():
    extraction = extract(
        _article(
            "Navneforsker Kari Holm ved Universitetet i Bergen har sett på navnene.",
            "– Navnet har en fin klang. Det klinger litt som musikk, synes Holm. – Det er et godt valg.",
            "– Det er uvanlig å stave navnet slik her i landet, slår Holm fast.",
            "– Mange velger slike navn nå. Forskeren mener foreldrene kunne ha valgt et annet navn i år.",
        )
    )
    assert _quote(extraction, "klinger litt som musikk").speaker == "Kari Holm"  # "synes Holm"
    assert _quote(extraction, "Det er et godt valg").speaker == "Kari Holm"
    particle = _quote(extraction, "uvanlig å stave")
    assert (particle.speaker, particle.cue) == ("Kari Holm", "slår Holm fast")
    dash = _quote(extraction, "Mange velger slike navn")
    assert "Forskeren" not in dash.text  # narration resumes at "Forskeren mener"
    indirect = _quote(extraction, "foreldrene kunne ha valgt")
    assert indirect.kind == "indirect"


def test_after_the_attribution_the_speaker_goes_on_only_in_the_first_person():
    extraction = extract(
        _article(
            "Overlege Kari Holm leder akuttmottaket i byen.",
            "– Vi er for få på vakt, sier Holm. Vi ser nå leger som slutter fordi de er slitne.",
            "Eva Lie (28) ventet i seks timer på legevakten.",
            "– Det var uverdig, kommenterte hun. Hva kan vi lære av slike historier? Byen har lenge visst om"
            " problemet, og lite er gjort.",
        )
    )
    assert _quote(extraction, "leger som slutter").speaker == "Kari Holm"  # opens with "Vi": still Holm
    assert _quote(extraction, "Det var uverdig").speaker == "Eva Lie"  # "kommenterte" attributes
    _no_quote(extraction, "Hva kan vi lære")  # the writer's inclusive "vi" inside a question is narration


def test_a_verb_of_thinking_inside_a_dash_quote_is_no_attribution():
    extraction = extract(
        _article("Treneren Ola Berg var fornøyd.", "– Jeg tror Petter Solberg vinner i morgen, sier Berg.")
    )
    quote = _quote(extraction, "Jeg tror Petter Solberg vinner")
    assert quote.speaker == "Ola Berg"


# ---------------------------------------------------------------- interview (analysis/quotes/interview.py)


def test_a_question_between_answers_goes_to_the_journalist_and_the_answer_to_the_one_who_answered():
    extraction = extract(
        _article(
            "Direktør Kari Holm i Fondet har svart på kritikken.",
            "– Vi har hatt en god dialog med selskapet om arbeidsforholdene, sier direktør Kari Holm.",
            "– Men har dere selv gjort nok for de ansatte?",
            "– Kanskje ikke, men nå skal vi se på dette sammen med eierne.",
        )
    )
    assert _quote(extraction, "har dere selv gjort nok").speaker == JOURNALIST
    assert _quote(extraction, "Kanskje ikke").speaker == "Kari Holm"


# ---------------------------------------------------------------- marked and works


def test_marked_quote_with_attribution_and_a_work_title_veto():
    extraction = extract(
        _article(
            "«Vi må gjøre mer for folk i hele landet», sa Per Hansen til avisen.",
            "Hun har skrevet debutromanen «En lang natt i byen med mange folk».",
            "«Sangen om den lange vinteren i nord» slippes fredag.",
        )
    )
    assert _quote(extraction, "Vi må gjøre mer").speaker == "Per Hansen"
    _no_quote(extraction, "En lang natt")
    _no_quote(extraction, "Sangen om den lange vinteren")


# ---------------------------------------------------------------- headline


def test_headline_colon_names_the_speaker():
    article = article_from_text(
        "Ordfører Kari Holm: – Vi må bygge flere boliger\n2023-03-01\n\n"
        "– Vi må bygge flere boliger i sentrum, sier ordfører Kari Holm.\n"
    )
    headline = [q for q in extract(article).quotes if q.zone == "headline"]
    assert headline and headline[0].speaker == "Kari Holm"


# ---------------------------------------------------------------- indirect and postposed


def test_indirect_refusals_coordinated_verbs_and_clauses_without_at():
    extraction = extract(
        _article(
            "Kari Holm er leder i foreningen.",
            "Hun vil ikke svare på hvordan foreningen fikk tak i pengene, men sier det var en enkel sak.",
            "Holm mener byen har gode sjanser, men påpeker at naboene vet mye om planene.",
            "Hun mener byen nå må vise at den kan.",
            "Ingen kan si at dette var en enkel sak for noen av dem.",
        )
    )
    _no_quote(extraction, "foreningen fikk tak i pengene")  # refusing to say is no quote
    assert _quote(extraction, "det var en enkel sak").speaker == "Kari Holm"
    assert _quote(extraction, "naboene vet mye om planene").speaker == "Kari Holm"
    assert _quote(extraction, "byen nå må vise").text.startswith("byen")
    _no_quote(extraction, "dette var en enkel sak for noen")


def test_postposed_content_and_the_relative_clause_after_the_speaker():
    extraction = extract(
        _article(
            "Det er et lavt tall, mener politiet, som mener at risikoen er mindre enn før.",
            "Ingen personer ble skadd i brannen, opplyser politiet.",
        )
    )
    low = _quote(extraction, "Det er et lavt tall")
    assert (low.kind, low.speaker) == ("indirect", "politiet")
    assert _quote(extraction, "risikoen er mindre").speaker == "politiet"
    assert _quote(extraction, "Ingen personer ble skadd").speaker == "politiet"


def test_ifolge_names_the_source():
    extraction = extract(_article("Ifølge Statistisk sentralbyrå har prisene steget med fire prosent i år."))
    quote = _quote(extraction, "prisene steget")
    assert quote.speaker == "Statistisk sentralbyrå"
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "Statistisk sentralbyrå"


# ---------------------------------------------------------------- resolve (analysis/quotes/resolve.py)


def test_descriptions_and_epithets_reach_the_person_the_article_described():
    extraction = extract(
        _article(
            "Skuespiller Kari Holm (24) fikk prisen i går.",
            "– Dette hadde jeg ikke ventet, sier 24-åringen.",
            "Han får støtte av veteran Per Dahl.",
            "Forsvarskjempen mener laget nå må vise at det kan vinne.",
            "– Vi har spilt godt hele høsten, sier skuespilleren.",
        )
    )
    age = _quote(extraction, "ikke ventet")
    assert (age.speaker, age.speaker_mention.text) == ("Kari Holm", "24-åringen")
    assert _quote(extraction, "laget nå må vise").speaker == "Per Dahl"
    assert _quote(extraction, "spilt godt").speaker == "Kari Holm"


def test_a_subheading_quote_goes_to_the_body_quote_it_repeats_however_far_below():
    # the subheadings stand above the body (as in the treebank's texts): the body quote a subheading repeats
    # may come after many others
    others = [f"– Vi har hatt {n} møter om saken i år, sier ordfører Per Dahl." for n in range(14)]
    extraction = extract(
        _article(
            "Skulle diskutere budsjettet",
            "- Må tas veldig alvorlig",
            "Kommunen har hatt en vanskelig høst.",
            *others,
            "– Dette må tas veldig alvorlig av alle partier, sier Kari Holm i Naboforeningen.",
        )
    )
    assert _quote(extraction, "Må tas veldig alvorlig").speaker == "Kari Holm"


def test_narration_after_a_fronted_at_clause_brings_in_the_next_speaker():
    # the rebuilt texts run narration into the dash paragraph before it; the person that narration brings
    # in is the one the next "sier han" takes up, not the speaker of the quote before
    extraction = extract(
        _article(
            "Per Dahl, professor ved BI, tviler på satsingen.",
            "– Vi bør heller selge fornybar energi, sier han.",
            "– Det er i vinden. At Norge ikke kan hevde seg kulturelt, er ikke Ola Vik enig i.",
            "– Vi kan ikke måle kvalitet etter størrelsen på landene, sier han.",
        )
    )
    earlier = _quote(extraction, "Det er i vinden")
    assert earlier.speaker == "Per Dahl" and "Ola Vik" not in earlier.text
    assert _quote(extraction, "måle kvalitet").speaker == "Ola Vik"


def test_questions_to_dere_ask_the_group_the_title_names():
    # a band interview: the reporter asks "dere", the members answer as "vi"; the answers are the band's,
    # not the first member the lead lists
    extraction = extract(
        _article(
            "Bandet består av Kari Holm, Per Dahl og Ola Vik.",
            "– Hvordan forbereder dere dere til finalen?",
            "– Vi øver hver kveld og hviler godt.",
            "– Hva er deres største styrke?",
            "– Vi spiller med hjertet.",
            title="Band: Blue Harbour",
        )
    )
    assert _quote(extraction, "øver hver kveld").speaker == "Blue Harbour"
    assert _quote(extraction, "med hjertet").speaker == "Blue Harbour"
    assert _quote(extraction, "største styrke").speaker == JOURNALIST


def test_dere_to_someone_quoted_already_is_their_organisation():
    extraction = extract(
        _article(
            "– Vi har hatt en god dialog med selskapet, sier direktør Kari Holm i Norfund.",
            "– Men vil de svare dere?",
            "– Kanskje ikke, men vi må forsikre oss om at standardene holdes.",
            title="Krever svar fra Blue Harbour",
        )
    )
    assert _quote(extraction, "Kanskje ikke").speaker == "Kari Holm"


def test_a_person_described_by_age_alone_is_what_a_later_pronoun_takes_up():
    # a sentence whose subject is "25-åringen" (no one of that age named) and whose object is a place name:
    # the later han is the 25-year-old, not the place
    extraction = extract(
        _article(
            "– Jeg var naiv, sier 25-åringen.",
            "25-åringen ser ut over parken der han ble slått ned.",
            "Området er populært blant joggere.",
            "– Jeg trodde de var joggere, sier han.",
        )
    )
    assert _quote(extraction, "trodde de var joggere").speaker == "25-åringen"


def test_a_police_rank_is_a_title_a_later_definite_form_takes_up():
    extraction = extract(
        _article(
            "– Vi etterforsker saken, sier politioverbetjent Leif Dahl til avisen.",
            "Overfallet har vært diskutert på flere nettsteder.",
            "– Det er for tidlig å si noe mer, sier politioverbetjenten.",
        )
    )
    assert _quote(extraction, "for tidlig").speaker == "Leif Dahl"


def test_an_unnamed_introduction_is_not_a_named_person():
    extraction = extract(
        _article(
            "Kari Holm var til stede. En eldre kvinne fra nabolaget kom også.",
            "– Dette har vi ventet på lenge, sier kvinnen.",
        )
    )
    assert _quote(extraction, "ventet på lenge").speaker != "Kari Holm"


def test_pronouns_prefer_a_person_known_to_fit():
    extraction = extract(
        _article(
            "Guro Lie leder utvalget. Hun har sittet der i to år.",
            "Utvalget la fram rapporten sammen med Ola Nordmann i går.",
            "– Vi er godt fornøyd med arbeidet, sier hun.",
        )
    )
    quote = _quote(extraction, "godt fornøyd")
    assert (quote.speaker, quote.speaker_mention.text) == ("Guro Lie", "hun")


def test_a_gender_an_earlier_pronoun_guessed_does_not_outrank_the_next_person_brought_in():
    extraction = extract(
        _article(
            "Mange satt stille i salen da filmen gikk. Zhanar (24) lo ikke en eneste gang.",
            "– Dette var vondt å se, sa hun etter forestillingen.",
            "Aigerim (28) satt som forstenet gjennom hele filmen.",
            "– Dette gikk over streken, kommenterte hun.",
        )
    )
    assert _quote(extraction, "vondt å se").speaker == "Zhanar"
    assert _quote(extraction, "over streken").speaker == "Aigerim"


def test_a_quote_inside_a_sentence_whose_subject_is_a_pronoun_is_that_persons():
    extraction = extract(
        _article(
            "Saken ble lagt fram i bystyret i går.",
            "Da Per Hansen sa at budsjettet var vedtatt, reiste Guro Lie seg. "
            'Hun syntes dårlig om at "dette er et brudd på alle løfter".',
            "Ola Nordmann smilte mens mikrofonene ble trykket opp i ansiktet hans.",
            "Han har kanskje ikke fått med seg at en amerikansk journalist skrev at han "
            "«har personlighet på linje med en pappeske».",
        )
    )
    assert _quote(extraction, "brudd på alle løfter").speaker == "Guro Lie"
    # a later reporting verb brings in the quote's own speaker
    assert [q.speaker for q in extraction.quotes if "pappeske" in q.text] == ["journalist", "journalist"]


def test_a_news_site_cited_by_its_web_address_keeps_the_address_as_its_name():
    extraction = extract(
        _article(
            "Det var et sjeldent eksempel på vold i Bergen.",
            "Bt.no fortalte tirsdag at to medlemmer av gruppen hadde fått trusler.",
            "Ifølge Dagbladet.no er saken henlagt.",
        )
    )
    assert (
        _quote(extraction, "hadde fått trusler").speaker,
        _quote(extraction, "hadde fått trusler").speaker_kind,
    ) == (
        "Bt.no",
        "organisation",
    )
    assert _quote(extraction, "saken henlagt").speaker == "Dagbladet.no"


def test_a_saints_name_is_an_order_or_a_place_not_the_person_a_first_name_calls():
    extraction = extract(
        _article(
            "Flymekaniker Olav Berg reddet mange mennesker i 1970.",
            "I stua henger diplomet for St Olavs orden.",
            "– Det var jobben min, ferdig med det, sier Olav.",
        )
    )
    assert _quote(extraction, "jobben min").speaker == "Olav Berg"
    assert "St Olav" not in extraction.discourse.people


def test_a_reporting_verb_after_og_shares_the_subject_of_the_first_verb():
    extraction = extract(
        _article(
            "Ola Nordmann fikk et brev fra Det hvite hus.",
            "Han ringte Kulturrådet og spurte hva han kunne si til pressen.",
            "Roth kaller prosjektet «Flyplasskunst», og hevder at vekterne trenger en god latter.",
        )
    )
    assert _quote(extraction, "si til pressen").speaker == "Ola Nordmann"
    assert _quote(extraction, "vekterne trenger").speaker == "Roth"


def test_narrations_vi_is_the_newsroom_asking():
    extraction = extract(
        _article(
            "Martin Bengtsson bor i Berlin nå. Han tar imot oss i leiligheten.",
            "Martin smiler. Vi spør ham om hva han tenker om lønningene i Italia.",
            "– Han har sikkert råd til det meste, sier Bengtsson.",
            "For de som er nye i spillets verden, kan vi fortelle at serien har vart i 16 år.",
        )
    )
    assert _quote(extraction, "hva han tenker").speaker == JOURNALIST
    assert _quote(extraction, "serien har vart").speaker == JOURNALIST
    assert _quote(extraction, "råd til det meste").speaker == "Martin Bengtsson"


def test_a_plural_role_noun_is_the_group_not_the_one_holder_of_the_role():
    extraction = extract(
        _article(
            "Sverre Holm ble lagt inn på sykehuset i mai.",
            "Legene mener at kosttilskuddet bidro til at leveren sviktet.",
            "Lege Kari Dahl har fulgt ham i mange år.",
            "– Vi ser dette altfor ofte, sier legen.",
        )
    )
    assert _quote(extraction, "leveren sviktet").speaker == "Legene"
    assert _quote(extraction, "altfor ofte").speaker == "Kari Dahl"


def test_an_inverted_subject_before_a_sentence_adverb_is_the_speaker():
    extraction = extract(
        _article(
            "Musikkutvalget ledes av Bente Bakke.",
            "– Dette er et svært viktig tiltak, sier Bente Bakke.",
            "I brevet skriver utvalget imidlertid at vedtaket kan skade hele støtteordningen.",
        )
    )
    assert _quote(extraction, "skade hele").speaker == "utvalget"


def test_words_in_quote_marks_inside_reported_speech_are_that_speakers():
    extraction = extract(
        _article(
            "– Prosjektet er viktig, sier Bente Bakke.",
            "Næringsminister Lars Lie sier at «mer vindkraft på land vil gi mange nye jobber i distriktene».",
        )
    )
    assert [q.speaker for q in extraction.quotes if "vindkraft" in q.text] == ["Lars Lie"] * 2


def test_a_dash_quote_ends_where_a_sentence_opens_with_a_full_date():
    extraction = extract(
        _article(
            "Kari Berg i bransjeforeningen mener at viljen finnes.",
            "– Men reglene er ikke helt klare ennå. 3. mai 2010 er det regn over Hamar, og "
            "naboene samles i hagen.",
        )
    )
    quote = _quote(extraction, "ikke helt klare")
    assert "Hamar" not in quote.text and quote.text.endswith("ennå")


def test_a_dash_quote_after_verb_and_colon_is_the_subjects_not_the_objects():
    extraction = extract(
        _article(
            "Mekaniker Ole Olsen visste at risikoen var stor.",
            "Pilot Per Hansen prøvde å lette.",
            "Han snudde seg mot mekaniker Olsen og sa:",
            "– Det går ikke. Vi må vente.",
            "Eksperten Kari Holm mener spillet er et godt alternativ til «Wii Fit»:",
            "– Dette er for alle, også for meg.",
        )
    )
    assert _quote(extraction, "Det går ikke").speaker == "Per Hansen"
    assert _quote(extraction, "for alle").speaker == "Kari Holm"


def test_phrase_fragments_are_no_speakers():
    extraction = extract(
        _article(
            "Kari Holm er leder i foreningen. Hun har jobbet der lenge.",
            "Foran peisen sier hun at kampen var den beste på mange år.",
            "– Det går bra med laget nå, sier hun videre.",
            "– Ola, her kommer vi, sang fansen av full hals hver gang Ola Vik fikk ballen.",
        )
    )
    assert _quote(extraction, "den beste på mange år").speaker == "Kari Holm"
    assert _quote(extraction, "Det går bra").speaker == "Kari Holm"
    assert _quote(extraction, "her kommer vi").speaker.startswith("fansen")  # not Ola Vik


@pytest.mark.parametrize(
    "attribution",
    ["sier Støre'\"><svg onload=alert(1)>.", "sier Støre<img src=x onerror=alert(1)>.", "sier {{Støre}}."],
)
def test_markup_never_becomes_part_of_a_speaker(attribution):
    # issue 14, item 13: markup-looking speaker names are no speakers
    extraction = extract(_article(f"– Dette er et godt forslag for byen, {attribution}"))
    quote = _quote(extraction, "godt forslag")
    assert quote.speaker is None or all(c not in quote.speaker for c in "<>{}[]=|\\")


def test_a_pronoun_phrase_after_den_or_det_is_no_speaker():
    # "si det du" is a turn of phrase, not "si" and a speaker "det du"; "det lokale politiet" still speaks
    extraction = extract(
        _article(
            "Regissøren Ola Dahl har laget en ny film.",
            "– Er du stolt?",
            "– Nei, si det du. Det må nesten andre svare for.",
            "– Saken er ikke avsluttet, sier det lokale politiet.",
        )
    )
    assert all(q.speaker != "det du" for q in extraction.quotes)
    assert _quote(extraction, "ikke avsluttet").speaker is not None


# ---------------------------------------------------------------- discourse model


def test_discourse_model_descriptions_ages_and_the_articles_own_pronouns():
    article = _article(
        "Stjernesopranen Kari Holm synger i kveld. Hun har øvd i et år.",
        "Selma (28) satt på første rad.",
        "Jarle Vik (45), leder i Fotballklubben, var også der.",
    )
    model = DiscourseModel(article)
    assert model.described_person("stjernesopranen", len(article.text)) == "Kari Holm"
    assert model.described_person("sopranen", len(article.text)) == "Kari Holm"
    assert model.described_person("45-åringen", len(article.text)) == "Jarle Vik"
    assert "Selma" in model.people
    assert model.gender("Jarle Vik") is None or model.gender("Jarle Vik") == "m"
    spans = model.mention_spans("Kari Holm")
    assert spans and all(article.text[s.start : s.end] == s.text for s in spans)


def test_a_common_word_opening_a_sentence_is_no_part_of_the_first_name_after_it():
    article = _article(
        "Kari Lund møtte aldri opp.",
        "Finnes Henrietta?",
        "Henrietta har en profil på nettet med mange venner. Det sier Per Dahl.",
        "Han har snakket med Pasient Kari Holm.",
    )
    people = DiscourseModel(article).people
    assert "Finnes Henrietta" not in people
    assert {"Kari Lund", "Per Dahl"} <= set(people)


def test_prizes_titles_and_counts_are_no_people_but_names_that_look_like_words_are():
    article = _article(
        "Bandet ble kåret til Årets Spellemann i fjor og har Fire Spellemannpriser på hylla.",
        "Kris Stadsgaard scoret to mål, og Mitt Romney så kampen. Det skriver Dagens Næringsliv.",
    )
    people = set(DiscourseModel(article).people)
    assert not {"Årets Spellemann", "Fire Spellemannpriser", "Dagens Næringsliv"} & people
    assert {"Kris Stadsgaard", "Mitt Romney"} <= people


@pytest.mark.parametrize(
    ("run", "name"),
    [
        ("Venstres Trine Skei Grande", "Trine Skei Grande"),
        ("NRKs Kari Holm", "Kari Holm"),
        ("Lars Erik Hansen", "Lars Erik Hansen"),
        ("Jonas Gahr Støre", "Jonas Gahr Støre"),
    ],
)
def test_a_genitive_before_a_full_name_is_no_part_of_it(run, name):
    assert clean_name(run) == name


# ---------------------------------------------------------------- records and views


def test_extraction_records_speakers_and_the_old_views_agree(seed):
    extraction = extract(seed)
    voices = speakers(seed, extraction)
    ids = {s.id for s in voices}
    for quote in extraction.quotes:
        assert seed.text[quote.start : quote.end] == quote.text
        if quote.speaker:
            assert quote.speaker_id in ids
        if quote.speaker_mention:
            assert (
                seed.text[quote.speaker_mention.start : quote.speaker_mention.end]
                == quote.speaker_mention.text
            )
    blinken = next(s for s in voices if s.name == "Antony Blinken")
    assert blinken.share == pytest.approx(0.765, abs=0.01)
    assert blinken.gender is None  # analysis/gender.py fills it in
    assert blinken.mention_spans and any(span.text == "Blinken" for span in blinken.mention_spans)
    analysis = analyse_article(seed)
    table = analysis.speakers_frame().set_index("name")
    assert table.loc["Antony Blinken", "share"] == pytest.approx(blinken.share)
    as_json = analysis.voices_json()
    assert [q["text"] for q in as_json["quotes"]] == [q.text for q in extraction.quotes]


def test_claims_answer_what_a_list_of_spans_would():
    spans = [(10, 20), (30, 60), (35, 40), (5, 8), (70, 71)]
    claims = Claims()
    for span in spans:
        claims.append(span)
    for position in range(0, 80):
        assert claims.covers(position) == any(a <= position < b for a, b in spans), position
        for end in range(position, 80, 7):
            expected = any(a <= position and end <= b for a, b in spans)
            assert claims.contains(position, end) == expected, (position, end)


def test_one_long_paragraph_takes_linear_time():
    import time

    def seconds(repeats: int) -> float:
        text = "Støre sa at regjeringen vil gjøre mer for folk i hele landet nå. " * repeats
        article = _article(text)
        started = time.process_time()
        extract(article)
        return time.process_time() - started

    small, large = seconds(1500), seconds(6000)
    assert large < 4 * small * 2.0 + 0.5, (small, large)  # four times the text, not sixteen times the time


def test_a_person_described_without_a_name_can_be_taken_up_by_a_pronoun():
    extraction = extract(
        _article(
            "Rektor Per Dahl har ledet skolen i ti år.",
            "Elevenes morfar har en annen versjon av historien enn skolen.",
            "Han mener barnebarna ikke har lidd noen nød i årene på skolen.",
        )
    )
    quote = _quote(extraction, "barnebarna ikke har lidd")
    assert (quote.speaker, quote.speaker_kind) == ("Elevenes morfar", "unnamed")


def test_an_unattributed_dash_after_narration_goes_to_the_unnamed_person_it_brings_in():
    extraction = extract(
        _article(
            "– Vi har solgt mange billetter i år, sier daglig leder Ola Berg.",
            "En kvinne i 40-årene står først i køen.",
            "– Jeg har ventet siden klokka seks i morges.",
        )
    )
    quote = _quote(extraction, "ventet siden klokka seks")
    assert (quote.speaker, quote.speaker_kind) == ("En kvinne i 40-årene", "unnamed")


def test_a_compound_title_reaches_the_person_introduced_with_that_title_and_employer():
    extraction = extract(
        _article(
            "Forlagssjef i Lyngheim, Kari Holm, er fornøyd med salget.",
            "Skuespiller Per Dahl leser fra boka på scenen.",
            "– Vi har aldri solgt så mange bøker, sier Lyngheim-sjefen.",
        )
    )
    quote = _quote(extraction, "aldri solgt")
    assert (quote.speaker, quote.speaker_mention.text) == ("Kari Holm", "Lyngheim-sjefen")


def test_a_narration_paragraph_opening_with_a_pronoun_keeps_its_person_salient():
    extraction = extract(
        _article(
            "Partileder Kari Holm møtte statsminister Per Dahl og Ola Berg i går.",
            "Hun ville ikke si noe om utfallet av møtet med Berg og Dahl.",
            "– Vi får se hvordan utviklingen blir, bemerket hun.",
        )
    )
    assert _quote(extraction, "Vi får se").speaker == "Kari Holm"


def test_a_one_word_name_the_article_lets_speak_is_a_person():
    extraction = extract(
        _article(
            "– Dette er den beste konserten vi har hatt, sier kantor Ola Berg.",
            "I baren står Siri og Are. De har kommet langt for å høre den.",
            "– Vi reiser hit hvert år for å høre konserten.",
            "– Jeg har ikke gått glipp av en eneste konsert, forteller Siri.",
            "– Vi har gode tall i år, sier Equinor.",
        )
    )
    assert _quote(extraction, "Vi reiser hit").speaker == "Siri"  # introduced in narration, speaks later
    assert _quote(extraction, "ikke gått glipp").speaker_kind == "person"
    assert _quote(extraction, "gode tall").speaker_kind == "organisation"


def test_a_first_name_alone_is_the_person_the_article_named_in_full_with_it():
    extraction = extract(
        _article(
            "Kunstneren Mira Dahl (34) har åpnet et galleri i Bergen. Mira Dahl maler store lerreter.",
            "– Jeg har drømt om dette lenge, sier Mira.",
            "Eva Lund og Eva Berg driver kafeen ved siden av.",
            "– Vi får flere kunder nå, sier Eva.",
        )
    )
    assert _quote(extraction, "drømt om dette").speaker == "Mira Dahl"
    # two people the article names equally often share the first name: it names neither of them
    assert _quote(extraction, "flere kunder").speaker not in ("Eva Lund", "Eva Berg")


def test_a_describing_word_before_a_first_name_and_surname_is_not_part_of_the_name():
    from analysis.discourse import clean_name

    assert clean_name("Lagkamerat Eva Lie") == "Eva Lie"  # a common noun describing her
    assert clean_name("Rødt Arne Byrkjeflot") == "Arne Byrkjeflot"  # the party's name
    assert clean_name("Per Olav Hansen") == "Per Olav Hansen"  # "per" is a word, but first a first name
    assert clean_name("Johann Olav Kos") == "Johann Olav Kos"
    assert clean_name("Røde Kors Norge") == "Røde Kors Norge"  # no first name follows: an organisation


def test_a_second_verb_after_og_and_a_title_in_quote_marks_are_no_speakers():
    extraction = extract(
        _article(
            "Per Olsen (70) har drevet bakeriet i førti år. Sønnen Ola Olsen tar over.",
            "– Det er veldig hyggelig, Ola, sa faren og tok en pause.",
            "«Havsalt Vamp».",
            "– Den plata laget vi på en uke.",
        )
    )
    assert _quote(extraction, "veldig hyggelig").speaker == "faren"  # not "faren og tok en pause"
    assert "Havsalt Vamp" not in {q.speaker for q in extraction.quotes}
    assert "Havsalt Vamp" not in extraction.discourse.people


def test_a_speaker_named_with_the_organisation_they_speak_for():
    extraction = extract(
        _article(
            "Debatten om nye bygg går videre i byen.",
            "Kari Holm i Norske arkitekters landsforening mener det er positivt at nye bygg er omstridt.",
            "Direktør i Fritt Ord Erik Rudeng mener det er begrensende å tenke slik om kulturen.",
        )
    )
    assert _quote(extraction, "positivt at nye bygg").speaker == "Kari Holm"
    assert _quote(extraction, "begrensende å tenke").speaker == "Erik Rudeng"


def test_an_answer_that_ends_in_a_question_and_the_interview_going_on():
    extraction = extract(
        _article(
            "Kari Holm flyttet til New York i 2005. Hun kom inn på American Comedy Institute.",
            "– Da var det godt å dra, sier Holm.",
            "– Jeg trengte å være anonym. Og det ble en frihet. Hun har spurt om alt. Og kjærligheten?",
            "– Den er viktig for meg, men den er vanskelig.",
            "– Har du snakket med andre om det?",
            "– Ja. Det har jeg. Og det er ikke enkelt.",
        )
    )
    assert _quote(extraction, "Jeg trengte å være anonym").speaker == "Kari Holm"
    assert _quote(extraction, "Har du snakket med andre").speaker == JOURNALIST
    assert _quote(extraction, "Det har jeg").speaker == "Kari Holm"
