import datetime

import pytest

from motcua.notifications.channels import send_sms, without_diacritics
from motcua.notifications.dispatch import render
from motcua.notifications.models import Channel, NotificationTemplate

pytestmark = pytest.mark.django_db

TOPICS = ["submitted", "accepted", "refused", "supplement_requested", "resubmitted", "obligation_requested",
          "paid", "result_ready", "returned", "withdrawn", "stopped", "apology"]


@pytest.mark.parametrize("topic", TOPICS)
def test_every_dossier_event_has_seeded_email_and_sms_wording(topic):
    email = NotificationTemplate.current(f"dossier.{topic}", Channel.EMAIL)
    sms = NotificationTemplate.current(f"dossier.{topic}", Channel.SMS)
    assert email and sms and "{{ code }}" in email.subject and "{{ code }}" in sms.body
    ctx = {"code": "000.00.01.H01-250101-0001", "procedure": "Thủ tục", "name": "An", "reason": "r",
           "items": ["a"], "amount": 1000, "due_at": datetime.datetime(2025, 1, 2, 3, tzinfo=datetime.UTC),
           "promised_at": datetime.datetime(2025, 1, 9, 3, tzinfo=datetime.UTC)}
    text = render(sms.body, ctx)
    assert ctx["code"] in text and len(text) <= 160


def test_apology_wording_carries_the_new_date_in_local_time():
    tpl = NotificationTemplate.current("dossier.apology", Channel.EMAIL)
    ctx = {"code": "C1", "procedure": "P", "name": "An", "reason": "Chờ ý kiến",
           "due_at": datetime.datetime(2025, 3, 3, 10, tzinfo=datetime.UTC),
           "promised_at": datetime.datetime(2025, 3, 10, 18, 30, tzinfo=datetime.UTC)}
    # 18:30 UTC is 01:30 the next day in Hà Nội: the citizen's date, not the server's.
    assert render(tpl.subject, ctx).endswith("11/03/2025")
    assert "Ngày hẹn trả kết quả mới: 11/03/2025 01:30" in render(tpl.body, ctx)


def test_a_newer_version_takes_over_from_its_effective_date():
    NotificationTemplate.objects.create(topic="dossier.accepted", channel=Channel.SMS, body="Mới: {{ code }}",
                                        effective_from=datetime.date(2030, 1, 1))
    assert NotificationTemplate.current("dossier.accepted", Channel.SMS, datetime.date(2029, 12, 31)).body != "Mới: {{ code }}"
    assert NotificationTemplate.current("dossier.accepted", Channel.SMS, datetime.date(2030, 1, 1)).body == "Mới: {{ code }}"


def test_inactive_versions_are_ignored():
    NotificationTemplate.objects.filter(topic="dossier.paid", channel=Channel.SMS).update(active=False)
    assert NotificationTemplate.current("dossier.paid", Channel.SMS) is None


def test_plain_text_is_not_html_escaped():
    assert render("{{ reason }}", {"reason": "Sổ đỏ & bản vẽ <A3>"}) == "Sổ đỏ & bản vẽ <A3>"


def test_without_diacritics():
    assert without_diacritics("Hồ sơ đã được tiếp nhận. ĐỨC") == "Ho so da duoc tiep nhan. DUC"


def test_sms_can_be_sent_without_diacritics_when_the_gateway_needs_it(gateway, settings):
    settings.NOTIFICATIONS_SMS_UNICODE = False
    settings.NOTIFICATIONS_SMS_API_KEY = ""
    settings.NOTIFICATIONS_SMS_USERNAME, settings.NOTIFICATIONS_SMS_PASSWORD = "u", "p"
    send_sms(to="0900000000", text="Hồ sơ đã có kết quả", message_id="m-1")
    [request] = gateway.requests
    assert request["body"]["text"] == "Ho so da co ket qua"
    assert request["headers"]["Authorization"] == "Basic dTpw"


def test_sms_gateway_error_raises(gateway):
    import urllib.error

    gateway.statuses = [503]
    with pytest.raises(urllib.error.HTTPError):
        send_sms(to="0900000000", text="x", message_id="m-2")


def test_admin_lists_templates(admin_client):
    response = admin_client.get("/admin/notifications/notificationtemplate/")
    assert response.status_code == 200
    assert "dossier.accepted" in response.content.decode()
