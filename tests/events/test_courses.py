"""Courses: the catalogue, enrolling, progress per lesson, quizzes, the certificate page and PDF,
and an organisation admin's view of their staff's progress."""

from __future__ import annotations

import pytest

from app.courses import service
from app.errors import Conflict, NotFound, ValidationError
from app.extensions import db

from .helpers import make_course


def _quiz_answers(lesson) -> dict[str, str]:
    return {f"q-{q.id}": str(q.answer) for q in lesson.questions}


def test_completing_every_lesson_issues_a_verifiable_certificate(roles, client_as):
    course = make_course(roles.admin, lessons=2)
    db.session.commit()
    client = client_as(roles.member)
    assert client.post(f"/courses/{course.slug}/enrol").status_code == 302
    first, second = course.lessons
    response = client.post(f"/courses/{course.slug}/lessons/1/complete", data=_quiz_answers(first))
    assert response.location.endswith(f"/courses/{course.slug}/lessons/2")
    assert "1 of 2 lessons done" in client.get(f"/courses/{course.slug}").get_data(as_text=True)
    response = client.post(f"/courses/{course.slug}/lessons/2/complete", data=_quiz_answers(second))
    certificate_url = response.location
    assert "/courses/certificates/" in certificate_url
    page = client_as(None).get(certificate_url).get_data(as_text=True)  # public: anyone can verify
    assert roles.member.name in page and course.title in page
    pdf = client_as(None).get(certificate_url + ".pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    assert pdf.headers["Content-Type"] == "application/pdf"


def test_a_wrong_quiz_answer_keeps_the_lesson_open_and_explains(roles, client_as):
    course = make_course(roles.admin, lessons=1)
    db.session.commit()
    client = client_as(roles.member)
    client.post(f"/courses/{course.slug}/enrol")
    [lesson] = course.lessons
    wrong = {f"q-{q.id}": str(1 - q.answer) for q in lesson.questions}
    response = client.post(f"/courses/{course.slug}/lessons/1/complete", data=wrong)
    assert response.status_code == 422
    assert "Not quite" in response.get_data(as_text=True)
    assert "0 of 1 lesson done" in client.get(f"/courses/{course.slug}").get_data(as_text=True)


def test_progress_is_saved_per_lesson_and_completing_twice_changes_nothing(roles):
    course = make_course(roles.admin, lessons=3, quiz=False)
    service.enrol(roles.member, course)
    first = course.lessons[0]
    service.complete_lesson(roles.member, course, first)
    enrolment = service.complete_lesson(roles.member, course, first)
    assert enrolment.done_lesson_ids == {first.id}
    assert enrolment.completed_at is None and enrolment.certificate_code is None


def test_completing_without_enrolling_is_refused(roles):
    course = make_course(roles.admin, lessons=1, quiz=False)
    with pytest.raises(Conflict):
        service.complete_lesson(roles.member, course, course.lessons[0])


def test_quiz_mistakes_name_the_questions(roles):
    course = make_course(roles.admin, lessons=1)
    service.enrol(roles.member, course)
    lesson = course.lessons[0]
    with pytest.raises(ValidationError) as raised:
        service.complete_lesson(roles.member, course, lesson, {})
    assert raised.value.fields["quiz"] == [str(q.id) for q in lesson.questions]


def test_members_only_courses_are_hidden_from_visitors(roles, client_as):
    course = make_course(roles.admin, title="Members masterclass", visibility="members")
    db.session.commit()
    assert client_as(None).get(f"/courses/{course.slug}").status_code == 404
    assert "Members masterclass" not in client_as(None).get("/courses").get_data(as_text=True)
    assert client_as(roles.member).get(f"/courses/{course.slug}").status_code == 200
    with pytest.raises(NotFound):
        service.enrol(roles.outsider, course)


def test_an_unknown_certificate_is_not_found(client):
    assert client.get("/courses/certificates/not-a-real-code").status_code == 404
    assert client.get("/courses/certificates/not-a-real-code.pdf").status_code == 404


def test_only_network_staff_build_courses(roles):
    from app.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        make_course(roles.org_admin)


def test_an_org_admin_sees_their_staffs_progress_and_no_one_elses(roles, client_as):
    course = make_course(roles.admin, title="Video basics", lessons=2, quiz=False)
    service.enrol(roles.member, course)
    service.complete_lesson(roles.member, course, course.lessons[0])
    service.enrol(roles.other_member, course)
    db.session.commit()
    page = client_as(roles.org_admin).get(f"/courses/orgs/{roles.org.slug}/progress")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert roles.member.name in text and "1 of 2 lessons" in text
    assert roles.other_member.name not in text
    assert client_as(roles.member).get(f"/courses/orgs/{roles.org.slug}/progress").status_code == 403
    assert client_as(roles.org_admin).get(f"/courses/orgs/{roles.other_org.slug}/progress").status_code == 403


def test_network_staff_author_a_course_with_a_quiz(roles, client_as):
    client = client_as(roles.admin)
    response = client.post("/courses/new", data={"title": "Crisis basics", "summary": "Short.", "visibility": "public"})
    assert response.status_code == 302
    lesson_url = response.location
    quiz = "? What comes first?\n- Posting\n* Listening\n"
    assert client.post(lesson_url, data={"title": "Listen", "body": "Listen first.", "quiz": quiz}).status_code == 302
    bad = client.post(lesson_url, data={"title": "Broken", "quiz": "? No right answer\n- a\n- b"})
    assert bad.status_code == 422 and "marked with *" in bad.get_data(as_text=True)
    learner = client_as(roles.member)
    learner.post("/courses/crisis-basics/enrol")
    page = learner.get("/courses/crisis-basics/lessons/1").get_data(as_text=True)
    assert "What comes first?" in page and "Listening" in page and "Broken" not in page
    assert client_as(roles.org_admin).get("/courses/new").status_code == 403
