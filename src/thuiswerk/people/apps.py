from django.apps import AppConfig


class Config(AppConfig):
    name = "thuiswerk.people"
    label = "people"
