"""Saved page text (a browser's "select all, copy", the form of ``../shared/corpus``) → Document.

The text is kept as given but for what no reader sees, so spans point into ``Document.text`` and the
extractors meet the same characters whether a page came as HTML, PDF or saved text (:func:`clean_text`):
line ends become ``\\n``; NULs, control characters and invisible format characters (bidi marks and
overrides, zero-width spaces and joiners, soft hyphens, byte order marks) are dropped; every other kind
of space becomes a plain space. Blocks are the non-empty lines, with list markers ("1.", "•", "-", "a)")
recognised so the document model matches what the HTML parser builds.

Bytes are decoded by :func:`decode_text`: a byte order mark first, then UTF-8, then a declared charset
when it gives plausible text, then Windows-1252 (what "latin-1" means on the web).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from pipeline.errors import EmptyDocument, UnsupportedDocument
from pipeline.parse.model import Block, Document

_ITEM = re.compile(
    r"""
    ^(?P<indent>[ \t]*)                              # leading indentation = nesting
    (?P<marker>[•·▪◦●*\-–]                           # a bullet or dash
      | \d{1,3}[.)](?:\d{1,3}\.?)*                   # 1.  1)  1.1.
      | \(?[a-z][.)]                                 # a)  (a)  a.
      | \(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)]    # i)  (iv)
    )\s+(?=\S)
    """,
    re.VERBOSE,
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels browsers read as Windows-1252 (which has £, – and ’ where Latin-1 has C1 controls).
_CP1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii",
                            "windows-1252", "cp1252", "x-user-defined"})  # fmt: skip
# Characters a decision of an English archive never shows: a decoding that yields them is the wrong one
# (C1 controls, the replacement character, CJK, kana, hangul, half-width forms, private use).
_IMPLAUSIBLE = re.compile(
    "[\x80-\x9f\ufffd\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\ue000-\uf8ff\uff61-\uff9f]"
)
# Line breaks other than \n that Python's splitlines() would honour: each becomes one \n.
_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Spaces other than the plain one (Zs, and the unit separator Python counts as space): each becomes " ".
_SPACES = re.compile("[\x1f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Dropped: C0/C1 controls but tab and line breaks, DEL, soft hyphen, zero-width space/joiners, bidi marks,
# embeddings, overrides and isolates, word joiner and invisible operators, BOM, lone surrogates.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f\x80-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Compatibility forms a reader sees as their plain letters: full-width ASCII (U+FF01-FF5E), the small em
# dash and the small hyphen-minus. One character each way, so offsets do not move.
_COMPAT = re.compile("[\uff01-\uff5e\ufe58\ufe63]")  # a regex: str.translate is ~10x slower on big pages


def _plain(m: re.Match[str]) -> str:
    c = m.group()
    return "\u2014" if c == "\ufe58" else "-" if c == "\ufe63" else chr(ord(c) - 0xFEE0)


# Share of control bytes (NULs aside) above which a body is binary: text has ~0, compressed or random
# bytes ~10% (26 of 256 values).
_BINARY_SHARE = 0.05
_CONTROL_BYTES = bytes([*range(9), *range(14, 32), 127])  # control codes that are never text
_BINARY_MIN = 16  # and at least this many, so a short page with a few stray controls is still read


def decode_text(data: bytes, declared: Iterable[str | None] = ()) -> tuple[str, str]:
    """Bytes → (text, encoding used): a BOM, then UTF-8, then the first ``declared`` charset that decodes
    to plausible text, then Windows-1252. Raises UnsupportedDocument for binary data.

    A lying label (``latin-1`` over UTF-8 bytes, ``utf-16`` or ``shift_jis`` over Windows-1252 bytes) is
    outvoted: UTF-8 is tried first because legacy 8-bit text practically never is valid UTF-8, and a
    label whose decoding shows controls or scripts an English archive never prints is passed over.

    >>> decode_text("£5m".encode("utf-8"), ["iso-8859-1"])
    ('£5m', 'utf-8')
    >>> decode_text("£5m – ok".encode("cp1252"), ["shift_jis"])
    ('£5m – ok', 'cp1252')
    >>> decode_text("£5m".encode("utf-16"))
    ('£5m', 'utf-16-le')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    if _looks_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(encoding, errors="replace"), encoding
    data = data.replace(b"\x00", b"")  # stray NULs and NUL padding (a torn write) are not text
    head = data[:8192]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls >= _BINARY_MIN and controls / len(head) > _BINARY_SHARE:
        raise UnsupportedDocument("binary data, not text: too many of its first bytes are control codes")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for label in declared:
        enc = _encoding(label)
        if enc is None or enc in ("utf-8", "cp1252"):
            continue  # UTF-8 failed above; Windows-1252 is the fallback below
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _IMPLAUSIBLE.search(text):
            return text, enc
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # one of the five bytes Windows-1252 leaves undefined
        return data.decode("cp1252", errors="replace"), "cp1252"


def _encoding(label: str | None) -> str | None:
    """A charset label → a Python codec name, or None when the label is unknown or cannot apply to bytes
    that are readable as ASCII (UTF-16 and UTF-32 declared inside the document itself).

    >>> _encoding("ISO-8859-1"), _encoding("UTF-16"), _encoding("x-nonsense"), _encoding("Shift_JIS")
    ('cp1252', None, None, 'shift_jis')
    """
    if not label:
        return None
    low = label.strip().strip("\"'").lower().replace("_", "-")
    if low in _CP1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(low).name
    except LookupError:
        return None
    return None if name.startswith(("utf-16", "utf-32")) else name


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of the first 512 is NUL (ASCII text in UTF-16)."""
    head = data[:512]
    if len(head) < 8:
        return False
    return head[1::2].count(0) == len(head[1::2]) or head[0::2].count(0) == len(head[0::2])


def clean_text(text: str) -> str:
    r"""Text as a reader sees it: line breaks as ``\n``, any space as `` ``, full-width forms as ASCII,
    invisible characters gone.

    >>> clean_text("Approve \u200f£\u200e5m\u00a0now\r\nNext\u2028line\x00 £１０\ufe6320k")
    'Approve £5m now\nNext\nline £10-20k'
    """
    text = _SURROGATE.sub("\ufffd", text)
    text = _BREAKS.sub("\n", text.replace("\r\n", "\n"))
    text = _COMPAT.sub(_plain, _SPACES.sub(" ", text))
    return _INVISIBLE.sub("", text)


def parse_text(data: bytes | str, source: str) -> Document:
    """Index saved page text by line.

    >>> doc = parse_text("Title\\n\\n  1. Approve £5m\\n", "x")
    >>> [(b.kind, b.marker, doc.text[b.start:b.end]) for b in doc.blocks]
    [('paragraph', '', 'Title'), ('list_item', '1.', '1. Approve £5m')]
    """
    warnings: tuple[str, ...] = ()
    if isinstance(data, bytes):
        try:
            text, encoding = decode_text(data)
        except UnsupportedDocument as exc:
            raise UnsupportedDocument(
                f"{source}: {exc.message}; check the stored bytes", source=source
            ) from exc
        if encoding not in ("utf-8", "ascii"):
            warnings = (f"decoded as {encoding}",)
    else:
        text = data
    text = clean_text(text)
    if not text.strip():
        raise EmptyDocument(f"{source}: the text is empty", source=source)
    blocks: list[Block] = []
    pos = 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        start = line_start + len(line) - len(line.lstrip())  # the block's span is its visible text
        end = start + len(stripped)
        m = _ITEM.match(line)
        if m:
            depth = len(m.group("indent").expandtabs(4)) // 4
            blocks.append(Block("list_item", stripped, start, end, level=depth, marker=m.group("marker")))
        else:
            blocks.append(Block("paragraph", stripped, start, end))
    return Document(source=source, kind="text", text=text, blocks=tuple(blocks), warnings=warnings)
