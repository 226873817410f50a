from decimal import Decimal

import pytest
from django.utils import translation
from tests.factories import CatalogItemFactory

from thuiswerk.equipment.models import Delivery


@pytest.fixture
def chair(world):
    """A loan of AIV's catalog, one per employee."""
    return CatalogItemFactory(
        entity=world.a.entity, name="Bureaustoel", unit_cost=Decimal("250.00")
    )


@pytest.fixture
def headset(world):
    """A gift of AIV's catalog, two per employee."""
    return CatalogItemFactory(
        entity=world.a.entity,
        name="Headset",
        category=Delivery.Category.HEADSET,
        unit_cost=Decimal("80.00"),
        max_per_employee=2,
        ownership=Delivery.Ownership.GIFT,
    )


@pytest.fixture
def dkb_chair(world):
    return CatalogItemFactory(entity=world.b.entity, name="Bureaustoel DKB")


@pytest.fixture
def english():
    """The services' messages in English, as the service tests match them."""
    with translation.override("en"):
        yield
