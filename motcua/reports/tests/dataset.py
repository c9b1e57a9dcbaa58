"""A hand-built history for Form 06, official month 7/2025 (15/6–14/7/2025), across the 1/7/2025
reorganisation. Every dossier goes through the services at the moment the story says.

Sở Xây dựng (A, department level), procedure XD (15 working days), sector "Xây dựng":
  carried_early      accepted 2/6, result 20/6 (due 23/6)             carried over, resolved early
  carried_overdue    accepted 5/6 (due 26/6), never finished          carried over, pending overdue
  before             accepted 2/6, withdrawn 10/6                     not counted
  online_on_time     submitted 13/6, accepted 16/6, result at due    received online, on time
  late               accepted 17/6 (due 8/7), result 9/7              received, late
  withdrawn          accepted 18/6, withdrawn 20/6                    received, withdrawn
  stopped            accepted 19/6, stopped 25/6                      received, stopped
  supplement         accepted 16/6 (due 7/7), supplement asked 1/7    pending within deadline (waiting)
  overdue_then       accepted 20/6 (due 11/7); after T2 a supplement moves the due date past T2 and it
                     waits again today                                 pending overdue at T2
  post               accepted 1/7 by post (due 22/7)                  received direct/post, pending in time
  refused            submitted online 16/6, refused                   not counted
  after              accepted 16/7                                    not counted
Huyện Đông (D, district, dissolved 30/6; successor Xã Mới C2), procedure XDH (5 days), "Xây dựng":
  district_late      accepted 23/6 (due 30/6), result 10/7 by C2     received, late
  district_pending   accepted 24/6 (due 1/7)                          received, pending overdue
Xã Cũ (C1, commune, dissolved 30/6 into C2), procedure CT (2 days), sector "Chứng thực":
  commune_old        accepted 24/6 at D's desk, result 25/6           received, early
Xã Mới (C2, commune, from 1/7): commune_new accepted 2/7, result 3/7  received, early
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import time_machine

from motcua.catalog.models import Procedure, Sector
from motcua.directory.models import Desk, Role, RoleKind, User
from motcua.directory.tests.world import LAST_DAY
from motcua.dossiers import services
from motcua.dossiers.tests.factories import OWNER, build_dossier_world, local_dt, more_people

T1, T2 = datetime.date(2025, 6, 15), datetime.date(2025, 7, 14)
NOW = local_dt(2025, 7, 30, 10, 0)


def _people(w):
    a = w.agencies
    more_people(w)
    w.desks["D"] = Desk.objects.create(agency=a["D"], name="Bộ phận một cửa huyện Đông")
    w.desks["D"].serves.set([a["C1"]])
    for name, kind, agency, desk in [("desk_d", RoleKind.DESK_OFFICER, "D", "D"),
                                     ("specialist_d", RoleKind.SPECIALIST, "D", None)]:
        user = User.objects.create_user(name, password="x", full_name=name)
        Role.objects.create(user=user, agency=a[agency], kind=kind, desk=w.desks.get(desk), valid_to=LAST_DAY)
        w.users[name] = user


def _procedures(w):
    a = w.agencies
    certify = Sector.objects.create(code="CT", name="Chứng thực")
    w.district = Procedure.objects.create(code="2.000111", name="Cấp giấy phép xây dựng nhà ở (cấp huyện)",
                                          sector=w.procedure.sector, time_limit=Decimal("5"))
    w.district.agencies.set([a["D"], a["C2"]])
    w.certify = Procedure.objects.create(code="2.000815", name="Chứng thực bản sao từ bản chính",
                                         sector=certify, time_limit=Decimal("2"))
    w.certify.agencies.set([a["C1"], a["C2"]])


def build():
    """The world and the dossiers by name (re-read at NOW), with the clock left at NOW."""
    w = build_dossier_world()
    _people(w)
    _procedures(w)
    u, a = w.users, w.agencies
    d = SimpleNamespace()
    with time_machine.travel(local_dt(2025, 6, 2, 9, 0), tick=False) as clock:
        def at(*args):
            clock.move_to(local_dt(*args))

        def walk_in(actor="desk_s", procedure=None, **kw):
            return services.receive_walk_in(u[actor], procedure=procedure or w.procedure, owner=OWNER, **kw)

        def hand(x, assignee="specialist_a", actor="desk_s"):
            return services.hand_over(x, u[actor], assignee=u[assignee])

        def result(x, *moment):
            """Steps 2 → 3 → 4 then the result, the last at `moment`."""
            x = services.next_step(x, u["specialist_a"])
            x = services.next_step(x, u["head_a"])
            at(*moment)
            return services.mark_result_ready(x, u["leader_a"], result_number="1/GP")

        d.carried_early = hand(walk_in())
        at(2025, 6, 2, 10, 0)
        d.before = walk_in()
        at(2025, 6, 5, 9, 0)
        d.carried_overdue = hand(walk_in())
        at(2025, 6, 10, 9, 0)
        services.withdraw(d.before, u["desk_s"], reason="Xin rút")
        at(2025, 6, 13, 15, 0)
        d.online_on_time = services.submit_online(u["citizen"], procedure=w.procedure, owner=OWNER)
        at(2025, 6, 16, 8, 30)
        d.online_on_time = hand(services.accept(d.online_on_time, u["desk_s"]))
        d.refused = services.submit_online(u["citizen"], procedure=w.procedure, owner=OWNER)
        services.refuse(d.refused, u["desk_s"], reason="Không thuộc thẩm quyền")
        at(2025, 6, 16, 14, 0)
        d.supplement = hand(walk_in())
        at(2025, 6, 17, 9, 0)
        d.late = hand(walk_in())
        at(2025, 6, 18, 9, 0)
        d.withdrawn = walk_in()
        at(2025, 6, 19, 9, 0)
        d.stopped = hand(walk_in())
        at(2025, 6, 20, 9, 0)
        d.overdue_then = hand(walk_in())
        services.withdraw(d.withdrawn, u["desk_s"], reason="Xin rút")
        result(d.carried_early, 2025, 6, 20, 10, 0)
        at(2025, 6, 23, 9, 0)
        d.district_late = services.receive_walk_in(u["desk_d"], procedure=w.district, owner=OWNER,
                                                   competent_agency=a["D"])
        hand(d.district_late, "specialist_d", "desk_d")
        at(2025, 6, 24, 9, 0)
        d.district_pending = services.receive_walk_in(u["desk_d"], procedure=w.district, owner=OWNER,
                                                      competent_agency=a["D"])
        hand(d.district_pending, "specialist_d", "desk_d")
        d.commune_old = services.receive_walk_in(u["desk_d"], procedure=w.certify, owner=OWNER,
                                                 competent_agency=a["C1"])
        hand(d.commune_old, "specialist_c1", "desk_d")
        at(2025, 6, 25, 9, 0)
        services.stop(d.stopped, u["head_a"], reason="Có tranh chấp")
        services.mark_result_ready(d.commune_old, u["specialist_c1"], result_number="2/CT")
        at(2025, 7, 1, 9, 0)
        d.post = walk_in(channel="post")
        at(2025, 7, 1, 10, 0)
        services.request_supplement(d.supplement, u["specialist_a"], items=["Bản vẽ"], reason="Thiếu")
        at(2025, 7, 2, 9, 0)
        d.commune_new = services.receive_walk_in(u["desk_c2"], procedure=w.certify, owner=OWNER,
                                                 competent_agency=a["C2"])
        hand(d.commune_new, "specialist_c2", "desk_c2")
        at(2025, 7, 3, 9, 0)
        services.mark_result_ready(d.commune_new, u["specialist_c2"], result_number="3/CT")
        online = d.online_on_time
        online.refresh_from_db()
        result(online, *timezone_parts(online.due_at))
        late = d.late
        late.refresh_from_db()
        result(late, 2025, 7, 9, 10, 0)
        at(2025, 7, 10, 9, 0)
        services.mark_result_ready(d.district_late, u["province_admin"], result_number="4/GP")
        at(2025, 7, 15, 8, 0)
        services.request_supplement(d.overdue_then, u["specialist_a"], items=["Bản vẽ"], reason="Thiếu")
        at(2025, 7, 16, 9, 0)
        d.after = walk_in()
        at(2025, 7, 20, 9, 0)
        services.resubmit(d.supplement, u["desk_s"])
        at(2025, 7, 28, 8, 0)
        services.resubmit(d.overdue_then, u["desk_s"])
        at(2025, 7, 28, 9, 0)
        services.request_supplement(d.overdue_then, u["specialist_a"], items=["Bản vẽ"], reason="Thiếu")
        clock.move_to(NOW)
    for name, dossier in vars(d).items():
        dossier.refresh_from_db()
        setattr(d, name, dossier)
    return w, d


def timezone_parts(moment):
    from django.utils import timezone

    local = timezone.localtime(moment)
    return local.year, local.month, local.day, local.hour, local.minute, local.second
