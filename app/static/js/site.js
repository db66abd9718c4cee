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

  function megabytes(bytes) { return Math.round(bytes / 104857.6) / 10; }

  function checkFileSizes(input) {
    var limit = Number(input.getAttribute("data-max-bytes"));
    var tooLarge = Array.prototype.filter.call(input.files || [], function (file) { return file.size > limit; });
    var message = tooLarge.length ? "“" + tooLarge[0].name + "” is " + megabytes(tooLarge[0].size) +
      " MB, larger than the limit of " + megabytes(limit) + " MB per file. Choose a smaller file." : "";
    input.setCustomValidity(message);
    var note = input.parentElement.querySelector(".file-too-large");
    if (!note) {
      note = document.createElement("p");
      note.className = "errors file-too-large";
      note.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", note);
    }
    note.textContent = message;
    note.hidden = !message;
  }

  document.addEventListener("DOMContentLoaded", function () {
    openPanelsOnWideScreens();
    document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      input.addEventListener("change", function () { checkFileSizes(input); });
    });
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("button.copy-link[data-copy-url]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copyLink(button); });
    });
  });
}());
