from django.apps import AppConfig


class Config(AppConfig):
    name = "thuiswerk.telework"
    label = "telework"
