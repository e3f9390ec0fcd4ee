// omstil search: reads the index from assets/soegeindeks.js (a script, so it
// works from file://), stems the query with the index's own suffix list and
// ranks pages by summed term weights; every query word must match.
(function () {
  "use strict";
  var index = window.OMSTIL_SOEG;
  var me = document.currentScript;
  var input = document.getElementById("soeg-side");
  var status = document.getElementById("soeg-status");
  var list = document.getElementById("soeg-resultater");
  if (!index || !input || !list) return;

  function stem(w) {
    for (var i = 0; i < index.suffixes.length; i++) {
      var s = index.suffixes[i];
      if (w.length - s.length >= 3 && w.slice(-s.length) === s) return w.slice(0, -s.length);
    }
    return w;
  }
  function words(text) {
    return text.toLowerCase().split(/[^0-9a-zæøåäöüéèáàíóúñ]+/).filter(function (w) { return w.length >= 2; });
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
  function search(q) {
    var ws = words(q);
    if (!ws.length) return [];
    var score = null;
    ws.forEach(function (w) {
      var p = postings(stem(w));
      if (score === null) { score = p; return; }
      var next = {};
      Object.keys(score).forEach(function (d) { if (p[d]) next[d] = score[d] + p[d]; });
      score = next;
    });
    return Object.keys(score).map(Number).sort(function (a, b) { return score[b] - score[a] || a - b; });
  }
  function show(q) {
    list.textContent = "";
    if (!q.trim()) { status.textContent = ""; return; }
    var hits = search(q);
    status.textContent = hits.length === 0 ? me.dataset.none
      : hits.length === 1 ? me.dataset.one : me.dataset.many.replace("{n}", hits.length);
    hits.slice(0, 50).forEach(function (d) {
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
      var p = document.createElement("p");
      p.textContent = doc[3].length > 240 ? doc[3].slice(0, 240) + " …" : doc[3];
      li.appendChild(p);
      list.appendChild(li);
    });
  }
  var q = new URLSearchParams(location.search).get("q") || "";
  input.value = q;
  show(q);
  input.addEventListener("input", function () { show(input.value); });
})();
