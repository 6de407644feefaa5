#!/usr/bin/python3
"""Checks a calendar of `mandate calendar` (tests/CMakeLists.txt runs it):

  check_calendar.py FILE.ics MIN-EVENTS

RFC 5545 as a parser reads it (Debian python3-icalendar): it parses, each
event has a UID (unique), a DTSTAMP, an all-day DTSTART and DTEND and a
SUMMARY; and as the RFC writes it: CRLF line ends, no line over 75 octets,
no fold inside a UTF-8 character.
"""
import sys

import icalendar


def fail(message):
    print(f"check_calendar.py: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    path, minimum = sys.argv[1], int(sys.argv[2])
    with open(path, "rb") as f:
        data = f.read()
    if not data.endswith(b"\r\n") or b"\n" in data.replace(b"\r\n", b""):
        fail("a line does not end in CRLF")
    for number, line in enumerate(data.split(b"\r\n")[:-1], 1):
        if len(line) > 75:
            fail(f"line {number} is {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail(f"line {number} splits a UTF-8 character")
    calendar = icalendar.Calendar.from_ical(data)
    if calendar.get("VERSION") != "2.0" or not calendar.get("PRODID"):
        fail("VERSION or PRODID is missing")
    events = list(calendar.walk("VEVENT"))
    if len(events) < minimum:
        fail(f"{len(events)} events, expected at least {minimum}")
    uids = set()
    for event in events:
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            if event.get(name) is None:
                fail(f"an event has no {name}")
        uids.add(str(event["UID"]))
        start = event.decoded("DTSTART")
        if hasattr(start, "hour"):
            fail("DTSTART is not a date")
        if (event.decoded("DTEND") - start).days != 1:
            fail("an event does not last one day")
        if event.decoded("DTSTAMP").tzinfo is None:
            fail("DTSTAMP is not in UTC")
    if len(uids) != len(events):
        fail("two events share a UID")
    summaries = [str(e["SUMMARY"]) for e in events]
    print(f"check_calendar.py: {len(events)} events, e.g. {summaries[0]}: ok")


if __name__ == "__main__":
    main()
