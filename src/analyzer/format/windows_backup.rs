//! The Windows Azure Backup script's transcript (`Check_Backup_NW_verX.X.ps1`,
//! `AzureBackup_Check_NW_yyyymmdd_hhmmss.log`, format `windows-backup`): the
//! shared Windows layout (`windows.rs`), recognised by the Backup script's
//! own lines (`(used by Azure SQL / MARS Backup)`, the workload plugin's
//! proxy block, `-----ScriptStart Completed-----`).

use super::super::model::{Check, Format, Reason};
use super::Seen;

/// The format, and whether the run was cut off: inside a block, or with
/// neither the TLS section nor the closing line after the last block
/// (Ctrl+C; the log is written then too).
pub fn conclude(checks: &[Check], seen: Seen) -> (Format, bool) {
    (Format::WindowsBackup, cut(checks, seen))
}

/// Cut inside a block, or before the run's end.
pub fn cut(checks: &[Check], seen: Seen) -> bool {
    !seen.ended || checks.iter().any(|c| c.reason == Reason::Interrupted)
}
