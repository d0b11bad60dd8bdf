"""Which contributions depend on which: kg revert refuses to leave dangling references, and a build
refused because of a contribution names it and the command that fixes it.

A contribution B depends on A when B's graph refers to a node (`?x ?p <node>`) that only A's
graph describes. Reverting A alone used to succeed silently; the next `kg build --force` then
failed on B's dangling reference without naming B or the fix.
"""

from __future__ import annotations

import re

from kg.iris import GRAPH_BASE, sparql_prefixes
from kg.sparql_files import sparql

CONTRIBUTION_GRAPH = GRAPH_BASE + "contribution/"


# the build's derived facts restate every relation: no source of its own
DERIVED = "https://w3id.org/ketnghia/graph/derived"


def _graph(contribution_id: str) -> str:
    return CONTRIBUTION_GRAPH + contribution_id


def direct_dependents(oxstore, contribution_id: str) -> dict[str, list[str]]:
    """{other contribution id: [nodes of `contribution_id` it refers to]}."""
    graph = _graph(contribution_id)
    query = sparql_prefixes() + sparql("graph", "dependent-contributions", graph=f"<{graph}>")
    found: dict[str, list[str]] = {}
    for row in oxstore.query(query):
        found.setdefault(row["other"].value[len(CONTRIBUTION_GRAPH) :], []).append(row["node"].value)
    return found


def all_dependents(oxstore, contribution_id: str) -> list[str]:
    """Every contribution that depends on `contribution_id`, directly or through others."""
    seen: list[str] = []
    frontier = [contribution_id]
    while frontier:
        current = frontier.pop()
        for other in direct_dependents(oxstore, current):
            if other != contribution_id and other not in seen:
                seen.append(other)
                frontier.append(other)
    return seen


def refusal(contribution_id: str, dependents: dict[str, list[str]], lang: str = "en") -> str:
    """Why `kg revert` refuses, naming the later contributions that depend on this one."""
    refers, more = ("tham chiếu", "và {} nút khác") if lang == "vi" else ("refers to", "and {} more")
    named = "; ".join(
        f"{other} ({refers} <{nodes[0]}>" + (" " + more.format(len(nodes) - 1) if len(nodes) > 1 else "") + ")"
        for other, nodes in dependents.items()
    )
    if lang == "vi":
        return (
            f"không hoàn tác đóng góp {contribution_id}: các đóng góp sau phụ thuộc vào nó: {named}. "
            f"Hãy hoàn tác chúng trước, hoặc chạy `kg revert {contribution_id} --cascade` để hoàn tác cùng lúc"
        )
    return (
        f"contribution {contribution_id} is not reverted: later contributions depend on it: {named}. "
        f"Revert them first, or run `kg revert {contribution_id} --cascade` to revert them together"
    )


_IRI = re.compile(r"https?://[^\s<>\"'\]\[,;]+")


def blame(oxstore, message: str, contribution_ids: list[str], lang: str = "en") -> str:
    """Lines naming the merged contributions that describe or refer to the nodes a build refusal
    names, with the command that removes each; "" when none does."""
    iris = sorted({m.rstrip(".:)") for m in _IRI.findall(message)})
    if not iris or not contribution_ids:
        return ""
    import pyoxigraph as ox

    lines = []
    for contribution_id in contribution_ids:
        graph = ox.NamedNode(_graph(contribution_id))
        hits = []
        for iri in iris:
            try:
                node = ox.NamedNode(iri)
            except ValueError:
                continue
            if (
                next(oxstore.quads_for_pattern(node, None, None, graph), None) is not None
                or next(oxstore.quads_for_pattern(None, None, node, graph), None) is not None
            ):
                hits.append(iri)
        if hits and lang == "vi":
            lines.append(
                f"  - đóng góp đã hợp nhất {contribution_id} nêu dữ kiện về <{hits[0]}>"
                + (f" và {len(hits) - 1} nút khác" if len(hits) > 1 else "")
                + f": hãy sửa nguồn, hoặc gỡ nó bằng `kg revert {contribution_id}` (xem `kg contributions`)"
            )
        elif hits:
            lines.append(
                f"  - merged contribution {contribution_id} states facts about <{hits[0]}>"
                + (f" and {len(hits) - 1} more" if len(hits) > 1 else "")
                + f": fix the source, or remove it with `kg revert {contribution_id}` (see `kg contributions`)"
            )
    if not lines:
        return ""
    intro = (
        "việc từ chối liên quan đến các đóng góp đã hợp nhất"
        if lang == "vi"
        else "the refusal involves merged contributions"
    )
    return f"\n{intro}:\n" + "\n".join(lines)
