"""Apply the post's delivery report (CSV: tracking_number, delivered_at) — each delivered result is handed over."""

import csv
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from motcua.core.errors import DomainError
from motcua.dossiers.services import confirm_delivery


class Command(BaseCommand):
    help = "Ghi nhận bưu chính đã phát kết quả (tệp CSV: tracking_number, delivered_at)."

    def add_arguments(self, parser):
        parser.add_argument("report", help="CSV with a header row: tracking_number, delivered_at (ISO 8601)")

    def handle(self, report, **options):
        done, problems = 0, []
        with open(report, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
        if rows and "tracking_number" not in rows[0]:
            raise CommandError("Thiếu cột tracking_number.")
        for line, row in enumerate(rows, start=2):
            at = parse_datetime((row.get("delivered_at") or "").strip()) if row.get("delivered_at") else None
            if at is not None and timezone.is_naive(at):
                at = timezone.make_aware(at)
            if at is not None and at > timezone.now() + datetime.timedelta(minutes=5):
                problems.append(f"{line}: delivered_at in the future")
                continue
            try:
                confirm_delivery(row["tracking_number"], delivered_at=at)
                done += 1
            except DomainError as error:
                problems.append(f"{line}: {error.message}")
        for problem in problems:
            self.stderr.write(problem)
        self.stdout.write(f"{done} delivered, {len(problems)} refused")
