"""The directory and the catalog, loaded once into memory and asked questions by date.

The generator must pick, for each action, an actor and a target the service would accept on
that day. The answers below follow the services' own rules (`competent_for`,
`desk_for_online`, `holds`, `candidates`, `current_process`) over plain Python lists, so a
million dossiers cost no query each. Answers depend on the day only through the dates at
which something changes (a role, an agency, a process version, an online level), so they are
cached per "epoch" between two such dates.
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from motcua.catalog.models import OnlineLevel, Procedure, ProcessStep, ProcessVersion, RequiredDocument
from motcua.directory.models import Agency, Desk, Role, RoleKind, User

from . import ratings

PROCESSING = (RoleKind.SPECIALIST, RoleKind.HEAD_OF_DIVISION, RoleKind.AGENCY_LEADER)
SUPERVISING = (RoleKind.HEAD_OF_DIVISION, RoleKind.AGENCY_LEADER)
DESK = (RoleKind.DESK_OFFICER,)


def _valid(day, start, end) -> bool:
    return start <= day and (end is None or day <= end)


@dataclass(slots=True)
class AgencyInfo:
    pk: int
    code: str
    name: str
    level: str
    parent_id: int | None
    valid_from: datetime.date
    valid_to: datetime.date | None
    successor_id: int | None

    def active(self, day) -> bool:
        return _valid(day, self.valid_from, self.valid_to)


@dataclass(slots=True)
class StepInfo:
    pk: int
    order: int
    role: str
    hours: Decimal
    may_send_back: bool
    # services.deadlines.step_due's amount, made once: timedelta(hours=float(step.hours)).
    span: datetime.timedelta | None = None


@dataclass(slots=True)
class VersionInfo:
    pk: int
    agency_id: int | None
    number: int
    effective_from: datetime.date
    steps: list[StepInfo] = field(default_factory=list)
    work_steps: list[StepInfo] = field(default_factory=list)  # the steps after the desk's, filled by World.load


@dataclass(slots=True)
class DocInfo:
    pk: int
    name: str
    originals: int
    certified_copies: int
    copies: int
    mandatory: bool


@dataclass(slots=True)
class ProcedureInfo:
    pk: int
    code: str
    name: str
    sector: str
    time_limit: Decimal
    unit: str
    online_limit: Decimal | None
    cutoff: datetime.time | None
    waits_count: bool
    fees: int
    docs: list[DocInfo]
    agency_ids: list[int]
    levels: list[tuple[int | None, int, datetime.date]]
    versions: list[VersionInfo]
    pilot: bool = False  # in the pilot of citizens rating officials

    _process_cache: dict = field(default_factory=dict)
    _starts: list = field(default_factory=list)

    def current_process(self, agency_id: int, day) -> VersionInfo | None:
        """Procedure.current_process: the agency's own version first, else the general one."""
        # Only the versions' start dates can change the answer for an agency.
        if len(self._starts) != len(self.versions):
            self._starts = sorted(v.effective_from for v in self.versions)
        key = (agency_id, bisect_right(self._starts, day))
        found = self._process_cache.get(key, self)
        if found is self:
            found = self._process_cache[key] = self._current_process(agency_id, day)
        return found

    def _current_process(self, agency_id: int, day) -> VersionInfo | None:
        live = [v for v in self.versions if v.effective_from <= day]
        key = lambda v: (v.effective_from, v.number)  # noqa: E731 - the service orders by both, descending
        own = [v for v in live if v.agency_id == agency_id]
        if own:
            return max(own, key=key)
        general = [v for v in live if v.agency_id is None]
        return max(general, key=key) if general else None

    def level_for(self, agency_id: int, day) -> int:
        rows = [r for r in self.levels if r[2] <= day]
        specific = [r for r in rows if r[0] == agency_id]
        general = [r for r in rows if r[0] is None]
        chosen = max(specific or general, key=lambda r: r[2], default=None)
        return chosen[1] if chosen else 1


@dataclass(slots=True)
class DeskInfo:
    pk: int
    agency_id: int
    is_active: bool
    serves: frozenset[int]
    counters: tuple[int, ...]


@dataclass(slots=True)
class RoleInfo:
    user_id: int
    agency_id: int
    kind: str
    desk_id: int | None
    valid_from: datetime.date
    valid_to: datetime.date | None


class World:
    def __init__(self):
        self.agencies: dict[int, AgencyInfo] = {}
        self.procedures: dict[int, ProcedureInfo] = {}
        self.desks: dict[int, DeskInfo] = {}
        self.roles: list[RoleInfo] = []
        self.usernames: dict[int, str] = {}
        self.full_names: dict[int, str] = {}
        self.active_users: set[int] = set()
        self.steps: dict[int, StepInfo] = {}
        self.docs: dict[int, DocInfo] = {}
        self.counter_desk: dict[int, int] = {}
        self.reasons: dict[str, int] = {}  # active rating reasons by code (empty without motcua.ratings)
        self._cache: dict[tuple, object] = {}
        self._boundaries: list[datetime.date] = []

    # Loading ------------------------------------------------------------------------------

    @classmethod
    def load(cls) -> World:
        w = cls()
        for a in Agency.objects.select_related("level").order_by("pk"):
            w.agencies[a.pk] = AgencyInfo(a.pk, a.code, a.name, a.level.code, a.parent_id, a.valid_from,
                                          a.valid_to, a.successor_id)
        for u in User.objects.values("pk", "username", "full_name", "is_active"):
            w.usernames[u["pk"]] = u["username"]
            w.full_names[u["pk"]] = u["full_name"] or u["username"]
            if u["is_active"]:
                w.active_users.add(u["pk"])
        for r in Role.objects.values_list("user_id", "agency_id", "kind", "desk_id", "valid_from", "valid_to"):
            w.roles.append(RoleInfo(*r))
        serves: dict[int, set[int]] = {}
        for desk_id, agency_id in Desk.serves.through.objects.values_list("desk_id", "agency_id"):
            serves.setdefault(desk_id, set()).add(agency_id)
        counters: dict[int, list[int]] = {}
        from motcua.directory.models import Counter

        for pk, desk_id in Counter.objects.order_by("desk_id", "number").values_list("pk", "desk_id"):
            counters.setdefault(desk_id, []).append(pk)
            w.counter_desk[pk] = desk_id
        for d in Desk.objects.order_by("pk").values("pk", "agency_id", "is_active"):
            w.desks[d["pk"]] = DeskInfo(d["pk"], d["agency_id"], d["is_active"], frozenset(serves.get(d["pk"], ())),
                                        tuple(counters.get(d["pk"], ())))
        w._load_catalog()
        rating_models = ratings.models()
        if rating_models:
            reason = rating_models[1]._meta.get_field("reason").related_model
            w.reasons = dict(reason.objects.filter(is_active=True).values_list("code", "pk"))
        w._boundaries = w._change_days()
        return w

    def _load_catalog(self) -> None:
        docs: dict[int, list[DocInfo]] = {}
        for d in RequiredDocument.objects.order_by("procedure_id", "order", "pk"):
            info = DocInfo(d.pk, d.name, d.originals, d.certified_copies, d.copies, d.mandatory)
            docs.setdefault(d.procedure_id, []).append(info)
            self.docs[d.pk] = info
        levels: dict[int, list] = {}
        for p_id, a_id, level, start in OnlineLevel.objects.values_list(
                "procedure_id", "agency_id", "level", "effective_from"):
            levels.setdefault(p_id, []).append((a_id, level, start))
        versions: dict[int, list[VersionInfo]] = {}
        by_pk: dict[int, VersionInfo] = {}
        for v in ProcessVersion.objects.order_by("pk"):
            info = VersionInfo(v.pk, v.agency_id, v.number, v.effective_from)
            versions.setdefault(v.procedure_id, []).append(info)
            by_pk[v.pk] = info
        for s in ProcessStep.objects.order_by("version_id", "order"):
            step = StepInfo(s.pk, s.order, s.role, s.hours, s.may_send_back, datetime.timedelta(hours=float(s.hours)))
            by_pk[s.version_id].steps.append(step)
            if step.role != RoleKind.DESK_OFFICER:
                by_pk[s.version_id].work_steps.append(step)
            self.steps[s.pk] = step
        self.versions = by_pk
        for p in Procedure.objects.filter(is_active=True).select_related("sector").prefetch_related(
                "fees", "agencies").order_by("pk"):
            self.procedures[p.pk] = ProcedureInfo(
                p.pk, p.code, p.name, p.sector.code, p.time_limit, p.time_limit_unit, p.online_time_limit,
                p.same_day_cutoff, p.obligation_wait_counts, p.total_fees(), docs.get(p.pk, []),
                sorted(a.pk for a in p.agencies.all()), levels.get(p.pk, []), versions.get(p.pk, []),
                p.in_rating_pilot,
            )

    def _change_days(self) -> list[datetime.date]:
        days = set()
        for dated in (*self.agencies.values(), *self.roles):
            days.add(dated.valid_from)
            if dated.valid_to:
                days.add(dated.valid_to + datetime.timedelta(days=1))
        for p in self.procedures.values():
            days.update(r[2] for r in p.levels)
            days.update(v.effective_from for v in p.versions)
        return sorted(days)

    # Dates --------------------------------------------------------------------------------

    def epoch(self, day: datetime.date) -> int:
        """Days with the same epoch get the same answer to every question below."""
        return bisect_right(self._boundaries, day)

    def _cached(self, key, compute):
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = compute()
        return value

    # Agencies -----------------------------------------------------------------------------

    def chain(self, agency_id: int) -> list[int]:
        """The agency and its successors: an official of any of them `holds` the agency's work."""
        def compute():
            out, agency = [], agency_id
            while agency is not None and agency not in out:
                out.append(agency)
                agency = self.agencies[agency].successor_id
            return out

        return self._cached(("chain", agency_id), compute)

    def family(self, agency_id: int) -> frozenset[int]:
        """processing.candidates(): today's successor, everything it replaced, and the agency itself."""
        def compute():
            head = self.chain(agency_id)[-1]
            replaced_by: dict[int, list[int]] = {}
            for a in self.agencies.values():
                if a.successor_id:
                    replaced_by.setdefault(a.successor_id, []).append(a.pk)
            out, frontier = {head, agency_id}, [head]
            while frontier:
                for pred in replaced_by.get(frontier.pop(), ()):
                    if pred not in out:
                        out.add(pred)
                        frontier.append(pred)
            return frozenset(out)

        return self._cached(("family", agency_id), compute)

    def communes_on(self, day) -> list[int]:
        return self._cached(("communes", self.epoch(day)), lambda: [
            a.pk for a in self.agencies.values() if a.level == "commune" and a.active(day)])

    def departments_on(self, day) -> list[int]:
        return self._cached(("departments", self.epoch(day)), lambda: [
            a.pk for a in self.agencies.values() if a.level == "department" and a.active(day)])

    # Officials ----------------------------------------------------------------------------

    def _role_active(self, r: RoleInfo, day) -> bool:
        """RoleQuerySet.active_on: the role, its agency and the account are all live."""
        return (_valid(day, r.valid_from, r.valid_to) and self.agencies[r.agency_id].active(day)
                and r.user_id in self.active_users)

    def holders(self, agency_id: int, kinds: tuple[str, ...], day) -> tuple[int, ...]:
        """Officials for whom services.common.holds(actor, kinds, agency_id) is true on `day`."""
        key = ("holders", agency_id, kinds, self.epoch(day))
        found = self._cache.get(key)
        if found is None:
            chain = set(self.chain(agency_id))
            found = self._cache[key] = tuple(sorted({
                r.user_id for r in self.roles
                if r.agency_id in chain and r.kind in kinds and self._role_active(r, day)}))
        return found

    def candidates(self, agency_id: int, kind: str, day) -> tuple[int, ...]:
        """Officials processing.choose_assignee accepts for `kind` on `day`.

        One role must satisfy every condition; the service's query is looser (see the report),
        so anyone chosen here is accepted there.
        """
        key = ("candidates", agency_id, kind, self.epoch(day))
        found = self._cache.get(key)
        if found is None:
            family = self.family(agency_id)
            found = self._cache[key] = tuple(sorted({
                r.user_id for r in self.roles if r.kind == kind and r.agency_id in family
                and _valid(day, r.valid_from, r.valid_to) and r.user_id in self.active_users}))
        return found

    def desk_officers(self, desk_id: int, day) -> tuple[int, ...]:
        key = ("desk_officers", desk_id, self.epoch(day))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = tuple(sorted({
                r.user_id for r in self.roles
                if r.desk_id == desk_id and r.kind == RoleKind.DESK_OFFICER and self._role_active(r, day)}))
        return found

    # Desks --------------------------------------------------------------------------------

    def online_desk(self, competent_id: int) -> DeskInfo | None:
        """reception.desk_for_online: the first active desk serving the agency, else its own."""
        def compute():
            live = [d for d in self.desks.values() if d.is_active]
            found = [d for d in live if competent_id in d.serves] or [d for d in live if d.agency_id == competent_id]
            return min(found, key=lambda d: d.pk) if found else False

        return self._cached(("online_desk", competent_id), compute) or None

    def walk_in_desks(self, competent_id: int, day) -> tuple[int, ...]:
        """Desks that receive for the agency and have an officer on duty that day."""
        def compute():
            return tuple(d.pk for d in self.desks.values()
                         if (competent_id in d.serves or d.agency_id == competent_id)
                         and self.desk_officers(d.pk, day))

        return self._cached(("walk_in_desks", competent_id, self.epoch(day)), compute)
