//! Thin wrappers over the browser: language preference, clipboard,
//! download, dialog, scrolling, waiting for the service worker or an idle
//! moment, and performance marks. Every call tolerates a browser that
//! lacks the feature or refuses it; none of them touches the network.

use crate::explain::Lang;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, HtmlDialogElement, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::NodeRef;

/// The key under which the language choice is remembered (the log never is).
const LANG_KEY: &str = "nwcheck.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered language, else the browser's.
pub fn initial_lang() -> Lang {
    if let Some(saved) = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()) {
        if saved == "ja" || saved == "en" {
            return Lang::from_tag(&saved);
        }
    }
    web_sys::window().and_then(|w| w.navigator().language()).map(|tag| Lang::from_tag(&tag)).unwrap_or_default()
}

/// Remembers the language the user picked.
pub fn remember_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

/// Sets `<html lang>` and the document title.
pub fn set_document_lang(lang: Lang, title: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", lang.code());
    }
    doc.set_title(title);
}

/// Saves the text made of `parts` (strings, byte arrays of UTF-8 or
/// `Blob`s, joined in order) as a file named `file_name`, through a `blob:` URL (nothing
/// is sent anywhere).
pub fn download(file_name: &str, parts: &js_sys::Array, mime: &str) -> bool {
    let run = || -> Result<(), JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let doc = window.document().ok_or(JsValue::NULL)?;
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let a: HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
        a.set_href(&url);
        a.set_download(file_name);
        a.set_hidden(true);
        let body = doc.body().ok_or(JsValue::NULL)?;
        body.append_child(&a)?;
        a.click();
        a.remove();
        // The click has started the download; the URL is not needed any more.
        let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
        Ok(())
    };
    run().is_ok()
}

/// A `Blob` of the UTF-8 bytes of `pieces`, joined in order.
pub fn blob<'a>(pieces: impl Iterator<Item = &'a str>) -> Result<web_sys::Blob, JsValue> {
    let parts = js_sys::Array::new();
    for piece in pieces {
        parts.push(&js_sys::Uint8Array::from(piece.as_bytes()));
    }
    web_sys::Blob::new_with_u8_array_sequence(&parts)
}

/// A `Blob` holding `text` (UTF-8) with the type `mime`.
pub fn text_blob(text: &str, mime: &str) -> Result<web_sys::Blob, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
}

/// Puts `text` on the clipboard. False when the browser has no clipboard
/// API here (e.g. a page served over plain http) or refuses.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !has_clipboard {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Opens (`showModal`) or closes the `<dialog>` behind `node`.
pub fn set_dialog_open(node: &NodeRef, open: bool) {
    let Some(dialog) = node.cast::<HtmlDialogElement>() else {
        return;
    };
    if open && !dialog.open() {
        let _ = dialog.show_modal();
    } else if !open && dialog.open() {
        dialog.close();
    }
}

/// Scrolls the first element matching `selector` inside `node` to the middle of its box.
pub fn scroll_to(node: &NodeRef, selector: &str) {
    let Some(root) = node.cast::<web_sys::Element>() else {
        return;
    };
    if let Ok(Some(el)) = root.query_selector(selector) {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Selects all text of the `<textarea>` behind `node` (for copying by hand).
pub fn select_text(node: &NodeRef) {
    if let Some(area) = node.cast::<web_sys::HtmlTextAreaElement>() {
        let _ = area.focus();
        area.select();
    }
}

/// Opens the file picker of the `<input type=file>` behind `node`.
pub fn click(node: &NodeRef) {
    if let Some(el) = node.cast::<HtmlElement>() {
        el.click();
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The files of a `FileList`, in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Whether a drag carries files (not text being dragged into the paste box).
pub fn drag_has_files(event: &web_sys::DragEvent) -> bool {
    let Some(dt) = event.data_transfer() else {
        return false;
    };
    let types = dt.types();
    types.iter().any(|t| t.as_string().as_deref() == Some("Files"))
}

/// Milliseconds since the page started (0 where the browser cannot tell).
pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Adds a named mark to the page's performance timeline (read by the
/// end-to-end tests that time the page).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Runs `f` once the page's service worker is active, so that files `f`
/// loads come from its cache; at once when the page has none (the browser
/// lacks them or the page is not a secure context). Never runs `f` when
/// the page's service worker could not be registered.
pub fn when_service_worker_ready(f: impl FnOnce() + 'static) {
    let ready = web_sys::window()
        .filter(|w| w.is_secure_context())
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("serviceWorker")).ok())
        .filter(|container| !container.is_undefined() && !container.is_null())
        .and_then(|container| js_sys::Reflect::get(&container, &JsValue::from_str("ready")).ok())
        .and_then(|ready| ready.dyn_into::<js_sys::Promise>().ok());
    match ready {
        Some(ready) => wasm_bindgen_futures::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(ready).await.is_ok() {
                f();
            }
        }),
        None => f(),
    }
}

/// Runs `f` once the page's thread is idle (`requestIdleCallback`, at most
/// `within_ms` later), or after `within_ms` in a browser without it.
pub fn when_idle(within_ms: u32, f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(within_ms);
    if window.request_idle_callback_with_options(callback.unchecked_ref(), &options).is_err() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.unchecked_ref(),
            i32::try_from(within_ms).unwrap_or(i32::MAX),
        );
    }
}

/// Moves keyboard focus to the first element of `ids` that is on the page
/// and scrolls it to the top of the window (the report's verdict after a
/// log is opened).
pub fn focus_first(ids: &[&str]) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for id in ids {
        if let Some(el) = doc.get_element_by_id(id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = el.focus();
            el.scroll_into_view_with_bool(true);
            return;
        }
    }
}
