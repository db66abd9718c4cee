"""The "did you mean" candidates: the same words Whoosh's own edit distance would give."""

from __future__ import annotations

import random

from whoosh.support.levenshtein import distance

from app.search.spelling import Vocabulary


def test_words_within_one_or_two_edits_are_the_ones_whoosh_would_find():
    rng = random.Random(5)
    words = {"".join(rng.choice("aeinrst") for _ in range(rng.randint(1, 9))) for _ in range(3000)}
    words |= {"vaccine", "vacinne", "vaccines", "vacine", "café", "cafe"}
    vocabulary = Vocabulary(sorted(words))
    queries = ["vaccine", "vacine", "cafe", "cfae"] + [
        "".join(rng.choice("aeinrst") for _ in range(rng.randint(1, 9))) for _ in range(100)
    ]
    for query in queries:
        for maxdist in (1, 2):
            expected = {w for w in words if w[0] == query[0] and distance(w, query, limit=maxdist) <= maxdist}
            assert set(vocabulary.within(query, maxdist)) == expected, (query, maxdist)
    assert set(vocabulary.within("vacine", 1)) == {"vacine", "vaccine", "vacinne"}
