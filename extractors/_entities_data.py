"""Reference lists for :mod:`extractors.entities`.

Where these came from: written by hand for this project from public knowledge of UK public bodies
(the names departments, police forces and London councils use for themselves on gov.uk and their own
sites, and the 32 London boroughs plus the City of London set up by the London Government Act 1963),
and from the *shapes* of the names seen in the MOPAC decision archive (acronyms such as ``MPS`` and
``NPCC``, possessives, ``&`` for ``and``, all-caps headings, typos such as "Metropolitan Police
Services" and "National Policing Chiefs Council"). No archive text is copied here.

Aliases are matched as whole words, case-insensitively but only where every capitalised word of the
alias is capitalised in the text too (so "home office" in running lower-case text is not the Home
Office, while "HOME OFFICE" in a heading is); ``'`` in an alias also matches ``’`` or nothing.
Acronyms are matched exactly (case-sensitive).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BodyKind = Literal["government", "policing", "london", "health", "justice", "other"]


@dataclass(frozen=True)
class Body:
    """A public body: its canonical name, the names it is printed under, and what kind of body it is."""

    canonical: str
    aliases: tuple[str, ...] = ()  # full names and variants, matched case-insensitively (see module doc)
    acronyms: tuple[str, ...] = ()  # short forms, matched exactly
    # "government" bodies hand out grants: on the other side of a grant agreement they are the funder
    kind: BodyKind = "other"


BODIES: tuple[Body, ...] = (
    # -- the archive's own bodies ------------------------------------------------------------------
    Body(
        "Mayor's Office for Policing and Crime",
        ("Mayor's Office for Policing and Crime", "Mayor's Office for Policing & Crime"),
        ("MOPAC",),
        "london",
    ),
    Body(
        "Metropolitan Police Service",
        (
            "Metropolitan Police Service",
            "Metropolitan Police Services",  # a typo the archive really prints
            "Metropolitan Police",
            "Met Police",
        ),
        ("MPS",),
        "policing",
    ),
    Body(
        "Violence Reduction Unit",
        ("London Violence Reduction Unit", "Violence Reduction Unit"),
        ("VRU",),
        "london",
    ),
    Body("Greater London Authority", ("Greater London Authority",), ("GLA",), "london"),
    Body("Greater London Authority Group", ("GLA Group", "Greater London Authority Group"), (), "london"),
    Body("London Assembly", ("London Assembly",), (), "london"),
    Body("Transport for London", ("Transport for London",), ("TfL", "TFL"), "london"),
    Body("London Fire Brigade", ("London Fire Brigade",), ("LFB",), "london"),
    Body("London Councils", ("London Councils",), (), "london"),
    Body("City of London Corporation", ("City of London Corporation",), (), "london"),
    Body("London Criminal Justice Board", ("London Criminal Justice Board",), ("LCJB",), "justice"),
    # -- central government ----------------------------------------------------------------------
    Body("Home Office", ("Home Office",), ("HO",), "government"),
    Body("Ministry of Justice", ("Ministry of Justice",), ("MoJ", "MOJ"), "government"),
    Body(
        "HM Treasury", ("HM Treasury", "Her Majesty's Treasury", "His Majesty's Treasury"), (), "government"
    ),
    Body("Cabinet Office", ("Cabinet Office",), (), "government"),
    Body("Department for Education", ("Department for Education",), ("DfE",), "government"),
    Body(
        "Department of Health and Social Care",
        (
            "Department of Health and Social Care",
            "Department of Health & Social Care",
            "Department of Health",
        ),
        ("DHSC",),
        "government",
    ),
    Body(
        "Ministry of Housing, Communities and Local Government",
        (
            "Ministry of Housing, Communities and Local Government",
            "Ministry of Housing, Communities & Local Government",
            "Department for Levelling Up, Housing and Communities",
            "Department for Levelling Up, Housing & Communities",
        ),
        ("MHCLG", "DLUHC"),
        "government",
    ),
    Body(
        "Department for Culture, Media and Sport",
        ("Department for Culture, Media and Sport", "Department for Digital, Culture, Media and Sport"),
        ("DCMS",),
        "government",
    ),
    Body("Department for Transport", ("Department for Transport",), ("DfT",), "government"),
    Body("Department for Work and Pensions", ("Department for Work and Pensions",), ("DWP",), "government"),
    Body("Office for National Statistics", ("Office for National Statistics",), ("ONS",), "government"),
    # -- policing and justice ----------------------------------------------------------------------
    Body(
        "National Police Chiefs' Council",
        (
            "National Police Chiefs' Council",
            "National Policing Chiefs' Council",  # a variant the archive really prints
            "National Police Chief's Council",
        ),
        ("NPCC",),
        "policing",
    ),
    Body("College of Policing", ("College of Policing",), (), "policing"),
    Body("Police Digital Service", ("Police Digital Service",), ("PDS",), "policing"),
    Body("BlueLight Commercial", ("BlueLight Commercial", "Blue Light Commercial"), (), "policing"),
    Body(
        "Association of Police and Crime Commissioners",
        ("Association of Police and Crime Commissioners",),
        ("APCC",),
        "policing",
    ),
    Body(
        "Counter Terrorism Policing",
        ("Counter Terrorism Policing", "Counter-Terrorism Policing"),
        ("CTP",),
        "policing",
    ),
    Body("National Crime Agency", ("National Crime Agency",), ("NCA",), "policing"),
    Body("British Transport Police", ("British Transport Police",), ("BTP",), "policing"),
    Body("City of London Police", ("City of London Police",), (), "policing"),
    Body("Police Scotland", ("Police Scotland",), (), "policing"),
    Body(
        "Police Service of Northern Ireland", ("Police Service of Northern Ireland",), ("PSNI",), "policing"
    ),
    Body("Ministry of Defence Police", ("Ministry of Defence Police",), ("MDP",), "policing"),
    Body("Civil Nuclear Constabulary", ("Civil Nuclear Constabulary",), (), "policing"),
    Body(
        "Independent Office for Police Conduct",
        ("Independent Office for Police Conduct",),
        ("IOPC",),
        "policing",
    ),
    Body(
        "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        (
            "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
            "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
            "HM Inspectorate of Constabulary and Fire & Rescue Services",
            "HM Inspectorate of Constabulary",
        ),
        ("HMICFRS", "HMIC"),
        "policing",
    ),
    Body("Crown Prosecution Service", ("Crown Prosecution Service",), ("CPS",), "justice"),
    Body(
        "HM Prison and Probation Service",
        (
            "HM Prison and Probation Service",
            "Her Majesty's Prison and Probation Service",
            "Probation Service",
            "National Probation Service",
        ),
        ("HMPPS",),
        "justice",
    ),
    Body("Youth Justice Board", ("Youth Justice Board",), ("YJB",), "justice"),
    Body(
        "HM Courts & Tribunals Service",
        ("HM Courts & Tribunals Service", "HM Courts and Tribunals Service"),
        ("HMCTS",),
        "justice",
    ),
    Body("Crown Commercial Service", ("Crown Commercial Service",), ("CCS",), "government"),
    # -- health ------------------------------------------------------------------------------------
    Body("NHS England", ("NHS England",), ("NHSE",), "health"),
    Body("NHS Shared Business Services", ("NHS Shared Business Services", "NHS SBS"), (), "health"),
    Body("National Health Service", ("National Health Service",), ("NHS",), "health"),
    Body("UK Health Security Agency", ("UK Health Security Agency",), ("UKHSA",), "health"),
    Body("Public Health England", ("Public Health England",), ("PHE",), "health"),
)

# The 32 London boroughs and their council's own name. Royal boroughs and Westminster are named
# differently; the rest are "London Borough of <name>".
LONDON_BOROUGHS: tuple[tuple[str, ...], ...] = (
    # (name as printed, further spellings...)
    ("Barking and Dagenham", "Barking & Dagenham"),
    ("Barnet",),
    ("Bexley",),
    ("Brent",),
    ("Bromley",),
    ("Camden",),
    ("Croydon",),
    ("Ealing",),
    ("Enfield",),
    ("Greenwich",),
    ("Hackney",),
    ("Hammersmith and Fulham", "Hammersmith & Fulham"),
    ("Haringey",),
    ("Harrow",),
    ("Havering",),
    ("Hillingdon",),
    ("Hounslow",),
    ("Islington",),
    ("Kensington and Chelsea", "Kensington & Chelsea"),
    ("Kingston upon Thames", "Kingston"),
    ("Lambeth",),
    ("Lewisham",),
    ("Merton",),
    ("Newham",),
    ("Redbridge",),
    ("Richmond upon Thames", "Richmond"),
    ("Southwark",),
    ("Sutton",),
    ("Tower Hamlets",),
    ("Waltham Forest",),
    ("Wandsworth",),
    ("Westminster",),
)
ROYAL_BOROUGHS = frozenset({"Greenwich", "Kensington and Chelsea", "Kingston upon Thames"})
CITY_BOROUGHS = frozenset({"Westminster"})  # "City of Westminster"

# Territorial police forces of England and Wales outside London (the place part of the force's name);
# "<place> Police" or "<place> Constabulary" is an organisation.
POLICE_FORCE_PLACES: tuple[str, ...] = (
    "Avon and Somerset",
    "Bedfordshire",
    "Cambridgeshire",
    "Cheshire",
    "Cleveland",
    "Cumbria",
    "Derbyshire",
    "Devon and Cornwall",
    "Dorset",
    "Durham",
    "Dyfed-Powys",
    "Essex",
    "Gloucestershire",
    "Greater Manchester",
    "Gwent",
    "Hampshire",
    "Hertfordshire",
    "Humberside",
    "Kent",
    "Lancashire",
    "Leicestershire",
    "Lincolnshire",
    "Merseyside",
    "Norfolk",
    "North Wales",
    "North Yorkshire",
    "Northamptonshire",
    "Northumbria",
    "Nottinghamshire",
    "South Wales",
    "South Yorkshire",
    "Staffordshire",
    "Suffolk",
    "Surrey",
    "Sussex",
    "Thames Valley",
    "Warwickshire",
    "West Mercia",
    "West Midlands",
    "West Yorkshire",
    "Wiltshire",
)

# Last words that make a capitalised name an organisation ("Acme Widgets Ltd", "Hope Youth CIC").
# Value: confidence of a name found only by its suffix (generic words are weaker evidence).
ORG_SUFFIXES: dict[str, float] = {
    "Ltd": 1.0,
    "Ltd.": 1.0,
    "Limited": 1.0,
    "LLP": 1.0,
    "plc": 1.0,
    "PLC": 1.0,
    "Plc": 1.0,
    "CIC": 1.0,
    "Inc": 0.9,
    "Inc.": 0.9,
    "LLC": 0.9,
    "Trust": 0.9,
    "Foundation": 0.9,
    "Charity": 0.8,
    "University": 0.9,
    "Council": 0.8,
    "Hospital": 0.8,
    "Group": 0.7,
    "Partnership": 0.7,
}
# "Group"/"Partnership"/"Council"/"Board" after these words is a committee, not an organisation.
COMMITTEE_WORDS = frozenset(
    {
        "steering",
        "working",
        "action",
        "reference",
        "advisory",
        "project",
        "task",
        "focus",
        "stakeholder",
        "user",
        "scrutiny",
        "oversight",
        "programme",
        "delivery",
        "management",
        "governance",
        "strategic",
        "tax",
        "budget",
        "funding",
        "safety",
    }
)

# Capitalised words that start sentences or list items, never an organisation's name.
NOT_NAME_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "our",
        "their",
        "its",
        "his",
        "her",
        "to",
        "with",
        "under",
        "pursuant",
        "in",
        "as",
        "by",
        "for",
        "of",
        "and",
        "or",
        "on",
        "at",
        "from",
        "into",
        "via",
        "approve",
        "approval",
        "agree",
        "award",
        "awarded",
        "note",
        "delegate",
        "accept",
        "authorise",
        "request",
        "requests",
        "seek",
        "seeks",
        "if",
        "where",
        "when",
        "while",
        "both",
        "each",
        "all",
        "any",
        "other",
        "further",
        "new",
        "existing",
        "current",
        "appendix",
        "annex",
        "table",
        "part",
        "section",
        "schedule",
        "paragraph",
        "article",
        "see",
        "also",
        "following",
        "mayoral",
        "mayor",
        "deputy",
        "director",
        "chief",
        "commercial",
        "dmpc",
        "however",
        "therefore",
    }
)
# Words that start a deal, never a name: "Contract Award To Acme Ltd" names "Acme Ltd".
DEAL_WORDS = frozenset(
    {
        "contract",
        "contracts",
        "grant",
        "grants",
        "funding",
        "agreement",
        "agreements",
        "award",
        "extension",
        "variation",
        "procurement",
        "tender",
        "lot",
        "decision",
        "pcd",
        "dmpcd",
        "under",
        "including",
        "between",
        "via",
        "with",
    }
)

# Words too generic to be a whole name on their own ("Local Authority", "Community Partnership").
GENERIC_NAME_WORDS = frozenset(
    {
        "local",
        "national",
        "community",
        "communities",
        "authority",
        "authorities",
        "police",
        "policing",
        "london",
        "regional",
        "public",
        "private",
        "voluntary",
        "sector",
        "services",
        "service",
        "young",
        "people",
        "youth",
        "crime",
        "justice",
        "safer",
        "neighbourhood",
        "neighbourhoods",
        "partner",
        "partners",
        "provider",
        "providers",
        "supplier",
        "suppliers",
        "grant",
        "fund",
        "manager",
        "successful",
        "city",
        "borough",
        "boroughs",
        "capital",
        "contracting",
        "host",
        "lead",
        "nhs",  # "NHS Trust" alone names no trust
        "health",
        "charity",
        "charities",
        "organisation",
        "organisations",
        "housing",
        "education",
        "business",
        "partnership",
        "council",
        "trust",
        "group",
        "the",
    }
)

# Short names of laws, with the citation they stand for.
LAW_ALIASES: dict[str, str] = {
    "GDPR": "General Data Protection Regulation",
    "UK GDPR": "UK General Data Protection Regulation",
    "General Data Protection Regulation": "General Data Protection Regulation",
    "DPA 2018": "Data Protection Act 2018",
    "ECHR": "European Convention on Human Rights",
    "European Convention on Human Rights": "European Convention on Human Rights",
    "European Convention of Human Rights": "European Convention on Human Rights",  # a variant printed
    "Human Rights Convention": "European Convention on Human Rights",
    "PCR 2015": "Public Contracts Regulations 2015",
    "PRSRA 2011": "Police Reform and Social Responsibility Act 2011",
}
