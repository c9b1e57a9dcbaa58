"""Password rules with messages every citizen can read.

Django's Vietnamese catalog lacks the too-short message in the form Django 5 uses (it shows in
English on the sign-up and reset pages), so that one validator carries its own text.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Mật khẩu quá ngắn: cần ít nhất %(n)d ký tự.",
            "Mật khẩu quá ngắn: cần ít nhất %(n)d ký tự.",
            self.min_length,
        ) % {"n": self.min_length}
