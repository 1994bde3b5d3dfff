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

    /// The largest input read, as on the web page: a network-check log is
    /// usually under 1 MB.
    const MAX_MB: u64 = 200;
    const MAX_BYTES: u64 = MAX_MB * 1024 * 1024;

    /// Why an input was not read.
    enum ReadError {
        /// Over [`MAX_BYTES`] (a regular file's size, or what a pipe or a
        /// device gave before the limit stopped the reading).
        TooLarge,
        /// A named pipe that gave nothing: no program was writing to it.
        EmptyPipe,
        Io(std::io::Error),
    }

    impl ReadError {
        fn message(&self) -> String {
            match self {
                ReadError::TooLarge => format!(
                    "larger than {MAX_MB} MB, not read (nwcheck reads logs up to {MAX_MB} MB; a network-check log is usually under 1 MB: is this the right file?)"
                ),
                ReadError::EmptyPipe => "a named pipe that nothing was written to (no writer), not read".to_string(),
                ReadError::Io(e) => e.to_string(),
            }
        }

        /// A short word for the JSON entry of an input that was not read.
        fn kind(&self) -> &'static str {
            match self {
                ReadError::TooLarge => "too-large",
                ReadError::EmptyPipe => "empty-pipe",
                ReadError::Io(e) => match e.kind() {
                    std::io::ErrorKind::NotFound => "not-found",
                    std::io::ErrorKind::PermissionDenied => "permission-denied",
                    _ => "unreadable",
                },
            }
        }
    }

    impl From<std::io::Error> for ReadError {
        fn from(e: std::io::Error) -> Self {
            ReadError::Io(e)
        }
    }

    /// The bytes of `path` (`-`: standard input), at most [`MAX_BYTES`].
    fn read_input(path: &str) -> Result<Vec<u8>, ReadError> {
        if path == "-" {
            return read_limited(std::io::stdin().lock(), 0, false);
        }
        let file = open(path)?;
        let meta = file.metadata()?;
        if meta.is_file() && meta.len() > MAX_BYTES {
            return Err(ReadError::TooLarge);
        }
        let expected = if meta.is_file() { meta.len() } else { 0 };
        let fifo = is_fifo(&meta);
        let bytes = read_limited(file, expected, fifo)?;
        if bytes.is_empty() && fifo {
            return Err(ReadError::EmptyPipe);
        }
        Ok(bytes)
    }

    /// Opens `path` for reading without waiting. Opening a named pipe
    /// (FIFO) for reading normally blocks until some program opens it for
    /// writing, forever if none ever does; with O_NONBLOCK the open returns
    /// at once, and [`read_limited`] waits a bounded time for a writer. The
    /// flag changes nothing for regular files.
    fn open(path: &str) -> std::io::Result<std::fs::File> {
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NONBLOCK);
        }
        options.open(path)
    }

    #[cfg(unix)]
    fn is_fifo(meta: &std::fs::Metadata) -> bool {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_fifo()
    }

    #[cfg(not(unix))]
    fn is_fifo(_: &std::fs::Metadata) -> bool {
        false
    }

    /// How long a named pipe is waited for when no program has it open for
    /// writing yet (`nwcheck pipe & producer > pipe` starts the reader first).
    const WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

    /// Reads `input` to its end, refusing it once it passes [`MAX_BYTES`]
    /// (`/dev/zero` never ends: the limit stops it). `expected`: a regular
    /// file's size (0 for others), to make room once. Opened without waiting, a pipe whose
    /// writer has no data yet says "would block": it is read again a little
    /// later. A named pipe (`fifo`) that no program has opened for writing
    /// reads as ended at once: until something has been read, that is waited
    /// out for at most [`WRITER_WAIT`].
    fn read_limited(mut input: impl Read, expected: u64, fifo: bool) -> Result<Vec<u8>, ReadError> {
        if expected > 0 {
            // A regular file: room for its size at once, read in place (a
            // file that grows meanwhile still stops at the limit).
            let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0).saturating_add(1));
            input.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
            if bytes.len() as u64 > MAX_BYTES {
                return Err(ReadError::TooLarge);
            }
            return Ok(bytes);
        }
        const CHUNK: usize = 1024 * 1024;
        // Pieces of a megabyte, joined at the end: an input of unknown size
        // that turns out too large never had a buffer grown (and copied)
        // by doubling past the limit.
        let mut pieces: Vec<Vec<u8>> = Vec::new();
        let mut piece = Vec::with_capacity(CHUNK);
        let mut total: u64 = 0;
        let started = std::time::Instant::now();
        let mut writer_seen = false;
        let pause = || std::thread::sleep(std::time::Duration::from_millis(5));
        loop {
            if piece.len() == piece.capacity() {
                pieces.push(std::mem::replace(&mut piece, Vec::with_capacity(CHUNK)));
            }
            let len = piece.len();
            piece.resize(piece.capacity(), 0);
            let read = input.read(&mut piece[len..]);
            piece.truncate(len + read.as_ref().map_or(0, |&n| n));
            match read {
                Ok(0) if fifo && !writer_seen && started.elapsed() < WRITER_WAIT => pause(),
                Ok(0) => break,
                Ok(n) => {
                    writer_seen = true;
                    total += n as u64;
                    if total > MAX_BYTES {
                        return Err(ReadError::TooLarge);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    // A writer has the pipe open: its end of file will come.
                    writer_seen = true;
                    pause();
                }
                Err(e) => return Err(ReadError::Io(e)),
            }
        }
        if pieces.is_empty() {
            return Ok(piece);
        }
        pieces.push(piece);
        Ok(pieces.concat())
    }

    /// A file name as it may be printed: control characters (escape codes,
    /// line breaks) and the marks that reorder text shown as their code in
    /// hexadecimal (`<1b>`).
    fn printable(name: &str) -> String {
        name.chars()
            .map(|c| {
                let reorders = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
                if c.is_control() || reorders {
                    // No backslash: the summary shows the name after its last `/` or `\`.
                    format!("<{:02x}>", u32::from(c))
                } else {
                    c.to_string()
                }
            })
            .collect()
    }

    /// The JSON entry for an input that was not read: where a report would
    /// be, with the same schema, format and verdict fields, and why.
    #[derive(serde::Serialize)]
    struct Unread {
        schema: u32,
        source: String,
        format: &'static str,
        error: UnreadError,
        checks: [(); 0],
        services: [(); 0],
        findings: [(); 0],
        overall: &'static str,
    }

    #[derive(serde::Serialize)]
    struct UnreadError {
        kind: &'static str,
        message: String,
    }

    /// One element of the JSON output.
    #[derive(serde::Serialize)]
    #[serde(untagged)]
    enum Entry {
        Report(Box<nwcheck::analyzer::Report>),
        Unread(Unread),
    }

    fn unread_entry(path: &str, error: &ReadError) -> Entry {
        Entry::Unread(Unread {
            schema: nwcheck::analyzer::SCHEMA_VERSION,
            source: path.to_string(),
            format: "not-a-log",
            error: UnreadError { kind: error.kind(), message: error.message() },
            checks: [],
            services: [],
            findings: [],
            overall: "not-a-log",
        })
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
        let mut reports: Vec<Entry> = Vec::new();
        let mut out = String::new();
        for path in &args.files {
            let bytes = match read_input(path) {
                Ok(b) => b,
                Err(e) => {
                    let shown = if path == "-" { "standard input".to_string() } else { printable(path) };
                    eprintln!("nwcheck: {shown}: {}", e.message());
                    worst = 2;
                    if args.json {
                        reports.push(unread_entry(path, &e));
                    }
                    continue;
                }
            };
            let source = (path != "-").then_some(path.as_str());
            let mut report = nwcheck::analyze(&bytes, source).report;
            if args.mask {
                report = nwcheck::anonymize::mask_report(&report);
            }
            worst = worst.max(exit_code(report.overall));
            if args.json {
                reports.push(Entry::Report(Box::new(report)));
            } else {
                if !out.is_empty() {
                    out.push('\n');
                }
                // The name as the terminal may show it (the JSON keeps it
                // exact: its strings escape control characters).
                report.source = report.source.as_deref().map(printable);
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
