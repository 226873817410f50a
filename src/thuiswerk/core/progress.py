"""Progress bars for long CLI work (tqdm on stderr, silent when `enabled` is False)."""

from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def steps(names: Iterable[T], *, enabled: bool, desc: str) -> Iterator[T]:
    """Iterate `names`, showing which one runs now."""
    bar = tqdm(list(names), desc=desc, disable=not enabled, unit="step", leave=False)
    for name in bar:
        bar.set_postfix_str(str(name))
        yield name
