"""What a citizen could file on a given day: procedure, competent agency and reception desk.

An option is kept only when the services would accept every step of it that day: the
competent agency is active (`competent_for`), a desk with an officer on duty receives for it
(walk-in) or `desk_for_online` finds a desk whose agency has a desk officer (online, and only
where the procedure is offered online at level 3 or 4), and someone can be assigned the
first step of the internal process.
"""

from __future__ import annotations

import random
from itertools import accumulate

from motcua.directory.models import RoleKind

from .world import DESK, ProcedureInfo, World

# Relative volume by sector: certification and civil status fill the communes' registers.
SECTOR_WEIGHT = {"chung-thuc": 30, "ho-tich": 20, "dat-dai": 22, "ho-kinh-doanh": 7, "doanh-nghiep": 5,
                 "xay-dung": 6, "bao-tro-xa-hoi": 4, "nguoi-co-cong": 3, "duong-bo": 3}
OTHER_SECTOR = 5


class Offer:
    def __init__(self, world: World, seed: int):
        self.world = world
        per_sector: dict[str, int] = {}
        for p in world.procedures.values():
            per_sector[p.sector] = per_sector.get(p.sector, 0) + 1
        self.weight = {}
        for p in world.procedures.values():
            jitter = random.Random(f"{seed}:{p.code}").uniform(0.3, 1.7)
            self.weight[p.pk] = SECTOR_WEIGHT.get(p.sector, OTHER_SECTOR) / per_sector[p.sector] * jitter
        self._cache: dict[tuple, tuple] = {}

    def _workable(self, proc: ProcedureInfo, agency: int, day) -> bool:
        version = proc.current_process(agency, day)
        steps = version.work_steps if version else []
        role = steps[0].role if steps else RoleKind.SPECIALIST
        return bool(self.world.candidates(agency, role, day))

    def _online_ready(self, proc: ProcedureInfo, agency: int, day) -> bool:
        desk = self.world.online_desk(agency)
        return (desk is not None and proc.level_for(agency, day) >= 3
                and bool(self.world.holders(desk.agency_id, DESK, day)))

    def options(self, day, online: bool) -> tuple[list, list[float]]:
        """[(procedure, [competent agency ids])] with cumulative weights, for `day`."""
        key = (self.world.epoch(day), online)
        found = self._cache.get(key)
        if found is None:
            rows = []
            for proc in self.world.procedures.values():
                agencies = [a for a in proc.agency_ids if self.world.agencies[a].active(day)
                            and (self._online_ready(proc, a, day) if online else self.world.walk_in_desks(a, day))
                            and self._workable(proc, a, day)]
                if agencies:
                    rows.append((proc, agencies))
            found = self._cache[key] = (rows, list(accumulate(self.weight[p.pk] for p, _ in rows)))
        return found

    def available(self, day, online: bool) -> bool:
        return bool(self.options(day, online)[0])

    def pick(self, rng: random.Random, day, online: bool, post_share: float, where=None):
        """(procedure, competent agency id, desk id or None, channel).

        `where(procedure, agency)` narrows the choice (the replay test asks for particular paths).
        """
        rows, cum = self.options(day, online)
        if where is not None:
            rows = [(p, [a for a in agencies if where(p, self.world.agencies[a])]) for p, agencies in rows]
            rows = [(p, agencies) for p, agencies in rows if agencies]
            cum = list(accumulate(self.weight[p.pk] for p, _ in rows))
        proc, agencies = rng.choices(rows, cum_weights=cum)[0]
        agency = rng.choice(agencies)
        if online:
            return proc, agency, None, "online"
        desk = rng.choice(self.world.walk_in_desks(agency, day))
        return proc, agency, desk, "post" if rng.random() < post_share else "walk_in"
