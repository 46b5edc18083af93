// The report page's script, inlined into report.html (allowed by a CSP hash). It reads the JSON
// data block and builds the datasheet × area matrix, the limit rows (in pages), input errors,
// events and plots. Every string from the record is set with textContent, never as markup.
// Plain ES2017 in a string: it runs in the browser, not in Node.
export const REPORT_CLIENT_JS = String.raw`(function () {
"use strict";
var D = JSON.parse(document.getElementById("report-data").textContent);
var O = D.outcomes, A = D.areas, L = D.limits, S = D.subjects, V = D.v;
var PAGE = 100, MPAGE = 50;
var LABEL = { pass: "pass", fail: "FAIL", marginal: "marginal", error: "error", "not-applicable": "n/a" };
var state = { outcome: "all", area: "all", text: "", subject: -1, page: 0, mpage: 0 };
var PROBLEM = {}; PROBLEM[O.indexOf("fail")] = 1; PROBLEM[O.indexOf("marginal")] = 1; PROBLEM[O.indexOf("error")] = 1;

function h(tag, cls, text) {
  var el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined && text !== null) el.textContent = String(text);
  return el;
}
function $(id) { return document.getElementById(id); }
function fmt(x) {
  if (x === null || x === undefined) return "";
  if (!isFinite(x)) return String(x);
  if (Math.round(x) === x && Math.abs(x) < 1e15) return String(x);
  var a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e9)) return x.toExponential(3);
  return String(Number(x.toPrecision(6)));
}
function pill(oi) {
  var o = O[oi];
  return h("span", "pill o-" + o, LABEL[o] || o);
}

// Which outcome indexes the outcome filter keeps.
function outcomeOk(oi) {
  if (state.outcome === "all") return true;
  if (state.outcome === "problems") return PROBLEM[oi] === 1;
  return O[oi] === state.outcome;
}

var limitText = L.map(function (l) { return (l[0] + " " + l[2] + " " + l[3] + " " + l[5] + " " + l[6] + " " + A[l[1]]).toLowerCase(); });
var subjectText = S.map(function (s) { return (s[0] + " " + s[2]).toLowerCase(); });
var filtered = [];

function applyFilters() {
  var q = state.text.trim().toLowerCase();
  var area = state.area === "all" ? -2 : A.indexOf(state.area);
  var lm = L.map(function (_, i) { return q === "" || limitText[i].indexOf(q) !== -1; });
  var sm = S.map(function (_, i) { return q === "" || subjectText[i].indexOf(q) !== -1; });
  var out = [];
  var n = V.s.length;
  for (var i = 0; i < n; i++) {
    var s = V.s[i], l = V.l[i];
    if (state.subject >= 0 && s !== state.subject) continue;
    if (area !== -2 && L[l][1] !== area) continue;
    if (!outcomeOk(V.o[i])) continue;
    if (q !== "" && !lm[l] && !sm[s] && V.x[i].toLowerCase().indexOf(q) === -1 &&
        V.r[i].toLowerCase().indexOf(q) === -1 && V.e[i].toLowerCase().indexOf(q) === -1 && V.p[i].toLowerCase().indexOf(q) === -1) continue;
    out.push(i);
  }
  filtered = out;
}

function evidenceText(i) {
  var e = V.e[i];
  if (e.charAt(0) === ":") return (S[V.s[i]][1] || S[V.s[i]][0]) + (e.length > 1 ? e : "");
  return e;
}

// "datasheets/acme/x.yaml:12:3" shows as "x.yaml:12:3"; the full path is the cell's tooltip.
function shortPath(ev) {
  var m = /^([^ ]*\/)([^/ ]+:\d+(?::\d+)?)$/.exec(ev);
  return m ? m[2] : ev;
}

function marginCell(i) {
  var td = h("td", "num obs");
  var m = V.m[i];
  if (m === null) return td;
  var l = L[V.l[i]];
  td.appendChild(document.createTextNode((m > 0 ? "+" : "") + fmt(m)));
  if (l[9]) {
    var bar = h("span", "bar");
    var fill = h("i", O[V.o[i]] === "marginal" ? "mar" : m < 0 ? "neg" : "");
    fill.style.width = Math.max(4, Math.min(1, Math.abs(m) / l[9]) * 100) + "%";
    bar.appendChild(fill);
    bar.title = "margin relative to the bound";
    td.appendChild(bar);
  }
  return td;
}

function renderRows() {
  var tbody = $("rows-body");
  tbody.textContent = "";
  var total = filtered.length;
  var pages = Math.max(1, Math.ceil(total / PAGE));
  if (state.page >= pages) state.page = pages - 1;
  var from = state.page * PAGE, to = Math.min(total, from + PAGE);
  var multi = S.length > 1;
  var frag = document.createDocumentFragment();
  for (var k = from; k < to; k++) {
    var i = filtered[k];
    var l = L[V.l[i]];
    var tr = h("tr", "o-row-" + O[V.o[i]]);
    tr.setAttribute("data-outcome", O[V.o[i]]);
    if (multi) tr.appendChild(h("td", "subj", S[V.s[i]][0]));
    var id = h("td", "id");
    id.appendChild(h("code", "", l[0]));
    tr.appendChild(id);
    var title = h("td", "ttl");
    title.appendChild(document.createTextNode(l[2]));
    if (V.p[i] || l[8]) title.appendChild(h("div", "title mono", V.p[i] || l[8]));
    if (l[10]) {
      // Notes and conditions fold away so long provenance text does not stretch every row.
      var note = h("details", "title");
      note.appendChild(h("summary", "", "note"));
      note.appendChild(document.createTextNode(l[10]));
      title.appendChild(note);
    }
    tr.appendChild(title);
    tr.appendChild(h("td", "num obs", V.x[i]));
    tr.appendChild(h("td", "bound", l[3]));
    tr.appendChild(h("td", "", l[4]));
    tr.appendChild(marginCell(i));
    var oc = h("td", "");
    oc.appendChild(pill(V.o[i]));
    if (V.r[i]) oc.appendChild(h("div", "title", V.r[i]));
    tr.appendChild(oc);
    tr.appendChild(h("td", "src", l[5]));
    var conf = h("td", "nw");
    conf.appendChild(document.createTextNode(l[6]));
    if (l[6] === "assumed") {
      var flag = h("span", "flag", "assumed");
      flag.title = "assumed value: not confirmed by an MSA member; a lab may override it in its profile";
      conf.appendChild(flag);
    }
    tr.appendChild(conf);
    var ev = evidenceText(i);
    var evCell = h("td", "ev mono", shortPath(ev));
    evCell.title = ev;
    tr.appendChild(evCell);
    frag.appendChild(tr);
  }
  tbody.appendChild(frag);
  $("shown").textContent = total === 0 ? "No rows match the filters (" + V.s.length + " in the run)." :
    "Showing " + (from + 1) + "–" + to + " of " + total + " rows" + (total !== V.s.length ? " (" + V.s.length + " in the run)" : "");
  $("page-info").textContent = "page " + (state.page + 1) + " of " + pages;
  $("prev").disabled = state.page === 0;
  $("next").disabled = state.page >= pages - 1;
  var chip = $("f-subject");
  chip.hidden = state.subject < 0;
  if (state.subject >= 0) $("f-subject-name").textContent = S[state.subject][0];
}

var RANK = {}; ["fail", "error", "marginal", "pass", "not-applicable"].forEach(function (o, r) { RANK[O.indexOf(o)] = r; });
function subjectRank(s) {
  if (s[6] > 0) return 1;
  var worst = 9;
  for (var k = 0; k < O.length; k++) if (s[4][k] > 0 && RANK[k] < worst) worst = RANK[k];
  return worst;
}
var matrixOrder = S.map(function (_, i) { return i; }).sort(function (a, b) { return subjectRank(S[a]) - subjectRank(S[b]) || a - b; });

function renderMatrix() {
  var body = $("matrix-body");
  if (!body) return;
  var q = state.text.trim().toLowerCase();
  var area = state.area === "all" ? -1 : A.indexOf(state.area);
  var list = matrixOrder.filter(function (i) {
    var s = S[i];
    if (q !== "" && subjectText[i].indexOf(q) === -1) return false;
    if (state.outcome === "all") return true;
    if (state.outcome === "problems" && s[6] > 0) return true;
    for (var k = 0; k < O.length; k++) {
      if (s[4][k] > 0 && outcomeOk(k)) {
        if (area < 0) return true;
        if (s[5][area] === k) return true;
      }
    }
    return false;
  });
  var pages = Math.max(1, Math.ceil(list.length / MPAGE));
  if (state.mpage >= pages) state.mpage = pages - 1;
  var from = state.mpage * MPAGE, to = Math.min(list.length, from + MPAGE);
  body.textContent = "";
  var frag = document.createDocumentFragment();
  for (var k = from; k < to; k++) {
    var i = list[k], s = S[i];
    var tr = h("tr", "");
    var name = h("td", "name");
    var a = h("a", "", s[0]);
    a.href = "#s=" + i;
    name.appendChild(a);
    if (s[2]) name.appendChild(h("div", "title", s[2]));
    tr.appendChild(name);
    for (var j = 0; j < A.length; j++) {
      var td = h("td", "cell");
      var oi = s[5][j];
      if (s[6] > 0 && j === 0) {
        var ie = h("a", "o-error", "input error");
        ie.href = "#input-errors";
        td.appendChild(ie);
      } else if (oi >= 0) {
        var link = h("a", "o-" + O[oi], LABEL[O[oi]]);
        link.href = "#s=" + i + "&a=" + A[j];
        link.title = s[0] + " · " + A[j] + ": " + O[oi];
        td.appendChild(link);
      } else {
        td.appendChild(h("span", "o-none", "·"));
      }
      if (area === j) td.className += " sel";
      tr.appendChild(td);
    }
    var c = s[4];
    tr.appendChild(h("td", "num", String(c[O.indexOf("fail")])));
    tr.appendChild(h("td", "num", String(c[O.indexOf("marginal")])));
    tr.appendChild(h("td", "num", String(c[O.indexOf("error")] + s[6])));
    frag.appendChild(tr);
  }
  body.appendChild(frag);
  $("matrix-shown").textContent = list.length === 0 ? "No datasheets match the filters." :
    "Showing " + (from + 1) + "–" + to + " of " + list.length + " subjects" + (list.length !== S.length ? " (" + S.length + " in the run)" : "") + ", worst first";
  $("mprev").disabled = state.mpage === 0;
  $("mnext").disabled = state.mpage >= pages - 1;
}

function render() {
  applyFilters();
  renderRows();
  renderMatrix();
}

function readHash() {
  var m = /^#s=(\d+)(?:&a=([a-z]+))?$/.exec(location.hash);
  if (!m) return false;
  var i = Number(m[1]);
  if (!(i >= 0 && i < S.length)) return false;
  state.subject = i;
  state.area = m[2] && A.indexOf(m[2]) >= 0 ? m[2] : "all";
  $("f-area").value = state.area;
  state.page = 0;
  render();
  $("limits").scrollIntoView();
  return true;
}

function renderInputErrors() {
  var body = $("input-errors-body");
  if (!body) return;
  var max = Math.min(D.inputErrors.length, 1000);
  for (var k = 0; k < max; k++) {
    var e = D.inputErrors[k];
    var tr = h("tr", "");
    tr.appendChild(h("td", "", S[e[0]][0]));
    var code = h("td", ""); code.appendChild(h("code", "", e[1])); tr.appendChild(code);
    tr.appendChild(h("td", "", e[2]));
    tr.appendChild(h("td", "mono", e[4]));
    tr.appendChild(h("td", "", e[3]));
    body.appendChild(tr);
  }
  if (D.inputErrors.length > max) $("input-errors-more").textContent = (D.inputErrors.length - max) + " more in the run record.";
}

function renderEvents() {
  var body = $("events-body");
  if (!body) return;
  var max = Math.min(D.events.length, 1000);
  for (var k = 0; k < max; k++) {
    var e = D.events[k];
    var tr = h("tr", "");
    tr.appendChild(h("td", "mono", e[1]));
    tr.appendChild(h("td", "", e[0] >= 0 ? S[e[0]][0] : "run"));
    var lvl = h("td", ""); lvl.appendChild(h("span", "pill o-" + (e[2] === "error" ? "fail" : e[2] === "warning" ? "marginal" : "not-applicable"), e[2])); tr.appendChild(lvl);
    tr.appendChild(h("td", "", e[3]));
    tr.appendChild(h("td", "", e[4] + (e[5] ? " (step: " + e[5] + ")" : "")));
    body.appendChild(tr);
  }
}

var LINE_COLORS = ["#cf222e", "#bc4c00", "#8250df", "#1f6feb"];
function renderPlots() {
  var box = $("plots-box");
  if (!box || !D.plots.length) return;
  if (typeof uPlot === "undefined") { box.textContent = "The plotting library did not load."; return; }
  var width = Math.max(560, Math.min(640, box.clientWidth / (box.clientWidth > 1240 ? 2 : 1) - 20));
  D.plots.forEach(function (p) {
    var card = h("div", "plot");
    card.setAttribute("data-channel", p.channel);
    card.appendChild(h("h3", "", p.channel + (p.unit ? " (" + p.unit + ")" : "")));
    card.appendChild(h("div", "note", (S.length > 1 ? S[p.s][0] + " · " : "") + (p.instrument ? p.instrument + " · " : "") +
      p.n.toLocaleString("en-US") + " readings" + (p.t.length < p.n ? ", drawn as " + p.t.length.toLocaleString("en-US") + " points (min/max per bucket: peaks kept)" : "")));
    box.appendChild(card);
    var data = [p.t, p.v];
    var series = [{ label: "t (s)" }, { label: p.channel, stroke: "#1f6feb", width: 1, value: function (u, v) { return v === null ? "" : fmt(v) + " " + p.unit; } }];
    p.lines.forEach(function (line, k) {
      data.push(p.t.map(function () { return line[1]; }));
      series.push({ label: line[0], stroke: LINE_COLORS[k % LINE_COLORS.length], width: 1.5, dash: [6, 4], points: { show: false } });
    });
    new uPlot({
      width: width, height: 240,
      scales: { x: { time: false } },
      axes: [{ label: "time since start (s)", size: 44 }, { label: p.unit, size: 60 }],
      series: series,
      cursor: { drag: { x: true, y: false } },
    }, data, card);
  });
}

function bind() {
  var fo = $("f-outcome"), fa = $("f-area"), ft = $("f-text");
  fo.addEventListener("change", function () { state.outcome = fo.value; state.page = 0; state.mpage = 0; render(); });
  fa.addEventListener("change", function () { state.area = fa.value; state.page = 0; state.mpage = 0; render(); });
  var timer = 0;
  ft.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.text = ft.value; state.page = 0; state.mpage = 0; render(); }, 120);
  });
  $("prev").addEventListener("click", function () { state.page--; renderRows(); });
  $("next").addEventListener("click", function () { state.page++; renderRows(); });
  $("f-subject-clear").addEventListener("click", function () {
    state.subject = -1; state.page = 0;
    if (location.hash.indexOf("#s=") === 0) history.replaceState(null, "", location.pathname + location.search);
    render();
  });
  if ($("mprev")) {
    $("mprev").addEventListener("click", function () { state.mpage--; renderMatrix(); });
    $("mnext").addEventListener("click", function () { state.mpage++; renderMatrix(); });
  }
  window.addEventListener("hashchange", readHash);
}

bind();
renderInputErrors();
renderEvents();
if (!readHash()) render();
renderPlots();
document.documentElement.setAttribute("data-ready", "true");
})();
`;
