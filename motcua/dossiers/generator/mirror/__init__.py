"""The dossier services, computed in memory: each function writes the rows its service writes.

One function per action in `motcua.dossiers.services`, with the same arguments, the same
order of computation and the same calendar calls, so that a plan applied here and the same
plan replayed through the services give the same rows (test_generator.py proves it). When a
service changes what it writes, the function of the same name here must change with it.

What the services write here as well: the dossier, its parties, files, pauses, coordination
requests, apologies, payments, shipments and events. What they write that is left out: the outbox
messages (`notify`), because a history of notifications nobody should receive would be
dispatched to the applicants the moment a worker starts.

Rows are dicts keyed by the model's attnames. Values read back from the database after
`lock()` come back in UTC, and a few services put `isoformat()` of such a value into an
event's data: `utc_iso` reproduces that string.
"""

from __future__ import annotations

from .. import ratings
from . import closing, post, processing, reception
from .common import Context, Sim, localdate

__all__ = ["ACTIONS", "Context", "Sim", "apply", "localdate"]

ACTIONS = {
    name: getattr(module, name)
    for module, names in (
        (reception, ["receive_walk_in", "submit_online", "accept", "refuse", "request_supplement", "resubmit"]),
        (processing, ["hand_over", "next_step", "send_back", "reassign", "request_coordination",
                      "answer_coordination"]),
        (closing, ["record_payment", "request_obligation", "record_obligation_paid", "mark_result_ready",
                   "return_result", "withdraw", "stop", "propose_apology", "approve_apology",
                   "reject_apology"]),
        (post, ["send_by_post", "confirm_delivery"]),
    )
    for name in names
}
ACTIONS["rate"] = ratings.rate


def apply(sim: Sim, ctx: Context, act) -> None:
    ACTIONS[act.name](sim, ctx, act.at, act.actor, **act.args)
