import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from motcua.catalog.models import CatalogEvent, Procedure, Sector

from . import factories as f

pytestmark = pytest.mark.django_db


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_procedures", str(path), "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path, *args):
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_procedures", str(path), "--no-progress", *args, stdout=io.StringIO(), stderr=err)
    return str(exc.value), err.getvalue()


@pytest.fixture
def agencies():
    return f.sample_agencies()


def assert_sample_imported():
    assert Procedure.objects.count() == 6
    permit = Procedure.objects.get(code="1.009994")
    assert permit.name == "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    assert permit.sector.name == "Hoạt động xây dựng"
    assert [a.code for a in permit.agencies.all()] == ["000.00.31.H56"]
    assert (permit.time_limit, permit.online_time_limit) == (15, 12)
    assert [(fee.kind, fee.name, fee.amount) for fee in permit.fees.all()] == [
        ("charge", "Lệ phí cấp giấy phép xây dựng", 75000)
    ]
    docs = [(d.name, d.originals, d.certified_copies, d.copies, d.mandatory) for d in permit.documents.all()]
    assert docs[1] == ("Giấy tờ chứng minh quyền sử dụng đất", 0, 1, 0, True)
    assert docs[3] == ("Bản cam kết bảo đảm an toàn công trình liền kề", 1, 0, 0, False)
    assert permit.legal_basis.splitlines() == [
        "Luật Xây dựng số 50/2014/QH13", "Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ",
    ]
    assert permit.level_for() == 4 and permit.in_rating_pilot
    land = Procedure.objects.get(code="1.004227")
    assert land.agencies.count() == 2 and land.obligation_wait_counts is False
    assert [f.kind for f in land.fees.all()] == ["charge", "fee"]
    copy = Procedure.objects.get(code="2.000815")
    assert copy.same_day_cutoff == datetime.time(15, 0) and copy.is_same_day
    assert Procedure.objects.get(code="1.004884").time_limit == Decimal("0.5")
    assert Procedure.objects.get(code="2.002373").time_limit_unit == "calendar_days"


def test_sample_csv_imports_every_procedure(agencies):
    out, _ = run(f.SAMPLE_CSV)
    assert "Đã nhập 6 thủ tục: 6 mới, 0 cập nhật." in out
    assert_sample_imported()
    assert CatalogEvent.objects.filter(action="procedure_imported").count() == 6


def test_committed_xlsx_sample_imports_the_same(agencies):
    run(f.SAMPLE_XLSX)
    assert_sample_imported()


def test_xlsx_written_from_the_csv_imports_the_same(agencies, tmp_path):
    run(f.csv_to_xlsx(f.SAMPLE_CSV, tmp_path / "thu_tuc.xlsx"))
    assert_sample_imported()


def test_csv_with_bom_and_vietnamese_headings_and_semicolons(agencies, tmp_path):
    header, rows = f.read_sample()
    from motcua.catalog.importing import COLUMNS

    vietnamese = [COLUMNS[h] for h in header]
    run(f.write_csv(tmp_path / "excel.csv", vietnamese, rows, bom=True, delimiter=";"))
    assert_sample_imported()


def bad_file(tmp_path):
    header, rows = f.read_sample()
    col = {name: i for i, name in enumerate(header)}
    rows[1][col["sector_code"]], rows[1][col["sector_name"]] = "ZZ", ""            # line 3
    rows[2][col["agencies"]] = "000.00.31.H56;SXD-THANHHOA"                         # line 4
    rows[3][col["time_limit"]] = "-3"                                              # line 5
    rows[4][col["fees"]] = "Phí cấp bản sao=tám nghìn"                             # line 6
    rows[5][col["agencies"]] = "000.00.77.H56"                                     # line 7
    return f.write_csv(tmp_path / "bad.csv", header, rows)


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(agencies, tmp_path):
    report = tmp_path / "errors.csv"
    message, err = run_failing(bad_file(tmp_path), "--errors", str(report))
    assert "Có 5 lỗi ở 5 dòng; chưa ghi thủ tục nào" in message
    assert "Dòng 3, cột sector_code (Mã lĩnh vực): Không có lĩnh vực mã ZZ" in err
    assert "Dòng 4, cột agencies (Cơ quan có thẩm quyền): Mã cơ quan “SXD-THANHHOA” không đúng dạng QCVN 102" in err
    assert "Dòng 5, cột time_limit (Thời hạn giải quyết): Thời hạn giải quyết không được âm (đang là -3)." in err
    assert "Dòng 6, cột fees (Phí, lệ phí): Khoản thu thứ 1 “Phí cấp bản sao=tám nghìn” sai cú pháp" in err
    assert "Dòng 7, cột agencies (Cơ quan có thẩm quyền): Không có cơ quan mã 000.00.77.H56" in err
    assert Procedure.objects.count() == 0
    assert Sector.objects.count() == 0
    with report.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0] == ["Dòng", "Cột", "Lỗi"]
    assert [(line[0], line[1]) for line in lines[1:]] == [
        ("3", "sector_code"), ("4", "agencies"), ("5", "time_limit"), ("6", "fees"), ("7", "agencies"),
    ]


def test_partial_imports_the_good_rows_only(agencies, tmp_path):
    out, err = run(bad_file(tmp_path), "--partial")
    assert "Đã nhập 1 thủ tục: 1 mới, 0 cập nhật; bỏ qua 5 dòng lỗi." in out
    assert "Dòng 3" in err
    assert list(Procedure.objects.values_list("code", flat=True)) == ["1.009994"]


def test_reimport_updates_by_code(agencies, tmp_path):
    run(f.SAMPLE_CSV)
    header, rows = f.read_sample()
    col = {name: i for i, name in enumerate(header)}
    rows[0][col["name"]] = "Cấp giấy phép xây dựng nhà ở riêng lẻ tại đô thị"
    rows[0][col["fees"]] = "Lệ phí cấp giấy phép xây dựng=100.000 đ"
    rows[0][col["documents"]] = "Đơn đề nghị cấp giấy phép xây dựng|1|0|0|x;Bản vẽ thiết kế xây dựng|3|0|0|x"
    rows[0][col["level"]] = "3"
    out, _ = run(f.write_csv(tmp_path / "again.csv", header, rows))
    assert "0 mới, 6 cập nhật" in out
    assert Procedure.objects.count() == 6
    permit = Procedure.objects.get(code="1.009994")
    assert permit.name == "Cấp giấy phép xây dựng nhà ở riêng lẻ tại đô thị"
    assert [(fee.name, fee.amount) for fee in permit.fees.all()] == [("Lệ phí cấp giấy phép xây dựng", 100000)]
    assert [(d.name, d.originals) for d in permit.documents.all()] == [
        ("Đơn đề nghị cấp giấy phép xây dựng", 1), ("Bản vẽ thiết kế xây dựng", 3),
    ]
    assert permit.level_for() == 3


def test_a_code_twice_in_the_file_is_an_error(agencies, tmp_path):
    header, rows = f.read_sample()
    message, err = run_failing(f.write_csv(tmp_path / "twice.csv", header, [rows[0], rows[2], rows[0]]))
    assert "Dòng 4, cột code (Mã thủ tục): Mã thủ tục 1.009994 đã có ở dòng 2." in err
    assert Procedure.objects.count() == 0


def test_excel_number_cell_for_the_code_is_refused(agencies, tmp_path):
    from openpyxl import load_workbook

    path = f.csv_to_xlsx(f.SAMPLE_CSV, tmp_path / "numbers.xlsx")
    workbook = load_workbook(path)
    workbook.active["A2"] = 1.00177  # what Excel keeps of "1.001770" typed into a number cell
    workbook.save(path)
    _, err = run_failing(path)
    assert "Dòng 2, cột code (Mã thủ tục): Ô mã thủ tục 1.00177 đang ở dạng số trong Excel" in err


def test_missing_required_columns_stop_before_any_row(tmp_path):
    path = f.write_csv(tmp_path / "short.csv", ["code", "name"], [["1.000001", "Thủ tục"]])
    message, _ = run_failing(path)
    assert "Tệp thiếu cột bắt buộc: sector_code (Mã lĩnh vực), time_limit (Thời hạn giải quyết)." in message


def test_file_not_in_utf8_is_refused_with_a_hint(tmp_path):
    path = tmp_path / "cp1258.csv"
    # "Đăng ký" as Windows-1258 (Vietnamese Windows) writes it: tone marks as combining bytes.
    path.write_bytes(b"code,name,sector_code,time_limit\n1.1,\xd0\xe3ng ky\xec,HT,1\n")
    message, _ = run_failing(path)
    assert "UTF-8" in message
