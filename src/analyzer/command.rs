//! Reading a command line: which tool it runs, its destination and port.
//! Each tool's table of options that take a value lives beside its reader
//! (`tools::nc::option_takes_value`, `tools::curl::option_takes_value`), so
//! an option's value is not read as the destination.

use super::tools;
use std::borrow::Cow;

/// The tool a block runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Nslookup,
    Nc,
    Curl,
    /// A command nwcheck has no reader for.
    Unknown,
}

/// A block's command, read from its `##TRY!!` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command<'a> {
    pub tool: Tool,
    /// The command as written, without the `##TRY!!` and `##` around it.
    pub text: &'a str,
    /// The destination: a host name or address ("" when the command has none).
    pub target: Cow<'a, str>,
    /// nc: the port; curl: the URL's port; nslookup: none.
    pub port: Option<u16>,
}

/// The tool name of a command word (`/usr/bin/nc` → `nc`).
fn tool_of(word: &str) -> Tool {
    let base = after_last(word, b'/');
    let is = |names: &[&str]| names.iter().any(|n| base.eq_ignore_ascii_case(n));
    if is(&["nslookup", "nslookup.exe"]) {
        Tool::Nslookup
    } else if is(&["nc", "ncat", "netcat", "nc.openbsd", "nc.traditional", "busybox-nc"]) {
        Tool::Nc
    } else if is(&["curl", "curl.exe"]) {
        Tool::Curl
    } else {
        Tool::Unknown
    }
}

/// Reads a command line (`nc -vz host 443`).
pub fn parse_command(text: &str) -> Command<'_> {
    let mut words = words(text).peekable();
    // Leading `sudo`, `timeout 10`, `env X=Y`, `X=Y` are wrappers.
    while let Some(&w) = words.peek() {
        if w == "sudo" || w == "env" || w == "command" || w.contains('=') && !w.starts_with('-') {
            words.next();
        } else if w == "timeout" {
            words.next();
            words.next();
        } else {
            break;
        }
    }
    let tool = words.next().map_or(Tool::Unknown, tool_of);
    let takes_value = match tool {
        Tool::Nc => tools::nc::option_takes_value,
        Tool::Curl => tools::curl::option_takes_value,
        _ => |_: &str| false,
    };
    // The words that are not options nor option values; the first two are
    // all any reader needs, and curl's URL is the first with a scheme.
    let mut args: [&str; 2] = [""; 2];
    let mut n_args = 0;
    let mut url: Option<&str> = None;
    let mut skip_next = false;
    for w in words {
        if skip_next {
            skip_next = false;
            continue;
        }
        if w.starts_with('-') && w.len() > 1 {
            skip_next = takes_value(w);
            continue;
        }
        if url.is_none() && scheme_split(w).is_some() {
            url = Some(w);
        }
        if n_args < 2 {
            args[n_args] = w;
            n_args += 1;
        }
    }
    let (target, port): (&str, Option<u16>) = match tool {
        Tool::Nc => (args[0].trim_matches(['[', ']']), args[1].split('-').next().and_then(|p| p.parse().ok())),
        Tool::Curl => parse_url(url.unwrap_or(args[0])),
        Tool::Nslookup => (args[0], None),
        Tool::Unknown => (args.iter().take(n_args).copied().find(|a| a.contains('.')).unwrap_or(""), None),
    };
    let target = target.trim_end_matches('.');
    let target = if target.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(target.to_ascii_lowercase())
    } else {
        Cow::Borrowed(target)
    };
    Command { tool, text, target, port }
}

/// What follows the last `byte` (an ASCII byte) in `s`, or all of `s`.
fn after_last(s: &str, byte: u8) -> &str {
    s.bytes().rposition(|b| b == byte).map_or(s, |i| &s[i + 1..])
}

/// The words of a command line, as `split_ascii_whitespace` gives them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        (i > start).then(|| &text[start..i])
    })
}

/// A URL split at its first `://`.
fn scheme_split(url: &str) -> Option<(&str, &str)> {
    let at = memchr::memchr_iter(b':', url.as_bytes()).find(|&i| url[i + 1..].starts_with("//"))?;
    Some((&url[..at], &url[at + 3..]))
}

/// Host and port of a URL (`https://host[:port]/path`); curl's default scheme is http.
fn parse_url(url: &str) -> (&str, Option<u16>) {
    let url = url.trim_matches(['"', '\'']);
    let (scheme, rest) = scheme_split(url).unwrap_or(("http", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = after_last(authority, b'@');
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6.split_once(']').unwrap_or((v6, ""));
        (h, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let default = if scheme.eq_ignore_ascii_case("https") {
        Some(443)
    } else if scheme.eq_ignore_ascii_case("http") {
        Some(80)
    } else {
        None
    };
    (host, port.and_then(|p| p.parse().ok()).or(default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands() {
        let c = parse_command("nslookup  pod01-rec2.jpe.backup.windowsazure.com");
        assert_eq!(
            (c.tool, c.target.as_ref(), c.port),
            (Tool::Nslookup, "pod01-rec2.jpe.backup.windowsazure.com", None)
        );
        let c = parse_command("nc -vz -w 5 pod01-rec2.jpe.backup.windowsazure.com 3260");
        assert_eq!(
            (c.tool, c.target.as_ref(), c.port),
            (Tool::Nc, "pod01-rec2.jpe.backup.windowsazure.com", Some(3260))
        );
        let c = parse_command("curl -I https://login.microsoft.com");
        assert_eq!((c.tool, c.target.as_ref(), c.port), (Tool::Curl, "login.microsoft.com", Some(443)));
        let c = parse_command("curl -I -x http://proxy:8080 https://a.blob.core.windows.net:8443/x?y");
        assert_eq!((c.target.as_ref(), c.port), ("a.blob.core.windows.net", Some(8443)));
        let c = parse_command("sudo /usr/bin/ncat -v -z host.example.com 443");
        assert_eq!((c.tool, c.target.as_ref(), c.port), (Tool::Nc, "host.example.com", Some(443)));
        let c = parse_command("ping -c 3 host.example.com");
        assert_eq!((c.tool, c.target.as_ref()), (Tool::Unknown, "host.example.com"));
    }
}
