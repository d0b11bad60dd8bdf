/* The twinning explorer (kg export explorer). Runs offline from one file.
 * Data arrives as JSON (script#kg-data); every text from the data goes into the page with
 * textContent, never innerHTML. window.explorer exposes the vis DataSets for tests and scripts. */
(function () {
  "use strict";
  var timings = { start: performance.now() };   // milliseconds since navigation, for benchmarks
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  var N = DATA.nodes, E = DATA.edges, VIS = DATA.vis;
  // Agreements, support, events and people of each twinning come gzipped (base64), one JSON row
  // per edge and line, in chunks of DATA.details.size edges (kg/explorer.py pack_details). Small
  // pages unpack them all before they are ready; a big one unpacks a chunk when a panel needs it
  // (20k twinnings hold 25 MB of JSON: a quarter of a second of the main thread, for nothing).
  var CHUNK = DATA.details ? DATA.details.size : 1, packedChunks = DATA.details ? DATA.details.chunks : [];
  var chunkRows = [], chunkLoading = [], expanded = new Uint8Array(E.length), detailsState = "loaded";
  var EAGER_DETAILS = 500000;   // base64 characters: below this, unpack everything at start
  var eager = packedChunks.reduce(function (sum, c) { return sum + c.length; }, 0) <= EAGER_DETAILS;
  if (packedChunks.length && typeof DecompressionStream === "undefined") detailsState = "failed";
  function unpack(packed) {
    var bytes;
    if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(packed);
    else {
      var binary = atob(packed);
      bytes = new Uint8Array(binary.length);
      for (var k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
    }
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }
  function loadChunk(c) {
    if (detailsState === "failed" || c >= packedChunks.length) return Promise.resolve();
    if (!chunkLoading[c]) {
      chunkLoading[c] = unpack(packedChunks[c]).then(function (text) {
        chunkRows[c] = text.split("\n"); packedChunks[c] = null;
      }, function (error) {
        detailsState = "failed";
        console.warn("twinning details could not be unpacked:", error);
      });
    }
    return chunkLoading[c];
  }
  // Edge j with its details as the objects the side panel reads (row: kg/explorer.py edge_details),
  // or null while its chunk is still packed.
  function edgeDetails(j) {
    var e = E[j], c = Math.floor(j / CHUNK);
    if (expanded[j] || detailsState === "failed" || c >= packedChunks.length) return e;
    if (!chunkRows[c]) return null;
    var row = chunkRows[c][j - c * CHUNK];
    expanded[j] = 1; chunkRows[c][j - c * CHUNK] = null;
    if (!row || row === "null") return e;
    row = JSON.parse(row);
    function date(value, prec) { return value ? { value: value, prec: prec } : null; }
    if (row[0]) e.agreements = row[0].map(function (a) { return { label: a[0], type: a[1], signed_on: date(a[2], a[3]), content_areas: a[4] }; });
    if (row[1]) e.support = row[1].map(function (s) { return { label: s[0], stated_as: s[1], date: date(s[2], s[3]) }; });
    if (row[2]) e.vnd = row[2];
    if (row[3]) e.events = row[3].map(function (v) { return { label: v[0], date: date(v[1], v[2]) }; });
    if (row[4]) e.people = row[4].map(function (p) {
      return { name: p[0], posts: p[1].map(function (q) { return { role: q[0], organization: q[1], as_of: date(q[2], q[3]) }; }) };
    });
    return e;
  }
  function loadDetails(j) {   // a promise of edge j with its details
    return loadChunk(Math.floor(j / CHUNK)).then(function () { return edgeDetails(j); });
  }
  var detailsLoaded = eager ? Promise.all(packedChunks.map(function (_, c) { return loadChunk(c); })) : Promise.resolve();
  detailsLoaded.then(function () { timings.details = performance.now(); });

  var TEXT = window.KG_EXPLORER_TEXT;   // explorer-text.js: the interface in Vietnamese and English
  var lang = DATA.meta.language === "en" ? "en" : "vi";
  function t(key, values) {
    var text = (TEXT[lang] && TEXT[lang][key]) || TEXT.vi[key] || key;
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(values[k])); });
    return text;
  }
  function word(concept) {   // a vocabulary concept's label ("sister-localities" -> "Kết nghĩa")
    var labels = DATA.vocab[concept];
    if (!concept || concept === "other") return t("other");
    return (labels && (labels[lang] || labels.vi)) || concept;
  }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function $(id) { return document.getElementById(id); }
  // The same folding as kg.names.search_key: đ -> d, strip marks, lower case, keep letters and digits.
  function fold(text) {
    return String(text || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/\p{M}/gu, "")
      .toLowerCase().replace(/[^0-9a-z]+/g, " ").trim();
  }
  function yearOf(date) { var m = /^(-?\d{4})/.exec(date || ""); return m ? parseInt(m[1], 10) : null; }

  // ------------------------------------------------------------------ data, colours, DataSets
  // When a node existed: its validFrom/validUntil (kg/network.py valid_from/valid_until); a unit of
  // the 2025 era without one was made by the reform of 1 July 2025.
  var fromYear = N.map(function (n) { var y = yearOf(n.from); return y === null && n.era === "2025" ? 2025 : y; });
  var untilYear = N.map(function (n) { return yearOf(n.until); });
  var geoPos = VIS.nodes.map(function (item) { return [item.x, item.y]; });
  var incident = N.map(function () { return []; });
  VIS.edges.forEach(function (item, j) { incident[item.from].push(j); if (item.to !== item.from) incident[item.to].push(j); });
  var LEVEL_COLOURS = { "province": "#8e44ad", "district": "#d35400", "commune": "#16a085", "below-commune": "#7f8c8d" };

  function hslHex(h, s, l) {
    s /= 100; l /= 100;
    var f = function (n) {
      var k = (n + h / 30) % 12, c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
      return Math.round(255 * c).toString(16).padStart(2, "0");
    };
    return "#" + f(0) + f(8) + f(4);
  }
  function mix(hex, amount) {   // towards white
    var v = parseInt(hex.slice(1), 16), out = "#";
    [16, 8, 0].forEach(function (shift) {
      var c = (v >> shift) & 255;
      out += Math.round(c + (255 - c) * amount).toString(16).padStart(2, "0");
    });
    return out;
  }
  function provinceColour(p) { return p === undefined ? "#95a5a6" : hslHex((p * 137.508) % 360, 62, 48); }
  function nodeColour(i, scheme) {
    var n = N[i];
    var base = scheme === "level" ? (LEVEL_COLOURS[n.level] || "#95a5a6") : provinceColour(n.prov);
    return n.ctx ? mix(base, 0.6) : base;   // a plain string: colour objects slow vis down on big graphs
  }
  function fullIri(short) { return /^[a-z]+:/.test(short) ? short : DATA.meta.idBase + short; }
  // Start on the map when most nodes have coordinates, else on the network layout.
  var located = N.filter(function (n) { return n.lat !== undefined; }).length;
  var startLayout = located * 2 >= N.length ? "geo" : "net";
  VIS.nodes.forEach(function (item, i) {
    item.color = nodeColour(i, "province");
    if (startLayout === "net") { item.x = N[i].net[0]; item.y = N[i].net[1]; }
  });

  var visibleNode = new Uint8Array(N.length).fill(1), visibleEdge = new Uint8Array(E.length).fill(1);
  // vis gets no label: explorer-labels.js draws them (one screen size, no overlaps). That also
  // spares vis measuring every label when a big network opens.
  var nodes = new vis.DataSet(VIS.nodes.map(function (item) {
    var copy = {};
    Object.keys(item).forEach(function (k) { if (k !== "label") copy[k] = item[k]; });
    return copy;
  }));
  var edges = new vis.DataSet(VIS.edges);
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return visibleNode[item.id] === 1; } });
  var edgeView = new vis.DataView(edges, { filter: function (item) { return visibleEdge[item.id] === 1; } });
  timings.datasets = performance.now();
  // vis gets the nodes only: the twinnings are drawn by explorer-edges.js (edges, edgeView keep
  // the items and what the filters show, for the legend, the counts and scripts).
  var network = new vis.Network($("graph"), { nodes: nodeView, edges: new vis.DataSet([]) }, VIS.options);
  timings.network = performance.now();
  // network.redraw() paints at once (a sixth of a second at national scale): ask for the next frame instead,
  // as vis does for its own changes (several requests, one frame).
  function requestRedraw() { network.body.emitter.emit("_requestRedraw"); }
  var placed = VIS.nodes.map(function (item) { return [item.x, item.y]; });   // where vis has each node
  // Viet Nam's outline under everything on the map (kg/network/templates/vietnam-outline.json) and the
  // approximate province borders of the era shown (provinces-approx.json), lon/lat scaled as
  // kg/explorer.py scales the nodes; each path is built once.
  var paths = {};
  function ringsPath(key, rings) {
    if (!paths[key]) {
      var path = new Path2D(), k = DATA.meta.geoScale;
      rings.forEach(function (ring) {
        ring.forEach(function (p, m) { if (m) path.lineTo(p[0] * k, -p[1] * k); else path.moveTo(p[0] * k, -p[1] * k); });
        path.closePath();
      });
      paths[key] = path;
    }
    return paths[key];
  }
  network.on("beforeDrawing", function (ctx) {
    if (state.layout !== "geo" || !DATA.outline || !DATA.meta.geoScale) return;
    var pixel = 1 / network.getScale(), land = ringsPath("land", DATA.outline.rings);
    ctx.save();
    ctx.fillStyle = "#eef2ea"; ctx.fill(land);
    var era = state.era === "pre2025" || (state.era === "all" && state.yearOn && state.year < 2025) ? "pre2025" : "2025";
    var borders = (DATA.outline.provinces || {})[era];
    if (borders) {
      ctx.lineWidth = pixel; ctx.strokeStyle = "#c3ccc6"; ctx.setLineDash([4 * pixel, 3 * pixel]);
      ctx.stroke(ringsPath(era, borders));
      ctx.setLineDash([]);
      bordersShown = era;
    }
    ctx.lineWidth = pixel; ctx.strokeStyle = "#9aa5a0"; ctx.stroke(land);
    ctx.restore();
    outlineFrames++;
  });
  var outlineFrames = 0, bordersShown = null;
  // Zoomed in past NODE_ZOOM, dots stop growing (as the labels do), so that crowded ones separate.
  var NODE_ZOOM = 1.5, sizeFactor = 1, appliedFactor = 1;
  function nodeSize(i) { return (VIS.nodes[i].size || 10) * sizeFactor; }
  network.on("beforeDrawing", function () {
    sizeFactor = Math.min(1, NODE_ZOOM / network.getScale());
    if (sizeFactor === appliedFactor) return;
    appliedFactor = sizeFactor;
    var body = network.body.nodes;   // straight onto vis's nodes: a DataSet update would rebuild them all
    for (var id in body) {   // refreshNeeded: vis re-measures the shape, for drawing and for clicks
      if (VIS.nodes[id]) { body[id].options.size = VIS.nodes[id].size * sizeFactor; body[id].shape.refreshNeeded = true; }
    }
  });
  var edgeLayer = window.KG_EXPLORER_EDGES({ network: network, items: VIS.edges, options: VIS.options.edges,
    container: $("graph"), position: function (i) { return placed[i]; }, requestRedraw: requestRedraw,
    radius: nodeSize, zoomCap: NODE_ZOOM, visible: function (j) { return visibleEdge[j] === 1; } });
  // Label priority: provinces first, then the nodes with most twinnings, units before organizations
  // (an organization has its unit's level: only a unit is a province). A historical unit drawn where
  // its successors are (approximate) comes after the others of its rank, and its dot keeps no label
  // off: it sits on its successors, among the units of today.
  function isProvince(i) { return N[i].level === "province" && !N[i].kind ? 0 : 1; }
  function isBorrowed(i) { return N[i].where === "successors" ? 1 : 0; }
  var labelOrder = N.map(function (n, i) { return i; }).sort(function (a, b) {
    return isProvince(a) - isProvince(b) || isBorrowed(a) - isBorrowed(b) || N[b].deg - N[a].deg ||
      (N[a].kind ? 1 : 0) - (N[b].kind ? 1 : 0) || a - b;
  });
  var labelLayer = window.KG_EXPLORER_LABELS({ network: network, container: $("graph"),
    labels: VIS.nodes.map(function (item) { return item.label; }), order: labelOrder,
    face: VIS.options.nodes.font.face, position: function (i) { return placed[i]; },
    radius: nodeSize, visible: function (i) { return visibleNode[i] === 1; },
    solid: function (i) { return !isBorrowed(i); },
    always: labelOrder.filter(function (i) { return isProvince(i) === 0; }).length });
  function notePositions(params) {   // a dragged node takes its lines along
    var moved = network.getPositions(params.nodes);
    params.nodes.forEach(function (i) { placed[i] = [moved[i].x, moved[i].y]; });
  }
  network.on("dragging", function (params) { if (params.nodes.length) notePositions(params); });
  network.on("dragEnd", function (params) { if (params.nodes.length) notePositions(params); });

  // ------------------------------------------------------------------ filters
  var state = { kinds: {}, statuses: {}, levels: {}, era: "all", province: "", yearOn: false,
                year: null, undated: false, hideIsolated: false };
  function distinct(list, key) {
    var seen = {};
    list.forEach(function (x) { seen[x[key] || "other"] = true; });
    return Object.keys(seen).sort();
  }
  var KINDS = distinct(E, "kind"), STATUSES = distinct(E, "status"), LEVELS = distinct(N, "level");
  KINDS.forEach(function (k) { state.kinds[k] = true; });
  STATUSES.forEach(function (k) { state.statuses[k] = true; });
  LEVELS.forEach(function (k) { state.levels[k] = true; });

  function nodePasses(i) {
    var n = N[i];
    if (!state.levels[n.level || "other"]) return false;
    if (state.era !== "all" && n.era && n.era !== state.era) return false;
    if (state.yearOn) {   // units as they were in that year
      if (fromYear[i] !== null && fromYear[i] > state.year) return false;
      if (untilYear[i] !== null && untilYear[i] < state.year) return false;
    }
    return true;
  }
  function edgePasses(j) {
    var e = E[j];
    if (!state.kinds[e.kind || "other"] || !state.statuses[e.status || "other"]) return false;
    if (state.yearOn) {
      if (typeof e.year === "number") return e.year <= state.year;
      return state.undated;   // year unknown: only on request, never guessed
    }
    return true;
  }
  function applyFilters() {
    var nodeOK = new Uint8Array(N.length), hasEdge = new Uint8Array(N.length);
    var prov = state.province === "" ? null : parseInt(state.province, 10);
    var i, j;
    for (i = 0; i < N.length; i++) nodeOK[i] = nodePasses(i) ? 1 : 0;
    var nextEdge = new Uint8Array(E.length);
    for (j = 0; j < E.length; j++) {
      var item = VIS.edges[j];
      if (nodeOK[item.from] && nodeOK[item.to] && edgePasses(j) &&
          (prov === null || N[item.from].prov === prov || N[item.to].prov === prov)) {
        nextEdge[j] = 1; hasEdge[item.from] = 1; hasEdge[item.to] = 1;
      }
    }
    var nextNode = new Uint8Array(N.length);
    for (i = 0; i < N.length; i++) {
      nextNode[i] = nodeOK[i] && (prov === null || N[i].prov === prov || hasEdge[i]) &&
                    (!state.hideIsolated || hasEdge[i]) ? 1 : 0;
    }
    visibleNode = nextNode; visibleEdge = nextEdge;
    nodeView.refresh(); edgeView.refresh();
    appliedFactor = NaN;   // vis re-creates the nodes a filter shows again, at their full size
    if (edgeLayer.selected() !== null && !visibleEdge[edgeLayer.selected()]) edgeLayer.select(null);
    requestRedraw();
    showCounts();
  }
  // A relation of 3+ parties is one line per pair, all with its IRI: relations are counted once.
  var relations = {};
  E.forEach(function (e) { relations[e.iri] = true; });
  var relationCount = Object.keys(relations).length;
  function showCounts() {
    var shown = {}, c = 0;
    edgeView.getIds().forEach(function (j) { if (!shown[E[j].iri]) { shown[E[j].iri] = true; c++; } });
    $("counts").textContent = t("shown", { a: nodeView.length, b: N.length, c: c, d: relationCount });
  }
  function checkboxes(boxId, values, target, labelOf) {
    var box = $(boxId);
    values.forEach(function (value) {
      var label = el("label"), input = el("input");
      input.type = "checkbox"; input.checked = true; input.value = value;
      input.addEventListener("change", function () { target[value] = input.checked; applyFilters(); });
      label.appendChild(input);
      label.appendChild(el("span", " " + labelOf(value), "word"));
      label.dataset.value = value;
      box.appendChild(label);
    });
  }
  function buildControls() {
    checkboxes("f-kind", KINDS, state.kinds, word);
    checkboxes("f-status", STATUSES, state.statuses, word);
    checkboxes("f-level", LEVELS, state.levels, word);
    ["all", "pre2025", "2025"].forEach(function (era) {
      var label = el("label"), input = el("input");
      input.type = "radio"; input.name = "era"; input.value = era; input.checked = era === "all";
      input.addEventListener("change", function () { state.era = era; applyFilters(); });
      label.appendChild(input); label.appendChild(el("span", " ", "era-" + era));
      $("f-era").appendChild(label);
    });
    var years = DATA.meta.years, slider = $("year");
    // From the first dated twinning to the reform year at least.
    var high = Math.max(years ? years[1] : 0, 2025), low = years ? years[0] : 1945;
    slider.min = low; slider.max = high; slider.value = high; state.year = high;
    $("year-out").textContent = String(high);
    slider.addEventListener("input", function () {
      state.year = parseInt(slider.value, 10); $("year-out").textContent = slider.value;
      state.yearOn = $("year-on").checked = true;
      scheduleFilters();
    });
    $("year-on").addEventListener("change", function (ev) { state.yearOn = ev.target.checked; applyFilters(); });
    $("undated").addEventListener("change", function (ev) { state.undated = ev.target.checked; applyFilters(); });
    $("isolated").addEventListener("change", function (ev) { state.hideIsolated = ev.target.checked; applyFilters(); });
    $("province").addEventListener("change", function (ev) { state.province = ev.target.value; applyFilters(); });
    $("layout").addEventListener("change", function (ev) { setLayout(ev.target.value); });
    $("colour").addEventListener("change", function (ev) { setColours(ev.target.value); });
    $("lang").addEventListener("click", function () { lang = lang === "vi" ? "en" : "vi"; translate(); });
    var timer = null;
    $("search").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, 120); });
    $("search").addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { var first = $("results").querySelector("button"); if (first) first.click(); }
    });
  }
  var pending = false;
  function scheduleFilters() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; applyFilters(); });
  }
  function fillProvinces() {
    var select = $("province"), current = select.value;
    select.textContent = "";
    select.appendChild(new Option(t("all_provinces"), ""));
    DATA.provinces.map(function (p, i) { return [p, i]; })
      .sort(function (a, b) { return fold(a[0].label).localeCompare(fold(b[0].label)) || String(a[0].era).localeCompare(String(b[0].era)); })
      .forEach(function (pair) {
        var era = pair[0].era ? " (" + t("short_" + pair[0].era) + ")" : "";
        select.appendChild(new Option(pair[0].label + era, String(pair[1])));
      });
    select.value = current;
  }

  // ------------------------------------------------------------------ layout, colours
  function position(i) { return state.layout === "net" ? N[i].net : geoPos[i]; }
  function setLayout(name) {
    state.layout = name;
    placed = VIS.nodes.map(function (item, i) { return position(i).slice(); });
    nodes.update(VIS.nodes.map(function (item, i) { var p = position(i); return { id: i, x: p[0], y: p[1] }; }));
    appliedFactor = NaN;
    fitView();
    drawLegend();
  }
  // vis's own fit() measures nodes by their drawn size, unknown before the first frame:
  // frame the visible nodes from their positions instead.
  function fitView() {
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, box = $("graph");
    for (var i = 0; i < N.length; i++) {
      if (!visibleNode[i]) continue;
      var p = position(i);
      minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]);
    }
    if (minX === Infinity) return;
    // Labels hang up to ~120 canvas pixels beside and below their nodes.
    var scale = Math.min(1.5, 0.95 * Math.min(box.clientWidth / (maxX - minX + 240), box.clientHeight / (maxY - minY + 120)));
    network.moveTo({ position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 + 20 }, scale: scale, animation: false });
  }
  function setColours(scheme) {
    state.colour = scheme;
    nodes.update(VIS.nodes.map(function (item, i) { return { id: i, color: nodeColour(i, scheme) }; }));
    appliedFactor = NaN;
    drawLegend();
  }

  // ------------------------------------------------------------------ search
  var keys = null;
  function searchKeys() {
    if (!keys) {
      keys = N.map(function (n, i) {
        return [VIS.nodes[i].label, n.name, n.en, n.fr].concat(n.alt || []).filter(Boolean).map(fold);
      });
    }
    return keys;
  }
  function search(text) {
    var q = fold(text), hits = [];
    if (!q) return hits;
    searchKeys().forEach(function (list, i) {
      var rank = 9;
      list.forEach(function (k) {
        var words = " " + k + " ";
        if (k === q) rank = Math.min(rank, 0);
        else if (words.indexOf(" " + q + " ") >= 0) rank = Math.min(rank, 1);
        else if (k.indexOf(q) === 0) rank = Math.min(rank, 2);
        else if (k.indexOf(q) > 0) rank = Math.min(rank, 3);
      });
      if (rank < 9) hits.push([rank, VIS.nodes[i].label, i]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1].localeCompare(b[1]); });
    return hits.slice(0, 40).map(function (h) { return h[2]; });
  }
  function runSearch() {
    var list = $("results"), hits = search($("search").value);
    list.textContent = "";
    if (!hits.length && fold($("search").value)) { list.appendChild(el("li", t("no_match"), "muted")); return; }
    hits.forEach(function (i) {
      var li = el("li"), button = el("button", VIS.nodes[i].label);
      button.type = "button";
      button.addEventListener("click", function () { focusNode(i); });
      li.appendChild(button);
      var where = N[i].prov !== undefined ? DATA.provinces[N[i].prov].label : null;
      if (where) li.appendChild(el("span", " · " + where, "muted"));
      if (!visibleNode[i]) { li.className = "hidden"; li.appendChild(el("span", t("hidden_by_filters"), "muted")); }
      list.appendChild(li);
    });
  }
  function focusNode(i) {
    if (visibleNode[i]) {
      edgeLayer.select(null);
      network.selectNodes([i]);
      network.focus(i, { scale: Math.max(network.getScale(), 1.2), animation: false });
    }
    panel.showNode(i);
  }

  // ------------------------------------------------------------------ side panel (explorer-panel.js)
  var panel = window.KG_EXPLORER_PANEL({ data: DATA, el: el, t: t, word: word, incident: incident, fullIri: fullIri,
    details: function () { return detailsState; }, edgeDetails: edgeDetails, loadDetails: loadDetails,
    lang: function () { return lang; }, focusNode: function (i) { focusNode(i); }, focusEdge: function (j) { focusEdge(j); } });
  function focusEdge(j) {
    if (visibleEdge[j]) { network.unselectAll(); edgeLayer.select(j); }
    panel.showEdge(j);
  }
  network.on("click", function (params) {
    var named = params.nodes.length ? params.nodes[0] : labelLayer.at(params.pointer.DOM);   // a node or its label
    if (named !== null) { edgeLayer.select(null); network.selectNodes([named]); panel.showNode(named); return; }
    var j = edgeLayer.edgeAt(params.pointer.canvas);   // the nearest line within a few pixels
    edgeLayer.select(j);
    if (j !== null) panel.showEdge(j);
  });

  // ------------------------------------------------------------------ legend and language
  function legendRow(swatch, text) {
    var row = el("div");
    row.appendChild(swatch); row.appendChild(el("span", text));
    return row;
  }
  function swatch(colour, cls) {
    var s = el("span", null, cls || "swatch");
    if (cls === "line" || cls === "line dashed") s.style.borderTopColor = colour; else s.style.background = colour;
    return s;
  }
  function drawLegend() {
    var box = $("legend");
    box.textContent = "";
    if (state.colour === "level") {
      LEVELS.forEach(function (level) { box.appendChild(legendRow(swatch(LEVEL_COLOURS[level] || "#95a5a6"), word(level))); });
    } else {
      var counts = {};
      N.forEach(function (n) { if (n.prov !== undefined) counts[n.prov] = (counts[n.prov] || 0) + 1; });
      var ranked = Object.keys(counts).map(Number).sort(function (a, b) { return counts[b] - counts[a] || a - b; });
      ranked.slice(0, 14).forEach(function (p) {
        var era = DATA.provinces[p].era ? " (" + t("short_" + DATA.provinces[p].era) + ")" : "";
        box.appendChild(legendRow(swatch(provinceColour(p)), DATA.provinces[p].label + era + " · " + counts[p]));
      });
      if (ranked.length > 14) box.appendChild(legendRow(swatch("#ffffff"), t("other") + " · " + (ranked.length - 14)));
    }
    box.appendChild(legendRow(el("span", "●", "shape"), " " + t("legend_unit")));
    box.appendChild(legendRow(el("span", "■", "shape"), " " + t("legend_org")));
    if (N.some(function (n) { return n.kind === "foreign"; })) box.appendChild(legendRow(el("span", "◆", "shape"), " " + t("legend_foreign")));
    KINDS.forEach(function (kind) {
      var colour = (VIS.edges.filter(function (it, j) { return (E[j].kind || "other") === kind; })[0] || {}).color;
      box.appendChild(legendRow(swatch(colour || "#7f8c8d", "line"), word(kind)));
    });
    box.appendChild(legendRow(swatch("#555555", "line dashed"), t("legend_planned")));
    box.appendChild(legendRow(swatch("#b3b6b7", "line"), t("legend_ended")));
    box.appendChild(el("p", t("legend_arrow")));
    box.appendChild(el("p", t("legend_context")));
    box.appendChild(el("p", t("legend_undated", { n: DATA.meta.undated }), "undated-note"));
    if (state.layout !== "net") box.appendChild(el("p", t("legend_geo")));
    if (state.layout !== "net" && DATA.outline) box.appendChild(el("p", t("outline_note"), "outline-note"));
    box.appendChild(el("p", t("legend_generated", { d: DATA.meta.generated })));
  }
  function pageTitle() { return DATA.meta.title || DATA.meta.titles[lang] || DATA.meta.titles.vi; }
  function translate() {
    document.documentElement.lang = lang;
    $("title").textContent = document.title = pageTitle();
    document.querySelectorAll("[data-i18n]").forEach(function (node) { node.textContent = t(node.dataset.i18n); });
    $("lang").textContent = t("lang_button");
    $("search").placeholder = t("search_placeholder");
    document.querySelectorAll("label[data-value] .word").forEach(function (span) {
      span.textContent = " " + word(span.parentNode.dataset.value);
    });
    ["all", "pre2025", "2025"].forEach(function (era) {
      var span = document.querySelector(".era-" + era);
      if (span) span.textContent = " " + t("era_" + era);
    });
    fillProvinces(); drawLegend(); showCounts(); runSearch();
    panel.refresh();
  }

  // ------------------------------------------------------------------ start
  buildControls();
  state.colour = "province";
  state.layout = startLayout;
  $("layout").value = state.layout;
  translate();
  applyFilters();
  window.explorer = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                      data: DATA, state: state, applyFilters: applyFilters, search: search,
                      showNode: panel.showNode, showEdge: panel.showEdge, loadDetails: loadDetails,
                      edgeAt: edgeLayer.edgeAt, selectEdge: edgeLayer.select, labels: labelLayer,
                      outlineFrames: function () { return outlineFrames; }, borders: function () { return bordersShown; },
                      fold: fold, timings: timings, ready: false,
                      settled: function () { return !pending; } };   // no filter update waiting for a frame
  timings.controls = performance.now();
  // "Interactive": the first frame is drawn (and a small page's details are unpacked). Tests and
  // benchmarks wait for body[data-ready].
  fitView();
  var drawn = new Promise(function (resolve) {
    network.once("afterDrawing", function () { timings.drawn = performance.now(); resolve(); });
  });
  Promise.all([drawn, detailsLoaded]).then(function () {
    timings.ready = performance.now();
    // The site's pages link here as explorer.html#focus=IRI (short, as in the data): show that entity.
    var focus = /^#focus=(.+)$/.exec(location.hash), wanted = focus ? decodeURIComponent(focus[1]) : null;
    if (wanted) {
      var ni = N.findIndex(function (n) { return n.iri === wanted; });
      var ej = ni < 0 ? E.findIndex(function (e) { return e.iri === wanted; }) : -1;
      if (ni >= 0) focusNode(ni); else if (ej >= 0) focusEdge(ej);
    }
    window.explorer.ready = true; document.body.dataset.ready = "1";
    // The search keys of every node (a tenth of a second for 10k), before the first keystroke needs them.
    (window.requestIdleCallback || setTimeout)(function () { searchKeys(); });
  });
})();
