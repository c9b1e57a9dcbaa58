"""Work inside the competent agency: hand-over, internal steps, reassignment, coordination."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import ProcessStep
from motcua.directory.models import Agency, Role, RoleKind, User
from motcua.directory.permissions import forget, with_predecessors

from ..models import Coordination, Dossier
from ..workflow import Status
from .common import check, check_step, lock, record, require
from .deadlines import step_due, timeliness


def steps_of(dossier: Dossier) -> list[ProcessStep]:
    if dossier.process_version_id is None:
        return []
    return list(dossier.process_version.steps.order_by("order"))


def candidates(dossier: Dossier, role: str):
    """Officials who hold `role` today in the competent agency or in its current successor."""
    agency = dossier.competent_agency.current_successor()
    agencies = with_predecessors({agency.pk}) | {dossier.competent_agency_id}
    # One role must satisfy every condition at once: a role that ended here plus a current role
    # elsewhere does not make an official eligible.
    holders = Role.objects.active_on(timezone.localdate()).filter(kind=role, agency_id__in=agencies)
    return User.objects.filter(is_active=True, pk__in=holders.values("user_id"))


def choose_assignee(dossier: Dossier, role: str, wanted: User | None) -> User | None:
    pool = candidates(dossier, role)
    if wanted is not None:
        require(
            pool.filter(pk=wanted.pk).exists(), "assignee_not_eligible",
            _("%(user)s không giữ vai trò “%(role)s” tại cơ quan giải quyết.")
            % {"user": wanted, "role": RoleKind(role).label},
        )
        return wanted
    # The least loaded official of the role, so work spreads without a manual dispatcher.
    return (
        pool.annotate(load=Count("assigned_dossiers", filter=Q(assigned_dossiers__status=Status.PROCESSING)))
        .order_by("load", "username")
        .first()
    )


def enter(dossier: Dossier, step: ProcessStep | None, assignee: User | None, now) -> None:
    dossier.current_step = step
    dossier.step_entered_at = now
    dossier.step_due_at = step_due(step, now) if step else None
    dossier.assignee = assignee


@transaction.atomic
def hand_over(dossier, actor, *, assignee: User | None = None, note: str = "") -> Dossier:
    """The desk passes the dossier to the competent agency: it enters the first step after the desk's own."""
    dossier = lock(dossier)
    check(dossier, "hand_over", actor)
    now = timezone.now()
    work_steps = [s for s in steps_of(dossier) if s.role != RoleKind.DESK_OFFICER]
    first = work_steps[0] if work_steps else None
    enter(dossier, first, choose_assignee(dossier, first.role if first else RoleKind.SPECIALIST, assignee), now)
    dossier.status = Status.PROCESSING
    dossier.save()
    record(dossier, actor, "hand_over", Status.ACCEPTED, note=note, at=now, agency=dossier.receiving_agency,
           receiver=dossier.assignee, receiver_agency=dossier.competent_agency)
    return dossier


def _move(dossier, actor, name: str, target: ProcessStep, assignee: User | None, note: str) -> Dossier:
    now = timezone.now()
    done, done_due = dossier.current_step, dossier.step_due_at
    enter(dossier, target, choose_assignee(dossier, target.role, assignee), now)
    dossier.save()
    record(dossier, actor, name, Status.PROCESSING, note=note, at=now, agency=dossier.competent_agency,
           receiver=dossier.assignee, receiver_agency=dossier.competent_agency,
           data={"from_step": done.order if done else None, "step_result": timeliness(now, done_due)})
    return dossier


@transaction.atomic
def next_step(dossier, actor, *, assignee: User | None = None, note: str = "", expected_step: int | None = None):
    dossier = lock(dossier)
    check(dossier, "next_step", actor)
    check_step(dossier, expected_step)
    later = [s for s in steps_of(dossier) if dossier.current_step and s.order > dossier.current_step.order]
    require(bool(later), "no_next_step", _("Đây là bước cuối của quy trình: hãy cập nhật kết quả."), status=409)
    return _move(dossier, actor, "next_step", later[0], assignee, note)


@transaction.atomic
def send_back(dossier, actor, *, note: str, assignee: User | None = None, expected_step: int | None = None):
    require(bool(note.strip()), "note_required", _("Phải nêu lý do trả lại."))
    dossier = lock(dossier)
    check(dossier, "send_back", actor)
    check_step(dossier, expected_step)
    step = dossier.current_step
    require(step is not None and step.may_send_back, "send_back_not_allowed",
            _("Quy trình không cho phép trả lại từ bước này."), status=409)
    earlier = [s for s in steps_of(dossier) if s.order < step.order and s.role != RoleKind.DESK_OFFICER]
    require(bool(earlier), "send_back_not_allowed", _("Không có bước trước để trả lại."), status=409)
    target = earlier[-1]
    if assignee is None:
        # Back to whoever handled that step last, when they still can.
        last = dossier.events.filter(step=target, receiver__isnull=False).order_by("-at", "-pk").first()
        if last and candidates(dossier, target.role).filter(pk=last.receiver_id).exists():
            assignee = last.receiver
    return _move(dossier, actor, "send_back", target, assignee, note)


@transaction.atomic
def reassign(dossier, actor, *, assignee: User, note: str = "") -> Dossier:
    dossier = lock(dossier)
    check(dossier, "reassign", actor)
    role = dossier.current_step.role if dossier.current_step else RoleKind.SPECIALIST
    previous = dossier.assignee
    dossier.assignee = choose_assignee(dossier, role, assignee)
    dossier.save()
    record(dossier, actor, "reassign", Status.PROCESSING, note=note, agency=dossier.competent_agency,
           receiver=dossier.assignee, receiver_agency=dossier.competent_agency,
           data={"previous_assignee": previous.username if previous else None})
    return dossier


@transaction.atomic
def request_coordination(dossier, actor, *, agency: Agency, request: str, working_days=5) -> Coordination:
    from motcua.worktime.calendar import get_calendar

    require(bool(request.strip()), "request_required", _("Phải ghi nội dung đề nghị phối hợp."))
    dossier = lock(dossier)
    check(dossier, "request_coordination", actor)
    require(agency.pk != dossier.competent_agency_id, "same_agency",
            _("Cơ quan phối hợp phải khác cơ quan giải quyết."))
    require(agency.is_active(), "agency_inactive", _("%(agency)s không còn hoạt động.") % {"agency": agency.name})
    require(not dossier.coordinations.filter(agency=agency, answered_at__isnull=True).exists(),
            "coordination_open", _("Đã có đề nghị phối hợp chưa được trả lời gửi %(agency)s.") % {
                "agency": agency.name}, status=409)
    now = timezone.now()
    item = Coordination.objects.create(
        dossier=dossier, agency=agency, request=request, requested_at=now, requested_by=actor,
        deadline=get_calendar().due_date(now, working_days),
    )
    record(dossier, actor, "request_coordination", Status.PROCESSING, note=request, at=now,
           agency=dossier.competent_agency, receiver_agency=agency,
           data={"coordination": item.pk, "deadline": item.deadline.isoformat()})
    forget(actor)
    return item


@transaction.atomic
def answer_coordination(dossier, actor, *, answer: str, agency: Agency | None = None) -> Coordination:
    from .common import PROCESSING, holds

    require(bool(answer.strip()), "answer_required", _("Phải ghi ý kiến trả lời."))
    dossier = lock(dossier)
    check(dossier, "answer_coordination", actor)
    open_items = dossier.coordinations.select_for_update().filter(answered_at__isnull=True)
    if agency is not None:
        open_items = open_items.filter(agency=agency)
    item = next((c for c in open_items.order_by("requested_at") if holds(actor, PROCESSING, c.agency_id)), None)
    require(item is not None, "no_open_request", _("Không có đề nghị phối hợp nào đang chờ cơ quan của bạn."),
            status=409)
    now = timezone.now()
    item.answered_at, item.answered_by, item.answer = now, actor, answer
    item.save()
    record(dossier, actor, "answer_coordination", Status.PROCESSING, note=answer, at=now, agency=item.agency,
           receiver_agency=dossier.competent_agency,
           data={"coordination": item.pk, "step_result": timeliness(now, item.deadline)})
    forget(actor)  # the answering agency loses sight of the dossier
    return item
