from django.apps import AppConfig


class Config(AppConfig):
    name = "thuiswerk.audit"
    label = "audit"
