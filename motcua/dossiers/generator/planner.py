"""From an arrival (moment, procedure, agency, desk, channel) to a planned dossier."""

from __future__ import annotations

import datetime as dt
import random

from . import mirror, mix
from .clock import Clock
from .plan import Cut, Draft
from .story import Story
from .work import process
from .world import World

UBND = "Ủy ban nhân dân "


class Planner:
    def __init__(self, world: World, calendar, ids, first: dt.date, end: dt.datetime):
        self.world = world
        self.ctx = mirror.Context(world, calendar, ids)
        self.clock = Clock(calendar, first - dt.timedelta(days=7), end.date())
        # Moments are drawn in the local zone; comparing two of one zone skips utcoffset().
        self.end = end.astimezone(self.clock.tz)

    def dossier(self, rng: random.Random, at: dt.datetime, choice, force: dict | None = None) -> tuple[Draft, mix.Flags]:
        proc, competent, desk, channel = choice
        flags = mix.draw(rng, proc.sector, proc.waits_count, channel == "online", quick=proc.cutoff is not None,
                         force=force)
        story = Story(self, rng, proc, competent, flags)
        try:
            story.receive(at, desk, channel)
            if channel != "online" or story.before_acceptance():
                process(story)
                story.collect()
        except Cut:
            pass
        return story.draft, flags

    def home_commune(self, rng: random.Random, competent: int, day: dt.date) -> tuple[int | None, str]:
        """Where the applicant lives: the competent commune, one of a district's, or any."""
        world = self.world
        key = ("homes", competent, world.epoch(day))
        homes = world._cache.get(key)
        if homes is None:
            communes = world.communes_on(day)
            if competent in communes:
                homes = [competent]
            else:
                homes = [a for a in communes if world.agencies[a].parent_id == competent] or communes
            world._cache[key] = homes
        if not homes:
            return None, ""
        agency = world.agencies[rng.choice(homes)]
        return agency.pk, agency.name.removeprefix(UBND)
