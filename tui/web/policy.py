"""Who may use the server: bind addresses, ``Host`` headers and websocket ``Origin`` headers.

Pure Python, so the rules are unit-tested without a server. textual-serve checks none of this:
without it, any page the user visits could open a websocket to the server and drive the app.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})
"""Host names that mean this machine without asking DNS."""

WILDCARDS = frozenset({"", "0.0.0.0", "::", "*"})
"""Bind addresses that listen on every interface."""


def numeric_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address ``host`` means when it is written as one, however written; else None.

    Read as the server binds it (``getaddrinfo``, numeric only): ``127.1`` is 127.0.0.1 there,
    though :mod:`ipaddress` alone refuses it.
    """
    name = host.strip().strip("[]")
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        pass
    if not name or any(c.isspace() for c in name):
        return None
    try:
        found = socket.getaddrinfo(name, None, flags=socket.AI_NUMERICHOST)
    except (socket.gaierror, UnicodeError, ValueError):
        return None
    try:
        return ipaddress.ip_address(str(found[0][4][0]).split("%")[0])
    except (IndexError, ValueError):
        return None


def is_loopback(host: str) -> bool:
    """True when ``host`` (a bind address or a host name) can only be reached from this machine."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    address = numeric_address(name)
    return address is not None and address.is_loopback


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


def is_wildcard(host: str) -> bool:
    """True when binding ``host`` listens on every interface (``0.0.0.0``, ``::``, ``0``)."""
    if host.strip().strip("[]") in WILDCARDS:
        return True
    address = numeric_address(host)
    return address is not None and address.is_unspecified


def url_host(host: str) -> str:
    """``host`` as written in a URL: an IPv6 address in brackets, a numeric one spelt out."""
    address = numeric_address(host)
    if address is None:
        return host.strip()
    return f"[{address}]" if address.version == 6 else str(address)


def openable(address: str) -> bool:
    """Whether another machine could reach this address (not loopback, link-local or a wildcard)."""
    try:
        parsed = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    return not (parsed.is_loopback or parsed.is_link_local or parsed.is_unspecified)


def machine_addresses(ipv6: bool = True) -> list[str]:
    """This machine's addresses that another machine could open, best guess first.

    The address a packet out would leave from (a UDP "connect" sends nothing), then those the
    host name resolves to. No extra dependency: Python has no portable list of interfaces.
    """
    found: list[str] = []
    families = [(socket.AF_INET, "192.0.2.1")]  # TEST-NET-1: never reached, only routed
    if ipv6:
        families.append((socket.AF_INET6, "2001:db8::1"))  # the documentation prefix
    for family, probe in families:
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                found.append(str(udp.getsockname()[0]))
        except OSError:
            continue
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        infos = []
    for family, *_rest, sockaddr in infos:
        if family == socket.AF_INET or (ipv6 and family == socket.AF_INET6):
            found.append(str(sockaddr[0]))
    return unique(a for a in found if openable(a))


def unique(items: Iterable[str]) -> list[str]:
    """``items`` without repeats, in their first order."""
    return list(dict.fromkeys(items))


def listening_urls(host: str, port: int) -> list[str]:
    """The addresses a person can open for a server bound to ``host``, first the likeliest.

    A wildcard bind (``0.0.0.0``, ``::``) is named by the machine's addresses: nobody can open
    ``0.0.0.0`` from elsewhere. When none is found, the machine's name stands in for them.
    """
    if is_wildcard(host):
        ipv6 = ":" in host or host.strip() in ("", "*")
        hosts = [url_host(a) for a in machine_addresses(ipv6)] or [socket.gethostname()]
    else:
        hosts = [url_host(host)]
    return [f"http://{name}:{port}/" for name in hosts]


def content_disposition(file_name: str, attachment: bool = True) -> str:
    """A ``Content-Disposition`` value that keeps ``file_name`` whole (RFC 6266, RFC 8187).

    Unquoted, ``a;b.csv`` arrives as ``a``. ``filename*`` carries the exact name, UTF-8 and
    percent-encoded; ``filename`` is a plain-ASCII quoted fallback for old clients.
    """
    kind = "attachment" if attachment else "inline"
    fallback = (
        "".join(c if " " <= c < "\x7f" and c not in '"\\%' else "_" for c in file_name).strip()
        or "download"
    )
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name, safe='')}"
