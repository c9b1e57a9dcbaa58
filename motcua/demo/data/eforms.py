"""Demo e-forms. The construction permit follows Mẫu số 01, Phụ lục II, NĐ 15/2021/NĐ-CP; every other
procedure offered online gets a short generic request form. Real provinces edit these in the admin."""

import datetime

EFFECTIVE = datetime.date(2021, 3, 3)  # NĐ 15/2021/NĐ-CP in force

CONSTRUCTION_PERMIT = {
    "title": "Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01, Phụ lục II, Nghị định 15/2021/NĐ-CP)",
    "legal_basis": "Nghị định số 15/2021/NĐ-CP",
    "fields": [
        {"name": "dia_diem", "label": "Địa điểm xây dựng (số nhà, đường, thôn/khu phố, xã/phường)",
         "type": "text", "required": True, "max_length": 300},
        {"name": "lo_dat_so", "label": "Thửa đất số", "type": "text", "required": True, "max_length": 20},
        {"name": "to_ban_do_so", "label": "Tờ bản đồ số", "type": "text", "required": True, "max_length": 20},
        {"name": "dien_tich_lo_dat", "label": "Diện tích lô đất (m²)", "type": "number", "required": True,
         "min": 1, "max": 100000},
        {"name": "dien_tich_xay_dung", "label": "Diện tích xây dựng tầng 1 (m²)", "type": "number",
         "required": True, "min": 1, "max": 100000},
        {"name": "tong_dien_tich_san", "label": "Tổng diện tích sàn (m²)", "type": "number", "required": True,
         "min": 1, "max": 1000000},
        {"name": "so_tang", "label": "Số tầng", "type": "number", "required": True, "min": 1, "max": 60},
        {"name": "chieu_cao", "label": "Chiều cao công trình (m)", "type": "number", "required": True,
         "min": 1, "max": 300},
        {"name": "cap_cong_trinh", "label": "Cấp công trình", "type": "select", "required": True,
         "choices": ["Cấp III", "Cấp IV"]},
        {"name": "don_vi_thiet_ke", "label": "Đơn vị hoặc người thiết kế", "type": "text", "max_length": 200},
        {"name": "thoi_gian_hoan_thanh", "label": "Dự kiến thời gian hoàn thành (tháng)", "type": "number",
         "min": 1, "max": 120},
        {"name": "cam_ket", "label": "Tôi cam kết làm theo đúng giấy phép được cấp", "type": "checkbox",
         "required": True},
    ],
}

GENERIC = {
    "title": "Tờ khai trực tuyến",
    "legal_basis": "",
    "fields": [
        {"name": "noi_dung", "label": "Nội dung đề nghị", "type": "textarea", "required": True,
         "max_length": 2000, "help": "Ghi rõ yêu cầu của ông/bà đối với cơ quan giải quyết."},
        {"name": "ghi_chu", "label": "Ghi chú thêm", "type": "textarea", "max_length": 1000},
    ],
}

BY_PROCEDURE = {"1.009994": CONSTRUCTION_PERMIT, "1.009995": CONSTRUCTION_PERMIT}
