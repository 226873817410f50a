from django.apps import AppConfig


class Config(AppConfig):
    name = "thuiswerk.core"
    label = "core"
