"""The same plans through the services, the clock frozen at each action's moment.

Used by the replay test to prove that the generator writes what the services write; it is
also how to check a single odd-looking generated dossier by hand. Needs `time-machine`
(a test dependency): the services read `timezone.now()` and the role tables "today".
"""

from __future__ import annotations

import time_machine

from motcua.catalog.models import Procedure
from motcua.directory.models import Agency, Counter, Desk, User

from .. import services
from ..models import Dossier


class Replayer:
    def __init__(self):
        self.users = {u.pk: u for u in User.objects.all()}
        self.procedures = {p.pk: p for p in Procedure.objects.all()}
        self.agencies = {a.pk: a for a in Agency.objects.all()}
        self.desks = {d.pk: d for d in Desk.objects.all()}
        self.counters = {c.pk: c for c in Counter.objects.all()}

    def party(self, data: dict | None) -> dict | None:
        if not data:
            return data
        commune = data.get("commune")
        return {**data, "commune": self.agencies[commune] if commune else None}

    def dossier(self, acts) -> str:
        """Apply one plan's actions in order; the code of the dossier they made."""
        code = None
        for act in acts:
            with time_machine.travel(act.at, tick=False):
                code = self.apply(act, code)
        return code

    def apply(self, act, code: str | None) -> str:
        actor = self.users.get(act.actor)
        a = dict(act.args)
        if act.name == "rate":
            from motcua.ratings.services import rate  # below dossiers: only when the plan has ratings

            counter = self.counters.get(a.pop("counter"))
            rate(Dossier.objects.get(code=code), a.pop("stage"), a.pop("level"), counter=counter, **a)
            return code
        if act.name in ("receive_walk_in", "submit_online"):
            a.update(procedure=self.procedures[a["procedure"]], owner=self.party(a["owner"]),
                     submitter=self.party(a.get("submitter")), competent_agency=self.agencies[a["competent_agency"]])
            if "desk" in a:
                a.update(desk=self.desks[a["desk"]], counter=self.counters.get(a.get("counter")))
            return getattr(services, act.name)(actor, **a).code
        if "assignee" in a:
            a["assignee"] = self.users.get(a["assignee"])
        if "agency" in a:
            a["agency"] = self.agencies[a["agency"]]
        for key in ("reference", "tracking_number"):
            if key in a:
                a[key] = a[key].replace("{code}", code)
        if act.name == "confirm_delivery":  # the post reports by tracking number, not by dossier
            services.confirm_delivery(a.pop("tracking_number"), actor=actor, **a)
            return code
        getattr(services, act.name)(code, actor, **a)
        return code


def replay(drafts) -> list[str]:
    """Replay whole plans, in the order their dossiers arrived (which is the order of the codes)."""
    replayer = Replayer()
    return [replayer.dossier(d.acts) for d in sorted(drafts, key=lambda d: d.acts[0].at)]
