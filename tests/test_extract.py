"""``decisions extract`` on saved text: a signed form's text (as pdftotext or a copy-paste gives it) keeps
its date signed; a web page's text has no signature block and gets none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline.extract import extract_path

FORM_TEXT = """MAYOR OF LONDON OFFICE FOR POLICING AND CRIME

DMPC Decision – PCD 9401

Title: Example Youth Outreach Grant

Executive Summary:
MOPAC will fund an outreach service for two years at a cost of £120,000.

Recommendation:
The Deputy Mayor for Policing and Crime is recommended to:
1. Approve a grant of £120,000 to the outreach service.

Deputy Mayor for Policing and Crime
I confirm I do not have any disclosable pecuniary interests in this proposed decision.
The above request has my approval.
Signature
Date 03/04/2022
"""

PAGE_TEXT = """Example Youth Outreach Grant

Key information

Reference code: PCD 9401

Date signed:

Decision by: Jo Example, Deputy Mayor, Policing and Crime

Executive summary

MOPAC will fund an outreach service at a cost of £120,000. Officers should sign up by 03/04/2022.
"""


def test_the_text_of_a_signed_form_keeps_its_date_signed_in_uk_order(tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_text(FORM_TEXT, encoding="utf-8")
    record = extract_path(path)
    assert record["reference_code"] == "PCD 9401"
    assert record["title"] == "Example Youth Outreach Grant"
    assert record["date_signed"] == date(2022, 4, 3).isoformat()


def test_a_page_without_a_signature_block_gets_no_date_signed(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE_TEXT, encoding="utf-8")
    record = extract_path(path)
    assert record["reference_code"] == "PCD 9401"
    assert record["date_signed"] is None
