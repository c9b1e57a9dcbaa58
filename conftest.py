"""Suite-wide test set-up: hypothesis profiles, the PostgreSQL-only marker, the no-skip rule."""

import os
import shutil
from pathlib import Path

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


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def has_chromium() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


def pytest_collection_modifyitems(config, items):
    left_out = {}
    if not on_postgres():
        left_out["postgres"] = "need PostgreSQL"
    # In CI a missing browser is a failed install, not something to leave out quietly.
    if not has_chromium() and not os.environ.get("CI"):
        left_out["browser"] = "need Chromium at /usr/bin/chromium"
    kept, deselected = [], []
    for item in items:
        reason = next((why for marker, why in left_out.items() if item.get_closest_marker(marker)), None)
        (deselected if reason else kept).append(item)
        if reason:
            config._motcua_left_out = getattr(config, "_motcua_left_out", {})
            config._motcua_left_out[reason] = config._motcua_left_out.get(reason, 0) + 1
    if deselected:
        items[:] = kept
        config.hook.pytest_deselected(items=deselected)


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"motcua: database engine {engine}"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for reason, count in getattr(config, "_motcua_left_out", {}).items():
        terminalreporter.write_line(f"motcua: {count} test(s) {reason} and were left out of this run.", yellow=True)


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


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never `playwright install`: no downloads here)."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser tab on the live server; screenshots go to artifacts/<test name>/."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    folder = ARTIFACTS / request.node.name.replace("/", "_").replace("[", "_").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 1000))

    def shot(name: str):
        tab.screenshot(path=str(folder / f"{next(counter):02d}-{name}.png"), full_page=True)

    tab.shot = shot
    tab.artifacts = folder
    yield tab
    context.close()
