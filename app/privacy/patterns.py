"""The detector's regular expressions, built from ``rules.py`` and compiled once per process."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from . import rules

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def expand(pattern: str, fragments: dict[str, str]) -> str:
    """Replace ``{name}`` with its fragment, fragments inside fragments included."""
    for _ in range(10):
        expanded = _PLACEHOLDER.sub(lambda m: fragments.get(m.group(1), m.group(0)), pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise ValueError("privacy rule fragments refer to each other in a loop")


_CUE_STOP = frozenset(
    "the with his her their from for and our was has had have into out new form type case bout back home long two"
    " three bad big sudden mild major serious rare not off are were been being got get gets one abc".split()
)
_CUE_SUFFIXES = (
    "itis",
    "oma",
    "omas",
    "emia",
    "osis",
    "pathy",
    "plegia",
    "algia",
    "ectomy",
    "otomy",
    "ostomy",
    "plasty",
    "oscopy",
    "therapy",
)
_CUE_EXTRA = (
    "cared caring saved nursed looked visited death passing loss funeral memorial condolences remission survivor"
    " battle fight bed room ward bay crib moved wheeled flown sent er ed or ms tb als icu nicu picu ccu mi af ng"
    " ninety hundred"
)
_TOKEN = re.compile(r"[A-Za-z]{2,}|(?<!\d)(?:9\d|1[0-2]\d)(?!\d)")


@cache
def _cue_prefixes() -> dict[int, frozenset[str]]:
    """The words of the care vocabularies: whole words of 2-4 letters, and the first 5 letters of longer ones."""
    vocabularies = (
        rules.DIAGNOSES
        + rules.PROCEDURES
        + rules.CARE_PLACES
        + rules.ADMISSION_VERBS
        + rules.EVENTS
        + rules.POSSESSED
        + rules.STRONG_VERBS
        + rules.CLINICAL_ABBREVIATIONS
    )
    stems = {run.lower() for fragment in vocabularies for run in re.findall(r"[A-Za-z]{3,}", fragment)}
    stems = (stems - _CUE_STOP) | set(_CUE_EXTRA.split())
    by_length = {n: frozenset(stem for stem in stems if len(stem) == n) for n in (2, 3, 4)}
    return {**by_length, 5: frozenset(stem[:5] for stem in stems if len(stem) >= 5)}


def _is_cue(word: str, prefixes: dict[int, frozenset[str]]) -> bool:
    if word.isdigit() or word.endswith(_CUE_SUFFIXES):
        return True
    if len(word) < 5:
        return word in prefixes[len(word)]
    return word[:5] in prefixes[5] or word[:3] in prefixes[3] or word[:4] in prefixes[4]


def cue_positions(text: str) -> list[int]:
    """Where words of care start in ``text``, found word by word (cheap on long texts).

    A name far from all of them cannot be tied to care, so the detector looks no further at it.
    """
    prefixes = _cue_prefixes()
    return [match.start() for match in _TOKEN.finditer(text) if _is_cue(match.group(0).lower(), prefixes)]


def _ci(words: Iterable[str]) -> str:
    return "(?i:" + rules.alternatives(tuple(words)) + ")"


@dataclass(frozen=True)
class _Rule:
    kind: str
    reason: str
    pattern: re.Pattern[str]
    needs: frozenset[str]  # empty: always searched


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
    someone: re.Pattern[str]
    public_news: re.Pattern[str]
    unit_staff_after: re.Pattern[str]
    our_care: re.Pattern[str]


@cache
def patterns() -> _Patterns:
    fragments = rules.FRAGMENTS
    abbreviation = rules.alternatives(rules.CLINICAL_ABBREVIATIONS)
    diagnosis = r"\b(?P<dx>" + _ci(rules.DIAGNOSES) + "|" + abbreviation + r")\b"
    procedure = r"\b" + _ci(rules.PROCEDURES) + r"\b"
    condition = rf"(?:{diagnosis}|{procedure})"
    aside_condition = condition.replace("(?P<dx>", "(?P<dx2>")
    age_condition = condition.replace("(?P<dx>", "(?P<dx3>")
    modifiers = r"(?:[\w'’-]{1,15}\s{1,3}){0,4}?"
    aux = (
        r"(?i:(?:was|is|were|are|has\s+been|had\s+been|have\s+been|got|gets|been|being|’s\s+been|'s\s+been)"
        r"\s{1,3}(?:\w{2,15}ly\s{1,3})?)"
    )
    care_place = _ci(rules.CARE_PLACES) + r"\b"
    room = rules.ROOM_WORDS + r"\s{0,3}(?:#|(?i:no\.?|number))?\s{0,3}\d{1,4}[A-Za-z]?\b"
    link = (
        rf"(?:{aux}{_ci(rules.ADMISSION_VERBS)}\b"
        rf"|\b{_ci(rules.STATE_VERBS)}\s{{1,3}}{modifiers}{condition}"
        rf"|\b{_ci(rules.EVENTS)}\b"
        rf"|\b(?i:is|was|remains|been|still|now|currently|spent(?:\s[\w'’-]{{1,12}}){{1,3}})\s{{1,3}}"
        rf"(?:\w{{2,12}}\s{{1,3}}){{0,3}}?(?i:in|on|at)\s{{1,3}}(?i:the\s{{1,3}}|our\s{{1,3}})?{care_place}"
        rf"|^\s{{0,2}},\s{{0,3}}(?:(?i:now|recently|just|newly|first|since|then)\s{{1,3}})?{_ci(rules.ADMISSION_VERBS)}\b"
        rf"|\b(?i:in|on|from|into)\s{{1,3}}(?i:the\s{{1,3}}|our\s{{1,3}})?(?:{room}|(?:ICU|NICU|PICU|CICU|CCU|hospice|intensive\scare)\b)"
        # an age and a moment: "Marisol Quispe was 29 when a routine scan found a brain aneurysm"
        rf"|\b(?i:was|is)\s\d{{1,3}}\s(?i:when|and)\s(?:[\w'’-]{{1,15}}\s{{1,3}}){{0,6}}?{age_condition}"
        # an aside right after the name: "Rosa Delgado, stage 4 lung", "J. Ramirez - knee replacement",
        # "Noor: her PDA ligation"
        rf"|^\s{{0,2}}(?:[,:(]|\s[-–—])\s{{0,3}}(?:[\w'’/.-]{{1,20}}[,;]?\s{{1,3}}){{0,8}}?{aside_condition})"
    )
    strong = (
        rf"(?:{aux}{_ci(rules.ADMISSION_VERBS)}\b|\b{_ci(rules.EVENTS)}\b"
        rf"|\b{_ci(rules.STRONG_VERBS)}\s{{1,3}}{modifiers}{condition}"
        rf"|\b(?i:after|following|since|from)\s{{1,3}}(?i:his|her|their)\s{{1,3}}{modifiers}{aside_condition})"
    )
    possessive = (
        rf"^(?:'s|’s)\s{{1,3}}(?:(?:{_ci(rules.MODIFIERS)}|\w{{2,14}})\s{{1,3}}){{0,2}}?"
        rf"(?:{_ci(rules.POSSESSED)}\b|{condition})"
    )
    reverse = (
        r"\b(?i:treated|treating|cared\sfor|caring\sfor|operated\son|admitted|discharged|diagnosed|delivered|resuscitated"
        r"|saved|nursed|looked\safter|transferred|intubated|visited|diagnosis\sof|surgery\son|death\sof|passing\sof"
        r"|loss\sof|funeral\sfor|funeral\sof|memorial\sfor|condolences\sto\sthe\sfamily\sof|took\scare\sof|taking\scare\sof"
        r"|(?:delivered|welcomed)\s(?:a\s|the\s)?(?:healthy\s)?(?:baby|twins|triplets|son|daughter|boy|girl)(?:\s\w{2,10})?\s(?:for|to)"
        r"|performed\s(?:\w{2,15}\s){0,3}(?:on|for))"
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
    # within the next sentence's first words, or right after its opening clause ("After 63 days in our burn unit, she")
    pronoun = (
        r"^(?:[^,.;:!?\n]{0,80},\s{1,3}|(?:[\w'’-]{1,14}[\s,]{1,3}){0,6}?)"
        r"(?P<word>He|She|They|he|she|they|His|Her|Their|his|her|their)\b(?=\s)"
    )
    # "After a stroke in March, Patricia Allen…", "Born at 26 weeks, Noah…": an opening clause about care.
    intro_clause = (
        r"^\s{0,3}(?i:after|following|since|despite|born|diagnosed|admitted|treated|newly|recently|just|weeks|days"
        r"|months|years|two|three|four|five|once|only|within|a\sweek|a\smonth|a\syear)\b[^,;:]{0,80},\s{0,3}$"
    )
    age_after_name = expand(
        r"^,?\s{1,3}\(?(?:(?i:age|aged)\s)?(?:9\d|1[0-2]\d|{age_words})\)?"
        r"(?:,|\s(?i:years?\s(?:old|young))|(?=\s{0,3}(?:[!.;)]|$|(?i:today|this\s(?:week|month|year)))))",
        fragments,
    )
    phone = (
        r"(?<![\w/.+-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-])"
        r"|(?<![\w+])\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}(?![\w-])"
        # national formats with a trunk 0: "0412 345 678", "07700 900461", "020 7946 0018"
        r"|(?<![\w+./-])0\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?![\w/-])"
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
        # "4520 Calle del Sol, San Antonio, TX 78207": any street, told by its town, state and ZIP code
        r"|\b\d{1,5}\s{1,3}(?:[\w.'’-]{1,20}\s{1,3}){0,4}[\w.'’-]{1,20},?\s{1,3}(?:[A-Z][\w.'’-]{1,20}\s{0,3}){1,3},?\s{1,3}"
        r"[A-Z]{2}\s{1,3}\d{5}(?:-\d{4})?\b"
        r"|\b\d{1,5}\s{1,3}(?i:calle|avenida|av\.|rue|via|camino|paseo|carrera|rua)\s{1,3}(?:[\w'’-]{1,20}\s{0,3}){1,3}"
    )
    someone = (
        r"\b(?i:the|a|an|our|my|this|that)\s{1,3}(?:\w{2,12}\s{1,3}){0,2}?"
        r"(?i:patient|resident|woman|man|lady|gentleman|girl|boy|child|baby|kid|guy|teen|teenager|family|mom|dad|mother"
        r"|father|newborn|infant|toddler|veteran|person|client)"
    )
    someone_in_room = (
        rf"{someone}\s{{1,3}}(?i:in|from|at|on)\s{{1,3}}(?:{room}|(?:\d{{1,3}}[A-Z]?|\d{{4}}[A-Z])\b(?![,.]?\d|\s?%|-|\s(?i:days?|weeks?|months?|years?|hours?|minutes?|percent)))"
        rf"|{room}(?:'s|’s)?\s{{1,3}}(?i:patient|resident|family)\b"
    )
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
        r"|\b(?i:in|from|of)\s{1,3}(?i:our|this|the|my)\s{1,3}(?i:county|town|village|parish|township|hamlet|island|valley"
        r"|neighbou?rhood|school\sdistrict)\b"
    )
    rarity = (
        r"\b(?i:rare|only|first|unique|one\sof\s(?:only|just|the\sfew)|one\sin\sa\smillion"
        r"|\d{1,3}[- ](?:year|month)[- ]old)\b"
    )
    return _Patterns(
        stand_alone=tuple(
            _Rule(
                spec["kind"],
                spec["reason"],
                re.compile(expand(spec["pattern"], fragments)),
                frozenset(spec.get("needs", "").split()),
            )
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
        tiny_place=re.compile(
            r"\b(?i:small|tiny|little|rural)\s{1,3}(?i:town|village|community|island|hamlet)|\b(?i:population)\b"
        ),
        generic_plural=re.compile(r"\b(?i:patients|people|children|kids|adults|women|men|families|cases|residents)\b"),
        someone=re.compile(someone + r"\b"),
        public_news=re.compile(r"\b" + _ci(rules.PUBLIC_NEWS) + r"\b"),
        unit_staff_after=re.compile(
            r"\s{0,3}(?:\([\w\s&/-]{1,30}\)\s{0,3})?(?i:nurses?|team|staff|manager|sister|clerks?|crew|vacanc\w{1,3}|"
            r"band\s\d|rota|award)\b|\s{0,3}\(\s{0,2}(?i:respiratory|surgical|medical|cardiac|renal|oncology|maternity"
            r"|elderly\scare|orthopaedics?|orthopedics?|paediatrics?|pediatrics?|stroke|acute)\s{0,2}\)"
        ),
        our_care=re.compile(
            r"\b(?i:(?:our|this)\s(?:\w{2,15}\s)?(?:hospital|ICU|unit|ward|ER|emergency|clinic|team|patient|cent(?:er|re)"
            r"|floor|care)|here|we\s(?:treated|admitted|cared|operated|delivered))\b"
        ),
    )
