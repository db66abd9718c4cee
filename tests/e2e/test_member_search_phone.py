"""Search on a phone: the first result is on the first screen, the facets wait in a panel after it."""

from __future__ import annotations

from .test_search_journey import seed

PHONE = {"width": 390, "height": 844}


def test_on_a_phone_results_come_first_and_facets_open_on_demand(browser, live_server, roles):
    seed(roles)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/search?q=vaccine")
        first = page.locator(".result").first
        box = first.bounding_box()
        assert box is not None and box["y"] + 40 < PHONE["height"], box
        panel = page.locator("details.facets-panel")
        assert panel.get_attribute("open") is None
        assert not page.locator(".facets a", has_text="Toolkit").is_visible()
        results_top = page.locator("ol.results").bounding_box()
        assert panel.bounding_box()["y"] > results_top["y"]

        page.click("a.skip-results")
        assert page.evaluate("document.activeElement.id") == "results-heading"

        page.locator("details.facets-panel > summary").click()
        page.locator(".facets a", has_text="Toolkit").click()
        page.wait_for_url("**kind=toolkit*")
        assert "1 result" in page.inner_text("#results-heading")
        assert page.locator("details.facets-panel").get_attribute("open") is not None
    finally:
        context.close()
