#!/usr/bin/env python3
"""Reads an iCalendar file with Python's icalendar and prints what it
understood as JSON, for the Go tests of catruc/scheduler/ical:

    python3 check.py FEED.ics

The fields are those of ../js/check.mjs. start_utc and end_utc are converted
with the file's own VTIMEZONE, turned into a tzinfo by icalendar's
Timezone.to_tz (never by a lookup of the TZID in a zone database), so that
they test the VTIMEZONE the feed carries.
"""
import datetime
import inspect
import json
import sys

import icalendar

UTC = datetime.timezone.utc


def vtimezones(cal):
    zones = {}
    for tz in cal.walk("VTIMEZONE"):
        kwargs = {}
        params = inspect.signature(tz.to_tz).parameters
        if "lookup_tzid" in params:  # icalendar 6 would look the name up
            kwargs["lookup_tzid"] = False
        zones[str(tz["TZID"])] = tz.to_tz(**kwargs)
    return zones


def to_utc(prop, zones):
    dt = prop.dt
    if not isinstance(dt, datetime.datetime):
        return ""
    tzid = prop.params.get("TZID")
    if tzid is not None:
        tz = zones[str(tzid)]
        naive = dt.replace(tzinfo=None)
        if hasattr(tz, "localize"):  # pytz
            dt = tz.localize(naive)
        else:
            dt = naive.replace(tzinfo=tz)
    elif dt.tzinfo is None:
        return ""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    with open(sys.argv[1], "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    zones = vtimezones(cal)
    out = {
        "name": str(cal.get("X-WR-CALNAME", "")),
        "timezone": str(cal.get("X-WR-TIMEZONE", "")),
        "events": [],
    }
    for ev in cal.walk("VEVENT"):
        start, end = ev["DTSTART"], ev["DTEND"]
        out["events"].append({
            "uid": str(ev["UID"]),
            "summary": str(ev.get("SUMMARY", "")),
            "description": str(ev.get("DESCRIPTION", "")),
            "location": str(ev.get("LOCATION", "")),
            "status": str(ev.get("STATUS", "")),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "tzid": str(start.params.get("TZID", "UTC" if getattr(start.dt, "tzinfo", None) is not None else "")),
            "start": start.dt.strftime("%Y-%m-%dT%H:%M"),
            "end": end.dt.strftime("%Y-%m-%dT%H:%M"),
            "start_utc": to_utc(start, zones),
            "end_utc": to_utc(end, zones),
            "alarms": [ev_alarm_trigger(a) for a in ev.walk("VALARM")],
        })
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def ev_alarm_trigger(alarm):
    return int(alarm.decoded("TRIGGER").total_seconds())


if __name__ == "__main__":
    main()
