"""simplemma's Bokmål dictionary, shipped decoded, so a process reads it in a fraction of the time.

simplemma stores each language as a front-coded, lzma-compressed stream that only a pure-Python loop can
decode: ~640,000 records, about a second in every process that lemmatises (the CLI, each batch or corpus
worker), longer than the analysis of an ordinary article. `analysis/data/lemma_dictionary_nb.txt.gz` holds
the same form → lemma pairs as two plain blocks of lines (`tools/make_lemma_dictionary.py` writes it from
the installed simplemma), which gzip and `str.split` read in C. simplemma's own lemmatizer runs over it
through its `DictionaryFactory` protocol, so every lemma is exactly simplemma's.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources

DATA_FILE = "lemma_dictionary_nb.txt.gz"
LANGUAGE = "nb"
# between the block of forms and the block of lemmas (no form or lemma is empty)
BLOCK_SEPARATOR = "\n\n"

HEADER = """\
# simplemma's Bokmål ("nb") dictionary, decoded: every word form it lists, one per line and sorted, then an
#   empty line, then each form's lemma on the line of the same number. Written by
#   `python tools/make_lemma_dictionary.py` from simplemma {version} (data/nb.plzma); a test checks that the
#   installed simplemma holds the same pairs.
# Licence: simplemma is MIT-licensed (Adrien Barbaresi); its Bokmål data derives from Norsk Ordbank.
"""


def encode(pairs: Iterable[tuple[str, str]], version: str) -> bytes:
    """The data file's bytes for form → lemma pairs (any order); reproducible (no time stamp in the gzip)."""
    ordered = sorted(pairs)
    if any(not form or not lemma or "\n" in form + lemma for form, lemma in ordered):
        raise ValueError("forms and lemmas must be non-empty single lines")
    body = "\n".join(f for f, _ in ordered) + BLOCK_SEPARATOR + "\n".join(lemma for _, lemma in ordered)
    return gzip.compress((HEADER.format(version=version) + body + "\n").encode(), 9, mtime=0)


def decode(data: bytes) -> dict[str, str]:
    """Form → lemma from the data file's bytes."""
    text = gzip.decompress(data).decode()
    start = 0
    while text.startswith("#", start):  # the header
        start = text.index("\n", start) + 1
    forms, separator, lemmas = text[start:].rstrip("\n").partition(BLOCK_SEPARATOR)
    form_list, lemma_list = forms.split("\n"), lemmas.split("\n")
    if not separator or len(form_list) != len(lemma_list):
        raise ValueError(f"{DATA_FILE}: the blocks of forms and lemmas differ in length")
    return dict(zip(form_list, lemma_list, strict=True))


@cache
def bokmal_dictionary() -> dict[str, str]:
    """The shipped form → lemma dictionary, read once per process."""
    return decode(resources.files("analysis.data").joinpath(DATA_FILE).read_bytes())


class ShippedDictionaryFactory:
    """simplemma's `DictionaryFactory` protocol over the shipped dictionary (Bokmål only)."""

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang != LANGUAGE:
            raise ValueError(f"only the Bokmål dictionary ({LANGUAGE!r}) is shipped, not {lang!r}")
        return bokmal_dictionary()


def simplemma_pairs() -> Iterator[tuple[str, str]]:
    """The installed simplemma's own form → lemma pairs (its slow decoder: for the build tool and the test)."""
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    table = DefaultDictionaryFactory().get_dictionary(LANGUAGE)
    for form in table:
        yield form, table[form]
