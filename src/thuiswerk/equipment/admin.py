from django.contrib import admin

from .models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
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
