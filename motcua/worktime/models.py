"""The calendar's data: overrides of the law's days off, working hours, and the version."""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.core.models import AppendOnlyEvent, TimeStamped
from motcua.worktime import calendar

DEFAULT_HOURS = calendar.DEFAULT_HOURS.times


class OverrideKind(models.TextChoices):
    DAY_OFF = calendar.DAY_OFF, _("Ngày nghỉ")
    WORKING_DAY = calendar.WORKING_DAY, _("Ngày làm việc")


class CalendarOverride(TimeStamped):
    """An announced exception that wins over the holidays package for one date."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=OverrideKind.choices)
    reason = models.CharField(
        _("lý do"), max_length=255, help_text=_("Ví dụ: số văn bản thông báo nghỉ bù, làm bù.")
    )

    class Meta:
        verbose_name = _("ngày điều chỉnh")
        verbose_name_plural = _("ngày điều chỉnh")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"

    def clean(self):
        low, high = calendar.MIN_YEAR, calendar.MAX_YEAR
        if self.date and not low <= self.date.year <= high:
            raise ValidationError(
                {"date": _("Chỉ nhận ngày từ năm %(min)s đến năm %(max)s.") % {"min": low, "max": high}}
            )


class WorkingHours(TimeStamped):
    """Office hours of every working day; one row (pk=1), read with `current()`."""

    morning_start = models.TimeField(_("giờ bắt đầu buổi sáng"), default=DEFAULT_HOURS[0])
    morning_end = models.TimeField(_("giờ kết thúc buổi sáng"), default=DEFAULT_HOURS[1])
    afternoon_start = models.TimeField(_("giờ bắt đầu buổi chiều"), default=DEFAULT_HOURS[2])
    afternoon_end = models.TimeField(_("giờ kết thúc buổi chiều"), default=DEFAULT_HOURS[3])

    class Meta:
        verbose_name = _("giờ làm việc")
        verbose_name_plural = _("giờ làm việc")
        constraints = [
            models.CheckConstraint(
                condition=Q(morning_start__lt=F("morning_end"))
                & Q(morning_end__lte=F("afternoon_start"))
                & Q(afternoon_start__lt=F("afternoon_end")),
                name="worktime_hours_in_order",
            )
        ]

    def __str__(self):
        return (
            f"{self.morning_start:%H:%M}–{self.morning_end:%H:%M}, "
            f"{self.afternoon_start:%H:%M}–{self.afternoon_end:%H:%M}"
        )

    def clean(self):
        times = [self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end]
        if None in times:
            return
        ordered = times[0] < times[1] <= times[2] < times[3]
        if not ordered:
            raise ValidationError(
                _(
                    "Giờ làm việc phải theo thứ tự: bắt đầu sáng < kết thúc sáng ≤ bắt đầu chiều < kết thúc chiều."
                )
            )

    def as_tuple(self) -> tuple[dt.time, dt.time, dt.time, dt.time]:
        return (self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end)

    @classmethod
    def current(cls) -> tuple[dt.time, dt.time, dt.time, dt.time]:
        row = cls.objects.filter(pk=1).first()
        return row.as_tuple() if row else DEFAULT_HOURS


class CalendarVersion(models.Model):
    """One row whose (number, token) changes in the same transaction as any calendar change.

    The token is random so that a bump rolled back after some process cached a calendar
    under it can never be confused with a later, committed bump to the same number.
    """

    number = models.BigIntegerField(_("số phiên bản"), default=1)
    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("phiên bản lịch")
        verbose_name_plural = _("phiên bản lịch")

    def __str__(self):
        return str(self.number)

    @classmethod
    def current_key(cls) -> tuple[int, str]:
        # Read before every calendar computation: plain SQL skips the ORM's ~0.5 ms of compiling.
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT number, token FROM {table} WHERE id = 1")
            row = cursor.fetchone()
        return (row[0], str(row[1])) if row else (0, "")


class CalendarEvent(AppendOnlyEvent):
    """Who changed the calendar, when, and to which version."""

    version = models.BigIntegerField(_("phiên bản lịch"))

    class Meta(AppendOnlyEvent.Meta):
        verbose_name = _("nhật ký lịch")
        verbose_name_plural = _("nhật ký lịch")

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"
