//! Invoke-WebRequest (`iwr`): the Windows scripts' success line (`Result of
//! Invoke-webRequest  / StatusCode: 200/ StatusDescription: OK`), the
//! response object typed by hand (`StatusCode : 200`), and its errors:
//! the transcript's `PS>TerminatingError(Invoke-WebRequest): "..."` line
//! and the console's `Invoke-WebRequest : ...` record (PowerShell 7:
//! `Invoke-WebRequest: ...`), in English and Japanese, with .NET Framework
//! (Windows PowerShell 5.1) and .NET (PowerShell 7) wordings.
//!
//! Any HTTP answer means the destination was reached: a status code in
//! the message, or, as Windows PowerShell 5.1 shows an error answer that
//! has a body, that body with its tags removed (Azure's
//! `InvalidQueryParameterValue...RequestId:... Time:...`), and the
//! "Internet Explorer engine is not available" parse error of a page that
//! did come back. A console record wraps at the window's width, even
//! inside a word, so messages are compared without their white space.

use super::{Lines, Verdict};
use crate::analyzer::knowledge;
use crate::analyzer::model::{Reason, Status};
use std::borrow::Cow;

/// What the reader needs to know about the request besides its output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// The URL names a private (RFC 1918) IPv4 address: a private
    /// endpoint's, whose certificate names the service's host instead.
    pub private_ip: bool,
    /// The request went through a proxy (the user's proxy is set, or
    /// `-Proxy` was given): a 502, 503 or 504 is then the proxy's.
    pub proxied: bool,
}

impl Context {
    /// The context of a request to `host` (the URL's host).
    pub fn for_host(host: &str, proxied: bool) -> Context {
        let private_ip = host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_private());
        Context { private_ip, proxied }
    }
}

/// Reads an Invoke-WebRequest block.
pub fn read(lines: Lines<'_>, cx: Context) -> Option<Verdict<'static>> {
    let all: Vec<(usize, &str)> = lines.iter().collect();
    let mut verdict = None;
    // The transcript's own copy of the message is whole: it wins.
    let mut terminating: Option<(usize, String)> = None;
    let mut console: Option<(usize, String)> = None;
    let mut ie_engine: Option<usize> = None;
    let mut k = 0;
    while k < all.len() {
        let (i, line) = all[k];
        let t = line.trim();
        if let Some(code) = result_status(t) {
            verdict.get_or_insert_with(|| response(code, i, cx));
        } else if let Some(first) = terminating_error(t) {
            let (message, used) = quoted_message(first, &all[k + 1..]);
            terminating.get_or_insert((i, message));
            k += used;
        } else if let Some(first) = console_error(t) {
            let (message, used) = continued_message(first, &all[k + 1..]);
            console.get_or_insert((i, message));
            k += used;
        } else if t.contains("WebCmdletIEDomNotSupportedException") {
            ie_engine.get_or_insert(i);
        }
        k += 1;
    }
    let verdict = verdict.or_else(|| {
        let (at, message) = terminating.or(console)?;
        Some(from_message(&message, at, cx))
    });
    // The parse error's text may be in a language not listed here; its
    // error id is not translated.
    let verdict = match (verdict, ie_engine) {
        (Some(v), Some(i)) if v.status == Status::Unknown => Some(Verdict::ok(Reason::HttpResponse, i)),
        (None, Some(i)) => Some(Verdict::ok(Reason::HttpResponse, i)),
        (v, _) => v,
    };
    let mut v = verdict?;
    v.tool = Some(Cow::Borrowed("Invoke-WebRequest"));
    Some(v)
}

/// The verdict of an HTTP status code received.
fn response(code: u16, at: usize, cx: Context) -> Verdict<'static> {
    let mut v = match code {
        407 => Verdict::failed(Reason::ProxyAuthRequired, at),
        502..=504 if cx.proxied => Verdict::failed(Reason::GatewayError, at),
        _ => Verdict::ok(Reason::HttpResponse, at),
    };
    v.http_status = Some(code);
    v
}

/// The status code of `Result of Invoke-webRequest  / StatusCode: 200/
/// StatusDescription: OK` or of the object's `StatusCode : 200` row
/// (`None` when empty: the request threw).
fn result_status(t: &str) -> Option<u16> {
    let rest = if let Some(rest) = strip_prefix_ignore_case(t, "Result of Invoke-webRequest") {
        let at = rest.find("StatusCode:")?;
        &rest[at + "StatusCode:".len()..]
    } else {
        t.strip_prefix("StatusCode")?.trim_start().strip_prefix(':')?
    };
    let digits: &str = rest.trim_start().split(|c: char| !c.is_ascii_digit()).next()?;
    (digits.len() == 3).then(|| digits.parse().ok()).flatten()
}

/// The message of `PS>TerminatingError(Invoke-WebRequest): "..."` (also
/// the nested `>> TerminatingError(...)`), from its opening quote.
fn terminating_error(t: &str) -> Option<&str> {
    let at = t.find("TerminatingError(")?;
    if !(t.starts_with("PS>") || t.starts_with(">>")) {
        return None;
    }
    let rest = &t[at + "TerminatingError(".len()..];
    let (cmdlet, rest) = rest.split_once(')')?;
    if !is_cmdlet_name(cmdlet) {
        return None;
    }
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    Some(rest.strip_prefix('"').unwrap_or(rest))
}

/// The message of a console error record, `Invoke-WebRequest : ...`
/// (PowerShell 7: `Invoke-WebRequest: ...`), as the command was typed.
fn console_error(t: &str) -> Option<&str> {
    let (name, rest) = t.split_once(':')?;
    is_cmdlet_name(name.trim_end()).then(|| rest.trim())
}

/// The names Invoke-WebRequest is called by (any case); in Windows
/// PowerShell 5.1 `curl` and `wget` are its aliases too.
fn is_cmdlet_name(name: &str) -> bool {
    ["Invoke-WebRequest", "iwr", "curl", "wget"].iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// A quoted message that may go on over the next lines: up to the line
/// that ends with the closing quote. Returns the message and how many of
/// `next` it took.
fn quoted_message(first: &str, next: &[(usize, &str)]) -> (String, usize) {
    if let Some(m) = first.strip_suffix('"') {
        return (m.to_string(), 0);
    }
    let mut message = first.to_string();
    for (used, (_, line)) in next.iter().take(40).enumerate() {
        let t = line.trim_end();
        message.push(' ');
        if let Some(m) = t.strip_suffix('"') {
            message.push_str(m);
            return (message, used + 1);
        }
        message.push_str(t);
    }
    // No closing quote: only the first line is sure to be the message.
    (first.to_string(), 0)
}

/// A console message and the lines that continue it (wrapped, or a body
/// printed below it), up to the record's position line (`At line:1
/// char:1`, `発生場所 行:1 文字:1`), a `+ ...` line, a blank line or a
/// prompt.
fn continued_message(first: &str, next: &[(usize, &str)]) -> (String, usize) {
    let mut message = first.to_string();
    let mut used = 0;
    for (_, line) in next.iter().take(40) {
        let t = line.trim();
        let stop = t.is_empty()
            || t.starts_with('+')
            || t.starts_with("発生場所")
            || (t.starts_with("At ") && (t.contains("char:") || t.contains("line:")))
            || t.starts_with("PS ")
            || t.starts_with("PS>")
            || strip_prefix_ignore_case(t, "Result of").is_some();
        if stop {
            break;
        }
        message.push(' ');
        message.push_str(t);
        used += 1;
    }
    (message, used)
}

/// The verdict an error message gives.
fn from_message(message: &str, at: usize, cx: Context) -> Verdict<'static> {
    let m = squash(message);
    let has = |needle: &str| m.contains(&squash(needle));
    let has_any = |needles: &[&str]| needles.iter().any(|n| has(n));

    // PowerShell 7's proxy tunnel refused: the proxy's code, not the origin's.
    if let Some(code) = number_after(&m, "failedwithstatuscode'").filter(|_| has("proxy tunnel request")) {
        let reason = if code == 407 { Reason::ProxyAuthRequired } else { Reason::ProxyDenied };
        let mut v = Verdict::failed(reason, at);
        v.http_status = Some(code);
        return v;
    }
    let code = number_after(&m, "returnedanerror:(")
        .or_else(|| number_after(&m, "エラーを返しました:("))
        .or_else(|| number_after(&m, "doesnotindicatesuccess:"));
    if let Some(code) = code {
        return response(code, at, cx);
    }
    let reason = if has_any(&["The proxy name could not be resolved", "プロキシ名を解決できませんでした"])
    {
        Reason::ProxyUnresolved
    } else if has_any(&[
        "The remote name could not be resolved",
        "リモート名を解決できませんでした",
        "No such host is known",
        "そのようなホストは不明です",
        "Name or service not known",
    ]) {
        Reason::Unresolved
    } else if has_any(&[
        "The operation has timed out",
        "操作はタイムアウトしました",
        "did not properly respond after a period of time",
        "一定の時間を過ぎても正しく応答しなかった",
        "HttpClient.Timeout",
    ]) {
        Reason::Timeout
    } else if has_any(&[
        "Unable to connect to the remote server",
        "リモート サーバーに接続できません",
        "actively refused",
        "積極的に拒否",
        "拒否されたため、接続できませんでした",
        "A socket operation was attempted to an unreachable network",
        "A socket operation was attempted to an unreachable host",
        "到達できないネットワークに対してソケット操作を実行しようとしました",
    ]) {
        Reason::ConnectFailed
    } else if has_any(&[
        "Could not establish trust relationship for the SSL/TLS secure channel",
        "信頼関係を確立できませんでした",
        "RemoteCertificateNameMismatch",
        "The remote certificate is invalid",
    ]) {
        // A private endpoint's IP address in the URL: its certificate names
        // the service's host, so the check can only fail here, after TCP
        // and TLS reached the endpoint.
        if cx.private_ip {
            return Verdict::ok(Reason::TlsNameMismatch, at);
        }
        Reason::TlsUntrusted
    } else if has_any(&[
        "Could not create SSL/TLS secure channel",
        "チャネルを作成できませんでした",
        "The SSL connection could not be established",
        "Authentication failed because the remote party",
        "An unexpected error occurred on a send",
        "送信時に、予期しないエラーが発生しました",
        "送信時に予期しないエラーが発生しました",
    ]) {
        Reason::TlsFailed
    } else if has_any(&["An unexpected error occurred on a receive", "受信時に予期しないエラーが発生しました"])
    {
        Reason::RecvFailure
    } else if has_any(&["The connection was closed unexpectedly", "接続が予期せずに閉じられました"]) {
        Reason::EmptyReply
    } else if has_any(PIPELINE_STOPPED) {
        // Ctrl+C while the request ran.
        return Verdict::new(Status::NotRun, Reason::Interrupted, Some(at));
    } else if has("Internet Explorer engine is not available") {
        return Verdict::ok(Reason::HttpResponse, at);
    } else if has("RequestId:") && has("Time:") {
        // An Azure service's error body (`<Code>`, `<Message>`, `RequestId:`,
        // `Time:`), its tags removed: the service answered.
        return Verdict::ok(Reason::HttpResponse, at);
    } else if has("The requested URL could not be retrieved") || knowledge::foreign_server(message).is_some() {
        // A proxy's, appliance's or generic web server's error page, its
        // tags removed: Azure's endpoints never answer with those.
        Reason::Intercepted
    } else {
        return Verdict::new(Status::Unknown, Reason::Unrecognized, Some(at));
    };
    Verdict::failed(reason, at)
}

/// PowerShell's message when Ctrl+C stops a command.
pub(crate) const PIPELINE_STOPPED: &[&str] = &["The pipeline has been stopped", "パイプラインは停止されています"];

/// The text without white space (ASCII and ideographic), ASCII letters in
/// lower case.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase()).collect()
}

/// The number right after `marker` in a squashed text.
fn number_after(m: &str, marker: &str) -> Option<u16> {
    let at = m.find(marker)? + marker.len();
    let digits: &str = m[at..].split(|c: char| !c.is_ascii_digit()).next()?;
    (digits.len() == 3).then(|| digits.parse().ok()).flatten()
}

fn strip_prefix_ignore_case<'a>(t: &'a str, prefix: &str) -> Option<&'a str> {
    let head = t.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &t[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_in(text: &str, cx: Context) -> Option<(Status, Reason, Option<u16>, Option<usize>)> {
        super::super::read_text(text, |l| read(l, cx)).map(|v| (v.status, v.reason, v.http_status, v.evidence))
    }

    fn run(text: &str) -> Option<(Status, Reason, Option<u16>, Option<usize>)> {
        run_in(text, Context::default())
    }

    #[track_caller]
    fn reason(text: &str, want: (Status, Reason, Option<u16>)) {
        assert_eq!(run(text).map(|r| (r.0, r.1, r.2)), Some(want), "{text}");
    }

    /// A Windows PowerShell 5.1 script's error, as the transcript has it.
    fn script_error(message: &str) -> String {
        format!(
            "PS>TerminatingError(Invoke-WebRequest): \"{message}\"\nInvoke-webRequest : {message}\nAt C:\\Users\\a\\Check_ASR_NW_Windows_A2A_H2A_ver1.0.ps1:91 char:15\n+     $Invoke = Invoke-webRequest $Test_URLs\n+               ~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebExc\n   eption\n    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand\nResult of Invoke-webRequest  / StatusCode: / StatusDescription: "
        )
    }

    const OK: Status = Status::Ok;
    const FAILED: Status = Status::Failed;

    #[test]
    fn success_lines() {
        assert_eq!(
            run("Result of Invoke-webRequest  / StatusCode: 200/ StatusDescription: OK"),
            Some((OK, Reason::HttpResponse, Some(200), Some(0)))
        );
        let typed = "\n\nStatusCode        : 200\nStatusDescription : OK\nContent           : <!DOCTYPE html>";
        assert_eq!(run(typed), Some((OK, Reason::HttpResponse, Some(200), Some(2))));
        // Threw, and the error record is missing: nothing to go by.
        assert_eq!(run("Result of Invoke-webRequest  / StatusCode: / StatusDescription: "), None);
    }

    #[test]
    fn http_errors_mean_reached() {
        reason(
            &script_error("The remote server returned an error: (404) Not Found."),
            (OK, Reason::HttpResponse, Some(404)),
        );
        reason(
            &script_error("The remote server returned an error: (403) Forbidden."),
            (OK, Reason::HttpResponse, Some(403)),
        );
        reason(
            &script_error("The remote server returned an error: (400) Bad Request."),
            (OK, Reason::HttpResponse, Some(400)),
        );
        reason(
            &script_error("The remote server returned an error: (401) Unauthorized."),
            (OK, Reason::HttpResponse, Some(401)),
        );
        reason(
            &script_error("リモート サーバーがエラーを返しました: (404) 見つかりません"),
            (OK, Reason::HttpResponse, Some(404)),
        );
        reason(
            &script_error("リモート サーバーがエラーを返しました: (403) 使用不可能"),
            (OK, Reason::HttpResponse, Some(403)),
        );
        reason(
            &script_error("リモート サーバーがエラーを返しました: (400) 要求が不適切です"),
            (OK, Reason::HttpResponse, Some(400)),
        );
        // PowerShell 7.
        reason(
            "Invoke-WebRequest: Response status code does not indicate success: 404 (Not Found).",
            (OK, Reason::HttpResponse, Some(404)),
        );
    }

    #[test]
    fn evidence_is_the_terminating_error_line() {
        let text = script_error("The remote server returned an error: (404) Not Found.");
        assert_eq!(run(&text).and_then(|r| r.3), Some(0));
    }

    #[test]
    fn azure_bodies_and_the_ie_engine_mean_reached() {
        let blob = "InvalidQueryParameterValueValue for one of the query parameters specified in the request URI is invalid. RequestId:371e55d3-a01e-00eb-124d-ba118e000000 Time:2025-05-01T04:00:55.1688568Zcomp";
        reason(&script_error(blob), (OK, Reason::HttpResponse, None));
        let disk = "AuthenticationFailedServer failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature. RequestId:700ec373-522e-4b4e-c4ed-31176c000000 Time:2024-12-03T01:29:21.1059473Z";
        reason(&script_error(disk), (OK, Reason::HttpResponse, None));
        // Typed: the console record alone, wrapped at the window's width.
        let typed = "Invoke-WebRequest : InvalidQueryParameterValueValue for one of the query parameters specified in the request URI is\ninvalid. RequestId:8ea87ab1-6c0b-f892-3ad3-464497000000\nTime:2025-09-02T06:31:12.6197444Zcomp\nAt line:1 char:1\n+ Invoke-WebRequest https://drcachejpw01.blob.core.windows.net\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~";
        assert_eq!(run(typed), Some((OK, Reason::HttpResponse, None, Some(0))));
        let ie = "Invoke-WebRequest : The response content cannot be parsed because the Internet Explorer engine is not available, or Internet Explorer's first-launch configuration is not complete. Specify the UseBasicParsing parameter and try again.\nAt line:1 char:1\n    + FullyQualifiedErrorId : WebCmdletIEDomNotSupportedException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand";
        reason(ie, (OK, Reason::HttpResponse, None));
        // The same in a language not listed: the error id tells.
        let other = "Invoke-WebRequest : (texte non lu)\nAt line:1 char:1\n    + FullyQualifiedErrorId : WebCmdletIEDomNotSupportedException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand";
        reason(other, (OK, Reason::HttpResponse, None));
    }

    #[test]
    fn proxies() {
        reason(
            &script_error("The remote server returned an error: (407) Proxy Authentication Required."),
            (FAILED, Reason::ProxyAuthRequired, Some(407)),
        );
        reason(
            &script_error("リモート サーバーがエラーを返しました: (407) プロキシ認証が必要です。"),
            (FAILED, Reason::ProxyAuthRequired, Some(407)),
        );
        reason(
            "Invoke-WebRequest: The proxy tunnel request to proxy 'http://127.0.0.1:3129/' failed with status code '407'.",
            (FAILED, Reason::ProxyAuthRequired, Some(407)),
        );
        reason(
            "Invoke-WebRequest: The proxy tunnel request to proxy 'http://127.0.0.1:3129/' failed with status code '403'.",
            (FAILED, Reason::ProxyDenied, Some(403)),
        );
        reason(
            &script_error("The proxy name could not be resolved: 'proxy.contoso.local'"),
            (FAILED, Reason::ProxyUnresolved, None),
        );
        reason(
            &script_error("プロキシ名を解決できませんでした。: 'proxy.contoso.local'"),
            (FAILED, Reason::ProxyUnresolved, None),
        );
        // 502: the proxy's when one is in the path; otherwise the answer
        // of the destination itself.
        let gw = script_error("The remote server returned an error: (502) Bad Gateway.");
        let proxied = Context { private_ip: false, proxied: true };
        assert_eq!(run_in(&gw, proxied).map(|r| (r.0, r.1, r.2)), Some((FAILED, Reason::GatewayError, Some(502))));
        reason(&gw, (OK, Reason::HttpResponse, Some(502)));
        let squid = "Invoke-WebRequest : ERROR The requested URL could not be retrieved The following error was encountered while trying to retrieve the URL: https://a.blob.core.windows.net/ Access Denied. Generated by proxy (squid/4.15)";
        reason(squid, (FAILED, Reason::Intercepted, None));
        let nginx = "Invoke-WebRequest : 502 Bad Gateway nginx/1.18.0 (Ubuntu)";
        reason(nginx, (FAILED, Reason::Intercepted, None));
    }

    #[test]
    fn network_failures() {
        reason(&script_error("Unable to connect to the remote server"), (FAILED, Reason::ConnectFailed, None));
        reason(&script_error("リモート サーバーに接続できません。"), (FAILED, Reason::ConnectFailed, None));
        reason(
            &script_error("The remote name could not be resolved: 'asrcachesa0l.blob.core.windows.net'"),
            (FAILED, Reason::Unresolved, None),
        );
        reason(
            &script_error("リモート名を解決できませんでした。: 'x.blob.core.windows.net'"),
            (FAILED, Reason::Unresolved, None),
        );
        reason(&script_error("The operation has timed out."), (FAILED, Reason::Timeout, None));
        reason(&script_error("The operation has timed out"), (FAILED, Reason::Timeout, None));
        reason(&script_error("操作はタイムアウトしました。"), (FAILED, Reason::Timeout, None));
        // PowerShell 7.
        reason(
            "Invoke-WebRequest: No such host is known. (x.blob.core.windows.net:443)",
            (FAILED, Reason::Unresolved, None),
        );
        reason(
            "Invoke-WebRequest: そのようなホストは不明です。 (x.blob.core.windows.net:443)",
            (FAILED, Reason::Unresolved, None),
        );
        reason(
            "Invoke-WebRequest: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (x:443)",
            (FAILED, Reason::Timeout, None),
        );
        reason(
            "Invoke-WebRequest: 接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかったため、接続できませんでした。または接続済みのホストが応答しなかったため、確立された接続は失敗しました。",
            (FAILED, Reason::Timeout, None),
        );
    }

    #[test]
    fn tls_and_closed_connections() {
        let trust = "The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.";
        reason(&script_error(trust), (FAILED, Reason::TlsUntrusted, None));
        let ja_trust = "基になる接続が閉じられました: SSL/TLS のセキュリティで保護されているチャネルに対する信頼関係を確立できませんでした。";
        reason(&script_error(ja_trust), (FAILED, Reason::TlsUntrusted, None));
        // The same to a private endpoint's address: reached.
        let pe = Context::for_host("10.20.1.5", false);
        let typed =
            format!("Invoke-WebRequest : {ja_trust}\n発生場所 行:1 文字:1\n+ Invoke-WebRequest https://10.20.1.5");
        assert_eq!(run_in(&typed, pe).map(|r| (r.0, r.1)), Some((OK, Reason::TlsNameMismatch)));
        // Wrapped over two lines on the console.
        let wrapped = "Invoke-WebRequest : The underlying connection was closed: Could not establish trust relationship for the SSL/TLS\nsecure channel.\nAt line:1 char:1";
        assert_eq!(run_in(wrapped, pe).map(|r| (r.0, r.1)), Some((OK, Reason::TlsNameMismatch)));
        reason(wrapped, (FAILED, Reason::TlsUntrusted, None));
        reason(
            &script_error("The request was aborted: Could not create SSL/TLS secure channel."),
            (FAILED, Reason::TlsFailed, None),
        );
        reason(
            &script_error("要求は中止されました: SSL/TLS のセキュリティで保護されているチャネルを作成できませんでした"),
            (FAILED, Reason::TlsFailed, None),
        );
        reason(
            &script_error("The underlying connection was closed: An unexpected error occurred on a send."),
            (FAILED, Reason::TlsFailed, None),
        );
        reason(
            &script_error("基になる接続が閉じられました: 送信時に、予期しないエラーが発生しました。"),
            (FAILED, Reason::TlsFailed, None),
        );
        reason(
            &script_error("The underlying connection was closed: An unexpected error occurred on a receive."),
            (FAILED, Reason::RecvFailure, None),
        );
        reason(
            &script_error("基になる接続が閉じられました: 受信時に予期しないエラーが発生しました。"),
            (FAILED, Reason::RecvFailure, None),
        );
        reason(
            &script_error("The underlying connection was closed: The connection was closed unexpectedly."),
            (FAILED, Reason::EmptyReply, None),
        );
        reason(
            "Invoke-WebRequest: The SSL connection could not be established, see inner exception.",
            (FAILED, Reason::TlsFailed, None),
        );
    }

    #[test]
    fn curl_as_powershell_alias() {
        let alias = "curl : The remote server returned an error: (404) Not Found.\nAt line:1 char:1\n+ curl https://a.blob.core.windows.net";
        assert_eq!(run(alias).map(|r| (r.1, r.2)), Some((Reason::HttpResponse, Some(404))));
    }

    #[test]
    fn stopped_with_ctrl_c() {
        let stopped = "PS>TerminatingError(Invoke-WebRequest): \"The pipeline has been stopped.\"";
        assert_eq!(run(stopped).map(|r| (r.0, r.1)), Some((Status::NotRun, Reason::Interrupted)));
    }

    #[test]
    fn socket_errors_of_powershell_7() {
        reason(
            "Invoke-WebRequest: No connection could be made because the target machine actively refused it. (a:443)",
            (FAILED, Reason::ConnectFailed, None),
        );
        reason(
            "Invoke-WebRequest: 対象のコンピューターによって拒否されたため、接続できませんでした。 (a:443)",
            (FAILED, Reason::ConnectFailed, None),
        );
        reason(
            "Invoke-WebRequest: A socket operation was attempted to an unreachable network. (a:443)",
            (FAILED, Reason::ConnectFailed, None),
        );
        reason(
            "Invoke-WebRequest: The SSL connection could not be established, see inner exception. Authentication failed because the remote party sent a TLS alert: 'HandshakeFailure'.",
            (FAILED, Reason::TlsFailed, None),
        );
        reason(
            "Invoke-WebRequest: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot",
            (FAILED, Reason::TlsUntrusted, None),
        );
        let pe = Context::for_host("10.1.2.5", false);
        let mismatch = "Invoke-WebRequest: The SSL connection could not be established, see inner exception. The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch";
        assert_eq!(run_in(mismatch, pe).map(|r| (r.0, r.1)), Some((OK, Reason::TlsNameMismatch)));
    }

    #[test]
    fn not_understood() {
        assert_eq!(
            run(&script_error("Quelque chose d'autre")).map(|r| (r.0, r.1)),
            Some((Status::Unknown, Reason::Unrecognized))
        );
        assert_eq!(run("some output"), None);
        assert_eq!(run(""), None);
    }

    #[test]
    fn context_from_the_host() {
        assert!(Context::for_host("10.12.0.15", false).private_ip);
        assert!(Context::for_host("172.16.0.1", false).private_ip);
        assert!(!Context::for_host("20.1.2.3", false).private_ip);
        assert!(!Context::for_host("a.blob.core.windows.net", false).private_ip);
    }
}
