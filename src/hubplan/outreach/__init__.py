"""Beside evaluation, outreach: where sessions go when centres close, staff, cost, what money buys."""

from hubplan.outreach.amend import AmendOption, amend
from hubplan.outreach.events import Event, plan_events
from hubplan.outreach.need import Need, outreach_need
from hubplan.outreach.plan import OutreachPlan, VenuePlan, plan_outreach
from hubplan.outreach.timetable import SLOTS, WEEKDAYS, Session, build_timetable, double_bookings

__all__ = [
    "SLOTS",
    "WEEKDAYS",
    "AmendOption",
    "Event",
    "Need",
    "OutreachPlan",
    "Session",
    "VenuePlan",
    "amend",
    "build_timetable",
    "double_bookings",
    "outreach_need",
    "plan_events",
    "plan_outreach",
]
