"""Safe by default: host and token checks, cross-site write refusal, body size caps, headers.

One pure ASGI middleware does it all, before any route runs:

* **Host check.** Served on loopback, only loopback host names are answered (a page on
  another site cannot reach the server through DNS rebinding).
* **Token.** When a token is configured (``--token`` or ``STORYLINE_TOKEN``), every request
  must carry it: ``Authorization: Bearer TOKEN``, the ``storyline_token`` cookie, or
  ``?token=TOKEN`` once (a browser then gets the cookie and is redirected to the clean URL).
* **Cross-site writes.** A ``POST`` from another origin (``Sec-Fetch-Site: cross-site`` or
  a foreign ``Origin``) is refused, so another page cannot upload into the store.
* **Size caps.** A request body larger than the cap is refused with 413 and a message
  saying the limit, whether or not it announces its length.
* **Headers.** A strict Content-Security-Policy (scripts, styles and images from this server
  only; no inline script), ``nosniff``, no referrer, no framing.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from markupsafe import escape

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "storyline_token"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# Swagger UI sets inline style attributes; everything else stays as strict.
CSP_DOCS = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
DOCS_PATH = "/api/docs"


class RequestTooLarge(Exception):
    """The request body is larger than the server accepts."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the request is larger than the limit of {human_size(limit)}")
        self.limit = limit


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):g} MiB"
    if n >= 1024:
        return f"{n / 1024:g} KiB"
    return f"{n} bytes"


def is_loopback(host: str) -> bool:
    """True for a host name or address that only this machine can reach."""
    import ipaddress

    if host.strip("[]") in {"localhost", "::1"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class SecurityMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        token: str | None,
        allowed_hosts: tuple[str, ...] | None,
        max_request_bytes: int,
    ) -> None:
        self.app = app
        self.token = token
        self.allowed_hosts = allowed_hosts
        self.max_request_bytes = max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        path = scope.get("path", "")
        api = path.startswith("/api/") and path != DOCS_PATH

        if self.allowed_hosts is not None:
            host = _host_name(headers.get("host", ""))
            if host not in self.allowed_hosts:
                await _plain(send, 400, "This server only answers requests for its own address "
                             "(the Host header names another).", api)  # fmt: skip
                return

        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            if query.get("token") is not None and hmac.compare_digest(
                query["token"].encode(), self.token.encode()
            ):
                rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
                raw = scope.get("raw_path") or path.encode("utf-8")
                target = raw.decode("latin-1") + (f"?{rest}" if rest else "")
                await _redirect_with_cookie(send, target, self.token)
                return
            if not self._authorised(headers):
                await _unauthorised(send, api)
                return

        if scope["method"] not in {"GET", "HEAD", "OPTIONS"}:
            site = headers.get("sec-fetch-site", "")
            origin = headers.get("origin")
            if site == "cross-site" or (
                origin and origin != "null" and urlsplit(origin).netloc != headers.get("host")
            ):
                await _plain(send, 403, "Refused: a page on another site tried to send data "
                             "to this server.", api)  # fmt: skip
                return
            length = headers.get("content-length")
            if length and length.isdigit() and int(length) > self.max_request_bytes:
                await _plain(send, 413, f"Refused: the upload is {human_size(int(length))}, "
                             f"larger than the limit of {human_size(self.max_request_bytes)} "
                             "per request.", api)  # fmt: skip
                return
            receive = self._capped(receive)

        csp = CSP_DOCS if path == DOCS_PATH else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _authorised(self, headers: dict[str, str]) -> bool:
        assert self.token is not None
        expected = self.token.encode()
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and hmac.compare_digest(
            auth[7:].strip().encode(), expected
        ):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is no token
            return False
        morsel = cookie.get(TOKEN_COOKIE)
        return morsel is not None and hmac.compare_digest(morsel.value.encode(), expected)

    def _capped(self, receive: Receive) -> Receive:
        limit = self.max_request_bytes
        seen = 0

        async def capped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise RequestTooLarge(limit)
            return message

        return capped


async def _respond(
    send: Send, status: int, body: bytes, content_type: bytes, extra: list | None = None
) -> None:
    headers = [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", CSP.encode()),
        (b"x-content-type-options", b"nosniff"),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _plain(send: Send, status: int, message: str, api: bool) -> None:
    if api:
        body = json.dumps({"detail": message}).encode()
        await _respond(send, status, body, b"application/json")
        return
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>storyline</title>'
        "</head><body><main>"
        f"<h1>storyline</h1><p>{escape(message)}</p></main></body></html>"
    )
    await _respond(send, status, page.encode(), b"text/html; charset=utf-8")


async def _unauthorised(send: Send, api: bool) -> None:
    if api:
        body = json.dumps(
            {"detail": "a token is required: send 'Authorization: Bearer TOKEN'"}
        ).encode()
        await _respond(send, 401, body, b"application/json", [(b"www-authenticate", b"Bearer")])
        return
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>storyline: token'
        " needed</title></head><body>"
        "<main><h1>storyline</h1><p>This server asks for its access token "
        "(the one given to <code>storyline serve --token</code> or in "
        "<code>STORYLINE_TOKEN</code>).</p>"
        '<form method="get" class="token"><label>Token <input type="password" name="token" '
        'autocomplete="current-password" required></label> <button>Open</button></form>'
        "</main></body></html>"
    )
    await _respond(send, 401, page.encode(), b"text/html; charset=utf-8")


async def _redirect_with_cookie(send: Send, location: str, token: str) -> None:
    cookie = f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    await _respond(
        send,
        303,
        b"",
        b"text/plain",
        [(b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode("latin-1"))],
    )
