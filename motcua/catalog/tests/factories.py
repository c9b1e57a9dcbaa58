"""Small builders for catalog test data; each takes keyword overrides and fills the rest."""

from __future__ import annotations

import csv
import datetime
import itertools
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model

from motcua.catalog.models import (
    Fee,
    FeeKind,
    LimitUnit,
    OnlineLevel,
    Procedure,
    RequiredDocument,
    Sector,
)
from motcua.directory.models import Agency, AgencyLevel

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_CSV = SAMPLES / "procedures_sample.csv"
SAMPLE_XLSX = SAMPLES / "procedures_sample.xlsx"
# The agencies the sample file names.
SAMPLE_AGENCIES = {
    "000.00.31.H56": "Sở Xây dựng tỉnh Thanh Hóa",
    "000.00.12.H56": "Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa",
}

_codes = itertools.count(1)


def agency_level(code: str = "tinh", name: str = "Cấp tỉnh", rank: int = 1) -> AgencyLevel:
    level, _ = AgencyLevel.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})
    return level


def agency(code: str = "000.00.31.H56", name: str | None = None, **fields) -> Agency:
    existing = Agency.objects.filter(code=code).first()
    if existing:
        return existing
    name = name or SAMPLE_AGENCIES.get(code) or f"Cơ quan {code}"
    return Agency.objects.create(code=code, name=name, level=fields.pop("level", None) or agency_level(), **fields)


def sample_agencies() -> list[Agency]:
    return [agency(code) for code in SAMPLE_AGENCIES]


def sector(code: str = "XD", name: str = "Hoạt động xây dựng") -> Sector:
    existing = Sector.objects.filter(code=code).first()
    return existing or Sector.objects.create(code=code, name=name)


def procedure(
    name: str = "Cấp giấy phép xây dựng",
    *,
    code: str | None = None,
    sector_: Sector | None = None,
    agencies: list[Agency] = (),
    time_limit: Decimal | int | str = 15,
    unit: str = LimitUnit.WORKING_DAYS,
    fees: list[tuple[str, int]] = (),
    documents: list[tuple[str, int, int, int]] = (),
    level: int | None = None,
    level_from: datetime.date = datetime.date(2020, 1, 1),
    **fields,
) -> Procedure:
    proc = Procedure.objects.create(
        code=code or f"9.{next(_codes):06d}",
        name=name,
        sector=sector_ or sector(),
        time_limit=Decimal(str(time_limit)),
        time_limit_unit=unit,
        **fields,
    )
    proc.agencies.set(agencies)
    for fee_name, amount in fees:
        kind = FeeKind.CHARGE if fee_name.startswith("Lệ phí") else FeeKind.FEE
        Fee.objects.create(procedure=proc, kind=kind, name=fee_name, amount=amount)
    for order, (doc_name, originals, certified, copies) in enumerate(documents, start=1):
        RequiredDocument.objects.create(
            procedure=proc, order=order, name=doc_name, originals=originals, certified_copies=certified, copies=copies
        )
    if level is not None:
        OnlineLevel.objects.create(procedure=proc, level=level, effective_from=level_from)
    return proc


def user(username: str = "admin", *, superuser: bool = True, password: str = "motcua-test-pw"):
    User = get_user_model()
    existing = User.objects.filter(username=username).first()
    if existing:
        return existing
    if superuser:
        return User.objects.create_superuser(username=username, password=password, email="")
    return User.objects.create_user(username=username, password=password)


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, bom: bool = False, delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_sample() -> tuple[list[str], list[list[str]]]:
    with SAMPLE_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def csv_to_xlsx(csv_path: Path, xlsx_path: Path) -> Path:
    """The sample as officials would keep it in Excel: every cell text, as in the CSV."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thủ tục"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    workbook.save(xlsx_path)
    return xlsx_path


def login_verified(client, account) -> None:
    """Sign in as if the second factor was passed: administrators must use one."""
    client.force_login(account)
    try:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice
    except ImportError:
        return
    device = TOTPDevice.objects.create(user=account, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
