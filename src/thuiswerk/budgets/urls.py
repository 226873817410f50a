from django.urls import path

from . import views

app_name = "budgets"

urlpatterns = [
    path("entities/<str:code>/budgets/", views.entity, name="entity"),
    path("entities/<str:code>/budgets/lines/<int:line_id>/", views.line, name="line"),
    path(
        "entities/<str:code>/budgets/lines/<int:line_id>/delete/",
        views.line_delete,
        name="line_delete",
    ),
    path(
        "entities/<str:code>/budgets/initiatives/<int:initiative_id>/",
        views.initiative,
        name="initiative",
    ),
    path(
        "entities/<str:code>/budgets/initiatives/<int:initiative_id>/delete/",
        views.initiative_delete,
        name="initiative_delete",
    ),
]
