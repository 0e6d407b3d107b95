"""Dates as feeds write them: RFC 822, ISO 8601, Vietnamese day-first forms, epoch numbers.

Every parsed date is timezone-aware. A time written without a zone is taken to be in ``default_tz``,
which is Vietnam time unless the caller says otherwise: Vietnamese portals write local time, not
UTC. Nothing here ever substitutes "now" for a date it cannot read; it returns ``None`` and the
caller decides.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["VN_TZ", "format_short", "parse_date", "resolve_tz", "to_iso"]

VN_TZ = timezone(timedelta(hours=7), "ICT")
"""Indochina Time, UTC+07:00 (Vietnam has had no daylight saving time since 1975)."""

# Outside this range a date is a feed bug, and converting it between zones could overflow datetime.
_MIN_YEAR, _MAX_YEAR = 1900, 2999

_NAMED_ZONES: dict[str, int] = {  # minutes east of UTC
    "z": 0,
    "ut": 0,
    "utc": 0,
    "gmt": 0,
    "edt": -4 * 60,
    "est": -5 * 60,
    "cdt": -5 * 60,
    "cst": -6 * 60,
    "mdt": -6 * 60,
    "mst": -7 * 60,
    "pdt": -7 * 60,
    "pst": -8 * 60,
    "ict": 7 * 60,
}
_IANA_VN = {"asia/ho_chi_minh", "asia/saigon"}

# "+7", "+07", "+0700", "+07:00", "+700". After GMT/UTC the sign is read as written: Vietnamese
# sites mean "GMT+7" as UTC+07:00, not the inverted POSIX TZ sense.
_OFFSET = r"[+\-−]\s?\d{1,2}(?::?\d{2})?"
_OFFSET_RE = re.compile(rf"(?:(?:gmt|utc|ut)\s*)?(?P<off>{_OFFSET})")


def _offset_minutes(text: str) -> int:
    """Minutes east of UTC for an offset such as "+7", "+0700", "-07:00" or "+700"."""
    text = text.replace("−", "-").replace(" ", "")
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    if len(digits) <= 2:
        hours, minutes = int(digits), 0
    else:
        hours, minutes = int(digits[:-2]), int(digits[-2:])
    if minutes >= 60 or hours >= 24:
        raise ValueError(f"offset out of range: {text}")
    return sign * (hours * 60 + minutes)


def _fixed(minutes: int) -> tzinfo:
    """A fixed-offset tzinfo, reusing VN_TZ and UTC so that results print their usual names."""
    if minutes == 0:
        return UTC
    if minutes == 7 * 60:
        return VN_TZ
    return timezone(timedelta(minutes=minutes))


def _zone_from_text(text: str) -> tzinfo | None:
    """Parse a zone written after a time ("+0700", "GMT+7", "GMT", "ICT"); None if not a zone."""
    text = text.strip().strip("()").strip().lower()
    if text in _NAMED_ZONES:
        return _fixed(_NAMED_ZONES[text])
    match = _OFFSET_RE.fullmatch(text)
    if match:
        return _fixed(_offset_minutes(match.group("off")))
    return None


def resolve_tz(name: str | None) -> tzinfo:
    """Return the tzinfo for a zone name from config or the command line.

    ``None`` gives :data:`VN_TZ`. Accepts offsets ("+07:00", "+0700", "GMT+7", "UTC+7" -- all
    meaning UTC+07:00), "UTC", "GMT", "Z", and IANA names ("Asia/Ho_Chi_Minh"). IANA's own
    "Etc/GMT+7" keeps its inverted POSIX meaning (UTC-07:00). Raises ValueError for anything else.
    """
    if name is None:
        return VN_TZ
    text = name.strip()
    try:
        zone = _zone_from_text(text) if text else None
    except ValueError:
        raise ValueError(f"time zone offset out of range: {name!r}") from None
    if zone is not None:
        return zone
    if text:
        try:
            return ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            # Without the tz database (Windows with no tzdata package) Vietnam still works: it is a
            # fixed +7.
            if text.lower() in _IANA_VN:
                return VN_TZ
    raise ValueError(
        f"unknown time zone {name!r}: "
        "use an offset such as +07:00 or a name such as Asia/Ho_Chi_Minh"
    )


# --- parsing --------------------------------------------------------------------------------------

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}

_ISO_RE = re.compile(
    r"""
    (?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})
    (?:[tT\s]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<frac>\d+))?)?)?
    \s*(?P<tz>[zZ]|[+-]\d{2}(?::?\d{2})?)?
    """,
    re.VERBOSE,
)

_RFC822_RE = re.compile(
    r"""
    (?:[a-z]+\.?\s*,?\s*)?                              # weekday, ignored (feeds get it wrong)
    (?P<d>\d{1,2})[\s-]+(?P<mon>[a-z]{3})[a-z]*\.?[\s-]+(?P<y>\d{2,4})
    ,?\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?
    \s*(?P<tz>[^\s()]+)?
    \s*(?:\([^)]*\))?                                  # trailing comment such as "(ICT)"
    """,
    re.VERBOSE,
)

# The lenient forms are searched for, not matched whole, so labels around them ("Cập nhật:", "Thứ
# năm,", "(GMT+7)") need no list of their own. Digit look-arounds keep them from matching inside
# longer numbers.
_YMD_RE = re.compile(
    r"(?<!\d)(?P<y>\d{4})(?P<sep>[/.-])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
)
_DMY_RE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})(?P<sep>[/.-])(?P<mo>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?!\d)"
)
_WORDY_RE = re.compile(
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<mo>\d{1,2})\s*(?:,\s*)?(?:năm\s+)?(?P<y>\d{4})"
)
# English month names outside RFC 822: JavaScript's "Thu Nov 08 2018 09:26:00 GMT+0700" and
# WordPress's "November 8, 2018 9:26 am".
_MDY_NAME_RE = re.compile(
    r"(?<![a-z])(?P<mo>[a-z]{3})[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)"
)
_DMY_NAME_RE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mo>[a-z]{3})[a-z]*\.?,?\s+(?P<y>\d{4})(?!\d)"
)
_TIME_RE = re.compile(
    r"(?<!\d)(?P<h>\d{1,2})\s*(?::|h|giờ)\s*(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?!\d)"
    r"(?:\s*(?P<ampm>am|pm|sa|ch)\b)?"
)
_LENIENT_ZONE_RE = re.compile(
    rf"\b(?:gmt|utc)\s*(?P<off>{_OFFSET})?|(?<![\w-])(?P<bare>[+-]\d{{2}}:?\d{{2}})"
)
_EPOCH_RE = re.compile(r"\d{10}(?:\d{3})?")


def _year(text: str) -> int:
    """Expand a two- or three-digit year the way RFC 2822 does (00-49 -> 20xx, 50-999 -> 1900+)."""
    year = int(text)
    if len(text) <= 2:
        return year + (2000 if year < 50 else 1900)
    if len(text) == 3:
        return year + 1900
    return year


def _build(
    y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0, *, tz: tzinfo
) -> datetime:
    """Make an aware datetime; raises ValueError for impossible or out-of-range values."""
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        raise ValueError(f"year out of range: {y}")
    # A leap second (":60") is a real thing in RFC 822 dates; datetime cannot hold it.
    return datetime(y, mo, d, h, mi, min(s, 59), us, tzinfo=tz)


def _parse_iso(text: str, default_tz: tzinfo) -> datetime | None:
    match = _ISO_RE.fullmatch(text)
    if not match:
        return None
    g = match.groupdict()
    tz = default_tz
    if g["tz"]:
        tz = UTC if g["tz"] in "zZ" else _fixed(_offset_minutes(g["tz"]))
    frac = (g["frac"] or "0")[:6].ljust(6, "0")
    return _build(
        int(g["y"]),
        int(g["mo"]),
        int(g["d"]),
        int(g["h"] or 0),
        int(g["mi"] or 0),
        int(g["s"] or 0),
        int(frac),
        tz=tz,
    )


def _parse_rfc822(text: str, default_tz: tzinfo) -> datetime | None:
    match = _RFC822_RE.fullmatch(text)
    if not match or match["mon"] not in _MONTHS:
        return None
    tz = default_tz
    if match["tz"]:
        zone = _zone_from_text(match["tz"])
        if zone is None:
            # An unknown zone name: better no date than one silently off by hours. Raising (rather
            # than returning None) stops the lenient parser from guessing a zone after all.
            raise ValueError(f"unknown zone: {match['tz']}")
        tz = zone
    return _build(
        _year(match["y"]),
        _MONTHS[match["mon"]],
        int(match["d"]),
        int(match["h"]),
        int(match["mi"]),
        int(match["s"] or 0),
        tz=tz,
    )


def _find_date(text: str) -> tuple[re.Match[str], int] | None:
    """The first date in ``text`` and its month number, trying the strictest forms first."""
    for regex in (_YMD_RE, _WORDY_RE, _DMY_RE, _MDY_NAME_RE, _DMY_NAME_RE):
        for match in regex.finditer(text):
            month = match["mo"]
            number = int(month) if month.isdigit() else _MONTHS.get(month, 0)
            if number:
                return match, number
    return None


def _parse_lenient(text: str, default_tz: tzinfo) -> datetime | None:
    """Vietnamese day-first forms and friends: date, time and zone may sit anywhere in text."""
    found = _find_date(text)
    if found is None:
        return None
    date_match, mo = found
    y, d = _year(date_match["y"]), int(date_match["d"])
    # Blank the date out so the time and zone searches cannot match inside it.
    rest = text[: date_match.start()] + " " + text[date_match.end() :]

    h = mi = s = 0
    time_match = _TIME_RE.search(rest)
    if time_match:
        h, mi, s = int(time_match["h"]), int(time_match["mi"]), int(time_match["s"] or 0)
        ampm = time_match["ampm"]
        if ampm in ("pm", "ch") and h < 12:
            h += 12
        elif ampm in ("am", "sa") and h == 12:
            h = 0
        rest = rest[: time_match.start()] + " " + rest[time_match.end() :]

    tz = default_tz
    zone_match = _LENIENT_ZONE_RE.search(rest)
    if zone_match:
        offset = zone_match["off"] or zone_match["bare"]
        tz = _fixed(_offset_minutes(offset)) if offset else UTC
    return _build(y, mo, d, h, mi, s, tz=tz)


def _normalise(text: str) -> str:
    """NFC, casefolded, single spaces: NFD input, "Thứ Năm" and "THỨ NĂM" all look the same."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(text.replace("\u00a0", " ").split())


def parse_date(s: str | int | float | None, default_tz: tzinfo | None = None) -> datetime | None:
    """Parse a date as feeds and Vietnamese portals write it; return an aware datetime or None.

    Handles RFC 822/2822 (named zones, two-digit years, no seconds, no weekday, "GMT+7" meaning
    +07:00), ISO 8601 (date only, fractional seconds, "Z", "+0700"), Vietnamese day-first forms
    ("08/11/2018 09:26", "Thứ năm, 8/11/2018, 09:26 (GMT+7)", "09:26 08/11/2018", "Cập nhật:
    08/11/2018", "ngày 8 tháng 11 năm 2018"), and Unix epoch seconds or milliseconds (an int, or a
    string of 10 or 13 digits).

    Times without a zone are in ``default_tz`` (:data:`VN_TZ` if None); a date alone is midnight
    there. Garbage, impossible dates such as 31/02/2018 and years outside 1900-2999 give None; this
    never raises.
    """
    tz = default_tz if default_tz is not None else VN_TZ
    if s is None or isinstance(s, bool):
        return None
    try:
        if isinstance(s, int | float):
            return _from_epoch(float(s), tz)
        text = _normalise(str(s))
        if not text:
            return None
        if _EPOCH_RE.fullmatch(text):
            return _from_epoch(int(text) / (1000 if len(text) == 13 else 1), tz)
        for parser in (_parse_iso, _parse_rfc822, _parse_lenient):
            result = parser(text, tz)
            if result is not None:
                return result
    except (ValueError, OverflowError, OSError):
        return None
    return None


def _from_epoch(seconds: float, tz: tzinfo) -> datetime | None:
    # Milliseconds passed as an int are common in JSON APIs; no news item is dated after the year
    # 5138.
    if seconds > 1e11:
        seconds /= 1000
    result = datetime.fromtimestamp(seconds, tz)
    return result if _MIN_YEAR <= result.year <= _MAX_YEAR else None


# --- output ---------------------------------------------------------------------------------------


def to_iso(dt: datetime) -> str:
    """ISO 8601 with offset, to the second: ``"2018-11-08T09:26:00+07:00"``.

    Naive input is taken to be in :data:`VN_TZ`.
    """
    if dt.tzinfo is None or dt.utcoffset() is None:
        dt = dt.replace(tzinfo=VN_TZ)
    return dt.replace(microsecond=0).isoformat(timespec="seconds")


def format_short(dt: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """Short list-view date in ``tz`` (:data:`VN_TZ` by default).

    "08/11 09:26" when ``dt`` falls in the same year as ``now``, else "08/11/2018".
    """
    zone = tz if tz is not None else VN_TZ
    local = (dt if dt.tzinfo else dt.replace(tzinfo=zone)).astimezone(zone)
    today = (now if now.tzinfo else now.replace(tzinfo=zone)).astimezone(zone)
    if local.year == today.year:
        return local.strftime("%d/%m %H:%M")
    return local.strftime("%d/%m/%Y")
