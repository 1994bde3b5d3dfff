//! `nwcheck commands` and `nwcheck diff` on the command line.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

fn nwcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nwcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run nwcheck")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn golden(file: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/commands/{file}", env!("CARGO_MANIFEST_DIR"))).expect("golden")
}

#[test]
fn commands_are_the_golden_files() {
    let cases: [(&str, &[&str]); 6] = [
        ("japaneast-linux-vm-backup.en.txt", &["--region", "japaneast", "--os", "linux"]),
        (
            "westus2-windows-mars-proxy.en.txt",
            &["--region", "West US 2", "--os", "windows", "--scenario", "mars", "--proxy", "http://10.0.0.10:8080"],
        ),
        (
            "eastasia-linux-workload-pe.ja.txt",
            &[
                "--region",
                "ea",
                "--os",
                "linux",
                "--scenario",
                "workload",
                "--private-endpoints",
                "tests/data/commands/eastasia-private-endpoints.txt",
                "--lang",
                "ja",
            ],
        ),
        (
            "uksouth-windows-site-recovery.ja.txt",
            &["--region", "英国南部", "--os", "windows", "--scenario", "site-recovery", "--lang", "ja"],
        ),
        (
            "brazilsouth-linux-site-recovery-proxy.en.txt",
            &["--region", "brs", "--os", "linux", "--scenario", "site-recovery", "--proxy", "proxy.contoso.local:3128"],
        ),
        (
            "koreacentral-linux-workload.en.txt",
            &["--region", "KoreaCentral", "--os", "linux", "--scenario", "workload"],
        ),
    ];
    for (file, args) in cases {
        let mut all = vec!["commands"];
        all.extend_from_slice(args);
        let out = nwcheck(&all);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout(&out) == golden(file), "{file} differs:\n{}", stdout(&out));
    }
}

#[test]
fn commands_refuse_what_they_cannot_write() {
    for (args, message) in [
        (&["commands", "--region", "usgovvirginia", "--os", "linux"][..], "not a public Azure region"),
        (&["commands", "--region", "atlantis", "--os", "linux"][..], "not a public Azure region"),
        (&["commands", "--region", "jpe", "--os", "linux", "--proxy", "http://p:1;reboot"][..], "--proxy"),
        (
            &["commands", "--region", "jpe", "--os", "linux", "--private-endpoints", "Cargo.toml"][..],
            "no private endpoint",
        ),
        (&["commands", "--region", "jpe", "--os", "linux", "--private-endpoints", "no-such-file"][..], "no-such-file"),
    ] {
        let out = nwcheck(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(message), "{args:?}");
        assert!(out.stdout.is_empty());
    }
    // clap's own errors: a missing --os, an unknown scenario.
    assert_eq!(nwcheck(&["commands", "--region", "jpe"]).status.code(), Some(2));
    assert_eq!(nwcheck(&["commands", "--region", "jpe", "--os", "linux", "--scenario", "x"]).status.code(), Some(2));
}

#[test]
fn diff_of_two_samples() {
    let out = nwcheck(&["diff", "tests/data/backup-443-timeout.log", "tests/data/all-ok-ncat-rhel88.log"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("Before and after\n  Before: tests/data/backup-443-timeout.log, host rhel86-app02"));
    assert!(text.contains("Fixed (6)\n"));
    assert!(text.contains("Still OK (29)\n"));

    let out = nwcheck(&["diff", "--json", "tests/data/all-ok-ncat-rhel88.log", "tests/data/storage-443-refused.log"]);
    assert_eq!(out.status.code(), Some(1), "something newly fails");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let newly: Vec<&serde_json::Value> =
        json["entries"].as_array().expect("entries").iter().filter(|e| e["change"] == "newly-failing").collect();
    assert_eq!(newly.len(), 6);
    assert!(newly.iter().all(|e| e["service"] == "storage"));
    assert_eq!(json["before"]["overall"], "ok");
    assert_eq!(json["same_host"], false);

    let out = nwcheck(&[
        "diff",
        "--markdown",
        "--lang",
        "ja",
        "tests/data/storage-443-refused.log",
        "tests/data/storage-443-refused.log",
    ]);
    assert_eq!(out.status.code(), Some(1), "still failing");
    assert!(stdout(&out).contains("### まだ失敗 (6)"));

    // A file that is not a log, or none at all.
    assert_eq!(nwcheck(&["diff", "Cargo.toml", "tests/data/nc-missing.log"]).status.code(), Some(2));
    assert_eq!(nwcheck(&["diff", "tests/data/nc-missing.log", "nope.log"]).status.code(), Some(2));
    assert_eq!(nwcheck(&["diff", "tests/data/nc-missing.log"]).status.code(), Some(2));
}

#[test]
fn a_log_is_still_read_as_before() {
    let out = nwcheck(&["tests/data/all-ok-ncat-rhel88.log"]);
    assert_eq!(out.status.code(), Some(0));
    let out = nwcheck(&["--json", "tests/data/all-ok-ncat-rhel88.log"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["followup"], serde_json::Value::Null);
}
