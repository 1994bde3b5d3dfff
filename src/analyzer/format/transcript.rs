//! Commands typed by hand at a shell prompt and their output (format
//! `transcript`): a prompt followed by `nslookup`, `nc` or `curl` starts a
//! block (`[user@vm ~]$ nc -vz host 443`, `vm01:~ # curl -I https://x`,
//! `$ nslookup x`, `PS C:\> curl ...`).

use super::super::blocks::LineKind;
use super::common_kind;

/// What a line of a typed transcript is.
pub fn classify(line: &str) -> LineKind<'_> {
    let Some(first) = line.bytes().find(|b| !b.is_ascii_whitespace()) else { return LineKind::Blank };
    if let Some(command) = prompt_command(line) {
        return LineKind::Command(command);
    }
    let t = line.trim_ascii();
    if first == b'P' && is_ps_prompt(t) || cmd_prompt(t).is_some() {
        // A PowerShell prompt with a command nwcheck does not read (or
        // none): the block before it ends there.
        return LineKind::End;
    }
    common_kind(first, t)
}

/// The command after a shell prompt (`[user@vm ~]$ nc -vz host 443`,
/// `vm01:~ # curl -I https://x`, `$ nslookup x`, `PS C:\> curl ...`), when
/// the command is one nwcheck reads.
pub fn prompt_command(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let rest = if let Some(inner) = t.strip_prefix('[') {
        let close = inner.find(']').filter(|&c| c <= 100)?;
        let after = inner[close + 1..].strip_prefix(' ').unwrap_or(&inner[close + 1..]);
        after.strip_prefix(['#', '$', '%'])?
    } else if let Some(ps) = t.strip_prefix("PS ") {
        &ps[ps.find('>')? + 1..]
    } else if let Some(ps) = t.strip_prefix("PS>") {
        ps
    } else if let Some(cmd) = cmd_prompt(t) {
        cmd
    } else {
        let name_len = t.find(|c: char| !(c.is_ascii_alphanumeric() || "_.@:~/()-".contains(c)))?;
        if name_len > 100 {
            return None;
        }
        let after = &t[name_len..];
        after.strip_prefix(' ').filter(|_| name_len > 0).unwrap_or(after).strip_prefix(['#', '$', '%', '>'])?
    };
    let command = rest.trim();
    let mut words = command.split_whitespace();
    let mut first = words.next()?;
    if first == "sudo" {
        first = words.next()?;
    }
    let known = matches!(first, "nslookup" | "nc" | "ncat" | "netcat" | "curl" | "curl.exe")
        || super::super::tools::powershell::tool_of(first).is_some();
    (known && words.next().is_some()).then_some(command)
}

/// A PowerShell prompt (`PS C:\\Users\\me> ...`, `PS>...`), not the
/// transcript's `PS>TerminatingError(...)` record.
pub fn is_ps_prompt(t: &str) -> bool {
    if let Some(rest) = t.strip_prefix("PS>") {
        return !rest.starts_with("TerminatingError(");
    }
    let Some(rest) = t.strip_prefix("PS ") else { return false };
    // The location before `>`: a drive or provider path.
    rest.find('>').is_some_and(|at| {
        let location = &rest[..at];
        // (Japanese consoles show the backslash as ¥, and copies sometimes keep it.)
        location.contains(":\\")
            || location.contains(":¥")
            || location.contains("::")
            || location.starts_with('/')
            || location.starts_with('~')
    })
}

/// What follows the prompt of Windows' command prompt (`C:\\Users\\me>nslookup x`).
pub fn cmd_prompt(t: &str) -> Option<&str> {
    let b = t.as_bytes();
    if b.len() < 4 || !b[0].is_ascii_alphabetic() || b[1] != b':' || b[2] != b'\\' {
        return None;
    }
    let gt = t.find('>')?;
    Some(&t[gt + 1..])
}

/// Whether `text` has a PowerShell or Windows command prompt: its
/// commands' output is Windows output.
pub fn has_ps_prompt(text: &str) -> bool {
    text.split('\n').any(|l| {
        let t = l.trim();
        is_ps_prompt(t) || cmd_prompt(t).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts() {
        assert_eq!(prompt_command("[azureuser@vm01 ~]$ nc -vz a 443"), Some("nc -vz a 443"));
        assert_eq!(prompt_command("vm01:~ # curl -I https://x"), Some("curl -I https://x"));
        assert_eq!(prompt_command("$ sudo nslookup x"), Some("sudo nslookup x"));
        assert_eq!(prompt_command("PS C:\\Users\\me> curl -I https://x"), Some("curl -I https://x"));
        assert_eq!(prompt_command("$ ls -l"), None);
        assert_eq!(prompt_command("Connection to a 443 port [tcp/https] succeeded!"), None);
        assert_eq!(prompt_command("nc -vz a 443"), None);
        assert_eq!(prompt_command("PS C:\\Users\\me> tnc -port 443 a.example"), Some("tnc -port 443 a.example"));
        assert_eq!(
            prompt_command("PS>Invoke-WebRequest https://a.example"),
            Some("Invoke-WebRequest https://a.example")
        );
        assert_eq!(prompt_command("PS>TerminatingError(Invoke-WebRequest): \"x\""), None);
    }

    #[test]
    fn powershell_prompts() {
        assert!(
            is_ps_prompt("PS C:\\Users\\azureuser>") && is_ps_prompt("PS C:\\> ipconfig /all") && is_ps_prompt("PS>")
        );
        assert!(!is_ps_prompt("PS>TerminatingError(Invoke-WebRequest): \"x\"") && !is_ps_prompt("PS is a word"));
        assert!(has_ps_prompt("x\nPS C:\\Users\\me> tnc a -port 443\n") && has_ps_prompt("PS>nslookup a"));
        assert!(!has_ps_prompt("[azureuser@vm ~]$ nc -vz a 443"));
        assert!(is_ps_prompt("PS C:¥Users¥yamada>"));
        assert_eq!(
            prompt_command("C:\\Users\\azureuser>nslookup a.blob.core.windows.net"),
            Some("nslookup a.blob.core.windows.net")
        );
        assert_eq!(prompt_command("C:\\>curl.exe -I https://a.example"), Some("curl.exe -I https://a.example"));
        assert_eq!(classify("C:\\Users\\azureuser>ipconfig"), LineKind::End);
        assert!(has_ps_prompt("C:\\Users\\me>nslookup a\n"));
        assert_eq!(cmd_prompt("Connection-specific DNS Suffix"), None);
        assert_eq!(classify("PS C:\\Users\\me> ipconfig"), LineKind::End);
        assert_eq!(classify("PS>TerminatingError(Invoke-WebRequest): \"x\""), LineKind::Other);
    }
}
