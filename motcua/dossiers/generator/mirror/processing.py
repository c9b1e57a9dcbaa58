"""services/processing.py in memory: hand-over, internal steps, reassignment, coordination."""

from __future__ import annotations

from motcua.directory.models import RoleKind

from ...models import Coordination
from ...workflow import Status
from .common import record, timeliness


def _enter(sim, ctx, step, assignee, at) -> None:
    d = sim.d
    d["current_step_id"] = step.pk if step else None
    d["step_entered_at"] = at
    d["step_due_at"] = ctx.cal.add_working_time(at, step.span) if step else None
    d["assignee_id"] = assignee


def hand_over(sim, ctx, at, actor, *, assignee=None, note=""):
    d = sim.d
    work = sim.version.work_steps if sim.version else []
    _enter(sim, ctx, work[0] if work else None, assignee, at)
    d["status"] = Status.PROCESSING
    d["updated_at"] = at
    record(sim, ctx, actor, "hand_over", Status.ACCEPTED, at, note=note, agency_id=d["receiving_agency_id"],
           receiver_id=assignee, receiver_agency_id=d["competent_agency_id"])


def _move(sim, ctx, at, actor, name, target, assignee, note):
    d = sim.d
    done = ctx.world.steps.get(d["current_step_id"])
    done_due = d["step_due_at"]
    _enter(sim, ctx, target, assignee, at)
    d["updated_at"] = at
    record(sim, ctx, actor, name, Status.PROCESSING, at, note=note, agency_id=d["competent_agency_id"],
           receiver_id=assignee, receiver_agency_id=d["competent_agency_id"],
           data={"from_step": done.order if done else None, "step_result": timeliness(at, done_due)})


def next_step(sim, ctx, at, actor, *, assignee=None, note=""):
    current = ctx.world.steps[sim.d["current_step_id"]]
    later = [s for s in sim.version.steps if s.order > current.order]
    _move(sim, ctx, at, actor, "next_step", later[0], assignee, note)


def send_back(sim, ctx, at, actor, *, note, assignee=None):
    current = ctx.world.steps[sim.d["current_step_id"]]
    earlier = [s for s in sim.version.steps if s.order < current.order and s.role != RoleKind.DESK_OFFICER]
    _move(sim, ctx, at, actor, "send_back", earlier[-1], assignee, note)


def reassign(sim, ctx, at, actor, *, assignee, note=""):
    d = sim.d
    previous = d["assignee_id"]
    d["assignee_id"] = assignee
    d["updated_at"] = at
    record(sim, ctx, actor, "reassign", Status.PROCESSING, at, note=note, agency_id=d["competent_agency_id"],
           receiver_id=assignee, receiver_agency_id=d["competent_agency_id"],
           data={"previous_assignee": ctx.world.usernames[previous] if previous else None})


def request_coordination(sim, ctx, at, actor, *, agency, request, working_days=5):
    d = sim.d
    item = {"id": ctx.ids.next(Coordination), "dossier_id": d["id"], "agency_id": agency, "request": request,
            "requested_at": at, "requested_by_id": actor, "deadline": ctx.cal.due_date(at, working_days),
            "answered_at": None, "answered_by_id": None, "answer": ""}
    sim.coordinations.append(item)
    record(sim, ctx, actor, "request_coordination", Status.PROCESSING, at, note=request,
           agency_id=d["competent_agency_id"], receiver_agency_id=agency,
           data={"coordination": item["id"], "deadline": item["deadline"].isoformat()})


def answer_coordination(sim, ctx, at, actor, *, answer, agency=None):
    item = next(c for c in sim.coordinations if c["answered_at"] is None and c["agency_id"] == agency)
    item.update(answered_at=at, answered_by_id=actor, answer=answer)
    record(sim, ctx, actor, "answer_coordination", Status.PROCESSING, at, note=answer, agency_id=item["agency_id"],
           receiver_agency_id=sim.d["competent_agency_id"],
           data={"coordination": item["id"], "step_result": timeliness(at, item["deadline"])})
