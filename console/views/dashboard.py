"""The dashboard: volume per day and channel, fallback and handoff rates,
emergencies, top intents, SMS opt-outs and, per answer, the web chat's
"Helpful?" votes."""
from __future__ import annotations

import datetime as dt

from sanic import Sanic
from sanic.response import HTTPResponse

from console import charts, config, queries, web


def register(app: Sanic) -> None:
    @web.route(app, "/dashboard")
    def dashboard(page: web.Page) -> HTTPResponse:
        today = dt.datetime.now(page.conf.timezone).date()
        end = queries.parse_date(page.arg("to")) or today
        start = queries.parse_date(page.arg("from")) or end - dt.timedelta(days=29)
        if start > end:
            start, end = end, start
        if (end - start).days > 366:
            start = end - dt.timedelta(days=366)
        threshold = config.effective(page.conf)["low_confidence"]
        board = queries.dashboard(page.conf.database_url, start, end, page.conf.timezone, threshold)
        votes = queries.answer_votes(page.conf.database_url, start, end, page.conf.timezone)
        page.audit("dashboard.view", "dashboard", None, start=start.isoformat(), end=end.isoformat())
        return page.render(
            "dashboard.html", title="Dashboard", board=board, start=start, end=end, threshold=threshold, votes=votes,
            day_chart=charts.per_day(board.days, board.per_day,
                                     f"Conversations per day, {start.isoformat()} to {end.isoformat()}, web and SMS"),
            intent_chart=charts.horizontal_bars(board.top_intents, "Top 10 intents of patient messages"),
        )
