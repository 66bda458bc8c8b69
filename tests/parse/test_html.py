"""HTML → reading text: parse by what a reader sees, whatever the markup."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import EmptyDocument, UnsupportedDocument
from pipeline.parse.html import decode_html, parse_html

# The same key-information block in three markups the archive's templates have used (written by us).
KEY_INFO_MARKUPS = {
    "definition_list": """<h1>PCD 9001 Body Worn Video Refresh</h1><h2>Key information</h2>
        <dl><dt>Reference code:</dt><dd>PCD 9001</dd><dt>Date signed:</dt><dd></dd>
        <dt>Decision by:</dt><dd>Sophie Linden, Deputy Mayor, Policing and Crime</dd></dl>""",
    "strong_labels": """<div class="page-title"><h1>PCD 9001 Body Worn Video Refresh</h1></div>
        <section><h2 class="kicker">Key information</h2>
        <div class="field"><p>Reference code:</p><p>PCD 9001</p></div>
        <div class="field"><p>Date signed:</p></div>
        <div class="field"><p>Decision by:</p><p>Sophie Linden, Deputy Mayor, Policing and Crime</p></div>
        </section>""",
    "div_soup": """<main><header><h1 id="t">PCD 9001 Body Worn Video Refresh</h1></header>
        <div><div><h2>Key information</h2></div><div><div>Reference code:</div><div>PCD 9001</div></div>
        <div><div>Date signed:</div><div>  </div></div>
        <div><span><div>Decision by:</div></span>
        <div>Sophie Linden, Deputy Mayor, Policing and Crime</div></div>
        </div></main>""",
}
EXPECTED_KEY_INFO = (
    "PCD 9001 Body Worn Video Refresh\n\nKey information\n\nReference code:\n\nPCD 9001\n\nDate signed:\n\n"
    "Decision by:\n\nSophie Linden, Deputy Mayor, Policing and Crime"
)


@pytest.mark.parametrize("markup", KEY_INFO_MARKUPS.values(), ids=list(KEY_INFO_MARKUPS))
def test_different_markup_reads_the_same(markup: str) -> None:
    assert parse_html(markup.encode(), "frozen").text == EXPECTED_KEY_INFO


LISTS = [
    pytest.param("<ol><li>Approve</li><li>Note</li></ol>", "  1. Approve\n\n  2. Note", id="ordered"),
    pytest.param("<ol start='3'><li>Approve</li></ol>", "  3. Approve", id="ordered-start"),
    pytest.param("<ul><li>Approve</li><li>Note</li></ul>", "  • Approve\n\n  • Note", id="bulleted"),
    pytest.param(
        "<ol><li>To approve the:<ol type='a'><li>first</li><li>second</li></ol></li></ol>",
        "  1. To approve the:\n\n    a. first\n\n    b. second",
        id="nested-letters",
    ),
    pytest.param(
        "<ol type='i'><li>x</li><li>y</li><li>z</li><li>w</li></ol>",
        "  i. x\n\n  ii. y\n\n  iii. z\n\n  iv. w",
        id="roman",
    ),
    pytest.param(
        "<ol><li><p>Approve the grant</p><p>of £5m</p></li></ol>",
        "  1. Approve the grant\n\nof £5m",
        id="paragraphs-inside-item",
    ),
    pytest.param("<p>- Approve<br>- Note</p>", "- Approve\n\n- Note", id="dashes-in-paragraph"),
]


@pytest.mark.parametrize(("html", "text"), LISTS)
def test_lists_render_with_their_markers(html: str, text: str) -> None:
    assert parse_html(html.encode(), "x").text == text


def test_invisible_content_is_not_read() -> None:
    html = b"""<head><title>T</title><style>p{}</style></head><body><script>var a='PCD 1';</script>
        <p hidden>secret</p><p style="display: none">gone</p><noscript>js</noscript><template>t</template>
        <p>Shown &pound;5m</p></body>"""
    doc = parse_html(html, "x")
    assert doc.text == "Shown £5m"
    assert doc.title == "T"


def test_tables_keep_rows_and_read_one_cell_per_line() -> None:
    html = b"""<table><caption>Costs (&pound;000)</caption><tr><th>Item</th><th>2021/22</th></tr>
        <tr><td>Licences</td><td>280</td></tr><tr><td>Underspend</td><td>(450)</td></tr></table>"""
    doc = parse_html(html, "x")
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows == (("Item", "2021/22"), ("Licences", "280"), ("Underspend", "(450)"))
    assert doc.text == "Costs (£000)\n\nItem\n\n2021/22\n\nLicences\n\n280\n\nUnderspend\n\n(450)"
    assert doc.text[table.start : table.end] == table.text


def test_links_keep_text_href_and_span() -> None:
    html = b"""<p>Approved in <a href="/pcd-988-grant">PCD 988</a>.</p><h2>Signed decision document</h2>
        <p><a href="/sites/default/files/pcd_1.pdf"><span>PCD 1</span> Grant</a></p>"""
    doc = parse_html(html, "x")
    assert [(lk.text, lk.href) for lk in doc.links] == [
        ("PCD 988", "/pcd-988-grant"),
        ("PCD 1 Grant", "/sites/default/files/pcd_1.pdf"),
    ]
    for link in doc.links:
        assert doc.text[link.start : link.end] == link.text


ENCODINGS = [
    pytest.param("£5m – ok".encode("cp1252"), None, id="cp1252-undeclared"),
    pytest.param("£5m – ok".encode("cp1252"), "iso-8859-1", id="latin1-label-means-cp1252"),
    pytest.param("£5m – ok".encode(), "iso-8859-1", id="lying-charset-header"),
    pytest.param("£5m – ok".encode().replace(b"5", b"\x005"), None, id="nul-bytes"),
    pytest.param(b'<meta charset="windows-1252"><p>\xa35m \x96 ok</p>', None, id="meta-charset"),
]


@pytest.mark.parametrize(("data", "charset"), ENCODINGS)
def test_encodings_decode_to_the_same_text(data: bytes, charset: str | None) -> None:
    assert parse_html(data, "x", charset=charset).text == "£5m – ok"


def test_decode_reports_the_encoding_used() -> None:
    assert decode_html("£".encode("cp1252"))[1] in {"cp1252", "windows-1252"}


def test_empty_input_is_an_error_with_a_reason() -> None:
    with pytest.raises(EmptyDocument) as info:
        parse_html(b"   \n", "empty.html")
    assert info.value.reason == "empty_document"


def test_deeply_nested_tags_do_not_crash() -> None:
    html = ("<div>" * 5000) + "deep £1m" + ("</div>" * 5000)
    assert "deep £1m" in parse_html(html.encode(), "x").text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/ab pliuoltd=\"'&;£1\n")), max_size=300))
def test_any_markup_parses_and_spans_stay_inside(markup: str) -> None:
    try:
        doc = parse_html(markup.encode(), "fuzz")
    except EmptyDocument:
        return
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(doc.text)
        assert doc.text[block.start : block.end] == block.text
    for link in doc.links:
        if link.start >= 0:
            assert doc.text[link.start : link.end] == link.text


# Bugs caught by tests/hostile (each was a crash, a wrong reason or a lost amount).
BUGS_CAUGHT = [
    pytest.param(
        b'<?xml version="1.0" encoding="utf-8"?><html><body><p>\xc2\xa35m ok</p></body></html>',
        None,
        "£5m ok",
        id="xml-declaration-was-parse-error",
    ),
    pytest.param(
        '<meta charset="utf-16"><p>£5m – ok</p>'.encode("cp1252"),
        None,
        "£5m – ok",
        id="meta-utf16-over-cp1252-was-garbage",
    ),
    pytest.param("<p>£5m – ok</p>".encode("cp1252"), "shift_jis", "£5m – ok", id="header-shift-jis-lie"),
    pytest.param("<p>\u200f£\u200e5m\u202c ok</p>".encode(), None, "£5m ok", id="bidi-marks-hid-the-amount"),
    pytest.param(b"<p>\xc2\xa3\x01\x1b5m\x7f ok</p>", None, "£5m ok", id="controls-kept-in-text"),
    pytest.param("<p>£5m ok</p>".encode("utf-16"), None, "£5m ok", id="utf16-bom-read-as-cp1252"),
    pytest.param("<p>£５m\u2028ok</p>".encode(), None, "£5m ok", id="full-width-digit-and-line-separator"),
]


@pytest.mark.parametrize(("data", "charset", "text"), BUGS_CAUGHT)
def test_bugs_caught(data: bytes, charset: str | None, text: str) -> None:
    assert parse_html(data, "x", charset=charset).text == text


@pytest.mark.parametrize("markup", [b"<div><p></p></div>", b"<!-- only a comment -->", b"<script>x</script>"])
def test_markup_without_visible_text_is_an_empty_document(markup: bytes) -> None:
    with pytest.raises(EmptyDocument):
        parse_html(markup, "x")


def test_binary_bytes_are_unsupported() -> None:
    with pytest.raises(UnsupportedDocument) as info:
        parse_html(bytes(range(256)) * 4, "x.html")
    assert info.value.reason == "unsupported_document"


def test_str_input_with_a_lone_surrogate_keeps_what_follows() -> None:
    assert parse_html("<p>a\ud800b £5m</p>", "x").text == "a\ufffdb £5m"


def test_a_link_span_holds_only_the_link_text_not_the_spaces_around_it() -> None:
    """Bug caught by fuzzing: '<a> 0</a>' gave a span starting at the space."""
    doc = parse_html(b'<p>PCD 1234 Community Grants<a href="/pcd-1.pdf"> 0 </a>more</p>', "x")
    (link,) = doc.links
    assert doc.text[link.start : link.end] == link.text == "0"


def test_a_table_that_lays_out_the_page_reads_as_blocks_not_as_one_data_row() -> None:
    """Bug caught by a probe page: an old CMS page inside one <table> lost every line break, so its
    labels, code and list items ran into one line."""
    page = b"""<table><tr><td><font size=4><b>PCD 9501 Station Lease</b></font></td></tr>
    <tr><td><b>Reference code:</b><br>PCD 9501<br><br><b>Decision by:</b><br>Jo Example<br>
    <p>The DMPC is recommended to:</p><p>1.&nbsp;&nbsp;Approve the lease.</p></td></tr></table>"""
    doc = parse_html(page, "x")
    lines = [line for line in doc.text.split("\n") if line.strip()]
    assert lines[:5] == [
        "PCD 9501 Station Lease", "Reference code:", "PCD 9501", "Decision by:", "Jo Example"
    ]  # fmt: skip
    assert "1.\xa0\xa0Approve the lease." in doc.text or "1. Approve the lease." in doc.text
    assert not any(b.kind == "table" for b in doc.blocks)


def test_a_data_table_stays_a_table() -> None:
    page = "<table><tr><th>Item</th><th>£000</th></tr><tr><td>Staff</td><td>365</td></tr></table>"
    doc = parse_html(page.encode(), "x")
    assert [b.kind for b in doc.blocks] == ["table"]
    assert doc.blocks[0].rows == (("Item", "£000"), ("Staff", "365"))
