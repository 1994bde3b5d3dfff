//! The `nwcheck` binary on real logs: output, languages, JSON, exit status.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn nwcheck(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nwcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run nwcheck");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

#[test]
fn exit_status_follows_the_verdict() {
    assert_eq!(nwcheck(&["tests/data/all-ok-ncat-rhel88.log"], None).status.code(), Some(0));
    assert_eq!(nwcheck(&["tests/data/backup-443-timeout.log"], None).status.code(), Some(1));
    assert_eq!(nwcheck(&["Cargo.toml"], None).status.code(), Some(2));
    let missing = nwcheck(&["tests/data/no-such-file.log"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-file.log"));
    // The worst file decides.
    let both = nwcheck(&["tests/data/all-ok-ncat-rhel88.log", "tests/data/storage-443-refused.log"], None);
    assert_eq!(both.status.code(), Some(1));
}

#[test]
fn json_is_the_library_report() {
    let path = "tests/data/proxy-curl-ok-nc-fails.log";
    let out = nwcheck(&["--json", path], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let bytes = std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect("log");
    let report = nwcheck::analyze(&bytes, Some(path)).report;
    assert_eq!(json, serde_json::to_value(&report).expect("json"));
    assert_eq!(json["schema"], 1);
    assert_eq!(json["overall"], "problems");
    // Several files give an array.
    let two = nwcheck(&["--json", path, "tests/data/nc-missing.log"], None);
    let arr: serde_json::Value = serde_json::from_slice(&two.stdout).expect("json");
    assert_eq!(arr.as_array().map(Vec::len), Some(2));
}

#[test]
fn reads_standard_input() {
    let bytes =
        std::fs::read(format!("{}/tests/data/dns-nxdomain-one-fqdn.log", env!("CARGO_MANIFEST_DIR"))).expect("log");
    let out = nwcheck(&["--json", "-"], Some(&bytes));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(json["findings"].as_array().expect("findings").iter().any(|f| f["id"] == "dns-failure"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn readable_report_in_both_languages_without_colour_in_a_pipe() {
    let en = stdout(&nwcheck(&["--lang", "en", "tests/data/file-recovery-3260-blocked.log"], None));
    assert!(en.contains("TCP 3260 for file recovery is blocked"), "{en}");
    assert!(en.contains("[File recovery] problems"), "{en}");
    assert!(en.contains("✘ 3260 timed out"), "{en}");
    assert!(!en.contains('\u{1b}'), "no colour when not on a terminal");
    let ja = stdout(&nwcheck(&["--lang", "ja", "tests/data/file-recovery-3260-blocked.log"], None));
    assert!(ja.contains("ファイルの回復に必要な TCP 3260 番が通りません"), "{ja}");
    let coloured = stdout(&nwcheck(&["--color", "always", "tests/data/file-recovery-3260-blocked.log"], None));
    assert!(coloured.contains("\u{1b}[31m"));
}

#[test]
fn language_comes_from_the_environment() {
    let out = Command::new(env!("CARGO_BIN_EXE_nwcheck"))
        .arg("tests/data/all-ok-ncat-rhel88.log")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("すべての宛先に届いています"));
}

#[test]
fn proxy_password_never_printed() {
    let path = "tests/data/proxy-credentials-in-url.log";
    for args in [vec![path], vec!["--json", path], vec!["--markdown", path], vec!["--lang", "ja", path]] {
        let out = nwcheck(&args, None);
        let text = stdout(&out);
        assert!(!text.contains("Azure2024pass"), "password printed with {args:?}");
        assert!(text.contains("svc-backup:***@"), "masked URL shown with {args:?}");
    }
}

#[test]
fn mask_hides_host_and_addresses() {
    let out = stdout(&nwcheck(&["--json", "--mask", "tests/data/all-ok-ncat-rhel88.log"], None));
    assert!(!out.contains("rhel88-db01"));
    assert!(!out.contains("20.191.166.150"));
    assert!(out.contains("pod01-rec2.jpe.backup.windowsazure.com"));
}
