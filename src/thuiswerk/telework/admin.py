from django.contrib import admin

from .models import Agreement, InternetOption, Registration, ThirdPartyInvoice


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
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
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["employee", "date", "part", "location"]
    list_filter = ["location", "part"]
    raw_id_fields = ["employee"]
    search_fields = ["employee__personnel_number"]
    date_hierarchy = "date"
    show_full_result_count = False  # counting millions of rows on every page is slow


@admin.register(InternetOption)
class InternetOptionAdmin(admin.ModelAdmin):
    list_display = ["employee", "option", "valid_from", "provider"]
    list_filter = ["option"]
    raw_id_fields = ["employee"]
    search_fields = ["employee__personnel_number"]


@admin.register(ThirdPartyInvoice)
class ThirdPartyInvoiceAdmin(admin.ModelAdmin):
    list_display = ["employee", "month", "provider", "amount"]
    raw_id_fields = ["employee"]
    search_fields = ["employee__personnel_number", "provider"]
