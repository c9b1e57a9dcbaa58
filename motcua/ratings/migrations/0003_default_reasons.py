"""The reasons offered beside the three levels, worded neutrally so that they fit any level.

The province may reword, reorder or retire them in the admin; ratings keep pointing at them.
"""

from django.db import migrations

REASONS = [
    ("thai-do", "Thái độ, cách giao tiếp của công chức", 1),
    ("huong-dan", "Cách hướng dẫn, giải thích về hồ sơ", 2),
    ("thoi-gian-cho", "Thời gian chờ đợi tại quầy", 3),
    ("thoi-gian-giai-quyet", "Thời gian giải quyết hồ sơ", 4),
    ("giay-to", "Giấy tờ phải nộp, phải bổ sung", 5),
    ("co-so-vat-chat", "Cơ sở vật chất nơi tiếp đón", 6),
]


def forwards(apps, schema_editor):
    Reason = apps.get_model("ratings", "Reason")
    for code, text, order in REASONS:
        Reason.objects.get_or_create(code=code, defaults={"text": text, "order": order})


class Migration(migrations.Migration):
    dependencies = [("ratings", "0002_append_only_triggers")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
