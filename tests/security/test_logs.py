"""No personal data in the logs: e-mail addresses and national register numbers are redacted
from every record (message, arguments, traceback) that goes through the console handler; the
web server's access log has no query strings."""

import datetime
import io
import logging
import sys

import pytest
from django.conf import settings
from gunicorn.config import Config
from gunicorn.glogging import Logger

from thuiswerk.core.logs import RedactPersonalData, redact
from thuiswerk.web.management.commands import serve


@pytest.mark.parametrize(
    "number", ["85073003361", "85.07.30-033.61", "850730-033-61", "85.07.30-033-61"]
)
def test_national_register_numbers_in_every_form_are_redacted(number):
    assert redact(f"employee {number} imported") == "employee [rijksregisternummer] imported"


def test_e_mail_addresses_are_redacted_and_other_numbers_stay():
    text = "login An.Peeters+hr@vlaanderen.be failed; 3 rows, order 2023-10-12, id 123456789012"
    assert redact(text) == (
        "login [e-mail] failed; 3 rows, order 2023-10-12, id 123456789012"  # 12 digits: no NRN
    )


def record(msg, args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("thuiswerk", logging.WARNING, __file__, 1, msg, args, exc_info)


def test_the_filter_redacts_the_message_and_its_arguments():
    one = record("user %s with %s tried %d times", ("eva@x.be", "85.07.30-033.61", 5))
    assert RedactPersonalData().filter(one) is True
    assert one.getMessage() == "user [e-mail] with [rijksregisternummer] tried 5 times"
    named = record("%(who)s from %(where)s", ({"who": "eva@x.be", "where": "10.0.0.1"},))
    RedactPersonalData().filter(named)
    assert named.getMessage() == "[e-mail] from 10.0.0.1"
    itself = record("Invalid HTTP_HOST for eva@x.be 85073003361", ())
    RedactPersonalData().filter(itself)
    assert itself.getMessage() == "Invalid HTTP_HOST for [e-mail] [rijksregisternummer]"


def test_the_filter_redacts_tracebacks():
    try:
        raise ValueError("no staff member 85073003361 (eva@x.be)")
    except ValueError:
        failing = record("import failed", (), sys.exc_info())
    RedactPersonalData().filter(failing)
    text = logging.Formatter().format(failing)
    assert "ValueError: no staff member [rijksregisternummer] ([e-mail])" in text
    assert "eva@x.be" not in text and "85073003361" not in text


@pytest.mark.parametrize("name", ["django.request", "django.security", "axes", "thuiswerk"])
def test_django_s_request_and_security_loggers_go_through_the_filter(name):
    config = settings.LOGGING
    assert config["handlers"]["console"]["filters"] == ["redact"]
    for logger in ("django", "django.request", "django.security"):
        assert config["loggers"][logger]["handlers"] == ["console"]
    assert config["root"]["handlers"] == ["console"]
    logger = logging.getLogger(name)
    handlers = logger.handlers or logging.getLogger().handlers  # "thuiswerk": the root's
    (console,) = [h for h in handlers if type(h) is logging.StreamHandler]  # not pytest's
    assert any(isinstance(f, RedactPersonalData) for f in console.filters)
    out = io.StringIO()
    previous = console.setStream(out)
    try:
        logging.getLogger(f"{name}.x").error("Invalid host %s", "eva@x.be")
    finally:
        console.setStream(previous)
    printed = out.getvalue()
    assert "ERROR" in printed and "Invalid host [e-mail]" in printed
    assert "eva@x.be" not in printed


def test_gunicorn_logs_the_path_without_the_query_string():
    command = serve.child_commands(host="127.0.0.1", port=8000, workers=1, worker=False)["web"]
    formats = [a.split("=", 1)[1] for a in command if a.startswith("--access-logformat=")]
    assert formats == [serve.ACCESS_LOG_FORMAT]
    for part in ("%(q)s", "%(r)s", "%(f)s", "%(a)s", "%(u)s"):
        assert part not in serve.ACCESS_LOG_FORMAT
    assert "%(U)s" in serve.ACCESS_LOG_FORMAT and "%(s)s" in serve.ACCESS_LOG_FORMAT


def test_gunicorn_s_access_line_has_no_query():
    config = Config()
    config.set("access_log_format", serve.ACCESS_LOG_FORMAT)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/hr/AIV/personeel/",
        "QUERY_STRING": "q=eva%40x.be",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.1",
        "RAW_URI": "/hr/AIV/personeel/?q=eva%40x.be",
    }

    class Response:
        status = "200 OK"
        sent = 512
        headers = ()

    atoms = Logger(config).atoms(Response(), [], environ, datetime.timedelta(seconds=0.25))
    line = serve.ACCESS_LOG_FORMAT % atoms
    assert '"GET /hr/AIV/personeel/ HTTP/1.1" 200 512' in line
    assert "eva" not in line and "q=" not in line
