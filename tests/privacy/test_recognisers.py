"""The patient-privacy guard: each recogniser finds what it should, and lets ordinary guidance through."""

import time

import pytest

from app.privacy import Finding, find_phi

from ..conftest import load_corpus


def kinds(text: str) -> list[str]:
    return [f.kind for f in find_phi(text)]


def passages(text: str) -> list[str]:
    return [f.passage for f in find_phi(text)]


# --- A name tied to care (the commonest way a post identifies a patient) -------------------------


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("John Smith was admitted with pancreatic cancer", "John Smith was admitted"),
        ("Our patient Maria Lopez has breast cancer", "Maria Lopez has breast cancer"),
        ("Jane Doe, 45, was treated for leukemia on ward 4.", "Jane Doe, 45, was treated for leukemia"),
        ("Ms Patel was diagnosed with diabetes last week", "Ms Patel was diagnosed"),
        ("Mr. Alvarez has stage 4 cancer", "Mr. Alvarez has stage 4 cancer"),
        ("Please keep Robert Chen in your thoughts; he underwent bypass surgery.", None),
        ("We are saddened that Harold Jenkins passed away in our hospice.", "Harold Jenkins passed away"),
        ("Sarah O'Neill gave birth to twins this morning.", "Sarah O'Neill gave birth"),
        ("Olumide Adeyemi was treated for a sickle cell crisis.", "Olumide Adeyemi was treated"),
        ("jenna marie collins was admitted with an overdose", "jenna marie collins was admitted"),
    ],
)
def test_a_name_with_a_condition_admission_birth_or_death_is_found(text, passage):
    found = find_phi(text)
    assert found[0].kind == "patient_name"
    if passage:
        assert found[0].passage == passage


@pytest.mark.parametrize(
    "text",
    [
        "Maria's chemo starts Monday.",  # the possessive
        "Excited to share Jaxon Reed's NICU graduation photos!",
        "We treated Lucy Bennett for a severe asthma attack.",  # care before the name
        "Huge thanks to the NICU team for caring for baby Emma!",
        "After a stroke in March, Patricia Allen relearned to walk.",  # an opening clause
        "Meet Tom Baker. He was diagnosed with ALS in 2019.",  # he/she in the next sentence
        "Get well soon, little Sofia! Her appendectomy went great.",
        "Please welcome back Hugh Delacroix, discharged after his stay in our psychiatric unit.",
        "Nurse Jennifer Lee was diagnosed with breast cancer.",  # staff, with a strong tie
    ],
)
def test_other_ways_of_tying_a_name_to_care_are_found(text):
    assert kinds(text) == ["patient_name"]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Priya Shah, our chief of oncology, explains what every woman should know about breast cancer.",
        "Cardiologist Dr. Robert Hayes explains the warning signs of a heart attack.",
        "Jennifer Walsh, MD, answers your questions about flu vaccines.",
        "Meet Sarah Kim, RN, who leads our diabetes education program.",
        "Surgeon General Vivek Murthy issued an advisory on youth mental health.",
        "Former President Jimmy Carter's foundation has nearly eradicated Guinea worm disease.",
        "Selena Gomez has spoken openly about mental health.",
        "Meet Tom Baker, our new facilities manager. He led the renovation of the cancer center lobby.",
        "We are grateful to Jane Smith and the Smith Family Foundation for their gift to the cancer center.",
        "Women in Harlan County with diabetes face long drives to specialists.",
        "[Patient name] was admitted with [condition] on [date].",
        "Template: {first_name} {last_name} was treated for {diagnosis} in our {unit}.",
        "Story outline: <PATIENT NAME>, <AGE>, was diagnosed with <CONDITION>.",
    ],
)
def test_staff_public_figures_places_and_templates_pass(text):
    assert find_phi(text) == []


# --- Rooms and beds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the patient in bed 7 keeps posting",
        "a man from bed 12 filmed it",
        "the room 5 patient on oncology",
        "Ms. Ortiz, bed 22 on the surgical floor, is our 1,000th hip replacement.",
        "The lady in room 517 on the oncology unit keeps live-streaming.",
    ],
)
def test_a_patient_placed_by_room_or_bed_is_found(text):
    assert set(kinds(text)) <= {"patient_location", "patient_name"} and kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Join us in Room 4B for the social media workshop.",
        "We meet in conference room 204 every Tuesday.",
        "Lunch-and-learn on crisis communications, Room 310, Building A.",
        "There is always room for improvement in how we respond.",
        "The ICU at our Springfield campus has 32 beds.",
    ],
)
def test_meeting_rooms_and_bed_counts_pass(text):
    assert find_phi(text) == []


# --- Ages, dates, numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Our 94-year-old patient got her first tattoo.",
        "Edna, 97, was discharged after her pneumonia cleared up.",
        "Happy 101st birthday to Rose!",
        "Congratulations to Lillian Ford, aged 103, on her booster.",
    ],
)
def test_ages_over_89_are_found(text):
    found = find_phi(text)
    assert found and any(age in f.passage for f in found for age in ("94", "97", "101", "103"))


@pytest.mark.parametrize(
    "text",
    [
        "Adults aged 90 and older are the fastest growing age group.",
        "People aged 90+ need extra help with heat.",
        "Patients aged 65 to 95 were included in the study.",
        "A 90-day content calendar helps teams avoid last-minute posts.",
        "Our 89-year-old volunteer knits hats.",
    ],
)
def test_ages_in_general_pass(text):
    assert "age_over_89" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "He was admitted on 2/17 and transferred to hospice on 3/2.",
        "She died on June 2 in our ICU.",
        "Discharge date: 04/22/2024 for the gentleman in the video.",
        "The toddler who died on Christmas Eve was brought in by helicopter.",
    ],
)
def test_dates_of_care_are_found(text):
    assert "care_date" in kinds(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Her MRN 12345678 was on the photo.", "record_number"),
        ("medical record #4455667 was visible", "record_number"),
        ("The wristband in her selfie shows Acct # 88213377.", "record_number"),
        ("Member ID XJH4491027 is visible on the insurance card.", "record_number"),
        ("The pacemaker serial number PM-8843-2291 is readable.", "record_number"),
        ("Policy number 7781239944 shows on the EOB.", "record_number"),
        ("DOB 03/14/1962", "date_of_birth"),
        ("she was born on March 14, 1962 in Ohio", "date_of_birth"),
        ("SSN 123-45-6789 on the form", "social_security_number"),
    ],
)
def test_record_account_plan_device_numbers_and_birth_dates_are_found(text, kind):
    assert kinds(text) == [kind]


# --- Contact details: a person's, or an organisation's -------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Call her cell at (555) 123-4567 tonight", "phone"),
        ("His daughter's number is 555-210-9987 for cards.", "phone"),
        ("Fax the records to the patient's home fax 555-778-1200.", "phone"),
        ("Write to jane.doe@gmail.com with get-well wishes.", "email"),
        ("He lives at 412 Oak Street, Springfield.", "address"),
        ("Send cards to her home, 63 Harbor View Road.", "address"),
    ],
)
def test_a_persons_phone_email_or_address_is_found(text, kind):
    assert kinds(text) == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Media line: 555-201-3344. Reporters, please call first.",
        "Call our 24/7 hotline at 1-800-273-8255 or (888) 555-0100.",
        "Appointments: 555-440-9000. Fax referrals to our clinic at 555-440-9001.",
        "E-mail press@mercy-health.example or privacy@mercy-health.example for questions.",
        "The community health fair will be held at 300 Elm Street on Saturday.",
        "The new urgent care opens at 500 Market Street next Monday.",
        "Send donations for the NICU fund to PO Box 1234, Anytown.",
    ],
)
def test_an_organisations_lines_and_venues_pass(text):
    assert find_phi(text) == []


# --- Quasi-identifiers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A 7-year-old girl from Millbrook with a rare form of leukemia is our hero of the month.",
        "The only child in the village of Glen Haven with progeria visited our clinic.",
        "A teacher in the tiny town of Eagle Rock became our first patient to receive CAR-T therapy.",
    ],
)
def test_a_small_place_with_a_rare_condition_is_found(text):
    assert kinds(text) == ["quasi_identifier"]


# --- Shape, safety, speed -------------------------------------------------------------------------------


def test_findings_carry_span_passage_kind_label_and_a_readable_reason():
    text = "Update: MRN 12345678, DOB 03/14/1962."
    findings = find_phi(text)
    assert [f.kind for f in findings] == ["record_number", "date_of_birth"]
    for finding in findings:
        assert isinstance(finding, Finding)
        assert text[finding.start : finding.end] == finding.passage == text[slice(*finding.span)]
        assert finding.reason.endswith(".") and len(finding.reason) > 20
    assert findings[1].label == "date of birth"


def test_a_passage_inside_a_longer_finding_is_reported_once():
    assert len(find_phi("Mrs. Jones in room 412 with pneumonia")) == 1


def test_no_naughty_string_breaks_the_guard():
    for text in load_corpus("blns.json"):
        find_phi(text)


@pytest.mark.parametrize(
    "text",
    [
        "a." * 25_000,
        "1-" * 25_000,
        "Mrs. Jones " * 5000,
        "a@" * 25_000,
        "12 " * 16_000 + "Oak",
        "John Smith was " * 4000,
        "Maria Lopez, " * 5000 + "has cancer",
        "Zed in bed 4 " * 4000,
        "Pt: Ann " * 6000 + "ICU",
        "my son Zed " * 4000 + "ICU",
        "#PrayForLiam @ab " * 3000 + "surgery",
    ],
)
def test_long_hostile_text_is_checked_quickly(text):
    started = time.perf_counter()
    find_phi(text)
    assert time.perf_counter() - started < 5.0
