"""The golden snapshot of a PDF fixture: its parse, table lines and signature as plain JSON data.

Shared by the golden test (which compares) and make_fixtures.py --golden (which writes).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractors.signature import read_signature
from extractors.table_lines import find_table_lines
from pipeline.parse.pdf import parse_pdf


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | date):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def snapshot(path: Path) -> dict[str, Any]:
    doc = parse_pdf(path.read_bytes(), path.name)
    signature = read_signature(doc.text)
    return {
        "pages": doc.pages,
        "title": doc.title,
        "warnings": list(doc.warnings),
        "text": doc.text.split("\n"),
        "blocks": [
            {k: _plain(v) for k, v in dataclasses.asdict(b).items() if v not in ((), "")} for b in doc.blocks
        ],
        "table_lines": [
            {k: _plain(v) for k, v in dataclasses.asdict(t).items()} for t in find_table_lines(doc)
        ],
        "signature": {k: _plain(v) for k, v in dataclasses.asdict(signature).items()} if signature else None,
    }
