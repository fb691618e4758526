// Draws every Altair chart on the page with the Vega files vendored in
// _static/vendor/: nothing is fetched from outside the site. A chart is a
// <div class="pf-chart"> followed by its spec in <script class="pf-chart-spec">.
(function () {
  "use strict";
  var FILES = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];

  function staticRoot() {
    var root = document.documentElement.getAttribute("data-content_root") || "./";
    return root + "_static/vendor/";
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  function loadVega() {
    if (window.vegaEmbed) return Promise.resolve();
    var base = staticRoot();
    return FILES.reduce(function (p, f) {
      return p.then(function () { return loadScript(base + f); });
    }, Promise.resolve());
  }

  function draw() {
    var specs = document.querySelectorAll("script.pf-chart-spec");
    if (!specs.length) return;
    loadVega().then(function () {
      specs.forEach(function (node) {
        var el = document.getElementById(node.getAttribute("data-for"));
        if (!el || el.getAttribute("data-drawn")) return;
        var spec = JSON.parse(node.textContent);
        window.vegaEmbed(el, spec, {
          renderer: "svg",
          actions: { export: true, source: false, compiled: false, editor: false },
          tooltip: { theme: "light" }
        }).then(function (result) {
          el.setAttribute("data-drawn", "true");
          var svg = el.querySelector("svg");
          if (svg) { svg.setAttribute("role", "img"); svg.setAttribute("aria-label", el.getAttribute("data-label")); }
          var btn = el.querySelector("details > summary");
          if (btn) btn.setAttribute("aria-label", "Chart actions: save as SVG or PNG");
        });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
