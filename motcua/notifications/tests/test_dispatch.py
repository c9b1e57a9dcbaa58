import datetime
import uuid

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from motcua.core.models import OutboxMessage, OutboxState
from motcua.dossiers.tests.factories import walk_in
from motcua.notifications.dispatch import claim, dispatch_once, sweep

from .conftest import dead_port

pytestmark = pytest.mark.django_db


def only_row():
    rows = list(OutboxMessage.objects.all())
    assert len(rows) == 1, rows
    return rows[0]


def test_walk_in_queues_a_row_and_dispatch_sends_vietnamese_email_and_sms(world, smtp, gateway):
    dossier = walk_in(world)
    row = only_row()
    assert row.topic == "dossier.accepted" and row.state == OutboxState.PENDING

    assert dispatch_once() == {"sent": 1, "retry": 0, "failed": 0}

    row.refresh_from_db()
    assert row.state == OutboxState.SENT and row.sent_at and row.attempts == 1
    due = timezone.localtime(dossier.due_at).strftime("%d/%m/%Y")
    [mail] = smtp.inbox.messages
    assert mail["To"] == "an@example.vn"
    assert mail["X-Motcua-Message-Id"] == str(row.pk)
    assert mail["Message-ID"].startswith(f"<{row.pk}@")
    assert f"Hồ sơ {dossier.code} đã được tiếp nhận" in mail["Subject"] and due in mail["Subject"]
    body = mail.get_content()
    assert "Kính gửi ông/bà Nguyễn Văn An" in body
    assert f"/tra-cuu?code={dossier.code}" in body
    assert dossier.procedure.name in body and f"Ngày hẹn trả kết quả: {due}" in body
    [sms] = gateway.requests
    assert sms["headers"]["Idempotency-Key"] == str(row.pk)
    assert sms["headers"]["Authorization"] == "Bearer test-key"
    assert sms["body"]["message_id"] == str(row.pk) and sms["body"]["to"] == "0912345678"
    assert sms["body"]["brand"] == "MOTCUA"
    assert sms["body"]["text"].startswith(f"Hồ sơ {dossier.code} đã được tiếp nhận") and due in sms["body"]["text"]

    # A second round finds nothing: one delivery per row.
    assert dispatch_once() == {"sent": 0, "retry": 0, "failed": 0}
    assert len(smtp.inbox.messages) == 1 and len(gateway.requests) == 1


def test_smtp_down_then_back_sends_once_after_backoff(world, smtp, settings):
    settings.EMAIL_PORT = dead_port()
    walk_in(world)
    before = timezone.now()
    assert dispatch_once()["retry"] == 1
    row = only_row()
    assert row.state == OutboxState.PENDING and row.attempts == 1
    assert "ConnectionRefused" in row.last_error
    # First retry after about a minute, not at once.
    assert row.next_attempt_at >= before + datetime.timedelta(seconds=59)
    assert dispatch_once()["sent"] == 0

    settings.EMAIL_PORT = smtp.port
    with time_machine.travel(row.next_attempt_at + datetime.timedelta(seconds=1)):
        assert dispatch_once()["sent"] == 1
    row.refresh_from_db()
    assert row.state == OutboxState.SENT and row.attempts == 2
    assert len(smtp.inbox.by_id(str(row.pk))) == 1


def test_backoff_doubles_and_gives_up_after_max_attempts(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", dead_port()
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    walk_in(world)
    gaps = []
    for _ in range(3):
        row = only_row()
        with time_machine.travel(row.next_attempt_at + datetime.timedelta(seconds=1)):
            start = timezone.now()
            dispatch_once()
        row.refresh_from_db()
        gaps.append(round((row.next_attempt_at - start).total_seconds() / 60))
    assert gaps[:2] == [1, 2]
    assert row.state == OutboxState.FAILED and row.attempts == 3


def test_sms_gateway_500_then_200_sends_once_and_does_not_repeat_the_email(world, smtp, gateway):
    gateway.statuses = [500, 200]
    walk_in(world)
    assert dispatch_once()["retry"] == 1
    row = only_row()
    assert "500" in row.last_error and row.payload["_delivered"] == ["email:0"]
    with time_machine.travel(row.next_attempt_at + datetime.timedelta(seconds=1)):
        assert dispatch_once()["sent"] == 1
    assert [r["status"] for r in gateway.requests] == [500, 200]
    assert len(gateway.accepted) == 1
    # Both attempts carried the same idempotency key, so a gateway could drop a repeat itself.
    assert {r["headers"]["Idempotency-Key"] for r in gateway.requests} == {str(row.pk)}
    assert len(smtp.inbox.messages) == 1


def test_sweeper_returns_rows_stuck_in_sending(world, smtp, settings):
    settings.NOTIFICATIONS_SENDING_TIMEOUT_SECONDS = 600
    walk_in(world)
    row = only_row()
    # A worker claimed it and died before sending.
    [claimed] = claim()
    assert claimed.pk == row.pk
    assert dispatch_once()["sent"] == 0  # nobody else may take a claimed row
    assert sweep() == 0  # not yet: the claimant may still be working
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        assert sweep() == 1
        assert dispatch_once()["sent"] == 1
    row.refresh_from_db()
    assert row.state == OutboxState.SENT and row.attempts == 2
    assert len(smtp.inbox.messages) == 1


def test_a_late_mark_from_a_swept_claim_does_not_overwrite_the_new_claim(world, smtp):
    from motcua.notifications.dispatch import _finish

    walk_in(world)
    [stale] = claim()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        sweep()
        [fresh] = claim()
    assert not _finish(stale, state=OutboxState.PENDING)
    assert _finish(fresh, state=OutboxState.SENT)


def test_several_recipients_get_one_message_each_with_distinct_ids(world, smtp, gateway):
    from django.db import transaction

    from motcua.core.outbox import enqueue

    with transaction.atomic():
        row = enqueue("dossier.result_ready", {"code": "X-1", "procedure": "Thủ tục thử", "status": 9},
                      recipients=[{"name": "A", "email": "a@example.vn", "phone": "0900000001"},
                                  {"name": "B", "email": "b@example.vn", "phone": ""}])
    assert dispatch_once()["sent"] == 1
    assert sorted(m["To"] for m in smtp.inbox.messages) == ["a@example.vn", "b@example.vn"]
    assert len({m["Message-ID"] for m in smtp.inbox.messages}) == 2
    assert {m["X-Motcua-Message-Id"] for m in smtp.inbox.messages} == {str(row.pk)}
    assert len(gateway.requests) == 1 and "X-1 đã có kết quả" in gateway.requests[0]["body"]["text"]


def test_unknown_topic_is_marked_sent_without_delivery(world, smtp):
    from django.db import transaction

    from motcua.core.outbox import enqueue

    with transaction.atomic():
        enqueue("something.else", {}, recipients=[{"name": "A", "email": "a@example.vn"}])
    assert dispatch_once()["sent"] == 1
    assert smtp.inbox.messages == []


def test_run_dispatcher_once(world, smtp, capsys):
    walk_in(world)
    call_command("run_dispatcher", "--once")
    assert "Đã gửi 1" in capsys.readouterr().out
    assert only_row().state == OutboxState.SENT


def test_message_ids_are_uuids(world, smtp):
    walk_in(world)
    dispatch_once()
    uuid.UUID(smtp.inbox.messages[0]["X-Motcua-Message-Id"])
