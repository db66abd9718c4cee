"""The detector: finds the passages of a text that identify a patient, and says why.

``Detector`` is the small interface the rest of the app sees (``find(text) -> list[Finding]``);
``RuleDetector`` is the one in use. It combines:

- stand-alone identifiers (``rules.PATTERN_RULES``): record/account/plan/device numbers, dates of
  birth, ages over 89, dates of care, Social Security numbers;
- contact details (phone, fax, e-mail, street address), judged by the words before them: an
  organisation's line ("Media line:", "call our clinic") passes, a person's ("her cell") does not;
- a person tied to care: a name (``people.py``) followed by an admission, a condition, a
  procedure, a birth, a death, a room or bed ("John Smith was admitted with…"), preceded by one
  ("we treated Maria Lopez…"), or owning one ("Maria's chemo"); a staff member's or public
  figure's name counts only with a strong tie ("diagnosed with");
- a patient placed by room or bed ("the patient in bed 7"), meeting rooms excepted;
- quasi-identifiers: one person, a small place or an age, and a condition in one sentence.

How a people finder is swapped for another (a spaCy NER model) is shown in
``bench/privacy_eval.py``; the app uses the name lists.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from functools import cache
from typing import Protocol

from . import proximity, rules
from .findings import Finding
from .patterns import cue_positions, patterns
from .people import Person, find_people

_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "prof",
        "no",
        "vs",
        "mt",
        "ft",
        "rev",
        "gov",
        "sen",
        "rep",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "etc",
        "apt",
        "ste",
        "dept",
        "inc",
        "co",
    }
)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[A-Za-z]+")
_STREET_WORDS = frozenset(
    "street st avenue ave road rd boulevard blvd lane ln drive dr court ct place pl terrace ter parkway pkwy highway"
    " hwy circle cir way square sq trail crescent box calle avenida rue via camino paseo carrera rua".split()
)
_TOLL_FREE = re.compile(r"^(?:(?:\+?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\b|0(?:800|808|300|345)\b|1[38]00\b)")
_ZIP = re.compile(r"\b[A-Z]{2}\s{1,3}\d{5}\b")
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+|\n\s*")


class Detector(Protocol):
    """What the guard needs from a detector."""

    name: str

    def find(self, text: str) -> list[Finding]: ...


# --- Sentences --------------------------------------------------------------------------------


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end); "Dr. Shah" and "Mrs. Jones" do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(0).startswith("."):
            word = re.search(r"([\w.]{1,5})$", text[max(start, match.start() - 6) : match.start()])
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        if match.start() > start:
            spans.append((start, match.start() + (1 if text[match.start()] in ".!?" else 0)))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _sentence_of(spans: list[tuple[int, int]], position: int) -> int:
    """The index of the sentence holding ``position`` (or the one before a gap)."""
    return max(0, bisect_right(spans, (position, float("inf"))) - 1)


# --- The detector -----------------------------------------------------------------------------

PeopleFinder = Callable[[str], Iterable[Person]]

NAME_REASON = "This names a person together with their illness or care, which identifies a patient."
ROLE_REASON = "This names someone as a patient or a patient's relative, with their care."
POSSESSIVE_REASON = "This ties a named person to their own care, which identifies a patient."
PRONOUN_REASON = "This names a person and, in the next sentence, their illness or care."
INTRO_REASON = "This names a person right after describing their illness or care."


class RuleDetector:
    """Rules and name lists; no model. ``people`` may be replaced (the benchmark tries spaCy)."""

    name = "rules + name lists"

    def __init__(self, people: PeopleFinder = find_people) -> None:
        self._people = people

    def find(self, text: str) -> list[Finding]:
        if not text or not text.strip():
            return []
        p = patterns()
        sentences = sentence_spans(text)
        found: list[Finding] = []
        # Numbers, dates, phones, addresses and rooms all hold a digit, and each rule needs some
        # words: most posts skip most rules.
        has_digit = _DIGIT.search(text) is not None
        words = {word.lower() for word in _WORD.findall(text)}
        for rule in p.stand_alone:
            if (has_digit or rule.kind in ("age_over_89", "care_date")) and (not rule.needs or rule.needs & words):
                found.extend(
                    Finding(rule.kind, rule.reason, m.start(), m.end(), m.group(0)) for m in rule.pattern.finditer(text)
                )
        if has_digit or "@" in text:
            found.extend(self._contacts(text, sentences, words))
        if has_digit:
            found.extend(self._rooms(text, sentences))
        found.extend(self._quasi_identifiers(text, sentences))
        people: list[Person] = []
        found.extend(self._people_with_care(text, sentences, people))
        if not found:  # the recall layer, when no rule held anything; it reuses the names found
            found = proximity.find(text, sentences, people if people else None)
        return _outermost(found)

    # People tied to care ------------------------------------------------------------------

    def _people_with_care(self, text: str, sentences: list[tuple[int, int]], people: list[Person]) -> list[Finding]:
        """``people`` is filled with the names found, for the recall layer to reuse."""
        p = patterns()
        found: list[Finding] = []
        cues = cue_positions(text)
        if not cues:
            return found
        people.extend(self._people(text))
        for person in people:
            index = _sentence_of(sentences, person.start)
            sentence_start, sentence_end = sentences[index]
            next_end = sentences[index + 1][1] if index + 1 < len(sentences) else sentence_end
            previous_start = sentences[index - 1][0] if index else sentence_start
            if not _any_between(cues, max(previous_start, person.start - 130), min(next_end, person.end + 260)):
                continue  # no word of care anywhere near: nothing can tie this name to it
            after = text[person.end : min(sentence_end, person.end + 220)]
            before = text[max(sentence_start, person.start - 120) : person.start]
            age = p.age_after_name.match(after)
            if age and not person.is_staff:
                found.append(
                    Finding(
                        "age_over_89",
                        "An age over 89 next to a name identifies a patient.",
                        person.start,
                        person.end + age.end(),
                        text[person.start : person.end + age.end()],
                    )
                )
            linked = _any_between(cues, person.end, person.end + 220)  # every tie after a name holds a word of care
            finding = self._tie(text, person, after if linked else "", before, sentence_start, sentence_end)
            if finding is None and not person.is_staff and index + 1 < len(sentences):
                finding = self._pronoun_tie(text, person, sentences[index + 1])
            if finding is not None:
                found.append(finding)
        return found

    def _tie(
        self, text: str, person: Person, after: str, before: str, sentence_start: int, sentence_end: int
    ) -> Finding | None:
        p = patterns()
        if person.is_public and self._is_public_news(text, sentence_start, sentence_end):
            return None
        if not person.is_staff:
            owned = p.possessive.match(after)
            if owned and not p.topic_after.match(after[owned.end() :]):
                return _span(text, "patient_name", POSSESSIVE_REASON, person.start, person.end + owned.end())
            reverse = p.reverse.search(before)
            if reverse is not None:
                return _span(
                    text, "patient_name", NAME_REASON, person.start - len(before) + reverse.start(), person.end
                )
        near = (person.is_single and not person.is_patient) or not person.is_known
        link = self._forward_link(after, strong_only=person.is_staff, near=near)
        if link is not None:
            return _span(text, "patient_name", NAME_REASON, person.start, person.end + link)
        if not person.is_staff and person.is_known and p.intro_clause.match(before):
            intro = text[person.start - len(before) : person.start]
            if self._care_in(intro, 0, len(intro)) is not None:
                return _span(text, "patient_name", INTRO_REASON, person.start - len(before), person.end)
        if person.is_patient:
            # a patient's or relative's name: care in the sentence, or the one before or after it
            low, high = _around(text, sentence_start, sentence_end)
            care = self._care_in(text, low, high)
            if care is not None:
                role = re.search(r"\S+\s{1,3}$", before)
                start = person.start - len(role.group(0)) if role else person.start
                return _span(text, "patient_name", ROLE_REASON, min(start, care[0]), max(person.end, care[1]))
        return None

    def _is_public_news(self, text: str, start: int, end: int) -> bool:
        """ "Following the news that Senator Fetterman was treated for depression": public, not our patient."""
        p = patterns()
        sentence = text[start:end]
        return p.public_news.search(sentence) is not None and p.our_care.search(sentence) is None

    def _forward_link(self, after: str, *, strong_only: bool, near: bool) -> int | None:
        """Where the tie to care after a name ends, if there is one in the same sentence."""
        p = patterns()
        limit = 45 if near else 160
        pattern = p.strong_link if strong_only else p.link
        for match in pattern.finditer(after[: limit + 60]):
            if match.start() > limit:
                return None
            gap = after[: match.start()]
            if p.gap_break.search(gap) or _has_other_name(gap):
                return None
            if p.gap_break.search(match.group(0)):
                continue
            if not self._is_personal(after, match):
                continue
            return match.end()
        return None

    def _is_personal(self, after: str, match: re.Match[str]) -> bool:
        """A condition followed by "awareness", "research", "patients"… is a topic, not the person's illness."""
        p = patterns()
        found = match.groupdict()
        dx = found.get("dx") or found.get("dx2") or found.get("dx3")
        if dx and p.not_diagnosis.match(dx):
            return False
        return not p.topic_after.match(after[match.end() :])

    def _care_in(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        p = patterns()
        for match in p.care_term.finditer(text, start, end):
            if p.topic_after.match(text[match.end() : match.end() + 30]):
                continue
            dx = match.groupdict().get("dx")
            if dx and p.not_diagnosis.match(dx):
                continue
            return match.span()
        return None

    def _pronoun_tie(self, text: str, person: Person, next_sentence: tuple[int, int]) -> Finding | None:
        """ "Meet Tom Baker. He was diagnosed with ALS": the next sentence's he/she/his/her is the person."""
        p = patterns()
        start, end = next_sentence
        sentence = text[start:end]
        pronoun = p.pronoun.search(sentence)
        if pronoun is None or p.gap_break.search(sentence[: pronoun.start("word")]):
            return None
        after = sentence[pronoun.end() :]
        if pronoun.group("word").lower() in ("his", "her", "their"):
            owned = p.possessive.match("'s " + after.lstrip())
            if owned is None:
                return None
            stop = start + pronoun.end() + (len(after) - len(after.lstrip())) + owned.end() - 3
            return _span(text, "patient_name", PRONOUN_REASON, person.start, stop)
        link = self._forward_link(after, strong_only=False, near=True)
        if link is None:
            # "Welcome home, Aisha Bello! After 63 days in our burn unit, she…": the care opens the sentence
            if pronoun.start("word") and self._care_in(text, start, start + pronoun.start("word")) is not None:
                return _span(text, "patient_name", PRONOUN_REASON, person.start, start + pronoun.end())
            return None
        return _span(text, "patient_name", PRONOUN_REASON, person.start, start + pronoun.end() + link)

    # Contact details, rooms, quasi-identifiers -------------------------------------------------

    def _contacts(self, text: str, sentences: list[tuple[int, int]], words: set[str]) -> list[Finding]:
        p = patterns()
        found: list[Finding] = []
        phones = p.phone.finditer(text) if len(_DIGIT.findall(text)) >= 7 else iter(())
        for match in phones:
            if _TOLL_FREE.match(match.group(0)):
                continue  # toll-free numbers are organisations' hotlines
            if self._belongs_to_person(text, match.start(), sentences, default=True, end=match.end()):
                found.append(
                    Finding("phone", "This looks like a person's phone or fax number.", *match.span(), match.group(0))
                )
        for match in p.email.finditer(text) if "@" in text else iter(()):
            local, domain = match.group("local").lower(), match.group("domain").lower()
            if re.match(
                r"^(?:info|press|media|news|newsroom|communications|comms|contact|hello|support|help|privacy"
                r"|webmaster|marketing|socialmedia|social|noreply|no-reply|editor|office|web|events?|rsvp"
                r"|appointments|referrals|foundation|giving|careers|jobs|team|admin)\b",
                local,
            ):
                continue
            personal_domain = domain.split(".")[0] in CONSUMER_MAIL
            if self._belongs_to_person(text, match.start(), sentences, default=personal_domain):
                found.append(
                    Finding("email", "This looks like a person's e-mail address.", *match.span(), match.group(0))
                )
        for match in p.address.finditer(text) if words & _STREET_WORDS or _ZIP.search(text) else iter(()):
            if self._belongs_to_person(text, match.start(), sentences, default=False):
                found.append(
                    Finding("address", "This looks like a person's street address.", *match.span(), match.group(0))
                )
        return found

    def _belongs_to_person(
        self, text: str, position: int, sentences: list[tuple[int, int]], *, default: bool, end: int | None = None
    ) -> bool:
        """A person's detail ("her cell", "lives at") or an organisation's ("Media line:", "held at")."""
        p = patterns()
        sentence_start = sentences[_sentence_of(sentences, position)][0] if sentences else 0
        line_start = max(text.rfind("\n", 0, position) + 1, position - 70)
        before = text[line_start:position]
        if p.personal_context.search(text[max(line_start, sentence_start) : position]):
            return True
        if any(not person.is_staff for person in self._people(text[max(sentence_start, position - 90) : position])):
            return not p.org_context.search(before)
        if p.org_context.search(before):
            return False
        if end is not None:  # "Call 0800 555 0199 for the hospital switchboard"
            sentence_end = sentences[_sentence_of(sentences, position)][1] if sentences else len(text)
            if p.org_context.search(text[end : min(sentence_end, end + 40)]):
                return False
        return default

    def _rooms(self, text: str, sentences: list[tuple[int, int]]) -> list[Finding]:
        p = patterns()
        found = [
            Finding("patient_location", "This points to a patient by room or bed.", *m.span(), m.group(0))
            for m in p.someone_in_room.finditer(text)
        ]
        meeting_post = p.meeting_context.search(text) is not None
        # What a sentence holds is asked once per sentence, not once per room in it (long text).
        meeting: dict[int, bool] = {}
        someone: dict[int, bool] = {}
        named_in: dict[int, bool] = {}
        plural: dict[int, bool] = {}
        for match in list(p.bed.finditer(text)) + list(p.room_number.finditer(text)):
            index = _sentence_of(sentences, match.start())
            start, end = sentences[index]
            sentence = text[start:end]
            is_bed = match.re is p.bed
            if p.unit_staff_after.match(text, match.end()):
                continue  # "our Ward 7 nurses", "Ward 12 (Respiratory). … the ward manager": a unit's name
            if index not in meeting:
                meeting[index] = p.meeting_context.search(sentence) is not None
            if meeting[index] or not is_bed:
                if index not in someone:
                    someone[index] = self._someone_in(sentence)
                if meeting[index] and not (is_bed and someone[index]):
                    continue
            if not is_bed and not someone[index]:
                if index not in plural:
                    plural[index] = p.generic_plural.search(sentence) is not None
                if meeting_post or plural[index]:
                    continue  # "Patients in Room 3 of the infusion center", a list of classes and their rooms
            low = sentences[max(0, index - 1)][0]  # this sentence with the one before and the one after
            high = sentences[min(len(sentences) - 1, index + 1)][1]
            if not is_bed and index not in named_in:
                named_in[index] = any(not person.is_staff for person in self._people(sentence))
            named = not is_bed and named_in[index]
            if is_bed or named or self._care_beside(text, low, high, match.span()):
                found.append(
                    Finding(
                        "patient_location", "This points to a patient by room or bed.", *match.span(), match.group(0)
                    )
                )
        return found

    def _care_beside(self, text: str, start: int, end: int, room: tuple[int, int]) -> bool:
        """A word of care in the sentence other than the room itself ("Ward 12" is not care)."""
        p = patterns()
        for match in p.care_term.finditer(text, start, end):
            if match.end() <= room[0] or match.start() >= room[1]:
                if not p.topic_after.match(text[match.end() : match.end() + 30]):
                    return True
        return False

    def _someone_in(self, sentence: str) -> bool:
        """One person in the sentence: a name, or "the patient", "a woman"…"""
        p = patterns()
        return p.someone.search(sentence) is not None or any(not person.is_staff for person in self._people(sentence))

    def _quasi_identifiers(self, text: str, sentences: list[tuple[int, int]]) -> list[Finding]:
        p = patterns()
        found: list[Finding] = []
        for start, end in sentences:
            person = p.singular_person.search(text, start, end)
            if person is None and p.tiny_place.search(text, start, end):
                person = p.bare_person.search(text, start, end)
            if person is None:
                continue
            outside = text[start : person.start()] + " " + text[person.end() : end]
            if p.generic_plural.search(outside):
                continue
            place = p.small_place.search(text, start, end)
            care = self._care_in(text, start, end)
            if place is None or care is None or p.rarity.search(text, start, end) is None:
                continue
            if _is_not_place(place.group(0)):
                continue
            first, last = min(person.start(), place.start(), care[0]), max(person.end(), place.end(), care[1])
            found.append(
                Finding(
                    "quasi_identifier",
                    "One person, a small place or an age, and a rare condition together can identify a patient.",
                    first,
                    last,
                    text[first:last],
                )
            )
        return found


CONSUMER_MAIL = frozenset(
    {
        "gmail",
        "googlemail",
        "yahoo",
        "hotmail",
        "outlook",
        "aol",
        "icloud",
        "me",
        "mac",
        "live",
        "msn",
        "proton",
        "protonmail",
        "comcast",
        "verizon",
        "att",
        "sbcglobal",
        "gmx",
        "mail",
        "ymail",
    }
)


def _around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence from ``start`` to ``end`` with the one before and the one after it."""
    spans = sentence_spans(text)
    index = _sentence_of(spans, start)
    return spans[max(0, index - 1)][0], spans[min(len(spans) - 1, index + 1)][1]


def _any_between(positions: list[int], low: int, high: int) -> bool:
    index = bisect_left(positions, low)
    return index < len(positions) and positions[index] < high


def _is_not_place(phrase: str) -> bool:
    words = phrase.split()[1:]
    return bool(words) and all(w in rules.NOT_NAME_WORDS for w in words)


def _has_other_name(gap: str) -> bool:
    return any(not person.is_single for person in find_people(gap))


def _span(text: str, kind: str, reason: str, start: int, end: int) -> Finding:
    return Finding(kind, reason, start, end, text[start:end])


def _outermost(findings: list[Finding]) -> list[Finding]:
    """Drop findings that lie inside a longer one ("in room 4" inside "Mrs. Jones in room 4 with…")."""
    kept: list[Finding] = []
    reach = -1  # the furthest end of a kept finding: all of them start at or before this one
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if finding.end <= reach:
            continue
        kept.append(finding)
        reach = finding.end
    return kept


@cache
def default_detector() -> Detector:
    """The detector the app uses, built once per process."""
    return RuleDetector()
