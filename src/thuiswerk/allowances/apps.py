from django.apps import AppConfig


class Config(AppConfig):
    name = "thuiswerk.allowances"
    label = "allowances"
