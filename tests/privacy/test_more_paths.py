"""The rest of the ways text reaches the public pass the same guard: network news, courses (lessons
and their quizzes), expertise, library collections and their notes, discussion categories, the
reason shown on a locked thread, and an event's pre-work notes. Each is public once saved, so a
flagged passage is refused with the passage and its reason, and nothing is stored."""

from __future__ import annotations

import pytest

from app.courses import service as courses
from app.discussions import service as discussions
from app.errors import ValidationError
from app.events import service as events
from app.experts import service as experts
from app.extensions import db
from app.library import curation
from app.news import service as news
from app.privacy import PrivacyCheckFailed

from ..events.helpers import make_course, make_event
from ..factories.discussions import categories, start_thread
from ..factories.library import make_resource

STORY = "Our patient Maria Lopez has breast cancer and wanted to thank the infusion nurses."


@pytest.fixture
def staff(roles):
    news.set_network_staff(roles.admin, roles.other_member, True)
    db.session.commit()
    return roles.other_member


def test_a_news_post_naming_a_patient_is_refused_and_shows_the_reason(staff, client_as):
    response = client_as(staff).post("/news/new", data={"title": "Ward news", "body": STORY})
    assert response.status_code == 422
    assert "patient" in response.get_data(as_text=True)
    assert news.latest() == []


def test_a_lesson_whose_quiz_names_a_patient_is_refused(staff):
    course = make_course(staff, lessons=0)
    question = courses.QuestionInput(f"{STORY} What should the reply say?", ["Thanks", "Nothing"], 0)
    with pytest.raises(ValidationError) as refused:
        courses.add_lesson(staff, course, courses.LessonInput("Replies", "Answer kindly.", questions=[question]))
    assert "quiz" in refused.value.fields
    db.session.refresh(course)
    assert course.lessons == []


def test_expertise_naming_a_patient_is_refused(roles):
    with pytest.raises(ValidationError):
        experts.update_learning_settings(roles.member, ["John Smith was admitted with pancreatic cancer"], "")
    assert experts.expertise_of(roles.member) == []


def test_a_collection_its_description_and_its_notes_are_checked(roles, client_as):
    response = client_as(roles.moderator).post(
        "/library/collections", data={"title": "Thank-you posts", "description": STORY}
    )
    assert response.status_code == 422
    assert "Maria Lopez has breast cancer" in response.get_data(as_text=True)
    kit = curation.create_collection(roles.moderator, "Thank-you posts", "Posts that thank staff well.")
    resource = make_resource(roles.member, title="Thanking nurses in public", publisher=roles.moderator)
    with pytest.raises(PrivacyCheckFailed):
        curation.add_to_collection(roles.moderator, kit, resource, note=STORY)
    item = curation.add_to_collection(roles.moderator, kit, resource, note="A model of a clean thank-you.")
    with pytest.raises(PrivacyCheckFailed) as refused:
        curation.set_item_note(roles.moderator, kit, item.id, "Mr. Brown in room 12B loved this one.")
    assert "room 12B" in refused.value.findings[0]["passage"]
    with pytest.raises(PrivacyCheckFailed):
        curation.edit_collection(roles.moderator, kit, "Thank-you posts", STORY)
    db.session.refresh(kit)
    assert kit.description == "Posts that thank staff well."


def test_a_category_description_and_a_lock_reason_are_checked(roles):
    with pytest.raises(PrivacyCheckFailed):
        discussions.create_category(roles.admin, "Patient stories", description=STORY)
    thread = start_thread(roles.member, categories()["platforms"])
    with pytest.raises(PrivacyCheckFailed):
        discussions.lock_thread(roles.moderator, thread, "Locked: it named John Smith, MRN 00482913.")
    db.session.refresh(thread)
    assert not thread.locked


def test_an_event_pre_work_note_naming_a_patient_is_refused(roles, client_as):
    event = make_event(roles.org_admin, roles.org)
    resource = make_resource(roles.member, title="Writing a consent form", publisher=roles.moderator)
    with pytest.raises(ValidationError):
        events.add_prework(roles.org_admin, event, resource, note=STORY)
    events.add_prework(roles.org_admin, event, resource, note="Read before the workshop.")
    db.session.refresh(event)
    assert [item.note for item in event.prework] == ["Read before the workshop."]
