"""Statuses (the national portal's codes 1–10) and which action may run from which status.

The table is data so that the API, the pages and the tests read the same rules.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.IntegerChoices):
    SUBMITTED = 1, _("Mới đăng ký")
    ACCEPTED = 2, _("Được tiếp nhận")
    REFUSED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT = 5, _("Yêu cầu bổ sung giấy tờ")
    OBLIGATION = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    RESULT_READY = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")

    @classmethod
    def terminal(cls) -> frozenset[int]:
        return frozenset({cls.REFUSED, cls.WITHDRAWN, cls.STOPPED, cls.RETURNED})

    @classmethod
    def open(cls) -> frozenset[int]:
        """Not yet finished: withdrawal and stopping are still possible."""
        return frozenset({cls.SUBMITTED, cls.ACCEPTED, cls.PROCESSING, cls.SUPPLEMENT, cls.OBLIGATION})

    @classmethod
    def clock_running(cls) -> frozenset[int]:
        """Accepted and not finished: the legal due date applies (unless a pause stops it)."""
        return frozenset({cls.ACCEPTED, cls.PROCESSING, cls.SUPPLEMENT, cls.OBLIGATION})


S = Status


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset[int]
    # None: the status does not change (work inside "Đang xử lý", payments, apologies).
    target: int | None


def _a(name, label, sources, target):
    return Action(name, label, frozenset(sources), target)


ALL_STATUSES = frozenset(Status.values)

ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        _a("accept", _("Tiếp nhận hồ sơ"), {S.SUBMITTED}, S.ACCEPTED),
        _a("request_supplement", _("Yêu cầu bổ sung"), {S.SUBMITTED, S.PROCESSING}, S.SUPPLEMENT),
        _a("resubmit", _("Nộp bổ sung"), {S.SUPPLEMENT}, None),
        _a("refuse", _("Từ chối tiếp nhận"), {S.SUBMITTED}, S.REFUSED),
        _a("hand_over", _("Chuyển cơ quan giải quyết"), {S.ACCEPTED}, S.PROCESSING),
        _a("next_step", _("Chuyển bước tiếp theo"), {S.PROCESSING}, None),
        _a("send_back", _("Trả lại bước trước"), {S.PROCESSING}, None),
        _a("reassign", _("Giao cán bộ khác"), {S.PROCESSING}, None),
        _a("request_coordination", _("Xin ý kiến cơ quan phối hợp"), {S.PROCESSING}, None),
        _a("answer_coordination", _("Trả lời ý kiến phối hợp"), {S.PROCESSING}, None),
        # A gateway's callback cannot be refused, so a payment is recorded in any status.
        _a("record_payment", _("Ghi nhận nộp phí, lệ phí"), ALL_STATUSES, None),
        _a("request_obligation", _("Yêu cầu thực hiện nghĩa vụ tài chính"), {S.PROCESSING}, S.OBLIGATION),
        _a("record_obligation_paid", _("Ghi nhận đã thực hiện nghĩa vụ tài chính"), {S.OBLIGATION}, S.PROCESSING),
        _a("mark_result_ready", _("Có kết quả"), {S.PROCESSING}, S.RESULT_READY),
        _a("return_result", _("Trả kết quả"), {S.RESULT_READY}, S.RETURNED),
        # Handed to the post: the dossier stays ready until the post confirms delivery (return_result).
        _a("send_by_post", _("Gửi kết quả qua bưu chính"), {S.RESULT_READY}, None),
        _a("withdraw", _("Rút hồ sơ theo yêu cầu"), Status.open(), S.WITHDRAWN),
        _a("stop", _("Dừng xử lý"), Status.open(), S.STOPPED),
        _a("propose_apology", _("Đề xuất xin lỗi, hẹn lại"), Status.clock_running(), None),
        _a("approve_apology", _("Duyệt phiếu xin lỗi, hẹn lại"), Status.clock_running(), None),
        _a("reject_apology", _("Không duyệt phiếu xin lỗi, hẹn lại"), Status.clock_running(), None),
    ]
}


def actions_from(status: int) -> list[str]:
    return [name for name, action in ACTIONS.items() if status in action.sources]
