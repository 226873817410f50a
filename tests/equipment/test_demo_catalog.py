"""The demo gives every entity an equipment catalog, through the audited service."""

from decimal import Decimal

from tests.factories import EntityFactory

from thuiswerk.audit.models import AuditEvent
from thuiswerk.demo.catalog import CATALOG
from thuiswerk.demo.management.commands.demo import equipment_catalogs
from thuiswerk.equipment.models import CatalogItem


def test_every_demo_entity_gets_its_catalog_once(db):
    full, basic, none = (EntityFactory(code=code) for code in ("AIV", "DKB", "DBRC"))
    EntityFactory(code="XYZ")  # not a demo entity: no catalog
    assert equipment_catalogs() == 3 * len(CATALOG)
    assert equipment_catalogs() == 0
    assert not CatalogItem.objects.filter(entity__code="XYZ").exists()
    assert CatalogItem.objects.filter(entity=full, active=True).count() == len(CATALOG)
    assert set(
        CatalogItem.objects.filter(entity=basic, active=True).values_list("category", flat=True)
    ) == {"headset", "screen"}
    assert not CatalogItem.objects.filter(entity=none, active=True).exists()
    chair = CatalogItem.objects.get(entity=full, category="chair")
    assert (chair.unit_cost, chair.ownership, chair.max_per_employee) == (
        Decimal("229.00"),
        "loan",
        1,
    )
    assert AuditEvent.objects.filter(action="catalogitem.add", actor="demo").count() == 3 * len(
        CATALOG
    )
