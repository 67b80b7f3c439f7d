"""Submission times read by the rule of each export's form, never guessed; worked out by hand below."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from hubplan.consult.timestamps import EXPECTED, parse_times

BST = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Google Forms: year first, 12-hour with AM/PM, a zone.
        ("2019/01/14 10:32:11 AM GMT", datetime(2019, 1, 14, 10, 32, 11, tzinfo=UTC)),
        ("2019/01/14 1:05:40 PM GMT", datetime(2019, 1, 14, 13, 5, 40, tzinfo=UTC)),  # 1 PM is 13:00
        ("2019/01/14 12:05:40 AM GMT", datetime(2019, 1, 14, 0, 5, 40, tzinfo=UTC)),  # 12 AM is midnight
        ("2019/01/14 12:05:40 PM GMT", datetime(2019, 1, 14, 12, 5, 40, tzinfo=UTC)),  # 12 PM is noon
        ("2019/06/14 9:00:00 am GMT+1", datetime(2019, 6, 14, 9, 0, 0, tzinfo=BST)),
        ("2019/06/14 09:00 BST", datetime(2019, 6, 14, 9, 0, tzinfo=BST)),
        ("2019/06/14 09:00 UTC-05:00", datetime(2019, 6, 14, 9, 0, tzinfo=timezone(timedelta(hours=-5)))),
        ("2019/1/4 21:15:00", datetime(2019, 1, 4, 21, 15)),
        # Day first, as UK exports write it.
        ("14/01/2019 10:32", datetime(2019, 1, 14, 10, 32)),
        ("14/01/2019", datetime(2019, 1, 14)),
        ("14/01/19 10:32:11", datetime(2019, 1, 14, 10, 32, 11)),
        ("14/01/2019 10:32:11 PM", datetime(2019, 1, 14, 22, 32, 11)),
        ("14/01/2019, 10:32", datetime(2019, 1, 14, 10, 32)),
        # ISO 8601.
        ("2018-10-24T08:45", datetime(2018, 10, 24, 8, 45)),
        ("2018-10-24 08:45:12.500", datetime(2018, 10, 24, 8, 45, 12, 500_000)),
        ("2018-10-24T08:45:00Z", datetime(2018, 10, 24, 8, 45, tzinfo=UTC)),
        ("2018-10-24T08:45:00+01:00", datetime(2018, 10, 24, 8, 45, tzinfo=BST)),
        ("2018-10-24", datetime(2018, 10, 24)),
    ],
)
def test_each_export_form_is_read(text: str, expected: datetime) -> None:
    (when,) = parse_times([text])
    assert when == expected
    assert when.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monday morning", EXPECTED),
        ("", EXPECTED),
        ("13:00", EXPECTED),
        ("2019-13-01", EXPECTED),
        ("14.01.2019", EXPECTED),
        ("24 October 2018", EXPECTED),  # pandas read this; no export writes it
        ("31/02/2019 09:00", "a date and time that exist (no 31 February, no hour 25)"),
        ("14/01/2019 25:00", "a date and time that exist (no 31 February, no hour 25)"),
        ("14/01/2019 0:30 AM", "a time that exists (an hour from 1 to 12 before AM or PM)"),
        ("14/01/2019 13:30 PM", "a time that exists (an hour from 1 to 12 before AM or PM)"),
        ("2019/01/14 10:00 GMT+15", "a time zone within 14 hours of GMT"),
    ],
)
def test_what_fits_no_form_says_what_was_expected(text: str, expected: str) -> None:
    assert parse_times([text]) == [expected]


def test_a_file_written_month_first_throughout_is_read_month_first() -> None:
    """1/14/2019 fits only month first (no month 14), and no date fits only day first: so 2/3/2019 is 3
    February, not 2 March."""
    assert parse_times(["1/14/2019 10:32:11 AM", "2/3/2019 9:00:00 AM"]) == [
        datetime(2019, 1, 14, 10, 32, 11),
        datetime(2019, 2, 3, 9, 0, 0),
    ]


def test_a_file_in_no_one_order_refuses_the_dates_against_its_day_first_rows() -> None:
    """Row 2 fits only day first, row 4 only month first; row 3 fits both and is read day first (2 March);
    row 4 is refused, naming row 2."""
    assert parse_times(["14/01/2019", "2/3/2019", "1/15/2019"], rows=[2, 3, 4]) == [
        datetime(2019, 1, 14),
        datetime(2019, 3, 2),
        "a date in the order most of the file's dates use (day first: 1 row can only be read that way, e.g. row 2)",
    ]


def test_one_day_first_date_in_a_month_first_file_is_the_one_refused() -> None:
    """180 US-order rows (1/13/2019 to 1/30/2019) and one typed the UK way: the one is refused, not the 180."""
    texts = [f"1/{d}/2019 10:00" for d in range(13, 31)] * 10 + ["20/01/2019 11:00"]
    found = parse_times(texts)
    assert found[:180] == [datetime(2019, 1, d, 10, 0) for d in range(13, 31)] * 10
    assert found[180] == (
        "a date in the order most of the file's dates use (month first: 180 rows can only be read that way,"
        " e.g. row 2)"
    )


def test_an_iso_time_with_utc_written_out() -> None:
    assert parse_times(["2018-10-24 08:45:12 UTC"]) == [datetime(2018, 10, 24, 8, 45, 12, tzinfo=UTC)]


def test_ambiguous_dates_alone_are_read_day_first() -> None:
    """Every date fits both orders: the UK order is used, so 02/03/2019 is 2 March."""
    assert parse_times(["02/03/2019 10:00"]) == [datetime(2019, 3, 2, 10, 0)]
