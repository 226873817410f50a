from django.apps import AppConfig


class Config(AppConfig):
    name = "thuiswerk.budgets"
    label = "budgets"
