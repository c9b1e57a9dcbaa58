"""Each action on the dossier page: its small form, the service it calls, and where a refusal belongs.

One table, so that the page, the fragment and the POST read the same rules (as api.py does for the API).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from motcua.directory.models import RoleKind

from .. import forms as f
from .. import services
from ..services.processing import candidates, steps_of


@dataclass(frozen=True)
class Spec:
    form: type[f.ActionForm]
    call: Callable
    # DomainError codes that point at one field of the form.
    fields: dict[str, str] = field(default_factory=dict)
    # The role whose officials the assignee select offers (None: no assignee field).
    role: Callable | None = None
    # Shown on the dossier page among the main buttons rather than under "Thao tác khác".
    primary: bool = False


def _work_steps(d):
    return [s for s in steps_of(d) if s.role != RoleKind.DESK_OFFICER]


def first_role(d):
    steps = _work_steps(d)
    return steps[0].role if steps else RoleKind.SPECIALIST


def next_role(d):
    later = [s for s in steps_of(d) if d.current_step and s.order > d.current_step.order]
    return later[0].role if later else None


def previous_role(d):
    earlier = [s for s in _work_steps(d) if d.current_step and s.order < d.current_step.order]
    return earlier[-1].role if earlier else None


def current_role(d):
    return d.current_step.role if d.current_step else RoleKind.SPECIALIST


SPECS: dict[str, Spec] = {
    "accept": Spec(f.NoteForm, lambda d, u, c: services.accept(d, u, note=c["note"]), primary=True),
    "request_supplement": Spec(
        f.SupplementForm,
        lambda d, u, c: services.request_supplement(d, u, items=c["items"], reason=c["reason"],
                                                    deadline=c["deadline"]),
        {"items_required": "items"}, primary=True,
    ),
    "refuse": Spec(f.ReasonForm, lambda d, u, c: services.refuse(d, u, reason=c["reason"]),
                   {"reason_required": "reason"}, primary=True),
    "resubmit": Spec(f.NoteForm, lambda d, u, c: services.resubmit(d, u, note=c["note"]), primary=True),
    "hand_over": Spec(f.AssignForm, lambda d, u, c: services.hand_over(d, u, assignee=c["assignee"], note=c["note"]),
                      {"assignee_not_eligible": "assignee"}, role=first_role, primary=True),
    "next_step": Spec(f.AssignForm, lambda d, u, c: services.next_step(d, u, assignee=c["assignee"], note=c["note"],
                                                                      expected_step=c.get("seen_step")),
                      {"assignee_not_eligible": "assignee"}, role=next_role, primary=True),
    "send_back": Spec(f.SendBackForm,
                      lambda d, u, c: services.send_back(d, u, note=c["note"], assignee=c["assignee"],
                                                         expected_step=c.get("seen_step")),
                      {"assignee_not_eligible": "assignee", "note_required": "note"}, role=previous_role,
                      primary=True),
    "reassign": Spec(f.ReassignForm, lambda d, u, c: services.reassign(d, u, assignee=c["assignee"], note=c["note"]),
                     {"assignee_not_eligible": "assignee"}, role=current_role, primary=True),
    "request_coordination": Spec(
        f.CoordinationForm,
        lambda d, u, c: services.request_coordination(d, u, agency=c["agency"], request=c["request"],
                                                      working_days=c["working_days"]),
        {"same_agency": "agency", "agency_inactive": "agency", "coordination_open": "agency",
         "request_required": "request"}, primary=True,
    ),
    "answer_coordination": Spec(f.AnswerForm, lambda d, u, c: services.answer_coordination(d, u, answer=c["answer"]),
                                {"answer_required": "answer"}, primary=True),
    "mark_result_ready": Spec(
        f.ResultForm,
        lambda d, u, c: services.mark_result_ready(d, u, result_number=c["result_number"],
                                                   result_date=c["result_date"], signer=c["signer"],
                                                   result_file=c["result_file"], note=c["note"],
                                                   expected_step=c.get("seen_step")),
        primary=True,
    ),
    "return_result": Spec(f.ReturnForm, lambda d, u, c: services.return_result(d, u, method=c["method"],
                                                                               note=c["note"]),
                          {"invalid_method": "method"}, primary=True),
    "send_by_post": Spec(f.PostForm,
                         lambda d, u, c: services.send_by_post(d, u, tracking_number=c["tracking_number"],
                                                               address=c["address"], carrier=c["carrier"]),
                         {"tracking_used": "tracking_number", "address_required": "address"}),
    "approve_apology": Spec(f.NoteForm, lambda d, u, c: services.approve_apology(d, u, note=c["note"]),
                            primary=True),
    "reject_apology": Spec(f.ReasonForm, lambda d, u, c: services.reject_apology(d, u, reason=c["reason"]),
                           {"reason_required": "reason"}, primary=True),
    "propose_apology": Spec(f.ApologyForm,
                            lambda d, u, c: services.propose_apology(d, u, reason=c["reason"],
                                                                     new_due_at=c["new_due_at"]),
                            {"new_date_too_early": "new_due_at", "reason_required": "reason"}),
    "record_payment": Spec(f.PaymentForm,
                           lambda d, u, c: services.record_payment(d, u, amount=c["amount"], method=c["method"],
                                                                   reference=c["reference"]),
                           {"invalid_amount": "amount"}),
    "request_obligation": Spec(f.ObligationForm,
                               lambda d, u, c: services.request_obligation(d, u, amount=c["amount"],
                                                                           reason=c["reason"],
                                                                           deadline=c["deadline"]),
                               {"invalid_amount": "amount"}),
    "record_obligation_paid": Spec(f.ObligationPaidForm,
                                   lambda d, u, c: services.record_obligation_paid(d, u, method=c["method"],
                                                                                   reference=c["reference"],
                                                                                   amount=c["amount"])),
    "withdraw": Spec(f.ReasonForm, lambda d, u, c: services.withdraw(d, u, reason=c["reason"]),
                     {"reason_required": "reason"}),
    "stop": Spec(f.ReasonForm, lambda d, u, c: services.stop(d, u, reason=c["reason"]),
                 {"reason_required": "reason"}),
}


def build_form(name: str, dossier, data=None, files=None) -> f.ActionForm:
    spec = SPECS[name]
    role = spec.role(dossier) if spec.role else None
    pool = candidates(dossier, role).order_by("full_name", "username") if role else None
    if pool is not None and name == "reassign":
        pool = pool.exclude(pk=dossier.assignee_id)
    return spec.form(data, files, dossier=dossier, role=role, pool=pool)
