"""Charts drawn on the server as SVG (no chart library, nothing loaded from
elsewhere). Series differ by pattern as well as colour, every chart has a
text title and the pages also show the numbers as a table."""
from __future__ import annotations

import datetime as dt
from html import escape
from typing import Dict, List, Sequence, Tuple

from markupsafe import Markup

WEB_FILL = "#1f5f8b"
SMS_FILL = "url(#hatch-sms)"
BAR_FILL = "#2f6f4f"


def _nice_max(value: int, ticks: int = 4) -> int:
    """The smallest round number >= value that splits into `ticks` whole steps."""
    step = 1
    while step * ticks < value:
        for factor in (2, 2.5, 2):  # 1, 2, 5, 10, 20, 50, ...
            step = int(step * factor)
            if step * ticks >= value:
                break
    return max(ticks, step * ticks)


def per_day(days: Sequence[dt.date], counts: Dict[dt.date, Dict[str, int]], title: str) -> Markup:
    """Stacked columns: web (solid) and SMS (hatched) conversations per day."""
    width, height, left, bottom, top = 760, 256, 44, 52, 16
    plot_w, plot_h = width - left - 12, height - bottom - top
    peak = _nice_max(max([c.get("web", 0) + c.get("sms", 0) for c in counts.values()] or [0]))
    n = max(1, len(days))
    slot = plot_w / n
    bar = max(2.0, slot * 0.7)
    parts: List[str] = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-day-title">',
        f'<title id="chart-day-title">{escape(title)}</title>',
        '<defs><pattern id="hatch-sms" patternUnits="userSpaceOnUse" width="6" height="6">'
        '<rect width="6" height="6" fill="#f3d9a4"/>'
        '<path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5" stroke="#8a5a00" stroke-width="1.6"/></pattern></defs>',
    ]
    for i in range(5):
        value = peak * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" x2="{width - 12}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d5d9de" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{int(value)}</text>')
    label_every = max(1, n // 10)
    for i, day in enumerate(days):
        x = left + slot * i + (slot - bar) / 2
        web, sms = counts.get(day, {}).get("web", 0), counts.get(day, {}).get("sms", 0)
        web_h, sms_h = plot_h * web / peak, plot_h * sms / peak
        y = top + plot_h
        label = f"{day.isoformat()}: {web} web, {sms} SMS"
        if web:
            parts.append(f'<rect x="{x:.1f}" y="{y - web_h:.1f}" width="{bar:.1f}" height="{web_h:.1f}" fill="{WEB_FILL}">'
                         f'<title>{escape(label)}</title></rect>')
        if sms:
            parts.append(f'<rect x="{x:.1f}" y="{y - web_h - sms_h:.1f}" width="{bar:.1f}" height="{sms_h:.1f}" '
                         f'fill="{SMS_FILL}" stroke="#8a5a00" stroke-width="1"><title>{escape(label)}</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" class="tick">'
                         f'{day.strftime("%b %d")}</text>')
    parts.append(f'<line x1="{left}" x2="{width - 12}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#555"/>')
    # legend: pattern swatch plus words
    ly = height - 10
    parts.append(f'<rect x="{left}" y="{ly - 10}" width="14" height="12" fill="{WEB_FILL}"/>'
                 f'<text x="{left + 20}" y="{ly}" class="legend">Web (solid)</text>')
    parts.append(f'<rect x="{left + 130}" y="{ly - 10}" width="14" height="12" fill="{SMS_FILL}" stroke="#8a5a00"/>'
                 f'<text x="{left + 150}" y="{ly}" class="legend">SMS (striped)</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def horizontal_bars(items: List[Tuple[str, int]], title: str) -> Markup:
    """Labelled horizontal bars with the value written at the end of each bar."""
    row_h, label_w, width = 26, 230, 760
    height = max(1, len(items)) * row_h + 12
    peak = max([count for _, count in items] or [1]) or 1
    plot_w = width - label_w - 70
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-bars-title">',
             f'<title id="chart-bars-title">{escape(title)}</title>']
    for i, (label, count) in enumerate(items):
        y = 6 + i * row_h
        w = max(1.0, plot_w * count / peak)
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" class="bar-label">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{BAR_FILL}">'
                     f'<title>{escape(label)}: {count}</title></rect>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" class="bar-value">{count}</text>')
    if not items:
        parts.append('<text x="10" y="20" class="bar-label">No messages in this period.</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
