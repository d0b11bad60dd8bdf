"""The twinning network (kg.network.model) built from the session's graph: nodes, edges, selections, analytics."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.network import model as net
from kg.network import reading

ID = "https://w3id.org/ketnghia/id/"
THO_XUAN, QUE_SON = f"{ID}unit/pre2025/395", f"{ID}unit/pre2025/509"
NAM_GIANG, NGOC_LAC, TAM_KY = f"{ID}unit/pre2025/510", f"{ID}unit/pre2025/389", f"{ID}unit/pre2025/502"
TX_QS = f"{ID}twinning/sister-localities-pre2025-395--pre2025-509"
NG_NL = f"{ID}twinning/sister-localities-pre2025-389--pre2025-510"
TH_QN = f"{ID}twinning/sister-localities-pre2025-38--pre2025-49"
OFFICES = f"{ID}twinning/cooperation-programme-org-party-office-pre2025-38--org-party-office-pre2025-49"
HOA_CUONG_TRA_TAN = f"{ID}twinning/sister-localities-2025-20257--2025-20923"
PREFIXES = "PREFIX kn: <https://w3id.org/ketnghia/ontology#> PREFIX knv: <https://w3id.org/ketnghia/vocab/> "


@pytest.fixture(scope="module")
def graph(built_store):
    return net.build_network(built_store)


def edge(G, key):
    (found,) = [attrs for _, _, k, attrs in G.edges(keys=True, data=True) if k == key]
    return found


def count(store, where: str) -> int:
    rows = list(
        store.query(
            PREFIXES + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}", use_default_graph_as_union=True
        )
    )
    return int(rows[0]["n"].value)


# --------------------------------------------------------------------------- nodes and edges


def test_every_twinning_is_an_edge_and_only_parties_are_nodes(graph, built_store):
    twinnings = count(built_store, "?x a kn:Twinning . ?x kn:party|kn:sponsor|kn:sponsored ?a , ?b FILTER(?a != ?b)")
    assert twinnings >= 10
    assert isinstance(graph, nx.MultiGraph)
    assert {key for *_, key in graph.edges(keys=True)} == {
        row["x"].value
        for row in built_store.query(PREFIXES + "SELECT ?x WHERE { ?x a kn:Twinning }", use_default_graph_as_union=True)
    }
    assert len({key for *_, key in graph.edges(keys=True)}) == twinnings
    parties = {
        row["p"].value
        for row in built_store.query(
            PREFIXES + "SELECT DISTINCT ?p WHERE { ?t kn:party|kn:sponsor|kn:sponsored ?p }",
            use_default_graph_as_union=True,
        )
    }
    assert set(graph.nodes) == parties
    kinds = {attrs["kind"] for _, attrs in graph.nodes(data=True)}
    assert kinds == {"unit", "organization", "foreign"}
    foreign = {n for n, attrs in graph.nodes(data=True) if attrs["kind"] == "foreign"}
    assert foreign == {
        row["p"].value
        for row in built_store.query(
            PREFIXES + "SELECT DISTINCT ?p WHERE { ?t kn:party|kn:sponsor|kn:sponsored ?p . ?p a kn:ForeignLocality }",
            use_default_graph_as_union=True,
        )
    }


def test_a_unit_node_carries_its_names_place_and_validity(graph):
    que_son = graph.nodes[QUE_SON]
    assert que_son["label"] == "Huyện Quế Sơn" and que_son["name"] == "Quế Sơn"
    assert que_son["label_fr"] == "Que Son"  # the French article's spelling
    assert "Que Son" in que_son["alt_labels"]
    assert (que_son["level"], que_son["unit_type"], que_son["era"]) == ("district", "huyen", "pre2025")
    assert que_son["province"] == f"{ID}unit/pre2025/49" and que_son["province_label"] == "Quảng Nam"
    assert que_son["valid_until"] == "2025-06-30" and "valid_from" not in que_son
    assert 15 < que_son["lat"] < 16.5 and 107.5 < que_son["lon"] < 109
    assert que_son["coordinates_from"] == "centroid"
    assert len(que_son["successors"]) >= 1 and all("/unit/2025/" in s for s in que_son["successors"])


def test_an_organization_sits_at_its_units_coordinates(graph):
    office = graph.nodes[f"{ID}org/party-office-pre2025-49"]
    province = graph.nodes[f"{ID}unit/pre2025/49"]
    assert office["kind"] == "organization" and office["org_type"] == "PartyOffice"
    assert office["label_en"] == "Office of the Quảng Nam Provincial Party Committee"
    assert (office["lat"], office["lon"]) == (province["lat"], province["lon"])
    assert office["coordinates_from"] == "unit" and office["province"] == f"{ID}unit/pre2025/49"
    assert graph.graph["vocabulary"]["PartyOffice"] == {"vi": "Văn phòng cấp ủy", "en": "Party committee office"}
    agribank = graph.nodes[f"{ID}org/agribank-quang-nam"]
    assert agribank["org_type"] == "BankBranch" and agribank["era"] == "pre2025"


def test_tho_xuan_que_son_1968_with_its_facts_and_sources(graph):
    tx_qs = edge(graph, TX_QS)
    # seed 002 says north-south, corpus 003 the generic sister localities: the more specific kind is drawn
    assert (tx_qs["kind"], tx_qs["kinds"], tx_qs["status"]) == (
        "north-south",
        ["north-south", "sister-localities"],
        "active",
    )
    assert (tx_qs["established"], tx_qs["established_precision"], tx_qs["year"]) == ("1968-11-20", "day", 1968)
    assert tx_qs["label_fr"] == "Jumelage des districts de Tho Xuan et Que Son"
    names = {p["name"] for p in tx_qs["people"]}
    assert {"Lê Đình Hải", "Dinh Nguyen Vu"} <= names
    le_dinh_hai = next(p for p in tx_qs["people"] if p["name"] == "Lê Đình Hải")
    assert {post["role"] for post in le_dinh_hai["posts"]} == {"secretary", "chairman"}
    # the 1968 ceremony, the 2024 visit (seed 002) and the 55th anniversary (corpus 060-063)
    assert {"1968-11-20", "2024-08-02", "2023-11-20"} <= {e["date"]["value"] for e in tx_qs["events"] if e.get("date")}
    seed = next(s for s in tx_qs["sources"] if s["language"] == "fr")
    assert seed["title"].startswith("Afin de renforcer les relations de jumelage")
    assert seed["url"].startswith("https://baothanhhoa.vn/")
    assert len(tx_qs["sources"]) == 6
    assert tx_qs["support_vnd"] == {"exact": 120000000, "lower-bound": 0, "approximate": 0}


def test_support_totals_count_only_top_level_supports(graph):
    ng_nl = edge(graph, NG_NL)
    # The 1.7 billion package is "about" (approximate); its 300 million cash part is inside it.
    assert ng_nl["support_vnd"] == {"exact": 550000000, "lower-bound": 0, "approximate": 1700000000}
    assert not any(item["iri"].endswith("flood-relief-2020-cash") for item in ng_nl["support"])
    assert ng_nl["relative"] == "Qua hơn 2 năm tổ chức kết nghĩa" and ng_nl.get("year") is None


def test_dates_keep_their_precision_and_a_day_month_has_no_year(graph):
    offices = edge(graph, OFFICES)
    assert (offices["established"], offices["established_precision"]) == ("--06-12", "month-day")
    assert offices.get("year") is None
    (agreement,) = offices["agreements"]
    assert agreement["signed_on"]["precision"] == "month-day"
    assert set(agreement["content_areas"]) == {"area-advisory-service", "area-experience-exchange"}
    th_qn = edge(graph, TH_QN)
    assert "cách đây 54 năm" in th_qn["relative"] and th_qn.get("year") is None
    hc_tt = edge(graph, HOA_CUONG_TRA_TAN)
    assert (hc_tt["year"], hc_tt["era"]) == (2025, "2025")
    assert "area-party-building" in hc_tt["agreements"][0]["content_areas"]


def test_sponsorships_keep_their_direction(graph):
    u, v, attrs = next(
        (u, v, a)
        for u, v, k, a in graph.edges(keys=True, data=True)
        if k == f"{ID}twinning/sponsorship-org-agribank-quang-nam--pre2025-20449"
    )
    assert attrs["sponsor"] == f"{ID}org/agribank-quang-nam" and {u, v} == {attrs["sponsor"], f"{ID}unit/pre2025/20449"}


# --------------------------------------------------------------------------- selections


def test_a_province_selects_its_twinnings_with_their_partners(built_store):
    quang_nam = net.build_network(built_store, net.Selection(province="quang nam"))
    keys = {k for *_, k in quang_nam.edges(keys=True)}
    assert TX_QS in keys and NG_NL in keys and HOA_CUONG_TRA_TAN not in keys
    assert THO_XUAN in quang_nam  # the partner in Thanh Hóa comes along
    da_nang = net.build_network(built_store, net.Selection(province="Đà Nẵng"))
    assert HOA_CUONG_TRA_TAN in {k for *_, k in da_nang.edges(keys=True)}
    assert reading.resolve_provinces(built_store, "Đà Nẵng") == {f"{ID}unit/pre2025/48", f"{ID}unit/2025/48"}
    with pytest.raises(net.SelectionError):
        net.build_network(built_store, net.Selection(province="Atlantis"))


def test_a_period_selects_by_year_and_undated_only_on_request(built_store):
    sixties = net.build_network(built_store, net.Selection(period=(1960, 1980)))
    keys = {k for *_, k in sixties.edges(keys=True)}
    assert TX_QS in keys and HOA_CUONG_TRA_TAN not in keys
    assert all(1960 <= a["year"] <= 1980 for *_, a in sixties.edges(keys=True, data=True))
    with_undated = net.build_network(built_store, net.Selection(period=(1960, 1980), include_undated=True))
    keys = {k for *_, k in with_undated.edges(keys=True)}
    assert {TX_QS, TH_QN, NG_NL, OFFICES} <= keys and HOA_CUONG_TRA_TAN not in keys
    with pytest.raises(net.SelectionError):
        net.build_network(built_store, net.Selection(period=(1990, 1980)))


def test_whole_country_mode_adds_every_unit_of_the_province(built_store, graph):
    units_in_quang_nam = count(built_store, "?x a kn:AdministrativeUnit ; kn:partOf* <%sunit/pre2025/49>" % ID)
    whole = net.build_network(built_store, net.Selection(province="Quảng Nam", all_units=True))
    in_province = [
        n for n, a in whole.nodes(data=True) if a.get("kind") == "unit" and a.get("province") == f"{ID}unit/pre2025/49"
    ]
    assert len(in_province) == units_in_quang_nam > 200
    village = whole.nodes[f"{ID}unit/pre2025/20695-to-dan-pho-dung"]  # no centroid of its own
    assert village["coordinates_from"] == "parent" and village["lat"] is not None
    assert f"{ID}unit/pre2025/20695-to-dan-pho-dung" not in graph  # not twinned: not in the default


def test_context_adds_parents_marked_as_context(built_store, graph):
    context = net.build_network(built_store, net.Selection(with_context=True))
    tay_giang = context.nodes[f"{ID}unit/pre2025/504"]  # district of xã Lăng
    assert tay_giang.get("context") is True and tay_giang["degree"] == 0
    assert context.nodes[f"{ID}unit/2025/48"]["context"] is True
    assert "context" not in context.nodes[QUE_SON]
    assert set(graph.nodes) < set(context.nodes)


def test_the_network_is_read_with_a_fixed_number_of_queries(built_store):
    class CountingStore:
        def __init__(self, store):
            self.store, self.calls = store, 0

        def query(self, *args, **kwargs):
            self.calls += 1
            return self.store.query(*args, **kwargs)

    small, larger, whole = (CountingStore(built_store) for _ in range(3))
    net.build_network(small)
    net.build_network(larger, net.Selection(with_context=True))
    G = net.build_network(whole, net.Selection(all_units=True))
    assert G.number_of_nodes() > 14000
    assert small.calls == larger.calls and whole.calls <= 20  # bulk queries, never one per node


# --------------------------------------------------------------------------- analytics


def test_analytics(graph, built_store):
    summary = net.summarize(graph)
    keys = {k for *_, k in graph.edges(keys=True)}
    # a relation of three or more parties is several edges with one IRI: counted once
    assert summary["twinnings"] == len(keys) < graph.number_of_edges()
    assert summary["top_degree"][0]["degree"] == max(d for _, d in graph.degree())
    assert summary["components"]["count"] == nx.number_connected_components(graph)
    assert summary["components"]["sizes"][0] == max(len(c) for c in nx.connected_components(graph))
    cross = {pair["twinning"] for pair in summary["cross_province"]["pairs"]}
    assert {TX_QS, NG_NL, TH_QN, OFFICES} <= cross and HOA_CUONG_TRA_TAN not in cross  # both in Đà Nẵng
    per_decade = summary["per_decade"]
    assert sum(per_decade.values()) == summary["twinnings"]
    years = {k: a.get("year") for *_, k, a in graph.edges(keys=True, data=True)}
    assert per_decade["1960s"] == sum(1 for y in years.values() if isinstance(y, int) and 1960 <= y < 1970)
    assert list(per_decade)[-1] == net.UNKNOWN_DECADE
    assert graph.nodes[NAM_GIANG]["degree"] == 2
    assert graph.nodes[NAM_GIANG]["component"] == graph.nodes[NGOC_LAC]["component"]


def test_analytics_work_on_a_plain_graph():
    G = nx.Graph([(1, 2), (2, 3), (4, 5)])
    G.edges[1, 2]["year"] = 1975
    net.annotate(G)
    summary = net.summarize(G)
    assert summary["components"]["sizes"] == [3, 2]
    assert summary["per_decade"] == {"1970s": 1, net.UNKNOWN_DECADE: 2}
    assert summary["cross_province"]["count"] == 0 and G.nodes[2]["degree"] == 2


@pytest.mark.parametrize(
    "literal, expected",
    [
        ('"1968-11-20"^^<http://www.w3.org/2001/XMLSchema#date>', ("day", 1968)),
        ('"2025-08"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>', ("month", 2025)),
        ('"2021"^^<http://www.w3.org/2001/XMLSchema#gYear>', ("year", 2021)),
        ('"--06-12"^^<http://www.w3.org/2001/XMLSchema#gMonthDay>', ("month-day", None)),
    ],
)
def test_date_precision_comes_from_the_datatype(literal, expected):
    import pyoxigraph as ox

    (row,) = ox.Store().query(f"SELECT ?d WHERE {{ BIND({literal} AS ?d) }}")
    info = reading.date_info(row["d"])
    assert (info["precision"], info["year"]) == expected


def centroid(store, unit_pattern: str) -> tuple[float, float]:
    """(lat, lon) of the unit matched by ?s in the pattern, read from its WKT point."""
    rows = list(
        store.query(
            PREFIXES
            + "PREFIX geo: <http://www.opengis.net/ont/geosparql#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            f"SELECT ?wkt WHERE {{ {unit_pattern} ?s geo:hasCentroid/geo:asWKT ?wkt }}",
            use_default_graph_as_union=True,
        )
    )
    assert len(rows) == 1, unit_pattern
    lon, lat = map(float, rows[0]["wkt"].value.split("(")[1].rstrip(")").split())
    return lat, lon


def test_a_historical_province_sits_where_its_successors_are(built_store, graph):
    # Tỉnh Biên Hòa (1959 north–south twinning) had no centroid and waited west of the map.
    bien_hoa = graph.nodes[f"{ID}unit/hist/tinh-bien-hoa"]
    assert bien_hoa["coordinates_from"] == "successors"
    assert (bien_hoa["lat"], bien_hoa["lon"]) == pytest.approx(
        centroid(built_store, f"<{ID}unit/hist/tinh-bien-hoa> kn:succeededBy ?s .")
    )
    # Hải Dương merged into Hải Hưng (1968), split again (1997): it sits at the Hải Dương of that
    # split, not between it and Hưng Yên.
    hai_duong = graph.nodes[f"{ID}unit/hist/tinh-hai-duong"]
    same_name = centroid(
        built_store,
        f'<{ID}unit/hist/tinh-hai-duong> kn:succeededBy+ ?s . ?s kn:era knv:pre2025 ; rdfs:label "Hải Dương"@vi .',
    )
    assert (hai_duong["lat"], hai_duong["lon"]) == pytest.approx(same_name)
    located = [a for _, a in graph.nodes(data=True) if a.get("kind") == "unit" and a.get("lat") is not None]
    assert all(-90 <= a["lat"] <= 90 for a in located)
    assert not [a["label"] for _, a in graph.nodes(data=True) if a.get("kind") == "unit" and a.get("lat") is None]
