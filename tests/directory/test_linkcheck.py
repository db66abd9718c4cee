"""The link checker against local servers: live, missing, redirected into private ranges, slow.

SECURITY.md 49: only public http(s) addresses, checked after resolving and after every redirect,
with timeouts. The tests admit 127.0.0.1/32 explicitly; one proves the default refuses loopback.
"""

from __future__ import annotations

import ipaddress

import pytest

from app.directory.linkcheck import USER_AGENT, check_url, is_public, networks

LOOPBACK = networks(["127.0.0.1/32"])


def test_a_live_page_is_ok_and_the_checker_names_itself(local_site):
    result = check_url(local_site.url("/live"), allow=LOOPBACK)

    assert result.ok and result.http_status == 200
    assert local_site.requests == [f"/live {USER_AGENT}"]


def test_a_missing_page_is_broken_with_its_status(local_site):
    result = check_url(local_site.url("/gone"), allow=LOOPBACK)

    assert result.outcome == "broken" and result.http_status == 404 and result.error == "HTTP 404"


def test_a_redirect_is_followed_to_the_page_it_names(local_site):
    result = check_url(local_site.url("/to-live"), allow=LOOPBACK)

    assert result.ok and result.final_url == local_site.url("/live")


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata"])
def test_a_redirect_into_a_private_range_is_refused_before_connecting(local_site, path):
    result = check_url(local_site.url(path), allow=LOOPBACK, timeout=1)

    assert result.outcome == "broken"
    assert result.error.startswith("refused:") and "non-public" in result.error


def test_a_redirect_to_another_scheme_is_refused(local_site):
    result = check_url(local_site.url("/to-ftp"), allow=LOOPBACK)

    assert result.error == "refused: only http and https addresses are checked"


def test_a_slow_server_times_out(local_site):
    result = check_url(local_site.url("/slow"), allow=LOOPBACK, timeout=0.5, deadline=2)

    assert result.outcome == "broken" and result.error == "timed out"


def test_a_platform_that_refuses_bots_is_inconclusive_not_broken(local_site):
    result = check_url(local_site.url("/blocked"), allow=LOOPBACK)

    assert result.outcome == "inconclusive" and result.http_status == 429


def test_the_default_refuses_loopback_without_sending_anything(local_site):
    result = check_url(local_site.url("/live"))
    by_name = check_url(local_site.url("/live").replace("127.0.0.1", "localhost"))

    assert result.outcome == "broken" and "non-public" in result.error
    assert by_name.outcome == "broken" and "non-public" in by_name.error
    assert local_site.requests == []


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.8",
        "172.16.3.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_non_public_addresses_are_not_public(address):
    assert not is_public(ipaddress.ip_address(address))


def test_a_public_address_is_public():
    assert is_public(ipaddress.ip_address("93.184.215.14"))
    assert is_public(ipaddress.ip_address("2606:2800:21f:cb07:6820:80da:af6b:8b2c"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1/", "http://user:pw@example.org/"])
def test_other_schemes_and_credentials_are_refused(url):
    assert check_url(url).error.startswith("refused:")
