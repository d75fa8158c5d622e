"""Small charts drawn at build time as inline SVG: no JavaScript, no images to fetch.

A chart is only a picture of numbers that the page also gives as a table, so it is marked as an
image whose accessible name says what it shows and where the numbers are.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from sendsite import model
from sendsite.text import uk_date

WIDTH, HEIGHT = 320, 140
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 28


@dataclass(frozen=True)
class Point:
    x: float
    y: float


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def measure_chart(measure: model.Measure, chart_id: str) -> str:
    """An SVG line chart of a measure's values over time, with its baseline and target as lines.

    Returns "" when there are fewer than two values: one number needs no chart.
    """
    values = measure.values
    if len(values) < 2:
        return ""
    numbers = [v.value for v in values]
    numbers += [n for n in (measure.baseline, measure.target) if n is not None]
    low, high = min(0.0, *numbers), max(numbers)
    if high == low:
        high = low + 1
    first, last = values[0].date.toordinal(), values[-1].date.toordinal()
    span = max(last - first, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / (high - low))

    points = [
        Point(LEFT + plot_w * (v.date.toordinal() - first) / span, y_of(v.value)) for v in values
    ]
    unit = f" {measure.unit}" if measure.unit else ""
    summary = (
        f"{measure.name}: from {_number(values[0].value)}{unit} on {uk_date(values[0].date)} "
        f"to {_number(values[-1].value)}{unit} on {uk_date(values[-1].date)}"
    )
    if measure.target is not None:
        summary += f", against a target of {_number(measure.target)}{unit}"
    summary += ". The table below gives every value."
    parts = [
        f'<svg class="measure-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title" focusable="false">',
        f'<title id="{chart_id}-title">{escape(summary)}</title>',
        f'<line class="measure-chart__axis" x1="{LEFT}" y1="{TOP + plot_h}" '
        f'x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"/>',
        f'<text class="measure-chart__label" x="{LEFT - 6}" y="{y_of(high) + 4:.1f}" '
        f'text-anchor="end">{escape(_number(high))}</text>',
        f'<text class="measure-chart__label" x="{LEFT - 6}" y="{y_of(low) + 4:.1f}" '
        f'text-anchor="end">{escape(_number(low))}</text>',
    ]
    for name, value in (("baseline", measure.baseline), ("target", measure.target)):
        if value is not None:
            y = y_of(value)
            parts.append(
                f'<line class="measure-chart__{name}" x1="{LEFT}" y1="{y:.1f}" '
                f'x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>'
            )
            parts.append(
                f'<text class="measure-chart__label" x="{WIDTH - RIGHT}" y="{y - 4:.1f}" '
                f'text-anchor="end">{name.capitalize()}</text>'
            )
    polyline = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)
    parts.append(f'<polyline class="measure-chart__line" points="{polyline}"/>')
    parts += [
        f'<circle class="measure-chart__point" cx="{p.x:.1f}" cy="{p.y:.1f}" r="3.5"/>'
        for p in points
    ]
    for point, when, anchor in (
        (points[0], values[0].date, "start"),
        (points[-1], values[-1].date, "end"),
    ):
        parts.append(
            f'<text class="measure-chart__label" x="{point.x:.1f}" y="{HEIGHT - 8}" '
            f'text-anchor="{anchor}">{escape(when.strftime("%b %Y"))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
