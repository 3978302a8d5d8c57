// Drafts that are never lost: each form marked data-draft="…" keeps what is typed into it on this device
// (IndexedDB, see device_store.js), keyed by the person and the form's address, until it is sent. On the next
// visit the draft is put back with a notice: "Draft restored from <time> — Discard".
// Never kept: passwords, tokens, CSRF and other hidden fields, files; nothing at all of a form marked
// data-draft-off (a Strictly confidential record), or whose sensitivity is set to the level in data-draft-off-level.
(function () {
  "use strict";

  var status = document.getElementById("device-status");
  var store = window.CMCoordStore;
  var device = window.CMCoordDevice;
  var forms = document.querySelectorAll("form[data-draft]");
  if (!status || !store || !device || !window.indexedDB) { return; }
  var user = status.getAttribute("data-user");  // on the offline page, the device's person, once ready (device.js)
  var PENDING = "cmcoord-draft-sent";
  var NEVER = /password|token|csrf|otp|secret|version/i;
  var SKIPPED_TYPES = ["password", "hidden", "file", "submit", "button", "reset", "image"];

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.tagName !== "BUTTON" && SKIPPED_TYPES.indexOf(el.type) === -1 && !NEVER.test(el.name);
    });
  }

  function keyOf(form) {
    var action = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    return [user, action.pathname + action.search, form.getAttribute("data-draft")].join(" ");
  }

  // The address a draft is opened again at: the page's own; the offline page's forms, whatever address it stood in
  // for, at the offline page's (their action).
  function pageOf(form) {
    if (form.hasAttribute("data-outbox-offline")) { return new URL(form.action, window.location.href).pathname; }
    return window.location.pathname + window.location.search;
  }

  function read(form) {
    var data = {};
    fields(form).forEach(function (el) {
      var values = data[el.name] || (data[el.name] = []);
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { values.push(el.value); }
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { values.push(o.value); });
      } else {
        values.push(el.value);
      }
    });
    return data;
  }

  function write(form, data) {
    var seen = {};
    fields(form).forEach(function (el) {
      if (!Object.prototype.hasOwnProperty.call(data, el.name)) { return; }
      var values = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
      } else {
        var i = seen[el.name] || 0;
        seen[el.name] = i + 1;
        if (i < values.length) { el.value = values[i]; }
      }
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  // A Strictly confidential record, or the level chosen in the form: nothing is kept, and what was is dropped.
  function refused(form) {
    if (form.hasAttribute("data-draft-off")) { return true; }
    var level = form.getAttribute("data-draft-off-level");
    var chosen = level && form.elements.namedItem("sensitivity");
    return Boolean(chosen && chosen.value === level);
  }

  function hasErrors(form) {
    return Boolean(form.querySelector("[data-error-summary], .is-invalid, .alert-danger, [data-conflict]"));
  }

  // The form sent at the last page: gone when the server moved on to another page (a navigation, not the offline
  // page, not the same form back with its errors), kept otherwise.
  var pending = null;
  try { pending = JSON.parse(window.sessionStorage.getItem(PENDING) || "null"); window.sessionStorage.removeItem(PENDING); } catch (e) { pending = null; }
  var navigation = (performance.getEntriesByType && performance.getEntriesByType("navigation")[0]) || {};
  var offlinePage = status.hasAttribute("data-offline-page");
  // The offline page's forms draw their choices from the device first (offline_forms.js), then drafts go back in.
  var choices = window.CMCoordOfflineForms ? window.CMCoordOfflineForms.ready : null;
  var settled = device.ready.then(function (active) {
    if (device.user && device.user()) { user = device.user(); }
    return choices ? choices.then(function () { return active; }) : active;
  }).then(function (active) {
    if (!active || !pending || offlinePage || navigation.type !== "navigate") { return active; }
    if (Date.now() - pending.at > 30 * 60 * 1000) { return active; }
    var again = Array.prototype.filter.call(forms, function (form) { return keyOf(form) === pending.key; })[0];
    if (again && hasErrors(again)) { return active; }
    return store.deleteDraft(pending.key).then(function () { return active; }, function () { return active; });
  });

  function notice(form, draft, initial) {
    var box = document.createElement("div");
    box.className = "alert alert-info d-flex flex-wrap align-items-center gap-2 py-2";
    box.setAttribute("role", "status");
    box.setAttribute("data-testid", "draft-notice");
    var text = document.createElement("span");
    text.textContent = device.text("restored").replace("%(time)s", device.formatTime(draft.savedAt));
    if (draft.refusal) {  // an entry of the outbox the server refused (outbox.js): its message, with the draft
      box.className = "alert alert-warning d-flex flex-wrap align-items-center gap-2 py-2";
      box.setAttribute("role", "alert");
      var refusal = document.createElement("strong");
      refusal.setAttribute("data-testid", "draft-refusal");
      refusal.textContent = device.text("refused").replace("%(message)s", draft.refusal);
      box.appendChild(refusal);
    }
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-sm btn-outline-secondary";
    discard.textContent = device.text("discard");
    discard.addEventListener("click", function () {
      write(form, initial);
      store.deleteDraft(draft.key).catch(function () { return null; });
      box.remove();
      form.dispatchEvent(new Event("cmcoord-draft-discarded"));
    });
    box.appendChild(text);
    box.appendChild(discard);
    form.insertBefore(box, form.firstChild);
  }

  // For the outbox (outbox.js): a form's draft key and what it holds, as kept here.
  window.CMCoordDrafts = { keyOf: keyOf, pageOf: pageOf, read: read, refused: refused, settled: settled };

  Array.prototype.forEach.call(forms, function (form) {
    var key = keyOf(form);
    var initial = read(form);
    var timer = null;
    if (form.hasAttribute("data-outbox-offline")) {  // the offline page's: once its person and its choices are known
      settled.then(function () { key = keyOf(form); initial = read(form); });
    }

    // What is typed is listened to from the start; it is written once the device is known to be active (its person
    // known), so that typing in the moment before that is kept too.
    function save() {
      timer = null;
      return settled.then(function (active) {
        if (!active) { return null; }
        if (refused(form)) { return store.deleteDraft(key); }
        var data = read(form);
        if (same(data, initial)) { return store.deleteDraft(key); }
        return store.putDraft({
          key: key, user: user, form: form.getAttribute("data-draft"), url: pageOf(form),
          title: document.title, savedAt: Date.now(), data: data
        });
      }).catch(function () { return null; });
    }

    function later() {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(save, 300);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    // A tab closed or hidden right after typing: what was typed is saved at once.
    var now = function () { if (timer) { clearTimeout(timer); save(); } };
    document.addEventListener("visibilitychange", now);
    window.addEventListener("pagehide", now);
    form.addEventListener("submit", function () {
      if (timer) { clearTimeout(timer); save(); }
      try { window.sessionStorage.setItem(PENDING, JSON.stringify({ key: key, at: Date.now() })); } catch (e) { /* kept */ }
    });

    settled.then(function (active) {
      if (!active) { return; }
      if (refused(form)) { store.deleteDraft(key).catch(function () { return null; }); }
      if (hasErrors(form) || refused(form)) { return; }  // the server's answer holds what was typed
      store.getDraft(key).then(function (draft) {
        if (!draft || (same(draft.data, initial) && !draft.refusal)) { return; }
        if (!same(read(form), initial)) { return; }  // typed into already: what is on the screen is not replaced
        write(form, draft.data);
        notice(form, draft, initial);
        form.setAttribute("data-draft-restored", "");
      }).catch(function () { return null; });
    });
  });
})();
