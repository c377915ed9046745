"""HTTP as a browser does it, where `requests` does not."""
from __future__ import annotations

from typing import Dict

import requests


def remember_cookies(cookies: Dict[str, str], response: requests.Response) -> None:
    """Keep a response's cookies by hand, as a browser would: the console's
    session cookie is Secure, which `requests` would not send to http://localhost."""
    for header in response.raw.headers.getlist("Set-Cookie"):
        name, _, rest = header.partition("=")
        value = rest.split(";", 1)[0]
        if "Max-Age=0" in header or value in ('""', ""):
            cookies.pop(name, None)
        else:
            cookies[name] = value
