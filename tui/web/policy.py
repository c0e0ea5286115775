"""Who may use the server: bind addresses, ``Host`` headers and websocket ``Origin`` headers.

Pure Python, so the rules are unit-tested without a server. textual-serve checks none of this:
without it, any page the user visits could open a websocket to the server and drive the app.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})
"""Host names that mean this machine without asking DNS."""

WILDCARDS = frozenset({"", "0.0.0.0", "::", "*"})
"""Bind addresses that listen on every interface."""


def is_loopback(host: str) -> bool:
    """True when ``host`` (a bind address or a host name) can only be reached from this machine."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def split_host(header: str | None) -> tuple[str, int | None] | None:
    """``Host``-style ``name[:port]`` as (lower-case name, port), or None when malformed."""
    if not header or any(c in header for c in "/\\?#@ \t"):
        return None
    try:
        parts = urlsplit(f"//{header}")
        name, port = parts.hostname, parts.port
    except ValueError:
        return None
    return (name, port) if name else None


def host_allowed(header: str | None, loopback_only: bool) -> bool:
    """Whether a request's ``Host`` header names this server.

    On a loopback server only loopback names pass: a foreign site that points its own DNS
    name at 127.0.0.1 (DNS rebinding) is then still refused, although it is "same origin".
    """
    split = split_host(header)
    if split is None:
        return False
    return is_loopback(split[0]) or not loopback_only


def origin_allowed(origin: str | None, host: str | None) -> bool:
    """Whether a websocket's ``Origin`` is the page this server served (same scheme-less origin).

    Browsers always send ``Origin`` on a websocket; a missing or opaque (``null``) one is refused.
    """
    if not origin or origin == "null":
        return False
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.path not in ("", "/"):
        return False
    served = split_host(host)
    return served is not None and split_host(parts.netloc) == served
