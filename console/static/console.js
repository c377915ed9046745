/* Staff console: automatic sign-out when idle, and confirmation prompts.
   Local file, no dependencies, no network calls except to this console. */
(function () {
  "use strict";

  var body = document.body;
  var idleSeconds = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  var csrf = body.getAttribute("data-csrf") || "";
  var logoutForm = document.getElementById("logout-form");

  if (idleSeconds > 0 && logoutForm) {
    var idleMs = idleSeconds * 1000;
    var warnMs = Math.min(60000, idleMs / 3);
    var pingEveryMs = Math.max(1000, Math.min(60000, idleMs / 3));
    var lastPing = Date.now();           // the server saw us when this page loaded
    var warning = document.getElementById("idle-warning");
    var countdown = document.getElementById("idle-seconds");
    var stay = document.getElementById("idle-stay");
    var signingOut = false;

    var ping = function () {
      lastPing = Date.now();
      if (warning) { warning.hidden = true; }
      fetch("/session/ping", {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf },
        redirect: "follow"
      }).then(function (response) {
        if (response.redirected || !response.ok) { window.location.assign("/login?reason=idle"); }
      }).catch(function () { /* offline: the server still ends the session on time */ });
    };

    var activity = function () {
      if (!signingOut && Date.now() - lastPing >= pingEveryMs) { ping(); }
    };

    ["keydown", "mousedown", "touchstart", "wheel"].forEach(function (name) {
      document.addEventListener(name, activity, { passive: true });
    });
    if (stay) { stay.addEventListener("click", ping); }

    window.setInterval(function () {
      if (signingOut) { return; }
      var left = lastPing + idleMs - Date.now();
      if (left <= 0) {
        signingOut = true;
        logoutForm.querySelector("input[name=reason]").value = "idle";
        logoutForm.submit();
      } else if (left <= warnMs && warning) {
        warning.hidden = false;
        if (countdown) { countdown.textContent = String(Math.ceil(left / 1000)); }
      }
    }, 250);
  }

  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
