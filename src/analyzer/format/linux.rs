//! What the Linux scripts' logs share (`Check_Backup_NW_Linux_verX.X.sh`
//! and `Check_ASR_NW_Linux_A2A_ver1.0.sh` both write
//! `CheckNWResult_<host>_<YYYYMMDDHHMM>.log`): a block starts at a
//! `##TRY!! <command> ##` line (spacing and the `=====` separator before or
//! after it do not matter); `#`-headings and `====` lines name sections;
//! `Complete...` and `[INFO] Script time ...` close the run. The head (host,
//! run time, `ip a`, `hostnamectl`, proxy lines) is read by `machine.rs`.

use super::super::blocks::LineKind;
use super::common_kind;

/// The Site Recovery script's last lines name the agent's proxy file
/// (`/usr/local/InMage/config/ProxyInfo.conf が見つかりました。` or
/// `... は存在しません。`), then show it.
const SITE_RECOVERY_TRAILER: &str = "/usr/local/InMage/config/ProxyInfo.conf";

/// What a line of a Linux script's log is.
#[inline]
pub fn classify(line: &str) -> LineKind<'_> {
    let Some(first) = line.bytes().find(|b| !b.is_ascii_whitespace()) else { return LineKind::Blank };
    // Most lines are output: one byte tells.
    if !matches!(first, b'#' | b'=' | b'-' | b'C' | b'[' | b'/') {
        return LineKind::Other;
    }
    if first == b'/' {
        // The Site Recovery script ends by showing the agent's proxy file.
        return if line.contains(SITE_RECOVERY_TRAILER) { LineKind::End } else { LineKind::Other };
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
    common_kind(first, t)
}

/// The command of a `##TRY!! ... ##` line.
pub fn try_marker(line: &str) -> Option<&str> {
    let t = line.trim_ascii_start();
    if !t.starts_with('#') {
        return None;
    }
    let rest = t.trim_start_matches(['#', ' ', '\t']);
    let body = rest.strip_prefix("TRY!!").or_else(|| rest.strip_prefix("try!!"))?;
    Some(body.trim_ascii().trim_end_matches('#').trim_ascii())
}

/// Whether the log has at least one `##TRY!!` line.
pub fn is_scripted(text: &str) -> bool {
    // Only lines that hold the word can be markers: find it, then read its line.
    let bytes = text.as_bytes();
    ["TRY!!", "try!!"].iter().any(|needle| {
        let finder = memchr::memmem::Finder::new(needle);
        let mut from = 0;
        while let Some(k) = finder.find(&bytes[from..]) {
            let at = from + k;
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
            if try_marker(&text[start..end]).is_some() {
                return true;
            }
            from = end;
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_tolerate_spacing() {
        assert_eq!(try_marker("##TRY!! nslookup  a.b.c ##"), Some("nslookup  a.b.c"));
        assert_eq!(try_marker("  ## TRY!! nc -vz a 443##"), Some("nc -vz a 443"));
        assert_eq!(try_marker("### https://a の疎通確認 ###"), None);
    }

    #[test]
    fn line_kinds() {
        assert_eq!(classify("##TRY!! nc -vz a 443 ##"), LineKind::Command("nc -vz a 443"));
        assert_eq!(classify("#### (4) Azure Backup への疎通確認 ####"), LineKind::Heading);
        assert_eq!(classify("=========="), LineKind::Separator);
        assert_eq!(classify("Complete..."), LineKind::End);
        assert_eq!(classify("[INFO] Script time is 120 s"), LineKind::End);
        assert_eq!(classify("   "), LineKind::Blank);
        assert_eq!(classify("Ncat: Connected to 1.2.3.4:443."), LineKind::Other);
        assert!(is_scripted("a\n##TRY!! nslookup x ##\n") && !is_scripted("TRY!! is a word here"));
    }
}
