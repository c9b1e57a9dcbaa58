"""The rows of Mẫu 05 (Phiếu kiểm soát quá trình giải quyết hồ sơ), read from the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.directory.models import RoleKind

from ..models import Dossier
from ..services.deadlines import step_due, timeliness
from ..workflow import ACTIONS
from . import vn

# Every action that passes the dossier from one hand (or agency) to another.
HANDOVERS = (
    "hand_over", "next_step", "send_back", "request_coordination", "answer_coordination",
    "mark_result_ready", "return_result",
)

RESULT_LABELS = {
    "early": gettext_lazy("Trước hạn"),
    "on_time": gettext_lazy("Đúng hạn"),
    "late": gettext_lazy("Quá hạn"),
}


@dataclass
class ControlRow:
    number: int
    agency: str
    time: str
    day: str
    giver: str
    receiver: str
    result: str
    result_key: str
    note: str


def _desk_step_due(dossier: Dossier):
    """The desk's own step has no event that enters it: its deadline runs from acceptance."""
    if dossier.process_version_id is None or dossier.accepted_at is None:
        return None
    step = dossier.process_version.steps.filter(role=RoleKind.DESK_OFFICER).order_by("order").first()
    return step_due(step, dossier.accepted_at) if step else None


def _receiver(event, dossier: Dossier) -> str:
    if event.receiver_id:
        name = str(event.receiver)
        if event.receiver_agency_id and event.receiver_agency_id != event.agency_id:
            name = f"{name} ({event.receiver_agency.name})"
        return name
    if event.receiver_agency_id:
        return event.receiver_agency.name
    if event.action == "return_result":
        return _("%(name)s (chủ hồ sơ)") % {"name": dossier.owner.name}
    return ""


def control_rows(dossier: Dossier) -> list[ControlRow]:
    events = list(
        dossier.events.select_related("actor", "agency", "receiver", "receiver_agency").order_by("at", "pk")
    )
    desk_due = None
    rows, previous_step_due = [], None
    for event in events:
        if event.action in HANDOVERS:
            key = (event.data or {}).get("step_result")
            if key not in RESULT_LABELS:
                # Older events (or actions that do not record it) get the result computed against
                # the deadline that the handed-over work had.
                if event.action == "hand_over":
                    desk_due = desk_due or _desk_step_due(dossier)
                    due = desk_due or event.due_at
                elif event.action == "return_result":
                    due = event.due_at
                else:
                    due = previous_step_due or event.due_at
                key = timeliness(event.at, due)
            label = ACTIONS[event.action].label if event.action in ACTIONS else event.action
            rows.append(ControlRow(
                number=len(rows) + 1,
                agency=event.agency.name if event.agency_id else "",
                time=vn.local(event.at).strftime("%H:%M"),
                day=vn.local(event.at).strftime("%d/%m/%Y"),
                giver=str(event.actor) if event.actor_id else "",
                receiver=_receiver(event, dossier),
                result=str(RESULT_LABELS[key]),
                result_key=key,
                note=f"{label}: {event.note}" if event.note else str(label),
            ))
        if event.step_due_at is not None:
            previous_step_due = event.step_due_at
    return rows
