// hubplan's map: keep or close sites and see the figures the API computes. No request leaves the
// machine unless hubplan.toml sets a tile layer. Text from the server (names, titles) is only ever put
// in the page as text (textContent), never parsed as HTML.
"use strict";
// Viridis: readable in greyscale and by most colour-blind readers. Bands follow hubplan.toml's thresholds.
const VIRIDIS = ["#fde725", "#b5de2b", "#6ece58", "#35b779", "#1f9e89", "#26828e", "#31688e", "#3e4989", "#482878", "#440154"];
let BANDS = [];
const TOKEN_KEY = "hubplan-edit-token";
const state = { bases: new Set(), sites: [], areas: [], markers: {}, dots: [], mode: "bus", minutes: {}, baseline: "", access: "30", noun: "families with children under five" };
const $ = (id) => document.getElementById(id);
const fmt = (n) => n === null || n === undefined ? "-" : Math.round(n).toLocaleString("en-GB");
const money = (n) => n === null || n === undefined ? "-" : (Math.abs(n) >= 1e6 ? `£${(n / 1e6).toFixed(2)}m` : `£${Math.round(n / 1e3)}k`);
const colour = (m) => m === null ? "#999" : BANDS.find(([hi]) => m <= hi)[1];

// el("tr", {}, "text", child, ...): an element whose children are text nodes or elements.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== false && v !== null && v !== undefined) node.setAttribute(k, v === true ? "" : String(v)); });
  children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

async function api(path, options) {
  const response = await fetch(path, options);
  const data = await response.json();
  if (!data.ok) throw new Error([data.error, ...(data.details || [])].join("; "));
  return data;
}

function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function siteIcon(site) {
  const kept = state.bases.has(site.id);
  return L.divIcon({ className: `site-icon ${kept ? "base" : "closed"}`, html: kept ? "▲" : "✕", iconSize: [18, 18] });
}

function toggle(id, keep) {
  if (keep) state.bases.add(id); else state.bases.delete(id);
  const box = [...document.querySelectorAll("input[data-site]")].find((b) => b.dataset.site === id);
  if (box) box.checked = keep;
  if (state.markers[id]) state.markers[id].setIcon(siteIcon(state.sites.find((s) => s.id === id)));
  refresh();
}

async function refresh() {
  if (state.bases.size === 0) { $("metrics-title").textContent = "Your plan: keep at least one base"; return; }
  const data = await api("/api/evaluate", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ bases: [...state.bases] }) });
  const ev = data.evaluation, m = ev.modes[state.mode];
  state.minutes = data.area_minutes;
  $("metrics-title").textContent = "Your plan";
  // A metric the page leaves out (no money without costs, no saving or losses without a network today) is skipped.
  const set = (k, v) => { const el = document.querySelector(`[data-metric="${k}"]`); if (el) el.textContent = v; };
  set("bases", ev.bases.length);
  set("cost", money(ev.cost_per_year));
  set("saving", money(ev.saving_per_year));
  const t = state.access;
  set("within", `${fmt(m.within[t])} (${Math.round(100 * m.within[t] / ev.families)}%)`);
  set("mean", `${Math.round(m.mean_minutes)} min`);
  set("lose", fmt(m.lose_access ? m.lose_access[t] : null));
  const q1 = m.by.deprivation_quintile ? m.by.deprivation_quintile["1 (most deprived)"] : null;
  // Imported minutes that leave pairs out (or a plan over its own budget) change what every figure means.
  $("cautions").hidden = !ev.cautions.length;
  $("cautions").textContent = ev.cautions.map((c) => `Read with care: ${c}.`).join(" ");
  set("deprived", q1 ? fmt(q1.families - q1.within[t]) + ` beyond ${t} min` : "-");
  document.querySelectorAll(".mode-name").forEach((e) => { e.textContent = state.mode === "walk" ? "foot" : state.mode; });
  state.dots.forEach((dot, i) => dot.setStyle({ fillColor: colour(state.minutes[state.mode][i]) }));
  $("report-link").href = `/api/report?bases=${encodeURIComponent([...state.bases].join(","))}`;
  document.body.dataset.ready = String(Date.now());
}

async function here(lat, lon) {
  const bases = encodeURIComponent([...state.bases].join(","));
  const data = await api(`/api/here?lat=${lat}&lon=${lon}&bases=${bases}`);
  const rows = Object.entries(data.modes).map(([mode, x]) => el("tr", {},
    el("td", {}, mode === "walk" ? "on foot" : mode), el("td", {}, `${x.minutes ?? "-"} min to ${x.base ?? "none"}`),
    el("td", {}, `was ${x.baseline_minutes ?? "-"} min`)));
  $("here").replaceChildren(el("h2", {}, `Here: ${data.area.name || data.area.id}`),
    el("p", {}, `${fmt(data.area.families)} ${state.noun}.`), el("table", {}, ...rows));
}

async function compare(name) {
  if (!name) { $("compare-table").replaceChildren(); return; }
  const [theirs, ours] = [await api(`/api/scenarios/${encodeURIComponent(name)}`), await api("/api/evaluate", { method: "POST",
    headers: { "Content-Type": "application/json" }, body: JSON.stringify({ bases: [...state.bases] }) })];
  const a = ours.evaluation, b = theirs.evaluation, mode = state.mode;
  const row = (label, f) => el("tr", {}, el("td", {}, label), el("td", {}, f(a)), el("td", {}, f(b)));
  $("compare-table").replaceChildren(el("tr", {}, el("th", {}, "figure"), el("th", {}, "yours"), el("th", {}, name)),
    row("bases", (e) => e.bases.length), row("cost a year", (e) => money(e.cost_per_year)),
    row(`within ${state.access} min by ${mode}`, (e) => fmt(e.modes[mode].within[state.access])),
    row("average minutes", (e) => Math.round(e.modes[mode].mean_minutes)));
}

function listScenarios(scenarios) {
  $("compare").replaceChildren(el("option", { value: "" }, "choose a saved plan"),
    ...scenarios.map((s) => el("option", { value: s.name }, `${s.title} (${s.name})`)));
}

// Editing: the page shows the save form only to an editor; the token stays in this tab (sessionStorage).
async function showEditing() {
  let me = await api("/api/me", { headers: authHeaders() }).catch(() => null);
  if (!me) {  // a token the server does not accept: forget it and ask again without one
    sessionStorage.removeItem(TOKEN_KEY);
    me = await api("/api/me").catch(() => ({ editing: false, editor: null }));
  }
  const editor = Boolean(me.editor);
  $("save-form").hidden = !editor;
  $("signin-form").hidden = editor || !me.editing;
  return { me, editor };
}

function startEditing() {
  $("signin-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    $("token").value = "";
    const { editor } = await showEditing();
    $("signin-status").textContent = editor ? "" : "That token is not accepted.";
  });
  $("signout").addEventListener("click", () => { sessionStorage.removeItem(TOKEN_KEY); showEditing(); });
  $("save-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const name = $("save-name").value.trim();
    try {
      await api("/api/scenarios", { method: "POST", headers: { "Content-Type": "application/json", ...authHeaders() },
        body: JSON.stringify({ name, title: name, bases: [...state.bases] }) });
      $("save-status").textContent = `Saved as ${name}.`;
      listScenarios((await api("/api/workspace")).scenarios);
    } catch (err) { $("save-status").textContent = `Not saved: ${err.message}`; }
  });
  return showEditing();
}

async function start() {
  const ws = await api("/api/workspace");
  Object.assign(state, { sites: ws.sites, areas: ws.areas, baseline: ws.baseline, mode: ws.access_mode,
    access: String(ws.access_minutes), noun: ws.noun });
  const ts = [...ws.thresholds_minutes].sort((a, b) => a - b);
  const pick = (i, n) => VIRIDIS[Math.round(i * (VIRIDIS.length - 1) / Math.max(n - 1, 1))];
  BANDS = [...ts, Infinity].map((hi, i) => [hi, pick(i, ts.length + 1)]);
  const labels = [`up to ${ts[0]} min`, ...ts.slice(1).map((hi, i) => `${ts[i]}-${hi}`), `over ${ts[ts.length - 1]}`];
  $("legend").replaceChildren(...labels.flatMap((label, i) => {
    const swatch = el("span", { class: "band" });
    swatch.style.background = BANDS[i][1];
    return [swatch, `${label} `];
  }));
  if (ws.assumed && ws.assumed.length) {
    $("modelled").hidden = false;
    $("modelled").textContent = `Assumed by hubplan, not measured: ${ws.assumed.join("; ")}`;
  } else if (ws.modelled) { $("modelled").hidden = false; $("modelled").textContent = `Modelled data: ${ws.modelled}`; }
  const base = ws.scenarios.find((s) => s.name === ws.baseline) || ws.scenarios[0];
  (base ? base.bases : []).forEach((id) => state.bases.add(id));
  listScenarios(ws.scenarios);
  const map = L.map("map", { keyboard: true, preferCanvas: true });
  if (ws.tile_url) L.tileLayer(ws.tile_url, { attribution: ws.tile_attribution }).addTo(map);
  map.fitBounds(ws.areas.map((a) => [a.lat, a.lon]));
  const outlines = await api("/api/boundaries").catch(() => ({ features: [] }));
  const layer = (name) => outlines.features.filter((f) => f.properties.layer === name);
  const position = new Map(ws.areas.map((a, i) => [a.id, i]));
  const shapes = layer("area").filter((f) => position.has(f.properties.id));
  if (shapes.length) {
    // Each area's outline, shaded by minutes; district outlines and town names over them.
    state.dots = new Array(ws.areas.length).fill(null).map(() => ({ setStyle() {} }));
    L.geoJSON(shapes, { interactive: false, style: { weight: 0.3, color: "#ffffff", fillOpacity: 0.8, fillColor: "#999" },
      onEachFeature: (f, shape) => { state.dots[position.get(f.properties.id)] = shape; } }).addTo(map);
    L.geoJSON(layer("district"), { interactive: false, style: { weight: 1.2, color: "#222222", fill: false } }).addTo(map);
    layer("place").forEach((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const label = L.divIcon({ className: "district-label", html: "", iconSize: null });
      const marker = L.marker([lat, lon], { icon: label, interactive: false, keyboard: false }).addTo(map);
      marker.getElement().textContent = f.properties.name;
    });
  } else {
    state.dots = ws.areas.map((a) => L.circleMarker([a.lat, a.lon], { radius: 3 + Math.sqrt(a.families) / 3, weight: 0,
      fillOpacity: 0.85, fillColor: "#999", interactive: false }).addTo(map));
  }
  $("mode").value = state.mode;
  const shown = ws.sites.filter((s) => s.in_baseline || state.bases.has(s.id));
  shown.forEach((s) => {
    const marker = L.marker([s.lat, s.lon], { icon: siteIcon(s), title: `${s.name}: press Enter to keep or close`, keyboard: true, alt: s.name }).addTo(map);
    marker.on("click", () => toggle(s.id, !state.bases.has(s.id)));
    state.markers[s.id] = marker;
  });
  const fieldset = $("sites");
  const candidates = [...shown, ...ws.sites.filter((s) => !shown.includes(s) && s.can_be_base)];
  candidates.forEach((s) => {
    const box = el("input", { type: "checkbox", "data-site": s.id, checked: state.bases.has(s.id) });
    box.addEventListener("change", (e) => toggle(s.id, e.target.checked));
    fieldset.appendChild(el("label", {}, box, " ", el("span", {}, `${s.name} `, el("small", {}, `(${s.district}, ${money(s.cost_per_year)})`))));
  });
  map.on("click", (e) => here(e.latlng.lat, e.latlng.lng));
  $("mode").addEventListener("change", (e) => { state.mode = e.target.value; refresh(); });
  $("compare").addEventListener("change", (e) => compare(e.target.value));
  $("search-form").addEventListener("submit", (e) => e.preventDefault());
  let timer;
  $("search").addEventListener("input", (e) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = e.target.value.trim();
      if (q.length < 2) { $("search-results").replaceChildren(); return; }
      const found = await api(`/api/places?q=${encodeURIComponent(q)}`);
      $("search-results").replaceChildren(...found.places.map((p) => {
        const button = el("button", { type: "button" }, `${p.name} `, el("small", {}, `(${p.kind})`));
        button.addEventListener("click", () => { map.setView([p.lat, p.lon], 12); here(p.lat, p.lon); });
        return el("li", {}, button);
      }));
    }, 200);
  });
  await startEditing();
  await refresh();
}
start().catch((err) => { document.body.prepend(el("p", { role: "alert" }, `The map could not start: ${err.message}`)); });
