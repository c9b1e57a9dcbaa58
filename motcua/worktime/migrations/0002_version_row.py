import uuid

from django.db import migrations


def create_version_row(apps, schema_editor):
    # The row must exist before two first changes race to create it.
    CalendarVersion = apps.get_model("worktime", "CalendarVersion")
    CalendarVersion.objects.get_or_create(pk=1, defaults={"number": 1, "token": uuid.uuid4()})


class Migration(migrations.Migration):
    dependencies = [
        ("worktime", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_version_row, migrations.RunPython.noop),
    ]
