from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.notifications.dispatch import dispatch_once, run_forever, sweep


class Command(BaseCommand):
    help = _("Gửi các thông báo trong hàng đợi (bộ gửi chạy trong tiến trình, không cần Celery).")

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=5.0, help=_("Số giây giữa hai lượt gửi."))
        parser.add_argument("--once", action="store_true", help=_("Chạy một lượt rồi dừng."))

    def handle(self, *args, interval, once, **options):
        if once:
            returned = sweep()
            stats = dispatch_once()
            self.stdout.write(
                _("Đã gửi %(sent)d, chờ gửi lại %(retry)d, lỗi %(failed)d, thu hồi %(swept)d.")
                % {**stats, "swept": returned}
            )
            return
        run_forever(interval)
