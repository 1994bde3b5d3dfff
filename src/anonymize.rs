//! Anonymizing a report for sharing: host names and addresses masked; the same value always
//! becomes the same placeholder (`host-1`, `ip-1`, ...), so the masked
//! report still reads ("ip-3 answered, ip-4 timed out").
//!
//! Masked: the machine's host name (also inside the source file name), the
//! proxy's host, every IPv4 and IPv6 address (interfaces, DNS server,
//! answers, evidence lines) but Microsoft's. Kept, since support needs them
//! and they say nothing about the customer: the Azure destinations the
//! script tests, and the public addresses a Microsoft name resolved to
//! (a private endpoint's or a DNS filter's answer is masked).

use crate::analyzer::knowledge;
use crate::analyzer::model::{Check, CheckKind, FindingId, Report};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::rc::Rc;

#[derive(Default)]
struct Masker {
    map: HashMap<String, String>,
    hosts: usize,
    ips: usize,
    /// Host names and their placeholders, longest name first (so that
    /// `vm01.contoso.local` is replaced before `vm01`).
    host_names: Vec<(String, String)>,
}

impl Masker {
    fn host(&mut self, name: &str) -> String {
        if let Some(m) = self.map.get(name) {
            return m.clone();
        }
        self.hosts += 1;
        let m = format!("host-{}", self.hosts);
        self.alias(name, &m);
        m
    }

    /// Masks `name` as `placeholder` too.
    fn alias(&mut self, name: &str, placeholder: &str) {
        self.map.insert(name.to_string(), placeholder.to_string());
        let at = self.host_names.partition_point(|(k, _)| k.len() >= name.len());
        self.host_names.insert(at, (name.to_string(), placeholder.to_string()));
    }

    /// Keeps `addr` as it is (unless it was masked already).
    fn keep(&mut self, addr: &str) {
        self.map.entry(addr.to_string()).or_insert_with(|| addr.to_string());
    }

    fn ip(&mut self, addr: &str) -> String {
        if let Some(m) = self.map.get(addr) {
            return m.clone();
        }
        self.ips += 1;
        let m = format!("ip-{}", self.ips);
        self.map.insert(addr.to_string(), m.clone());
        m
    }

    /// An address with an optional `/prefix`.
    fn cidr(&mut self, value: &str) -> String {
        match value.split_once('/') {
            Some((a, p)) => format!("{}/{p}", self.ip(a)),
            None => self.ip(value),
        }
    }

    /// Every IP address inside free text, and the known host names.
    fn text(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut token = String::new();
        let flush = |token: &mut String, out: &mut String, me: &mut Masker| {
            if !token.is_empty() {
                out.push_str(&me.token(token));
                token.clear();
            }
        };
        for c in text.chars() {
            if c.is_ascii_hexdigit() || c == '.' || c == ':' {
                token.push(c);
            } else {
                flush(&mut token, &mut out, self);
                out.push(c);
            }
        }
        flush(&mut token, &mut out, self);
        for (name, placeholder) in &self.host_names {
            out = replace_word(&out, name, placeholder);
        }
        out
    }

    /// A run of hex digits, dots and colons: masks the address inside it
    /// (`20.191.166.134:443.` keeps its `:443.`).
    fn token(&mut self, token: &str) -> String {
        let trimmed = token.trim_end_matches(['.', ':']);
        let tail = &token[trimmed.len()..];
        if trimmed.matches(':').count() >= 2 && trimmed.parse::<Ipv6Addr>().is_ok() {
            return format!("{}{tail}", self.ip(trimmed));
        }
        // IPv4, possibly with :port.
        let (addr, port) = match trimmed.rsplit_once(':') {
            Some((a, p)) if p.bytes().all(|b| b.is_ascii_digit()) => (a, Some(p)),
            _ => (trimmed, None),
        };
        if addr.parse::<std::net::Ipv4Addr>().is_ok() {
            let masked = self.ip(addr);
            return match port {
                Some(p) => format!("{masked}:{p}{tail}"),
                None => format!("{masked}{tail}"),
            };
        }
        token.to_string()
    }

    fn opt_text(&mut self, value: &mut Option<String>) {
        if let Some(v) = value.as_mut() {
            *v = self.text(v);
        }
    }
}

/// Replaces `name` where it stands as a whole name (not inside a longer
/// word such as `db01` in `db012`).
fn replace_word(text: &str, name: &str, with: &str) -> String {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let in_name = |c: char| is_word(c) || c == '.';
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in text.match_indices(name) {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        if at < last || before.is_some_and(is_word) || after.is_some_and(is_word) {
            continue;
        }
        // A label of an Azure destination (a machine named `backup` or
        // `login`) is part of that public name, which is kept.
        let start = text[..at].rfind(|c: char| !in_name(c)).map_or(0, |i| i + 1);
        let end = text[at..].find(|c: char| !in_name(c)).map_or(text.len(), |i| at + i);
        let whole = text[start..end].trim_end_matches('.');
        if whole != name && knowledge::service_of(whole).is_some() {
            continue;
        }
        out.push_str(&text[last..at]);
        out.push_str(with);
        last = at + name.len();
    }
    out.push_str(&text[last..]);
    out
}

/// Where the host name is in the script's log file name
/// (`.../CheckNWResult_vm01_202411241530.log`).
fn file_name_host(path: &str) -> Option<(usize, usize)> {
    let name_at = path.rfind(['/', '\\']).map_or(0, |i| i + 1);
    let start = name_at + path[name_at..].find("CheckNWResult_")? + "CheckNWResult_".len();
    let end = start + path[start..].rfind('_')?;
    (end > start).then_some((start, end))
}

/// The proxy's host inside a proxy value (`http://user:***@proxy:8080`).
fn proxy_host(value: &str) -> Option<&str> {
    let rest = value.split_once("://").map_or(value, |(_, r)| r);
    let authority = rest.split('/').next()?;
    let authority = authority.rsplit('@').next()?;
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
    (!host.is_empty()).then_some(host)
}

/// A public address: not private, loopback, link-local, shared (100.64/10),
/// unspecified or broadcast.
fn is_public(addr: &str) -> bool {
    match addr.parse::<IpAddr>() {
        Ok(IpAddr::V4(a)) => {
            let o = a.octets();
            !(a.is_private()
                || a.is_loopback()
                || a.is_link_local()
                || a.is_unspecified()
                || a.is_broadcast()
                || o[0] == 100 && (64..128).contains(&o[1]))
        }
        Ok(IpAddr::V6(a)) => {
            let first = a.segments()[0];
            !(a.is_loopback() || a.is_unspecified() || first & 0xfe00 == 0xfc00 || first & 0xffc0 == 0xfe80)
        }
        Err(_) => false,
    }
}

/// The report with the machine's host name, the proxy's host and every IP
/// address replaced by placeholders.
pub fn mask_report(report: &Report) -> Report {
    let mut r = report.clone();
    let mut m = ReportMasker::default();
    m.head(&mut r);
    for c in &mut r.checks {
        m.check(c);
    }
    m.tail(&mut r);
    r
}

/// Masks a report in parts, for a caller that works on a large report a
/// few checks at a time: [`ReportMasker::head`] first, then every check in
/// report order, then [`ReportMasker::tail`]. The result is the same as
/// [`mask_report`]'s.
#[derive(Default)]
pub struct ReportMasker {
    m: Masker,
}

impl ReportMasker {
    /// Masks what comes before the checks: host, source, proxy, machine.
    pub fn head(&mut self, r: &mut Report) {
        let m = &mut self.m;
        if let Some(h) = r.host.as_deref() {
            let short = h.split('.').next().unwrap_or(h).to_string();
            let masked = m.host(h);
            if short != h && !short.is_empty() {
                m.alias(&short, &masked);
            }
        }
        for value in [&r.proxy.http_proxy, &r.proxy.https_proxy].into_iter().flatten() {
            if let Some(host) = proxy_host(value) {
                if host.parse::<IpAddr>().is_err() {
                    m.host(host);
                }
            }
        }
        r.host = r.host.as_deref().map(|h| m.host(h));
        // The script names its log `CheckNWResult_<host>_<date>.log`.
        if let Some(source) = r.source.as_mut() {
            if let Some((start, end)) = file_name_host(source) {
                let masked = m.host(&source[start..end]);
                source.replace_range(start..end, &masked);
            }
        }
        m.opt_text(&mut r.source);
        m.opt_text(&mut r.proxy.http_proxy);
        m.opt_text(&mut r.proxy.https_proxy);
        m.opt_text(&mut r.machine.dns_server);
        for iface in &mut r.machine.interfaces {
            for a in &mut iface.addresses {
                *a = m.cidr(a);
            }
        }
    }

    /// Masks one check (call for each, in report order).
    pub fn check(&mut self, c: &mut Check) {
        let m = &mut self.m;
        // A Microsoft name's public answers are Microsoft's addresses.
        if c.kind == CheckKind::Dns && knowledge::is_microsoft_host(&c.fqdn) {
            for a in c.addresses.iter().filter(|a| is_public(a)) {
                m.keep(a);
            }
        }
        if !c.addresses.is_empty() {
            c.addresses = c.addresses.iter().map(|a| Rc::from(m.ip(a))).collect();
        }
        if let Some(e) = c.evidence.as_mut() {
            *e = m.text(e).into();
        }
        c.command = m.text(&c.command).into();
        if c.fqdn.parse::<IpAddr>().is_ok() {
            c.fqdn = m.ip(&c.fqdn).into();
        }
    }

    /// Masks what comes after the checks: the findings.
    pub fn tail(&mut self, r: &mut Report) {
        for f in &mut r.findings {
            // The settings a finding compares (proxy values) hold addresses and hosts.
            if f.id != FindingId::NotALog {
                self.m.opt_text(&mut f.detail);
            }
            for fqdn in &mut f.fqdns {
                if fqdn.parse::<IpAddr>().is_ok() {
                    *fqdn = self.m.ip(fqdn).into();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    #[test]
    fn masks_consistently_and_keeps_azure_names() {
        let bytes = std::fs::read("tests/data/proxy-credentials-in-url.log").expect("sample");
        let a = analyze(&bytes, Some("CheckNWResult_rhel88-app01_202405201015.log"));
        let masked = mask_report(&a.report);
        let json = serde_json::to_string(&masked).expect("json");
        for secret in ["10.0.0.100", "Azure2024pass"] {
            assert!(!json.contains(secret), "{secret} leaked");
        }
        // Azure's public answer stays: support needs it.
        assert!(json.contains("20.191.166.134"));
        if let Some(host) = &a.report.host {
            assert!(!json.contains(host.as_str()), "host name leaked");
        }
        assert!(json.contains("pod01-manag1.jpe.backup.windowsazure.com"));
        // A Microsoft name's public answer stays as it is, in the answer and in nc's evidence.
        let dns = masked.checks.iter().find(|c| &*c.fqdn == "download.microsoft.com" && c.kind.id() == "dns");
        let ip = dns.and_then(|c| c.addresses.first()).expect("an answer").clone();
        assert!(!ip.starts_with("ip-"));
        let nc = masked.checks.iter().find(|c| &*c.fqdn == "download.microsoft.com" && c.kind.id() == "tcp");
        assert!(nc.and_then(|c| c.evidence.as_deref()).is_some_and(|e| e.contains(&*ip)));
        assert_eq!(masked.checks.len(), a.report.checks.len());
    }

    #[test]
    fn host_in_the_file_name_and_azure_labels() {
        let log = "## 実行しているマシンのホスト名はbackupです。\n##TRY!! nc -vz pod01-manag1.jpe.backup.windowsazure.com 443 ##\nNcat: Connected to 20.1.2.3:443.\n##TRY!! nc -vz backup 443 ##\nNcat: Connected to 10.1.2.3:443.\n";
        let a = analyze(log.as_bytes(), Some("/tmp/CheckNWResult_backup_202411241530.log"));
        assert_eq!(a.report.host.as_deref(), Some("backup"));
        let masked = mask_report(&a.report);
        assert_eq!(masked.source.as_deref(), Some("/tmp/CheckNWResult_host-1_202411241530.log"));
        // The machine's name is masked where it stands alone, not inside an Azure name.
        assert_eq!(&*masked.checks[0].command, "nc -vz pod01-manag1.jpe.backup.windowsazure.com 443");
        assert_eq!(&*masked.checks[1].command, "nc -vz host-1 443");
    }

    #[test]
    fn private_and_filtered_answers_of_microsoft_names_are_masked() {
        let log = "##TRY!! nslookup a.blob.core.windows.net ##\nName: a.privatelink.blob.core.windows.net\nAddress: 10.1.2.3\n\n##TRY!! nslookup login.microsoft.com ##\nName: login.microsoft.com\nAddress: 0.0.0.0\n\n##TRY!! nslookup vm.contoso.local ##\nName: vm.contoso.local\nAddress: 203.0.113.9\n\n";
        let masked = mask_report(&analyze(log.as_bytes(), None).report);
        let json = serde_json::to_string(&masked).unwrap();
        for hidden in ["10.1.2.3", "0.0.0.0", "203.0.113.9"] {
            assert!(!json.contains(hidden), "{hidden}");
        }
        assert!(is_public("20.191.166.134") && is_public("2603:1046::1"));
        assert!(!is_public("100.64.0.1") && !is_public("fd00::1") && !is_public("fe80::1") && !is_public("x"));
    }

    #[test]
    fn tokens() {
        let mut m = Masker::default();
        assert_eq!(m.text("Ncat: Connected to 20.191.166.134:443."), "Ncat: Connected to ip-1:443.");
        assert_eq!(m.text("Address: 20.191.166.134 and fe80::1"), "Address: ip-1 and ip-2");
        assert_eq!(
            m.text("Ncat: Version 7.93 ( https://nmap.org/ncat )"),
            "Ncat: Version 7.93 ( https://nmap.org/ncat )"
        );
        assert_eq!(m.text("in 0.06 seconds"), "in 0.06 seconds");
    }
}
