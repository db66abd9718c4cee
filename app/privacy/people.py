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
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from . import rules

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŸŹŻŽ"
_WORD = rf"[{_UPPER}][a-zA-ZÀ-ÖØ-öø-ÿĀ-ž'’-]{{1,30}}"
_NAME_RUN = re.compile(rf"(?<![\w@#/.&-]){_WORD}(?:\s(?:[A-Z]\.\s)?{_WORD}){{0,3}}(?![\w@])")
_TITLED = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Mister)\.?\s{{1,3}}(?:(?:[A-Z]\.\s)?{_WORD}(?:\s{_WORD})?|(?:[A-Z]\.){{1,3}}(?!\w)|[A-Z](?![\w.’']))"
)
# "J. Ramirez", "J.M.": an initial and a surname, or initials alone right after "patient".
_INITIALLED = re.compile(
    rf"(?<![\w.])[A-Z]\.\s{{1,2}}(?P<surname>{_WORD})|(?<![\w.])(?P<listed>{_WORD}),\s{{1,2}}[A-Z]\.(?!\w)"
    rf"|(?<![\w.])(?P<given>{_WORD})\s[A-Z]\.(?![\w.])"
)  # "J. Ramirez", "Nakamura, H." in a list, "Haruto S."
# "Dubois, 67, sepsis": a surname with an age after it, as in a handover list
_SURNAME_AGE = re.compile(r",\s{1,2}\d{1,3},")
_LOWER_TITLED = re.compile(r"\b(?:mr|mrs|ms|miss)\.?\s([a-z]{3,15})\b")
_STAFF_BEFORE = re.compile(
    r"(?:\b" + rules.alternatives(rules.STAFF_TITLES) + r"|\b(?i:" + rules.alternatives(rules.STAFF_ROLES) + r"))"
    r"(?:\s(?:of|for|at|in|and)\s[\w&'’-]{1,30}){0,3},?\s{1,3}$"
)
_STAFF_AFTER = re.compile(
    r"^(?:'s|’s)?\s{0,2}(?:,|\(|–|—|-|:)\s{0,3}(?:(?i:is|was|who\s(?:is|was|leads|runs|heads|directs|manages|chairs))\s{1,3})?"
    r"(?i:our|the|a|an|his|her|their|its|\w{3,20}'s)?\s{0,3}(?:[\w&-]{1,25}\s{1,3}){0,3}"
    r"(?i:" + rules.alternatives(rules.STAFF_ROLES) + r")\b"
)
_PUBLIC_BEFORE = re.compile(
    r"(?:\b" + rules.alternatives(rules.PUBLIC_TITLES) + r"|\b(?i:" + rules.alternatives(rules.PUBLIC_ROLES) + r"))"
    r"(?:\s(?:of|for|at|in|and)\s[\w&'’-]{1,30}){0,3},?\s{1,3}$"
)
_PATIENT_BEFORE = re.compile(
    r"\b(?i:" + rules.alternatives(rules.PATIENT_ROLES + rules.KIN + rules.KIN_ABROAD) + r")"
    r"(?:[,:]?\s{1,3}|\s{1,3}\(\s{0,2})(?:[A-Z]\.\s)?$"
)
# "my nephew jayden", "my dad robert hughes": lower case, but a relative's word says a name follows.
_KIN_LOWER = re.compile(
    r"(?:\b(?i:my|our|his|her|their|your)\s{1,3}(?:(?i:little|big|baby|twin|younger|older|dear|sweet|late)\s{1,3})?"
    r"(?i:" + rules.alternatives(rules.KIN + rules.words("boy girl baby kid kiddo child patient resident")) + r")"
    r"(?:'s|’s|s)?(?:\s{1,3}(?i:new|little|baby|newborn)){0,2}(?:\s{1,3}(?i:boy|girl|son|daughter))?"
    r"|\b(?i:" + rules.alternatives(rules.KIN_ABROAD) + r"))"
    r"\s{1,3}\(?([a-z]{2,15})(?:\s([a-z]{2,15}))?"
)
_PLACEHOLDER = re.compile(r"\[[^\]\n]{0,60}\]|\{\{?[^}\n]{0,60}\}\}?|<[^>\n]{0,60}>|%\w{1,30}%|\$\{?\w{1,30}\}?")
# every pair of lower-case words, overlapping ("i know maria sanchez": "know maria", then "maria sanchez")
_LOWER_PAIR = re.compile(r"(?<![\w@#/.'’-])(?=([a-z]{2,15})\s([a-z]{2,15})(?:\s(?P<verb>[a-z]{2,15}))?)")
_PLAIN_WORD = re.compile(r"^[^\W\d_]{2,}(?:-[^\W\d_]{2,})*(?:'s|’s)?$")
_TIE_VERBS = frozenset("was is has had got died passed".split())
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
    def is_public(self) -> bool:
        """A public figure ("Senator", "King", "tennis star"): their own health news may be public."""
        return self.is_staff and bool(_PUBLIC_BEFORE.search(self.source[max(0, self.start - 60) : self.start]))

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
    """Census first names, the world list (54 countries), the hand-kept extras; accents kept and dropped."""
    extra = (resources.files("app.privacy") / "data" / "extra_first_names.txt").read_text(encoding="utf-8")
    words = {w for line in extra.splitlines() if not line.startswith("#") for w in line.split()}
    names = _names("first_names.txt.gz") | _names("world_first_names.txt.gz") | words
    return frozenset(names | {plain(name) for name in names}) - rules.NOT_NAME_WORDS


@cache
def surnames() -> frozenset[str]:
    return _names("surnames.txt.gz") - rules.PLACE_ORG_ENDINGS


@cache
def english_words() -> frozenset[str]:
    """Ordinary lower-case English words: a capitalised run made only of them is a heading, not a name."""
    return _names("english_words.txt.gz")


def plain(word: str) -> str:
    """ "Gutiérrez" → "Gutierrez": the lists are looked up without accents."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _is_first_name(word: str) -> bool:
    return word in first_names() or plain(word) in first_names()


def _is_surname(word: str) -> bool:
    return word in surnames() or plain(word) in surnames()


def _placeholder_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PLACEHOLDER.finditer(text)]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")


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
    while words and (words[0].isupper() or words[0] in rules.NOT_NAME_WORDS or _bare(words[0]) in rules.NOT_NAME_WORDS):
        if (
            len(words) > 1
            and words[0] in _census_first_names()
            and _is_surname(_bare(words[1]))
            and not _STAFF_BEFORE.search(words[0] + " ")
        ):
            break  # "Grace Liu": a word that is also a first name, before a surname
        words = words[1:]
    while len(words) > 1 and not _is_first_name(words[0]) and _STAFF_BEFORE.search(words[0].lower() + " "):
        words = words[1:]  # "Footballer Christian Eriksen": a job before a name
    if words and _bare(words[-1]) in rules.PLACE_ORG_ENDINGS:
        return []
    return words


def _known_name(words: list[str]) -> bool | None:
    """True for a name the lists know, False for an unknown capitalised pair, None for no name."""
    if not words or any(w in _TEMPLATE_WORDS or w.isupper() for w in words):
        return None
    first, last = _bare(words[0]), _bare(words[-1])
    if len(words) == 1:
        return True if _is_first_name(first) else None
    if _is_first_name(first) or _is_surname(last):
        return True
    if all(_bare(w).lower() in english_words() for w in words):
        return None  # "Clinical Research Coordinator", "Cafeteria Annex": ordinary words
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
    for match in _INITIALLED.finditer(text):
        surname = _bare(match.group("surname") or match.group("listed") or match.group("given"))
        if match.start() in seen or surname in rules.NOT_NAME_WORDS or surname.lower() in english_words():
            continue
        if match.group("given") and not _is_first_name(surname):
            continue
        seen.update(range(match.start(), match.end()))
        end = match.end() - (2 if match.group(0).endswith(("'s", "’s")) else 0)
        yield Person(match.start(), end, text[match.start() : end], False, True, text)
    for match in _NAME_RUN.finditer(text):
        if match.start() in seen or _inside(match.start(), match.end(), placeholders):
            continue
        raw = match.group(0)
        words = raw.split()
        kept = _trim(words)
        if not kept:
            continue
        offset = raw.index(kept[0]) if kept[0] != words[0] else 0
        start = match.start() + offset
        name = " ".join(kept)
        known = _known_name(kept)
        if known is None:
            person = _named_by_role(text, start, name) if text[start : start + len(name)] == name else None
            if person is None and len(kept) == 1 and _STAFF_BEFORE.search(text[max(0, start - 40) : start]):
                person = _named_by_title(text, start, name)
            end = start + len(name)
            if person is None and len(kept) == 1 and _is_surname(name) and _SURNAME_AGE.match(text, end):
                person = Person(start, end, name, False, True, text)
            if person is not None:
                yield person
            continue
        end = start + len(name) if text[start : start + len(name)] == name else match.end()
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2  # "Maria's chemo": the possessive belongs to what follows
        yield Person(start, end, text[start:end], len(kept) == 1, known, text)
    yield from _lower_case_names(text)


def _named_by_role(text: str, start: int, raw: str) -> Person | None:
    """ "my husband Mamadou", "thinking of Wanjiru": a word no list knows, named by a relative's or a patient's word."""
    words = raw.split()
    if not all(_PLAIN_WORD.match(w) for w in words):
        return None
    if any(_bare(w) in rules.NOT_NAME_WORDS or _bare(w).lower() in english_words() or w.isupper() for w in words):
        return None
    if not _PATIENT_BEFORE.search(text[max(0, start - 60) : start]):
        return None
    end = start + len(raw) - (2 if raw.endswith(("'s", "’s")) else 0)
    return Person(start, end, text[start:end], len(words) == 1, False, text)


def _named_by_title(text: str, start: int, word: str) -> Person | None:
    """ "Coach Ramírez", "Dr. Nkemelu": a title names the word after it, known to no list or not."""
    if not _PLAIN_WORD.match(word) or _bare(word) in rules.NOT_NAME_WORDS or _bare(word).lower() in english_words():
        return None
    end = start + len(_bare(word))
    return Person(start, end, text[start:end], True, False, text)


def _lower_case_names(text: str) -> Iterator[Person]:
    """ "jenna marie collins", "my cousin tasha": social posts in lower case."""
    seen: set[int] = set()
    for match in _KIN_LOWER.finditer(text):
        first, second = match.group(1), match.group(2)
        if not _is_lower_name(first, after=second) and not _is_unknown_lower(first):
            continue
        end = match.end(1)
        if second and _is_surname(second.capitalize()) and second not in english_words():
            end = match.end(2)
        seen.add(match.start(1))
        yield Person(match.start(1), end, text[match.start(1) : end], end == match.end(1), False, text)
    for match in _LOWER_TITLED.finditer(text):
        if match.group(1) not in english_words() and match.group(1) not in _LOWER_STOP:
            seen.add(match.start())
            yield Person(match.start(), match.end(), match.group(0), False, False, text)
    for match in _LOWER_PAIR.finditer(text):
        first, second = match.group(1), match.group(2)
        if match.start() in seen or not _is_lower_name(first):
            continue
        surname = _is_surname(second.capitalize()) and second not in english_words()
        tied = match.group("verb") in _TIE_VERBS and (surname or _is_first_name(second.capitalize()))
        if surname or tied:
            yield Person(match.start(), match.end(2), text[match.start() : match.end(2)], False, False, text)


def _is_unknown_lower(word: str) -> bool:
    """ "my bff jaz": after a relative's word, a word that is no English word is a name."""
    return len(word) >= 3 and word not in english_words() and word not in _LOWER_STOP


def _is_lower_name(word: str, after: str | None = None) -> bool:
    """A first name in lower case; one that is also a common word ("rose") only right before "is", "was"…"""
    name = word.capitalize()
    if word in _LOWER_STOP:
        return False
    if after in _TIE_VERBS and name in _census_first_names():
        return True
    return _is_first_name(name) and name not in _COMMON_LOWER


_LOWER_STOP = frozenset(
    "a an and the is was has had got who just also so is are be been being he she they it we you i me him her them"
    " his their its our your to at in on of for from with by as or but if not no yes too very really".split()
)
