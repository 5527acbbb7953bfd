// catruc: small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // An incident's acknowledge link: the page sends the acknowledgement at
  // once (one tap for the person; a mail scanner that only fetches the link
  // acknowledges nothing). Without scripts its button does it.
  var auto = document.querySelector("form[data-autosubmit]");
  if (auto) auto.submit();
  // Live alerts: pages that show alerts refresh their list when one changes.
  var live = document.querySelector("[data-live-alerts]");
  if (live && window.EventSource) {
    var es = new EventSource("/live/alerts");
    var pending = false;
    es.addEventListener("message", function () {});
    ["alert.opened", "alert.updated", "alert.escalated", "alert.resolved", "alert.acknowledged"].forEach(function (t) {
      es.addEventListener(t, function () {
        if (pending) return;
        pending = true;
        fetch(live.getAttribute("data-live-alerts"), { credentials: "same-origin" })
          .then(function (r) { return r.text(); })
          .then(function (html) { live.innerHTML = html; pending = false; })
          .catch(function () { pending = false; });
      });
    });
  }
  // Live incidents: the dashboard's open incidents refresh when one changes.
  var liveInc = document.querySelector("[data-live-incidents]");
  if (liveInc && window.EventSource) {
    var ies = es || new EventSource("/live/alerts");
    var incPending = false;
    ["incident.declared", "incident.acknowledged", "incident.updated", "incident.escalated", "incident.closed"].forEach(function (t) {
      ies.addEventListener(t, function () {
        if (incPending) return;
        incPending = true;
        fetch(liveInc.getAttribute("data-live-incidents"), { credentials: "same-origin" })
          .then(function (r) { return r.text(); })
          .then(function (html) { liveInc.innerHTML = html; incPending = false; })
          .catch(function () { incPending = false; });
      });
    });
  }
  // A running plan: its progress from the page's stream; when it stops, its
  // result replaces the page's body without a reload (without JavaScript the
  // page refreshes itself).
  var plan = document.querySelector("[data-plan-live]");
  if (plan && window.EventSource) {
    var ps = new EventSource(plan.getAttribute("data-plan-live"));
    ps.addEventListener("progress", function (e) {
      var d = JSON.parse(e.data);
      var el = plan.querySelector("[data-elapsed]"), best = plan.querySelector("[data-best]");
      if (el) el.textContent = d.elapsed;
      if (best) best.textContent = d.best;
    });
    ps.addEventListener("done", function () {
      ps.close();
      fetch(plan.getAttribute("data-plan-url"), { credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var body = doc.getElementById("plan-body");
          if (!body) { window.location.reload(); return; }
          plan.replaceWith(body);
          body.querySelectorAll("form[data-confirm]").forEach(confirmForm);
          var h = body.querySelector("h1");
          if (h) { h.setAttribute("tabindex", "-1"); h.focus(); }
        })
        .catch(function () { window.location.reload(); });
    });
  }
  // Roster grids: one Tab stop for the whole grid (roving tabindex); the
  // arrow keys move between the day headers and the cells, Home and End go
  // to the ends of a row (with Ctrl: of the grid), Enter opens the cell (a link).
  document.querySelectorAll("table.roster").forEach(rosterGrid);
  function rosterGrid(table) {
    // rows[r][c]: the link in column c of row r, or null (the corner, row headers).
    var rows = [].map.call(table.rows, function (tr) {
      return [].map.call(tr.cells, function (cell) {
        return cell.tagName === "TD" || cell.classList.contains("day") ? cell.querySelector("a") : null;
      });
    });
    var where = new Map();
    rows.forEach(function (row, r) {
      row.forEach(function (a, c) { if (a) { where.set(a, [r, c]); a.tabIndex = -1; } });
    });
    if (!where.size) return;
    var start = table.querySelector("tbody td a.cell");
    var today = table.querySelector("thead th.today");
    if (today && table.tBodies[0] && table.tBodies[0].rows[0]) {
      var cell = table.tBodies[0].rows[0].cells[today.cellIndex];
      start = (cell && cell.querySelector("a")) || start;
    }
    var current = start || where.keys().next().value;
    current.tabIndex = 0;
    function make(a) {
      if (a === current) return;
      current.tabIndex = -1;
      a.tabIndex = 0;
      current = a;
    }
    // The box scrolls with the focus: it needs no Tab stop of its own.
    var wrap = table.closest(".roster-wrap");
    if (wrap) wrap.removeAttribute("tabindex");
    table.addEventListener("focusin", function (e) {
      if (where.has(e.target)) make(e.target);
    });
    // find walks from (r, c) by (dr, dc) to the next link, or null.
    function find(r, c, dr, dc) {
      for (r += dr, c += dc; r >= 0 && r < rows.length && c >= 0 && c < rows[r].length; r += dr, c += dc) {
        if (rows[r][c]) return rows[r][c];
      }
      return null;
    }
    function ends(r, last) {
      var row = rows[r], i = last ? row.length - 1 : 0, step = last ? -1 : 1;
      for (; i >= 0 && i < row.length; i += step) { if (row[i]) return row[i]; }
      return null;
    }
    table.addEventListener("keydown", function (e) {
      var at = where.get(e.target);
      if (!at || e.altKey || e.metaKey) return;
      var r = at[0], c = at[1], to = null;
      switch (e.key) {
        case "ArrowRight": to = find(r, c, 0, 1); break;
        case "ArrowLeft": to = find(r, c, 0, -1); break;
        case "ArrowDown": to = find(r, c, 1, 0); break;
        case "ArrowUp": to = find(r, c, -1, 0); break;
        case "Home": to = e.ctrlKey ? ends(1, false) || ends(0, false) : ends(r, false); break;
        case "End": to = e.ctrlKey ? ends(rows.length - 1, true) : ends(r, true); break;
        default: return;
      }
      e.preventDefault();
      if (to) { make(to); to.focus(); }
    });
  }
  // Copy buttons: <button data-copy="#id">.
  document.querySelectorAll("[data-copy]").forEach(function (b) {
    b.addEventListener("click", function () {
      var el = document.querySelector(b.getAttribute("data-copy"));
      if (!el) return;
      el.select();
      if (navigator.clipboard) { navigator.clipboard.writeText(el.value); } else { document.execCommand("copy"); }
      b.textContent = b.getAttribute("data-done") || b.textContent;
    });
  });
  // Print buttons.
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
  // Confirm dangerous actions: <form data-confirm="...">.
  document.querySelectorAll("form[data-confirm]").forEach(confirmForm);
  function confirmForm(f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault();
    });
  }
})();
