"""services/closing.py in memory: payments, obligations, results, withdrawal, stop, apologies."""

from __future__ import annotations

from motcua.directory.models import RoleKind

from ...models import Apology
from ...workflow import Status
from .common import PAUSE, localdate, record, timeliness, utc_iso

_PROCESSING = (RoleKind.SPECIALIST, RoleKind.HEAD_OF_DIVISION, RoleKind.AGENCY_LEADER)


def _payment(sim, ctx, **values) -> None:
    sim.payments.append(dict(dossier_id=sim.d["id"], **values))
    if "{code}" in values["reference"]:
        sim.templated = True


def record_payment(sim, ctx, at, actor, *, amount, method, reference="", paid_at=None):
    d = sim.d
    _payment(sim, ctx, purpose="fee", amount=amount, method=method, reference=reference, paid_at=paid_at or at,
             status_at_payment=d["status"], recorded_by_id=actor)
    d["fee_paid"] += amount
    d["updated_at"] = at
    record(sim, ctx, actor, "record_payment", d["status"], at,
           data={"amount": amount, "method": method, "reference": reference})


def request_obligation(sim, ctx, at, actor, *, amount, reason, deadline=None):
    d = sim.d
    stops = not d["obligation_wait_counts"]
    sim.pauses.append(dict(PAUSE, dossier_id=d["id"], kind="obligation", started_at=at,
                           stops_clock=stops, resume_status=Status.PROCESSING, reason=reason, deadline=deadline,
                           amount=amount, items=[]))
    d["status"] = Status.OBLIGATION
    d["paused_since"] = at if stops else None
    d["updated_at"] = at
    record(sim, ctx, actor, "request_obligation", Status.PROCESSING, at, note=reason,
           agency_id=d["competent_agency_id"], data={"amount": amount})


def record_obligation_paid(sim, ctx, at, actor, *, method="desk", reference="", amount=None):
    d = sim.d
    pause = next(p for p in sim.pauses if p["ended_at"] is None and p["kind"] == "obligation")
    pause["ended_at"] = at
    _payment(sim, ctx, purpose="obligation", amount=amount or pause["amount"], method=method, reference=reference,
             paid_at=at, status_at_payment=d["status"], recorded_by_id=actor)
    old_due = d["due_at"]
    if pause["stops_clock"]:
        d["due_at"] = ctx.cal.add_pause(d["due_at"], pause["started_at"], at)
    d["status"] = Status.PROCESSING
    d["paused_since"] = None
    d["updated_at"] = at
    record(sim, ctx, actor, "record_obligation_paid", Status.OBLIGATION, at,
           data={"due_at_before": utc_iso(old_due), "amount": amount or pause["amount"]})


def mark_result_ready(sim, ctx, at, actor, *, result_number="", result_date=None, signer="", note=""):
    d = sim.d
    d["status"] = Status.RESULT_READY
    d["finished_at"] = at
    d["result_number"], d["result_signer"] = result_number, signer
    d["result_date"] = result_date or localdate(at)
    done_due = d["step_due_at"]
    d["updated_at"] = at
    record(sim, ctx, actor, "mark_result_ready", Status.PROCESSING, at, note=note, agency_id=d["competent_agency_id"],
           receiver_agency_id=d["receiving_agency_id"],
           data={"step_result": timeliness(at, done_due), "result": timeliness(at, d["due_at"])})


def return_result(sim, ctx, at, actor, *, method="desk", note=""):
    d = sim.d
    d["status"] = Status.RETURNED
    d["returned_at"] = at
    d["return_method"] = method
    d["updated_at"] = at
    record(sim, ctx, actor, "return_result", Status.RESULT_READY, at, note=note,
           agency_id=d["receiving_agency_id"], data={"method": method})


def _close(sim, ctx, at, actor, name, target, reason):
    d = sim.d
    before = d["status"]
    for pause in sim.pauses:
        if pause["ended_at"] is None:
            pause["ended_at"] = at
    d["status"] = target
    d["finished_at"] = at
    d["paused_since"] = None
    d["closing_reason"] = reason
    d["updated_at"] = at
    record(sim, ctx, actor, name, before, at, note=reason)


def withdraw(sim, ctx, at, actor, *, reason):
    _close(sim, ctx, at, actor, "withdraw", Status.WITHDRAWN, reason)


def stop(sim, ctx, at, actor, *, reason):
    _close(sim, ctx, at, actor, "stop", Status.STOPPED, reason)


def propose_apology(sim, ctx, at, actor, *, reason, new_due_at):
    d = sim.d
    agency = d["competent_agency_id"]
    if actor not in ctx.world.holders(agency, _PROCESSING, localdate(at)):
        agency = next(c["agency_id"] for c in sim.coordinations
                      if actor in ctx.world.holders(c["agency_id"], _PROCESSING, localdate(at)))
    apology = {"id": ctx.ids.next(Apology), "dossier_id": d["id"], "agency_id": agency, "reason": reason,
               "new_due_at": new_due_at, "old_due_at": d["due_at"], "state": "proposed", "proposed_at": at,
               "proposed_by_id": actor, "decided_at": None, "decided_by_id": None}
    sim.apologies.append(apology)
    record(sim, ctx, actor, "propose_apology", d["status"], at, note=reason, agency_id=agency,
           data={"apology": apology["id"], "new_due_at": new_due_at.isoformat()})


def _decide_apology(sim, ctx, at, actor, state: str) -> dict:
    day = localdate(at)
    apology = next(a for a in sim.apologies if a["state"] == "proposed"
                   and actor in ctx.world.holders(a["agency_id"], (RoleKind.AGENCY_LEADER,), day))
    apology.update(state=state, decided_at=at, decided_by_id=actor)
    return apology


def reject_apology(sim, ctx, at, actor, *, reason):
    apology = _decide_apology(sim, ctx, at, actor, "rejected")
    record(sim, ctx, actor, "reject_apology", sim.d["status"], at, note=reason, agency_id=apology["agency_id"],
           data={"apology": apology["id"]})


def approve_apology(sim, ctx, at, actor, *, note=""):
    apology = _decide_apology(sim, ctx, at, actor, "approved")
    sim.d["promised_at"] = apology["new_due_at"]
    sim.d["updated_at"] = at
    record(sim, ctx, actor, "approve_apology", sim.d["status"], at, note=note, agency_id=apology["agency_id"],
           data={"apology": apology["id"], "promised_at": utc_iso(apology["new_due_at"])})
