"""The demo province: its shape on both sides of 1/7/2025, its catalog, its accounts, and idempotence.

The seed runs once for the module inside a transaction that is rolled back at the end, so the
other apps' tests still start from an empty database.
"""

import io
import json
from collections import Counter as Tally
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory

from motcua.catalog.models import CatalogEvent, Fee, OnlineLevel, Procedure, ProcessStep, ProcessVersion
from motcua.catalog.process import limit_hours
from motcua.demo.data.agencies import CENTRE_CODE, PROVINCE_CODE, agency_plan, department_code
from motcua.demo.data.desks import desk_plan
from motcua.demo.data.officials import STAFF_SINCE, official_plan
from motcua.demo.data.procedures import DOMAINS, PROCEDURES
from motcua.demo.data.specs import REFORM_DAY, REFORM_EVE
from motcua.directory.models import Agency, Counter, Desk, Role, RoleKind, User, validate_agency_code

PASSWORD = "demo-test-password"


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    logins = tmp_path_factory.mktemp("demo") / "logins.json"
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("seed_demo", password=PASSWORD, logins=str(logins), stdout=out)
            yield {"logins": logins, "output": out.getvalue()}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def demo_agencies():
    return Agency.objects.filter(code__in=[a.code for a in agency_plan()])


def by_level(day):
    return Tally(demo_agencies().active_on(day).values_list("level__code", flat=True))


def test_plan_has_unique_codes_usernames_and_names():
    plan = agency_plan()
    users = official_plan(plan, desk_plan(plan))
    for spec in plan:
        validate_agency_code(spec.code)
    assert len({a.code for a in plan}) == len(plan)
    assert len({u.username for u in users}) == len(users)
    # Two communes of one day with the same name would confuse every list a citizen picks from.
    for group in ("old_commune", "new_commune"):
        names = [a.name for a in plan if a.group == group]
        assert len(set(names)) == len(names)


@pytest.mark.django_db
def test_structure_before_and_after_the_reform(seeded):
    before = by_level(REFORM_EVE)
    assert (before["province"], before["department"], before["district"], before["commune"]) == (1, 19, 10, 127)
    after = by_level(REFORM_DAY)
    assert after["district"] == 0
    assert after["province"] == 1
    assert 35 <= after["commune"] <= 45
    assert after["department"] == 14
    assert Agency.objects.get(code=CENTRE_CODE).is_active(REFORM_DAY)

    dissolved = list(demo_agencies().filter(valid_to=REFORM_EVE).select_related("successor"))
    assert len(dissolved) == 10 + 127 + 7
    for agency in dissolved:
        assert agency.successor_id, agency.code
        assert agency.current_successor().is_active(REFORM_DAY), agency.code
    # Old communes belong to their district; the district's files go to a commune of its own territory.
    for district in demo_agencies().filter(level__code="district"):
        successors = {c.successor_id for c in district.children.all()}
        assert district.successor_id in successors
    assert Agency.objects.get(code=department_code("stnmt")).successor.code == department_code("snnmt")
    assert Agency.objects.get(code=department_code("snnptnt")).successor.code == department_code("snnmt")
    for agency in demo_agencies():
        validate_agency_code(agency.code)
        assert agency.path.startswith(Agency.objects.get(code=PROVINCE_CODE).path)


@pytest.mark.django_db
def test_desks_and_counters(seeded):
    centre = Desk.objects.get(agency__code=CENTRE_CODE)
    served = set(centre.serves.values_list("code", flat=True))
    assert set(Agency.objects.filter(level__code="department").values_list("code", flat=True)) <= served
    assert centre.counters.count() >= 10
    for commune in demo_agencies().filter(level__code="commune").active_on(REFORM_DAY):
        desk = commune.desks.get()
        assert desk.is_active and desk.counters.exists()
        assert list(desk.serves.all()) == [commune]
    for district in demo_agencies().filter(level__code="district"):
        desk = district.desks.get()
        assert not desk.is_active
        assert list(desk.serves.all()) == [district]
    numbers = list(Counter.objects.filter(desk=centre).values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.django_db
def test_every_role_kind_has_active_officials_before_and_after(seeded):
    for day in (REFORM_EVE, REFORM_DAY, None):
        kinds = set(Role.objects.active_on(day).values_list("kind", flat=True))
        assert kinds == set(RoleKind.values), day
    # Desk officers sit at a desk of the agency they hold the role in.
    for role in Role.objects.filter(kind=RoleKind.DESK_OFFICER).select_related("desk"):
        assert role.desk.agency_id == role.agency_id
    # Each active department and commune has its full set of roles today.
    today = Role.objects.active_on(REFORM_DAY)
    for agency in demo_agencies().active_on(REFORM_DAY).filter(level__code__in=["department", "commune"]):
        kinds = set(today.filter(agency=agency).values_list("kind", flat=True))
        needed = {RoleKind.SPECIALIST, RoleKind.HEAD_OF_DIVISION, RoleKind.AGENCY_LEADER, RoleKind.AGENCY_ADMIN}
        assert needed <= kinds, agency.code
    for commune in demo_agencies().active_on(REFORM_DAY).filter(level__code="commune"):
        assert today.filter(agency=commune, kind=RoleKind.DESK_OFFICER).exists()


@pytest.mark.django_db
def test_officials_of_dissolved_agencies_move_to_the_successor(seeded):
    roles = Role.objects.filter(user__username="skhdt.lanhdao1", kind=RoleKind.AGENCY_LEADER)
    assert set(roles.values_list("agency__code", "valid_from", "valid_to")) == {
        (department_code("skhdt"), STAFF_SINCE, REFORM_EVE),
        (department_code("stc"), REFORM_DAY, None),
    }
    moved = Role.objects.filter(valid_from=REFORM_DAY, user__roles__valid_to=REFORM_EVE).values("user").distinct()
    assert moved.count() > 700
    # A desk officer of an old commune now receives at the new commune's service centre.
    old = Role.objects.get(user__username="xa-lacthanh.motcua1", valid_to=REFORM_EVE)
    new = Role.objects.get(user__username="xa-lacthanh.motcua1", valid_from=REFORM_DAY)
    assert new.agency_id == old.agency.successor_id
    assert new.desk.is_active and not old.desk.is_active


@pytest.mark.django_db
def test_catalog_covers_the_fields_with_processes_within_the_limits(seeded):
    procedures = list(
        Procedure.objects.filter(code__in=[p.code for p in PROCEDURES])
        .select_related("sector").prefetch_related("agencies", "process_versions__steps", "online_levels")
    )
    assert len(procedures) >= 60
    sectors = Tally(p.sector.code for p in procedures)
    for domain, codes in DOMAINS.items():
        assert sum(sectors[c] for c in codes) >= 3, domain
    for procedure in procedures:
        assert procedure.agencies.exists(), procedure.code
        versions = list(procedure.process_versions.all())
        assert versions, procedure.code
        for version in versions:
            steps = list(version.steps.all())
            assert 2 <= len(steps) <= 5
            assert sum(s.hours for s in steps) <= limit_hours(procedure), procedure.code
        assert procedure.current_process(day=REFORM_EVE) is not None
        assert procedure.current_process() is not None
        assert procedure.level_for(None, REFORM_EVE) in (2, 3, 4)

    land = [p for p in procedures if p.sector.code == "dat-dai"]
    assert land and not any(p.obligation_wait_counts for p in land)
    pilots = {p.code for p in procedures if p.in_rating_pilot}
    assert {"1.012756", "1.009994"} <= pilots
    assert all(p.sector.code in ("dat-dai", "xay-dung") for p in procedures if p.in_rating_pilot)
    assert any(p.same_day_cutoff for p in procedures)
    assert any(p.time_limit_unit == "calendar_days" for p in procedures)
    assert any(p.time_limit % 1 for p in procedures)
    assert any(p.online_time_limit for p in procedures)
    assert Fee.objects.filter(procedure__in=procedures, amount__gt=0).exists()
    raised = [p for p in procedures if p.level_for(None, REFORM_EVE) < 4 == p.level_for(None, REFORM_DAY)]
    assert raised

    # A house permit: the districts until 30/6/2025, the communes (with a new process) from 1/7/2025.
    permit = next(p for p in procedures if p.code == "1.009994")
    levels = set(permit.agencies.values_list("level__code", flat=True))
    assert levels == {"district", "commune"}
    assert permit.current_process(day=REFORM_EVE) != permit.current_process(day=REFORM_DAY)
    assert permit.current_process(day=REFORM_DAY).total_hours() <= Decimal(15 * 8)


@pytest.mark.django_db
def test_a_second_run_changes_nothing(seeded):
    models = [Agency, Desk, Counter, User, Role, Procedure, Fee, OnlineLevel, ProcessVersion, ProcessStep,
              CatalogEvent]

    def counts():
        return {m.__name__: m.objects.count() for m in models}

    before = counts()
    roles_before = set(Role.objects.values_list("user__username", "agency__code", "kind", "valid_from", "valid_to"))
    call_command("seed_demo", password=PASSWORD, stdout=io.StringIO())
    assert counts() == before
    assert set(Role.objects.values_list("user__username", "agency__code", "kind", "valid_from", "valid_to")) \
        == roles_before


@pytest.mark.django_db
def test_logins_file_and_table(seeded):
    accounts = json.loads(seeded["logins"].read_text(encoding="utf-8"))
    assert len(accounts) == User.objects.filter(email__endswith="@binhhai.example").count()
    sample = next(a for a in accounts if a["username"] == "sxd.chuyenvien1")
    assert sample["password"] == PASSWORD
    assert sample["full_name"]
    role = sample["roles"][0]
    assert (role["kind"], role["agency_code"], role["agency_name"], role["desk"]) == (
        "specialist", department_code("sxd"), "Sở Xây dựng", None
    )
    desk_officer = next(a for a in accounts if a["username"] == "ttpvhcc.motcua1")
    assert desk_officer["roles"][0]["desk"]

    request = RequestFactory().post("/dang-nhap/")  # django-axes needs the request to count failures
    user = authenticate(request, username="sxd.chuyenvien1", password=PASSWORD)
    assert user is not None and user.username == "sxd.chuyenvien1"
    assert authenticate(request, username="sxd.chuyenvien1", password="wrong") is None

    out = io.StringIO()
    call_command("demo_logins", str(seeded["logins"]), stdout=out)
    table = out.getvalue()
    for username in ("tinh.quantri", "tinh.giamsat", "ttpvhcc.motcua1", "sxd.chuyenvien1", "sxd.lanhdao1",
                     "phuong-haithinh.motcua1", "phuong-haithinh.lanhdaophong1", "phuong-haithinh.quantri"):
        assert username in table
    assert PASSWORD in table
    assert "158" in seeded["output"] and "56" in seeded["output"]


def test_leaders_get_a_totp_device_whose_secret_is_in_the_logins_file(seeded, client):
    import base64

    from django_otp.oath import totp

    accounts = {a["username"]: a for a in json.loads(seeded["logins"].read_text(encoding="utf-8"))}
    leader = accounts["sxd.lanhdao1"]
    assert "totp_secret" not in accounts["sxd.chuyenvien1"]
    assert leader["totp_uri"].startswith("otpauth://totp/")
    code = f"{totp(base64.b32decode(leader['totp_secret'])):06d}"
    assert client.post("/dang-nhap/", {"username": "sxd.lanhdao1", "password": PASSWORD})["Location"].startswith(
        "/dang-nhap/xac-thuc/"
    )
    assert client.post("/dang-nhap/xac-thuc/", {"token": code}).status_code == 302
    out = io.StringIO()
    call_command("demo_totp", "sxd.lanhdao1", stdout=out)
    assert out.getvalue().strip().isdigit()
