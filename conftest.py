"""Suite-wide test set-up: hypothesis profiles, the PostgreSQL-only marker, the no-skip rule."""

import os

import pytest
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
hypothesis_settings.register_profile("dev", max_examples=60, deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_configure(config):
    # Password hashing is deliberately slow; tests create hundreds of accounts. Tests that are
    # about hashing itself override this.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pytest_collection_modifyitems(config, items):
    if on_postgres():
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
        config.hook.pytest_deselected(items=deselected)
        config._motcua_left_out = len(deselected)


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"motcua: database engine {engine}"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    left_out = getattr(config, "_motcua_left_out", 0)
    if left_out:
        terminalreporter.write_line(
            f"motcua: {left_out} test(s) need PostgreSQL and were left out of this SQLite run; "
            "run with DATABASE_URL=postgres://... to include them.",
            yellow=True,
        )


def pytest_sessionfinish(session, exitstatus):
    # On PostgreSQL in CI every test must run: a skip there hides a missing install step.
    if os.environ.get("CI") and on_postgres():
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
        if skipped:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
            if reporter:
                reporter.write_line(f"motcua: {skipped} test(s) skipped on PostgreSQL in CI; none may skip.", red=True)


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, signed in through the real pages (a superuser needs TOTP)."""
    from motcua.directory.tests.signin import sign_in

    sign_in(client, admin_user.username, "password")
    return client
