//! The summary of a report as plain text (for a terminal, with colours or
//! without) or Markdown (for a support ticket): the verdict, a table of
//! destinations and checks, the findings and their next steps.

use super::*;
use std::fmt::Write as _;
use std::rc::Rc;

/// One destination of a service: its checks by kind, as indexes into
/// `report.checks`, in log order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub fqdn: Rc<str>,
    pub region: Option<Rc<str>>,
    pub dns: Vec<usize>,
    pub tcp: Vec<usize>,
    pub https: Vec<usize>,
    pub other: Vec<usize>,
}

impl Destination {
    /// The checks of one kind.
    pub fn of_kind(&self, kind: CheckKind) -> &[usize] {
        match kind {
            CheckKind::Dns => &self.dns,
            CheckKind::Tcp => &self.tcp,
            CheckKind::Https => &self.https,
            CheckKind::Other => &self.other,
        }
    }
}

/// The destinations of every service ([`Service::ALL`] order; see
/// [`Service::index`]), each in the order the log first tests them. One
/// pass over the checks: a large report's checks are read once, not once
/// per service.
pub fn destinations_of_all(report: &Report) -> Vec<Vec<Destination>> {
    /// A service's destinations being gathered.
    #[derive(Default)]
    struct Gathering<'r> {
        out: Vec<Destination>,
        index: crate::analyzer::fasthash::FastMap<&'r str, usize>,
        /// A destination's checks usually come one after another (DNS,
        /// TCP, HTTPS): the last one found is tried before the table.
        last: Option<(&'r str, usize)>,
    }
    let mut all: Vec<Gathering> = Service::ALL.iter().map(|_| Gathering::default()).collect();
    for (i, c) in report.checks.iter().enumerate() {
        let g = &mut all[c.service.index()];
        let known = match g.last {
            Some((name, at)) if name == &*c.fqdn => Some(at),
            _ => g.index.get(&*c.fqdn).copied(),
        };
        let at = match known {
            Some(at) => at,
            None => {
                g.index.insert(&c.fqdn, g.out.len());
                g.out.push(Destination {
                    fqdn: c.fqdn.clone(),
                    region: c.region.clone(),
                    dns: Vec::new(),
                    tcp: Vec::new(),
                    https: Vec::new(),
                    other: Vec::new(),
                });
                g.out.len() - 1
            }
        };
        g.last = Some((&c.fqdn, at));
        let d = &mut g.out[at];
        match c.kind {
            CheckKind::Dns => d.dns.push(i),
            CheckKind::Tcp => d.tcp.push(i),
            CheckKind::Https => d.https.push(i),
            CheckKind::Other => d.other.push(i),
        }
    }
    all.into_iter().map(|g| g.out).collect()
}

/// One check in a few words: `✘ 3260 timed out`, `✔ 404`.
pub fn check_cell(check: &Check, lang: Lang) -> String {
    let mut s = String::from(status_mark(check.status));
    s.push(' ');
    if check.kind == CheckKind::Tcp {
        if let Some(p) = check.port {
            let _ = write!(s, "{p} ");
        }
    }
    match (check.reason, check.http_status) {
        (Reason::HttpResponse, Some(code)) => {
            let _ = write!(s, "HTTP {code}");
        }
        (Reason::Intercepted | Reason::GatewayError, Some(code)) => {
            let _ = write!(s, "{} (HTTP {code})", reason_label(check.reason, lang));
        }
        _ => s.push_str(reason_label(check.reason, lang)),
    }
    s
}

/// How the summary is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Markdown (headings, tables) instead of plain text.
    pub markdown: bool,
    /// ANSI colours, for a terminal.
    pub color: bool,
}

fn paint(text: &str, status: Status, style: Style) -> String {
    if !style.color {
        return text.to_string();
    }
    let code = match status {
        Status::Ok => "32",
        Status::Failed => "31",
        Status::NotRun | Status::Unknown => "33",
    };
    format!("\u{1b}[{code}m{text}\u{1b}[0m")
}

fn cells(report: &Report, idx: &[usize], lang: Lang, style: Style) -> String {
    if idx.is_empty() {
        return "-".to_string();
    }
    idx.iter()
        .map(|&i| paint(&check_cell(&report.checks[i], lang), report.checks[i].status, style))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as text for a person or a support ticket: verdict, machine,
/// a line per destination grouped by service, then the findings with what
/// to do. Proxy passwords are already masked in the report.
pub fn summary(report: &Report, lang: Lang, style: Style) -> String {
    without_controls(summary_of(report, lang, style))
}

/// `text` without control characters (but line breaks and tabs) and
/// escape sequences other than the summary's own colours (`ESC [ 1;31 m`):
/// a log's text or file name must not move a terminal's cursor, set its
/// title or ring its bell.
fn without_controls(text: String) -> String {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some((at, c)) = rest.char_indices().find(|&(_, c)| unsafe_char(c)) {
        out.push_str(&rest[..at]);
        let after = &rest[at + c.len_utf8()..];
        // A colour code: ESC, `[`, digits and `;`, `m`.
        let colour = (c == '\u{1b}')
            .then(|| after.strip_prefix('['))
            .flatten()
            .and_then(|p| p.find(|ch: char| !(ch.is_ascii_digit() || ch == ';')).map(|n| (p, n)))
            .filter(|(p, n)| p[*n..].starts_with('m'))
            .map(|(_, n)| n + 2);
        match colour {
            Some(len) => {
                out.push_str(&rest[at..at + 1 + len]);
                rest = &after[len..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

fn summary_of(report: &Report, lang: Lang, style: Style) -> String {
    let mut s = String::new();
    let md = style.markdown;
    let title = report.source.as_deref().map(|p| p.rsplit(['/', '\\']).next().unwrap_or(p)).unwrap_or("-");
    if md {
        let _ = writeln!(s, "## nwcheck: {}\n", md_escape(title));
        let _ = writeln!(s, "**{}**\n", overall_label(report.overall, lang));
    } else {
        let _ = writeln!(s, "nwcheck: {title}");
        let _ = writeln!(s, "{}: {}", lang.pick("判定", "Verdict"), overall_label(report.overall, lang));
    }
    if report.overall == Overall::NotALog {
        if let Some(f) = report.findings.first() {
            if let Some(cause) = f.cause {
                let _ = writeln!(s, "{}", not_a_log_message(cause, f.detail.as_deref(), lang));
            }
        }
        return s;
    }

    let none = lang.pick("なし", "none");
    let facts = [
        (lang.pick("ホスト", "Host"), report.host.clone()),
        (lang.pick("実行日時", "Run at"), report.run_at.clone()),
        ("OS", report.machine.os.clone()),
        (lang.pick("DNS サーバー", "DNS server"), report.machine.dns_server.clone()),
        ("http_proxy", Some(report.proxy.http_proxy.clone().unwrap_or_else(|| none.to_string()))),
        ("https_proxy", Some(report.proxy.https_proxy.clone().unwrap_or_else(|| none.to_string()))),
    ];
    for (label, value) in facts {
        if let Some(v) = value {
            if md {
                let _ = writeln!(s, "- {label}: `{}`", v.replace('`', "'"));
            } else {
                let _ = writeln!(s, "{label}: {v}");
            }
        }
    }
    if report.truncated {
        let _ = writeln!(
            s,
            "{}",
            lang.pick("※ ログは途中で終わっています。", "Note: the log ends in the middle of the run.")
        );
    }

    let mut by_service = destinations_of_all(report);
    for summary in &report.services {
        if summary.status == ServiceStatus::NotChecked {
            continue;
        }
        let label = service_label(summary.service, lang);
        let state = service_status_label(summary.status, lang);
        if md {
            let _ = writeln!(s, "\n### {label}: {state}\n");
            let _ = writeln!(s, "| FQDN | {} | DNS | TCP | HTTPS |", lang.pick("リージョン", "Region"));
            let _ = writeln!(s, "| --- | --- | --- | --- | --- |");
        } else {
            let _ = writeln!(s, "\n[{label}] {state}");
        }
        for d in std::mem::take(&mut by_service[summary.service.index()]) {
            let region = d.region.as_deref().map(|r| region_label(r, lang));
            let dns = cells(report, &d.dns, lang, style);
            let tcp = cells(report, &d.tcp, lang, style);
            let mut https = cells(report, &d.https, lang, style);
            if !d.other.is_empty() {
                https = format!("{https}; {}", cells(report, &d.other, lang, style));
            }
            if md {
                let region = region.unwrap_or_else(|| "-".to_string());
                let _ = writeln!(s, "| {} | {region} | {dns} | {tcp} | {https} |", md_escape(&d.fqdn));
            } else {
                match region {
                    Some(region) => {
                        let _ = writeln!(s, "  {}  ({region})", d.fqdn);
                    }
                    None => {
                        let _ = writeln!(s, "  {}", d.fqdn);
                    }
                }
                let _ = writeln!(s, "      DNS: {dns} | TCP: {tcp} | HTTPS: {https}");
            }
        }
    }

    let shown: Vec<&Finding> = report.findings.iter().collect();
    if !shown.is_empty() {
        let heading = lang.pick("所見", "Findings");
        if md {
            let _ = writeln!(s, "\n### {heading}\n");
        } else {
            let _ = writeln!(s, "\n{heading}:");
        }
        for f in shown {
            let t = finding(f.id, lang);
            let next = next_steps(report, f, lang);
            let sev = severity_label(f.severity, lang);
            let lines = if f.lines[0] > 0 {
                format!(" ({} {}-{})", lang.pick("行", "lines"), f.lines[0], f.lines[1])
            } else {
                String::new()
            };
            let concerned = concerned(f, lang);
            if md {
                let _ = writeln!(s, "- **[{sev}] {}**{lines}: {}", t.title, t.what);
                if let Some(c) = &concerned {
                    let _ = writeln!(s, "  - {}", md_escape(c));
                }
                for n in &next {
                    let _ = writeln!(s, "  - {n}");
                }
            } else {
                let _ = writeln!(s, "  [{sev}] {}{lines}", t.title);
                if let Some(c) = &concerned {
                    let _ = writeln!(s, "      {c}");
                }
                let _ = writeln!(s, "      {}", t.what);
                for n in &next {
                    let _ = writeln!(s, "      → {n}");
                }
            }
        }
    }
    s
}

/// "Destinations: a, b, c and 4 more", for a finding about several.
pub fn concerned(f: &Finding, lang: Lang) -> Option<String> {
    const SHOWN: usize = 4;
    if f.fqdns.is_empty() {
        return None;
    }
    let mut list = f.fqdns.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if f.fqdns.len() > SHOWN {
        let more = f.fqdns.len() - SHOWN;
        list.push_str(&lang.pick(format!(" ほか {more} 件"), format!(" and {more} more")));
    }
    Some(format!("{}: {list}", lang.pick("対象", "Destinations")))
}

/// Log text as Markdown text: every character that could start markup
/// (emphasis, a link or image, a table cell, code, HTML) is escaped.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_text_makes_no_markup_and_moves_no_cursor() {
        assert_eq!(
            md_escape("[x](javascript:a) ![i](http://e/x.png) <b> `c` a|b"),
            "\\[x\\]\\(javascript:a\\) \\!\\[i\\]\\(http://e/x.png\\) &lt;b&gt; \\`c\\` a\\|b"
        );
        let dirty = "a\u{7}b\u{8}c\rd\u{9b}2Je\u{1b}]0;title\u{7}f \u{1b}[1;31mred\u{1b}[0m\n\tg".to_string();
        assert_eq!(without_controls(dirty), "abcd2Je]0;titlef \u{1b}[1;31mred\u{1b}[0m\n\tg");
    }
}
