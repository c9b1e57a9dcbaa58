"""`manage.py seed_demo [--password P] [--logins FILE]`: load (or refresh) the demo province."""

import json
import secrets
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.demo.data.agencies import PROVINCE_NAME
from motcua.demo.data.specs import REFORM_DAY, REFORM_EVE
from motcua.demo.seed import seed_demo
from motcua.directory.models import AgencyLevel


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Nạp dữ liệu mẫu: một tỉnh hư cấu với cơ quan trước và sau ngày 1/7/2025, cán bộ, bộ phận một cửa "
            "và thủ tục hành chính. Chạy lại nhiều lần vẫn cho cùng một dữ liệu."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", help=_("Mật khẩu đặt cho mọi tài khoản mẫu (mặc định: sinh ngẫu nhiên và in ra).")
        )
        parser.add_argument(
            "--logins", metavar="FILE", help=_("Ghi danh sách tài khoản mẫu (JSON) vào tệp này.")
        )

    def handle(self, *args, password=None, logins=None, **options):
        generated = not password
        if generated:
            password = secrets.token_urlsafe(9)
        result = seed_demo(password)
        if logins:
            path = Path(logins)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(result.logins, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

        levels = list(AgencyLevel.objects.values_list("code", "name"))  # ordered by rank
        write = self.stdout.write
        write(_("Đã nạp dữ liệu mẫu tỉnh %(province)s trong %(seconds).1f giây.")
              % {"province": PROVINCE_NAME, "seconds": result.seconds})
        for day, total, counts in (
            (REFORM_EVE, result.agencies_before, result.levels_before),
            (REFORM_DAY, result.agencies_after, result.levels_after),
        ):
            detail = "; ".join(f"{name}: {counts[code]}" for code, name in levels if code in counts)
            write(_("Cơ quan hoạt động ngày %(day)s: %(total)d (%(detail)s).")
                  % {"day": day.strftime("%d/%m/%Y"), "total": total, "detail": detail})
        write(_("Cán bộ: %(officials)d, với %(roles)d vai trò. Bộ phận một cửa: %(desks)d, với %(counters)d quầy.")
              % {"officials": result.officials, "roles": result.roles, "desks": result.desks,
                 "counters": result.counters})
        write(_("Thủ tục hành chính: %(procedures)d; quy trình nội bộ mới tạo lần này: %(processes)d.")
              % {"procedures": result.procedures, "processes": result.processes_created})
        if logins:
            write(_("Danh sách tài khoản mẫu: %(file)s") % {"file": logins})
        if generated:
            write(self.style.WARNING(_("Mật khẩu của mọi tài khoản mẫu: %(password)s") % {"password": password}))
