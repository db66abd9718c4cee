"""The recall layer: someone who may be a person, near a word of illness or care.

The rules in ``detector.py`` hold a name only when the text *ties* it to care ("John Smith was
admitted…"); every new way of writing that tie was a new gap. This layer asks less: it holds a
post when (a) something in it may name a person — a name from the lists, a capitalised word no
English list knows with a pronoun or a relative's word nearby, an @handle, a hashtag built on a
name (#PrayersForLiam, #TeamBrooklynn), a fundraiser link, initials after "patient", a
"Pt:"/"Name:" label — and (b) a word of care (condition, procedure, unit, bed, medication,
admission, discharge, death…) stands within ``WINDOW`` characters of it, unless (c) the words
around say the person is staff, a public figure in the news, a building, an eponym
("Parkinson's") or a placeholder, or the sentence is about a class, a job, an award or an event.

It runs only when the rules found nothing, so the rules' more precise reasons are kept, and it is
one pass over a few dozen candidates. Its reason says what it saw, so the author and moderator
can tell at a glance whether the person is a patient.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from . import rules
from .findings import Finding
from .patterns import cue_positions, patterns
from .people import Person, english_words, find_people, first_names, plain

WINDOW = 150  # characters either side of a candidate in which a word of care counts
MOST_FINDINGS = 20  # enough to show the author; keeps long hostile text quick

REASON = (
    "This may name a person ({what}) near words of illness or care ({care}). If it is a patient, "
    "remove the name or the care; if it is staff or a public figure, say so beside the name."
)

_HANDLE = re.compile(r"(?<![\w.@])@([A-Za-z][\w.]{1,29}[\w])")
_HASHTAG = re.compile(r"(?<![\w#])#([A-Za-z][A-Za-z0-9_]{2,40})")
_CAMEL = re.compile(r"[A-Z][a-z]+|[a-z]+")
_FUNDRAISER = re.compile(
    r"\b(?:gofundme\.com|caringbridge\.org|mealtrain\.com|givesendgo\.com|gofund\.me)/[\w/.-]+", re.I
)
_LABEL = re.compile(r"\b(?:Pt|Patient|Name|Resident|Client|Baby)\s?[:|-]\s{0,3}([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)")
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}(?!\w)")
_CAPITALISED = re.compile(r"(?<![\w@#/.&'’-])[A-Z][a-z]{2,20}(?:['’]s)?(?![\w@])")
_PERSONAL = re.compile(
    r"\b(?i:he|she|him|his|her|hers|he's|she's|himself|herself|"
    + rules.alternatives(rules.KIN + rules.words("boy girl baby kid son daughter"))
    + r")\b"
)
_JOBS = (
    r"(?i:"
    + rules.alternatives(rules.STAFF_ROLES + rules.PUBLIC_ROLES + rules.words("student counsell?or"))
    + r")(?:s|es)?"
)
_JOB = re.compile(_JOBS)
_LINKS = frozenset("like such as and".split())
_JOB_AFTER = re.compile(r"(?:['’]s)?,?\s{0,2}(?:(?i:our|the|a|an|his|her|their)\s)?(?:[\w-]+\s){0,2}" + _JOBS + r"\b")
_NOT_PERSON_WORDS = frozenset(
    "States Park Pavilion Lodge Rotary Marathon War Pediatrics Paediatrics Lab Labs Riverside Riverfront Hilton"
    " Olympian Breakout Bilingual".split()
)
_HASHTAG_CUES = frozenset(
    "prayers prayersfor pray prayfor team strong journey warrior warriors army fight fights love".split()
)
# Words in a sentence that make it about staff, an event or a place, not someone's care.
_NOT_CARE_CONTEXT = re.compile(
    r"\b(?i:retir\w*|joins|joined|welcome\w*|hired|hiring|recruit\w*|vacanc\w*|award\w*|presented|founder|founded|"
    r"named\safter|in\shonou?r\sof\sour\sstaff|class|classes|course|training|webinar|workshop|lecture|talk|"
    r"seminar|conference|keynote|explains|discusses|shares\stips|tips|volunteers?|donors?|donated|funded|"
    r"foundation|sponsor\w*|therapy\sdog|author\sof|book|documentary|interview|podcast|follow|funding|gift|"
    r"groundbreaking|organi[sz]ed|drive|walk|marathon|gala|picnic|pavilion|opens|contact|media|reporters|"
    r"comment|seeking|certification|director|legacy|history|historical|reforms|bioethics|tribute|"
    r"spoken|spoke|speaks|championed|openness|1[0-9]\d\d)\b"
)
_EPONYM_AFTER = re.compile(
    r"^(?:['’]s?\s|\s)(?i:disease|syndrome|palsy|sign|test|law|maneuver|manoeuvre|criteria|score|scale)\b"
)
_ORG_AFTER = re.compile(
    r"^(?:['’]s)?\s(?i:House|Health|Hospital|Clinic|Center|Centre|Mercy|Children|Medical|Pharmacy|Hospice|Home|Homes|"
    r"Lodge|Place|Wing|Unit|Ward|Institute|University|Foundation|Church|Cathedral|School|Street|Road|Avenue|Park|"
    r"Pavilion|Hall|Building|Tower|Campus|Labs?|Inc|LLC|Group)\b"
)
_EXTRA_CARE = re.compile(
    r"\b(?i:sober|sobriety|detox|relapse\w*|overdos\w*|psych\w*|5150|suicid\w*|rehab\w*|filling|implants?|crowns?|"
    r"extraction|root\scanal|braces|dentures?|refill\w*|prescri\w*|prior\sauth\w*|dose|doses|insulin|warfarin|"
    r"oxygen|vent|ventilator|intubat\w*|extubat\w*|cpap|bipap|discharg\w*|admitted|admission|"
    r"post-?op|pre-?op|chemo\w*|radiation|tumou?r|biopsy|dialysis|transplant\w*|amputat\w*|prosthe\w*|seizures?|"
    r"fracture\w*|broke|broken|crash|shot|stabbed|bleed\w*|units|sick|ill|illness|hospitali[sz]ed|"
    r"hospice|(?:bed|room|bay|rm|ward)[:#]?\s?\d+\w?|surgery|op|operation|cancer|leukemia|leukaemia|"
    r"diagnos\w*|treatment|meds|medication|pills?|infusion|scan|x-ray|labs|stroke|heart\sattack|"
    r"passed|died|death|dying|funeral|candles?)\b|\b(?:ER|ED|OR|ICU|NICU|PICU|CCU|IV|NPO|INR|MRI|CT|O2|RIP)\b"
)


@dataclass(frozen=True)
class Candidate:
    """Something that may name a person: where, and what it is, in the author's words."""

    start: int
    end: int
    what: str


def find(text: str, sentences: list[tuple[int, int]], people: list[Person] | None = None) -> list[Finding]:
    """A finding for each possible person near a word of care, unless the words around exempt it.

    ``people``: the names the rules already found in ``text`` (looked for again when not given).
    """
    cues = cue_positions(text)
    short_list = [m.span() for m in _EXTRA_CARE.finditer(text)]
    if not (cues or short_list):
        return []  # no word of care at all
    care = _Care(text, cues, short_list)
    found: list[Finding] = []
    starts = [start for start, _ in sentences]
    for candidate in _candidates(text, people, care):
        if len(found) >= MOST_FINDINGS:
            break
        near = care.near(candidate)
        if near is None or _exempt(text, candidate, sentences, starts):
            continue
        what = f"{candidate.what} “{text[candidate.start : candidate.end]}”"
        found.append(
            Finding(
                "person_near_care",
                REASON.format(what=what, care=f"“{text[near[0] : near[1]]}”"),
                candidate.start,
                candidate.end,
                text[candidate.start : candidate.end],
            )
        )
    return found


class _Care:
    """Where the words of care are, found once per text; ``near`` looks around one candidate.

    The short list (``_EXTRA_CARE``) is found at once; the rules' full care vocabulary, which is
    slower, only when a candidate has a cue word but no short-list word near it.
    """

    def __init__(self, text: str, cues: list[int], short_list: list[tuple[int, int]]) -> None:
        self.text, self.cues = text, cues
        self.short_list = short_list
        self.full: list[tuple[int, int]] | None = None

    def near(self, candidate: Candidate | Person) -> tuple[int, int] | None:
        """The first word of care within ``WINDOW`` characters of the candidate (outside it), if any."""
        low, high = max(0, candidate.start - WINDOW), candidate.end + WINDOW
        span = _first_outside(self.short_list, low, high, candidate)
        if span is not None or bisect_left(self.cues, low) == bisect_right(self.cues, high):
            return span
        if self.full is None:
            self.full = self._full_vocabulary()
        return _first_outside(self.full, low, high, candidate)

    def _full_vocabulary(self) -> list[tuple[int, int]]:
        p = patterns()
        spans = []
        for match in p.care_term.finditer(self.text):
            short = match.end() - match.start() <= 3 and not match.group(0).isupper()  # "or", "ed": words
            if not short and not p.topic_after.match(self.text[match.end() : match.end() + 30]):
                spans.append(match.span())
        return spans


def _first_outside(
    spans: list[tuple[int, int]], low: int, high: int, candidate: Candidate | Person
) -> tuple[int, int] | None:
    for index in range(bisect_left(spans, (low, -1)), bisect_right(spans, (high, 1 << 62))):
        if not candidate.start <= spans[index][0] < candidate.end:
            return spans[index]
    return None


def _candidates(text: str, found: list[Person] | None, care: _Care) -> Iterator[Candidate]:
    taken = bytearray(len(text) + 1)  # characters already part of a candidate

    def fresh(start: int, end: int) -> bool:
        if any(taken[start:end]):
            return False
        taken[start:end] = b"\x01" * (end - start)
        return True

    for match in _FUNDRAISER.finditer(text):
        if fresh(*match.span()):
            yield Candidate(match.start(), match.end(), "a fundraiser link")
    for match in _LABEL.finditer(text):
        if match.group(1).split()[0] not in rules.NOT_NAME_WORDS and fresh(*match.span(1)):
            yield Candidate(match.start(1), match.end(1), "a name after a label")
    for match in _HANDLE.finditer(text):
        if _personal_handle(match.group(1)) and fresh(*match.span()):
            yield Candidate(match.start(), match.end(), "a social media handle")
    for match in _HASHTAG.finditer(text):
        if _named_hashtag(match.group(1)) and fresh(*match.span()):
            yield Candidate(match.start(), match.end(), "a hashtag with a name")
    kin_ends = {m.end() for m in _KIN_WORD.finditer(text)}  # a name right after "my nan", "our patient"
    personal = [m.start() for m in _PERSONAL.finditer(text)]
    people = [p for p in (found if found is not None else find_people(text)) if care.near(p) is not None]
    staff = [p for p in people if p.is_staff or p.text.split()[0] in _PUBLIC_TITLE_WORDS or _staff_beside(text, p)]
    staff_words = {word for person in staff for word in person.text.split()}
    for person in staff:
        taken[person.start : person.end] = b"\x01" * (person.end - person.start)
    for person in people:
        words = person.text.split()
        if person in staff or _not_a_person(person.start in kin_ends, words, staff_words):
            continue
        if fresh(person.start, person.end):
            yield Candidate(person.start, person.end, "a name")
    for match in _INITIALS.finditer(text):
        if match.group(0) not in _NOT_INITIALS and fresh(*match.span()):
            yield Candidate(match.start(), match.end(), "initials")
    for match in _CAPITALISED.finditer(text):
        word = match.group(0)
        bare = word[:-2] if word.endswith(("'s", "’s")) else word
        named = bare not in rules.NOT_NAME_WORDS and match.start() in kin_ends
        pronoun = bisect_left(personal, match.start() - 40) < bisect_right(personal, match.end() + 60)
        if named or (_unknown_word(bare) and pronoun):
            end = match.start() + len(bare)
            if fresh(match.start(), end):
                yield Candidate(match.start(), end, "a word that may be a name")


_NOT_INITIALS = frozenset(
    "U.S. U.K. A.M. P.M. E.R. I.V. O.R. D.C. B.C. A.D. M.D. R.N. N.P. P.A. D.O. L.A. N.Y.".split()
)


_PUBLIC_TITLE_WORDS = frozenset(
    w for w in rules.NOT_NAME_WORDS if re.fullmatch(rules.alternatives(rules.PUBLIC_TITLES), w)
)
_KIN_WORD = re.compile(
    r"\b(?i:" + rules.alternatives(rules.PATIENT_ROLES + rules.KIN + rules.KIN_ABROAD) + r")[,:]?\s{1,3}"
)


def _not_a_person(after_kin: bool, words: list[str], staff_words: set[str]) -> bool:
    """A place or organisation ("Riverside Park"), a staff member's name again, or an ordinary word."""
    if any(w in staff_words or w in _NOT_PERSON_WORDS for w in words):
        return True
    if words[-1] in rules.PLACE_ORG_ENDINGS or words[-1] in rules.NOT_NAME_WORDS:
        return True
    if words[0][0].islower() and plain(words[0]).lower() not in _hashtag_names():
        return True  # lower case: only a first name from the lists
    if len(words) == 1 and plain(words[0]).lower() in english_words():
        return not after_kin
    return False


def _unknown_word(word: str) -> bool:
    if word in rules.NOT_NAME_WORDS or word in rules.PLACE_ORG_ENDINGS or word in _NOT_PERSON_WORDS:
        return False
    return plain(word).lower() not in english_words()


def _personal_handle(handle: str) -> bool:
    """An @handle that may be a person's: not an organisation's, not a clinician's."""
    lowered = handle.lower()
    return not re.search(
        r"^(?:dr|doc|nurse|rn|prof)|health|hosp|clinic|dept|gov|news|official|med|care|foundation|org|cdc|who|nhs|team",
        lowered,
    )


def _named_hashtag(tag: str) -> bool:
    """#PrayersForLiam, #TeamBrooklynn, #JaxsonsJourney: a hashtag built on a first name."""
    parts = [p.lower() for p in _CAMEL.findall(tag)]
    if len(parts) < 2:
        return False
    names = _hashtag_names()
    has_cue = any(part in _HASHTAG_CUES for part in parts)
    for part in parts:
        stem = part[:-1] if part.endswith("s") and part[:-1] in names else part
        if stem in names and (has_cue or stem not in english_words()):
            return True
    return has_cue and any(part not in english_words() and part not in _HASHTAG_CUES for part in parts)


@cache
def _hashtag_names() -> frozenset[str]:
    return frozenset(name.lower() for name in first_names())


def _exempt(text: str, candidate: Candidate, sentences: list[tuple[int, int]], starts: list[int]) -> bool:
    """(c): staff, public news, eponyms, organisations, and sentences about work or events."""
    after = text[candidate.end : candidate.end + 20]
    if _EPONYM_AFTER.match(after) or _ORG_AFTER.match(after):
        return True
    index = bisect_right(starts, candidate.start) - 1
    sentence = text[sentences[index][0] : sentences[index][1]] if index >= 0 else text
    if _NOT_CARE_CONTEXT.search(sentence):
        return True
    return _staff_beside(text, candidate)


def _staff_beside(text: str, who: Candidate | Person) -> bool:
    """A job word just before or after: "Respiratory therapists like Rosa Jimenez", "Kelly Brown, student"."""
    before = text[max(0, who.start - 40) : who.start].rstrip(" ,:").split()[-3:]
    while before and before[-1].lower() in _LINKS:
        before.pop()
    if before and _JOB.fullmatch(before[-1].strip(".,:;()")):
        return True
    return _JOB_AFTER.match(text, who.end, who.end + 50) is not None
