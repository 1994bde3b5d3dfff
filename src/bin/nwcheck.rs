//! `nwcheck`: the command line over the analyzer.
//!
//! `nwcheck FILE...` prints a readable report per file (grouped by service,
//! a line per destination with DNS / TCP / HTTPS marks, then the findings
//! with what to do); `nwcheck --json FILE` prints the report as the
//! schema's JSON. `nwcheck commands --region R --os linux|windows` writes
//! the follow-up checks for a vault's region; `nwcheck diff A B` compares
//! two logs of the same machine. Exit status: 0 all is well, 1 problems (or results that
//! cannot be judged), 2 the input is not a log or cannot be read.

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    // `nwcheck commands ...` and `nwcheck diff A B` (a log given as a path
    // with a directory, `./diff`, is still read as a log).
    let args: Vec<_> = std::env::args_os().collect();
    match args.get(1).and_then(|a| a.to_str()) {
        Some("commands") => return follow::commands(args[1..].to_vec()),
        Some("diff") => return follow::diff(args[1..].to_vec()),
        _ => {}
    }
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "nwcheck/follow.rs"]
mod follow;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, ValueEnum};
    use nwcheck::analyzer::Overall;
    use nwcheck::explain::{self, Lang, Style};
    use std::io::{IsTerminal, Read, Write};
    use std::process::ExitCode;

    /// Reads CheckNWResult_<host>_<date>.log files written by Azure Backup's
    /// Linux network-check script and tells, for every destination and
    /// check, whether it got through, why, and what to do next.
    #[derive(Parser, Debug)]
    #[command(name = "nwcheck", version, about, long_about = None)]
    struct Args {
        /// Log files to read; `-` reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// Print the report as JSON (schema 1); several files give an array.
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print the report as Markdown, ready to paste into a ticket.
        #[arg(long)]
        markdown: bool,
        /// Language of the report (default: from LC_ALL, LC_MESSAGES or LANG).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Colour: auto uses colour only on a terminal (and never with NO_COLOR).
        #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
        color: ColorArg,
        /// Replace host names and IP addresses with placeholders.
        #[arg(long)]
        mask: bool,
    }

    #[derive(Clone, Copy, Debug, ValueEnum)]
    enum LangArg {
        Ja,
        En,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
    enum ColorArg {
        Auto,
        Always,
        Never,
    }

    /// Exit status for a set of verdicts: the worst one wins.
    fn exit_code(overall: Overall) -> u8 {
        match overall {
            Overall::Ok => 0,
            Overall::Problems | Overall::Inconclusive => 1,
            Overall::NotALog => 2,
        }
    }

    fn env_lang() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::from_tag(&v))
    }

    fn read_input(path: &str) -> std::io::Result<Vec<u8>> {
        if path == "-" {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf)?;
            Ok(buf)
        } else {
            std::fs::read(path)
        }
    }

    pub fn main() -> ExitCode {
        let args = Args::parse();
        let lang = args.lang.map_or_else(env_lang, |l| match l {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        });
        let color = match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        let style = Style { markdown: args.markdown, color: color && !args.markdown };

        let mut worst = 0u8;
        let mut reports = Vec::new();
        let mut out = String::new();
        for path in &args.files {
            let bytes = match read_input(path) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("nwcheck: {path}: {e}");
                    worst = 2;
                    continue;
                }
            };
            let source = (path != "-").then_some(path.as_str());
            let mut report = nwcheck::analyze(&bytes, source).report;
            if args.mask {
                report = nwcheck::mask::mask_report(&report);
            }
            worst = worst.max(exit_code(report.overall));
            if args.json {
                reports.push(report);
            } else {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&explain::summary(&report, lang, style));
            }
        }
        if args.json {
            let json = match reports.as_slice() {
                [one] => serde_json::to_string_pretty(one),
                many => serde_json::to_string_pretty(many),
            };
            match json {
                Ok(j) => out = j + "\n",
                Err(e) => {
                    eprintln!("nwcheck: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        // A closed pipe (`nwcheck x.log | head`) is not an error.
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("nwcheck: {e}");
                return ExitCode::from(2);
            }
        }
        ExitCode::from(worst)
    }
}
