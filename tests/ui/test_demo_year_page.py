"""The example's closed year on the statistics page (统计): the months of the last twelve carry bars, the bars add up to
the incidents counted in the database, and the per-unit chart is tall enough to name every unit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desktop.db.models import Incident
from desktop.timeutil import now_utc, to_cst
from tests.ui.test_statistics_page import _month_values, _open


def test_the_example_year_fills_the_charts(qtbot: Any, make_window: Any, demo_db: Any) -> None:
    window = make_window("hangzhang")  # the president: the whole branch
    page = _open(qtbot, window)
    year = to_cst(now_utc()).year
    bars: list[float] = []
    for shown in (year - 1, year):  # the twelve months before now lie in this calendar year and the one before
        if page.figures.first.year != shown:
            with qtbot.waitSignal(page.loaded, timeout=10000):
                page.year.setValue(shown)
        with demo_db.read() as s:  # counted apart from the page's SQL: each incident's China Standard Time day
            days = [to_cst(at).date() for (at,) in s.execute(select(Incident.occurred_at))]
        counted = sum(1 for day in days if page.figures.first <= day <= page.figures.last)
        assert sum(_month_values(page)) == page.figures.total == counted
        bars += _month_values(page)
        units = page.figures.by_unit
        assert page.views["unit"].minimumHeight() >= 90 + 28 * len(units)  # a row per unit, none elided
    assert sum(1 for b in bars if b) >= 11 and sum(bars) > 40  # a year of incidents, not one bar
