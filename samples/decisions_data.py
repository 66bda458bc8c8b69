"""The invented decisions of the sample archive, as plain data that ``build_samples.py`` renders.

Every decision here is made up for the samples (no text is taken from the real archive); the
variants follow what real pages show (see /work/shared/corpus/FORMAT.md).

Inline markup inside any text field:
- ``[[£5m|5000000]]`` a money amount: the printed text, then its value in pounds;
- ``{{PCD697|PCD 697}}`` a citation of another decision: the printed text, then the normalised code;
- ``<<link text|/href>>`` a hyperlink (HTML only; the PDF prints the text).
Everything else is shown as written (the renderers escape it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Era = Literal["A", "B", "C"]  # A: 2013-2020 template, B: 2018-2022 "Key information", C: 2022+ site
RecStyle = Literal["ol", "ul", "dash", "repeat1", "paren", "leadin", "sentence"]
Layout = Literal["normal", "oneline", "empty_code", "no_title", "refer_pdf"]
PdfKind = Literal["signed", "image", "corrupt", "missing"]
DateStyle = Literal["slash", "long", "dots"]


@dataclass(frozen=True)
class Table:
    """A money table: header row, then rows of a label and figures as printed (unit from ``unit``)."""

    columns: tuple[str, ...]  # header cells; the first heads the label column
    rows: tuple[tuple[str, ...], ...]  # label, then figures in the table's unit ("365", "-450", "(450)")
    caption: str = ""  # line printed above the table, e.g. "(£000)"; "" for none
    ruled: bool = True  # PDF: grid lines (True) or a bare grid of text (False)
    split: bool = False  # PDF: start near the foot of a page so the table continues overleaf


@dataclass(frozen=True)
class Bullets:
    """A plain list inside a section (deliverables, options): never recommendations or milestones."""

    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Milestones:
    """A milestone list with its framing sentence."""

    intro: str
    items: tuple[str, ...]


Block = str | Table | Bullets | Milestones


@dataclass(frozen=True)
class Section:
    """A numbered section of the non-confidential part: heading and its paragraphs, lists, tables."""

    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Rec:
    """One recommendation; ``sub`` items stay part of it (lettered ones carry "a) " in their text)."""

    text: str
    sub: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pdf:
    """How the signed decision PDF differs from a faithful rendering of the page."""

    date_style: DateStyle = "slash"  # signature date: 03/04/2022, 3 April 2022, 03.04.22
    ticks: bool = True  # officer declarations ticked ✓ (True) or answered "Yes"
    kind: PdfKind = "signed"
    title: str | None = None  # printed title when it differs from the page's
    extra: str = ""  # a Financial Comments paragraph found only in the PDF
    part2: str = ""  # Part 2 note printed in the PDF


@dataclass(frozen=True)
class Appendix:
    """A further PDF linked from the page body."""

    link_text: str
    file: str  # file name under /sites/default/files/<yyyy-mm>/
    lines: tuple[str, ...]  # its text


@dataclass(frozen=True)
class Decision:
    """One decision page of the archive and its signed PDF."""

    code: str  # canonical reference code (the truth), even where the page hides it
    era: Era
    title: str
    path: str  # URL path of the page
    maker: str  # the decision maker's name
    signed: str  # ISO date the decision was signed
    summary: tuple[str, ...]
    recs: tuple[Rec, ...]
    sections: tuple[Section, ...]
    intro: str = "The Deputy Mayor for Policing and Crime is recommended to:"  # unused for "sentence"
    rec_style: RecStyle = "ol"
    published: str | None = None  # ISO date shown as "Date published:" (era C, listing)
    layout: Layout = "normal"
    heading: Literal["space", "dash", "bare"] = "space"  # era C title line: "PCD 1 T", "PCD 1 - T", "T"
    repeats: int = 2  # era C: times the title is repeated after "Key information"
    listing_code: str | None = None  # code in the listing heading when it differs from the field
    listing_bare: bool = False  # listing heading without the code (old DMPCD entries)
    pdf: Pdf = field(default_factory=Pdf)
    pdf_name: str = ""  # file name of the signed PDF; "" = derived from the code
    appendix: Appendix | None = None


_WHAT = "/what-we-do/mayors-office-policing-and-crime-mopac/governance-and-decision-making"
_PROG = (
    "/programmes-strategies/mayors-office-policing-and-crime/governance-and-decision-making/mopac-decisions-0"
)
_NEW = (
    "/programmes-strategies/mayors-office-policing-and-crime-mopac/"
    "mopac-governance-and-decision-making/mopac-decisions"
)
SL = "Sophie Linden"
SG = "Stephen Greenhalgh"
KCS = "Kaya Comer-Schwartz"


def legal(threshold: bool = True, extra: str = "") -> Section:
    """The Legal Comments section most decisions carry, in our own words."""
    blocks: list[Block] = [
        "MOPAC may do anything calculated to facilitate, or conducive or incidental to, the exercise of "
        "its functions under Schedule 3 of the Police Reform and Social Responsibility Act 2011, which "
        "includes entering into contracts and grant agreements."
    ]
    if threshold:
        blocks.append(
            "Under the MOPAC Scheme of Delegation and Consent, spending proposals at or above "
            "[[£500,000|500000]] are reserved for approval by the DMPC."
        )
    if extra:
        blocks.append(extra)
    return Section("Legal Comments", tuple(blocks))


def equality(text: str = "") -> Section:
    """Equality Comments, with a default sentence."""
    return Section(
        "Equality Comments",
        (
            text
            or "The proposal has been screened for its impact on people with protected characteristics "
            "and no adverse impact has been identified; the position will be kept under review.",
        ),
    )


def gdpr(dpia: bool = False) -> Section:
    """GDPR and Data Privacy section."""
    first = (
        "A Data Protection Impact Assessment has been completed and will be refreshed before go-live."
        if dpia
        else "The proposal does not involve processing personal data, so no Data Protection Impact "
        "Assessment is required."
    )
    return Section(
        "GDPR and Data Privacy",
        (first, "MOPAC will follow privacy by design principles throughout the work."),
    )


def commercial(text: str) -> Section:
    """Commercial Issues section."""
    return Section("Commercial Issues", (text,))


def background(*papers: str) -> Section:
    """Background/supporting papers section."""
    return Section("Background/supporting papers", papers or ("None.",))


# ---------------------------------------------------------------------------------------------------
# Era A: 2013-2020 template ("Reference code:" with the code on the next line, "Authorisation name:")
# ---------------------------------------------------------------------------------------------------
ERA_A: tuple[Decision, ...] = (
    Decision(
        code="DMPCD 2014 27",
        era="A",
        title="Custody Healthcare Services Contract Extension",
        path=f"{_WHAT}/mopac-decisions-482",
        maker=SG,
        signed="2014-03-12",
        layout="refer_pdf",
        listing_bare=True,
        summary=(
            "Healthcare professionals are provided in MPS custody suites under a contract that ends on "
            "31 March 2014. A re-procurement is under way but will not conclude before then.",
            "This paper seeks a twelve month extension to the current contract at a cost of "
            "[[£2.4m|2400000]], so that detainees continue to receive care while the new service is let.",
        ),
        intro="The DMPC is asked to:",
        recs=(
            Rec("Approve a twelve month extension of the custody healthcare contract at [[£2.4m|2400000]];"),
            Rec("Note that the re-procurement will report back by December 2014."),
        ),
        sections=(
            Section(
                "Introduction and background",
                (
                    "Custody healthcare is a statutory requirement. The incumbent provider has agreed to "
                    "extend on current rates.",
                ),
            ),
            Section(
                "Financial Comments",
                ("The extension cost of [[£2.4m|2400000]] is met from the existing custody budget.",),
            ),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="long", ticks=False, kind="image"),
    ),
    Decision(
        code="DMPCD 2014 88",
        era="A",
        title="Safer Neighbourhood Board Grants 2014/15",
        path=f"{_WHAT}/mopac-decisions--77",
        maker=SG,
        signed="2014-07-21",
        summary=(
            "Each London borough has a Safer Neighbourhood Board to involve local people in setting "
            "policing priorities. The boards were set up under the Police and Crime Plan "
            "({{DMPCD 2013/96|DMPCD 2013 96}}).",
            "This decision releases [[£1,000,000|1000000]] of grants to the boards for 2014/15.",
        ),
        intro="The DMPC is asked to approve:",
        rec_style="dash",
        recs=(
            Rec("a grant of [[£30,000|30000]] to each of the 32 boards for 2014/15;"),
            Rec("a further [[£40,000|40000]] held centrally for training and small projects."),
        ),
        sections=(
            Section(
                "Introduction and background",
                (
                    "Boards submitted spending plans in June 2014 and all have been assessed as meeting "
                    "the grant conditions.",
                ),
            ),
            Section(
                "Financial Comments",
                (
                    "The total of [[£1,000,000|1000000]] is within the MOPAC community engagement budget "
                    "for 2014/15.",
                ),
            ),
            legal(threshold=False),
            equality(),
        ),
        pdf=Pdf(date_style="slash", ticks=False),
    ),
    Decision(
        code="DMPCD 2015 61",
        era="A",
        title="Forensic Toxicology Services Framework",
        path=f"{_WHAT}/mopac-decisions-0-2",
        maker=SG,
        signed="2015-05-14",
        layout="refer_pdf",
        summary=(
            "The MPS buys toxicology analysis for drug-driving and post-mortem cases from external "
            "laboratories. Annual spend is around [[£0.6m|600000]].",
            "A four year framework with a ceiling of [[£5m|5000000]] is proposed.",
        ),
        intro="The DMPC is asked to approve",
        rec_style="repeat1",
        recs=(
            Rec("the award of a four year toxicology framework with a maximum value of [[£5m|5000000]];"),
            Rec("delegation of call-off decisions to the MPS Director of Commercial Services."),
        ),
        sections=(
            Section(
                "Financial Comments",
                ("Call-offs will be funded from the forensic services revenue budget.",),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="long", ticks=False),
    ),
    Decision(
        code="DMPCD 2015 119",
        era="A",
        title="Estate Disposal – Former Section House, Kennington",
        path=f"{_WHAT}/mopac-decisions-391",
        maker=SG,
        signed="2015-10-02",
        summary=(
            "The former section house in Kennington has been empty since 2013 and is surplus to operational "
            "requirements under the Estates Strategy.",
            "Disposal on the open market is expected to raise more than [[£20million|20000000]], which "
            "will be reinvested in the police estate.",
        ),
        intro="The DMPC is asked to:",
        rec_style="ul",
        recs=(
            Rec("Approve the disposal of the former section house on the open market;"),
            Rec("Agree that the sale price be approved as set out in the part 2 report."),
        ),
        sections=(
            Section(
                "Introduction and background",
                (
                    "The building no longer meets modern standards for residential accommodation and "
                    "would need significant investment to be brought back into use.",
                ),
            ),
            Section(
                "Financial Comments",
                (
                    "The receipt will support the capital programme. The marketing advice and the "
                    "recommended price are Included in Part 2 of the decision.",
                ),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="dots", part2="Part 2 sets out the marketing advice and the minimum price."),
    ),
    Decision(
        code="DMPCD 2016 18",
        era="A",
        title="Body Worn Video Phase 2 Rollout",
        path=f"{_WHAT}/mopac-decisions-455",
        maker=SG,
        signed="2016-02-09",
        summary=(
            "Following a successful trial in ten boroughs, the MPS proposes to issue body worn cameras to "
            "all frontline officers.",
            "Running costs, including storage and licences, are estimated at [[£900k|900000]] per annum.",
        ),
        recs=(
            Rec("Approve the rollout of body worn video to all frontline officers;"),
            Rec(
                "Approve a contract variation of [[£ 95,000|95000]] for additional docking stations.",
            ),
        ),
        sections=(
            Section(
                "Introduction and background",
                (
                    "The trial showed fewer complaints against officers and better quality evidence in "
                    "domestic abuse cases.",
                ),
            ),
            Section(
                "Financial Comments",
                (
                    "The capital cost is within the approved technology programme; running costs of "
                    "[[£900k|900000]] per annum are built into the medium term financial plan.",
                ),
            ),
            legal(),
            gdpr(dpia=True),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="DMPCD 2016 41",
        era="A",
        title="Stop and Search Community Monitoring Groups",
        path=f"{_WHAT}/mopac-decisions-468",
        maker=SG,
        signed="2016-04-18",
        layout="refer_pdf",
        listing_bare=True,
        summary=(
            "Community monitoring groups scrutinise the use of stop and search in each borough. This "
            "paper sets out a small grant scheme to support them.",
        ),
        rec_style="sentence",
        recs=(
            Rec(
                "The DMPC is asked to approve the release of [[£64,000|64000]] to support community "
                "monitoring groups in 2016/17."
            ),
        ),
        sections=(
            Section("Financial Comments", ("The grants are met from the community engagement budget.",)),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="long", ticks=False),
    ),
    Decision(
        code="PCD 52",
        era="A",
        title="Rape Crisis Centre Funding 2016/17 to 2018/19",
        path=f"{_WHAT}/mopac-decisions-0/rape-crisis-centre-funding-201617-201819",
        maker=SL,
        signed="2016-10-27",
        summary=(
            "MOPAC co-funds four rape crisis centres across London with NHS England and the boroughs.",
            "This decision commits MOPAC’s share for three years, [[£170 000|170000]] a year per centre.",
        ),
        rec_style="ul",
        recs=(
            Rec("Approve funding of [[£170 000|170000]] a year to each of the four centres for three years;"),
            Rec("Note that continuation in years two and three depends on satisfactory performance."),
        ),
        sections=(
            Section(
                "Introduction and background",
                (
                    "Demand for independent sexual violence advisers has risen by a third in two years.",
                    "The centres provide counselling and advocacy to survivors of all ages.",
                ),
            ),
            Section(
                "Financial Comments",
                (
                    "The three year commitment of [[£2.04m|2040000]] is met from the victims’ services "
                    "budget.",
                ),
            ),
            legal(),
            equality(),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 141",
        era="A",
        title="Interpreting and Translation Services Contract",
        path=f"{_WHAT}/mopac-decisions-0/interpreting-and-translation-services-contract",
        maker=SL,
        signed="2017-03-16",
        summary=(
            "The MPS needs interpreters for interviews, statements and custody. A short bridging "
            "contract is needed while the national framework is renewed.",
        ),
        intro="The DMPC is asked to:",
        rec_style="paren",
        recs=(
            Rec(
                "Approve a bridging contract for interpreting services;",
                (
                    "a) The contract value is [[£36,210.00|36210]] (exclusive of VAT).",
                    "b) The term is three months from April 2017.",
                ),
            ),
            Rec("Note that a national framework call-off will follow."),
        ),
        sections=(
            Section(
                "Issues for consideration",
                ("Without the bridging contract interviews would be delayed and custody times extended.",),
            ),
            commercial("The contract is let by direct award under the national framework rules."),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="dots", ticks=False),
    ),
    Decision(
        code="PCD 226",
        era="A",
        title="Victims’ Services Hub Extension",
        path=f"{_WHAT}/mopac-decisions-512",
        maker=SL,
        signed="2017-09-05",
        summary=(
            "The victims’ services hub gives every victim of crime a single point of contact. Its funding "
            "ends in March 2018.",
            "This paper proposes a one year extension and sets out the budget below.",
        ),
        recs=(
            Rec("Approve a one year extension of the victims’ services hub at a cost of [[£1.3m|1300000]];"),
            Rec("Approve the budget allocation set out in the Financial Comments."),
        ),
        sections=(
            Section(
                "Introduction and background",
                ("The hub handled more than forty thousand referrals in 2016/17.",),
            ),
            Section(
                "Financial Comments",
                (
                    "The cost of the extension is set out below.",
                    Table(
                        columns=("Component", "2018/19"),
                        rows=(
                            ("Case workers", "820"),
                            ("Case management system", "240"),
                            ("Volunteer coordination", "160"),
                            ("Evaluation", "80"),
                            ("Total", "1,300"),
                        ),
                        caption="(£000)",
                        ruled=True,
                    ),
                ),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 298",
        era="A",
        title="Automatic Number Plate Recognition Upgrade",
        path=f"{_WHAT}/mopac-decisions-0/automatic-number-plate-recognition-upgrade",
        maker=SL,
        signed="2018-01-24",
        layout="empty_code",
        listing_bare=True,
        summary=(
            "The MPS automatic number plate recognition cameras run on software that will be out of "
            "support from June 2018.",
            "An upgrade costing [[£780,000|780000]] is proposed, funded from the technology capital plan.",
        ),
        recs=(Rec("Approve the upgrade of the ANPR system at a cost of [[£780,000|780000]]."),),
        sections=(
            Section(
                "Introduction and background",
                ("Number plate data supports investigations into serious and organised crime.",),
            ),
            legal(),
            gdpr(dpia=True),
        ),
        pdf=Pdf(date_style="long"),
    ),
    Decision(
        code="PCD 372",
        era="A",
        title="Youth Diversion Pilot in Three Boroughs",
        path=f"{_WHAT}/mopac-decisions-0/youth-diversion-pilot-three-boroughs",
        maker=SL,
        signed="2018-04-11",
        layout="oneline",
        summary=(
            "Young people arrested for a first low-level offence are offered a diversion programme "
            "instead of a charge. This pilot tests the approach in three boroughs.",
        ),
        intro="The DMPC is asked to:",
        rec_style="dash",
        recs=(
            Rec("Approve grants totalling [[£210,000|210000]] to three youth offending services;"),
            Rec("Approve an independent evaluation costing up to [[£45,000|45000]]."),
        ),
        sections=(
            Section(
                "Financial Comments",
                ("Both amounts are met from the London Crime Prevention Fund co-commissioning budget.",),
            ),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="dots"),
    ),
    Decision(
        code="PCD 417",
        era="A",
        title="Police Station Front Counter Changes",
        path=f"{_WHAT}/mopac-decisions-0/police-station-front-counter-changes",
        maker=SL,
        signed="2018-06-28",
        summary=(
            "Fewer people report crime at front counters; most now report online or by phone. The "
            "Public Access Strategy keeps one 24-hour counter in every borough.",
            "This decision closes seven counters, building on the estate changes agreed in "
            "{{DMPCD 2016-18|DMPCD 2016 18}}, saving [[£1.1m|1100000]] a year.",
        ),
        rec_style="ol",
        recs=(
            Rec("Approve the closure of the seven front counters listed in the appendix;"),
            Rec("Note the savings of [[£1.1m|1100000]] a year."),
        ),
        sections=(
            Section(
                "Introduction and background",
                ("Consultation ran for twelve weeks and drew more than two thousand responses.",),
            ),
            legal(threshold=False),
            equality(
                "An equality impact assessment found the closures could affect older residents; a "
                "contact point scheme in libraries will mitigate this."
            ),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 489",
        era="A",
        title="Digital Forensic Capacity Uplift",
        path=f"{_WHAT}/mopac-decisions-0/digital-forensic-capacity-uplift",
        maker=SL,
        signed="2019-01-17",
        summary=(
            "Backlogs of phones and computers awaiting examination delay investigations. The MPS proposes "
            "to outsource a share of examinations for one year at c[[£350K|350000]].",
        ),
        intro="The DMPC is asked to:",
        recs=(
            Rec("Approve outsourced digital forensic examinations up to c[[£350K|350000]] in 2019/20;"),
            Rec("Note the plan to recruit twelve further examiners."),
        ),
        sections=(
            Section(
                "Issues for consideration",
                ("Providers must hold ISO 17025 accreditation for the work they undertake.",),
            ),
            Section("Financial Comments", ("The cost is met from the forensic services budget.",)),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="long"),
    ),
    Decision(
        code="PCD 530",
        era="A",
        title="Knife Crime Community Fund 2019/20",
        path=f"{_WHAT}/mopac-decisions-533",
        maker=SL,
        signed="2019-06-06",
        summary=(
            "The Knife Crime Community Fund supports grassroots groups working with young people at risk. "
            "Grants of up to [[£10,000|10000]] are available.",
        ),
        recs=(
            Rec("Approve grants to the 34 organisations listed in Appendix A;"),
            Rec("Approve a grant management fee of [[£11,000|11000]] (net of VAT)."),
        ),
        sections=(
            Section(
                "Introduction and background",
                ("The fund was first run in 2017/18 and this is its third round.",),
            ),
            Section(
                "Financial Comments",
                ("The fund of [[£340,000|340000]] and the management fee are met from the VRU budget.",),
            ),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="slash", ticks=False),
    ),
    Decision(
        code="PCD 571",
        era="A",
        title="Hate Crime Victim Advocacy Service",
        path=f"{_WHAT}/mopac-decisions-0/hate-crime-victim-advocacy-service",
        maker=SL,
        signed="2019-08-22",
        summary=(
            "Victims of hate crime are less likely to stay engaged with the justice process. An advocacy "
            "service will support them from report to court.",
        ),
        recs=(
            Rec("Approve the award of a two year advocacy contract worth [[£620,000|620000]];"),
            Rec("Note the option to extend for a further year."),
        ),
        sections=(
            Section("Introduction and background", ("Recorded hate crime rose by 8% in 2018/19.",)),
            commercial("The contract was tendered openly and attracted five bids."),
            legal(),
            equality(),
        ),
        pdf=Pdf(date_style="dots"),
    ),
    Decision(
        code="PCD 603",
        era="A",
        title="Custody Suite Refurbishment – Lewisham",
        path=f"{_WHAT}/mopac-decisions-0/custody-suite-refurbishment-lewisham",
        maker=SL,
        signed="2019-11-13",
        summary=(
            "Lewisham custody suite needs new ligature-resistant fittings, ventilation and CCTV to meet "
            "current detention standards.",
        ),
        recs=(
            Rec("Approve capital expenditure of [[£2,350,000|2350000]] on the Lewisham custody suite;"),
            Rec("Approve the temporary transfer of detainees to Bromley during the works."),
        ),
        sections=(
            Section(
                "Financial Comments",
                (
                    "The works are funded from the estates capital programme. The main contractor is "
                    "appointed under framework lot MOPAC 937-01.",
                ),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="long"),
    ),
)

# ---------------------------------------------------------------------------------------------------
# Era B: 2018-2022 template ("Key information", "Reference code: PCD 673", empty "Date signed:")
# ---------------------------------------------------------------------------------------------------
ERA_B: tuple[Decision, ...] = (
    Decision(
        code="PCD 646",
        era="B",
        title="Violence Reduction Unit Mentoring Grants 2020/21",
        path=f"{_PROG}/violence-reduction-unit-mentoring-grants-202021",
        maker=SL,
        signed="2020-01-30",
        summary=(
            "The Violence Reduction Unit (VRU) funds mentoring for young people excluded from school or "
            "leaving custody. Evidence from the first year shows improved attendance and fewer re-arrests.",
            "This decision approves grants of [[£1.6m|1600000]] for 2020/21.",
        ),
        rec_style="ul",
        recs=(
            Rec("Approve mentoring grants of [[£1.6m|1600000]] to the eleven providers in Annex 1;"),
            Rec("Delegate approval of any variation under [[£100,000|100000]] to the VRU Director."),
        ),
        sections=(
            Section(
                "Introduction and background",
                ("Providers were chosen through an open call in autumn 2019.",),
            ),
            Section(
                "Financial Comments",
                ("The grants are met from the VRU budget for 2020/21, which includes Home Office funding.",),
            ),
            legal(),
            equality(),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 673",
        era="B",
        title="Taser Training Facility Lease",
        path=f"{_PROG}/taser-training-facility-lease",
        maker=SL,
        signed="2020-03-19",
        summary=(
            "More officers are being trained to carry Taser and the current training venue is at capacity. "
            "A five year lease of a warehouse unit in Park Royal is proposed.",
            "The rent is commercially sensitive and is as set out in the part 2 report.",
        ),
        intro="The DMPC is asked to:",
        recs=(
            Rec("Approve a five year lease of the Park Royal unit on the terms in the part 2 report;"),
            Rec("Approve fit-out works of up to [[£450,000|450000]]."),
        ),
        sections=(
            Section(
                "Issues for consideration",
                ("The unit is close to the A40 and can be reached by officers from all areas.",),
            ),
            Section(
                "Financial Comments",
                ("Rent and fit-out are met from the estates revenue and capital budgets.",),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="long", part2="The rent and incentives are set out in Part 2."),
    ),
    Decision(
        code="PCD 698",
        era="B",
        title="Custody Detention Officer Framework Award",
        path=f"{_PROG}/custody-detention-officer-framework-award",
        maker=SL,
        signed="2020-05-07",
        summary=(
            "Detention officers support police officers in custody suites. The MPS uses agency staff to "
            "cover peaks and vacancies.",
            "A four year framework with three suppliers is proposed with an overall value of "
            "[[£11M|11000000]].",
        ),
        rec_style="paren",
        recs=(
            Rec(
                "Approve the award of a four year framework;",
                (
                    "a) Lot 1 is valued at [[£6.5M|6500000]].",
                    "b) Lot 2 is valued at [[£4.5M|4500000]].",
                    "c) The framework starts in June 2020.",
                    "d) The overall value is [[£11M|11000000]].",
                ),
            ),
            Rec("Note the framework is open to other forces in the region."),
        ),
        sections=(
            commercial("Three suppliers were appointed after an open tender with eight bidders."),
            legal(),
        ),
        pdf=Pdf(date_style="dots"),
    ),
    Decision(
        code="PCD 717",
        era="B",
        title="Online Hate Crime Hub Continuation",
        path=f"{_PROG}/online-hate-crime-hub-continuation",
        maker=SL,
        signed="2020-07-16",
        summary=(
            "The Online Hate Crime Hub investigates online abuse and supports victims. Home Office "
            "funding of [[£5m|5000000]] over three years has been offered.",
        ),
        recs=(
            Rec("Accept the Home Office grant of [[£5m|5000000]] for 2020/21 to 2022/23;"),
            Rec("Approve MOPAC match funding of [[£250,000|250000]] a year."),
        ),
        sections=(
            Section(
                "Introduction and background",
                ("The hub was set up in 2017 and has dealt with more than three thousand cases.",),
            ),
            Section(
                "Financial Comments",
                ("The grant is paid quarterly in arrears; the match funding is within the MOPAC budget.",),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 742",
        era="B",
        title="Domestic Abuse Perpetrator Intervention Fund",
        path=f"{_PROG}/domestic-abuse-perpetrator-intervention-fund",
        maker=SL,
        signed="2020-09-24",
        summary=(
            "Working with perpetrators to change behaviour is central to reducing domestic abuse. This "
            "decision creates a fund of [[£900,000|900000]] for borough-led interventions.",
        ),
        intro="The DMPC is asked to:",
        rec_style="leadin",
        recs=(
            Rec(
                "To approve the:",
                (
                    "creation of a perpetrator intervention fund of [[£900,000|900000]] for 2020/21;",
                    "grant criteria set out in Appendix 1.",
                ),
            ),
            Rec("To note that awards will be reported to the Oversight Board."),
        ),
        sections=(
            Section("Introduction and background", ("Boroughs will bid in partnership with providers.",)),
            legal(),
            equality(),
        ),
        pdf=Pdf(date_style="long", ticks=False),
    ),
    Decision(
        code="PCD 761",
        era="B",
        title="Mobile Data Terminals Replacement",
        path=f"{_PROG}/mobile-data-terminals-replacement",
        maker=SL,
        signed="2020-11-05",
        summary=(
            "Response vehicles carry mobile data terminals that are reaching end of life. Options were "
            "costed at between [[£79.9 million|79900000]] and [[£102.7 million|102700000]] over ten years.",
            "The preferred option replaces terminals with ruggedised tablets.",
        ),
        recs=(
            Rec("Approve the preferred option at a ten year cost of [[£79.9 million|79900000]];"),
            Rec("Approve the release of [[£3.1m|3100000]] for the first phase."),
        ),
        sections=(
            Section(
                "Issues for consideration",
                (
                    "Three options were assessed:",
                    Bullets(
                        (
                            "replace like for like;",
                            "move to ruggedised tablets;",
                            "use personal issue smartphones only.",
                        )
                    ),
                ),
            ),
            Section("Financial Comments", ("Phase one is within the approved technology capital plan.",)),
            legal(),
            gdpr(),
        ),
        pdf=Pdf(date_style="slash", title="Mobile Data Terminal Replacement Programme"),
    ),
    Decision(
        code="PCD 784",
        era="B",
        title="Forensic Pathology Fees 2021/22",
        path=f"{_PROG}/forensic-pathology-fees-202122",
        maker=SL,
        signed="2021-01-21",
        summary=(
            "Home Office registered forensic pathologists carry out post-mortems in suspicious deaths. "
            "Fees are set nationally and have risen by 4%.",
        ),
        rec_style="sentence",
        recs=(
            Rec(
                "The DMPC is asked to approve expenditure of up to [[£1,450,000|1450000]] on forensic "
                "pathology fees in 2021/22."
            ),
        ),
        sections=(
            Section("Financial Comments", ("The cost is met from the forensic services budget.",)),
            legal(),
        ),
        pdf=Pdf(date_style="long"),
    ),
    Decision(
        code="PCD 806",
        era="B",
        title="Budget Monitoring Quarter 2 2020/21",
        path=f"{_PROG}/budget-monitoring-quarter-2-202021",
        maker=SL,
        signed="2020-11-26",
        layout="no_title",
        summary=(
            "This report sets out the forecast revenue and capital outturn for MOPAC and the MPS at the "
            "end of quarter two.",
            "An underspend of [[£7.6m|7600000]] is forecast, largely from vacancies in police staff.",
        ),
        rec_style="ul",
        recs=(
            Rec("Note the forecast position at quarter two;"),
            Rec("Approve the budget movements set out in the table below."),
        ),
        sections=(
            Section(
                "Financial Comments",
                (
                    "The main variances by area are:",
                    Table(
                        columns=("Area", "Budget", "Forecast", "Variance"),
                        rows=(
                            ("Police officer pay", "2,105,400", "2,101,200", "(4,200)"),
                            ("Police staff pay", "602,300", "597,100", "(5,200)"),
                            ("Running costs", "498,700", "500,500", "1,800"),
                            ("Total", "3,206,400", "3,198,800", "(7,600)"),
                        ),
                        caption="£000",
                        ruled=False,
                    ),
                ),
            ),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 829",
        era="B",
        title="Victim Support Service Re-procurement",
        path=f"{_PROG}/victim-support-service-re-procurement",
        maker=SL,
        signed="2021-03-04",
        summary=(
            "The core victim support contract ends in March 2022. This paper seeks approval to re-procure "
            "a service for up to seven years at [[£8.4m|8400000]] a year.",
        ),
        recs=(
            Rec("Approve the procurement strategy for the London victim support service;"),
            Rec("Note that the contract award will return for a decision."),
        ),
        sections=(
            Section(
                "Introduction and background",
                ("The service offers practical and emotional support to victims of all crime types.",),
            ),
            commercial("A competitive procedure with negotiation will be used."),
            legal(),
        ),
        pdf=Pdf(date_style="dots"),
    ),
    Decision(
        code="PCD 853",
        era="B",
        title="Estate Strategy – Disposal of Former Police Stations",
        path=f"{_PROG}/estate-strategy-disposal-former-police-stations",
        maker=SL,
        signed="2021-05-13",
        summary=(
            "The estate strategy supports a capital programme of [[£1.2bn|1200000000]] over ten years, "
            "funded in part by selling buildings the MPS no longer needs.",
            "Three former police stations are now ready for sale.",
        ),
        rec_style="dash",
        recs=(
            Rec("Approve the disposal of the three sites listed in the report;"),
            Rec("Delegate acceptance of the best offer to the Chief Finance Officer."),
        ),
        sections=(
            Section(
                "Introduction and background",
                ("The sites have been vacant since their services moved to shared hubs.",),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="long"),
    ),
    Decision(
        code="PCD 870",
        era="B",
        title="Public Order Training Centre Roofing Works",
        path=f"{_PROG}/public-order-training-centre-roofing-works",
        maker=SL,
        signed="2021-06-10",
        summary=(
            "The roofs of two training halls at the public order centre leak and need replacing before "
            "winter.",
        ),
        recs=(Rec("Approve roofing works at a cost of [[£640,000|640000]]."),),
        sections=(
            Section("Financial Comments", ("The works are in the estates capital programme for 2021/22.",)),
            legal(),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 897",
        era="B",
        title="Drug Testing on Arrest Extension",
        path=f"{_PROG}/drug-testing-arrest-extension",
        maker=SL,
        signed="2021-07-29",
        summary=(
            "Testing people arrested for trigger offences for Class A drugs allows referral to treatment. "
            "The current contract ends in September 2021.",
        ),
        intro="The DMPC is asked to:",
        rec_style="repeat1",
        recs=(
            Rec("Approve a twelve month extension of the testing contract at [[£560,000|560000]];"),
            Rec("Note that a joint procurement with health partners will follow."),
        ),
        sections=(
            Section("Financial Comments", ("The extension is funded from the MOPAC commissioning budget.",)),
            legal(),
        ),
        pdf=Pdf(date_style="long", kind="corrupt"),
    ),
    Decision(
        code="PCD 915",
        era="B",
        title="Body Worn Video Device Refresh",
        path=f"{_PROG}/body-worn-video-device-refresh",
        maker=SL,
        signed="2021-08-19",
        summary=(
            "The first generation of body worn cameras is five years old. Battery life and reliability "
            "have fallen.",
            "A refresh of 22,000 devices is proposed at a cost of [[£6,750,000|6750000]].",
        ),
        rec_style="ul",
        recs=(
            Rec("Approve the refresh of body worn video devices at [[£6,750,000|6750000]];"),
            Rec("Approve the disposal of old devices through a certified recycler."),
        ),
        sections=(
            Section(
                "Financial Comments",
                ("The cost is in the technology capital plan; running costs are unchanged.",),
            ),
            legal(),
            gdpr(dpia=True),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 934",
        era="B",
        title="Youth Independent Advisory Group Funding",
        path=f"{_PROG}/youth-independent-advisory-group-funding",
        maker=SL,
        signed="2021-09-30",
        summary=(
            "Youth independent advisory groups give young Londoners a voice on policing. This decision "
            "funds a coordinator and expenses for two years.",
        ),
        rec_style="sentence",
        recs=(
            Rec(
                "The DMPC is asked to approve funding of [[£85,000|85000]] a year for two years for the "
                "youth independent advisory groups."
            ),
        ),
        sections=(legal(threshold=False), equality()),
        pdf=Pdf(date_style="dots", ticks=False),
    ),
    Decision(
        code="PCD 958",
        era="B",
        title="Counter Terrorism Policing Grant 2021/22",
        path=f"{_PROG}/counter-terrorism-policing-grant-202122",
        maker=SL,
        signed="2021-10-21",
        summary=(
            "The Home Office funds national counter terrorism policing through a specific grant that MOPAC "
            "receives as host. There is an open and exempt report.",
        ),
        recs=(
            Rec("Accept the counter terrorism policing grant for 2021/22;"),
            Rec("Note that the grant amount is in the exempt report."),
        ),
        sections=(
            Section(
                "Introduction and background",
                ("MOPAC has hosted the grant since 2012 on behalf of the national network.",),
            ),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="long", part2="The grant allocation is set out in the exempt report."),
    ),
    Decision(
        code="PCD 976",
        era="B",
        title="Command and Control System Change Requests",
        path=f"{_PROG}/command-and-control-system-change-requests",
        maker=SL,
        signed="2021-11-18",
        summary=(
            "The new command and control system was approved in {{PCD697|PCD 697}}. Changes are needed "
            "before go-live to link it with the new crime recording system.",
        ),
        recs=(
            Rec("Approve change requests to the command and control contract of [[£2.9m|2900000]];"),
            Rec("Note the revised go-live date of May 2022."),
        ),
        sections=(
            Section(
                "Issues for consideration",
                ("The changes cover interfaces, testing and extra training.",),
            ),
            commercial("The changes are within the scope of the original contract."),
            legal(),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 1003",
        era="B",
        title="Sexual Assault Referral Centre Funding",
        path=f"{_PROG}/sexual-assault-referral-centre-funding",
        maker=SL,
        signed="2021-12-09",
        summary=(
            "London’s sexual assault referral centres provide forensic medical examinations and aftercare. "
            "MOPAC contributes [[£1.25m|1250000]] a year alongside NHS England.",
        ),
        recs=(
            Rec("Approve MOPAC’s contribution of [[£1.25m|1250000]] for 2022/23;"),
            Rec("Note the carried over milestones in the Financial Comments."),
        ),
        sections=(
            Section(
                "Financial Comments",
                (
                    "The contribution is met from the victims’ services budget.",
                    Milestones(
                        "The following Q4 2020/21 milestones will be carried over to 2021/22:",
                        (
                            "Opening of the north London paediatric suite",
                            "Launch of the online self-referral form",
                        ),
                    ),
                ),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="long"),
    ),
    Decision(
        code="PCD 1028",
        era="B",
        title="Mayor’s Office Budget Submission 2022/23",
        path=f"{_PROG}/mayors-office-budget-submission-202223",
        maker=SL,
        signed="2021-11-25",
        summary=(
            "MOPAC must submit a draft budget to the Mayor each year as part of the GLA Group budget "
            "process. The draft covers three years.",
        ),
        recs=(
            Rec("Approve the draft MOPAC budget submission for 2022/23 to 2024/25;"),
            Rec("Note the savings still to be identified."),
        ),
        sections=(
            Section(
                "Financial Comments",
                (
                    "The net revenue budget by year is:",
                    Table(
                        columns=("", "2022/23", "2023/24", "2024/25"),
                        rows=(
                            ("Police pay", "2,250,000", "2,310,000", "2,365,000"),
                            ("Running costs", "740,000", "752,000", "760,000"),
                            ("Savings to be identified", "-45,000", "-90,000", "-120,000"),
                            ("Total", "2,945,000", "2,972,000", "3,005,000"),
                        ),
                        caption="£000",
                        ruled=True,
                        split=True,
                    ),
                ),
            ),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 1055",
        era="B",
        title="Community Payback Partnership Grant",
        path=f"{_PROG}/community-payback-partnership-grant",
        maker=SL,
        signed="2022-01-20",
        summary=(
            "Community payback teams clean up areas affected by anti-social behaviour. A partnership grant "
            "will extend the work to five more boroughs.",
        ),
        rec_style="dash",
        recs=(
            Rec("Approve a grant of [[£120,000|120000]] to the Probation Service;"),
            Rec("Note the outcomes framework in Appendix 1."),
        ),
        sections=(legal(threshold=False),),
        pdf=Pdf(date_style="dots"),
    ),
    Decision(
        code="PCD 1089",
        era="B",
        title="London Crime Prevention Fund Co-commissioning Round 2",
        path=f"{_PROG}/london-crime-prevention-fund-co-commissioning-round-2",
        maker=SL,
        signed="2022-02-24",
        summary=(
            "The London Crime Prevention Fund (LCPF) co-commissioning strand funds services that cross "
            "borough boundaries. Round 2 runs from 2022 to 2025.",
        ),
        recs=(
            Rec("Approve LCPF co-commissioning awards of [[£4.8m|4800000]] for 2022/23 to 2024/25;"),
            Rec("Approve the borough allocations set out in Appendix 1."),
        ),
        sections=(
            Section(
                "Introduction and background",
                (
                    "Allocations are set out in <<Appendix 1 – Borough allocations 2022/23|"
                    "/sites/default/files/2022-02/appendix_1_borough_allocations_2022-23.pdf>>.",
                ),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="long"),
        appendix=Appendix(
            link_text="Appendix 1 – Borough allocations 2022/23",
            file="appendix_1_borough_allocations_2022-23.pdf",
            lines=(
                "Appendix 1 – Borough allocations 2022/23",
                "Each borough partnership receives an equal share of the co-commissioning strand.",
                "Allocation per partnership: £150,000 a year.",
            ),
        ),
    ),
)

# ---------------------------------------------------------------------------------------------------
# Era C: 2022+ site (chrome, title, "Key information", title repeated, "(Past staff)"; 2025 labels)
# ---------------------------------------------------------------------------------------------------
ERA_C: tuple[Decision, ...] = (
    Decision(
        code="PCD 1163",
        era="C",
        title="Violence Against Women and Girls Communications Campaign",
        path=f"{_NEW}/pcd-1163-violence-against-women-and-girls-communications-campaign",
        maker=SL,
        signed="2022-05-12",
        heading="bare",
        repeats=1,
        summary=(
            "A public campaign will challenge the attitudes that allow violence against women and girls "
            "to continue, aimed at men aged 18 to 34.",
            "The campaign budget is [[£750,000|750000]] over two years.",
        ),
        recs=(
            Rec("Approve a campaign budget of [[£750,000|750000]] for 2022/23 and 2023/24;"),
            Rec("Approve a direct award to the GLA’s creative agency framework supplier."),
        ),
        sections=(
            Section(
                "Introduction and background",
                ("Research with Londoners shaped the creative approach.",),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 1205",
        era="C",
        title="Custody Healthcare Contract Variation",
        path="/pcd-1205-custody-healthcare-contract-variation",
        maker=SL,
        signed="2022-07-07",
        summary=(
            "The custody healthcare contract needs varying to add mental health nurses in four custody "
            "suites, at [[£420,000|420000]] a year.",
        ),
        rec_style="ul",
        recs=(Rec("Approve a contract variation of [[£420,000|420000]] a year for the remaining term."),),
        sections=(
            Section(
                "Issues for consideration",
                ("Demand for mental health assessments in custody has grown by 15% in a year.",),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="long"),
    ),
    Decision(
        code="PCD 1247",
        era="C",
        title="Forensic Services Digital Case Management",
        path="/pcd-1247-forensic-services-digital-case-management",
        maker=SL,
        signed="2022-08-25",
        heading="dash",
        summary=(
            "Forensic submissions are still tracked partly on paper. A digital case management system "
            "will give investigators live updates on their exhibits.",
        ),
        recs=(
            Rec("Approve the purchase of a case management system for [[£1,340,000|1340000]];"),
            Rec("Approve implementation costs as set out in the table."),
        ),
        sections=(
            Section(
                "Financial Comments",
                (
                    "Costs by year:",
                    Table(
                        columns=("Item", "2022/23 (£000)", "2023/24 (£000)"),
                        rows=(
                            ("Licences", "540", "310"),
                            ("Implementation partner", "360", "130"),
                            ("Total", "900", "440"),
                        ),
                        ruled=True,
                    ),
                ),
            ),
            legal(),
            gdpr(dpia=True),
        ),
        pdf=Pdf(date_style="dots"),
    ),
    Decision(
        code="PCD 1278",
        era="C",
        title="Neighbourhood Policing Base Lease – Hackney",
        path="/pcd-1278-neighbourhood-policing-base-lease-hackney",
        maker=SL,
        signed="2022-10-13",
        summary=(
            "A ground floor unit in a new development in Hackney is offered as a neighbourhood policing "
            "base at a peppercorn rent.",
        ),
        rec_style="sentence",
        recs=(
            Rec(
                "The DMPC is asked to approve the grant of a 15 year lease of the Hackney unit and fit-out "
                "costs of [[£185,000|185000]]."
            ),
        ),
        sections=(legal(threshold=False),),
        pdf=Pdf(date_style="slash", ticks=False),
    ),
    Decision(
        code="PCD 1302",
        era="C",
        title="Police Uplift Recruitment Marketing",
        path="/pcd-1302-police-uplift-recruitment-marketing",
        maker=SL,
        signed="2022-11-24",
        heading="dash",
        summary=(
            "The MPS must recruit more officers to meet its share of the national uplift. Marketing is "
            "needed to reach under-represented groups.",
        ),
        rec_style="dash",
        recs=(
            Rec("Approve recruitment marketing spend of [[£2.2m|2200000]] in 2022/23;"),
            Rec("Note the diversity targets in the recruitment plan."),
        ),
        sections=(legal(), equality()),
        pdf=Pdf(date_style="long"),
    ),
    Decision(
        code="PCD 1339",
        era="C",
        title="Records Handling Review <script>alert(1)</script>",
        path="/pcd-1339-records-handling-review",
        maker=SL,
        signed="2023-01-19",
        summary=(
            'A review of how decision records are published found unsafe text such as "><img src=x '
            "onerror=alert(1)> copied into page fields. This page keeps such text as text.",
            "The review costs [[£12,500|12500]]. Read the <<background note|javascript:alert(1)>>.",
        ),
        recs=(Rec("Approve the review at a cost of [[£12,500|12500]]."),),
        sections=(legal(threshold=False),),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 1361",
        era="C",
        title="MPS Budget Monitoring Q3 2022/23",
        path="/pcd-1361-mps-budget-monitoring-q3-202223",
        maker=SL,
        signed="2023-02-16",
        summary=(
            "This paper reports the quarter three revenue position. A net underspend of [[£4.5m|4500000]] "
            "is forecast after planned transfers to reserves.",
        ),
        rec_style="ul",
        recs=(
            Rec("Note the quarter three forecast;"),
            Rec("Approve the transfers to reserves of [[£3.2m|3200000]]."),
        ),
        sections=(
            Section(
                "Financial Comments",
                (
                    "Forecast variances against budget:",
                    Table(
                        columns=("Business area", "Variance"),
                        rows=(
                            ("Frontline Policing", "1,250"),
                            ("Met Operations", "830"),
                            ("Specialist Operations", "-450"),
                            ("Professionalism", "120"),
                            ("Digital Policing", "-300"),
                            ("Corporate Services", "-2,150"),
                            ("Centrally held", "-3,800"),
                            ("Total", "-4,500"),
                        ),
                        caption="(£000)",
                        ruled=False,
                        split=True,
                    ),
                ),
            ),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="dots"),
    ),
    Decision(
        code="PCD 1384",
        era="C",
        title="Rape Review Implementation Funding",
        path="/pcd-1384-rape-review-implementation-funding",
        maker=SL,
        signed="2023-03-30",
        published="2023-04-12",
        summary=(
            "An independent review of rape investigation in London made twelve recommendations. This "
            "decision funds the first year of the response, building on {{PCD 1163|PCD 1163}}.",
        ),
        recs=(
            Rec("Approve [[£1.9m|1900000]] for specialist investigators and victim navigators;"),
            Rec("Approve [[£150,000|150000]] for an independent evaluation."),
        ),
        sections=(
            Section(
                "Introduction and background",
                ("The review was published in December 2022 and accepted in full.",),
            ),
            legal(),
            equality(),
        ),
        pdf=Pdf(date_style="long"),
    ),
    Decision(
        code="PCD 1403",
        era="C",
        title="Girls and Young Women Outreach Extension",
        path="/pcd-1403-girls-and-young-women-outreach-extension",
        maker=SL,
        signed="2023-06-01",
        listing_code="PCD 1402",
        summary=(
            "The VRU’s outreach programme for girls and young women will be extended by four months while "
            "a new service is designed.",
        ),
        rec_style="repeat1",
        recs=(Rec("Approve a four month extension at a cost of [[£96,000|96000]]."),),
        sections=(legal(threshold=False),),
        pdf=Pdf(date_style="slash", ticks=False),
    ),
    Decision(
        code="PCD 1429",
        era="C",
        title="Child Exploitation Support Service Extension",
        path=f"{_NEW}/pcd-1429-child-exploitation-support-service-extension",
        maker=SL,
        signed="2023-07-20",
        published="2023-08-02",
        summary=(
            "The child exploitation support service works with children at risk of criminal and sexual "
            "exploitation. It is extended for one year at [[£680,000|680000]].",
        ),
        recs=(Rec("Approve a one year extension of the service at [[£680,000|680000]]."),),
        sections=(legal(), equality()),
        pdf=Pdf(date_style="long"),
    ),
    Decision(
        code="PCD 1466",
        era="C",
        title="VRU Stronger Communities Fund 2023-25",
        path=f"{_NEW}/pcd-1466-vru-stronger-communities-fund-2023-25",
        maker=SL,
        signed="2023-09-14",
        heading="dash",
        summary=(
            "The Stronger Communities Fund gives small grants to neighbourhood groups tackling violence. "
            "Grant administration was procured under {{CEOD 24-2023|CEOD 24-2023}}.",
            "This decision approves a fund of [[£2.5m|2500000]] for two years.",
        ),
        rec_style="paren",
        recs=(
            Rec("Approve the Stronger Communities Fund of [[£2.5m|2500000]] for 2023-25;"),
            Rec("Delegate individual grant awards to the VRU Director."),
        ),
        sections=(legal(),),
        pdf=Pdf(date_style="dots"),
    ),
    Decision(
        code="PCD 1498",
        era="C",
        title="Forensic Science Provider Framework Call-off",
        path=f"{_NEW}/pcd-1498-forensic-science-provider-framework-call-off",
        maker=SL,
        signed="2023-11-09",
        summary=(
            "The MPS calls off forensic science services from a national framework. This call-off covers "
            "DNA and toxicology for two years at [[£14.2m|14200000]].",
        ),
        recs=(
            Rec("Approve a two year call-off worth [[£14.2m|14200000]];"),
            Rec("Note the performance measures in the call-off contract."),
        ),
        sections=(
            Section(
                "Financial Comments",
                ("The call-off is met from the forensic services budget for 2024/25 and 2025/26.",),
            ),
            legal(),
        ),
        pdf=Pdf(
            date_style="slash",
            extra="A contingency of £120,000 is held within the forensic services budget for urgent work.",
        ),
    ),
    Decision(
        code="PCD 1521",
        era="C",
        title="Sale of Former Patrol Base, Croydon",
        path=f"{_NEW}/pcd-1521-sale-former-patrol-base-croydon",
        maker=SL,
        signed="2024-01-11",
        published="2024-01-24",
        summary=(
            "The Croydon patrol base closed in 2022 and is surplus. A buyer has been found through an "
            "open marketing campaign.",
        ),
        recs=(Rec("Approve the sale on the terms in Exempt Appendix 2."),),
        sections=(
            Section(
                "Financial Comments",
                ("The sale price and the valuation advice are in Exempt Appendix 2.",),
            ),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="long", part2="Exempt Appendix 2 gives the agreed price."),
    ),
    Decision(
        code="PCD 1549",
        era="C",
        title="Digital Public Contact Grant Variation 2023/24",
        path=f"{_NEW}/pcd-1549-digital-public-contact-grant-variation-202324",
        maker=SL,
        signed="2024-03-07",
        summary=(
            "The Home Office has offered additional grant of [[£0.93m|930000]] for the national digital "
            "contact programme hosted by the MPS. Some milestones move into 2024/25.",
        ),
        recs=(
            Rec(
                "Approve receipt of additional grant funding of [[£930,000|930000]] for 2023/24 and note "
                "the revised milestones."
            ),
        ),
        sections=(
            Section(
                "Introduction and background",
                (
                    "The original grant of [[£11.5m|11500000]] was accepted in {{PCD 1188|PCD 1188}}. It "
                    "funds these deliverables:",
                    Bullets(
                        (
                            "an online reporting service for five more forces;",
                            "a shared chat platform for non-emergency contact;",
                            "better accessibility of the national police website.",
                        )
                    ),
                ),
            ),
            Section(
                "Financial Comments",
                (
                    "The variation is summarised below:",
                    Table(
                        columns=("Areas of change", "Amount in 2023/24 (£000)"),
                        rows=(
                            ("Chat platform licences", "410"),
                            ("Accessibility audit", "95"),
                            ("Reporting service hosting", "1,175"),
                            ("Contractor profile changes", "(450)"),
                            ("Training delayed to 2024/25", "-300"),
                            ("Total", "930"),
                        ),
                        ruled=True,
                    ),
                    Milestones(
                        "The following Q4 2023/24 milestones will be carried over to 2024/25:",
                        (
                            "Online reporting service live for the last two forces",
                            "Chat platform pilot in three force control rooms",
                        ),
                    ),
                ),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 1578",
        era="C",
        title="Police and Crime Plan Consultation Support",
        path=f"{_NEW}/pcd-1578-police-and-crime-plan-consultation-support",
        maker=SL,
        signed="2024-04-18",
        published="2024-05-01",
        summary=(
            "A new Police and Crime Plan is due in 2025. Specialist support is needed to run a consultation "
            "that reaches all communities.",
        ),
        rec_style="dash",
        recs=(Rec("Approve consultation support costing up to [[£240,000|240000]]."),),
        sections=(legal(threshold=False), equality()),
        pdf=Pdf(date_style="long", kind="missing"),
    ),
    Decision(
        code="PCD 1607",
        era="C",
        title="Response Vehicle Telematics Contract",
        path=f"{_NEW}/pcd-1607-response-vehicle-telematics-contract",
        maker=SL,
        signed="2024-06-20",
        summary=(
            "Telematics units record vehicle location and driving data. The contract builds on two "
            "earlier fleet decisions ({{PCD 890|PCD 890}} and {{1561|PCD 1561}}).",
            "The five year contract is valued at [[£3,450,000|3450000]].",
        ),
        recs=(
            Rec("Approve the award of the telematics contract at [[£3,450,000|3450000]];"),
            Rec("Note the rescheduled milestones."),
        ),
        sections=(
            Section(
                "Issues for consideration",
                (
                    Milestones(
                        "The following Q2 2024/25 milestones will be carried over to Q3 2024/25:",
                        (
                            "Installation in the first 500 response vehicles",
                            "Driver behaviour dashboard available to fleet managers",
                        ),
                    ),
                ),
            ),
            legal(),
            gdpr(dpia=True),
        ),
        pdf=Pdf(date_style="dots"),
    ),
    Decision(
        code="PCD 1633",
        era="C",
        title="MoJ Victims’ Grant 2024/25",
        path=f"{_NEW}/pcd-1633-moj-victims-grant-202425",
        maker=SL,
        signed="2024-07-25",
        published="2024-08-07",
        heading="space",
        repeats=1,
        summary=(
            "The Ministry of Justice (MoJ) grant funds support services for victims of crime. MOPAC will "
            "receive upto [[£5,000,000|5000000]] for 2024/25.",
        ),
        rec_style="ul",
        recs=(
            Rec("Accept the MoJ victims’ grant of upto [[£5,000,000|5000000]] for 2024/25;"),
            Rec("Approve the allocation to existing commissioned services."),
        ),
        sections=(legal(),),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 1702",
        era="C",
        title="Youth Practitioner Programme 2025-26",
        path=f"{_NEW}/pcd-1702-youth-practitioner-programme-2025-26",
        maker=KCS,
        signed="2025-02-27",
        published="2025-03-12",
        summary=(
            "Youth practitioners meet young people in hospitals and custody at a moment when they may "
            "accept help. The programme was extended under {{CEOD 35 - 2024|CEOD 35-2024}}.",
            "This decision funds it for 2025-26 at [[£1,870,000|1870000]].",
        ),
        rec_style="ul",
        recs=(Rec("Approve funding of [[£1,870,000|1870000]] for the youth practitioner programme."),),
        sections=(legal(), equality()),
        pdf=Pdf(date_style="long"),
    ),
    Decision(
        code="PCD 1735",
        era="C",
        title="Grant Administration Services Procurement",
        path=f"{_NEW}/pcd-1735-grant-administration-services-procurement",
        maker=KCS,
        signed="2025-05-15",
        heading="space",
        summary=(
            "MOPAC and the VRU run several grant programmes and need a grant administration provider on a "
            "call-off basis. The estimated value is [[£1.5m|1500000]] over four years.",
        ),
        intro="The DMPC is asked to:",
        rec_style="ol",
        recs=(
            Rec("Approve the procurement strategy for grant administration services;"),
            Rec("Note that each call-off will be approved separately."),
        ),
        sections=(commercial("A mini-competition under a public sector framework will be run."), legal()),
        pdf=Pdf(date_style="dots"),
    ),
    Decision(
        code="PCD 1768",
        era="C",
        title="Custody Nurse Recruitment Incentive",
        path=f"{_NEW}/pcd-1768-custody-nurse-recruitment-incentive",
        maker=KCS,
        signed="2025-07-03",
        published="2025-07-16",
        summary=(
            "Custody nurse vacancies are at 20%. A joining incentive of [[£2,000|2000]] per nurse is "
            "proposed for one year.",
        ),
        rec_style="dash",
        recs=(Rec("Approve a recruitment incentive budget of [[£80,000|80000]] for 2025/26."),),
        sections=(legal(threshold=False),),
        pdf=Pdf(date_style="slash", ticks=False),
    ),
    Decision(
        code="PCD 1810",
        era="C",
        title="Budget Monitoring Quarter 1 2025/26",
        path=f"{_NEW}/pcd-1810-budget-monitoring-quarter-1-202526",
        maker=KCS,
        signed="2025-09-11",
        heading="dash",
        summary=(
            "This report sets out the forecast outturn at quarter one. An overspend of [[£6.1m|6100000]] "
            "is forecast, mainly on overtime.",
        ),
        recs=(
            Rec("Note the forecast overspend;"),
            Rec("Approve the recovery actions set out in the report."),
        ),
        sections=(
            Section(
                "Financial Comments",
                (
                    Table(
                        columns=("Area", "£k"),
                        rows=(
                            ("Overtime", "8,400"),
                            ("Agency staff", "1,200"),
                            ("Vacancy savings", "-3,500"),
                            ("Total", "6,100"),
                        ),
                        ruled=False,
                    ),
                ),
            ),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="long"),
    ),
)

# ---------------------------------------------------------------------------------------------------
# Decisions that others cite, so the citation graph of the samples has both ends
# ---------------------------------------------------------------------------------------------------
CITED: tuple[Decision, ...] = (
    Decision(
        code="DMPCD 2013 96",
        era="A",
        title="Police and Crime Plan 2013-2016 Community Engagement Arrangements",
        path=f"{_WHAT}/mopac-decisions-117",
        maker=SG,
        signed="2013-09-26",
        summary=(
            "The Police and Crime Plan commits MOPAC to new local arrangements for engaging Londoners in "
            "policing. This paper sets out how Safer Neighbourhood Boards will replace the old groups.",
            "Set-up costs of [[£1000,000|1000000]] are proposed for the first year.",
        ),
        intro="The DMPC is asked to:",
        rec_style="ol",
        recs=(
            Rec("Approve the Safer Neighbourhood Board model set out in this paper;"),
            Rec("Approve set-up funding of [[£1000,000|1000000]] for 2013/14."),
        ),
        sections=(
            Section(
                "lntrodudion and background",
                (
                    "Borough engagement groups varied widely in membership and reach. Boroughs were "
                    "consulted over the summer of 2013.",
                ),
            ),
            Section(
                "Financial Comments",
                (
                    "Funding is met from the community engagement budget, previously [[£20million|20000000]] "
                    "over the life of the plan.",
                ),
            ),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="long", ticks=False),
    ),
    Decision(
        code="PCD 697",
        era="B",
        title="Command and Control System Replacement",
        path=f"{_PROG}/command-and-control-system-replacement",
        maker=SL,
        signed="2020-04-30",
        summary=(
            "The command and control system dispatches officers to emergency calls. It was built in the "
            "1980s and the supplier will end support in 2023.",
            "A replacement contract of [[£28.5m|28500000]] over ten years is proposed, following "
            "{{DMPCD 2016-36|DMPCD 2016 36}}.",
        ),
        rec_style="ol",
        recs=(
            Rec("Approve the award of the command and control contract at [[£28.5m|28500000]];"),
            Rec("Approve a programme contingency of [[£2.1m|2100000]] held by the MPS."),
        ),
        sections=(
            Section(
                "Issues for consideration",
                ("The new system will be hosted in the cloud and shared with the London Fire Brigade.",),
            ),
            Section(
                "Financial Comments",
                (
                    "The cost by phase is:",
                    Table(
                        columns=("Phase", "Capital", "Revenue"),
                        rows=(
                            ("Design and build", "9,400", "1,100"),
                            ("Transition", "3,200", "2,600"),
                            ("Run (years 1-8)", "0", "12,200"),
                            ("Total", "12,600", "15,900"),
                        ),
                        caption="(£000)",
                        ruled=True,
                    ),
                ),
            ),
            legal(),
            gdpr(dpia=True),
        ),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 988",
        era="B",
        title="Digital Public Contact Programme Grant 2021/22",
        path=f"{_PROG}/digital-public-contact-programme-grant-202122",
        maker=SL,
        signed="2021-06-17",
        summary=(
            "The Home Office has offered a grant of [[£13m|13000000]] for the national Digital Public "
            "Contact programme in 2021/22, with MOPAC as the contracting authority.",
        ),
        rec_style="ul",
        recs=(Rec("Accept the Home Office grant of [[£13m|13000000]] for 2021/22."),),
        sections=(
            Section(
                "Introduction and background",
                (
                    "The grant funds these deliverables:",
                    Bullets(
                        (
                            "online crime reporting for ten more forces;",
                            "a social media management platform for forces;",
                            "a new national police website strategy.",
                        ),
                        numbered=True,
                    ),
                ),
            ),
            Section(
                "Financial Comments",
                (
                    "Payments are made quarterly in arrears. The MPS contribution stays at [[£1.4m|1400000]] "
                    "per annum.",
                ),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="long"),
    ),
    Decision(
        code="PCD 1188",
        era="C",
        title="Digital Public Contact Grant Agreement 2022-25",
        path="/pcd-1188-digital-public-contact-grant-agreement-2022-25",
        maker=SL,
        signed="2022-06-09",
        heading="space",
        summary=(
            "The Home Office will fund the Digital Public Contact programme for three more years "
            "with a grant "
            "of [[£11.5m|11500000]], building on {{PCD 988|PCD 988}}.",
            "Forces joining the online service pay an onboarding fee of [[£10k|10000]]–[[£20k|20000]] "
            "depending on size.",
        ),
        recs=(
            Rec("Accept the grant of [[£11.5m|11500000]] for 2022/23 to 2024/25;"),
            Rec("Approve the onboarding fees set out in the summary."),
        ),
        sections=(
            Section(
                "Financial Comments",
                (
                    Milestones(
                        "The grant is paid against these milestones:",
                        (
                            "Online reporting live in 35 forces by March 2023",
                            "Chat platform procurement complete by September 2023",
                        ),
                    ),
                ),
            ),
            legal(),
        ),
        pdf=Pdf(date_style="dots"),
    ),
    Decision(
        code="PCD 1561",
        era="C",
        title="Victims Research Consortium Grant",
        path=f"{_NEW}/pcd-1561-victims-research-consortium-grant",
        maker=SL,
        signed="2024-03-28",
        published="2024-04-10",
        heading="dash",
        summary=(
            "MOPAC is a partner in a European research consortium studying support for victims of fraud. "
            "MOPAC’s share of the consortium grant is [[€450,000|450000]] over three years.",
        ),
        rec_style="sentence",
        recs=(
            Rec(
                "The DMPC is asked to approve MOPAC’s participation in the consortium and receipt of "
                "[[€450,000|450000]] of grant."
            ),
        ),
        sections=(legal(threshold=False), gdpr(dpia=True)),
        pdf=Pdf(date_style="slash"),
    ),
    Decision(
        code="PCD 1843",
        era="C",
        title="MOPAC Budget Submission 202627",
        path=f"{_NEW}/pcd-1843-mopac-budget-submission-202627",
        maker=KCS,
        signed="2025-11-20",
        published="2025-12-03",
        heading="space",
        summary=(
            "MOPAC submits its draft budget for 2026/27 to the Mayor as part of the GLA Group "
            "budget process. "
            "The draft shows a gap of [[£42.6m|42600000]] still to be closed.",
        ),
        intro="The Deputy Mayor for Policing and Crime is recommended to:",
        rec_style="ol",
        recs=(
            Rec("Approve the draft budget submission for 2026/27;"),
            Rec("Note the gap of [[£42.6m|42600000]] and the plan to close it by February 2026."),
        ),
        sections=(
            Section(
                "Financial Comments",
                (
                    "The draft net budget is:",
                    Table(
                        columns=("", "2026/27 £000"),
                        rows=(
                            ("Police officer pay", "2,510,300"),
                            ("Police staff pay", "688,100"),
                            ("Savings to be found", "(42,600)"),
                            ("Total", "3,155,800"),
                        ),
                        ruled=False,
                    ),
                ),
            ),
            legal(threshold=False),
        ),
        pdf=Pdf(date_style="dots"),
    ),
)

DECISIONS: tuple[Decision, ...] = ERA_A + ERA_B + ERA_C + CITED
