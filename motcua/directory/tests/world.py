"""A small province across the 2025 reorganisation, for permission tests in every app.

    UBND tỉnh (P) ─┬─ Sở Xây dựng (A)
                   ├─ Sở Tư pháp (B)
                   ├─ Trung tâm PVHCC (S), whose desk receives for A and B
                   ├─ Huyện Đông (D) ── Xã Cũ (C1)         both end 30/6/2025
                   └─ Xã Mới (C2, from 1/7/2025, successor of D and C1)
"""

import datetime
from dataclasses import dataclass, field

from motcua.directory.models import Agency, AgencyLevel, Desk, Role, RoleKind, User

REORG = datetime.date(2025, 7, 1)
LAST_DAY = datetime.date(2025, 6, 30)


@dataclass
class World:
    agencies: dict[str, Agency] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    desks: dict[str, Desk] = field(default_factory=dict)


def level(code: str, name: str, rank: int) -> AgencyLevel:
    return AgencyLevel.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})[0]


def build_world() -> World:
    w = World()
    province = level("province", "Tỉnh", 1)
    dept = level("department", "Sở", 2)
    district = level("district", "Huyện", 3)
    commune = level("commune", "Xã", 4)
    a = w.agencies
    a["P"] = Agency.objects.create(code="000.00.00.H99", name="UBND tỉnh Bình Hải", level=province)
    a["A"] = Agency.objects.create(code="000.12.00.H99", name="Sở Xây dựng", level=dept, parent=a["P"])
    a["B"] = Agency.objects.create(code="000.13.00.H99", name="Sở Tư pháp", level=dept, parent=a["P"])
    a["S"] = Agency.objects.create(
        code="000.30.00.H99", name="Trung tâm Phục vụ hành chính công tỉnh", level=dept, parent=a["P"]
    )
    a["C2"] = Agency.objects.create(
        code="001.00.40.H99", name="Xã Mới", level=commune, parent=a["P"], valid_from=REORG
    )
    a["D"] = Agency.objects.create(
        code="000.00.40.H99", name="Huyện Đông", level=district, parent=a["P"], valid_to=LAST_DAY,
        successor=a["C2"],
    )
    a["C1"] = Agency.objects.create(
        code="002.00.40.H99", name="Xã Cũ", level=commune, parent=a["D"], valid_to=LAST_DAY, successor=a["C2"]
    )
    w.desks["S"] = Desk.objects.create(agency=a["S"], name="Bộ phận một cửa tỉnh")
    w.desks["S"].serves.set([a["A"], a["B"]])
    w.desks["C2"] = Desk.objects.create(agency=a["C2"], name="Bộ phận một cửa xã Mới")

    def official(username, *roles, **extra):
        user = User.objects.create_user(username=username, password="x", full_name=username, **extra)
        for kind, agency_key, *rest in roles:
            desk = w.desks.get(rest[0]) if rest else None
            valid_to = LAST_DAY if a[agency_key].valid_to else None
            Role.objects.create(user=user, agency=a[agency_key], kind=kind, desk=desk, valid_to=valid_to)
        w.users[username] = user
        return user

    official("province_admin", (RoleKind.PROVINCE_ADMIN, "P"))
    official("supervisor", (RoleKind.REFORM_SUPERVISOR, "P"))
    official("admin_a", (RoleKind.AGENCY_ADMIN, "A"))
    official("admin_b", (RoleKind.AGENCY_ADMIN, "B"))
    official("admin_c2", (RoleKind.AGENCY_ADMIN, "C2"))
    official("admin_d", (RoleKind.AGENCY_ADMIN, "D"))
    official("leader_a", (RoleKind.AGENCY_LEADER, "A"))
    official("head_a", (RoleKind.HEAD_OF_DIVISION, "A"))
    official("specialist_a", (RoleKind.SPECIALIST, "A"))
    official("specialist_b", (RoleKind.SPECIALIST, "B"))
    official("desk_s", (RoleKind.DESK_OFFICER, "S", "S"))
    official("specialist_c1", (RoleKind.SPECIALIST, "C1"))
    official("nobody")
    w.users["root"] = User.objects.create_superuser("root", password="x")
    return w
