"""SERVICE is refused unless asked for (kg query --allow-service, kg serve --allow-service).

A federated query makes the process that runs it send HTTP requests wherever the query says: the
read-only `kg serve` became a proxy into the machine's loopback and network, and `kg query
--sparql` with SERVICE ended in an OSError traceback. The keyword is found with kg.sparql_text's
tokenizer, so "SERVICE" inside a string, an IRI or a comment is not taken for it.
"""

from __future__ import annotations

from kg.query.sparql_syntax import significant_tokens

MESSAGE = (
    "SERVICE (a federated query) is refused: it would make this process send requests to other "
    "servers; run it with --allow-service if you mean it / truy vấn SERVICE bị từ chối"
)
MESSAGE_VI = (
    "truy vấn SERVICE (truy vấn liên kết) bị từ chối: nó sẽ khiến tiến trình này gửi yêu cầu đến máy chủ "
    "khác; nếu thật sự muốn, hãy chạy với --allow-service"
)


def uses_service(text: str) -> bool:
    return any(kind == "word" and value.upper() == "SERVICE" for kind, value, _end, _depth in significant_tokens(text))


def check_service(text: str, allowed: bool = False) -> None:
    """CatalogError (the error kg.api documents) when `text` uses SERVICE and it is not allowed."""
    if not allowed and uses_service(text):
        from kg.query.catalog import CatalogError

        raise CatalogError(MESSAGE, vi=MESSAGE_VI)
