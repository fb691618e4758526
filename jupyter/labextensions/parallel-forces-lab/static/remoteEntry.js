/*
 * parallel-forces-lab: shows a chapter in JupyterLab as the book shows it, offline.
 *
 * - Charts. A figure's output is the book's own HTML: <div class="pf-chart"> and its
 *   Vega-Lite spec in <script type="application/json" class="pf-chart-spec">, which the
 *   book's pf-charts.js draws. Here every such container in a notebook is drawn the same way,
 *   with the Vega files vendored in vendor_static/vendor (static/vendor is a link to them,
 *   served by the Jupyter server). When JupyterLab's sanitizer removed the spec (an untrusted
 *   notebook: a downloaded one, or one whose outputs were not made in this session) the spec
 *   is read from the notebook's stored output instead. Vega is given a loader that fetches
 *   nothing: the specs carry their data.
 * - Prose. Every {glue:text}`key` role in a rendered markdown cell shows the value that the
 *   notebook's glue("key", ...) output holds (myst-nb's text/plain, as the book shows it),
 *   whether the cell was rendered by jupyterlab-myst (which shows the bare key in a <span>)
 *   or by JupyterLab's own markdown renderer (which shows the role's text).
 *
 * Nothing is added to the notebook: the kernel's outputs stay those the book and nbval use.
 *
 * Written by hand, with no build step. JupyterLab loads this file (package.json, "_build"),
 * then calls init(shareScope) and get("./extension") on window._JUPYTERLAB[name]: the
 * interface of a webpack module-federation container, which built extensions implement.
 * The INotebookTracker token comes from the @jupyterlab/notebook module JupyterLab shares.
 * tests/test_lab.py runs every chapter through it in Chromium.
 */
(function () {
  "use strict";

  var NAME = "parallel-forces-lab";
  var here = document.currentScript && document.currentScript.src;
  var VENDOR = here ? here.slice(0, here.lastIndexOf("/") + 1) + "vendor/" : "";
  var VEGA_FILES = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];
  var SPEC_RE = /<script type="application\/json" class="pf-chart-spec" data-for="([^"]+)">([\s\S]*?)<\/script>/g;
  // JupyterLab's markdown renderer leaves a role as text followed by <code>key</code>.
  var ROLE_RE = /\{glue(?::text|:)?\}$/;
  // A glue key, optionally with a format spec (key:s, key:.1f).
  var KEY_RE = /^[A-Za-z_][\w.\-]*(?::[^:\s]*)?$/;
  var CSS = [
    ".jp-OutputArea .pf-chart { width: 100%; min-height: 120px; }",
    ".jp-OutputArea .pf-chart .vega-embed { width: 100%; }",
    ".jp-OutputArea .pf-chart svg { max-width: 100%; height: auto; }",
    // jupyterlab-myst's stylesheet takes the disclosure marker off every <summary>.
    ".jp-OutputArea .pf-figure summary { list-style: disclosure-closed inside; cursor: pointer; }",
    ".jp-OutputArea .pf-figure details[open] > summary { list-style-type: disclosure-open; }"
  ].join("\n");

  var shared = null;
  var vegaReady = null;

  // --- Vega, loaded once per JupyterLab page from the vendored files -----------------

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
    if (window.vega && window.vegaLite && window.vegaEmbed) return Promise.resolve();
    if (!vegaReady) {
      // The files are UMD: hide an AMD loader, if any, so that they set window globals.
      var define = window.define;
      window.define = undefined;
      vegaReady = VEGA_FILES.reduce(function (p, f) {
        return p.then(function () { return loadScript(VENDOR + f); });
      }, Promise.resolve()).then(function () {
        window.define = define;
      }, function (err) {
        window.define = define;
        vegaReady = null;
        throw err;
      });
    }
    return vegaReady;
  }

  function offlineLoader() {
    var loader = window.vega.loader();
    loader.sanitize = function (uri) {
      return Promise.reject(new Error(NAME + ": charts load nothing from outside the notebook (" + uri + ")"));
    };
    return loader;
  }

  function draw(el, specText) {
    el.setAttribute("data-pf-drawn", "pending");
    loadVega().then(function () {
      return window.vegaEmbed(el, JSON.parse(specText), {
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false },
        tooltip: { theme: "light" },
        loader: offlineLoader()
      });
    }).then(function () {
      el.setAttribute("data-pf-drawn", "true");
      var svg = el.querySelector("svg");
      var figure = el.closest("figure");
      var caption = figure && figure.querySelector("figcaption");
      var label = el.getAttribute("data-label") || (caption ? caption.textContent : "Chart");
      if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", label);
      }
      var button = el.querySelector("details > summary");
      if (button) button.setAttribute("aria-label", "Chart actions: save as SVG or PNG");
    }, function (err) {
      el.setAttribute("data-pf-drawn", "error");
      el.textContent = "This chart could not be drawn: " + err.message;
      console.error(NAME + ": a chart was not drawn", err);
    });
  }

  // --- What the notebook's outputs hold: glued values, chart specs -------------------

  function eachOutput(panel, fn) {
    var model = panel.content.model;
    if (!model) return;
    var cells = model.cells;
    for (var i = 0; i < cells.length; i++) {
      var cell = cells.get(i);
      if (cell.type !== "code" || !cell.outputs) continue;
      for (var j = 0; j < cell.outputs.length; j++) fn(cell.outputs.get(j));
    }
  }

  function text(value) {
    return Array.isArray(value) ? value.join("") : String(value);
  }

  /** The value of a Python literal as str() shows it (myst-nb uses literal_eval). */
  function pyText(plain) {
    var s = plain.trim();
    var q = s.charAt(0);
    if (s.length < 2 || (q !== "'" && q !== '"') || s.charAt(s.length - 1) !== q) return s;
    var simple = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
    return s.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, function (m, e) {
      if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
      return Object.prototype.hasOwnProperty.call(simple, e) ? simple[e] : m;
    });
  }

  function glueValues(panel) {
    var values = {};
    eachOutput(panel, function (output) {
      var meta = output.metadata || {};
      var scrap = meta.scrapbook;
      if (!scrap || !scrap.name) return;
      var plain = (output.data || {})[(scrap.mime_prefix || "") + "text/plain"];
      if (plain !== undefined) values[scrap.name] = pyText(text(plain));
    });
    return values;
  }

  function chartSpecs(panel) {
    var specs = {};
    eachOutput(panel, function (output) {
      var html = (output.data || {})["text/html"];
      if (html === undefined) return;
      html = text(html);
      if (html.indexOf("pf-chart-spec") < 0) return;
      var m;
      SPEC_RE.lastIndex = 0;
      while ((m = SPEC_RE.exec(html))) specs[m[1]] = m[2];
    });
    return specs;
  }

  /** key, or key:format as myst-nb's {glue:text} takes it. */
  function lookup(values, role) {
    if (Object.prototype.hasOwnProperty.call(values, role)) return values[role];
    var cut = role.lastIndexOf(":");
    if (cut < 1 || role.indexOf("::") >= 0) return undefined;
    var key = role.slice(0, cut);
    var spec = role.slice(cut + 1);
    if (!Object.prototype.hasOwnProperty.call(values, key)) return undefined;
    var value = values[key];
    var m;
    if (spec === "" || spec === "s") return value;
    if ((m = /^\.(\d+)f$/.exec(spec))) return Number(value).toFixed(+m[1]);
    if ((m = /^\.(\d+)%$/.exec(spec))) return (Number(value) * 100).toFixed(+m[1]) + "%";
    if (spec === "d") return String(Math.trunc(Number(value)));
    return value;
  }

  // --- Applying them to what JupyterLab rendered ------------------------------------

  function apply(panel, state) {
    var root = panel.content.node;
    var values = function () { return state.glue || (state.glue = glueValues(panel)); };
    var specs = function () { return state.specs || (state.specs = chartSpecs(panel)); };

    root.querySelectorAll(".pf-chart:not([data-pf-drawn])").forEach(function (el) {
      // The sanitizer of an untrusted output renames id to data-jupyter-id.
      var id = el.id || el.getAttribute("data-jupyter-id");
      var output = el.closest(".jp-OutputArea-output") || root;
      var node = id && output.querySelector('script.pf-chart-spec[data-for="' + id + '"]');
      var spec = node ? node.textContent : specs()[id];
      if (spec) draw(el, spec);
    });

    // JupyterLab's own markdown renderer: "{glue:text}" then <code>key</code>.
    root.querySelectorAll(".jp-MarkdownCell .jp-RenderedMarkdown code").forEach(function (code) {
      var before = code.previousSibling;
      if (!before || before.nodeType !== 3 || !ROLE_RE.test(before.nodeValue)) return;
      var role = code.textContent;
      var value = lookup(values(), role);
      if (value === undefined) return;
      before.nodeValue = before.nodeValue.replace(ROLE_RE, "");
      var span = document.createElement("span");
      span.setAttribute("data-pf-glue", role);
      span.title = "glued: " + role;
      span.textContent = value;
      code.replaceWith(span);
    });

    // jupyterlab-myst: an unknown role renders as a bare <span> holding the key. The text
    // node React made is changed in place, so that React can still update it.
    root.querySelectorAll(".jp-MarkdownCell .myst span:not([data-pf-glue])").forEach(function (span) {
      if (span.attributes.length || span.childNodes.length !== 1 || span.firstChild.nodeType !== 3) return;
      var role = span.firstChild.nodeValue;
      if (!KEY_RE.test(role)) return;
      var value = lookup(values(), role);
      if (value === undefined) return;
      span.setAttribute("data-pf-glue", role);
      span.title = "glued: " + role;
      span.firstChild.nodeValue = value;
    });

    // A value glued again since (the cell was re-run): show the new one.
    root.querySelectorAll(".jp-MarkdownCell [data-pf-glue]").forEach(function (span) {
      var value = lookup(values(), span.getAttribute("data-pf-glue"));
      if (value === undefined || span.textContent === value) return;
      if (span.childNodes.length === 1 && span.firstChild.nodeType === 3) span.firstChild.nodeValue = value;
      else span.textContent = value;
    });
  }

  function watch(panel) {
    if (panel.__pfLab) return;
    panel.__pfLab = true;
    var state = { glue: null, specs: null, timer: 0 };
    var schedule = function () {
      if (state.timer) return;
      state.timer = setTimeout(function () {
        state.timer = 0;
        if (panel.isDisposed) return;
        try {
          apply(panel, state);
        } catch (err) {
          console.error(NAME + ": " + (panel.context ? panel.context.path : "notebook"), err);
        }
      }, 60);
    };
    var observer = new MutationObserver(function (records) {
      var relevant = false;
      for (var i = 0; i < records.length; i++) {
        var el = records[i].target;
        if (el.nodeType !== 1) el = el.parentElement;
        if (!el || el.closest(".cm-editor, .pf-chart")) continue;
        // Outputs changed: what was read from them may be stale.
        if (el.closest(".jp-OutputArea")) state.glue = state.specs = null;
        relevant = true;
      }
      if (relevant) schedule();
    });
    observer.observe(panel.content.node, { childList: true, subtree: true, characterData: true });
    panel.disposed.connect(function () {
      observer.disconnect();
      clearTimeout(state.timer);
    });
    schedule();
  }

  // --- The JupyterLab plugin, and the container JupyterLab loads it from -------------

  function plugin(notebook) {
    return {
      id: NAME + ":plugin",
      description: "Draws the publication's charts and fills in its glued numbers, offline.",
      autoStart: true,
      requires: [notebook.INotebookTracker],
      activate: function (app, tracker) {
        var style = document.createElement("style");
        style.textContent = CSS;
        document.head.appendChild(style);
        tracker.forEach(watch);
        tracker.widgetAdded.connect(function (sender, panel) { watch(panel); });
      }
    };
  }

  function sharedModule(pkg) {
    var versions = shared && shared[pkg];
    if (!versions) return Promise.reject(new Error(NAME + ": JupyterLab shares no " + pkg));
    var keys = Object.keys(versions);
    var pick = keys.filter(function (k) { return versions[k].loaded; })[0] || keys[keys.length - 1];
    return Promise.resolve(versions[pick].get()).then(function (factory) { return factory(); });
  }

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function (shareScope) {
      shared = shareScope;
    },
    get: function (module) {
      if (module !== "./extension") return Promise.reject(new Error(NAME + " has no module " + module));
      return sharedModule("@jupyterlab/notebook").then(function (notebook) {
        var plugins = [plugin(notebook)];
        return function () { return { __esModule: true, "default": plugins }; };
      });
    }
  };
})();
