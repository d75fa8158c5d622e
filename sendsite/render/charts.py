"""Small charts drawn at build time: lines in inline SVG, words and numbers in HTML beside them.
No JavaScript, no images to fetch.

Text inside an SVG is sized in the SVG's own units, so it shrinks with the chart on a phone and
ignores the reader's text size; HTML text sized in rem follows both. So the SVG holds only the
lines (stretched to the plot's box, which is sized in rem too) and the scale, dates and key
are HTML. A chart is only a picture of numbers that the page also gives as a table, so it is
one image whose accessible name says what it shows and where the numbers are.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendsite import model
from sendsite.text import uk_date

# The plot's own units: x and y from 0 to 100, stretched to whatever box CSS gives it.
SIZE = 100


@dataclass(frozen=True)
class Point:
    x: float
    y: float


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def measure_chart(measure: model.Measure, chart_id: str) -> str:
    """A line chart of a measure's values over time, with its baseline and target as lines.

    Returns "" when there are fewer than two values: one number needs no chart.
    """
    # Imported here, for the few pages with a chart: xml.sax.saxutils imports urllib.request,
    # and so ssl and http.client, 15 ms of every build's start.
    from xml.sax.saxutils import escape, quoteattr

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

    def y_of(value: float) -> float:
        return SIZE * (1 - (value - low) / (high - low))

    points = [Point(SIZE * (v.date.toordinal() - first) / span, y_of(v.value)) for v in values]
    unit = "" if not measure.unit else "%" if measure.unit == "%" else f" {measure.unit}"
    summary = (
        f"{measure.name}: from {_number(values[0].value)}{unit} on {uk_date(values[0].date)} "
        f"to {_number(values[-1].value)}{unit} on {uk_date(values[-1].date)}"
    )
    if measure.target is not None:
        summary += f", against a target of {_number(measure.target)}{unit}"
    summary += ". The table below gives every value."
    # preserveAspectRatio="none" stretches the plot to its box; non-scaling strokes keep the
    # lines' widths, and each point is a round cap on a line of no length, so it stays round.
    lines = [
        f'<svg class="measure-chart__plot" viewBox="0 0 {SIZE} {SIZE}" '
        'preserveAspectRatio="none" aria-hidden="true" focusable="false">',
        f'<line class="measure-chart__axis" x1="0" y1="{SIZE}" x2="{SIZE}" y2="{SIZE}"/>',
    ]
    key = []
    for name, value in (("target", measure.target), ("baseline", measure.baseline)):
        if value is not None:
            y = y_of(value)
            lines.append(
                f'<line class="measure-chart__{name}" x1="0" y1="{y:.1f}" x2="{SIZE}" y2="{y:.1f}"/>'
            )
            key.append(
                f'<li><span class="measure-chart__swatch measure-chart__swatch--{name}"></span>'
                f"{name.capitalize()}: {escape(_number(value))}{escape(unit)}</li>"
            )
    polyline = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)
    lines.append(f'<polyline class="measure-chart__line" points="{polyline}"/>')
    lines += [f'<path class="measure-chart__point" d="M{p.x:.1f} {p.y:.1f}h0"/>' for p in points]
    lines.append("</svg>")
    parts = [
        f'<div class="measure-chart" id={quoteattr(chart_id)} role="img" '
        f"aria-label={quoteattr(summary)}>",
        '<div class="measure-chart__scale">',
        f"<span>{escape(_number(high))}</span><span>{escape(_number(low))}</span>",
        "</div>",
        *lines,
        '<div class="measure-chart__dates">',
        f"<span>{escape(values[0].date.strftime('%b %Y'))}</span>",
        f"<span>{escape(values[-1].date.strftime('%b %Y'))}</span>",
        "</div>",
    ]
    if key:
        parts.append(f'<ul class="measure-chart__key">{"".join(key)}</ul>')
    parts.append("</div>")
    return "".join(parts)
