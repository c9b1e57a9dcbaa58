"""`manage.py demo_totp USERNAME`: the current two-factor code of a demo account.

For trying the demo without an authenticator app; it reads the account's "demo" device, which
only seed_demo creates.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    @property
    def help(self):
        return _("In mã xác thực hai lớp hiện tại của một tài khoản mẫu.")

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        device = TOTPDevice.objects.filter(user__username=username, name="demo", confirmed=True).first()
        if device is None:
            raise CommandError(_("Tài khoản %(user)s không có thiết bị xác thực mẫu.") % {"user": username})
        self.stdout.write(f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
