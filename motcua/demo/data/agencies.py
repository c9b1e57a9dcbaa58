"""The fictional province of Bình Hải, modelled on a real one as it stood in 2017 and after 1/7/2025.

Codes follow QCVN 102:2016 in shape; H99 is not a real province number:
  000.00.00.H99   the provincial People's Committee
  000.DD.00.H99   departments (01–19 before the reform, 20–21 created by it)
  000.30.00.H99   the provincial public administration service centre
  000.00.DD.H99   districts (01–10)
  NNN.00.DD.H99   communes before the reform, numbered within their district DD
  NNN.00.00.H99   communes, wards and the special zone after the reform (001–040)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from motcua.core.text import nfc, search_key

from .specs import REFORM_DAY, REFORM_EVE, AgencySpec, LevelSpec

PROVINCE_NAME = "Bình Hải"
PROVINCE_CODE = "000.00.00.H99"
CENTRE_CODE = "000.30.00.H99"
# The provincial centre opened under NĐ 61/2018; before it each department received on its own.
CENTRE_OPENED = datetime.date(2019, 1, 1)

LEVELS = [
    LevelSpec("province", "Ủy ban nhân dân tỉnh", 1),
    LevelSpec("department", "Sở, ban, ngành thuộc tỉnh", 2),
    LevelSpec("service_centre", "Trung tâm Phục vụ hành chính công", 2),
    LevelSpec("district", "Cấp huyện (huyện, thị xã, thành phố thuộc tỉnh)", 3),
    LevelSpec("commune", "Cấp xã (xã, phường, thị trấn, đặc khu)", 4),
]


@dataclass(frozen=True)
class Department:
    slug: str
    number: int
    name: str
    short_name: str
    leader_titles: tuple[str, str]
    division: str  # the division (phòng) whose head and specialists handle its procedures
    successor: str | None = None  # slug of the department that took it over on 1/7/2025
    created_by_reform: bool = False


_SO = ("Giám đốc Sở", "Phó Giám đốc Sở")
_BAN = ("Trưởng ban", "Phó Trưởng ban")

# The 19 of 2017 and the two the 2025 merger created. The real merger took effect on 1/3/2025;
# the demo uses the same day as the two-tier reform so that 30/6 and 1/7 show the whole change.
DEPARTMENTS = [
    Department("snv", 1, "Sở Nội vụ", "SNV", _SO, "Phòng Cải cách hành chính"),
    Department("stp", 2, "Sở Tư pháp", "STP", _SO, "Phòng Hành chính tư pháp"),
    Department("skhdt", 3, "Sở Kế hoạch và Đầu tư", "SKHĐT", _SO, "Phòng Đăng ký kinh doanh", successor="stc"),
    Department("stc", 4, "Sở Tài chính", "STC", _SO, "Phòng Quản lý giá và công sản"),
    Department("sct", 5, "Sở Công Thương", "SCT", _SO, "Phòng Quản lý thương mại"),
    Department(
        "snnptnt", 6, "Sở Nông nghiệp và Phát triển nông thôn", "SNN&PTNT", _SO, "Phòng Kế hoạch - Tài chính",
        successor="snnmt",
    ),
    Department("sgtvt", 7, "Sở Giao thông vận tải", "SGTVT", _SO, "Phòng Quản lý vận tải", successor="sxd"),
    Department("sxd", 8, "Sở Xây dựng", "SXD", _SO, "Phòng Quản lý hoạt động xây dựng"),
    Department(
        "stnmt", 9, "Sở Tài nguyên và Môi trường", "STN&MT", _SO, "Phòng Quản lý đất đai", successor="snnmt"
    ),
    Department(
        "stttt", 10, "Sở Thông tin và Truyền thông", "STT&TT", _SO, "Phòng Bưu chính, Viễn thông",
        successor="skhcn",
    ),
    # Most of labour and war invalids went to Home Affairs; social protection went to Health.
    Department(
        "sldtbxh", 11, "Sở Lao động - Thương binh và Xã hội", "SLĐTB&XH", _SO, "Phòng Người có công",
        successor="snv",
    ),
    Department("svhttdl", 12, "Sở Văn hóa, Thể thao và Du lịch", "SVHTT&DL", _SO, "Phòng Quản lý văn hóa"),
    Department("skhcn", 13, "Sở Khoa học và Công nghệ", "SKH&CN", _SO, "Phòng Quản lý công nghệ"),
    Department("sgddt", 14, "Sở Giáo dục và Đào tạo", "SGD&ĐT", _SO, "Phòng Giáo dục trung học"),
    Department("syt", 15, "Sở Y tế", "SYT", _SO, "Phòng Nghiệp vụ Y"),
    Department("ttt", 16, "Thanh tra tỉnh", "TTT", ("Chánh Thanh tra tỉnh", "Phó Chánh Thanh tra tỉnh"),
               "Phòng Tiếp công dân và xử lý đơn"),
    Department("vpubnd", 17, "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh",
               ("Chánh Văn phòng", "Phó Chánh Văn phòng"), "Phòng Kiểm soát thủ tục hành chính"),
    Department("bdt", 18, "Ban Dân tộc", "BDT", _BAN, "Phòng Chính sách dân tộc", successor="sdttg"),
    Department("bqlkcn", 19, "Ban Quản lý các khu công nghiệp", "BQL KCN", _BAN, "Phòng Quản lý doanh nghiệp"),
    Department("snnmt", 20, "Sở Nông nghiệp và Môi trường", "SNN&MT", _SO, "Phòng Quản lý đất đai",
               created_by_reform=True),
    Department("sdttg", 21, "Sở Dân tộc và Tôn giáo", "SDT&TG", _SO, "Phòng Chính sách dân tộc",
               created_by_reform=True),
]
DEPARTMENT_BY_SLUG = {d.slug: d for d in DEPARTMENTS}


def department_code(slug: str) -> str:
    return f"000.{DEPARTMENT_BY_SLUG[slug].number:02d}.00.H99"


# Kinds of local unit: the word in the name, and the prefix of the usernames of its officials.
UNIT_WORD = {
    "thanh_pho": "thành phố", "thi_xa": "thị xã", "huyen": "huyện",
    "phuong": "phường", "xa": "xã", "thi_tran": "thị trấn", "dac_khu": "đặc khu",
}
UNIT_PREFIX = {
    "thanh_pho": "tp", "thi_xa": "tx", "huyen": "huyen",
    "phuong": "phuong", "xa": "xa", "thi_tran": "tt", "dac_khu": "dk",
}


@dataclass(frozen=True)
class District:
    number: int
    kind: str
    name: str
    old_units: tuple[tuple[str, str], ...]  # (kind, name); the first is the seat of the district
    # The units that replaced the old ones on 1/7/2025, each taking the next consecutive run of
    # old units (runs as even as the counts allow); the first takes the seat and the district's files.
    new_units: tuple[tuple[str, str], ...]


def _units(kind: str, names: str) -> tuple[tuple[str, str], ...]:
    return tuple((kind, name.strip()) for name in names.split(","))


DISTRICTS = [
    District(
        1, "thanh_pho", "Hải Thịnh",
        _units("phuong", "Lạc Đức, An Hòa, Lạc Tân, Hưng Đức, Nhơn Long, Châu Định, Thanh Tân, Thuận Điền, "
                         "Vĩnh Bình, Thạnh Hưng, Gia Nghĩa, Nhơn Phong")
        + _units("xa", "Lạc Thành, Vĩnh Vinh, Thạnh Khánh, Bình Khánh, Lương Minh, Cẩm Hưng"),
        _units("phuong", "Hải Thịnh, Nhơn Vinh, Bình Điền, Đức Quý") + _units("xa", "Phú Sơn, Thanh Quý"),
    ),
    District(
        2, "thi_xa", "Lạc An",
        _units("phuong", "Minh Thành, Trung Vinh, Hải Lợi, Bình Phong, Hiệp Thắng")
        + _units("xa", "Gia Điền, Bình Quý, Đông Minh, Phú Thạnh, Long Thắng"),
        _units("phuong", "Lạc An, Thanh Thắng") + _units("xa", "Mỹ Lợi"),
    ),
    District(
        3, "huyen", "Tân Hải",
        _units("thi_tran", "Thanh Lợi")
        + _units("xa", "Thạnh Hải, Thạnh Đức, Hiệp Lợi, Đông Quý, Thanh Phú, Thanh Vinh, Trung Thịnh, "
                       "Thanh Nghĩa, Quang Tiến, Châu An, Quang Long, Tân Hòa, Phú Thịnh, Lương Tân"),
        _units("xa", "Tân Hải, Hưng Thuận, Trung Định, Gia Hòa, Phước Hậu"),
    ),
    District(
        4, "huyen", "Hòa Sơn",
        _units("thi_tran", "Quang Hải")
        + _units("xa", "Thuận Lộc, Xuân Sơn, Minh Trung, Đông Xuân, Xuân Đức, Hải Minh, Long Lợi, Cẩm Thuận, "
                       "Châu Phú, Vĩnh Thành, Đức Long, Trung Điền, Cẩm Tân"),
        _units("xa", "Hòa Sơn, Xuân Bình, Lương Quý, Gia Hưng"),
    ),
    District(
        5, "huyen", "Bình Nguyên",
        _units("thi_tran", "Phú Hưng")
        + _units("xa", "Lạc Thuận, Phước Phong, Thanh Bình, Vĩnh Mỹ, Châu Hiệp, Bình Lộc, Gia Quý, Xuân Hòa, "
                       "Long Lâm, Long Vinh, Lạc Phong, Thuận Khánh"),
        _units("xa", "Bình Nguyên, Minh Lợi, Châu Mỹ, Xuân Hiệp"),
    ),
    District(
        6, "huyen", "Đức Phong",
        _units("thi_tran", "Hòa Vinh")
        + _units("xa", "Cẩm Phong, An Đức, Đông Thuận, Thanh Thịnh, Đông Đức, Thanh Xuân, Lương Định, "
                       "Long Phát, Đông Vinh, An Sơn, Thanh Sơn"),
        _units("xa", "Đức Phong, Hưng Lâm, Hiệp Xuân, Nhơn Lâm"),
    ),
    District(
        7, "huyen", "Phước Thạnh",
        _units("thi_tran", "Minh Phong")
        + _units("xa", "Phước Quý, Phú Thắng, Xuân Hải, Đông Hưng, Lạc Xuân, Lạc Tiến, Quang Lộc, Vĩnh Sơn, "
                       "Nhơn Định, Thuận Mỹ, Bình Hậu, Nhơn Điền, Cẩm Bình, Thạnh Điền"),
        _units("xa", "Phước Thạnh, Long Thạnh, Xuân Thịnh, Cẩm Lâm, Long Hậu"),
    ),
    District(
        8, "huyen", "Sơn Lâm",
        _units("thi_tran", "Gia Hải")
        + _units("xa", "Long Nghĩa, Mỹ Sơn, Thuận Phú, Trung Hưng, Mỹ Hòa, Phú Điền, Quang Mỹ, Cẩm Phát, "
                       "Phước Trung, Châu Thắng, Hiệp Mỹ"),
        _units("xa", "Sơn Lâm, Mỹ Hưng, Phước Nghĩa, Đức Vinh"),
    ),
    District(
        9, "huyen", "Long Giang",
        _units("thi_tran", "Hải Hưng")
        + _units("xa", "Châu Lợi, Gia Hiệp, Trung Bình, Hòa Nghĩa, Phú Long, Trung Phát, Trung Thuận, "
                       "Thuận Phát, Đông Nghĩa, Hiệp Phong, Đông Tiến, Châu Lâm, Phú Khánh, Hải Hòa"),
        _units("xa", "Long Giang, Thuận Thắng, Hải Lâm, Quang Điền"),
    ),
    # An island district, which the reform turned into a special zone (đặc khu) of commune rank.
    District(
        10, "huyen", "Hòn Ngọc",
        _units("xa", "Cẩm Lộc, Bình Nghĩa, Lương Thắng"),
        _units("dac_khu", "Hòn Ngọc"),
    ),
]


def runs(count: int, parts: int) -> list[range]:
    """Split range(count) into `parts` consecutive runs whose lengths differ by at most one."""
    size, extra = divmod(count, parts)
    result, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        result.append(range(start, end))
        start = end
    return result


def unit_slug(kind: str, name: str) -> str:
    return f"{UNIT_PREFIX[kind]}-{search_key(name).replace(' ', '')}"


def people_committee(kind: str, name: str) -> tuple[str, str]:
    word = UNIT_WORD[kind]
    return nfc(f"Ủy ban nhân dân {word} {name}"), nfc(f"UBND {word} {name}")


def agency_plan() -> list[AgencySpec]:
    """Every agency, parents before children."""
    plan = [
        AgencySpec(
            PROVINCE_CODE, f"Ủy ban nhân dân tỉnh {PROVINCE_NAME}", f"UBND tỉnh {PROVINCE_NAME}",
            "province", "province", "tinh", address=f"Số 1 đường Trần Hưng Đạo, tỉnh {PROVINCE_NAME}",
        )
    ]
    for dept in DEPARTMENTS:
        plan.append(AgencySpec(
            department_code(dept.slug), dept.name, dept.short_name, "department", "department", dept.slug,
            parent=PROVINCE_CODE,
            valid_from=REFORM_DAY if dept.created_by_reform else datetime.date(2000, 1, 1),
            valid_to=REFORM_EVE if dept.successor else None,
            successor=department_code(dept.successor) if dept.successor else None,
        ))
    plan.append(AgencySpec(
        CENTRE_CODE, f"Trung tâm Phục vụ hành chính công tỉnh {PROVINCE_NAME}", "TTPVHCC tỉnh",
        "service_centre", "centre", "ttpvhcc", parent=PROVINCE_CODE, valid_from=CENTRE_OPENED,
        address=f"Số 2 đường Trần Hưng Đạo, tỉnh {PROVINCE_NAME}",
    ))
    new_number = 0
    districts, old_communes, new_communes = [], [], []
    for district in DISTRICTS:
        district_code = f"000.00.{district.number:02d}.H99"
        new_codes = [f"{new_number + i + 1:03d}.00.00.H99" for i in range(len(district.new_units))]
        new_number += len(district.new_units)
        dname, dshort = people_committee(district.kind, district.name)
        districts.append(AgencySpec(
            district_code, dname, dshort, "district", "district", unit_slug(district.kind, district.name),
            parent=PROVINCE_CODE, valid_to=REFORM_EVE, successor=new_codes[0],
        ))
        for unit_runs, code, (kind, new_name) in zip(
            runs(len(district.old_units), len(district.new_units)), new_codes, district.new_units, strict=True
        ):
            cname, cshort = people_committee(kind, new_name)
            new_communes.append(AgencySpec(
                code, cname, cshort, "commune", "new_commune", unit_slug(kind, new_name),
                parent=PROVINCE_CODE, valid_from=REFORM_DAY,
            ))
            for index in unit_runs:
                old_kind, old_name = district.old_units[index]
                oname, oshort = people_committee(old_kind, old_name)
                old_communes.append(AgencySpec(
                    f"{index + 1:03d}.00.{district.number:02d}.H99", oname, oshort, "commune", "old_commune",
                    unit_slug(old_kind, old_name), parent=district_code, valid_to=REFORM_EVE, successor=code,
                ))
    old_communes.sort(key=lambda spec: (spec.parent, spec.code))
    return plan + districts + old_communes + new_communes
