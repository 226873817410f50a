"""On PostgreSQL the database itself refuses overlapping employment periods of one employee.

SQLite has no exclusion constraints; there the import validator is the guard.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE people_employmentperiod ADD CONSTRAINT period_no_overlap
  EXCLUDE USING gist (employee_id WITH =, daterange(start_date, end_date, '[]') WITH &&);
"""
DROP = "ALTER TABLE people_employmentperiod DROP CONSTRAINT IF EXISTS period_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
