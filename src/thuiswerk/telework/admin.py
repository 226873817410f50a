from django.contrib import admin

from thuiswerk.audit.admin import ServiceAdmin

from . import services
from .models import Agreement, InternetOption, Registration, ThirdPartyInvoice


@admin.register(Agreement)
class AgreementAdmin(ServiceAdmin):
    save_service, delete_service = services.agreement_save, services.agreement_delete
    service_arg = "agreement"
    list_display = [
        "employee",
        "valid_from",
        "valid_to",
        "days_per_week",
        "status",
        "approved_by",
        "approved_on",
    ]
    list_filter = ["status"]
    raw_id_fields = ["employee", "approved_by"]
    search_fields = ["employee__personnel_number", "employee__last_name"]


@admin.register(Registration)
class RegistrationAdmin(ServiceAdmin):
    save_service, delete_service = services.registration_save, services.registration_delete
    service_arg = "registration"
    list_display = ["employee", "date", "part", "location"]
    list_filter = ["location", "part"]
    raw_id_fields = ["employee"]
    search_fields = ["employee__personnel_number"]
    date_hierarchy = "date"
    show_full_result_count = False  # counting millions of rows on every page is slow


@admin.register(InternetOption)
class InternetOptionAdmin(ServiceAdmin):
    save_service, delete_service = services.internet_option_save, services.internet_option_delete
    service_arg = "internet_option"
    list_display = ["employee", "option", "valid_from", "provider"]
    list_filter = ["option"]
    raw_id_fields = ["employee"]
    search_fields = ["employee__personnel_number"]


@admin.register(ThirdPartyInvoice)
class ThirdPartyInvoiceAdmin(ServiceAdmin):
    save_service, delete_service = services.invoice_save, services.invoice_delete
    service_arg = "invoice"
    list_display = ["employee", "month", "provider", "amount"]
    raw_id_fields = ["employee"]
    search_fields = ["employee__personnel_number", "provider"]
