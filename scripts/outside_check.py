"""Replay the outside test's account and search attacks against a running instance (issue 11).

    python scripts/outside_check.py http://127.0.0.1:5000 --mail-dir instance/mail \
        [--member EMAIL:PASSWORD]

Cases: the e-mail-change takeover (39), "did you mean" for visitors (40), locking an owner out
of signing in (41) and registration telling whether an address is taken (46). Exits 1 when any
case fails, 0 when all hold. Standard library only, so it runs from any machine with Python 3.11.

What the instance needs: outgoing mail written as files (no ``MAIL_URL``; ``--mail-dir`` is its
``MAIL_DIR``) for the links; ``PROXY_COUNT=1`` so the lockout case can act as several client
addresses through ``X-Forwarded-For``; and, for the suggestion case, a member's sign-in
(``--member``, e.g. a demo member of ``make run``) to find a word only members may see.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import http.cookiejar
import json
import re
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PASSWORD = "a lantern over quiet meadows"
NEW_PASSWORD = "harbour lights in winter fog"
TOKEN_FIELD = re.compile(r'name="((?:[a-z]+-)?csrf_token)"[^>]*value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


class Browser:
    """One client: its own cookies, optionally its own address (X-Forwarded-For), no redirects followed."""

    def __init__(self, base: str, address: str | None = None) -> None:
        self.base = base.rstrip("/")
        self.address = address
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        url = path if path.startswith("http") else self.base + path
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(url, data=body)
        if self.address:
            req.add_header("X-Forwarded-For", self.address)
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode("utf-8", "replace")

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        return self.request(path)

    def form_post(
        self, form_path: str, data: dict[str, str], post_path: str | None = None
    ) -> tuple[int, dict[str, str], str]:
        """GET the page holding the form (for its CSRF tokens), then POST ``data`` with them."""
        _, _, page = self.get(form_path)
        return self.request(post_path or form_path, {**dict(TOKEN_FIELD.findall(page)), **data})

    def sign_in(self, address: str, password: str) -> int:
        return self.form_post("/auth/login", {"email": address, "password": password})[0]


class Mail:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def link_to(self, address: str, prefix: str, deadline: float = 20.0) -> str:
        """The newest link starting with ``prefix`` in mail to ``address`` (waiting for the outbox)."""
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            for path in sorted(self.folder.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True):
                message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                if address not in str(message["To"]):
                    continue
                body = message.get_body(preferencelist=("plain",)).get_content()
                for url in re.findall(r"https?://\S+", body):
                    found = urllib.parse.urlsplit(url).path
                    if found.startswith(prefix):
                        return found
            time.sleep(0.5)
        raise AssertionError(f"no {prefix} link mailed to {address}")


def unique_address(label: str) -> str:
    return f"outside-{label}-{secrets.token_hex(4)}@example.org"


def register(base: str, address: str, name: str = "Outside Check") -> tuple[int, dict[str, str], str, Browser]:
    """Register from an address of its own (registrations are limited per client address)."""
    client = Browser(base, address=f"192.0.2.{secrets.randbelow(250) + 1}")
    status, headers, _ = client.form_post(
        "/auth/register", {"name": name, "email": address, "password": PASSWORD, "confirm": PASSWORD}
    )
    return status, headers, headers.get("Location", ""), client


# --- The cases -------------------------------------------------------------------------------


def registration_case(base: str, mail: Mail) -> None:
    taken = unique_address("taken")
    register(base, taken)
    fresh = unique_address("fresh")
    answers = []
    for address in (fresh, taken):
        status, _, location, client = register(base, address)
        _, _, page = client.get(location) if location else (0, {}, "")
        page = TOKEN_FIELD.sub("", page.replace(address, "ADDRESS"))
        answers.append((status, location, page))
    assert answers[0] == answers[1], "registering a taken address answers differently from a new one"


def lockout_case(base: str, mail: Mail) -> None:
    owner = unique_address("owner")
    register(base, owner)
    for n in range(10):
        stranger = Browser(base, address=f"203.0.113.{n + 1}")
        for _ in range(3):
            stranger.sign_in(owner, "not the password at all")
    status = Browser(base, address="198.51.100.77").sign_in(owner, PASSWORD)
    assert status == 302, f"the owner with the right password got {status} after strangers' failures"


def takeover_case(base: str, mail: Mail) -> None:
    owner = unique_address("victim")
    attacker_mailbox = unique_address("attacker")
    register(base, owner)
    attacker = Browser(base, address="203.0.113.200")
    assert attacker.sign_in(owner, PASSWORD) == 302
    status, _, _ = attacker.form_post(
        "/account/settings", {"em-new_email": attacker_mailbox, "em-current_password": PASSWORD}, "/account/email"
    )
    assert status == 302, f"asking for the e-mail change answered {status}"
    confirm = mail.link_to(attacker_mailbox, "/account/email/confirm/")

    victim = Browser(base, address="198.51.100.20")
    victim.form_post("/auth/reset", {"email": owner})
    reset = mail.link_to(owner, "/auth/reset/")
    status, headers, _ = victim.get(reset)
    assert status == 303, f"the reset link answered {status}"
    victim.form_post(headers["Location"], {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    for client in (attacker, Browser(base, address="203.0.113.201")):
        status, _, page = client.get(confirm)
        tokens = dict(TOKEN_FIELD.findall(page))
        client.request(confirm, tokens)
    owner_again = Browser(base, address="198.51.100.21")
    assert owner_again.sign_in(owner, NEW_PASSWORD) == 302, "the owner lost the account"
    assert owner_again.get(confirm)[0] == 404, "the old change link still works for the owner"


def suggestion_case(base: str, mail: Mail, member: str | None) -> None:
    if not member:
        print("suggestion: skipped (no --member given)")
        return
    address, _, password = member.partition(":")
    signed_in = Browser(base, address="198.51.100.30")
    assert signed_in.sign_in(address, password) == 302, "the member could not sign in"
    visitor = Browser(base, address="198.51.100.31")

    def titles(client: Browser, query: str) -> list[str]:
        _, _, body = client.get("/api/v1/search?" + urllib.parse.urlencode({"q": query, "per_page": 50}))
        return [hit["title"] for hit in json.loads(body).get("results", [])]

    public_words: set[str] = set()
    member_words: set[str] = set()
    for query in ("guide", "policy", "social", "media", "crisis", "patients", "staff", "plan"):
        public_words |= {w.lower() for t in titles(visitor, query) for w in re.findall(r"[A-Za-z]{7,}", t)}
        member_words |= {w.lower() for t in titles(signed_in, query) for w in re.findall(r"[A-Za-z]{7,}", t)}
    secret = next((w for w in sorted(member_words - public_words) if not titles(visitor, w)), None)
    if secret is None:
        print("suggestion: skipped (found no word that only members may see)")
        return
    typo = secret[:-2] + secret[-1] + secret[-2]
    _, _, body = visitor.get("/api/v1/search?" + urllib.parse.urlencode({"q": typo}))
    suggestion = json.loads(body).get("suggestion") or ""
    assert secret not in suggestion.lower(), f"a visitor was offered the members-only word {secret!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base_url")
    parser.add_argument("--mail-dir", required=True, type=Path)
    parser.add_argument("--member", help="EMAIL:PASSWORD of a member, for the suggestion case")
    args = parser.parse_args()
    mail = Mail(args.mail_dir)
    cases = {
        "registration": lambda: registration_case(args.base_url, mail),
        "lockout": lambda: lockout_case(args.base_url, mail),
        "takeover": lambda: takeover_case(args.base_url, mail),
        "suggestion": lambda: suggestion_case(args.base_url, mail, args.member),
    }
    failed = 0
    for name, case in cases.items():
        try:
            case()
        except AssertionError as error:
            failed += 1
            print(f"{name}: FAILED: {error}")
        else:
            print(f"{name}: holds")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
