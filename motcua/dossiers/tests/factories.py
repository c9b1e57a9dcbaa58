"""A procedure with a four-step process on top of the directory's test world."""

import contextlib
import datetime
import secrets
from decimal import Decimal
from unittest import mock

from django.db import transaction
from django.test import Client
from django.utils import timezone

from motcua.catalog.models import Fee, Procedure, ProcessStep, ProcessVersion, RequiredDocument, Sector
from motcua.directory.models import ApiToken, Desk, Role, RoleKind, User
from motcua.directory.tests.world import LAST_DAY, build_world
from motcua.directory.tokens import digest


def build_dossier_world():
    w = build_world()
    a = w.agencies
    sector = Sector.objects.create(code="XD", name="Xây dựng")
    procedure = Procedure.objects.create(
        code="1.009994", name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", sector=sector,
        time_limit=Decimal("15"), in_rating_pilot=True,
    )
    procedure.agencies.set([a["A"]])
    Fee.objects.create(procedure=procedure, name="Lệ phí cấp giấy phép xây dựng", amount=75000)
    RequiredDocument.objects.create(procedure=procedure, order=1, name="Đơn đề nghị cấp giấy phép xây dựng",
                                    originals=1)
    RequiredDocument.objects.create(procedure=procedure, order=2, name="Bản vẽ thiết kế", originals=2)
    version = ProcessVersion.objects.create(procedure=procedure, number=1, effective_from="2020-01-01")
    for order, name, role, hours, back in [
        (1, "Tiếp nhận, chuyển hồ sơ", RoleKind.DESK_OFFICER, 4, False),
        (2, "Thẩm định hồ sơ", RoleKind.SPECIALIST, 80, False),
        (3, "Lãnh đạo phòng xem xét", RoleKind.HEAD_OF_DIVISION, 20, True),
        (4, "Lãnh đạo Sở ký duyệt", RoleKind.AGENCY_LEADER, 16, True),
    ]:
        ProcessStep.objects.create(version=version, order=order, name=name, role=role, hours=hours,
                                   may_send_back=back)
    w.procedure = procedure
    # A second specialist so that assignment has a choice, and a leader at the coordinating agency.
    extra = User.objects.create_user("specialist_a2", password="x", full_name="Chuyên viên hai")
    Role.objects.create(user=extra, agency=a["A"], kind=RoleKind.SPECIALIST)
    w.users["specialist_a2"] = extra
    leader_b = User.objects.create_user("leader_b", password="x", full_name="Lãnh đạo Sở Tư pháp")
    Role.objects.create(user=leader_b, agency=a["B"], kind=RoleKind.AGENCY_LEADER)
    w.users["leader_b"] = leader_b
    citizen = User.objects.create_user("citizen", password="x", full_name="Nguyễn Văn An")
    w.users["citizen"] = citizen
    return w


OWNER = {"name": "Nguyễn Văn An", "id_number": "060090001234", "phone": "0912345678",
         "email": "an@example.vn", "address": "12 Trần Hưng Đạo, phường Mới"}


# --- Helpers shared by the dossier feature tests ----------------------------------------------------
# (Additions: everything above stays as the journey test knows it.)

AGENCY_B = "000.13.00.H99"


def more_people(w):
    """Officials the permission tests need on top of the world: a desk elsewhere, a successor's
    specialist, another citizen."""
    a = w.agencies
    desk_c2 = User.objects.create_user("desk_c2", password="x", full_name="Cán bộ một cửa xã Mới")
    Role.objects.create(user=desk_c2, agency=a["C2"], kind=RoleKind.DESK_OFFICER, desk=w.desks["C2"])
    specialist_c2 = User.objects.create_user("specialist_c2", password="x", full_name="Chuyên viên xã Mới")
    Role.objects.create(user=specialist_c2, agency=a["C2"], kind=RoleKind.SPECIALIST)
    w.users["desk_c2"] = desk_c2
    w.users["specialist_c2"] = specialist_c2
    w.users["citizen2"] = User.objects.create_user("citizen2", password="x", full_name="Trần Thị Bình")
    return w


class Clock:
    """A settable `timezone.now()`: every service, the calendar and the token check read it (model field
    defaults such as `created_at` or the access log's `at` were bound at import and keep real time)."""

    def __init__(self, at: datetime.datetime):
        self.at = at

    def __call__(self) -> datetime.datetime:
        return self.at

    def set(self, at: datetime.datetime) -> None:
        self.at = at

    def advance(self, **delta) -> datetime.datetime:
        self.at += datetime.timedelta(**delta)
        return self.at


@contextlib.contextmanager
def clock_at(at: datetime.datetime):
    clock = Clock(at)
    with mock.patch("django.utils.timezone.now", clock):
        yield clock


def local_dt(*args) -> datetime.datetime:
    """An aware datetime in Asia/Ho_Chi_Minh."""
    return timezone.make_aware(datetime.datetime(*args))


def token_for(user, hours: float = 8) -> str:
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=digest(raw), expires_at=timezone.now() + datetime.timedelta(hours=hours))
    return raw


_client = None


def shared_client() -> Client:
    """One test client for all: each new Client builds the middleware chain again, and WhiteNoise's
    middleware scans every static file when it is built (tens of milliseconds a time). Bearer tokens
    need no cookies, so nothing leaks from one test to the next."""
    global _client
    if _client is None:
        _client = Client()
    _client.cookies.clear()
    return _client


class Api:
    """The officials' API as one user or another sees it (bearer tokens made without the password round trip)."""

    def __init__(self, client=None, tokens=None):
        self.client = client or shared_client()
        # A copy: a token made inside a test is rolled back with it and must not outlive it here.
        self.tokens = dict(tokens or {})

    def headers(self, who) -> dict:
        if who is None:
            return {}
        if who not in self.tokens:
            self.tokens[who] = token_for(User.objects.get(username=who))
        return {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[who]}"}

    def get(self, who, path, meta=None, **params):
        """GET with query `params`; `meta` adds request META entries (REMOTE_ADDR, HTTP_X_FORWARDED_FOR…)."""
        return self.client.get(f"/api/v1{path}", params, **self.headers(who), **(meta or {}))

    def post(self, who, path, body=None, meta=None):
        return self.client.post(f"/api/v1{path}", body if body is not None else {}, content_type="application/json",
                                **self.headers(who), **(meta or {}))

    def act(self, who, code, action, body=None):
        return self.post(who, f"/dossiers/{code}/actions/{action}", body)


@contextlib.contextmanager
def rolled_back(django_db_blocker):
    """For module-scoped fixtures: write once, roll everything back after the module's tests
    (each test still runs in its own savepoint, so one test's changes never reach the next)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


# Driving a dossier into a status through the services, as officials would.

def walk_in(w, actor="desk_s", procedure=None, **kwargs):
    from motcua.dossiers import services

    kwargs.setdefault("owner", OWNER)
    return services.receive_walk_in(w.users[actor], procedure=procedure or w.procedure, **kwargs)


def online(w, account="citizen", procedure=None, **kwargs):
    from motcua.dossiers import services

    kwargs.setdefault("owner", OWNER)
    return services.submit_online(w.users[account] if account else None, procedure=procedure or w.procedure, **kwargs)


def drive(w, status: int, *, step: int = 2, coordination: bool = False, apology: bool = False,
          supplement_from: int = 4, account: str | None = None):
    """A dossier of `w.procedure` in `status`, reached through the services.

    step: the internal step (2 specialist, 3 head of division, 4 leader) while in processing;
    coordination: an open request to Sở Tư pháp (B), asked while in processing;
    apology: a proposed (not yet approved) apology of Sở Xây dựng, when the clock runs;
    supplement_from: 1 (before acceptance) or 4 (during processing) for status 5;
    account: the citizen who submitted it online (then accepted at the desk) instead of a walk-in.
    """
    from motcua.dossiers import services
    from motcua.dossiers.workflow import Status

    u = w.users
    if status == 1 or (status == 5 and supplement_from == 1):
        d = online(w, account or "citizen")
        if status == 5:
            d = services.request_supplement(d, u["desk_s"], items=["Bản vẽ mặt cắt"], reason="Thiếu")
        return d
    if status == 3:
        return services.refuse(online(w, account or "citizen"), u["desk_s"], reason="Không thuộc thẩm quyền")
    d = services.accept(online(w, account), u["desk_s"]) if account else walk_in(w)
    if status == 7:
        return services.withdraw(d, u["desk_s"], reason="Công dân xin rút")
    if status != 2:
        d = services.hand_over(d, u["desk_s"], assignee=u["specialist_a"])
        if coordination:
            services.request_coordination(d, u["specialist_a"], agency=w.agencies["B"], request="Xin ý kiến",
                                          working_days=3)
        target_step = 4 if status in (9, 10) else step
        for who in ("specialist_a", "head_a")[: target_step - 2]:
            d = services.next_step(d, u[who])
        if status == 5:
            d = services.request_supplement(d, u["specialist_a"], items=["Bản vẽ mặt cắt"], reason="Thiếu")
        elif status == 6:
            d = services.request_obligation(d, u["specialist_a"], amount=1_000_000, reason="Tiền sử dụng đất")
        elif status == 8:
            d = services.stop(d, u["head_a"], reason="Có tranh chấp")
        elif status in (9, 10):
            d = services.mark_result_ready(d, u["leader_a"], result_number="12/GPXD", signer="Giám đốc Sở")
            if status == 10:
                d = services.return_result(d, u["desk_s"])
    if apology and d.status in Status.clock_running():
        services.propose_apology(d, u["leader_a"], reason="Chờ ý kiến cơ quan thuế",
                                 new_due_at=d.due_at + datetime.timedelta(days=7))
    d.refresh_from_db()
    assert d.status == status, (d.status, status)
    return d


def historical_dossier(w):
    """A walk-in received on 20/6/2025 by Huyện Đông (D) for Xã Cũ (C1), both dissolved on 30/6/2025;
    Xã Mới (C2) is their successor. Needs `more_people(w)` for C2's officials."""
    a = w.agencies
    procedure = Procedure.objects.create(code="1.001757", name="Chứng thực bản sao từ bản chính",
                                         sector=w.procedure.sector, time_limit=Decimal("2"))
    procedure.agencies.set([a["C1"], a["C2"]])
    desk_d = Desk.objects.create(agency=a["D"], name="Bộ phận một cửa huyện Đông")
    clerk = User.objects.create_user("desk_d", password="x", full_name="Cán bộ một cửa huyện Đông")
    Role.objects.create(user=clerk, agency=a["D"], kind=RoleKind.DESK_OFFICER, desk=desk_d, valid_to=LAST_DAY)
    w.users["desk_d"] = clerk
    with clock_at(local_dt(2025, 6, 20, 9, 0)):
        d = walk_in(w, actor="desk_d", procedure=procedure, competent_agency=a["C1"])
    return d
