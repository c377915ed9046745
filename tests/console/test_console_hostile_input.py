"""Query values and path segments that once gave a 500 (found by scripts/fuzz/):
numbers too large for a database integer, dates at the ends of the calendar,
and the static folder itself."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import Client

HUGE = ["9223372036854775808", "99999999999999999999999", "-9223372036854775809"]


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize("path", ["/conversations/{}", "/appointments/{}"])
def test_a_record_id_beyond_64_bits_is_not_found(client_for, path, number):
    client = client_for("admin")
    assert client.get(path.format(number)).status_code == 404


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize("path", ["/conversations/{}/review", "/conversations/{}/tags", "/conversations/{}/notes",
                                  "/inbox/{}", "/appointments/{}/status", "/admin/users/{}"])
def test_a_form_for_an_id_beyond_64_bits_is_not_found(client_for, path, number):
    client = client_for("admin")
    answer = client.post(path.format(number), {"tag": "x", "body": "x", "decision": "skip", "status": "new",
                                               "action": "enable"})
    assert answer.status_code == 404


def test_without_a_session_a_huge_id_still_leads_to_the_login_page(console):
    answer = Client(console).get(f"/conversations/{HUGE[0]}")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")


@pytest.mark.parametrize("query", [
    "/dashboard?to=9999-12-31", "/dashboard?to=0001-01-01", "/dashboard?from=0001-01-01&to=9999-12-31",
    "/conversations?to=9999-12-31", "/conversations?from=0001-01-01&to=0001-01-01",
    "/conversations?before=2020-01-01T00:00:00_99999999999999999999999",
    "/conversations?after=9999-12-31T23:59:59_9223372036854775808",
    "/inbox?before=9999-12-31T00:00:00_99999999999999999999", "/appointments?offset=99999999999999999999999",
    "/admin/audit?before=999999999999999999999999", "/admin/audit?from=0001-01-01&to=9999-12-31",
])
def test_extreme_query_values_are_ignored_not_a_server_error(client_for, query):
    client = client_for("admin")
    assert client.get(query).status_code == 200


@pytest.mark.parametrize("form", [{"from": "9999-12-31", "to": "9999-12-31"}, {"to": "0001-01-01"}])
def test_extreme_dates_in_an_export_are_ignored(client_for, form):
    client = client_for("admin")
    assert client.post("/conversations/export", {"format": "csv", **form}).status_code == 200
    assert client.post("/admin/audit/export", form).status_code == 200


def test_the_static_folder_itself_is_not_found(console, client_for):
    assert client_for("reviewer").get("/static/").status_code == 404
    assert Client(console).get("/static/").status_code == 302  # without a session: the login page
    assert Client(console).get("/static/console.css").status_code == 200


def test_dates_and_cursors_outside_the_database_range_are_dropped():
    from console import queries

    assert queries.parse_date("9999-12-31") is None
    assert queries.parse_date("0001-01-01") is None
    assert queries.parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert queries.decode_cursor("2024-01-01T00:00:00_9223372036854775808") is None
    assert queries.decode_cursor("2024-01-01T00:00:00_12") == (dt.datetime(2024, 1, 1), 12)
