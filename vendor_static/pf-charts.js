// Draws every Altair chart on the page with the Vega files vendored in
// _static/vendor/: nothing is fetched from outside the site. A chart is a
// <div class="pf-chart"> followed by its spec in <script class="pf-chart-spec">
// and, for some, a narrow variant in <script class="pf-chart-narrow" data-below="N">,
// drawn instead when the container is narrower than N pixels (labels above the bars
// on a phone). The narrow spec leaves out the datasets the first one carries.
// Titles and subtitles are wrapped to the chart's width (Vega does not wrap them), and
// a chart is drawn again when a new width needs the other variant or other line breaks.
(function () {
  "use strict";
  var FILES = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];
  // Room the title cannot use: vega-embed's actions button on the right (38 px) and
  // Vega's padding on either side (5 px), with a little to spare.
  var RESERVED = 52;
  var charts = [];
  var canvas = null;

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

  // --- Titles wrapped to the width -------------------------------------------------

  function textWidth(text, font) {
    canvas = canvas || document.createElement("canvas");
    var ctx = canvas.getContext("2d");
    ctx.font = font;
    return ctx.measureText(text).width;
  }

  /** Each given line wrapped at spaces so that no line is wider than `width`. */
  function wrap(lines, font, width) {
    var out = [];
    [].concat(lines).forEach(function (line) {
      var current = "";
      String(line).split(/\s+/).forEach(function (word) {
        var next = current ? current + " " + word : word;
        if (current && textWidth(next, font) > width) {
          out.push(current);
          current = word;
        } else {
          current = next;
        }
      });
      if (current) out.push(current);
    });
    return out;
  }

  function wrapTitle(spec, width) {
    var title = spec.title;
    if (!title) return;
    if (typeof title === "string" || Array.isArray(title)) title = spec.title = { text: title };
    var config = spec.config || {};
    var looks = config.title || {};
    var family = looks.font || config.font || "sans-serif";
    title.text = wrap(title.text, "bold " + (looks.fontSize || 13) + "px " + family, width);
    if (title.subtitle) {
      title.subtitle = wrap(title.subtitle, (looks.subtitleFontSize || 10) + "px " + family, width);
    }
  }

  // --- Which spec, at which width ------------------------------------------------------

  /** The spec to draw at the container's present width, and a key that changes when it does. */
  function specFor(chart) {
    var width = chart.el.clientWidth;
    var spec = JSON.parse(chart.wide.textContent);
    var narrow = chart.narrow;
    var isNarrow = !!narrow && width < Number(narrow.getAttribute("data-below"));
    if (isNarrow) {
      var datasets = spec.datasets || {};
      spec = JSON.parse(narrow.textContent);
      spec.datasets = Object.assign({}, datasets, spec.datasets || {});
    }
    wrapTitle(spec, Math.max(width - RESERVED, 120));
    return { spec: spec, key: JSON.stringify([isNarrow, spec.title]) };
  }

  function draw(chart) {
    var chosen = specFor(chart);
    var spec = chosen.spec;
    var key = chosen.key;
    if (chart.key === key) return Promise.resolve();
    chart.key = key;
    if (chart.result) chart.result.finalize();
    return window.vegaEmbed(chart.el, spec, {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
      tooltip: { theme: "light" }
    }).then(function (result) {
      chart.result = result;
      var el = chart.el;
      el.setAttribute("data-drawn", "true");
      var svg = el.querySelector("svg");
      if (svg) { svg.setAttribute("role", "img"); svg.setAttribute("aria-label", el.getAttribute("data-label")); }
      var btn = el.querySelector("details > summary");
      if (btn) btn.setAttribute("aria-label", "Chart actions: save as SVG or PNG");
    });
  }

  function drawAll() {
    var specs = document.querySelectorAll("script.pf-chart-spec");
    if (!specs.length) return;
    loadVega().then(function () {
      specs.forEach(function (node) {
        var id = node.getAttribute("data-for");
        var el = document.getElementById(id);
        if (!el || el.getAttribute("data-drawn")) return;
        var chart = {
          el: el,
          wide: node,
          narrow: document.querySelector('script.pf-chart-narrow[data-for="' + id + '"]'),
          key: null,
          result: null
        };
        charts.push(chart);
        draw(chart);
      });
    });
  }

  var pending = 0;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { charts.forEach(draw); }, 150);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
