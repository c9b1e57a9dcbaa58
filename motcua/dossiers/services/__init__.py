"""Every change of a dossier: one function per business action, atomic and audited.

Each locks the dossier row, checks the transition and the actor (common.check), writes, appends
one DossierEvent and queues the applicant's notification in the outbox.
"""

from .access import log_personal_data_access
from .closing import (
    approve_apology,
    mark_result_ready,
    propose_apology,
    record_obligation_paid,
    record_payment,
    reject_apology,
    request_obligation,
    return_result,
    stop,
    withdraw,
)
from .common import allowed_actions
from .post import confirm_delivery, send_by_post
from .processing import answer_coordination, hand_over, next_step, reassign, request_coordination, send_back
from .reception import (
    accept,
    receive_walk_in,
    record_turned_away,
    refuse,
    request_supplement,
    resubmit,
    submit_online,
)

__all__ = [
    "accept", "allowed_actions", "answer_coordination", "approve_apology", "hand_over", "log_personal_data_access",
    "mark_result_ready", "next_step", "propose_apology", "reassign", "receive_walk_in", "record_obligation_paid",
    "record_payment", "record_turned_away", "refuse", "reject_apology", "request_coordination", "request_obligation",
    "request_supplement", "resubmit", "return_result", "send_back", "send_by_post", "stop", "submit_online",
    "withdraw", "confirm_delivery",
]
