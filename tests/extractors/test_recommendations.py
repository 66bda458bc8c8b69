"""extractors/recommendations.py: items in order with their verb, whatever the list shape, sub-items kept
inside their item, single asking sentences, 2025 labels and cut-off pages."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.recommendations import find_recommendations

LEAD = "Recommendation\n\nThe Deputy Mayor for Policing and Crime is recommended to:\n\n"
FACTS = "\n\nPART I - NON-CONFIDENTIAL FACTS AND ADVICE TO THE DMPC\n\n1. Introduction and background\n"


class Case(NamedTuple):
    id: str
    text: str
    items: list[str]  # item texts in order (whitespace collapsed, markers dropped)
    verbs: list[str | None] | None = None  # asking verb per item, where the case checks it


FROM_SEED = [
    Case(
        "seed-repeated-one",
        LEAD + "  1. Approve receipt of grant funding of £1,183,000 for 2021/22, and to note the revised "
        "milestones.\n\n  1. Delegate the variation to the Chief Finance Officer." + FACTS,
        [
            "Approve receipt of grant funding of £1,183,000 for 2021/22, and to note the revised milestones.",
            "Delegate the variation to the Chief Finance Officer.",
        ],
        ["approve", "delegate"],
    ),
]

FROM_SAMPLES = [
    Case(
        "numbered-dot",
        LEAD + "1. Approve the plan.\n2. Note the risks." + FACTS,
        ["Approve the plan.", "Note the risks."],
        ["approve", "note"],
    ),
    Case(
        "numbered-paren",
        LEAD + "1) Approve £5m for the hub;\n2) Agree the terms." + FACTS,
        ["Approve £5m for the hub;", "Agree the terms."],
        ["approve", "agree"],
    ),
    Case(
        "lettered",
        LEAD + "a) Approve the grant;\nb) Note the plan." + FACTS,
        ["Approve the grant;", "Note the plan."],
    ),
    Case(
        "roman",
        LEAD + "i. Approve the grant;\nii. Note the plan;\niii. Agree the terms." + FACTS,
        ["Approve the grant;", "Note the plan;", "Agree the terms."],
    ),
    Case(
        "bulleted",
        LEAD + "• Approve the grant;\n• Delegate the award." + FACTS,
        ["Approve the grant;", "Delegate the award."],
        ["approve", "delegate"],
    ),
    Case(
        "dash-alone-on-its-line",
        LEAD + "-\nApprove the grant;\n-\nNote the plan." + FACTS,
        ["Approve the grant;", "Note the plan."],
    ),
    Case(
        "dashed",
        LEAD + "- Approve the grant;\n- Note the plan." + FACTS,
        ["Approve the grant;", "Note the plan."],
    ),
    Case(
        "unmarked-lines",
        LEAD + "Approve A.\nNote B.\nDelegate C to the CFO." + FACTS,
        ["Approve A.", "Note B.", "Delegate C to the CFO."],
    ),
    Case(
        "last-item-lost-its-bullet",
        LEAD + "- Approve A.\n- Approve B.\nApprove C." + FACTS,
        ["Approve A.", "Approve B.", "Approve C."],
    ),
    Case(
        "wrapped-item",
        LEAD + "1. Approve the grant of £5m to the\nVRU for three years.\n2. Note the risks." + FACTS,
        ["Approve the grant of £5m to the VRU for three years.", "Note the risks."],
    ),
    Case(
        "note-between-items-skipped",
        LEAD + "1. Approve the grant.\nFunding to be met from the budget.\n2. Note the risks." + FACTS,
        ["Approve the grant.", "Note the risks."],
    ),
    Case(
        "sub-items-stay-inside",
        LEAD + "1) Approve the award of nine contracts;\na) The purchase is valued at £10.5M.\n"
        "b) The parts cost £0.5M.\n2) Note the collaboration." + FACTS,
        [
            "Approve the award of nine contracts; a) The purchase is valued at £10.5M. "
            "b) The parts cost £0.5M.",
            "Note the collaboration.",
        ],
    ),
    Case(
        "bullets-under-numbered-item",
        "Recommendation\nThe DMPC is asked to:\n1. Approve the application to part resource two bids;\n"
        "•    A campaign worth £621,000 over 3 years\n•    A triage pilot, £1,650,000 over three years"
        + FACTS,
        [
            "Approve the application to part resource two bids; A campaign worth £621,000 over 3 years "
            "A triage pilot, £1,650,000 over three years"
        ],
    ),
    Case(
        "lead-in-to-approve-the",
        "Recommendation\nThe DMPC is asked to:\n  • To approve the:\n    • creation of a fund of £900,000;\n"
        "    • grant criteria in Appendix 1.\n  • To note that awards will be reported." + FACTS,
        [
            "To approve the: creation of a fund of £900,000; grant criteria in Appendix 1.",
            "To note that awards will be reported.",
        ],
        ["approve", "note"],
    ),
    Case(
        "lead-in-with-object-then-series",
        "Recommendation\nThat the Deputy Mayor for Policing and approve the engagement budget "
        "and specifically the:\n"
        "• allocation of £100,000 to the fund;\n• allocation of £60,000 to oversight; and\n"
        "• That the signing of agreements be delegated." + FACTS,
        [
            "allocation of £100,000 to the fund;",
            "allocation of £60,000 to oversight; and",
            "That the signing of agreements be delegated.",
        ],
    ),
    Case(
        "asked-to-approve-objects",
        "Recommendation\nThe DMPC is asked to approve:\n1. The grant of £5m;\n"
        "2. The lease of the site." + FACTS,
        ["The grant of £5m;", "The lease of the site."],
        ["approve", "approve"],
    ),
    Case(
        "that-the-dmpc-approve-bullets",
        "Recommendation\nThat the Deputy Mayor for Policing and Crime approve:\n"
        "• the award of X;\n• the budget of Y." + FACTS,
        ["the award of X;", "the budget of Y."],
        ["approve", "approve"],
    ),
    Case(
        "lead-in-without-recommended",
        "Recommendation\nThe Deputy Mayor for Policing and Crime to:\n• Approve A;\n• Note B." + FACTS,
        ["Approve A;", "Note B."],
    ),
    Case(
        "single-sentence",
        "Executive summary\nThis paper seeks approval of a lease. The DMPC is asked to approve "
        "the lease of £5m. It runs for 5 years." + FACTS,
        ["The DMPC is asked to approve the lease of £5m."],
        ["approve"],
    ),
    Case(
        "two-asks-two-items",
        "Executive summary\nThe DMPC is recommended to approve £1m for the VRU. The DMPC is "
        "asked to consider the options for the estate." + FACTS,
        [
            "The DMPC is recommended to approve £1m for the VRU.",
            "The DMPC is asked to consider the options for the estate.",
        ],
        ["approve", "consider"],
    ),
    Case(
        "label-2025-sentence",
        "Executive Summary:\nSome text.\nRecommendation:\nThe Deputy Mayor for Policing and "
        "Crime is recommended to approve funding of £2m for the VRU." + FACTS,
        ["The Deputy Mayor for Policing and Crime is recommended to approve funding of £2m for the VRU."],
    ),
    Case(
        "label-2025-inline-lead",
        "Executive Summary:\nText.\nRecommendation: The Deputy Mayor for Policing and "
        "Crime is recommended to:\n1. Approve funding of £2m.\n2. Note the risks.\n",
        ["Approve funding of £2m.", "Note the risks."],
    ),
    Case(
        "mayoral-decision-heading",
        "Decision\nThat the Mayor approves the budget of £2m.\n",
        ["That the Mayor approves the budget of £2m."],
        ["approve"],
    ),
    Case(
        "cut-off-inside-list",
        LEAD + "1. Approve the grant;\n2. Note the pl",
        ["Approve the grant;", "Note the pl"],
    ),
    Case(
        "cut-off-before-list-report-recommends",
        "Executive summary\nThis report recommends that the DMPC approves a budget of £3m. "
        "Other text follows.",
        ["This report recommends that the DMPC approves a budget of £3m."],
        ["approve"],
    ),
    Case("seeks-approval-is-summary", "Executive summary\nThis Decision seeks approval to spend £5m.\n", []),
    Case("no-recommendation", "Executive summary\nThe MPS will buy cars.\n", []),
]

BUGS_CAUGHT = [
    Case(
        # topic headings between numbered items ("Veterinary Services") swallowed item 1 as a sub-item
        "topic-headings-between-items",
        "Recommendation\n\nThe DMPC is asked to approve:\n\nVeterinary Services\n\n"
        "1. The procurement of veterinary services;\n\nForensic Services\n\n"
        "2. The award of these contract extensions as set out below:\na. DNA profiling with a lab for £6m;\n"
        "b. Drugs analysis with a lab for £1m;\n\nSpecial Policing Services at the Arena\n\n"
        "3. The policing agreement for the arena." + FACTS,
        [
            "The procurement of veterinary services;",
            "The award of these contract extensions as set out below:",
            "DNA profiling with a lab for £6m;",
            "Drugs analysis with a lab for £1m;",
            "The policing agreement for the arena.",
        ],
    ),
    Case(
        # an unmarked "To approve the:" item's bullets became sibling items
        "unmarked-lead-in-keeps-bullets",
        LEAD + "To approve the:\n• Extension of the contract\n• Budget of £5m\nTo note the risks." + FACTS,
        ["To approve the: Extension of the contract Budget of £5m", "To note the risks."],
        ["approve", "note"],
    ),
    Case(
        # a running-text line before bullets is not a topic heading
        "running-text-is-not-a-heading",
        "Recommendation\nThe DMPC is asked to approve:\n"
        "The allocation of funds to the boroughs\n• £1m for A\n"
        "• £2m for B" + FACTS,
        ["The allocation of funds to the boroughs £1m for A £2m for B"],
    ),
    Case(
        # probe set: "is also asked to" (an adverb between "is" and "asked") was not read as an ask
        "also-asked-in-a-second-sentence",
        "Recommendation\n\nThe DMPC is asked to approve the grant of £40,000 to the scheme. "
        "The DMPC is also asked to note the evaluation." + FACTS,
        [
            "The DMPC is asked to approve the grant of £40,000 to the scheme.",
            "The DMPC is also asked to note the evaluation.",
        ],
    ),
]

BUGS_CAUGHT += [
    Case(
        # probe set: only the first asking sentence of a paragraph was kept when the next one opened
        # with "It is also recommended", "This report also recommends" or "Finally, the DMPC is asked"
        "linking-words-in-later-asking-sentences",
        "Recommendation\n\nThe DMPC is asked to approve the plan. It is also recommended that the DMPC "
        "delegates the award. Finally, the DMPC is asked to note the risks." + FACTS,
        [
            "The DMPC is asked to approve the plan.",
            "It is also recommended that the DMPC delegates the award.",
            "Finally, the DMPC is asked to note the risks.",
        ],
    ),
]

BUGS_CAUGHT += [
    Case(
        # probe 3: "1.1." sub-items under "1. ..., comprising:" ended the list, losing items 2 and 3
        "nested-paragraph-numbers-stay-inside-item",
        LEAD
        + "1. Approve spending of £2m on the youth scheme, made up of:\n1.1. £1.5m for outreach workers; "
        "and\n1.2. £0.5m for evaluation;\n2. Approve a reserve of £0.1m; and\n3. Note the risks." + FACTS,
        [
            "Approve spending of £2m on the youth scheme, made up of: £1.5m for outreach workers; and "
            "£0.5m for evaluation;",
            "Approve a reserve of £0.1m; and",
            "Note the risks.",
        ],
        ["approve", "approve", "note"],
    ),
    Case(
        # the same under the 2025 "Recommendation:" label, "as follows" without a colon, "1)" markers
        "nested-numbers-2025-label",
        "Recommendation:\n\nThe DMPC is asked to:\n\n1) Agree a budget of £4m as follows\n1.1 £3m in 2025/26;"
        "\n1.2 £1m in 2026/27;\n2) Delegate the award to the Director." + FACTS,
        [
            "Agree a budget of £4m as follows £3m in 2025/26; £1m in 2026/27;",
            "Delegate the award to the Director.",
        ],
    ),
    Case(
        # a "1.1" after a closed item is the facts' paragraph numbering, not a sub-item
        "paragraph-number-after-closed-item",
        LEAD + "1. Approve the lease of the station.\n\n1.1 The station has stood empty since 2019.\n",
        ["Approve the lease of the station."],
    ),
    Case(
        # "1.1" requests under a lead-in item are separate requests, like lettered ones
        "nested-requests-under-lead-in",
        "Recommendation\n\n1. The DMPC is asked to:\n1.1. Approve the grant;\n1.2. Note the plan." + FACTS,
        ["The DMPC is asked to:", "Approve the grant;", "Note the plan."],
    ),
    Case(
        # probe 3: a cut-off summary's second request opened "It also recommends that ..."
        "it-also-recommends-in-summary",
        "Executive Summary:\n\nThe scheme helps schools. This report recommends that the DMPC approve a "
        "grant of £50,000. It also recommends that the DMPC delegate the award to the Director.\n\nThe "
        "scheme has run since",
        [
            "This report recommends that the DMPC approve a grant of £50,000.",
            "It also recommends that the DMPC delegate the award to the Director.",
        ],
        ["approve", "delegate"],
    ),
]

BUGS_CAUGHT += [
    # probe 7: Word's "o" bullets pasted as a letter and spaces came back as one item
    Case(
        "o-bullets-under-lead-in",
        "Recommendation\n\nThe DMPC is asked to agree:\n\no an extension of the cleaning contract by six "
        "months at a cost of £240,000;\n\no that a new contract be procured; and\n\no  delegation of the "
        "final terms to the Director of Commercial Services." + FACTS,
        [
            "an extension of the cleaning contract by six months at a cost of £240,000;",
            "that a new contract be procured; and",
            "delegation of the final terms to the Director of Commercial Services.",
        ],
        ["agree", "agree", "agree"],  # a noun ("delegation") takes the lead-in's verb
    ),
    Case(
        "o-bullet-single-after-colon",
        "Recommendation\n\nThe DMPC is recommended to:\n\no\u00a0approve the transfer of £80,000 to the "
        "youth fund." + FACTS,
        ["approve the transfer of £80,000 to the youth fund."],
    ),
    Case(
        # an "o" with nothing before it ending in ":" and no sibling is left as written
        "o-lone-line-not-a-bullet",
        "Recommendation\n\nThe DMPC is asked to approve the lease of the Eastfield site,\no dear, for "
        "five years." + FACTS,
        ["The DMPC is asked to approve the lease of the Eastfield site, o dear, for five years."],
    ),
    Case(
        # "o" sub-bullets under an item stay inside it
        "o-sub-bullets-stay-inside",
        LEAD + "1. Approve the evaluation budget of £60,000, covering:\no a process evaluation\no an impact "
        "evaluation\n2. Note the risks." + FACTS,
        [
            "Approve the evaluation budget of £60,000, covering: a process evaluation an impact evaluation",
            "Note the risks.",
        ],
    ),
    # probe 7: a second numbered list under its own lead-in ("... have been rescheduled:") was read
    # as more recommendations
    Case(
        "other-lead-in-ends-the-list",
        LEAD + "  1. Approve a budget increase of £2.5m; and\n\n  1. Note the revised dates below.\n\n"
        "The following delivery dates have moved:\n\n  1. Pilot complete – moved to May 2025\n\n"
        "  1. Go live – moved to January 2026" + FACTS,
        ["Approve a budget increase of £2.5m; and", "Note the revised dates below."],
    ),
    Case(
        # a lead-in over bullets under a numbered item: the bullets stay inside that item
        "other-lead-in-over-sub-bullets-keeps-them",
        LEAD + "1. Approve the grants below.\nThe grants are split as follows:\n- Borough A £10,000\n"
        "- Borough B £20,000\n2. Note the risks." + FACTS,
        ["Approve the grants below. Borough A £10,000 Borough B £20,000", "Note the risks."],
    ),
    Case(
        # a short topic heading with a colon between items does not end the list
        "topic-heading-with-colon-keeps-list",
        LEAD + "1. Approve the award to Supplier A.\nEstates contract:\n"
        "2. Approve the award to Supplier B." + FACTS,
        ["Approve the award to Supplier A.", "Approve the award to Supplier B."],
    ),
]

BUGS_CAUGHT += [
    Case(
        # probe 11: a numbered item that asks by itself ("To approve the:") keeps the objects under it
        "asking-item-keeps-its-noun-objects",
        "Recommendation\n\nThe DMPC is recommended:\n\n1. To approve the:\na. allocation of £30,000 to "
        "the youth panels;\nb. allocation of £5,000 to training;\n\n2. To note the annual report." + FACTS,
        [
            "To approve the: a. allocation of £30,000 to the youth panels; "
            "b. allocation of £5,000 to training;",
            "To note the annual report.",
        ],
    ),
    Case(
        # probe 11: the same request restated with a reason added is one item
        "restated-ask-with-a-reason",
        "Recommendation\n\nThe DMPC is asked to approve a one year extension of the lease of Unit 4 at "
        "£40,000. The DMPC is asked to note the survey. The DMPC is asked to approve the one year extension "
        "so that the unit stays open." + FACTS,
        [
            "The DMPC is asked to approve a one year extension of the lease of Unit 4 at £40,000.",
            "The DMPC is asked to note the survey.",
        ],
    ),
    Case(
        # guard: separate "It is recommended that" paragraphs are separate requests, never restatements
        "impersonal-paragraphs-are-not-restatements",
        "Recommendation\n\nIt is recommended that the DMPC approves the bid.\n\nIt is recommended that "
        "the DMPC delegates the signing.\n\nIt is recommended that the DMPC notes the risks." + FACTS,
        [
            "It is recommended that the DMPC approves the bid.",
            "It is recommended that the DMPC delegates the signing.",
            "It is recommended that the DMPC notes the risks.",
        ],
    ),
]

BUGS_CAUGHT += [
    Case(
        # probe 15: "is recommended:" (no "to") lets unmarked lines be items, and the DMPC's approval
        # block under the list (role heading, interests declaration, approval, signature) joined it
        "approval-block-ends-an-unmarked-list",
        "Recommendations\n\nThe Deputy Mayor for Policing and Crime is recommended:\n\nTo approve the:\n"
        "a) renewal of the interpreting contract for one year at £90,000; and\nb) retender of the service."
        "\n\nDeputy Mayor for Policing and Crime\n\nI confirm I have considered whether or not I have any "
        "interest in this matter.\n\nThe above request has my approval.\n\nSignature: Jo Bloggs Date: "
        "02/03/2023" + FACTS,
        [
            "To approve the: a) renewal of the interpreting contract for one year at £90,000; and "
            "b) retender of the service."
        ],
        ["approve"],
    ),
]

KNOWN_GAPS = [
    # "Option A." ends a sentence, but a capital letter before a full stop is read as an initial
    Case(
        "sentence-ending-in-capital-letter",
        "Executive summary\nThe DMPC is asked to approve Option A. The DMPC is asked to note Option B."
        + FACTS,
        ["The DMPC is asked to approve Option A.", "The DMPC is asked to note Option B."],
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
def test_find_recommendations(case: Case) -> None:
    got = find_recommendations(case.text)
    assert [r.text for r in got] == case.items
    assert [r.ordinal for r in got] == list(range(1, len(got) + 1))
    if case.verbs is not None:
        assert [r.verb for r in got] == case.verbs
    _check_spans(case.text)


def test_truncated_last_item_is_flagged() -> None:
    got = find_recommendations(LEAD + "1. Approve the grant;\n2. Note the pl")
    assert got[-1].reason == "list_truncated"
    assert got[-1].confidence < 1.0


def _check_spans(text: str) -> None:
    """Spans lie in the text, and every word of an item is read, in order, from its span."""
    for r in find_recommendations(text):
        assert 0 <= r.start <= r.end <= len(text)
        raw, at = text[r.start : r.end], 0
        for word in r.text.split():
            found = raw.find(word, at)
            assert found >= 0, (word, raw)
            at = found + len(word)


# Property tests: list markers, lead-ins, headings and asking verbs in any order.
_FRAGMENTS = st.sampled_from(
    [
        "Recommendation\n",
        "Recommendation: ",
        "Decision\n",
        "The DMPC is asked to:",
        "The DMPC is asked to approve ",
        "That the Mayor approves ",
        "This report recommends that ",
        "  1. ",
        "1) ",
        "a) ",
        "i. ",
        "• ",
        "-\n",
        "- ",
        "Approve ",
        "To approve the:",
        "Note ",
        "the grant",
        " £5m",
        ";",
        ".",
        ":",
        "\n",
        "\n\n",
        " ",
        "Option A. ",
        "Veterinary Services\n",
        "Introduction and background\n",
        "1.1. ",
    ]
)
_TEXT = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=6)), max_size=30).map("".join)


@given(_TEXT)
def test_recommendations_property(text: str) -> None:
    _check_spans(text)


@pytest.mark.fuzz
@settings(max_examples=10_000, deadline=None)
@given(_TEXT)
def test_recommendations_fuzz(text: str) -> None:
    _check_spans(text)
