"""Reception desks (Bộ phận Một cửa) and their counters.

Desks carry no dates, only `is_active`: the desks of agencies that the reform dissolved stay for
history (roles and dossiers point at them) and are marked inactive.
"""

from __future__ import annotations

from .agencies import CENTRE_CODE, DEPARTMENTS, PROVINCE_CODE, PROVINCE_NAME, department_code
from .specs import AgencySpec, CounterSpec, DeskSpec

CENTRE_DESK_NAME = f"Bộ phận Một cửa — Trung tâm Phục vụ hành chính công tỉnh {PROVINCE_NAME}"

_DISTRICT_COUNTERS = ("Đất đai", "Xây dựng", "Tư pháp, chứng thực", "Kinh tế, hộ kinh doanh",
                      "Lao động - Thương binh và Xã hội")
_OLD_COMMUNE_COUNTERS = ("Tư pháp - Hộ tịch, chứng thực", "Địa chính - Xây dựng, bảo trợ xã hội")
_NEW_COMMUNE_COUNTERS = ("Tư pháp, hộ tịch, chứng thực", "Đất đai, xây dựng", "Kinh tế, hộ kinh doanh",
                         "Văn hóa - Xã hội, chính sách")


def _counters(labels) -> tuple[CounterSpec, ...]:
    return tuple(CounterSpec(n, f"Quầy {n} — {label}") for n, label in enumerate(labels, start=1))


def desk_name(agency: AgencySpec) -> str:
    if agency.group == "centre":
        return CENTRE_DESK_NAME
    if agency.group == "new_commune":
        # From 1/7/2025 every commune receives at its own public administration service centre.
        return agency.short_name.replace("UBND", "Trung tâm Phục vụ hành chính công", 1)
    return f"Bộ phận Một cửa {agency.short_name}"


def desk_plan(agencies: list[AgencySpec]) -> list[DeskSpec]:
    active_departments = [d for d in DEPARTMENTS if d.successor is None]
    centre_labels = [d.name for d in active_departments] + [
        "Hướng dẫn, hỗ trợ nộp hồ sơ trực tuyến",
        "Thu phí, lệ phí và trả kết quả",
    ]
    by_code = {a.code: a for a in agencies}
    plan = [
        DeskSpec(
            CENTRE_CODE, desk_name(by_code[CENTRE_CODE]),
            # It receives for the People's Committee and every department, the merged ones
            # included, so that their files received before the reform stay in its register.
            serves=(PROVINCE_CODE, *(department_code(d.slug) for d in DEPARTMENTS)),
            counters=_counters(centre_labels),
        )
    ]
    labels = {"district": _DISTRICT_COUNTERS, "old_commune": _OLD_COMMUNE_COUNTERS,
              "new_commune": _NEW_COMMUNE_COUNTERS}
    for agency in agencies:
        if agency.group in labels:
            plan.append(DeskSpec(
                agency.code, desk_name(agency), serves=(agency.code,), counters=_counters(labels[agency.group]),
                is_active=agency.valid_to is None,
            ))
    return plan
