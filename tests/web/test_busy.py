"""A write that meets SQLite's lock of a long run answers a Dutch 503, not a server error."""

import pytest
from django.db import OperationalError
from django.urls import path

from thuiswerk.urls import urlpatterns as site


def locked(request):
    raise OperationalError("database is locked")


def other_error(request):
    raise OperationalError("no such table: people_employee")


# The site's own pages too: the 503 page has the menu, and the menu links to them.
urlpatterns = [path("locked/", locked), path("broken/", other_error), *site]


@pytest.mark.urls("tests.web.test_busy")
def test_a_locked_database_answers_503_in_dutch(client, world):
    client.force_login(world.a.employee_user)
    response = client.post("/locked/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Er loopt een berekening; probeer het over enkele ogenblikken opnieuw" in page
    assert '<html lang="nl"' in page


@pytest.mark.urls("tests.web.test_busy")
def test_other_database_errors_are_not_hidden(client, world):
    client.force_login(world.a.employee_user)
    with pytest.raises(OperationalError, match="no such table"):
        client.post("/broken/")
