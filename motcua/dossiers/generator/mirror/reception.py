"""services/reception.py in memory: entering the system, acceptance, refusal, supplements."""

from __future__ import annotations

from ...models import Channel
from ...workflow import Status
from .common import PAUSE, attach_files, make_party, new_dossier, record, start_clock, utc_iso


def receive_walk_in(sim, ctx, at, actor, *, procedure, owner, desk, competent_agency, submitter=None, counter=None,
                    summary="", files=None, form_data=None, sets=1, return_method="desk", channel=Channel.WALK_IN,
                    note=""):
    desk_info = ctx.world.desks[desk]
    new_dossier(sim, ctx, at, procedure, competent_agency, desk_info, counter_id=counter, channel=channel,
         owner_id=make_party(sim, ctx, owner), submitter_id=make_party(sim, ctx, submitter), summary=summary,
         form_data=form_data or {}, sets=sets, return_method=return_method, status=Status.ACCEPTED)
    start_clock(sim, ctx, at)
    attach_files(sim, ctx, files, at)
    record(sim, ctx, actor, "receive", None, at, note=note, agency_id=desk_info.agency_id,
           receiver_agency_id=desk_info.agency_id)


def submit_online(sim, ctx, at, account, *, procedure, owner, competent_agency=None, submitter=None, summary="",
                  files=None, form_data=None, idempotency_key=None, return_method="desk"):
    desk_info = ctx.world.online_desk(competent_agency)
    new_dossier(sim, ctx, at, procedure, competent_agency, desk_info, channel=Channel.ONLINE,
         owner_id=make_party(sim, ctx, owner), submitter_id=make_party(sim, ctx, submitter), account_id=account,
         summary=summary, form_data=form_data or {}, status=Status.SUBMITTED, idempotency_key=idempotency_key or None,
         return_method=return_method, fee_amount=ctx.world.procedures[procedure].fees)
    attach_files(sim, ctx, files, at)
    record(sim, ctx, account, "submit_online", None, at, receiver_agency_id=desk_info.agency_id)


def accept(sim, ctx, at, actor, *, note=""):
    sim.d["status"] = Status.ACCEPTED
    start_clock(sim, ctx, at)
    sim.d["updated_at"] = at
    record(sim, ctx, actor, "accept", Status.SUBMITTED, at, note=note, agency_id=sim.d["receiving_agency_id"])


def refuse(sim, ctx, at, actor, *, reason):
    d = sim.d
    d["status"] = Status.REFUSED
    d["closing_reason"] = reason
    d["updated_at"] = at
    record(sim, ctx, actor, "refuse", Status.SUBMITTED, at, note=reason, agency_id=d["receiving_agency_id"])


def request_supplement(sim, ctx, at, actor, *, items, reason="", deadline=None):
    d = sim.d
    before = d["status"]
    stops = before != Status.SUBMITTED
    sim.pauses.append(dict(PAUSE, dossier_id=d["id"], kind="supplement", started_at=at,
                           resume_status=before, items=items, reason=reason, deadline=deadline, stops_clock=stops))
    d["status"] = Status.SUPPLEMENT
    d["paused_since"] = at if stops else None
    d["updated_at"] = at
    acting = d["receiving_agency_id"] if before == Status.SUBMITTED else d["competent_agency_id"]
    record(sim, ctx, actor, "request_supplement", before, at, note=reason, agency_id=acting,
           data={"items": items, "deadline": deadline.isoformat() if deadline else None})


def resubmit(sim, ctx, at, actor, *, note="", files=None):
    d = sim.d
    pause = next(p for p in sim.pauses if p["ended_at"] is None and p["kind"] == "supplement")
    pause["ended_at"] = at
    old_due = d["due_at"]
    if pause["stops_clock"] and d["due_at"]:
        d["due_at"] = ctx.cal.add_pause(d["due_at"], pause["started_at"], at)
    d["status"] = pause["resume_status"]
    d["paused_since"] = None
    d["updated_at"] = at
    attach_files(sim, ctx, files, at)
    record(sim, ctx, actor, "resubmit", Status.SUPPLEMENT, at, note=note, data={"due_at_before": utc_iso(old_due)})
