"""Who may run each action on a dossier, given that its status allows the action.

- The desk (desk officers of the receiving agency) accepts, refuses, hands over, returns results,
  records payments and withdrawals.
- The competent agency's specialists, heads of division and leaders process; inside a step only
  the assignee or a head of division / leader moves the dossier on.
- A coordinating agency answers while its request is open.
- The leader of the agency at fault approves an apology; a head of division or leader stops.
- The citizen who owns the dossier online resubmits supplements and downloads results.
- `None` is the system (a payment gateway's callback, the post's delivery confirmation).
"""

from ..models import Apology, ApologyState, Coordination, Dossier
from .common import DESK, PROCESSING, SUPERVISING, holds


def desk(d: Dossier, actor) -> bool:
    return holds(actor, DESK, d.receiving_agency_id)


def processing(d: Dossier, actor) -> bool:
    return holds(actor, PROCESSING, d.competent_agency_id)


def supervising(d: Dossier, actor) -> bool:
    return holds(actor, SUPERVISING, d.competent_agency_id)


def on_step(d: Dossier, actor) -> bool:
    return actor is not None and (d.assignee_id == actor.pk or supervising(d, actor))


def owner(d: Dossier, actor) -> bool:
    return actor is not None and d.account_id is not None and d.account_id == actor.pk


def coordinating(d: Dossier, actor) -> bool:
    open_agencies = Coordination.objects.filter(dossier=d, answered_at__isnull=True).values_list("agency_id", flat=True)
    return any(holds(actor, PROCESSING, agency_id) for agency_id in open_agencies)


def apology_approver(d: Dossier, actor) -> bool:
    pending = Apology.objects.filter(dossier=d, state=ApologyState.PROPOSED).values_list("agency_id", flat=True)
    from motcua.directory.models import RoleKind

    return any(holds(actor, (RoleKind.AGENCY_LEADER,), agency_id) for agency_id in pending)


def apology_proposer(d: Dossier, actor) -> bool:
    if processing(d, actor):
        return True
    agencies = Coordination.objects.filter(dossier=d).values_list("agency_id", flat=True)
    return any(holds(actor, PROCESSING, agency_id) for agency_id in agencies)


def system_or(*predicates):
    def check(d: Dossier, actor) -> bool:
        return actor is None or any(p(d, actor) for p in predicates)

    return check


def either(*predicates):
    def check(d: Dossier, actor) -> bool:
        return any(p(d, actor) for p in predicates)

    return check


def supplement(d: Dossier, actor) -> bool:
    # Before acceptance the desk asks; during processing the competent agency does.
    return desk(d, actor) if d.status == 1 else processing(d, actor)


ACTORS = {
    "accept": desk,
    "refuse": desk,
    "request_supplement": supplement,
    "resubmit": either(owner, desk),
    "hand_over": desk,
    "next_step": on_step,
    "send_back": on_step,
    "reassign": either(on_step, supervising),
    "request_coordination": processing,
    "answer_coordination": coordinating,
    "record_payment": system_or(desk, processing),
    "request_obligation": processing,
    "record_obligation_paid": system_or(desk, processing),
    "mark_result_ready": on_step,
    "return_result": system_or(desk, owner),
    "send_by_post": desk,
    "withdraw": either(desk, owner),
    "stop": supervising,
    "propose_apology": apology_proposer,
    "approve_apology": apology_approver,
    "reject_apology": apology_approver,
}
