/* The explorer's side panel: the facts of a unit or a twinning, built with textContent only.
 * kg/network/templates/explorer.js calls KG_EXPLORER_PANEL(context) once and keeps what it returns. */
window.KG_EXPLORER_PANEL = function (x) {
  "use strict";
  var DATA = x.data, N = DATA.nodes, E = DATA.edges, VIS = DATA.vis, el = x.el, t = x.t, word = x.word;
  var panel = document.getElementById("panel"), current = null;
  function clearPanel() { panel.textContent = ""; delete panel.dataset.details; }
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
    if ((m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v))) v = x.lang() === "vi" ? +m[3] + "/" + +m[2] + "/" + m[1] : m[1] + "-" + m[2] + "-" + m[3];
    else if ((m = /^(\d{4})-(\d{2})$/.exec(v))) v = x.lang() === "vi" ? +m[2] + "/" + m[1] : m[1] + "-" + m[2];
    else if ((m = /^--(\d{2})-(\d{2})$/.exec(v))) v = x.lang() === "vi" ? +m[2] + "/" + +m[1] : "--" + m[1] + "-" + m[2];
    return v + " (" + t("prec_" + (p || "unknown")) + ")";
  }
  function day(value) {   // an xsd date, gYearMonth or gYear as the language writes it, without its precision
    var v = String(value || ""), m;
    if ((m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v))) return x.lang() === "vi" ? +m[3] + "/" + +m[2] + "/" + m[1] : m[1] + "-" + m[2] + "-" + m[3];
    if ((m = /^(\d{4})-(\d{2})$/.exec(v))) return x.lang() === "vi" ? t("month") + " " + +m[2] + "/" + m[1] : m[1] + "-" + m[2];
    return v;
  }
  function languageName(code) { var name = t("lang_" + code); return name === "lang_" + code ? code : name; }
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
      if (s.issued) li.appendChild(el("span", " · " + t("issued") + " " + day(s.issued), "muted"));
      if (s.language) li.appendChild(el("span", " · " + t("language") + ": " + languageName(s.language), "muted"));
      var href = safeUrl(s.url || (s.address ? "https://" + s.address : ""));
      if (href) {
        var a = el("a", t("open_link"));
        a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
        li.appendChild(el("span", " · ")); li.appendChild(a);
      }
      if (s.address) li.appendChild(el("div", t("address") + ": " + s.address, "muted address"));
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
      (n.where === "parent" ? t("coords_parent") : n.where === "unit" ? t("coords_unit") :
       n.where === "successors" ? t("coords_successors") : "") : null;
    var valid = n.from || n.until ? [n.from ? t("from") + " " + day(n.from) : "", n.until ? t("until") + " " + day(n.until) : ""].join(" ").trim() : null;
    var named = {};   // a name already shown is not repeated as another name
    [label, n.name, n.en, n.fr].forEach(function (name) { if (name) named[String(name).toLowerCase()] = true; });
    var others = (n.alt || []).filter(function (name) {
      var key = String(name).toLowerCase(), fresh = !named[key];
      named[key] = true;
      return fresh;
    });
    panel.appendChild(facts([
      [t("name_en"), n.en], [t("name_fr"), n.fr], [t("other_names"), others.join(", ")],
      [t("type"), n.type ? word(n.type) : null], [t("level"), n.level ? word(n.level) : null],
      [t("era"), n.era ? word(n.era) : null],
      [t("province"), n.prov !== undefined ? DATA.provinces[n.prov].label : null],
      [n.kind ? t("of_unit") : t("parent"), n.parent], [t("code"), n.code],   // no kind: a unit
      [t("valid"), valid], [t("coords"), coords]]));
    if (n.ctx) panel.appendChild(el("p", t("context_note"), "muted"));
    panel.appendChild(el("h3", t("twinnings") + " (" + x.incident[i].length + ")"));
    var ul = el("ul"), sources = [];
    x.incident[i].forEach(function (j) {
      var li = el("li");
      li.appendChild(linkButton(edgeName(E[j]), function () { x.focusEdge(j); }));
      var when = E[j].est ? formatDate({ value: E[j].est, prec: E[j].prec }) : E[j].rel;
      if (when) li.appendChild(el("span", " · " + when, "muted"));
      ul.appendChild(li);
      sources = sources.concat(E[j].src || []);
    });
    panel.appendChild(ul);
    if (sources.length) { panel.appendChild(el("h3", t("sources"))); panel.appendChild(sourceList(sources)); }
    panel.appendChild(el("p", x.fullIri(n.iri), "iri"));
  }
  function edgeName(e) { return (x.lang() === "en" && e.en) || e.label || e.iri; }
  var byIri = null;   // a relation of 3+ parties is one line per pair, all with its IRI
  function partiesOf(j) {
    if (!byIri) {
      byIri = {};
      E.forEach(function (e, k) { (byIri[e.iri] = byIri[e.iri] || []).push(k); });
    }
    var seen = {}, list = [];
    byIri[E[j].iri].forEach(function (k) {
      [VIS.edges[k].from, VIS.edges[k].to].forEach(function (i) { if (!seen[i]) { seen[i] = true; list.push(i); } });
    });
    return list;
  }
  function showEdge(j) {
    current = ["edge", j];
    var e = x.edgeDetails(j), item = VIS.edges[j], pending = !e;
    if (pending) {   // its chunk of details is still packed: show the rest now, all of it in a moment
      e = E[j];
      x.loadDetails(j).then(function () { if (current && current[0] === "edge" && current[1] === j) showEdge(j); });
    }
    clearPanel();
    panel.appendChild(el("h2", edgeName(e)));
    var parties = el("span");
    (item.arrows ? [item.from, item.to] : partiesOf(j)).forEach(function (i, k) {
      if (k) parties.appendChild(el("span", item.arrows ? " → " : " – "));
      parties.appendChild(linkButton(VIS.nodes[i].label, function () { x.focusNode(i); }));
      if (k === 0 && item.arrows) parties.appendChild(el("span", " (" + t("sponsor") + ")", "muted"));
    });
    var established = e.est ? formatDate({ value: e.est, prec: e.prec }) : (e.rel ? null : t("no_date"));
    var english = x.lang() === "en" && e.en;   // the heading is English: the Vietnamese name is listed
    panel.appendChild(facts([
      english ? [t("name_vi"), e.label] : [t("name_en"), e.en], [t("name_fr"), e.fr], [t("kind"), e.kind ? word(e.kind) : null],
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
      var money = new Intl.NumberFormat(x.lang() === "vi" ? "vi-VN" : "en-GB");
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
    if (pending || x.details() === "failed") panel.appendChild(el("p", t(pending ? "details_pending" : "details_failed"), "muted"));
    if (e.src && e.src.length) { panel.appendChild(el("h3", t("sources"))); panel.appendChild(sourceList(e.src)); }
    panel.appendChild(el("p", x.fullIri(e.iri), "iri"));
    panel.dataset.details = pending ? "pending" : "shown";   // for tests and benchmarks
  }
  function showHint() { current = null; clearPanel(); panel.appendChild(el("p", t("panel_hint"), "muted")); }
  function refresh() {   // after a change of language
    if (!current) showHint(); else if (current[0] === "node") showNode(current[1]); else showEdge(current[1]);
  }
  return { showNode: showNode, showEdge: showEdge, showHint: showHint, refresh: refresh };
};
