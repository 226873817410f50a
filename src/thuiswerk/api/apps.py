from django.apps import AppConfig


class Config(AppConfig):
    name = "thuiswerk.api"
    label = "api"
