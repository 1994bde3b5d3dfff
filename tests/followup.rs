//! Follow-up checks: the commands written for a few regions, OSes and
//! scenarios against golden files (`tests/data/commands/`), and a paste of
//! their output merged into a log's report.
#![cfg(not(target_arch = "wasm32"))]

use nwcheck::analyzer::knowledge;
use nwcheck::analyzer::{CheckKind, FindingId, Overall, Reason, Service, Status};
use nwcheck::explain::Lang;
use nwcheck::followup::{self, merge, Os, Plan, Scenario};

fn data(path: &str) -> String {
    let full = format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn plan(region: &str, os: Os, scenario: Scenario, proxy: Option<&str>, pe: Option<&str>) -> Plan {
    Plan {
        region: knowledge::region_by_name(region).expect("region"),
        os,
        scenario,
        proxy: proxy.map(|p| followup::proxy_url(p).expect("proxy")),
        private_endpoints: pe.map(|f| followup::parse_private_endpoints(&data(f))).unwrap_or_default(),
    }
}

/// The golden cases: file, plan, language. The CLI test (`followup_cli.rs`)
/// writes the same files from the command line.
#[test]
fn commands_match_the_golden_files() {
    let pe = "commands/eastasia-private-endpoints.txt";
    let cases = [
        ("japaneast-linux-vm-backup.en.txt", plan("japaneast", Os::Linux, Scenario::VmBackup, None, None), Lang::En),
        (
            "westus2-windows-mars-proxy.en.txt",
            plan("westus2", Os::Windows, Scenario::Mars, Some("http://10.0.0.10:8080"), None),
            Lang::En,
        ),
        (
            "eastasia-linux-workload-pe.ja.txt",
            plan("eastasia", Os::Linux, Scenario::Workload, None, Some(pe)),
            Lang::Ja,
        ),
        (
            "uksouth-windows-site-recovery.ja.txt",
            plan("uksouth", Os::Windows, Scenario::SiteRecovery, None, None),
            Lang::Ja,
        ),
        (
            "brazilsouth-linux-site-recovery-proxy.en.txt",
            plan("brazilsouth", Os::Linux, Scenario::SiteRecovery, Some("proxy.contoso.local:3128"), None),
            Lang::En,
        ),
        (
            "koreacentral-linux-workload.en.txt",
            plan("koreacentral", Os::Linux, Scenario::Workload, None, None),
            Lang::En,
        ),
    ];
    for (file, plan, lang) in cases {
        let want = data(&format!("commands/{file}"));
        let got = followup::script(&plan, lang);
        assert!(got == want, "{file} differs:\n--- golden\n{want}\n--- written\n{got}");
    }
}

#[test]
fn every_command_of_the_golden_files_is_read_by_the_analyzer() {
    // A Linux script's commands, typed after a prompt, are each one check
    // of the destination and kind the script means.
    let script = data("commands/koreacentral-linux-workload.en.txt");
    let typed: String = script
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| format!("[azureuser@vm01 ~]$ {l}\n(no output)\n"))
        .collect();
    let report = nwcheck::analyze(typed.as_bytes(), None).report;
    let steps = followup::steps(&plan("koreacentral", Os::Linux, Scenario::Workload, None, None));
    let want: Vec<(String, CheckKind, Option<u16>)> = steps
        .iter()
        .flat_map(|s| {
            [
                (s.target.clone(), CheckKind::Dns, None),
                (s.target.clone(), CheckKind::Tcp, Some(s.port)),
                (s.target.clone(), CheckKind::Https, Some(443)),
            ]
        })
        .collect();
    let got: Vec<(String, CheckKind, Option<u16>)> =
        report.checks.iter().map(|c| (c.fqdn.to_string(), c.kind, c.port)).collect();
    assert_eq!(got, want);
}

#[test]
fn a_pasted_follow_up_is_merged_into_the_log() {
    let log_bytes = data("backup-443-timeout.log");
    let log = nwcheck::analyze(log_bytes.as_bytes(), Some("backup-443-timeout.log"));
    assert!(log.report.has(FindingId::RegionSpecificFqdn));
    let paste = data("followup/koreacentral-workload-linux.paste.txt");
    let typed = nwcheck::analyze(paste.as_bytes(), None);
    let region = knowledge::region_by_name("koreacentral");
    let merged = merge::merge(&log.report, &log.text, &typed, Some("paste"), region).expect("merged");
    let r = &merged.report;

    // The log's checks first, unchanged; then the follow-up's 18.
    assert_eq!(r.checks[..log.report.checks.len()], log.report.checks[..]);
    let follow = r.followup.as_ref().expect("follow-up part");
    assert_eq!(follow.first_check, 36);
    assert_eq!(r.checks.len(), 36 + 18);
    assert_eq!(follow.region.as_deref(), Some("koreacentral"));
    assert_eq!(follow.resolved, [FindingId::RegionSpecificFqdn]);
    assert!(!r.has(FindingId::RegionSpecificFqdn));

    // The vault's own Backup names time out, as the example names did.
    let verdicts: Vec<(&str, CheckKind, Status, Reason)> = merge::followup_checks(r)
        .filter(|(_, c)| c.service == Service::Backup)
        .map(|(_, c)| (&*c.fqdn, c.kind, c.status, c.reason))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("pod01-manag1.krc.backup.windowsazure.com", CheckKind::Dns, Status::Ok, Reason::Resolved),
            ("pod01-manag1.krc.backup.windowsazure.com", CheckKind::Tcp, Status::Failed, Reason::Timeout),
            ("pod01-manag1.krc.backup.windowsazure.com", CheckKind::Https, Status::Failed, Reason::Timeout),
            ("pod01-prot1.krc.backup.windowsazure.com", CheckKind::Dns, Status::Ok, Reason::Resolved),
            ("pod01-prot1.krc.backup.windowsazure.com", CheckKind::Tcp, Status::Failed, Reason::Timeout),
            ("pod01-prot1.krc.backup.windowsazure.com", CheckKind::Https, Status::Failed, Reason::Timeout),
        ]
    );
    assert!(merge::followup_checks(r)
        .filter(|(_, c)| c.service != Service::Backup)
        .all(|(_, c)| c.status == Status::Ok));
    let backup = r.findings.iter().find(|f| f.id == FindingId::BackupUnreachable).expect("backup-unreachable");
    assert!(backup.fqdns.iter().any(|f| &**f == "pod01-manag1.krc.backup.windowsazure.com"));
    assert!(backup.fqdns.iter().any(|f| &**f == "pod01-manag1.jpe.backup.windowsazure.com"));
    assert_eq!(r.overall, Overall::Problems);

    // Every check's lines point at its block in the merged text.
    let lines: Vec<&str> = merged.text.lines().collect();
    assert_eq!(lines.len(), r.line_count);
    assert_eq!(lines[follow.first_line - 2], merge::SEPARATOR);
    for c in &r.checks {
        let first = lines[c.lines[0] - 1];
        let name = if c.kind == CheckKind::Dns { "nslookup" } else { &*c.fqdn };
        assert!(first.contains(name), "{:?} starts at {first:?}", c.lines);
        if let (Some(n), Some(e)) = (c.evidence_line, &c.evidence) {
            assert!(lines[n - 1].contains(&**e), "{e:?} not on line {n}");
        }
    }
    // The JSON keeps the log's fields and adds `followup`.
    let json = serde_json::to_value(r).expect("json");
    let plain = serde_json::to_value(&log.report).expect("json");
    for (k, _) in plain.as_object().expect("object") {
        assert!(json.get(k).is_some(), "{k}");
    }
    assert_eq!(plain["followup"], serde_json::Value::Null);
    assert_eq!(json["followup"]["resolved"][0], "region-specific-fqdn");
    assert_eq!(json["followup"]["first_check"], 36);
}

#[test]
fn a_follow_up_of_another_region_leaves_the_caveat() {
    let log_bytes = data("all-ok-ncat-rhel88.log");
    let log = nwcheck::analyze(log_bytes.as_bytes(), None);
    let paste = data("followup/koreacentral-workload-linux.paste.txt");
    let typed = nwcheck::analyze(paste.as_bytes(), None);
    for region in [None, knowledge::region_by_name("westeurope")] {
        let merged = merge::merge(&log.report, &log.text, &typed, None, region).expect("merged");
        assert!(merged.report.has(FindingId::RegionSpecificFqdn));
        assert_eq!(merged.report.followup.as_ref().map(|f| f.resolved.len()), Some(0));
        // The follow-up's failures make the all-OK log's verdict `problems`.
        assert_eq!(merged.report.overall, Overall::Problems);
    }
    // A paste without any command is not merged.
    let none = nwcheck::analyze(b"hello\nworld\n", None);
    assert!(merge::merge(&log.report, &log.text, &none, None, None).is_err());
    // Merging twice keeps the first follow-up's start and its resolution.
    let region = knowledge::region_by_name("koreacentral");
    let once = merge::merge(&log.report, &log.text, &typed, None, region).expect("merged");
    let twice = merge::merge(&once.report, &once.text, &typed, None, None).expect("merged");
    let f = twice.report.followup.as_ref().expect("follow-up");
    assert_eq!(f.first_check, log.report.checks.len());
    assert_eq!(twice.report.checks.len(), log.report.checks.len() + 36);
    assert!(!twice.report.has(FindingId::RegionSpecificFqdn));
    assert_eq!(twice.text.lines().count(), twice.report.line_count);
}

mod arbitrary_input {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any text: the private endpoint reader, the proxy check and the
        /// merge never panic; what they accept is safe to put in a command.
        #[test]
        fn never_panics(text in "(\\PC|[\\t\\n ]|10\\.0\\.0\\.[0-9]|privatelink\\.|[a-z0-9.-]{1,12}){0,60}") {
            for pe in followup::parse_private_endpoints(&text) {
                prop_assert!(pe.fqdn.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-'));
            }
            if let Ok(url) = followup::proxy_url(&text) {
                prop_assert!(!url.contains(char::is_whitespace) && !url.contains([';', '&', '|', '$', '`', '"', '\'']));
            }
            let bytes = data("all-ok-ncat-rhel88.log");
            let log = nwcheck::analyze(bytes.as_bytes(), None);
            let typed = nwcheck::analyze(text.as_bytes(), None);
            if let Ok(merged) = merge::merge(&log.report, &log.text, &typed, None, knowledge::region_by_name("japaneast")) {
                prop_assert_eq!(merged.text.lines().count(), merged.report.line_count);
                for c in &merged.report.checks {
                    prop_assert!(c.lines[0] >= 1 && c.lines[1] <= merged.report.line_count);
                }
            }
        }
    }
}

#[test]
fn a_private_endpoint_follow_up_settles_the_region_and_passes() {
    // A log whose backup names resolve to a private endpoint, and the typed
    // checks of the vault's private endpoint record (East Asia) by name and
    // by address: curl's name mismatch on the address means it was reached.
    let log_bytes = data("private-endpoint.log");
    let log = nwcheck::analyze(log_bytes.as_bytes(), None);
    let paste = data("followup/eastasia-pe-linux.paste.txt");
    let typed = nwcheck::analyze(paste.as_bytes(), None);
    let merged =
        merge::merge(&log.report, &log.text, &typed, None, knowledge::region_by_name("eastasia")).expect("merged");
    let r = &merged.report;
    let follow: Vec<(&str, CheckKind, Status)> =
        merge::followup_checks(r).map(|(_, c)| (&*c.fqdn, c.kind, c.status)).collect();
    let pe = "5012345678901234567-ab-pod01-fc1.privatelink.ea.backup.windowsazure.com";
    assert_eq!(
        follow,
        [
            (pe, CheckKind::Dns, Status::Ok),
            (pe, CheckKind::Tcp, Status::Ok),
            ("10.90.1.6", CheckKind::Tcp, Status::Ok),
            (pe, CheckKind::Https, Status::Ok),
            ("10.90.1.6", CheckKind::Https, Status::Ok),
        ]
    );
    assert!(!r.has(FindingId::RegionSpecificFqdn));
    assert!(!r.has(FindingId::TlsInterception));
    assert!(r.has(FindingId::PrivateEndpoint));
    assert_eq!(r.overall, log.report.overall);
}
