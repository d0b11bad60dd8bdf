// kg serve's query editor: YASGUI (shipped by the Oxigraph server) on this server's /query, with
// the project's prefixes and the saved queries as examples. Nothing may leave this server.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-editor-data").textContent);
  const lang = (navigator.language || "vi").toLowerCase().startsWith("en") ? "en" : "vi";
  const words = {
    vi: { examples: "Ví dụ", questions: "Câu hỏi", checks: "Kiểm tra chất lượng (không được có dòng nào)",
          params: "Tham số (giá trị mặc định)", pick: "— chọn một truy vấn đã lưu —" },
    en: { examples: "Examples", questions: "Questions", checks: "Quality checks (must return no rows)",
          params: "Parameters (default values)", pick: "— pick a saved query —" },
  }[lang];
  document.documentElement.lang = lang;
  document.getElementById("kg-examples-label").textContent = words.examples;

  // Relative to the page, so that a reverse proxy may serve it under a path of its own.
  const endpoint = new URL("query", document.baseURI).href;
  // YASGUI's defaults complete prefixes from prefix.cc (fetched at load) and classes and
  // properties from LOV's API (while typing): prefixes come from this server, the others are off.
  // Changed in place: YASGUI merges arrays index by index, so a shorter list would not replace it.
  const completers = Yasgui.Yasqe.defaults.autocompleters;
  completers.splice(0, completers.length, "variables", "prefixes");
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    persistenceId: "ketnghia-editor",  // not Oxigraph's page's tabs, which point at /sparql
    requestConfig: { endpoint: endpoint },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    yasqe: { value: data.start, prefixCcApi: new URL("editor/prefixes.json", document.baseURI).href },
  });
  window.kgEditor = yasgui;  // for the browser tests

  const select = document.getElementById("kg-examples");
  select.options[0].textContent = words.pick;
  const byName = {};
  for (const check of [false, true]) {
    const group = document.createElement("optgroup");
    group.label = check ? words.checks : words.questions;
    for (const query of data.examples.filter(function (q) { return q.check === check; })) {
      byName[query.name] = query;
      const option = document.createElement("option");
      option.value = query.name;
      option.textContent = query.name + " — " + (query.title[lang] || query.title.en || "");
      group.appendChild(option);
    }
    select.appendChild(group);
  }

  const describe = function (query) {
    const box = document.getElementById("kg-description");
    box.textContent = query ? (query.description[lang] || query.description.en || "") : "";
    if (query && query.params.length) {
      box.appendChild(document.createTextNode(" " + words.params + ": "));
      query.params.forEach(function (param, i) {
        const code = document.createElement("code");
        code.textContent = param.name + " = " + param.default;
        if (i) box.appendChild(document.createTextNode(", "));
        box.appendChild(code);
      });
    }
  };
  select.addEventListener("change", function () {
    const query = byName[select.value];
    describe(query);
    if (!query) return;
    const tab = yasgui.getTab();
    tab.setQuery(query.text);
    tab.setName(query.name);
  });
  document.body.dataset.ready = "1";
})();
