"""Wording for a result sent by post (the portal's level-4 return)."""

import importlib

from django.db import migrations

seed = importlib.import_module("motcua.notifications.migrations.0002_seed_templates")

SUBJECT = "Kết quả hồ sơ {{ code }} đã gửi qua bưu chính"
BODY = (
    "Kết quả hồ sơ {{ code }} — thủ tục “{{ procedure }}” đã được gửi qua {{ carrier }}, "
    "mã vận đơn {{ tracking_number }}. Ông/bà vui lòng chú ý điện thoại để nhận."
)
SMS = "KQ ho so {{ code }} da gui qua {{ carrier }}, ma van don {{ tracking_number }}."


def add(apps, schema_editor):
    Template = apps.get_model("notifications", "NotificationTemplate")
    Template.objects.get_or_create(topic="dossier.sent_by_post", channel="email", effective_from="2020-01-01",
                                   defaults={"subject": SUBJECT, "body": seed.HEAD + BODY + seed.FOOT})
    Template.objects.get_or_create(topic="dossier.sent_by_post", channel="sms", effective_from="2020-01-01",
                                   defaults={"subject": "", "body": SMS})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_seed_templates")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
