"""Phrase banks for the demo library, read from ``app/data/library.toml``.

Every organisation, person and number is invented. No text there may look like patient
information (no names with ages, record numbers, dates of birth, phone numbers or addresses):
the privacy guard would hold it, and ``tests/library/test_seed.py`` checks that it does not.
"""

from __future__ import annotations

from typing import NamedTuple

from ..data import frozen, load


class Subject(NamedTuple):
    slug: str  # a topic slug from library.curation.DEFAULT_TOPICS
    phrases: tuple[str, ...]  # noun phrases that fit "A guide to …"
    why: tuple[str, ...]  # paragraphs: why it matters
    checklist: tuple[str, ...]
    steps: tuple[str, ...]
    mistakes: tuple[str, ...]
    tags: tuple[str, ...]


class Platform(NamedTuple):
    slug: str
    name: str
    formats: tuple[str, ...]
    tips: tuple[str, ...]
    help_url: str
    tags: tuple[str, ...]


_DATA = frozen(load("library"))
_PHRASES = _DATA["phrases"]

SUBJECTS: tuple[Subject, ...] = tuple(Subject(**subject) for subject in _DATA["subjects"])
PLATFORMS: tuple[Platform, ...] = tuple(Platform(**platform) for platform in _DATA["platforms"])
ORG_TYPES: tuple[str, ...] = _PHRASES["org_types"]
EVENTS: tuple[str, ...] = _PHRASES["events"]
AUDIENCES: tuple[str, ...] = _PHRASES["audiences"]
ROLES: tuple[str, ...] = _PHRASES["roles"]
MONTHS: tuple[str, ...] = _PHRASES["months"]
TITLES: dict[str, tuple[str, ...]] = _DATA["titles"]
SUMMARIES: dict[str, tuple[str, ...]] = _DATA["summaries"]
TITLE_SUMMARIES: dict[str, str] = _DATA["title_summaries"]
INTROS: tuple[str, ...] = _PHRASES["intros"]
CASE_CHALLENGES: tuple[str, ...] = _PHRASES["case_challenges"]
CASE_APPROACHES: tuple[str, ...] = _PHRASES["case_approaches"]
CASE_LESSONS: tuple[str, ...] = _PHRASES["case_lessons"]
RESULT_MEASURES: tuple[str, ...] = _PHRASES["result_measures"]
RESEARCH_FINDINGS: tuple[str, ...] = _PHRASES["research_findings"]
WEBINAR_AGENDA: tuple[str, ...] = _PHRASES["webinar_agenda"]
WEBINAR_QUESTIONS: tuple[tuple[str, str], ...] = _PHRASES["webinar_questions"]
POLICY_CLAUSES: tuple[str, ...] = _PHRASES["policy_clauses"]
FURTHER_READING: tuple[tuple[str, str], ...] = _PHRASES["further_reading"]
EDIT_NOTES: tuple[str, ...] = _PHRASES["edit_notes"]
EDIT_SECTIONS: tuple[str, ...] = _PHRASES["edit_sections"]
RETURN_REASONS: tuple[str, ...] = _PHRASES["return_reasons"]
COLLECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = _PHRASES["collections"]
