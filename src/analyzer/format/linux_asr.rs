//! The Linux Site Recovery script's log (`Check_ASR_NW_Linux_A2A_ver1.0.sh`,
//! format `linux-asr`): the same file name and layout as the backup
//! script's (`linux.rs`); told apart by a Site Recovery section, a Site
//! Recovery destination, or the script naming itself.

use super::super::machine::MachineInfo;
use super::super::model::{Check, Service};
use super::Seen;

/// Whether a Linux script's log is the Site Recovery script's.
pub fn recognised(checks: &[Check], seen: Seen, info: &MachineInfo) -> bool {
    seen.sections.contains(Service::SiteRecovery)
        || checks.iter().any(|c| c.service == Service::SiteRecovery)
        || info.machine.script.as_deref().is_some_and(|s| s.contains("ASR"))
}
