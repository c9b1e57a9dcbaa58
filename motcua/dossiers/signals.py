"""Hooks for apps that follow dossier actions (ratings, report aggregates) without the core knowing them."""

from django.dispatch import Signal

# Sent by services.common.record() inside the action's transaction, with `dossier` and `event`.
# A receiver that raises rolls the action back: keep receivers to writes that must stay consistent
# with the action (aggregates, prompts); anything slow or external belongs in the outbox.
event_recorded = Signal()
