"""`manage.py rebuild_report_aggregates [--since YYYY-MM-DD]`: recompute the statistics aggregates.

Safe to re-run. Run it after any bulk load that bypasses the services (generate_dossiers, imports).
"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.reports.aggregates import rebuild


class Command(BaseCommand):
    help = _("Tính lại số liệu tổng hợp phục vụ thống kê, báo cáo từ hồ sơ và nhật ký xử lý.")

    def add_arguments(self, parser):
        parser.add_argument("--since", help=_("Chỉ tính lại hồ sơ có thao tác từ ngày này (YYYY-MM-DD)."))

    def handle(self, *args, since=None, **options):
        moment = None
        if since:
            try:
                day = datetime.date.fromisoformat(since)
            except ValueError:
                raise CommandError(_("Ngày không hợp lệ: %(value)s") % {"value": since}) from None
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        started = time.monotonic()
        counts = rebuild(since=moment)
        self.stdout.write(_("Đã tính lại trong %(s).1f giây: %(facts)s hồ sơ, %(days)s dòng ngày, %(months)s dòng "
                            "tháng, %(years)s dòng năm, %(spans)s khoảng quá hạn.") % {"s": time.monotonic() - started, **counts})
