// The outbox: a form marked data-outbox-route (by the {% draft_form %} tag, from its page's view: cmcoord/records/outbox.py)
// that is submitted without a connection is queued on this device (IndexedDB, device_store.js) instead of lost, and
// sent through the write API when the connection is back: at the next page, on the browser's "online" event, when
// the service worker's Background Sync wakes an open page, or when the officer presses "Send now". Each entry
// carries an Idempotency-Key made when it was queued (the server applies it once, however often it is sent) and,
// for an edit, the version the form was opened at. A conflict (412) waits for the officer, who opens the record's
// merge page; a refusal (400, 403, 404, 422) goes back to the form's draft with the server's message.
// Every word shown comes from the page (#outbox-status's data-text-* attributes, translated by the server).
(function () {
  "use strict";

  var status = document.getElementById("device-status");
  var box = document.getElementById("outbox-status");
  var store = window.CMCoordStore;
  var device = window.CMCoordDevice;
  if (!status || !box || !store || !device || !window.indexedDB) { return; }
  var user = status.getAttribute("data-user");
  var offlinePage = status.hasAttribute("data-offline-page");
  var csrf = box.getAttribute("data-csrf") || "";
  var t = function (name) { return box.getAttribute("data-text-" + name) || ""; };
  // What the page posts for itself and the API never takes; an edit's version travels in If-Match.
  var NOT_SENT = /^(csrfmiddlewaretoken|version|merge_base|opened__.*|keep-.*)$/;
  var SKIPPED_TYPES = ["submit", "button", "reset", "image", "file", "password"];
  var PARALLEL = Number(box.getAttribute("data-parallel")) || 1;  // requests at once (cmcoord/records/outbox.py)
  var RETRY = ["401", "409", "429"];  // not signed in (yet), the same key still at work, too many: later

  function guarded(promise) { return Promise.resolve(promise).catch(function () { return null; }); }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function sendable(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !el.disabled && SKIPPED_TYPES.indexOf(el.type) === -1 && el.tagName !== "BUTTON";
    });
  }

  // A field the API never takes, kept in the draft only: the offline page's choice of task (its route takes the note).
  function skipped(el) { return NOT_SENT.test(el.name) || el.hasAttribute("data-outbox-skip"); }

  // The API's JSON body of a form, as its inputs stand: a list for the fields the tag names (data-outbox-lists).
  function body(form) {
    var lists = (form.getAttribute("data-outbox-lists") || "").split(" ").filter(Boolean);
    var data = {};
    sendable(form).forEach(function (el) {
      if (skipped(el)) { return; }
      if (lists.indexOf(el.name) !== -1) {
        var values = data[el.name] || (data[el.name] = []);
        if (el.tagName === "SELECT") {
          Array.prototype.forEach.call(el.selectedOptions, function (o) { values.push(o.value); });
        } else if (el.checked) {
          values.push(el.value);
        }
      } else if (el.type === "checkbox") {
        data[el.name] = el.checked;
      } else if (el.type === "radio") {
        if (el.checked) { data[el.name] = el.value; } else if (!(el.name in data)) { data[el.name] = null; }
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  // What the page itself would post (for the merge page of a conflict), the CSRF token excepted.
  function posted(form) {
    var pairs = [];
    sendable(form).forEach(function (el) {
      if (el.name === "csrfmiddlewaretoken") { return; }
      if (el.tagName === "SELECT") {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { pairs.push([el.name, o.value]); });
      } else if ((el.type !== "checkbox" && el.type !== "radio") || el.checked) {
        pairs.push([el.name, el.value]);
      }
    });
    return pairs;
  }

  function labels(form) {
    var found = {};
    sendable(form).forEach(function (el) {
      var label = el.id && form.querySelector('label[for="' + el.id + '"]');
      if (label && !(el.name in found)) { found[el.name] = label.textContent.replace(/\*/g, "").trim(); }
    });
    return found;
  }

  function summaryOf(form) {
    var text = Array.prototype.filter.call(form.querySelectorAll("textarea, input[type=text]"), function (el) {
      return el.value.trim() && !NOT_SENT.test(el.name);
    })[0];
    var value = text ? text.value.trim().replace(/\s+/g, " ") : "";
    return value.length > 80 ? value.slice(0, 79) + "…" : value;
  }

  // --- Queueing ------------------------------------------------------------------------------------------------

  var drafts = window.CMCoordDrafts;
  var queuedHere = {};  // the entry last queued by each form of this page (data-draft), for those queued after it

  function queue(form) {
    var data = body(form);
    var extra = JSON.parse(form.getAttribute("data-outbox-extra") || "{}");
    Object.keys(extra).forEach(function (name) { data[name] = extra[name]; });
    var after = form.getAttribute("data-outbox-after");
    var parent = after ? queuedHere[after] : null;
    var versionField = form.getAttribute("data-outbox-version");
    var version = versionField && form.elements.namedItem(versionField) ? Number(form.elements.namedItem(versionField).value) : null;
    var action = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    var entry = {
      id: newKey(), key: newKey(), user: user, route: form.getAttribute("data-outbox-route"),
      method: form.getAttribute("data-outbox-method") || "POST", body: data, version: version,
      after: parent ? parent.id : null, afterField: parent ? after : null,
      draftKey: drafts ? drafts.keyOf(form) : null, draftName: form.getAttribute("data-draft"),
      draft: drafts ? drafts.read(form) : null, page: { action: action.pathname + action.search, fields: posted(form) },
      labels: labels(form), url: drafts ? drafts.pageOf(form) : window.location.pathname + window.location.search,
      title: form.getAttribute("data-outbox-title") || document.title,
      summary: summaryOf(form), queuedAt: Date.now(), state: "waiting", message: ""
    };
    return store.putEntry(entry).then(function () {
      queuedHere[form.getAttribute("data-draft")] = entry;
      return entry;
    });
  }

  function afterQueued(form) {
    form.reset();
    // The form as it was opened again: its draft is dropped (drafts.js saves on change, and finds nothing new).
    sendable(form).forEach(function (el) { el.dispatchEvent(new Event("change", { bubbles: true })); });
    if (drafts) { guarded(store.deleteDraft(drafts.keyOf(form))); }
    var done = document.createElement("div");
    done.className = "alert alert-success py-2";
    done.setAttribute("role", "status");
    done.setAttribute("data-testid", "queued-notice");
    done.textContent = t("queued");
    var old = form.querySelector("[data-testid=queued-notice]");
    if (old) { old.remove(); }
    form.insertBefore(done, form.firstChild);
    document.querySelectorAll('[data-outbox-section="' + form.getAttribute("data-draft") + '"]').forEach(function (section) {
      section.hidden = false;
    });
    askForSync();
  }

  function askForSync() {
    if (!("serviceWorker" in navigator)) { return; }
    guarded(navigator.serviceWorker.ready.then(function (reg) { return reg.sync ? reg.sync.register("cmcoord-outbox") : null; }));
  }

  // Whether the server answers at all: the browser may say it is online on a link that carries nothing.
  function reachable() {
    var ping = box.getAttribute("data-ping");
    if (!ping || !window.fetch) { return Promise.resolve(true); }
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, 8000) : null;
    return fetch(ping, { method: "HEAD", cache: "no-store", credentials: "same-origin", signal: controller && controller.signal })
      .then(function () { return true; }, function () { return false; })
      .then(function (answer) { if (timer) { clearTimeout(timer); } return answer; });
  }

  device.ready.then(function (active) {
    if (device.user && device.user()) { user = device.user(); }  // the offline page's: the device's person
    if (!active || !user) { return; }
    // The offline page's own forms (cmcoord/api/offline_forms.py) have no page to go to: always queued, once what
    // the browser can check of them holds (a required field left empty, no task chosen).
    var selector = offlinePage ? "form[data-outbox-offline]" : "form[data-outbox-route]";
    document.querySelectorAll(selector).forEach(function (form) {
      var passing = false;  // a submission let through to the server after the check
      form.addEventListener("submit", function (event) {
        if (passing) { passing = false; return; }
        if (drafts && drafts.refused(form)) { return; }  // Strictly confidential: never kept on the device
        // A form queued after another (a follow-up of an engagement still on the device) has no page of its own
        // to go to: it is always queued, and sent at once if it can be.
        var follows = form.hasAttribute("data-outbox-after") || offlinePage;
        event.preventDefault();
        event.stopImmediatePropagation();
        if (offlinePage && (!form.checkValidity() || !form.getAttribute("data-outbox-route"))) {
          form.reportValidity();
          return;
        }
        var submitter = event.submitter;
        var check = navigator.onLine === false || follows ? Promise.resolve(false) : reachable();
        check.then(function (online) {
          if (online && !follows) {  // the page sends it as always
            passing = true;
            if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
            return;
          }
          queue(form).then(function () { afterQueued(form); refresh(); sendAll(); }, function () {
            if (!follows) { passing = true; form.submit(); }
          });
        });
      }, true);  // captured: before drafts.js's own submit listener, whichever was added first
    });
  });

  // --- Sending ---------------------------------------------------------------------------------------------------

  function message(status, answer, entry) {
    if (!answer || typeof answer !== "object") { return t("refused-status").replace("%(status)s", status); }
    if (answer.detail) { return String(answer.detail); }
    var parts = [];
    Object.keys(answer).forEach(function (name) {
      var texts = Array.isArray(answer[name]) ? answer[name].join(" ") : String(answer[name]);
      var label = name === "non_field_errors" ? "" : (entry.labels && entry.labels[name]) || name;
      parts.push(label ? label + ": " + texts : texts);
    });
    return parts.join(" ") || t("refused-status").replace("%(status)s", status);
  }

  // A refused entry goes back to its form's draft, with the server's message; so do those queued after it.
  function backToDraft(entry, text) {
    var put = entry.draftKey ? store.putDraft({
      key: entry.draftKey, user: entry.user, form: entry.draftName, url: entry.url, title: entry.title,
      savedAt: Date.now(), data: entry.draft || {}, refusal: text
    }) : Promise.resolve();
    return put.then(function () { return store.deleteEntry(entry.id); });
  }

  function sendOne(entry) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf, "Idempotency-Key": entry.key };
    if (entry.version) { headers["If-Match"] = '"' + entry.version + '"'; }
    return fetch(entry.route, {
      method: entry.method, headers: headers, body: JSON.stringify(entry.body), credentials: "same-origin", redirect: "manual"
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (answer) {
        return { status: response.status, answer: answer };
      });
    });
  }

  // One entry's answer: sent (its dependants learn the record's id), a conflict (kept for the officer), a refusal
  // (back to a draft), or later (no connection, not signed in, the server busy: false).
  function settle(entry, result, entries) {
    var code = String(result.status);
    var dependants = entries.filter(function (e) { return e.after === entry.id; });
    if (result.status >= 200 && result.status < 300) {
      var id = result.answer && result.answer.id;
      return Promise.all(dependants.map(function (e) {
        e.body[e.afterField] = id;
        e.after = null;
        return store.putEntry(e);
      })).then(function () { return store.deleteEntry(entry.id); }).then(function () { return true; });
    }
    if (result.status === 412) {
      entry.state = "conflict";
      entry.message = message(code, result.answer, entry);
      return store.putEntry(entry).then(function () { return true; });
    }
    var csrfFailure = result.status === 403 && result.answer && /CSRF/.test(String(result.answer.detail || ""));
    if (result.status >= 400 && result.status < 500 && RETRY.indexOf(code) === -1 && !csrfFailure) {
      var text = message(code, result.answer, entry);
      return Promise.all(dependants.map(function (e) { return backToDraft(e, t("parent-refused")); }))
        .then(function () { return backToDraft(entry, text); })
        .then(function () { noteRefused(entry); return true; });
    }
    return Promise.resolve(false);
  }

  var sending = null;
  // The entries refused while this page was open, and those refused by the page before it in this tab (the page
  // that sent them may have been left at once, as when the connection came back while the officer navigated).
  var REFUSED = "cmcoord-refused";
  var refused = [];
  try { refused = JSON.parse(window.sessionStorage.getItem(REFUSED) || "[]"); window.sessionStorage.removeItem(REFUSED); } catch (e) { refused = []; }
  function noteRefused(entry) {
    var shown = { title: entry.title, summary: entry.summary, url: entry.url };
    refused.push(shown);
    try {
      var kept = JSON.parse(window.sessionStorage.getItem(REFUSED) || "[]");
      window.sessionStorage.setItem(REFUSED, JSON.stringify(kept.concat([shown])));
    } catch (e) { /* shown on this page only */ }
  }

  // Asked again while a round is under way ("Send now", the connection back, Background Sync): one more round once
  // it ends, so that an entry that round could not send (its answer lost) is not left waiting for the next page.
  var again = false;

  // Every waiting entry of this person: entries of one address one after the other (in the order queued), others
  // side by side; an entry queued after another waits for it to be sent.
  function sendAll() {
    if (offlinePage || !user || navigator.onLine === false) { return sending || Promise.resolve(); }
    if (sending) { again = true; return sending; }
    var run = function () {
      return store.entries().then(function (all) {
        var mine = all.filter(function (e) { return String(e.user) === user && e.state === "waiting"; });
        var lanes = {};
        mine.forEach(function (e) { (lanes[e.after ? "after " + e.after : e.route] = lanes[e.after ? "after " + e.after : e.route] || []).push(e); });
        var waiting = Object.keys(lanes).map(function (name) { return lanes[name]; });
        // A lane ends at an entry that could not be sent now (no answer, not signed in, the server busy); the
        // others go on: each waits for the next round.
        function lane(entries) {
          var next = entries.shift();
          if (!next || next.after) { return Promise.resolve(); }  // after: its parent is not sent yet
          attempted[next.id] = true;
          return sendOne(next).then(function (result) {
            return settle(next, result, mine);
          }, function () { return false; }).then(function (done) {
            if (!done) { return null; }
            refresh();
            return lane(entries);
          });
        }
        function worker() {
          var entries = waiting.shift();
          if (!entries) { return Promise.resolve(); }
          return lane(entries).then(worker);
        }
        var workers = [];
        for (var i = 0; i < PARALLEL; i++) { workers.push(worker()); }
        return Promise.all(workers).then(function () {
          // Entries queued after one sent in this round: sent now that they know its record's id.
          return store.entries().then(function (left) {
            var more = left.some(function (e) {
              return String(e.user) === user && e.state === "waiting" && !e.after && !attempted[e.id];
            });
            return more ? run() : null;
          });
        });
      });
    };
    var attempted = {};
    var locked = navigator.locks && navigator.locks.request
      ? navigator.locks.request("cmcoord-outbox", run) : run();
    sending = guarded(locked).then(function () {
      sending = null;
      refresh();
      if (!again) { return null; }
      again = false;
      return sendAll();
    });
    return sending;
  }

  // --- What the page shows -------------------------------------------------------------------------------------

  var count = box.querySelector("[data-outbox-count]");
  var sendButton = box.querySelector("[data-outbox-send]");
  var problems = box.querySelector("[data-outbox-problems]");

  function resolve(entry) {
    // The record's edit page as the officer submitted it: the server finds the version stale and shows its merge.
    var form = document.createElement("form");
    form.method = "post";
    form.action = entry.page.action;
    form.hidden = true;
    entry.page.fields.concat([["csrfmiddlewaretoken", csrf]]).forEach(function (pair) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    store.deleteEntry(entry.id).then(function () { form.submit(); }, function () { form.submit(); });
  }

  function dependants(entry) {
    return store.entries().then(function (left) { return left.filter(function (e) { return e.after === entry.id; }); });
  }

  // Discarded: with those queued after it, which name a record that will never be.
  function discard(entry) {
    return dependants(entry).then(function (after) {
      return Promise.all(after.concat([entry]).map(function (e) { return store.deleteEntry(e.id); }));
    }).then(refresh);
  }

  // Back to its form's draft (with those queued after it), then to the form: pages are not kept on the device, so
  // this needs the connection.
  function edit(entry) {
    return dependants(entry).then(function (after) {
      return Promise.all(after.map(function (e) { return backToDraft(e, ""); }));
    }).then(function () { return backToDraft(entry, ""); }).then(function () { window.location.href = entry.url; });
  }

  function button(text, testid, onClick, style) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm " + (style || "btn-outline-secondary");
    b.textContent = text;
    b.setAttribute("data-testid", testid);
    b.addEventListener("click", onClick);
    return b;
  }

  function describe(entry) {
    var what = entry.summary ? entry.title + " — " + entry.summary : entry.title;
    return what;
  }

  // The entries listed where a page asks ([data-outbox-list]: "Stored on this device", the offline page).
  function list(entries) {
    document.querySelectorAll("[data-outbox-list]").forEach(function (ul) {
      ul.textContent = "";
      var empty = document.querySelector("[data-outbox-empty]");
      if (empty) { empty.hidden = entries.length > 0; }
      entries.forEach(function (entry) {
        var item = document.createElement("li");
        item.className = "list-group-item d-flex flex-wrap gap-2 align-items-center";
        item.setAttribute("data-testid", "outbox-entry");
        var text = document.createElement("div");
        text.className = "me-auto";
        var what = document.createElement("div");
        what.textContent = describe(entry);
        var when = document.createElement("div");
        when.className = "small text-body-secondary";
        when.textContent = (entry.state === "conflict" ? entry.message : t("queued-at").replace("%(time)s", device.formatTime(entry.queuedAt)));
        text.appendChild(what);
        text.appendChild(when);
        item.appendChild(text);
        if (!offlinePage) {
          if (entry.state === "conflict") { item.appendChild(button(t("resolve"), "outbox-resolve", function () { resolve(entry); }, "btn-warning")); }
          item.appendChild(button(t("edit"), "outbox-edit", function () { edit(entry); }));
          item.appendChild(button(t("discard"), "outbox-discard", function () { discard(entry); }, "btn-outline-danger"));
        }
        ul.appendChild(item);
      });
    });
  }

  function refresh() {
    return guarded(store.entries()).then(function (all) {
      var entries = (all || []).filter(function (e) { return String(e.user) === user || offlinePage; });
      var waiting = entries.filter(function (e) { return e.state === "waiting"; });
      var conflicts = entries.filter(function (e) { return e.state === "conflict"; });
      count.textContent = t("waiting").replace("%(count)s", waiting.length);
      count.hidden = waiting.length === 0;
      sendButton.hidden = waiting.length === 0 || offlinePage || navigator.onLine === false;
      problems.textContent = "";
      conflicts.forEach(function (entry) {
        var line = document.createElement("div");
        line.setAttribute("data-testid", "outbox-conflict");
        line.textContent = t("conflict").replace("%(title)s", describe(entry)) + " ";
        if (!offlinePage) { line.appendChild(button(t("resolve"), "outbox-resolve", function () { resolve(entry); }, "btn-warning")); }
        problems.appendChild(line);
      });
      refused.forEach(function (entry) {
        var line = document.createElement("div");
        line.setAttribute("data-testid", "outbox-refused");
        line.textContent = t("refused").replace("%(title)s", describe(entry)) + " ";
        var link = document.createElement("a");
        link.href = entry.url;
        link.textContent = t("open-draft");
        line.appendChild(link);
        problems.appendChild(line);
      });
      box.hidden = waiting.length === 0 && conflicts.length === 0 && refused.length === 0;
      box.setAttribute("data-waiting", String(waiting.length));
      list(entries);
    });
  }

  sendButton.addEventListener("click", function () { sendAll(); });
  window.addEventListener("online", function () { refresh(); sendAll(); });
  window.addEventListener("offline", refresh);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) { if (event.data === "outbox-send") { sendAll(); } });
  }
  window.CMCoordOutbox = { send: sendAll, refresh: refresh };
  device.ready.then(function (active) {
    refresh();
    if (active && !offlinePage && user) { sendAll(); }
  });
})();
