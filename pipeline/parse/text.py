"""Saved page text (a browser's "select all, copy", the form of ``../shared/corpus``) → Document.

The text is kept exactly as given (so spans point into it); blocks are its non-empty lines, with list
markers ("1.", "•", "-", "a)") recognised so the document model matches what the HTML parser builds.
"""

from __future__ import annotations

import re

from pipeline.errors import EmptyDocument
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


def parse_text(data: bytes | str, source: str) -> Document:
    """Index saved page text by line.

    >>> doc = parse_text("Title\\n\\n  1. Approve £5m\\n", "x")
    >>> [(b.kind, b.marker, doc.text[b.start:b.end]) for b in doc.blocks]
    [('paragraph', '', 'Title'), ('list_item', '1.', '  1. Approve £5m')]
    """
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise EmptyDocument(f"{source}: the text is empty", source=source)
    blocks: list[Block] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        m = _ITEM.match(line)
        if m:
            depth = len(m.group("indent").expandtabs(4)) // 4
            blocks.append(Block("list_item", stripped, start, end, level=depth, marker=m.group("marker")))
        else:
            blocks.append(Block("paragraph", stripped, start, end))
    return Document(source=source, kind="text", text=text, blocks=tuple(blocks))
