"""Charts as SVG drawn on the server with pygal, fit for a strict Content-Security-Policy.

pygal puts a <style> and a <script> inside each SVG, which the CSP refuses when the SVG sits in
the page; they are dropped here and static/reports/reports.css styles the charts instead (pygal's
class names, the house palette). No JavaScript: values show as labels and native <title> tips.
"""

from __future__ import annotations

import re

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

_DROP = re.compile(r"<style\b.*?</style>|<script\b.*?</script>|<!--.*?-->|\sstyle=\"[^\"]*\"", re.S)
FONT = "'Liberation Sans', Arial, sans-serif"
# The palette lives in reports.css; this only keeps pygal's geometry and font metrics.
# Sizes match reports.css, so that pygal lays the labels out for the sizes the browser draws.
STYLE = Style(font_family=FONT, background="transparent", plot_background="transparent",
              colors=("#0b57a4", "#1e6b34", "#a4161a", "#b26b00", "#6a3fa0", "#4f5863"),
              title_font_size=18, legend_font_size=15, label_font_size=14, major_label_font_size=14,
              value_font_size=14)


def _config(**extra):
    return {"style": STYLE, "js": [], "disable_xml_declaration": True, "show_y_guides": True, "print_values": False,
            "legend_at_bottom": True, "legend_at_bottom_columns": 3, "width": 560, "height": 380, "margin": 10, "margin_bottom": 36,
            **extra}


def svg(chart) -> SafeString:
    """The chart's SVG markup without inline style or script (pygal escapes the labels it writes)."""
    return mark_safe(_DROP.sub("", chart.render(is_unicode=True)))  # noqa: S308


def bars(title: str, labels: list[str], series: list[tuple[str, list[int]]]) -> SafeString:
    chart = pygal.Bar(**_config(title=title, x_label_rotation=0 if len(labels) <= 6 else 30))
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    return svg(chart)


def donut(title: str, parts: list[tuple[str, int]]) -> SafeString:
    chart = pygal.Pie(**_config(title=title, inner_radius=0.5, print_values=True, legend_at_bottom_columns=3))
    for name, value in parts:
        chart.add(name, value)
    return svg(chart)


def horizontal(title: str, rows: list[tuple[str, float]], unit: str = "%") -> SafeString:
    chart = pygal.HorizontalBar(**_config(title=title, show_legend=False, print_values=True, range=(0, 100),
                                          value_formatter=lambda v: f"{v:.1f}{unit}"))
    chart.x_labels = [name for name, _v in rows]
    chart.add(title, [value for _n, value in rows])
    return svg(chart)
