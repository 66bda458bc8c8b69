"""Property-based fuzzing of the HTML parser and of the extraction over generated pages and text.

Properties: nothing but a PipelineError ever escapes; every block and link span lies inside the text and
slices out exactly its text; every amount's span slices out its printed text and its value is a finite
Decimal; every other extracted span lies inside the text. ``make test`` runs a few hundred examples;
``make fuzz`` runs the ``fuzz``-marked variants, 10,000 examples each.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import PipelineError
from pipeline.extract import extract_document
from pipeline.parse import parse_document
from pipeline.parse.html import decode_html, parse_html
from pipeline.parse.model import Document
from pipeline.parse.text import parse_text
from tests.hostile import make_corpus as corpus

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ = settings(
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters that have broken parsers: every space, dash and invisible mark, controls, surrogates' neighbours,
# currency signs and the markup characters themselves.
HOSTILE = "".join(corpus.SPACES + corpus.DASHES + corpus.INVISIBLE) + (
    "\x00\x01\x08\x0b\x0c\x1b\x1c\x7f\x85\u2028\u2029\r\n£€$Â&;#<>/=\"'()[]{}.,:%0123456789mkMKbn"
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ\ufffd\uff10\uff0d’“”•·"
)
# Pieces of real-shaped decision text (our own words), so generated input reaches the extractors' deep paths.
FRAGMENTS = [
    "PCD 1234 Community Grants", "Key information", "Reference code: PCD 1234", "Reference code:",
    "Date signed:", "Decision by: Sophie Linden, Deputy Mayor, Policing and Crime", "Authorisation name:",
    "Executive summary",
    "The Deputy Mayor for Policing and Crime is recommended to:", "1. Approve £1,250,000 for the pilot.",
    "a) agree the grant; and", "- Note the plan", "£5m", "£1.183m", "c£350K", "upto £5,000,000", "£10k–£20k",
    "£10-20k", "-£1,000", "£(450)", "GBP 5,000", "&pound;5m", "Â£2m", "£15,158m", "£1,5m", "(£000)", "£000",
    "2021/22", "2022-23", "Total", "365", "-450", "(450)", "1,183", "Milestones:", "Q4 2021/22",
    "31 March 2023", "as approved in PCD 988", "DMPCD 2016-36", "CEOD 24-2023", "Part 2", "exempt appendix",
    "Signed decision document", "Showing 1-20 of 1627 results found", "Page type: Decision", "03/04/2022",
    "Financial Comments", "per annum", "exclusive of VAT", "Signature", "Date",
]  # fmt: skip
TAGS = ["p", "div", "span", "b", "li", "ol", "ul", "table", "tr", "td", "th", "h1", "h2", "pre", "br", "a",
        "script", "style", "caption", "dl", "dt", "dd", "section", "template", "em"]  # fmt: skip

hostile_text = st.text(alphabet=HOSTILE, max_size=40)
piece = st.one_of(st.sampled_from(FRAGMENTS), hostile_text)
separator = st.sampled_from(["\n", "\n\n", " ", "\t", "  ", "\r\n", "\u2028", ""])


@st.composite
def page_text(draw: st.DrawFn) -> str:
    """Saved-text pages: fragments and hostile runs, joined by every kind of line break."""
    parts = draw(st.lists(st.tuples(piece, separator), max_size=30))
    return "".join(p + s for p, s in parts)


@st.composite
def attributes(draw: st.DrawFn, tag: str) -> str:
    out = []
    if tag == "a":
        out.append(f' href="{draw(st.sampled_from(["/pcd-1.pdf", "#x", "", "javascript:x", "/a b"]))}"')
    if tag == "ol":
        out.append(draw(st.sampled_from(["", ' start="3"', ' type="a"', ' type="I"', ' start="x"'])))
    if tag == "li":
        out.append(draw(st.sampled_from(["", ' value="7"', ' value="-1"'])))
    out.append(draw(st.sampled_from(["", " hidden", ' style="display:none"', ' class="x"'])))
    return "".join(out)


def _markup(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def element(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(TAGS))
        inner = "".join(draw(st.lists(children, max_size=4)))
        close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", ""]))  # unclosed tags happen
        return f"<{tag}{draw(attributes(tag))}>{inner}{close}"

    return element()


html_pages = st.recursive(
    piece.map(lambda s: s.replace("<", "&lt;"))
    | st.sampled_from(["&pound;", "&amp;", "&#0;", "&#x110000;", "<!-- c -->"]),
    _markup,
    max_leaves=40,
)
encodings = st.sampled_from(["utf-8", "cp1252", "utf-16", "latin-1"])
charset_labels = st.sampled_from([None, "utf-8", "iso-8859-1", "utf-16", "shift_jis", "nonsense"])


def check_document(doc: Document) -> None:
    text = doc.text
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(text)
        assert text[block.start : block.end] == block.text
    for link in doc.links:
        if link.start >= 0:
            assert 0 <= link.start <= link.end <= len(text)
            assert text[link.start : link.end] == link.text


def check_record(doc: Document) -> None:
    """Extraction on a parsed document: only PipelineErrors, and spans and values that hold."""
    try:
        record = extract_document(doc)
    except PipelineError:
        return
    if record["kind"] != "decision":
        return
    text = doc.text
    amounts = record["amounts"]
    assert isinstance(amounts, list)
    for a in amounts:
        assert isinstance(a, dict)
        value = Decimal(str(a["value"]))
        assert value.is_finite()
        start, end = a["start"], a["end"]
        assert isinstance(start, int) and isinstance(end, int)
        assert text[start:end] == a["text"]
    for key in ("recommendations", "references", "entities"):
        items = record[key]
        assert isinstance(items, list)
        for item in items:
            assert isinstance(item, dict)
            start, end = item["start"], item["end"]
            assert isinstance(start, int) and isinstance(end, int)
            assert 0 <= start <= end <= len(text), (key, item)
    references = record["references"]
    assert isinstance(references, list)
    for ref in references:
        assert isinstance(ref, dict)
        start, end = ref["start"], ref["end"]
        assert isinstance(start, int) and isinstance(end, int)
        assert text[start:end] == ref["raw"]


def html_property(markup: str, encoding: str, label: str | None) -> None:
    data = markup.encode(encoding, errors="replace")
    try:
        doc = parse_html(data, "fuzz.html", charset=label)
    except PipelineError:
        return
    check_document(doc)
    check_record(doc)


def text_property(text: str, encoding: str) -> None:
    try:
        doc = parse_document(text.encode(encoding, errors="replace"), "fuzz.txt", content_type="text/plain")
    except PipelineError:
        return
    assert doc.kind in ("text", "html")
    check_document(doc)
    check_record(doc)


def str_property(text: str) -> None:
    """The str entry points (no decoding): surrogates and controls included."""
    for parse in (parse_html, parse_text):
        try:
            doc = parse(text, "fuzz")
        except PipelineError:
            continue
        check_document(doc)


def bytes_property(data: bytes, label: str | None) -> None:
    try:
        text, encoding = decode_html(data, label)
    except PipelineError:
        return
    assert isinstance(text, str) and encoding


# -- a few hundred examples in make test -------------------------------------------------------------------


@FAST
@given(html_pages, encodings, charset_labels)
def test_html_parser_and_extraction(markup: str, encoding: str, label: str | None) -> None:
    html_property(markup, encoding, label)


@FAST
@given(page_text(), encodings)
def test_text_parser_and_extraction(text: str, encoding: str) -> None:
    text_property(text, encoding)


@FAST
@given(st.text(max_size=200))
def test_str_input_of_any_code_point(text: str) -> None:
    str_property(text)


@FAST
@given(st.binary(max_size=600), charset_labels)
def test_decode_any_bytes(data: bytes, label: str | None) -> None:
    bytes_property(data, label)


# -- make fuzz: 10,000 examples each ------------------------------------------------------------------------


@pytest.mark.fuzz
@FUZZ
@given(html_pages, encodings, charset_labels)
def test_fuzz_html_parser_and_extraction(markup: str, encoding: str, label: str | None) -> None:
    html_property(markup, encoding, label)


@pytest.mark.fuzz
@FUZZ
@given(page_text(), encodings)
def test_fuzz_text_parser_and_extraction(text: str, encoding: str) -> None:
    text_property(text, encoding)


@pytest.mark.fuzz
@FUZZ
@given(st.text(max_size=400))
def test_fuzz_str_input_of_any_code_point(text: str) -> None:
    str_property(text)


@pytest.mark.fuzz
@FUZZ
@given(st.binary(max_size=2000), charset_labels)
def test_fuzz_decode_any_bytes(data: bytes, label: str | None) -> None:
    bytes_property(data, label)
