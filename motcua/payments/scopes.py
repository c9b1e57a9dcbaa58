"""Who sees which payment attempts: whoever sees their dossier (dossiers/scopes.py)."""

from motcua.directory.permissions import VIEW, Principal, register_scope
from motcua.dossiers.scopes import dossier_condition

from .models import PaymentAttempt


@register_scope(PaymentAttempt)
def attempt_scope(p: Principal, action: str):
    # Attempts change only through payments.services (the gateway's IPN), never by hand.
    return dossier_condition(p, "dossier__") if action == VIEW else None
