"""The rules package is pure: it imports no Django, so it runs and is benchmarked alone."""

import subprocess
import sys


def test_the_rules_import_no_django():
    code = (
        "import sys; import thuiswerk.rules.calendar, thuiswerk.rules.engine, "
        "thuiswerk.rules.parameters, thuiswerk.rules.booking; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
