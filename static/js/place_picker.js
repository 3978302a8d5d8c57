// Place picker (cmcoord.gazetteer.forms): under each place input, the gazetteer's places matching what is typed
// anywhere in the name or the P-code, accents aside; a district's list keeps to the region chosen above it.
// Progressive enhancement: without JavaScript the input keeps its <datalist>, or is a plain text field.
(function () {
  "use strict";
  var LIMIT = 12;
  var CODE_AT_END = /\(\s*([A-Za-z]{2}[0-9]+)\s*\)\s*$/;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u2019/g, "'").toLowerCase();
  }

  function enhance(input) {
    var datalist = document.getElementById(input.getAttribute("list"));
    if (!datalist) { return; }
    var places = Array.prototype.map.call(datalist.options, function (option) {
      var label = option.textContent.trim();
      return { value: option.value, label: label, parent: option.dataset.parent || "", key: fold(option.value + " " + label) };
    });
    var parentInput = input.dataset.placeParent ? document.getElementById(input.dataset.placeParent) : null;

    var wrapper = document.createElement("div");
    wrapper.className = "position-relative";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var menu = document.createElement("ul");
    menu.className = "dropdown-menu w-100";
    menu.id = input.id + "-places";
    menu.setAttribute("role", "listbox");
    wrapper.appendChild(menu);

    input.removeAttribute("list");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", menu.id);

    var shown = [];
    var active = -1;

    function close() {
      menu.classList.remove("show");
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = menu.children;
      for (var i = 0; i < items.length; i++) {
        items[i].classList.toggle("active", i === index);
        items[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      }
    }

    function choose(index) {
      input.value = shown[index].value;
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function render(showAll) {
      var query = fold(input.value.trim());
      var match = parentInput && CODE_AT_END.exec(parentInput.value);
      var parent = match ? match[1].toUpperCase() : "";
      if (!query && !showAll) { close(); return; }
      shown = places.filter(function (place) {
        return (!parent || place.parent === parent) && (!query || place.key.indexOf(query) !== -1);
      }).slice(0, LIMIT);
      menu.textContent = "";
      shown.forEach(function (place, index) {
        var item = document.createElement("li");
        item.id = menu.id + "-" + index;
        item.className = "dropdown-item";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = place.label ? place.value + " — " + place.label : place.value;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { choose(index); });
        menu.appendChild(item);
      });
      active = -1;
      if (shown.length) {
        menu.classList.add("show");
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    input.addEventListener("input", function () { render(false); });
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      var open = menu.classList.contains("show");
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { render(true); }
        if (shown.length) { highlight(Math.min(active + 1, shown.length - 1)); }
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
  }

  document.querySelectorAll("input[data-place-picker][list]").forEach(enhance);
})();
