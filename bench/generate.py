"""Generator throughput on PostgreSQL, with where the CPU goes: the generator's processes or the server's.

The machine is often shared, so dossiers/s alone says little: the script also reports the CPU
seconds spent per dossier by the generator's Python processes and by the PostgreSQL backends
serving them (sampled from /proc while they live, so the server must run on this machine).
From those, `idle estimate` is the rate the same work would reach on this machine's cores
alone. Runs `manage.py generate_dossiers` in a database of its own (default motcua_genbench,
re-created, migrated and seeded each run unless --keep), never `motcua` or `test`.

Usage: .venv/bin/python bench/generate.py [--count N] [--workers W] [--url URL] [--keep]
       [--keep-indexes] [--tree DIR]   (DIR: another checkout to measure, e.g. an older commit)
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"motcua", "test", "motcua_ci", "postgres", "template0", "template1", "motcua_bench", "motcua_bench10m"}
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def prepare(url: str, keep: bool) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    if name in FORBIDDEN:
        sys.exit(f"refusing to use database {name!r}: the bench needs a database of its own")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and keep:
            return
        if exists:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url}
    python = str(ROOT / ".venv/bin/python")
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "seed_demo", "--password", "bench-password"], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL)


def watch_backends(url: str, seen: dict, stop: threading.Event) -> None:
    """The CPU time of every backend connected to the database, last read before it went away."""
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        while not stop.is_set():
            pids = [row[0] for row in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [name])]
            for pid in pids:
                value = cpu_seconds(pid)
                if value is not None:
                    seen[pid] = value
            stop.wait(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/motcua_genbench")
    parser.add_argument("--keep", action="store_true", help="reuse the database as it is")
    parser.add_argument("--keep-indexes", action="store_true")
    parser.add_argument("--tree", default=str(ROOT), help="the checkout whose generator runs")
    args = parser.parse_args()
    prepare(args.url, args.keep)
    seen: dict[int, float] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=watch_backends, args=(args.url, seen, stop), daemon=True)
    watcher.start()
    command = [str(ROOT / ".venv/bin/python"), "manage.py", "generate_dossiers", "--count", str(args.count),
               "--workers", str(args.workers), "--seed", "7"]
    known = (Path(args.tree) / "motcua/dossiers/management/commands/generate_dossiers.py").read_text()
    command += [flag for flag, wanted in (("--no-aggregates", True), ("--keep-indexes", args.keep_indexes))
                if wanted and flag in known]  # an older checkout may not know them
    before = os.times()
    started = time.monotonic()
    done = subprocess.run(command, cwd=args.tree, env={**os.environ, "DATABASE_URL": args.url},
                          capture_output=True, text=True)
    wall = time.monotonic() - started
    after = os.times()
    stop.set()
    watcher.join()
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    print(done.stdout.split("Hồ sơ:")[0].strip())
    python = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    server = sum(seen.values())
    per = 1e6 / args.count
    print(f"{args.count:,} dossiers, {args.workers} worker(s): {wall:,.1f} s = {args.count / wall:,.0f} dossiers/s")
    print(f"CPU per dossier: generator {python * per:,.0f} µs, PostgreSQL backends {server * per:,.0f} µs")
    cores = os.cpu_count() or 1
    print(f"idle estimate on {cores} cores: {cores * args.count / (python + server):,.0f} dossiers/s")


if __name__ == "__main__":
    main()
