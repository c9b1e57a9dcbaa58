"""Decree 61/2018/NĐ-CP (in force 21/6/2018), Circular 01/2018/TT-VPCP: 9 indicators, 0–2 points each.

Bands as one vendor's dashboards use them, closed at the lower bound so that 15 has a band:
≥ 15 excellent, [12, 15) good, [9, 12) fair, [6, 9) average, < 6 weak.
"""

import datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .rules import COMPUTED, ENTERED, Band, Indicator, Rules

RULES = Rules(
    version="2018",
    effective_from=datetime.date(2018, 6, 21),
    indicators=(
        Indicator("total_time", _("Tổng thời gian giải quyết so với quy định"), COMPUTED),
        Indicator("agency_time", _("Thời gian thực hiện của từng cơ quan tham gia"), COMPUTED),
        Indicator("contacts", _("Số lần phải liên hệ để hoàn thiện hồ sơ"), COMPUTED),
        Indicator("agencies_contacted", _("Số cơ quan phải liên hệ"), ENTERED),
        Indicator("one_stop", _("Tiếp nhận và trả kết quả tại Bộ phận Một cửa"), COMPUTED),
        Indicator("publicity", _("Công khai thủ tục hành chính"), ENTERED),
        Indicator("attitude", _("Thái độ của cán bộ, công chức"), COMPUTED),
        Indicator("feedback", _("Tiếp nhận, xử lý phản ánh, kiến nghị"), ENTERED),
        Indicator("online", _("Cung cấp dịch vụ công trực tuyến"), COMPUTED),
    ),
    bands=(
        Band("excellent", _("Xuất sắc"), Decimal(15)),
        Band("good", _("Tốt"), Decimal(12)),
        Band("fair", _("Khá"), Decimal(9)),
        Band("average", _("Trung bình"), Decimal(6)),
        Band("weak", _("Yếu"), Decimal(0)),
    ),
    # Attitude: the mean of the citizens' ratings, each worth these points.
    level_points={"very_satisfied": 2, "satisfied": 1, "unsatisfied": 0},
    # Online service: the share of the quarter's dossiers received online.
    online_share_points=((Decimal("0.5"), 2), (Decimal("0.2"), 1)),
)
