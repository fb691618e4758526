// The site search's scorer (html_search_scorer, parallel_forces/site/sphinx_ext.py), put by
// Sphinx into language_data.js, which the search page loads after searchtools.js: the
// default scores, except that an entry of the API reference (book/api) ranks below every
// page of the book, so "Barkhane" finds its record and the chapters before the function
// merge_serval_barkhane. A query only the API answers still finds it.
;(function () {
  "use strict";
  if (typeof Scorer === "undefined") return;
  var score = Scorer.score || function (result) { return result[4]; };
  Scorer.score = function (result) {
    var s = score(result);
    return String(result[0]).indexOf("book/api") === 0 ? s - 100 : s;
  };
})();
