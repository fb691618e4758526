// Small fixes to the theme's behaviour and to markup that theme scripts create at run time.
(function () {
  "use strict";

  // The sidebar toggles. pydata-sphinx-theme 0.17 puts a .primary-toggle and a
  // .secondary-toggle in its (hidden) header bar; sphinx-book-theme shows its own pair in
  // the article header. Both themes attach their click handlers to the FIRST element of
  // each class (document.querySelector), the hidden one, so the visible buttons do
  // nothing (pydata-sphinx-theme issue 2451). Each visible button hands its click to the
  // first one, which does what the themes intend: on a narrow screen pydata opens the
  // sidebar as a dialog; on a wide one sphinx-book-theme shows or hides the sidebar.
  function connectToggles() {
    ["primary", "secondary"].forEach(function (side) {
      var buttons = document.querySelectorAll("." + side + "-toggle");
      if (buttons.length < 2) return;
      var first = buttons[0];
      Array.prototype.slice.call(buttons, 1).forEach(function (button) {
        if (button.getAttribute("data-pf-toggle")) return;
        button.setAttribute("data-pf-toggle", side);
        button.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          button.focus();  // the dialog gives focus back to what had it when it closes
          first.click();
        });
      });
    });
  }

  function fix() {
    // sphinx-togglebutton labels its <summary> "Toggle hidden content" while it shows
    // "Show code cell source": let the visible text be the accessible name.
    document.querySelectorAll('summary[aria-label="Toggle hidden content"]').forEach(function (s) {
      s.removeAttribute("aria-label");
    });
  }

  // Printing: open every collapsed block (citations, data tables, claims, the chapters'
  // hidden code, which print hides) so that the paper shows what the screen hides behind
  // a click, and close them again afterwards.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    // (Not a chart's menu of actions, which print hides.)
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      if (d.closest(".vega-embed")) return;
      d.setAttribute("open", "");
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.removeAttribute("open"); });
    opened = [];
  });

  function ready() {
    connectToggles();
    setTimeout(fix, 0);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
