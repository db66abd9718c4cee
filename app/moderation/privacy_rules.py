"""The patient-privacy guard's rules, as data: what looks like protected health information.

Each rule names a ``kind``, a ``reason`` the author reads, a regular expression ``pattern`` and an
optional ``ignore`` expression: a match whose passage also matches ``ignore`` is not reported (for
example a toll-free hotline or a press office's address, which guidance text names on purpose).
``{name}`` in a pattern is replaced by ``FRAGMENTS[name]``. Patterns are case-sensitive unless they
say ``(?i:...)``: names and street names are told apart from ordinary words by their capitals.
Every quantifier is bounded, so no text can make a rule backtrack for long.

Tests in ``tests/moderation/test_privacy.py`` cover every rule and the guidance text it must let
through; add a case there with every change here.
"""

from __future__ import annotations

DIAGNOSES = (
    r"pneumonia",
    r"cancer",
    r"leuka?emia",
    r"lymphoma",
    r"melanoma",
    r"tumou?r",
    r"HIV",
    r"AIDS",
    r"hepatitis(?:\s+[ABC])?",
    r"diabetes",
    r"COVID(?:-19)?",
    r"coronavirus",
    r"influenza",
    r"the\s+flu",
    r"sepsis",
    r"a\s+stroke",
    r"a\s+heart\s+attack",
    r"heart\s+failure",
    r"dementia",
    r"Alzheimer'?s",
    r"Parkinson'?s",
    r"schizophrenia",
    r"bipolar(?:\s+disorder)?",
    r"depression",
    r"PTSD",
    r"an?\s+overdose",
    r"(?:opioid|substance|alcohol)\s+use\s+disorder",
    r"addiction",
    r"alcoholism",
    r"tuberculosis",
    r"syphilis",
    r"gonorrh?o?ea",
    r"chlamydia",
    r"herpes",
    r"an?\s+STI",
    r"an?\s+STD",
    r"COPD",
    r"(?:kidney|renal|liver)\s+failure",
    r"cirrhosis",
    r"seizures",
    r"epilepsy",
    r"autism",
    r"a\s+concussion",
    r"a\s+gunshot\s+wound",
    r"burns",
    r"MRSA",
    r"C\.?\s?diff",
    r"sickle\s+cell(?:\s+disease)?",
    r"cystic\s+fibrosis",
    r"ALS",
    r"lupus",
    r"a\s+miscarriage",
    r"an?\s+(?:broken|fractured)\s+(?:hip|leg|arm|wrist|neck)",
    r"a\s+fracture",
    r"an?\s+infection",
    r"anorexia",
    r"bulimia",
    r"an?\s+eating\s+disorder",
)

# States that identify a patient as plainly as a diagnosis ("Mrs. Jones is pregnant").
CONDITIONS = (
    r"pregnant",
    r"terminally\s+ill",
    r"HIV[- ]positive",
    r"in\s+hospice",
    r"on\s+dialysis",
    r"in\s+labou?r",
    r"on\s+a\s+ventilator",
    r"in\s+a\s+coma",
    r"suicidal",
)

FRAGMENTS = {
    "month": (
        r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
        r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
    ),
    "date": (
        r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"
        r"|\d{4}-\d{1,2}-\d{1,2}\b"
        r"|{month}\.?\s{1,3}(?:\d{1,2}(?:st|nd|rd|th)?,?\s{1,3})?\d{4}\b"
        r"|\d{1,2}(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?{month}\.?,?\s{1,3}\d{4}\b)"
    ),
    # Courtesy titles: a titled surname in a post is a real person. "Dr." is left out on purpose:
    # guidance names its clinician spokespeople all the time.
    "title": r"(?:Mr|Mrs|Ms|Miss|Mx|Mister)\.?",
    "name": r"[A-Z][a-z'’-]{1,30}(?:\s[A-Z][a-z'’-]{1,30})?",
    "person": r"(?:\b{title}\s{1,3}{name}|\b(?i:patient|resident)\s{1,3}{name})",
    "someone": (
        r"\b(?i:the|a|an|our|my|this|that)\s{1,3}"
        r"(?i:patient|resident|woman|man|lady|gentleman|girl|boy|child|baby|kid|guy|teen|teenager)"
    ),
    "room": r"\b(?i:room|rm\.?|bed|bay|cubicle)\s{0,3}(?:#|(?i:no\.?|number))?\s{0,3}\d{1,4}[A-Za-z]?\b",
    "diagnosis": "(?i:" + "|".join(DIAGNOSES) + r")\b",
    "condition": "(?i:" + "|".join(CONDITIONS) + r")\b",
    "street_suffix": (
        r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr(?!\.?\s{1,3}[A-Z])|Court|Ct"
        r"|Place|Pl|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Way|Square|Sq|Trail|Crescent)"
    ),
}

RULES: tuple[dict[str, str], ...] = (
    {
        "kind": "medical_record_number",
        "reason": "This looks like a medical record number or another patient identifier.",
        "pattern": (
            r"\b(?i:MRN|MR\s?#|medical\s{1,3}record(?:\s{1,3}(?:number|no\.?|num\.?))?|med\.?\s{0,3}rec\.?"
            r"|chart\s{1,3}(?:number|no\.?)|patient\s{1,3}(?:id|number|no\.?|identifier)|hospital\s{1,3}number)"
            r"\s{0,3}(?:#|:|=|(?i:is))?\s{0,3}#?\s{0,3}[A-Z]{0,3}-?\d[\d-]{3,14}\d\b"
        ),
    },
    {
        "kind": "social_security_number",
        "reason": "This looks like a Social Security number.",
        "pattern": r"(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])",
    },
    {
        "kind": "date_of_birth",
        "reason": "This looks like a date of birth. Only the year may ever be shared.",
        "pattern": (
            r"\b(?i:DOB|D\.O\.B\.?|date\s{1,3}of\s{1,3}birth|birth\s{0,3}date|birthday|born(?:\s{1,3}(?:on|in))?)"
            r"\s{0,3}(?:[:=–-]|(?i:is|was))?\s{0,3}{date}"
        ),
    },
    {
        "kind": "phone",
        "reason": "This looks like a personal phone number.",
        "pattern": (
            r"(?<![\w/.+-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-])"
            r"|(?<![\w+])\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}(?![\w-])"
        ),
        # Toll-free numbers are organisations' hotlines, which guidance names on purpose.
        "ignore": r"^(?:\+?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\b",
    },
    {
        "kind": "email",
        "reason": "This looks like a personal e-mail address.",
        "pattern": (
            r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}"
            r"@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,6}\.[A-Za-z]{2,24}\b"
        ),
        # Role addresses (a press office, a privacy officer) are meant to be published.
        "ignore": (
            r"^(?i:info|press|media|news|newsroom|communications|comms|contact|hello|support|help|privacy"
            r"|webmaster|marketing|socialmedia|social|noreply|no-reply|editor|office|web)@"
        ),
    },
    {
        "kind": "address",
        "reason": "This looks like a street address.",
        "pattern": (
            r"\b\d{1,5}[A-Z]?\s{1,3}(?:[NSEW]\.?\s{1,3}|(?:North|South|East|West)\s{1,3})?"
            r"(?:(?:[A-Z][a-z]{1,20}\.?|\d{1,3}(?:st|nd|rd|th))\s{1,3}){1,3}{street_suffix}\b\.?"
            r"|\b(?i:P\.?\s?O\.?\s{0,3}Box|post\s{1,3}office\s{1,3}box)\s{0,3}#?\s{0,3}\d{1,6}\b"
        ),
    },
    {
        "kind": "patient_detail",
        "reason": "This pairs a person with a diagnosis or condition, which can identify a patient.",
        "pattern": (
            r"{person}[^.!?\n]{0,80}?\b(?:(?i:with|has|had|diagnosed\s{1,3}with|admitted\s{1,3}(?:for|with)"
            r"|treated\s{1,3}for|being\s{1,3}treated\s{1,3}for|suffering\s{1,3}from|positive\s{1,3}for"
            r"|died\s{1,3}(?:of|from)|dying\s{1,3}of|recovering\s{1,3}from)\s{1,3}"
            r"(?:(?i:stage\s{1,3}\w{1,4}|early|late|terminal|acute|chronic|severe|advanced|metastatic)\s{1,3}){0,3}"
            r"{diagnosis}|(?i:is|was)\s{1,3}{condition})"
        ),
    },
    {
        "kind": "patient_detail",
        "reason": "This names a person together with a room or bed number, which can identify a patient.",
        "pattern": r"{person}[^.!?\n]{0,60}?{room}|{room}[^.!?\n]{0,30}?{person}",
    },
    {
        "kind": "patient_detail",
        "reason": "This points to a patient by room or bed number.",
        "pattern": (
            r"{someone}\s{1,3}(?i:in|from|at|on)\s{1,3}{room}"
            r"|{room}(?:'s)?\s{1,3}(?i:patient|resident)\b"
        ),
    },
)
