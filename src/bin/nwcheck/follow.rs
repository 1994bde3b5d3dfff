//! `nwcheck commands` (the follow-up checks for a vault's region) and
//! `nwcheck diff` (two reports of the same machine compared).

use clap::{Parser, ValueEnum};
use nwcheck::analyzer::knowledge::{self, Region};
use nwcheck::analyzer::Overall;
use nwcheck::diff::{self, Change};
use nwcheck::explain::Lang;
use nwcheck::followup::{self, Os, Plan, ProxyError, Scenario};
use std::io::Write;
use std::process::ExitCode;

/// Writes the commands that check the destinations of a vault's region.
#[derive(Parser, Debug)]
#[command(name = "nwcheck commands")]
struct CommandsArgs {
    /// The vault's region: its name (japaneast), display name ("Japan East") or geo code (jpe).
    #[arg(long)]
    region: String,
    /// The machine's operating system.
    #[arg(long, value_enum)]
    os: OsArg,
    /// What the vault protects on the machine.
    #[arg(long, value_enum, default_value_t = ScenarioArg::VmBackup)]
    scenario: ScenarioArg,
    /// The proxy the machine uses (http://host:port).
    #[arg(long)]
    proxy: Option<String>,
    /// A file with the private endpoint's names and addresses (PrivateIP.ps1
    /// output or the portal's DNS configuration list); `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    private_endpoints: Option<String>,
    /// Language of the comments (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// Compares two logs (or reports) of the same machine, check by check.
#[derive(Parser, Debug)]
#[command(name = "nwcheck diff")]
struct DiffArgs {
    /// The first (earlier) log; `-` reads standard input.
    before: String,
    /// The second (later) log.
    after: String,
    /// Print the comparison as JSON.
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// Print the comparison as Markdown.
    #[arg(long)]
    markdown: bool,
    /// Language of the text (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OsArg {
    Linux,
    Windows,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ScenarioArg {
    VmBackup,
    Mars,
    Workload,
    SiteRecovery,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::from_tag(&v)),
    }
}

/// A public region by name, display name or geo code.
pub fn find_region(text: &str) -> Option<&'static Region> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    let want = squeeze(text);
    knowledge::public_regions()
        .iter()
        .find(|r| r.name == want || r.code == want || squeeze(r.display) == want || squeeze(r.display_ja) == want)
}

fn read(path: &str) -> std::io::Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

fn print(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("nwcheck: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// `nwcheck commands ...`; `args` start with the subcommand's name.
pub fn commands(args: Vec<std::ffi::OsString>) -> ExitCode {
    let args = CommandsArgs::parse_from(args);
    let Some(region) = find_region(&args.region) else {
        eprintln!(
            "nwcheck: {}: not a public Azure region (give its name, e.g. japaneast, its display name or its geo code, e.g. jpe)",
            args.region
        );
        return ExitCode::from(2);
    };
    let proxy = match args.proxy.as_deref().map(followup::proxy_url).transpose() {
        Ok(p) => p,
        Err(e) => {
            let why = match e {
                ProxyError::UnsafeCharacters => "holds a space, a quote or a character a shell would act on",
                ProxyError::NoHost => "names no host",
            };
            eprintln!("nwcheck: --proxy {why}");
            return ExitCode::from(2);
        }
    };
    let private_endpoints = match &args.private_endpoints {
        None => Vec::new(),
        Some(path) => match read(path) {
            Ok(bytes) => followup::parse_private_endpoints(&String::from_utf8_lossy(&bytes)),
            Err(e) => {
                eprintln!("nwcheck: {path}: {e}");
                return ExitCode::from(2);
            }
        },
    };
    if args.private_endpoints.is_some() && private_endpoints.is_empty() {
        eprintln!(
            "nwcheck: no private endpoint (a name and an IPv4 address on one line) in {:?}",
            args.private_endpoints
        );
        return ExitCode::from(2);
    }
    let os = match args.os {
        OsArg::Linux => Os::Linux,
        OsArg::Windows => Os::Windows,
    };
    let scenario = match args.scenario {
        ScenarioArg::VmBackup => Scenario::VmBackup,
        ScenarioArg::Mars => Scenario::Mars,
        ScenarioArg::Workload => Scenario::Workload,
        ScenarioArg::SiteRecovery => Scenario::SiteRecovery,
    };
    let plan = Plan { region, os, scenario, proxy, private_endpoints };
    print(&followup::script(&plan, lang(args.lang)))
}

/// `nwcheck diff ...`; `args` start with the subcommand's name. Exit
/// status: 0 nothing fails in the second log's pairs, 1 something still or
/// newly fails, 2 an input cannot be read or is not a log.
pub fn diff(args: Vec<std::ffi::OsString>) -> ExitCode {
    let args = DiffArgs::parse_from(args);
    let mut reports = Vec::new();
    for path in [&args.before, &args.after] {
        let bytes = match read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("nwcheck: {path}: {e}");
                return ExitCode::from(2);
            }
        };
        let report = nwcheck::analyze(&bytes, (path != "-").then_some(path.as_str())).report;
        if report.overall == Overall::NotALog {
            eprintln!("nwcheck: {path}: not a network-check log");
            return ExitCode::from(2);
        }
        reports.push(report);
    }
    let d = diff::diff(&reports[0], &reports[1]);
    let out = if args.json {
        match serde_json::to_string_pretty(&d) {
            Ok(j) => j + "\n",
            Err(e) => {
                eprintln!("nwcheck: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        diff::render(&d, lang(args.lang), args.markdown)
    };
    let printed = print(&out);
    if printed != ExitCode::SUCCESS {
        return printed;
    }
    if d.count(Change::StillFailing) + d.count(Change::NewlyFailing) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
