"""find_table_lines: one record per figure of a financial table, from table blocks (HTML, PDF) and from
tables shown one cell per line (saved page text).

Texts and rows are our own, in the shapes the archive prints: `(£000)` headers, bulleted row labels,
"Areas of underspend" section rows, `-450` and `(450)` negatives, a Total row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from extractors.table_lines import find_table_lines
from pipeline.parse.model import Block, Document
from pipeline.parse.text import parse_text
from tests.conftest import SHARED

SEED = SHARED / "seed" / "pcd-1240.txt"


def _table_doc(rows: tuple[tuple[str, ...], ...], caption: str = "", pages: tuple[int, ...] = ()) -> Document:
    """A document of an optional caption paragraph then one table block, laid out as the parsers do."""
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    if caption:
        blocks.append(Block("paragraph", caption, 0, len(caption)))
        parts.append(caption + "\n\n")
        pos = len(caption) + 2
    text = "\n\n".join(c for row in rows for c in row if c)
    blocks.append(
        Block("table", text, pos, pos + len(text), rows=rows, row_pages=pages, page=1 if pages else None)
    )
    parts.append(text)
    return Document(source="t", kind="pdf" if pages else "html", text="".join(parts), blocks=tuple(blocks))


@dataclass(frozen=True)
class Want:
    label: str
    column: str
    value: str
    year: str | None = None
    total: bool = False
    page: int | None = None


@dataclass(frozen=True)
class Case:
    id: str
    doc: Document
    want: tuple[Want, ...]


BLOCK_CASES = [
    Case(
        "thousands-header-scales-negatives-both-forms",
        _table_doc(
            (
                ("Cost area", "2023/24 (£000)", "2024/25 (£000)"),
                ("Staff", "1,250", "-450"),
                ("Returned", "(45)", "0"),
                ("Total", "1,205", "(450)"),
            )
        ),
        (
            Want("Staff", "2023/24 (£000)", "1250000", "2023/24"),
            Want("Staff", "2024/25 (£000)", "-450000", "2024/25"),
            Want("Returned", "2023/24 (£000)", "-45000", "2023/24"),
            Want("Returned", "2024/25 (£000)", "0", "2024/25"),
            Want("Total", "2023/24 (£000)", "1205000", "2023/24", total=True),
            Want("Total", "2024/25 (£000)", "-450000", "2024/25", total=True),
        ),
    ),
    Case(
        "caption-names-the-scale-and-year",
        _table_doc(
            (("Item", "Amount"), ("Licences", "120"), ("Hosting", "(35)")), caption="Costs in 2022/23 (£k):"
        ),
        (Want("Licences", "Amount", "120000", "2022/23"), Want("Hosting", "Amount", "-35000", "2022/23")),
    ),
    Case(
        "pounds-printed-in-cells-no-scale",
        _table_doc((("Phase", "Cost"), ("Design", "£36,210.00"), ("Build", "£1.2m"))),
        (Want("Design", "Cost", "36210.00"), Want("Build", "Cost", "1200000.0")),
    ),
    Case(
        "stitched-pdf-table-keeps-each-row-page",
        _table_doc((("Line", "£000"), ("First", "10"), ("Second", "-20")), pages=(2, 2, 3)),
        (Want("First", "£000", "10000", page=2), Want("Second", "£000", "-20000", page=3)),
    ),
    Case(
        "not-money-no-lines",
        _table_doc((("Milestone", "Date"), ("Go live", "2023"), ("Review", "2024"))),
        (),
    ),
]

CELL_PER_LINE = (
    "Financial Comments\n\nThe changes to the budget are:\n\nAreas of additional investment\n\n"
    "Amount in 2021/22 (£000)\n\n  • Dashboard hosting\n\n365\n\n  • Licence costs\n\n60\n\n"
    "Areas of underspend\n\n \n\n  • Running cost profile changes\n\n-450\n\nTotal\n\n(25)\n\n"
    "  1. The grant is administered by the finance team.\n"
)

TEXT_CASES = [
    Case(
        "one-cell-per-line-with-section-row",
        parse_text(CELL_PER_LINE, "t"),
        (
            Want("Dashboard hosting", "Amount in 2021/22 (£000)", "365000", "2021/22"),
            Want("Licence costs", "Amount in 2021/22 (£000)", "60000", "2021/22"),
            Want("Running cost profile changes", "Amount in 2021/22 (£000)", "-450000", "2021/22"),
            Want("Total", "Amount in 2021/22 (£000)", "-25000", "2021/22", total=True),
        ),
    ),
    Case(
        "one-cell-per-line-two-year-columns",
        parse_text(
            "Cost area\n\n2023/24 (£000)\n\n2024/25 (£000)\n\nStaff\n\n100\n\n(20)\n\nTotal\n\n100\n\n-20\n",
            "t",
        ),
        (
            Want("Staff", "2023/24 (£000)", "100000", "2023/24"),
            Want("Staff", "2024/25 (£000)", "-20000", "2024/25"),
            Want("Total", "2023/24 (£000)", "100000", "2023/24", total=True),
            Want("Total", "2024/25 (£000)", "-20000", "2024/25", total=True),
        ),
    ),
    Case(
        "numbered-paragraphs-are-no-table",
        parse_text("Recommendations\n\n1.\n\nApprove the grant.\n\n2019\n\nSee PCD 12.\n\n2020\n", "t"),
        (),
    ),
]


@pytest.mark.parametrize("case", BLOCK_CASES + TEXT_CASES, ids=lambda c: c.id)
def test_find_table_lines(case: Case) -> None:
    got = find_table_lines(case.doc)
    assert [
        Want(t.label, t.column, format(t.value, "f"), t.financial_year, t.is_total, t.page) for t in got
    ] == list(case.want)
    for t in got:
        assert case.doc.text[t.start : t.end] == t.raw  # each figure points at its cell


@pytest.mark.skipif(not SEED.exists(), reason="the seed page is not beside this checkout")
def test_seed_page_cell_per_line_table() -> None:
    """The seed page (saved text of PCD 1240) shows its £000 table one cell per line."""
    doc = parse_text(SEED.read_bytes(), "pcd-1240.txt")
    lines = find_table_lines(doc)
    assert len(lines) == 11
    assert sum(t.value for t in lines if not t.is_total) == Decimal(1_183_000)
    assert [t.value for t in lines if t.value < 0] == [Decimal(-450_000), Decimal(-300_000)]
    assert [t.value for t in lines if t.is_total] == [Decimal(1_183_000)]
    assert {t.financial_year for t in lines} == {"2021/22"}
