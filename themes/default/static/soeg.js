// omstil search: reads the index from assets/soegeindeks.js (a script, so it
// works from file://), folds and stems the query with the index's own rules
// (å → aa, æ → ae, ø → oe, so "boern" finds "børn"; the suffix and stop-word
// lists come from the index) and ranks pages by summed term scores; every
// query word must match. Snippets are cut around the first hit, with the
// hits marked.
(function () {
  "use strict";
  var index = window.OMSTIL_SOEG;
  var me = document.currentScript;
  var input = document.getElementById("soeg-side");
  var header = document.getElementById("soeg-felt");
  var status = document.getElementById("soeg-status");
  var list = document.getElementById("soeg-resultater");
  if (!index || !input || !list) return;

  var LETTERS = "0-9a-zæøåäöüéèáàíóúñ";
  var FOLD = { "å": "aa", "æ": "ae", "ä": "ae", "ø": "oe", "ö": "oe" };
  function fold(w) {
    return w.toLowerCase().replace(/[åæäøö]/g, function (c) { return FOLD[c]; });
  }
  function stem(w) {
    for (var i = 0; i < index.suffixes.length; i++) {
      var s = index.suffixes[i];
      if (w.length - s.length >= 3 && w.slice(-s.length) === s) return w.slice(0, -s.length);
    }
    return w;
  }
  var stop = {};
  (index.stop || []).forEach(function (w) { stop[w] = true; });
  // The query's stems: folded, stemmed, common words dropped.
  function stems(text) {
    return fold(text).split(new RegExp("[^" + LETTERS + "]+")).filter(function (w) {
      return w.length >= 2 && !stop[w];
    }).map(stem);
  }
  // Terms that start with the stem too, so "anbring" finds "anbringelse".
  var keys = Object.keys(index.terms);
  function postings(s) {
    var out = {};
    for (var k = 0; k < keys.length; k++) {
      if (keys[k].lastIndexOf(s, 0) !== 0) continue;
      var p = index.terms[keys[k]];
      for (var i = 0; i < p.length; i += 2) out[p[i]] = (out[p[i]] || 0) + p[i + 1] * (keys[k] === s ? 2 : 1);
    }
    return out;
  }
  function search(ws) {
    if (!ws.length) return [];
    var score = null;
    ws.forEach(function (w) {
      var p = postings(w);
      if (score === null) { score = p; return; }
      var next = {};
      Object.keys(score).forEach(function (d) { if (p[d]) next[d] = score[d] + p[d]; });
      score = next;
    });
    return Object.keys(score).map(Number).sort(function (a, b) { return score[b] - score[a] || a - b; });
  }
  // The words of `text` that match a query stem, as [start, end] pairs.
  function hits(text, ws) {
    var out = [];
    var re = new RegExp("[" + LETTERS + "]+", "gi");
    var m;
    while ((m = re.exec(text))) {
      var s = stem(fold(m[0]));
      for (var i = 0; i < ws.length; i++) {
        if (s.lastIndexOf(ws[i], 0) === 0) { out.push([m.index, m.index + m[0].length]); break; }
      }
    }
    return out;
  }
  // A snippet of about 220 characters around the first hit, hits marked.
  function snippet(text, ws) {
    var found = hits(text, ws);
    var from = 0;
    if (found.length && found[0][0] > 60) {
      from = text.indexOf(" ", found[0][0] - 60) + 1;
      if (from <= 0 || from > found[0][0]) from = found[0][0];
    }
    var to = Math.min(text.length, from + 220);
    if (to < text.length) { var sp = text.lastIndexOf(" ", to); if (sp > from) to = sp; }
    var p = document.createElement("p");
    if (from > 0) p.appendChild(document.createTextNode("… "));
    var at = from;
    found.forEach(function (h) {
      if (h[0] < from || h[1] > to) return;
      p.appendChild(document.createTextNode(text.slice(at, h[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(h[0], h[1]);
      p.appendChild(mark);
      at = h[1];
    });
    var tail = text.slice(at, to);
    if (to < text.length) tail = tail.replace(/[\s·:]+$/, "") + " …";
    p.appendChild(document.createTextNode(tail));
    return p;
  }
  function show(q) {
    list.textContent = "";
    if (!q.trim()) { status.textContent = ""; return; }
    var ws = stems(q);
    var found = search(ws);
    status.textContent = found.length === 0 ? me.dataset.none
      : found.length === 1 ? me.dataset.one : me.dataset.many.replace("{n}", found.length);
    found.slice(0, 50).forEach(function (d) {
      var doc = index.docs[d];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = doc[1];
      a.textContent = doc[0];
      li.appendChild(a);
      if (doc[2]) {
        var k = document.createElement("span");
        k.className = "note";
        k.textContent = " · " + doc[2];
        li.appendChild(k);
      }
      li.appendChild(snippet(doc[3], ws));
      list.appendChild(li);
    });
  }
  var q = new URLSearchParams(location.search).get("q") || "";
  input.value = q;
  // The query stays in the header's search field too.
  if (header) header.value = q;
  show(q);
  input.addEventListener("input", function () {
    if (header) header.value = input.value;
    show(input.value);
  });
})();
