"""Files that appear whole or not at all."""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def complete_or_nothing(path: Path) -> Iterator[Path]:
    """A name next to `path` to write to; it becomes `path` only when the block ends without error
    (the rename is atomic within a folder) and is removed otherwise, so an error, a full disk or
    Ctrl-C never leaves a half-written file, and an older `path` stays as it was."""
    part = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        yield part
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
