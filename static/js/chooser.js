// Chooser (cmcoord/core/widgets.py): a <select data-chooser> (most often multiple) becomes a filter box over a list of
// checkboxes.
// Native checkboxes work by touch, keyboard and screen reader alike; the chosen ones stay on top whatever the filter.
// The select stays in the form (hidden) and is what is sent. Only the options the page holds are shown: nothing is
// asked of the server. The words shown come from the select's data attributes (translated by the server).
// Keys: in the filter, Enter chooses the first match and Down goes to the list; in the list, Up and Down move,
// Space ticks, Escape goes back to the filter. The list is one stop of the Tab key.
// Progressive enhancement: without JavaScript the <select> works as it is.
(function () {
  "use strict";
  var LIMIT = 50; // unchosen matches drawn at once; typing narrows the rest

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u2019/g, "'").toLowerCase();
  }

  function fill(template, values) {
    return (template || "").replace(/%\((\w+)\)s/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  function make(tag, className, parent) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (parent) { parent.appendChild(element); }
    return element;
  }

  function enhance(select, number) {
    var texts = select.dataset;
    var id = select.id || "chooser-" + number;
    var label = document.querySelector("label[for='" + id + "']");
    var addPattern = texts.chooserAddPattern ? new RegExp("^(?:" + texts.chooserAddPattern + ")$", "i") : null;

    var box = make("div", "chooser");
    select.parentNode.insertBefore(box, select);
    // The filter takes the select's id: the field's label, and the error summary's link, now lead to it.
    select.id = id + "-select";
    var filter = make("input", "form-control chooser-filter", box);
    filter.type = "search";
    filter.id = id;
    filter.autocomplete = "off";
    filter.placeholder = texts.chooserFilter || "";
    filter.setAttribute("aria-controls", id + "-list");
    var described = [select.getAttribute("aria-describedby"), id + "-status"].filter(Boolean).join(" ");
    filter.setAttribute("aria-describedby", described);
    if (select.classList.contains("is-invalid")) {
      filter.classList.add("is-invalid");
      filter.setAttribute("aria-invalid", "true");
    }
    var status = make("p", "chooser-status small mb-1", box);
    status.id = id + "-status";
    status.setAttribute("role", "status");
    var list = make("div", "chooser-list", box);
    list.id = id + "-list";
    list.setAttribute("role", "group");
    if (label) {
      label.id = label.id || id + "-label";
      list.setAttribute("aria-labelledby", label.id);
    }
    var note = make("p", "chooser-note small mb-0", box);
    note.setAttribute("role", "status");
    box.appendChild(select);
    select.hidden = true;
    select.removeAttribute("aria-describedby");

    var items = [];
    var current = null; // the one checkbox of the list in the Tab order

    function item(option) {
      var entry = { option: option, key: fold(option.textContent + " " + option.value), row: null, box: null };
      items.push(entry);
      return entry;
    }
    Array.prototype.forEach.call(select.options, function (option) { if (option.value) { item(option); } });

    function row(entry) {
      if (entry.row) { return entry.row; }
      var line = make("div", "form-check chooser-option");
      var input = make("input", "form-check-input", line);
      input.type = "checkbox";
      input.id = id + "-option-" + items.indexOf(entry);
      input.tabIndex = -1;
      var text = make("label", "form-check-label", line);
      text.htmlFor = input.id;
      text.textContent = entry.option.textContent;
      input.addEventListener("change", function () {
        if (select.multiple) {
          entry.option.selected = input.checked;
        } else if (input.checked) { // one choice: the one ticked before is unticked
          entry.option.selected = true;
          items.forEach(function (other) {
            if (other !== entry && other.box) {
              other.box.checked = false;
              other.row.classList.remove("chooser-chosen");
            }
          });
        } else {
          select.value = ""; // the empty choice
        }
        line.classList.toggle("chooser-chosen", input.checked);
        count();
      });
      input.addEventListener("focus", function () { roving(input); });
      entry.row = line;
      entry.box = input;
      return line;
    }

    function roving(input) {
      if (current && current !== input) { current.tabIndex = -1; }
      current = input;
      if (input) { input.tabIndex = 0; }
    }

    function chosen() { return items.filter(function (entry) { return entry.option.selected; }); }

    function count() { status.textContent = fill(texts.chooserCount, { count: chosen().length }); }

    function addable(query) {
      var value = query.trim().toUpperCase();
      if (!addPattern || !addPattern.test(value)) { return null; }
      var known = items.some(function (entry) { return entry.option.value.toUpperCase() === value; });
      return known ? null : value;
    }

    function addValue(value) {
      var option = new Option(value, value, true, true);
      select.appendChild(option);
      return item(option);
    }

    function render() {
      var query = fold(filter.value.trim());
      var words = query.split(/\s+/).filter(Boolean);
      var picked = chosen();
      var matches = items.filter(function (entry) {
        return !entry.option.selected && words.every(function (word) { return entry.key.indexOf(word) !== -1; });
      });
      var shown = picked.concat(matches.slice(0, LIMIT));
      list.textContent = "";
      roving(null);
      var fresh = addable(filter.value);
      if (fresh) {
        var line = make("div", "form-check chooser-option", list);
        var input = make("input", "form-check-input", line);
        input.type = "checkbox";
        input.id = id + "-add";
        var text = make("label", "form-check-label", line);
        text.htmlFor = input.id;
        text.textContent = fill(texts.chooserAdd, { value: fresh });
        input.addEventListener("change", function () { choose(addValue(fresh)); });
        input.addEventListener("focus", function () { roving(input); });
      }
      shown.forEach(function (entry) {
        var line = row(entry);
        entry.box.checked = entry.option.selected;
        entry.box.tabIndex = -1;
        line.classList.toggle("chooser-chosen", entry.option.selected);
        list.appendChild(line);
      });
      var first = list.querySelector("input");
      if (first) { roving(first); }
      list.hidden = !list.firstChild;
      if (words.length && !matches.length && !fresh) {
        note.textContent = texts.chooserNone || "";
      } else if (matches.length > LIMIT) {
        note.textContent = fill(texts.chooserMore, { count: matches.length - LIMIT });
      } else {
        note.textContent = "";
      }
      count();
    }

    // The first match chosen from the filter box: the filter empties for the next one, the focus stays there.
    function choose(entry) {
      entry.option.selected = true;
      filter.value = "";
      render();
      filter.focus();
    }

    function boxes() { return Array.prototype.slice.call(list.querySelectorAll("input")); }

    filter.addEventListener("input", render);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // choosing, never sending the form half filled
        var fresh = addable(filter.value);
        if (fresh) { choose(addValue(fresh)); return; }
        var query = fold(filter.value.trim());
        if (!query) { return; }
        var first = items.filter(function (entry) { return !entry.option.selected; }).filter(function (entry) {
          return query.split(/\s+/).every(function (word) { return entry.key.indexOf(word) !== -1; });
        })[0];
        if (first) { choose(first); }
      } else if (event.key === "ArrowDown") {
        var all = boxes();
        if (all.length) { event.preventDefault(); all[0].focus(); }
      } else if (event.key === "Escape" && filter.value) {
        event.preventDefault();
        filter.value = "";
        render();
      }
    });
    list.addEventListener("keydown", function (event) {
      var all = boxes();
      var at = all.indexOf(document.activeElement);
      if (at === -1) { return; }
      var next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
      if (event.key === "Escape" || next === -1) {
        event.preventDefault();
        filter.focus();
      } else if (next !== undefined) {
        event.preventDefault();
        all[Math.min(next, all.length - 1)].focus();
      }
    });
    render();
  }

  document.querySelectorAll("select[data-chooser]").forEach(enhance);
})();
