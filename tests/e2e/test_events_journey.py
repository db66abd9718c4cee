"""Events and courses in Chromium: a member registers for a full webinar and lands on the
waiting list; another member cancels in a second browser; the first is promoted, sees the join
link and has the e-mail with the link and the .ics. Then a member enrols in a course, passes its
lessons' quizzes and gets the certificate (page and PDF)."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar

from app.events import service as events
from app.extensions import db

from ..conftest import Mailbox
from ..events.helpers import make_course, make_event
from .test_library_journey import sign_in

JOIN = "https://meet.example.org/full-webinar"


def test_waiting_list_promotion_and_course_certificate(new_page, live_server, live_app, roles):
    base = live_server.url
    mailbox = Mailbox(live_app, Path(live_app.config["MAIL_DIR"]))
    webinar = make_event(roles.admin, title="Full webinar on TikTok recruiting", capacity=1, join_url=JOIN)
    events.register(roles.other_member, webinar)
    course = make_course(roles.admin, title="Short-form video basics", lessons=2)
    db.session.commit()
    csp_errors: list[str] = []

    member = new_page()
    member.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in(member, base, roles.member)
    member.goto(base + "/events")
    member.click("a:has-text('Full webinar on TikTok recruiting')")
    assert JOIN not in member.content()
    member.click("button:has-text('Join the waiting list')")
    member.wait_for_load_state()
    assert "number 1 on the waiting list" in member.inner_text("#registration-status")

    other = new_page()
    sign_in(other, base, roles.other_member)
    other.goto(f"{base}/events/{webinar.slug}")
    assert other.locator("#join-link").inner_text() == JOIN
    other.click("button:has-text('Cancel my registration')")
    other.wait_for_load_state()
    assert "cancelled" in other.inner_text(".flashes")

    member.reload()
    assert member.inner_text("#registration-status") == "You are registered."
    assert member.locator("#join-link").get_attribute("href") == JOIN
    message = mailbox.last_to(roles.member.email)
    assert message["Subject"] == f"A place opened up: {webinar.title}"
    assert JOIN in mailbox.body(message)
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == f"{webinar.slug}.ics"
    [entry] = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert str(entry["SUMMARY"]) == webinar.title and JOIN in str(entry["DESCRIPTION"])
    ics = member.request.get(f"{base}/events/{webinar.slug}.ics")
    assert ics.status == 200 and JOIN in ics.text()

    # The course: enrol, pass each lesson's quiz, get the certificate.
    member.goto(base + "/courses")
    member.click("a:has-text('Short-form video basics')")
    member.click("button:has-text('Enrol in this course')")
    member.wait_for_load_state()
    for lesson in course.lessons:
        assert member.inner_text("h1") == lesson.title
        for question in lesson.questions:
            member.check(f"#q-{question.id}-{question.answer}")
        member.click(".lesson-complete button[type=submit]")
        member.wait_for_load_state()
    assert "/courses/certificates/" in member.url
    assert roles.member.name in member.inner_text("h1")
    pdf = member.request.get(base + member.locator("a:has-text('Download the PDF')").get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF-")
    visitor = new_page()
    assert visitor.goto(member.url).status == 200  # anyone can verify it
    assert csp_errors == []
