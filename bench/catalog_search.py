#!/usr/bin/env python
"""Catalog search latency on a province-sized catalog (2,000 procedures) in a fresh database.

    .venv/bin/python bench/catalog_search.py                     # SQLite, /tmp/bench_catalog.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_catalog .venv/bin/python bench/catalog_search.py

The database named by DATABASE_URL is dropped and re-created: the script refuses any name
that does not start with "bench". Prints p50/p95 per query, through the query function
(first page + count, as the pages do) and through the API with django.test.Client.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_catalog.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

SECTORS = {
    "DD": ("Đất đai", ["đất đai", "quyền sử dụng đất", "Giấy chứng nhận quyền sử dụng đất", "giao đất, cho thuê đất",
                       "chuyển mục đích sử dụng đất", "tách thửa, hợp thửa đất", "tài sản gắn liền với đất"]),
    "XD": ("Hoạt động xây dựng", ["giấy phép xây dựng", "giấy phép xây dựng nhà ở riêng lẻ", "chứng chỉ hành nghề xây dựng",
                                  "giấy phép sửa chữa, cải tạo công trình", "thiết kế cơ sở", "quy hoạch xây dựng"]),
    "HT": ("Hộ tịch", ["khai sinh", "kết hôn", "khai tử", "nhận cha, mẹ, con", "thay đổi, cải chính hộ tịch",
                       "trích lục hộ tịch", "giám hộ"]),
    "CT": ("Chứng thực", ["bản sao từ bản chính", "chữ ký trong giấy tờ, văn bản", "hợp đồng, giao dịch",
                          "văn bản thỏa thuận phân chia di sản"]),
    "GT": ("Đường bộ", ["giấy phép lái xe", "đăng ký xe", "giấy phép kinh doanh vận tải bằng xe ô tô",
                        "phù hiệu xe", "giấy phép thi công công trình đường bộ"]),
    "YT": ("Khám bệnh, chữa bệnh", ["chứng chỉ hành nghề khám bệnh, chữa bệnh", "giấy phép hoạt động phòng khám",
                                     "giấy chứng nhận đủ điều kiện kinh doanh dược"]),
    "GD": ("Giáo dục và đào tạo", ["cơ sở giáo dục mầm non", "trường trung học cơ sở", "văn bằng, chứng chỉ",
                                   "trung tâm ngoại ngữ, tin học", "chuyển trường cho học sinh"]),
    "KD": ("Thành lập và hoạt động doanh nghiệp", ["doanh nghiệp tư nhân", "công ty trách nhiệm hữu hạn",
                                                  "hộ kinh doanh", "chi nhánh, văn phòng đại diện", "hợp tác xã"]),
    "MT": ("Môi trường", ["giấy phép môi trường", "báo cáo đánh giá tác động môi trường", "giấy phép khai thác nước",
                          "giấy phép xả nước thải vào nguồn nước"]),
    "LD": ("Lao động, việc làm", ["giấy phép lao động cho người nước ngoài", "trợ cấp thất nghiệp",
                                  "nội quy lao động", "giấy phép hoạt động dịch vụ việc làm"]),
    "VH": ("Văn hóa", ["giấy phép tổ chức lễ hội", "di tích lịch sử - văn hóa", "giấy phép kinh doanh karaoke",
                       "biểu diễn nghệ thuật"]),
    "NN": ("Nông nghiệp", ["giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "kiểm dịch động vật",
                           "giống cây trồng", "chứng chỉ hành nghề thú y"]),
    "TC": ("Tài chính, thuế", ["hóa đơn điện tử", "miễn, giảm tiền sử dụng đất", "thuế thu nhập cá nhân",
                               "hoàn thuế giá trị gia tăng"]),
    "TP": ("Tư pháp", ["lý lịch tư pháp", "quốc tịch Việt Nam", "hòa giải thương mại", "luật sư, tổ chức hành nghề luật sư"]),
}
ACTIONS = ["Cấp", "Cấp lại", "Cấp đổi", "Gia hạn", "Điều chỉnh", "Thu hồi", "Đăng ký", "Đăng ký thay đổi",
           "Xác nhận", "Thẩm định", "Phê duyệt", "Công nhận", "Chứng thực", "Giải quyết", "Cho phép", "Hủy bỏ"]
QUALIFIERS = ["", "", "", "lần đầu", "cấp tỉnh", "cấp xã", "đối với tổ chức", "đối với cá nhân",
              "có yếu tố nước ngoài", "tại khu công nghiệp", "trên địa bàn tỉnh", "theo thủ tục rút gọn"]

QUERIES = [
    ("cấp phép xây dựng", {}), ("cap phep xay dung", {}),
    ("đất đai", {}), ("dat dai", {}), ("ĐẤT ĐAI", {}),
    ("đăng ký khai sinh", {}), ("dang ky khai sinh", {}),
    ("giấy chứng nhận quyền sử dụng đất", {}), ("giay chung nhan quyen su dung dat", {}),
    ("gia han", {}), ("ho", {}), ("1.00", {}),
    ("", {}), ("cap", {"level": 4}), ("", {"sector": "HT"}), ("dang ky", {"agency": "000.00.05.H56"}),
]


def fresh_database(url: str) -> str:
    import dj_database_url

    config = dj_database_url.parse(url)
    name = str(config["NAME"])
    if config["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
        return "SQLite"
    if not Path(name).name.startswith("bench"):
        sys.exit(f"Refusing to drop database {name!r}: its name must start with 'bench'.")
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        dbname="postgres", user=config.get("USER") or None, password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None, port=config.get("PORT") or None, autocommit=True,
    ) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        version = conn.execute("SHOW server_version").fetchone()[0]
    return f"PostgreSQL {version}"


def generate(count: int, rng: random.Random) -> list:
    from motcua.catalog.services import DocumentData, FeeData, ProcedureData
    from motcua.directory.models import Agency, AgencyLevel

    level, _ = AgencyLevel.objects.get_or_create(code="tinh", defaults={"name": "Cấp tỉnh", "rank": 1})
    agencies = [
        Agency.objects.create(code=f"000.00.{i:02d}.H56", name=f"Sở số {i} tỉnh Thanh Hóa", level=level)
        for i in range(1, 31)
    ]
    names: set[str] = set()
    rows = []
    sector_codes = list(SECTORS)
    while len(rows) < count:
        sector = rng.choice(sector_codes)
        sector_name, objects = SECTORS[sector]
        name = " ".join(p for p in (rng.choice(ACTIONS), rng.choice(objects), rng.choice(QUALIFIERS)) if p)
        if name in names:
            continue
        names.add(name)
        limit = rng.choice(["0", "0.5", "1", "3", "5", "7", "10", "15", "20", "30", "45"])
        rows.append(ProcedureData(
            code=f"{rng.choice('12')}.{len(rows) + 1:06d}", name=name[0].upper() + name[1:],
            sector_code=sector, sector_name=sector_name,
            agency_codes=[a.code for a in rng.sample(agencies, rng.choice([1, 1, 2]))],
            time_limit=Decimal(limit), fees=[FeeData("charge", "Lệ phí", rng.choice([0, 20000, 50000, 100000]))],
            documents=[DocumentData("Đơn đề nghị", 1, 0, 0, True), DocumentData("Giấy tờ tùy thân", 0, 1, 0, True)],
            level=rng.choice([1, 2, 3, 3, 4, 4]), in_rating_pilot=rng.random() < 0.1,
        ))
    return rows


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def timed(fn, iterations: int) -> list[float]:
    from django.db import reset_queries

    for _ in range(3):
        fn()
    samples = []
    for _ in range(iterations):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        reset_queries()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--iterations", type=int, default=50)
    args = parser.parse_args()

    engine = fresh_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from motcua.catalog.models import Procedure
    from motcua.catalog.queries import search_procedures
    from motcua.catalog.services import import_procedures

    # Only the catalog and what it depends on: other apps may be mid-way through their migrations.
    call_command("migrate", "catalog", verbosity=0)
    start = time.perf_counter()
    import_procedures(generate(args.procedures, random.Random(2017)), source="bench")
    load_s = time.perf_counter() - start
    total = Procedure.objects.count()
    client = Client()
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{engine}: {total:,} procedures written through the import service in {load_s:.1f} s; "
          f"{args.iterations} runs per query; load average {load} on {os.cpu_count()} CPUs.\n")

    header = f"{'query':<38} {'filters':<24} {'hits':>5}  {'fn p50':>7} {'fn p95':>7}  {'api p50':>7} {'api p95':>7}"
    print(header)
    print("-" * len(header))
    all_fn, all_api = [], []
    for q, filters in QUERIES:
        hits = search_procedures(q, **filters).count()

        def by_function(q=q, filters=filters):
            qs = search_procedures(q, **filters)
            list(qs[:20])
            qs.count()

        def by_api(q=q, filters=filters):
            response = client.get("/api/v1/procedures", {"q": q, **filters})
            assert response.status_code == 200, response.content

        fn = timed(by_function, args.iterations)
        api = timed(by_api, args.iterations)
        all_fn += fn
        all_api += api
        label = ", ".join(f"{k}={v}" for k, v in filters.items())
        print(f"{q or '(empty)':<38} {label:<24} {hits:>5}  "
              f"{percentiles(fn)[0]:>7.2f} {percentiles(fn)[1]:>7.2f}  {percentiles(api)[0]:>7.2f} {percentiles(api)[1]:>7.2f}")
    print("-" * len(header))
    print(f"{'all queries (ms)':<38} {'':<24} {'':>5}  {percentiles(all_fn)[0]:>7.2f} {percentiles(all_fn)[1]:>7.2f}  "
          f"{percentiles(all_api)[0]:>7.2f} {percentiles(all_api)[1]:>7.2f}")


if __name__ == "__main__":
    main()
