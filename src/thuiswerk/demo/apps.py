from django.apps import AppConfig


class Config(AppConfig):
    name = "thuiswerk.demo"
    label = "demo"
