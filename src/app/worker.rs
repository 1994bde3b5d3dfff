//! Large files and pasted texts are read and analyzed in a Web Worker, so
//! the page's thread stays free: the page reads the file (or a `Blob` of
//! the text) in pieces and sends them, the worker analyzes the whole
//! input in steps ([`Stepwise`], about 2 MB each, telling the
//! page how far it is after each) and sends the result back in pieces
//! (see [`crate::transfer`]).
//!
//! The worker runs the page's own wasm: `web/worker.js` (a module worker;
//! `scripts/post-build.sh` writes the file names into it) loads the same
//! wasm-bindgen module and wasm file as the page, whose `main` registers
//! [`AnalysisWorker`] instead of rendering when it runs in a worker.
//! Nothing is downloaded twice: the files come from the browser's cache
//! or the service worker.
//!
//! One worker per input. A [`Spare`] worker is started once the page is
//! idle after its first render and after each job, and when files are
//! dragged over the page or the file picker opens (if there is none), so
//! the next large input does not wait for a worker to load. Dropping the
//! [`Job`] that uses a worker closes it (cancel, or the result has
//! arrived): a worker in the middle of the analysis closes after the step
//! it is in, and sends nothing more.

use crate::analyzer::lines::LineIndex;
use crate::analyzer::Stepwise;
use crate::transfer::{
    from_bytes, parcels, to_bytes, Assembly, Incoming, Input, Output, Parcels, Received, Step, INPUT_PIECE,
};
use crate::Analysis;
use gloo_worker::{Codec, HandlerId, Spawnable, Worker, WorkerBridge, WorkerScope};
use serde_bytes::ByteBuf;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stage {
    /// The worker is starting.
    Starting,
    /// `done` of the file's bytes have been read and sent to the worker.
    Reading { done: f64 },
    /// The worker analyzes the log: `done` of the `total` bytes of its
    /// decoded text have been read.
    Analyzing { done: f64, total: f64 },
    /// `done` of `total` pieces of the result have arrived.
    Receiving { done: usize, total: usize },
}

/// The worker reads about this many bytes of a log's blocks in one step
/// (some tens of milliseconds), then handles the messages that came
/// meanwhile: a cancel stops the analysis between two steps.
const STEP_BYTES: usize = 2 << 20;

/// How many times a new worker analyzes the sample while it waits. The
/// browser first runs the wasm's functions with code compiled quickly and
/// compiles the ones that run much again, better, in the background: a few
/// rounds make the functions of a large analysis fast before it comes.
const WARM_UP_ROUNDS: u8 = 24;

/// How many pieces of the result the worker sends before the page has
/// asked for more (the page asks for one more each time it has read one).
const PIECES_AHEAD: usize = 2;

/// How long the worker may take to start before the job fails.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// The messages' encoding on both sides (see [`crate::transfer::to_bytes`]).
/// A message that cannot be encoded or decoded (it never happens between
/// the page and its own wasm) throws a JavaScript error in that message's
/// handler; nothing else is affected.
pub struct Postcard;

impl Codec for Postcard {
    fn encode<I: serde::Serialize>(input: I) -> JsValue {
        match to_bytes(&input) {
            Some(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
            None => wasm_bindgen::throw_str("nwcheck: a worker message could not be encoded"),
        }
    }

    fn decode<O: for<'de> serde::Deserialize<'de>>(input: JsValue) -> O {
        let bytes = js_sys::Uint8Array::new(&input).to_vec();
        match from_bytes(&bytes) {
            Some(message) => message,
            None => wasm_bindgen::throw_str("nwcheck: a worker message could not be read"),
        }
    }
}

// ---------------------------------------------------------------- worker side

/// The worker: collects the bytes of one input, analyzes them and sends
/// the analysis back.
pub struct AnalysisWorker {
    /// The input's file name; none for pasted text.
    name: Option<String>,
    /// The input so far (checked as UTF-8 as it comes).
    input: Incoming,
    /// Its size in bytes.
    size: usize,
    /// The page that sent the input, while it is still connected.
    client: Option<HandlerId>,
    /// The analysis being made, one step at a time.
    analyzing: Option<Stepwise>,
    /// The analysis, before it is sent.
    result: Option<Analysis<'static>>,
    /// The analysis being sent, one piece each time the page asks.
    sending: Option<Parcels>,
}

/// The worker's own steps, each run as a separate task so that a cancel
/// sent meanwhile is seen first.
#[derive(Debug, Clone, Copy)]
pub enum Next {
    /// Analyze the built-in sample and encode the messages of its result
    /// once while no job has come: the browser compiles the wasm's
    /// functions when they first run, so a worker started ahead of need is
    /// then fast from the first real byte to the last message.
    /// (`n` more rounds, each its own task, until a job comes.)
    WarmUp(u8),
    Analyze,
    /// Read the next blocks of the log.
    Step,
    Send,
}

impl Worker for AnalysisWorker {
    type Message = Next;
    type Input = Input;
    type Output = Output;

    fn create(scope: &WorkerScope<Self>) -> Self {
        // Warming up first costs a job that comes at once little: the
        // functions the sample runs need not be compiled again for it.
        next_task(scope, Next::WarmUp(WARM_UP_ROUNDS));
        AnalysisWorker {
            name: None,
            input: Incoming::with_capacity(0),
            size: 0,
            client: None,
            analyzing: None,
            result: None,
            sending: None,
        }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, next: Next) {
        if let Next::WarmUp(rounds) = next {
            if self.client.is_none() {
                for message in parcels(crate::analyze(super::SAMPLE, None)) {
                    std::hint::black_box(to_bytes(&message));
                }
                if rounds > 1 {
                    next_task(scope, Next::WarmUp(rounds - 1));
                }
            }
            return;
        }
        let Some(client) = self.client else {
            return;
        };
        match next {
            Next::WarmUp(_) => {}
            Next::Analyze => {
                let input = std::mem::replace(&mut self.input, Incoming::with_capacity(0));
                let name = self.name.as_deref();
                self.analyzing = Some(match input.finish() {
                    Received::Text(text) => Stepwise::from_text(text, name),
                    Received::Bytes(bytes) => Stepwise::from_vec(bytes, name),
                });
                next_task(scope, Next::Step);
            }
            Next::Step => {
                let Some(analyzing) = self.analyzing.as_mut() else {
                    return;
                };
                if analyzing.step(STEP_BYTES) {
                    self.result = self.analyzing.take().map(Stepwise::finish);
                    next_task(scope, Next::Send);
                } else {
                    let (done, total) = analyzing.progress();
                    scope.respond(client, Output::Analyzing { done: done as u64, total: total as u64 });
                    next_task(scope, Next::Step);
                }
            }
            Next::Send => {
                if let Some(analysis) = self.result.take() {
                    self.sending = Some(parcels(analysis));
                    // One piece ahead of the page: the next one is made
                    // while the page reads the last.
                    for _ in 0..PIECES_AHEAD {
                        self.send_next(scope, client);
                    }
                }
            }
        }
    }

    fn received(&mut self, scope: &WorkerScope<Self>, input: Input, id: HandlerId) {
        match input {
            Input::Start { name, size } => {
                self.name = name;
                let size = usize::try_from(size).unwrap_or(0);
                self.input = Incoming::with_capacity(size);
                self.size = size;
                self.client = Some(id);
                scope.respond(id, Output::Ready);
            }
            Input::Bytes(piece) => self.input.push(&piece),
            Input::End => {
                scope.respond(id, Output::Analyzing { done: 0, total: self.size as u64 });
                next_task(scope, Next::Analyze);
            }
            Input::More => {
                if self.client == Some(id) {
                    self.send_next(scope, id);
                }
            }
        }
    }

    fn disconnected(&mut self, _scope: &WorkerScope<Self>, id: HandlerId) {
        if self.client == Some(id) {
            self.client = None;
            self.input = Incoming::with_capacity(0);
            self.analyzing = None;
            self.result = None;
            self.sending = None;
        }
    }
}

impl AnalysisWorker {
    /// Sends the next piece of the analysis.
    fn send_next(&mut self, scope: &WorkerScope<Self>, client: HandlerId) {
        let Some(message) = self.sending.as_mut().and_then(|p| p.next()) else {
            self.sending = None;
            return;
        };
        if matches!(message, Output::Done) {
            self.sending = None;
        }
        scope.respond(client, message);
    }
}

/// Runs `next` in the next task, after the messages that came in
/// meanwhile (a cancel). A message to itself through a `MessageChannel`
/// comes back at once, where a chain of zero-delay timers is slowed to
/// one per 4 ms by the browser.
fn next_task(scope: &WorkerScope<AnalysisWorker>, next: Next) {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        after_timer(scope, next);
        return;
    };
    let receiver = channel.port1();
    let sender = channel.port2();
    // The closure holds the channel until its message has come.
    let to = scope.clone();
    let run = Closure::once_into_js(move || {
        channel.port1().set_onmessage(None);
        to.send_message(next);
    });
    receiver.set_onmessage(Some(run.unchecked_ref()));
    if sender.post_message(&JsValue::NULL).is_err() {
        receiver.set_onmessage(None);
        after_timer(scope, next);
    }
}

/// Runs `next` after a zero-delay timer: the slower way to the next task,
/// where a `MessageChannel` cannot be used.
fn after_timer(scope: &WorkerScope<AnalysisWorker>, next: Next) {
    let scope = scope.clone();
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(Duration::ZERO).await;
        scope.send_message(next);
    });
}

/// Starts the worker when this wasm runs in a worker. Returns false on the page.
pub fn register_if_worker() -> bool {
    use gloo_worker::Registrable;
    if !js_sys::global().is_instance_of::<web_sys::DedicatedWorkerGlobalScope>() {
        return false;
    }
    AnalysisWorker::registrar().encoding::<Postcard>().register();
    true
}

// ------------------------------------------------------------------ page side

/// The worker's script, beside the `web/start.js` that started the page,
/// named by the page's build: its URL carries the names of the module and
/// wasm files the page runs (Trunk names them by their contents), and
/// `web/worker.js` loads those, so the worker is always the page's own
/// release, whatever copy of `worker.js` a cache gives. `None` when the
/// page was not started by `start.js` (e.g. in the component tests), so
/// there is no worker to start.
fn worker_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let tag = document.query_selector("script[data-wasm][data-js]").ok()??;
    let src = tag.get_attribute("src")?;
    let dir = src.rsplit_once('/').map(|(dir, _)| format!("{dir}/")).unwrap_or_default();
    let file = |attr: &str| {
        let value = tag.get_attribute(attr)?;
        let name = value.rsplit('/').next()?.to_string();
        // Trunk's names: letters, digits, `-`, `_`, `.`; nothing to escape.
        name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)).then_some(name)
    };
    match (file("data-js"), file("data-wasm")) {
        (Some(js), Some(wasm)) => Some(format!("{dir}worker.js?js={js}&wasm={wasm}")),
        _ => Some(format!("{dir}worker.js")),
    }
}

/// Whether large files can go to a worker on this page.
pub fn available() -> bool {
    worker_url().is_some()
}

/// Where a worker's messages go: set when the worker gets its job.
type Handler = Rc<RefCell<Option<Box<dyn Fn(Output)>>>>;

/// A worker started ahead of need (see [`self`]), so a dropped file does
/// not wait for it to load. Dropping it closes the worker.
pub struct Spare {
    bridge: WorkerBridge<AnalysisWorker>,
    handler: Handler,
}

/// Starts a worker that waits for a job. `None` when no worker can be
/// started on this page.
pub fn spare() -> Option<Spare> {
    let url = worker_url()?;
    let handler: Handler = Rc::new(RefCell::new(None));
    let to_handler = handler.clone();
    // Starting a worker fails only for a URL of another origin; gloo-worker
    // panics then. This URL is always the page's own.
    let bridge = AnalysisWorker::spawner()
        .callback(move |message: Output| {
            if let Some(handle) = to_handler.borrow().as_ref() {
                handle(message);
            }
        })
        .with_loader(true)
        .as_module(true)
        .encoding::<Postcard>()
        .spawn(&url);
    Some(Spare { bridge, handler })
}

/// An input being read and analyzed in its own worker. Dropping it closes
/// the worker and stops reading.
pub struct Job {
    _inner: Rc<JobInner>,
}

struct JobInner {
    bridge: WorkerBridge<AnalysisWorker>,
    /// Set once the worker has answered, so the start timeout does nothing.
    started: Cell<bool>,
}

/// Starts reading `blob` in `spare`, or in a new worker. `name` is the
/// file name the analysis is told (none for pasted text). `onstage` hears
/// the progress, `ondone` the analysis or an error (once). `None` when no
/// worker can be started on this page.
pub fn start(
    spare: Option<Spare>,
    blob: web_sys::Blob,
    name: Option<String>,
    onstage: Callback<Stage>,
    ondone: Callback<Result<(Analysis<'static>, LineIndex), String>>,
) -> Option<Job> {
    let Spare { bridge, handler } = match spare {
        Some(spare) => spare,
        None => self::spare()?,
    };
    let size = blob.size();
    // Filled in below, once the bridge exists: the worker's messages reach
    // the job through it (a weak link, so dropping the job ends everything).
    let job: Rc<RefCell<Weak<JobInner>>> = Rc::new(RefCell::new(Weak::new()));
    let finished = Rc::new(Cell::new(false));
    let assembly = RefCell::new(Assembly::new());
    let onmessage = {
        let job = job.clone();
        let finished = finished.clone();
        let ondone = ondone.clone();
        let onstage = onstage.clone();
        move |message: Output| {
            if finished.get() {
                return;
            }
            let step = assembly.borrow_mut().take(message);
            match step {
                Step::Ready => {
                    let Some(inner) = job.borrow().upgrade() else {
                        return;
                    };
                    inner.started.set(true);
                    read_pieces(Rc::downgrade(&inner), blob.clone(), onstage.clone(), ondone.clone(), finished.clone());
                }
                Step::Analyzing { done, total } => {
                    onstage.emit(Stage::Analyzing { done: done as f64, total: total as f64 })
                }
                Step::Receiving { done, total } => {
                    if let Some(inner) = job.borrow().upgrade() {
                        inner.bridge.send(Input::More);
                    }
                    onstage.emit(Stage::Receiving { done, total });
                }
                Step::Complete(analysis, lines) => {
                    // The whole result is on the page; next, it is shown.
                    super::browser::mark("nwcheck-received");
                    finished.set(true);
                    ondone.emit(Ok((*analysis, lines)));
                }
                Step::Failed(e) => {
                    finished.set(true);
                    ondone.emit(Err(e));
                }
            }
        }
    };
    *handler.borrow_mut() = Some(Box::new(onmessage));
    bridge.send(Input::Start { name, size: size as u64 });
    let inner = Rc::new(JobInner { bridge, started: Cell::new(false) });
    *job.borrow_mut() = Rc::downgrade(&inner);
    onstage.emit(Stage::Starting);

    // A worker that never answers (its files could not be loaded) fails the job.
    let weak = Rc::downgrade(&inner);
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(START_TIMEOUT).await;
        if let Some(inner) = weak.upgrade() {
            if !inner.started.get() && !finished.get() {
                finished.set(true);
                ondone.emit(Err("the worker did not start".to_string()));
            }
        }
    });
    Some(Job { _inner: inner })
}

/// Reads `blob` piece by piece and sends the pieces, then asks for the
/// analysis. Stops as soon as the job is dropped.
fn read_pieces(
    job: Weak<JobInner>,
    blob: web_sys::Blob,
    onstage: Callback<Stage>,
    ondone: Callback<Result<(Analysis<'static>, LineIndex), String>>,
    finished: Rc<Cell<bool>>,
) {
    yew::platform::spawn_local(async move {
        let size = blob.size();
        let mut at = 0.0;
        onstage.emit(Stage::Reading { done: 0.0 });
        while at < size {
            let end = (at + INPUT_PIECE as f64).min(size);
            let piece = match read_piece(&blob, at, end).await {
                Ok(piece) => piece,
                Err(e) => {
                    if job.upgrade().is_some() && !finished.get() {
                        finished.set(true);
                        ondone.emit(Err(e));
                    }
                    return;
                }
            };
            let Some(inner) = job.upgrade() else {
                return;
            };
            inner.bridge.send(Input::Bytes(ByteBuf::from(piece)));
            at = end;
            onstage.emit(Stage::Reading { done: at });
        }
        if let Some(inner) = job.upgrade() {
            inner.bridge.send(Input::End);
        }
    });
}

/// The bytes `from..to` of `blob` (the browser reads them off the page's thread).
async fn read_piece(blob: &web_sys::Blob, from: f64, to: f64) -> Result<Vec<u8>, String> {
    let describe = |e: JsValue| {
        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "read error".to_string())
    };
    let part = blob.slice_with_f64_and_f64(from, to).map_err(describe)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(part.array_buffer()).await.map_err(describe)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
