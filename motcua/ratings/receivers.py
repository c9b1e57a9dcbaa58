"""Prompts to rate, written inside the dossier action's transaction (see dossiers.signals).

The receiver runs in every action of every dossier, so it returns before touching the database
unless the action is one where the citizen stands at the counter; then it costs one indexed
lookup (the official's open session, a partial unique index) and one insert.
"""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from motcua.dossiers.signals import event_recorded

from . import conf
from .models import RatingPrompt, Stage
from .services import end_session, open_session

STAGE_OF_EVENT = {"receive": Stage.RECEPTION, "return_result": Stage.RETURN}


@receiver(event_recorded, dispatch_uid="ratings.prompt_on_event")
def prompt_on_event(sender, dossier, event, **kwargs):
    stage = STAGE_OF_EVENT.get(event.action)
    if stage is None or event.actor_id is None:
        return
    # A result posted or downloaded is not handed over at the counter: nobody there to ask.
    if stage == Stage.RETURN and (event.data or {}).get("method", "desk") != "desk":
        return
    if not (conf.all_procedures() or dossier.procedure.in_rating_pilot):
        return
    session = open_session(event.actor)
    if session is None:
        return
    RatingPrompt.objects.create(counter_id=session.counter_id, dossier=dossier, stage=stage,
                                official_id=event.actor_id, created_at=event.at)


@receiver(user_logged_out, dispatch_uid="ratings.leave_counter_on_logout")
def leave_counter_on_logout(sender, request, user, **kwargs):
    # Signing out of the back office means leaving the counter: the kiosk must not name them after.
    if user is not None:
        end_session(user)
