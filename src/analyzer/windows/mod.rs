//! The machine and settings part of the Windows scripts' transcripts
//! (`Check_Backup_NW_verX.X.ps1`, `Check_ASR_NW_Windows_A2A_H2A_ver1.0.ps1`):
//! the transcript header, `###hostname`, `###ipconfig` (English and
//! Japanese labels), the WinINet proxy blocks of the current user, `NT
//! Authority\System` and `NT Service\AzureWLBackupPluginSvc`,
//! `ProxySettingsPerUser`, WinHTTP (`netsh winhttp show proxy`, English and
//! Japanese), Site Recovery's `ProxyInfo.conf` (the Windows script's and the
//! Linux script's wording), and the SCHANNEL protocol keys of the TLS
//! section.
//!
//! Pure: reads text. The raw `DefaultConnectionSettings` value (binary
//! printed as text: its NUL bytes are gone after decoding, its other
//! control bytes stay and may even break its line) is read for its flags
//! and any PAC address; stray `-ForegroundColor` / `Yellow` lines of the TLS
//! dump are skipped. The text has been redacted (`redact.rs`) before it is
//! read here: a proxy value with a user and password shows `user:***@host`,
//! and is noted (`credentials_masked`).

use super::model::Interface;
use super::redact;

/// Whose WinINet (Internet Options) settings a block shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account {
    /// The user who ran the script: Invoke-WebRequest in PowerShell 5.1 and
    /// file recovery use these.
    CurrentUser,
    /// `NT Authority\System`: the MARS agent and the workload backup
    /// coordinator use these.
    System,
    /// `NT Service\AzureWLBackupPluginSvc`: the SQL/HANA workload backup plugin.
    PluginService,
}

/// One account's WinINet proxy settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WinInet {
    pub account: Account,
    /// `WinInet Proxy settings not found for ...`: the account has no settings.
    pub not_found: bool,
    /// `ProxyEnable`: `None` when blank.
    pub enable: Option<bool>,
    /// `ProxyServer`, password masked; `None` when blank.
    pub server: Option<String>,
    /// `ProxyOverride`; `None` when blank.
    pub bypass: Option<String>,
    /// From `DefaultConnectionSettings`: "automatically detect settings" is on.
    pub auto_detect: bool,
    /// From `DefaultConnectionSettings`: a PAC script address (password masked).
    pub pac_url: Option<String>,
    /// 0-based line of the block's heading.
    pub line: usize,
}

impl WinInet {
    /// The manual proxy this account uses: `ProxyEnable` 1 and a server.
    pub fn proxy(&self) -> Option<&str> {
        (self.enable == Some(true)).then_some(self.server.as_deref()).flatten()
    }

    /// The proxy may come from a PAC script or auto-detection, which the
    /// log does not show.
    pub fn automatic(&self) -> bool {
        self.auto_detect || self.pac_url.is_some()
    }
}

/// `netsh winhttp show proxy`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WinHttp {
    /// `Direct access (no proxy server).`
    pub direct: bool,
    /// `Proxy Server(s)`, password masked.
    pub server: Option<String>,
    /// `Bypass List`.
    pub bypass: Option<String>,
    /// 0-based line of the `##Check WinHttpProxy` heading.
    pub line: usize,
}

/// Site Recovery's `ProxyInfo.conf`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AsrProxy {
    pub exists: bool,
    /// `Address=`, password masked.
    pub address: Option<String>,
    /// `Port=`.
    pub port: Option<String>,
    /// 0-based line that says whether the file exists.
    pub line: usize,
}

impl AsrProxy {
    /// `address:port`, as the Mobility agent uses it, when an address is set.
    pub fn proxy(&self) -> Option<String> {
        let address = self.address.as_deref().filter(|a| !a.is_empty())?;
        Some(match self.port.as_deref().filter(|p| !p.is_empty()) {
            Some(port) => format!("{address}:{port}"),
            None => address.to_string(),
        })
    }
}

/// The SCHANNEL TLS 1.2 client keys.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tls {
    /// The TLS section was in the log.
    pub dumped: bool,
    /// `TLS 1.2\Client` `Enabled`, when set.
    pub tls12_client_enabled: Option<u32>,
    /// `TLS 1.2\Client` `DisabledByDefault`, when set.
    pub tls12_client_disabled_by_default: Option<u32>,
    /// 0-based line of the value that disables TLS 1.2, or of the section.
    pub line: Option<usize>,
}

impl Tls {
    /// TLS 1.2 is switched off for clients (`Enabled` 0 or `DisabledByDefault` 1).
    pub fn tls12_client_disabled(&self) -> bool {
        self.tls12_client_enabled == Some(0) || self.tls12_client_disabled_by_default == Some(1)
    }
}

/// What the Windows transcript's head, proxy block and TLS section say.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WindowsInfo {
    pub host: Option<String>,
    /// The date on `-----ScriptStart-----`, else the transcript's start time.
    pub run_at: Option<String>,
    /// `Microsoft Windows NT 10.0.20348.0` (PowerShell 5.1's header, whose
    /// labels Japanese Windows may translate: `コンピューター:`) or the
    /// `OS:` line of PowerShell 7's.
    pub os: Option<String>,
    pub ps_version: Option<String>,
    pub interfaces: Vec<Interface>,
    /// `ProxySettingsPerUser`: `Some("")` when the line is there but blank.
    pub proxy_per_user: Option<String>,
    pub wininet: Vec<WinInet>,
    pub winhttp: Option<WinHttp>,
    pub asr_proxy: Option<AsrProxy>,
    pub tls: Tls,
    /// One of the proxy values carries a user and password (masked).
    pub credentials_masked: bool,
    /// First and last 0-based line of the proxy settings.
    pub proxy_lines: Option<[usize; 2]>,
}

impl WindowsInfo {
    /// The WinINet settings of `account`, when the log shows them.
    pub fn wininet(&self, account: Account) -> Option<&WinInet> {
        self.wininet.iter().find(|w| w.account == account)
    }

    /// Whether the Windows version enables TLS 1.2 for clients when the
    /// SCHANNEL keys are absent: Windows 8 / Server 2012 (NT 6.2) and
    /// later do; Windows 7 / Server 2008 R2 (NT 6.1) and earlier do not.
    /// `None` when the version is not in the log.
    pub fn tls12_on_by_default(&self) -> Option<bool> {
        let os = self.os.as_deref()?;
        let version = os.split_whitespace().find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))?;
        let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
        let (major, minor) = (parts.next()??, parts.next().flatten().unwrap_or(0));
        Some((major, minor) >= (6, 2))
    }
}

/// Where in the log a line is, for reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Other,
    Host,
    Ipconfig,
    Proxy,
    WinHttp,
    AsrFile,
    Tls,
}

/// Reads the Windows transcript's machine and settings parts from `text`.
pub fn read(text: &str) -> WindowsInfo {
    let mut info = WindowsInfo::default();
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut part = Part::Other;
    let mut current_if: Option<usize> = None;
    let mut tls = TlsReader::default();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        i += 1;
        let at = i - 1;
        // Markers that start a part.
        if t == "###hostname" {
            part = Part::Host;
            continue;
        }
        if t == "###ipconfig" {
            part = Part::Ipconfig;
            continue;
        }
        if t == "Proxy check" || t == "Listing all proxy settings" {
            part = Part::Proxy;
            info.proxy_lines.get_or_insert([at, at]);
            continue;
        }
        if t.starts_with("##Check WinHttpProxy") {
            part = Part::WinHttp;
            info.winhttp = Some(WinHttp { line: at, ..WinHttp::default() });
            extend(&mut info.proxy_lines, at);
            continue;
        }
        if t.contains("TLS CHECK") && t.starts_with('=') {
            part = Part::Tls;
            info.tls.dumped = true;
            info.tls.line.get_or_insert(at);
            continue;
        }
        if let Some(exists) = asr_file_line(t) {
            let mut asr = AsrProxy { exists, line: at, ..AsrProxy::default() };
            if exists {
                // The file's lines follow (the Linux script prints `ファイル内容:` first).
                let mut k = i;
                while k < lines.len() && k < i + 40 {
                    let f = lines[k].trim();
                    if f.starts_with("===") || f.starts_with("###") || f.starts_with("#TRY!!") || f.starts_with("-----")
                    {
                        break;
                    }
                    if let Some((key, value)) = f.split_once('=') {
                        let value = value.trim();
                        if key.trim().eq_ignore_ascii_case("Address") {
                            asr.address = Some(masked(value, &mut info));
                        } else if key.trim().eq_ignore_ascii_case("Port") {
                            asr.port = Some(value.to_string());
                        }
                    }
                    k += 1;
                }
                i = k;
            }
            extend(&mut info.proxy_lines, i.saturating_sub(1).max(at));
            info.asr_proxy = Some(asr);
            part = Part::AsrFile;
            continue;
        }
        if t.starts_with("#TRY!!") || t.starts_with("Connection check") || t.starts_with("### Check for") {
            part = Part::Other;
        }
        header_line(t, &mut info);
        match part {
            Part::Host => {
                if !t.is_empty() {
                    info.host.get_or_insert_with(|| t.to_string());
                    part = Part::Other;
                }
            }
            Part::Ipconfig => {
                if t.starts_with("----") {
                    part = Part::Other;
                } else {
                    ipconfig_line(line, &mut info.interfaces, &mut current_if);
                }
            }
            Part::Proxy => {
                if t.starts_with("----") {
                    continue;
                }
                if !t.is_empty() {
                    extend(&mut info.proxy_lines, at);
                }
                let used = proxy_line(t, line, &lines[i..], at, &mut info);
                i += used;
            }
            Part::WinHttp => {
                if t.starts_with("----") {
                    part = Part::Other;
                    continue;
                }
                if !t.is_empty() {
                    extend(&mut info.proxy_lines, at);
                }
                winhttp_line(t, &mut info);
            }
            Part::Tls => tls.line(line, at, &mut info.tls),
            Part::AsrFile | Part::Other => {}
        }
    }
    info
}

fn extend(range: &mut Option<[usize; 2]>, at: usize) {
    match range {
        Some(r) => {
            r[0] = r[0].min(at);
            r[1] = r[1].max(at);
        }
        None => *range = Some([at, at]),
    }
}

/// `value`, noting whether it carries a user and password (already
/// masked by the redaction of the whole text).
fn masked(value: &str, info: &mut WindowsInfo) -> String {
    info.credentials_masked |= redact::userinfo(value).is_some();
    value.to_string()
}

/// The transcript header's lines.
fn header_line(t: &str, info: &mut WindowsInfo) {
    if let Some(rest) = t.strip_prefix("-----ScriptStart-----") {
        let date = rest.trim();
        if !date.is_empty() {
            info.run_at = Some(date.to_string());
        }
    } else if let Some(start) = t.strip_prefix("Start time:").or_else(|| t.strip_prefix("開始時刻:")) {
        info.run_at.get_or_insert_with(|| start.trim().to_string());
    } else if let Some(machine) = t.strip_prefix("Machine:").or_else(|| t.strip_prefix("コンピューター:")) {
        // `Machine: HOST (Microsoft Windows NT 10.0.20348.0)`
        let machine = machine.trim();
        if let Some((host, os)) = machine.split_once(" (") {
            info.os.get_or_insert_with(|| os.trim_end_matches(')').to_string());
            if !host.is_empty() && info.host.is_none() {
                info.host = Some(host.to_string());
            }
        }
    } else if let Some(os) = t.strip_prefix("OS:") {
        info.os.get_or_insert_with(|| os.trim().to_string());
    } else if let Some(v) = t.strip_prefix("PSVersion:") {
        info.ps_version.get_or_insert_with(|| v.trim().to_string());
    }
}

/// One line of `ipconfig` (English or Japanese).
fn ipconfig_line(line: &str, interfaces: &mut Vec<Interface>, current: &mut Option<usize>) {
    let t = line.trim();
    if t.is_empty() {
        return;
    }
    if !line.starts_with([' ', '\t']) {
        // `Ethernet adapter Ethernet 2:`, `イーサネット アダプター イーサネット:`.
        if let Some(name) = t.strip_suffix(':').or_else(|| t.strip_suffix('：')) {
            if !name.starts_with("Windows IP") {
                let name =
                    ["Ethernet adapter ", "イーサネット アダプター ", "Wireless LAN adapter ", "Unknown adapter "]
                        .iter()
                        .find_map(|p| name.strip_prefix(p))
                        .unwrap_or(name);
                interfaces.push(Interface { name: name.to_string(), addresses: Vec::new() });
                *current = Some(interfaces.len() - 1);
                return;
            }
        }
        *current = None;
        return;
    }
    let Some(k) = *current else { return };
    // `   IPv4 Address. . . . . . . . . . . : 10.1.0.4`, `   IPv4 アドレス . . . .: 172.16.5.22`
    let Some((label, value)) = t.split_once(": ").or_else(|| t.strip_suffix(':').map(|l| (l, ""))) else {
        return;
    };
    let label = label.trim_end_matches([' ', '.']);
    let value = value.trim();
    let value = value.split('(').next().unwrap_or(value).trim();
    let is_address = label.contains("IPv4") || label.contains("IPv6");
    if is_address && !value.is_empty() && value.parse::<std::net::IpAddr>().is_ok() || is_address && value.contains('%')
    {
        interfaces[k].addresses.push(value.to_string());
    } else if (label.starts_with("Subnet Mask") || label.starts_with("サブネット マスク")) && !value.is_empty()
    {
        // The IPv4 address before it gets its prefix length.
        let Some(prefix) = mask_prefix(value) else { return };
        if let Some(last) = interfaces[k].addresses.iter_mut().rev().find(|a| !a.contains(':') && !a.contains('/')) {
            last.push_str(&format!("/{prefix}"));
        }
    }
}

/// `255.255.255.0` → 24.
fn mask_prefix(mask: &str) -> Option<u32> {
    let ip: std::net::Ipv4Addr = mask.parse().ok()?;
    let bits = u32::from(ip);
    (bits.leading_ones() + bits.trailing_zeros() == 32).then(|| bits.leading_ones())
}

/// One line of the WinINet part; returns how many following lines it took
/// (a `DefaultConnectionSettings` value broken over lines).
fn proxy_line(t: &str, raw_line: &str, next: &[&str], at: usize, info: &mut WindowsInfo) -> usize {
    if let Some(v) = value_of(t, "ProxySettingsPerUser") {
        info.proxy_per_user = Some(v.to_string());
        return 0;
    }
    if let Some(rest) = t.strip_prefix("WinInet settings for ") {
        let account = if rest.starts_with("current user") {
            Account::CurrentUser
        } else if rest.starts_with("NT Authority\\System") || rest.starts_with("NT AUTHORITY\\SYSTEM") {
            Account::System
        } else if rest.starts_with("NT Service\\AzureWLBackupPluginSv") {
            Account::PluginService
        } else {
            return 0;
        };
        info.wininet.push(WinInet {
            account,
            not_found: false,
            enable: None,
            server: None,
            bypass: None,
            auto_detect: false,
            pac_url: None,
            line: at,
        });
        return 0;
    }
    if let Some(rest) = t.strip_prefix("WinInet Proxy settings not found for ") {
        if rest.starts_with("NT Service\\AzureWLBackupPluginSv") {
            match info.wininet.last_mut().filter(|w| w.account == Account::PluginService) {
                Some(w) => w.not_found = true,
                None => info.wininet.push(WinInet {
                    account: Account::PluginService,
                    not_found: true,
                    enable: None,
                    server: None,
                    bypass: None,
                    auto_detect: false,
                    pac_url: None,
                    line: at,
                }),
            }
        }
        return 0;
    }
    if info.wininet.is_empty() {
        return 0;
    }
    let nonblank = |v: &str| (!v.is_empty()).then(|| v.to_string());
    if let Some(v) = value_of(t, "ProxyEnable") {
        let enable = match v {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        };
        if let Some(w) = info.wininet.last_mut() {
            w.enable = enable;
        }
    } else if let Some(v) = value_of(t, "ProxyServer") {
        let server = nonblank(v).map(|s| masked(&s, info));
        if let Some(w) = info.wininet.last_mut() {
            w.server = server;
        }
    } else if let Some(v) = value_of(t, "ProxyOverride") {
        if let Some(w) = info.wininet.last_mut() {
            w.bypass = nonblank(v);
        }
    } else if let Some(v) = raw_line.trim_start().strip_prefix("DefaultConnectionSettings:") {
        // The value may go on over the next lines (its control bytes
        // included a line break), up to the next label.
        let mut raw = v.trim_start_matches(' ').to_string();
        let mut used = 0;
        for l in next.iter().take(8) {
            let lt = l.trim();
            if lt.is_empty()
                || lt.starts_with("SavedLegacySettings")
                || lt.starts_with("WinInet")
                || lt.starts_with("---")
            {
                break;
            }
            raw.push('\n');
            raw.push_str(l);
            used += 1;
        }
        let (auto_detect, pac) = connection_settings(&raw);
        let pac = pac.map(|p| masked(&p, info));
        if let Some(w) = info.wininet.last_mut() {
            w.auto_detect = auto_detect;
            w.pac_url = pac;
        }
        return used;
    } else if t.starts_with("SavedLegacySettings:") {
        // Its value may also run over lines: skip them.
        return next
            .iter()
            .take(8)
            .take_while(|l| {
                let lt = l.trim();
                !(lt.is_empty() || lt.starts_with("WinInet") || lt.starts_with("---") || lt.contains(':'))
            })
            .count();
    }
    0
}

/// The value of `Label: value` / `Label:` (blank).
fn value_of<'a>(t: &'a str, label: &str) -> Option<&'a str> {
    Some(t.strip_prefix(label)?.trim_start().strip_prefix(':')?.trim())
}

/// Reads a `DefaultConnectionSettings` value printed as text: whether
/// auto-detection is on, and the PAC script's address. The value is a
/// version (`F`), a counter, flags (1 direct, 2 manual proxy, 4 PAC, 8
/// auto-detect), then the proxy, the bypass list and the PAC address, each
/// after its length, all little-endian 32-bit numbers; decoding removed the
/// NUL bytes, so the flags are the byte before the first string's length
/// (or the last byte when there is no string), as far as that is certain.
fn connection_settings(raw: &str) -> (bool, Option<String>) {
    let bytes = raw.as_bytes();
    let pac = raw
        .find("http://")
        .or_else(|| raw.find("https://"))
        .or_else(|| raw.find("file://"))
        .map(|at| raw[at..].split(|c: char| c.is_control() || c == ' ').next().unwrap_or("").to_string())
        .filter(|u| u.len() > 8);
    if bytes.first() != Some(&b'F') {
        return (false, pac);
    }
    let flags = if bytes.len() >= 12 && bytes[1..4] == [0, 0, 0] {
        // The NUL bytes are still there: the flags are at their place.
        Some(bytes[8])
    } else {
        // `F`, the counter's non-zero bytes, the flags, then a length
        // before each string that is not empty: the first string is found
        // by its length, and the flags are the byte before that length.
        let body = &bytes[1..];
        let printable = |b: u8| (0x20..0x7f).contains(&b);
        let found = (2..body.len().min(12)).find_map(|p| {
            let len = usize::from(body[p - 1]);
            let run = body[p..].iter().take_while(|&&b| printable(b)).count();
            (printable(body[p]) && len > 0 && run >= len && body[p - 2] < 0x10).then_some(body[p - 2])
        });
        // No string: the counter and the flags only.
        found.or_else(|| {
            body.last().copied().filter(|_| body.len() <= 5 && !body.iter().any(|&b| printable(b) && b != b'$'))
        })
    };
    let auto_detect = flags.is_some_and(|f| f & 0x08 != 0 && f < 0x10);
    (auto_detect, pac)
}

/// `File <path>\ProxyInfo.conf does not exist.` / `File Content of <path> :`
/// (Windows script); `<path>/ProxyInfo.conf が見つかりました。` / `は存在しません。`
/// (Linux script).
fn asr_file_line(t: &str) -> Option<bool> {
    if !t.contains("ProxyInfo.conf") {
        return None;
    }
    if t.ends_with("does not exist.") || t.contains("は存在しません") {
        Some(false)
    } else if t.starts_with("File Content of") || t.contains("が見つかりました") {
        Some(true)
    } else {
        None
    }
}

/// One line of `netsh winhttp show proxy`.
fn winhttp_line(t: &str, info: &mut WindowsInfo) {
    let Some(w) = info.winhttp.as_mut() else { return };
    if t.starts_with("Direct access") || t.starts_with("直接アクセス") {
        w.direct = true;
        return;
    }
    let Some((label, value)) = t.split_once(':').or_else(|| t.split_once('：')) else { return };
    let label = label.trim();
    let value = value.trim();
    if label.starts_with("Proxy Server")
        || label.starts_with("プロキシ サーバー")
        || label.starts_with("Serveur(s) proxy")
    {
        if !value.is_empty() {
            let v = value.to_string();
            let m = masked(&v, info);
            if let Some(w) = info.winhttp.as_mut() {
                w.server = Some(m);
            }
        }
    } else if label.starts_with("Bypass List")
        || label.starts_with("バイパス一覧")
        || label.starts_with("Liste de contournement")
    {
        w.bypass = Some(value.to_string());
    }
}

mod tls;
use tls::TlsReader;

#[cfg(test)]
mod tests;
