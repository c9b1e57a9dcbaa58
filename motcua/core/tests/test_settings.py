"""Settings come from the environment; production refuses to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_settings(env_overrides: dict, code: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "motcua.settings"
    script = "import django; django.setup(); from django.conf import settings as s; " + code
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_requires_secret_key(tmp_path):
    result = run_settings({"DEBUG": "false", "MOTCUA_VAR_DIR": str(tmp_path)}, "print(s.SECRET_KEY)")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_development_generates_and_keeps_a_secret_key(tmp_path):
    first = run_settings({"MOTCUA_VAR_DIR": str(tmp_path)}, "print(s.SECRET_KEY)")
    second = run_settings({"MOTCUA_VAR_DIR": str(tmp_path)}, "print(s.SECRET_KEY)")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and len(first.stdout.strip()) > 40
    assert (tmp_path / "secret_key").exists()


def test_default_database_is_sqlite_in_wal_mode_with_immediate_transactions(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode'); "
        "print(s.DATABASES['default']['ENGINE'], c.fetchone()[0], s.DATABASES['default']['OPTIONS']['transaction_mode'])"
    )
    result = run_settings({"MOTCUA_VAR_DIR": str(tmp_path)}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "wal", "IMMEDIATE"]


def test_database_url_selects_postgresql(tmp_path):
    result = run_settings(
        {"MOTCUA_VAR_DIR": str(tmp_path), "DATABASE_URL": "postgres://u@db.example:5432/motcua"},
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'])",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "db.example"]


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh" and settings.USE_TZ
