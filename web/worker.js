// The page's analysis worker (a module worker). It loads the page's own
// wasm-bindgen module and wasm file, which then serves the worker
// (src/app/worker.rs) instead of rendering the page.
//
// The page names the files it runs in this script's URL
// (`worker.js?js=<module>&wasm=<wasm>`, src/app/worker.rs): the worker then
// runs exactly the page's build, even when this script was served from
// another release's cache, so a page and a worker of different releases
// never exchange messages. Only plain file names beside this script are
// taken. The names written here at build time by scripts/post-build.sh
// serve a worker started without them.
const FILES = /*FILES*/ null;
if (!FILES) throw new Error('nwcheck worker: built without scripts/post-build.sh');

const asked = new URL(import.meta.url).searchParams;
const plain = (name) => (name && /^[A-Za-z0-9._-]+$/.test(name) && !name.startsWith('.') ? './' + name : null);
const js = plain(asked.get('js')) ?? FILES.js;
const wasm = plain(asked.get('wasm')) ?? FILES.wasm;

const { default: init } = await import(new URL(js, import.meta.url).href);
await init({ module_or_path: new URL(wasm, import.meta.url) });
