from django.apps import AppConfig


class Config(AppConfig):
    name = "thuiswerk.reports"
    label = "reports"
