"""Load benchmark: SaferPlan under gunicorn on PostgreSQL, 32 concurrent clients on loopback.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferplan_bench \
        .venv/bin/python bench/load/benchmark.py [--requests 600] [--workers 5]

Needs a database made by ``generate.py``.  Starts gunicorn on 127.0.0.1 (sync workers),
signs ``bench-manager`` in (a session with a confirmed second factor) and ``bench-lead``
(a lead officer, for the returns page), gives the API clients a token, then for each page
sends ``--requests`` GETs from ``--concurrency`` clients at once (after a warm-up) and
prints p50/p95 beside the p95 of a view that does nothing behind the same middleware (the
framework's floor), measured again just after each page.  Every request goes to
127.0.0.1 only, the number of requests is fixed and each has a timeout.  ``inprocess.py``
times the same pages in-process.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "src"), str(HERE)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "floor_settings")
os.environ.setdefault("SAFERPLAN_API_USER_RATE", "100000000/minute")
os.environ.setdefault("SAFERPLAN_API_ANON_RATE", "100000000/minute")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,  # noqa: E402
)
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from saferplan.api.models import ApiToken  # noqa: E402
from saferplan.api.tokens import create_token  # noqa: E402
from saferplan.plans.models import Action, Plan  # noqa: E402

HOST = "127.0.0.1"
TIMEOUT = 30.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _session_cookie(username: str) -> str:
    """A signed-in session for ``username``, with its confirmed TOTP device if it has one."""
    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def headers() -> dict[str, str]:
    """Each persona's request header: the manager's and lead officer's sessions, a token."""
    manager = get_user_model().objects.get(username="bench-manager")
    # One token per process: several benchmark processes may run at once.  Tokens of
    # earlier runs (over ten minutes old, or the oldest beyond ten) are removed.
    mine = ApiToken.objects.filter(user=manager, name__startswith="bench")
    mine.filter(created_at__lt=timezone.now() - timedelta(minutes=10)).delete()
    mine.filter(pk__in=mine.order_by("-created_at").values("pk")[10:]).delete()
    _token, raw = create_token(manager, f"bench-{os.getpid()}")
    return {
        "manager": f"Cookie: {_session_cookie('bench-manager')}\r\n",
        "lead": f"Cookie: {_session_cookie('bench-lead')}\r\n",
        "api": f"Authorization: Bearer {raw}\r\n",
    }


def persona_of(label: str) -> str:
    if label.startswith("API"):
        return "api"
    return "lead" if label.startswith("returns") else "manager"


def pages(rng: random.Random) -> dict[str, list[str]]:
    """Each page's URLs: several objects, so no single row stays hot."""
    user = get_user_model().objects.get(username="bench-manager")
    own = user.partnership_roles.get().partnership
    plans = list(Plan.objects.filter(status="published").values_list("pk", flat=True))
    sample = rng.sample(plans, min(20, len(plans)))
    actions = list(
        Action.objects.filter(priority__plan_id__in=sample).values_list("pk", flat=True)[:2000]
    )
    own_plans = list(
        Plan.objects.filter(partnership=own).order_by("-year").values_list("pk", flat=True)
    )
    own_plan = own_plans[0]
    # The manager's dashboard and the lead officer's returns: the partnership's plans of
    # the last three years, each quarter, so no single page stays hot.
    recent = own_plans[:3]
    return {
        "floor (empty view)": ["/bench/floor/"],
        "home (all partnerships)": ["/"],
        "partnership": [f"/partnerships/{own.slug}/"],
        "plan (100 actions)": [f"/plans/{pk}/" for pk in sample],
        "action": [f"/plans/actions/{pk}/" for pk in rng.sample(actions, 50)],
        "own plan, staff view": [f"/plans/{own_plan}/"],
        "dashboard (manager, 100 actions)": [
            f"/returns/plan/{pk}/?q={q}" for pk in recent for q in (1, 2, 3, 4)
        ],
        "returns (lead officer, 20 actions)": [
            f"/returns/?plan={pk}&q={q}" for pk in own_plans[:2] for q in (1, 2, 3, 4)
        ],
        "API plans list": ["/api/plans/"],
        "API actions of a plan": [f"/api/actions/?plan={pk}" for pk in sample],
        "API returns of a plan": [f"/api/returns/?plan={pk}" for pk in sample],
        "API returns, all visible": ["/api/returns/?page=200"],
    }


async def _get(port: int, path: str, headers: str) -> tuple[float, int]:
    started = time.perf_counter()
    reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), TIMEOUT)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n{headers}Connection: close\r\n\r\n".encode()
    )
    await writer.drain()
    data = await asyncio.wait_for(reader.read(), TIMEOUT)
    writer.close()
    elapsed = time.perf_counter() - started
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return elapsed, status


async def _load(port, urls, headers, requests, concurrency) -> tuple[list[float], dict[int, int]]:
    times: list[float] = []
    statuses: dict[int, int] = {}
    queue = [urls[i % len(urls)] for i in range(requests)]

    async def client() -> None:
        while queue:
            elapsed, status = await _get(port, queue.pop(), headers)
            times.append(elapsed)
            statuses[status] = statuses.get(status, 0) + 1

    await asyncio.gather(*(client() for _ in range(concurrency)))
    return times, statuses


def _percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def _wait_for(port: int, process: subprocess.Popen) -> None:
    for _ in range(200):
        if process.poll() is not None:
            sys.exit("gunicorn stopped: see its output above")
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2 + 1)
    args = parser.parse_args()
    rng = random.Random(7)
    urls = pages(rng)
    persona_headers = headers()
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(HERE)])}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "saferplan.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    try:
        _wait_for(port, server)
        results = {}
        floor_urls, floor_header = urls["floor (empty view)"], persona_headers["manager"]
        for label, page_urls in urls.items():
            header = persona_headers[persona_of(label)]
            asyncio.run(_load(port, page_urls, header, args.concurrency * 2, args.concurrency))
            times, statuses = asyncio.run(
                _load(port, page_urls, header, args.requests, args.concurrency)
            )
            floor_times = times
            if page_urls != floor_urls:
                # The floor again, just after the page: on a shared machine the load drifts
                # during a run, and a page is compared with the floor of its own minutes.
                floor_times, _ = asyncio.run(
                    _load(port, floor_urls, floor_header, args.requests, args.concurrency)
                )
            results[label] = (times, statuses, floor_times)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _report(results, args)


def _report(results, args) -> None:
    print(
        f"{args.concurrency} clients, {args.requests} requests a page, "
        f"gunicorn {args.workers} sync workers, PostgreSQL, loopback; "
        f"floor p95 measured again just after each page ({args.requests} requests)\n"
    )
    print("| page | p50 ms | p95 ms | floor p95 ms | p95 / floor p95 | requests/s | answers |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for label, (times, statuses, floor_times) in results.items():
        p50, p95 = _percentile(times, 50) * 1000, _percentile(times, 95) * 1000
        floor = _percentile(floor_times, 95) * 1000
        throughput = len(times) / sum(times) * args.concurrency
        answers = ", ".join(f"{code}×{n}" for code, n in sorted(statuses.items()))
        print(
            f"| {label} | {p50:.0f} | {p95:.0f} | {floor:.0f} | {p95 / floor:.1f}x "
            f"| {throughput:.0f} | {answers} |"
        )


if __name__ == "__main__":
    main()
