// omstil serve: live reload and the error overlay. Served at
// /__omstil/live.js and added to pages only by `omstil serve`, never to a
// built site. All text from the build is set with textContent.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-build") : "";
  var missing = me ? me.hasAttribute("data-missing") : false;
  var KEY = "omstil-scroll:" + location.pathname;

  function storage(fn) {
    try {
      return fn(window.sessionStorage);
    } catch (e) {
      return null;
    }
  }

  // Back where the reader was, if this page still exists after the reload.
  var saved = storage(function (s) {
    var v = s.getItem(KEY);
    s.removeItem(KEY);
    return v;
  });
  if (saved !== null && !missing) {
    var y = parseFloat(saved) || 0;
    window.scrollTo(0, y);
    window.addEventListener("load", function () {
      window.scrollTo(0, y);
    });
  }

  var reloading = false;
  function reload() {
    if (reloading) return;
    reloading = true;
    storage(function (s) {
      s.setItem(KEY, String(window.scrollY || window.pageYOffset || 0));
    });
    window.location.reload();
  }

  var CSS =
    ":host{all:initial}" +
    ".bg{position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.55);overflow:auto;" +
    "font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a}" +
    ".box{box-sizing:border-box;max-width:52rem;margin:5vh auto;padding:1.25rem 1.5rem;background:#fff;" +
    "border-top:.4rem solid #b00020;border-radius:.25rem;box-shadow:0 .5rem 2rem rgba(0,0,0,.4)}" +
    "h2{margin:0 0 .5rem;font-size:1.35rem;color:#b00020}" +
    "p{margin:.25rem 0 .75rem}" +
    "ol{margin:0;padding-left:1.5rem}li{margin:0 0 1rem}" +
    "code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}" +
    ".where{font-weight:bold}" +
    "pre{margin:.4rem 0;padding:.5rem .75rem;background:#f4f4f4;border-radius:.2rem;overflow:auto;white-space:pre}" +
    ".caret{color:#b00020}" +
    ".hint{color:#333}" +
    "button{font:inherit;padding:.3rem .9rem;border:1px solid #1a1a1a;border-radius:.2rem;background:#fff;cursor:pointer}" +
    "button:focus-visible{outline:3px solid #1f4e5f;outline-offset:2px}";

  var host = null;
  function hide() {
    if (host && host.parentNode) host.parentNode.removeChild(host);
    host = null;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function show(data) {
    hide();
    var errors = data.errors || [];
    host = document.createElement("div");
    host.id = "omstil-fejl";
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    root.appendChild(el("style", "", CSS));
    var bg = el("div", "bg");
    var box = el("section", "box");
    box.setAttribute("role", "alert");
    box.setAttribute("aria-label", "Fejl i rapporten");
    box.appendChild(
      el("h2", "", "Rapporten kan ikke bygges: " + (data.total || errors.length) + " fejl")
    );
    box.appendChild(
      el(
        "p",
        "",
        /-0$/.test(build)
          ? "Ret fejlen og gem filen; så bygges rapporten, og denne besked forsvinder af sig selv."
          : "Siden viser den sidste udgave, der kunne bygges. Ret fejlen og gem filen; så forsvinder denne besked af sig selv."
      )
    );
    var list = el("ol");
    errors.forEach(function (d) {
      var li = el("li");
      li.appendChild(el("code", "where", d.location));
      li.appendChild(document.createTextNode(": " + d.message));
      if (d.source !== null && d.source !== undefined && d.line > 0) {
        var num = String(d.line);
        var pad = new Array(num.length + 1).join(" ");
        var pre = el("pre");
        pre.appendChild(document.createTextNode(num + " | " + d.source));
        if (d.col > 0) {
          pre.appendChild(document.createTextNode("\n" + pad + " | " + new Array(d.col).join(" ")));
          // Under the word at the column, as in the terminal.
          var word = /^[^\s:]*/.exec(Array.from(d.source).slice(d.col - 1).join(""))[0];
          pre.appendChild(el("span", "caret", new Array(Math.max(word.length, 1) + 1).join("^")));
        }
        li.appendChild(pre);
      }
      if (d.hint) li.appendChild(el("p", "hint", "Hjælp: " + d.hint));
      list.appendChild(li);
    });
    box.appendChild(list);
    if (data.total > errors.length) {
      box.appendChild(el("p", "", "… og " + (data.total - errors.length) + " fejl mere (se terminalen)."));
    }
    if (data.warnings > 0) {
      box.appendChild(
        el("p", "", "Desuden " + data.warnings + (data.warnings === 1 ? " advarsel" : " advarsler") + " (se terminalen).")
      );
    }
    var close = el("button", "", "Skjul");
    close.type = "button";
    close.addEventListener("click", hide);
    box.appendChild(close);
    bg.appendChild(box);
    root.appendChild(bg);
    (document.body || document.documentElement).appendChild(host);
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
  });

  if (!window.EventSource) return;
  function other(e) {
    try {
      return String(JSON.parse(e.data).build) !== build;
    } catch (x) {
      return false;
    }
  }
  var source = null;
  function connect() {
    if (source) return;
    source = new EventSource("/__omstil/events");
    // On (re)connecting: reload if a build came while this page was away.
    source.addEventListener("hello", function (e) {
      if (other(e)) reload();
    });
    source.addEventListener("reload", function (e) {
      if (other(e)) reload();
    });
    source.addEventListener("ok", function (e) {
      hide();
      if (other(e)) reload();
    });
    source.addEventListener("errors", function (e) {
      try {
        show(JSON.parse(e.data));
      } catch (x) {
        /* a malformed event is ignored */
      }
    });
  }
  // A browser keeps at most six connections to one server; a hidden tab
  // lets go of its stream, so that many open tabs do not stall page loads,
  // and catches up (the hello above) when it is shown again.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (source) source.close();
      source = null;
    } else {
      connect();
    }
  });
  if (!document.hidden) connect();
})();
