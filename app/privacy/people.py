"""Where text names a person, and in what role: patient (or unknown), or staff / public figure.

A name is a capitalised run of words whose first word is a known first name (1990 US Census
lists plus a hand-kept supplement) or whose last word is a known surname, once words that name
organisations, places, months or events are set aside; "Mr./Mrs./Ms." before a capitalised word
is a name too. Placeholders in brackets ("[Patient name]", "{first_name}", "<NAME>") are never
names. A name is a staff member's or a public figure's when a title ("Dr.", "Senator") or a job
("oncologist", ", our chief of oncology", ", MD") stands right beside it.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from . import rules

_WORD = r"[A-Z][a-zA-Z'’-]{1,30}"
_NAME_RUN = re.compile(rf"(?<![\w@#/.&-]){_WORD}(?:\s(?:[A-Z]\.\s)?{_WORD}){{0,3}}(?![\w@])")
_TITLED = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Mister)\.?\s{{1,3}}(?:[A-Z]\.\s)?{_WORD}(?:\s{_WORD})?")
_STAFF_BEFORE = re.compile(
    r"(?:\b" + rules.alternatives(rules.STAFF_TITLES) + r"|\b(?i:" + rules.alternatives(rules.STAFF_ROLES) + r"))"
    r"(?:\s(?:of|for|at|in|and)\s[\w&'’-]{1,30}){0,3},?\s{1,3}$"
)
_STAFF_AFTER = re.compile(
    r"^(?:'s|’s)?\s{0,2}(?:,|\(|–|—|-)\s{0,3}(?:(?i:is|was|who\s(?:is|was|leads|runs|heads|directs|manages|chairs))\s{1,3})?"
    r"(?i:our|the|a|an|his|her|their|its|\w{3,20}'s)?\s{0,3}(?:[\w&-]{1,25}\s{1,3}){0,3}"
    r"(?i:" + rules.alternatives(rules.STAFF_ROLES) + r")\b"
)
_PATIENT_BEFORE = re.compile(r"\b(?i:" + rules.alternatives(rules.PATIENT_ROLES) + r")(?:,|:)?\s{1,3}(?:[A-Z]\.\s)?$")
_PLACEHOLDER = re.compile(r"\[[^\]\n]{0,60}\]|\{\{?[^}\n]{0,60}\}\}?|<[^>\n]{0,60}>|%\w{1,30}%|\$\{?\w{1,30}\}?")
_LOWER_PAIR = re.compile(
    r"(?<![\w@#/.-])([a-z]{2,15})\s([a-z]{2,15})(?:\s[a-z]{2,15})??(?=\s(?:was|is|has|had|got|died|passed)\b)"
)
_COMMON_LOWER = frozenset(
    {
        "Will",
        "May",
        "June",
        "Mark",
        "Bill",
        "Pat",
        "Art",
        "Rose",
        "Hope",
        "Joy",
        "Grace",
        "Faith",
        "Sandy",
        "Rich",
        "Long",
        "Young",
        "King",
        "Brown",
        "Green",
        "White",
        "Black",
        "Gray",
        "Page",
        "Love",
        "See",
        "Don",
        "Guy",
        "Van",
    }
)
_TEMPLATE_WORDS = frozenset(
    {"Name", "First", "Last", "Firstname", "Lastname", "Surname", "Patient", "Placeholder", "Xxx", "Xx"}
)


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    text: str
    is_single: bool  # one word only ("Maria"): needs a tie right after it
    is_known: bool = True  # False: capitalised words no name list knows ("Olumide Adeyemi"), or lower case
    source: str = field(default="", repr=False, compare=False)  # the whole text, to read the words around

    @cached_property
    def _roles(self) -> tuple[bool, bool]:
        return role(self.source, self.start, self.end)

    @property
    def is_staff(self) -> bool:
        """A clinician, staff member or public figure: only a strong tie to care counts."""
        return self._roles[0]

    @property
    def is_patient(self) -> bool:
        """Named as a patient or a patient's relative ("our patient Maria")."""
        return self._roles[1]


@cache
def _names(resource: str) -> frozenset[str]:
    data = resources.files("app.privacy") / "data" / resource
    with gzip.open(data.open("rb"), "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


@cache
def _census_first_names() -> frozenset[str]:
    return _names("first_names.txt.gz")


@cache
def first_names() -> frozenset[str]:
    extra = (resources.files("app.privacy") / "data" / "extra_first_names.txt").read_text(encoding="utf-8")
    words = {w for line in extra.splitlines() if not line.startswith("#") for w in line.split()}
    return (_names("first_names.txt.gz") | words) - rules.NOT_NAME_WORDS


@cache
def surnames() -> frozenset[str]:
    return _names("surnames.txt.gz") - rules.PLACE_ORG_ENDINGS


def _placeholder_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PLACEHOLDER.finditer(text)]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _trim(words: list[str]) -> list[str]:
    """Drop leading words that are not names ("Meet Priya Shah" → Priya Shah).

    A run that ends in such a word names a place or an organisation ("Harlan County", "Mercy
    Hospital"), so nothing of it is a person's name.
    """
    for index, word in enumerate(words):
        if word.endswith(("'s", "’s")):
            words = words[: index + 1]  # "Jaxon Reed's NICU stay": the name ends at the possessive
            break
    while words and words[-1].isupper():
        words = words[:-1]
    while words and (
        words[0].isupper() or words[0] in rules.NOT_NAME_WORDS or words[0].rstrip("'’s") in rules.NOT_NAME_WORDS
    ):
        if len(words) > 1 and words[0] in _census_first_names() and words[1].removesuffix("'s") in surnames():
            break  # "Grace Liu": a word that is also a first name, before a surname
        words = words[1:]
    if words and words[-1].removesuffix("'s").removesuffix("’s") in rules.PLACE_ORG_ENDINGS:
        return []
    return words


def _known_name(words: list[str]) -> bool | None:
    """True for a name the lists know, False for an unknown capitalised pair, None for no name."""
    if not words or any(w in _TEMPLATE_WORDS or w.isupper() for w in words):
        return None
    first, last = words[0], words[-1].removesuffix("'s").removesuffix("’s")
    if len(words) == 1:
        return True if first.removesuffix("'s").removesuffix("’s") in first_names() else None
    if first in _census_first_names() or first in first_names() or last in surnames():
        return True
    return False if len(words) in (2, 3) else None


def role(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(is staff or a public figure, is named as a patient or relative), from the words around a name."""
    before = text[max(0, start - 60) : start]
    after = text[end : end + 70]
    is_patient = bool(_PATIENT_BEFORE.search(before))
    is_staff = not is_patient and bool(_STAFF_BEFORE.search(before) or _STAFF_AFTER.match(after))
    return is_staff, is_patient


def find_people(text: str) -> Iterator[Person]:
    """Every name in ``text`` with the role the words around it give it, in reading order."""
    placeholders = _placeholder_spans(text)
    seen: set[int] = set()
    for match in _TITLED.finditer(text):
        start, end = match.span()
        if _inside(start, end, placeholders):
            continue
        seen.update(range(start, end))
        yield Person(start, end, match.group(0), False, True, text)
    for match in _NAME_RUN.finditer(text):
        if match.start() in seen or _inside(match.start(), match.end(), placeholders):
            continue
        raw = match.group(0)
        words = raw.split()
        kept = _trim(words)
        known = _known_name(kept)
        if known is None:
            continue
        offset = raw.index(kept[0]) if kept[0] != words[0] else 0
        start = match.start() + offset
        name = " ".join(kept)
        end = start + len(name) if text[start : start + len(name)] == name else match.end()
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2  # "Maria's chemo": the possessive belongs to what follows
        yield Person(start, end, text[start:end], len(kept) == 1, known, text)
    yield from _lower_case_names(text)


def _lower_case_names(text: str) -> Iterator[Person]:
    """ "jenna marie collins": social posts in lower case; a first name and a known name after it."""
    for match in _LOWER_PAIR.finditer(text):
        first, second = match.group(1).capitalize(), match.group(2).capitalize()
        if first in first_names() and (second in surnames() or second in first_names()) and first not in _COMMON_LOWER:
            yield Person(match.start(), match.end(), match.group(0), False, False, text)
