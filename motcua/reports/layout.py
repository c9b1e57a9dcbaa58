"""The layout of Form 06 (TT 01/2020/TT-VPCP), kept as data with its effective date.

A later text that changes the columns adds a Layout here; reports pick the one in force at the
period's end. Column keys name figures computed in form06.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class Group:
    label: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Layout:
    code: str
    basis: str
    title: str
    effective_from: datetime.date
    groups: tuple[Group, ...]

    @property
    def columns(self) -> list[Column]:
        return [c for g in self.groups for c in g.columns]


FORM06_2020 = Layout(
    code=_("Biểu mẫu 06"),
    basis=_("Ban hành kèm theo Thông tư số 01/2020/TT-VPCP"),
    title=_("Tình hình, kết quả giải quyết thủ tục hành chính"),
    effective_from=datetime.date(2020, 1, 1),
    groups=(
        Group(_("Số hồ sơ nhận giải quyết"), (
            Column("total", _("Tổng số")),
            Column("carried", _("Từ kỳ trước chuyển qua")),
            Column("received_online", _("Mới tiếp nhận trực tuyến")),
            Column("received_direct", _("Mới tiếp nhận trực tiếp, qua bưu chính")),
        )),
        Group(_("Số hồ sơ đã giải quyết"), (
            Column("resolved", _("Tổng số")),
            Column("early", _("Trước hạn")),
            Column("on_time", _("Đúng hạn")),
            Column("late", _("Quá hạn")),
        )),
        Group(_("Số hồ sơ rút, dừng xử lý"), (
            Column("withdrawn", _("Rút theo yêu cầu")),
            Column("stopped", _("Dừng xử lý")),
        )),
        Group(_("Số hồ sơ đang giải quyết"), (
            Column("pending", _("Tổng số")),
            Column("pending_on_time", _("Trong hạn")),
            Column("overdue", _("Quá hạn")),
        )),
    ),
)

LAYOUTS = [FORM06_2020]


def layout_for(day: datetime.date) -> Layout:
    return max((x for x in LAYOUTS if x.effective_from <= day), key=lambda x: x.effective_from, default=LAYOUTS[0])
