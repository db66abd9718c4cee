"""Sets of document numbers as Python integers (bit n = document n), and as a Whoosh filter.

The set operations the rest of search builds on; ``bitmaps`` caches them per index segment and
``ranking`` walks them, so both import this module and not each other.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

import numpy as np
from whoosh.idsets import DocIdSet

# Below this many ids a Python loop is as fast as numpy.
SMALL = 64
# Bit positions set in each possible byte, for turning a bitmap back into document numbers.
_BYTE_BITS = [tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256)]


def from_ids(ids: Iterable[int], size: int) -> int:
    if isinstance(ids, array) and ids.typecode == "I" and len(ids) > SMALL:
        # A long posting list: set the bits in numpy, then one conversion to an integer.
        flags = np.zeros(size + 8, dtype=np.bool_)
        flags[np.frombuffer(ids, dtype=np.uint32)] = True
        return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")
    buffer = bytearray((size >> 3) + 1)
    for docnum in ids:
        buffer[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(buffer, "little")


def to_ids(bits: int) -> list[int]:
    """The document numbers in ``bits``, ascending."""
    out: list[int] = []
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for index, value in enumerate(data):
        if value:
            base = index << 3
            out.extend(base + bit for bit in _BYTE_BITS[value])
    return out


class BitsFilter(DocIdSet):
    """A bitmap as the ``filter=`` of a Whoosh search (constant-time membership)."""

    def __init__(self, bits: int) -> None:
        self._data = bits.to_bytes((bits.bit_length() + 7) // 8 or 1, "little")
        self._count = bits.bit_count()

    def __contains__(self, docnum: int) -> bool:
        index = docnum >> 3
        return index < len(self._data) and bool(self._data[index] >> (docnum & 7) & 1)

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        # Whoosh skips an empty filter ("no filter"): say "non-empty" so it filters everything out.
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(to_ids(int.from_bytes(self._data, "little")))
