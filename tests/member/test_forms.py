"""Forms: the error summary names each problem and links to its field."""

from __future__ import annotations


def test_the_error_summary_links_each_message_to_its_field(roles, client_as):
    response = client_as(roles.admin).post("/news/new", data={"title": "", "body": ""})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    summary = text[text.index('class="form-errors"') : text.index("</div>", text.index('class="form-errors"'))]
    assert '<a href="#title">Title: ' in summary
    assert '<a href="#body">Body: ' in summary
    assert 'id="title"' in text and 'id="body"' in text
