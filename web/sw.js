// The service worker: keeps the page's own files (listed at build time by
// scripts/post-build.sh) so the page works offline. It answers only
// same-origin GET requests; it never fetches anything from another origin.
//
// - A new release's files are fetched past the browser's HTTP cache
//   (`cache: 'reload'`), so a stale copy of an unhashed file (the page,
//   `worker.js`, `start.js`) never joins a new release's cache.
// - Each copy of the page on one origin (another deployment path, another
//   scope) keeps its own cache, named by its scope; a release removes only
//   the older caches of its own scope.
const VERSION = '/*VERSION*/';
const SHELL = [/*SHELL*/];
const PREFIX = 'nwcheck ' + self.registration.scope + ' ';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(['./', ...SHELL].map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit =
        (await cache.match(request, { ignoreSearch: true })) ||
        (request.mode === 'navigate' ? await cache.match('./') : undefined);
      return hit || fetch(request);
    }),
  );
});
