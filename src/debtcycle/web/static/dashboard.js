// debtcycle dashboard: every chart is an Altair spec served by /api/chart (or POST /api/scenario/chart).
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let meta = {charts: [], routes: []};
  let template = null;
  let serial = 0;

  function escapeText(text) {
    const div = document.createElement("div");
    div.textContent = String(text);
    return div.innerHTML;
  }

  async function getJSON(url, options) {
    const response = await fetch(url, options);
    const body = await response.json();
    if (!response.ok) { throw new Error(body.error || ("HTTP " + response.status)); }
    return body;
  }

  async function draw(id, url, options) {
    const el = $(id);
    const mine = ++serial;
    el.dataset.state = "loading";
    el.dataset.request = String(mine);
    try {
      const spec = await getJSON(url, options);
      if (el.dataset.request !== String(mine)) { return; }
      await vegaEmbed(el, spec, {actions: false, renderer: "svg"});
      el.dataset.url = url;
      el.dataset.state = "ok";
    } catch (err) {
      el.innerHTML = '<p class="error">' + escapeText(err.message) + "</p>";
      el.dataset.state = "error";
    }
  }

  function has(chart) { return meta.charts.indexOf(chart) >= 0; }
  function country() { return $("country").value; }
  function q(params) { return new URLSearchParams(params).toString(); }

  function drawCountry() {
    const c = country();
    if (has("leverage")) { draw("chart-leverage", "/api/chart/leverage?" + q({country: c})); }
    if (has("phases")) { draw("chart-phases", "/api/chart/phases?" + q({country: c})); }
    if (has("gap")) { draw("chart-gap", "/api/chart/gap?" + q({country: c})); }
    else { $("panel-gap").hidden = true; }
    if (has("balances")) { draw("chart-balances", "/api/chart/balances?" + q({country: c})); }
    drawAlign();
    bsrTable(c);
    $("dl-csv").href = "/api/leverage?" + q({country: c, format: "csv"});
    $("dl-xlsx").href = "/api/leverage?" + q({country: c, format: "xlsx"});
    $("dl-png").href = "/api/chart/leverage?" + q({country: c, format: "png"});
    $("dl-note").href = "/api/report?" + q({country: c, format: "html"});
  }

  function drawCompare() {
    if (!has("compare")) { return; }
    draw("chart-compare", "/api/chart/compare?" + q({countries: $("compare-countries").value,
                                                     sector: $("compare-sector").value}));
  }

  function drawAlign() {
    if (!has("align")) { return; }
    draw("chart-align", "/api/chart/align?" + q({country: country(), to: $("align-to").value}));
  }

  async function bsrTable(c) {
    const el = $("bsr-table");
    el.dataset.state = "loading";
    try {
      const result = await getJSON("/api/bsr?" + q({country: c}));
      const rows = result.periods.filter((p) => p.measured).slice(-6);
      const names = rows.length ? Object.keys(rows[0].signals) : [];
      let html = "<table><tr><th>Signal</th>" + rows.map((r) => "<th>" + escapeText(r.period) + "</th>").join("") + "</tr>";
      names.forEach((n) => {
        html += "<tr><td>" + escapeText(n.replace(/_/g, " ")) + "</td>" + rows.map((r) => {
          const v = r.signals[n];
          return "<td>" + (v === null ? "n/a" : (v ? "yes" : "no")) + "</td>";
        }).join("") + "</tr>";
      });
      html += "<tr><td>score</td>" + rows.map((r) => "<td>" + r.score + "</td>").join("") + "</tr>";
      html += "<tr><td>verdict</td>" + rows.map((r) => "<td>" + escapeText(r.verdict) + "</td>").join("") + "</tr></table>";
      el.innerHTML = html;
      el.dataset.state = "ok";
    } catch (err) {
      el.innerHTML = '<p class="error">' + escapeText(err.message) + "</p>";
      el.dataset.state = "error";
    }
  }

  // Scenario levers: every number under [levers.*] of the template becomes an input.
  function leverInputs(spec) {
    const form = $("levers");
    form.innerHTML = "";
    Object.entries(spec.levers || {}).forEach(([lever, fields]) => {
      Object.entries(fields).forEach(([field, value]) => {
        if (typeof value !== "number") { return; }
        const label = document.createElement("label");
        label.textContent = lever + "." + field + " ";
        const input = document.createElement("input");
        input.type = "number"; input.step = "any"; input.value = String(value);
        input.name = lever + "." + field;
        label.appendChild(input);
        form.appendChild(label);
      });
    });
  }

  function currentSpec() {
    const spec = JSON.parse(JSON.stringify(template));
    $("levers").querySelectorAll("input").forEach((input) => {
      const [lever, field] = input.name.split(".");
      const value = Number(input.value);
      if (Number.isFinite(value)) { spec.levers[lever][field] = value; }
    });
    spec.uncertainty = Object.assign({}, spec.uncertainty || {});
    spec.uncertainty.paths = Math.min(spec.uncertainty.paths || 2000, 2000);
    return spec;
  }

  async function runScenario() {
    if (!template) { return; }
    $("scenario-status").textContent = "running...";
    await draw("chart-scenario", "/api/scenario/chart", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(currentSpec())});
    $("scenario-status").textContent = $("chart-scenario").dataset.state === "ok"
      ? "done (" + new Date().toLocaleTimeString() + ")" : "failed";
  }

  async function loadScenario() {
    template = await getJSON("/api/scenarios/" + encodeURIComponent($("scenario-name").value));
    leverInputs(template);
    await runScenario();
  }

  async function start() {
    meta = await getJSON("/api/meta");
    const countries = await getJSON("/api/countries");
    const select = $("country");
    countries.forEach((c) => {
      const option = document.createElement("option");
      option.value = c.code; option.textContent = c.code + " " + c.name;
      select.appendChild(option);
    });
    select.value = countries.some((c) => c.code === "CN") ? "CN" : countries[0].code;
    select.addEventListener("change", drawCountry);
    $("compare-countries").addEventListener("change", drawCompare);
    $("compare-sector").addEventListener("change", drawCompare);
    $("align-to").addEventListener("change", drawAlign);
    $("run-scenario").addEventListener("click", runScenario);
    $("levers").addEventListener("change", runScenario);
    drawCountry();
    drawCompare();
    const names = await getJSON("/api/scenarios");
    names.forEach((n) => {
      const option = document.createElement("option");
      option.value = n; option.textContent = n;
      $("scenario-name").appendChild(option);
    });
    $("scenario-name").addEventListener("change", loadScenario);
    if (names.length) { await loadScenario(); }
    document.body.dataset.ready = "1";
  }

  start().catch((err) => { $("scenario-status").textContent = err.message; });
})();
