"""Static files carry a content hash in their address and are cached by browsers for a year."""

from __future__ import annotations

import re


def test_static_addresses_carry_a_content_hash_and_are_cached_for_a_year(client_as, roles):
    client = client_as(roles.member)
    page = client.get("/").get_data(as_text=True)
    addresses = re.findall(r'(/static/[^"?]+\?v=[0-9a-f]{12})"', page)
    assert addresses, "no hashed static address on the home page"
    answer = client.get(addresses[0])
    assert answer.status_code == 200
    assert "max-age=31536000" in answer.headers["Cache-Control"] and "immutable" in answer.headers["Cache-Control"]
    plain = client.get(addresses[0].split("?")[0])
    assert "max-age=31536000" not in plain.headers.get("Cache-Control", "")
