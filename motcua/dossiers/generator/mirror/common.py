"""What every mirrored service shares: rows' defaults, the trail, parties, files, deadlines.

Mirrors services/common.py (`record`), the helpers of services/reception.py (`make_party`,
`attach_files`, `start_clock`) and services/deadlines.py.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from motcua.catalog.models import LimitUnit
from motcua.core.text import nfc, search_key
from motcua.worktime.calendar import local_zone

from ...models import Channel, Dossier, DossierEvent, DossierFile, Party, Pause

_ZONE = local_zone()
PARTY_FIELDS = ("kind", "name", "id_type", "id_number", "birth_date", "phone", "email", "address", "commune")


def _defaults(model) -> dict:
    return {f.attname: f.get_default() for f in model._meta.concrete_fields}


DOSSIER = _defaults(Dossier)
PARTY = _defaults(Party)
# Nothing points at these rows while they are written: the database numbers them as they come.
FILE = _defaults(DossierFile)
PAUSE = _defaults(Pause)
EVENT = _defaults(DossierEvent)
for _row in (FILE, PAUSE, EVENT):
    del _row["id"]


def localdate(moment: datetime.datetime) -> datetime.date:
    """timezone.localdate(moment) without its context-local lookup of the active zone."""
    return moment.astimezone(_ZONE).date()


def timeliness(done_at, due_at) -> str:
    """services.deadlines.timeliness, with the local dates taken as `localdate` takes them."""
    if due_at is None:
        return "on_time"
    if done_at > due_at:
        return "late"
    return "early" if localdate(done_at) < localdate(due_at) else "on_time"


_keys: dict[str, str] = {}


def name_key(name: str) -> str:
    """search_key, remembered: applicants' names repeat a great deal."""
    key = _keys.get(name)
    if key is None:
        if len(_keys) > 100_000:
            _keys.clear()
        key = _keys[name] = search_key(name)
    return key


def utc_iso(moment: datetime.datetime | None) -> str | None:
    return moment.astimezone(datetime.UTC).isoformat() if moment else None


class Sim:
    """One dossier's rows as the services would have left them."""

    __slots__ = ("d", "proc", "parties", "files", "pauses", "coordinations", "apologies", "payments", "shipments",
                 "events", "ratings", "rating_reasons", "templated", "version")

    def __init__(self):
        self.d: dict = {}
        self.parties: list[dict] = []
        self.files: list[dict] = []
        self.pauses: list[dict] = []
        self.coordinations: list[dict] = []
        self.apologies: list[dict] = []
        self.payments: list[dict] = []
        self.shipments: list[dict] = []
        self.events: list[dict] = []
        self.ratings: list[dict] = []  # motcua.ratings' rows, when that app is installed
        self.rating_reasons: list[dict] = []
        self.templated = False  # a payment reference or a tracking number waits for the dossier's code
        self.version = None


class Context:
    """What every mirror function reads: the world, the calendar, and primary keys to hand out."""

    def __init__(self, world, calendar, ids):
        self.world, self.cal, self.ids = world, calendar, ids


# --- shared (services/common.py, reception.py helpers, deadlines.py) --------------------------


def record(sim: Sim, ctx: Context, actor, name: str, from_status, at, note: str = "", **fields) -> None:
    d = sim.d
    event = dict(EVENT, at=at, actor_id=actor, action=name, note=note,
                 dossier_id=d["id"], from_status=from_status, to_status=d["status"], step_id=d["current_step_id"],
                 step_due_at=d["step_due_at"], due_at=d["due_at"], attachments=[], data={})
    event.update(fields)
    sim.events.append(event)


def make_party(sim: Sim, ctx: Context, data: dict | None) -> int | None:
    if not data:
        return None
    values = {k: v for k, v in data.items() if k in PARTY_FIELDS and v not in (None, "")}
    row = dict(PARTY, id=ctx.ids.next(Party))
    for key, value in values.items():
        row["commune_id" if key == "commune" else key] = value
    row["name"] = nfc(row["name"])
    row["address"] = nfc(row["address"])
    row["name_key"] = name_key(row["name"])
    sim.parties.append(row)
    return row["id"]


def attach_files(sim: Sim, ctx: Context, files: list[dict] | None, at) -> None:
    docs = ctx.world.docs
    for item in files or []:
        doc = docs.get(item.get("required_document"))
        sim.files.append(dict(
            FILE, dossier_id=sim.d["id"], required_document_id=doc.pk if doc else None,
            name=item.get("name") or doc.name, originals=item.get("originals", 0),
            certified_copies=item.get("certified_copies", 0), copies=item.get("copies", 0), scan="",
            digitised=bool(item.get("digitised")), added_at=at,
        ))


def take_snapshot(sim: Sim, ctx: Context, day) -> None:
    d, proc = sim.d, sim.proc
    limit = proc.time_limit
    if d["channel"] == Channel.ONLINE and proc.online_limit is not None:
        limit = proc.online_limit
    d["time_limit"] = limit
    d["time_limit_unit"] = proc.unit
    d["same_day_cutoff"] = proc.cutoff
    d["obligation_wait_counts"] = proc.waits_count
    sim.version = proc.current_process(d["competent_agency_id"], day)
    d["process_version_id"] = sim.version.pk if sim.version else None
    d["fee_amount"] = proc.fees


def legal_due(sim: Sim, ctx: Context, accepted_at):
    d = sim.d
    if d["same_day_cutoff"] is not None:
        return ctx.cal.same_day_due(accepted_at, d["same_day_cutoff"])
    if d["time_limit_unit"] == LimitUnit.CALENDAR_DAYS:
        return ctx.cal.due_date_calendar_days(accepted_at, int(d["time_limit"]))
    return ctx.cal.due_date(accepted_at, Decimal(d["time_limit"]))


def start_clock(sim: Sim, ctx: Context, at) -> None:
    take_snapshot(sim, ctx, localdate(at))
    sim.d["accepted_at"] = at
    sim.d["due_at"] = legal_due(sim, ctx, at)


def new_dossier(sim: Sim, ctx: Context, at, procedure: int, competent: int, desk, **values) -> None:
    sim.proc = ctx.world.procedures[procedure]
    sim.d = dict(DOSSIER, id=ctx.ids.next(Dossier), created_at=at, updated_at=at, procedure_id=procedure,
                 competent_agency_id=competent, receiving_agency_id=desk.agency_id, desk_id=desk.pk,
                 submitted_at=at, **values)
