"""The 50 users of `make bench-web`, with locust as a library (run by scripts/bench_load.py).

    .venv/bin/python scripts/bench_load_users.py PLAN.json RESULT.json

PLAN.json (written by bench_load.py) names the server, the think time and one script per user:
its role, its session cookies or API token, and its requests. Every user runs its script once,
with a random think time between requests, and stops: the test ends by itself after a fixed
number of requests. RESULT.json receives p50/p95/p99, counts and errors per page, and every day
registration the server accepted (for the check that none is lost). In its own process because
locust patches the standard library for gevent, which Django's process must not have.
"""

import json
import random
import re
import sys
import time
from pathlib import Path

import gevent
from locust import HttpUser, task
from locust.env import Environment
from locust.exception import StopUser

# The htmx headers of the base template: every htmx request sends this CSRF token.
CSRF_IN_PAGE = re.compile(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'')
SAVED = 'class="note message success"'
PERCENTILES = (0.5, 0.95, 0.99)


class Visitor(HttpUser):
    """One user of the plan: employees register days, the others read their page."""

    plan: dict = {}
    scripts: list = []
    accepted: list = []

    def wait_time(self) -> float:
        low, high = self.plan["think_seconds"]
        return random.uniform(low, high)

    def on_start(self) -> None:
        self.script = Visitor.scripts.pop()
        self.client.headers["Accept-Language"] = "nl"
        if self.script.get("token"):
            self.client.headers["Authorization"] = f"Bearer {self.script['token']}"

    @task
    def run_script(self) -> None:
        for step in self.script["steps"]:
            self.client.cookies.clear()
            self.client.cookies.set(self.plan["session_cookie"], step["session"] or "")
            if step["kind"] == "registration":
                self.register(step)
            else:
                self.read(step["page"], step["url"])
        raise StopUser

    def think(self) -> None:
        gevent.sleep(self.wait_time())

    def read(self, page: str, url: str) -> str:
        self.think()
        with self.client.get(url, name=page, catch_response=True, allow_redirects=False) as answer:
            if answer.status_code != 200:
                answer.failure(f"HTTP {answer.status_code}")
            return answer.text or ""

    def register(self, step: dict) -> None:
        """The calendar page, then one day posted as htmx posts it (its CSRF header)."""
        page = self.read("employee calendar page", step["calendar_url"])
        found = CSRF_IN_PAGE.search(page)
        if found is None:
            return  # counted as the calendar's failure
        self.think()
        headers = {"HX-Request": "true", "X-CSRFToken": found.group(1)}
        form = {"day": step["day"], "am": step["am"], "pm": step["pm"]}
        started = time.time()
        with self.client.post(
            step["post_url"],
            data=form,
            headers=headers,
            name="day registration (POST)",
            catch_response=True,
            allow_redirects=False,
        ) as answer:
            if answer.status_code != 200 or SAVED not in answer.text:
                answer.failure(f"HTTP {answer.status_code}, not saved")
                return
        Visitor.accepted.append(
            {**{k: step[k] for k in ("employee_id", "day", "am", "pm")}, "at": started}
        )
        self.read("employee month page", step["month_url"])


def percentile(entry, fraction: float) -> int:
    return int(entry.get_response_time_percentile(fraction) or 0) if entry.num_requests else 0


def main() -> None:
    plan = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    Visitor.plan = plan
    Visitor.scripts = list(reversed(plan["scripts"]))
    Visitor.host = plan["base_url"]
    environment = Environment(user_classes=[Visitor], host=plan["base_url"])
    runner = environment.create_local_runner()
    users = len(plan["scripts"])
    started = time.time()
    runner.start(users, spawn_rate=users)
    gevent.sleep(1)
    while runner.user_count:
        gevent.sleep(0.5)
    runner.quit()
    ended = time.time()
    pages = []
    for (name, method), entry in sorted(environment.stats.entries.items()):
        pages.append(
            {
                "page": name,
                "method": method,
                "requests": entry.num_requests,
                "failures": entry.num_failures,
                **{f"p{int(f * 100)}": percentile(entry, f) for f in PERCENTILES},
            }
        )
    errors = [
        {"page": e.name, "error": str(e.error), "count": e.occurrences}
        for e in environment.stats.errors.values()
    ]
    result = {
        "started": started,
        "ended": ended,
        "pages": pages,
        "errors": errors,
        "exceptions": [str(e) for e in runner.exceptions.values()],
        "accepted": Visitor.accepted,
    }
    Path(sys.argv[2]).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
