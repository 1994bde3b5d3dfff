// The page's analysis worker (a module worker). It loads the page's own
// wasm-bindgen module and wasm file, which then serves the worker
// (src/app/worker.rs) instead of rendering the page. Their names are
// written here at build time by scripts/post-build.sh.
const FILES = /*FILES*/ null;
if (!FILES) throw new Error('nwcheck worker: built without scripts/post-build.sh');

const { default: init } = await import(new URL(FILES.js, import.meta.url).href);
await init({ module_or_path: new URL(FILES.wasm, import.meta.url) });
