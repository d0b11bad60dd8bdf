// Client-side search over the site's names (assets/search-data.js), with or without diacritics.
// Names are data: they reach the page through textContent only.
(function () {
  "use strict";
  var DATA = window.KG_SEARCH || [];
  var en = document.documentElement.lang === "en";
  var KINDS = { unit: ["Đơn vị hành chính", "Administrative unit"], place: ["Địa phương nước ngoài", "Foreign locality"],
    relation: ["Quan hệ kết nghĩa", "Twinning relation"], person: ["Người", "Person"], organization: ["Tổ chức", "Organization"],
    policy: ["Văn bản chủ trương", "Policy document"], source: ["Bài nguồn", "Source article"], thing: ["Mục dữ liệu", "Record"] };
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^0-9a-z]+/g, " ").trim();
  }
  function search(query) {
    var q = fold(query), hits = [];
    if (!q) return hits;
    for (var i = 0; i < DATA.length; i++) {
      var keys = DATA[i][4], at = keys.indexOf(q);
      if (at < 0) continue;
      var whole = ("| " + keys + " |").indexOf("| " + q + " |") >= 0;   // a whole name, not its start
      var rank = whole ? 0 : (at === 0 || keys.substr(at - 3, 3) === " | ") ? 1 : keys.charAt(at - 1) === " " ? 2 : 3;
      hits.push([rank, i]);
      if (hits.length > 5000) break;
    }
    // best match first, then what the sources say most about (DATA is sorted that way), then the shorter name
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return hits.slice(0, 100).map(function (h) { return DATA[h[1]]; });
  }
  function show() {
    var list = document.getElementById("hits"), query = document.getElementById("q").value;
    list.textContent = "";
    var hits = search(query);
    if (!hits.length && fold(query)) {
      var none = document.createElement("li");
      none.className = "muted";
      none.textContent = en ? "No match" : "Không tìm thấy";
      list.appendChild(none);
    }
    hits.forEach(function (e) {
      var li = document.createElement("li"), a = document.createElement("a"), info = document.createElement("span");
      a.href = e[0] + (en ? ".en.html" : ".html");
      a.textContent = (en && e[2]) ? e[2] : e[1];
      info.className = "muted";
      info.textContent = " · " + (KINDS[e[3]] || ["", ""])[en ? 1 : 0] + (e[5] ? " · " + e[5] : "");
      li.appendChild(a); li.appendChild(info);
      list.appendChild(li);
    });
    document.body.dataset.hits = String(hits.length);
  }
  var input = document.getElementById("q");
  var params = new URLSearchParams(location.search);
  if (params.get("q")) input.value = params.get("q");
  input.addEventListener("input", show);
  document.getElementById("search-form").addEventListener("submit", function (ev) { ev.preventDefault(); show(); });
  show();
  document.body.dataset.ready = "1";
})();
