"""Checks on an uploaded import file before it is stored or read (the web's upload form, the
API): its size, its extension, and that its first bytes are what the extension says. The
import reads the file fully later (imports.readers); this refuses what is plainly no import."""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

ZIP_START = b"PK\x03\x04"
TEXT_HEAD = 64 * 1024  # how much of a CSV is looked at
EXTENSIONS = (".csv", ".xlsx")
# Text has no control characters but tab, line feed, carriage return (and form feed).
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class UploadRefused(ValueError):
    """An upload that is no import file; its text names the file and says why (translated)."""


def max_bytes() -> int:
    return settings.THUISWERK_UPLOAD_MAX_BYTES


def check_upload(name: str, head: bytes, size: int) -> None:
    """Refuse (UploadRefused) a file `name` of `size` bytes starting with `head` (the whole file
    when len(head) == size) when it is too large, not .csv or .xlsx, or not what its extension
    says: an .xlsx that is no zip (nor, given the whole file, an Office workbook), a .csv that
    is no text (NUL bytes or other binary data, or no encoding the import reads: UTF-8, UTF-16
    with a byte order mark, Windows-1252)."""
    if size > max_bytes():
        raise UploadRefused(
            _("%(name)s is larger than %(mb)d MB.")
            % {"name": name, "mb": max_bytes() // (1024 * 1024)}
        )
    extension = name.lower().rpartition(".")[2]
    if f".{extension}" not in EXTENSIONS:
        raise UploadRefused(_("%(name)s is no .csv or .xlsx file.") % {"name": name})
    if extension == "xlsx" and not _is_workbook(head, whole=len(head) == size):
        raise UploadRefused(
            _("%(name)s is called .xlsx but is no Excel workbook.") % {"name": name}
        )
    if extension == "csv" and not _is_text(head, whole=len(head) == size):
        raise UploadRefused(
            _("%(name)s is called .csv but is no text file (it holds binary data).")
            % {"name": name}
        )


def _is_workbook(head: bytes, *, whole: bool) -> bool:
    if not head.startswith(ZIP_START):
        return False
    if not whole:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(head)) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _is_text(head: bytes, *, whole: bool) -> bool:
    whole, head = whole and len(head) <= TEXT_HEAD, head[:TEXT_HEAD]
    if head.startswith(_UTF16_BOMS):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    elif b"\x00" in head:
        return False
    else:
        text = _decoded(head, whole=whole)
        if text is None:
            return False
    return not _CONTROL.intersection(text)


def _decoded(head: bytes, *, whole: bool) -> str | None:
    """The head as UTF-8 (a character cut off at its end does not count) or else Windows-1252;
    None when it is neither."""
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        if not whole and error.start >= len(head) - 3 and error.reason == "unexpected end of data":
            return head[: error.start].decode("utf-8", errors="strict")
    try:
        return head.decode("cp1252")
    except UnicodeDecodeError:
        return None
