"""A plan: the actions one dossier goes through, each with its moment, actor and arguments.

Arguments are those of the service function of the same name, with primary keys in place
of model instances (`replay.py` turns them back). A payment reference may contain
"{code}", filled with the dossier's code once it is known: the generator learns the code
only when it reserves the day's numbers, and the services only when they create the row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import mirror


@dataclass(slots=True)
class Act:
    name: str
    at: dt.datetime
    actor: int | None
    args: dict


class Cut(Exception):
    """The next action would fall after the end of the history, or nobody could do it."""


class Draft:
    """One dossier being planned: each action is applied to the mirror as it is drawn, so that
    the next draw sees the due date and step deadline the services would have computed."""

    __slots__ = ("acts", "ctx", "end", "sim", "t")

    def __init__(self, ctx: mirror.Context, end: dt.datetime):
        self.acts: list[Act] = []
        self.ctx, self.end = ctx, end
        self.sim = mirror.Sim()
        self.t: dt.datetime | None = None

    def do(self, name: str, at: dt.datetime, actor: int | None, **args) -> Act:
        if self.t is not None and at <= self.t:
            # One actor cannot do two things at one instant; the trail orders events by time.
            at = self.t + dt.timedelta(seconds=1)
        if at >= self.end:
            raise Cut
        act = Act(name, at, actor, args)
        mirror.apply(self.sim, self.ctx, act)
        self.acts.append(act)
        self.t = at
        return act

    def aside(self, name: str, at: dt.datetime, actor: int | None, **args) -> None:
        """An action the rest of the plan does not wait for (a rating, days later perhaps): applied
        and replayed in its place in the list, but the plan's own clock stays where it was."""
        if at < self.end:
            act = Act(name, at, actor, args)
            mirror.apply(self.sim, self.ctx, act)
            self.acts.append(act)
