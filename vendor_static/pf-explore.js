// The "Explore the data" page: search, filter and sort the table of forces, keep
// the view in the page address, and download the rows shown as CSV. Plain script,
// no library, nothing fetched. Loaded on every page; does nothing where there is
// no table.pf-explore. Without script the complete table is still on the page and
// the filter form stays hidden.
(function () {
  "use strict";

  var collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

  function norm(text) {
    // Case, accents, curly quotes and runs of spaces do not matter to the search.
    return String(text || "")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"')
      .replace(/\s+/g, " ").toLowerCase().trim();
  }

  var WORD_CHAR = /[\p{L}\p{N}]/u;

  // True when `word` begins a word of `text` (both normalized): "mali" finds "Mali" and
  // "EUCAP Sahel Mali", not "Somalia"; "unamsil" finds "UNOMSIL/UNAMSIL".
  function startsWord(text, word) {
    for (var i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      if (i === 0 || !WORD_CHAR.test(text.charAt(i - 1))) return true;
    }
    return false;
  }

  function cellText(cell) {
    return cell.textContent.replace(/\s+/g, " ").trim();
  }

  function csvField(value) {
    var s = String(value);
    return /[",\r\n]|^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function Explorer(table) {
    var self = this;
    this.table = table;
    this.form = document.getElementById(table.getAttribute("data-form"));
    this.status = document.getElementById(table.getAttribute("data-status"));
    this.download = document.getElementById(table.getAttribute("data-download"));
    this.reset = document.getElementById(table.getAttribute("data-reset"));
    this.filename = table.getAttribute("data-filename") || "table.csv";
    this.state = table.querySelector("caption .pf-explore-state");
    this.body = table.tBodies[0];
    this.headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    this.rows = Array.prototype.slice.call(this.body.rows).map(function (tr, i) {
      // Cells joined by a space, so that each cell's first word starts a word.
      var cells = Array.prototype.map.call(tr.cells, function (c) { return c.textContent; });
      return { tr: tr, index: i, text: norm(cells.join(" ") + " " + (tr.getAttribute("data-search") || "")) };
    });
    this.controls = this.form ? Array.prototype.slice.call(this.form.querySelectorAll("input[name], select[name]")) : [];
    this.sortKey = "";
    this.sortDir = "ascending";
    this.announceTimer = null;

    this.readAddress();
    if (this.form) {
      this.form.hidden = false;
      this.form.addEventListener("submit", function (e) { e.preventDefault(); self.update(); });
      this.form.addEventListener("input", function () { self.update(); });
      this.form.addEventListener("change", function () { self.update(); });
    }
    if (this.reset) {
      this.reset.addEventListener("click", function () {
        self.controls.forEach(function (c) { c.value = ""; });
        self.update();
      });
    }
    if (this.download) {
      this.download.addEventListener("click", function () { self.saveCsv(); });
    }
    this.headers.forEach(function (th) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var key = th.getAttribute("data-key");
        if (self.sortKey === key) {
          self.sortDir = self.sortDir === "ascending" ? "descending" : "ascending";
        } else {
          self.sortKey = key;
          self.sortDir = "ascending";
        }
        self.update();
      });
    });
    table.classList.add("pf-enhanced");
    this.update(true);
  }

  Explorer.prototype.column = function (key) {
    for (var i = 0; i < this.headers.length; i++) {
      if (this.headers[i].getAttribute("data-key") === key) return i;
    }
    return -1;
  };

  Explorer.prototype.readAddress = function () {
    var params = new URLSearchParams(window.location.search);
    this.controls.forEach(function (c) {
      var v = params.get(c.name);
      if (v === null) return;
      if (c.tagName === "SELECT") {
        var ok = Array.prototype.some.call(c.options, function (o) { return o.value === v; });
        if (ok) c.value = v;
      } else {
        c.value = v;
      }
    });
    var sort = params.get("sort");
    if (sort && this.column(sort) >= 0) {
      this.sortKey = sort;
      this.sortDir = params.get("dir") === "desc" ? "descending" : "ascending";
    }
  };

  Explorer.prototype.writeAddress = function () {
    var params = new URLSearchParams();
    this.controls.forEach(function (c) {
      var v = c.tagName === "SELECT" ? c.value : c.value.trim();
      if (v) params.set(c.name, v);
    });
    if (this.sortKey) {
      params.set("sort", this.sortKey);
      params.set("dir", this.sortDir === "descending" ? "desc" : "asc");
    }
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      try {
        window.history.replaceState(window.history.state, "", url);
      } catch (e) {
        // Some file:// pages refuse replaceState: the view still works, unlinked.
      }
    }
  };

  Explorer.prototype.matches = function (row) {
    var tr = row.tr;
    for (var i = 0; i < this.controls.length; i++) {
      var c = this.controls[i];
      if (c.tagName === "SELECT") {
        if (!c.value) continue;
        var value = tr.getAttribute("data-" + c.getAttribute("data-field")) || "";
        var sep = c.getAttribute("data-multi");
        var values = sep ? value.split(sep) : [value];
        if (values.indexOf(c.value) < 0) return false;
      } else {
        var words = norm(c.value).split(" ");
        for (var w = 0; w < words.length; w++) {
          if (words[w] && !startsWord(row.text, words[w])) return false;
        }
      }
    }
    return true;
  };

  Explorer.prototype.sortValue = function (tr, col) {
    var cell = tr.cells[col];
    if (!cell) return "";
    var v = cell.getAttribute("data-sort-value");
    return v === null ? cellText(cell) : v;
  };

  Explorer.prototype.sortRows = function () {
    var self = this;
    var rows = this.rows.slice();
    var col = this.sortKey ? this.column(this.sortKey) : -1;
    if (col >= 0) {
      var sign = this.sortDir === "descending" ? -1 : 1;
      rows.forEach(function (r) { r.key = self.sortValue(r.tr, col); });
      rows.sort(function (a, b) {
        // Empty values go last whichever the direction; ties keep the Annex's order.
        if (!a.key !== !b.key) return a.key ? -1 : 1;
        var na = Number(a.key), nb = Number(b.key);
        var d = (a.key && b.key && !isNaN(na) && !isNaN(nb)) ? na - nb : collator.compare(a.key, b.key);
        return d !== 0 ? sign * d : a.index - b.index;
      });
    }
    var current = Array.prototype.slice.call(this.body.rows);
    var same = rows.every(function (r, i) { return current[i] === r.tr; });
    if (!same) {
      var frag = document.createDocumentFragment();
      rows.forEach(function (r) { frag.appendChild(r.tr); });
      this.body.appendChild(frag);
    }
    this.headers.forEach(function (th) {
      if (self.sortKey && th.getAttribute("data-key") === self.sortKey) {
        th.setAttribute("aria-sort", self.sortDir);
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  };

  Explorer.prototype.visibleRows = function () {
    return Array.prototype.filter.call(this.body.rows, function (tr) { return !tr.hidden; });
  };

  Explorer.prototype.sortText = function () {
    if (!this.sortKey) return "";
    var th = this.headers[this.column(this.sortKey)];
    return "sorted by " + th.getAttribute("data-label") + ", " + this.sortDir;
  };

  Explorer.prototype.message = function (shown) {
    var sorted = this.sortText();
    return shown + " of " + this.rows.length + " forces shown" + (sorted ? ", " + sorted : "");
  };

  Explorer.prototype.caption = function (shown) {
    // The caption names the table (and its scroll region): keep it true of the view.
    var total = this.rows.length;
    var which = shown === total ? "all " + total : shown + " of " + total;
    return which + ", " + (this.sortText() || "in the order of the Annex");
  };

  Explorer.prototype.update = function (first) {
    var self = this;
    var shown = 0;
    this.rows.forEach(function (r) {
      var ok = self.matches(r);
      if (r.tr.hidden === ok) r.tr.hidden = !ok;
      if (ok) shown += 1;
    });
    this.sortRows();
    this.writeAddress();
    this.table.setAttribute("data-shown", String(shown));
    if (this.state) this.state.textContent = this.caption(shown);
    if (!this.status) return;
    var text = this.message(shown);
    // Announce once typing pauses, not at every key (the rows change at once).
    clearTimeout(this.announceTimer);
    if (first) {
      this.status.textContent = text;
    } else {
      this.announceTimer = setTimeout(function () {
        if (self.status.textContent !== text) self.status.textContent = text;
      }, 250);
    }
  };

  Explorer.prototype.csv = function () {
    var head = ["id"].concat(this.headers.map(function (th) {
      return th.getAttribute("data-label") || cellText(th);
    }));
    var lines = [head.map(csvField).join(",")];
    this.visibleRows().forEach(function (tr) {
      var fields = [tr.getAttribute("data-id") || ""];
      Array.prototype.forEach.call(tr.cells, function (cell) {
        var v = cell.getAttribute("data-csv");
        fields.push(v === null ? cellText(cell) : v);
      });
      lines.push(fields.map(csvField).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  };

  Explorer.prototype.saveCsv = function () {
    var blob = new Blob([this.csv()], { type: "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = this.filename;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  };

  function init() {
    var tables = document.querySelectorAll("table.pf-explore");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.tBodies.length && table.tHead && !table.pfExplorer) {
        table.pfExplorer = new Explorer(table);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
