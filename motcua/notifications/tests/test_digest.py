import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import drive
from motcua.dossiers.workflow import Status

pytestmark = pytest.mark.django_db


def test_one_digest_per_official_with_overdue_and_due_soon(world, smtp, capsys):
    u = world.users
    u["specialist_a"].email = "chuyenvien@example.vn"
    u["specialist_a"].save()
    u["specialist_a2"].email = "chuyenvien2@example.vn"
    u["specialist_a2"].save()
    late, soon, later = (drive(world, Status.PROCESSING) for _ in range(3))
    now = timezone.now()
    # Test set-up only: place the legal dates around "now" instead of waiting weeks.
    Dossier.objects.filter(pk=late.pk).update(due_at=now - datetime.timedelta(days=2))
    Dossier.objects.filter(pk=soon.pk).update(due_at=now + datetime.timedelta(hours=1))
    Dossier.objects.filter(pk=later.pk).update(assignee=u["specialist_a2"])

    call_command("send_digest")

    assert "Đã gửi 1 thư tổng hợp" in capsys.readouterr().out
    [mail] = smtp.inbox.messages
    assert mail["To"] == "chuyenvien@example.vn"
    assert "Hồ sơ quá hạn và sắp đến hạn ngày" in mail["Subject"]
    body = mail.get_content()
    overdue_part, soon_part = body.split("Hồ sơ đến hạn trong 1 ngày làm việc")
    assert "Hồ sơ đã quá hạn (1)" in overdue_part and late.code in overdue_part
    assert soon.code in soon_part and late.code not in soon_part
    assert later.code not in body
    late_due = timezone.localtime(now - datetime.timedelta(days=2)).strftime("%d/%m/%Y")
    assert late_due in overdue_part


def test_no_digest_when_nothing_is_due(world, smtp):
    from motcua.notifications.digest import send_digest

    drive(world, Status.PROCESSING)
    assert send_digest() == 0
    assert smtp.inbox.messages == []
