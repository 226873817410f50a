"""The seeded default parameters name their legal sources in Dutch, as the law does.

Only rows that still hold the old English text of a default are changed (a source somebody
edited stays); each change is an audit event with the text before and after.
"""

from django.db import migrations

# Frozen copies (old English text -> Dutch text of rules/parameters.py DEFAULTS at this version).
RENAMED = {
    "VPS art. VII 109, as changed by BVR 17 Sept 2021 (BS 11 Oct 2021), "
    "internet allowance for hybrid work": "VPS art. VII 109, gewijzigd bij BVR van 17 september"
    " 2021 wat betreft de internetvergoeding bij hybride werken (BS 11 oktober 2021)",
    "BVR 8 Sept 2023 implementing sectoral agreement 2020-2022 (thuiswerkvergoeding)": "BVR van"
    " 8 september 2023 tot uitvoering van het sectoraal akkoord 2020-2022 (thuiswerkvergoeding)",
    "Federal circular 2021/C/20: structural telework is one working day per week, judged per"
    " month": "Omzendbrief 2021/C/20 (federaal): structureel telewerk is het equivalent van één"
    " werkdag per week, beoordeeld per maand",
    "KB 10 April 2022 (federal civil service): internet allowance from one telework day in the"
    " month": "KB van 10 april 2022 (federaal openbaar ambt): internetvergoeding vanaf één"
    " telewerkdag in de maand",
    "Federal flat rate for a free internet connection: 60 EUR/year (5 EUR/month) benefit in"
    " kind": "Federaal forfait voor een gratis internetaansluiting: voordeel van alle aard van"
    " 60 EUR per jaar (5 EUR per maand)",
    "Circular 'Hybride werken binnen de Vlaamse overheid' (16 July 2021)": "Omzendbrief Hybride"
    " werken binnen de Vlaamse overheid (16 juli 2021)",
}


def to_dutch(apps, schema_editor):
    parameter_model = apps.get_model("allowances", "ParameterValue")
    event_model = apps.get_model("audit", "AuditEvent")
    for parameter in parameter_model.objects.filter(legal_source__in=list(RENAMED)):
        old = parameter.legal_source
        parameter.legal_source = RENAMED[old]
        parameter.save(update_fields=["legal_source"])
        event_model.objects.create(
            actor="migration",
            action="parameter.legal_source",
            object_type="parameter",
            object_id=parameter.name,
            reason="legal sources named in Dutch, as the law names them",
            before={"legal_source": old, "effective_from": parameter.effective_from.isoformat()},
            after={"legal_source": parameter.legal_source},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("allowances", "0003_ledger_line_unique"),
        ("audit", "0002_auditevent_before_after"),
    ]

    operations = [migrations.RunPython(to_dutch, migrations.RunPython.noop)]
