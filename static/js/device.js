// The installable app on this device: the service worker, the offline indicator, the clock of the last contact
// with the server, and the wipes (sign-out seen by Safari, a revoked session, too long without contact, the
// "Stored on this device" page). Without IndexedDB or service workers every page works as before.
(function () {
  "use strict";

  var status = document.getElementById("device-status");
  var store = window.CMCoordStore;
  if (!status || !store || !window.indexedDB) { window.CMCoordDevice = { ready: Promise.resolve(false) }; return; }
  var user = status.getAttribute("data-user");
  var maxDays = Number(status.getAttribute("data-max-days")) || 7;
  var offlinePage = status.hasAttribute("data-offline-page");
  var t = function (name) { return status.getAttribute("data-text-" + name) || ""; };

  function showConnection() {
    status.hidden = navigator.onLine !== false;
    status.textContent = navigator.onLine === false ? t("offline") : "";
  }
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);
  showConnection();

  function guarded(promise) { return promise.catch(function () { return null; }); }

  var ready;
  if (status.hasAttribute("data-wiped")) {
    // The page that answers the wipe button: nothing is written again until the next page.
    ready = Promise.resolve(false);
  } else if (offlinePage) {
    // Served by the service worker: no contact. Too long without one wipes everything. What this device keeps is
    // the last signed-in person's (any other's was wiped when they signed in): their drafts and outbox go on here.
    ready = guarded(store.expired(maxDays)).then(function (expired) {
      if (expired) { return store.wipe().then(function () { return false; }); }
      return guarded(store.getMeta("user")).then(function (stored) {
        if (stored) { user = String(stored); }
        return true;
      });
    });
  } else if (!user) {
    // A page from the server to someone not signed in: signed out, or the session was revoked or ended. Nothing
    // of the product stays (Safari ignores the Clear-Site-Data header of the sign-out).
    ready = store.wipe().then(function () { return false; });
  } else {
    // A contact with the server, as this person: another person's drafts never outlive a change of account.
    ready = guarded(store.getMeta("user")).then(function (previous) {
      return previous && String(previous) !== user ? store.wipe() : null;
    }).then(function () {
      return Promise.all([store.putMeta("user", user), store.putMeta("lastContact", Date.now())]);
    }).then(function () {
      if ("serviceWorker" in navigator) {
        guarded(navigator.serviceWorker.register(status.getAttribute("data-worker"), { scope: "/" }).then(function (reg) {
          // A new version (a deploy) takes over as soon as it has stored all its files, while this page stays as it
          // was loaded: its HTML and its static files came from one deploy (hashed names), and it loads nothing
          // later. The next navigation is all new; the new worker deletes the old version's caches.
          function takeOver(worker) {
            if (!worker || !navigator.serviceWorker.controller) { return; }
            if (worker.state === "installed") { worker.postMessage("skip-waiting"); return; }
            worker.addEventListener("statechange", function () {
              if (worker.state === "installed") { worker.postMessage("skip-waiting"); }
            });
          }
          // The browser may have found the new version while this page loaded, before this listener was there.
          takeOver(reg.waiting || reg.installing);
          reg.addEventListener("updatefound", function () { takeOver(reg.installing); });
        }));
      }
      return true;
    }, function () { return true; });
  }

  // A tab left open offline: the clock is checked again whenever it comes back into view.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && navigator.onLine === false) {
      guarded(store.expired(maxDays)).then(function (expired) { if (expired) { store.wipe(); } });
    }
  });

  function formatTime(ms) {
    return new Date(ms).toLocaleString(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function formatBytes(n) {
    return n < 1024 ? n + " B" : n < 1048576 ? (n / 1024).toFixed(1) + " KB" : (n / 1048576).toFixed(1) + " MB";
  }

  // The drafts on this device, listed where a page asks ([data-draft-list]).
  function listDrafts() {
    document.querySelectorAll("[data-draft-list]").forEach(function (list) {
      guarded(store.drafts()).then(function (drafts) {
        drafts = (drafts || []).filter(function (d) { return String(d.user) === user || offlinePage; });
        list.textContent = "";
        var empty = document.querySelector("[data-draft-empty]");
        if (empty) { empty.hidden = drafts.length > 0; }
        drafts.sort(function (a, b) { return b.savedAt - a.savedAt; }).forEach(function (draft) {
          var item = document.createElement("li");
          item.className = "list-group-item";
          item.setAttribute("data-testid", "stored-draft");
          var link = document.createElement("a");
          link.href = draft.url;
          link.textContent = draft.title || draft.url;
          var when = document.createElement("div");
          when.className = "small text-body-secondary";
          when.textContent = t("saved").replace("%(time)s", formatTime(draft.savedAt));
          item.appendChild(link);
          item.appendChild(when);
          list.appendChild(item);
        });
      });
    });
  }

  // The caches on this device and what they weigh ([data-cache-list]), and the browser's own estimate.
  function listCaches() {
    var list = document.querySelector("[data-cache-list]");
    if (!list || !window.caches) { return; }
    guarded(caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) {
        return caches.open(name).then(function (cache) { return cache.keys().then(function (requests) {
          return Promise.all(requests.map(function (r) { return cache.match(r).then(function (res) { return res ? res.blob() : null; }); }))
            .then(function (blobs) {
              return { name: name, count: requests.length, bytes: blobs.reduce(function (s, b) { return s + (b ? b.size : 0); }, 0) };
            });
        }); });
      }));
    })).then(function (found) {
      list.textContent = "";
      (found || []).forEach(function (c) {
        var item = document.createElement("li");
        item.className = "list-group-item";
        item.setAttribute("data-testid", "stored-cache");
        item.textContent = c.name + " — " + t("files").replace("%(count)s", c.count) + ", " + formatBytes(c.bytes);
        list.appendChild(item);
      });
      var empty = document.querySelector("[data-cache-empty]");
      if (empty) { empty.hidden = (found || []).length > 0; }
    });
  }

  // The wipe button: wiped here by script (Safari), then the form tells the server, whose answer wipes again.
  document.querySelectorAll("form[data-wipe]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      store.wipe().then(function () { form.submit(); });
    });
  });

  // What is kept to be read offline (cmcoord/api/offline_data.py): fetched when online, at most every
  // refreshMinutes, as this person; kept in the same database, so every wipe takes it too.
  function refreshReadable(active) {
    var url = status.getAttribute("data-readable");
    if (!active || offlinePage || !user || !url || navigator.onLine === false) { return Promise.resolve(null); }
    return guarded(store.getMeta("readable")).then(function (kept) {
      var minutes = kept && kept.refreshMinutes ? kept.refreshMinutes : 30;
      if (kept && String(kept.user) === user && Date.now() - kept.storedAt < minutes * 60 * 1000) { return kept; }
      return guarded(fetch(url, { credentials: "same-origin", redirect: "error", headers: { Accept: "application/json" } }).then(function (response) {
        if (!response.ok || (response.headers.get("Content-Type") || "").indexOf("application/json") === -1) { return null; }
        return response.json().then(function (data) {
          data.user = user;
          data.storedAt = Date.now();
          return store.putMeta("readable", data).then(function () { return data; });
        });
      }));
    });
  }

  // The readable data shown where a page asks ([data-readable-view]): the offline page, "Stored on this device".
  function showReadable() {
    var views = document.querySelectorAll("[data-readable-view]");
    if (!views.length) { return; }
    guarded(store.getMeta("readable")).then(function (data) {
      views.forEach(function (view) {
        var tr = function (name) { return view.getAttribute("data-text-" + name) || ""; };
        var when = view.querySelector("[data-readable-when]");
        var rows = view.querySelector("[data-readable-tasks]");
        var counts = view.querySelector("[data-readable-counts]");
        var none = view.querySelector("[data-readable-none]");
        if (!data || (!offlinePage && String(data.user) !== user)) { if (none) { none.hidden = false; } return; }
        if (none) { none.hidden = true; }
        if (when) { when.textContent = tr("refreshed").replace("%(time)s", formatTime(Date.parse(data.refreshedAt))); }
        if (counts) {
          var activities = Object.keys(data.activities || {}).reduce(function (n, code) { return n + data.activities[code].length; }, 0);
          counts.textContent = tr("counts").replace("%(tasks)s", data.tasks.length).replace("%(actors)s", data.actors.length)
            .replace("%(places)s", data.places.length).replace("%(activities)s", activities);
        }
        if (rows) {
          rows.textContent = "";
          data.tasks.forEach(function (task) {
            var row = document.createElement("tr");
            row.setAttribute("data-testid", "readable-task");
            [task.reference, task.title, task.status, task.due || "—"].forEach(function (value, i) {
              var cell = document.createElement(i === 0 ? "th" : "td");
              if (i === 0) { cell.scope = "row"; }
              cell.textContent = value;
              if (i === 1) { cell.dir = "auto"; }
              row.appendChild(cell);
            });
            rows.appendChild(row);
          });
          var table = rows.closest("table");
          if (table) { table.hidden = data.tasks.length === 0; }
        }
      });
    });
  }

  // user(): the person whose drafts and outbox these are, once ready (on the offline page, read from the device).
  window.CMCoordDevice = { ready: ready, formatTime: formatTime, text: t, user: function () { return user || ""; } };
  ready.then(function (active) {
    listDrafts();
    listCaches();
    showReadable();
    refreshReadable(active).then(function (fresh) { if (fresh) { showReadable(); } });
  });
})();
