//! nwcheck reads the log written by Azure Backup support's Linux network
//! check script (`Check_Backup_NW_Linux_verX.X.sh`, log
//! `CheckNWResult_<host>_<YYYYMMDDHHMM>.log`) and gives a verdict for every
//! destination and every check, with the lines that prove it.
//!
//! - [`analyzer`] is the pure core: bytes in, [`analyzer::Report`] out. No IO,
//!   no browser, no printing.
//! - [`explain`] holds the Japanese and English texts for every verdict and
//!   finding, and the plain-text / Markdown summary.
//! - [`mask`] hides host names and addresses for sharing.
//! - [`export`] makes a report's JSON, or its masked copy, a few checks at
//!   a time (the page's exports of large reports).
//! - [`followup`] writes the follow-up commands for a vault's region and
//!   merges their pasted output into a report; [`diff`] compares two reports.
//! - [`transfer`] carries an analysis between the web page and its worker.
//! - The `nwcheck` binary (`src/bin/nwcheck.rs`) is the command line over the
//!   core; the web page lives in `app` (wasm32 only).

pub mod analyzer;
pub mod anonymize;
pub mod causes;
pub mod diff;
pub mod explain;
pub mod explain_causes;
pub mod export;
pub mod followup;
pub mod runs;
pub mod transfer;

#[cfg(target_arch = "wasm32")]
pub mod app;

pub use analyzer::{analyze, Analysis};
