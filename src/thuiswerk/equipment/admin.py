from django.contrib import admin

from thuiswerk.audit.admin import ServiceAdmin

from . import services
from .models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(ServiceAdmin):
    save_service, delete_service = services.delivery_save, services.delivery_delete
    service_arg = "delivery"
    list_display = [
        "employee",
        "entity",
        "item",
        "category",
        "delivered_on",
        "cost",
        "ownership",
        "returned_on",
    ]
    list_filter = ["category", "ownership", "entity"]
    raw_id_fields = ["employee"]
    search_fields = ["employee__personnel_number", "item"]
