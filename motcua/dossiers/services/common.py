"""What every dossier action shares: the row lock, the transition check, who may act, the trail."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.core.outbox import enqueue
from motcua.directory.models import RoleKind
from motcua.directory.permissions import principal_for

from ..models import Dossier, DossierEvent
from ..signals import event_recorded
from ..workflow import ACTIONS, Status

DESK = (RoleKind.DESK_OFFICER,)
PROCESSING = (RoleKind.SPECIALIST, RoleKind.HEAD_OF_DIVISION, RoleKind.AGENCY_LEADER)
SUPERVISING = (RoleKind.HEAD_OF_DIVISION, RoleKind.AGENCY_LEADER)


def not_found(code: str) -> DomainError:
    return DomainError("dossier_not_found", _("Không tìm thấy hồ sơ %(code)s.") % {"code": code}, status=404)


def lock(dossier: Dossier | str) -> Dossier:
    """Re-read the dossier under a row lock: two officials (or a double click) apply an action once."""
    code = dossier if isinstance(dossier, str) else dossier.code
    try:
        # of=self: locking the procedure and agency rows too would deadlock concurrent receptions.
        return Dossier.objects.select_for_update(of=("self",)).select_related("procedure", "competent_agency").get(
            code=code)
    except Dossier.DoesNotExist:
        raise not_found(code) from None


def holds(actor, kinds, agency_id) -> bool:
    """Whether the actor holds one of `kinds` in the agency (or in an agency it replaced)."""
    if actor is None:
        return False
    principal = principal_for(actor)
    if principal.sees_everything:
        return True
    return agency_id in principal.agencies(*kinds)


def permitted(dossier: Dossier, actor, name: str) -> bool:
    """Who may run which action (on top of the status check); see the table in the README."""
    from .rules import ACTORS

    return ACTORS[name](dossier, actor)


def allowed_actions(dossier: Dossier, actor) -> list[str]:
    return [
        name for name, action in ACTIONS.items() if dossier.status in action.sources and permitted(dossier, actor, name)
    ]


def check(dossier: Dossier, name: str, actor) -> None:
    action = ACTIONS[name]
    if dossier.status not in action.sources:
        raise DomainError(
            "illegal_transition",
            _("Hồ sơ %(code)s đang ở trạng thái “%(status)s”: không thể thực hiện “%(action)s”.")
            % {"code": dossier.code, "status": dossier.get_status_display(), "action": action.label},
            status=409,
            current_status=dossier.status,
            current_status_name=str(dossier.get_status_display()),
            allowed_actions=allowed_actions(dossier, actor),
        )
    if not permitted(dossier, actor, name):
        raise DomainError(
            "not_permitted",
            _("Bạn không có quyền thực hiện “%(action)s” đối với hồ sơ %(code)s.")
            % {"code": dossier.code, "action": action.label},
            status=403,
            allowed_actions=allowed_actions(dossier, actor),
        )


def record(dossier: Dossier, actor, name: str, from_status: int | None, *, note: str = "", at=None, **fields):
    """Append the audit event of an applied action, carrying the dossier's state after it."""
    event = DossierEvent.objects.create(
        dossier=dossier,
        at=at or timezone.now(),
        actor=actor,
        action=name,
        from_status=from_status,
        to_status=dossier.status,
        step=dossier.current_step,
        step_due_at=dossier.step_due_at,
        due_at=dossier.due_at,
        note=note,
        **fields,
    )
    event_recorded.send(sender=DossierEvent, dossier=dossier, event=event)
    return event


def notify(dossier: Dossier, topic: str, **extra) -> None:
    """Queue a message to the applicant; the notifications app renders and delivers it."""
    owner = dossier.owner
    enqueue(
        f"dossier.{topic}",
        {
            "code": dossier.code,
            "status": dossier.status,
            "procedure": dossier.procedure.name,
            "due_at": dossier.due_at.isoformat() if dossier.due_at else None,
            "promised_at": dossier.promised_at.isoformat() if dossier.promised_at else None,
            **extra,
        },
        recipients=[{"name": owner.name, "email": owner.email, "phone": owner.phone}],
    )


def require(condition: bool, code: str, message: str, status: int = 422, **extra) -> None:
    if not condition:
        raise DomainError(code, message, status=status, **extra)


def is_terminal(dossier: Dossier) -> bool:
    return dossier.status in Status.terminal()


def check_step(dossier: Dossier, expected: int | None) -> None:
    """Refuse a step action made on a page that showed another step (a double click, two tabs)."""
    current = dossier.current_step.order if dossier.current_step_id else None
    if expected is not None and expected != current:
        raise DomainError(
            "stale_step",
            _("Hồ sơ %(code)s đã chuyển sang bước khác trong lúc bạn thao tác; hãy tải lại trang.")
            % {"code": dossier.code},
            status=409, current_step=current,
        )
