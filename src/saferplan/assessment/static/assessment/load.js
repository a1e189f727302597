// Polls the load's status every 2 seconds until it finishes; the page works without it.
(function () {
  var box = document.getElementById("load-status");
  if (!box || box.dataset.status === "done" || box.dataset.status === "failed") return;
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        document.getElementById("load-label").textContent = s.label;
        document.getElementById("load-progress").textContent =
          s.done + " of " + s.total + " files (" + s.percent + "%)";
        document.getElementById("load-message").textContent = s.message;
        if (s.status !== "done" && s.status !== "failed") setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
