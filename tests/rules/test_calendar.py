"""The holiday calendar "vlaamse-overheid" and working days (RULES.md, "Calendar")."""

from datetime import date

import polars as pl
import pytest

from thuiswerk.rules.calendar import holidays_of, is_working_day, working_days

CALENDAR = "vlaamse-overheid"


def test_the_2023_holidays_are_the_ten_legal_ones_and_three_flemish_days():
    assert sorted(holidays_of(CALENDAR, [2023])) == [
        date(2023, 1, 1),  # a Sunday
        date(2023, 4, 10),  # Easter Monday
        date(2023, 5, 1),
        date(2023, 5, 18),  # Ascension Day
        date(2023, 5, 29),  # Whit Monday
        date(2023, 7, 11),
        date(2023, 7, 21),
        date(2023, 8, 15),
        date(2023, 11, 1),
        date(2023, 11, 2),
        date(2023, 11, 11),  # a Saturday
        date(2023, 12, 25),
        date(2023, 12, 26),
    ]


def test_holidays_carry_their_dutch_names():
    names = holidays_of(CALENDAR, [2023])
    assert names[date(2023, 4, 10)] == "Paasmaandag"
    assert names[date(2023, 7, 11)] == "Feestdag van de Vlaamse Gemeenschap"
    assert names[date(2023, 12, 26)] == "Tweede Kerstdag"


def test_easter_sunday_and_whit_sunday_are_not_listed():
    days = holidays_of(CALENDAR, [2023])
    assert date(2023, 4, 9) not in days
    assert date(2023, 5, 28) not in days


def test_ascension_day_on_labour_day_is_one_date_with_both_names():
    days = holidays_of(CALENDAR, [2008])
    assert len(days) == 12
    assert days[date(2008, 5, 1)] == "Dag van de Arbeid; O. L. H. Hemelvaart"


def test_several_years_at_once():
    days = holidays_of(CALENDAR, [2021, 2022, 2023])
    assert len(days) == 39
    assert {day.year for day in days} == {2021, 2022, 2023}


@pytest.mark.parametrize(
    ("month", "count"),
    [
        # Jan 2023 starts on a Sunday (1 Jan): 22 weekdays, no holiday on one of them.
        ("2023-01", 22),
        ("2023-02", 20),
        # 23 weekdays minus 1 May, Ascension Day (18 May) and Whit Monday (29 May).
        ("2023-05", 20),
        ("2023-06", 22),
        # 21 weekdays minus 11 and 21 July.
        ("2023-07", 19),
        ("2023-09", 21),
        # 22 weekdays minus 1 and 2 November; 11 November is a Saturday.
        ("2023-11", 20),
        # 21 weekdays minus 25 and 26 December.
        ("2023-12", 19),
    ],
)
def test_working_days_of_a_month(month: str, count: int):
    first = date.fromisoformat(f"{month}-01")
    last = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    days = working_days(CALENDAR, first, date.fromordinal(last.toordinal() - 1))
    assert days.height == count


def test_working_days_of_2023():
    # 260 weekdays; of the 13 holidays 1 Jan and 11 Nov fall in the weekend.
    assert working_days(CALENDAR, date(2023, 1, 1), date(2023, 12, 31)).height == 249


def test_working_days_is_a_sorted_date_column_without_weekends_or_holidays():
    days = working_days(CALENDAR, date(2023, 4, 1), date(2023, 4, 30))
    assert days.schema == pl.Schema({"date": pl.Date})
    assert days["date"].is_sorted()
    assert days["date"].dt.weekday().max() <= 5
    assert date(2023, 4, 10) not in days["date"].to_list()
    assert days["date"].first() == date(2023, 4, 3)


def test_working_days_of_an_empty_range():
    assert working_days(CALENDAR, date(2023, 5, 2), date(2023, 5, 1)).height == 0


def test_a_holiday_in_the_weekend_gives_no_replacement_day():
    # 11 Nov 2023 is a Saturday: Monday 13 Nov is an ordinary working day.
    assert is_working_day(CALENDAR, date(2023, 11, 13))
    # 1 Jan 2023 is a Sunday: Monday 2 Jan is a working day.
    assert is_working_day(CALENDAR, date(2023, 1, 2))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2023, 9, 5), True),  # a Tuesday
        (date(2023, 9, 2), False),  # a Saturday
        (date(2023, 9, 3), False),  # a Sunday
        (date(2023, 7, 11), False),  # Flemish holiday on a Tuesday
        (date(2023, 11, 2), False),  # All Souls' Day
        (date(2023, 12, 26), False),
        (date(2024, 12, 27), True),
    ],
)
def test_is_working_day(day: date, working: bool):
    assert is_working_day(CALENDAR, day) is working


def test_an_unknown_calendar_is_an_error_naming_it():
    with pytest.raises(ValueError, match="'federale-overheid'"):
        holidays_of("federale-overheid", [2023])
    with pytest.raises(ValueError, match="'federale-overheid'"):
        working_days("federale-overheid", date(2023, 1, 1), date(2023, 1, 31))
    with pytest.raises(ValueError, match="'federale-overheid'"):
        is_working_day("federale-overheid", date(2023, 1, 7))
