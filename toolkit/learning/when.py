"""When something is due, in words a student reads at a glance ("tomorrow", "in 3 days").

Times are stored in UTC; a student thinks in the days of their class's time zone
(`progress.class_zone`: `VOCABSPHERE_TZ` or the server's), so "tomorrow" means the next
calendar day there, not 24 hours later. Pure functions: the clock and the zone are arguments.
"""

from __future__ import annotations

from datetime import datetime, tzinfo


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def due_in_words(due: datetime, now: datetime, zone: tzinfo) -> str:
    """`due` relative to `now`, counted in calendar days of `zone`.

    "now" (due or overdue), "in 5 minutes", "today at 18:30", "tomorrow", "in 3 days",
    "in 2 weeks", "in 3 months", "in 2 years". Both datetimes must be timezone-aware.
    """
    if due.tzinfo is None or now.tzinfo is None:
        raise ValueError("give timezone-aware datetimes (the store keeps UTC)")
    seconds = (due - now).total_seconds()
    if seconds < 60:
        return "now"
    local_due, local_now = due.astimezone(zone), now.astimezone(zone)
    days = (local_due.date() - local_now.date()).days
    if days == 0:
        if seconds < 3600:
            return f"in {_plural(int(seconds // 60), 'minute')}"
        return f"today at {local_due:%H:%M}"
    if days == 1:
        return "tomorrow"
    if days < 14:
        return f"in {days} days"
    if days < 60:
        return f"in {_plural(days // 7, 'week')}"
    if days < 365:
        return f"in {_plural(days // 30, 'month')}"
    return f"in {_plural(days // 365, 'year')}"


def local_date_time(at: datetime, zone: tzinfo) -> str:
    """A short local date and time for a tooltip or a table: "Wed 2 Dec 09:15"."""
    local = at.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


__all__ = ["due_in_words", "local_date_time"]
