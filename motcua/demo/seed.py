"""Writes the demo province. Every row is found by its natural key and only changed when it differs,
so a second run writes nothing (and adds nothing to the audit trails) except the passwords.

The directory has no services: its rows are written here directly. The catalog is written
through `motcua.catalog.services` (procedures, sectors, internal processes); online service
levels with their dates have no service yet and are written directly.
"""

from __future__ import annotations

import base64
import datetime
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count

from motcua.catalog import services as catalog
from motcua.catalog.models import OnlineLevel, Procedure, Sector
from motcua.core.text import nfc
from motcua.directory.models import Agency, AgencyLevel, Counter, Desk, Role, User, validate_agency_code
from motcua.portal.models import EForm

from .data import eforms
from .data.agencies import LEVELS, agency_plan, department_code
from .data.desks import desk_plan
from .data.officials import official_plan
from .data.procedures import PROCEDURES, SECTORS, ProcedureSpec, process_plan
from .data.specs import REFORM_DAY, REFORM_EVE, AgencySpec, DeskSpec, UserSpec

EMAIL_DOMAIN = "binhhai.example"  # a reserved top-level domain: mail to it goes nowhere
STAFF_ROLES = {"province_admin", "agency_admin"}


@dataclass
class SeedResult:
    agencies_before: int = 0
    agencies_after: int = 0
    # level code -> number of agencies of that level active on the day
    levels_before: dict[str, int] = field(default_factory=dict)
    levels_after: dict[str, int] = field(default_factory=dict)
    officials: int = 0
    roles: int = 0
    desks: int = 0
    counters: int = 0
    procedures: int = 0
    processes_created: int = 0
    seconds: float = 0.0
    logins: list[dict] = field(default_factory=list)


def seed_demo(password: str) -> SeedResult:
    started = time.monotonic()
    agencies = agency_plan()
    desks = desk_plan(agencies)
    users = official_plan(agencies, desks)
    for spec in agencies:
        validate_agency_code(spec.code)
    # Hashing is deliberately slow; one hash shared by every demo account keeps the seed fast.
    password_hash = make_password(password)
    result = SeedResult()
    with transaction.atomic():
        levels = _levels()
        by_code = _agencies(agencies, levels)
        desk_rows = _desks(desks, by_code)
        user_rows = _users(users, password_hash)
        _roles(users, user_rows, by_code, desk_rows)
        result.processes_created = _catalog(PROCEDURES, agencies, by_code, actor=user_rows["tinh.quantri"])
        _eforms(PROCEDURES)
        _demo_citizen(password_hash)
    demo = Agency.objects.filter(code__in=[a.code for a in agencies])
    for day, target in ((REFORM_EVE, result.levels_before), (REFORM_DAY, result.levels_after)):
        for code, count in demo.active_on(day).order_by().values_list("level__code").annotate(n=Count("pk")):
            target[code] = count
    result.agencies_before = sum(result.levels_before.values())
    result.agencies_after = sum(result.levels_after.values())
    result.officials = len(user_rows)
    result.roles = Role.objects.filter(user__in=user_rows.values()).count()
    result.desks = len(desk_rows)
    result.counters = Counter.objects.filter(desk__in=desk_rows.values()).count()
    result.procedures = Procedure.objects.filter(code__in=[p.code for p in PROCEDURES]).count()
    result.logins = _logins(users, by_code, {lvl.pk: lvl.code for lvl in levels.values()}, password)
    secrets_by_user = _totp_devices(user_rows)
    for login in result.logins:
        if login["username"] in secrets_by_user:
            login["totp_secret"], login["totp_uri"] = secrets_by_user[login["username"]]
    result.seconds = time.monotonic() - started
    return result


# --- directory -------------------------------------------------------------------------------


def _levels() -> dict[str, AgencyLevel]:
    rows = {}
    for spec in LEVELS:
        level, _ = AgencyLevel.objects.get_or_create(code=spec.code, defaults={"name": spec.name, "rank": spec.rank})
        if (level.name, level.rank) != (spec.name, spec.rank):
            level.name, level.rank = spec.name, spec.rank
            level.save()
        rows[spec.code] = level
    return rows


def _agencies(plan: list[AgencySpec], levels: dict[str, AgencyLevel]) -> dict[str, Agency]:
    rows = {a.code: a for a in Agency.objects.filter(code__in=[s.code for s in plan])}
    # Agency.save keeps the materialised path, so rows are saved one by one, parents first.
    for spec in plan:
        agency = rows.get(spec.code) or Agency(code=spec.code)
        values = {
            "name": nfc(spec.name), "short_name": nfc(spec.short_name), "level_id": levels[spec.level].pk,
            "parent_id": rows[spec.parent].pk if spec.parent else None,
            "valid_from": spec.valid_from, "valid_to": spec.valid_to, "address": spec.address,
        }
        if agency.pk is None or any(getattr(agency, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(agency, key, value)
            agency.save()
        rows[spec.code] = agency
    # Successors point forward in the plan (to agencies created by the reform): a second pass.
    for spec in plan:
        agency = rows[spec.code]
        successor_id = rows[spec.successor].pk if spec.successor else None
        if agency.successor_id != successor_id:
            agency.successor_id = successor_id
            agency.save()
    return rows


def _desks(plan: list[DeskSpec], agencies: dict[str, Agency]) -> dict[tuple[str, str], Desk]:
    agency_ids = {agencies[s.agency].pk for s in plan}
    existing = {(d.agency_id, d.name): d for d in Desk.objects.filter(agency_id__in=agency_ids)}
    rows, new, changed = {}, [], []
    for spec in plan:
        desk = existing.get((agencies[spec.agency].pk, nfc(spec.name)))
        if desk is None:
            desk = Desk(agency=agencies[spec.agency], name=nfc(spec.name), is_active=spec.is_active)
            new.append(desk)
        elif desk.is_active != spec.is_active:
            desk.is_active = spec.is_active
            changed.append(desk)
        rows[spec.key] = desk
    Desk.objects.bulk_create(new)
    Desk.objects.bulk_update(changed, ["is_active"])

    desk_ids = [d.pk for d in rows.values()]
    Serves = Desk.serves.through
    have = set(Serves.objects.filter(desk_id__in=desk_ids).values_list("desk_id", "agency_id"))
    want = {(rows[s.key].pk, agencies[code].pk) for s in plan for code in s.serves}
    Serves.objects.bulk_create([Serves(desk_id=d, agency_id=a) for d, a in want - have])
    for desk_id, agency_id in have - want:
        Serves.objects.filter(desk_id=desk_id, agency_id=agency_id).delete()

    counters = {(c.desk_id, c.number): c for c in Counter.objects.filter(desk_id__in=desk_ids)}
    wanted, new, changed = set(), [], []
    for spec in plan:
        for c in spec.counters:
            key = (rows[spec.key].pk, c.number)
            wanted.add(key)
            counter = counters.get(key)
            if counter is None:
                new.append(Counter(desk_id=key[0], number=c.number, label=nfc(c.label)))
            elif counter.label != nfc(c.label):
                counter.label = nfc(c.label)
                changed.append(counter)
    Counter.objects.bulk_create(new)
    Counter.objects.bulk_update(changed, ["label"])
    stale = [c.pk for key, c in counters.items() if key not in wanted]
    Counter.objects.filter(pk__in=stale).delete()
    return rows


_USER_FIELDS = ["full_name", "first_name", "last_name", "email", "position", "is_active", "is_staff",
                "is_superuser"]


def _users(plan: list[UserSpec], password_hash: str) -> dict[str, User]:
    usernames = [s.username for s in plan]
    existing = {u.username: u for u in User.objects.filter(username__in=usernames)}
    rows, new, changed = {}, [], []
    for spec in plan:
        first, last = spec.first_last
        values = {
            "full_name": nfc(spec.full_name), "first_name": first, "last_name": last,
            "email": f"{spec.username}@{EMAIL_DOMAIN}", "position": nfc(spec.position), "is_active": True,
            # Administrators reach the (restricted) admin site; a former administrator does not.
            "is_staff": spec.is_staff or any(r.kind in STAFF_ROLES and r.valid_to is None for r in spec.roles),
            "is_superuser": spec.is_superuser,
        }
        user = existing.get(spec.username)
        if user is None:
            user = User(username=spec.username, password=password_hash, **values)
            new.append(user)
        elif any(getattr(user, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(user, key, value)
            changed.append(user)
        rows[spec.username] = user
    User.objects.bulk_create(new)
    # bulk_update writes a CASE per row and column: slow for a thousand rows, so only the few that changed.
    User.objects.bulk_update(changed, _USER_FIELDS)
    # Every account shares one hash, which one UPDATE can set.
    User.objects.filter(username__in=usernames).update(password=password_hash)
    return rows


def _roles(plan: list[UserSpec], users: dict[str, User], agencies: dict[str, Agency], desks) -> None:
    user_ids = [u.pk for u in users.values()]
    existing = {
        (r.user_id, r.agency_id, r.kind, r.valid_from): r for r in Role.objects.filter(user_id__in=user_ids)
    }
    wanted, new, changed = set(), [], []
    for spec in plan:
        for r in spec.roles:
            key = (users[spec.username].pk, agencies[r.agency].pk, str(r.kind), r.valid_from)
            wanted.add(key)
            desk_id = desks[r.desk].pk if r.desk else None
            role = existing.get(key)
            if role is None:
                new.append(Role(user_id=key[0], agency_id=key[1], kind=key[2], valid_from=key[3],
                                valid_to=r.valid_to, desk_id=desk_id))
            elif (role.valid_to, role.desk_id) != (r.valid_to, desk_id):
                role.valid_to, role.desk_id = r.valid_to, desk_id
                changed.append(role)
    Role.objects.bulk_create(new)
    Role.objects.bulk_update(changed, ["valid_to", "desk"])
    Role.objects.filter(pk__in=[r.pk for key, r in existing.items() if key not in wanted]).delete()


# --- catalog ---------------------------------------------------------------------------------


def _competent_codes(spec: ProcedureSpec, agencies: list[AgencySpec]) -> list[str]:
    groups = {"districts": "district", "old_communes": "old_commune", "new_communes": "new_commune"}
    codes = []
    for token in spec.competent:
        if token in groups:
            codes += [a.code for a in agencies if a.group == groups[token]]
        else:
            codes.append(department_code(token))
    return codes


def _procedure_data(spec: ProcedureSpec, agency_codes: list[str]) -> catalog.ProcedureData:
    return catalog.ProcedureData(
        code=spec.code, name=nfc(spec.name), sector_code=spec.sector, sector_name=SECTORS[spec.sector],
        time_limit=spec.limit, agency_codes=agency_codes, time_limit_unit=spec.unit,
        online_time_limit=spec.online_limit, same_day_cutoff=spec.cutoff,
        obligation_wait_counts=spec.waits_count,
        fees=[catalog.FeeData(kind=f.kind, name=nfc(f.name), amount=f.amount) for f in spec.fees],
        documents=[
            catalog.DocumentData(name=nfc(d.name), originals=d.originals, certified_copies=d.certified_copies,
                                 copies=d.copies, mandatory=d.mandatory)
            for d in spec.docs
        ],
        result_type=nfc(spec.result), legal_basis=spec.legal_basis, level=None, in_rating_pilot=spec.pilot,
    )


def _unchanged(procedure: Procedure | None, data: catalog.ProcedureData, agency_ids: set[int]) -> bool:
    """Whether the stored procedure already says what `data` says (then nothing is written)."""
    if procedure is None:
        return False
    stored = (
        procedure.name, procedure.sector.code, Decimal(procedure.time_limit), procedure.time_limit_unit,
        procedure.online_time_limit, procedure.same_day_cutoff, procedure.obligation_wait_counts,
        procedure.result_type, procedure.legal_basis, procedure.in_rating_pilot, procedure.is_active,
        {a.pk for a in procedure.agencies.all()},
        [(f.kind, f.name, f.amount) for f in procedure.fees.all()],
        [(d.name, d.originals, d.certified_copies, d.copies, d.mandatory) for d in procedure.documents.all()],
    )
    wanted = (
        data.name, data.sector_code, data.time_limit, data.time_limit_unit,
        data.online_time_limit, data.same_day_cutoff, data.obligation_wait_counts,
        data.result_type, data.legal_basis.strip(), data.in_rating_pilot, True,
        agency_ids,
        [(f.kind, f.name, f.amount) for f in data.fees],
        [(d.name, d.originals, d.certified_copies, d.copies, d.mandatory) for d in data.documents],
    )
    return stored == wanted


def _catalog(plan: list[ProcedureSpec], agencies: list[AgencySpec], by_code: dict[str, Agency], *, actor) -> int:
    sectors = {s.code: s for s in Sector.objects.filter(code__in=SECTORS)}
    for code, name in SECTORS.items():
        sector = sectors.get(code) or Sector(code=code)
        if sector.pk is None or sector.name != name:
            sector.name = name
            catalog.save_sector(sector, actor=actor)

    existing = {
        p.code: p for p in Procedure.objects.filter(code__in=[s.code for s in plan])
        .select_related("sector").prefetch_related("agencies", "fees", "documents")
    }
    rows = []
    for spec in plan:
        codes = _competent_codes(spec, agencies)
        data = _procedure_data(spec, codes)
        if not _unchanged(existing.get(spec.code), data, {by_code[c].pk for c in codes}):
            rows.append(data)
    if rows:
        catalog.import_procedures(rows, actor=actor, source="seed_demo")

    procedures = {
        p.code: p for p in Procedure.objects.filter(code__in=[s.code for s in plan])
        .prefetch_related("online_levels", "process_versions__steps")
    }
    created = 0
    for spec in plan:
        procedure = procedures[spec.code]
        _online_levels(procedure, spec)
        for effective_from, steps in process_plan(spec):
            if not _has_process(procedure, effective_from, steps):
                catalog.save_process(procedure, steps, agency=None, effective_from=effective_from, actor=actor,
                                     note="seed_demo")
                created += 1
    return created


DEMO_CITIZEN = {"username": "congdan.demo", "email": "congdan.demo@nguoidan.example", "phone": "0912000111",
                "full_name": "Nguyễn Văn Dân", "id_number": "060090001234"}


def _demo_citizen(password_hash: str) -> None:
    """A local citizen account with a verified email, to try the portal without VNeID."""
    from allauth.account.models import EmailAddress

    from motcua.citizens.models import CitizenProfile

    c = DEMO_CITIZEN
    user, _created = User.objects.update_or_create(
        username=c["username"],
        defaults={"email": c["email"], "phone": c["phone"], "full_name": c["full_name"], "password": password_hash},
    )
    CitizenProfile.objects.update_or_create(user=user, defaults={"id_number": c["id_number"]})
    EmailAddress.objects.update_or_create(user=user, email=c["email"], defaults={"verified": True, "primary": True})


def _eforms(plan: list[ProcedureSpec]) -> None:
    """An e-form (version 1) for every procedure ever offered at level 3 or 4; an edited one is kept."""
    online = [spec.code for spec in plan if any(level >= 3 for level, _day in spec.levels)]
    have = set(EForm.objects.filter(procedure__code__in=online).values_list("procedure__code", flat=True))
    for procedure in Procedure.objects.filter(code__in=set(online) - have):
        form = eforms.BY_PROCEDURE.get(procedure.code, eforms.GENERIC)
        EForm.objects.create(procedure=procedure, version=1, effective_from=eforms.EFFECTIVE, **form)


def _online_levels(procedure: Procedure, spec: ProcedureSpec) -> None:
    wanted = {day: level for level, day in spec.levels}
    general = {row.effective_from: row for row in procedure.online_levels.all() if row.agency_id is None}
    for day, level in wanted.items():
        row = general.get(day)
        if row is None:
            OnlineLevel.objects.create(procedure=procedure, agency=None, level=level, effective_from=day)
        elif row.level != level:
            row.level = level
            row.save(update_fields=["level"])
    OnlineLevel.objects.filter(pk__in=[r.pk for day, r in general.items() if day not in wanted]).delete()


def _has_process(procedure: Procedure, effective_from: datetime.date, steps: list[dict]) -> bool:
    wanted = [(s["order"], nfc(s["name"]), s["role"], Decimal(s["hours"]), s["may_send_back"]) for s in steps]
    for version in procedure.process_versions.all():
        if version.agency_id is None and version.effective_from == effective_from:
            stored = [(s.order, s.name, s.role, Decimal(s.hours), s.may_send_back) for s in version.steps.all()]
            if stored == wanted:
                return True
    return False


# --- second factor ---------------------------------------------------------------------------


def _totp_devices(users: dict[str, User]) -> dict[str, tuple[str, str]]:
    """A confirmed TOTP device for every demo account whose role needs one (kept across runs)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from motcua.directory.twofactor import requires_two_factor

    result = {}
    for username, user in users.items():
        if not requires_two_factor(user):
            continue
        device = TOTPDevice.objects.filter(user=user, name="demo", confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
        result[username] = (base64.b32encode(device.bin_key).decode(), device.config_url)
    return result


# --- logins file -----------------------------------------------------------------------------


def _logins(plan: list[UserSpec], agencies: dict[str, Agency], level_codes: dict[int, str], password: str) -> list[dict]:
    return [
        {
            "username": spec.username,
            "full_name": spec.full_name,
            "position": spec.position,
            "roles": [
                {
                    "kind": str(r.kind),
                    "agency_code": r.agency,
                    "agency_name": agencies[r.agency].name,
                    "agency_level": level_codes[agencies[r.agency].level_id],
                    "desk": r.desk[1] if r.desk else None,
                    "valid_from": r.valid_from.isoformat(),
                    "valid_to": r.valid_to.isoformat() if r.valid_to else None,
                }
                for r in spec.roles
            ],
            "password": password,
        }
        for spec in plan
    ]
