"""`manage.py demo_logins FILE`: the handful of demo accounts worth trying first, as a table.

FILE is the JSON that `seed_demo --logins FILE` wrote. One account per role kind at the
province (with its service centre), at one department and at one commune of today's structure.
"""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.demo.data.agencies import CENTRE_CODE, PROVINCE_CODE, agency_plan, department_code
from motcua.directory.models import RoleKind


def showcase(plan) -> list[tuple[str, ...]]:
    """Groups of agency codes to show: the province and its centre; Sở Xây dựng (which absorbed
    Transport in 2025); the first new commune (the ward at the old provincial capital's seat)."""
    first_commune = next(a.code for a in plan if a.group == "new_commune")
    return [(PROVINCE_CODE, CENTRE_CODE), (department_code("sxd"),), (first_commune,)]


def _active(role: dict, today: datetime.date) -> bool:
    return role.get("valid_to") is None or datetime.date.fromisoformat(role["valid_to"]) >= today


def pick(accounts: list[dict], today: datetime.date) -> list[tuple[dict, dict]]:
    """(account, role) pairs: for each showcase agency group, one account per role kind it has."""
    plan = agency_plan()
    slugs = {a.code: a.slug for a in plan}
    chosen = []
    for codes in showcase(plan):
        for kind in RoleKind.values:
            candidates = [
                (account, role)
                for account in accounts
                for role in account.get("roles", [])
                if role["kind"] == kind and role["agency_code"] in codes and _active(role, today)
            ]
            if not candidates:
                continue
            # The agency's own accounts read better than those of officials moved in by the reform.
            own = tuple(f"{slugs.get(code, '')}." for code in codes)
            chosen.append(min(candidates, key=lambda c: (not c[0]["username"].startswith(own), c[0]["username"])))
    return chosen


class Command(BaseCommand):
    @property
    def help(self):
        return _("In bảng các tài khoản mẫu nên dùng thử, đọc từ tệp JSON do seed_demo --logins ghi ra.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Tệp JSON danh sách tài khoản mẫu."))

    def handle(self, *args, file, **options):
        try:
            accounts = json.loads(Path(file).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CommandError(_("Không tìm thấy tệp %(file)s; hãy chạy seed_demo --logins trước.") % {"file": file}) \
                from exc
        except ValueError as exc:
            raise CommandError(_("Tệp %(file)s không phải JSON hợp lệ.") % {"file": file}) from exc

        rows = pick(accounts, timezone.localdate())
        passwords = {account.get("password") for account, _role in rows}
        same_password = len(passwords) == 1
        header = [_("Tài khoản"), _("Vai trò"), _("Họ và tên"), _("Cơ quan")]
        if not same_password:
            header.append(_("Mật khẩu"))
        table = [header]
        for account, role in rows:
            line = [account["username"], str(RoleKind(role["kind"]).label), account["full_name"], role["agency_name"]]
            if not same_password:
                line.append(account.get("password") or "")
            table.append(line)
        widths = [max(len(r[i]) for r in table) for i in range(len(header))]
        self.stdout.write(_("Tài khoản mẫu (đầy đủ trong %(file)s):") % {"file": file})
        for n, line in enumerate(table):
            self.stdout.write("  " + "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
        if same_password and rows:
            self.stdout.write(_("Mật khẩu chung: %(password)s") % {"password": passwords.pop()})
        from motcua.demo.seed import DEMO_CITIZEN

        self.stdout.write(_("Công dân dùng thử cổng dịch vụ công (/tai-khoan/dang-nhap/): %(email)s hoặc %(phone)s")
                          % {"email": DEMO_CITIZEN["email"], "phone": DEMO_CITIZEN["phone"]})
        self.stdout.write(_(
            "Lãnh đạo và quản trị viên cần thêm mã xác thực hai lớp: khóa bí mật (totp_secret) có trong tệp JSON, "
            "hoặc chạy `python manage.py demo_totp TÊN_ĐĂNG_NHẬP` để lấy mã hiện tại."
        ))
