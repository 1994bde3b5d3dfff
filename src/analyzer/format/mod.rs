//! One module per log layout. A layout's module says how its log is
//! recognised, what each of its lines is for the block splitter (command,
//! section heading, separator, closing line), which service a section
//! heading names, how its head (host, run time, machine, proxy) is read, and
//! when a run of it counts as cut off. The block splitter (`blocks.rs`), the
//! tool readers (`tools/`) and the findings are shared by every layout.
//!
//! Adding a layout: a new module here with the same functions as
//! `transcript.rs`, a variant of [`Layout`] and an arm in each `match`
//! below (the compiler lists them), and golden logs in `tests/data/`.

pub mod linux;
pub mod linux_asr;
pub mod linux_backup;
pub mod transcript;

use super::blocks::{LineKind, SectionChange};
use super::knowledge::{self, Heading};
use super::machine::MachineInfo;
use super::model::{Check, Format, NotALogCause, Reason, Service};

/// How a log's lines are split into command blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// The Linux scripts' logs (Azure Backup, Site Recovery): `##TRY!!` lines.
    LinuxScript,
    /// Commands typed at a shell prompt, and their output.
    Transcript,
}

/// What the block reader saw of a whole log, for the layout's conclusions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seen {
    /// A closing line of the run came after the last block.
    pub ended: bool,
    /// The services named by the section headings the blocks were under.
    pub sections: ServiceSet,
    /// The last block was cut off (`blocks::Block::cut`), or the log ends
    /// inside a line without its closing line.
    pub last_cut: bool,
}

/// A set of services (one bit each).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServiceSet(u8);

impl ServiceSet {
    pub fn insert(&mut self, service: Service) {
        self.0 |= 1 << service as u8;
    }

    pub fn contains(self, service: Service) -> bool {
        self.0 & (1 << service as u8) != 0
    }
}

impl Layout {
    /// The layout of `text`.
    pub fn recognise(text: &str) -> Layout {
        if linux::is_scripted(text) {
            Layout::LinuxScript
        } else {
            Layout::Transcript
        }
    }

    /// What `line` is, for the block splitter.
    #[inline]
    pub fn classify(self, line: &str) -> LineKind<'_> {
        match self {
            Layout::LinuxScript => linux::classify(line),
            Layout::Transcript => transcript::classify(line),
        }
    }

    /// What a section heading does to the service of the blocks under it.
    pub fn section(self, heading: &str) -> SectionChange {
        match self {
            Layout::LinuxScript | Layout::Transcript => section_of(heading),
        }
    }

    /// The report's format and whether the run was cut off, once every
    /// block has been read.
    pub fn conclude(self, checks: &[Check], seen: Seen, info: &MachineInfo) -> (Format, bool) {
        let interrupted = checks.iter().any(|c| c.reason == Reason::Interrupted);
        match self {
            Layout::Transcript => (Format::Transcript, interrupted),
            // The scripts print a blank line after every tool's output.
            Layout::LinuxScript if linux_asr::recognised(checks, seen, info) => {
                (Format::LinuxAsr, interrupted || seen.last_cut)
            }
            Layout::LinuxScript => {
                (Format::LinuxBackup, interrupted || seen.last_cut || linux_backup::cut_between_blocks(checks, seen))
            }
        }
    }
}

/// The lines before the first command of any layout: the head.
pub fn head(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .take_while(|l| linux::try_marker(l).is_none() && transcript::prompt_command(l).is_none())
        .collect()
}

/// Why a text without any command block is not a log.
pub fn without_blocks(text: &str) -> NotALogCause {
    let has = |keys: &[&str]| keys.iter().any(|k| text.contains(k));
    if has(knowledge::WINDOWS_LOG_MARKERS) {
        NotALogCause::WindowsLog
    } else if has(knowledge::LINUX_SCRIPT_HEAD_MARKERS) {
        NotALogCause::CutBeforeChecks
    } else {
        NotALogCause::NoCommands
    }
}

/// The lines the layouts share: separators, `====`/`----` headings and the
/// Linux scripts' closing lines (`first`: the line's first non-blank byte;
/// `t`: the line trimmed).
fn common_kind(first: u8, t: &str) -> LineKind<'_> {
    match first {
        b'=' | b'-' if super::tools::is_separator(t) => LineKind::Separator,
        b'=' if t.starts_with("====") => LineKind::Heading,
        b'-' if t.starts_with("----") && t.ends_with("----") => LineKind::Heading,
        b'C' if t == "Complete..." => LineKind::End,
        b'[' if t.starts_with("[INFO] Script time") => LineKind::End,
        _ => LineKind::Other,
    }
}

/// A section heading read by the keywords of `knowledge::SECTION_HEADINGS`
/// (headings differ between script versions): a heading that names one
/// destination belongs to the section above it; one that names file
/// recovery, or exactly one service, sets it; one that names a private
/// endpoint, several services or none leaves the service
/// to the destination's name.
pub fn section_of(line: &str) -> SectionChange {
    let h = line.trim().to_lowercase();
    if h.contains("://") || h.split_whitespace().any(|w| w.matches('.').count() >= 2 && w.len() > 6) {
        return SectionChange::Keep;
    }
    let mut named = ServiceSet::default();
    let mut count = 0;
    for entry in knowledge::SECTION_HEADINGS {
        let hit = match entry.heading {
            Heading::Within(key) => h.contains(key),
            Heading::Word(word) => has_word(&h, word),
            Heading::Reset(key) => {
                if h.contains(key) {
                    return SectionChange::Set(None);
                }
                false
            }
        };
        if hit && !named.contains(entry.service) {
            named.insert(entry.service);
            count += 1;
        }
    }
    if named.contains(Service::FileRecovery) {
        return SectionChange::Set(Some(Service::FileRecovery));
    }
    match count {
        1 => SectionChange::Set(Service::ALL.iter().copied().find(|&s| named.contains(s))),
        // A heading that names no known service (a future `### Servicetag :
        // AzureMonitor ###`) starts a section of its own.
        _ => SectionChange::Set(None),
    }
}

/// `word` in `haystack`, not inside a longer ASCII word.
fn has_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        let set = |h: &str| match section_of(h) {
            SectionChange::Keep => "keep".to_string(),
            SectionChange::Set(s) => s.map_or("none", |s| s.id()).to_string(),
        };
        assert_eq!(set("#### (4) Azure Backup への疎通確認 ####"), "backup");
        assert_eq!(set("==== [3] ファイル回復用の宛先 (443/TCP, 3260/TCP) ===="), "file-recovery");
        assert_eq!(set("### Servicetag : AzureBackup (iSCSI) の疎通確認 ###"), "file-recovery");
        assert_eq!(set("#### Backup / Storage / AAD の代表宛先への疎通確認 ####"), "none");
        assert_eq!(set("### Servicetag : Storage の疎通確認 ###"), "storage");
        assert_eq!(set("==== [6] Microsoft Entra ID (旧 Azure Active Directory) ===="), "entra-id");
        assert_eq!(set("### https://pod01-manag1.jpe.backup.windowsazure.com の疎通確認 ###"), "keep");
        assert_eq!(set("### Servicetag : AzureFrontDoor.FirstParty の疎通確認 ###"), "file-recovery");
        assert_eq!(set("### Servicetag : AzureMonitor の疎通確認 ###"), "none");
        assert_eq!(set("#### (7) プライベート エンドポイント (お客様固有 FQDN) への疎通確認 ####"), "none");
        assert_eq!(set("#### 環境情報確認終了 ####"), "none");
    }

    #[test]
    fn service_sets() {
        let mut set = ServiceSet::default();
        set.insert(Service::SiteRecovery);
        set.insert(Service::Other);
        assert!(set.contains(Service::SiteRecovery) && set.contains(Service::Other));
        assert!(Service::ALL.iter().filter(|&&s| set.contains(s)).count() == 2);
    }
}
