"""Fictional applicants: people and firms with plausible Vietnamese names, papers and addresses.

Contact details must never reach a real person: e-mail addresses use a reserved top-level
domain, and phone numbers use the 019x block, which left service when mobile numbers moved
to ten digits in 2018.
"""

from __future__ import annotations

import datetime
import random

from motcua.core.text import search_key

EMAIL_DOMAIN = "congdan.example"

# Weighted roughly as Vietnamese family names are: about four in ten are Nguyễn.
FAMILY = (["Nguyễn"] * 38 + ["Trần"] * 11 + ["Lê"] * 10 + ["Phạm"] * 7 + ["Hoàng"] * 5 + ["Huỳnh"] * 5
          + ["Phan"] * 4 + ["Vũ"] * 4 + ["Võ"] * 4 + ["Đặng"] * 2 + ["Bùi"] * 2 + ["Đỗ"] * 2 + ["Hồ"] * 2
          + ["Ngô", "Dương", "Lý", "Trương", "Đinh", "Lương", "Mai", "Châu", "Tô", "Lâm", "Tạ", "Cao"])
MIDDLE = {
    "m": ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Ngọc", "Xuân", "Quang", "Đình"],
    "f": ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích", "Thùy", "Hồng", "Phương"],
}
GIVEN = {
    "m": ["An", "Bảo", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khang", "Khoa", "Lâm",
          "Long", "Lộc", "Minh", "Nam", "Nhân", "Phát", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Thành",
          "Thịnh", "Tiến", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ"],
    "f": ["Anh", "Châu", "Chi", "Diễm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương",
          "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh", "Phương", "Quyên",
          "Tâm", "Thảo", "Thủy", "Trâm", "Trang", "Tuyết", "Uyên", "Vân", "Vy", "Yến"],
}
STREETS = ["Trần Hưng Đạo", "Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung", "Hùng Vương",
           "Nguyễn Trãi", "Lê Duẩn", "Phan Chu Trinh", "Điện Biên Phủ", "Võ Thị Sáu", "Nguyễn Văn Cừ", "Tôn Đức Thắng"]
HAMLETS = ["thôn", "ấp", "khu phố", "tổ dân phố"]
FIRM_KIND = ["Công ty TNHH", "Công ty TNHH MTV", "Công ty cổ phần", "Doanh nghiệp tư nhân", "Hợp tác xã"]
FIRM_WORD = ["Xây dựng", "Thương mại", "Dịch vụ", "Nông sản", "Thủy sản", "Vận tải", "Du lịch", "Công nghệ",
             "Bất động sản", "Vật liệu", "Cơ khí", "Thực phẩm"]
FIRM_NAME = ["Hải Phát", "Bình Minh", "Thành Công", "Phú Quý", "Hưng Thịnh", "An Khang", "Đại Dương", "Sao Mai",
             "Hoàng Long", "Tân Tiến", "Việt Hải", "Phương Nam", "Bảo An", "Kim Ngân"]
PROVINCE_PREFIX = "099"  # the ID-number prefix of the fictional province


def person(rng: random.Random, day: datetime.date, commune: int | None, commune_name: str) -> dict:
    sex = "f" if rng.random() < 0.5 else "m"
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
    age = rng.randint(18, 80)
    born = datetime.date(day.year - age, rng.randint(1, 12), rng.randint(1, 28))
    century = (0 if born.year < 2000 else 2) + (1 if sex == "f" else 0)
    party = {
        "kind": "person", "name": name, "id_type": "cccd" if day.year >= 2016 or rng.random() < 0.5 else "cmnd",
        "id_number": f"{PROVINCE_PREFIX}{century}{born.year % 100:02d}{rng.randrange(10**6):06d}",
        "birth_date": born, "phone": f"019{rng.randrange(10**7):07d}",
        "address": address(rng, commune_name), "commune": commune,
    }
    if rng.random() < 0.3:
        party["email"] = f"{search_key(name).replace(' ', '.')}{rng.randrange(100)}@{EMAIL_DOMAIN}"
    return party


def firm(rng: random.Random, commune: int | None, commune_name: str) -> dict:
    name = f"{rng.choice(FIRM_KIND)} {rng.choice(FIRM_WORD)} {rng.choice(FIRM_NAME)}"
    return {
        "kind": "organisation", "name": name, "id_type": "tax_code", "id_number": f"{rng.randrange(10**10):010d}",
        "phone": f"019{rng.randrange(10**7):07d}", "address": address(rng, commune_name), "commune": commune,
        "email": f"lienhe{rng.randrange(10**4)}@{EMAIL_DOMAIN}",
    }


def address(rng: random.Random, commune_name: str) -> str:
    if rng.random() < 0.5:
        street = f"Số {rng.randint(1, 300)} đường {rng.choice(STREETS)}"
    else:
        street = f"{rng.choice(HAMLETS)} {rng.randint(1, 12)}".capitalize()
    return f"{street}, {commune_name}" if commune_name else street
