//! The web page's entry point: Trunk builds this binary for wasm32 and
//! `index.html` loads it. Natively it does nothing.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;

    // A panic is reported on the console instead of a bare "unreachable".
    std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&info.to_string().into())));

    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::Element>().ok());
    match root {
        Some(root) => {
            // Replace the "loading" text that index.html shows until now.
            root.set_text_content(None);
            yew::Renderer::<nwcheck::app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<nwcheck::app::App>::new().render();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
