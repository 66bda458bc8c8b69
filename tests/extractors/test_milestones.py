"""extractors/milestones.py: only framed milestones (a framing line, a milestones heading or dated
deliverables), with status and from/to periods; nothing invented where a page has none."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.milestones import find_milestones

END = "\n\nLegal Comments\n\nMOPAC may do this.\n"


class Case(NamedTuple):
    id: str
    text: str
    items: list[str]
    status: str | None = None  # status of every item, where the case checks it
    periods: tuple[str | None, str | None] | None = None  # (from, to) of every item
    dues: list[str | None] | None = None


FROM_SEED = [
    Case(
        "seed-carried-over",
        "  1. The following Q4 2021/22 milestones will be carried over to 2022/23: \n\n"
        "  1. Integration Hub – northern forces go live \n\n  1. Integration Hub – API pilot \n\n"
        "  1. Legal Comments  \n\n  1. MOPAC is a contracting authority.\n",
        ["Integration Hub – northern forces go live", "Integration Hub – API pilot"],
        "carried_over",
        ("Q4 2021/22", "2022/23"),
    ),
]

FROM_SAMPLES = [
    Case(
        "rescheduled-dashed",
        "The milestones below have been rescheduled from Q3 2022/23 to Q1 2023/24:\n"
        "- Phase 1 launch\n- Phase 2 launch" + END,
        ["Phase 1 launch", "Phase 2 launch"],
        "rescheduled",
        ("Q3 2022/23", "Q1 2023/24"),
    ),
    Case(
        "moved-numbered",
        "The Q2 2023/24 milestones move to 2024/25:\n1. Go live\n2. Pilot" + END,
        ["Go live", "Pilot"],
        "rescheduled",
        ("Q2 2023/24", "2024/25"),
    ),
    Case(
        "heading-tabbed-table",
        "Milestones\nMilestone\tDate\nContract award\tMarch 2023\nGo live\tQ2 2023/24" + END,
        ["Contract award", "Go live"],
        "planned",
        (None, None),
        ["March 2023", "Q2 2023/24"],
    ),
    Case(
        "heading-cells-on-lines",
        "Key milestones\nMilestone\nDate\nContract award\nMarch 2023\nGo live\nQ2 2023/24" + END,
        ["Contract award", "Go live"],
        dues=["March 2023", "Q2 2023/24"],
    ),
    Case(
        "dated-deliverables-only-dated",
        "The deliverables are:\n1. Training by 31 March 2023\n2. New website\n"
        "3. Evaluation by Spring 2024" + END,
        ["Training by 31 March 2023", "Evaluation by Spring 2024"],
        dues=["31 March 2023", "Spring 2024"],
    ),
    Case(
        "timeline-dated-rows",
        "Timeline\nProcurement starts: April 2023\nAward: June 2023" + END,
        ["Procurement starts: April 2023", "Award: June 2023"],
    ),
    Case(
        "plain-deliverables-are-not-milestones",
        "The grant deliverables are:\n1. Train staff\n2. Build a website" + END,
        [],
    ),
    Case(
        "dates-in-prose-are-not-milestones",
        "The project will go live in March 2023. The budget is £5m." + END,
        [],
    ),
    Case(
        "milestone-word-in-prose",
        "A key milestone was reached in March 2022 when the pilot went live." + END,
        [],
    ),
    Case("no-text", "", []),
]

BUGS_CAUGHT = [
    # prose under a timescales heading was read as a milestone row
    Case(
        "prose-under-timescales",
        "Timescales\nThe project will complete in March 2024 subject to the procurement "
        "finishing on time." + END,
        [],
    ),
    Case("prose-under-milestones", "Milestones\nThe project has no fixed milestones yet." + END, []),
    # a multi-cell header row ("Milestone<TAB>Date") was read as the first milestone
    Case(
        "multi-cell-header-row",
        "Milestones\nMilestone\tTarget date\nPilot ends\tJune 2023" + END,
        ["Pilot ends"],
        dues=["June 2023"],
    ),
    # probe set: column headings of a one-cell-per-line table after a framing sentence (not a heading),
    # and headings other than "Target date", were read as milestones
    Case(
        "one-cell-per-line-headings-after-framing",
        "The key milestones are:\n\nMilestone\n\nOriginal date\n\nRevised date\n\nKit delivered\n\n"
        "Q3 2023/24\n\nQ1 2024/25\n\nTraining complete\n\nQ4 2023/24\n\nQ2 2024/25" + END,
        ["Kit delivered", "Training complete"],
    ),
    # probe 4: a timeline of date-first deliverables under a lead-in sentence gave nothing
    Case(
        "date-first-timeline-after-a-lead-in",
        "Timeline\nThe work will follow this timeline:\n• June 2025 – supplier appointed\n"
        "• January 2026 – new system live in all areas" + END,
        ["June 2025 – supplier appointed", "January 2026 – new system live in all areas"],
        dues=["June 2025", "January 2026"],
    ),
    Case(
        "lead-in-without-a-framing-word-under-a-heading",
        "Key dates\nThe programme runs as follows:\n- Survey complete by May 2025\n"
        "- Report published in Autumn 2025\n- Lessons shared with partners" + END,
        ["Survey complete by May 2025", "Report published in Autumn 2025"],
    ),
    # probe 4: a long last item ending in ")" was taken for a sentence and dropped
    Case(
        "long-item-ending-in-a-bracket",
        "The project milestones are:\n• Q1 2025/26: pilot starts\n• Q2 2025/26: pilot ends\n"
        "• Q3 2025/26: full rollout across all twelve areas (moved from Q2 to Q3 2025/26)" + END,
        [
            "Q1 2025/26: pilot starts",
            "Q2 2025/26: pilot ends",
            "Q3 2025/26: full rollout across all twelve areas (moved from Q2 to Q3 2025/26)",
        ],
    ),
    # probe 4: the owner cells of a three-column table, one cell per line, came out as milestones
    Case(
        "owner-column-one-cell-per-line",
        "Milestones\nMilestone\nLead\nDate\nVendor chosen\nProcurement team\nMay 2025\n"
        "Staff trained\nLearning unit\nSeptember 2025" + END,
        ["Vendor chosen", "Staff trained"],
        dues=["May 2025", "September 2025"],
    ),
    Case(
        "owner-column-in-tabbed-rows",
        "Milestones\nMilestone\tOwner\tDue\nContract signed\tCommercial team\tJuly 2025" + END,
        ["Contract signed"],
        dues=["July 2025"],
    ),
    Case(
        "pipe-edged-rows",
        "Milestones\n| Milestone | Due |\n| Go live | March 2026 |\n| Review | June 2026 |" + END,
        ["Go live", "Review"],
        dues=["March 2026", "June 2026"],
    ),
    # probe 5: milestones listed in one sentence after a colon, split by ";", gave nothing
    Case(
        "inline-list-after-a-colon",
        "  1. The tender took longer than planned. Key milestones: supplier chosen in May 2025; "
        "system live in January 2026; contract review in 2027/28. \n\n  1. Costs are met from budget." + END,
        ["supplier chosen in May 2025", "system live in January 2026", "contract review in 2027/28"],
        "planned",
        dues=["May 2025", "January 2026", "2027/28"],
    ),
    Case(
        "inline-list-with-a-joining-and",
        "Funding is paid in stages. The milestones for the grant are: first payment in June 2025; "
        "mid-point review in March 2026; and final report in Autumn 2027." + END,
        ["first payment in June 2025", "mid-point review in March 2026", "final report in Autumn 2027"],
    ),
    Case(
        "inline-list-wrapped-over-lines",
        "The revised milestones are: pilot ends in\nQ2 2025/26; rollout completes in Q4 2025/26;\n"
        "evaluation published in Q1 2026/27." + END,
        ["pilot ends in Q2 2025/26", "rollout completes in Q4 2025/26", "evaluation published in Q1 2026/27"],
        "rescheduled",
    ),
    Case(
        "inline-list-with-lettered-clauses",
        "Key milestones: (a) kit ordered by May 2025; (b) staff trained by July 2025." + END,
        ["kit ordered by May 2025", "staff trained by July 2025"],
    ),
    Case(
        "inline-deliverables-keep-only-the-dated",
        "The deliverables are: a new website; training for 200 staff by March 2026; a final report "
        "in June 2026." + END,
        ["training for 200 staff by March 2026", "a final report in June 2026"],
    ),
    Case(
        "one-clause-after-a-colon-is-a-sentence",
        "Progress against milestones: the pilot went live in March 2025 as planned." + END,
        [],
    ),
    Case(
        "semicolons-without-a-framing-word",
        "The profile of spend is: 2025/26 £0.9m; 2026/27 £1.0m; 2027/28 £0.8m." + END,
        [],
    ),
    Case(
        "timescale-prose-with-one-dated-clause",
        "The timescales are tight: procurement must finish by March 2026; otherwise the grant lapses." + END,
        [],
    ),
]

BUGS_CAUGHT += [
    # promoted from KNOWN_GAPS: one cell per line, a blank cell leaves no line; the date goes under
    # the date column, so the rows after it stay in step
    Case(
        "missing-owner-cell-one-cell-per-line",
        "Milestones\nMilestone\nOwner\nDate\nKit ordered\nFleet team\nMay 2025\nKit issued\n"
        "June 2025\nKit audited\nFleet team\nJuly 2025" + END,
        ["Kit ordered", "Kit issued", "Kit audited"],
    ),
    # probe 9: a blank date cell rendered as a lone non-breaking space lost the table's place and the
    # last row
    Case(
        "blank-date-cell-nbsp-line",
        "Milestones\n\nMilestone\u00a0\n\nDate\u00a0\n\nContract signed\n\nMay 2025\u00a0\n\n"
        "Training delivered to all teams\n\n\u00a0\n\nService review published\n\nMarch 2027" + END,
        ["Contract signed", "Training delivered to all teams", "Service review published"],
        dues=["May 2025", None, "March 2027"],
    ),
    Case(
        # the same blank date cell with no line at all: a long undated phrase under "Date" is a new row
        "blank-date-cell-no-line",
        "Milestones\n\nMilestone\n\nDate\n\nContract signed\n\nMay 2025\n\n"
        "Training delivered to all teams\n\nService review published by the board\n\nMarch 2027" + END,
        ["Contract signed", "Training delivered to all teams", "Service review published by the board"],
        dues=["May 2025", None, "March 2027"],
    ),
    Case(
        # a short undated word under "Date" is that row's date cell ("TBC"), not a new row
        "tbc-date-cell",
        "Milestones\n\nMilestone\n\nDate\n\nContract signed\n\nTBC\n\nGo live\n\nMay 2026" + END,
        ["Contract signed", "Go live"],
    ),
    # probe 9: bullets alone on their line with the text on the next; the blank lines between a bullet
    # and its text (one a stray non-breaking space) counted as the end of the list
    Case(
        "lone-bullets-text-below",
        "The proposed timetable is:\n\n  •\n\n  Tender published – May 2025\n\n  •\u00a0\n\n\u00a0\n\n"
        "  Contract awarded – October 2025\n\n  •\n\n  Service live – April 2026" + END,
        ["Tender published – May 2025", "Contract awarded – October 2025", "Service live – April 2026"],
        dues=["May 2025", "October 2025", "April 2026"],
    ),
]

KNOWN_GAPS = [
    # an inline list whose clauses are joined by commas, not ";": commas also sit inside clauses
    Case(
        "inline-list-split-by-commas",
        "Key milestones: award in May 2025, go-live in January 2026 and review in June 2027." + END,
        ["award in May 2025", "go-live in January 2026", "review in June 2027"],
    ),
    # framing stated as a sentence, not a lead-in ending in ":"
    Case(
        "framing-sentence-without-colon",
        "The following milestones have slipped to 2023/24.\n- Go live\n- Pilot" + END,
        ["Go live", "Pilot"],
    ),
]


def _params(cases: list[Case], *marks: pytest.MarkDecorator) -> list[object]:
    return [pytest.param(c, id=c.id, marks=marks) for c in cases]


@pytest.mark.parametrize(
    "case",
    [
        *_params(FROM_SEED),
        *_params(FROM_SAMPLES),
        *_params(BUGS_CAUGHT),
        *_params(KNOWN_GAPS, pytest.mark.xfail(strict=True)),
    ],
)
def test_find_milestones(case: Case) -> None:
    got = find_milestones(case.text)
    assert [m.text for m in got] == case.items
    if case.status is not None:
        assert {m.status for m in got} == {case.status}
    if case.periods is not None:
        assert {(m.from_period, m.to_period) for m in got} == {case.periods}
    if case.dues is not None:
        assert [m.due for m in got] == case.dues
    _check_spans(case.text)


def _check_spans(text: str) -> None:
    """Spans lie in the text, and every word of an item is read, in order, from its span."""
    for n, m in enumerate(find_milestones(text), 1):
        assert m.ordinal == n
        assert 0 <= m.start <= m.end <= len(text)
        raw, at = text[m.start : m.end], 0
        for word in m.text.split():
            found = raw.find(word, at)
            assert found >= 0, (word, raw)
            at = found + len(word)


# Property tests: framing lines, headings, markers and periods in any order.
_FRAGMENTS = st.sampled_from(
    [
        "Milestones\n",
        "Key dates\n",
        "Timeline\n",
        "The following Q4 2021/22 milestones will be carried over to ",
        "2022/23",
        "deliverables:",
        ":",
        "\n",
        "\n\n",
        "  1. ",
        "- ",
        "• ",
        "Go live",
        "March 2023",
        "\t",
        " | ",
        "Milestone\tDate\n",
        "Legal Comments\n",
        ".",
        " ",
        "rescheduled",
        "Q1 2023/24",
    ]
)
_TEXT = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=6)), max_size=30).map("".join)


@given(_TEXT)
def test_milestones_property(text: str) -> None:
    _check_spans(text)


@pytest.mark.fuzz
@settings(max_examples=10_000, deadline=None)
@given(_TEXT)
def test_milestones_fuzz(text: str) -> None:
    _check_spans(text)
