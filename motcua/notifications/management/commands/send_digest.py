from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.notifications.digest import send_digest


class Command(BaseCommand):
    help = _("Gửi thư tổng hợp hằng ngày cho cán bộ: hồ sơ quá hạn và sắp đến hạn trong 1 ngày làm việc.")

    def handle(self, *args, **options):
        count = send_digest()
        self.stdout.write(_("Đã gửi %(count)d thư tổng hợp.") % {"count": count})
