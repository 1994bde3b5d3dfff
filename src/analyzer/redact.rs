//! Credentials out of the log, in one place, in one stage before anything
//! else reads the text: every rule that finds a password or a token is here,
//! so that "no output carries a secret" can be checked by reading this file.
//!
//! What is replaced by `***`:
//! - the password of any URL with user information (`scheme://user:pass@host`,
//!   to the word's last `@`: passwords hold `/`, `?`, `#` unescaped);
//! - a proxy value without a scheme where a proxy is named: curl's `-x` /
//!   `--proxy` / `--preproxy` / `--socks5` ... (also `-kx`, `=`-joined,
//!   quoted), `*_proxy=` / `ALL_PROXY=` assignments, curl's
//!   `Could not resolve proxy: VALUE`;
//! - the password given to curl's `-U` / `--proxy-user` / `-u` / `--user`
//!   (also `-Uuser:pw`, `--user=`, quoted, after several spaces or a tab, every
//!   occurrence in a line) and to `.curlrc`'s `user =` / `proxy-user =`;
//! - the credentials of `Authorization:` and `Proxy-Authorization:` headers
//!   (Basic, Bearer, any scheme);
//! - the `user:password` of a proxy value written in the head, wherever it
//!   appears again.

use super::format;
use super::machine;
use memchr::memmem::Finder;
use std::borrow::Cow;
use std::sync::OnceLock;

/// A text with its credentials masked, and whether any was.
pub struct Redacted<'a> {
    pub text: Cow<'a, str>,
    pub masked: bool,
}

/// At most this many distinct `user:password` pairs are looked for all
/// over the text (each is one pass); the others are masked where they are.
const GLOBAL_PAIRS: usize = 16;

/// Masks every credential in `text`. `at_sign`: the text has an `@`
/// (without one, no URL or proxy value can hold a password).
pub fn redact(text: Cow<'_, str>, at_sign: bool) -> Redacted<'_> {
    let mut text = text;
    let mut masked = false;
    let mut pairs: Vec<(String, String)> = Vec::new();
    if at_sign {
        if let Cow::Owned(m) = mask_credentials(&text) {
            // The proxy values as written, passwords and all, to find them elsewhere.
            let secrets = machine::read(&format::head(&text), &text, None).secrets;
            text = Cow::Owned(m);
            masked = true;
            for raw in &secrets {
                // A value without a scheme is not caught by the URL scan.
                let (safe, _) = mask_userinfo(raw);
                if safe != raw.as_str() && text.contains(raw.as_str()) {
                    text = Cow::Owned(text.replace(raw.as_str(), &safe));
                }
                // (Not for a pair so short it could be part of other text, such as a port.)
                if let Some((user, password)) = userinfo(raw).filter(|(u, p)| !u.is_empty() && u.len() + p.len() >= 5) {
                    push_pair(&mut pairs, user, password);
                }
            }
        }
        let secrets = machine::read(&format::head(&text), &text, None).secrets;
        for raw in &secrets {
            let (safe, _) = mask_userinfo(raw);
            if safe != raw.as_str() && text.contains(raw.as_str()) {
                text = Cow::Owned(text.replace(raw.as_str(), &safe));
                masked = true;
            }
            if let Some((user, password)) = userinfo(raw).filter(|(u, p)| !u.is_empty() && u.len() + p.len() >= 5) {
                push_pair(&mut pairs, user, password);
            }
        }
    }
    if let Some(m) = mask_in_lines(&text, at_sign, &mut pairs) {
        text = Cow::Owned(m);
        masked = true;
    }
    for (user, password) in &pairs {
        if let Some(m) = mask_user_password(&text, user, password) {
            text = Cow::Owned(m);
            masked = true;
        }
    }
    Redacted { text, masked }
}

/// Keeps a pair to mask all over the text (the first [`GLOBAL_PAIRS`] distinct ones).
fn push_pair(pairs: &mut Vec<(String, String)>, user: &str, password: &str) {
    if pairs.len() < GLOBAL_PAIRS && password != "***" && !pairs.iter().any(|(u, p)| u == user && p == password) {
        pairs.push((user.to_string(), password.to_string()));
    }
}
/// Replaces the password of a `scheme://user:password@host` URL by `***`.
/// Returns the URL and whether it carried a user and password.
///
/// People write passwords with `/`, `?`, `#` and spaces in them without
/// escaping: the user and password run from the scheme to the value's last `@`.
pub fn mask_userinfo(url: &str) -> (Cow<'_, str>, bool) {
    match credentials_at(url) {
        Some((_, start, end)) => (Cow::Owned(format!("{}***{}", &url[..start], &url[end..])), true),
        None => (Cow::Borrowed(url), false),
    }
}

/// The user and password of a proxy value (`scheme://user:password@host`,
/// or without the scheme), when it has both.
pub fn userinfo(url: &str) -> Option<(&str, &str)> {
    let (user, start, end) = credentials_at(url)?;
    Some((&url[user..start - 1], &url[start..end]))
}

/// Where a proxy value's user starts and where its password starts and
/// ends. A proxy value is one value: a password may even hold spaces.
fn credentials_at(url: &str) -> Option<(usize, usize, usize)> {
    let user = url.find("://").map_or(0, |i| i + 3);
    let (start, end) = password_in(&url[user..])?;
    Some((user, user + start, user + end))
}

/// `text` with `user:password` replaced by `user:***`, when it holds it.
pub fn mask_user_password(text: &str, user: &str, password: &str) -> Option<String> {
    let pair = format!("{user}:{password}");
    text.contains(pair.as_str()).then(|| text.replace(pair.as_str(), &format!("{user}:***")))
}

/// Where the password of a URL's authority (`user:password@host`) is,
/// when it has a non-empty one: from the first `:` to the last `@`.
fn password_in(authority: &str) -> Option<(usize, usize)> {
    let at = authority.rfind('@')?;
    let colon = authority[..at].find(':')?;
    (colon + 1 < at).then_some((colon + 1, at))
}

/// Bytes that end the word a URL is written in (white space, quotes,
/// angle brackets). A URL's `/`, `?` and `#` do not: a password may hold them.
fn ends_token(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'' | b'<' | b'>')
}

/// Where the value starts when the word at `start` is the value of curl's
/// proxy option: `-x VALUE`, `--proxy VALUE` (maybe quoted), `--proxy=VALUE`,
/// or curl's message about it.
fn proxy_option_value(bytes: &[u8], start: usize) -> Option<usize> {
    if bytes[start..].starts_with(b"--proxy=") {
        return Some(start + 8);
    }
    let before = &bytes[..start];
    let before = before.strip_suffix(b"\"").or_else(|| before.strip_suffix(b"'")).unwrap_or(before);
    // curl's `Could not resolve proxy: VALUE` repeats the value.
    (before.ends_with(b" -x ") || before.ends_with(b" --proxy ") || before.ends_with(b"resolve proxy: "))
        .then_some(start)
}

/// Masks the password of every `scheme://user:password@host` in the text:
/// from the first `:` after the scheme to the last `@` of the word.
///
/// Looks for `@` (rare in a log) rather than `://` (in every curl command):
/// for each `@`, the URL that holds it starts at the first `://` of its
/// word, and its user information ends at the word's last `@`.
pub fn mask_credentials(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    // The end of the last word masked: `@`s before it are done.
    let mut done = 0;
    // The word that holds the previous `@` (its start), and how far it
    // has been searched for `://` without finding one: a word with many
    // `@` is walked once.
    let mut word: Option<(usize, usize)> = None;
    for at in memchr::memchr_iter(b'@', bytes) {
        if at < done {
            continue;
        }
        let (start, from) = match word {
            Some((start, prev)) if !bytes[prev..at].iter().any(|&b| ends_token(b)) => (start, prev),
            _ => {
                let start = bytes[..at].iter().rposition(|&b| ends_token(b)).map_or(0, |i| i + 1);
                (start, start)
            }
        };
        word = Some((start, at));
        let searched = from.saturating_sub(2).max(start);
        let auth_start = match memchr::memmem::find(&bytes[searched..at], b"://") {
            Some(scheme) => searched + scheme + 3,
            // curl's proxy option takes `user:password@host` without a scheme too.
            None => match proxy_option_value(bytes, start) {
                Some(value_start) if value_start <= at => value_start,
                _ => continue,
            },
        };
        let auth_end = bytes[at..].iter().position(|&b| ends_token(b)).map_or(bytes.len(), |i| at + i);
        done = auth_end;
        let Some((ps, pe)) = password_in(&text[auth_start..auth_end]) else { continue };
        let (ps, pe) = (auth_start + ps, auth_start + pe);
        if ps < copied {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
        o.push_str(&text[copied..ps]);
        o.push_str("***");
        copied = pe;
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(text),
    }
}

/// The lines that can hold a credential the URL scan does not see: those
/// with an `@` (a proxy value's password needs one; `at_sign`: the text has
/// one), curl commands, and those with a `-U` option, a `user` word
/// (`--user`, `--proxy-user`, `.curlrc` lines) or an authorization header. Each is one search over the text for a word that is rare in the
/// logs.
fn candidate_lines(text: &str, at_sign: bool) -> Vec<(usize, usize)> {
    // (`-u`, `--user` and `--proxy-user` stand in curl commands, or in
    // `.curlrc` lines, which the `user` search finds.)
    static FINDERS: OnceLock<[Finder<'static>; 5]> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| ["@", "curl -", "-U", "user", "uthorization"].map(Finder::new));
    let finders = &finders[usize::from(!at_sign)..];
    let bytes = text.as_bytes();
    let mut lines: Vec<(usize, usize)> = Vec::new();
    // Piece by piece, every word in each piece while it is in the cache:
    // the text is read from memory once, not once per word.
    const PIECE: usize = 64 * 1024;
    const LONGEST: usize = 12;
    // Where each word's search goes on (after the last line it found).
    let mut from = [0usize; 5];
    let mut piece = 0;
    while piece < bytes.len() {
        let piece_end = (piece + PIECE).min(bytes.len());
        let window_end = (piece_end + LONGEST - 1).min(bytes.len());
        for (finder, from) in finders.iter().zip(from.iter_mut()) {
            while *from < piece_end {
                let Some(k) = finder.find(&bytes[*from..window_end]) else {
                    *from = piece_end;
                    break;
                };
                let at = *from + k;
                let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1);
                let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
                lines.push((start, end));
                *from = end;
            }
        }
        piece = piece_end;
    }
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// Masks the credentials of the candidate lines; collects their
/// `user:password` pairs. `None` when nothing was masked.
fn mask_in_lines(text: &str, at_sign: bool, pairs: &mut Vec<(String, String)>) -> Option<String> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (start, end) in candidate_lines(text, at_sign) {
        let line = &text[start..end];
        let before = spans.len();
        line_credentials(line, &mut spans, pairs);
        for s in &mut spans[before..] {
            s.0 += start;
            s.1 += start;
        }
    }
    if spans.is_empty() {
        return None;
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (s, e) in spans {
        if s < copied || s >= e {
            continue;
        }
        out.push_str(&text[copied..s]);
        out.push_str("***");
        copied = e;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// curl options whose value is a `user:password`.
const USER_OPTIONS: &[&str] = &["-U", "--proxy-user", "-u", "--user"];
/// curl options whose value is a proxy (`[scheme://][user:password@]host`).
const PROXY_OPTIONS: &[&str] =
    &["-x", "--proxy", "--preproxy", "--proxy1.0", "--socks4", "--socks4a", "--socks5", "--socks5-hostname"];
/// `.curlrc` keys whose value is a `user:password`.
const CURLRC_USER_KEYS: &[&str] = &["user", "proxy-user"];

/// The password spans (byte offsets in `line`) of one line's credentials.
fn line_credentials(line: &str, spans: &mut Vec<(usize, usize)>, pairs: &mut Vec<(String, String)>) {
    if !may_hold_credentials(line) {
        return;
    }
    authorization(line, spans);
    // Windows' proxy settings: WinINet's `ProxyServer: [user:password@]host:port`,
    // WinHTTP's `Proxy Server(s) :  ...` (Japanese `プロキシ サーバー:`).
    if let Some(vs) = windows_proxy_value(line) {
        let ve = line.trim_end().len().max(vs);
        if let Some((u, p)) = userinfo(&line[vs..ve]).filter(|(u, p)| !u.is_empty() && *p != "***") {
            push_pair(pairs, u, p);
        }
        proxy_value(line, vs, ve, spans);
    }
    let words = shell_words(line);
    // `.curlrc`: `user = "svc:pw"`, `proxy-user: svc:pw`, `--user=svc:pw`.
    let t = line.trim_start();
    let key_len = t.find([' ', '\t', '=', ':']).unwrap_or(t.len());
    if CURLRC_USER_KEYS.contains(&t[..key_len].trim_start_matches("--")) {
        let rest = t[key_len..].trim_start_matches([' ', '\t', '=', ':']);
        let vs = line.len() - rest.len();
        let (vs, ve) = unquote(line, vs, line.trim_end().len());
        user_value(line, vs, ve, spans, pairs);
    }
    let mut i = 0;
    while i < words.len() {
        let (ws, we) = words[i];
        let w = &line[ws..we];
        let value = |i: usize| words.get(i + 1).copied();
        if let Some(eq) = w.find('=').filter(|_| w.starts_with("--")) {
            let name = &w[..eq];
            let (vs, ve) = unquote(line, ws + eq + 1, we);
            if USER_OPTIONS.contains(&name) {
                user_value(line, vs, ve, spans, pairs);
            } else if PROXY_OPTIONS.contains(&name) {
                proxy_value(line, vs, ve, spans);
            }
        } else if USER_OPTIONS.contains(&w) {
            if let Some((vs, ve)) = value(i) {
                let (vs, ve) = unquote(line, vs, ve);
                user_value(line, vs, ve, spans, pairs);
                i += 1;
            }
        } else if PROXY_OPTIONS.contains(&w) {
            if let Some((vs, ve)) = value(i) {
                let (vs, ve) = unquote(line, vs, ve);
                proxy_value(line, vs, ve, spans);
                i += 1;
            }
        } else if w.len() >= 2
            && w.starts_with('-')
            && !w.starts_with("--")
            && w[1..].bytes().all(|b| b.is_ascii_graphic())
        {
            // A cluster of short options: the first that takes a value takes
            // the rest of the word, or the next word (`-kx h`, `-Usvc:pw`).
            if let Some(k) = w[1..].find(['U', 'u', 'x']) {
                let letter = w.as_bytes()[1 + k];
                let flags_ok = w[1..1 + k].bytes().all(|b| b.is_ascii_alphabetic());
                if flags_ok {
                    let (vs, ve, used_next) = if 2 + k < w.len() {
                        (ws + 2 + k, we, false)
                    } else if let Some((vs, ve)) = value(i) {
                        (vs, ve, true)
                    } else {
                        i += 1;
                        continue;
                    };
                    let (vs, ve) = unquote(line, vs, ve);
                    if letter == b'x' {
                        proxy_value(line, vs, ve, spans);
                    } else {
                        user_value(line, vs, ve, spans, pairs);
                    }
                    if used_next {
                        i += 1;
                    }
                }
            }
        } else if let Some(eq) = w.find('=') {
            // `https_proxy=svc:pw@h:8080`, `export ALL_PROXY="..."`.
            if w[..eq].to_ascii_lowercase().ends_with("proxy") {
                let (vs, ve) = unquote(line, ws + eq + 1, we);
                proxy_value(line, vs, ve, spans);
            }
        }
        i += 1;
    }
}

/// Whether a line can hold a credential at all: an `@`, an authorization
/// header, a `user` key, or an option word that is long (`--...`) or holds
/// `U`, `u` or `x` (`-U`, `-kx`, `-Usvc:pw`). Most curl commands
/// (`curl -I https://...`) are passed over without more work.
fn may_hold_credentials(line: &str) -> bool {
    let b = line.as_bytes();
    if memchr::memchr(b'@', b).is_some() || line.contains("uthorization") || line.contains("UTHORIZATION") {
        return true;
    }
    if line.contains("user") {
        return true;
    }
    line.split_ascii_whitespace().any(|w| {
        let w = w.trim_start_matches(['"', '\'']);
        w.starts_with("--") || w.starts_with('-') && w.bytes().any(|c| matches!(c, b'U' | b'u' | b'x'))
    })
}

/// `Authorization: Basic xxx`, `Proxy-Authorization: Bearer xxx`: the
/// credentials after the scheme word, to the end of the line or the
/// closing quote.
fn authorization(line: &str, spans: &mut Vec<(usize, usize)>) {
    let lower = line.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = lower[from..].find("authorization") {
        let at = from + k + "authorization".len();
        from = at;
        let rest = &line[at..];
        let Some(after_colon) = rest.trim_start().strip_prefix(':') else { continue };
        let value = after_colon.trim_start();
        let vs = line.len() - value.len();
        let end_rel = value.find(['"', '\'']).unwrap_or(value.len());
        let value = value[..end_rel].trim_end();
        if value.is_empty() {
            continue;
        }
        // A scheme word first (`Basic`, `Bearer`, `NTLM`, ...), then the credentials.
        let cred_start = match value.find([' ', '\t']) {
            Some(sp) => vs + sp + value[sp..].len() - value[sp..].trim_start().len(),
            None => vs,
        };
        let cred_end = vs + value.len();
        if cred_start < cred_end {
            spans.push((cred_start, cred_end));
        }
    }
}

/// The password span of a `user:password` value (`[vs, ve)` in `line`).
fn user_value(line: &str, vs: usize, ve: usize, spans: &mut Vec<(usize, usize)>, pairs: &mut Vec<(String, String)>) {
    let value = &line[vs..ve];
    if let Some(colon) = value.find(':') {
        let (user, password) = (&value[..colon], &value[colon + 1..]);
        if !password.is_empty() && password != "***" {
            spans.push((vs + colon + 1, ve));
            if !user.is_empty() && user.len() + password.len() >= 5 {
                push_pair(pairs, user, password);
            }
        }
    }
}

/// The password span of a proxy value (`[scheme://]user:password@host`).
fn proxy_value(line: &str, vs: usize, ve: usize, spans: &mut Vec<(usize, usize)>) {
    let value = &line[vs..ve];
    let user = value.find("://").map_or(0, |i| i + 3);
    if let Some((ps, pe)) = password_in(&value[user..]) {
        if &value[user + ps..user + pe] != "***" {
            spans.push((vs + user + ps, vs + user + pe));
        }
    }
}

/// Where the value of a Windows proxy setting line starts.
fn windows_proxy_value(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let rest =
        ["ProxyServer", "Proxy Server(s)", "プロキシ サーバー"].iter().find_map(|label| t.strip_prefix(label))?;
    let value = rest.trim_start().strip_prefix(':')?.trim_start();
    Some(line.len() - value.len())
}

/// `[vs, ve)` without the quotes around it; a value that opens a quote runs
/// to its closing quote, spaces and all.
fn unquote(line: &str, vs: usize, ve: usize) -> (usize, usize) {
    match line.as_bytes().get(vs) {
        Some(&q @ (b'"' | b'\'')) => {
            let rest = &line[vs + 1..];
            (vs + 1, vs + 1 + rest.find(q as char).unwrap_or(rest.len()))
        }
        _ => (vs, ve),
    }
}

/// The words of a line (split at spaces and tabs), as byte ranges; a word
/// that opens a quote runs to its closing quote.
fn shell_words(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut words = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r') {
            i += 1;
        }
        let start = i;
        let mut quote: Option<u8> = None;
        while i < b.len() {
            match (quote, b[i]) {
                (None, b' ' | b'\t' | b'\r') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            i += 1;
        }
        if i > start {
            words.push((start, i));
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_proxy_settings() {
        let text = "ProxyServer: backup:S3cret!@10.0.0.5:3128\r\n    Proxy Server(s) :  svc:pa55w0rd@proxy.contoso.local:8080\r\n    プロキシ サーバー:  ja:himitsu99@10.1.1.1:8080\r\nPS C:\\> iwr https://a -Proxy http://proxy.contoso.local:8080 # svc:pa55w0rd\r\nProxyServer: 10.0.0.5:3128\r\n";
        let r = redact(Cow::Borrowed(text), true);
        assert!(r.masked);
        for secret in ["S3cret!", "pa55w0rd", "himitsu99"] {
            assert!(!r.text.contains(secret), "{secret}: {}", r.text);
        }
        assert!(
            r.text.contains("ProxyServer: backup:***@10.0.0.5:3128") && r.text.contains("ProxyServer: 10.0.0.5:3128")
        );
    }

    fn redacted(text: &str) -> String {
        let at = text.contains('@');
        redact(Cow::Borrowed(text), at).text.into_owned()
    }

    /// Masking as a scan from every `://`: the plain definition that
    /// [`mask_credentials`] must agree with.
    fn mask_from_every_scheme(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = String::new();
        let mut copied = 0;
        for at in memchr::memmem::find_iter(bytes, b"://") {
            let start = at + 3;
            let end = bytes[start..].iter().position(|&b| ends_token(b)).map_or(bytes.len(), |i| start + i);
            let Some((ps, pe)) = password_in(&text[start..end]) else { continue };
            let (ps, pe) = (start + ps, start + pe);
            if ps < copied {
                continue;
            }
            out.push_str(&text[copied..ps]);
            out.push_str("***");
            copied = pe;
        }
        out.push_str(&text[copied..]);
        out
    }

    #[test]
    fn masking_agrees_with_the_scan_from_every_scheme() {
        for text in ["http://u:p@h", "x http://a:b@c:d@e/f", "://a:b@c", "a@b http://u:p@h @", "http://u:p@h://v:q@w"] {
            assert_eq!(mask_credentials(text), mask_from_every_scheme(text), "{text}");
        }
    }

    // proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn masking_agrees_with_the_scan_from_every_scheme_on_any_text() {
        use proptest::prelude::*;
        let config = ProptestConfig { cases: 4096, failure_persistence: None, ..ProptestConfig::default() };
        proptest!(config, |(text in "([a-z:/@?# \\n.]|://|http://u:p@h){0,40}")| {
            prop_assert_eq!(mask_credentials(&text).into_owned(), mask_from_every_scheme(&text));
        });
    }

    #[test]
    fn masking() {
        assert_eq!(mask_userinfo("http://u:p@h:1").0, "http://u:***@h:1");
        assert_eq!(mask_userinfo("u:p@h:1").0, "u:***@h:1");
        assert_eq!(mask_userinfo("http://u@h:1"), (Cow::Borrowed("http://u@h:1"), false));
        assert_eq!(
            mask_credentials("a http://u:pw@h:1 b https://x:y@z/p c http://plain/"),
            "a http://u:***@h:1 b https://x:***@z/p c http://plain/"
        );
        // Passwords with the characters that end a URL's authority.
        for pw in ["Ab/Secret99", "Ab#Secret99", "Ab?Secret99", "a/b?c#d@e"] {
            let url = format!("http://svcuser:{pw}@proxy01.contoso.local:8080");
            assert_eq!(mask_userinfo(&url), (Cow::Owned("http://svcuser:***@proxy01.contoso.local:8080".into()), true));
            assert_eq!(mask_userinfo(&url[7..]).0, "svcuser:***@proxy01.contoso.local:8080");
            assert_eq!(userinfo(&url), Some(("svcuser", pw)));
            let text = format!("x \"{url}\" y\n* Uses proxy env variable https_proxy == '{url}'");
            assert!(!mask_credentials(&text).contains(pw), "{text}");
        }
        // curl's proxy option, with or without a scheme.
        for cmd in [
            "curl -I -x svcuser:Hunter2@proxy01:8080 https://a",
            "curl -I -x 'svcuser:Hunter2@proxy01:8080' https://a",
            "curl -I --proxy \"svcuser:Hunter2@proxy01:8080\" https://a",
            "curl -I --proxy=svcuser:Hunter2@proxy01:8080 https://a",
            "curl -I -x http://svcuser:Hunter2@proxy01:8080 https://a",
        ] {
            let masked = mask_credentials(cmd);
            assert!(!masked.contains("Hunter2") && masked.contains("svcuser:***@proxy01:8080"), "{masked}");
        }
        // A mail address or an ssh target is not a password.
        assert_eq!(mask_credentials("mail a:b@c.d ssh -x user@host:22"), "mail a:b@c.d ssh -x user@host:22");
    }

    #[test]
    fn every_spelling_of_curl_credentials() {
        for line in [
            "curl -I -U svc:Pw/1xyz -x h:8080 https://a",
            "curl --proxy-user 'svc:Pw/1xyz' https://a",
            "curl --user=svc:Pw/1xyz https://a",
            "curl -Usvc:Pw/1xyz https://a",
            "curl -kU svc:Pw/1xyz https://a",
            "curl -U  svc:Pw/1xyz https://a",
            "curl -U\tsvc:Pw/1xyz https://a",
            "curl --proxy-user :Pw/1xyz https://a",
            "curl -u a:b -U svc:Pw/1xyz https://a",
            "curl -xsvc:Pw/1xyz@h:8080 https://a",
            "curl -kx svc:Pw/1xyz@h:8080 https://a",
            "curl --proxy=\"svc:Pw/1xyz@h:8080\" https://a",
            "curl --socks5 svc:Pw/1xyz@h:1080 https://a",
            "curl --preproxy socks5://svc:Pw/1xyz@h:1080 https://a",
            "curl --proxy1.0 svc:Pw/1xyz@h:8080 https://a",
            "curl -H 'Proxy-Authorization: Basic Pw/1xyz' https://a",
            "> Authorization: Bearer Pw/1xyz",
            "export https_proxy=svc:Pw/1xyz@h:8080",
            "declare -x ALL_PROXY=\"svc:Pw/1xyz@h:8080\"",
        ] {
            let text = format!("##TRY!! {line} ##\nHTTP/1.1 200 OK\n");
            let out = redacted(&text);
            assert!(!out.contains("Pw/1xyz"), "{line} -> {out}");
            assert!(out.contains("***"), "{line} -> {out}");
        }
        // `.curlrc` lines (as `cat ~/.curlrc` shows them).
        for line in ["proxy-user = \"svc:Pw/1xyz\"", "user=svc:Pw/1xyz", "--user svc:Pw/1xyz"] {
            let out = redacted(&format!("{line}\n"));
            assert!(!out.contains("Pw/1xyz") && out.contains("***"), "{line} -> {out}");
        }
        // Not credentials.
        for line in
            ["sudo -u root curl -I https://a", "Invoke-WebRequest -Uri https://a -UseBasicParsing", "mail a:b@c.d"]
        {
            assert_eq!(redacted(line), line);
        }
    }

    #[test]
    fn a_pair_seen_in_an_option_is_masked_elsewhere_too() {
        let out = redacted("##TRY!! curl -U svc:Hunter22 https://a ##\nsent svc:Hunter22 again\n");
        assert!(!out.contains("Hunter22"), "{out}");
    }

    #[test]
    fn words_across_the_pieces_of_the_search() {
        for shift in 0..16 {
            let filler = "x".repeat(64 * 1024 - 8 + shift);
            let text = format!("{filler}\ncurl -I -U svc:Hunter22 https://a\nAuthorization: Basic SGVsbG8=\n");
            let out = redacted(&text);
            assert!(!out.contains("Hunter22") && !out.contains("SGVsbG8="), "shift {shift}");
        }
    }

    #[test]
    fn many_distinct_passwords() {
        let mut text = String::new();
        for i in 0..40_000 {
            text.push_str(&format!("##TRY!! curl -U svc{i}:Pw{i}secret https://a ##\nHTTP/1.1 200 OK\n\n"));
        }
        // (Each pair masked all over the text took 38 s here; the benchmark measures time.)
        let out = redacted(&text);
        assert!(!out.contains("secret") && out.matches("***").count() == 40_000);
    }
}
