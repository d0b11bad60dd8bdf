"""The query editor of `kg serve` (its page at `/`): YASGUI on this server's `/query`, with the
project's prefixes declared and every saved query offered as an example.

YASGUI itself is not ours: the Oxigraph server ships it (`/yasgui.min.js`, `/yasgui.min.css`, inside
the `oxigraph` package), so nothing comes from a CDN. Oxigraph's own page points it at `/sparql`
and leaves its defaults on, which fetch prefix.cc at load and LOV's API while typing; this page
replaces it (kg.query.serve_guard answers `/` and `/editor/…` before Oxigraph):

    /                         the page (examples as JSON inside it)
    /editor/editor.js         starts YASGUI with our configuration
    /editor/editor.css
    /editor/prefixes.json     the project's prefixes, in prefix.cc's format, for the completer
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.iris import PREFIX_IRIS, sparql_prefixes
from kg.query.catalog import SavedQuery, load_catalog

ASSETS = Path(__file__).resolve().parent / "editor"
PAGE_PATHS = ("/", "/index.html")
# The page loads scripts and styles from this server only and may connect nowhere else: a
# request YASGUI would make to another site is refused by the browser even if a default slips in.
# Inline styles: YASGUI and CodeMirror set element styles.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'self'"
)
START_QUERY = "SELECT ?s ?p ?o WHERE {\n  ?s ?p ?o .\n} LIMIT 10\n"


def example(query: SavedQuery) -> dict:
    """A saved query as the page offers it: its text with the parameters' defaults bound (the
    VALUES block `kg query NAME --exact-unit` adds), without the `#+` header, whose title and
    description the page shows beside the editor. The page is static: a unit that `kg query`
    would follow along the reform (`follow: reform`) is bound alone, and the heading says so."""
    body = "\n".join(line for line in query.bound_text().splitlines() if not line.startswith("#+")).strip("\n")
    heading = f"# {query.name}: {query.title.get('en', '')}\n"
    for param in query.params.values():
        if param.follow == "reform":
            heading += (
                f"# ?{param.name}: this unit only; `kg query {query.name}` also binds its predecessors "
                "and heirs (kn:succeededBy)\n"
            )
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "check": query.is_quality_check,
        "params": [{"name": p.name, "type": p.type, "default": p.default} for p in query.params.values()],
        "text": heading + body + "\n",
    }


def examples(directory: Path | None = None) -> list[dict]:
    """Questions first, then the quality checks (`*-violation`), each by name."""
    queries = sorted(load_catalog(directory).values(), key=lambda q: (q.is_quality_check, q.name))
    return [example(q) for q in queries]


def page(directory: Path | None = None) -> bytes:
    data = {"examples": examples(directory), "start": sparql_prefixes() + "\n" + START_QUERY}
    # inside <script type="application/json">: "</" must not close the element
    embedded = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    html = (ASSETS / "editor.html").read_text("utf-8").replace("{{DATA}}", embedded)
    return html.encode("utf-8")


def prefixes_json() -> bytes:
    return json.dumps(PREFIX_IRIS, indent=1).encode("utf-8")


def files(directory: Path | None = None) -> dict[str, tuple[str, bytes]]:
    """Path -> (media type, body) for everything the editor's page needs besides YASGUI."""
    html = page(directory)
    found = {path: ("text/html; charset=utf-8", html) for path in PAGE_PATHS}
    found["/editor/editor.js"] = ("text/javascript; charset=utf-8", (ASSETS / "editor.js").read_bytes())
    found["/editor/editor.css"] = ("text/css; charset=utf-8", (ASSETS / "editor.css").read_bytes())
    found["/editor/prefixes.json"] = ("application/json", prefixes_json())
    return found
