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
    common_kind(first, line.trim_ascii())
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
    let known = matches!(first, "nslookup" | "nc" | "ncat" | "netcat" | "curl");
    (known && words.next().is_some()).then_some(command)
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
    }
}
