"""The one password policy, used by registration, password change, reset and the CLI (docs/SECURITY.md 11, 45).

Length, a list of common passwords and an estimate of how guessable the password is (zxcvbn,
which finds repeats, sequences, keyboard patterns, dictionary words and the user's own name or
address); no composition rules. A password is accepted exactly as typed (spaces included,
nothing stripped); only the comparisons ignore case and surrounding spaces.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 128
# zxcvbn's scale: 0 too guessable … 4 very unguessable; 3 is "safely unguessable" (about 10^8 guesses
# or more), what its authors advise for protecting accounts.
MIN_STRENGTH = 3
# zxcvbn's cost grows with length; the first 72 characters say enough about variety.
STRENGTH_CHECKED_CHARS = 72
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common-passwords.txt.gz"


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def password_problems(password: str, *, user_inputs: Sequence[str] = ()) -> list[str]:
    """What is wrong with ``password`` as a new password, as messages for the user (empty: fine).

    ``user_inputs``: the account's name and address, which make a password easier to guess.
    """
    if len(password) < MIN_LENGTH:
        return [f"Use at least {MIN_LENGTH} characters."]
    if len(password) > MAX_LENGTH:
        return [f"Use at most {MAX_LENGTH} characters."]
    if not password.strip():
        return ["A password cannot be only spaces."]
    if password.strip().lower() in common_passwords():
        return ["That password is one of the most common ones. Please choose another."]
    return _strength_problems(password, user_inputs)


def _strength_problems(password: str, user_inputs: Sequence[str]) -> list[str]:
    inputs = [part for value in user_inputs for part in value.lower().replace("@", " ").split() if part]
    estimate = zxcvbn(password[:STRENGTH_CHECKED_CHARS], user_inputs=inputs, max_length=STRENGTH_CHECKED_CHARS)
    if estimate["score"] >= MIN_STRENGTH:
        return []
    feedback = estimate["feedback"]
    reasons = [feedback.get("warning") or "", *feedback.get("suggestions", [])]
    reason = " ".join(text for text in reasons if text) or "Use a few uncommon words together."
    return [f"That password is too easy to guess. {reason}"]
