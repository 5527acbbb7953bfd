// Reads an iCalendar file with Mozilla's ical.js (the parser of Thunderbird
// and many web calendars) and prints what it understood as JSON, for the Go
// tests of catruc/scheduler/ical:
//
//   node check.mjs FEED.ics
//
// {"name": X-WR-CALNAME, "timezone": X-WR-TIMEZONE, "events": [{"uid",
// "summary", "description", "location", "status", "sequence", "tzid",
// "start", "end" (local "YYYY-MM-DDTHH:MM" in the event's zone),
// "start_utc", "end_utc" ("YYYY-MM-DDTHH:MM:SSZ", converted with the zone
// ical.js resolved: the file's VTIMEZONE), "alarms": [trigger in seconds]}]}
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const pad = (n, w = 2) => String(n).padStart(w, "0");
const local = (t) =>
  `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
const utc = (t) => {
  const u = t.convertToZone(ICAL.Timezone.utcTimezone);
  return `${pad(u.year, 4)}-${pad(u.month)}-${pad(u.day)}T${pad(u.hour)}:${pad(u.minute)}:${pad(u.second)}Z`;
};

const text = readFileSync(process.argv[2], "utf8");
const cal = new ICAL.Component(ICAL.parse(text));
const out = {
  name: cal.getFirstPropertyValue("x-wr-calname"),
  timezone: cal.getFirstPropertyValue("x-wr-timezone"),
  events: [],
};
for (const vevent of cal.getAllSubcomponents("vevent")) {
  const ev = new ICAL.Event(vevent);
  const start = ev.startDate;
  const end = ev.endDate;
  out.events.push({
    uid: ev.uid,
    summary: ev.summary,
    description: ev.description ?? "",
    location: ev.location ?? "",
    status: vevent.getFirstPropertyValue("status") ?? "",
    sequence: ev.sequence,
    tzid: start.zone ? start.zone.tzid : "",
    start: local(start),
    end: local(end),
    start_utc: utc(start),
    end_utc: utc(end),
    alarms: vevent
      .getAllSubcomponents("valarm")
      .map((a) => a.getFirstPropertyValue("trigger").toSeconds()),
  });
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
