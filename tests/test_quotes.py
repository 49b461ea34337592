"""Quote extraction: the seed's eleven quotes, made-up fixtures for each convention, and the dev-set floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.analysis import analyse_article
from analysis.article import article_from_text, load_article
from analysis.evaluate import score_article, totals
from analysis.quotes import QUOTE_COLUMNS
from analysis.speakers import TABLE_COLUMNS

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _by_text(quotes, fragment: str):
    rows = quotes[quotes["text"].str.contains(fragment, regex=False)]
    assert len(rows) >= 1, f"no quote containing {fragment!r}"
    return rows.iloc[0]


def test_every_quote_is_an_exact_substring_sorted_by_start(seed):
    quotes = analyse_article(seed).quotes_frame()
    assert list(quotes.columns) == [*QUOTE_COLUMNS, "speaker_id"]
    assert quotes["start"].is_monotonic_increasing
    for row in quotes.itertuples():
        assert seed.text[row.start : row.end] == row.text
        assert row.text == row.text.strip(" –-«»,.")


def test_seed_matches_gold_exactly(seed, shared):
    gold = json.loads((shared / "eval" / "gold_seed.json").read_text(encoding="utf-8"))
    row = score_article(seed.text, gold, analyse_article(seed).voices_json())
    assert (row["tp"], row["fp"], row["gold"]) == (11, 0, 11), (row["missed"], row["extra"])
    assert row["speaker_ok"] == 11
    assert row["share_err"] <= 0.01


def test_seed_speakers_and_headline(seed):
    quotes = analyse_article(seed).quotes_frame()
    headline = quotes[quotes["zone"] == "headline"]
    assert set(headline["speaker"]) == {"Sergej Lavrov"}
    assert _by_text(quotes, "Ikke redd for noen")["cue"] == ":"
    indirect = set(quotes.loc[quotes["kind"] == "indirect", "speaker"])
    assert {"Biden", "Kreml", "Regjeringen i Russland", "CBS News"} <= indirect
    assert _by_text(quotes, "Russland var skremt av Ukraina")["speaker"] == "CBS News"
    # "svarte Lavrov, ifølge Reuters": Reuters is the conduit, not a speaker or a quote
    assert "Reuters" not in set(quotes["speaker"].dropna())
    assert _by_text(quotes, "Disse samtalene")["speaker"] == "Antony Blinken"  # "sa blinken" (lower case)


def test_interview_fixture_dashes_questions_pronouns_and_ifolge():
    article = load_article(FIXTURES / "quotes_interview.txt")
    quotes = analyse_article(article).quotes_frame()
    assert _by_text(quotes, "Hva sier næringslivet")["speaker"] == "JOURNALIST"
    answer = _by_text(quotes, "De er delt")
    assert (answer["speaker"], answer["cue"]) == ("Kari Nordmann", "sier")  # "sier hun"
    ifolge = _by_text(quotes, "trafikken i sentrum")
    assert ifolge["kind"] == "indirect" and ifolge["text"].startswith("går trafikken")
    assert _by_text(quotes, "forslaget kommer")["speaker_kind"] == "organisation"
    marked = _by_text(quotes, "dårlig tidspunkt")
    assert (marked["kind"], marked["speaker"]) == ("direct", "Per Hansen")
    assert _by_text(quotes, "foreningen vil møte")["speaker"] == "Per Hansen"  # "Han sa tirsdag at"


def test_two_quotes_in_one_dash_paragraph_roles_and_typos():
    article = load_article(FIXTURES / "quotes_two_voices.txt")
    quotes = analyse_article(article).quotes_frame()
    first = _by_text(quotes, "Klimaet venter ikke")
    second = _by_text(quotes, "Norge skal kutte")
    assert first["end"] < second["start"]
    assert first["speaker"] == second["speaker"] == "Ola Berg"  # unqualified title: the domestic holder
    assert _by_text(quotes, "Sverige står sammen")["speaker"] == "Eva Lind"  # "den svenske statsministeren"
    assert _by_text(quotes, "helt enige")["speaker"] == "Eva Lind"  # "Eva Lnid": a typo
    assert _by_text(quotes, "planen vil koste")["speaker_kind"] == "organisation"
    headline = quotes[quotes["zone"] == "headline"].iloc[0]
    assert (headline["text"], headline["speaker"]) == ("Vi må handle nå", "Ola Berg")


def test_article_without_quotes_gives_empty_results():
    article = load_article(FIXTURES / "quotes_none.txt")
    quotes = analyse_article(article).quotes_frame()
    assert quotes.empty and list(quotes.columns) == [*QUOTE_COLUMNS, "speaker_id"]
    assert analyse_article(article).voices_json() == {"quotes": [], "speakers": []}


def test_short_scare_quotes_and_cognition_verbs_are_not_quotes():
    article = article_from_text(
        "Debatt om skolen\n2023-01-01\n\nHun kalte rapporten «latterlig» i går.\n\n"
        "Lærerne tror at reformen vil mislykkes, og mange frykter at den kommer for fort.\n\n"
        "Meteorologene varsler om glatte veier. Regjeringen har sagt nei til forslaget. "
        "Hun svarte ikke på spørsmål om hvorfor hun dro. Han lovet å komme tilbake.\n"
    )
    assert analyse_article(article).quotes_frame().empty


def test_quotes_json_is_plain_json(seed):
    result = analyse_article(seed).voices_json()
    text = json.dumps(result, allow_nan=False)
    assert json.loads(text) == result
    for quote in result["quotes"]:
        assert set(quote) == {"kind", "zone", "text", "start", "end", "speaker", "cue"} | {
            "speaker_id",
            "speaker_mention",
        }
        assert type(quote["start"]) is int and type(quote["end"]) is int
        mention = quote["speaker_mention"]
        if mention is not None:  # the words naming the speaker, at their offsets
            assert seed.text[mention["start"] : mention["end"]] == mention["text"]
    ids = [speaker["id"] for speaker in result["speakers"]]
    assert len(set(ids)) == len(ids)
    assert {q["speaker_id"] for q in result["quotes"] if q["speaker"]} <= set(ids)
    for speaker in result["speakers"]:
        assert set(speaker) == {*TABLE_COLUMNS, "id", "gender", "gender_evidence", "mention_spans"}
        for span in speaker["mention_spans"]:
            assert seed.text[span["start"] : span["end"]] == span["text"]
        assert type(speaker["direct"]) is int and type(speaker["share"]) is float


@pytest.mark.slow
def test_dev_set_floors(dev_set):
    rows = []
    for dev in dev_set:
        article = load_article(dev.text_path)
        gold = json.loads(dev.gold_path.read_text(encoding="utf-8"))
        rows.append(score_article(article.text, gold, analyse_article(article).voices_json()))
    total = totals(rows)
    # measured P 0.993 R 0.985 F1 0.989, speaker accuracy 1.000, share error 0.003
    assert total["F1"] >= 0.96, total
    assert total["speaker_acc"] >= 0.97, total
    assert total["mean_max_share_err"] <= 0.02, total


def test_quote_marks_colon_introductions_and_wire_quotes():
    article = load_article(FIXTURES / "quotes_marks.txt")
    quotes = analyse_article(article).quotes_frame()
    assert set(quotes["kind"]) == {"direct"}  # "sa dette om saken:" is no content clause
    assert _by_text(quotes, "rydde opp")["speaker"] == "Ingrid Dahl"
    police = _by_text(quotes, "holde seg unna")
    assert (police["speaker"], police["speaker_kind"]) == ("Politiet", "organisation")
    assert _by_text(quotes, "lang natt")["speaker"] == "Ole Ruud"
    assert _by_text(quotes, "aldri sett noe lignende")["speaker"] == "NTB"


def test_news_story_postposed_sources_continuations_and_headline_overlap():
    article = load_article(FIXTURES / "quotes_fire.txt")
    quotes = analyse_article(article).quotes_frame()
    assert _by_text(quotes, "Ingen personer ble skadd")["speaker"] == "politiet"  # "..., opplyser politiet"
    assert _by_text(quotes, "trolig startet")["speaker"] == "Per Olsen"  # title dropped from the name
    assert _by_text(quotes, "Vi fikk melding")["speaker"] == "Per Olsen"
    # "– A, sier X. – B.": two quotes, both X's; "Det bekrefter Y" does not take over a continuation
    assert _by_text(quotes, "Vi ringte flere ganger")["speaker"] == "Ida Berg"
    assert _by_text(quotes, "utrykningstiden")["speaker"] == "Trond Vik"
    headline = quotes[quotes["zone"] == "headline"].iloc[0]
    assert (headline["text"], headline["speaker"]) == ("Dette er en skandale", "Ida Berg")
    assert _by_text(quotes, "Ordføreren vil ikke")["speaker_kind"] == "organisation"


def _quotes_of(text: str):
    return analyse_article(article_from_text(text)).quotes_frame()


def test_person_before_i_organisation_is_the_speaker_not_the_organisation():
    quotes = _quotes_of(
        "Rentene kan falle i høst\n2026-03-02\n\n"
        "Norges Bank kan kutte renten allerede i september.\n\n"
        "– Vi ser klare tegn til at prisveksten avtar raskere enn ventet, sier analytiker Sigrid Holmen "
        "i meglerhuset Fjordkapital til NTB.\n\n"
        "Hun anslår at renten vil ligge på tre prosent ved nyttår.\n"
    )
    assert _by_text(quotes, "klare tegn")["speaker"] == "Sigrid Holmen"
    assert _by_text(quotes, "tre prosent")["speaker"] == "Sigrid Holmen"  # "hun" is no organisation


def test_multi_word_institution_names_are_kept_whole():
    quotes = _quotes_of(
        "Flere eldre bor alene\n2026-01-20\n\n"
        "Ifølge nye tall fra Statistisk sentralbyrå bor nesten hver femte pensjonist alene i dag.\n\n"
        "Helse Nordvest sykehus opplyser at pågangen i akuttmottaket har økt hver vinter siden 2020.\n\n"
        "Ifølge det britiske nyhetsbyrået PA har også britiske sykehus hatt rekordmange innleggelser.\n"
    )
    assert _by_text(quotes, "hver femte")["speaker"] == "Statistisk sentralbyrå"
    assert _by_text(quotes, "akuttmottaket")["speaker"] == "Helse Nordvest sykehus"
    assert _by_text(quotes, "rekordmange")["speaker"] == "PA"


def test_unnamed_speakers_with_appositions_take_pronouns():
    quotes = _quotes_of(
        "Nabo slo alarm\n2026-02-11\n\n"
        "Lagdommer Gunnhild Strand ledet forhandlingene i lagmannsretten onsdag.\n\n"
        "En nabo, en 52 år gammel kvinne, forklarte at hun hørte skrik fra leiligheten rundt midnatt.\n\n"
        "– Jeg ringte politiet med en gang, sa hun.\n\n"
        "Siktede nektet for at han hadde vært i leiligheten den kvelden.\n\n"
        "– Jeg var på jobb hele natten, sa han.\n"
    )
    assert _by_text(quotes, "hørte skrik")["speaker"] == "en 52 år gammel kvinne"
    assert _by_text(quotes, "ringte politiet")["speaker"] == "en 52 år gammel kvinne"
    assert _by_text(quotes, "vært i leiligheten")["speaker"] == "Siktede"
    assert _by_text(quotes, "på jobb hele natten")["speaker"] == "Siktede"


def test_role_and_name_apposition_before_mener_is_the_speaker():
    quotes = _quotes_of(
        "Strid om bompenger\n2026-04-01\n\n"
        "Frps samferdselspolitiske talsperson, Tor Arne Lunde, mener bomringen er «en straff for folk "
        "som bor utenfor byen».\n"
    )
    assert not quotes["text"].str.contains("talsperson").any()
    assert _by_text(quotes, "bomringen er")["speaker"] == "Tor Arne Lunde"
    assert _by_text(quotes, "en straff for folk")["speaker"] == "Tor Arne Lunde"


def test_interview_answers_go_to_the_interviewee_and_crossheads_to_their_section():
    quotes = _quotes_of(
        "Hytte tatt av flom: – Vi mistet alt\n2026-06-03\n\n"
        "Flommen i Gudbrandsdalen tok med seg tre hytter natt til tirsdag.\n\n"
        "– Dette er den verste flommen vi har sett siden 1995, sier vakthavende Arne Moen i politiet.\n\n"
        "Lokalavisen snakket med hytteeier Berit Haugen ved elvebredden.\n\n"
        "– Hva tenkte du da du så hytta?\n\n"
        "– Vi mistet alt vi hadde der inne. Det var tungt å se på.\n\n"
        "– Skal dere bygge opp igjen?\n\n"
        "– Det vet jeg ikke ennå. Først må vi få ryddet tomta.\n\n"
        "– Uforsvarlig\n\n"
        "– Kommunen burde ha sikret elvebredden for mange år siden, sier nabo Kjell Rustad.\n"
    )
    assert _by_text(quotes, "mistet alt vi hadde")["speaker"] == "Berit Haugen"
    assert _by_text(quotes, "ryddet tomta")["speaker"] == "Berit Haugen"
    assert _by_text(quotes, "bygge opp igjen")["speaker"] == "JOURNALIST"
    headline = quotes[quotes["zone"] == "headline"]
    assert _by_text(headline, "Vi mistet alt")["speaker"] == "Berit Haugen"  # not "Hytte"
    assert _by_text(headline, "Uforsvarlig")["speaker"] == "Kjell Rustad"


def test_receivers_passives_and_refusals_are_not_speakers():
    quotes = _quotes_of(
        "Brannen i Bodø\n2026-05-05\n\n"
        "Avisen har fått opplyst at brannen startet i et kjøleskap i første etasje.\n\n"
        "Det blir opplyst at ingen av beboerne ble alvorlig skadd i brannen.\n\n"
        "En kilde i brannvesenet opplyser til nyhetsbyrået Reuters at bygningen manglet sprinkleranlegg.\n\n"
        "Brannsjef Trine Lie vil ikke si noe om årsaken til brannen.\n\n"
        "Hun nekter for at brannvesenet kom for sent til stedet.\n"
    )
    assert not isinstance(_by_text(quotes, "kjøleskap")["speaker"], str)  # None (NaN in the frame)
    assert not isinstance(_by_text(quotes, "beboerne")["speaker"], str)
    assert _by_text(quotes, "sprinkleranlegg")["speaker"] == "En kilde i brannvesenet"
    assert not quotes["text"].str.contains("årsaken").any()
    assert _by_text(quotes, "for sent")["speaker"] == "Trine Lie"


def test_continuations_cross_paragraph_quotes_and_relatives_with_one_surname():
    article = article_from_text(
        "Skolen stenger\n2026-08-19\n\n"
        "Far i familien, Jonas Lund (44), har kjempet for skolen i to år. – Det er trist, sier han.\n\n"
        "– Vi har gjort alt vi kunne, sier rektor Tone Berg ved Elvebakken skole. Vi ba kommunen om mer "
        "tid, men fikk nei.\n\n"
        "«Dette er en dårlig dag for bygda. Barna må nå ta buss i over en time hver vei.\n\n"
        "Det kan vi ikke godta. Politikerne må ta ansvar for dette vedtaket», sier Jonas Lund.\n\n"
        "Kona, Mari Lund (41), forteller at barna gruer seg til den lange skoleveien.\n\n"
        "– De spør hver dag hvorfor skolen må stenge, sier hun.\n"
    )
    quotes = analyse_article(article).quotes_frame()
    assert _by_text(quotes, "Det er trist")["kind"] == "direct"
    assert _by_text(quotes, "ba kommunen om mer tid")["speaker"] == "Tone Berg"
    assert len(quotes[quotes["text"].str.contains("ta ansvar")]) == 1  # no second, indirect copy
    assert _by_text(quotes, "gruer seg")["speaker"] == "Mari Lund"
    assert _by_text(quotes, "spør hver dag")["speaker"] == "Mari Lund"


def test_titles_of_works_are_not_quotes_and_hyphenated_titles_are_dropped_from_names():
    quotes = _quotes_of(
        "Ny plate og nye planer\n2026-09-09\n\n"
        "Bandet slipper albumet «Alt vi aldri fikk sagt til hverandre» i mars.\n\n"
        "– Vi har aldri jobbet så hardt med noe, sier Nordlys-vokalist Silje Aas til NTB.\n\n"
        "Overgangsregjeringen i Tsjad hevder at valget vil bli holdt som planlagt i høst.\n"
    )
    assert not quotes["text"].str.contains("hverandre").any()
    assert _by_text(quotes, "jobbet så hardt")["speaker"] == "Silje Aas"
    assert _by_text(quotes, "valget vil")["speaker"] == "Overgangsregjeringen i Tsjad"


def test_companies_take_no_pronouns_and_a_place_after_the_title_is_no_part_of_the_name():
    article = article_from_text(
        "Fergene står\n2026-10-10\n\n"
        "Ordfører i Molde Ingrid Vestre (Sp) er kritisk til stansen.\n\n"
        "– Folk kommer seg ikke på jobb, sier Vestre.\n\n"
        "Fjordlink opplyser at fergen har fått motorstans og blir liggende ved kai i to døgn.\n\n"
        "Hun mener at selskapet burde ha hatt en reserveferje klar.\n\n"
        "– Dette er ordførerens ansvar også, sier en pendler til avisen.\n"
    )
    quotes = analyse_article(article).quotes_frame()
    assert _by_text(quotes, "kommer seg ikke")["speaker"] == "Ingrid Vestre"
    assert tuple(_by_text(quotes, "motorstans")[["speaker", "speaker_kind"]]) == ("Fjordlink", "organisation")
    assert _by_text(quotes, "reserveferje")["speaker"] == "Ingrid Vestre"
    table = analyse_article(article).voices_json()["speakers"]
    vestre = next(s for s in table if s["name"] == "Ingrid Vestre")
    assert (vestre["role"], vestre["affiliation"]) == ("ordfører", "Molde")


def test_genitive_owner_of_information_is_the_ifolge_source():
    quotes = _quotes_of(
        "Båt kantret\n2026-07-07\n\n"
        "Ifølge Fædrelandsvennens opplysninger var fire personer om bord i båten da den kantret.\n"
    )
    row = _by_text(quotes, "fire personer")
    assert (row["text"].split()[0], row["speaker"]) == ("var", "Fædrelandsvennen")


def test_relative_clauses_definite_anaphors_nested_verbs_and_offices_at_a_place():
    quotes = _quotes_of(
        "Mangel på vikarer\n2026-11-02\n\n"
        "Rektor Hege Lunde sier skolen mangler vikarer nesten hver dag.\n\n"
        "En lærer, som ikke vil stå fram med navn, sier at elevene sendes hjem tidlig.\n\n"
        "– Vi rekker ikke å gi dem den hjelpen de trenger, sier læreren.\n\n"
        "Tillitsvalgt Geir Holt sier at han har advart om dette i flere år.\n\n"
        "Statsforvalteren i Agder opplyser at de vil be om en redegjørelse.\n"
    )
    assert _by_text(quotes, "mangler vikarer")["speaker"] == "Hege Lunde"  # "sier" without "at"
    assert _by_text(quotes, "sendes hjem")["speaker"] == "En lærer"
    assert _by_text(quotes, "rekker ikke")["speaker"] == "En lærer"
    assert not quotes["text"].str.startswith("dette i flere år").any()
    assert _by_text(quotes, "redegjørelse")["speaker"] == "Statsforvalteren i Agder"


def test_agency_descriptions_abbreviations_and_sentence_initial_common_nouns():
    quotes = _quotes_of(
        "Flom i Italia\n2026-10-21\n\n"
        "Minst fire personer er savnet etter flommen i Emilia-Romagna, melder nyhetsbyrået ANSA.\n\n"
        "Det har regnet over 300 millimeter på to døgn, ifølge Europas værsenter (ECMWF).\n\n"
        "Kilder i brannvesenet sier til avisen Corriere della Sera at flere bruer er skadet.\n\n"
        "Avisen La Stampa skriver at regionen ber om hjelp fra staten.\n"
    )
    assert _by_text(quotes, "hjelp fra staten")["speaker"] == "La Stampa"
    assert _by_text(quotes, "fire personer")["speaker"] == "ANSA"
    assert _by_text(quotes, "300 millimeter")["speaker"] == "Europas værsenter"
    assert _by_text(quotes, "bruer er skadet")["speaker"] == "Kilder i brannvesenet"


def test_the_sender_of_a_press_release_is_the_ifolge_source():
    quotes = _quotes_of(
        "Løpet avlyst\n2026-06-16\n\n"
        "Ifølge en pressemelding fra arrangøren får alle deltakerne startkontingenten tilbake.\n\n"
        "Ifølge en uttalelse fra Norges Skiforbund vil løpet bli arrangert på nytt i høst.\n"
    )
    first = _by_text(quotes, "startkontingenten")
    assert (first["text"].split()[0], first["speaker"]) == ("får", "arrangøren")
    assert _by_text(quotes, "arrangert på nytt")["speaker"] == "Norges Skiforbund"


def test_be_om_at_is_speech_but_be_om_a_noun_is_not_and_groups_by_place_speak():
    quotes = _quotes_of(
        "Fortau nå\n2026-09-01\n\n"
        "Beboerne på Nordbyen ber om at kommunen senker fartsgrensen i boligfeltet.\n\n"
        "Velleder Kari Moe ba i fjor om at saken ble prioritert.\n\n"
        "Hun ber om forståelse fra naboene, som har ventet lenge.\n"
    )
    assert _by_text(quotes, "fartsgrensen")["speaker"] == "Beboerne på Nordbyen"
    assert _by_text(quotes, "prioritert")["speaker"] == "Kari Moe"
    assert not quotes["text"].str.contains("forståelse").any()


def test_coordinated_mener_and_vise_til_at():
    quotes = _quotes_of(
        "Strid om bussruter\n2026-03-12\n\n"
        "Rådmann Ove Lid kaller forslaget «et nødvendig grep» og mener bussene må gå oftere i rushtiden.\n\n"
        "Hun viser til at passasjertallet har økt med ti prosent.\n"
    )
    assert _by_text(quotes, "gå oftere")["speaker"] == "Ove Lid"
    assert _by_text(quotes, "passasjertallet")["cue"] == "viser til"


def test_more_reporting_verbs():
    quotes = _quotes_of(
        "Svikt i tilsynet\n2026-01-30\n\n"
        "Direktør Eva Sæther erkjenner at tilsynet burde ha grepet inn tidligere.\n\n"
        "Politiet oppgir at føreren var påvirket av alkohol da ulykken skjedde.\n\n"
        "Hun fremhever at de ansatte har gjort en god jobb under vanskelige forhold.\n"
    )
    for fragment, cue in (("grepet inn", "erkjenner"), ("påvirket", "oppgir"), ("god jobb", "fremhever")):
        assert _by_text(quotes, fragment)["cue"] == cue


def test_unattributed_dash_paragraph_after_narration_that_introduces_a_person():
    quotes = _quotes_of(
        "Fullt på legevakta\n2026-12-27\n\n"
        "– Vi har hatt dobbelt så mange pasienter som vanlig, sier overlege Lars Hove.\n\n"
        "På venterommet satt student Marte Fossum (21) med en brukket ankel.\n\n"
        "– Jeg har ventet i seks timer. Ingen har sagt noe om hvor lenge det tar.\n\n"
        "Hun fikk til slutt time klokken to om natten.\n\n"
        "– Det var verdt ventetiden, men det burde ikke vært slik.\n"
    )
    assert _by_text(quotes, "seks timer")["speaker"] == "Marte Fossum"
    assert _by_text(quotes, "verdt ventetiden")["speaker"] == "Marte Fossum"


def test_where_something_was_said_is_no_part_of_the_speaker():
    quotes = _quotes_of(
        "Dom i Bergen\n2026-02-20\n\n"
        "– Tiltalte har vist liten forståelse for alvoret i handlingene, skriver retten i dommen.\n\n"
        "– Vi tar situasjonen på største alvor, skriver konsernet i en pressemelding.\n"
    )
    assert _by_text(quotes, "liten forståelse")["speaker"] == "retten"
    assert _by_text(quotes, "største alvor")["speaker"] == "konsernet"


def test_hyphenated_titles_names_ending_in_s_and_om_inside_an_at_less_clause():
    quotes = _quotes_of(
        "Seier i derbyet\n2026-04-14\n\n"
        "Vålerenga-kaptein Jonas Ødegaards var strålende fornøyd etter kampen.\n\n"
        "– Dette var en kamp for supporterne, sa Ødegaards.\n\n"
        "Klubbdirektør Lise Holm sier klubben ikke har planer om å selge spillere i sommer.\n"
    )
    assert _by_text(quotes, "for supporterne")["speaker"] == "Jonas Ødegaards"
    plans = _by_text(quotes, "planer om")
    assert (plans["text"].split()[0], plans["speaker"]) == ("klubben", "Lise Holm")


def test_headline_by_a_description_goes_to_the_body_voice_it_repeats():
    quotes = _quotes_of(
        "Vitne: – Bilen kjørte rett inn i butikken\n2026-01-05\n\n"
        "En bil kjørte inn i en matbutikk på Lillestrøm lørdag ettermiddag.\n\n"
        "– Bilen kjørte rett inn i butikken. Folk løp til alle kanter, sier Hanne Kvist, som sto i kassa.\n"
    )
    headline = quotes[quotes["zone"] == "headline"].iloc[0]
    assert headline["speaker"] == "Hanne Kvist"


def test_ifolge_inside_a_reported_clause_names_its_source_once():
    quotes = _quotes_of(
        "Innbrudd\n2026-11-11\n\n"
        "Mannen har ifølge forsvareren hans, advokat Tor Ness, forklart at han aldri var i leiligheten.\n"
    )
    assert len(quotes) == 1
    assert tuple(quotes.iloc[0][["text", "speaker"]]) == ("han aldri var i leiligheten", "Tor Ness")


def test_x_for_y_institutions_and_titles_for_an_organisation_before_a_name():
    quotes = _quotes_of(
        "Rapport om klima\n2026-01-01\n\n"
        "I en rapport fra Senter for Klimaforskning går det fram at isen smelter raskere enn ventet.\n\n"
        "Leder for Miljøpartiet Anne Bergvik sier at partiet vil kreve strengere tiltak.\n\n"
        "– Vi kan ikke vente lenger, sier Bergvik.\n"
    )
    assert _by_text(quotes, "isen smelter")["speaker"] == "Senter for Klimaforskning"
    assert _by_text(quotes, "strengere tiltak")["speaker"] == "Anne Bergvik"
    assert _by_text(quotes, "vente lenger")["speaker"] == "Anne Bergvik"


@pytest.mark.parametrize(("opening", "closing"), [("«", "»"), ("”", "”")])
def test_continued_quote_reopens_each_paragraph_and_closes_once(opening, closing):
    quotes = _quotes_of(
        "Sauebonde fortviler\n2026-03-01\n\n"
        "Sauebonde Kari Lien i Valdres har ventet i månedsvis på svar. På Facebook skriver hun:\n\n"
        f"{opening}Jeg har bodd her lenge. Vi har fått dyrene i hus.\n\n"
        f"{opening}Det verste er usikkerheten. Vi trenger svar.{closing}\n\n"
        "Mattilsynet har ikke svart på henvendelsen.\n"
    )
    assert len(quotes) == 1
    quote = quotes.iloc[0]
    assert quote["text"].startswith("Jeg har bodd") and quote["text"].endswith("Vi trenger svar")
    assert f"\n\n{opening}Det verste" in quote["text"]
    assert quote["speaker"] == "Kari Lien"


def test_titles_of_works_after_a_genre_noun_or_before_a_publication_verb_are_not_quotes():
    quotes = _quotes_of(
        "Ny musikk\n2026-03-01\n\n"
        "Artisten Marte Dahl er aktuell med singelen «Alt vi ikke sa til hverandre», og gjennombruddshiten "
        "«Sommer i byen min igjen» spilles fortsatt. Debutromanen «Når natten faller over byen» kom i fjor.\n\n"
        "«Alle de fine dagene våre» slippes fredag. «Et liv i lyset av månen» kommer ut i mai, og "
        "«Mannen som ville mer enn alt» har premiere til høsten, og «Huset ved havet i nord», som slippes "
        "fredag, er den siste.\n\n"
        "«Det blir et travelt år for oss alle», sier Dahl.\n"
    )
    assert list(quotes["text"]) == ["Det blir et travelt år for oss alle"]


def test_role_noun_after_the_verb_is_the_latest_holder_of_that_role_not_the_previous_speaker():
    quotes = _quotes_of(
        "Renten\n2026-03-01\n\n"
        "Sjeføkonom i Nordbanken, Kari Nordmann, venter at renten holdes uendret. Også sjeføkonom Per Olsen "
        "i Sørbanken tror på uendret rente.\n\n"
        "Forsker Lise Holm ved Universitetet i Oslo er uenig.\n\n"
        "– Det er for tidlig å si, sier Holm.\n\n"
        "– Inflasjonen er fortsatt for høy, sier sjeføkonomen.\n\n"
        "Nordmann peker også på lønnsveksten i år.\n\n"
        "– Lønnene øker for raskt, mener sjeføkonomen.\n\n"
        "– Det er ikke sikkert, mener forskeren.\n"
    )
    assert _by_text(quotes, "fortsatt for høy")["speaker"] == "Per Olsen"
    assert _by_text(quotes, "øker for raskt")["speaker"] == "Kari Nordmann"
    assert _by_text(quotes, "ikke sikkert")["speaker"] == "Lise Holm"


def test_role_in_apposition_with_its_employer_before_the_name():
    quotes = _quotes_of(
        "Renten\n2026-03-01\n\n"
        "Sjeføkonom i Nordbanken, Kari Nordmann, venter at renten holdes uendret.\n\n"
        "Forsker Lise Holm ved Universitetet i Oslo er uenig.\n\n"
        "– Det er for tidlig å si, sier Holm.\n\n"
        "– Vi tror renten blir stående lenge, sier sjeføkonomen.\n"
    )
    assert _by_text(quotes, "stående lenge")["speaker"] == "Kari Nordmann"


@pytest.mark.parametrize(
    ("setup", "interviewee"),
    [
        (
            "Jonas Berg spilte på Rockefeller lørdag. Artisten Marte Dahl (29) var også der. "
            "Vi møtte artisten bak scenen etter konserten.",
            "Marte Dahl",
        ),
        (
            "Jonas Berg spilte lørdag, og Marte Dahl kom på scenen. Dahl tar imot oss i garderoben.",
            "Marte Dahl",
        ),
        (
            "Statsminister Jonas Gahr Støre og helseminister Ingrid Berg besøkte sykehuset. "
            "I et intervju med Berg etterpå spør vi om køene.",
            "Ingrid Berg",
        ),
        (
            "Forlagssjef Tor Ness var fornøyd. Forfatteren Nina Ask har skrevet en ny roman. "
            "Ness forteller til VG om boken. Vi møtte forfatteren i Oslo.",
            "Nina Ask",
        ),
        (
            "Keeper Ola Lie reddet straffen. Treneren Per Moe var fornøyd. Vi møtte treneren etter kampen.",
            "Per Moe",
        ),
        ("Jonas Berg var på plass. Nina Ask forteller til Dagbladet om den nye boken.", "Nina Ask"),
    ],
)
def test_interview_answers_go_to_the_person_the_set_up_introduces(setup, interviewee):
    quotes = _quotes_of(
        "Intervju\n2026-03-01\n\n"
        f"{setup}\n\n"
        "– Hvordan har det vært?\n\n"
        "– Det har vært helt vilt, og Berg og Lie har hjulpet meg.\n\n"
        "– Hva nå?\n\n"
        "– Nå skal jeg hvile.\n"
    )
    direct = quotes[quotes["kind"] == "direct"]
    assert list(direct["speaker"]) == ["JOURNALIST", interviewee, "JOURNALIST", interviewee]


def test_statsraden_after_the_verb_is_the_minister_of_the_article():
    quotes = _quotes_of(
        "Sykehus\n2026-03-01\n\n"
        "Helseminister Ingrid Berg (Ap) besøkte sykehuset mandag. Overlege Per Moe viste henne rundt.\n\n"
        "– Vi har for få senger, sier Moe.\n\n"
        "– Vi skal se på saken, sier statsråden.\n"
    )
    assert _by_text(quotes, "se på saken")["speaker"] == "Ingrid Berg"


# the article's word map and the paragraph cue words read from it equal their regex definitions, also
# where lower() changes a length, a capital sigma lowers by context, or letters lie beyond latin-1
_WORD_MAP_TEXTS = [
    "– Vi sier nei, sa Kari.\n\n«Han mener» – sier-sa sa_ ſier svarer.",
    "İstanbul sier at Łukasz mente «det» … –sa, fortalte Σofia ſa.",
    "Ordføreren\u00a0sier: – Nei.\nLøkke sa\tdet, og Ørjan forteller.",
    "ÅSE SA at hun sier ﬁne ting; ſier og legger til at X.",
]


@pytest.mark.parametrize("text", _WORD_MAP_TEXTS)
def test_paragraph_cue_words_from_the_word_map_equal_the_regex_definition(text):
    import re

    from analysis.discourse import word_map
    from analysis.quotes.cues import ALL_WORDS, ArticleWords, cue_first_words, possible_cue_words, word_starts

    words = ArticleWords(text, word_map(text))
    for start in range(0, len(text), 3):
        for end in range(start, len(text) + 1, 5):
            paragraph = text[start:end]
            lowered = paragraph.lower()
            expected = cue_first_words().intersection(ALL_WORDS.findall(lowered))
            mapped = words.cue_starts(start, end, paragraph)
            if mapped is not None:  # (None: the caller reads the lower-cased paragraph itself)
                assert mapped == (bool(expected), word_starts(lowered, possible_cue_words(expected, lowered)))
    mapped = word_map(text)
    if mapped is not None:  # its words are the lower-cased text's \w+ runs, letters beyond latin-1 kept
        runs = [m.span() for m in re.finditer(r"\w+", text.lower())]
        assert [m.span() for m in re.finditer(rb"[^ ]+", mapped)] == runs


def test_speaking_names_are_those_the_pattern_finds():
    from analysis.article import article_from_text
    from analysis.discourse import DiscourseModel

    text = (
        "Lang tekst\n2024-01-01\n\n– Ja, sier Kari. – Nei, sa Per-Ola, og svarte Åse.\n\n"
        "– Kanskje, forteller Siri og legger til Anne. Han mener-sa Bjørn, ſier Ola, mente\nIda."
    )
    model = DiscourseModel(article_from_text(text, path="t.txt"))
    assert model.speaking_names == {"Kari", "Per-Ola", "Åse", "Siri", "Anne", "Ida"}
