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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from . import rules
from .findings import Finding
from .people import Person, find_people

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "no", "vs", "mt", "ft", "rev", "gov",
                            "sen", "rep", "e.g", "i.e", "a.m", "p.m", "etc", "apt", "ste", "dept", "inc", "co"})
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+|\n\s*")


class Detector(Protocol):
    """What the guard needs from a detector."""

    name: str

    def find(self, text: str) -> list[Finding]: ...


def expand(pattern: str, fragments: dict[str, str]) -> str:
    """Replace ``{name}`` with its fragment, fragments inside fragments included."""
    for _ in range(10):
        expanded = _PLACEHOLDER.sub(lambda m: fragments.get(m.group(1), m.group(0)), pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise ValueError("privacy rule fragments refer to each other in a loop")


def _ci(words: Iterable[str]) -> str:
    return "(?i:" + rules.alternatives(tuple(words)) + ")"


@dataclass(frozen=True)
class _Rule:
    kind: str
    reason: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class _Patterns:
    """Every expression the detector uses, compiled once per process."""

    stand_alone: tuple[_Rule, ...]
    link: re.Pattern[str]
    strong_link: re.Pattern[str]
    possessive: re.Pattern[str]
    reverse: re.Pattern[str]
    gap_break: re.Pattern[str]
    care_term: re.Pattern[str]
    topic_after: re.Pattern[str]
    not_diagnosis: re.Pattern[str]
    pronoun: re.Pattern[str]
    intro_clause: re.Pattern[str]
    age_after_name: re.Pattern[str]
    phone: re.Pattern[str]
    email: re.Pattern[str]
    address: re.Pattern[str]
    org_context: re.Pattern[str]
    personal_context: re.Pattern[str]
    meeting_context: re.Pattern[str]
    someone_in_room: re.Pattern[str]
    bed: re.Pattern[str]
    room_number: re.Pattern[str]
    singular_person: re.Pattern[str]
    small_place: re.Pattern[str]
    rarity: re.Pattern[str]
    bare_person: re.Pattern[str]
    tiny_place: re.Pattern[str]
    generic_plural: re.Pattern[str]


@cache
def patterns() -> _Patterns:
    fragments = rules.FRAGMENTS
    diagnosis = "(?P<dx>" + _ci(rules.DIAGNOSES) + r")\b"
    procedure = _ci(rules.PROCEDURES) + r"\b"
    condition = rf"(?:{diagnosis}|{procedure})"
    modifiers = r"(?:[\w'’-]{1,15}\s{1,3}){0,4}?"
    aux = r"(?i:(?:was|is|were|are|has\s+been|had\s+been|have\s+been|got|gets|been|being|’s\s+been|'s\s+been)\s{1,3}(?:\w{2,15}ly\s{1,3})?)"
    care_place = _ci(rules.CARE_PLACES) + r"\b"
    room = rules.ROOM_WORDS + r"\s{0,3}(?:#|(?i:no\.?|number))?\s{0,3}\d{1,4}[A-Za-z]?\b"
    link = (
        rf"(?:{aux}{_ci(rules.ADMISSION_VERBS)}\b"
        rf"|\b{_ci(rules.STATE_VERBS)}\s{{1,3}}{modifiers}{condition}"
        rf"|\b{_ci(rules.EVENTS)}\b"
        rf"|\b(?i:is|was|remains|been|still|now|currently|spent(?:\s[\w'’-]{{1,12}}){{1,3}})\s{{1,3}}"
        rf"(?:\w{{2,12}}\s{{1,3}})?(?i:in|on|at)\s{{1,3}}(?i:the\s{{1,3}}|our\s{{1,3}})?{care_place}"
        rf"|^\s{{0,2}},\s{{0,3}}(?:(?i:now|recently|just|newly|first|since|then)\s{{1,3}})?{_ci(rules.ADMISSION_VERBS)}\b"
        rf"|\b(?i:in|on|from|into)\s{{1,3}}(?i:the\s{{1,3}}|our\s{{1,3}})?(?:{room}|(?:ICU|NICU|PICU|CICU|CCU|hospice|intensive\scare)\b))"
    )
    strong = (
        rf"(?:{aux}{_ci(rules.ADMISSION_VERBS)}\b|\b{_ci(rules.EVENTS)}\b"
        rf"|\b{_ci(rules.STRONG_VERBS)}\s{{1,3}}{modifiers}{condition})"
    )
    possessive = (
        rf"^(?:'s|’s)\s{{1,3}}(?:(?:{_ci(rules.MODIFIERS)}|\w{{2,14}})\s{{1,3}}){{0,2}}?"
        rf"(?:{_ci(rules.POSSESSED)}\b|{condition})"
    )
    reverse = (
        r"\b(?i:treated|treating|cared\sfor|caring\sfor|operated\son|admitted|discharged|diagnosed|delivered|resuscitated"
        r"|saved|nursed|looked\safter|transferred|intubated|visited|diagnosis\sof|surgery\son|death\sof|passing\sof"
        r"|loss\sof|funeral\sfor|funeral\sof|memorial\sfor|condolences\sto\sthe\sfamily\sof)"
        r"\s{1,3}(?:(?i:our|my|his|her|their|the|a|beloved|dear|little|young|patient|mom|mother|dad|father|son|daughter"
        r"|wife|husband|friend|brother|sister|grandmother|grandfather|baby)\s{1,3}){0,3},?\s{0,3}$"
    )
    gap_break = (
        r"\b(?i:explains?|explained|discuss(?:es|ed|ing)?|shares?|shared|sharing|talks?|talked|says|said|speaks?|spoke"
        r"|writes?|wrote|about|how|why|what|tips|advice|leads?|led|runs|manages?|managed|treats|cares|works|worked"
        r"|studies|studied|research\w{0,5}|patients|people|others|families|children|adults|those|anyone|everyone"
        r"|awareness|campaign|program|programme|month|screening|prevention|webinar|panel|podcast|video|article"
        r"|guide|teaches|taught|trains|reminds|urges|encourages|recommends|advises|answers|presents|hosts|hosted"
        r"|interviewed|joined|joins|helps|helped|supports|supported|serves|served|volunteers|donated|raised|founded"
        r"|organi[sz]ed|launched|created|built|designed|wrote|posted|tweeted|reviewed|announced|thanked|celebrated)\b"
    )
    care_term = (
        rf"(?:{diagnosis}|{procedure}|{care_place}|{_ci(rules.ADMISSION_VERBS)}\b|\b{_ci(rules.EVENTS)}\b|{room})"
    )
    topic_after = (
        r"^\s{0,2}(?:[-/]\s?)?(?i:awareness|screenings?|prevention|research|campaigns?|programs?|programmes?|teams?|units?"
        r"|cent(?:er|re)s?|month|day|week|walk|run|ride|gala|fund|foundations?|society|survivors|patients|care|services?"
        r"|education|advocacy|policy|policies|clinics?|experts?|specialists?|doctors?|nurses?|vaccines?|vaccinations?"
        r"|shots?|drives?|events?|webinars?|info|information|resources|support|communit(?:y|ies)|ward|nursing|rates?"
        r"|risk|risks|myths?|facts?|symptoms|signs|guidelines?|toolkit|content|posts?|stories|messaging|outcomes"
        r"|statistics|data|trials?|studies|study|network|coalition|alliance|institute|hospital|services|season|cases)\b"
    )
    pronoun = r"^(?:[\w'’-]{1,14}[\s,]{1,3}){0,6}?(?:He|She|They|he|she|they|His|Her|Their|his|her|their)\b(?=\s)"
    # "After a stroke in March, Patricia Allen…", "Born at 26 weeks, Noah…": an opening clause about care.
    intro_clause = (
        r"^\s{0,3}(?i:after|following|since|despite|born|diagnosed|admitted|treated|newly|recently|just|weeks|days"
        r"|months|years|two|three|four|five|once|only|within|a\sweek|a\smonth|a\syear)\b[^,;:]{0,80},\s{0,3}$"
    )
    age_after_name = r"^,?\s{1,3}\(?(?:age\s)?(?:9\d|1[0-2]\d)\)?(?:,|\s(?i:years?\sold))"
    phone = (
        r"(?<![\w/.+-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-])"
        r"|(?<![\w+])\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}(?![\w-])"
    )
    email = (
        r"(?<![\w.+-])(?P<local>[A-Za-z0-9._%+-]{1,64})"
        r"@(?P<domain>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,6}\.[A-Za-z]{2,24})\b"
    )
    street_suffix = (
        r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr(?!\.?\s{1,3}[A-Z])|Court|Ct"
        r"|Place|Pl|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Way|Square|Sq|Trail|Crescent)"
    )
    address = (
        rf"\b\d{{1,5}}[A-Z]?\s{{1,3}}(?:[NSEW]\.?\s{{1,3}}|(?:North|South|East|West)\s{{1,3}})?"
        rf"(?:(?:[A-Z][a-z]{{1,20}}\.?|\d{{1,3}}(?:st|nd|rd|th))\s{{1,3}}){{1,3}}{street_suffix}\b\.?"
        rf"(?:,?\s{{0,3}}(?i:apt\.?|apartment|unit|#)\s{{0,3}}\w{{1,5}})?"
        r"|\b(?i:P\.?\s?O\.?\s{0,3}Box|post\s{1,3}office\s{1,3}box)\s{0,3}#?\s{0,3}\d{1,6}\b"
    )
    someone = (
        r"\b(?i:the|a|an|our|my|this|that)\s{1,3}(?:\w{2,12}\s{1,3})?"
        r"(?i:patient|resident|woman|man|lady|gentleman|girl|boy|child|baby|kid|guy|teen|teenager|family|mom|dad|mother"
        r"|father|newborn|infant|toddler|veteran|person|client)"
    )
    someone_in_room = rf"{someone}\s{{1,3}}(?i:in|from|at|on)\s{{1,3}}{room}|{room}(?:'s|’s)?\s{{1,3}}(?i:patient|resident|family)\b"
    bed = r"\b(?i:bed|bay|cubicle|crib|isolette|incubator)\s{0,3}(?:#|(?i:no\.?|number))?\s{0,3}\d{1,3}[A-Za-z]?\b"
    singular_person = (
        r"\b(?i:a|an|the|one|our|this|that|only)\s{1,3}(?:(?i:\d{1,3}[- ](?:year|month|week)[- ]old|young|local|little"
        r"|teenage|elderly|retired|pregnant|single|first-time|widowed|homeless|premature|newborn|\w{3,12}-born)\s{1,3}){1,3}"
        r"(?i:girl|boy|child|kid|baby|infant|toddler|teen|teenager|woman|man|mother|father|mom|dad|grandmother"
        r"|grandfather|veteran|student|farmer|teacher|patient|resident|person|newborn|athlete|firefighter|worker|twins)\b"
        r"|\b(?i:the\s{1,3}only|the\s{1,3}first|one\s{1,3}of\s{1,3}(?:only|just)\s{1,3}\w{1,10})\s{1,3}(?:[\w-]{2,15}\s{1,3}){0,2}?"
        r"[\w-]{3,20}\b"
        r"|\b(?i:a|an|the|one|our|this|that)\s{1,3}(?:\w{3,12}\s{1,3}){0,2}?\d{1,3}[- ](?i:year|month|week)[- ]old\b"
    )
    small_place = (
        r"\b(?i:from|in|of|near|outside)\s{1,3}(?:(?i:the\s{1,3})?(?i:small|tiny|little|rural)\s{1,3}(?i:town|village|community|island|county)"
        r"(?:\s{1,3}of\s{1,3}[A-Z][a-z]{2,20})?|[A-Z][a-z]{2,20}(?:\s[A-Z][a-z]{2,20})?(?:\s(?:County|Township|Parish|Village))?)"
        r"|\b(?i:population\s(?:of\s)?[\d,]{1,7}|town\sof\s[\d,]{1,7})"
    )
    rarity = r"\b(?i:rare|only|first|unique|one\sof\s(?:only|just|the\sfew)|one\sin\sa\smillion|\d{1,3}[- ](?:year|month)[- ]old)\b"
    return _Patterns(
        stand_alone=tuple(
            _Rule(spec["kind"], spec["reason"], re.compile(expand(spec["pattern"], fragments)))
            for spec in rules.PATTERN_RULES
        ),
        link=re.compile(link),
        strong_link=re.compile(strong),
        possessive=re.compile(possessive),
        reverse=re.compile(reverse),
        gap_break=re.compile(gap_break),
        care_term=re.compile(care_term),
        topic_after=re.compile(topic_after),
        not_diagnosis=re.compile(rf"^{rules.NOT_DIAGNOSES}$"),
        pronoun=re.compile(pronoun),
        intro_clause=re.compile(intro_clause),
        age_after_name=re.compile(age_after_name),
        phone=re.compile(phone),
        email=re.compile(email),
        address=re.compile(address),
        org_context=re.compile(r"\b" + _ci(rules.ORG_CONTACT_CONTEXT) + r"\b"),
        personal_context=re.compile(r"\b" + _ci(rules.PERSONAL_CONTACT_CONTEXT) + r"\b"),
        meeting_context=re.compile(r"\b" + _ci(rules.MEETING_CONTEXT) + r"\b"),
        someone_in_room=re.compile(someone_in_room),
        bed=re.compile(bed),
        room_number=re.compile(r"\b" + room),
        singular_person=re.compile(singular_person),
        small_place=re.compile(small_place),
        rarity=re.compile(rarity),
        bare_person=re.compile(
            r"\b(?i:a|an|one|our|this|that)\s{1,3}(?i:girl|boy|child|kid|baby|infant|toddler|teen|teenager|woman|man|mother"
            r"|father|mom|dad|grandmother|grandfather|veteran|student|farmer|teacher|patient|resident|person|newborn"
            r"|athlete|firefighter|worker|nurse|pastor|coach|officer|mechanic|driver|musician|artist|chef)\b"
        ),
        tiny_place=re.compile(r"\b(?i:small|tiny|little|rural)\s{1,3}(?i:town|village|community|island|hamlet)|\b(?i:population)\b"),
        generic_plural=re.compile(r"\b(?i:patients|people|children|kids|adults|women|men|families|cases|residents)\b"),
    )


# --- Sentences --------------------------------------------------------------------------------


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end); "Dr. Shah" and "Mrs. Jones" do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(0).startswith("."):
            word = re.search(r"([\w.]{1,5})$", text[start : match.start()])
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        if match.start() > start:
            spans.append((start, match.start() + (1 if text[match.start()] in ".!?" else 0)))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _sentence_of(spans: list[tuple[int, int]], position: int) -> int:
    for index, (start, end) in enumerate(spans):
        if start <= position < end:
            return index
    return len(spans) - 1


# --- The detector -----------------------------------------------------------------------------

PeopleFinder = Callable[[str], Iterable[Person]]

NAME_REASON = "This names a person together with their illness or care, which identifies a patient."
ROLE_REASON = "This names someone as a patient or a patient's relative, with their care."
POSSESSIVE_REASON = "This ties a named person to their own care, which identifies a patient."
PRONOUN_REASON = "This names a person and, in the next sentence, their illness or care."
INTRO_REASON = "This names a person right after describing their illness or care."


class RuleDetector:
    """Rules and name lists; no model. ``people`` may be replaced (the benchmark tries spaCy)."""

    name = "rules + census names"

    def __init__(self, people: PeopleFinder = find_people) -> None:
        self._people = people

    def find(self, text: str) -> list[Finding]:
        if not text or not text.strip():
            return []
        p = patterns()
        sentences = sentence_spans(text)
        found: list[Finding] = []
        for rule in p.stand_alone:
            found.extend(
                Finding(rule.kind, rule.reason, m.start(), m.end(), m.group(0)) for m in rule.pattern.finditer(text)
            )
        found.extend(self._contacts(text, sentences))
        found.extend(self._rooms(text, sentences))
        found.extend(self._quasi_identifiers(text, sentences))
        found.extend(self._people_with_care(text, sentences))
        return _outermost(found)

    # People tied to care ------------------------------------------------------------------

    def _people_with_care(self, text: str, sentences: list[tuple[int, int]]) -> list[Finding]:
        p = patterns()
        found = []
        for person in self._people(text):
            index = _sentence_of(sentences, person.start)
            sentence_start, sentence_end = sentences[index]
            after = text[person.end : min(sentence_end, person.end + 220)]
            before = text[max(sentence_start, person.start - 120) : person.start]
            age = p.age_after_name.match(after)
            if age:
                found.append(Finding("age_over_89", "An age over 89 next to a name identifies a patient.",
                                     person.start, person.end + age.end(), text[person.start : person.end + age.end()]))
            finding = self._tie(text, person, after, before, sentence_start, sentence_end)
            if finding is None and not person.is_staff and index + 1 < len(sentences):
                finding = self._pronoun_tie(text, person, sentences[index + 1])
            if finding is not None:
                found.append(finding)
        return found

    def _tie(
        self, text: str, person: Person, after: str, before: str, sentence_start: int, sentence_end: int
    ) -> Finding | None:
        p = patterns()
        if not person.is_staff:
            owned = p.possessive.match(after)
            if owned:
                return _span(text, "patient_name", POSSESSIVE_REASON, person.start, person.end + owned.end())
            reverse = p.reverse.search(before)
            if reverse is not None:
                return _span(text, "patient_name", NAME_REASON, person.start - len(before) + reverse.start(), person.end)
        near = (person.is_single and not person.is_patient) or not person.is_known
        link = self._forward_link(after, strong_only=person.is_staff, near=near)
        if link is not None:
            return _span(text, "patient_name", NAME_REASON, person.start, person.end + link)
        if not person.is_staff and person.is_known and p.intro_clause.match(before):
            intro = text[person.start - len(before) : person.start]
            if self._care_in(intro, 0, len(intro)) is not None:
                return _span(text, "patient_name", INTRO_REASON, person.start - len(before), person.end)
        if person.is_patient:
            care = self._care_in(text, sentence_start, sentence_end)
            if care is not None:
                role = re.search(r"\S+\s{1,3}$", before)
                start = person.start - len(role.group(0)) if role else person.start
                return _span(text, "patient_name", ROLE_REASON, min(start, care[0]), max(person.end, care[1]))
        return None

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
        dx = match.groupdict().get("dx")
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
        """"Meet Tom Baker. He was diagnosed with ALS": the next sentence's he/she/his/her is the person."""
        p = patterns()
        start, end = next_sentence
        sentence = text[start:end]
        pronoun = p.pronoun.search(sentence)
        if pronoun is None or p.gap_break.search(sentence[: pronoun.start()]):
            return None
        after = sentence[pronoun.end() :]
        if pronoun.group(0).lower() in ("his", "her", "their"):
            owned = p.possessive.match("'s " + after.lstrip())
            if owned is None:
                return None
            stop = start + pronoun.end() + (len(after) - len(after.lstrip())) + owned.end() - 3
            return _span(text, "patient_name", PRONOUN_REASON, person.start, stop)
        link = self._forward_link(after, strong_only=False, near=True)
        if link is None:
            return None
        return _span(text, "patient_name", PRONOUN_REASON, person.start, start + pronoun.end() + link)

    # Contact details, rooms, quasi-identifiers -------------------------------------------------

    def _contacts(self, text: str, sentences: list[tuple[int, int]]) -> list[Finding]:
        p = patterns()
        found = []
        for match in p.phone.finditer(text):
            if re.match(r"^(?:\+?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\b", match.group(0)):
                continue  # toll-free numbers are organisations' hotlines
            if self._belongs_to_person(text, match.start(), sentences, default=True):
                found.append(Finding("phone", "This looks like a person's phone or fax number.", *match.span(), match.group(0)))
        for match in p.email.finditer(text):
            local, domain = match.group("local").lower(), match.group("domain").lower()
            if re.match(r"^(?:info|press|media|news|newsroom|communications|comms|contact|hello|support|help|privacy"
                        r"|webmaster|marketing|socialmedia|social|noreply|no-reply|editor|office|web|events?|rsvp"
                        r"|appointments|referrals|foundation|giving|careers|jobs|team|admin)\b", local):
                continue
            personal_domain = domain.split(".")[0] in CONSUMER_MAIL
            if self._belongs_to_person(text, match.start(), sentences, default=personal_domain):
                found.append(Finding("email", "This looks like a person's e-mail address.", *match.span(), match.group(0)))
        for match in p.address.finditer(text):
            if self._belongs_to_person(text, match.start(), sentences, default=False):
                found.append(Finding("address", "This looks like a person's street address.", *match.span(), match.group(0)))
        return found

    def _belongs_to_person(self, text: str, position: int, sentences: list[tuple[int, int]], *, default: bool) -> bool:
        """A person's detail ("her cell", "lives at") or an organisation's ("Media line:", "held at")."""
        p = patterns()
        line_start = max(text.rfind("\n", 0, position) + 1, position - 70)
        before = text[line_start:position]
        if p.personal_context.search(before):
            return True
        sentence_start = sentences[_sentence_of(sentences, position)][0] if sentences else 0
        if any(not person.is_staff for person in self._people(text[max(sentence_start, position - 90) : position])):
            return not p.org_context.search(before)
        if p.org_context.search(before):
            return False
        return default

    def _rooms(self, text: str, sentences: list[tuple[int, int]]) -> list[Finding]:
        p = patterns()
        found = [
            Finding("patient_location", "This points to a patient by room or bed.", *m.span(), m.group(0))
            for m in p.someone_in_room.finditer(text)
        ]
        for match in list(p.bed.finditer(text)) + list(p.room_number.finditer(text)):
            start, end = sentences[_sentence_of(sentences, match.start())]
            sentence = text[start:end]
            if p.meeting_context.search(sentence):
                continue
            is_bed = match.re is p.bed
            if is_bed or self._care_in(text, start, end) is not None:
                found.append(Finding("patient_location", "This points to a patient by room or bed.", *match.span(), match.group(0)))
        return found

    def _quasi_identifiers(self, text: str, sentences: list[tuple[int, int]]) -> list[Finding]:
        p = patterns()
        found = []
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
            found.append(Finding("quasi_identifier",
                                 "One person, a small place or an age, and a rare condition together can identify a patient.",
                                 first, last, text[first:last]))
        return found


CONSUMER_MAIL = frozenset({"gmail", "googlemail", "yahoo", "hotmail", "outlook", "aol", "icloud", "me", "mac", "live",
                           "msn", "proton", "protonmail", "comcast", "verizon", "att", "sbcglobal", "gmx", "mail", "ymail"})


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
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if any(k.start <= finding.start and finding.end <= k.end for k in kept):
            continue
        kept.append(finding)
    return kept


@cache
def default_detector() -> Detector:
    """The detector the app uses, built once per process."""
    return RuleDetector()
