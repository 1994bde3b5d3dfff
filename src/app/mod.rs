//! The web page (wasm32 only): renders a report and gathers input.
