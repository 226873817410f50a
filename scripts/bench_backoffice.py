"""Server time of the back office's dashboards on a demo database (p50 and p95 over repeated
requests through the Django test client): `DATABASE_URL=... python scripts/bench_backoffice.py`."""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuiswerk.settings")
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from thuiswerk.accounts.models import Role  # noqa: E402
from thuiswerk.people.models import Entity  # noqa: E402

REPEAT = int(sys.argv[1]) if len(sys.argv) > 1 else 20


def user(email: str, kind: str, entities=()):
    account, _ = get_user_model().objects.get_or_create(username=email, defaults={"email": email})
    role, _ = Role.objects.get_or_create(user=account, kind=kind)
    role.entities.set(entities)
    return account


def measure(client: Client, url: str) -> tuple[float, float, float]:
    first = time.perf_counter()
    response = client.get(url, secure=True)
    cold = time.perf_counter() - first
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(url, secure=True)
        times.append(time.perf_counter() - start)
    times.sort()
    return cold, statistics.median(times), times[int(len(times) * 0.95) - 1]


largest = Entity.objects.annotate(n=Count("periods")).order_by("-n").first()
hr = user("bench.hr@vlaanderen.be", "hr", [largest])
admin = user("bench.admin@vlaanderen.be", "admin")
print(
    f"{connection.vendor}, largest entity {largest.code} ({largest.n} periods), {REPEAT} requests"
)
for label, account, url in (
    (f"HR dashboard {largest.code}", hr, f"/entities/{largest.code}/"),
    ("central dashboard", admin, "/central/"),
    (f"staff list {largest.code}", hr, f"/entities/{largest.code}/staff/"),
):
    client = Client()
    client.force_login(account)
    cold, p50, p95 = measure(client, url)
    print(f"{label}: first {cold * 1000:.0f} ms, p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
