"""Charts as SVG rendered on the server with pygal: they print, go into PDFs and need no script."""

from __future__ import annotations

import math
import re

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from .models import Level
from .queries import Row, bucket_label

# Green to red in the order of Level: very satisfied, satisfied, unsatisfied.
STYLE = Style(
    background="#ffffff", plot_background="#ffffff", foreground="#1f2933", foreground_strong="#1f2933",
    foreground_subtle="#7b8794", colors=("#1b7f3b", "#8bbf3f", "#c0392b"),
    font_family="'Liberation Sans', Arial, sans-serif", title_font_size=16, legend_font_size=13,
    label_font_size=12, major_label_font_size=12,
)
# js=[]: pygal would otherwise link its tooltip script from a CDN (offline intranets, strict CSP).
COMMON = {"style": STYLE, "js": [], "legend_at_bottom": True, "width": 800, "height": 340}
# pygal still writes its config as an inline <script>; an <img> never runs it, and we do not serve it.
SCRIPT = re.compile(rb"<script\b.*?</script>", re.S)


def _options() -> dict:
    return {**COMMON, "no_data_text": _("Chưa có đánh giá")}  # in the reader's language, so not at import


def _render(chart) -> bytes:
    return SCRIPT.sub(b"", chart.render())


def trend_svg(points, period: str) -> bytes:
    chart = pygal.StackedBar(title=_("Số lượt đánh giá theo thời gian"), x_label_rotation=30, **_options())
    chart.x_labels = [bucket_label(day, period) for day, _counts in points]
    # Counts are whole: integer ticks, about eight of them, instead of pygal's 0.1 steps.
    highest = max((sum(counts.values()) for _day, counts in points), default=0)
    step = max(1, math.ceil(highest / 8))
    chart.y_labels = list(range(0, highest + step + 1, step))
    for level, label in Level.choices:
        chart.add(str(label), [counts[level] for _day, counts in points])
    return _render(chart)


def share_svg(total: Row) -> bytes:
    chart = pygal.Pie(title=_("Tỷ lệ các mức độ hài lòng"), inner_radius=0.45, **_options())
    for level, label in Level.choices:
        chart.add(str(label), total.counts.get(level, 0) or None)
    return _render(chart)
