"""Real servers started by the tests themselves: an SMTP server (aiosmtpd) and an HTTP SMS gateway.

Nothing here touches the machine's shared services except Redis database 7 in the Celery test.
"""

import email
import email.policy
import http.server
import json
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dead_port() -> int:
    # Bound and released: nothing listens there, so a connection is refused at once.
    return free_port()


class Inbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(parsed)
        return "250 Message accepted for delivery"

    def by_id(self, message_id):
        return [m for m in self.messages if m["X-Motcua-Message-Id"] == message_id]


class SmtpServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(settings):
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


class Gateway:
    """Answers with the next status in `statuses` (the last one repeats) and records each request."""

    def __init__(self):
        self.statuses = [200]
        self.requests = []
        gateway = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                status = gateway.statuses.pop(0) if len(gateway.statuses) > 1 else gateway.statuses[0]
                gateway.requests.append({"headers": dict(self.headers), "body": body, "status": status})
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}' if status < 300 else b'{"error": "down"}')

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def accepted(self):
        return [r for r in self.requests if r["status"] < 300]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings):
    gw = Gateway()
    settings.NOTIFICATIONS_SMS_BACKEND = "motcua.notifications.channels.HttpSms"
    settings.NOTIFICATIONS_SMS_URL = gw.url
    settings.NOTIFICATIONS_SMS_API_KEY = "test-key"
    settings.NOTIFICATIONS_SMS_BRAND = "MOTCUA"
    yield gw
    gw.close()


def seed_templates():
    """The data migration's defaults, again: a transactional test's flush removes them."""
    import importlib

    from django.apps import apps

    importlib.import_module("motcua.notifications.migrations.0002_seed_templates").seed(apps, None)


@pytest.fixture
def world(db):
    from motcua.dossiers.tests.factories import build_dossier_world

    seed_templates()
    return build_dossier_world()


@pytest.fixture
def committed_world(transactional_db):
    from motcua.dossiers.tests.factories import build_dossier_world

    seed_templates()
    return build_dossier_world()
