from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("entities/", views.entities, name="entities"),
    path("entities/<str:code>/", views.dashboard, name="dashboard"),
    path("entities/<str:code>/staff/", views.staff, name="staff"),
    path("entities/<str:code>/report/", views.report, name="report"),
    path("central/", views.central, name="central"),
    path("employees/<int:employee_id>/", views.employee, name="employee"),
    path("imports/", views.imports, name="imports"),
    path("months/", views.months, name="months"),
    path("months/compute/", views.months_compute, name="months_compute"),
    path("months/close/", views.months_close, name="months_close"),
    path("months/reopen/", views.months_reopen, name="months_reopen"),
    path("parameters/", views.parameters, name="parameters"),
    path("audit/", views.audit, name="audit"),
    path("payroll/", views.payroll, name="payroll"),
]
