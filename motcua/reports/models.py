"""Report aggregates: derived data, rebuilt at will (aggregates.rebuild), never edited by hand.

`DossierFact` is one accepted dossier reduced to what the statistics need, and `OverdueSpan` the
local days at whose end it was pending past its legal due date (as the date stood then). The fact
is what a dossier contributes to `DailyTotals`; `MonthlyTotals` and `YearlyTotals` hold the same
sums per official month (15th to 14th) and official year (15/12 to 14/12), the periods Form 06 is
made for, so that a year's report reads one row per agency and procedure instead of 365. Stocks
(carried over, pending, overdue) are running sums of these flows: pending at the end of day D is
everything accepted up to D minus everything finished up to D; overdue is the sum of the spans'
+1 / -1 up to D.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Procedure
from motcua.directory.models import Agency
from motcua.dossiers.models import Dossier


def _ref(model, **extra):
    # Derived rows: no database constraint to check on bulk rebuilds, nothing to protect.
    return models.ForeignKey(model, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", **extra)


class Outcome(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")


class DossierFact(models.Model):
    dossier = models.OneToOneField(Dossier, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False,
                                   related_name="+")
    agency = _ref(Agency, db_index=False)  # the competent agency, as it was
    procedure = _ref(Procedure, db_index=False)
    channel = models.CharField(max_length=16)
    accepted_day = models.DateField()
    finished_day = models.DateField(null=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    # Results only: time taken and time allowed (due date at finishing minus acceptance), in seconds.
    resolved_seconds = models.BigIntegerField(default=0)
    allowed_seconds = models.BigIntegerField(default=0)
    paid = models.BooleanField(default=False)
    paid_online = models.BooleanField(default=False)
    digitised = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("dữ kiện thống kê hồ sơ")

    def __str__(self):
        return f"{self.dossier_id}: {self.accepted_day} → {self.finished_day or '…'} {self.outcome}"


class OverdueSpan(models.Model):
    """Overdue at the end of each local day D with start_day <= D < end_day (end_day empty: still)."""

    dossier = models.ForeignKey(DossierFact, on_delete=models.CASCADE, db_constraint=False, related_name="spans")
    start_day = models.DateField()
    end_day = models.DateField(null=True)

    def __str__(self):
        return f"{self.dossier_id}: {self.start_day} – {self.end_day or '…'}"


class Totals(models.Model):
    agency = _ref(Agency, db_index=False)
    procedure = _ref(Procedure, db_index=False)
    received_online = models.IntegerField(default=0)
    received_walk_in = models.IntegerField(default=0)
    received_post = models.IntegerField(default=0)
    early = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    withdrawn = models.IntegerField(default=0)
    stopped = models.IntegerField(default=0)
    overdue_delta = models.IntegerField(default=0)
    paid = models.IntegerField(default=0)
    paid_online = models.IntegerField(default=0)
    digitised = models.IntegerField(default=0)
    resolved_seconds = models.BigIntegerField(default=0)
    allowed_seconds = models.BigIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.agency_id}/{self.procedure_id}"


COUNTS = [f.name for f in Totals._meta.fields if f.name not in ("id", "agency", "procedure")]


class DailyTotals(Totals):
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "agency", "procedure"], name="report_day_key")]


class MonthlyTotals(Totals):
    month = models.DateField(help_text="the first day of the official month (periods.month_start)")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "agency", "procedure"], name="report_month_key")]


class YearlyTotals(Totals):
    year = models.DateField(help_text="the first day of the official year (periods.year_start)")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "agency", "procedure"], name="report_year_key")]
