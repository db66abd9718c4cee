"""Checking that a channel's address answers, without letting anyone aim the server at its own network.

An organisation admin chooses the addresses this code fetches, so every request is a possible
server-side request forgery (SECURITY.md 49). The rules:

- only ``http``/``https`` on their usual ports' semantics, no credentials in the address;
- the host is resolved once with ``getaddrinfo``; if *any* address is private, loopback,
  link-local, multicast, reserved or unspecified, nothing is sent;
- the socket connects to the address that was checked (no second lookup that DNS rebinding could
  answer differently); TLS still verifies the certificate against the host name;
- redirects are followed by hand, at most ``MAX_REDIRECTS``, each new address checked the same way;
- a timeout on connect and on every read, a deadline for the whole check, and at most
  ``MAX_BYTES`` read from a body.

Tests run local HTTP servers on 127.0.0.1, which the default refuses: ``allow`` (the setting
``LINK_CHECK_ALLOW_PRIVATE``) names the networks a test admits. Nothing here touches the database,
so checks run in worker threads.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 5
MAX_BYTES = 16 * 1024
USER_AGENT = "SMHN-LinkCheck/1.0 (+directory link verification; one request per channel a day)"
# Platforms that answer bots with these codes are up; the check proves nothing either way.
INCONCLUSIVE = frozenset({401, 403, 405, 429, 999})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class Refused(Exception):
    """The address may not be fetched (scheme, host, or a non-public IP address)."""


@dataclass(frozen=True)
class CheckResult:
    """``outcome`` is ``ok``, ``broken`` or ``inconclusive``; ``error`` says why it is not ok."""

    url: str
    outcome: str
    http_status: int | None = None
    error: str = ""
    final_url: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)


def is_public(address: IPAddress, allow: Sequence[IPNetwork] = ()) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if any(address in network for network in allow):
        return True
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def resolve_public(host: str, port: int, allow: Sequence[IPNetwork] = ()) -> IPAddress:
    """The address to connect to; ``Refused`` when any address of ``host`` is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConnectionError(f"cannot resolve {host}") from exc
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    if not addresses:
        raise ConnectionError(f"cannot resolve {host}")
    for address in addresses:
        if not is_public(address, allow):
            raise Refused(f"{host} resolves to a non-public address")
    return addresses[0]


def _target(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise Refused("only http and https addresses are checked")
    if parts.username or parts.password:
        raise Refused("addresses with credentials are not checked")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise Refused("the address has no host")
    port = parts.port or (443 if scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return scheme, host, port, path


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, while the Host header keeps the name."""

    def __init__(self, host: str, port: int, address: IPAddress, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((str(self._address), self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: IPAddress, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address
        self._tls = context

    def connect(self) -> None:
        sock = socket.create_connection((str(self._address), self.port), self.timeout)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)


def _request_once(
    url: str, *, timeout: float, allow: Sequence[IPNetwork], tls: ssl.SSLContext
) -> tuple[int, str | None]:
    """One GET: the status and the Location header. Reads at most ``MAX_BYTES`` of the body."""
    scheme, host, port, path = _target(url)
    address = resolve_public(host, port, allow)
    connection: http.client.HTTPConnection
    if scheme == "https":
        connection = _PinnedHTTPSConnection(host, port, address, timeout, tls)
    else:
        connection = _PinnedHTTPConnection(host, port, address, timeout)
    try:
        connection.request(
            "GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5", "Connection": "close"}
        )
        response = connection.getresponse()
        response.read(MAX_BYTES)
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def check_url(
    url: str,
    *,
    timeout: float = 5.0,
    deadline: float = 20.0,
    allow: Sequence[IPNetwork] = (),
    tls: ssl.SSLContext | None = None,
) -> CheckResult:
    """Fetch ``url`` under the rules above and classify the answer. Never raises for the network."""
    tls = tls or ssl.create_default_context()
    started = time.monotonic()
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        remaining = deadline - (time.monotonic() - started)
        if remaining <= 0:
            return CheckResult(url, "broken", error="timed out", final_url=current)
        try:
            status, location = _request_once(current, timeout=min(timeout, remaining), allow=allow, tls=tls)
        except Refused as exc:
            return CheckResult(url, "broken", error=f"refused: {exc}", final_url=current)
        except TimeoutError:
            return CheckResult(url, "broken", error="timed out", final_url=current)
        except ssl.SSLError as exc:
            return CheckResult(url, "broken", error=f"TLS error: {exc.reason or exc}"[:300], final_url=current)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            return CheckResult(url, "broken", error=f"connection failed: {type(exc).__name__}", final_url=current)
        if 300 <= status < 400 and location:
            current = urljoin(current, location.strip())
            continue
        if 200 <= status < 300:
            return CheckResult(url, "ok", status, final_url=current)
        if status in INCONCLUSIVE:
            return CheckResult(url, "inconclusive", status, error=f"HTTP {status}", final_url=current)
        return CheckResult(url, "broken", status, error=f"HTTP {status}", final_url=current)
    return CheckResult(url, "broken", error="too many redirects", final_url=current)
