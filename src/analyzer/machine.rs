//! The machine part of the log: host name, run date, `ip a`, `hostnamectl`,
//! and the `http_proxy` / `https_proxy` lines (a blank line means no proxy).
//! Proxy passwords are already masked in the text it reads (`redact.rs`).

use super::model::{Interface, Machine, Proxy};
use super::redact::mask_userinfo;

/// What the lines before the first command block say about the machine.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MachineInfo {
    pub host: Option<String>,
    pub run_at: Option<String>,
    pub machine: Machine,
    pub proxy: Proxy,
    /// Proxy values as written when they carry a password, to mask them in the text.
    pub secrets: Vec<String>,
}

/// Reads the machine part. `head` are the lines before the first block;
/// `text` is the whole log (for the DNS server and the script's name).
pub fn read(head: &[&str], text: &str, source: Option<&str>) -> MachineInfo {
    let mut info = MachineInfo::default();
    let mut current_if: Option<usize> = None;
    for (i, line) in head.iter().enumerate() {
        let t = line.trim();
        if info.host.is_none() {
            info.host = between(t, "ホスト名は", "です").map(str::to_string);
        }
        if info.run_at.is_none() {
            info.run_at = between(t, "実行日次は", "です")
                .or_else(|| between(t, "実行日時は", "です"))
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        if let Some(v) = field(t, "Static hostname") {
            info.host.get_or_insert_with(|| v.to_string());
        }
        if let Some(v) = field(t, "Operating System") {
            info.machine.os = Some(v.to_string());
        }
        if let Some(v) = field(t, "Kernel") {
            info.machine.kernel = Some(v.to_string());
        }
        if let Some(v) = field(t, "Virtualization") {
            info.machine.virtualization = Some(v.to_string());
        }
        if let Some(v) = field(t, "Architecture") {
            info.machine.architecture = Some(v.to_string());
        }
        if let Some(name) = interface_header(line) {
            info.machine.interfaces.push(Interface { name: name.to_string(), addresses: Vec::new() });
            current_if = Some(info.machine.interfaces.len() - 1);
        } else if let Some(addr) = t.strip_prefix("inet ").or_else(|| t.strip_prefix("inet6 ")) {
            if let (Some(k), Some(a)) = (current_if, addr.split_whitespace().next()) {
                info.machine.interfaces[k].addresses.push(a.to_string());
            }
        }
        read_proxy_line(head, i, &mut info.proxy, &mut info.secrets);
    }
    info.proxy.configured = info.proxy.http_proxy.is_some() || info.proxy.https_proxy.is_some();

    // nslookup's first `Server:` line names the DNS server.
    info.machine.dns_server = memchr::memmem::find_iter(text.as_bytes(), b"Server:").find_map(|at| {
        let value = text[at + 7..].split(['\n', '\r']).next()?.trim();
        value.parse::<std::net::IpAddr>().is_ok().then(|| value.to_string())
    });
    // The script names itself in shell messages (`./Check_Backup_NW_Linux_ver1.6.sh: line 29: ...`).
    info.machine.script = memchr::memmem::find_iter(text.as_bytes(), b"Check_").find_map(|at| {
        let name: String = text[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || "_.-".contains(*c)).collect();
        (name.contains("_NW") && (name.ends_with(".sh") || name.ends_with(".ps1"))).then_some(name)
    });

    if let Some((host, stamp)) = source.and_then(name_parts) {
        info.host.get_or_insert(host);
        info.run_at.get_or_insert(stamp);
    }
    info
}

/// `CheckNWResult_<host>_<YYYYMMDDHHMM>.log` → host and `YYYY-MM-DD HH:MM`.
fn name_parts(source: &str) -> Option<(String, String)> {
    let name = source.rsplit(['/', '\\']).next()?;
    let rest = name.strip_prefix("CheckNWResult_")?;
    let stem = rest.split('.').next()?;
    let (host, stamp) = stem.rsplit_once('_')?;
    if stamp.len() != 12 || !stamp.bytes().all(|b| b.is_ascii_digit()) || host.is_empty() {
        return None;
    }
    let s = stamp;
    Some((host.to_string(), format!("{}-{}-{} {}:{}", &s[0..4], &s[4..6], &s[6..8], &s[8..10], &s[10..12])))
}

fn between<'a>(line: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = line.find(start)? + start.len();
    let to = line[from..].rfind(end)? + from;
    let v = line[from..to].trim();
    (!v.is_empty()).then_some(v)
}

/// `Name: value` with any spacing; `None` when the value is empty.
fn field<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(name)?.trim_start().strip_prefix(':')?.trim();
    (!rest.is_empty()).then_some(rest)
}

/// `2: eth0: <BROADCAST,...>` → `eth0` (also `eth0@if5`).
fn interface_header(line: &str) -> Option<&str> {
    let (num, rest) = line.split_once(": ")?;
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (name, flags) = rest.split_once(": ")?;
    flags.starts_with('<').then(|| name.split('@').next().unwrap_or(name))
}

/// Which proxy variable a label line names.
fn proxy_label(line: &str) -> Option<(bool, &str)> {
    let t = line.trim().trim_start_matches(['#', ' ', '$']).trim_start_matches("echo ").trim_start_matches('$');
    let lower = t.get(..11).map(str::to_ascii_lowercase);
    if lower.as_deref() == Some("https_proxy") {
        return Some((true, &t[11..]));
    }
    let lower = t.get(..10).map(str::to_ascii_lowercase);
    if lower.as_deref() == Some("http_proxy") {
        return Some((false, &t[10..]));
    }
    None
}

fn looks_like_proxy_value(v: &str) -> bool {
    !v.is_empty()
        && !v.contains(char::is_whitespace)
        && (v.contains("://")
            || v.rsplit_once(':').is_some_and(|(_, p)| p.trim_end_matches('/').parse::<u16>().is_ok()))
}

fn read_proxy_line(lines: &[&str], i: usize, proxy: &mut Proxy, secrets: &mut Vec<String>) {
    let Some((https, after)) = proxy_label(lines[i]) else { return };
    let span = proxy.lines.get_or_insert([i + 1, i + 1]);
    span[1] = span[1].max(i + 2).min(lines.len());
    let after = after.trim().trim_start_matches(['=', ':']).trim().trim_matches(['"', '\'']);
    let value = if looks_like_proxy_value(after) {
        Some(after.to_string())
    } else {
        // The value is on the next line; a blank line means "not set".
        lines
            .get(i + 1)
            .map(|l| l.trim())
            .filter(|v| !v.is_empty() && proxy_label(v).is_none() && !v.starts_with('#') && !v.starts_with("===="))
            .map(str::to_string)
    };
    let Some(value) = value else { return };
    let (masked, creds) = mask_userinfo(&value);
    proxy.credentials_in_url |= creds;
    if creds {
        secrets.push(value.clone());
    }
    let slot = if https { &mut proxy.https_proxy } else { &mut proxy.http_proxy };
    slot.get_or_insert(masked.into_owned());
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "\
#### 環境情報確認 ####
## 実行しているマシンのホスト名はrhel88-db01です。
## 実行日次は2024年  3月 15日 金曜日 10:22:31 JSTです。
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
    inet 10.0.0.4/24 brd 10.0.0.255 scope global noprefixroute eth0
    inet6 fe80::20d:3aff:fe65:db2c/64 scope link noprefixroute
  Operating System: Red Hat Enterprise Linux 8.8 (Ootpa)
            Kernel: Linux 4.18.0-477.27.1.el8_8.x86_64
    Virtualization: microsoft
##プロキシ設定状態(空白場合は場合は結果無し)
http_proxy コマンドの結果

https_proxy コマンドの結果
http://svc:S3cret@10.0.0.100:8080
#### 環境情報確認終了 ####";

    #[test]
    fn reads_the_machine_part() {
        let lines: Vec<&str> = HEAD.lines().collect();
        let info = read(&lines, HEAD, Some("CheckNWResult_vm_202403151022.log"));
        assert_eq!(info.host.as_deref(), Some("rhel88-db01"));
        assert_eq!(info.run_at.as_deref(), Some("2024年 3月 15日 金曜日 10:22:31 JST"));
        assert_eq!(info.machine.os.as_deref(), Some("Red Hat Enterprise Linux 8.8 (Ootpa)"));
        assert_eq!(info.machine.virtualization.as_deref(), Some("microsoft"));
        assert_eq!(
            info.machine.interfaces,
            vec![Interface {
                name: "eth0".into(),
                addresses: vec!["10.0.0.4/24".into(), "fe80::20d:3aff:fe65:db2c/64".into()]
            }]
        );
        assert_eq!(info.proxy.http_proxy, None);
        assert_eq!(info.proxy.https_proxy.as_deref(), Some("http://svc:***@10.0.0.100:8080"));
        assert!(info.proxy.configured && info.proxy.credentials_in_url);
    }

    #[test]
    fn blank_proxy_lines_mean_no_proxy() {
        let lines = ["http_proxy コマンドの結果", "", "https_proxy コマンドの結果", "", "#### 環境情報確認終了 ####"];
        let info = read(&lines, "", None);
        assert!(!info.proxy.configured && info.proxy.http_proxy.is_none() && info.proxy.https_proxy.is_none());
    }

    #[test]
    fn inline_proxy_values() {
        let lines = ["http_proxy=http://proxy.local:3128", "HTTPS_PROXY: proxy.local:3128"];
        let info = read(&lines, "", None);
        assert_eq!(info.proxy.http_proxy.as_deref(), Some("http://proxy.local:3128"));
        assert_eq!(info.proxy.https_proxy.as_deref(), Some("proxy.local:3128"));
        assert!(!info.proxy.credentials_in_url);
    }

    #[test]
    fn host_and_date_from_the_file_name() {
        let info = read(&[], "", Some("/tmp/CheckNWResult_VM-HANA_202208201845.log"));
        assert_eq!(info.host.as_deref(), Some("VM-HANA"));
        assert_eq!(info.run_at.as_deref(), Some("2022-08-20 18:45"));
    }
}
