// The page's analysis worker (a module worker). It loads the page's own
// wasm-bindgen module and wasm file, whose names the page passes in this
// script's URL (?js=...&wasm=...); the wasm then serves the worker
// (src/app/worker.rs) instead of rendering the page. Both files must come
// from this script's own origin.
const params = new URL(self.location.href).searchParams;

function sameOrigin(name) {
  const url = new URL(params.get(name) || '', self.location.href);
  if (url.origin !== self.location.origin) throw new Error(`nwcheck worker: ${name} is not on this origin`);
  return url;
}

const { default: init } = await import(sameOrigin('js').href);
await init({ module_or_path: sameOrigin('wasm') });
