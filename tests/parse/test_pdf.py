"""parse_pdf on the generated fixtures (tests/parse/make_fixtures.py): structure, tables, failures.

Cases are grouped by where they came from: the fixtures written in the shape of a DMPC form, and
the regression PDFs named after the bug they showed. The golden test compares the whole parse with
tests/parse/golden/<name>.json (rewrite with ``make_fixtures.py --golden`` and review the diff).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.header import read_header
from extractors.money import find_amounts
from extractors.signature import read_signature
from extractors.table_lines import figure, find_table_lines
from pipeline.errors import EmptyDocument, NeedsOcr, ParseError, ParseTimeout, PdfError
from pipeline.parse import parse_document
from pipeline.parse.model import Block, Document
from pipeline.parse.pdf import _body_style, _Page, parse_pdf
from pipeline.parse.pdf_layout import Frag, make_line, reading_order
from tests.parse.golden import snapshot

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "samples" / "site"


def _parse(name: str) -> Document:
    return parse_pdf((FIXTURES / f"{name}.pdf").read_bytes(), f"{name}.pdf")


@pytest.fixture(scope="module")
def form() -> Document:
    return _parse("decision_form")


# -- failures: every unreadable PDF gets an error class and a reason ------------------------------


@dataclass(frozen=True)
class Failure:
    fixture: str
    error: type[ParseError]
    reason: str


FAILURES = [
    Failure("empty", EmptyDocument, "empty_document"),
    Failure("corrupt", PdfError, "corrupt"),
    Failure("truncated", PdfError, "truncated"),
    Failure("encrypted", PdfError, "encrypted"),
    Failure("image_only", NeedsOcr, "needs_ocr"),
]


@pytest.mark.parametrize("case", FAILURES, ids=lambda c: c.fixture)
def test_unreadable_pdfs_raise_with_a_reason(case: Failure) -> None:
    with pytest.raises(case.error) as info:
        _parse(case.fixture)
    assert info.value.reason == case.reason
    assert info.value.source == f"{case.fixture}.pdf"
    assert f"{case.fixture}.pdf" in str(info.value)


def test_a_pdf_over_the_time_limit_is_abandoned() -> None:
    with pytest.raises(ParseTimeout) as info:  # any parse takes more than 0 s: checked after page 1
        parse_pdf((FIXTURES / "decision_form.pdf").read_bytes(), "slow.pdf", timeout=0.0)
    assert info.value.reason == "parse_timeout"
    assert "pdf_timeout" in str(info.value)


def test_pages_past_the_cap_are_recorded_not_read() -> None:
    doc = parse_pdf((FIXTURES / "decision_form.pdf").read_bytes(), "long.pdf", max_pages=1)
    assert doc.pages == 4
    assert doc.warnings == ("read 1 of 4 pages (pdf_max_pages)",)
    assert {b.page for b in doc.blocks} == {1}


def test_parse_document_sends_pdf_bytes_to_the_pdf_parser() -> None:
    doc = parse_document((FIXTURES / "two_column.pdf").read_bytes(), "https://example.org/x")
    assert doc.kind == "pdf" and doc.pages == 1


# -- structure of the decision form --------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    kind: str
    startswith: str
    level: int = 0
    marker: str = ""
    page: int = 1


FORM_BLOCKS = [
    Expect("heading", "DMPC Decision – PCD 1901", level=1),
    Expect("heading", "Title: Renewal of the Neighbourhood Watch", level=2),
    Expect("heading", "Executive Summary:", level=3),
    Expect("list_item", "  1. Approve the renewal", marker="1."),
    Expect("list_item", "  2. Delegate to the Chief Finance Officer", marker="2."),
    Expect("list_item", "    a) agree the final grant agreement", level=1, marker="a)"),
    Expect("list_item", "    b) vary the payment profile", level=1, marker="b)"),
    Expect("paragraph", "Signature Priya Okonjo (signed) Date 03/04/2022"),
    Expect("heading", "PART I - NON-CONFIDENTIAL FACTS", level=2, page=2),
    Expect("list_item", "    1.1. Neighbourhood watch groups", level=1, marker="1.1.", page=2),
    Expect("list_item", "  • Coordinator recruitment", marker="•", page=3),
    Expect("heading", "ORIGINATING OFFICER DECLARATION", level=2, page=4),
]


@pytest.mark.parametrize("want", FORM_BLOCKS, ids=lambda e: e.startswith.strip()[:30])
def test_decision_form_blocks(form: Document, want: Expect) -> None:
    found = [b for b in form.blocks if b.text.startswith(want.startswith)]
    assert len(found) == 1, [b.text[:40] for b in form.blocks]
    block = found[0]
    assert (block.kind, block.level, block.marker, block.page) == (
        want.kind,
        want.level,
        want.marker,
        want.page,
    )
    assert form.text[block.start : block.end] == block.text


TEXT_FACTS = [
    (
        "hard wraps joined, word hyphenated at a wrap repaired",
        "The grant funds coordinators, volunteer training",
    ),
    (
        "paragraph kept whole across its wrapped lines",
        "found the programme good value for money and recommended",
    ),
    ("form answer kept", "Is there a Part 2 form – YES"),
]


@pytest.mark.parametrize(("why", "snippet"), TEXT_FACTS, ids=[t[0] for t in TEXT_FACTS])
def test_decision_form_text(form: Document, why: str, snippet: str) -> None:
    assert snippet in form.text, why


@pytest.mark.parametrize("running", ["OFFICIAL", "Page 1 of 4", "Page 4 of 4", "MOPAC | DMPC Decision"])
def test_running_headers_and_footers_removed(form: Document, running: str) -> None:
    assert running not in form.text


def test_blocks_tile_the_text_in_order(form: Document) -> None:
    ends = [0]
    for block in form.blocks:
        assert block.start >= ends[-1]
        assert form.text[block.start : block.end] == block.text
        ends.append(block.end)
    assert form.pages == 4 and form.title == "PCD 1901"


# -- tables ---------------------------------------------------------------------------------------


def _tables(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind == "table"]


def test_table_continued_on_the_next_page_is_stitched(form: Document) -> None:
    budget = _tables(form)[0]
    assert budget.rows[0] == ("Cost area", "2023/24 (£000)", "2024/25 (£000)")
    assert budget.rows.count(budget.rows[0]) == 1  # the repeated header on page 3 is dropped
    assert len(budget.rows) == 1 + 40 + 2
    assert budget.rows[-2:] == (
        ("Underspend returned from 2022/23", "-300", "(45)"),
        ("Total", "5,120", "4,310"),
    )
    assert set(budget.row_pages) == {2, 3} and list(budget.row_pages) == sorted(budget.row_pages)
    assert len(budget.row_pages) == len(budget.rows)


def test_ruled_table_cells(form: Document) -> None:
    ruled = _tables(form)[1]
    assert ruled.rows == (
        ("Item", "2023/24", "2024/25"),
        ("Licences", "120", "125"),
        ("Hosting", "35", "35"),
        ("Reduced support contract", "(450)", "-60"),
        ("Total", "(295)", "100"),
    )
    assert ruled.page == 3


def test_ruled_table_agrees_with_pdfplumber(form: Document) -> None:
    """Our geometry reads a ruled grid as pdfplumber's default extract_tables does."""
    with pdfplumber.open(FIXTURES / "decision_form.pdf") as pdf:
        page = pdf.pages[2]
        theirs = page.extract_tables()
        page.close()
    grid = next(t for t in theirs if t and t[0] and t[0][0] == "Item")
    assert [tuple(c or "" for c in row) for row in grid] == list(_tables(form)[1].rows)


@dataclass(frozen=True)
class Line:
    label: str
    column: str
    value: str
    page: int


FORM_TABLE_LINES = [
    Line("Neighbourhood watch coordinators (phase 1)", "2023/24 (£000)", "40000", 2),
    Line("Underspend returned from 2022/23", "2023/24 (£000)", "-300000", 3),
    Line("Underspend returned from 2022/23", "2024/25 (£000)", "-45000", 3),
    Line("Total", "2024/25 (£000)", "4310000", 3),
    Line("Reduced support contract", "2023/24", "-450000", 3),  # "(£k)" is in the caption
    Line("Total", "2023/24", "-295000", 3),
]


@pytest.mark.parametrize("want", FORM_TABLE_LINES, ids=lambda w: f"{w.label[:20]}-{w.column[:7]}")
def test_decision_form_table_lines(form: Document, want: Line) -> None:
    got = [t for t in find_table_lines(form) if t.label == want.label and t.column == want.column]
    assert len(got) == 1
    line = got[0]
    assert (line.value, line.page) == (Decimal(want.value), want.page)
    assert form.text[line.start : line.end] == line.raw


def test_decision_form_signature(form: Document) -> None:
    sig = read_signature(form.text)
    assert sig is not None
    assert (sig.signer, sig.role, sig.date_signed.isoformat() if sig.date_signed else None) == (
        "Priya Okonjo",
        "Deputy Mayor for Policing and Crime",
        "2022-04-03",
    )
    assert sig.part2 is True
    assert dict(sig.declarations) == {
        "Financial Advice": "Yes",
        "Legal Advice": "Yes",
        "Equalities Advice": "Yes",
        "Commercial Issues": "N/A",
    }
    assert form.page_at(sig.start) == 1


# -- reading order --------------------------------------------------------------------------------


def test_two_columns_read_left_then_right() -> None:
    doc = _parse("two_column")
    order = [b.text.split(".")[0] for b in doc.blocks]
    assert order == [
        "Borough Crime Reduction Grants",
        "Left column, first paragraph",
        "Left column, second paragraph",
        "Right column, first paragraph",
        "Right column, second paragraph",
        "Closing paragraph across the full width",
    ]
    assert doc.blocks[0].kind == "heading"
    assert "every year, and MOPAC funds a share of the work they choose." in doc.text


def _frag(x0: float, x1: float, base: float, text: str) -> Frag:
    return Frag(x0, x1, base - 8, base + 2, base, text, 10.0, False)


def test_ragged_left_column_line_in_the_gutter_keeps_the_band() -> None:
    """probe 15: a left-column line reaching 3 pt past the narrowest gap ended the band, so a wrapped
    milestone's date was read after the right column's paragraphs."""
    left = ["Key dates are these:", "the pilot starts in June and the report", "follows in May", "Ends."]
    right = ["Legal comments follow here", "the power to approve the spend", "is delegated here", "Done."]
    x1s = [273.0, 276.0, 250.0, 250.0]  # line 2, alone on its baseline, pokes 3 pt into the gutter
    frags = [_frag(57, x1, 70 + 13 * k, text) for k, (x1, text) in enumerate(zip(x1s, left, strict=True))]
    frags += [_frag(313, 530, 70 + 13 * k, text) for k, text in enumerate(right) if k != 1]
    lines = reading_order(frags)
    assert [ln.text for ln in lines] == [*left, right[0], right[2], right[3]]
    assert {ln.column for ln in lines} == {1, 2}


def test_body_pitch_is_the_wrap_step_not_the_paragraph_step() -> None:
    """probe 15: one-line paragraphs 18 pt apart as often as 13 pt wraps: taking 18 as the pitch ran the
    "Title:", "Executive Summary:" and "Recommendations:" fields into one paragraph."""
    bases = [100, 118, 131, 149, 162, 180, 193, 211, 224]  # steps 18, 13, 18, 13, ... (4 each)
    page = _Page(1, 842.0, [make_line([_frag(57, 400, b, "Some words of text")]) for b in bases])
    assert _body_style([page]) == (10.0, 13.0)


# -- regression PDFs, named after the bug ---------------------------------------------------------


def test_bracket_negative_split_keeps_the_bracket() -> None:
    """pdfplumber's text strategy splits "(20,191,164)" at the hanging bracket and drops the ")"."""
    doc = _parse("bracket_negative_split")
    (table,) = _tables(doc)
    assert table.rows == (
        ("Budget line", "£"),
        ("Staff costs", "1,250"),
        ("Grant income", "(20,191,164)"),
        ("Premises", "310"),
        ("Net position", "(18,630)"),
    )
    values = {t.label: t.value for t in find_table_lines(doc)}
    assert values == {
        "Staff costs": Decimal(1250),
        "Grant income": Decimal(-20191164),
        "Premises": Decimal(310),
        "Net position": Decimal(-18630),
    }


def test_framed_signature_box_is_not_a_table() -> None:
    doc = _parse("framed_signature_box")
    assert not _tables(doc)
    sig = read_signature(doc.text)
    assert sig is not None
    assert (sig.signer, str(sig.date_signed), sig.part2) == ("Marcus Tennant", "2016-02-14", False)


@dataclass(frozen=True)
class FormBug:
    """A regression fixture of a Word-exported form: the blocks it must give and what is read off it."""

    fixture: str
    blocks: tuple[str, ...]  # "kind|text" of whole blocks that must appear, in this order
    title: str | None
    signer: str
    date_signed: str
    table_figures: tuple[str, ...] = ()  # £000 cells the money extractor must find, in order


FORM_BUGS = [
    FormBug(
        "form_table_front_matter",
        (
            "heading|Title:",
            "paragraph|Youth Diversion Grant 2024-26",
            "heading|Recommendation:",
            "paragraph|The Deputy Mayor for Policing and Crime is recommended to:",
            "list_item|  1. Approve a two-year grant of up to £640,000 to the Borough Diversion Partnership, "
            "funded from the crime prevention reserve; and",
            "list_item|  2. Delegate to the Director of Commissioning the authority to agree the grant "
            "conditions; and",
            "list_item|  3. Note the evaluation plan set out in section 4.",
        ),
        "Youth Diversion Grant 2024-26",
        "Alex Morrow",
        "2024-05-12",
    ),
    FormBug(
        "tabbed_list_and_signature_lines",
        (
            "list_item|    a) a base grant of £4,000 to each association for training and engagement; and",
            "list_item|  2. Delegate to the Head of Community Engagement the authority to approve changes to "
            "individual grants of up to £2,500.",
            "paragraph|Signature: T Okafor",
            "paragraph|Name: Tobi Okafor",
            "paragraph|Date: 09/10/2016",
        ),
        "Neighbourhood Watch Support Grants 2016/17",
        "Tobi Okafor",
        "2016-10-09",
        ("128", "132", "96", "90", "224", "222"),
    ),
    FormBug(
        "signer_under_signature",
        (
            "paragraph|Signature ................................................ Date 21/11/2023",
            "paragraph|Jordan Ellery",
        ),
        None,  # no "Title:" field on this page
        "Jordan Ellery",
        "2023-11-21",
    ),
]


@pytest.mark.parametrize("case", FORM_BUGS, ids=lambda c: c.fixture)
def test_word_form_layouts(case: FormBug) -> None:
    doc = _parse(case.fixture)
    got = [f"{b.kind}|{b.text}" for b in doc.blocks]
    at = [got.index(want) for want in case.blocks]  # ValueError names the block that is missing
    assert at == sorted(at)
    assert not any("Title:" in b.text or "Recommendation:" in b.text for b in _tables(doc))
    assert read_header(doc.text).title == case.title
    sig = read_signature(doc.text)
    assert sig is not None
    assert (sig.signer, str(sig.date_signed)) == (case.signer, case.date_signed)
    assert tuple(a.text for a in find_amounts(doc.text) if a.table) == case.table_figures


def test_name_signature_date_table_stays_a_data_table() -> None:
    """A ruled grid of short cells is data, even beside a layout table on the same page."""
    rows = [b.rows for b in _tables(_parse("form_table_front_matter"))]
    assert rows == [(("Name", "Signature", "Date"), ("Alex Morrow", "(signed)", "12/05/2024"))]


def test_page_fails_to_load_skips_that_page_only() -> None:
    """Bug: PDFium's "Failed to load page." on one damaged page object escaped parse_pdf as PdfiumError."""
    doc = _parse("page_fails_to_load")
    assert doc.pages == 4
    assert doc.warnings == ("page 2 could not be read (Failed to load page.)",)
    assert sorted({b.page or 0 for b in doc.blocks}) == [1, 3, 4]
    sig = read_signature(doc.text)
    assert sig is not None and str(sig.date_signed) == "2022-04-03"


@pytest.mark.fuzz
@given(
    name=st.sampled_from(
        [
            "decision_form",
            "two_column",
            "bracket_negative_split",
            "framed_signature_box",
            "form_table_front_matter",
        ]
    ),
    at=st.floats(0, 1),
    cut=st.integers(0, 400),
    junk=st.binary(max_size=64),
)
def test_damaged_pdfs_raise_only_pipeline_errors(name: str, at: float, cut: int, junk: bytes) -> None:
    """Any damage — bytes replaced, removed or inserted — gives a Document or a ParseError, never a crash."""
    data = (FIXTURES / f"{name}.pdf").read_bytes()
    k = int(at * len(data))
    try:
        parse_pdf(data[:k] + junk + data[k + cut :], "damaged.pdf")
    except ParseError as exc:
        assert exc.reason


# -- golden snapshots -----------------------------------------------------------------------------

GOLDEN_NAMES = sorted(p.stem for p in GOLDEN.glob("*.json"))


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_golden(name: str) -> None:
    want = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    got = json.loads(json.dumps(snapshot(FIXTURES / f"{name}.pdf"), ensure_ascii=False))
    assert got == want, f"parse of {name}.pdf changed: rerun make_fixtures.py --golden and review the diff"


def test_every_golden_has_its_fixture() -> None:
    assert len(GOLDEN_NAMES) >= 4
    assert all((FIXTURES / f"{name}.pdf").exists() for name in GOLDEN_NAMES)


# -- the sample archive's PDFs (samples/build_samples.py), checked against the data they were made from


@dataclass(frozen=True)
class SamplePdf:
    code: str
    path: Path
    kind: str  # "signed", "image" (a scan), "corrupt" (cut short)
    date_signed: str
    signer: str
    part2: bool
    lines: tuple[tuple[str, str], ...]  # (row label, figure as printed) of every money table


def _sample_pdfs() -> list[SamplePdf]:
    """Every PDF of the sample archive that exists, with what its decision's data says it shows."""
    if not (SITE / "manifest.json").exists():
        return []
    sys.path.insert(0, str(ROOT / "samples"))
    try:
        import build_samples
        import decisions_data
    finally:
        sys.path.remove(str(ROOT / "samples"))
    out = []
    for d in decisions_data.DECISIONS:
        path = SITE / build_samples.pdf_path(d).lstrip("/")
        if d.pdf.kind == "missing" or not path.exists():
            continue
        tables: list[Any] = [b for s in d.sections for b in s.blocks if isinstance(b, decisions_data.Table)]
        lines = tuple(
            (row[0].lstrip("•- "), cell) for t in tables for row in t.rows for cell in row[1:] if figure(cell)
        )
        out.append(
            SamplePdf(d.code, path, d.pdf.kind, d.signed, d.maker.split(",")[0], bool(d.pdf.part2), lines)
        )
    return out


SAMPLE_PDFS = _sample_pdfs()


@pytest.mark.skipif(not SAMPLE_PDFS, reason="samples/site has no PDFs: run samples/build_samples.py")
@pytest.mark.parametrize("case", SAMPLE_PDFS, ids=lambda c: c.code.replace(" ", "-"))
def test_sample_archive_pdfs(case: SamplePdf) -> None:
    data = case.path.read_bytes()
    if case.kind == "image":
        with pytest.raises(NeedsOcr):
            parse_pdf(data, case.path.name)
        return
    if case.kind == "corrupt":
        with pytest.raises(PdfError) as info:
            parse_pdf(data, case.path.name)
        assert info.value.reason in {"truncated", "corrupt"}
        return
    doc = parse_pdf(data, case.path.name)
    sig = read_signature(doc.text)
    assert sig is not None
    assert (str(sig.date_signed), sig.signer, sig.part2) == (case.date_signed, case.signer, case.part2)
    assert sig.role == "Deputy Mayor for Policing and Crime"
    assert len(sig.declarations) == 6
    assert [(t.label, t.raw) for t in find_table_lines(doc)] == list(case.lines)
