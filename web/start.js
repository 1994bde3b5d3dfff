// Starts the page. Trunk writes the names of the built wasm-bindgen module
// and wasm file into this script tag's data attributes; loading them from a
// file (not an inline script) lets the Content-Security-Policy forbid
// inline scripts. Also registers the service worker that keeps the page's
// own files for offline use.
const tag = document.querySelector('script[data-wasm]');

// A file dropped while the page is still loading must not replace the page.
for (const type of ['dragover', 'drop']) {
  addEventListener(type, (e) => {
    if (e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) e.preventDefault();
  });
}

if ('serviceWorker' in navigator && window.isSecureContext) {
  // `updateViaCache: 'none'`: the browser looks for a new sw.js (and the
  // scripts it imports) past its HTTP cache, so a new release is found.
  navigator.serviceWorker.register(new URL('sw.js', tag.src), { updateViaCache: 'none' }).catch(() => {});
}

function failed() {
  const app = document.getElementById('app');
  if (!app) return;
  const p = document.createElement('p');
  p.className = 'boot';
  p.textContent =
    'このブラウザーでは nwcheck を起動できませんでした (WebAssembly が必要です)。/ ' +
    'nwcheck could not start in this browser (it needs WebAssembly).';
  app.replaceChildren(p);
}

try {
  const { default: init } = await import(new URL(tag.dataset.js, tag.src).href);
  await init({ module_or_path: new URL(tag.dataset.wasm, tag.src) });
} catch (err) {
  failed();
  throw err;
}
