"""Tests for newsreader_tui.core.dates: RFC 822, ISO 8601, Vietnamese forms, epochs, zones."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest

from newsreader_tui.core.dates import VN_TZ, format_short, parse_date, resolve_tz, to_iso

# 2018-11-08 09:26 in Vietnam, the instant most cases below describe.
EXPECTED = datetime(2018, 11, 8, 9, 26, tzinfo=VN_TZ)
MIDNIGHT = datetime(2018, 11, 8, tzinfo=VN_TZ)


def _offset(dt: datetime) -> timedelta | None:
    return dt.utcoffset()


# --- RFC 822 / 2822 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thu, 08 Nov 2018 09:26:00 +0700",
        "Thu, 08 Nov 2018 02:26:00 GMT",
        "Thu, 08 Nov 2018 02:26:00 UT",
        "Thu, 08 Nov 2018 02:26:00 UTC",
        "Thu, 08 Nov 2018 02:26:00 Z",
        "Thu, 08 Nov 2018 02:26:00 +0000",
        "Wed, 07 Nov 2018 21:26:00 EST",
        "Wed, 07 Nov 2018 18:26:00 PST",
        "Thu, 08 Nov 18 09:26:00 +0700",
        "Thu, 08 Nov 2018 09:26 +0700",
        "08 Nov 2018 09:26:00 +0700",
        "Thu, 8 Nov 2018 09:26:00 +0700",
        "thu, 08 nov 2018 09:26:00 +0700",
        "Thu, 08 November 2018 09:26:00 +0700",
        "Thu, 08 Nov 2018 09:26:00 +0700 (ICT)",
        "Thu, 08 Nov 2018 09:26:00 ICT",
        "Mon, 08 Nov 2018 09:26:00 +0700",  # wrong weekday: ignored, as feeds get it wrong
        "  Thu,  08 Nov 2018 09:26:00 +07:00  ",
    ],
)
def test_rfc822(text: str) -> None:
    result = parse_date(text)
    assert result == EXPECTED
    assert result is not None and result.tzinfo is not None


@pytest.mark.parametrize(
    "text",
    [
        "Thu, 08 Nov 2018 09:26:00 GMT+7",
        "Thu, 08 Nov 2018 09:26:00 GMT+07:00",
        "Thu, 08 Nov 2018 09:26:00 GMT+0700",
        "Thu, 08 Nov 2018 09:26:00 UTC+7",
    ],
)
def test_rfc822_gmt_plus_means_east(text: str) -> None:
    result = parse_date(text)
    assert result is not None
    assert result == EXPECTED
    assert _offset(result) == timedelta(hours=7)
    assert to_iso(result) == "2018-11-08T09:26:00+07:00"


def test_rfc822_naive_uses_default_tz() -> None:
    assert parse_date("Thu, 08 Nov 2018 09:26:00") == EXPECTED
    assert parse_date("Thu, 08 Nov 2018 02:26:00", UTC) == EXPECTED


def test_rfc822_two_digit_year_pivot() -> None:
    result = parse_date("Sun, 08 Nov 98 09:26:00 +0700")
    assert result is not None and result.year == 1998


def test_rfc822_unknown_zone_gives_none() -> None:
    assert parse_date("Thu, 08 Nov 2018 09:26:00 XYZT") is None


# --- ISO 8601 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2018-11-08T09:26:00+07:00",
        "2018-11-08T02:26:00Z",
        "2018-11-08T02:26:00z",
        "2018-11-08T09:26:00+0700",
        "2018-11-08T09:26+07:00",
        "2018-11-08T09:26:00.000+07:00",
        "2018-11-08T02:26:00.000000Z",
        "2018-11-08 09:26:00",
        "2018-11-08T09:26:00",
        "2018-11-08 09:26",
    ],
)
def test_iso8601(text: str) -> None:
    assert parse_date(text) == EXPECTED


def test_iso_naive_is_vietnam_time_not_utc() -> None:
    result = parse_date("2018-11-08 09:26:00")
    assert result is not None
    assert _offset(result) == timedelta(hours=7)
    assert to_iso(result) == "2018-11-08T09:26:00+07:00"


def test_iso_fractional_seconds() -> None:
    result = parse_date("2018-11-08T09:26:00.123456789+07:00")
    assert result is not None and result.microsecond == 123456


def test_iso_date_only_is_midnight_default_tz() -> None:
    assert parse_date("2018-11-08") == MIDNIGHT
    assert parse_date("2018-11-08", UTC) == datetime(2018, 11, 8, tzinfo=UTC)


def test_default_tz_zoneinfo() -> None:
    result = parse_date("2018-11-08 09:26:00", ZoneInfo("Asia/Ho_Chi_Minh"))
    assert result == EXPECTED


# --- Vietnamese forms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "08/11/2018 09:26",
        "8/11/2018 9:26",
        "08/11/2018 - 09:26 (GMT+7)",
        "08/11/2018 - 09:26 (GMT+07:00)",
        "Thứ năm, 8/11/2018, 09:26 (GMT+7)",
        "Thứ Năm, 08/11/2018 09:26",
        "THỨ NĂM, 08/11/2018 09:26",
        "08-11-2018 09:26",
        "08.11.2018 09:26",
        "09:26 08/11/2018",
        "09:26 - 08/11/2018",
        "Cập nhật: 08/11/2018 09:26",
        "Cập nhật lúc 09h26 ngày 08/11/2018",
        "08/11/2018 09:26:00",
        "08/11/2018 9:26 SA",
        "08/11/2018 09:26 AM",
        "08/11/18 09:26",
        "2018/11/08 09:26",
        "08/11/2018 02:26 GMT",
        "08/11/2018 02:26 UTC",
        "08/11/2018 09:26 +07:00",
        "ngày 8 tháng 11 năm 2018 09:26",
    ],
)
def test_vietnamese_forms(text: str) -> None:
    assert parse_date(text) == EXPECTED


@pytest.mark.parametrize("text", ["08/11/2018 09:26 PM", "08/11/2018 9:26 CH", "08/11/2018 21h26"])
def test_vietnamese_afternoon(text: str) -> None:
    assert parse_date(text) == EXPECTED + timedelta(hours=12)


@pytest.mark.parametrize(
    "text", ["08/11/2018", "Ngày 08/11/2018", "ngày 8 tháng 11 năm 2018", "Thứ năm, 8/11/2018"]
)
def test_vietnamese_date_only(text: str) -> None:
    assert parse_date(text) == MIDNIGHT


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_vietnamese_forms_normalisation(form: str) -> None:
    text = unicodedata.normalize(form, "Thứ năm, 8/11/2018, 09:26 (GMT+7)")
    assert parse_date(text) == EXPECTED
    text = unicodedata.normalize(form, "ngày 8 tháng 11 năm 2018")
    assert parse_date(text) == MIDNIGHT


def test_day_first_not_month_first() -> None:
    result = parse_date("03/04/2018")
    assert result is not None and (result.day, result.month) == (3, 4)


# --- epochs --------------------------------------------------------------------------------------

EPOCH = int(EXPECTED.timestamp())


@pytest.mark.parametrize(
    "value", [EPOCH, str(EPOCH), str(EPOCH * 1000), EPOCH * 1000, float(EPOCH)]
)
def test_epoch(value: int | float | str) -> None:
    result = parse_date(value)
    assert result == EXPECTED
    assert result is not None and result.tzinfo is not None


# --- failures ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "garbage",
        "hôm qua",
        "31/02/2018",
        "31/02/2018 09:26",
        "2018-02-31",
        "2018-13-01T00:00:00Z",
        "08/11/2018 25:00",
        "Thu, 32 Nov 2018 09:26:00 +0700",
        "Thu, 08 Foo 2018 09:26:00 +0700",
        "2018-11-08T09:26:00+25:00",
        "0001-01-01T00:00:00Z",
        "12345",
        "1.2.3",
        True,
    ],
)
def test_garbage_gives_none(text: str | None) -> None:
    assert parse_date(text) is None


# --- resolve_tz ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "hours"),
    [
        (None, 7),
        ("+07:00", 7),
        ("+0700", 7),
        ("+7", 7),
        ("GMT+7", 7),
        ("UTC+7", 7),
        ("utc+07:00", 7),
        ("-05:30", -5.5),
        ("UTC", 0),
        ("Z", 0),
        ("GMT", 0),
        ("Asia/Ho_Chi_Minh", 7),
        ("Asia/Saigon", 7),
        ("Europe/London", 0),
        ("Etc/GMT+7", -7),  # IANA keeps its POSIX-inverted meaning
    ],
)
def test_resolve_tz(name: str | None, hours: float) -> None:
    zone = resolve_tz(name)
    assert isinstance(zone, tzinfo)
    winter = datetime(2018, 1, 15, 12, tzinfo=zone)
    assert winter.utcoffset() == timedelta(hours=hours)


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "+25:00", "../etc/passwd", "ICT+99"])
def test_resolve_tz_unknown(name: str) -> None:
    with pytest.raises(ValueError, match="time zone"):
        resolve_tz(name)


# --- output --------------------------------------------------------------------------------------


def test_to_iso() -> None:
    assert to_iso(EXPECTED) == "2018-11-08T09:26:00+07:00"
    assert to_iso(EXPECTED.replace(microsecond=999999)) == "2018-11-08T09:26:00+07:00"
    assert to_iso(EXPECTED.astimezone(UTC)) == "2018-11-08T02:26:00+00:00"
    assert to_iso(datetime(2018, 11, 8, 9, 26)) == "2018-11-08T09:26:00+07:00"


def test_to_iso_round_trip() -> None:
    assert parse_date(to_iso(EXPECTED)) == EXPECTED


def test_format_short() -> None:
    now = datetime(2018, 12, 1, tzinfo=VN_TZ)
    assert format_short(EXPECTED, now) == "08/11 09:26"
    assert format_short(EXPECTED.astimezone(UTC), now) == "08/11 09:26"
    assert format_short(EXPECTED, datetime(2020, 1, 1, tzinfo=UTC)) == "08/11/2018"
    assert format_short(EXPECTED, now, timezone(timedelta(0))) == "08/11 02:26"


@pytest.mark.parametrize(
    "text",
    [
        "Thu Nov 08 2018 09:26:00 GMT+0700 (Indochina Time)",
        "November 8, 2018 9:26 am",
        "8th November 2018 09:26",
    ],
)
def test_english_month_names(text: str) -> None:
    assert parse_date(text) == EXPECTED
