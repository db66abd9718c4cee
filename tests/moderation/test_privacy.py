"""The patient-privacy guard: each rule finds what it should, and lets ordinary guidance through."""

import time

import pytest

from app.moderation.privacy import Finding, find_phi

from ..conftest import load_corpus


def kinds(text: str) -> list[str]:
    return [f.kind for f in find_phi(text)]


def passages(text: str) -> list[str]:
    return [f.passage for f in find_phi(text)]


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Her MRN 12345678 was on the photo.", "MRN 12345678"),
        ("see MRN: 00123456", "MRN: 00123456"),
        ("medical record #4455667 was visible", "medical record #4455667"),
        ("Medical record number 98-76-5432 in the caption", "Medical record number 98-76-5432"),
        ("patient ID 99887766 on the wristband", "patient ID 99887766"),
        ("MR# A1234567", "MR# A1234567"),
        ("chart number 556677", "chart number 556677"),
    ],
)
def test_medical_record_numbers_are_found(text, passage):
    assert passages(text) == [passage]
    assert kinds(text) == ["medical_record_number"]


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("DOB 03/14/1962", "DOB 03/14/1962"),
        ("D.O.B.: 3-14-62", "D.O.B.: 3-14-62"),
        ("date of birth is 1962-03-14", "date of birth is 1962-03-14"),
        ("she was born on March 14, 1962 in Ohio", "born on March 14, 1962"),
        ("born 14th of March 1962", "born 14th of March 1962"),
        ("Birthday: Dec. 2 1990", "Birthday: Dec. 2 1990"),
        ("born in March 1962", "born in March 1962"),
    ],
)
def test_dates_of_birth_are_found(text, passage):
    assert passages(text) == [passage]
    assert kinds(text) == ["date_of_birth"]


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Call her at (555) 123-4567 tonight", "(555) 123-4567"),
        ("cell 555-123-4567.", "555-123-4567"),
        ("reach him on 555.123.4567", "555.123.4567"),
        ("+1 555 123 4567", "+1 555 123 4567"),
        ("her UK number +44 20 7946 0958", "+44 20 7946 0958"),
    ],
)
def test_phone_numbers_are_found(text, passage):
    assert passages(text) == [passage]
    assert kinds(text) == ["phone"]


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("write to jane.doe@gmail.com", "jane.doe@gmail.com"),
        ("J_Smith+clinic@mail.example.co.uk wrote", "J_Smith+clinic@mail.example.co.uk"),
    ],
)
def test_personal_email_addresses_are_found(text, passage):
    assert passages(text) == [passage]
    assert kinds(text) == ["email"]


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("He lives at 412 Oak Street, Springfield.", "412 Oak Street"),
        ("visit 1600 Pennsylvania Ave. NW", "1600 Pennsylvania Ave."),
        ("at 77 N. Maple Grove Rd on Tuesdays", "77 N. Maple Grove Rd"),
        ("send it to 9 West 42nd Street", "9 West 42nd Street"),
        ("PO Box 1234, Anytown", "PO Box 1234"),
        ("Post Office Box 77", "Post Office Box 77"),
    ],
)
def test_street_addresses_are_found(text, passage):
    assert passages(text) == [passage]
    assert kinds(text) == ["address"]


def test_social_security_numbers_are_found():
    assert kinds("SSN 123-45-6789 on the form") == ["social_security_number"]


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Mrs. Jones in room 412 with pneumonia asked for us", "Mrs. Jones in room 412 with pneumonia"),
        ("the patient in bed 7 keeps posting", "the patient in bed 7"),
        ("Mr. Alvarez has stage 4 cancer", "Mr. Alvarez has stage 4 cancer"),
        ("Ms Patel was diagnosed with diabetes last week", "Ms Patel was diagnosed with diabetes"),
        (
            "our patient Maria Lopez, admitted for an overdose",
            "patient Maria Lopez, admitted for an overdose",
        ),
        ("Miss Green is pregnant", "Miss Green is pregnant"),
        ("Mr. Brown (room 12B) tweeted", "Mr. Brown (room 12B"),
        ("a man from bed 12 filmed it", "a man from bed 12"),
        ("the room 5 patient", "room 5 patient"),
    ],
)
def test_people_paired_with_a_diagnosis_or_room_are_found(text, passage):
    assert passages(text) == [passage]
    assert kinds(text) == ["patient_detail"]


@pytest.mark.parametrize(
    "text",
    [
        "Patients often ask about HIPAA before they post.",
        "In an emergency, call 911. For the crisis line call 988.",
        "Post office hours are listed on our Facebook page.",
        "In 2019 we grew our following by 40%; between 2019-2020 it doubled.",
        "There is always room for improvement in how we respond.",
        "Tag posts with ICD-10 codes only in internal systems, never publicly.",
        "Medical record numbers must never appear in a post.",
        "Patients with diabetes benefit from short how-to videos.",
        "Ask Dr. Smith, our spokesperson, about cancer screening campaigns.",
        "Dr. Lee has a YouTube channel with 20,000 subscribers.",
        "Call our 24/7 hotline at 1-800-273-8255 or (888) 555-0100.",
        "E-mail press@mercy-health.example or privacy@mercy-health.example for questions.",
        "Top 10 Ways to Build Trust on Instagram",
        "The webinar is on 03/14/2024 at 2 pm ET.",
        "Our Main Street clinic posts 3 Instagram stories a day.",
        "We meet in conference room 204 every Tuesday.",
        "A patient with questions about billing should call the office.",
        "Follow @MercyHealth and #HCSM on X.",
        "Version 2.3.1 of the toolkit, updated 2024-05-01.",
        "Our team of 12 answers within 24 hours, 7 days a week.",
        "Ms. Rivera, our social media manager, led the campaign.",
        "See https://example.org/guides/2024/privacy-checklist for details.",
        "",
    ],
)
def test_ordinary_guidance_text_raises_nothing(text):
    assert find_phi(text) == []


def test_findings_carry_position_passage_and_a_readable_reason():
    text = "Update: MRN 12345678, DOB 03/14/1962."
    findings = find_phi(text)
    assert [f.kind for f in findings] == ["medical_record_number", "date_of_birth"]
    for finding in findings:
        assert isinstance(finding, Finding)
        assert text[finding.start : finding.end] == finding.passage
        assert finding.reason.endswith(".") and len(finding.reason) > 20
    assert [f.label for f in findings] == ["medical record number", "date of birth"]


def test_a_passage_inside_a_longer_finding_is_reported_once():
    findings = find_phi("Mrs. Jones in room 412 with pneumonia")
    assert len(findings) == 1


def test_no_naughty_string_breaks_the_guard():
    for text in load_corpus("blns.json"):
        find_phi(text)


@pytest.mark.parametrize(
    "text",
    ["a." * 25_000, "1-" * 25_000, "Mrs. Jones " * 5000, "a@" * 25_000, "12 " * 16_000 + "Oak"],
)
def test_long_hostile_text_is_checked_quickly(text):
    started = time.perf_counter()
    find_phi(text)
    assert time.perf_counter() - started < 2.0
