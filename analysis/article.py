"""Load a news article from a file into an `Article`: decoded text, metadata and zones with offsets.

Three layouts are understood:
- plain: "title line, date line, blank line, paragraphs" (the layout the dev set rebuilds to);
- scraped: paragraphs copied from a web page, with debris such as "Publisert: Nå nettopp", gallery
  controls and photo credits, and an optional leading "date YYYY-MM" marker (the seed's layout);
- HTML: a saved web page, reduced to title, date and paragraphs by trafilatura.

Every zone carries character offsets into `Article.text`, the decoded source with newlines normalised
to "\\n" (for HTML pages: the text trafilatura extracted), so every later figure can point at its words.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property
from operator import attrgetter
from pathlib import Path

from . import data

ANALYSED_KINDS = ("headline", "lead", "body", "crosshead")
ZONE_KINDS = ("headline", "lead", "body", "crosshead", "caption", "boilerplate")
MAX_BYTES = 16 * 1024 * 1024

_HEADLINE_MAX_WORDS = 25
_CROSSHEAD_MAX_WORDS = 10
_SENTENCE_MARKS = tuple('.!?…»”"')  # a paragraph ending in one of them (before white space) is terminated
_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*")
_DATE_MARKER = re.compile(r"^[ \t]*date[ \t]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*", re.IGNORECASE)
_WORD_RUN = re.compile(r"\w+")
_CAPTION_KICKER = re.compile(r"^[A-ZÆØÅ][A-ZÆØÅ0-9-]+(?: [A-ZÆØÅ0-9-]+)*:\s")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "januar februar mars april mai juni juli august september oktober november desember".split()
    )
}


class ArticleError(Exception):
    """An article file that cannot be analysed; the message is one line naming the file and the problem."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class Zone:
    """A stretch of the article text with a role: headline, lead, body, crosshead, caption or boilerplate."""

    kind: str
    start: int
    end: int
    text: str


@dataclass
class Article:
    path: Path
    text: str
    title: str
    date: str | None
    language: str
    zones: list[Zone] = field(default_factory=list)
    encoding: str = "utf-8"
    source_format: str = "text"

    @property
    def name(self) -> str:
        return self.path.name

    def zones_of(self, *kinds: str) -> list[Zone]:
        return [z for z in self.zones if z.kind in kinds]

    @property
    def analysed_zones(self) -> list[Zone]:
        """Headline, lead, body and crossheads: the article's own words, without captions or debris."""
        return self.zones_of(*ANALYSED_KINDS)

    def zone_at(self, offset: int) -> Zone | None:
        for zone in self.zones:
            if zone.start <= offset < zone.end:
                return zone
        return None

    @cached_property
    def words(self) -> int:
        """Words in the analysed zones (headline, lead, body, crossheads)."""
        return sum(count_words(z.text) for z in self.analysed_zones)


def _as_path(path: str | Path) -> Path:
    return path if isinstance(path, Path) else Path(path)  # a Path is not parsed again


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


# ---------------------------------------------------------------- reading and decoding


def load_article(path: str | Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read, decode and segment an article file; raise `ArticleError` with a one-line reason if it can't."""
    path = _as_path(path)
    raw = read_article_bytes(path, max_bytes)
    if _looks_like_html(raw, path):
        return _article_from_html(path, raw)
    text, encoding = decode_bytes(path, raw)
    return article_from_text(text, path=path, encoding=encoding)


# What a path can be besides a regular file; reading a FIFO, a terminal or a socket waits for a writer.
_NOT_REGULAR = (
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
)


def read_article_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of an article file, refusing at once what could never be one: a missing path, a symbolic
    link loop, a folder, a FIFO or device (whose reading would wait for ever), a file over `max_bytes`,
    an unreadable or empty file. Raises `ArticleError`; never blocks on anything but a regular file.
    """
    path = _as_path(path)
    try:
        _refuse_non_regular(path, os.stat(path).st_mode)  # before opening: opening a device can act on it
        # O_NONBLOCK: should the path turn into a FIFO meanwhile, opening it must not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise ArticleError(path, _open_problem(path, error)) from None
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        _refuse_non_regular(path, status.st_mode)
        if status.st_size > max_bytes:
            raise ArticleError(path, _too_large(status.st_size, max_bytes))
        try:
            raw = handle.read(max_bytes + 1)  # bounded even if the file grows while it is read
        except OSError as error:
            raise ArticleError(path, f"cannot be read ({error.strerror or error})") from None
    if len(raw) > max_bytes:
        raise ArticleError(path, _too_large(len(raw), max_bytes))
    if not raw.strip():
        raise ArticleError(path, "is empty")
    return raw


def _refuse_non_regular(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ArticleError(path, "is a directory, not an article file")
    for test, problem in _NOT_REGULAR:
        if test(mode):
            raise ArticleError(path, problem)
    if not stat.S_ISREG(mode):
        raise ArticleError(path, "is not a regular file")


def _open_problem(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "is a symbolic link loop (following its links never reaches a file)"
    if error.errno == errno.ENOENT:
        return "is a symbolic link to a missing file" if path.is_symlink() else "file not found"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied)"
    if error.errno == errno.ENXIO:  # a socket, or a device without its driver
        return "is not a regular file (a socket or device)"
    if error.errno == errno.ENOTDIR:
        return "file not found (a part of the path is not a folder)"
    if error.errno == errno.ENAMETOOLONG:
        return "file not found (the name is too long)"
    return f"cannot be read ({error.strerror or error})"


def _too_large(size: int, max_bytes: int) -> str:
    return f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)"


def decode_bytes(path: Path, raw: bytes) -> tuple[str, str]:
    """Decode with BOM first, then strict UTF-8, then a detected legacy encoding (cp1252/latin-1)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return _normalise_newlines(raw.decode(encoding)), encoding
            except UnicodeDecodeError:
                raise ArticleError(
                    path, f"starts with a {encoding} byte-order mark but does not decode"
                ) from None
    if b"\x00" in raw[:65536]:
        raise ArticleError(path, "looks like a binary file, not text")
    try:
        text, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        import charset_normalizer  # only legacy-encoded files need the detector

        best = charset_normalizer.from_bytes(raw[:262144]).best()
        if best is None:
            raise ArticleError(path, "looks like a binary file or an unknown encoding") from None
        encoding = (
            "cp1252" if best.encoding in ("cp1252", "latin_1", "iso8859_15", "cp1250") else best.encoding
        )
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            text, encoding = raw.decode("latin-1"), "latin-1"
    if _control_ratio(text) > 0.01:
        raise ArticleError(path, "looks like a binary file, not text")
    return _normalise_newlines(text), encoding


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters but tab, newlines, form feed


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


def _looks_like_html(raw: bytes, path: Path) -> bool:
    head = raw[:4096].lstrip().lower()
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    return head.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html")) or b"<body" in head


def _article_from_html(path: Path, raw: bytes) -> Article:
    text, encoding = decode_bytes(path, raw)
    document = _extract_html(path, text)
    if not document or not (document.get("text") or "").strip():
        raise ArticleError(path, "is an HTML page without article text")
    title = (document.get("title") or "").strip() or path.stem
    date = (document.get("date") or "").strip()
    paragraphs = [line.strip() for line in document["text"].splitlines() if line.strip()]
    plain = f"{title}\n{date or 'udatert'}\n\n" + "\n\n".join(paragraphs) + "\n"
    return article_from_text(plain, path=path, encoding=encoding, source_format="html")


# libxml2 stops reading a page nested deeper than 256 elements; its "huge" mode reads up to this depth
HTML_MAX_DEPTH = 2048


def _extract_html(path: Path, text: str) -> dict | None:
    """Title, date and text of a page by trafilatura; a page nested past libxml2's default depth limit
    (pages built of wrapper upon wrapper) is parsed again in libxml2's huge mode and handed over as a tree."""
    import trafilatura  # imported here: it is heavy and only HTML pages need it
    from lxml import etree, html

    def extract(page) -> dict | None:
        try:
            found = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
        except RecursionError:
            raise ArticleError(path, "is an HTML page nested too deeply to read") from None
        return found.as_dict() if found is not None else None

    document = extract(text)
    if document and (document.get("text") or "").strip():
        return document
    parser = html.HTMLParser(
        huge_tree=True, encoding="utf-8", collect_ids=False, remove_comments=True, remove_pis=True
    )
    try:
        tree = html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (ValueError, etree.ParserError):
        return document
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        raise ArticleError(
            path,
            f"is an HTML page nested deeper than {HTML_MAX_DEPTH} levels, the most the HTML parser reads",
        )
    return extract(tree)


# ---------------------------------------------------------------- segmentation into zones


_DEBRIS_WINDOW = 200  # debris at a paragraph's end is short: only its tail is searched


@dataclass(frozen=True)
class _DebrisPatterns:
    """The boilerplate rules compiled into three alternations (whole, at the start, at the end)."""

    whole: re.Pattern[str]
    lead: re.Pattern[str]
    trail: re.Pattern[str]  # debris that is the whole line (matched at its start)
    # debris after a white-space character, that character included: a pattern led by one class lets the
    # regex engine skip in C to where a match can start (a lookbehind would make it try every offset)
    trail_after_space: re.Pattern[str]
    gallery_groups: frozenset[str]

    def trail_start(self, line: str) -> tuple[re.Match[str], int] | None:
        """Where trailing debris starts in the line's last _DEBRIS_WINDOW characters, at the line's start or
        after white space: the match (its `lastgroup` the rule's) and its start, or None."""
        window = max(0, len(line) - _DEBRIS_WINDOW)
        if window == 0:
            match = self.trail.match(line)
            if match:
                return match, 0
        match = self.trail_after_space.search(line, max(0, window - 1))
        return (match, match.start() + 1) if match else None


@cache
def _debris_patterns() -> _DebrisPatterns:
    whole, lead, trail, gallery = [], [], [], set()
    for index, line in enumerate(data.lines("boilerplate_nb.txt")):
        where, regex = line.split("\t", 1)
        tags = set(where.split(","))
        group = f"r{index}"
        whole.append(f"(?:{regex})")
        if tags & {"lead", "edge"}:
            lead.append(f"(?P<{group}>{regex})")
        if tags & {"trail", "edge"}:
            trail.append(f"(?P<{group}>{regex})")
        if "gallery" in tags:
            gallery.add(group)
    return _DebrisPatterns(
        whole=re.compile("|".join(whole), re.IGNORECASE),
        lead=re.compile(rf"(?:{'|'.join(lead)})(?=\s|$)", re.IGNORECASE),
        trail=re.compile(rf"(?:{'|'.join(trail)})\s*$", re.IGNORECASE),
        trail_after_space=re.compile(rf"\s(?:{'|'.join(trail)})\s*$", re.IGNORECASE),
        gallery_groups=frozenset(gallery),
    )


def article_from_text(
    text: str, path: str | Path = "<text>", encoding: str = "utf-8", source_format: str = "text"
) -> Article:
    """Segment decoded text into zones. Exposed for tests and for text that does not come from a file."""
    path = _as_path(path)
    text = _normalise_newlines(text)
    zones: list[Zone] = []
    date: str | None = None
    lines = _lines_with_offsets(text)
    if not lines:
        raise ArticleError(path, "is empty")

    plain_layout = len(lines) >= 2 and lines[1][0] == lines[0][1] + 1 and parse_date(lines[1][2]) is not None
    headline_found = False
    if plain_layout:
        (h_start, h_end, h_text), (d_start, d_end, d_text) = lines[0], lines[1]
        zones.append(Zone("headline", h_start, h_end, h_text))
        zones.append(Zone("boilerplate", d_start, d_end, d_text))
        date = parse_date(d_text) or None
        headline_found = True
        lines = lines[2:]

    for start, _end, line in lines:
        marker = _DATE_MARKER.match(line) if date is None else None  # only the first date counts
        if marker:
            date = marker.group(1)
            cut = marker.end()
            zones.append(
                Zone("boilerplate", start, start + len(marker.group(0).rstrip()), line[:cut].strip())
            )
            start, line = start + cut, line[cut:]
        for zone in _classify_line(start, line):
            zones.append(zone)

    zones = _assign_headline_lead_crossheads(zones, headline_found)
    zones.sort(key=attrgetter("start"))
    if not any(z.kind in ANALYSED_KINDS for z in zones):
        raise ArticleError(path, "has no article text (only page debris or captions)")
    headline = next((z.text for z in zones if z.kind == "headline"), "")
    title = headline or path.stem
    analysed_text = " ".join(z.text for z in zones if z.kind in ANALYSED_KINDS)
    return Article(
        path=path,
        text=text,
        title=title,
        date=date,
        language=detect_language(analysed_text),
        zones=zones,
        encoding=encoding,
        source_format=source_format,
    )


def _lines_with_offsets(text: str) -> list[tuple[int, int, str]]:
    """Non-blank lines as (start, end, text) with surrounding whitespace trimmed off the offsets."""
    out = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0)
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        out.append((start, start + len(stripped), stripped))
    return out


def _classify_line(start: int, line: str) -> list[Zone]:
    """Split one line into debris at its edges and a middle that is caption or body (for now)."""
    patterns = _debris_patterns()
    if len(line) <= _DEBRIS_WINDOW and patterns.whole.fullmatch(line):
        return [Zone("boilerplate", start, start + len(line), line)]
    debris: list[Zone] = []
    gallery = False
    while line:
        match = patterns.lead.match(line)
        if match and match.end() > 0:
            debris.append(Zone("boilerplate", start, start + match.end(), line[: match.end()]))
            gallery |= match.lastgroup in patterns.gallery_groups
            rest = line[match.end() :]
            start += match.end() + (len(rest) - len(rest.lstrip()))
            line = rest.strip()
            continue
        trailing = patterns.trail_start(line)
        if trailing:
            match, cut = trailing
            debris.append(Zone("boilerplate", start + cut, start + len(line), line[cut:]))
            gallery |= match.lastgroup in patterns.gallery_groups
            line = line[:cut].rstrip()
            continue
        break
    zones = debris
    if line:
        kind = "caption" if gallery or _CAPTION_KICKER.match(line) else "body"
        zones.append(Zone(kind, start, start + len(line), line))
    return zones


def _assign_headline_lead_crossheads(zones: list[Zone], headline_found: bool) -> list[Zone]:
    """Name the headline, the lead and the crossheads among the paragraphs classified as body."""
    zones = sorted(zones, key=attrgetter("start"))
    lead_found = False
    out = []
    for zone in zones:
        if zone.kind != "body":
            out.append(zone)
            continue
        unterminated = not zone.text.rstrip().endswith(_SENTENCE_MARKS) or _is_quoted_subheading(zone.text)
        if not headline_found:
            headline_found = True
            if (unterminated or zone.text.endswith(("?", "!"))) and count_words(
                zone.text
            ) <= _HEADLINE_MAX_WORDS:
                out.append(Zone("headline", zone.start, zone.end, zone.text))
                continue
        # words are counted only for the few paragraphs without a sentence end (most have one)
        if unterminated and count_words(zone.text) <= _CROSSHEAD_MAX_WORDS:
            out.append(Zone("crosshead", zone.start, zone.end, zone.text))
            continue
        if not lead_found:
            lead_found = True
            out.append(Zone("lead", zone.start, zone.end, zone.text))
            continue
        out.append(zone)
    return out


def _is_quoted_subheading(text: str) -> bool:
    """A paragraph that is one short quote in « » with no sentence end inside ("«Må tas veldig alvorlig»"):
    a subheading that repeats a source's words, as Norwegian news sites set them, not a sentence."""
    inner = text.strip()
    if not (inner.startswith("«") and inner.endswith("»")):
        return False
    inner = inner[1:-1].rstrip()
    return "«" not in inner and "»" not in inner and not inner.endswith(_SENTENCE_MARKS)


# ---------------------------------------------------------------- metadata


def parse_date(value: str) -> str | None:
    """An ISO date string of the precision given ("2022-01", "2022-01-21"), or None if it isn't a date."""
    value = value.strip().rstrip(".")
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.+Z-]*)?", value):
        return "-".join(g for g in m.groups() if g)
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value):
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    if m := re.fullmatch(r"(?:\w+ )?(\d{1,2})\.? (\w+) (\d{4})", value.lower()):
        month = _MONTHS.get(m.group(2))
        if month:
            return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
    if value == "udatert":
        return ""
    return None


@cache
def _language_markers() -> dict[str, frozenset[str]]:
    """Each language's marker words without those another language lists too (they tell neither apart)."""
    listed: dict[str, frozenset[str]] = {}
    for line in data.lines("language_markers.tsv"):
        language, items = line.split("\t", 1)
        listed[language] = frozenset(items.split())
    return {
        language: words.difference(*(other for name, other in listed.items() if name != language))
        for language, words in listed.items()
    }


@cache
def _any_language_marker() -> frozenset[str]:
    return frozenset().union(*_language_markers().values())


def detect_language(text: str) -> str:
    """Bokmål ("nb"), Nynorsk ("nn"), Swedish ("sv"), Danish ("da") or English ("en") by distinctive
    function words; "nb" when no other language has more of its markers than Bokmål."""
    tokens = _WORD_RUN.findall(text[:20000].lower())
    markers = _language_markers()
    # the few marker tokens are picked out in C, then counted per language
    found = Counter(filter(_any_language_marker().__contains__, tokens))
    counts = {lang: sum(map(found.__getitem__, words)) for lang, words in markers.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts["nb"] else "nb"
