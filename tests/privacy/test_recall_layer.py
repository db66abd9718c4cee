"""The recall layer (app/privacy/proximity.py): a possible person near a word of care is held,
with a reason naming both; staff, public figures in the news, places and events pass."""

from __future__ import annotations

import pytest

from app.privacy import find_phi

HELD = [
    "Surgery number 4 tomorrow for our boy #PrayersForLiam",
    "@marco.runs just finished his 12th dialysis session without complaining once",
    "Pictured: Olumide and his mum on discharge day from our burns unit.",
    "gofundme.com/f/help-dani - Danielle starts leukemia treatment next month.",
    "Pt: Anand Krishnan | Bed: 22 | Dx: CAP",
    "Bath time went great for our patient Cooper today, post-stroke and smiling.",
]
PASSES = [
    "Proud of our #TransplantTeam: 200 kidney transplants this year.",
    "Follow @CityHealthDept for vaccine clinic updates this winter.",
    "Pictured: the 5 West nurses with their Daisy Award, presented by CNO Maria Gutierrez.",
    "Genetic counselor Anita Desai talks about BRCA testing and breast cancer risk.",
    "The stroke awareness walk starts at 9 am at Riverside Park.",
    "Template: Pt: [name] | Bed: [#] | Dx: [diagnosis]",
]


@pytest.mark.parametrize("text", HELD)
def test_a_possible_person_near_care_is_held_and_the_reason_names_both(text):
    findings = find_phi(text)
    assert findings
    assert any(f.passage in text and f.reason for f in findings)


@pytest.mark.parametrize("text", PASSES)
def test_staff_places_events_and_templates_pass(text):
    assert find_phi(text) == []


def test_the_layer_explains_what_it_saw():
    (finding,) = find_phi("Still in the PICU. #JaxsonsJourney #CHD")
    assert finding.kind == "person_near_care"
    assert "#JaxsonsJourney" in finding.reason and "PICU" in finding.reason
