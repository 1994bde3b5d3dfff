//! What nwcheck knows about Azure: which service a destination belongs to,
//! and which region a geo code names. Kept as data tables so that a new
//! endpoint or region is one line here, never a new `if` elsewhere.

use super::model::Service;

/// The iSCSI port file recovery (ILR) connects to: a TCP check on it tests
/// file recovery whatever the destination.
pub const FILE_RECOVERY_PORT: u16 = 3260;

/// The services the Linux backup script checks in every run, in its order.
pub const BACKUP_SCRIPT_SERVICES: [Service; 4] =
    [Service::FileRecovery, Service::Backup, Service::Storage, Service::EntraId];

/// Text only the Linux scripts' head or name holds (a log cut before its
/// first check is still recognised by it).
pub const LINUX_SCRIPT_HEAD_MARKERS: &[&str] = &["#### 環境情報確認 ####", "環境情報確認終了", "Check_Backup_NW_Linux"];

/// Text only the Windows scripts' PowerShell transcripts hold.
pub const WINDOWS_LOG_MARKERS: &[&str] =
    &["TcpTestSucceeded", "AzureBackup_Check_NW", "Check_Backup_NW_ver", "Windows PowerShell transcript"];

/// How a section heading names a service.
#[derive(Debug, Clone, Copy)]
pub enum Heading {
    /// The heading (lower case) holds this text.
    Within(&'static str),
    /// The heading holds this short word, not inside a longer word.
    Word(&'static str),
    /// The heading holds this text: its blocks are the customer's own
    /// destinations (a private endpoint), named by nothing but their names.
    Reset(&'static str),
}

/// A keyword of section headings and the service it names.
#[derive(Debug, Clone, Copy)]
pub struct SectionKeyword {
    pub heading: Heading,
    pub service: Service,
}

const fn within(key: &'static str, service: Service) -> SectionKeyword {
    SectionKeyword { heading: Heading::Within(key), service }
}

const fn word(key: &'static str, service: Service) -> SectionKeyword {
    SectionKeyword { heading: Heading::Word(key), service }
}

const fn reset(key: &'static str) -> SectionKeyword {
    SectionKeyword { heading: Heading::Reset(key), service: Service::Other }
}

/// Keywords of section headings, in the order they are tried (headings
/// differ between script versions and languages, so they are read by
/// keywords; `format::section_of` reads them).
pub const SECTION_HEADINGS: &[SectionKeyword] = &[
    reset("private endpoint"),
    reset("プライベート エンドポイント"),
    reset("プライベートエンドポイント"),
    reset("privatelink"),
    within("file recovery", Service::FileRecovery),
    within("file-recovery", Service::FileRecovery),
    within("ファイルの回復", Service::FileRecovery),
    within("ファイル回復", Service::FileRecovery),
    within("item level", Service::FileRecovery),
    within("item-level", Service::FileRecovery),
    within("iscsi", Service::FileRecovery),
    within("3260", Service::FileRecovery),
    // The service tag of `download.microsoft.com`, which file recovery downloads from.
    within("azurefrontdoor", Service::FileRecovery),
    within("azure backup", Service::Backup),
    within("azurebackup", Service::Backup),
    within("backup service", Service::Backup),
    within("バックアップ", Service::Backup),
    within("storage", Service::Storage),
    within("ストレージ", Service::Storage),
    within("entra", Service::EntraId),
    within("azure active directory", Service::EntraId),
    within("azureactivedirectory", Service::EntraId),
    within("azure ad", Service::EntraId),
    within("site recovery", Service::SiteRecovery),
    within("siterecovery", Service::SiteRecovery),
    within("hypervrecoverymanager", Service::SiteRecovery),
    word("ilr", Service::FileRecovery),
    word("backup", Service::Backup),
    word("aad", Service::EntraId),
    word("asr", Service::SiteRecovery),
];

/// How a destination's name is matched.
enum Pattern {
    /// The whole name, case-insensitive.
    Exact(&'static str),
    /// The name ends with this suffix (which starts with a dot).
    Suffix(&'static str),
}

/// Destination name → service. The first match wins, so more specific
/// patterns come first.
const SERVICE_TABLE: &[(Pattern, Service)] = &[
    // File recovery (item-level restore) downloads its components here.
    (Pattern::Exact("download.microsoft.com"), Service::FileRecovery),
    // Azure Backup, public and sovereign clouds.
    (Pattern::Suffix(".backup.windowsazure.com"), Service::Backup),
    (Pattern::Suffix(".backup.windowsazure.us"), Service::Backup),
    (Pattern::Suffix(".backup.windowsazure.cn"), Service::Backup),
    (Pattern::Suffix(".backup.windowsazure.de"), Service::Backup),
    // Azure Site Recovery.
    (Pattern::Suffix(".hypervrecoverymanager.windowsazure.com"), Service::SiteRecovery),
    (Pattern::Suffix(".hypervrecoverymanager.windowsazure.us"), Service::SiteRecovery),
    (Pattern::Suffix(".hypervrecoverymanager.windowsazure.cn"), Service::SiteRecovery),
    (Pattern::Suffix(".siterecovery.windowsazure.com"), Service::SiteRecovery),
    // Site Recovery's monitoring and telemetry go through Service Bus.
    (Pattern::Suffix(".servicebus.windows.net"), Service::SiteRecovery),
    // Azure Storage.
    (Pattern::Suffix(".blob.core.windows.net"), Service::Storage),
    (Pattern::Suffix(".queue.core.windows.net"), Service::Storage),
    (Pattern::Suffix(".table.core.windows.net"), Service::Storage),
    (Pattern::Suffix(".file.core.windows.net"), Service::Storage),
    (Pattern::Suffix(".dfs.core.windows.net"), Service::Storage),
    (Pattern::Suffix(".blob.storage.azure.net"), Service::Storage),
    (Pattern::Suffix(".core.usgovcloudapi.net"), Service::Storage),
    (Pattern::Suffix(".core.chinacloudapi.cn"), Service::Storage),
    // Microsoft Entra ID.
    (Pattern::Exact("login.microsoft.com"), Service::EntraId),
    (Pattern::Exact("login.microsoftonline.com"), Service::EntraId),
    (Pattern::Exact("loginex.microsoftonline.com"), Service::EntraId),
    (Pattern::Exact("login.windows.net"), Service::EntraId),
    (Pattern::Exact("graph.windows.net"), Service::EntraId),
    (Pattern::Exact("graph.microsoft.com"), Service::EntraId),
    (Pattern::Exact("login.microsoftonline.us"), Service::EntraId),
    (Pattern::Exact("login.chinacloudapi.cn"), Service::EntraId),
    (Pattern::Exact("login.partner.microsoftonline.cn"), Service::EntraId),
    (Pattern::Suffix(".login.microsoft.com"), Service::EntraId),
    (Pattern::Suffix(".login.microsoftonline.com"), Service::EntraId),
    (Pattern::Suffix(".microsoftonline.com"), Service::EntraId),
    (Pattern::Suffix(".microsoftonline-p.com"), Service::EntraId),
    (Pattern::Suffix(".msauth.net"), Service::EntraId),
    (Pattern::Suffix(".msftauth.net"), Service::EntraId),
    (Pattern::Suffix(".msftidentity.com"), Service::EntraId),
    (Pattern::Suffix(".msidentity.com"), Service::EntraId),
];

/// The service a destination name belongs to, if the table knows it.
pub fn service_of(fqdn: &str) -> Option<Service> {
    let name = fqdn.trim_end_matches('.').to_ascii_lowercase();
    SERVICE_TABLE.iter().find_map(|(pattern, service)| {
        let hit = match pattern {
            Pattern::Exact(exact) => name == *exact,
            Pattern::Suffix(suffix) => name.ends_with(suffix),
        };
        hit.then_some(*service)
    })
}

/// Domains whose label just before them is an Azure Backup geo code.
const GEO_DOMAINS: &[&str] = &[
    ".backup.windowsazure.com",
    ".backup.windowsazure.us",
    ".backup.windowsazure.cn",
    ".backup.windowsazure.de",
    ".hypervrecoverymanager.windowsazure.com",
    ".hypervrecoverymanager.windowsazure.us",
    ".hypervrecoverymanager.windowsazure.cn",
];

/// The geo code in a destination name (`pod01-rec2.jpe.backup.windowsazure.com` → `jpe`).
pub fn geo_code_of(fqdn: &str) -> Option<String> {
    let name = fqdn.trim_end_matches('.').to_ascii_lowercase();
    let domain = GEO_DOMAINS.iter().find(|d| name.ends_with(*d))?;
    let head = &name[..name.len() - domain.len()];
    let code = head.rsplit('.').next()?;
    (!code.is_empty() && head.contains('.')).then(|| code.to_string())
}

/// The region a destination name points at, decoded from its geo code.
pub fn region_of(fqdn: &str) -> Option<&'static Region> {
    let code = geo_code_of(fqdn)?;
    region_by_code(&code)
}

/// One Azure region with its Azure Backup geo code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub code: &'static str,
    /// The region's name as Azure spells it (`japaneast`).
    pub name: &'static str,
    /// The display name in English (`Japan East`).
    pub display: &'static str,
    /// The display name in Japanese, as the Azure portal shows it (`東日本`).
    pub display_ja: &'static str,
}

/// The region a geo code names (case-insensitive).
pub fn region_by_code(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The region with this name (`japaneast`).
pub fn region_by_name(name: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.name.eq_ignore_ascii_case(name))
}

const fn r(code: &'static str, name: &'static str, display: &'static str, display_ja: &'static str) -> Region {
    Region { code, name, display, display_ja }
}

/// Azure Backup geo codes: the 73 public regions, then sovereign and legacy
/// clouds.
pub const REGIONS: &[Region] = &[
    r("acl", "australiacentral", "Australia Central", "オーストラリア中部"),
    r("acl2", "australiacentral2", "Australia Central 2", "オーストラリア中部 2"),
    r("ae", "australiaeast", "Australia East", "オーストラリア東部"),
    r("ase", "australiasoutheast", "Australia Southeast", "オーストラリア南東部"),
    r("aue", "austriaeast", "Austria East", "オーストリア東部"),
    r("bec", "belgiumcentral", "Belgium Central", "ベルギー中部"),
    r("brs", "brazilsouth", "Brazil South", "ブラジル南部"),
    r("bse", "brazilsoutheast", "Brazil Southeast", "ブラジル南東部"),
    r("ccy", "centraluseuap", "Central US EUAP", "米国中部 EUAP"),
    r("clc", "chilecentral", "Chile Central", "チリ中部"),
    r("cnc", "canadacentral", "Canada Central", "カナダ中部"),
    r("cne", "canadaeast", "Canada East", "カナダ東部"),
    r("cus", "centralus", "Central US", "米国中部"),
    r("dke", "denmarkeast", "Denmark East", "デンマーク東部"),
    r("ea", "eastasia", "East Asia", "東アジア"),
    r("ecy", "eastus2euap", "East US 2 EUAP", "米国東部 2 EUAP"),
    r("eus", "eastus", "East US", "米国東部"),
    r("eus2", "eastus2", "East US 2", "米国東部 2"),
    r("eus3", "eastus3", "East US 3", "米国東部 3"),
    r("frc", "francecentral", "France Central", "フランス中部"),
    r("frs", "francesouth", "France South", "フランス南部"),
    r("gn", "germanynorth", "Germany North", "ドイツ北部"),
    r("gwc", "germanywestcentral", "Germany West Central", "ドイツ中西部"),
    r("idc", "indonesiacentral", "Indonesia Central", "インドネシア中部"),
    r("ilc", "israelcentral", "Israel Central", "イスラエル中部"),
    r("iln", "israelnorthwest", "Israel Northwest", "イスラエル北西部"),
    r("inc", "centralindia", "Central India", "インド中部"),
    r("ins", "southindia", "South India", "インド南部"),
    r("insc", "indiasouthcentral", "India South Central", "インド南中部"),
    r("inw", "westindia", "West India", "インド西部"),
    r("itn", "italynorth", "Italy North", "イタリア北部"),
    r("jic", "jioindiacentral", "Jio India Central", "Jio インド中部"),
    r("jiw", "jioindiawest", "Jio India West", "Jio インド西部"),
    r("jpe", "japaneast", "Japan East", "東日本"),
    r("jpw", "japanwest", "Japan West", "西日本"),
    r("krc", "koreacentral", "Korea Central", "韓国中部"),
    r("krs", "koreasouth", "Korea South", "韓国南部"),
    r("mxc", "mexicocentral", "Mexico Central", "メキシコ中部"),
    r("mys", "malaysiasouth", "Malaysia South", "マレーシア南部"),
    r("myw", "malaysiawest", "Malaysia West", "マレーシア西部"),
    r("ncus", "northcentralus", "North Central US", "米国中北部"),
    r("ne", "northeurope", "North Europe", "北ヨーロッパ"),
    r("ne5s", "northeastus5", "Northeast US 5", "米国北東部 5"),
    r("nwe", "norwayeast", "Norway East", "ノルウェー東部"),
    r("nww", "norwaywest", "Norway West", "ノルウェー西部"),
    r("nzn", "newzealandnorth", "New Zealand North", "ニュージーランド北部"),
    r("plc", "polandcentral", "Poland Central", "ポーランド中部"),
    r("qac", "qatarcentral", "Qatar Central", "カタール中部"),
    r("san", "southafricanorth", "South Africa North", "南アフリカ北部"),
    r("saw", "southafricawest", "South Africa West", "南アフリカ西部"),
    r("scus", "southcentralus", "South Central US", "米国中南部"),
    r("sdc", "swedencentral", "Sweden Central", "スウェーデン中部"),
    r("sds", "swedensouth", "Sweden South", "スウェーデン南部"),
    r("sea", "southeastasia", "Southeast Asia", "東南アジア"),
    r("spc", "spaincentral", "Spain Central", "スペイン中部"),
    r("swus", "southwestus", "Southwest US", "米国南西部"),
    r("szn", "switzerlandnorth", "Switzerland North", "スイス北部"),
    r("szw", "switzerlandwest", "Switzerland West", "スイス西部"),
    r("tnw", "taiwannorthwest", "Taiwan Northwest", "台湾北西部"),
    r("twn", "taiwannorth", "Taiwan North", "台湾北部"),
    r("uac", "uaecentral", "UAE Central", "アラブ首長国連邦中部"),
    r("uan", "uaenorth", "UAE North", "アラブ首長国連邦北部"),
    r("uks", "uksouth", "UK South", "英国南部"),
    r("ukw", "ukwest", "UK West", "英国西部"),
    r("usc2", "southcentralus2", "South Central US 2", "米国中南部 2"),
    r("use", "southeastus", "Southeast US", "米国南東部"),
    r("use3", "southeastus3", "Southeast US 3", "米国南東部 3"),
    r("use5", "southeastus5", "Southeast US 5", "米国南東部 5"),
    r("wcus", "westcentralus", "West Central US", "米国中西部"),
    r("we", "westeurope", "West Europe", "西ヨーロッパ"),
    r("wus", "westus", "West US", "米国西部"),
    r("wus2", "westus2", "West US 2", "米国西部 2"),
    r("wus3", "westus3", "West US 3", "米国西部 3"),
    // Sovereign and legacy clouds.
    r("ugv", "usgovvirginia", "USGov Virginia", "US Gov Virginia"),
    r("ugt", "usgovtexas", "USGov Texas", "US Gov Texas"),
    r("uga", "usgovarizona", "USGov Arizona", "US Gov Arizona"),
    r("ugi", "usgoviowa", "USGov Iowa", "US Gov Iowa"),
    r("udc", "usdodcentral", "USDoD Central", "US DoD Central"),
    r("ude", "usdodeast", "USDoD East", "US DoD East"),
    r("bjb", "chinanorth", "China North", "中国北部"),
    r("sha", "chinaeast", "China East", "中国東部"),
    r("bjb2", "chinanorth2", "China North 2", "中国北部 2"),
    r("sha2", "chinaeast2", "China East 2", "中国東部 2"),
    r("bjb3", "chinanorth3", "China North 3", "中国北部 3"),
    r("sha3", "chinaeast3", "China East 3", "中国東部 3"),
    r("gec", "germanycentral", "Germany Central", "ドイツ中部"),
    r("gne", "germanynortheast", "Germany Northeast", "ドイツ北東部"),
];

/// Domains of Microsoft's own services: a redirect from an Azure
/// destination to a host under one of them stays with Microsoft.
const MICROSOFT_DOMAINS: &[&str] = &[
    "microsoft.com",
    "microsoftonline.com",
    "microsoftonline-p.com",
    "microsoftonline.us",
    "microsoftonline.cn",
    "windows.net",
    "windowsazure.com",
    "windowsazure.us",
    "windowsazure.cn",
    "windowsazure.de",
    "azure.com",
    "azure.net",
    "azure.us",
    "azure.cn",
    "azureedge.net",
    "azurefd.net",
    "trafficmanager.net",
    "usgovcloudapi.net",
    "chinacloudapi.cn",
    "live.com",
    "live.net",
    "msauth.net",
    "msftauth.net",
    "msidentity.com",
    "msftidentity.com",
    "office.com",
    "office.net",
    "office365.com",
    "microsoft.us",
    "msft.net",
    "aka.ms",
    "onmicrosoft.com",
    "cloudapp.net",
    "microsoftazure.de",
    "windowsupdate.com",
    "msocsp.com",
    "azure-api.net",
    "bing.com",
    "msn.com",
];

/// Whether `host` (a name, any case, without port) is Microsoft's.
pub fn is_microsoft_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    MICROSOFT_DOMAINS.iter().any(|d| host == *d || host.strip_suffix(d).is_some_and(|head| head.ends_with('.')))
}

/// Words in a `Server` or `Via` header that name a proxy, a security
/// appliance or a generic web server: software that Azure's endpoints never
/// answer with, so an answer carrying one came from something in the path.
/// Lower case; matched as words (`nginx/1.24`, `Apache-Coyote/1.1`).
const FOREIGN_SERVERS: &[&str] = &[
    "squid",
    "zscaler",
    "bluecoat",
    "blue coat",
    "proxysg",
    "fortigate",
    "fortiweb",
    "fortinet",
    "nginx",
    "openresty",
    "apache",
    "httpd",
    "lighttpd",
    "tinyproxy",
    "privoxy",
    "ccproxy",
    "mcafee web gateway",
    "mwg",
    "skyhigh",
    "websense",
    "forcepoint",
    "sophos",
    "cisco",
    "ironport",
    "wsa",
    "palo alto",
    "panweb",
    "pan-os",
    "barracuda",
    "checkpoint",
    "check point",
    "netskope",
    "kerio",
    "symantec",
    "trend micro",
    "iwsva",
    "interscan",
    "webmarshal",
    "untangle",
    "pfsense",
    "sonicwall",
    "watchguard",
    "varnish",
    "haproxy",
    "traefik",
    "caddy",
    "cloudflare",
    "litespeed",
    // Check Point's web server; FortiGate and FortiWeb hide their name so.
    "cpws",
    "xxxxxxxx-xxxxx",
];

/// The known proxy, appliance or generic server a `Server`/`Via` header
/// value names, if any.
pub fn foreign_server(value: &str) -> Option<&'static str> {
    let bytes = value.as_bytes();
    // A name starts a word (nothing alphanumeric before it) and is not the
    // start of a longer word (nothing alphabetic after it): try the names at
    // each word's start only (a header value has a few words), ignoring case.
    let starts = (0..bytes.len()).filter(|&at| at == 0 || !bytes[at - 1].is_ascii_alphanumeric());
    for at in starts {
        let rest = &bytes[at..];
        let first = rest[0].to_ascii_lowercase();
        let hit = FOREIGN_SERVERS.iter().copied().find(|name| {
            let n = name.as_bytes();
            n[0] == first
                && rest.len() >= n.len()
                && rest[..n.len()].eq_ignore_ascii_case(n)
                && !rest.get(n.len()).is_some_and(|c| c.is_ascii_alphabetic())
        });
        if hit.is_some() {
            return hit;
        }
    }
    None
}

/// Destinations that follow-up checks test, per part of the service. In a
/// name, `{geo}` stands for the vault region's geo code. Each entry: name,
/// port, and whether an HTTPS request is part of the check (a port that
/// is not HTTPS, such as iSCSI's 3260, gets DNS and TCP only).
pub struct FollowUpTarget {
    pub name: &'static str,
    pub port: u16,
    pub https: bool,
}

const fn t(name: &'static str, port: u16, https: bool) -> FollowUpTarget {
    FollowUpTarget { name, port, https }
}

/// File recovery: the script's components (HTTPS) and the region's
/// recovery service, mounted over iSCSI on 3260.
pub const FILE_RECOVERY_TARGETS: &[FollowUpTarget] =
    &[t("download.microsoft.com", 443, true), t("pod01-rec2.{geo}.backup.windowsazure.com", 3260, false)];
/// Azure Backup's services of the vault's region (the names the support
/// team's script checks for Japan East, with the region's code).
pub const BACKUP_TARGETS: &[FollowUpTarget] = &[
    t("pod01-manag1.{geo}.backup.windowsazure.com", 443, true),
    t("pod01-prot1.{geo}.backup.windowsazure.com", 443, true),
];
/// Azure Storage: public example accounts (a vault's own accounts have no
/// public name to test); the same as the support team's script.
pub const STORAGE_TARGETS: &[FollowUpTarget] =
    &[t("ceuswatcab01.blob.core.windows.net", 443, true), t("md-dlbrhcw4gn5r.z33.blob.storage.azure.net", 443, true)];
/// Microsoft Entra ID sign-in (it has no private endpoint).
pub const ENTRA_ID_TARGETS: &[FollowUpTarget] =
    &[t("login.microsoftonline.com", 443, true), t("login.microsoft.com", 443, true)];
/// Azure Site Recovery's service of the region.
pub const SITE_RECOVERY_TARGETS: &[FollowUpTarget] =
    &[t("pod01-rcm1.{geo}.hypervrecoverymanager.windowsazure.com", 443, true)];

/// The public cloud's regions (the region table without the sovereign and
/// legacy clouds at its end).
pub fn public_regions() -> &'static [Region] {
    &REGIONS[..PUBLIC_REGIONS]
}

/// How many of [`REGIONS`] are public regions (they come first).
const PUBLIC_REGIONS: usize = 73;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services() {
        let cases = [
            ("pod01-rec2.jpe.backup.windowsazure.com", Some(Service::Backup)),
            ("POD01-MANAG1.JPE.BACKUP.WINDOWSAZURE.COM.", Some(Service::Backup)),
            ("ceuswatcab01.blob.core.windows.net", Some(Service::Storage)),
            ("md-dlbrhcw4gn5r.z33.blob.storage.azure.net", Some(Service::Storage)),
            ("jpebkpwatcaq01.queue.core.windows.net", Some(Service::Storage)),
            ("login.microsoft.com", Some(Service::EntraId)),
            ("loginex.microsoftonline.com", Some(Service::EntraId)),
            ("graph.windows.net", Some(Service::EntraId)),
            ("pod01-srs1.jpe.hypervrecoverymanager.windowsazure.com", Some(Service::SiteRecovery)),
            ("download.microsoft.com", Some(Service::FileRecovery)),
            ("management.azure.com", None),
            ("windows.net", None),
            ("evilblob.core.windows.net", None),
        ];
        for (fqdn, want) in cases {
            assert_eq!(service_of(fqdn), want, "{fqdn}");
        }
    }

    #[test]
    fn regions() {
        let name = |f: &str| region_of(f).map(|r| r.name);
        assert_eq!(name("pod01-rec2.jpe.backup.windowsazure.com"), Some("japaneast"));
        assert_eq!(name("pod01-prot1.JPW.backup.windowsazure.com"), Some("japanwest"));
        assert_eq!(
            name("8354093419137201866-ab-pod01-prot1.privatelink.wcus.backup.windowsazure.com"),
            Some("westcentralus")
        );
        assert_eq!(name("pod01-rcm1.eus2.hypervrecoverymanager.windowsazure.com"), Some("eastus2"));
        assert_eq!(name("pod01-rec2.bjb2.backup.windowsazure.cn"), Some("chinanorth2"));
        assert_eq!(name("pod01-rec2.zzz.backup.windowsazure.com"), None);
        assert_eq!(name("backup.windowsazure.com"), None);
        assert_eq!(name("login.microsoft.com"), None);
    }

    #[test]
    fn table_has_every_public_region_once() {
        let mut codes: Vec<_> = REGIONS.iter().map(|r| r.code).collect();
        codes.sort();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n, "a geo code is listed twice");
        assert_eq!(n, 73 + 14);
        assert_eq!(public_regions().last().map(|r| r.code), Some("wus3"));
        assert!(public_regions().iter().all(|r| !r.name.starts_with("usgov") && !r.name.starts_with("china")));
    }

    #[test]
    fn microsoft_hosts() {
        for host in [
            "login.microsoftonline.com",
            "login.live.com",
            "Login.Microsoft.com.",
            "a.blob.core.windows.net",
            "microsoft.com",
        ] {
            assert!(is_microsoft_host(host), "{host}");
        }
        for host in ["portal.hotel-wifi.example", "notmicrosoft.com", "microsoft.com.evil.example", "10.0.0.1", ""] {
            assert!(!is_microsoft_host(host), "{host}");
        }
    }

    #[test]
    fn foreign_servers_as_words() {
        assert_eq!(foreign_server("squid/5.7"), Some("squid"));
        assert_eq!(foreign_server("1.1 proxy01.contoso.local (squid/5.7)"), Some("squid"));
        assert_eq!(foreign_server("nginx/1.24.0"), Some("nginx"));
        assert_eq!(foreign_server("Apache/2.4.57 (Red Hat Enterprise Linux)"), Some("apache"));
        assert_eq!(foreign_server("Zscaler/6.2"), Some("zscaler"));
        assert_eq!(foreign_server("BlueCoat-Security-Appliance"), Some("bluecoat"));
        for ms in [
            "Microsoft-HTTPAPI/2.0",
            "Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0",
            "Microsoft-IIS/10.0",
            "AkamaiGHost",
        ] {
            assert_eq!(foreign_server(ms), None, "{ms}");
        }
    }
}
