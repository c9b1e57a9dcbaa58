"""Fictional officials: who works where, in which role, before and after the 2025 reform.

Usernames read as `<unit>.<role><n>`: the unit is the agency's slug (`sxd`, `ttpvhcc`, `tinh`,
`huyen-hoason`, `xa-lacthanh`, `phuong-haithinh`), the role one of `motcua` (desk officer),
`chuyenvien` (specialist), `lanhdaophong` (head of division), `lanhdao` (agency leader),
`quantri` (agency or province administrator), `giamsat` (reform supervisor).

An official of an agency that the reform dissolved keeps the account: the old role ends on
30/6/2025 and a new one starts on 1/7/2025 in the agency that took over the work.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from motcua.directory.models import RoleKind

from .agencies import (
    DEPARTMENT_BY_SLUG,
    PROVINCE_CODE,
    UNIT_WORD,
    department_code,
)
from .specs import REFORM_DAY, REFORM_EVE, AgencySpec, DeskSpec, RoleSpec, UserSpec

STAFF_SINCE = datetime.date(2017, 1, 1)
CENTRE_DESK_OFFICERS = 16

K = RoleKind

# --- names -----------------------------------------------------------------------------------

# Weighted roughly as Vietnamese family names are: about four in ten are Nguyễn.
_FAMILY = (["Nguyễn"] * 12 + ["Trần"] * 4 + ["Lê"] * 3 + ["Phạm"] * 2 + ["Huỳnh"] * 2 + ["Võ"] * 2
           + ["Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh",
              "Lương", "Mai", "Châu", "Tô"])
_MIDDLE = {
    "m": ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Ngọc", "Xuân", "Quang", "Trọng", "Đình"],
    "f": ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích", "Thùy", "Hồng", "Phương"],
}
_GIVEN = {
    "m": ["An", "Bảo", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khang", "Khoa", "Lâm",
          "Long", "Lộc", "Minh", "Nam", "Nhân", "Phát", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng",
          "Thành", "Thịnh", "Tiến", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ"],
    "f": ["Anh", "Châu", "Chi", "Diễm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương",
          "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh", "Phương",
          "Quyên", "Tâm", "Thảo", "Thủy", "Trâm", "Trang", "Tuyết", "Uyên", "Vân", "Vy", "Yến"],
}


def person_name(username: str) -> str:
    """A realistic, fictional name derived from the username, so that it never changes between runs."""
    digest = hashlib.sha256(username.encode()).digest()
    sex = "f" if digest[0] % 2 else "m"
    middle, given = _MIDDLE[sex], _GIVEN[sex]
    first = given[digest[3] % len(given)]
    mid = middle[digest[2] % len(middle)]
    if mid == first:
        mid = middle[(digest[2] + 1) % len(middle)]
    return f"{_FAMILY[digest[1] % len(_FAMILY)]} {mid} {first}"


# --- staffing rules --------------------------------------------------------------------------


@dataclass(frozen=True)
class Post:
    """One account to create in each agency of a kind: `<slug>.<handle>`."""

    handle: str
    kind: str
    title: str  # "{word}" is the unit's word: huyện, xã, phường…
    # What the post becomes in the successor agency on 1/7/2025: (kind, title).
    after: tuple[str, str] | None = None


_CENTRE_OFFICER = "Công chức Trung tâm Phục vụ hành chính công"

DISTRICT_POSTS = (
    Post("motcua1", K.DESK_OFFICER, "Công chức Bộ phận Một cửa", (K.DESK_OFFICER, _CENTRE_OFFICER)),
    Post("motcua2", K.DESK_OFFICER, "Công chức Bộ phận Một cửa", (K.DESK_OFFICER, _CENTRE_OFFICER)),
    Post("motcua3", K.DESK_OFFICER, "Công chức Bộ phận Một cửa", (K.DESK_OFFICER, _CENTRE_OFFICER)),
    Post("chuyenvien1", K.SPECIALIST, "Chuyên viên Phòng Tài nguyên và Môi trường",
         (K.SPECIALIST, "Chuyên viên Phòng Kinh tế")),
    Post("chuyenvien2", K.SPECIALIST, "Chuyên viên Phòng Kinh tế và Hạ tầng",
         (K.SPECIALIST, "Chuyên viên Phòng Kinh tế")),
    Post("chuyenvien3", K.SPECIALIST, "Chuyên viên Phòng Tư pháp",
         (K.SPECIALIST, "Chuyên viên Văn phòng HĐND và UBND")),
    Post("lanhdaophong1", K.HEAD_OF_DIVISION, "Trưởng phòng Tài nguyên và Môi trường",
         (K.HEAD_OF_DIVISION, "Trưởng phòng Kinh tế")),
    Post("lanhdaophong2", K.HEAD_OF_DIVISION, "Trưởng phòng Tư pháp",
         (K.HEAD_OF_DIVISION, "Trưởng phòng Văn hóa - Xã hội")),
    Post("lanhdao1", K.AGENCY_LEADER, "Chủ tịch UBND {word}", (K.AGENCY_LEADER, "Phó Chủ tịch UBND {new}")),
    Post("lanhdao2", K.AGENCY_LEADER, "Phó Chủ tịch UBND {word}", (K.AGENCY_LEADER, "Phó Chủ tịch UBND {new}")),
    Post("quantri", K.AGENCY_ADMIN, "Chuyên viên Văn phòng HĐND và UBND",
         (K.SPECIALIST, "Chuyên viên Văn phòng HĐND và UBND")),
)

OLD_COMMUNE_POSTS = (
    Post("motcua1", K.DESK_OFFICER, "Công chức Văn phòng - Thống kê (Bộ phận Một cửa)",
         (K.DESK_OFFICER, _CENTRE_OFFICER)),
    Post("chuyenvien1", K.SPECIALIST, "Công chức Tư pháp - Hộ tịch",
         (K.SPECIALIST, "Chuyên viên Văn phòng HĐND và UBND")),
    Post("chuyenvien2", K.SPECIALIST, "Công chức Địa chính - Xây dựng",
         (K.SPECIALIST, "Chuyên viên Phòng Kinh tế")),
    Post("lanhdao1", K.AGENCY_LEADER, "Chủ tịch UBND {word}", (K.AGENCY_LEADER, "Phó Chủ tịch UBND {new}")),
    Post("quantri", K.AGENCY_ADMIN, "Công chức Văn phòng - Thống kê",
         (K.SPECIALIST, "Chuyên viên Văn phòng HĐND và UBND")),
)

NEW_COMMUNE_POSTS = (
    Post("motcua1", K.DESK_OFFICER, _CENTRE_OFFICER),
    Post("chuyenvien1", K.SPECIALIST, "Chuyên viên Phòng Kinh tế"),
    Post("lanhdaophong1", K.HEAD_OF_DIVISION, "Trưởng phòng Kinh tế"),
    Post("lanhdaophong2", K.HEAD_OF_DIVISION, "Trưởng phòng Văn hóa - Xã hội"),
    Post("lanhdao1", K.AGENCY_LEADER, "Chủ tịch UBND {word}"),
    Post("quantri", K.AGENCY_ADMIN, "Chuyên viên Văn phòng HĐND và UBND"),
)

# Departments: heads and specialists belong to the department's division; a leader of a merged
# department becomes a deputy of the department that absorbed it.
DEPARTMENT_SPECIALISTS = 3

# Posts that followed their work to a department other than the formal successor.
DEPARTMENT_TRANSFERS = {
    ("sldtbxh", "chuyenvien2"): ("syt", "Chuyên viên Phòng Bảo trợ xã hội"),  # social protection went to Health
    ("stttt", "chuyenvien2"): ("svhttdl", "Chuyên viên Phòng Báo chí, Xuất bản"),  # press went to Culture
}


def _unit_word(agency: AgencySpec) -> str:
    """The unit's word ("xã", "phường", "huyện"…), read back from the name the agency plan built."""
    rest = agency.short_name.removeprefix("UBND ")
    for word in sorted(UNIT_WORD.values(), key=len, reverse=True):
        if rest.startswith(word + " "):
            return word
    return ""


def _title(template: str, agency: AgencySpec, successor: AgencySpec | None = None) -> str:
    return template.format(word=_unit_word(agency), new=_unit_word(successor) if successor else "")


def _user(users: dict[str, UserSpec], username: str) -> UserSpec:
    if username not in users:
        users[username] = UserSpec(username, person_name(username))
    return users[username]


def official_plan(agencies: list[AgencySpec], desks: list[DeskSpec]) -> list[UserSpec]:
    by_code = {a.code: a for a in agencies}
    desk_of = {d.agency: d.key for d in desks}
    users: dict[str, UserSpec] = {}

    def add(username, kind, agency: AgencySpec, title, *, since=STAFF_SINCE, until=None):
        desk = desk_of[agency.code] if kind == K.DESK_OFFICER else None
        since = max(since, agency.valid_from)
        _user(users, username).roles.append(RoleSpec(kind, agency.code, title, desk, since, until))

    province = by_code[PROVINCE_CODE]
    admin = _user(users, "tinh.quantri")
    # A superuser, so that the demo has one account that opens every admin page.
    admin.is_staff = admin.is_superuser = True
    add("tinh.quantri", K.PROVINCE_ADMIN, province, "Quản trị hệ thống một cửa điện tử tỉnh")
    add("tinh.giamsat", K.REFORM_SUPERVISOR, province, "Chuyên viên theo dõi công tác cải cách hành chính")
    add("tinh.lanhdao1", K.AGENCY_LEADER, province, "Chủ tịch UBND tỉnh")
    add("tinh.lanhdao2", K.AGENCY_LEADER, province, "Phó Chủ tịch UBND tỉnh")
    # The Department of Home Affairs runs the reform programme and watches every agency.
    add("snv.giamsat", K.REFORM_SUPERVISOR, by_code[department_code("snv")],
        "Chuyên viên Phòng Cải cách hành chính")

    for agency in agencies:
        if agency.group == "department":
            _staff_department(agency, by_code, add)
        elif agency.group == "centre":
            for n in range(1, CENTRE_DESK_OFFICERS + 1):
                add(f"ttpvhcc.motcua{n}", K.DESK_OFFICER, agency, "Công chức tiếp nhận và trả kết quả")
            add("ttpvhcc.lanhdao1", K.AGENCY_LEADER, agency, "Giám đốc Trung tâm")
            add("ttpvhcc.lanhdao2", K.AGENCY_LEADER, agency, "Phó Giám đốc Trung tâm")
            add("ttpvhcc.quantri", K.AGENCY_ADMIN, agency, "Chuyên viên quản trị hệ thống")
        elif agency.group == "new_commune":
            for post in NEW_COMMUNE_POSTS:
                add(f"{agency.slug}.{post.handle}", post.kind, agency, _title(post.title, agency))

    for agency in agencies:
        if agency.group == "old_commune":
            _staff_dissolved(agency, OLD_COMMUNE_POSTS, [by_code[agency.successor]], add)
    new_units = _new_units_by_district(agencies)
    for agency in agencies:
        if agency.group == "district":
            _staff_dissolved(agency, DISTRICT_POSTS, new_units[agency.code], add)
    return sorted(users.values(), key=lambda u: u.username)


def _staff_department(agency: AgencySpec, by_code, add) -> None:
    dept = DEPARTMENT_BY_SLUG[agency.slug]
    successor = by_code.get(agency.successor) if agency.successor else None
    head = dept.division.replace("Phòng", "Trưởng phòng", 1)
    posts = [
        *((f"chuyenvien{n}", K.SPECIALIST, f"Chuyên viên {dept.division}") for n in
          range(1, DEPARTMENT_SPECIALISTS + 1)),
        ("lanhdaophong1", K.HEAD_OF_DIVISION, head),
        ("lanhdao1", K.AGENCY_LEADER, dept.leader_titles[0]),
        ("lanhdao2", K.AGENCY_LEADER, dept.leader_titles[1]),
        ("quantri", K.AGENCY_ADMIN, "Chuyên viên Văn phòng, quản trị hệ thống"),
    ]
    if dept.created_by_reform:
        # Its specialists and heads come from the departments it absorbed; it gets a new
        # director and administrator of its own.
        posts = [p for p in posts if p[0] in ("lanhdao1", "quantri")]
    for handle, kind, title in posts:
        username = f"{dept.slug}.{handle}"
        if successor is None:
            add(username, kind, agency, title)
            continue
        add(username, kind, agency, title, until=REFORM_EVE)
        target_slug, title = DEPARTMENT_TRANSFERS.get((dept.slug, handle), (successor.slug, title))
        target = by_code[department_code(target_slug)]
        if kind == K.AGENCY_LEADER:
            title = DEPARTMENT_BY_SLUG[target.slug].leader_titles[1]
        add(username, kind, target, title, since=REFORM_DAY)


def _new_units_by_district(agencies: list[AgencySpec]) -> dict[str, list[AgencySpec]]:
    """Each district's new communes, the one at the district's seat first."""
    by_code = {a.code: a for a in agencies}
    result: dict[str, list[AgencySpec]] = {}
    for agency in agencies:
        if agency.group == "old_commune":
            units = result.setdefault(agency.parent, [])
            successor = by_code[agency.successor]
            if successor not in units:
                units.append(successor)
    return result


def _staff_dissolved(agency: AgencySpec, posts, successors: list[AgencySpec], add) -> None:
    """The staff of a district or old commune, each moving on 1/7/2025 to one of its successors.

    A district's officials spread over the new communes of its territory, starting with the
    one that took the district seat (and the district's files).
    """
    for post, target in zip(posts, _cycle(successors, len(posts)), strict=True):
        username = f"{agency.slug}.{post.handle}"
        add(username, post.kind, agency, _title(post.title, agency), until=REFORM_EVE)
        kind, title = post.after
        add(username, kind, target, _title(title, agency, target), since=REFORM_DAY)


def _cycle(items: list, count: int) -> list:
    return [items[i % len(items)] for i in range(count)]
