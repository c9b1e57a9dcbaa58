"""Template filters for Vietnamese numbers, money, dates and time limits."""

from django import template

from motcua.catalog import formatting

register = template.Library()

register.filter("vn_number", formatting.number)
register.filter("vnd", formatting.money)
register.filter("vn_date", formatting.day)
register.filter("vn_time", formatting.clock)
register.filter("vn_hours", formatting.hours)
register.filter("time_limit_text", formatting.time_limit_text)
register.filter("online_time_limit_text", formatting.online_time_limit_text)
register.filter("level_label", formatting.level_label)
