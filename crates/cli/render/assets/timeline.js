// Draws the timeline and the states table from the embedded JSON; no network access.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var report = data.report, timeline = data.timeline, total = timeline.total_ms || 1;
  var rowsEl = document.getElementById("rows"), tip = document.getElementById("tooltip");
  var tbody = document.querySelector("#states tbody"), filter = document.getElementById("scope-filter");

  function dur(ms) {
    if (ms === null || ms === undefined) return "-";
    if (Math.abs(ms) < 1000) return (Math.round(ms * 1000) / 1000) + " ms";
    if (Math.abs(ms) < 60000) return (ms / 1000).toFixed(3) + " s";
    var m = Math.floor(ms / 60000);
    return m + "m " + ((ms - m * 60000) / 1000).toFixed(3) + "s";
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function pct(ms) { return (100 * ms / total) + "%"; }
  function bar(track, cls, from, to, info) {
    var b = el("div", "bar " + cls);
    b.style.left = pct(from);
    b.style.width = pct(Math.max(0, to - from));
    b.dataset.info = info;
    track.appendChild(b);
  }
  function errText(e) { return e ? (e.error || e.event_type) + (e.cause ? ": " + e.cause : "") : ""; }

  var summary = document.getElementById("summary");
  var st = el("b", "st-" + report.status, report.status);
  summary.appendChild(st);
  summary.appendChild(document.createTextNode(
    " in " + dur(report.duration_ms) + " — " + report.states_entered + " states entered, " +
    report.retries + " retries, " + report.errors + " errors" +
    (report.failure ? " — failed in " + (report.failure.state || "?") + " (event " + report.failure.event_id + "): " +
      (report.failure.error || "") : "")));

  for (var t = 0; t <= 4; t++) {
    var s = el("span", null, dur(total * t / 4));
    s.style.left = (t * 25) + "%";
    document.getElementById("axis").appendChild(s);
  }

  var critical = {};
  report.critical_path.forEach(function (c) { critical[c.visit] = c.share; });
  var scopes = [], rows = [], trs = [];
  report.states.forEach(function (state, i) {
    var b = timeline.bars[i];
    if (scopes.indexOf(state.scope) < 0) {
      scopes.push(state.scope);
      var opt = el("option", null, state.scope);
      opt.value = state.scope;
      filter.appendChild(opt);
      if (state.depth > 0) {
        var head = el("div", "row scope-head");
        head.dataset.scope = state.scope;
        var hl = el("div", "label", "\u00a0".repeat(4 * (state.depth - 1)) + "▸ " + state.scope);
        head.appendChild(hl);
        head.appendChild(el("div", "track"));
        rowsEl.appendChild(head);
        rows.push(head);
      }
    }
    var onPath = critical.hasOwnProperty(state.visit);
    var row = el("div", "row" + (state.error ? " error" : "") + (onPath ? " critical" : ""));
    row.dataset.visit = state.visit;
    row.dataset.name = state.name;
    row.dataset.scope = state.scope;
    var label = el("div", "label", "\u00a0".repeat(4 * state.depth) + state.name);
    label.appendChild(el("span", "scope", state.type));
    row.appendChild(label);
    var track = el("div", "track");
    var info = state.name + " (" + state.type + ", " + state.scope + ")\nevents " + state.entered_event_id +
      " → " + (state.exited_event_id === null ? "open" : state.exited_event_id) +
      "\nduration " + dur(state.duration_ms) +
      (state.queue_ms !== null ? "\nqueue " + dur(state.queue_ms) + ", work " + dur(state.work_ms) : "") +
      (state.attempt > 1 ? "\nattempts " + state.attempt : "") +
      (onPath ? "\ncritical path, " + (100 * critical[state.visit]).toFixed(1) + "% of the execution" : "") +
      (state.error ? "\nerror " + errText(state.error) : "");
    var container = state.type === "Parallel" || state.type === "Map";
    bar(track, container ? "container" : "state", b.start_ms, b.end_ms, info);
    if (state.type === "Task") {
      b.attempts.forEach(function (a, k) {
        var failed = a.outcome === "failed" || a.outcome === "timed_out";
        var ai = state.name + " attempt " + (k + 1) + " (" + a.outcome + ")";
        if (a.started_ms !== null) {
          bar(track, "queue", a.begin_ms, a.started_ms, ai + "\nqueued " + dur(a.started_ms - a.begin_ms));
          bar(track, failed ? "failed" : "work", a.started_ms, a.end_ms, ai + "\nwork " + dur(a.end_ms - a.started_ms) +
            (state.attempts[k] && state.attempts[k].error ? "\nerror " + errText(state.attempts[k].error) : ""));
        } else {
          bar(track, "queue", a.begin_ms, a.end_ms, ai);
        }
      });
    }
    b.backoffs.forEach(function (g, k) {
      bar(track, "backoff", g.from_ms, g.to_ms, state.name + " backoff before attempt " + (k + 2) + "\n" + dur(g.to_ms - g.from_ms));
    });
    row.appendChild(track);
    rowsEl.appendChild(row);
    rows.push(row);

    var tr = el("tr");
    tr.dataset.name = state.name;
    tr.dataset.scope = state.scope;
    [state.visit, "\u00a0".repeat(2 * state.depth) + state.name, state.type, state.scope, state.attempt,
      state.entered_event_id + "→" + (state.exited_event_id === null ? "" : state.exited_event_id),
      dur(state.duration_ms), dur(state.queue_ms), dur(state.work_ms), errText(state.error)
    ].forEach(function (v, k) {
      tr.appendChild(el("td", (k === 0 || k === 4 || (k >= 6 && k <= 8)) ? "num" : null, String(v)));
    });
    tbody.appendChild(tr);
    trs.push(tr);
  });

  var highlighted = null;
  function apply() {
    var scope = filter.value;
    rows.forEach(function (r) {
      r.hidden = scope !== "" && r.dataset.scope !== scope;
      r.classList.toggle("hl", highlighted !== null && r.dataset.name === highlighted);
      r.classList.toggle("dim", highlighted !== null && r.dataset.name !== highlighted && !r.classList.contains("scope-head"));
    });
    trs.forEach(function (r) {
      r.classList.toggle("hidden", scope !== "" && r.dataset.scope !== scope);
      r.classList.toggle("hl", highlighted !== null && r.dataset.name === highlighted);
    });
  }
  rowsEl.addEventListener("click", function (ev) {
    var row = ev.target.closest(".row");
    if (!row || !row.dataset.name) return;
    highlighted = highlighted === row.dataset.name ? null : row.dataset.name;
    apply();
  });
  filter.addEventListener("change", apply);
  document.getElementById("clear").addEventListener("click", function () { highlighted = null; filter.value = ""; apply(); });
  rowsEl.addEventListener("mousemove", function (ev) {
    var target = ev.target.closest(".bar");
    if (!target) { tip.hidden = true; return; }
    tip.textContent = target.dataset.info;
    tip.hidden = false;
    tip.style.left = (ev.clientX + 12) + "px";
    tip.style.top = (ev.clientY + 12) + "px";
  });
  rowsEl.addEventListener("mouseleave", function () { tip.hidden = true; });
  // The page's address can preset the view: #highlight=STATE&scope=SCOPE.
  var params = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
    var kv = pair.split("=");
    if (kv.length === 2) params[kv[0]] = decodeURIComponent(kv[1]);
  });
  if (params.highlight) highlighted = params.highlight;
  if (params.scope && scopes.indexOf(params.scope) >= 0) filter.value = params.scope;
  apply();
  document.body.dataset.rendered = String(report.states.length);
})();
