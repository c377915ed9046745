"""The Sanic application: routes, error pages, security headers, the indexer thread."""
from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sanic import Sanic, response
from sanic.exceptions import MethodNotSupported, NotFound, SanicException
from sanic.request import Request

from console import config as console_config
from console import indexer, queries, web
from console.config import Config

HERE = Path(__file__).resolve().parent
logger = logging.getLogger("console")


def jinja(conf: Config) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html", "svg"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["local"] = lambda value, fmt="%b %d, %Y %H:%M": web.local(value, conf.timezone, fmt)
    env.filters["pct"] = lambda value: "–" if value is None else f"{100 * float(value):.0f}%"
    env.filters["language_name"] = lambda code: queries.LANGUAGE_NAMES.get(code or "en", str(code))
    env.globals["url_with"] = web.url_with
    env.globals["timezone_name"] = str(conf.timezone)
    return env


def create_app(conf: Optional[Config] = None, name: str = "itb_console") -> Sanic:
    conf = conf or console_config.load()
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = 1_000_000
    app.config.FALLBACK_ERROR_FORMAT = "html"
    app.ctx.conf = conf
    app.ctx.jinja = jinja(conf)
    app.ctx.indexer = indexer.Indexer(conf.database_url, conf.tracker_url)
    app.static("/static", str(HERE / "static"), name="static")

    from console.views import account, admin, appointments, content, conversations, dashboard, inbox, privacy

    for module in (account, conversations, inbox, appointments, dashboard, content, admin, privacy):
        module.register(app)

    @app.on_request
    async def ids_in_range(request: Request) -> None:
        # A record id is a 64-bit database integer: a longer number names no record
        # (SQLite would refuse it with OverflowError).
        if any(isinstance(value, int) and not queries.MIN_DB_INT <= value <= queries.MAX_DB_INT
               for value in (request.match_info or {}).values()):
            raise NotFound("no such record")

    @app.on_response
    async def add_headers(request: Request, resp: response.HTTPResponse) -> None:
        web.security_headers(resp, static=request.path.startswith("/static/"))
        if request.scheme == "https":  # behind a TLS proxy that says so
            resp.headers["Strict-Transport-Security"] = "max-age=31536000"

    # IsADirectoryError: Sanic's static handler on /static/ or a folder under it.
    @app.exception(NotFound, MethodNotSupported, IsADirectoryError)
    async def not_found(request: Request, exception: Exception) -> response.HTTPResponse:
        # Without a session every address, existing or not, leads to the login page.
        page, reason = await web.in_thread(web.authenticate, request)
        if page is None:
            return web.security_headers(web.login_redirect(request, reason))
        status = 405 if isinstance(exception, MethodNotSupported) else 404
        return web.security_headers(page.render("error.html", status=status, title="Not found",
                                                message="There is no page at this address."))

    @app.exception(Exception)
    async def server_error(request: Request, exception: Exception) -> response.HTTPResponse:
        status = getattr(exception, "status_code", 500) if isinstance(exception, SanicException) else 500
        if status >= 500:
            # The exception's type and where it happened, never its message or values.
            where = "".join(traceback.format_tb(exception.__traceback__)[-3:])
            logger.error("Unhandled %s on %s %s\n%s", type(exception).__name__, request.method, request.path, where)
        message = "Something went wrong. Try again; if it keeps happening, tell the administrator."
        if status < 500:
            message = "The request could not be handled."
        return web.security_headers(web.render_public(request, "error.html", status=status,
                                                      title="Error", message=message))

    @app.before_server_start
    async def start_indexer(app: Sanic, loop: object) -> None:
        app.ctx.background = indexer.Background(app.ctx.indexer, conf.sync_seconds)
        app.ctx.background.start()

    @app.after_server_stop
    async def stop_indexer(app: Sanic, loop: object) -> None:
        background = getattr(app.ctx, "background", None)
        if background:
            background.stop()

    return app
