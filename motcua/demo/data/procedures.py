"""The demo catalog: procedures of the kinds a provincial one-stop shop handles most.

Names, time limits, fees and legal bases follow the published national catalog closely but are
not a copy of it. Codes have the national database's shape; a few are the real ones
(khai sinh 1.001193, kết hôn 1.000894, khai tử 1.000656, chứng thực 2.000815 and 2.000884…),
the rest are made up and must not be read as references.

Competent agencies are named by department slug or by a group of local units:
  "districts"      the 10 districts, until 30/6/2025
  "old_communes"   the 127 communes, until 30/6/2025
  "new_communes"   the 40 communes, wards and special zone, from 1/7/2025
so a district-level procedure that the reform handed to communes lists both "districts" and
"new_communes"; the agencies' own dates say which were competent when.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from motcua.directory.models import RoleKind

from .specs import REFORM_DAY

K = RoleKind
D = datetime.date

CATALOG_SINCE = D(2017, 1, 1)
WORKING_DAYS, CALENDAR_DAYS = "working_days", "calendar_days"
CUTOFF_15H = datetime.time(15, 0)

SECTORS = {
    "dat-dai": "Đất đai",
    "xay-dung": "Hoạt động xây dựng",
    "doanh-nghiep": "Thành lập và hoạt động doanh nghiệp",
    "ho-kinh-doanh": "Thành lập và hoạt động của hộ kinh doanh",
    "ho-tich": "Hộ tịch",
    "chung-thuc": "Chứng thực",
    "duong-bo": "Đường bộ",
    "bao-tro-xa-hoi": "Bảo trợ xã hội",
    "nguoi-co-cong": "Người có công",
}
# The seven fields of the demo brief; social affairs spans two sectors of the national catalog.
DOMAINS = {
    "land": ("dat-dai",),
    "construction": ("xay-dung",),
    "business": ("doanh-nghiep", "ho-kinh-doanh"),
    "civil_status": ("ho-tich",),
    "certification": ("chung-thuc",),
    "transport": ("duong-bo",),
    "social": ("bao-tro-xa-hoi", "nguoi-co-cong"),
}

LOCAL = ("districts", "new_communes")
COMMUNES = ("old_communes", "new_communes")
ALL_LOCAL = ("districts", "old_communes", "new_communes")


@dataclass(frozen=True)
class Doc:
    name: str
    originals: int = 0
    certified_copies: int = 0
    copies: int = 0
    mandatory: bool = True


@dataclass(frozen=True)
class Charge:
    name: str
    amount: int
    kind: str = "charge"  # "fee" (phí) or "charge" (lệ phí)


@dataclass(frozen=True)
class ProcedureSpec:
    code: str
    name: str
    sector: str
    limit: Decimal
    competent: tuple[str, ...]
    unit: str = WORKING_DAYS
    online_limit: Decimal | None = None
    cutoff: datetime.time | None = None
    pilot: bool = False
    result: str = ""
    legal: tuple[str, ...] = ()
    fees: tuple[Charge, ...] = ()
    docs: tuple[Doc, ...] = ()
    # (level, in force from): the online service level over time, for every competent agency.
    levels: tuple[tuple[int, datetime.date], ...] = ((2, CATALOG_SINCE),)
    # Land procedures stop the clock while the applicant pays the land levy and taxes.
    obligation_wait_counts: bool | None = None
    extra_legal: tuple[str, ...] = field(default=())

    @property
    def waits_count(self) -> bool:
        if self.obligation_wait_counts is not None:
            return self.obligation_wait_counts
        return self.sector != "dat-dai"

    @property
    def legal_basis(self) -> str:
        return "\n".join((*self.legal, *self.extra_legal))


def P(code, name, sector, limit, competent, **kw) -> ProcedureSpec:  # noqa: N802 - reads like a table row
    kw.setdefault("legal", LEGAL[sector])
    online = kw.pop("online_limit", None)
    return ProcedureSpec(
        code, name, sector, Decimal(str(limit)), tuple(competent),
        online_limit=Decimal(str(online)) if online is not None else None, **kw,
    )


LEGAL = {
    "dat-dai": (
        "Luật Đất đai số 31/2024/QH15",
        "Nghị định số 101/2024/NĐ-CP ngày 29/7/2024 của Chính phủ quy định về điều tra cơ bản đất đai; đăng ký, "
        "cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai",
        "Nghị định số 151/2025/NĐ-CP ngày 12/6/2025 của Chính phủ quy định về phân định thẩm quyền của chính quyền "
        "địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai",
        "Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính hướng dẫn về phí và lệ phí thuộc thẩm quyền "
        "quyết định của Hội đồng nhân dân tỉnh",
    ),
    "xay-dung": (
        "Luật Xây dựng số 50/2014/QH13",
        "Luật số 62/2020/QH14 sửa đổi, bổ sung một số điều của Luật Xây dựng",
        "Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ quy định chi tiết một số nội dung về quản lý dự án "
        "đầu tư xây dựng",
        "Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính",
    ),
    "doanh-nghiep": (
        "Luật Doanh nghiệp số 59/2020/QH14",
        "Nghị định số 01/2021/NĐ-CP ngày 04/01/2021 của Chính phủ về đăng ký doanh nghiệp",
        "Thông tư số 01/2021/TT-BKHĐT ngày 16/3/2021 của Bộ Kế hoạch và Đầu tư hướng dẫn về đăng ký doanh nghiệp",
        "Thông tư số 47/2019/TT-BTC ngày 05/8/2019 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và "
        "sử dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp",
    ),
    "ho-kinh-doanh": (
        "Nghị định số 01/2021/NĐ-CP ngày 04/01/2021 của Chính phủ về đăng ký doanh nghiệp",
        "Thông tư số 01/2021/TT-BKHĐT ngày 16/3/2021 của Bộ Kế hoạch và Đầu tư",
        "Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính",
    ),
    "ho-tich": (
        "Luật Hộ tịch số 60/2014/QH13",
        "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp thi "
        "hành Luật Hộ tịch",
        "Thông tư số 04/2020/TT-BTP ngày 28/5/2020 của Bộ Tư pháp quy định chi tiết thi hành một số điều của Luật "
        "Hộ tịch và Nghị định số 123/2015/NĐ-CP",
        "Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính",
    ),
    "chung-thuc": (
        "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản sao từ "
        "bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch",
        "Thông tư số 01/2020/TT-BTP ngày 03/3/2020 của Bộ Tư pháp quy định chi tiết, hướng dẫn thi hành một số điều "
        "của Nghị định số 23/2015/NĐ-CP",
        "Thông tư số 226/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và "
        "sử dụng phí chứng thực",
    ),
    "duong-bo": (
        "Luật Đường bộ số 35/2024/QH15",
        "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15",
    ),
    "bao-tro-xa-hoi": (
        "Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ quy định chính sách trợ giúp xã hội đối với đối "
        "tượng bảo trợ xã hội",
    ),
    "nguoi-co-cong": (
        "Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14",
        "Nghị định số 131/2021/NĐ-CP ngày 30/12/2021 của Chính phủ quy định chi tiết và biện pháp thi hành Pháp "
        "lệnh Ưu đãi người có công với cách mạng",
        "Nghị định số 75/2021/NĐ-CP ngày 24/7/2021 của Chính phủ quy định mức hưởng trợ cấp, phụ cấp và các chế độ "
        "ưu đãi người có công với cách mạng",
    ),
}

# The 2017 decision starts rating officials with land-use certificates and construction permits.
GCN = "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"
_GCN_DOCS = (
    Doc("Bản gốc Giấy chứng nhận đã cấp", originals=1),
    Doc("Căn cước của người sử dụng đất (xuất trình bản chính hoặc nộp bản sao)", copies=1),
)
_LAND_FEES = (
    Charge("Lệ phí cấp Giấy chứng nhận", 100_000),
    Charge("Phí thẩm định hồ sơ cấp Giấy chứng nhận", 500_000, "fee"),
)
_ONLINE_4_AFTER_REFORM = ((2, CATALOG_SINCE), (3, D(2021, 1, 1)), (4, REFORM_DAY))

_LAND = [
    P("1.012756", f"Đăng ký đất đai, tài sản gắn liền với đất, cấp {GCN} lần đầu đối với hộ gia đình, cá nhân",
      "dat-dai", 20, LOCAL, pilot=True, result=GCN,
      fees=_LAND_FEES,
      docs=(Doc("Đơn đăng ký, cấp Giấy chứng nhận (Mẫu số 04/ĐK)", originals=1),
            Doc("Giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai", certified_copies=1),
            Doc("Giấy tờ về tài sản gắn liền với đất (nếu có)", certified_copies=1, mandatory=False),
            Doc("Chứng từ thực hiện nghĩa vụ tài chính; giấy tờ miễn, giảm (nếu có)", copies=1, mandatory=False),
            Doc("Mảnh trích đo bản đồ địa chính thửa đất", originals=1, mandatory=False)),
      levels=((2, CATALOG_SINCE), (3, D(2021, 1, 1)))),
    P("1.012757", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, "
      "tặng cho, thừa kế, góp vốn", "dat-dai", 8, ("stnmt", "snnmt"), pilot=True, result=GCN,
      fees=(Charge("Lệ phí cấp Giấy chứng nhận", 50_000), Charge("Phí thẩm định hồ sơ", 350_000, "fee")),
      docs=(Doc("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)", originals=1),
            Doc("Hợp đồng, văn bản chuyển nhượng, tặng cho, thừa kế đã công chứng hoặc chứng thực", originals=1),
            *_GCN_DOCS),
      levels=_ONLINE_4_AFTER_REFORM),
    P("1.012758", f"Cấp đổi {GCN}", "dat-dai", 7, ("stnmt", "snnmt"), pilot=True, online_limit=5, result=GCN,
      fees=(Charge("Lệ phí cấp đổi Giấy chứng nhận", 50_000),),
      docs=(Doc("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)", originals=1),
            *_GCN_DOCS),
      levels=_ONLINE_4_AFTER_REFORM),
    P("1.012759", f"Cấp lại {GCN} do bị mất", "dat-dai", 10, ("stnmt", "snnmt"), pilot=True, result=GCN,
      fees=(Charge("Lệ phí cấp lại Giấy chứng nhận", 50_000),),
      docs=(Doc("Đơn đề nghị cấp lại Giấy chứng nhận (Mẫu số 11/ĐK)", originals=1),
            Doc("Giấy xác nhận đã đăng tin mất Giấy chứng nhận trên phương tiện thông tin đại chúng", copies=1))),
    P("1.012760", "Tách thửa hoặc hợp thửa đất", "dat-dai", 15, LOCAL, pilot=True, result=GCN,
      fees=(Charge("Lệ phí cấp Giấy chứng nhận", 50_000), Charge("Phí đo đạc, lập bản đồ địa chính", 250_000, "fee")),
      docs=(Doc("Đơn đề nghị tách thửa đất, hợp thửa đất (Mẫu số 02/ĐK)", originals=1),
            Doc("Bản vẽ tách thửa đất, hợp thửa đất", originals=1), _GCN_DOCS[0])),
    P("1.012761", "Chuyển mục đích sử dụng đất đối với hộ gia đình, cá nhân", "dat-dai", 15, LOCAL,
      result="Quyết định cho phép chuyển mục đích sử dụng đất",
      docs=(Doc("Đơn xin chuyển mục đích sử dụng đất (Mẫu số 02c)", originals=1), _GCN_DOCS[0])),
    P("1.012762", "Đăng ký biến động do thay đổi thông tin về người sử dụng đất (tên, giấy tờ nhân thân, địa chỉ)",
      "dat-dai", 5, ("stnmt", "snnmt"), online_limit=3, result=f"{GCN} đã xác nhận thay đổi",
      docs=(Doc("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)", originals=1),
            _GCN_DOCS[0], Doc("Giấy tờ chứng minh nội dung thay đổi", copies=1)),
      levels=_ONLINE_4_AFTER_REFORM),
    P("1.012763", "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", "dat-dai", 1, ("stnmt", "snnmt"),
      cutoff=CUTOFF_15H, result=f"{GCN} đã chứng nhận đăng ký thế chấp",
      fees=(Charge("Phí đăng ký biện pháp bảo đảm", 80_000, "fee"),),
      docs=(Doc("Phiếu yêu cầu đăng ký biện pháp bảo đảm (Mẫu số 01a)", originals=1),
            Doc("Hợp đồng thế chấp", originals=1), _GCN_DOCS[0]),
      extra_legal=("Nghị định số 99/2022/NĐ-CP ngày 30/11/2022 của Chính phủ về đăng ký biện pháp bảo đảm",),
      levels=((2, CATALOG_SINCE), (3, D(2023, 1, 1)))),
    P("1.012764", "Xóa đăng ký cho thuê, cho thuê lại, góp vốn bằng quyền sử dụng đất", "dat-dai", 3,
      ("stnmt", "snnmt"), result=f"{GCN} đã xác nhận xóa đăng ký",
      docs=(Doc("Văn bản thanh lý hợp đồng hoặc văn bản chấm dứt hợp đồng", originals=1), _GCN_DOCS[0])),
    P("1.012765", "Cung cấp thông tin, dữ liệu đất đai", "dat-dai", 2, ("stnmt", "snnmt"),
      result="Thông tin, dữ liệu đất đai", fees=(Charge("Phí khai thác và sử dụng tài liệu đất đai", 30_000, "fee"),),
      docs=(Doc("Phiếu yêu cầu cung cấp thông tin, dữ liệu đất đai (Mẫu số 13/ĐK)", originals=1),),
      levels=((3, CATALOG_SINCE), (4, REFORM_DAY))),
    P("1.012766", "Gia hạn sử dụng đất ngoài khu công nghệ cao, khu kinh tế", "dat-dai", 7, ("stnmt", "snnmt"),
      result="Quyết định gia hạn sử dụng đất",
      docs=(Doc("Đơn đề nghị gia hạn sử dụng đất (Mẫu số 08)", originals=1), _GCN_DOCS[0])),
]

_HOUSE_PERMIT_DOCS = (
    Doc("Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II Nghị định số 15/2021/NĐ-CP)", originals=1),
    Doc("Giấy tờ hợp pháp về đất đai", certified_copies=1),
    Doc("Hai bộ bản vẽ thiết kế xây dựng", originals=2),
    Doc("Cam kết bảo đảm an toàn đối với công trình liền kề (nếu có)", originals=1, mandatory=False),
)
_PERMIT = "Giấy phép xây dựng"
_PERMIT_LEVELS = ((2, CATALOG_SINCE), (3, D(2020, 1, 1)), (4, REFORM_DAY))

_CONSTRUCTION = [
    P("1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "xay-dung", 15, LOCAL, unit=CALENDAR_DAYS,
      pilot=True, result=_PERMIT, fees=(Charge("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", 75_000),),
      docs=_HOUSE_PERMIT_DOCS, levels=_PERMIT_LEVELS),
    P("1.009995", "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với nhà ở riêng lẻ", "xay-dung", 15, LOCAL,
      unit=CALENDAR_DAYS, pilot=True, result=_PERMIT,
      fees=(Charge("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", 75_000),),
      docs=(*_HOUSE_PERMIT_DOCS[:2], Doc("Ảnh chụp hiện trạng công trình đề nghị sửa chữa, cải tạo", originals=1),
            _HOUSE_PERMIT_DOCS[2]),
      levels=_PERMIT_LEVELS),
    P("1.009996", "Cấp giấy phép di dời đối với nhà ở riêng lẻ", "xay-dung", 15, LOCAL, unit=CALENDAR_DAYS,
      pilot=True, result=_PERMIT, fees=(Charge("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", 75_000),),
      docs=(Doc("Đơn đề nghị cấp giấy phép di dời công trình", originals=1),
            Doc("Giấy tờ hợp pháp về đất đai nơi công trình sẽ di dời đến", certified_copies=1),
            Doc("Phương án di dời", originals=1))),
    P("1.009997", "Điều chỉnh giấy phép xây dựng đối với nhà ở riêng lẻ", "xay-dung", 10, LOCAL,
      unit=CALENDAR_DAYS, pilot=True, result=_PERMIT + " điều chỉnh",
      fees=(Charge("Lệ phí điều chỉnh giấy phép xây dựng", 15_000),),
      docs=(Doc("Đơn đề nghị điều chỉnh giấy phép xây dựng", originals=1),
            Doc("Bản chính giấy phép xây dựng đã được cấp", originals=1),
            Doc("Hai bộ bản vẽ thiết kế điều chỉnh", originals=2))),
    P("1.009998", "Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ", "xay-dung", 5, LOCAL, unit=CALENDAR_DAYS,
      pilot=True, result=_PERMIT + " được gia hạn", fees=(Charge("Lệ phí gia hạn giấy phép xây dựng", 15_000),),
      docs=(Doc("Đơn đề nghị gia hạn giấy phép xây dựng", originals=1),
            Doc("Bản chính giấy phép xây dựng đã được cấp", originals=1))),
    P("1.009999", "Cấp lại giấy phép xây dựng đối với nhà ở riêng lẻ", "xay-dung", 5, LOCAL, unit=CALENDAR_DAYS,
      pilot=True, result=_PERMIT + " cấp lại", fees=(Charge("Lệ phí cấp lại giấy phép xây dựng", 15_000),),
      docs=(Doc("Đơn đề nghị cấp lại giấy phép xây dựng, nêu rõ lý do", originals=1),)),
    P("1.009974", "Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II; công trình tôn giáo; công trình di "
      "tích lịch sử - văn hóa, tượng đài, tranh hoành tráng", "xay-dung", 20, ("sxd",), unit=CALENDAR_DAYS,
      pilot=True, result=_PERMIT, fees=(Charge("Lệ phí cấp giấy phép xây dựng công trình", 150_000),),
      docs=(Doc("Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II Nghị định số 15/2021/NĐ-CP)",
                originals=1),
            Doc("Giấy tờ hợp pháp về đất đai", certified_copies=1),
            Doc("Quyết định phê duyệt dự án, văn bản thông báo kết quả thẩm định của cơ quan chuyên môn",
                copies=1),
            Doc("Hai bộ bản vẽ thiết kế xây dựng triển khai sau thiết kế cơ sở", originals=2)),
      levels=((2, CATALOG_SINCE), (3, D(2020, 1, 1)))),
    P("1.009975", "Cấp giấy phép xây dựng có thời hạn đối với công trình", "xay-dung", 20, ("sxd",),
      unit=CALENDAR_DAYS, pilot=True, result=_PERMIT + " có thời hạn",
      fees=(Charge("Lệ phí cấp giấy phép xây dựng công trình", 150_000),),
      docs=(Doc("Đơn đề nghị cấp giấy phép xây dựng có thời hạn", originals=1),
            Doc("Giấy tờ hợp pháp về đất đai", certified_copies=1),
            Doc("Hai bộ bản vẽ thiết kế xây dựng", originals=2))),
    P("1.009972", "Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng / điều chỉnh Báo cáo nghiên cứu khả thi "
      "đầu tư xây dựng", "xay-dung", 25, ("sxd",), result="Văn bản thông báo kết quả thẩm định",
      docs=(Doc("Tờ trình thẩm định Báo cáo nghiên cứu khả thi (Mẫu số 01 Phụ lục I)", originals=1),
            Doc("Hồ sơ Báo cáo nghiên cứu khả thi đầu tư xây dựng", originals=1),
            Doc("Văn bản thẩm định, thẩm duyệt về phòng cháy và chữa cháy (nếu có)", copies=1, mandatory=False))),
    P("1.009986", "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", "xay-dung", 20, ("sxd",),
      result="Chứng chỉ hành nghề hoạt động xây dựng",
      fees=(Charge("Lệ phí cấp chứng chỉ hành nghề", 300_000),),
      docs=(Doc("Đơn đề nghị cấp chứng chỉ hành nghề (Mẫu số 01 Phụ lục IV)", originals=1),
            Doc("Văn bằng do cơ sở đào tạo hợp pháp cấp", copies=1),
            Doc("Ảnh màu cỡ 4 x 6 cm nền trắng", originals=2)),
      levels=((3, CATALOG_SINCE), (4, REFORM_DAY))),
    P("1.009987", "Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III", "xay-dung", 20, ("sxd",),
      result="Chứng chỉ năng lực hoạt động xây dựng",
      fees=(Charge("Lệ phí cấp chứng chỉ năng lực", 1_000_000),),
      docs=(Doc("Đơn đề nghị cấp chứng chỉ năng lực (Mẫu số 04 Phụ lục IV)", originals=1),
            Doc("Quyết định công nhận phòng thí nghiệm chuyên ngành xây dựng (nếu có)", copies=1, mandatory=False),
            Doc("Chứng chỉ hành nghề của các chức danh chủ chốt", copies=1))),
]

_ENTERPRISE = "Giấy chứng nhận đăng ký doanh nghiệp"
_BUSINESS_FEES = (
    Charge("Lệ phí đăng ký doanh nghiệp (miễn khi nộp qua mạng)", 50_000),
    Charge("Phí công bố nội dung đăng ký doanh nghiệp", 100_000, "fee"),
)
_BUSINESS_LEVELS = ((3, CATALOG_SINCE), (4, D(2021, 1, 1)))
_REGISTRATION = ("skhdt", "stc")


def _company(code, name, form_name, limit=3, **kw) -> ProcedureSpec:
    kw.setdefault("fees", _BUSINESS_FEES)
    kw.setdefault("levels", _BUSINESS_LEVELS)
    kw.setdefault("result", _ENTERPRISE)
    docs = kw.pop("docs", (
        Doc(f"Giấy đề nghị {form_name}", originals=1),
        Doc("Điều lệ công ty", originals=1),
        Doc("Danh sách thành viên hoặc cổ đông sáng lập", originals=1),
        Doc("Bản sao giấy tờ pháp lý của cá nhân, tổ chức là thành viên, cổ đông", copies=1),
    ))
    return P(code, name, "doanh-nghiep", limit, _REGISTRATION, docs=docs, online_limit=2, **kw)


_BUSINESS = [
    _company("2.001610", "Đăng ký thành lập doanh nghiệp tư nhân", "đăng ký doanh nghiệp tư nhân",
             docs=(Doc("Giấy đề nghị đăng ký doanh nghiệp tư nhân (Phụ lục I-1)", originals=1),
                   Doc("Bản sao giấy tờ pháp lý của chủ doanh nghiệp tư nhân", copies=1))),
    _company("2.001199", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
             "đăng ký doanh nghiệp (Phụ lục I-2)"),
    _company("2.001180", "Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên",
             "đăng ký doanh nghiệp (Phụ lục I-3)"),
    _company("2.001166", "Đăng ký thành lập công ty cổ phần", "đăng ký doanh nghiệp (Phụ lục I-4)"),
    _company("2.001960", "Đăng ký thay đổi người đại diện theo pháp luật của công ty trách nhiệm hữu hạn, công ty "
             "cổ phần", "", fees=_BUSINESS_FEES,
             docs=(Doc("Thông báo thay đổi nội dung đăng ký doanh nghiệp (Phụ lục II-1)", originals=1),
                   Doc("Bản sao giấy tờ pháp lý của người đại diện theo pháp luật mới", copies=1))),
    _company("2.001915", "Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp", "",
             docs=(Doc("Thông báo thay đổi nội dung đăng ký doanh nghiệp (Phụ lục II-1)", originals=1),
                   Doc("Nghị quyết, quyết định của chủ sở hữu, Hội đồng thành viên hoặc Đại hội đồng cổ đông",
                       copies=1))),
    _company("2.002011", "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo", "",
             fees=(), result="Giấy xác nhận về việc doanh nghiệp đăng ký tạm ngừng kinh doanh",
             docs=(Doc("Thông báo tạm ngừng kinh doanh (Phụ lục II-19)", originals=1),)),
    _company("2.002022", "Đăng ký giải thể doanh nghiệp", "", limit=5, fees=(),
             result="Thông báo về việc giải thể doanh nghiệp",
             docs=(Doc("Thông báo về giải thể doanh nghiệp (Phụ lục II-22)", originals=1),
                   Doc("Báo cáo thanh lý tài sản doanh nghiệp; danh sách chủ nợ và số nợ đã thanh toán", originals=1))),
    _company("2.002040", "Cấp lại Giấy chứng nhận đăng ký doanh nghiệp", "", limit="1.5",
             fees=(Charge("Lệ phí cấp lại (miễn khi nộp qua mạng)", 50_000),),
             docs=(Doc("Giấy đề nghị cấp lại Giấy chứng nhận đăng ký doanh nghiệp (Phụ lục II-18)", originals=1),)),
    _company("2.001995", "Đăng ký hoạt động chi nhánh, văn phòng đại diện, địa điểm kinh doanh", "",
             fees=_BUSINESS_FEES[:1], result="Giấy chứng nhận đăng ký hoạt động chi nhánh, văn phòng đại diện",
             docs=(Doc("Thông báo về việc đăng ký hoạt động chi nhánh, văn phòng đại diện (Phụ lục II-7)",
                       originals=1),
                   Doc("Bản sao giấy tờ pháp lý của người đứng đầu chi nhánh, văn phòng đại diện", copies=1))),
]

_HOUSEHOLD = "Giấy chứng nhận đăng ký hộ kinh doanh"
_HOUSEHOLD_LEVELS = ((2, CATALOG_SINCE), (3, D(2019, 1, 1)), (4, REFORM_DAY))

_HOUSEHOLD_BUSINESS = [
    P("1.001612", "Đăng ký thành lập hộ kinh doanh", "ho-kinh-doanh", 3, LOCAL, result=_HOUSEHOLD,
      fees=(Charge("Lệ phí đăng ký hộ kinh doanh", 100_000),),
      docs=(Doc("Giấy đề nghị đăng ký hộ kinh doanh (Phụ lục III-1)", originals=1),
            Doc("Bản sao giấy tờ pháp lý của chủ hộ kinh doanh, các thành viên hộ gia đình", copies=1),
            Doc("Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (nếu có)", copies=1,
                mandatory=False)),
      levels=_HOUSEHOLD_LEVELS),
    P("1.001570", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "ho-kinh-doanh", "2.5", LOCAL,
      result=_HOUSEHOLD, fees=(Charge("Lệ phí đăng ký thay đổi", 50_000),),
      docs=(Doc("Thông báo thay đổi nội dung đăng ký hộ kinh doanh (Phụ lục III-2)", originals=1),
            Doc("Bản chính Giấy chứng nhận đăng ký hộ kinh doanh", originals=1)),
      levels=_HOUSEHOLD_LEVELS),
    P("1.001266", "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh",
      "ho-kinh-doanh", 3, LOCAL, result="Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh",
      docs=(Doc("Thông báo về việc tạm ngừng kinh doanh (Phụ lục III-3)", originals=1),),
      levels=_HOUSEHOLD_LEVELS),
    P("1.001239", "Chấm dứt hoạt động hộ kinh doanh", "ho-kinh-doanh", 3, LOCAL,
      result="Thông báo về việc chấm dứt hoạt động hộ kinh doanh",
      docs=(Doc("Thông báo về việc chấm dứt hoạt động hộ kinh doanh (Phụ lục III-4)", originals=1),
            Doc("Bản chính Giấy chứng nhận đăng ký hộ kinh doanh", originals=1))),
    P("1.001225", "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", "ho-kinh-doanh", 3, LOCAL, result=_HOUSEHOLD,
      fees=(Charge("Lệ phí cấp lại", 50_000),),
      docs=(Doc("Giấy đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", originals=1),)),
]

_MARRIAGE_LAW = ("Luật Hôn nhân và gia đình số 52/2014/QH13",)
_JUSTICE_2025 = ("Nghị định số 120/2025/NĐ-CP ngày 11/6/2025 của Chính phủ quy định về phân định thẩm quyền của "
                 "chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp",)
_ID = Doc("Căn cước hoặc giấy tờ tùy thân của người yêu cầu (xuất trình)", copies=0, originals=0)
_CIVIL_LEVELS = ((2, CATALOG_SINCE), (3, D(2019, 7, 1)), (4, D(2020, 7, 1)))

_CIVIL_STATUS = [
    P("1.001193", "Đăng ký khai sinh", "ho-tich", 1, COMMUNES, cutoff=CUTOFF_15H,
      result="Giấy khai sinh (bản chính), Trích lục khai sinh (bản sao) nếu có yêu cầu",
      docs=(Doc("Tờ khai đăng ký khai sinh", originals=1), Doc("Giấy chứng sinh", originals=1)),
      levels=_CIVIL_LEVELS),
    P("1.000894", "Đăng ký kết hôn", "ho-tich", 1, COMMUNES, cutoff=CUTOFF_15H,
      result="Giấy chứng nhận kết hôn", extra_legal=_MARRIAGE_LAW,
      docs=(Doc("Tờ khai đăng ký kết hôn", originals=1),
            Doc("Giấy xác nhận tình trạng hôn nhân (nếu đăng ký tại nơi không thường trú)", originals=1,
                mandatory=False)),
      levels=((2, CATALOG_SINCE), (3, D(2019, 7, 1)))),
    P("1.000656", "Đăng ký khai tử", "ho-tich", 1, COMMUNES, cutoff=CUTOFF_15H, result="Trích lục khai tử",
      docs=(Doc("Tờ khai đăng ký khai tử", originals=1), Doc("Giấy báo tử hoặc giấy tờ thay thế", originals=1)),
      levels=_CIVIL_LEVELS),
    P("1.001022", "Đăng ký nhận cha, mẹ, con", "ho-tich", 3, COMMUNES, result="Trích lục đăng ký nhận cha, mẹ, con",
      docs=(Doc("Tờ khai đăng ký nhận cha, mẹ, con", originals=1),
            Doc("Văn bản của cơ quan y tế xác nhận quan hệ cha, mẹ, con hoặc chứng cứ khác", certified_copies=1))),
    P("1.004859", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", "ho-tich", 3, COMMUNES,
      result="Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch",
      fees=(Charge("Lệ phí thay đổi, cải chính hộ tịch", 15_000),),
      docs=(Doc("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", originals=1),
            Doc("Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung", certified_copies=1)),
      levels=((2, CATALOG_SINCE), (3, D(2020, 7, 1)))),
    P("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "ho-tich", 3, COMMUNES,
      result="Giấy xác nhận tình trạng hôn nhân", fees=(Charge("Lệ phí hộ tịch", 8_000),),
      docs=(Doc("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", originals=1),),
      levels=((3, CATALOG_SINCE), (4, D(2021, 1, 1)))),
    P("2.000635", "Cấp bản sao trích lục hộ tịch", "ho-tich", "0.5", COMMUNES, result="Bản sao trích lục hộ tịch",
      fees=(Charge("Phí cấp bản sao trích lục (mỗi bản)", 8_000, "fee"),),
      docs=(Doc("Tờ khai cấp bản sao trích lục hộ tịch", originals=1),),
      levels=((3, CATALOG_SINCE), (4, D(2021, 1, 1)))),
    P("1.001695", "Đăng ký khai sinh có yếu tố nước ngoài", "ho-tich", 3, LOCAL, result="Giấy khai sinh",
      fees=(Charge("Lệ phí đăng ký khai sinh có yếu tố nước ngoài", 75_000),), extra_legal=_JUSTICE_2025,
      docs=(Doc("Tờ khai đăng ký khai sinh", originals=1), Doc("Giấy chứng sinh", originals=1),
            Doc("Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con", originals=1, mandatory=False))),
    P("1.000593", "Đăng ký kết hôn có yếu tố nước ngoài", "ho-tich", 15, LOCAL, unit=CALENDAR_DAYS,
      result="Giấy chứng nhận kết hôn", extra_legal=(*_MARRIAGE_LAW, *_JUSTICE_2025),
      fees=(Charge("Lệ phí đăng ký kết hôn có yếu tố nước ngoài", 1_500_000),),
      docs=(Doc("Tờ khai đăng ký kết hôn", originals=1),
            Doc("Giấy xác nhận của tổ chức y tế có thẩm quyền về việc không mắc bệnh tâm thần", originals=1),
            Doc("Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài, đã hợp pháp hóa lãnh sự",
                certified_copies=1))),
    P("1.004837", "Đăng ký giám hộ", "ho-tich", 3, COMMUNES, result="Trích lục đăng ký giám hộ",
      docs=(Doc("Tờ khai đăng ký giám hộ", originals=1), Doc("Văn bản cử người giám hộ", originals=1))),
    P("1.004884", "Đăng ký lại khai sinh", "ho-tich", 5, COMMUNES, result="Giấy khai sinh",
      docs=(Doc("Tờ khai đăng ký lại khai sinh", originals=1),
            Doc("Bản sao Giấy khai sinh hoặc giấy tờ có thông tin về họ, tên, ngày sinh", copies=1))),
]

_CERT_FEES_PAGE = Charge("Phí chứng thực bản sao: 2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang, tối đa "
                         "200.000 đồng/bản", 2_000, "fee")

_CERTIFICATION = [
    P("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam "
      "cấp hoặc chứng nhận", "chung-thuc", 1, ALL_LOCAL, cutoff=CUTOFF_15H, result="Bản sao được chứng thực từ bản chính",
      fees=(_CERT_FEES_PAGE,),
      docs=(Doc("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", originals=1),
            Doc("Bản sao cần chứng thực", copies=1)),
      levels=((2, CATALOG_SINCE), (4, REFORM_DAY))),
    P("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và "
      "trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)", "chung-thuc", 1, ALL_LOCAL,
      cutoff=CUTOFF_15H, result="Giấy tờ, văn bản đã được chứng thực chữ ký",
      fees=(Charge("Phí chứng thực chữ ký (mỗi trường hợp)", 10_000, "fee"),),
      docs=(_ID, Doc("Giấy tờ, văn bản mà mình sẽ ký", originals=1))),
    P("2.001035", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
      "chung-thuc", 2, COMMUNES, result="Hợp đồng, giao dịch được chứng thực",
      fees=(Charge("Phí chứng thực hợp đồng, giao dịch", 50_000, "fee"),),
      docs=(Doc("Dự thảo hợp đồng, giao dịch", originals=1),
            Doc("Giấy tờ chứng minh quyền sở hữu, quyền sử dụng tài sản", certified_copies=1))),
    P("2.001019", "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", "chung-thuc", 2, COMMUNES,
      result="Văn bản sửa đổi, bổ sung, hủy bỏ được chứng thực",
      fees=(Charge("Phí chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng", 30_000, "fee"),),
      docs=(Doc("Dự thảo văn bản sửa đổi, bổ sung, hủy bỏ", originals=1),
            Doc("Hợp đồng, giao dịch đã được chứng thực", originals=1))),
    P("2.001016", "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở",
      "chung-thuc", 2, COMMUNES, result="Văn bản thỏa thuận phân chia di sản được chứng thực",
      fees=(Charge("Phí chứng thực văn bản thỏa thuận phân chia di sản", 50_000, "fee"),),
      docs=(Doc("Dự thảo văn bản thỏa thuận phân chia di sản", originals=1),
            Doc("Giấy chứng tử hoặc giấy tờ thay thế", certified_copies=1),
            Doc("Giấy tờ chứng minh quan hệ giữa người để lại di sản và người được hưởng di sản",
                certified_copies=1))),
    P("2.000913", "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực", "chung-thuc", 1,
      ALL_LOCAL, cutoff=CUTOFF_15H, result="Bản sao có chứng thực", fees=(_CERT_FEES_PAGE,),
      docs=(Doc("Phiếu yêu cầu cấp bản sao", originals=1),)),
    P("2.000843", "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật", "chung-thuc", 1, LOCAL,
      cutoff=CUTOFF_15H, result="Bản dịch được chứng thực chữ ký người dịch",
      fees=(Charge("Phí chứng thực chữ ký người dịch (mỗi trường hợp)", 10_000, "fee"),),
      docs=(Doc("Bản dịch đính kèm giấy tờ, văn bản cần dịch", originals=1), _ID)),
]

_TRANSPORT_BUSINESS = ("Nghị định số 10/2020/NĐ-CP ngày 17/01/2020 của Chính phủ quy định về kinh doanh và điều "
                       "kiện kinh doanh vận tải bằng xe ô tô",)
_ROADS = ("sgtvt", "sxd")
_LICENCE = ("Thông tư số 12/2017/TT-BGTVT ngày 15/4/2017 của Bộ Giao thông vận tải quy định về đào tạo, sát hạch, "
            "cấp giấy phép lái xe cơ giới đường bộ",
            "Thông tư số 37/2023/TT-BTC ngày 07/6/2023 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý "
            "và sử dụng phí sát hạch lái xe; lệ phí cấp giấy phép lái xe")

_TRANSPORT = [
    # Driving licences left the transport sector on 1/3/2025 for the police, which are outside
    # this tree: the procedure is kept for the files of the dissolved department.
    P("1.002809", "Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "duong-bo", 5, ("sgtvt",),
      online_limit=3, result="Giấy phép lái xe", extra_legal=_LICENCE,
      fees=(Charge("Lệ phí cấp giấy phép lái xe", 135_000),),
      docs=(Doc("Đơn đề nghị đổi giấy phép lái xe (Phụ lục XIX)", originals=1),
            Doc("Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp", originals=1),
            Doc("Bản sao giấy phép lái xe", copies=1)),
      levels=((3, CATALOG_SINCE), (4, D(2021, 1, 1)))),
    P("1.002804", "Cấp lại giấy phép lái xe", "duong-bo", 10, ("sgtvt",), result="Giấy phép lái xe",
      extra_legal=_LICENCE, fees=(Charge("Lệ phí cấp giấy phép lái xe", 135_000),),
      docs=(Doc("Đơn đề nghị cấp lại giấy phép lái xe (Phụ lục XIX)", originals=1),
            Doc("Giấy khám sức khỏe của người lái xe", originals=1))),
    P("1.002861", "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô", "duong-bo", 5, _ROADS, online_limit=3,
      result="Giấy phép kinh doanh vận tải bằng xe ô tô", extra_legal=_TRANSPORT_BUSINESS,
      fees=(Charge("Lệ phí cấp giấy phép kinh doanh vận tải", 200_000),),
      docs=(Doc("Giấy đề nghị cấp Giấy phép kinh doanh (Phụ lục I)", originals=1),
            Doc("Văn bằng, chứng chỉ của người trực tiếp điều hành hoạt động vận tải", copies=1),
            Doc("Quyết định thành lập bộ phận quản lý, theo dõi các điều kiện về an toàn giao thông", copies=1)),
      levels=((3, CATALOG_SINCE), (4, REFORM_DAY))),
    P("1.002859", "Cấp lại Giấy phép kinh doanh vận tải bằng xe ô tô khi thay đổi nội dung hoặc bị mất, hư hỏng",
      "duong-bo", 5, _ROADS, result="Giấy phép kinh doanh vận tải bằng xe ô tô", extra_legal=_TRANSPORT_BUSINESS,
      fees=(Charge("Lệ phí cấp lại giấy phép kinh doanh vận tải", 200_000),),
      docs=(Doc("Giấy đề nghị cấp lại Giấy phép kinh doanh (Phụ lục I)", originals=1),
            Doc("Giấy phép kinh doanh đã được cấp (trừ trường hợp bị mất)", originals=1, mandatory=False))),
    P("1.002856", "Cấp phù hiệu xe ô tô kinh doanh vận tải", "duong-bo", 2, _ROADS,
      result="Phù hiệu xe ô tô kinh doanh vận tải", extra_legal=_TRANSPORT_BUSINESS,
      docs=(Doc("Giấy đề nghị cấp phù hiệu (Phụ lục V)", originals=1),
            Doc("Bản sao Giấy đăng ký xe ô tô hoặc giấy hẹn nhận Giấy đăng ký xe ô tô", copies=1)),
      levels=((3, CATALOG_SINCE), (4, REFORM_DAY))),
    P("1.001023", "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn, xe bánh xích, xe vận chuyển hàng "
      "siêu trường, siêu trọng trên đường bộ", "duong-bo", 2, _ROADS, result="Giấy phép lưu hành xe",
      docs=(Doc("Đơn đề nghị cấp giấy phép lưu hành xe", originals=1),
            Doc("Giấy đăng ký xe hoặc giấy đăng ký tạm thời", copies=1),
            Doc("Phương án vận chuyển (đối với hàng siêu trường, siêu trọng)", originals=1, mandatory=False))),
    P("1.001061", "Cấp giấy phép thi công công trình đường bộ trên đường bộ đang khai thác", "duong-bo", 7, _ROADS,
      result="Giấy phép thi công",
      docs=(Doc("Đơn đề nghị cấp giấy phép thi công", originals=1),
            Doc("Văn bản chấp thuận xây dựng của cơ quan có thẩm quyền", copies=1),
            Doc("Hồ sơ thiết kế và biện pháp tổ chức thi công bảo đảm an toàn giao thông", originals=1))),
    P("1.001045", "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao thông đường bộ",
      "duong-bo", 7, _ROADS, result="Văn bản chấp thuận xây dựng",
      docs=(Doc("Đơn đề nghị chấp thuận xây dựng công trình thiết yếu", originals=1),
            Doc("Hồ sơ thiết kế có biện pháp tổ chức thi công bảo đảm an toàn giao thông", originals=1))),
    P("1.002030", "Đăng ký khai thác tuyến vận tải hành khách cố định bằng xe ô tô", "duong-bo", 5, _ROADS,
      result="Thông báo đăng ký khai thác tuyến thành công", extra_legal=_TRANSPORT_BUSINESS,
      docs=(Doc("Giấy đăng ký khai thác tuyến (Phụ lục XI)", originals=1),
            Doc("Phương án kinh doanh vận tải hành khách cố định", originals=1))),
]

_DISABILITY = ("Luật Người khuyết tật số 51/2010/QH12",
               "Nghị định số 28/2012/NĐ-CP ngày 10/4/2012 của Chính phủ quy định chi tiết và hướng dẫn thi hành "
               "một số điều của Luật Người khuyết tật")
_WELFARE_HANDOVER = ("sldtbxh", "syt")
_MERIT = ("sldtbxh", "snv")

_SOCIAL = [
    P("1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng "
      "hàng tháng", "bao-tro-xa-hoi", 15, LOCAL, result="Quyết định hưởng trợ cấp xã hội hàng tháng",
      docs=(Doc("Tờ khai đề nghị trợ giúp xã hội (Mẫu số 1a–1g)", originals=1),
            Doc("Bản sao Giấy xác nhận khuyết tật (đối với người khuyết tật)", copies=1, mandatory=False)),
      levels=((2, CATALOG_SINCE), (3, D(2022, 1, 1)))),
    P("1.001758", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "bao-tro-xa-hoi", 5, LOCAL,
      result="Quyết định hỗ trợ chi phí mai táng",
      docs=(Doc("Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 4)", originals=1),
            Doc("Bản sao giấy chứng tử", copies=1))),
    P("1.001699", "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", "bao-tro-xa-hoi", 30,
      COMMUNES, unit=CALENDAR_DAYS, result="Giấy xác nhận khuyết tật", extra_legal=_DISABILITY,
      docs=(Doc("Đơn đề nghị xác định mức độ khuyết tật (Mẫu số 01)", originals=1),
            Doc("Bản sao các giấy tờ liên quan đến khuyết tật (bệnh án, giấy ra viện…)", copies=1,
                mandatory=False))),
    P("2.000286", "Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội cấp "
      "tỉnh", "bao-tro-xa-hoi", 10, _WELFARE_HANDOVER, result="Quyết định tiếp nhận vào cơ sở trợ giúp xã hội",
      docs=(Doc("Đơn đề nghị tiếp nhận vào cơ sở trợ giúp xã hội", originals=1),
            Doc("Văn bản đề nghị của Ủy ban nhân dân cấp xã", originals=1))),
    P("1.001731", "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở", "bao-tro-xa-hoi", 10, LOCAL,
      result="Quyết định hỗ trợ làm nhà ở, sửa chữa nhà ở",
      docs=(Doc("Tờ khai đề nghị hỗ trợ về nhà ở (Mẫu số 05)", originals=1),)),
    P("1.002519", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", "nguoi-co-cong", 12, _MERIT,
      result="Quyết định trợ cấp thờ cúng liệt sĩ",
      docs=(Doc("Bản khai đề nghị trợ cấp thờ cúng liệt sĩ (Mẫu số 12)", originals=1),
            Doc("Biên bản ủy quyền (nếu có)", originals=1, mandatory=False))),
    P("1.002497", "Giải quyết chế độ mai táng phí, trợ cấp một lần khi người có công với cách mạng từ trần",
      "nguoi-co-cong", 12, _MERIT, result="Quyết định trợ cấp mai táng phí, trợ cấp một lần",
      docs=(Doc("Bản khai của thân nhân (Mẫu số 13)", originals=1), Doc("Bản sao giấy chứng tử", copies=1))),
    P("1.002410", "Giải quyết chế độ ưu đãi đối với Bà mẹ Việt Nam anh hùng", "nguoi-co-cong", 10, _MERIT,
      result="Quyết định trợ cấp hằng tháng",
      docs=(Doc("Bản khai cá nhân (Mẫu số 02)", originals=1),
            Doc("Bản sao quyết định phong tặng danh hiệu vinh dự Nhà nước", certified_copies=1))),
    P("1.002305", "Hỗ trợ người có công với cách mạng cải thiện nhà ở", "nguoi-co-cong", 20, LOCAL,
      result="Quyết định hỗ trợ cải thiện nhà ở",
      docs=(Doc("Đơn đề nghị hỗ trợ nhà ở", originals=1),
            Doc("Giấy tờ chứng minh là người có công với cách mạng", certified_copies=1))),
    P("1.002271", "Di chuyển hồ sơ khi người hưởng trợ cấp ưu đãi thay đổi nơi thường trú", "nguoi-co-cong", 5,
      _MERIT, result="Phiếu báo di chuyển hồ sơ người có công",
      docs=(Doc("Đơn đề nghị di chuyển hồ sơ (Mẫu số 35)", originals=1),)),
    P("1.002252", "Giải quyết chế độ ưu đãi đối với con đẻ của người hoạt động kháng chiến bị nhiễm chất độc hóa học",
      "nguoi-co-cong", 20, _MERIT, result="Quyết định trợ cấp hằng tháng",
      docs=(Doc("Bản khai cá nhân (Mẫu số 06)", originals=1),
            Doc("Giấy xác nhận dị dạng, dị tật do nhiễm chất độc hóa học", certified_copies=1))),
]

PROCEDURES: list[ProcedureSpec] = [
    *_LAND, *_CONSTRUCTION, *_BUSINESS, *_HOUSEHOLD_BUSINESS, *_CIVIL_STATUS, *_CERTIFICATION, *_TRANSPORT,
    *_SOCIAL,
]


# --- internal processes ----------------------------------------------------------------------

QUARTER = Decimal("0.25")


def _hours(budget: Decimal, shares: list[Decimal]) -> list[Decimal]:
    """Split `budget` hours by `shares`, in quarter hours, the remainder going to the longest step."""
    hours = [max(QUARTER, (budget * s / QUARTER).to_integral_value(ROUND_FLOOR) * QUARTER) for s in shares]
    longest = shares.index(max(shares))
    hours[longest] += budget - sum(hours)
    return hours


_STEPS = {
    # Same-day work: checked at the desk, recorded, signed before closing time.
    "same_day": [
        (K.DESK_OFFICER, "Tiếp nhận, đối chiếu bản chính và kiểm tra giấy tờ", "0.15"),
        (K.SPECIALIST, "Kiểm tra, ghi sổ và dự thảo lời chứng hoặc kết quả", "0.55"),
        (K.AGENCY_LEADER, "Ký, đóng dấu kết quả", "0.30"),
    ],
    "commune": [
        (K.DESK_OFFICER, "Tiếp nhận, kiểm tra hồ sơ và chuyển công chức chuyên môn", "0.10"),
        (K.SPECIALIST, "Thẩm định hồ sơ, dự thảo kết quả giải quyết", "0.70"),
        (K.AGENCY_LEADER, "Lãnh đạo Ủy ban nhân dân xem xét, ký kết quả", "0.20"),
    ],
    "department": [
        (K.DESK_OFFICER, "Tiếp nhận, kiểm tra hồ sơ và chuyển phòng chuyên môn", "0.05"),
        (K.SPECIALIST, "Thẩm định hồ sơ, dự thảo kết quả giải quyết", "0.65"),
        (K.HEAD_OF_DIVISION, "Lãnh đạo phòng kiểm tra, trình lãnh đạo cơ quan", "0.15"),
        (K.AGENCY_LEADER, "Lãnh đạo cơ quan phê duyệt, ký kết quả", "0.15"),
    ],
    "district": [
        (K.DESK_OFFICER, "Bộ phận Một cửa cấp huyện tiếp nhận, chuyển phòng chuyên môn", "0.05"),
        (K.SPECIALIST, "Phòng chuyên môn thẩm định, kiểm tra thực địa (nếu cần), dự thảo kết quả", "0.65"),
        (K.HEAD_OF_DIVISION, "Trưởng phòng xem xét, trình Ủy ban nhân dân cấp huyện", "0.15"),
        (K.AGENCY_LEADER, "Lãnh đạo Ủy ban nhân dân cấp huyện ký kết quả", "0.15"),
    ],
    # From 1/7/2025 the communes have divisions of their own (Phòng Kinh tế, Phòng Văn hóa - Xã hội).
    "two_tier_commune": [
        (K.DESK_OFFICER, "Trung tâm Phục vụ hành chính công xã tiếp nhận, chuyển phòng chuyên môn", "0.05"),
        (K.SPECIALIST, "Phòng chuyên môn thẩm định hồ sơ, dự thảo kết quả", "0.65"),
        (K.HEAD_OF_DIVISION, "Trưởng phòng xem xét, trình lãnh đạo Ủy ban nhân dân xã", "0.15"),
        (K.AGENCY_LEADER, "Lãnh đạo Ủy ban nhân dân xã ký kết quả", "0.15"),
    ],
}


def budget_hours(spec: ProcedureSpec, per_day: Decimal = Decimal(8)) -> Decimal:
    """Working hours the steps may use: what the legal limit leaves, rounded to quarter hours."""
    if spec.cutoff is not None:
        return per_day / 2  # received before the cut-off, returned the same afternoon
    if spec.unit == CALENDAR_DAYS:
        # A span of calendar days holds about five working days in seven.
        working_days = (spec.limit * 5 / 7).to_integral_value(ROUND_FLOOR)
        return max(working_days, Decimal(1)) * per_day
    return spec.limit * per_day


def _steps(template: str, budget: Decimal) -> list[dict]:
    rows = _STEPS[template]
    hours = _hours(budget, [Decimal(share) for _, _, share in rows])
    return [
        {"order": n, "name": name, "role": str(role), "hours": h, "may_send_back": n > 1}
        for n, ((role, name, _), h) in enumerate(zip(rows, hours, strict=True), start=1)
    ]


def process_plan(spec: ProcedureSpec) -> list[tuple[datetime.date, list[dict]]]:
    """The general (any agency) process versions: (in force from, steps)."""
    budget = budget_hours(spec)
    if spec.cutoff is not None:
        return [(CATALOG_SINCE, _steps("same_day", budget))]
    if "districts" in spec.competent:
        return [(CATALOG_SINCE, _steps("district", budget)), (REFORM_DAY, _steps("two_tier_commune", budget))]
    if set(spec.competent) <= set(ALL_LOCAL):
        return [(CATALOG_SINCE, _steps("commune", budget))]
    return [(CATALOG_SINCE, _steps("department", budget))]
