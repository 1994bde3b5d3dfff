//! PowerShell command lines, as typed at a prompt or printed on the Windows
//! scripts' `#TRY!!` lines: which check they run, against what, on which
//! port, through which proxy.
//!
//! Parameter names are matched without regard to case and by any prefix
//! PowerShell itself would accept for the few parameters read here
//! (`-port`, `-Po`, `-ComputerName`, `-cn`, `-Uri`, `-Proxy`); `-Name:value`
//! works too. A target held in a variable (`Invoke-webRequest $Test_URLs`)
//! cannot be read from the command: the scripts print the URL on their
//! `#TRY!!` line, which is read instead.

use std::borrow::Cow;

/// The check a command runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PsTool {
    /// `Test-NetConnection` / `tnc`: a TCP connection (with a port).
    TestNetConnection,
    /// `Invoke-WebRequest` / `iwr`: an HTTP(S) request.
    InvokeWebRequest,
    /// `Resolve-DnsName`.
    ResolveDnsName,
    /// `nslookup` / `nslookup.exe`.
    Nslookup,
}

/// A PowerShell command read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PsCommand<'a> {
    pub tool: PsTool,
    /// The host name or address, in lower case ("" when it is not in the
    /// command, e.g. a variable).
    pub target: Cow<'a, str>,
    /// tnc: `-Port`; Invoke-WebRequest: the URL's port (443 for https, 80
    /// for http or no scheme, as Invoke-WebRequest's default is http).
    pub port: Option<u16>,
    /// Invoke-WebRequest's `-Proxy` value.
    pub proxy: Option<&'a str>,
}

/// The tool of a command's first word.
pub fn tool_of(word: &str) -> Option<PsTool> {
    let is = |names: &[&str]| names.iter().any(|n| word.eq_ignore_ascii_case(n));
    if is(&["Test-NetConnection", "tnc"]) {
        Some(PsTool::TestNetConnection)
    } else if is(&["Invoke-WebRequest", "iwr"]) {
        Some(PsTool::InvokeWebRequest)
    } else if is(&["Resolve-DnsName"]) {
        Some(PsTool::ResolveDnsName)
    } else if is(&["nslookup", "nslookup.exe"]) {
        Some(PsTool::Nslookup)
    } else {
        None
    }
}

/// Reads a PowerShell command line; `None` when it runs none of the tools
/// above.
pub fn parse(text: &str) -> Option<PsCommand<'_>> {
    let mut words = text.split_whitespace().peekable();
    let tool = tool_of(words.next()?)?;
    let mut positional: Option<&str> = None;
    let mut target: Option<&str> = None;
    let mut port: Option<u16> = None;
    let mut proxy: Option<&str> = None;
    while let Some(w) = words.next() {
        let Some(param) = w.strip_prefix('-').filter(|p| !p.is_empty() && tool != PsTool::Nslookup) else {
            // The Windows scripts' first version printed `port 443` without the dash.
            if tool == PsTool::TestNetConnection && w.eq_ignore_ascii_case("port") {
                port = words.next_if(|n| n.parse::<u16>().is_ok()).and_then(|n| n.parse().ok()).or(port);
                continue;
            }
            // nslookup's own options (`-type=A`) start with a dash too.
            if tool == PsTool::Nslookup && w.starts_with('-') {
                continue;
            }
            positional.get_or_insert(w);
            continue;
        };
        let (name, inline) = match param.split_once(':') {
            Some((n, v)) => (n, Some(v)),
            None => (param, None),
        };
        let mut value = || inline.or_else(|| words.next_if(|n| !n.starts_with('-')));
        match (tool, parameter(tool, name)) {
            (_, Param::Target) => target = value(),
            (PsTool::TestNetConnection, Param::Port) => port = value().and_then(|v| v.parse().ok()),
            (PsTool::TestNetConnection, Param::CommonPort) => port = value().and_then(common_tcp_port).or(port),
            (PsTool::InvokeWebRequest, Param::Proxy) => proxy = value(),
            (_, Param::TakesValue) => {
                value();
            }
            _ => {}
        }
    }
    let written = target.or(positional).unwrap_or("");
    let written = written.trim_matches(['"', '\'']);
    let (host, url_port) = match tool {
        PsTool::InvokeWebRequest => url_host(written),
        _ => (written, None),
    };
    // A variable, a sub-expression: not readable from the command.
    let host = if host.starts_with(['$', '(', '@']) { "" } else { host.trim_end_matches('.') };
    let host = if host.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(host.to_ascii_lowercase())
    } else {
        Cow::Borrowed(host)
    };
    let port = match tool {
        PsTool::TestNetConnection => port,
        PsTool::InvokeWebRequest if !host.is_empty() => url_port,
        _ => None,
    };
    Some(PsCommand { tool, target: host, port, proxy: proxy.map(|p| p.trim_matches(['"', '\''])) })
}

/// What a parameter name means for a tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Param {
    Target,
    Port,
    Proxy,
    /// Test-NetConnection's `-CommonTCPPort HTTP|RDP|SMB|WINRM`.
    CommonPort,
    /// Another parameter that takes a value (skipped with it).
    TakesValue,
    /// A switch.
    Switch,
}

fn parameter(tool: PsTool, name: &str) -> Param {
    // A prefix of `full` at least `min` letters long.
    let is = |full: &str, min: usize| {
        name.len() >= min && full.len() >= name.len() && full[..name.len()].eq_ignore_ascii_case(name)
    };
    match tool {
        PsTool::TestNetConnection => {
            if is("ComputerName", 1) || name.eq_ignore_ascii_case("cn") || name.eq_ignore_ascii_case("RemoteAddress") {
                Param::Target
            } else if is("Port", 2) || name.eq_ignore_ascii_case("RemotePort") {
                Param::Port
            } else if is("CommonTCPPort", 4) {
                Param::CommonPort
            } else if is("InformationLevel", 3)
                || is("Hops", 1)
                || is("ErrorAction", 2)
                || is("WarningAction", 2)
                || is("ConstrainSourceAddress", 3)
                || is("ConstrainInterface", 11)
            {
                Param::TakesValue
            } else {
                Param::Switch
            }
        }
        PsTool::InvokeWebRequest => {
            if is("Uri", 1) {
                Param::Target
            } else if name.eq_ignore_ascii_case("Proxy") {
                Param::Proxy
            } else if is("ProxyCredential", 6)
                || is("Method", 1)
                || is("TimeoutSec", 1)
                || is("OutFile", 1)
                || is("Headers", 1)
                || is("UserAgent", 5)
                || is("Body", 1)
                || is("ContentType", 1)
                || is("Credential", 2)
                || is("ErrorAction", 2)
                || is("MaximumRedirection", 2)
                || is("SessionVariable", 2)
                || is("WebSession", 1)
                || is("Certificate", 2)
                || is("CertificateThumbprint", 12)
                || is("InFile", 2)
                || is("TransferEncoding", 2)
                || is("SslProtocol", 2)
                || is("MaximumRetryCount", 8)
                || is("RetryIntervalSec", 2)
            {
                Param::TakesValue
            } else {
                Param::Switch
            }
        }
        PsTool::ResolveDnsName => {
            if is("Name", 1) {
                Param::Target
            } else if is("Type", 2) || is("Server", 2) || is("ErrorAction", 2) || is("CacheOnly", 100) {
                Param::TakesValue
            } else {
                Param::Switch
            }
        }
        PsTool::Nslookup => Param::Switch,
    }
}

/// The port of `-CommonTCPPort`.
fn common_tcp_port(name: &str) -> Option<u16> {
    [("HTTP", 80), ("RDP", 3389), ("SMB", 445), ("WINRM", 5985)]
        .iter()
        .find(|(n, _)| name.eq_ignore_ascii_case(n))
        .map(|&(_, p)| p)
}

/// Host and port of an Invoke-WebRequest URL; without a scheme it asks
/// over http.
fn url_host(url: &str) -> (&str, Option<u16>) {
    let (https, rest) = if let Some(r) = strip_prefix_ignore_case(url, "https://") {
        (true, r)
    } else if let Some(r) = strip_prefix_ignore_case(url, "http://") {
        (false, r)
    } else {
        (false, url)
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6.split_once(']').unwrap_or((v6, ""));
        (h, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let default = if https { 443 } else { 80 };
    (host, Some(port.and_then(|p| p.parse().ok()).unwrap_or(default)))
}

fn strip_prefix_ignore_case<'a>(t: &'a str, prefix: &str) -> Option<&'a str> {
    let head = t.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &t[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(PsTool, String, Option<u16>, Option<String>)> {
        parse(text).map(|c| (c.tool, c.target.into_owned(), c.port, c.proxy.map(str::to_string)))
    }

    const TNC: PsTool = PsTool::TestNetConnection;
    const IWR: PsTool = PsTool::InvokeWebRequest;

    #[test]
    fn test_netconnection_forms() {
        let want = Some((TNC, "a.blob.core.windows.net".to_string(), Some(443), None));
        assert_eq!(read("Test-NetConnection a.blob.core.windows.net -port 443"), want);
        assert_eq!(read("tnc a.blob.core.windows.net -Port 443"), want);
        assert_eq!(read("tnc -port 443 a.blob.core.windows.net"), want);
        assert_eq!(read("Test-NetConnection -ComputerName a.blob.core.windows.net -Port 443"), want);
        assert_eq!(read("test-netconnection -computername A.Blob.Core.Windows.Net -port:443"), want);
        assert_eq!(read("tnc -cn a.blob.core.windows.net -p 443 -InformationLevel Detailed").map(|r| r.2), Some(None));
        assert_eq!(read("tnc -cn a.blob.core.windows.net -po 443 -InformationLevel Detailed"), want);
        // The scripts' #TRY!! lines: `-port` now, `port` in the first version.
        assert_eq!(
            read("Test-NetConnection pod01-rcm1.jpw.hypervrecoverymanager.windowsazure.com  -port 443"),
            Some((TNC, "pod01-rcm1.jpw.hypervrecoverymanager.windowsazure.com".into(), Some(443), None))
        );
        assert_eq!(
            read("Test-NetConnection pod01-rec2.jpe.backup.windowsazure.com  port 3260").map(|r| r.2),
            Some(Some(3260))
        );
        assert_eq!(read("tnc -port 443 10.20.1.5").map(|r| r.1), Some("10.20.1.5".into()));
        assert_eq!(read("tnc a.example -CommonTCPPort HTTP").map(|r| r.2), Some(Some(80)));
        // Without a port tnc only pings.
        assert_eq!(read("tnc a.example").map(|r| r.2), Some(None));
    }

    #[test]
    fn invoke_webrequest_forms() {
        assert_eq!(
            read("Invoke-WebRequest https://o1.blob.core.windows.net"),
            Some((IWR, "o1.blob.core.windows.net".into(), Some(443), None))
        );
        assert_eq!(
            read("Invoke-WebRequest https://o1.blob.core.windows.net -Proxy http://10.0.0.10:8080 -UseBasicParsing"),
            Some((IWR, "o1.blob.core.windows.net".into(), Some(443), Some("http://10.0.0.10:8080".into())))
        );
        assert_eq!(
            read("iwr -Uri https://login.microsoft.com/ -UseBasicParsing").map(|r| (r.1, r.2)),
            Some(("login.microsoft.com".into(), Some(443)))
        );
        assert_eq!(read("iwr https://a.example:8443/x").map(|r| r.2), Some(Some(8443)));
        // Invoke-WebRequest asks over http when the URL has no scheme.
        assert_eq!(
            read("Invoke-webRequest login.microsoft.com").map(|r| (r.1, r.2)),
            Some(("login.microsoft.com".into(), Some(80)))
        );
        // The scripts' own command: the URL is in a variable.
        assert_eq!(read("Invoke-webRequest $Test_URLs").map(|r| (r.1, r.2)), Some((String::new(), None)));
        assert_eq!(
            read("Invoke-webRequest https://pod01-rcm1.jpw.hypervrecoverymanager.windowsazure.com  ").map(|r| r.2),
            Some(Some(443))
        );
    }

    #[test]
    fn dns_forms() {
        assert_eq!(
            read("Resolve-DnsName a.blob.core.windows.net").map(|r| (r.0, r.1)),
            Some((PsTool::ResolveDnsName, "a.blob.core.windows.net".into()))
        );
        assert_eq!(
            read("Resolve-DnsName -Name a.example -Type A -Server 10.0.0.4").map(|r| r.1),
            Some("a.example".into())
        );
        assert_eq!(
            read("nslookup a.blob.core.windows.net").map(|r| (r.0, r.1)),
            Some((PsTool::Nslookup, "a.blob.core.windows.net".into()))
        );
        assert_eq!(read("nslookup -type=A a.example 168.63.129.16").map(|r| r.1), Some("a.example".into()));
        assert_eq!(read("nslookup.exe A.Example.").map(|r| r.1), Some("a.example".into()));
    }

    #[test]
    fn other_commands() {
        assert_eq!(read("ping a.example"), None);
        assert_eq!(read("Get-Date"), None);
        assert_eq!(read(""), None);
    }
}
