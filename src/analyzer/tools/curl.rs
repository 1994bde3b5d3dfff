//! curl -I: any HTTP status line means the destination answered (through a
//! proxy: the origin's status after `200 Connection established`); curl's
//! numbered errors, old and new wording, say why not. A lone status line
//! beside an error that comes before any answer (TLS, the tunnel closed)
//! was a proxy's reply to CONNECT, however worded; beside a timeout or a
//! reset it could be either's, and the block gets no verdict. The progress
//! meter that shares the log (and sometimes the line) is ignored.
//!
//! Who answered is judged from the headers `-I` prints: a redirect out of
//! Microsoft's domains, or a `Server`/`Via` of a proxy, an appliance or a
//! generic web server, did not come from Azure (`intercepted`); a 502, 503
//! or 504 from a proxy (its reply to CONNECT, with its headers, or through
//! its tunnel without a Microsoft server's marks) is a `gateway-error`.
//! Any CONNECT failure shows a proxy, like `200 Connection established`.
//! A certificate whose names do not include a bare IP address the URL names
//! was still the endpoint's (`tls-name-mismatch`).

use super::{errno_reason, not_installed, Lines, Needle, Verdict};

pub(crate) static HTTP: Needle = Needle::new("HTTP/");
pub(crate) static CURL_ERROR: Needle = Needle::new("curl: (");
use crate::analyzer::knowledge;
use crate::analyzer::model::{Reason, Status};

/// An HTTP status line found in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StatusLine<'a> {
    line: usize,
    code: u16,
    phrase: &'a str,
    /// HTTP/1.x: the only version a proxy answers CONNECT in.
    h1: bool,
}

impl StatusLine<'_> {
    fn is_2xx(&self) -> bool {
        (200..300).contains(&self.code)
    }
}

/// A `curl: (N) message` line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CurlError<'a> {
    line: usize,
    code: u32,
    message: &'a str,
}

/// What the reader needs to know of the URL curl was given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Target {
    /// The URL's host is an IP address (typically a private endpoint's).
    pub ip: bool,
    /// The URL's host is a name outside Microsoft's domains, whose own
    /// server may be any software.
    pub foreign: bool,
}

impl Target {
    /// The target of a URL whose host is `host` (as the command parser
    /// gives it: lower case, IPv6 without brackets).
    pub fn of(host: &str) -> Target {
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let ip = bare.parse::<std::net::IpAddr>().is_ok();
        Target { ip, foreign: !ip && !host.is_empty() && !knowledge::is_microsoft_host(host) }
    }
}

/// Reads a curl block whose URL names a Microsoft host.
pub fn read(lines: Lines<'_>) -> Option<Verdict<'static>> {
    read_to(lines, Target::default())
}

/// Reads a curl block whose URL is `target`.
pub fn read_to(lines: Lines<'_>, target: Target) -> Option<Verdict<'static>> {
    if let Some(v) = not_installed(lines, &["curl"]) {
        return Some(v);
    }
    // The first and the last status line, and how many there are.
    let mut first: Option<StatusLine> = None;
    let mut last: Option<StatusLine> = None;
    let mut count = 0;
    let mut error: Option<CurlError> = None;
    for (i, line) in lines.iter() {
        if let Some((code, phrase, h1)) = status_line(line) {
            let s = StatusLine { line: i, code, phrase, h1 };
            first.get_or_insert(s.clone());
            last = Some(s);
            count += 1;
        } else if let Some((code, message)) = curl_error(line) {
            error.get_or_insert(CurlError { line: i, code, message });
        }
    }

    // A proxy's tunnel reply comes first: `HTTP/1.1 200 Connection
    // established`, or any 2xx followed by another status line.
    let tunnel = first
        .as_ref()
        .is_some_and(|s| s.is_2xx() && (contains_ignore_case(s.phrase, "connection established") || count > 1));
    // With one status line and an error that comes before any answer can
    // (the TLS handshake failed, nothing came back, the proxy closed the
    // tunnel), the line was a proxy's reply to CONNECT, however worded.
    let before_answer = count == 1 && !tunnel && error.as_ref().is_some_and(before_any_answer);
    // With one HTTP/1.x status line and a timeout or a reset, which may
    // come after an origin's answer or after a proxy's reply to CONNECT,
    // whose line it was is not known: no conclusion.
    let may_follow = |e: &&CurlError| matches!(e.code, 28 | 56) && connect_refusal(e).is_none();
    let either = (count == 1 && !tunnel && !before_answer && first.as_ref().is_some_and(|s| s.h1))
        .then(|| error.as_ref().filter(may_follow))
        .flatten();
    let origin = if (tunnel || before_answer) && count < 2 { None } else { last.as_ref() };
    // A 407 (or a refusal named by curl's CONNECT error, or a lone
    // non-2xx reply before the proxy closed the tunnel) is the proxy's,
    // not the origin's.
    let proxy_refusal = error.as_ref().and_then(connect_refusal).or_else(|| {
        first.as_ref().filter(|s| before_answer && !s.is_2xx()).and_then(|s| {
            let denied = error.as_ref().and_then(error_reason) == Some(Reason::ProxyDenied);
            denied.then_some(s.code)
        })
    });
    let tunnel = tunnel || before_answer && first.as_ref().is_some_and(StatusLine::is_2xx);
    // A proxy's CONNECT failure (or curl not finding the proxy) shows a
    // proxy as surely as its tunnel does.
    let proxy_seen = tunnel || proxy_refusal.is_some() || error.as_ref().is_some_and(names_proxy);

    let mut verdict = if let Some(e) = either {
        Verdict::new(Status::Unknown, Reason::Unrecognized, Some(e.line))
    } else if let Some(code) = proxy_refusal {
        // The last status line with that code, else curl's message.
        let status_at =
            lines.iter().rev().find(|(_, l)| status_line(l).is_some_and(|(c, _, _)| c == code)).map(|(i, _)| i);
        let at = status_at.or(error.as_ref().map(|e| e.line));
        let reason = match code {
            407 => Reason::ProxyAuthRequired,
            // The proxy could not reach the destination itself.
            502..=504 => Reason::GatewayError,
            _ => Reason::ProxyDenied,
        };
        let mut v = Verdict::new(Status::Failed, reason, at);
        v.http_status = Some(code);
        v
    } else if let Some(s) = origin.filter(|s| s.code == 407) {
        let mut v = Verdict::failed(Reason::ProxyAuthRequired, s.line);
        v.http_status = Some(407);
        v
    } else if let Some(s) = origin {
        let mut v = match answered_by(lines, s, tunnel && count > 1, target) {
            Some((reason, at)) => Verdict::failed(reason, at),
            None => Verdict::ok(Reason::HttpResponse, s.line),
        };
        v.http_status = Some(s.code);
        v
    } else if let Some(e) = error.as_ref().filter(|e| target.ip && names_other_host(e)) {
        // `https://10.0.0.5`: the certificate is the service's, issued for
        // its name; TCP and TLS reached the endpoint.
        Verdict::ok(Reason::TlsNameMismatch, e.line)
    } else if let Some(e) = &error {
        let reason = error_reason(e)?;
        let mut v = Verdict::failed(reason, e.line);
        if reason == Reason::Unrecognized {
            v.status = Status::Unknown;
        }
        v
    } else {
        return None;
    };
    verdict.via_proxy = proxy_seen;
    verdict.tool = Some(std::borrow::Cow::Borrowed("curl"));
    Some(verdict)
}

/// The headers of the answer whose status line is `s`: the lines after
/// it up to the blank line that ends them.
fn headers<'a>(lines: Lines<'a>, s: &StatusLine) -> impl Iterator<Item = (usize, &'a str, &'a str)> {
    let at = s.line;
    lines
        .iter()
        .skip_while(move |&(i, _)| i <= at)
        .map(|(i, l)| (i, l.trim()))
        .take_while(|(_, l)| !l.is_empty())
        .filter_map(|(i, l)| l.split_once(':').map(|(name, value)| (i, name.trim(), value.trim())))
}

/// Whether the answer `s` did not come from the destination: the reason
/// (`Intercepted`, `GatewayError`) and the line that shows it. `tunneled`:
/// the answer came through a proxy's tunnel.
fn answered_by(lines: Lines<'_>, s: &StatusLine, tunneled: bool, target: Target) -> Option<(Reason, usize)> {
    let gateway_code = (502..=504).contains(&s.code);
    let mut microsoft = false;
    let mut foreign: Option<usize> = None;
    let mut away: Option<usize> = None;
    for (i, name, value) in headers(lines, s) {
        if name.eq_ignore_ascii_case("server") {
            let lower = value.to_ascii_lowercase();
            microsoft |= lower.contains("microsoft") || lower.contains("windows-azure");
            if knowledge::foreign_server(value).is_some() {
                foreign.get_or_insert(i);
            }
        } else if name.eq_ignore_ascii_case("via") {
            // A proxy that read the answer (a tunnel's end-to-end TLS hides
            // it from the proxy that only carries it).
            if knowledge::foreign_server(value).is_some() || contains_ignore_case(value, "proxy") {
                foreign.get_or_insert(i);
            }
        } else if name.len() > 8 && name.as_bytes()[..8].eq_ignore_ascii_case(b"x-squid-") {
            // Squid's own headers (`X-Squid-Error`): its error page.
            foreign.get_or_insert(i);
        } else if name.len() > 5 && name.as_bytes()[..5].eq_ignore_ascii_case(b"x-ms-") {
            microsoft = true;
        } else if name.eq_ignore_ascii_case("location")
            && (300..400).contains(&s.code)
            && location_host(value).is_some_and(|h| !knowledge::is_microsoft_host(h))
        {
            away = Some(i);
        }
    }
    if let Some(at) = foreign.filter(|_| !target.foreign) {
        return Some((if gateway_code { Reason::GatewayError } else { Reason::Intercepted }, at));
    }
    if let Some(at) = away.filter(|_| !target.foreign) {
        return Some((Reason::Intercepted, at));
    }
    // Through a tunnel, a gateway error without a Microsoft server's marks
    // was the proxy's (or a gateway's on its way), not the destination's.
    (gateway_code && tunneled && !microsoft).then_some((Reason::GatewayError, s.line))
}

/// The host of a `Location` value, when it names one (`https://h/x`,
/// `//h/x`, `h:8080/x`); `None` for a path on the same host.
fn location_host(value: &str) -> Option<&str> {
    let rest = match value.split_once("://") {
        Some((scheme, rest)) if scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) => rest,
        _ => value.strip_prefix("//")?,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    (!host.is_empty()).then_some(host)
}

/// Whether curl's error names a proxy: a CONNECT failure, or the proxy's
/// name not resolving.
fn names_proxy(e: &CurlError) -> bool {
    let m = e.message;
    e.code == 5
        || m.contains("CONNECT tunnel failed")
        || m.contains("Received HTTP code") && m.contains("from proxy after CONNECT")
        || contains_ignore_case(m, "proxy connect aborted")
        || m.contains("Could not resolve proxy")
}

/// A certificate name check that failed because the URL's host is not a
/// name on the certificate: OpenSSL's `no alternative certificate subject
/// name matches target host name '10.0.0.5'`, older curl's `certificate
/// subject name '...' does not match target host name`, NSS's `requested
/// domain name does not match the server's certificate`.
fn names_other_host(e: &CurlError) -> bool {
    matches!(e.code, 51 | 60)
        && (e.message.contains("matches target host name")
            || e.message.contains("does not match target host name")
            || e.message.contains("does not match the server's certificate"))
}

/// Whether `hay` contains `needle` (lower-case ASCII), ignoring ASCII case.
fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `HTTP/1.1 404 Not Found`, `HTTP/2 200`, possibly after progress-meter
/// characters on the same line.
fn status_line(line: &str) -> Option<(u16, &str, bool)> {
    // Only progress-meter characters may come before it, and none of them
    // is 'H': the first 'H' must start it. Most lines (headers) are told
    // apart by their first byte.
    let at = match line.as_bytes().first() {
        Some(b'H') => 0,
        Some(&b) if is_meter_byte(b) => memchr::memchr(b'H', line.as_bytes())?,
        _ => return None,
    };
    let rest = line[at..].strip_prefix("HTTP/")?;
    if !line.as_bytes()[..at].iter().all(|&b| is_meter_byte(b)) {
        return None;
    }
    let (version, rest) = rest.split_once(' ')?;
    if !matches!(version, "0.9" | "1.0" | "1.1" | "2" | "2.0" | "3" | "3.0") {
        return None;
    }
    let rest = rest.trim_start();
    let code = rest.get(..3)?;
    if !code.bytes().all(|b| b.is_ascii_digit()) || rest[3..].chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    Some((code.parse().ok()?, rest[3..].trim(), version.starts_with('1')))
}

/// A character of curl's progress meter (digits, sizes, times, spaces).
fn is_meter_byte(b: u8) -> bool {
    b.is_ascii_digit()
        || matches!(b, b' ' | b'\t' | b'\r' | b':' | b'-' | b'.' | b'k' | b'K' | b'M' | b'G' | b'T' | b'P')
}

/// `curl: (7) Failed to connect ...`, possibly after the progress meter.
fn curl_error(line: &str) -> Option<(u32, &str)> {
    // Most lines have no '(' at all: spare them the search.
    memchr::memchr(b'(', line.as_bytes())?;
    let at = CURL_ERROR.find(line)?;
    let rest = &line[at + CURL_ERROR.len()..];
    let (code, message) = rest.split_once(')')?;
    Some((code.trim().parse().ok()?, message.trim()))
}

/// The status code a proxy refused the tunnel with, from curl's message:
/// `CONNECT tunnel failed, response 407` (new) or `Received HTTP code 407
/// from proxy after CONNECT` (old).
fn connect_refusal(e: &CurlError) -> Option<u16> {
    let m = &e.message;
    let tail = if let Some(at) = m.find("CONNECT tunnel failed, response") {
        &m[at + "CONNECT tunnel failed, response".len()..]
    } else if let Some(at) = m.find("Received HTTP code") {
        if !m.contains("from proxy") {
            return None;
        }
        &m[at + "Received HTTP code".len()..]
    } else {
        return None;
    };
    tail.split_whitespace().next()?.trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok()
}

/// Whether curl reports this error before any HTTP answer can come through
/// the connection: TLS never completed (35, 51, 53, 54, 59, 60, 64, 66, 80,
/// 82, 83, 90, 91), nothing came back (52), the proxy failed the tunnel
/// (97, `Proxy CONNECT aborted`).
fn before_any_answer(e: &CurlError) -> bool {
    matches!(e.code, 35 | 51 | 52 | 53 | 54 | 59 | 60 | 64 | 66 | 80 | 82 | 83 | 90 | 91 | 97)
        || e.code == 56 && e.message.to_ascii_lowercase().contains("proxy connect aborted")
}

/// curl's exit code and message → reason; `None` for codes that do not say
/// whether the destination answered.
fn error_reason(e: &CurlError) -> Option<Reason> {
    let m = e.message.to_ascii_lowercase();
    Some(match e.code {
        5 => Reason::ProxyUnresolved,
        6 => Reason::Unresolved,
        7 => match errno_reason(&m) {
            Some(Reason::Timeout) => Reason::Timeout,
            _ => Reason::ConnectFailed,
        },
        28 => Reason::Timeout,
        35 => Reason::TlsFailed,
        51 | 60 => Reason::TlsUntrusted,
        80 | 83 | 90 | 91 => Reason::TlsFailed,
        // 58 (the machine's client certificate) and 77 (its CA bundle
        // unreadable) are problems of the machine's own set-up: they say
        // nothing of the network, so they fall to `Unrecognized` below.
        52 => Reason::EmptyReply,
        55 | 56 | 16 | 92 => {
            if m.contains("proxy connect aborted") || m.contains("proxy") && m.contains("connect") {
                Reason::ProxyDenied
            } else {
                Reason::RecvFailure
            }
        }
        97 => Reason::ProxyDenied,
        _ => Reason::Unrecognized,
    })
}

/// A line of curl's output as evidence: without the progress meter before
/// its message or status line.
pub fn evidence(line: &str) -> &str {
    let line = line.rsplit('\r').next().unwrap_or(line);
    // curl's message has a '(' (`curl: (7) ...`); a status line at the
    // start of a line without one needs no search.
    let has_paren = line.as_bytes().contains(&b'(');
    if !has_paren && line.starts_with("HTTP/") {
        return line;
    }
    match (has_paren.then(|| CURL_ERROR.find(line)).flatten(), HTTP.find(line)) {
        (Some(at), _) | (None, Some(at)) => &line[at..],
        _ => line,
    }
}

/// Whether a curl option takes a value.
pub fn option_takes_value(w: &str) -> bool {
    matches!(
        w,
        "-x" | "--proxy"
            | "-m"
            | "--max-time"
            | "--connect-timeout"
            | "-H"
            | "--header"
            | "-o"
            | "--output"
            | "-w"
            | "--write-out"
            | "-A"
            | "--user-agent"
            | "-u"
            | "--user"
            | "-U"
            | "--proxy-user"
            | "--resolve"
            | "--connect-to"
            | "-X"
            | "--request"
            | "--cacert"
            | "--capath"
            | "--cert"
            | "-E"
            | "--key"
            | "-K"
            | "--config"
            | "--interface"
            | "--retry"
            | "--noproxy"
            | "-e"
            | "--referer"
            | "-b"
            | "--cookie"
            | "-c"
            | "--cookie-jar"
            | "-d"
            | "--data"
            | "--tls-max"
            | "--ciphers"
            | "-Y"
            | "-y"
            | "--speed-limit"
            | "--speed-time"
            | "--retry-delay"
            | "--retry-max-time"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Option<(Status, Reason, Option<u16>, bool)> {
        super::super::read_text(text, read).map(|v| (v.status, v.reason, v.http_status, v.via_proxy))
    }

    #[track_caller]
    fn check(text: &str, status: Status, reason: Reason, http: Option<u16>) {
        let got = run(text).map(|r| (r.0, r.1, r.2));
        assert_eq!(got, Some((status, reason, http)), "{text}");
    }

    const METER: &str = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0";

    #[test]
    fn seed_statuses_mean_reachable() {
        for (line, code) in [
            ("HTTP/1.1 200 OK", 200),
            ("HTTP/1.1 400 Value for one of the query parameters specified in the request URI is invalid.", 400),
            ("HTTP/1.1 403 Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.", 403),
            ("HTTP/1.1 404 Not Found", 404),
            ("HTTP/2 404 ", 404),
            ("HTTP/1.0 503 Service Unavailable", 503),
            ("HTTP/3 200", 200),
        ] {
            check(&format!("{METER}\n{line}\nContent-Length: 0"), Status::Ok, Reason::HttpResponse, Some(code));
        }
    }

    #[test]
    fn seed_failures() {
        check(
            "curl: (7) Failed to connect to pod01-manag1.jpe.backup.windowsazure.com port 443: Connection timed out",
            Status::Failed,
            Reason::Timeout,
            None,
        );
        check("curl: (28) Connection timed out after 300001 milliseconds", Status::Failed, Reason::Timeout, None);
    }

    #[test]
    fn curl_error_wordings() {
        let f = |t: &str| run(&format!("{METER}{t}")).map(|r| r.1);
        assert_eq!(
            f("curl: (28) Failed to connect to a port 443 after 3064 ms: Couldn't connect to server"),
            Some(Reason::Timeout)
        );
        assert_eq!(
            f("curl: (7) Failed to connect to a port 443 after 0 ms: Couldn't connect to server"),
            Some(Reason::ConnectFailed)
        );
        assert_eq!(f("curl: (7) Failed connect to a:443; Connection refused"), Some(Reason::ConnectFailed));
        assert_eq!(f("curl: (7) Failed connect to a:443; Connection timed out"), Some(Reason::Timeout));
        assert_eq!(f("curl: (6) Could not resolve host: a"), Some(Reason::Unresolved));
        assert_eq!(f("curl: (6) Could not resolve host: a; Name or service not known"), Some(Reason::Unresolved));
        assert_eq!(f("curl: (5) Could not resolve proxy: proxy.example.local"), Some(Reason::ProxyUnresolved));
        assert_eq!(
            f("curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to a:443"),
            Some(Reason::TlsFailed)
        );
        assert_eq!(
            f("curl: (60) SSL certificate problem: self-signed certificate in certificate chain"),
            Some(Reason::TlsUntrusted)
        );
        assert_eq!(f("curl: (60) Peer's Certificate issuer is not recognized."), Some(Reason::TlsUntrusted));
        assert_eq!(
            f("curl: (51) SSL: no alternative certificate subject name matches target host name 'a'"),
            Some(Reason::TlsUntrusted)
        );
        assert_eq!(f("curl: (52) Empty reply from server"), Some(Reason::EmptyReply));
        assert_eq!(f("curl: (56) Recv failure: Connection reset by peer"), Some(Reason::RecvFailure));
        assert_eq!(f("curl: (56) Proxy CONNECT aborted"), Some(Reason::ProxyDenied));
        assert_eq!(
            run("curl: (3) URL using bad/illegal format or missing URL").map(|r| (r.0, r.1)),
            Some((Status::Unknown, Reason::Unrecognized))
        );
    }

    #[test]
    fn through_a_proxy() {
        let ok = "HTTP/1.1 200 Connection established\n\nHTTP/1.1 404 Not Found\nContent-Length: 315";
        assert_eq!(run(ok), Some((Status::Ok, Reason::HttpResponse, Some(404), true)));
        let new = "curl: (56) CONNECT tunnel failed, response 407\nHTTP/1.1 407 Proxy Authentication Required\nProxy-Authenticate: Basic realm=\"x\"";
        assert_eq!(run(new), Some((Status::Failed, Reason::ProxyAuthRequired, Some(407), true)));
        let old =
            "HTTP/1.1 407 Proxy Authentication Required\n\ncurl: (56) Received HTTP code 407 from proxy after CONNECT";
        assert_eq!(run(old), Some((Status::Failed, Reason::ProxyAuthRequired, Some(407), true)));
        let denied = "HTTP/1.1 403 Forbidden\ncurl: (56) CONNECT tunnel failed, response 403";
        assert_eq!(run(denied), Some((Status::Failed, Reason::ProxyDenied, Some(403), true)));
        let mitm = "HTTP/1.1 200 Connection established\n\ncurl: (60) SSL certificate problem: unable to get local issuer certificate";
        assert_eq!(run(mitm), Some((Status::Failed, Reason::TlsUntrusted, None, true)));
        // An origin answering 403 through a working tunnel is reachable.
        let origin =
            "HTTP/1.0 200 Connection established\r\n\r\nHTTP/1.1 403 Server failed to authenticate the request.";
        assert_eq!(run(origin), Some((Status::Ok, Reason::HttpResponse, Some(403), true)));
        // A CONNECT reply worded otherwise, known by the TLS error after it.
        let ok_reply = "curl: (60) SSL certificate problem: self-signed certificate\nHTTP/1.1 200 OK";
        assert_eq!(run(ok_reply), Some((Status::Failed, Reason::TlsUntrusted, None, true)));
        let aborted = "curl: (56) Proxy CONNECT aborted\nHTTP/1.1 502 Bad Gateway";
        assert_eq!(run(aborted), Some((Status::Failed, Reason::GatewayError, Some(502), true)));
        let either = "curl: (56) Recv failure: Connection reset by peer\nHTTP/1.1 502 Bad Gateway";
        assert_eq!(run(either), Some((Status::Unknown, Reason::Unrecognized, None, false)));
        let h2 = "HTTP/2 404\ncurl: (92) HTTP/2 stream 0 was not closed cleanly: PROTOCOL_ERROR (err 1)";
        assert_eq!(run(h2), Some((Status::Ok, Reason::HttpResponse, Some(404), false)));
    }

    #[test]
    fn progress_meter_alone_is_no_conclusion() {
        assert_eq!(run(METER), None);
        assert_eq!(run("X-Header: HTTP/1.1 200 OK"), None);
        assert_eq!(run("bash: curl: command not found").map(|r| r.1), Some(Reason::NotInstalled));
    }

    /// Status, reason, HTTP status, proxy seen, evidence line.
    type Outcome = (Status, Reason, Option<u16>, bool, Option<usize>);

    fn run_to(text: &str, host: &str) -> Option<Outcome> {
        super::super::read_text(text, |l| read_to(l, Target::of(host)))
            .map(|v| (v.status, v.reason, v.http_status, v.via_proxy, v.evidence))
    }

    #[test]
    fn connect_failures_show_a_proxy() {
        for text in [
            "curl: (56) CONNECT tunnel failed, response 403",
            "curl: (56) Received HTTP code 403 from proxy after CONNECT",
            "curl: (56) Proxy CONNECT aborted",
            "curl: (5) Could not resolve proxy: proxy.contoso.local",
            "curl: (5) Could not resolve proxy: http_proxy=http",
            &format!("{METER}curl: (56) CONNECT tunnel failed, response 407"),
        ] {
            assert_eq!(run(text).map(|r| (r.0, r.3)), Some((Status::Failed, true)), "{text}");
        }
        // Errors that say nothing of a proxy.
        for text in
            ["curl: (7) Failed to connect to a port 443: Connection refused", "curl: (6) Could not resolve host: a"]
        {
            assert_eq!(run(text).map(|r| r.3), Some(false), "{text}");
        }
    }

    #[test]
    fn gateway_errors_from_a_proxy() {
        // The proxy's reply to CONNECT: it could not reach the destination.
        let new = "HTTP/1.1 503 Service Unavailable\nServer: squid/5.7\nX-Squid-Error: ERR_CONNECT_FAIL 110\n\ncurl: (56) CONNECT tunnel failed, response 503";
        assert_eq!(run(new), Some((Status::Failed, Reason::GatewayError, Some(503), true)));
        let old = "HTTP/1.0 502 Bad Gateway\n\ncurl: (56) Received HTTP code 502 from proxy after CONNECT";
        assert_eq!(run(old), Some((Status::Failed, Reason::GatewayError, Some(502), true)));
        // Through the tunnel, without a Microsoft server's marks.
        let tunneled = "HTTP/1.1 200 Connection established\n\nHTTP/1.1 504 Gateway Timeout\nContent-Type: text/html\nContent-Length: 120\n";
        assert_eq!(run(tunneled), Some((Status::Failed, Reason::GatewayError, Some(504), true)));
        // With a proxy's or appliance's headers, tunnel or not.
        let squid = "HTTP/1.1 503 Service Unavailable\nServer: squid/4.15\nMime-Version: 1.0\nVia: 1.1 gw.contoso.local (squid/4.15)\nConnection: close";
        let got = run_to(squid, "pod01-prot1.jpe.backup.windowsazure.com");
        assert_eq!(got, Some((Status::Failed, Reason::GatewayError, Some(503), false, Some(1))));
        let squid_error = "HTTP/1.1 200 Connection established\n\nHTTP/1.1 503 Service Unavailable\nMime-Version: 1.0\nX-Squid-Error: ERR_DNS_FAIL 0\n";
        assert_eq!(run(squid_error).map(|r| (r.1, r.3)), Some((Reason::GatewayError, true)));
        let forti = "HTTP/1.1 403 Forbidden\nServer: xxxxxxxx-xxxxx\nContent-Type: text/html; charset=UTF-8";
        assert_eq!(run(forti).map(|r| r.1), Some(Reason::Intercepted));
        let zscaler = "HTTP/1.1 502 Bad Gateway\nServer: Zscaler/6.2\nContent-Type: text/html";
        assert_eq!(run(zscaler).map(|r| r.1), Some(Reason::GatewayError));
        // A 503 from a Microsoft server stays an answer from Azure.
        let ms = "HTTP/1.1 200 Connection established\n\nHTTP/1.1 503 Service Unavailable\nContent-Length: 326\nServer: Microsoft-HTTPAPI/2.0\nDate: Fri, 15 Mar 2024 01:22:31 GMT";
        assert_eq!(run(ms), Some((Status::Ok, Reason::HttpResponse, Some(503), true)));
        let blob = "HTTP/1.1 200 Connection established\n\nHTTP/1.1 503 The server is busy.\nServer: Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0\nx-ms-request-id: 6be1679f-6ae2-8652-eb6f-a7cd62000000";
        assert_eq!(run(blob).map(|r| r.1), Some(Reason::HttpResponse));
        // Direct, with no header that tells who answered: an answer.
        assert_eq!(run("HTTP/1.1 503 Service Unavailable\nContent-Length: 0").map(|r| r.1), Some(Reason::HttpResponse));
    }

    #[test]
    fn answers_that_did_not_come_from_azure() {
        let host = "pod01-manag1.jpe.backup.windowsazure.com";
        // A captive portal's redirect.
        let portal = format!("{METER}\nHTTP/1.1 302 Found\nLocation: http://portal.hotel-wifi.example/login?orig=https%3A%2F%2Fpod01\nContent-Length: 0\n");
        assert_eq!(run_to(&portal, host), Some((Status::Failed, Reason::Intercepted, Some(302), false, Some(4))));
        let to_ip = "HTTP/1.1 307 Temporary Redirect\nLocation: https://192.168.1.1:8443/auth\n";
        assert_eq!(run(to_ip).map(|r| r.1), Some(Reason::Intercepted));
        // Block pages of appliances and generic servers.
        for server in [
            "nginx",
            "nginx/1.18.0 (Ubuntu)",
            "Apache/2.4.6 (CentOS)",
            "Zscaler/6.2",
            "BlueCoat-Security-Appliance",
            "FortiGate",
        ] {
            let page = format!("HTTP/1.1 403 Forbidden\nServer: {server}\nContent-Type: text/html\n");
            assert_eq!(
                run_to(&page, host).map(|r| (r.0, r.1, r.2)),
                Some((Status::Failed, Reason::Intercepted, Some(403))),
                "{server}"
            );
        }
        let via = "HTTP/1.1 200 OK\nContent-Type: text/html\nVia: 1.1 bluecoat (BlueCoat)\n";
        assert_eq!(run(via).map(|r| r.1), Some(Reason::Intercepted));
        // Behind a decrypting proxy the answer carries its headers after the tunnel.
        let inspected = "HTTP/1.1 200 Connection established\n\nHTTP/1.1 403 Forbidden\nServer: squid/5.7\nX-Squid-Error: ERR_ACCESS_DENIED 0\n";
        assert_eq!(run(inspected), Some((Status::Failed, Reason::Intercepted, Some(403), true)));
        // A header in a later answer's body is not this answer's.
        let later = "HTTP/1.1 404 Not Found\nServer: Microsoft-HTTPAPI/2.0\n\nServer: nginx\n";
        assert_eq!(run(later).map(|r| r.1), Some(Reason::HttpResponse));
    }

    #[test]
    fn real_azure_answers_stay_reachable() {
        let ok = |text: &str, host: &str| run_to(text, host).map(|r| (r.0, r.1));
        let want = Some((Status::Ok, Reason::HttpResponse));
        let blob = "HTTP/1.1 400 Value for one of the query parameters specified in the request URI is invalid.\nContent-Length: 225\nContent-Type: application/xml\nServer: Microsoft-HTTPAPI/2.0\nx-ms-request-id: 6be1679f-6ae2-8652-eb6f-a7cd62000000";
        assert_eq!(ok(blob, "ceuswatcab01.blob.core.windows.net"), want);
        let backup = "HTTP/1.1 404 Not Found\nContent-Length: 315\nContent-Type: text/html; charset=us-ascii\nServer: Microsoft-HTTPAPI/2.0";
        assert_eq!(ok(backup, "pod01-prot1.jpe.backup.windowsazure.com"), want);
        let login = "HTTP/1.1 200 OK\nCache-Control: no-store, no-cache\nContent-Type: text/html; charset=utf-8\nLink: <https://aadcdn.msftauth.net>; rel=preconnect; crossorigin\nx-ms-ests-server: 2.1.17345.7 - JPE ProdSlices\nSet-Cookie: x-ms-gateway-slice=estsfd; path=/; secure; httponly";
        assert_eq!(ok(login, "login.microsoft.com"), want);
        let iis = "HTTP/2 200\nserver: Microsoft-IIS/10.0\ncontent-type: text/html";
        assert_eq!(ok(iis, "login.windows.net"), want);
        // Redirects between Microsoft hosts, and to a path on the same host.
        let moved = "HTTP/1.1 302 Found\nLocation: https://login.microsoftonline.com/common/oauth2/authorize\n";
        assert_eq!(ok(moved, "login.windows.net"), want);
        assert_eq!(ok("HTTP/1.1 301 Moved Permanently\nLocation: /en-us/download/\n", "download.microsoft.com"), want);
        // A destination outside Microsoft may run any server.
        assert_eq!(ok("HTTP/1.1 200 OK\nServer: nginx\n", "repo.example.org"), want);
    }

    #[test]
    fn certificate_for_the_name_when_the_url_is_an_ip() {
        let mismatch = format!("{METER}curl: (60) SSL: no alternative certificate subject name matches target host name '10.10.0.5'\nMore details here: https://curl.se/docs/sslcerts.html");
        assert_eq!(run_to(&mismatch, "10.10.0.5"), Some((Status::Ok, Reason::TlsNameMismatch, None, false, Some(2))));
        let old = "curl: (51) SSL: certificate subject name '*.blob.core.windows.net' does not match target host name '10.10.0.6'";
        assert_eq!(run_to(old, "10.10.0.6").map(|r| (r.0, r.1)), Some((Status::Ok, Reason::TlsNameMismatch)));
        let nss = "curl: (51) Unable to communicate securely with peer: requested domain name does not match the server's certificate.";
        assert_eq!(run_to(nss, "10.10.0.6").map(|r| r.1), Some(Reason::TlsNameMismatch));
        assert_eq!(run_to(&mismatch, "fd00::5").map(|r| r.1), Some(Reason::TlsNameMismatch));
        // For a name, the same message means a certificate that is not the service's.
        let named = "curl: (60) SSL: no alternative certificate subject name matches target host name 'pod01-prot1.jpe.backup.windowsazure.com'";
        assert_eq!(
            run_to(named, "pod01-prot1.jpe.backup.windowsazure.com").map(|r| (r.0, r.1)),
            Some((Status::Failed, Reason::TlsUntrusted))
        );
        // Other certificate problems at an IP are still not trusted.
        let untrusted = "curl: (60) SSL certificate problem: self-signed certificate in certificate chain";
        assert_eq!(run_to(untrusted, "10.10.0.5").map(|r| r.1), Some(Reason::TlsUntrusted));
    }

    #[test]
    fn targets() {
        assert_eq!(Target::of("10.0.0.5"), Target { ip: true, foreign: false });
        assert_eq!(Target::of("[fd00::5]"), Target { ip: true, foreign: false });
        assert_eq!(Target::of("pod01-prot1.jpe.backup.windowsazure.com"), Target::default());
        assert_eq!(Target::of("example.org"), Target { ip: false, foreign: true });
    }
}
