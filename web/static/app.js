// catruc: small progressive enhancements; every page works without them.
(function () {
  "use strict";
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
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
})();
