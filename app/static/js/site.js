/* Progressive enhancements, loaded as a file (the CSP allows no inline script). */
(function () {
  "use strict";

  function copyLink(button) {
    var status = button.parentElement.querySelector(".copy-status");
    var say = function (text) { if (status) { status.textContent = text; } };
    navigator.clipboard.writeText(button.getAttribute("data-copy-url")).then(
      function () { say("Link copied."); },
      function () { say("Could not copy: select the address bar and copy it instead."); }
    );
  }

  function openPanelsOnWideScreens() {
    if (!window.matchMedia("(min-width: 50rem)").matches) { return; }
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) { panel.open = true; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    openPanelsOnWideScreens();
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("button.copy-link[data-copy-url]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copyLink(button); });
    });
  });
}());
