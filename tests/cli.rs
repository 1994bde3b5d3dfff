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
    // The machine's own address is masked; Azure's public answers stay.
    assert!(!out.contains("10.0.0.4"));
    assert!(out.contains("20.191.166.150"));
    assert!(out.contains("pod01-rec2.jpe.backup.windowsazure.com"));
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("nwcheck-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn json_says_which_file_could_not_be_read() {
    let out = nwcheck(&["--json", "tests/data/no-such-file.log"], None);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["source"], "tests/data/no-such-file.log");
    assert_eq!(json["overall"], "not-a-log");
    assert_eq!(json["error"]["kind"], "not-found");
    assert!(stderr(&out).contains("no-such-file.log"));
    // Several files: an array with an entry for each, the unread one saying why.
    let out = nwcheck(&["--json", "tests/data/nc-missing.log", "tests/data/no-such-file.log"], None);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let arr = json.as_array().expect("array");
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[0]["format"], "linux-backup");
    assert_eq!(arr[1]["error"]["kind"], "not-found");
    // A report's fields keep the schema's order.
    let text = stdout(&out);
    assert!(text.find("\"schema\"") < text.find("\"source\"") && text.find("\"source\"") < text.find("\"format\""));
}

#[test]
fn input_over_200_mb_is_refused_without_reading_it() {
    let dir = scratch("large");
    let path = dir.join("CheckNWResult_vm01_202411241530.log");
    let file = std::fs::File::create(&path).expect("create");
    // Sparse: 201 MB that take no disk.
    file.set_len(201 * 1024 * 1024).expect("set_len");
    let p = path.to_str().expect("path");
    let started = std::time::Instant::now();
    let out = nwcheck(&[p], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("larger than 200 MB"), "{}", stderr(&out));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let json: serde_json::Value = serde_json::from_slice(&nwcheck(&["--json", p], None).stdout).expect("json");
    assert_eq!(json["error"]["kind"], "too-large");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(target_os = "linux")]
#[test]
fn dev_zero_stops_at_the_limit() {
    let out = nwcheck(&["/dev/zero"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("larger than 200 MB"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_named_pipe_without_a_writer_does_not_block() {
    let dir = scratch("fifo");
    let fifo = dir.join("pipe.log");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let p = fifo.to_str().expect("path");
    let started = std::time::Instant::now();
    let out = nwcheck(&[p], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no writer"), "{}", stderr(&out));
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
    // A writer that comes after the reader started is read.
    let log = std::fs::read(format!("{}/tests/data/nc-missing.log", env!("CARGO_MANIFEST_DIR"))).expect("log");
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        std::fs::write(&writer_path, log).expect("write to the pipe");
    });
    let out = nwcheck(&["--json", p], None);
    writer.join().expect("writer");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["format"], "linux-backup");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn file_names_are_printed_without_control_characters() {
    let dir = scratch("names");
    let name = "CheckNWResult_\u{1b}[31m\u{1b}[2J\u{1b}]0;owned\u{7}\r\n\u{202e}gol.log";
    let path = dir.join(name);
    std::fs::copy(format!("{}/tests/data/nc-missing.log", env!("CARGO_MANIFEST_DIR")), &path).expect("copy");
    let p = path.to_str().expect("path");
    for args in [vec![p], vec!["--markdown", p], vec!["--lang", "ja", p]] {
        let out = nwcheck(&args, None);
        let text = stdout(&out);
        assert!(!text.contains('\u{1b}') && !text.contains('\r') && !text.contains('\u{7}'), "{args:?}: {text}");
        assert!(!text.contains('\u{202e}') && text.contains("0;owned") && text.contains("gol.log"), "{args:?}: {text}");
    }
    let missing = format!("{}/no-such-\u{1b}[31m\u{202e}.log", dir.display());
    let out = nwcheck(&[&missing], None);
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}'), "{err}");
    assert!(err.contains("no-such-<1b>[31m<202e>.log"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
