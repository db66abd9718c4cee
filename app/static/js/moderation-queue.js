// Keyboard shortcuts for the review queue (documented on the page):
// j / k move between entries, x ticks the entry for a bulk decision, a approves it (for a
// reported item: dismisses the reports), r opens its "Return with a reason" form.
// Nothing happens while the focus is in a field, or with Ctrl, Alt or Meta held.
(function () {
  "use strict";
  var list = document.querySelector("[data-queue]");
  if (!list) {
    return;
  }
  var entries = Array.prototype.slice.call(list.querySelectorAll("[data-queue-entry]"));
  var current = -1;

  function typing(target) {
    if (!target || !target.tagName) {
      return false;
    }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function select(index) {
    if (!entries.length) {
      return;
    }
    index = Math.max(0, Math.min(entries.length - 1, index));
    if (current >= 0) {
      entries[current].classList.remove("is-current");
    }
    current = index;
    var entry = entries[current];
    entry.classList.add("is-current");
    entry.focus();
    entry.scrollIntoView({ block: "nearest" });
  }

  function currentEntry() {
    if (current < 0) {
      var focused = document.activeElement && document.activeElement.closest("[data-queue-entry]");
      if (!focused) {
        return null;
      }
      current = entries.indexOf(focused);
    }
    return entries[current] || null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) {
      return;
    }
    var entry;
    switch (event.key) {
      case "j":
        select(current + 1);
        break;
      case "k":
        select(current < 0 ? 0 : current - 1);
        break;
      case "x":
        entry = currentEntry();
        var pick = entry && entry.querySelector("[data-queue-pick]");
        if (!pick) {
          return;
        }
        pick.checked = !pick.checked;
        break;
      case "a":
        entry = currentEntry();
        var approve = entry && entry.querySelector("[data-queue-approve]");
        if (!approve) {
          return;
        }
        approve.click();
        break;
      case "r":
        entry = currentEntry();
        var details = entry && entry.querySelector("[data-queue-return]");
        if (!details) {
          return;
        }
        details.open = true;
        var field = details.querySelector("textarea");
        if (field) {
          field.focus();
        }
        break;
      default:
        return;
    }
    event.preventDefault();
  });
})();
