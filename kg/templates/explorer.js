/* The twinning explorer (kg export explorer). Runs offline from one file.
 * Data arrives as JSON (script#kg-data); every text from the data goes into the page with
 * textContent, never innerHTML. window.explorer exposes the vis DataSets for tests and scripts. */
(function () {
  "use strict";
  var timings = { start: performance.now() };   // milliseconds since navigation, for benchmarks
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  var N = DATA.nodes, E = DATA.edges, VIS = DATA.vis;

  var TEXT = {
    vi: {
      lang_button: "English", layout: "Bố cục", layout_geo: "Bản đồ (theo tọa độ)", layout_net: "Mạng lưới",
      colour: "Tô màu theo", colour_province: "Tỉnh", colour_level: "Cấp hành chính",
      search: "Tìm địa phương", search_placeholder: "Tên, có dấu hoặc không (vd. Que Son)",
      no_match: "Không tìm thấy", hidden_by_filters: " (đang bị bộ lọc ẩn)",
      filters: "Bộ lọc", kind: "Hình thức", status: "Trạng thái", level: "Cấp", era: "Thời kỳ",
      province_filter: "Tỉnh (cả hai thời kỳ)", all_provinces: "Tất cả các tỉnh", era_all: "Cả hai thời kỳ",
      era_pre2025: "Trước 1/7/2025", era_2025: "Từ 1/7/2025", short_pre2025: "trước 2025", short_2025: "từ 2025",
      time: "Thời gian", year_filter: "Lọc theo năm thiết lập", show_undated: "Hiện kết nghĩa không rõ năm",
      hide_isolated: "Ẩn đơn vị không có kết nghĩa đang hiện", legend: "Chú giải", other: "Khác",
      shown: "Đang hiện {a}/{b} đơn vị, tổ chức · {c}/{d} kết nghĩa",
      legend_unit: "Đơn vị hành chính", legend_org: "Tổ chức", legend_group: "Nhóm tổ chức",
      legend_planned: "Nét đứt: theo kế hoạch (chưa ký)", legend_ended: "Xám: đã chấm dứt",
      legend_arrow: "Mũi tên: từ bên đỡ đầu đến bên được đỡ đầu", legend_context: "Màu nhạt: đơn vị cấp trên, thêm làm ngữ cảnh",
      legend_undated: "Khi lọc theo năm, {n} kết nghĩa không rõ năm (nguồn không ghi ngày, chỉ ghi ngày-tháng, hoặc chỉ nói tương đối như «cách đây 54 năm») chỉ hiện khi chọn «Hiện kết nghĩa không rõ năm». Đơn vị hiện như trong năm đã chọn: trước hay từ 1/7/2025.",
      legend_geo: "Bản đồ: vị trí theo tọa độ trung tâm; tổ chức đặt cạnh đơn vị của mình; đơn vị không có tọa độ xếp thành cột bên trái.",
      legend_generated: "Tạo ngày {d} từ đồ thị tri thức Kết nghĩa.",
      panel_hint: "Bấm vào một đơn vị hoặc một đường kết nghĩa để xem chi tiết.",
      name_en: "Tiếng Anh", name_fr: "Tiếng Pháp", other_names: "Tên khác", type: "Loại",
      parent: "Trực thuộc", of_unit: "Thuộc đơn vị", province: "Tỉnh", code: "Mã", valid: "Hiệu lực",
      from: "từ", until: "đến", coords: "Tọa độ", coords_parent: " (của đơn vị cấp trên)", coords_unit: " (của đơn vị)",
      twinnings: "Quan hệ kết nghĩa", sources: "Nguồn", context_note: "Đơn vị được thêm làm ngữ cảnh (cấp trên của một bên kết nghĩa).",
      parties: "Các bên", sponsor: "bên đỡ đầu", established: "Thiết lập", relative: "Nguồn nói", no_date: "nguồn không ghi ngày",
      agreements: "Văn bản ký kết", signed: "Ký", content_areas: "Lĩnh vực", support: "Hỗ trợ (VND)",
      support_exact: "Chính xác", support_lower: "Tối thiểu («hơn»)", support_approx: "Xấp xỉ («khoảng»)",
      support_note: "Chỉ cộng các khoản hỗ trợ cấp cao nhất: phần của một gói không bị cộng hai lần.",
      events: "Sự kiện", people: "Người liên quan", language: "ngôn ngữ", open_link: "mở bài báo",
      "prec_day": "ngày", "prec_month": "tháng", "prec_year": "năm", "prec_month-day": "ngày-tháng, không rõ năm", "prec_unknown": "?"
    },
    en: {
      lang_button: "Tiếng Việt", layout: "Layout", layout_geo: "Map (coordinates)", layout_net: "Network",
      colour: "Colour by", colour_province: "Province", colour_level: "Level",
      search: "Find a locality", search_placeholder: "Name, with or without diacritics (e.g. Que Son)",
      no_match: "No match", hidden_by_filters: " (hidden by the filters)",
      filters: "Filters", kind: "Kind", status: "Status", level: "Level", era: "Era",
      province_filter: "Province (either era)", all_provinces: "All provinces", era_all: "Both eras",
      era_pre2025: "Before 1 July 2025", era_2025: "From 1 July 2025", short_pre2025: "before 2025", short_2025: "from 2025",
      time: "Time", year_filter: "Filter by year established", show_undated: "Show twinnings of unknown year",
      hide_isolated: "Hide units without a visible twinning", legend: "Legend", other: "Other",
      shown: "Showing {a}/{b} units and organizations · {c}/{d} twinnings",
      legend_unit: "Administrative unit", legend_org: "Organization", legend_group: "Group of organizations",
      legend_planned: "Dashed: planned (not signed yet)", legend_ended: "Grey: ended",
      legend_arrow: "Arrow: from the sponsor to the sponsored", legend_context: "Pale: parent unit, added as context",
      legend_undated: "With the year filter on, the {n} twinnings of unknown year (no date in the source, only a day and month, or only a relative time such as \u201c54 years ago\u201d) are shown only when \u201cShow twinnings of unknown year\u201d is checked. Units are shown as they were in the chosen year: before or from 1 July 2025.",
      legend_geo: "Map: positions from the centroids; organizations sit next to their unit; units without coordinates wait in a column on the left.",
      legend_generated: "Generated on {d} from the Kết nghĩa knowledge graph.",
      panel_hint: "Click a unit or a twinning line to see its details.",
      name_en: "English", name_fr: "French", other_names: "Other names", type: "Type",
      parent: "Part of", of_unit: "Of unit", province: "Province", code: "Code", valid: "Valid",
      from: "from", until: "until", coords: "Coordinates", coords_parent: " (of the parent unit)", coords_unit: " (of its unit)",
      twinnings: "Twinnings", sources: "Sources", context_note: "Added as context (a parent of a twinned unit).",
      parties: "Parties", sponsor: "sponsor", established: "Established", relative: "The source says", no_date: "no date in the source",
      agreements: "Agreements", signed: "Signed", content_areas: "Content areas", support: "Support (VND)",
      support_exact: "Exact", support_lower: "At least (\u201cmore than\u201d)", support_approx: "Approximate (\u201cabout\u201d)",
      support_note: "Only top-level supports are added up: the parts of a package are not counted twice.",
      events: "Events", people: "People involved", language: "language", open_link: "open the article",
      "prec_day": "day", "prec_month": "month", "prec_year": "year", "prec_month-day": "day and month, year unknown", "prec_unknown": "?"
    }
  };
  var lang = DATA.meta.language === "en" ? "en" : "vi";
  function t(key, values) {
    var text = (TEXT[lang] && TEXT[lang][key]) || TEXT.vi[key] || key;
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(values[k])); });
    return text;
  }
  function word(concept) {   // a vocabulary concept's label ("sister-localities" -> "Kết nghĩa")
    var labels = DATA.vocab[concept];
    return (labels && (labels[lang] || labels.vi)) || concept || t("other");
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
  var fromYear = N.map(function (n) { return yearOf(n.from); });
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
  var nodes = new vis.DataSet(VIS.nodes), edges = new vis.DataSet(VIS.edges);
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return visibleNode[item.id] === 1; } });
  var edgeView = new vis.DataView(edges, { filter: function (item) { return visibleEdge[item.id] === 1; } });
  timings.datasets = performance.now();
  var network = new vis.Network($("graph"), { nodes: nodeView, edges: edgeView }, VIS.options);
  timings.network = performance.now();

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
    showCounts();
  }
  function showCounts() {
    $("counts").textContent = t("shown", { a: nodeView.length, b: N.length, c: edgeView.length, d: E.length });
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
    nodes.update(VIS.nodes.map(function (item, i) { var p = position(i); return { id: i, x: p[0], y: p[1] }; }));
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
    var scale = Math.min(1.5, 0.85 * Math.min(box.clientWidth / Math.max(maxX - minX, 1), box.clientHeight / Math.max(maxY - minY, 1)));
    network.moveTo({ position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 }, scale: scale, animation: false });
  }
  function setColours(scheme) {
    state.colour = scheme;
    nodes.update(VIS.nodes.map(function (item, i) { return { id: i, color: nodeColour(i, scheme) }; }));
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
      network.selectNodes([i]);
      network.focus(i, { scale: Math.max(network.getScale(), 1.2), animation: false });
    }
    showNode(i);
  }

  // ------------------------------------------------------------------ side panel
  var panel = $("panel"), current = null;
  function clearPanel() { panel.textContent = ""; }
  function facts(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      if (row[1] === undefined || row[1] === null || row[1] === "") return;
      dl.appendChild(el("dt", row[0]));
      var dd = el("dd");
      if (row[1] instanceof Node) dd.appendChild(row[1]); else dd.textContent = String(row[1]);
      dl.appendChild(dd);
    });
    return dl;
  }
  function formatDate(info) {
    if (!info || !info.value) return null;
    var v = info.value, p = info.prec || info.precision, m;
    if ((m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v))) v = lang === "vi" ? +m[3] + "/" + +m[2] + "/" + m[1] : m[1] + "-" + m[2] + "-" + m[3];
    else if ((m = /^(\d{4})-(\d{2})$/.exec(v))) v = lang === "vi" ? +m[2] + "/" + m[1] : m[1] + "-" + m[2];
    else if ((m = /^--(\d{2})-(\d{2})$/.exec(v))) v = lang === "vi" ? +m[2] + "/" + +m[1] : "--" + m[1] + "-" + m[2];
    return v + " (" + t("prec_" + (p || "unknown")) + ")";
  }
  function safeUrl(url) {
    try { var u = new URL(url); return u.protocol === "https:" || u.protocol === "http:" ? u.href : null; }
    catch (e) { return null; }
  }
  function sourceList(indices) {
    var ul = el("ul"), seen = {};
    indices.forEach(function (k) {
      if (seen[k]) return;
      seen[k] = true;
      var s = DATA.sources[k], li = el("li");
      li.appendChild(el("span", s.title || s.iri, "source-title"));
      if (s.language) li.appendChild(el("span", " · " + t("language") + ": " + s.language, "muted"));
      var href = safeUrl(s.url);
      if (href) {
        var a = el("a", t("open_link"));
        a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
        li.appendChild(el("span", " · ")); li.appendChild(a);
      }
      ul.appendChild(li);
    });
    return ul;
  }
  function linkButton(text, onClick) {
    var b = el("button", text, "link");
    b.type = "button"; b.addEventListener("click", onClick);
    return b;
  }
  function showNode(i) {
    current = ["node", i];
    var n = N[i], label = VIS.nodes[i].label;
    clearPanel();
    panel.appendChild(el("h2", label));
    var coords = n.lat !== undefined ? n.lat.toFixed(4) + ", " + n.lon.toFixed(4) +
      (n.where === "parent" ? t("coords_parent") : n.where === "unit" ? t("coords_unit") : "") : null;
    var valid = n.from || n.until ? [n.from ? t("from") + " " + n.from : "", n.until ? t("until") + " " + n.until : ""].join(" ").trim() : null;
    panel.appendChild(facts([
      [t("name_en"), n.en], [t("name_fr"), n.fr], [t("other_names"), (n.alt || []).join(", ")],
      [t("type"), n.type ? word(n.type) : null], [t("level"), n.level ? word(n.level) : null],
      [t("era"), n.era ? word(n.era) : null],
      [t("province"), n.prov !== undefined ? DATA.provinces[n.prov].label : null],
      [n.kind === "unit" ? t("parent") : t("of_unit"), n.parent], [t("code"), n.code],
      [t("valid"), valid], [t("coords"), coords]]));
    if (n.ctx) panel.appendChild(el("p", t("context_note"), "muted"));
    panel.appendChild(el("h3", t("twinnings") + " (" + incident[i].length + ")"));
    var ul = el("ul"), sources = [];
    incident[i].forEach(function (j) {
      var li = el("li");
      li.appendChild(linkButton(E[j].label || E[j].iri, function () { focusEdge(j); }));
      var when = E[j].est ? formatDate({ value: E[j].est, prec: E[j].prec }) : E[j].rel;
      if (when) li.appendChild(el("span", " · " + when, "muted"));
      ul.appendChild(li);
      sources = sources.concat(E[j].src || []);
    });
    panel.appendChild(ul);
    if (sources.length) { panel.appendChild(el("h3", t("sources"))); panel.appendChild(sourceList(sources)); }
    panel.appendChild(el("p", fullIri(n.iri), "iri"));
  }
  function showEdge(j) {
    current = ["edge", j];
    var e = E[j], item = VIS.edges[j];
    clearPanel();
    panel.appendChild(el("h2", e.label || e.iri));
    var parties = el("span");
    [item.from, item.to].forEach(function (i, k) {
      if (k) parties.appendChild(el("span", item.arrows ? " → " : " – "));
      parties.appendChild(linkButton(VIS.nodes[i].label, function () { focusNode(i); }));
      if (k === 0 && item.arrows) parties.appendChild(el("span", " (" + t("sponsor") + ")", "muted"));
    });
    var established = e.est ? formatDate({ value: e.est, prec: e.prec }) : (e.rel ? null : t("no_date"));
    panel.appendChild(facts([
      [t("name_en"), e.en], [t("name_fr"), e.fr], [t("kind"), e.kind ? word(e.kind) : null],
      [t("status"), e.status ? word(e.status) : null], [t("parties"), parties],
      [t("established"), established], [t("relative"), e.rel ? "«" + e.rel + "»" : null]]));
    if (e.agreements) {
      panel.appendChild(el("h3", t("agreements")));
      var ul = el("ul");
      e.agreements.forEach(function (a) {
        var li = el("li", a.label);
        li.appendChild(facts([[t("type"), a.type ? word(a.type) : null], [t("signed"), formatDate(a.signed_on)],
          [t("content_areas"), (a.content_areas || []).map(word).join("; ")]]));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    if (e.support) {
      panel.appendChild(el("h3", t("support")));
      var money = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB");
      var totals = e.vnd || {};
      panel.appendChild(facts([[t("support_exact"), totals.exact ? money.format(totals.exact) : null],
        [t("support_lower"), totals["lower-bound"] ? money.format(totals["lower-bound"]) : null],
        [t("support_approx"), totals.approximate ? money.format(totals.approximate) : null]]));
      var list = el("ul");
      e.support.forEach(function (s) {
        var li = el("li", s.label);
        var detail = [s.stated_as ? "«" + s.stated_as + "»" : null, formatDate(s.date)].filter(Boolean).join(" · ");
        if (detail) li.appendChild(el("span", " — " + detail, "muted"));
        list.appendChild(li);
      });
      panel.appendChild(list);
      panel.appendChild(el("p", t("support_note"), "muted"));
    }
    if (e.events) {
      panel.appendChild(el("h3", t("events")));
      var events = el("ul");
      e.events.forEach(function (ev) {
        var li = el("li", ev.label), when = formatDate(ev.date);
        if (when) li.appendChild(el("span", " — " + when, "muted"));
        events.appendChild(li);
      });
      panel.appendChild(events);
    }
    if (e.people) {
      panel.appendChild(el("h3", t("people")));
      var people = el("ul");
      e.people.forEach(function (p) {
        var li = el("li", p.name);
        (p.posts || []).forEach(function (post) {
          var bits = [post.role ? word(post.role) : null, post.organization, formatDate(post.as_of)].filter(Boolean);
          li.appendChild(el("div", bits.join(", "), "muted"));
        });
        people.appendChild(li);
      });
      panel.appendChild(people);
    }
    if (e.src && e.src.length) { panel.appendChild(el("h3", t("sources"))); panel.appendChild(sourceList(e.src)); }
    panel.appendChild(el("p", fullIri(e.iri), "iri"));
  }
  function focusEdge(j) {
    if (visibleEdge[j]) network.selectEdges([j]);
    showEdge(j);
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
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
    box.appendChild(el("p", t("legend_generated", { d: DATA.meta.generated })));
  }
  function translate() {
    document.documentElement.lang = lang;
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
    if (!current) { clearPanel(); panel.appendChild(el("p", t("panel_hint"), "muted")); }
    else if (current[0] === "node") showNode(current[1]); else showEdge(current[1]);
  }

  // ------------------------------------------------------------------ start
  $("title").textContent = DATA.meta.title;
  buildControls();
  state.colour = "province";
  state.layout = startLayout;
  $("layout").value = state.layout;
  translate();
  applyFilters();
  window.explorer = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                      data: DATA, state: state, applyFilters: applyFilters, search: search,
                      showNode: showNode, showEdge: showEdge, fold: fold, timings: timings, ready: false };
  timings.controls = performance.now();
  // "Interactive": the first frame is drawn. Tests and benchmarks wait for body[data-ready].
  fitView();
  network.once("afterDrawing", function () {
    timings.ready = performance.now();
    window.explorer.ready = true; document.body.dataset.ready = "1";
  });
})();
