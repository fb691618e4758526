// Small accessibility fixes to markup that theme scripts create at run time.
(function () {
  "use strict";
  function fix() {
    // sphinx-togglebutton labels its <summary> "Toggle hidden content" while it shows
    // "Show code cell source": let the visible text be the accessible name.
    document.querySelectorAll('summary[aria-label="Toggle hidden content"]').forEach(function (s) {
      s.removeAttribute("aria-label");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setTimeout(fix, 0); });
  } else {
    fix();
  }
})();
