"""The one password policy, used by registration, password change, reset and the CLI (docs/SECURITY.md 11).

Length and a list of common passwords, nothing else: no composition rules. A password is
accepted exactly as typed (spaces included, nothing stripped); only the comparison with the
common list ignores case and surrounding spaces.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

MIN_LENGTH = 10
MAX_LENGTH = 128
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common-passwords.txt.gz"


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def password_problems(password: str) -> list[str]:
    """What is wrong with ``password`` as a new password, as messages for the user (empty: fine)."""
    if len(password) < MIN_LENGTH:
        return [f"Use at least {MIN_LENGTH} characters."]
    if len(password) > MAX_LENGTH:
        return [f"Use at most {MAX_LENGTH} characters."]
    if password.strip().lower() in common_passwords():
        return ["That password is one of the most common ones. Please choose another."]
    return []
