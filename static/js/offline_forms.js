// The offline page's forms (cmcoord/api/offline_forms.py): a progress note, an engagement with its follow-ups, an
// access incident, filled in with no connection. Their choices of records come from what this device keeps to be
// read offline (device.js stores it: the person's open tasks, the actors and activities of their operations, never a
// Strictly confidential record); the outbox (outbox.js) queues what is submitted, drafts.js keeps what is typed.
// Without that data (never refreshed online, another person's, wiped) the forms stay hidden.
(function () {
  "use strict";

  var section = document.querySelector("[data-offline-forms]");
  var store = window.CMCoordStore;
  var device = window.CMCoordDevice;
  if (!section || !store || !device || !window.indexedDB) { return; }
  var body = section.querySelector("[data-offline-forms-body]");
  var none = section.querySelector("[data-offline-forms-none]");
  var forms = section.querySelectorAll("form");

  // Never posted as a page: the offline page takes no form (the outbox queues them, or nothing happens).
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  });

  function rowsOf(data, source, operation) {
    if (source === "operations") {
      return data.operations.map(function (o) { return { value: o.code, text: o.name }; });
    }
    if (source === "tasks") {
      return data.tasks.map(function (t) { return { value: t.reference, text: t.reference + " — " + t.title, route: t.notes }; });
    }
    if (source === "actors") {
      return data.actors.filter(function (a) { return a.operation === operation; }).map(function (a) {
        return { value: String(a.id), text: a.name + " · " + a.category };
      });
    }
    if (source === "activities") {
      return ((data.activities || {})[operation] || []).map(function (a) { return { value: String(a.id), text: a.code + " " + a.name }; });
    }
    return [];
  }

  // The operation a field's records belong to: its form's, or (a follow-up) the engagement's it is queued after.
  var engagement = section.querySelector('form[data-draft="engagement"]');
  var queuedOperation = "";
  section.addEventListener("submit", function (event) {  // captured: before the outbox queues (and resets) it
    if (event.target === engagement) { queuedOperation = engagement.elements.namedItem("operation").value; }
  }, true);
  function operationOf(select) {
    var field = select.form.elements.namedItem("operation");
    if (field) { return field.value; }
    return queuedOperation || (engagement ? engagement.elements.namedItem("operation").value : "");
  }

  // A select drawn again: what was chosen stays chosen where it is still offered.
  function fill(select, data) {
    var chosen = Array.prototype.map.call(select.selectedOptions, function (o) { return o.value; });
    var rows = rowsOf(data, select.getAttribute("data-offline-choices"), operationOf(select));
    select.textContent = "";
    var single = select.getAttribute("data-offline-choices") === "operations" && rows.length === 1;
    if (!select.multiple && !single) { select.appendChild(new Option("---------", "")); }
    rows.forEach(function (row) {
      var option = new Option(row.text, row.value, false, chosen.indexOf(row.value) !== -1);
      option.dir = "auto";
      if (row.route) { option.setAttribute("data-route", row.route); }
      select.appendChild(option);
    });
    routeOf(select);
  }

  // The note's task: its own route takes the note.
  function routeOf(select) {
    if (select.getAttribute("data-offline-choices") !== "tasks") { return; }
    var option = select.selectedOptions[0];
    select.form.setAttribute("data-outbox-route", (option && option.getAttribute("data-route")) || "");
  }

  function selects(source) {
    return Array.prototype.filter.call(section.querySelectorAll("select[data-offline-choices]"), function (select) {
      return !source || select.getAttribute("data-offline-choices") === source;
    });
  }

  var ready = device.ready.then(function (active) {
    if (!active) { return null; }
    return store.getMeta("readable").then(function (data) {
      if (!data || !device.user() || String(data.user) !== device.user()) { return null; }
      selects("operations").forEach(function (select) { fill(select, data); });
      selects().forEach(function (select) {
        if (select.getAttribute("data-offline-choices") !== "operations") { fill(select, data); }
      });
      section.addEventListener("change", function (event) {
        var target = event.target;
        if (target.getAttribute("data-offline-choices") === "tasks") { routeOf(target); }
        if (target.name !== "operation") { return; }
        // The records of the operation now chosen: in this form, and in the follow-up queued after an engagement.
        selects().forEach(function (select) {
          var dependent = select.hasAttribute("data-offline-depends") && select !== target;
          if (dependent && (select.form === target.form || !select.form.elements.namedItem("operation"))) { fill(select, data); }
        });
      });
      body.hidden = false;
      none.hidden = true;
      return data;
    });
  }).catch(function () { return null; });

  window.CMCoordOfflineForms = { ready: ready };
})();
