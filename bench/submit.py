#!/usr/bin/env python
"""Online submissions per second with 1 MB PDF attachments, and their p95, under concurrent citizens.

Runs the real stack: gunicorn (gthread) serving motcua with DEBUG off, on a PostgreSQL database of
its own (default motcua_submit_bench: dropped, re-created, migrated and seeded with the demo
province; reused as it is with --keep). N citizen accounts are created with their sessions
written straight into the session store (signing in is not what is measured). Each client then
walks the whole wizard for procedure 1.009994 (construction permit, level 4, with an e-form), over
and over:

    POST /dich-vu-cong/1.009994/nop/           start (or resume) a draft
    POST /ho-so-truc-tuyen/<pk>/to-khai/        applicant + e-form answers
    POST /ho-so-truc-tuyen/<pk>/tep/            one 1 MB PDF per document of the checklist
    POST /ho-so-truc-tuyen/<pk>/nop/            submit: the dossier is created (status 1)

(--browse also GETs every page a redirect leads to, as a browser does.) Prints p50/p95/max of each
step, of the submit and of the whole wizard, submissions/s and MB/s uploaded, the errors, then
checks in the database that there is one dossier per successful submission and that every file is
in MEDIA_ROOT. Server-side tracebacks are in gunicorn's log, whose path is printed.

    .venv/bin/python bench/submit.py                            # 50 clients, 60 s, 5 workers x 4 threads
    .venv/bin/python bench/submit.py --clients 20 --per-client 5 --workers 3 --threads 8 --keep
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/motcua_submit_bench"
FORBIDDEN = {"test", "motcua_ci", "motcua", "postgres", "template0", "template1"}
PROCEDURE = "1.009994"
DEMO_PASSWORD = "motcua-demo"
MB = 1024 * 1024

APPLICANT = {
    "a-kind": "person", "a-name": "Nguyễn Văn An", "a-id_number": "060090001234", "a-phone": "0912345678",
    "a-email": "an@example.vn", "a-address": "12 Trần Hưng Đạo, phường Mới", "a-return_method": "download",
}
ANSWERS = {
    "f-dia_diem": "Thôn 2, xã Mới", "f-lo_dat_so": "125", "f-to_ban_do_so": "14", "f-dien_tich_lo_dat": "120",
    "f-dien_tich_xay_dung": "80", "f-tong_dien_tich_san": "240", "f-so_tang": "3", "f-chieu_cao": "11.5",
    "f-cap_cong_trinh": "Cấp III", "f-cam_ket": "on",
}


# --- set-up ----------------------------------------------------------------------------------


def prepare_database(url: str, keep: bool) -> bool:
    """Create the bench database (dropping it first unless --keep); True when it was (re)created."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    if name in FORBIDDEN:
        sys.exit(f"refusing to use database {name!r}: the bench needs a database of its own")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and keep:
            return False
        if exists:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def server_environment(url: str, work: Path, port: int) -> dict:
    """The settings of a production-like server (DEBUG off), shared by this process and gunicorn."""
    return {
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "DATABASE_URL": url,
        "DEBUG": "0",
        # The sessions written here are signed with it: gunicorn must use the same key.
        "SECRET_KEY": "submit-bench-" + secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback; no TLS proxy in front
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def setup_django(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def migrate_and_seed(fresh: bool) -> None:
    from django.core.management import call_command

    from motcua.catalog.models import Procedure

    began = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    seeded = Procedure.objects.filter(code=PROCEDURE).exists()
    if fresh or not seeded:
        call_command("seed_demo", password=DEMO_PASSWORD, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    # The manifest that DEBUG-off templates need for {% static %}.
    from django.conf import settings

    collect = fresh or not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists()
    if collect:
        call_command("collectstatic", verbosity=0, interactive=False)
    done = ["migrate"] + ["seed_demo"] * (fresh or not seeded) + ["collectstatic"] * collect
    print(f"{' + '.join(done)}: {time.monotonic() - began:.1f} s")


def procedure_documents(mandatory_only: bool):
    from motcua.catalog.models import Procedure
    from motcua.portal.services import online_level

    procedure = Procedure.objects.get(code=PROCEDURE)
    level = online_level(procedure)
    if level < 4:
        sys.exit(f"procedure {PROCEDURE} is at online level {level} in this database, not 4")
    documents = list(procedure.documents.all())
    if mandatory_only:
        documents = [d for d in documents if d.mandatory]
    return procedure, documents


def narrow_agencies(procedure, choice: str) -> str:
    """Send every citizen to one commune (in this bench database only): the worst case for that commune's
    daily code counter, and the e-form then has no agency to choose."""
    from django.utils import timezone

    active = list(procedure.agencies.active_on(timezone.localdate()).order_by("code"))
    if choice == "all" or len(active) <= 1:
        names = "; ".join(f"{a.code} {a.name}" for a in active[:3]) + ("; …" if len(active) > 3 else "")
        return (f"{procedure.code}: {len(active)} competent agencies active today ({names}), left as they are"
                + (" — narrowed by an earlier run of this bench" if len(active) == 1 else ""))
    chosen = active[0] if choice == "first" else next((a for a in active if a.code == choice), None)
    if chosen is None:
        sys.exit(f"--agency {choice}: not among the {len(active)} active competent agencies of {procedure.code}")
    procedure.agencies.set([chosen])
    return (f"NOTE: {procedure.code} had {len(active)} competent agencies active today; in this bench database "
            f"it now has one, so every citizen submits to {chosen.code} {chosen.name} (--agency all leaves them)")


def citizens(n: int, tag: str) -> list[tuple[int, str]]:
    """N plain accounts (no roles) and a signed-in session for each: (user pk, session key)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password

    from motcua.directory.models import User

    unusable = make_password(None)
    users = User.objects.bulk_create([
        User(username=f"submitbench.{tag}.{i:03d}", password=unusable, full_name=f"Công dân thử {i}",
             email=f"submitbench.{tag}.{i:03d}@example.vn", phone=f"09{i:08d}")
        for i in range(n)
    ])
    store = import_module(settings.SESSION_ENGINE).SessionStore
    out = []
    for user in users:
        session = store()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        out.append((user.pk, session.session_key))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict, port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    command = [str(ROOT / ".venv/bin/gunicorn"), "motcua.wsgi", "-w", str(workers), "--threads", str(threads),
               "-b", f"127.0.0.1:{port}", "--worker-class", "gthread", "--log-level", "warning"]
    with open(log, "ab") as out:
        server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=out)
    import requests

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}; see {log}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.3)
    server.terminate()
    sys.exit(f"gunicorn did not answer /healthz within 90 s; see {log}")


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def process_cpu(pid: int) -> float:
    """utime + stime of one process and of its live children (gunicorn's master and workers), in s."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += process_cpu(int(child))
    except (FileNotFoundError, ProcessLookupError):
        pass
    return total


# --- the clients -----------------------------------------------------------------------------


class NoCookies(http.cookiejar.CookiePolicy):
    """The server's cookies are Secure (DEBUG off) and this is plain HTTP: the client sends its own."""

    netscape, rfc2965, hide_cookie2 = True, False, False

    def set_ok(self, cookie, request):
        return False

    def return_ok(self, cookie, request):
        return False

    def domain_return_ok(self, domain, request):
        return False

    def path_return_ok(self, path, request):
        return False


def pdf_body(size: int) -> bytes:
    head = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n"
    tail = b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    return head + b"%" + b"0" * (size - len(head) - len(tail) - 1) + tail


def multipart(document_pk: int, name: str, content: bytes) -> tuple[bytes, str]:
    """One upload's body, built once: the same bytes go out for every dossier."""
    boundary = "----motcuabench" + secrets.token_hex(12)
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"document\"\r\n\r\n{document_pk}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
        "Content-Type: application/pdf\r\n\r\n"
    ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def page_errors(html: str) -> str:
    """What a refused page tells the citizen (its alerts and field errors), else the start of the body."""
    found = re.findall(r'<(?:div|p|ul|span)[^>]*(?:role="alert"|class="[^"]*error[^"]*")[^>]*>(.*?)</(?:div|p|ul|span)>',
                       html, flags=re.S)
    text = " | ".join(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", f)).strip() for f in found)
    return text[:1500] if text else html[:1500]


@dataclass
class Tally:
    steps: dict = field(default_factory=lambda: {k: [] for k in ("start", "form", "upload", "submit", "wizard")})
    events: list = field(default_factory=list)  # ("submit" | "upload", monotonic end, bytes sent)
    codes: list = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    samples: dict = field(default_factory=dict)  # error → first body/exception seen
    lock: threading.Lock = field(default_factory=threading.Lock)


class StepFailed(Exception):
    pass


class Citizen:
    def __init__(self, base: str, session_key: str, index: int, uploads: list, browse: bool, timeout: float):
        import requests

        self.base, self.uploads, self.browse, self.timeout = base, uploads, browse, timeout
        self.http = requests.Session()
        self.http.cookies.set_policy(NoCookies())
        self.session_key = session_key
        self.applicant = {**APPLICANT, "a-name": f"Công dân thử {index}", "a-id_number": f"0600{index:08d}",
                          "a-phone": f"09{index:08d}"}
        # The procedure's page, as a citizen opens it before pressing "Nộp trực tuyến": the CSRF cookie.
        page = self.http.get(f"{base}/thu-tuc/{PROCEDURE}/", headers=self._headers(), timeout=timeout)
        if page.status_code != 200 or "csrftoken" not in page.cookies:
            raise RuntimeError(f"procedure page: HTTP {page.status_code}, cookies {list(page.cookies.keys())}")
        self.csrf = page.cookies["csrftoken"]
        # Not kept open while the other clients are set up: gunicorn drops a connection idle for 2 s.
        self.http.close()

    def _headers(self, extra=None) -> dict:
        cookie = f"sessionid={self.session_key}"
        if getattr(self, "csrf", None):
            cookie += f"; csrftoken={self.csrf}"
        return {"Cookie": cookie, **(extra or {})}

    def post(self, step: str, path: str, tally: Tally, expect: str, data=None, body=None, ctype=None):
        headers = self._headers({"X-CSRFToken": self.csrf, "Origin": self.base, "Referer": self.base + path})
        if body is not None:
            headers["Content-Type"] = ctype
        began = time.perf_counter()
        try:
            r = self.http.post(self.base + path, data=body if body is not None else data, headers=headers,
                               allow_redirects=False, timeout=self.timeout)
        except Exception as exc:  # noqa: BLE001 — a failed request is counted, the run goes on
            self._fail(tally, f"{step}: {type(exc).__name__}", repr(exc))
        seconds = time.perf_counter() - began
        location = r.headers.get("Location", "")
        match = re.match(expect, location) if r.status_code == 302 else None
        if match is None:
            self._fail(tally, f"{step}: HTTP {r.status_code}" + (f" → {location}" if location else ""),
                       page_errors(r.text))
        if self.browse:
            self.get(step, location, tally)
        return match, seconds

    def get(self, step: str, path: str, tally: Tally) -> None:
        try:
            r = self.http.get(self.base + path, headers=self._headers(), timeout=self.timeout)
        except Exception as exc:  # noqa: BLE001
            self._fail(tally, f"GET after {step}: {type(exc).__name__}", repr(exc))
        if r.status_code != 200:
            self._fail(tally, f"GET after {step}: HTTP {r.status_code}", page_errors(r.text))

    def _fail(self, tally: Tally, key: str, sample: str):
        with tally.lock:
            tally.errors[key] += 1
            tally.samples.setdefault(key, sample)
        raise StepFailed(key)

    def wizard(self, record: Tally) -> bool:
        """One dossier, start to submit; its timings and errors go to the tally."""
        times, sent, pk = {}, [], None
        began = time.perf_counter()
        try:
            match, times["start"] = self.post("start", f"/dich-vu-cong/{PROCEDURE}/nop/", record,
                                              r"^/ho-so-truc-tuyen/(\d+)/to-khai/$")
            pk = int(match.group(1))
            _, times["form"] = self.post("form", f"/ho-so-truc-tuyen/{pk}/to-khai/", record,
                                         rf"^/ho-so-truc-tuyen/{pk}/tep/$", data={**self.applicant, **ANSWERS})
            times["upload"] = []
            for body, ctype in self.uploads:
                _, seconds = self.post("upload", f"/ho-so-truc-tuyen/{pk}/tep/", record,
                                       rf"^/ho-so-truc-tuyen/{pk}/tep/$", body=body, ctype=ctype)
                times["upload"].append(seconds)
                sent.append((time.monotonic(), len(body)))
            match, times["submit"] = self.post("submit", f"/ho-so-truc-tuyen/{pk}/nop/", record,
                                               r"^/ca-nhan/ho-so/([^/]+)/da-nop/$")
        except StepFailed:
            if pk is not None:  # else the next start would resume this draft with its files
                try:
                    self.http.post(f"{self.base}/ho-so-truc-tuyen/{pk}/xoa/", allow_redirects=False,
                                   headers=self._headers({"X-CSRFToken": self.csrf, "Origin": self.base}),
                                   timeout=self.timeout)
                except Exception:  # noqa: BLE001, S110 — best effort
                    pass
            return False
        finished = time.monotonic()
        with record.lock:
            for step in ("start", "form", "submit"):
                record.steps[step].append(times[step])
            record.steps["upload"].extend(times["upload"])
            record.steps["wizard"].append(time.perf_counter() - began)
            record.events.extend(("upload", at, n) for at, n in sent)
            record.events.append(("submit", finished, 0))
            record.codes.append(match.group(1))
        return True


def drive(citizens_: list[Citizen], warmup: int, duration: float | None, per_client: int | None, on_start):
    """Warm-up, then the timed part from a common start; on_start() runs at that start (CPU counters)."""
    tally, warm = Tally(), Tally()
    clock = {}

    def begin():  # the barrier's action: runs once, before any client is let through
        clock["t0"], clock["cpu0"] = time.monotonic(), time.process_time()
        on_start()

    barrier = threading.Barrier(len(citizens_), action=begin)

    def one(citizen: Citizen, record: Tally):
        try:
            citizen.wizard(record)
        except Exception as exc:  # noqa: BLE001 — a client bug must show, not silently stop a client
            with record.lock:
                record.errors[f"client: {type(exc).__name__}"] += 1
                record.samples.setdefault(f"client: {type(exc).__name__}", repr(exc))

    def run(citizen: Citizen):
        for _ in range(warmup):
            one(citizen, warm)
        barrier.wait()
        done = 0
        while (per_client is not None and done < per_client) or (
                duration is not None and time.monotonic() < clock["t0"] + duration):
            one(citizen, tally)
            done += 1

    threads = [threading.Thread(target=run, args=(c,), daemon=True) for c in citizens_]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    clock["end"] = time.monotonic()
    return tally, warm, clock["t0"], clock["end"], time.process_time() - clock["cpu0"]


class WaitSampler(threading.Thread):
    """What the bench database's busy backends are doing, sampled from pg_stat_activity every 0.25 s."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.stop, self.samples, self.seen = url, threading.Event(), 0, Counter()
        self.longest = 0.0

    def run(self):
        import psycopg

        name = self.url.rsplit("/", 1)[1].split("?")[0]
        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self.stop.wait(0.25):
                rows = conn.execute(
                    "SELECT state, wait_event_type, wait_event, extract(epoch FROM now() - xact_start), query "
                    "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() "
                    "AND state IN ('active', 'idle in transaction')", [name]).fetchall()
                self.samples += 1
                for state, kind, event, in_xact, query in rows:
                    what = "running (CPU)" if state == "active" and not kind else (
                        f"{kind}:{event}" if state == "active" else "idle in transaction (Django between queries)")
                    if kind == "Lock":  # which statement waits for a row lock
                        what += " — " + re.sub(r"\s+", " ", query)[:90]
                    self.seen[what] += 1
                    self.longest = max(self.longest, float(in_xact or 0))

    def lines(self) -> list[str]:
        if not self.samples:
            return []
        out = [f"busy backends of the bench database, mean over {self.samples} samples: "
               f"{sum(self.seen.values()) / self.samples:.1f}; longest open transaction seen {self.longest:.1f} s"]
        out += [f"  {n / self.samples:5.2f}  {what}" for what, n in self.seen.most_common(8)]
        return out


# --- checks ----------------------------------------------------------------------------------


def verify(user_pks: list[int], codes: list[str], per_dossier: int, size: int, media: Path) -> list[str]:
    from motcua.dossiers.models import Dossier, DossierFile
    from motcua.portal.models import Draft

    lines, problems = [], []
    dossiers = Dossier.objects.filter(account_id__in=user_pks)
    in_db = dossiers.count()
    distinct = dossiers.values("idempotency_key").distinct().count()
    lines.append(f"dossiers of the bench accounts in the database: {in_db:,}; successful submissions: "
                 f"{len(codes):,}; distinct codes returned: {len(set(codes)):,}; distinct draft keys: {distinct:,}")
    if in_db != len(codes) or len(set(codes)) != len(codes) or distinct != in_db:
        problems.append("dossier count does not match the successful submissions (duplicates or lost dossiers)")
    missing_codes = set(codes) - set(dossiers.values_list("code", flat=True))
    if missing_codes:
        problems.append(f"{len(missing_codes)} codes returned to clients are not in the database")
    files = list(DossierFile.objects.filter(dossier__account_id__in=user_pks).values_list("scan", flat=True))
    on_disk = [media / name for name in files if name and (media / name).is_file()]
    right_size = sum(1 for p in on_disk if p.stat().st_size == size)
    lines.append(f"dossier files: {len(files):,} (expected {in_db * per_dossier:,}); in MEDIA_ROOT: {len(on_disk):,}, "
                 f"of which {right_size:,} are {size:,} bytes")
    if len(files) != in_db * per_dossier or right_size != len(files):
        problems.append("dossier files missing from the database or from MEDIA_ROOT")
    left = Draft.objects.filter(account_id__in=user_pks, dossier__isnull=True).count()
    lines.append(f"drafts left unsubmitted: {left:,}")
    return lines + [f"PROBLEM: {p}" for p in problems]


def percentile_row(label: str, samples: list[float]) -> str:
    if not samples:
        return f"  {label:<26} {'n=0':>7}"
    ordered = sorted(samples)

    def at(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return (f"  {label:<26} {len(ordered):>7,} {at(0.5):>9.0f} {at(0.95):>9.0f} {at(0.99):>9.0f} "
            f"{ordered[-1] * 1000:>9.0f}")


def log_excerpts(log: Path) -> list[str]:
    """The server-side failures: tracebacks and worker timeouts in gunicorn's log."""
    text = log.read_text(errors="replace") if log.exists() else ""
    out = []
    for marker in ("WORKER TIMEOUT", "Internal Server Error", "Traceback (most recent call last)"):
        n = text.count(marker)
        if n:
            out.append(f"{n} × {marker!r}")
    first = text.find("Traceback (most recent call last)")
    if first >= 0:
        block = text[max(0, text.rfind("\n", 0, max(0, first - 200))):first + 4000]
        out.append("first traceback:\n" + block)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50, help="concurrent citizens (default 50)")
    how_long = parser.add_mutually_exclusive_group()
    how_long.add_argument("--duration", type=float, default=None,
                          help="seconds during which clients start new wizards (default 60)")
    how_long.add_argument("--per-client", type=int, default=None, help="wizards per client instead of a duration")
    parser.add_argument("--warmup", type=int, default=1, help="untimed wizards per client first (default 1)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1,
                        help="gunicorn workers (default 2 x CPUs + 1)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--size", type=int, default=MB, help="bytes per PDF (default 1 MiB)")
    parser.add_argument("--mandatory-only", action="store_true",
                        help="upload only the mandatory documents (default: every document of the checklist)")
    parser.add_argument("--agency", default="first",
                        help="competent agency left on the procedure in the bench db: first (default), a code, "
                             "or all (leave them all: the submit is refused, see the docstring of narrow_agencies)")
    parser.add_argument("--browse", action="store_true", help="also GET each page a redirect leads to")
    parser.add_argument("--timeout", type=float, default=120, help="client timeout per request, s")
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--keep", action="store_true",
                        help="reuse the database and media folder as they are, and keep the media afterwards")
    args = parser.parse_args()
    duration = args.duration if args.per_client is None else None
    if duration is None and args.per_client is None:
        duration = 60.0

    name = args.url.rsplit("/", 1)[1].split("?")[0]
    work = Path(os.environ.get("TMPDIR", "/tmp")) / name
    if not args.keep:
        shutil.rmtree(work / "media", ignore_errors=True)
    (work / "media").mkdir(parents=True, exist_ok=True)
    log = work / f"gunicorn-{time.strftime('%Y%m%d-%H%M%S')}.log"
    port = free_port()
    env = server_environment(args.url, work, port)

    fresh = prepare_database(args.url, args.keep)
    print(f"{'created' if fresh else 'reusing'} database {name}; MEDIA_ROOT {work / 'media'}")
    setup_django(env)
    migrate_and_seed(fresh)
    procedure, documents = procedure_documents(args.mandatory_only)
    agency_note = narrow_agencies(procedure, args.agency)
    print(agency_note)
    tag = time.strftime("%H%M%S") + secrets.token_hex(2)
    accounts = citizens(args.clients, tag)
    from django.db import connection, connections

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    connections.close_all()

    content = pdf_body(args.size)
    uploads = [multipart(d.pk, f"tai-lieu-{i + 1}.pdf", content) for i, d in enumerate(documents)]
    per_dossier_mb = len(documents) * args.size / MB
    print(f"procedure {procedure.code} «{procedure.name}»: {len(documents)} documents × {args.size / MB:.2f} MB "
          f"= {per_dossier_mb:.1f} MB per dossier; {args.clients} citizen accounts (tag {tag})")

    server = start_gunicorn(env, port, args.workers, args.threads, log)
    base = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()
    try:
        clients = [Citizen(base, key, i, uploads, args.browse, args.timeout) for i, (_, key) in enumerate(accounts)]
        print(f"gunicorn up on :{port} ({args.workers} workers × {args.threads} threads); "
              f"warm-up: {args.warmup} wizard(s) per client; then "
              + (f"{duration:.0f} s" if duration else f"{args.per_client} wizards per client") + " …", flush=True)
        server_cpu, sampler = {}, WaitSampler(args.url)

        def started():
            server_cpu["t0"] = process_cpu(server.pid)
            sampler.start()

        tally, warm, t0, end, client_cpu = drive(clients, args.warmup, duration, args.per_client, started)
        sampler.stop.set()
        sampler.join()
        server_cpu = process_cpu(server.pid) - server_cpu["t0"]
    finally:
        load_after = os.getloadavg()
        stop_gunicorn(server)

    window = duration if duration else end - t0
    limit = t0 + window
    submits = sum(1 for kind, at, _ in tally.events if kind == "submit" and at <= limit)
    uploaded = sum(n for kind, at, n in tally.events if kind == "upload" and at <= limit)
    errors = sum(tally.errors.values())
    cpus = os.cpu_count()

    print()
    print(f"ONLINE SUBMISSION, {args.clients} concurrent clients, {len(documents)} × {args.size / MB:g} MB PDF "
          f"per dossier — gunicorn gthread {args.workers} workers × {args.threads} threads, "
          f"PostgreSQL {pg_version.split()[0]}, DEBUG off" + (", browsing the redirects" if args.browse else ""))
    print(f"machine: {cpus} CPUs shared with the load generator and PostgreSQL; load average "
          f"{' / '.join(f'{x:.1f}' for x in load_before)} before, {' / '.join(f'{x:.1f}' for x in load_after)} after")
    print(agency_note)
    print(f"timed run: {end - t0:.1f} s (" + (f"new wizards started for {duration:.0f} s, in-flight ones finished"
          if duration else f"{args.per_client} wizards per client") + f"); warm-up: {len(warm.codes)} dossiers")
    print()
    print(f"  {'latency (ms)':<26} {'n':>7} {'p50':>9} {'p95':>9} {'p99':>9} {'max':>9}")
    labels = {"start": "start (POST …/nop/)", "form": "e-form (POST)", "upload": "upload 1 PDF (POST)",
              "submit": "SUBMIT (final POST)", "wizard": "WHOLE WIZARD"}
    for key, label in labels.items():
        print(percentile_row(label, tally.steps[key]))
    print()
    print(f"  throughput            {submits / window:8.2f} submissions/s   ({submits:,} submitted in {window:.1f} s; "
          f"{len(tally.codes):,} in all)")
    print(f"  uploaded              {uploaded / MB / window:8.1f} MB/s of PDF")
    print(f"  errors                {errors:8,}" + ("" if not errors else "   " + "; ".join(
          f"{k} × {v}" for k, v in tally.errors.most_common())))
    if warm.errors:
        print(f"  warm-up errors        {sum(warm.errors.values()):8,}   " + "; ".join(
              f"{k} × {v}" for k, v in warm.errors.most_common()))
    print(f"  CPU during the run    gunicorn {server_cpu:.0f} s, load generator {client_cpu:.0f} s "
          f"({(server_cpu + client_cpu) / (end - t0) / cpus:.0%} of {cpus} CPUs; PostgreSQL not counted)")

    print()
    for line in sampler.lines():
        print("  " + line)
    print("\nCHECKS")
    for line in verify([pk for pk, _ in accounts], warm.codes + tally.codes, len(documents), args.size,
                       work / "media"):
        print("  " + line)
    for key, sample in {**warm.samples, **tally.samples}.items():
        print(f"\n  first response for {key}:\n    " + sample.replace("\n", "\n    ")[:1500])
    excerpts = log_excerpts(log)
    print(f"\ngunicorn log: {log}" + ("" if excerpts else " (no tracebacks, no worker timeouts)"))
    for line in excerpts:
        print("  " + line.replace("\n", "\n  "))
    if not args.keep:
        shutil.rmtree(work / "media", ignore_errors=True)
        print(f"removed {work / 'media'} (--keep keeps it)")


if __name__ == "__main__":
    main()
