// SQS Playground service worker: once the site has loaded, it keeps working offline.
//
// The page registers it next to index.html as `sw.js?v=<app version>`, so its scope is the
// directory the site is served from (`/`, `/sqs-playground/`, any sub-path): every URL
// here is derived from `self.registration.scope`, nothing is hard-coded.
//
// - One cache per scope and version, named "sqs-playground <scope> v=<version>". Installing
//   fills it with the page, every asset the page names (Trunk's hashed .js/.wasm/.css) and
//   the presets (scenarios/index.json and the files it lists); activating deletes this
//   scope's caches of other versions and takes control of open pages at once.
// - Navigations: network first (a new deploy shows up on the next load), the cached page
//   when the network fails.
// - Same-origin GET requests inside the scope: hashed assets cache first (their names
//   change with their content); other files (scenarios/*.json) from the cache at once and
//   refreshed from the network in the background.
// - Never cached: non-GET requests, other origins, URLs outside the scope, and anything but
//   a complete 200 response.
//
// Forcing an update: deploy with a new version (the page registers `sw.js?v=<new>`, the
// browser installs it and it replaces the old cache), or in the browser unregister the
// worker / clear the site's data (DevTools → Application).

'use strict';

const SCOPE = self.registration.scope; // absolute, ends with '/'
const VERSION = new URL(self.location.href).searchParams.get('v') || 'unversioned';
const CACHE_PREFIX = `sqs-playground ${SCOPE} `; // URLs never contain a raw space
const CACHE = `${CACHE_PREFIX}v=${VERSION}`;
const PAGE = new URL('./', SCOPE).href;
const INDEX = new URL('scenarios/index.json', SCOPE).href;

/** A file whose name carries Trunk's content hash, e.g. `style-1d8dc8d1f15d23b2.css`. */
const HASHED = /-[0-9a-f]{16}(?:_bg)?\.(?:js|wasm|css)$/;

/** True for the requests this worker handles: same-origin GETs inside its scope. */
function handles(request) {
  return request.method === 'GET' && request.url.startsWith(SCOPE)
    && new URL(request.url).origin === self.location.origin;
}

/** Only complete, same-origin, successful responses are worth keeping. */
function cacheable(response) {
  return response && response.status === 200 && response.type === 'basic';
}

/** The assets `html` (the page) names: quoted URLs of .js, .wasm and .css files in scope. */
function assetsOf(html) {
  const urls = new Set();
  for (const m of html.matchAll(/["']([^"'\s]+\.(?:js|wasm|css))["']/g)) {
    const url = new URL(m[1], PAGE);
    if (url.href.startsWith(SCOPE) && url.origin === self.location.origin) {
      url.hash = '';
      urls.add(url.href);
    }
  }
  return [...urls];
}

async function fetchOk(url) {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!cacheable(response)) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function precache() {
  const cache = await caches.open(CACHE);
  // The page and everything it needs to start: installing fails (and is retried on the
  // next registration) rather than leaving a cache that cannot run offline.
  const page = await fetchOk(PAGE);
  const html = await page.clone().text();
  await cache.put(PAGE, page);
  await cache.addAll(assetsOf(html));
  const index = await fetchOk(INDEX);
  const list = await index.clone().json();
  await cache.put(INDEX, index);
  // The presets the picker offers: best effort (a missing one only fails when picked).
  const files = Array.isArray(list) ? list.map((p) => p && p.file).filter((f) => typeof f === 'string') : [];
  await Promise.all(files.map(async (file) => {
    const url = new URL(file, INDEX).href;
    if (!url.startsWith(SCOPE)) return;
    try { await cache.put(url, await fetchOk(url)); } catch (_) { /* fetched and cached when used */ }
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

/** The page is one document whatever its query (`?preset=…`): kept under the scope URL. */
function isPage(url) {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.href === PAGE || u.href === new URL('index.html', SCOPE).href;
}

async function networkFirst(event) {
  const { request } = event;
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (cacheable(response)) {
      event.waitUntil(cache.put(isPage(request.url) ? PAGE : request.url, response.clone()));
    }
    return response;
  } catch (err) {
    const cached = (await cache.match(request, { ignoreSearch: true }))
      || (isPage(request.url) ? await cache.match(PAGE) : undefined);
    if (cached) return cached;
    throw err;
  }
}

async function fromCache(event) {
  const { request } = event;
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  const refresh = () => fetch(request).then(async (response) => {
    if (cacheable(response)) await cache.put(request, response.clone());
    return response;
  });
  if (!cached) return refresh();
  // Hashed assets never change; other files are refreshed for the next time.
  if (!HASHED.test(new URL(request.url).pathname)) event.waitUntil(refresh().catch(() => {}));
  return cached;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (!handles(request)) return; // the browser does what it would without a worker
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(event));
  } else {
    event.respondWith(fromCache(event));
  }
});
