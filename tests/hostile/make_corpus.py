"""Generate the hostile-input corpus of tests/hostile/, byte for byte the same on every run.

    .venv/bin/python tests/hostile/make_corpus.py            # rewrite tests/hostile/corpus/ (small files)
    .venv/bin/python tests/hostile/make_corpus.py --big DIR  # also write the big cases into DIR

Small cases (a few KB each) are committed under ``corpus/``; ``test_hostile.py`` checks that they are
exactly what this script makes, so an edit here without a re-run fails. Big cases (20 MB of nested tags,
a 2,000-page PDF, a PDF whose content stream inflates to 64 MB) are made at test time into a temporary
directory by :data:`BIG`. Every text is our own, shaped like a decision of the archive; PDFs are written
object by object (:func:`raw_pdf`) so each defect is exactly the one named, or by reportlab with
``invariant=1`` where encryption is needed.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"

# -- decision text (invented) --------------------------------------------------------------------------

# Every character Unicode counts as a space (Zs), plus tab and the zero-width space that CMSs leave.
SPACES = (
    "\t", " ", "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006",
    "\u2007", "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000",
)  # fmt: skip
# Every dash a word processor or CMS puts between two ends of a range.
DASHES = (
    "-",
    "\u2010",
    "\u2011",
    "\u2012",
    "\u2013",
    "\u2014",
    "\u2015",
    "\u2212",
    "\ufe58",
    "\ufe63",
    "\uff0d",
)
# Invisible format characters: bidi marks, embeddings, overrides and isolates, zero-width joiners, BOM.
INVISIBLE = ("\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
             "\u2068", "\u2069", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")  # fmt: skip


def decision_html(code: str, title: str, amount: str = "£1,250,000", *, head: str = "", pdf: str = "") -> str:
    """A 2018-22 style decision page: key information, summary, one recommendation, a PDF link."""
    link = f'<h2>Signed decision document</h2><p><a href="{pdf}">{code} {title}</a></p>' if pdf else ""
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{code} {title}</title></head><body>"
        f"<h1>{code} {title}</h1><h2>Key information</h2><p>Reference code: {code}</p>"
        "<p>Date signed:</p><p>Decision by: Sophie Linden, Deputy Mayor, Policing and Crime</p>"
        "<h2>Executive summary</h2>"
        f"<p>This decision seeks approval to fund neighbourhood watch coordinators – {amount} in 2022/23 – "
        "so that volunteers are trained across every borough.</p>"
        "<p>The Deputy Mayor for Policing and Crime is recommended to:</p>"
        f"<ol><li>Approve expenditure of {amount} on the coordinators’ programme.</li></ol>"
        f"{link}</body></html>"
    )


def decision_text(code: str, body: str) -> str:
    """Saved page text (a browser's "copy all") of a decision whose summary is ``body``."""
    return (
        f"{code} Hostile Text Check\n\nKey information\n\nReference code: {code}\n\nDate signed:\n\n"
        f"Decision by: Sophie Linden, Deputy Mayor, Policing and Crime\n\nExecutive summary\n\n{body}\n"
    )


def spaces_text() -> str:
    lines = [
        f"Line {i}: the grant is £{sp}95,000 and the{sp}pilot costs £4{sp}m." for i, sp in enumerate(SPACES)
    ]
    return decision_text("PCD 9201", "\n".join(lines))


def dashes_text() -> str:
    lines = [f"Range {i}: between £10k{d}£20k a year." for i, d in enumerate(DASHES)]
    return decision_text("PCD 9202", "\n".join(lines))


def rtl_text() -> str:
    marks = "".join(INVISIBLE)
    body = (
        f"Approve \u200f£\u200e5m\u200f for the pilot{marks}.\n"
        "Reference\u200e code\u200f: PCD\u2066 9203\u2069\n"
        "\u202eThe override ends here\u202c and £2,000 follows."
    )
    return decision_text("PCD 9203", body)


# -- PDFs, object by object ------------------------------------------------------------------------------


def raw_pdf(objects: list[bytes], *, root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF of ``objects`` (numbered from 1) with a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer,
        xref,
    )
    return bytes(out)


def stream(data: bytes, *, flate: bool = False, extra: bytes = b"") -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def text_ops(lines: list[str], *, size: int = 11, top: int = 760) -> bytes:
    """Content-stream operators drawing ``lines`` in Helvetica (WinAnsi, so £ and – print)."""
    ops = [b"BT /F1 %d Tf %d TL 72 %d Td" % (size, size + 4, top)]
    for line in lines:
        escaped = line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"(%s) Tj T*" % escaped)
    ops.append(b"ET")
    return b"\n".join(ops)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
FORM_LINES = [
    "DMPC Decision - PCD 9301",
    "Title: Neighbourhood Watch Coordinators",
    "The Deputy Mayor for Policing and Crime is recommended to:",
    "1. Approve expenditure of £1,250,000 on coordinators in 2022/23.",
    "Signature   Sophie Linden   Date 03/04/2022",
]


def pages_pdf(
    contents: list[bytes],
    *,
    catalog_extra: bytes = b"",
    extra_objects: tuple[bytes, ...] = (),
    resources: bytes = b"/Font << /F1 3 0 R >>",
) -> bytes:
    """A PDF with one page per content stream; objects 1-3 are catalog, page tree and font, then
    ``extra_objects`` (numbered from 4), then page and content pairs."""
    first = 4 + len(extra_objects)
    kids = b" ".join(b"%d 0 R" % (first + 2 * i) for i in range(len(contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R %s>>" % catalog_extra,
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
        FONT,
        *extra_objects,
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >> "
            b"/Contents %d 0 R >>" % (resources, first + 2 * i + 1)
        )
        objects.append(content)
    return raw_pdf(objects)


def form_pdf() -> bytes:
    """A readable one-page decision form: the baseline the defective PDFs are made from."""
    return pages_pdf([stream(text_ops(FORM_LINES))])


def truncated_pdf() -> bytes:
    whole = form_pdf()
    return whole[: len(whole) * 3 // 5]  # cut mid-download: no xref, no %%EOF


def truncated_with_eof_pdf() -> bytes:
    """Cut inside the content stream, then an ``%%EOF`` glued on (a resumed download gone wrong)."""
    whole = form_pdf()
    cut = whole.index(b"stream\n") + 40
    return whole[:cut] + b"\n%%EOF\n"


def broken_xref_pdf() -> bytes:
    """Every xref offset and the startxref pointer wrong: readers must rebuild the table by scanning."""
    whole = form_pdf()
    head, _, tail = whole.partition(b"xref\n")
    entries, _, trailer = tail.partition(b"trailer\n")
    wrong = b"\n".join(
        b"%010d 00000 n " % (int(e[:10]) + 7) if e.endswith(b" n ") else e for e in entries.split(b"\n")
    )
    trailer = trailer.replace(b"startxref\n%d" % len(head), b"startxref\n%d" % (len(head) + 999))
    return head + b"xref\n" + wrong + b"trailer\n" + trailer


def javascript_pdf() -> bytes:
    """A decision form with JavaScript run on open and named in the document's JavaScript tree."""
    js = (
        b"<< /S /JavaScript /JS (app.alert\\('PCD 6666 costs \\2439m'\\); "
        b"this.submitForm\\('http://elsewhere.invalid/'\\);) >>"
    )
    return pages_pdf(
        [stream(text_ops(FORM_LINES))],
        catalog_extra=b"/OpenAction 4 0 R /Names << /JavaScript << /Names [(run) 4 0 R] >> >> ",
        extra_objects=(js,),
    )


def image_only_pdf() -> bytes:
    """A scan: one grey raster image filling the page, no text objects at all."""
    width, height = 16, 16
    pixels = bytes((x * 16 + y) % 256 for y in range(height) for x in range(width))
    image = stream(
        pixels,
        extra=b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8" % (width, height),
    )
    return pages_pdf(
        [stream(b"q 500 0 0 700 50 70 cm /Im1 Do Q")],
        extra_objects=(image,),
        resources=b"/XObject << /Im1 4 0 R >>",
    )


def encrypted_pdf(user_password: str = "open-sesame") -> bytes:
    """reportlab's RC4 encryption; with an empty user password any reader may open it (owner-only lock)."""
    import io

    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner-secret", canModify=0)
    c = Canvas(buf, invariant=1, encrypt=enc)
    y = 760
    for line in FORM_LINES:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


def many_pages_pdf(pages: int = 2000) -> bytes:
    """``pages`` pages, each a short numbered paragraph: the page cap must stop the read, not the clock."""
    contents = [
        stream(
            text_ops([f"Appendix sheet {n}: spending line {n} is £{n},000."], top=420)
            if n > 1
            else text_ops(FORM_LINES)
        )
        for n in range(1, pages + 1)
    ]
    return pages_pdf(contents)


def bomb_pdf(inflated: int = 64 * 1024 * 1024) -> bytes:
    """A page whose content stream is a few KB compressed and ``inflated`` bytes decompressed
    (mostly spaces after the real text): a zip bomb in miniature."""
    content = text_ops(FORM_LINES) + b"\n" + b" " * (inflated - len(text_ops(FORM_LINES)) - 1)
    return pages_pdf([stream(content, flate=True)])


# -- HTML ------------------------------------------------------------------------------------------------


def nested_tags_html(size: int = 20 * 1024 * 1024) -> bytes:
    """A decision page whose body is ``size`` bytes of ever deeper ``<div><span>``, an amount inside."""
    unit_open, unit_close = b"<div><span>", b"</span></div>"
    depth = size // (len(unit_open) + len(unit_close))
    page = decision_html("PCD 9401", "Deep Markup").encode()
    head, _, tail = page.partition(b"</body>")
    return head + unit_open * depth + "deep £7m".encode() + unit_close * depth + b"</body>" + tail


def _meta(charset: str) -> str:
    return f'<meta charset="{charset}">'


# name → bytes. Names say what is wrong; the expected outcome of each is in test_hostile.py.
SMALL: dict[str, Callable[[], bytes]] = {
    # zero bytes of every kind
    "empty.html": lambda: b"",
    "empty.pdf": lambda: b"",
    "empty.txt": lambda: b"",
    "whitespace_only.html": lambda: b" \r\n\t \n",
    "markup_only.html": lambda: b"<html><head><title>t</title></head><body><div><p></p></div></body></html>",
    "comment_only.html": lambda: b"<!-- nothing but a comment -->",
    # encodings
    "cp1252_undeclared.html": lambda: decision_html("PCD 9101", "Windows Bytes").encode("cp1252"),
    "latin1_declared.html": lambda: decision_html("PCD 9102", "Latin Label", head=_meta("iso-8859-1")).encode(
        "cp1252"
    ),
    "lying_meta_utf8.html": lambda: decision_html("PCD 9103", "Says UTF-8", head=_meta("utf-8")).encode(
        "cp1252"
    ),
    "lying_meta_latin1.html": lambda: decision_html(
        "PCD 9104", "Says Latin", head=_meta("iso-8859-1")
    ).encode(),
    "lying_meta_utf16.html": lambda: decision_html("PCD 9105", "Says UTF-16", head=_meta("utf-16")).encode(
        "cp1252"
    ),
    "lying_meta_shift_jis.html": lambda: decision_html(
        "PCD 9106", "Says Shift JIS", head=_meta("shift_jis")
    ).encode("cp1252"),
    "unknown_charset.html": lambda: decision_html(
        "PCD 9107", "Made Up Charset", head=_meta("x-no-such-charset")
    ).encode("cp1252"),
    "utf16_bom.html": lambda: decision_html("PCD 9108", "Notepad Unicode").encode("utf-16"),
    "utf8_bom.html": lambda: "\ufeff".encode() + decision_html("PCD 9109", "Byte Order Mark").encode(),
    "nul_bytes.html": lambda: decision_html("PCD 9110", "Nul Bytes").encode().replace(b"<p>", b"<p>\x00\x00"),
    "xml_declaration.html": lambda: (
        b'<?xml version="1.0" encoding="utf-8"?>\n' + decision_html("PCD 9111", "XHTML Page").encode()
    ),
    "control_chars.html": lambda: decision_html(
        "PCD 9112", "Control Characters", amount="£\x01\x1b1,250,000\x7f\x85"
    ).encode(),
    "bidi_marks.html": lambda: decision_html(
        "PCD 9113", "Bidi Marks", amount="\u200f£\u200e1,250,000\u202c"
    ).encode(),
    "pound_entity.html": lambda: decision_html(
        "PCD 9114", "Pound Entity", amount="&pound;1,250,000"
    ).encode(),
    "mojibake.html": lambda: decision_html("PCD 9115", "Mojibake", amount="Â£1,250,000").encode(),
    "gbp.html": lambda: decision_html("PCD 9116", "Currency Code", amount="GBP 1,250,000").encode(),
    "not_html.html": lambda: bytes(range(256)) * 4,
    "not_a_decision.html": lambda: (
        b"<html><head><title>Page not found</title></head><body><h1>Page not found"
        b"</h1><p>The page you asked for has moved or never existed.</p></body></html>"
    ),
    # text
    "every_space.txt": lambda: spaces_text().encode(),
    "every_dash.txt": lambda: dashes_text().encode(),
    "rtl_marks.txt": lambda: rtl_text().encode(),
    "pound_entity.txt": lambda: decision_text("PCD 9204", "Approve &pound;5m for the pilot.").encode(),
    "mojibake.txt": lambda: decision_text("PCD 9205", "Approve Â£5m for the pilot.").encode(),
    "gbp.txt": lambda: decision_text("PCD 9206", "Approve GBP 5,000,000 for the pilot.").encode(),
    "cp1252.txt": lambda: decision_text("PCD 9207", "Approve £5m – in 2022/23 – for the pilot.").encode(
        "cp1252"
    ),
    "utf16_bom.txt": lambda: decision_text("PCD 9208", "Approve £5m for the pilot.").encode("utf-16"),
    "line_separators.txt": lambda: decision_text(
        "PCD 9209", "Approve £5m\u2028for the pilot.\u2029Note £2m\x0bspent\x0cin 2021/22.\x85Done\x1c."
    ).encode(),
    # PDFs
    "form.pdf": form_pdf,
    "truncated.pdf": truncated_pdf,
    "truncated_with_eof.pdf": truncated_with_eof_pdf,
    "broken_xref.pdf": broken_xref_pdf,
    "javascript.pdf": javascript_pdf,
    "image_only.pdf": image_only_pdf,
    "encrypted.pdf": encrypted_pdf,
    "encrypted_owner_only.pdf": lambda: encrypted_pdf(""),
    "html_error_page.pdf": lambda: b"<html><body><h1>404 Not Found</h1></body></html>",
    "garbage_after_header.pdf": lambda: b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n",
}

# Big cases: made at test time (seconds), never committed.
BIG: dict[str, Callable[[], bytes]] = {
    "nested_tags_20mb.html": nested_tags_html,
    "pages_2000.pdf": many_pages_pdf,
    "bomb_64mb.pdf": bomb_pdf,
}


def write(cases: dict[str, Callable[[], bytes]], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for name, make in cases.items():
        path = out / name
        path.write_bytes(make())
        made.append(path)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--big", type=Path, metavar="DIR", help="also write the big cases into DIR")
    args = parser.parse_args(argv)
    made = write(SMALL, CORPUS)
    if args.big:
        made += write(BIG, args.big)
    for path in made:
        sys.stdout.write(f"wrote {path} ({path.stat().st_size} bytes)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
