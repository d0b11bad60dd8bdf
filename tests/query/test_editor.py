"""kg.query.editor: the page kg serve shows at `/` (its browser test is test_editor_browser.py)."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox

from kg.iris import PREFIX_IRIS
from kg.query import editor
from kg.query.catalog import load_catalog

HOSTILE = """#+ title:
#+   vi: 'Thử </script><script>alert(1)</script>'
#+   en: 'Try </script><script>alert(1)</script>'
#+ description:
#+   vi: 'Mô tả </SCRIPT> có thẻ'
#+   en: 'A description with a </script> tag'
#+ params:
#+   unit: {type: unit, default: "pre2025/509", description: "the unit"}
SELECT ?unit ?label WHERE { ?unit <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }
"""


def embedded(html: bytes) -> dict:
    found = re.search(rb'<script type="application/json" id="kg-editor-data">(.*?)</script>', html, re.S)
    assert found, "no data block"
    return json.loads(found.group(1))


def test_every_saved_query_is_offered_with_its_defaults_bound():
    catalogue = load_catalog()
    data = embedded(editor.page())
    assert [e["name"] for e in data["examples"] if not e["check"]] == sorted(
        n for n in catalogue if not n.endswith("-violation")
    )
    assert sorted(e["name"] for e in data["examples"]) == sorted(catalogue)
    for entry in data["examples"]:
        query = catalogue[entry["name"]]
        assert entry["title"] == query.title and entry["description"] == query.description
        assert "#+" not in entry["text"]
        ox.Store().query(entry["text"])  # parses: still a query once the header is gone and the VALUES are in
        for param in query.params.values():
            assert {"name": param.name, "type": param.type, "default": param.default} in entry["params"]
            term = param.to_term(param.default)
            assert f"VALUES ?{param.name} {{ {term} }}" in entry["text"], entry["name"]


def test_the_start_query_declares_the_project_prefixes():
    data = embedded(editor.page())
    for prefix, iri in PREFIX_IRIS.items():
        assert f"PREFIX {prefix}: <{iri}>\n" in data["start"]
    ox.Store().query(data["start"])
    assert json.loads(editor.prefixes_json()) == PREFIX_IRIS


def test_a_description_cannot_close_the_data_block(tmp_path):
    (tmp_path / "hostile.rq").write_text(HOSTILE, "utf-8")
    html = editor.page(tmp_path)
    assert html.lower().count(b"</script") == 3  # the data block, yasgui.min.js and editor.js
    (entry,) = embedded(html)["examples"]
    assert entry["title"]["en"] == "Try </script><script>alert(1)</script>"
    assert entry["description"]["vi"] == "Mô tả </SCRIPT> có thẻ"


def test_the_page_asks_nothing_of_other_sites():
    served = editor.files()
    html = served["/"][1].decode("utf-8")
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)
    assert "connect-src 'self'" in editor.POLICY and "default-src 'self'" in editor.POLICY
    assert set(served) == {"/", "/index.html", "/editor/editor.js", "/editor/editor.css", "/editor/prefixes.json"}
