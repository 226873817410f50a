"""Every text of the workbook has its Dutch translation in the committed .mo file."""

from django.utils import translation
from django.utils.functional import Promise

from thuiswerk.reports import labels

# Words that are the same in Dutch and English.
SAME = {"Code", "Laptop", "Headset", "Parameter", "Percentages", "Budget", "Internet (%)"}


def texts(value):
    if isinstance(value, Promise):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from texts(item)


def test_every_label_is_translated_to_dutch():
    found = [t for name in dir(labels) if name.isupper() for t in texts(getattr(labels, name))]
    assert len(found) > 100
    with translation.override("en"):
        english = [str(t) for t in found]
    with translation.override("nl"):
        dutch = [str(t) for t in found]
    untranslated = {e for e, d in zip(english, dutch, strict=True) if e == d} - SAME
    assert not untranslated
