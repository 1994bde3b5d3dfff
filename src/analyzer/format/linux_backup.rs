//! The Linux Azure Backup script's log (`Check_Backup_NW_Linux_verX.X.sh`,
//! format `linux-backup`): the shared Linux layout (`linux.rs`), plus its
//! rule for a run cut off between blocks.

use super::super::knowledge::BACKUP_SCRIPT_SERVICES;
use super::super::model::Check;
use super::Seen;

/// Cut between blocks: no closing line after the last block, and one of the
/// services the script checks in every run was never checked.
pub fn cut_between_blocks(checks: &[Check], seen: Seen) -> bool {
    !seen.ended && !BACKUP_SCRIPT_SERVICES.iter().all(|&s| checks.iter().any(|c| c.service == s))
}
