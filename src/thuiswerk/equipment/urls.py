from django.urls import path

from . import views

app_name = "equipment"

urlpatterns = [
    path("equipment/", views.mine, name="mine"),
    path("equipment/entities/", views.entities, name="entities"),
    path("employees/<int:employee_id>/equipment/", views.employee, name="employee"),
    path(
        "employees/<int:employee_id>/equipment/<int:request_id>/withdraw/",
        views.withdraw,
        name="withdraw",
    ),
    path("entities/<str:code>/equipment/catalog/", views.catalog, name="catalog"),
    path(
        "entities/<str:code>/equipment/catalog/<int:item_id>/",
        views.catalog_item,
        name="catalog_item",
    ),
    path(
        "entities/<str:code>/equipment/catalog/<int:item_id>/active/",
        views.catalog_active,
        name="catalog_active",
    ),
    path("entities/<str:code>/equipment/requests/", views.hr_queue, name="hr_queue"),
    path(
        "entities/<str:code>/equipment/requests/<int:request_id>/decide/",
        views.hr_decide,
        name="hr_decide",
    ),
    path(
        "entities/<str:code>/equipment/requests/<int:request_id>/deliver/",
        views.deliver,
        name="deliver",
    ),
    path(
        "entities/<str:code>/equipment/requests/<int:request_id>/return/",
        views.mark_returned,
        name="return",
    ),
    path(
        "team/equipment/<int:request_id>/decide/",
        views.supervisor_decide,
        name="supervisor_decide",
    ),
]
