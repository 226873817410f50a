"""No personal data in the logs: e-mail addresses and Belgian national register numbers are
redacted from every record's message, its arguments and its traceback (settings LOGGING, the
filter "redact", on every handler)."""

import logging
import re

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# 11 digits, bare or written as 85.07.30-033.61, 850730-033-61, 85.07.30-033-61; not a part of a
# longer number.
NATIONAL_NUMBER = re.compile(r"(?<!\d)\d{2}\.?\d{2}\.?\d{2}[-.]?\d{3}[-.]?\d{2}(?!\d)")
EMAIL_MARK = "[e-mail]"
NATIONAL_NUMBER_MARK = "[rijksregisternummer]"


def redact(text: str) -> str:
    return NATIONAL_NUMBER.sub(NATIONAL_NUMBER_MARK, EMAIL.sub(EMAIL_MARK, text))


class RedactPersonalData(logging.Filter):
    """The message is formatted with its arguments first, then redacted: an argument can be any
    object (a request, an exception) whose text holds an address."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
