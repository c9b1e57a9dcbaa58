"""What officials write in notes, reasons and answers."""

REFUSE = [
    "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.",
    "Thông tin kê khai không trùng khớp với Cơ sở dữ liệu quốc gia về dân cư.",
    "Giấy tờ nộp kèm không phải bản chính hoặc bản sao hợp lệ.",
    "Thửa đất đang có tranh chấp, chưa đủ điều kiện giải quyết.",
]
WITHDRAW = [
    "Công dân có đơn xin rút hồ sơ.",
    "Người nộp đề nghị rút hồ sơ để điều chỉnh nội dung yêu cầu.",
    "Người nộp đề nghị rút hồ sơ, nộp lại sau.",
]
STOP = [
    "Quá thời hạn bổ sung hồ sơ mà người nộp không bổ sung.",
    "Hồ sơ có tranh chấp, chuyển cơ quan có thẩm quyền giải quyết theo quy định.",
    "Người sử dụng đất chưa hoàn thành nghĩa vụ tài chính theo thông báo.",
    "Dừng xử lý theo văn bản của cơ quan có thẩm quyền.",
]
STOP_ABANDONED = STOP[0]
SUPPLEMENT = [
    "Thành phần hồ sơ chưa đầy đủ theo quy định.",
    "Bản quét giấy tờ không rõ, đề nghị nộp lại.",
    "Thông tin trên đơn chưa khớp với giấy tờ kèm theo.",
]
COORDINATION = {
    "dat-dai": ["Đề nghị xác nhận nguồn gốc, thời điểm sử dụng đất và tình trạng tranh chấp.",
                "Đề nghị xác định nghĩa vụ tài chính về đất đai."],
    "xay-dung": ["Đề nghị cho ý kiến về sự phù hợp với quy hoạch.",
                 "Đề nghị xác nhận hiện trạng công trình."],
    "": ["Đề nghị cho ý kiến về hồ sơ.", "Đề nghị xác minh thông tin của người nộp."],
}
ANSWER = [
    "Thống nhất với nội dung đề nghị.",
    "Đã xác minh, thông tin trong hồ sơ phù hợp với thực tế.",
    "Đồng ý; đề nghị cơ quan giải quyết lưu ý điều kiện kèm theo.",
]
APOLOGY = [
    "Hồ sơ phải xác minh thực địa, cần thêm thời gian.",
    "Chờ ý kiến của cơ quan phối hợp.",
    "Số lượng hồ sơ tăng đột biến sau Tết, chưa kịp giải quyết đúng hạn.",
    "Cán bộ thụ lý nghỉ ốm, bàn giao hồ sơ chậm.",
]
APOLOGY_DECLINED = [
    "Lý do chậm chưa thuyết phục; đề nghị tập trung giải quyết đúng hạn.",
    "Ngày hẹn mới quá xa; đề nghị rút ngắn thời gian.",
]
SEND_BACK = [
    "Đề nghị hoàn thiện dự thảo kết quả.",
    "Bổ sung ý kiến thẩm định trước khi trình.",
    "Kiểm tra lại thông tin người sử dụng đất.",
]
OBLIGATION = [
    "Thông báo nộp tiền sử dụng đất, lệ phí trước bạ.",
    "Thông báo nộp thuế thu nhập cá nhân, lệ phí trước bạ.",
]
RESULT_SUFFIX = {
    "dat-dai": "QĐ-ĐĐ", "xay-dung": "GPXD", "doanh-nghiep": "ĐKKD", "ho-kinh-doanh": "ĐKHKD", "ho-tich": "TP-HT",
    "chung-thuc": "SCT/BS", "duong-bo": "GPLX", "bao-tro-xa-hoi": "QĐ-TCXH", "nguoi-co-cong": "QĐ-NCC",
}


def summary(rng, sector: str, place: str) -> str:
    """What the desk writes under "Nội dung yêu cầu", after the procedure's name: the parcel or the
    works the request is about. Other sectors leave it empty, as desks do (the procedure says it all)."""
    parcel = f"thửa đất số {rng.randint(1, 480)}, tờ bản đồ số {rng.randint(1, 65)}"
    where = f", {place}" if place else ""
    if sector == "dat-dai":
        return f"{parcel[0].upper()}{parcel[1:]}{where}"
    if sector == "xay-dung":
        return f"Nhà ở riêng lẻ {rng.randint(1, 5)} tầng tại {parcel}{where}"
    return ""
