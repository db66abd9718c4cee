"""Ranking and matching: what a searcher expects to find first."""

from __future__ import annotations

from datetime import UTC, datetime

from app.extensions import db
from app.library.models import Attachment
from app.search import outbox

from .helpers import make_topic, publish, search, sync, titles

FILLER = "Our team reviewed what worked and what did not over the last year. "


def test_a_title_match_ranks_above_a_body_match(author):
    publish(author, title="Weekly planning notes", body=FILLER + "We tried a hashtag campaign. " + FILLER)
    publish(author, title="Hashtag strategy for hospitals", body=FILLER * 2)
    sync()
    assert titles(search("hashtag")) == ["Hashtag strategy for hospitals", "Weekly planning notes"]


def test_documents_with_all_the_words_come_before_those_with_most_of_them(author):
    publish(author, title="Myths and facts", summary="Myths about flu season, answered", body=FILLER)
    publish(author, title="Short video formats", body=FILLER + "Answering myths with a short clip on TikTok. ")
    publish(author, title="Unrelated budget notes", body=FILLER)
    sync()
    results = search("myths tiktok")
    assert titles(results) == ["Short video formats", "Myths and facts"]
    assert results.total == 2


def test_synonyms_find_each_other(author):
    publish(author, title="Live-tweeting a board meeting", body="Post updates on Twitter as the meeting goes.")
    publish(author, title="Photo consent checklist", summary="Keep patient privacy in every post.")
    publish(
        author,
        title="Waiting times explained",
        body="Tell people how long the emergency department queue is.",
    )
    sync()
    assert titles(search("X")) == ["Live-tweeting a board meeting"]
    assert titles(search("PHI")) == ["Photo consent checklist"]
    assert titles(search("HIPAA")) == ["Photo consent checklist"]
    assert titles(search("ER waits")) == ["Waiting times explained"]


def test_a_quoted_phrase_needs_the_words_together(author):
    publish(author, title="Policy A", body="Our social media policy covers staff accounts.")
    publish(author, title="Policy B", body="Mass media coverage drove social sharing.")
    sync()
    assert titles(search('"social media"')) == ["Policy A"]
    assert len(search("social media").hits) == 2


def test_stemming_and_accent_folding(author):
    publish(author, title="Vaccination reminders", body="We remind parents about vaccinating children.")
    publish(author, title="Café hours during the holidays")
    sync()
    assert titles(search("vaccinated")) == ["Vaccination reminders"]
    assert titles(search("cafe")) == ["Café hours during the holidays"]
    assert titles(search("CAFÉ")) == ["Café hours during the holidays"]


def test_the_last_word_matches_as_a_prefix_while_typing(author):
    publish(author, title="Influencer partnerships", body=FILLER)
    sync()
    assert titles(search("influen")) == ["Influencer partnerships"]
    assert titles(search("partnerships influen")) == ["Influencer partnerships"]
    assert search("influen zzzz").total == 0  # only the last word is a prefix


def test_and_or_not_and_minus(author):
    publish(author, title="TikTok vaccine explainer")
    publish(author, title="Instagram vaccine stories")
    publish(author, title="Instagram brand guide")
    sync()
    assert sorted(titles(search("vaccine -tiktok"))) == ["Instagram vaccine stories"]
    assert sorted(titles(search("vaccine NOT tiktok"))) == ["Instagram vaccine stories"]
    assert sorted(titles(search("tiktok OR brand"))) == ["Instagram brand guide", "TikTok vaccine explainer"]
    assert sorted(titles(search("instagram AND vaccine"))) == ["Instagram vaccine stories"]


def test_field_filters_in_the_query_and_from_the_page(author, roles):
    make_topic("Crisis communication")
    publish(
        author,
        title="Storm plan toolkit",
        kind="toolkit",
        topics=("crisis-communication",),
        tags=("weather",),
    )
    publish(author, title="Storm plan guide", kind="guide")
    publish(roles.org_admin, org=roles.org, title="Storm plan case study", kind="case_study", tags=("weather",))
    sync()
    assert titles(search("storm kind:toolkit")) == ["Storm plan toolkit"]
    assert titles(search("storm topic:crisis-communication")) == ["Storm plan toolkit"]
    assert titles(search('storm topic:"Crisis communication"')) == ["Storm plan toolkit"]
    assert sorted(titles(search("storm tag:weather"))) == ["Storm plan case study", "Storm plan toolkit"]
    assert titles(search("storm", kind=["guide"])) == ["Storm plan guide"]
    assert sorted(titles(search("storm", kind=["guide", "toolkit"]))) == [
        "Storm plan guide",
        "Storm plan toolkit",
    ]
    assert len(search("storm", org=[roles.org.slug]).hits) == 3
    assert titles(search("storm", org=["no-such-org"])) == []
    assert titles(search("storm -kind:guide -kind:toolkit")) == ["Storm plan case study"]


def test_did_you_mean_offers_the_index_s_own_words(author):
    publish(author, title="Vaccine hesitancy toolkit", body=FILLER)
    sync()
    misspelled = search("vacine hesitancy")
    assert misspelled.suggestion == "vaccine hesitancy"
    nothing = search("hesitensy")
    assert nothing.total == 0
    assert nothing.suggestion == "hesitancy"
    assert search("vaccine hesitancy").suggestion is None


def test_recency_breaks_ties_but_does_not_bury_the_best_match(author):
    publish(author, title="Budget template", body=FILLER, published_at=datetime(2021, 1, 5, tzinfo=UTC))
    publish(author, title="Budget template", body=FILLER, published_at=datetime(2024, 1, 5, tzinfo=UTC))
    publish(
        author,
        title="Annual review",
        body=FILLER + "Budget notes.",
        published_at=datetime(2025, 1, 5, tzinfo=UTC),
    )
    sync()
    hits = search("budget").hits
    assert [(h.title, h.date.year) for h in hits] == [
        ("Budget template", 2024),
        ("Budget template", 2021),
        ("Annual review", 2025),
    ]
    newest = search("budget", sort="newest").hits
    assert [h.date.year for h in newest] == [2025, 2024, 2021]


def test_pages_split_the_results_without_losing_any(author):
    for n in range(25):
        publish(author, title=f"Caption idea {n}", commit=False)
    db.session.commit()
    sync()
    first, second = search("caption"), search("caption", page=2)
    assert first.total == second.total == 25
    assert len(first.hits) == 20 and len(second.hits) == 5
    assert {h.key for h in first.hits}.isdisjoint({h.key for h in second.hits})
    assert search("caption", page=10_000).page.page == 50


def test_a_phrase_never_spans_two_parts_and_attachment_text_matches_by_word(author):
    resource = publish(author, title="Quarterly plan", summary="Review cadence for the comms team")
    db.session.add(
        Attachment(
            resource_id=resource.id,
            original_name="notes.pdf",
            stored_name="search-test-notes.pdf",
            content_type="application/pdf",
            size=10,
            extracted_text="Zebra crossing safety week",
        )
    )
    outbox.enqueue("resource", resource.id)
    db.session.commit()
    sync()
    assert search('"review cadence"').total == 1
    assert search('"plan review"').total == 0  # title, then summary: not a phrase
    assert titles(search("zebra safety")) == ["Quarterly plan"]
