//! The Windows Site Recovery script's transcript
//! (`Check_ASR_NW_Windows_A2A_H2A_ver1.0.ps1`, `ASR_Check_NW_yyyymmdd_hhmmss.log`,
//! format `windows-asr`): the shared Windows layout (`windows.rs`),
//! recognised by its own lines (`Connection check ASR A2A URLs`, the
//! `ProxyInfo.conf` check, `Chache Storage Account Name`), ending with
//! `-----Script Completed----- <date>`.

use super::super::model::{Check, Format};
use super::Seen;

/// The format, and whether the run was cut off (as the Backup script's).
pub fn conclude(checks: &[Check], seen: Seen) -> (Format, bool) {
    (Format::WindowsAsr, super::windows_backup::cut(checks, seen))
}
