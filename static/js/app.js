// Small enhancements on every page; without JavaScript each page works the same, only less conveniently.
(function () {
  "use strict";

  // After a failed submit, take keyboard and screen-reader users to the list of what to correct.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      var field = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
      if (!field) { return; }
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']") || target;
      label.scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
    });
  }

  // Operation tabs that scroll sideways on a phone: bring the current one into view.
  document.querySelectorAll("[data-scroll-active]").forEach(function (list) {
    var current = list.querySelector("[aria-current]");
    if (current && list.scrollWidth > list.clientWidth) {
      var box = list.getBoundingClientRect(), tab = current.getBoundingClientRect();
      list.scrollLeft += tab.left - box.left - (box.width - tab.width) / 2;
    }
  });
})();
