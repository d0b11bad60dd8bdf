"""`kg contributions` and `kg revert` read only the records kg contribute wrote: a record a file
declared itself (merged before kg.closed_world refused them) neither shows as a "Ghost"
contribution nor crashes them with a tripleCount of "lots"."""

from __future__ import annotations

import shutil

import rdflib

TEXT = """\
@prefix kn: <https://w3id.org/ketnghia/ontology#> .
@prefix knv: <https://w3id.org/ketnghia/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix pre2025: <https://w3id.org/ketnghia/id/unit/pre2025/> .
<https://w3id.org/ketnghia/id/twinning/sister-localities-pre2025-397--pre2025-512> a kn:Twinning ;
  skos:prefLabel "Kết nghĩa thử 397 – 512"@vi ;
  kn:twinningKind knv:sister-localities ; kn:status knv:active ;
  kn:party pre2025:397 , pre2025:512 ; kn:establishedOn "2023"^^xsd:gYear ;
  dct:source <https://w3id.org/ketnghia/id/source/f4c2d38e3c23b740> .
<https://w3id.org/ketnghia/id/contribution/ghost> a kn:Contribution ; kn:contributor "Ghost" ;
  prov:generatedAtTime "2020-01-01T00:00:00"^^xsd:dateTime ; kn:sourceFile "ghost.ttl" ;
  kn:sha256 "00" ; kn:tripleCount "lots" .
"""


def test_declared_records_are_ignored(kg_home, tmp_path, monkeypatch):
    home = tmp_path / "home"
    shutil.copytree(kg_home, home, symlinks=True)
    monkeypatch.setenv("KG_HOME", str(home))
    from kg.steward import closed_world
    from kg.steward import contribute

    path = tmp_path / "ghost.ttl"
    path.write_text(TEXT, "utf-8")
    data = rdflib.Dataset().parse(path, format="turtle")
    assert {i.shape.split("-", 1)[1] for i in closed_world.issues(contribute.plain_graph(data))} >= {
        "contribution-record"
    }
    monkeypatch.setattr(closed_world, "issues", lambda data, oxstore=None: [])  # as merged before the rules
    record = contribute.contribute(path, "Văn phòng thử", data)
    listed = contribute.list_contributions()
    assert [(c.id, c.contributor) for c in listed] == [(record.id, "Văn phòng thử")]
    assert contribute.revert(record.id).id == record.id
    assert contribute.list_contributions() == []
