//! curl -I: any HTTP status line means the destination answered (through a
//! proxy: the origin's status after `200 Connection established`); curl's
//! numbered errors, old and new wording, say why not. A lone status line
//! beside an error that comes before any answer (TLS, the tunnel closed)
//! was a proxy's reply to CONNECT, however worded; beside a timeout or a
//! reset it could be either's, and the block gets no verdict. The progress
//! meter that shares the log (and sometimes the line) is ignored.

use super::{errno_reason, not_installed, Lines, Needle, Verdict};

pub(crate) static HTTP: Needle = Needle::new("HTTP/");
pub(crate) static CURL_ERROR: Needle = Needle::new("curl: (");
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

/// Reads a curl block.
pub fn read(lines: Lines<'_>) -> Option<Verdict<'static>> {
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

    let mut verdict = if let Some(e) = either {
        Verdict::new(Status::Unknown, Reason::Unrecognized, Some(e.line))
    } else if let Some(code) = proxy_refusal {
        // The last status line with that code, else curl's message.
        let status_at =
            lines.iter().rev().find(|(_, l)| status_line(l).is_some_and(|(c, _, _)| c == code)).map(|(i, _)| i);
        let at = status_at.or(error.as_ref().map(|e| e.line));
        let reason = if code == 407 { Reason::ProxyAuthRequired } else { Reason::ProxyDenied };
        let mut v = Verdict::new(Status::Failed, reason, at);
        v.http_status = Some(code);
        v
    } else if let Some(s) = origin.filter(|s| s.code == 407) {
        let mut v = Verdict::failed(Reason::ProxyAuthRequired, s.line);
        v.http_status = Some(407);
        v
    } else if let Some(s) = origin {
        let mut v = Verdict::ok(Reason::HttpResponse, s.line);
        v.http_status = Some(s.code);
        v
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
    verdict.via_proxy = tunnel;
    verdict.tool = Some(std::borrow::Cow::Borrowed("curl"));
    Some(verdict)
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
        assert_eq!(run(new), Some((Status::Failed, Reason::ProxyAuthRequired, Some(407), false)));
        let old =
            "HTTP/1.1 407 Proxy Authentication Required\n\ncurl: (56) Received HTTP code 407 from proxy after CONNECT";
        assert_eq!(run(old), Some((Status::Failed, Reason::ProxyAuthRequired, Some(407), false)));
        let denied = "HTTP/1.1 403 Forbidden\ncurl: (56) CONNECT tunnel failed, response 403";
        assert_eq!(run(denied), Some((Status::Failed, Reason::ProxyDenied, Some(403), false)));
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
        assert_eq!(run(aborted), Some((Status::Failed, Reason::ProxyDenied, Some(502), false)));
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
}
