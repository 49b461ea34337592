"""The article model: zones on the seed, layouts, encodings and bad input."""

from __future__ import annotations

import codecs
import os

import pytest

from analysis.article import ArticleError, article_from_text, load_article, parse_date


def zone_texts(article, kind):
    return [z.text for z in article.zones if z.kind == kind]


def test_offsets_point_into_the_text(seed):
    for zone in seed.zones:
        assert seed.text[zone.start : zone.end] == zone.text


def test_seed_date_marker_is_metadata_not_text(seed):
    assert seed.date == "2022-01"
    assert "date 2022-01" in zone_texts(seed, "boilerplate")
    assert all("date 2022" not in z.text for z in seed.analysed_zones)


def test_seed_headline_lead_and_title(seed):
    assert zone_texts(seed, "headline") == ["Russlands utenriksminister: − Ikke redd for noen"]
    assert seed.title == "Russlands utenriksminister: − Ikke redd for noen"
    (lead,) = zone_texts(seed, "lead")
    assert lead.startswith("Utenriksministrene Antony Blinken og Sergej Lavrov")


def test_seed_captions(seed):
    captions = zone_texts(seed, "caption")
    assert any(c.startswith("VÆR HILSET: Anotny Blinken og") for c in captions)
    assert any(c.startswith("USAs utenriksminister Antony Blinken under en tale") for c in captions)
    assert len(captions) == 2


def test_seed_boilerplate_kept_out_of_analysis(seed):
    debris = " | ".join(zone_texts(seed, "boilerplate"))
    for piece in (
        "Publisert: Nå nettopp",
        "forrige",
        "fullskjerm neste",
        "1 av 2",
        "Foto: Alex Brandon / Pool / AP / NTB",
    ):
        assert piece in debris
        assert all(piece not in z.text for z in seed.analysed_zones)


def test_seed_crosshead(seed):
    assert zone_texts(seed, "crosshead") == ["– Ikke redd for noen"]
    assert seed.language == "nb"


def test_plain_layout():
    text = "Ny vei åpnet\n2023-05-17\n\nKort mellomtittel\n\nVeien ble åpnet i dag, sier ordføreren.\n\nDet kostet 2,5 milliarder.\n"
    article = article_from_text(text)
    assert article.title == "Ny vei åpnet"
    assert article.date == "2023-05-17"
    assert zone_texts(article, "crosshead") == ["Kort mellomtittel"]
    assert zone_texts(article, "lead") == ["Veien ble åpnet i dag, sier ordføreren."]
    assert zone_texts(article, "body") == ["Det kostet 2,5 milliarder."]


def test_a_short_quote_in_guillemets_standing_alone_is_a_subheading():
    text = (
        "Ny vei åpnet\n2023-05-17\n\n«Må tas veldig alvorlig»\n\nVeien ble åpnet i dag.\n\n"
        "«Dette er en god dag for byen.»\n\n«Vi åpner» og «vi feirer», sa hun.\n"
    )
    article = article_from_text(text)
    assert zone_texts(article, "crosshead") == ["«Må tas veldig alvorlig»"]
    # a quoted sentence, or a paragraph with more than one quote, stays a paragraph of the text
    assert "«Dette er en god dag for byen.»" in zone_texts(article, "body")
    assert "«Vi åpner» og «vi feirer», sa hun." in zone_texts(article, "body")


def test_dev_set_loads_in_plain_layout(dev_set):
    for item in dev_set:
        article = load_article(item.text_path)
        assert article.title == item.title
        assert article.date == item.date
        assert article.words > 100


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""), ("cp1252", b""), ("latin-1", b"")],
)
def test_encodings_decode_to_the_same_text(tmp_path, seed_path, seed, encoding, prefix):
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(
        prefix + seed_path.read_text(encoding="utf-8").replace("−", "-").encode(encoding, "replace")
    )
    article = load_article(path)
    assert "Møtet er ventet å vare i om lag to timer." in article.text
    assert article.title.startswith("Russlands utenriksminister")
    assert len(article.zones) == len(seed.zones)


def test_utf16_bom_and_crlf(tmp_path, seed_path, seed):
    text = seed_path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    article = load_article(path)
    assert "\r" not in article.text
    assert [(z.kind, z.start, z.end) for z in article.zones] == [(z.kind, z.start, z.end) for z in seed.zones]


def test_html_page_through_trafilatura(tmp_path):
    paragraphs = "".join(
        f"<p>Avsnitt {i}: Regjeringen la fram budsjettet i dag, og opposisjonen kritiserte det kraftig.</p>"
        for i in range(6)
    )
    page = (
        "<!DOCTYPE html><html lang='nb'><head><title>Budsjettet er lagt fram</title>"
        "<meta property='article:published_time' content='2024-10-07T10:00:00+02:00'></head>"
        "<body><nav>Meny Forside Sport</nav><article><h1>Budsjettet er lagt fram</h1>"
        f"{paragraphs}</article><footer>Kontakt oss</footer></body></html>"
    )
    path = tmp_path / "side.html"
    path.write_text(page, encoding="utf-8")
    article = load_article(path)
    assert article.title == "Budsjettet er lagt fram"
    assert article.date == "2024-10-07"
    assert article.source_format == "html"
    assert any("opposisjonen kritiserte" in z.text for z in article.analysed_zones)
    for zone in article.zones:
        assert article.text[zone.start : zone.end] == zone.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01", "2022-01"),
        ("2022-01-21", "2022-01-21"),
        ("21.01.2022", "2022-01-21"),
        ("fredag 21. januar 2022", "2022-01-21"),
        ("Ikke en dato", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


# ---------------------------------------------------------------- bad input: one clear line, never a traceback


def assert_one_line_error(path, fragment):
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    assert fragment in message


def test_missing_path(tmp_path):
    assert_one_line_error(tmp_path / "finnes-ikke.txt", "not found")


def test_directory(tmp_path):
    assert_one_line_error(tmp_path, "directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "hemmelig.txt"
    path.write_text("Tekst.", encoding="utf-8")
    path.chmod(0)
    assert_one_line_error(path, "permission denied")


def test_unreadable_file_even_as_root(tmp_path, monkeypatch):
    # CI runs as root, who can read a chmod 000 file: make the open itself fail the way it would for a user
    path = tmp_path / "hemmelig.txt"
    path.write_text("Tekst.", encoding="utf-8")

    real_open = os.open

    def refuse(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert_one_line_error(path, "permission denied")


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_or_whitespace(tmp_path, content):
    path = tmp_path / "tom.txt"
    path.write_bytes(content)
    assert_one_line_error(path, "empty")


def test_binary_file(tmp_path):
    path = tmp_path / "bilde.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    assert_one_line_error(path, "binary")


def test_only_debris(tmp_path):
    path = tmp_path / "stoy.txt"
    path.write_text("Publisert: Nå nettopp\n\nforrige\n\nneste\n", encoding="utf-8")
    assert_one_line_error(path, "no article text")


def test_ten_megabyte_article_loads(tmp_path, seed_path):
    body = seed_path.read_text(encoding="utf-8")
    path = tmp_path / "stor.txt"
    path.write_text(body * (10_000_000 // len(body.encode("utf-8")) + 1), encoding="utf-8")
    assert path.stat().st_size >= 10_000_000
    article = load_article(path)
    assert article.words > 1_000_000


def test_too_large_is_refused(tmp_path):
    path = tmp_path / "for-stor.txt"
    path.write_text("Ord. " * 1000, encoding="utf-8")
    with pytest.raises(ArticleError, match="too large"):
        load_article(path, max_bytes=1000)
