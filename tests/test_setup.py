from django.core.management import call_command

from thuiswerk.allowances.models import ParameterValue
from thuiswerk.core.commands import schema_is_current


def test_init_is_idempotent(capsys):
    call_command("init", "--lang", "en")
    call_command("init", "--lang", "en")
    out = capsys.readouterr().out
    assert "0 default parameter values added" in out
    assert ParameterValue.objects.count() == 8
    assert schema_is_current()
