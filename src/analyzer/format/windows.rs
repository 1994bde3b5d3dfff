//! What the Windows scripts' PowerShell transcripts share
//! (`Check_Backup_NW_verX.X.ps1` → `AzureBackup_Check_NW_*.log`,
//! `Check_ASR_NW_Windows_A2A_H2A_ver1.0.ps1` → `ASR_Check_NW_*.log`): a block
//! starts at a `#TRY!! <command>` line (`Test-NetConnection X  -port 443`,
//! `Invoke-webRequest https://X`); `### Check for ... ###` headings and
//! `====` lines name sections; the TLS section (`========== TLS CHECK
//! ==========`, the registry dump after every check) and the closing lines
//! (`-----ScriptStart Completed-----`, `-----Script Completed----- <date>`)
//! end the run. The head (transcript header, hostname, ipconfig, proxy
//! settings) and the TLS keys are read by `windows.rs`.
//!
//! The transcripts are UTF-8 with a BOM (Windows PowerShell 5.1), UTF-8
//! (PowerShell 7) or UTF-16LE (older or re-saved), with CRLF line ends;
//! decoding handles all of them.

use super::super::blocks::LineKind;
use super::linux::try_marker;
use super::{common_kind, Layout};

/// How far into a log the scripts' markers are looked for: the transcript
/// header and the proxy block come first.
const MARKER_WINDOW: usize = 64 * 1024;

/// Text only the Site Recovery script writes.
const ASR_MARKERS: &[&str] = &[
    "ASR_Check_NW_",
    "Check_ASR_NW_Windows",
    "Connection check ASR A2A URLs",
    "Microsoft Azure Site Recovery\\Config\\ProxyInfo.conf",
    "Chache Storage Account",
    "Skip NW connectivity check for Cache Storage Account",
];

/// Text only the Backup script writes.
const BACKUP_MARKERS: &[&str] = &[
    "AzureBackup_Check_NW_",
    "Check_Backup_NW_ver",
    "(used by Azure SQL / MARS Backup)",
    "AzureWLBackupPluginSv",
    "-----ScriptStart Completed-----",
];

/// The lines both scripts write (their shared functions).
const SHARED_MARKERS: &[&str] =
    &["Result of tnc", "#TRY!! Test-NetConnection", "#TRY!! Invoke-webRequest", "#####getInfo######"];

/// Which Windows script wrote `text`, if one did.
pub fn recognise(text: &str) -> Option<Layout> {
    let mut end = text.len().min(MARKER_WINDOW);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let has = |keys: &[&str]| keys.iter().any(|k| head.contains(k));
    if has(ASR_MARKERS) {
        Some(Layout::WindowsAsr)
    } else if has(BACKUP_MARKERS) {
        Some(Layout::WindowsBackup)
    } else if has(SHARED_MARKERS) {
        // The shared lines alone: the destinations tell.
        Some(if head.contains("hypervrecoverymanager") { Layout::WindowsAsr } else { Layout::WindowsBackup })
    } else {
        None
    }
}

/// What a line of a Windows script's transcript is.
pub fn classify(line: &str) -> LineKind<'_> {
    let Some(first) = line.bytes().find(|b| !b.is_ascii_whitespace()) else { return LineKind::Blank };
    // Most lines are output: one byte tells.
    if !matches!(first, b'#' | b'=' | b'-') {
        return LineKind::Other;
    }
    let t = line.trim_ascii();
    if first == b'#' {
        if let Some(cmd) = try_marker(t) {
            return LineKind::Command(cmd);
        }
        if t.starts_with("##") {
            return LineKind::Heading;
        }
    }
    if is_closing_line(t) || first == b'=' && t.starts_with("=====") && t.contains(" TLS CHECK ") {
        return LineKind::End;
    }
    common_kind(first, t)
}

/// The scripts' closing lines: `-----ScriptStart Completed-----` (Backup),
/// `-----Script Completed----- 05/01/2025 02:00:48` (Site Recovery).
pub fn is_closing_line(t: &str) -> bool {
    t.starts_with("-----ScriptStart Completed") || t.starts_with("-----Script Completed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_script() {
        assert_eq!(
            recognise("Transcript started, output file is C:\\x\\ASR_Check_NW_20250501_021907.log"),
            Some(Layout::WindowsAsr)
        );
        assert_eq!(
            recognise("WinInet settings for NT Authority\\System (used by Azure SQL / MARS Backup)"),
            Some(Layout::WindowsBackup)
        );
        assert_eq!(
            recognise("#TRY!! Test-NetConnection pod01-rcm1.jpw.hypervrecoverymanager.windowsazure.com  -port 443"),
            Some(Layout::WindowsAsr)
        );
        assert_eq!(recognise("#TRY!! Test-NetConnection login.microsoft.com  -port 443"), Some(Layout::WindowsBackup));
        assert_eq!(recognise("##TRY!! nc -vz a 443 ##"), None);
        // Markers only count near the start.
        let late = format!("{}\n#TRY!! Test-NetConnection a  -port 443", "x\n".repeat(40_000));
        assert_eq!(recognise(&late), None);
    }

    #[test]
    fn line_kinds() {
        assert_eq!(
            classify("#TRY!! Test-NetConnection pod01-manag1.jpe.backup.windowsazure.com  -port 443"),
            LineKind::Command("Test-NetConnection pod01-manag1.jpe.backup.windowsazure.com  -port 443")
        );
        assert_eq!(
            classify("#TRY!! Invoke-webRequest https://login.microsoft.com  "),
            LineKind::Command("Invoke-webRequest https://login.microsoft.com")
        );
        assert_eq!(classify("### Check for Azure Storage URLs ###"), LineKind::Heading);
        assert_eq!(classify("--------------------------------------------"), LineKind::Separator);
        assert_eq!(classify("========== TLS CHECK =========="), LineKind::End);
        assert_eq!(classify("-----ScriptStart Completed-----"), LineKind::End);
        assert_eq!(classify("-----Script Completed----- 05/01/2025 02:00:48"), LineKind::End);
        // A table's underline is output, not a heading.
        assert_eq!(classify("----                           --------"), LineKind::Other);
        assert_eq!(
            classify("Result of tnc - 443 / from 10.0.0.4 /To URL  a IPaddress 1.2.3.4 / TcpTestSucceeded: True"),
            LineKind::Other
        );
    }
}
