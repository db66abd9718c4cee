"""Server-side charts: geometry for simple SVG bar charts, drawn by ``moderation/_charts.html``.

No script and no inline style: the template draws shapes with presentation attributes (``fill``),
so the pages work under the site's Content-Security-Policy and without JavaScript. Every chart
also has a table of the same numbers beside it for screen readers and for copying.
"""

from __future__ import annotations

from dataclasses import dataclass

BAR_COLOUR = "#0b5c7a"
GRID_COLOUR = "#d5dbe1"
TEXT_COLOUR = "#1c2530"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class GridLine:
    value: int
    x1: float
    y1: float
    x2: float
    y2: float
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    orientation: str  # "columns" (vertical bars) or "bars" (horizontal)
    width: int
    height: int
    bars: tuple[Bar, ...]
    grid: tuple[GridLine, ...]
    colour: str = BAR_COLOUR
    grid_colour: str = GRID_COLOUR
    text_colour: str = TEXT_COLOUR

    @property
    def is_empty(self) -> bool:
        return not self.bars or all(bar.value == 0 for bar in self.bars)


def nice_maximum(value: int) -> int:
    """A round number at or above ``value`` for the top of the scale (1, 2, 5, 10, 20, 50…)."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _ticks(maximum: int, count: int = 4) -> list[int]:
    return sorted({round(maximum * i / count) for i in range(count + 1)})


def _describe(title: str, points: list[tuple[str, int]]) -> str:
    return (
        f"{title}: " + ", ".join(f"{label} {value}" for label, value in points) + "."
        if points
        else f"{title}: no data."
    )


def column_chart(
    chart_id: str, title: str, points: list[tuple[str, int]], *, width: int = 560, height: int = 220
) -> Chart:
    """Vertical bars, one per point, labels under them (weeks, kinds)."""
    left, right, top, bottom = 40, 10, 16, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    maximum = nice_maximum(max((v for _, v in points), default=0))
    slot = plot_w / max(len(points), 1)
    bar_w = slot * 0.7
    bars = []
    for i, (label, value) in enumerate(points):
        h = plot_h * value / maximum
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h - h
        bars.append(
            Bar(
                label,
                value,
                round(x, 1),
                round(y, 1),
                round(bar_w, 1),
                round(h, 1),
                round(x + bar_w / 2, 1),
                height - bottom + 14,
                round(x + bar_w / 2, 1),
                round(y - 3, 1),
            )
        )
    grid = [
        GridLine(
            t,
            left,
            round(top + plot_h - plot_h * t / maximum, 1),
            width - right,
            round(top + plot_h - plot_h * t / maximum, 1),
            left - 4,
            round(top + plot_h - plot_h * t / maximum + 4, 1),
        )
        for t in _ticks(maximum)
    ]
    return Chart(
        chart_id, title, _describe(title, points), "columns", width, height, tuple(bars), tuple(grid)
    )


def bar_chart(
    chart_id: str, title: str, points: list[tuple[str, int]], *, width: int = 560, label_width: int = 200
) -> Chart:
    """Horizontal bars, one row per point, labels on the left (organisations, queries)."""
    row, top, right = 26, 8, 40
    height = top * 2 + row * max(len(points), 1)
    plot_w = width - label_width - right
    maximum = nice_maximum(max((v for _, v in points), default=0))
    bars = []
    for i, (label, value) in enumerate(points):
        w = plot_w * value / maximum
        y = top + i * row + 4
        bars.append(
            Bar(
                _shorten(label),
                value,
                label_width,
                y,
                round(w, 1),
                row - 8,
                label_width - 6,
                y + (row - 8) / 2 + 4,
                round(label_width + w + 4, 1),
                y + (row - 8) / 2 + 4,
            )
        )
    return Chart(chart_id, title, _describe(title, points), "bars", width, height, tuple(bars), ())


def _shorten(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
