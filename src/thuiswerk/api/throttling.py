"""Rate limits of the API: a fixed window per token (or logged-in user) and per client address.

A count per key and window in a Django cache (`THUISWERK_RATE_LIMIT_CACHE`): `add` starts the
window, `incr` counts. Fixed windows let a client send up to twice the rate around a window's
edge; that is the price of one cache read per request, and fine for a limit that protects the
service rather than meters it.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """ "600/min" -> 600 requests per 60 seconds."""
        count, _, period = text.partition("/")
        try:
            rate = cls(int(count), PERIODS[period.strip()])
        except (ValueError, KeyError):
            raise ImproperlyConfigured(
                f"A rate is requests/period with period s, min, h or d, not {text!r}."
            ) from None
        if rate.requests < 1:
            raise ImproperlyConfigured(f"A rate allows at least one request, not {text!r}.")
        return rate


def over_limit(key: str, rate_setting: str) -> int | None:
    """Count one request for `key`; the seconds to wait when it is over the rate, else None."""
    rate = Rate.parse(getattr(settings, rate_setting))
    now = time.time()
    window = int(now // rate.seconds)
    cache = caches[settings.THUISWERK_RATE_LIMIT_CACHE]
    cache_key = f"rate:{key}:{rate.seconds}:{window}"
    cache.add(cache_key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: a new window
        cache.add(cache_key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.requests:
        return None
    return max(1, int((window + 1) * rate.seconds - now) + 1)
