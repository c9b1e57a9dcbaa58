"""On PostgreSQL, ratings refuse UPDATE and DELETE whatever the code does (like the dossiers' audit trail)."""

from django.db import migrations

TABLES = ["ratings_rating", "ratings_ratingreason"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # motcua_append_only() is created by dossiers' migration 0002, a dependency below.
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION motcua_append_only()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


class Migration(migrations.Migration):
    dependencies = [("ratings", "0001_initial"), ("dossiers", "0002_append_only_triggers")]
    operations = [migrations.RunPython(forwards, backwards)]
