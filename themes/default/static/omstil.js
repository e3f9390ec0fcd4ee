// omstil: small enhancements; the site works without JavaScript.
(function () {
  "use strict";
  // The menu is a <details>: open it on wide screens, where CSS shows it anyway.
  var menu = document.querySelector(".menu");
  if (menu && window.matchMedia("(min-width: 50.01rem)").matches) menu.open = true;
  // "Swipe sideways" hints: shown exactly when their frame or table overflows.
  function hints() {
    var tools = document.querySelectorAll(".scroll-tools");
    for (var i = 0; i < tools.length; i++) {
      var box = tools[i].nextElementSibling;
      if (!box) continue;
      tools[i].setAttribute("data-overflow", box.scrollWidth > box.clientWidth + 1 ? "yes" : "no");
    }
  }
  hints();
  window.addEventListener("resize", hints);
})();
