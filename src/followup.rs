//! Follow-up checks for one vault: the commands that test the destinations
//! of the vault's own region (the support team's script tests example
//! names of Japan East and West), for the machine's OS, the scenario, the
//! proxy in use and the vault's private endpoints.
//!
//! Pure: a [`Plan`] in, [`Step`]s (one destination, why it matters, its
//! commands) or the text to copy out. The names come from the tables of
//! [`knowledge`]; private endpoints come from the text of the support
//! blog's `PrivateIP.ps1` or of the portal's DNS configuration list
//! ([`parse_private_endpoints`]).

pub mod merge;

use crate::analyzer::knowledge::{self, FollowUpTarget, Region};
use crate::analyzer::model::Service;
use crate::explain::Lang;

use std::fmt::Write as _;
use std::net::Ipv4Addr;

/// The machine's operating system: which tools the commands use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Os {
    Linux,
    Windows,
}

impl Os {
    pub const ALL: [Os; 2] = [Os::Linux, Os::Windows];

    pub fn id(self) -> &'static str {
        match self {
            Os::Linux => "linux",
            Os::Windows => "windows",
        }
    }

    pub fn from_id(id: &str) -> Option<Os> {
        Os::ALL.into_iter().find(|o| o.id().eq_ignore_ascii_case(id.trim()))
    }

    pub fn label(self) -> &'static str {
        match self {
            Os::Linux => "Linux",
            Os::Windows => "Windows",
        }
    }
}

/// What the vault protects on this machine: which destinations matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scenario {
    /// Azure VM backup, with file recovery (item-level restore) on this machine.
    VmBackup,
    /// The MARS agent (files and folders).
    Mars,
    /// SQL Server or SAP HANA in an Azure VM.
    Workload,
    /// Azure Site Recovery replication.
    SiteRecovery,
}

impl Scenario {
    pub const ALL: [Scenario; 4] = [Scenario::VmBackup, Scenario::Mars, Scenario::Workload, Scenario::SiteRecovery];

    pub fn id(self) -> &'static str {
        match self {
            Scenario::VmBackup => "vm-backup",
            Scenario::Mars => "mars",
            Scenario::Workload => "workload",
            Scenario::SiteRecovery => "site-recovery",
        }
    }

    pub fn from_id(id: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.id().eq_ignore_ascii_case(id.trim()))
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Scenario::VmBackup => {
                lang.pick("Azure VM バックアップ (ファイルの回復)", "Azure VM backup (file recovery)")
            }
            Scenario::Mars => lang.pick("MARS エージェント", "MARS agent"),
            Scenario::Workload => {
                lang.pick("SQL Server / SAP HANA (VM 内のワークロード)", "SQL Server / SAP HANA in a VM")
            }
            Scenario::SiteRecovery => "Azure Site Recovery",
        }
    }

    /// The destinations the scenario needs, by service, in the order checked.
    fn targets(self) -> &'static [(Service, &'static [FollowUpTarget])] {
        match self {
            // A VM's backup itself needs no destination of the guest; its
            // file recovery does.
            Scenario::VmBackup => &[(Service::FileRecovery, knowledge::FILE_RECOVERY_TARGETS)],
            Scenario::Mars | Scenario::Workload => &[
                (Service::Backup, knowledge::BACKUP_TARGETS),
                (Service::Storage, knowledge::STORAGE_TARGETS),
                (Service::EntraId, knowledge::ENTRA_ID_TARGETS),
            ],
            Scenario::SiteRecovery => SITE_RECOVERY,
        }
    }
}

/// Site Recovery: its service, the first example Storage account (a cache
/// storage account is the customer's own) and Entra ID's sign-in name.
const SITE_RECOVERY: &[(Service, &[FollowUpTarget])] = &[
    (Service::SiteRecovery, knowledge::SITE_RECOVERY_TARGETS),
    (Service::Storage, knowledge::STORAGE_TARGETS.split_at(1).0),
    (Service::EntraId, knowledge::ENTRA_ID_TARGETS.split_at(1).0),
];

/// A private endpoint's DNS record: the name the machine must resolve, and
/// the private address it must resolve to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateEndpoint {
    pub fqdn: String,
    pub address: Ipv4Addr,
}

/// What the follow-up checks are for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub region: &'static Region,
    pub os: Os,
    pub scenario: Scenario,
    /// The proxy the machine uses (`http://host:port`), checked by [`proxy_url`].
    pub proxy: Option<String>,
    pub private_endpoints: Vec<PrivateEndpoint>,
}

/// Why a destination is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Why {
    FileRecoveryDownload,
    FileRecoveryIscsi,
    Backup,
    Storage,
    /// Storage for Site Recovery: the cache storage account.
    CacheStorage,
    EntraId,
    SiteRecovery,
    /// A record of the vault's private endpoint, checked by name.
    PrivateEndpointName,
    /// The same endpoint checked by its address.
    PrivateEndpointAddress,
}

impl Why {
    /// One line saying why the destination matters.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Why::FileRecoveryDownload => lang.pick(
                "ファイルの回復: 回復スクリプトは download.microsoft.com (HTTPS 443、サービス タグ AzureFrontDoor.FirstParty) から部品を取得します。",
                "File recovery: the recovery script fetches its parts from download.microsoft.com (HTTPS 443, service tag AzureFrontDoor.FirstParty).",
            ),
            Why::FileRecoveryIscsi => lang.pick(
                "ファイルの回復: 回復ポイントはこのリージョンの回復サービスから iSCSI (TCP 3260、サービス タグ AzureBackup) でマウントされます。プロキシを通らないことがあるため、直接の経路を確認します。",
                "File recovery: the recovery point is mounted over iSCSI from this region's recovery service (TCP 3260, service tag AzureBackup); proxies may not carry it, so test the direct path.",
            ),
            Why::Backup => lang.pick(
                "Azure Backup: コンテナーのリージョンのサービス (HTTPS 443、サービス タグ AzureBackup)。登録、バックアップ、復元の要求先です。",
                "Azure Backup: the service of the vault's region (HTTPS 443, service tag AzureBackup), where registration, backup and restore requests go.",
            ),
            Why::Storage => lang.pick(
                "Azure Storage (HTTPS 443、サービス タグ Storage): バックアップ データとメッセージの送り先です。コンテナー専用のアカウント名は公開されないため、例のアカウントで Storage への経路を確かめます。",
                "Azure Storage (HTTPS 443, service tag Storage): where backup data and messages go. The vault's own accounts have no public name, so an example account tests the path to Storage.",
            ),
            Why::CacheStorage => lang.pick(
                "Azure Storage (HTTPS 443、サービス タグ Storage): レプリケートされる書き込みはソース リージョンのキャッシュ ストレージ アカウントに送られます。例のアカウント名をそのアカウント名 (<名前>.blob.core.windows.net) に置き換えると確実です。",
                "Azure Storage (HTTPS 443, service tag Storage): replicated writes go to the cache storage account of the source region; put that account's name (<name>.blob.core.windows.net) in place of the example to be sure.",
            ),
            Why::EntraId => lang.pick(
                "Microsoft Entra ID (HTTPS 443、サービス タグ AzureActiveDirectory): エージェントのサインイン先です。プライベート エンドポイントはありません。",
                "Microsoft Entra ID (HTTPS 443, service tag AzureActiveDirectory): where the agent signs in; it has no private endpoint.",
            ),
            Why::SiteRecovery => lang.pick(
                "Azure Site Recovery: リージョンのサービス (HTTPS 443、サービス タグ AzureSiteRecovery)。レプリケーションとその制御に使われます。",
                "Azure Site Recovery: the region's service (HTTPS 443, service tag AzureSiteRecovery), used for replication and its control.",
            ),
            Why::PrivateEndpointName => lang.pick(
                "プライベート エンドポイント: 貼り付けた一覧のレコードです。一覧のプライベート アドレスに解決され、TCP 443 と HTTPS が応答する必要があります。",
                "Private endpoint: a record from the list you pasted; it must resolve to the list's private address, and TCP 443 and HTTPS must answer.",
            ),
            Why::PrivateEndpointAddress => lang.pick(
                "同じプライベート エンドポイントをアドレスで確認します。HTTPS の証明書の名前の不一致は、TCP と TLS が届いた印です。",
                "The same private endpoint by its address; a certificate name mismatch on HTTPS here still means TCP and TLS reached it.",
            ),
        }
    }
}

/// One destination and the commands that check it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub service: Service,
    /// The name (or, for a private endpoint's address, the address) checked.
    pub target: String,
    pub port: u16,
    pub why: Why,
    pub commands: Vec<String>,
}

/// Why a proxy value cannot be used in a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyError {
    /// It holds a space, a quote or a character a shell would act on.
    UnsafeCharacters,
    /// It names no host.
    NoHost,
}

/// A proxy value as a URL fit for a command line: `host:port` gets
/// `http://`; characters a shell or PowerShell would act on are refused
/// (the commands are pasted into one).
pub fn proxy_url(value: &str) -> Result<String, ProxyError> {
    let v = value.trim();
    if v.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'`$;|&<>(){}[]\\!*?^,".contains(c)) {
        return Err(ProxyError::UnsafeCharacters);
    }
    let rest = v.split_once("://").map_or(v, |(_, r)| r);
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let host = host.split(['/', ':']).next().unwrap_or("");
    if host.is_empty() {
        return Err(ProxyError::NoHost);
    }
    Ok(if v.contains("://") { v.to_string() } else { format!("http://{v}") })
}

/// The proxy URL without its user information, and whether it had any.
fn without_userinfo(url: &str) -> (String, bool) {
    let Some((scheme, rest)) = url.split_once("://") else { return (url.to_string(), false) };
    let end = rest.find('/').unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => (format!("{scheme}://{}", &rest[at + 1..]), true),
        None => (url.to_string(), false),
    }
}

/// A name of the vault's region: `{geo}` replaced by its geo code.
fn region_name(template: &str, region: &Region) -> String {
    template.replace("{geo}", region.code)
}

fn why_of(scenario: Scenario, service: Service, port: u16) -> Why {
    match service {
        Service::Storage if scenario == Scenario::SiteRecovery => Why::CacheStorage,
        Service::FileRecovery if port == 3260 => Why::FileRecoveryIscsi,
        Service::FileRecovery => Why::FileRecoveryDownload,
        Service::Backup => Why::Backup,
        Service::Storage => Why::Storage,
        Service::EntraId => Why::EntraId,
        Service::SiteRecovery | Service::Other => Why::SiteRecovery,
    }
}

/// The commands for one destination: name resolution by name only, TCP on
/// the port, and an HTTPS request when the port is HTTPS's.
fn commands_for(plan: &Plan, target: &str, port: u16, resolve: bool, https: bool) -> Vec<String> {
    let mut out = Vec::new();
    match plan.os {
        Os::Linux => {
            if resolve {
                out.push(format!("nslookup {target}"));
            }
            out.push(format!("nc -vz {target} {port}"));
            if https {
                match &plan.proxy {
                    Some(proxy) => out.push(format!("curl -I --proxy {proxy} https://{target}")),
                    None => out.push(format!("curl -I https://{target}")),
                }
            }
        }
        Os::Windows => {
            if resolve {
                out.push(format!("Resolve-DnsName {target}"));
            }
            out.push(format!("Test-NetConnection {target} -Port {port}"));
            if https {
                let mut c = format!("Invoke-WebRequest https://{target} -UseBasicParsing");
                if let Some(proxy) = &plan.proxy {
                    // PowerShell takes the proxy's credentials apart from its URL.
                    let (url, had_user) = without_userinfo(proxy);
                    let _ = write!(c, " -Proxy {url}");
                    if had_user {
                        c.push_str(" -ProxyCredential (Get-Credential)");
                    }
                }
                out.push(c);
            }
        }
    }
    out
}

/// The destinations of the plan and their commands, in the order to run them.
///
/// The region's public names come from the knowledge tables. Private
/// endpoints are checked by name and by address; when one belongs to Azure
/// Backup (or Storage), the public names of that service are left out:
/// with a private endpoint they are not the path the machine uses.
/// Microsoft Entra ID, which has no private endpoint, stays public.
pub fn steps(plan: &Plan) -> Vec<Step> {
    let private_services: Vec<Service> =
        plan.private_endpoints.iter().filter_map(|pe| knowledge::service_of(&pe.fqdn)).collect();
    let mut steps = Vec::new();
    for &(service, targets) in plan.scenario.targets() {
        let replaced = matches!(service, Service::Backup | Service::Storage) && private_services.contains(&service);
        if replaced {
            continue;
        }
        for target in targets {
            let name = region_name(target.name, plan.region);
            let commands = commands_for(plan, &name, target.port, true, target.https);
            steps.push(Step {
                service,
                target: name,
                port: target.port,
                why: why_of(plan.scenario, service, target.port),
                commands,
            });
        }
    }
    for pe in &plan.private_endpoints {
        let service = knowledge::service_of(&pe.fqdn).unwrap_or(Service::Other);
        let commands = commands_for(plan, &pe.fqdn, 443, true, true);
        steps.push(Step { service, target: pe.fqdn.clone(), port: 443, why: Why::PrivateEndpointName, commands });
        let address = pe.address.to_string();
        let commands = commands_for(plan, &address, 443, false, true);
        steps.push(Step { service, target: address, port: 443, why: Why::PrivateEndpointAddress, commands });
    }
    steps
}

/// The follow-up checks as one text to copy: comment lines (the plan, then
/// why each group of destinations matters) and the commands, a blank line
/// between destinations. The comments
/// start with `#`, which both shells and PowerShell ignore.
pub fn script(plan: &Plan, lang: Lang) -> String {
    let mut out = String::new();
    let region = lang.pick(plan.region.display_ja, plan.region.display);
    let _ = writeln!(
        out,
        "# nwcheck {}: {region} ({}, {} {}), {}, {}",
        lang.pick("追加確認", "follow-up checks"),
        plan.region.name,
        lang.pick("geo コード", "geo code"),
        plan.region.code,
        plan.os.label(),
        plan.scenario.label(lang),
    );
    if let Some(proxy) = &plan.proxy {
        let (url, _) = without_userinfo(proxy);
        let _ = writeln!(out, "# {}: {url}", lang.pick("プロキシ", "proxy"));
    }
    let _ = writeln!(
        out,
        "# {}",
        lang.pick(
            "1 行ずつ実行し、表示されたもの (コマンドと出力) をすべてコピーして nwcheck に貼り付けてください。",
            "Run each line and copy everything shown (commands and output) back into nwcheck."
        )
    );
    let mut last_why = None;
    for step in steps(plan) {
        // The reason once for the destinations that share it.
        if last_why != Some(step.why) {
            let _ = writeln!(out, "\n# {}", step.why.text(lang));
            last_why = Some(step.why);
        } else {
            out.push('\n');
        }
        for c in &step.commands {
            let _ = writeln!(out, "{c}");
        }
    }
    out
}

/// The private endpoints in a pasted text: the output of the support
/// blog's `PrivateIP.ps1` (`name  zone  address` per line), the portal's
/// DNS configuration list (`FQDN  address`, cells split by tabs, spaces,
/// commas or `|`), a hosts file (`address name`) or a mix. A line gives a
/// record when it holds a host name and an IPv4 address; other lines
/// (headings, blank lines, notes) are skipped. A `PrivateIP.ps1` record
/// name without dots is joined to the zone after it. An Azure Backup name
/// from the portal, which shows it without `privatelink.`, gets it back
/// (`x.eus.backup.windowsazure.com` → `x.privatelink.eus.backup.windowsazure.com`):
/// that is the name the agent resolves. Each name is kept once.
pub fn parse_private_endpoints(text: &str) -> Vec<PrivateEndpoint> {
    let mut out: Vec<PrivateEndpoint> = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | ';'))
            .map(|w| w.trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | '[' | ']' | '(' | ')' | '{' | '}')))
            .filter(|w| !w.is_empty())
            .collect();
        let Some(address) = cells.iter().find_map(|w| w.parse::<Ipv4Addr>().ok()) else { continue };
        let mut name: Option<String> = None;
        for (i, w) in cells.iter().enumerate() {
            if !is_host_word(w) || w.parse::<Ipv4Addr>().is_ok() {
                continue;
            }
            if w.contains('.') {
                name = Some(w.trim_end_matches('.').to_ascii_lowercase());
                break;
            }
            // A record name without dots: joined to the zone that follows.
            if let Some(zone) = cells.get(i + 1).filter(|z| is_host_word(z) && z.contains('.')) {
                let zone = zone.trim_end_matches('.').to_ascii_lowercase();
                if zone.starts_with("privatelink.") {
                    name = Some(format!("{}.{zone}", w.to_ascii_lowercase()));
                    break;
                }
            }
        }
        let Some(name) = name.filter(|n| n.split('.').all(|l| !l.is_empty())) else { continue };
        let name = with_privatelink(name);
        if !out.iter().any(|pe| pe.fqdn == name) {
            out.push(PrivateEndpoint { fqdn: name, address });
        }
    }
    out
}

/// A word made only of the characters of a host name, with a letter.
fn is_host_word(w: &str) -> bool {
    w.len() <= 253
        && w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && w.bytes().any(|b| b.is_ascii_alphabetic())
        && !w.starts_with(['-', '.'])
}

/// An Azure Backup name with its `privatelink.` label put back before the geo code.
fn with_privatelink(name: String) -> String {
    if name.contains(".privatelink.") || knowledge::service_of(&name) != Some(Service::Backup) {
        return name;
    }
    let Some(code) = knowledge::geo_code_of(&name) else { return name };
    let marker = format!(".{code}.backup.");
    match name.rfind(&marker) {
        Some(at) => format!("{}.privatelink{}", &name[..at], &name[at..]),
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(region: &str, os: Os, scenario: Scenario) -> Plan {
        Plan {
            region: knowledge::region_by_name(region).expect("region"),
            os,
            scenario,
            proxy: None,
            private_endpoints: Vec::new(),
        }
    }

    #[test]
    fn file_recovery_in_west_central_us_on_linux() {
        let steps = steps(&plan("westcentralus", Os::Linux, Scenario::VmBackup));
        let commands: Vec<&str> = steps.iter().flat_map(|s| s.commands.iter().map(String::as_str)).collect();
        assert_eq!(
            commands,
            [
                "nslookup download.microsoft.com",
                "nc -vz download.microsoft.com 443",
                "curl -I https://download.microsoft.com",
                "nslookup pod01-rec2.wcus.backup.windowsazure.com",
                "nc -vz pod01-rec2.wcus.backup.windowsazure.com 3260",
            ]
        );
        assert_eq!(steps[1].why, Why::FileRecoveryIscsi);
        assert_eq!(steps[1].service, Service::FileRecovery);
    }

    #[test]
    fn windows_commands_with_a_proxy() {
        let mut p = plan("eastus2", Os::Windows, Scenario::SiteRecovery);
        p.proxy = Some(proxy_url("10.0.0.10:8080").expect("proxy"));
        let steps = steps(&p);
        assert_eq!(steps[0].target, "pod01-rcm1.eus2.hypervrecoverymanager.windowsazure.com");
        assert_eq!(
            steps[0].commands,
            [
                "Resolve-DnsName pod01-rcm1.eus2.hypervrecoverymanager.windowsazure.com",
                "Test-NetConnection pod01-rcm1.eus2.hypervrecoverymanager.windowsazure.com -Port 443",
                "Invoke-WebRequest https://pod01-rcm1.eus2.hypervrecoverymanager.windowsazure.com -UseBasicParsing -Proxy http://10.0.0.10:8080",
            ]
        );
        assert_eq!(
            steps.iter().map(|s| s.service).collect::<Vec<_>>(),
            [Service::SiteRecovery, Service::Storage, Service::EntraId]
        );
    }

    #[test]
    fn proxy_credentials_stay_out_of_the_powershell_url() {
        let mut p = plan("japaneast", Os::Windows, Scenario::Mars);
        p.proxy = Some(proxy_url("http://user:pa%40ss@proxy.example:3128").expect("proxy"));
        let steps = steps(&p);
        assert_eq!(
            steps[0].commands[2],
            "Invoke-WebRequest https://pod01-manag1.jpe.backup.windowsazure.com -UseBasicParsing -Proxy http://proxy.example:3128 -ProxyCredential (Get-Credential)"
        );
        assert!(!script(&p, Lang::En).contains("pa%40ss"));
    }

    #[test]
    fn proxy_values_a_shell_would_act_on_are_refused() {
        assert_eq!(proxy_url(" proxy.local:8080 ").as_deref(), Ok("http://proxy.local:8080"));
        assert_eq!(proxy_url("https://10.1.2.3:443").as_deref(), Ok("https://10.1.2.3:443"));
        assert_eq!(proxy_url("http://p:1; rm -rf /"), Err(ProxyError::UnsafeCharacters));
        assert_eq!(proxy_url("$(id)"), Err(ProxyError::UnsafeCharacters));
        assert_eq!(proxy_url("http://"), Err(ProxyError::NoHost));
        assert_eq!(proxy_url(""), Err(ProxyError::NoHost));
    }

    #[test]
    fn private_endpoints_replace_the_public_backup_names() {
        let mut p = plan("eastus", Os::Linux, Scenario::Workload);
        p.private_endpoints = parse_private_endpoints(
            "5892835050346582250-ab-pod01-fc1  privatelink.eus.backup.windowsazure.com  10.12.0.15\n",
        );
        let steps = steps(&p);
        let targets: Vec<&str> = steps.iter().map(|s| s.target.as_str()).collect();
        assert_eq!(
            targets,
            [
                "ceuswatcab01.blob.core.windows.net",
                "md-dlbrhcw4gn5r.z33.blob.storage.azure.net",
                "login.microsoftonline.com",
                "login.microsoft.com",
                "5892835050346582250-ab-pod01-fc1.privatelink.eus.backup.windowsazure.com",
                "10.12.0.15",
            ]
        );
        assert_eq!(steps[5].commands, ["nc -vz 10.12.0.15 443", "curl -I https://10.12.0.15"]);
        assert_eq!(steps[5].service, Service::Backup);
    }

    #[test]
    fn private_ip_script_output() {
        // PrivateIP.ps1: record name, zone, address; a heading and a rule.
        let text = "Name                                Zone                                        IP\n\
                    ----                                ----                                        --\n\
                    5892835050346582250-ab-pod01-fc1    privatelink.eus.backup.windowsazure.com     10.12.0.15\r\n\
                    5892835050346582250-ab-pod01-prot1  privatelink.eus.backup.windowsazure.com     10.12.0.16\n\
                    abcdeypod01ecs114                   privatelink.blob.core.windows.net           10.12.0.20\n\
                    abcdeypod01ecs114                   privatelink.queue.core.windows.net          10.12.0.21\n\
                    \n";
        let got = parse_private_endpoints(text);
        let names: Vec<(&str, String)> = got.iter().map(|p| (p.fqdn.as_str(), p.address.to_string())).collect();
        assert_eq!(
            names,
            [
                ("5892835050346582250-ab-pod01-fc1.privatelink.eus.backup.windowsazure.com", "10.12.0.15".to_string()),
                (
                    "5892835050346582250-ab-pod01-prot1.privatelink.eus.backup.windowsazure.com",
                    "10.12.0.16".to_string()
                ),
                ("abcdeypod01ecs114.privatelink.blob.core.windows.net", "10.12.0.20".to_string()),
                ("abcdeypod01ecs114.privatelink.queue.core.windows.net", "10.12.0.21".to_string()),
            ]
        );
    }

    #[test]
    fn portal_dns_configuration_list() {
        // Copied from the portal's table: FQDN and addresses in cells, the
        // backup names without `privatelink.`; a hosts-file line too.
        let text = "FQDN\tIP addresses\n\
                    1132794570626989392-ab-pod01-rec2.JPE.backup.windowsazure.com\t10.0.1.7\n\
                    | 1132794570626989392-ab-pod01-id1.jpe.backup.windowsazure.com. | 10.0.1.8, 10.0.1.9 |\n\
                    jpebkpabcd01.blob.core.windows.net,10.0.1.10\n\
                    10.0.1.11 1132794570626989392-ab-pod01-tel1.privatelink.jpe.backup.windowsazure.com\n\
                    10.0.1.12\n\
                    not a record: example.com\n\
                    1132794570626989392-ab-pod01-rec2.jpe.backup.windowsazure.com 10.0.1.99\n";
        let got = parse_private_endpoints(text);
        let names: Vec<(&str, String)> = got.iter().map(|p| (p.fqdn.as_str(), p.address.to_string())).collect();
        assert_eq!(
            names,
            [
                ("1132794570626989392-ab-pod01-rec2.privatelink.jpe.backup.windowsazure.com", "10.0.1.7".to_string()),
                ("1132794570626989392-ab-pod01-id1.privatelink.jpe.backup.windowsazure.com", "10.0.1.8".to_string()),
                ("jpebkpabcd01.blob.core.windows.net", "10.0.1.10".to_string()),
                ("1132794570626989392-ab-pod01-tel1.privatelink.jpe.backup.windowsazure.com", "10.0.1.11".to_string()),
            ]
        );
    }

    #[test]
    fn nothing_to_read_gives_no_endpoints() {
        for text in ["", "\n\n", "FQDN IP", "10.0.0.1", "a..b 10.0.0.1", "-x.example 10.0.0.1", "名前 10.0.0.1"] {
            assert_eq!(parse_private_endpoints(text), [], "{text:?}");
        }
    }

    #[test]
    fn every_public_region_and_scenario_has_commands() {
        for region in knowledge::public_regions() {
            for os in Os::ALL {
                for scenario in Scenario::ALL {
                    let p = Plan { region, os, scenario, proxy: None, private_endpoints: Vec::new() };
                    let s = steps(&p);
                    assert!(!s.is_empty());
                    for step in &s {
                        // Every name built for the region decodes back to it.
                        if step.target.contains(".backup.") || step.target.contains(".hypervrecoverymanager.") {
                            assert_eq!(knowledge::region_of(&step.target).map(|r| r.name), Some(region.name));
                        }
                        assert_eq!(
                            knowledge::service_of(&step.target).unwrap_or(Service::FileRecovery),
                            match step.service {
                                Service::FileRecovery if step.port == 3260 => Service::Backup,
                                s => s,
                            }
                        );
                    }
                }
            }
        }
    }
}
