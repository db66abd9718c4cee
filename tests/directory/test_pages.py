"""The directory's exports (CSV and JSON, with its filters) and the adoption statistics page."""

from __future__ import annotations

import csv
import io

from app.db_types import utcnow
from app.directory.models import ChannelCheck
from app.extensions import db
from app.orgs.models import SocialChannel


def _channels(roles) -> None:
    db.session.add_all(
        [
            SocialChannel(
                organisation_id=roles.org.id, platform="tiktok", url="https://www.tiktok.com/@mercy", handle="@mercy"
            ),
            SocialChannel(
                organisation_id=roles.org.id,
                platform="facebook",
                url="https://www.facebook.com/mercy",
                handle="mercy",
                last_verified_at=utcnow(),
            ),
            SocialChannel(
                organisation_id=roles.other_org.id,
                platform="facebook",
                url="https://www.facebook.com/=HYPERLINK(1)",
                handle="=HYPERLINK(1)",
                broken_since=utcnow(),
            ),
        ]
    )
    db.session.commit()


def test_the_directory_exports_as_json_with_the_platform_filter(ctx, roles, client):
    _channels(roles)

    data = client.get("/directory.json?platform=facebook").get_json()

    assert data["count"] == 2
    by_org = {row["organisation_slug"]: row for row in data["channels"]}
    assert by_org[roles.org.slug]["status"] == "verified" and by_org[roles.org.slug]["handle"] == "mercy"
    assert by_org[roles.other_org.slug]["status"] == "broken"
    assert {row["platform"] for row in data["channels"]} == {"facebook"}


def test_the_csv_export_never_lets_a_cell_run_as_a_formula(ctx, roles, client):
    _channels(roles)

    response = client.get("/directory.csv")

    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 3
    assert "'=HYPERLINK(1)" in {row["handle"] for row in rows}


def test_the_stats_page_shows_adoption_per_platform_type_country_and_month(ctx, roles, client):
    _channels(roles)
    channel = db.session.query(SocialChannel).filter_by(platform="tiktok").one()
    db.session.add(
        ChannelCheck(
            channel_id=channel.id, organisation_id=roles.org.id, platform="tiktok", outcome="ok", http_status=200
        )
    )
    db.session.commit()

    page = client.get("/directory/stats")

    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<svg" in html and "Member organisations with an account, per platform" in html
    assert "TikTok" in html and "By type of organisation" in html and "By country" in html
    assert "Organisations with a verified channel, per platform and month" in html
    assert "100%" in html  # both organisations are on Facebook
