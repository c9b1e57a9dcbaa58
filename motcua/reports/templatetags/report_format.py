from django import template

from motcua.catalog import formatting

register = template.Library()


@register.filter
def pct(value) -> str:
    """A share (0..1) as "85,3 %"; no share (nothing to divide) as a dash."""
    if value is None:
        return "—"
    return f"{formatting.number(round(value * 100, 1), 1)} %"


@register.filter
def days(value) -> str:
    return "—" if value is None else formatting.number(round(value, 1), 1)


@register.filter
def cell(values: dict, key: str):
    return formatting.number(values[key])
