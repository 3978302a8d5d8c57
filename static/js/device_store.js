// What the product keeps on this device, in one IndexedDB database ("cmcoord"): drafts typed into forms, the
// outbox (forms submitted offline, waiting to be sent: outbox.js), and the time of the last contact with the server. Shared by the pages (device.js, drafts.js) and the service worker.
(function (scope) {
  "use strict";

  var NAME = "cmcoord";
  var DAY = 24 * 60 * 60 * 1000;

  function request(req) {
    return new Promise(function (resolve, reject) {
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  // Each use opens, works and closes: an open connection would hold back a wipe (deleteDatabase waits for it).
  function withStore(store, mode, work) {
    var open = indexedDB.open(NAME, 2);
    open.onupgradeneeded = function () {
      var db = open.result;
      if (!db.objectStoreNames.contains("drafts")) { db.createObjectStore("drafts", { keyPath: "key" }); }
      if (!db.objectStoreNames.contains("meta")) { db.createObjectStore("meta"); }
      if (!db.objectStoreNames.contains("outbox")) { db.createObjectStore("outbox", { keyPath: "id" }); }
    };
    return request(open).then(function (db) {
      db.onversionchange = function () { db.close(); };
      var tx = db.transaction(store, mode);
      var result = work(tx.objectStore(store));
      return new Promise(function (resolve, reject) {
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  var store = {
    DAY: DAY,
    getDraft: function (key) { return withStore("drafts", "readonly", function (s) { return s.get(key); }); },
    putDraft: function (draft) { return withStore("drafts", "readwrite", function (s) { s.put(draft); }); },
    deleteDraft: function (key) { return withStore("drafts", "readwrite", function (s) { s.delete(key); }); },
    drafts: function () { return withStore("drafts", "readonly", function (s) { return s.getAll(); }); },
    putEntry: function (entry) { return withStore("outbox", "readwrite", function (s) { s.put(entry); }); },
    deleteEntry: function (id) { return withStore("outbox", "readwrite", function (s) { s.delete(id); }); },
    entries: function () {
      return withStore("outbox", "readonly", function (s) { return s.getAll(); }).then(function (all) {
        return (all || []).sort(function (a, b) { return a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : 1); });
      });
    },
    getMeta: function (key) { return withStore("meta", "readonly", function (s) { return s.get(key); }); },
    putMeta: function (key, value) { return withStore("meta", "readwrite", function (s) { s.put(value, key); }); },

    // Whether the last contact with the server is older than maxDays (no contact recorded: nothing to keep).
    expired: function (maxDays) {
      return store.getMeta("lastContact").then(function (last) {
        return typeof last === "number" && Date.now() - last > maxDays * DAY;
      });
    },

    // Everything the product keeps here: every cache, the database, the service worker. A wipe never fails
    // half-way silently: each part is tried whatever happened to the others.
    wipe: function () {
      var parts = [];
      if (scope.caches) {
        parts.push(caches.keys().then(function (names) {
          return Promise.all(names.map(function (name) { return caches.delete(name); }));
        }));
      }
      parts.push(new Promise(function (resolve) {
        var req = indexedDB.deleteDatabase(NAME);
        req.onsuccess = req.onerror = req.onblocked = function () { resolve(); };
      }));
      try { if (scope.localStorage) { scope.localStorage.clear(); scope.sessionStorage.clear(); } } catch (e) { /* none */ }
      var registration = scope.registration ||
        (scope.navigator && navigator.serviceWorker ? navigator.serviceWorker.getRegistration() : null);
      parts.push(Promise.resolve(registration).then(function (reg) { return reg ? reg.unregister() : false; }));
      return Promise.all(parts.map(function (p) { return p.catch(function () { return null; }); }));
    }
  };
  scope.CMCoordStore = store;
})(self);
