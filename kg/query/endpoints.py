"""What callers of a SPARQL endpoint need to name without loading the HTTP client (kg.query.remote,
SPARQLWrapper, urllib: ~25 ms of every `kg query`, even on the embedded store): the errors, the
credentials and the default time limit. kg.query.remote re-exports them."""

from __future__ import annotations

from kg.errors import EXIT_ENDPOINT_ERROR, EXIT_TIMEOUT, EXIT_UNAVAILABLE, KgError

DEFAULT_TIMEOUT = 60.0


class RemoteError(KgError):
    """Base of the endpoint errors; the message is one line."""


class EndpointUnreachable(RemoteError):
    exit_code = EXIT_UNAVAILABLE


class EndpointFailed(RemoteError):
    exit_code = EXIT_ENDPOINT_ERROR


class EndpointTimeout(RemoteError):
    exit_code = EXIT_TIMEOUT


class Credentials:
    """User and password for an endpoint; scheme "any": whichever the server's challenge asks for
    (Virtuoso's -auth: digest). A plain class: this module is on every `kg query`'s path."""

    __slots__ = ("user", "password", "scheme")

    def __init__(self, user: str, password: str, scheme: str = "any"):
        self.user, self.password, self.scheme = user, password, scheme
        if self.scheme not in ("digest", "basic", "any"):
            raise ValueError(f"unknown authentication scheme {self.scheme!r} (digest, basic or any)")
