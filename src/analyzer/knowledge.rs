//! What nwcheck knows about Azure: which service a destination belongs to,
//! and which region a geo code names. Kept as data tables so that a new
//! endpoint or region is one line here, never a new `if` elsewhere.

use super::model::Service;

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
}

/// The region a geo code names (case-insensitive).
pub fn region_by_code(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The region with this name (`japaneast`).
pub fn region_by_name(name: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.name.eq_ignore_ascii_case(name))
}

const fn r(code: &'static str, name: &'static str, display: &'static str) -> Region {
    Region { code, name, display }
}

/// Azure Backup geo codes: the 73 public regions, then sovereign and legacy
/// clouds.
pub const REGIONS: &[Region] = &[
    r("acl", "australiacentral", "Australia Central"),
    r("acl2", "australiacentral2", "Australia Central 2"),
    r("ae", "australiaeast", "Australia East"),
    r("ase", "australiasoutheast", "Australia Southeast"),
    r("aue", "austriaeast", "Austria East"),
    r("bec", "belgiumcentral", "Belgium Central"),
    r("brs", "brazilsouth", "Brazil South"),
    r("bse", "brazilsoutheast", "Brazil Southeast"),
    r("ccy", "centraluseuap", "Central US EUAP"),
    r("clc", "chilecentral", "Chile Central"),
    r("cnc", "canadacentral", "Canada Central"),
    r("cne", "canadaeast", "Canada East"),
    r("cus", "centralus", "Central US"),
    r("dke", "denmarkeast", "Denmark East"),
    r("ea", "eastasia", "East Asia"),
    r("ecy", "eastus2euap", "East US 2 EUAP"),
    r("eus", "eastus", "East US"),
    r("eus2", "eastus2", "East US 2"),
    r("eus3", "eastus3", "East US 3"),
    r("frc", "francecentral", "France Central"),
    r("frs", "francesouth", "France South"),
    r("gn", "germanynorth", "Germany North"),
    r("gwc", "germanywestcentral", "Germany West Central"),
    r("idc", "indonesiacentral", "Indonesia Central"),
    r("ilc", "israelcentral", "Israel Central"),
    r("iln", "israelnorthwest", "Israel Northwest"),
    r("inc", "centralindia", "Central India"),
    r("ins", "southindia", "South India"),
    r("insc", "indiasouthcentral", "India South Central"),
    r("inw", "westindia", "West India"),
    r("itn", "italynorth", "Italy North"),
    r("jic", "jioindiacentral", "Jio India Central"),
    r("jiw", "jioindiawest", "Jio India West"),
    r("jpe", "japaneast", "Japan East"),
    r("jpw", "japanwest", "Japan West"),
    r("krc", "koreacentral", "Korea Central"),
    r("krs", "koreasouth", "Korea South"),
    r("mxc", "mexicocentral", "Mexico Central"),
    r("mys", "malaysiasouth", "Malaysia South"),
    r("myw", "malaysiawest", "Malaysia West"),
    r("ncus", "northcentralus", "North Central US"),
    r("ne", "northeurope", "North Europe"),
    r("ne5s", "northeastus5", "Northeast US 5"),
    r("nwe", "norwayeast", "Norway East"),
    r("nww", "norwaywest", "Norway West"),
    r("nzn", "newzealandnorth", "New Zealand North"),
    r("plc", "polandcentral", "Poland Central"),
    r("qac", "qatarcentral", "Qatar Central"),
    r("san", "southafricanorth", "South Africa North"),
    r("saw", "southafricawest", "South Africa West"),
    r("scus", "southcentralus", "South Central US"),
    r("sdc", "swedencentral", "Sweden Central"),
    r("sds", "swedensouth", "Sweden South"),
    r("sea", "southeastasia", "Southeast Asia"),
    r("spc", "spaincentral", "Spain Central"),
    r("swus", "southwestus", "Southwest US"),
    r("szn", "switzerlandnorth", "Switzerland North"),
    r("szw", "switzerlandwest", "Switzerland West"),
    r("tnw", "taiwannorthwest", "Taiwan Northwest"),
    r("twn", "taiwannorth", "Taiwan North"),
    r("uac", "uaecentral", "UAE Central"),
    r("uan", "uaenorth", "UAE North"),
    r("uks", "uksouth", "UK South"),
    r("ukw", "ukwest", "UK West"),
    r("usc2", "southcentralus2", "South Central US 2"),
    r("use", "southeastus", "Southeast US"),
    r("use3", "southeastus3", "Southeast US 3"),
    r("use5", "southeastus5", "Southeast US 5"),
    r("wcus", "westcentralus", "West Central US"),
    r("we", "westeurope", "West Europe"),
    r("wus", "westus", "West US"),
    r("wus2", "westus2", "West US 2"),
    r("wus3", "westus3", "West US 3"),
    // Sovereign and legacy clouds.
    r("ugv", "usgovvirginia", "USGov Virginia"),
    r("ugt", "usgovtexas", "USGov Texas"),
    r("uga", "usgovarizona", "USGov Arizona"),
    r("ugi", "usgoviowa", "USGov Iowa"),
    r("udc", "usdodcentral", "USDoD Central"),
    r("ude", "usdodeast", "USDoD East"),
    r("bjb", "chinanorth", "China North"),
    r("sha", "chinaeast", "China East"),
    r("bjb2", "chinanorth2", "China North 2"),
    r("sha2", "chinaeast2", "China East 2"),
    r("bjb3", "chinanorth3", "China North 3"),
    r("sha3", "chinaeast3", "China East 3"),
    r("gec", "germanycentral", "Germany Central"),
    r("gne", "germanynortheast", "Germany Northeast"),
];

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
    }
}
