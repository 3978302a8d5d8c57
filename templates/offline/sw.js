{% autoescape off %}// CMCoord Tracker's service worker, version {{ version }}: a hash of every file it precaches and of itself, so
// that each deploy changing any of them installs a new worker. It keeps the app shell's static files (hashed names)
// and the offline page, nothing else: pages and API answers go to the network, and are never stored.
"use strict";
importScripts.apply(self, {{ workbox }}.concat([{{ store_url }}]));

var VERSION = "{{ version }}";
var OFFLINE_URL = {{ offline_url }};
var STATIC_PREFIX = {{ static_prefix }};
var MAX_DAYS = {{ max_days }};
var STATIC_CACHE = "cmcoord-static-" + VERSION;

workbox.core.setCacheNameDetails({ prefix: "cmcoord", suffix: VERSION });
var PRECACHE = workbox.core.cacheNames.precache;

// Hashed names need no revision (and are fetched through the HTTP cache, where the page has just put them).
var entries = {{ precache }}.map(function (url) { return { url: url, revision: null }; });
entries.push({ url: OFFLINE_URL, revision: VERSION });
workbox.precaching.precacheAndRoute(entries);

// Never keep what the server asked no one to keep, nor any HTML page.
function storable(response) {
  if (!response || response.status !== 200) { return false; }
  var control = (response.headers.get("Cache-Control") || "").toLowerCase();
  var type = (response.headers.get("Content-Type") || "").toLowerCase();
  return !/no-store|private/.test(control) && type.indexOf("text/html") === -1;
}
// Once a newer version has taken over (it deleted this version's caches), an answer this version was still
// fetching is not stored: checked before storing, and again after, which closes the race with the deletion.
function superseded() { return caches.has(PRECACHE).then(function (has) { return !has; }); }
var onlyStorable = {
  cacheWillUpdate: function (args) {
    if (!storable(args.response)) { return Promise.resolve(null); }
    return superseded().then(function (gone) { return gone ? null : args.response; });
  },
  cacheDidUpdate: function (args) {
    return superseded().then(function (gone) { return gone ? caches.delete(args.cacheName) : null; });
  }
};

// Static files the shell does not list (a later page's script): cache-first, under this version's cache.
workbox.routing.registerRoute(
  function (options) {
    return options.url.origin === self.location.origin && options.url.pathname.indexOf(STATIC_PREFIX) === 0;
  },
  new workbox.strategies.CacheFirst({ cacheName: STATIC_CACHE, plugins: [onlyStorable] })
);

// Pages: the network only. Any answer is a contact with the server (the offline clock starts again).
var contact = {
  fetchDidSucceed: function (args) {
    return CMCoordStore.putMeta("lastContact", Date.now()).catch(function () { return null; }).then(function () {
      return args.response;
    });
  }
};
workbox.routing.registerRoute(
  function (options) { return options.request.mode === "navigate"; },
  new workbox.strategies.NetworkOnly({ plugins: [contact] })
);

// No network: the offline page. After MAX_DAYS without contact, everything is wiped first.
workbox.routing.setCatchHandler(function (options) {
  if (options.request.mode !== "navigate") { return Promise.resolve(Response.error()); }
  return workbox.precaching.matchPrecache(OFFLINE_URL).then(function (page) {
    return CMCoordStore.expired(MAX_DAYS).catch(function () { return false; }).then(function (expired) {
      if (!page) { return Response.error(); }
      if (!expired) { return page; }
      return page.text().then(function (body) {
        return CMCoordStore.wipe().then(function () {
          return new Response(body, { headers: { "Content-Type": "text/html; charset=utf-8" } });
        });
      });
    });
  });
});

// A new version waits, its files stored, until an open page asks it to take over (device.js), which a page does
// at once; with no page open, it takes over at the next one. It then deletes the old version's caches (below).
// A page is never served half by one version and half by another: pages come from the network, with the static
// files' hashed names of the deploy that rendered them; a name this version did not store is fetched from the
// network (CacheFirst above), and the offline page is the version's own, rendered with its own names.
self.addEventListener("message", function (event) {
  if (event.data === "skip-waiting") { self.skipWaiting(); }
});

// Background Sync (Chromium): the connection is back, and the outbox has entries. The pages send them (with the
// session's CSRF token, which the worker never holds): an open page is asked to; with none, they wait for the next.
self.addEventListener("sync", function (event) {
  if (event.tag !== "cmcoord-outbox") { return; }
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (pages) {
    pages.forEach(function (page) { page.postMessage("outbox-send"); });
  }));
});

// The old versions' caches are deleted: their precaches first, so that an old version still running sees it has
// been superseded before its other caches go (onlyStorable).
self.addEventListener("activate", function (event) {
  function old(names, kind) {
    return Promise.all(names.filter(function (name) {
      return name !== PRECACHE && name !== STATIC_CACHE && (name.indexOf("-precache-") !== -1) === kind;
    }).map(function (name) { return caches.delete(name); }));
  }
  event.waitUntil(caches.keys().then(function (names) {
    return old(names, true).then(function () { return old(names, false); });
  }).then(function () { return self.clients.claim(); }));
});
{% endautoescape %}
