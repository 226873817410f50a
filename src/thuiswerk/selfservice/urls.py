from django.urls import path

from . import views

app_name = "selfservice"

MONTH = "<int:year>-<int:month>"

urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/calendar/", views.me, {"page": "calendar"}, name="me_calendar"),
    path("me/agreements/", views.me, {"page": "agreements"}, name="me_agreements"),
    path("me/internet/", views.me, {"page": "internet"}, name="me_internet"),
    path("employees/<int:employee_id>/months/", views.months, name="months"),
    path(f"employees/<int:employee_id>/months/{MONTH}/", views.month, name="month"),
    path(f"employees/<int:employee_id>/calendar/{MONTH}/", views.calendar, name="calendar"),
    path(
        f"employees/<int:employee_id>/calendar/{MONTH}/day/",
        views.calendar_day,
        name="calendar_day",
    ),
    path(
        f"employees/<int:employee_id>/calendar/{MONTH}/pattern/",
        views.calendar_pattern,
        name="calendar_pattern",
    ),
    path("employees/<int:employee_id>/agreements/", views.agreements, name="agreements"),
    path(
        "employees/<int:employee_id>/agreements/<int:agreement_id>/withdraw/",
        views.agreement_withdraw,
        name="agreement_withdraw",
    ),
    path("employees/<int:employee_id>/internet/", views.internet, name="internet"),
    path("team/queue/", views.queue, name="queue"),
    path("team/queue/<int:agreement_id>/decide/", views.decide, name="decide"),
    path("team/", views.team, name="team"),
]
