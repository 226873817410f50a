from django.apps import AppConfig


class Config(AppConfig):
    name = "thuiswerk.equipment"
    label = "equipment"
