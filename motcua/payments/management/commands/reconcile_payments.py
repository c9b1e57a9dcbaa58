"""Compare each attempt with what the provider says. Reports only: a person decides what to fix."""

import datetime
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.payments.models import AttemptStatus, PaymentAttempt
from motcua.payments.providers import get_provider

# What each provider answer means locally; "not_found" matches a pending or expired attempt that
# never reached the gateway's page.
AGREES = {
    "paid": {AttemptStatus.PAID},
    "failed": {AttemptStatus.FAILED, AttemptStatus.EXPIRED},
    "pending": {AttemptStatus.PENDING, AttemptStatus.EXPIRED},
    "not_found": {AttemptStatus.PENDING, AttemptStatus.EXPIRED},
}


class Command(BaseCommand):
    help = _("Đối soát các lượt thanh toán với cổng thanh toán; liệt kê các lượt có trạng thái khác nhau.")

    def add_arguments(self, parser):
        parser.add_argument("--since", help=_("Chỉ đối soát các lượt tạo từ ngày này (YYYY-MM-DD)."))

    def handle(self, *args, since=None, **options):
        attempts = PaymentAttempt.objects.select_related("dossier").order_by("created_at")
        if since:
            try:
                day = datetime.date.fromisoformat(since)
            except ValueError:
                raise CommandError(_("Ngày không hợp lệ: %(value)s") % {"value": since}) from None
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
            attempts = attempts.filter(created_at__gte=start)
        differences = 0
        checked = 0
        for attempt in attempts.iterator():
            checked += 1
            try:
                answer = get_provider(attempt.provider).query(attempt)
            except Exception as error:  # one unreachable query should not hide the others
                answer_status, detail = "error", str(error)
            else:
                answer_status, detail = answer.status, answer.response_code
                if answer.status == "paid" and answer.amount is not None and answer.amount != attempt.amount:
                    answer_status = "paid_other_amount"
            if attempt.status in AGREES.get(answer_status, set()):
                continue
            differences += 1
            self.stdout.write(_("%(ref)s\thồ sơ %(code)s\tcục bộ: %(local)s\tcổng thanh toán: %(remote)s (%(detail)s)")
                              % {"ref": attempt.txn_ref, "code": attempt.dossier.code, "local": attempt.status,
                                 "remote": answer_status, "detail": detail})
        self.stdout.write(_("Đã đối soát %(n)d lượt, %(d)d lượt khác nhau.") % {"n": checked, "d": differences})
        if differences:
            sys.exit(1)
