from django.apps import AppConfig


class Config(AppConfig):
    name = "thuiswerk.imports"
    label = "imports"
