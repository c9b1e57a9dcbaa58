"""Reads shared by the API and the pages: the dossier list with its filters."""

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from motcua.directory.permissions import VIEW, restrict
from motcua.worktime.calendar import get_calendar

from .models import ACTIVE, Dossier
from .workflow import Status


def overdue_q(now=None) -> Q:
    """Overdue is derived, never stored: the clock runs, is not paused, and the legal date has passed."""
    now = now or timezone.now()
    return Q(status__in=Status.clock_running(), paused_since__isnull=True, due_at__lt=now)


def due_within_q(working_days, now=None) -> Q:
    now = now or timezone.now()
    boundary = get_calendar().due_date(now, working_days)
    return Q(status__in=Status.clock_running(), paused_since__isnull=True, due_at__gte=now, due_at__lte=boundary)


def visible_dossiers(user) -> QuerySet:
    return restrict(Dossier.objects.all(), user, VIEW)


def dossier_list(
    user, *, status=None, procedure=None, sector=None, agency=None, due_within=None, overdue=None,
    assigned_to_me=False, include_finished=True,
) -> QuerySet:
    qs = visible_dossiers(user)
    if status is not None:
        qs = qs.filter(status=status)
    elif not include_finished:
        qs = qs.filter(status__in=ACTIVE)
    if procedure:
        qs = qs.filter(procedure__code=procedure)
    if sector:
        qs = qs.filter(procedure__sector__code=sector)
    if agency:
        qs = qs.filter(Q(competent_agency__code=agency) | Q(receiving_agency__code=agency))
    if due_within is not None:
        qs = qs.filter(due_within_q(due_within))
    if overdue is True:
        qs = qs.filter(overdue_q())
    elif overdue is False:
        qs = qs.exclude(overdue_q())
    if assigned_to_me:
        qs = qs.filter(assignee=user)
    return qs.select_related(
        "procedure", "receiving_agency", "competent_agency", "owner", "current_step", "assignee"
    ).order_by(F("due_at").asc(nulls_last=True), "code")
