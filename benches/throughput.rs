//! Throughput of the whole analyzer on generated logs of 100 kB, 1 MB, 10 MB
//! and 50 MB, beside two baselines measured in the same run on the same
//! bytes: a bare pass that counts lines with memchr, and
//! `grep -c -F '##TRY!!'` run as a process on the same file (read from the
//! page cache).
//!
//! The logs are built from the real blocks in `tests/data/*.log` (split at
//! the `##TRY!!` lines): each round takes the command sequence of one real
//! log, picks for every command the block of any real log that ran the same
//! command (so failing and succeeding blocks trade places), and changes geo
//! codes, pod and storage account numbers and IPv4 addresses. Rounds are
//! repeated until the target size is reached. Three more logs (1, 5 and 10 MB,
//! marked `*`) repeat the failed `nc` blocks of one proxied log with new
//! destination names in every round, to show the costs that grow faster than
//! the input with the number of checks and destinations.
//!
//! Each repetition times the analyzer, the memchr pass and grep one after the
//! other; the table shows the median of each. The machine may be busy: the
//! ratios within one run are what to compare, and nothing here fails on time.
//!
//! ```sh
//! cargo bench --bench throughput                       # or: bash scripts/bench.sh
//! NWCHECK_BENCH_QUICK=1 cargo bench --bench throughput # 100 kB and 1 MB, one repetition
//! NWCHECK_BENCH_SIZES=1M,20M NWCHECK_BENCH_DISTINCT_SIZES= NWCHECK_BENCH_REPS=3 cargo bench --bench throughput
//! NWCHECK_BENCH_KEEP=/tmp/logs cargo bench --bench throughput # also keep the generated logs there
//! ```
//!
//! The analyzer runs on the command line's allocator (mimalloc), as in
//! `nwcheck`; `NWCHECK_BENCH_SYSTEM_ALLOC=1` at build time runs it on the
//! system allocator instead. The peak heap column is the most memory the
//! analyzer held at once while analyzing, beyond the input it was given
//! (counted by a wrapper around the allocator).

#[cfg(not(target_arch = "wasm32"))]
use mimalloc::MiMalloc;
// The benchmark does not run in a browser; this only lets it build there.
#[cfg(target_arch = "wasm32")]
use std::alloc::System as MiMalloc;
use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

// ---------------------------------------------------------------------------
// Heap high-water mark

struct CountingAlloc;

/// Whether to run on the system allocator rather than the command line's.
const SYSTEM_ALLOC: bool = option_env!("NWCHECK_BENCH_SYSTEM_ALLOC").is_some();

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Counting is on only while [`with_peak_heap`] runs, so the timed runs
/// pay nothing for it (a shared counter costs two atomic operations a call).
static COUNTING: AtomicBool = AtomicBool::new(false);

fn grew(n: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        let now = CURRENT.fetch_add(n, Ordering::Relaxed) + n;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

fn shrank(n: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        // Memory allocated before counting began may be freed while it runs.
        let _ = CURRENT.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |c| Some(c.saturating_sub(n)));
    }
}

// SAFETY: every call is passed to one allocator, the same for the whole run, unchanged; the
// wrapper only counts the sizes.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = if SYSTEM_ALLOC { System.alloc(layout) } else { MiMalloc.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = if SYSTEM_ALLOC { System.alloc_zeroed(layout) } else { MiMalloc.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if SYSTEM_ALLOC {
            System.dealloc(ptr, layout)
        } else {
            MiMalloc.dealloc(ptr, layout)
        }
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p =
            if SYSTEM_ALLOC { System.realloc(ptr, layout, new_size) } else { MiMalloc.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Runs `f` and returns its result and the most heap it held at once beyond
/// what was allocated before it started.
fn with_peak_heap<T>(f: impl FnOnce() -> T) -> (T, usize) {
    CURRENT.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let out = f();
    COUNTING.store(false, Ordering::Relaxed);
    (out, PEAK.load(Ordering::Relaxed))
}

// ---------------------------------------------------------------------------
// Settings

struct Settings {
    sizes: Vec<usize>,
    /// Sizes of the logs where every destination is new (see [`generate_distinct`]).
    distinct_sizes: Vec<usize>,
    /// Timed repetitions per size; `None`: chosen by size.
    reps: Option<usize>,
    warmup: bool,
}

impl Settings {
    fn from_env(quick: bool) -> Result<Settings, String> {
        let quick = quick || std::env::var("NWCHECK_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
        let mut s = if quick {
            Settings { sizes: vec![100_000, 1_000_000], distinct_sizes: Vec::new(), reps: Some(1), warmup: false }
        } else {
            Settings {
                sizes: vec![100_000, 1_000_000, 10_000_000, 50_000_000],
                distinct_sizes: vec![1_000_000, 5_000_000, 10_000_000],
                reps: None,
                warmup: true,
            }
        };
        let sizes = |v: String| -> Result<Vec<usize>, String> {
            v.split(',').filter(|p| !p.trim().is_empty()).map(parse_size).collect()
        };
        if let Ok(v) = std::env::var("NWCHECK_BENCH_SIZES") {
            s.sizes = sizes(v)?;
        }
        if let Ok(v) = std::env::var("NWCHECK_BENCH_DISTINCT_SIZES") {
            s.distinct_sizes = sizes(v)?;
        }
        if let Ok(v) = std::env::var("NWCHECK_BENCH_REPS") {
            let n: usize = v.trim().parse().map_err(|_| format!("NWCHECK_BENCH_REPS: not a number: {v}"))?;
            s.reps = Some(n.max(1));
        }
        Ok(s)
    }

    fn reps_for(&self, size: usize, distinct: bool) -> usize {
        if distinct {
            return self.reps.unwrap_or(3);
        }
        self.reps.unwrap_or(match size {
            0..=200_000 => 21,
            200_001..=2_000_000 => 11,
            _ => 5,
        })
    }
}

/// `100k`, `1M`, `50MB`, `123456` (decimal units: k = 1000).
fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.strip_suffix('b').unwrap_or(&t);
    let (num, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit() && *c != '.') {
        Some((at, _)) => (&t[..at], &t[at..]),
        None => (t, ""),
    };
    let mult = match unit {
        "" => 1.0,
        "k" => 1e3,
        "m" => 1e6,
        "g" => 1e9,
        _ => return Err(format!("size with an unknown unit: {text}")),
    };
    let n: f64 = num.parse().map_err(|_| format!("not a size: {text}"))?;
    Ok((n * mult) as usize)
}

fn size_label(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{} MB", bytes / 1_000_000)
    } else {
        format!("{} kB", bytes / 1000)
    }
}

// ---------------------------------------------------------------------------
// Generated logs

/// Small deterministic generator (splitmix64), so every run builds the same logs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One real log cut into its parts.
struct RealLog {
    /// The file name without `.log`.
    name: String,
    /// Everything before the first `##TRY!!` line (machine part).
    head: String,
    /// Each block: its `##TRY!!` line up to the next one (headings between
    /// blocks stay with the block before them).
    blocks: Vec<String>,
}

/// The block pool: every real log, and for each command every block that ran it.
struct Pool {
    logs: Vec<RealLog>,
    by_command: std::collections::HashMap<String, Vec<(usize, usize)>>,
    /// The script's closing lines (`Complete...`, `[INFO] Script time ...`).
    tail: String,
}

fn is_try_line(line: &str) -> bool {
    line.trim_start().starts_with("##TRY!!")
}

/// The command of a block's first line, with spacing made uniform.
fn command_key(block: &str) -> String {
    let first = block.lines().next().unwrap_or("");
    first.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn load_pool(dir: &Path) -> Result<Pool, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "log"))
        .collect();
    paths.sort();
    let mut logs = Vec::new();
    let mut tail = String::from("Complete...\n[INFO] Script time is 1sec.\n");
    for path in &paths {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut head = String::new();
        let mut blocks: Vec<String> = Vec::new();
        for line in text.split_inclusive('\n') {
            if is_try_line(line) {
                blocks.push(String::new());
            }
            match blocks.last_mut() {
                Some(b) => b.push_str(line),
                None => head.push_str(line),
            }
        }
        // The closing lines end the log once, not after every round.
        if let Some(last) = blocks.last_mut() {
            if let Some(at) = last.find("\nComplete...") {
                tail = last[at + 1..].to_string();
                last.truncate(at + 1);
            }
        }
        // A log cut off mid-line (Ctrl+C) ends its last block without a line
        // break; the next block must still start on a line of its own.
        for b in &mut blocks {
            if !b.ends_with('\n') {
                b.push('\n');
            }
        }
        if !blocks.is_empty() {
            let name = path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            logs.push(RealLog { name, head, blocks });
        }
    }
    if logs.is_empty() {
        return Err(format!("no log with ##TRY!! lines in {}", dir.display()));
    }
    let mut by_command: std::collections::HashMap<String, Vec<(usize, usize)>> = Default::default();
    for (li, log) in logs.iter().enumerate() {
        for (bi, block) in log.blocks.iter().enumerate() {
            by_command.entry(command_key(block)).or_default().push((li, bi));
        }
    }
    Ok(Pool { logs, by_command, tail })
}

const GEO_CODES: &[&str] =
    &["jpe", "jpw", "eus", "eus2", "wus", "wus2", "sea", "ea", "neu", "weu", "cus", "uks", "krc"];

/// The changes applied to every block of one round.
struct Variation {
    geo_east: &'static str,
    geo_west: &'static str,
    number: usize,
    ip_shift: u32,
}

impl Variation {
    fn new(rng: &mut Rng) -> Variation {
        Variation {
            geo_east: GEO_CODES[rng.below(GEO_CODES.len())],
            geo_west: GEO_CODES[rng.below(GEO_CODES.len())],
            number: 1 + rng.below(40),
            ip_shift: rng.below(250) as u32,
        }
    }

    fn apply(&self, block: &str) -> String {
        let n = format!("{:02}", self.number);
        let text = block
            .replace(".jpe.", &format!(".{}.", self.geo_east))
            .replace(".jpw.", &format!(".{}.", self.geo_west))
            .replace("jpebkp", &format!("{}bkp", self.geo_east))
            .replace("pod01-", &format!("pod{n}-"))
            .replace("watcab01", &format!("watcab{n}"))
            .replace("watcaq01", &format!("watcaq{n}"))
            .replace("bkpsa01", &format!("bkpsa{n}"));
        shift_ipv4(&text, self.ip_shift)
    }
}

/// Changes the last two octets of every IPv4 address in the text (the first
/// two stay, so private addresses stay private).
fn shift_ipv4(text: &str, shift: u32) -> String {
    if shift == 0 {
        return text.to_string();
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        let starts_word = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.');
        if starts_word && b[i].is_ascii_digit() {
            if let Some((octets, end)) = ipv4_at(b, i) {
                let c = (octets[2] + shift) % 256;
                let d = (octets[3] + shift * 7) % 254 + 1;
                out.push_str(&text[copied..i]);
                out.push_str(&format!("{}.{}.{c}.{d}", octets[0], octets[1]));
                copied = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// An IPv4 address starting at `i`: its octets and where it ends.
fn ipv4_at(b: &[u8], mut i: usize) -> Option<([u32; 4], usize)> {
    let mut octets = [0u32; 4];
    for (k, octet) in octets.iter_mut().enumerate() {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 3 {
            *octet = *octet * 10 + u32::from(b[i] - b'0');
            i += 1;
        }
        if i == start || *octet > 255 {
            return None;
        }
        if k < 3 {
            if b.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
    }
    let ends_word = b
        .get(i)
        .is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)));
    ends_word.then_some((octets, i))
}

/// A log of at least `size` bytes: one machine part, rounds of varied blocks, the closing lines.
fn generate(pool: &Pool, size: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(size + 64 * 1024);
    out.push_str(&rng.pick(&pool.logs).head);
    while out.len() + pool.tail.len() < size {
        let template = rng.pick(&pool.logs);
        let variation = Variation::new(&mut rng);
        for block in &template.blocks {
            let same = &pool.by_command[&command_key(block)];
            let &(li, bi) = rng.pick(same);
            out.push_str(&variation.apply(&pool.logs[li].blocks[bi]));
            if out.len() + pool.tail.len() >= size {
                break;
            }
        }
    }
    out.push_str(&pool.tail);
    out
}

/// The log that stresses what grows with the number of checks and
/// destinations: the machine part of the real log behind a proxy where every
/// `nc` fails, then that log's `nc` blocks (small, all failed) over and over
/// with a new pod and storage account number in every round, so nearly every
/// destination is new.
fn generate_distinct(pool: &Pool, size: usize) -> Option<String> {
    let log = pool.logs.iter().find(|l| l.name == "proxy-curl-ok-nc-fails")?;
    let mut out = String::with_capacity(size + 64 * 1024);
    out.push_str(&log.head);
    let mut round = 0;
    while out.len() + pool.tail.len() < size {
        let variation = Variation {
            geo_east: GEO_CODES[round % GEO_CODES.len()],
            geo_west: GEO_CODES[(round + 1) % GEO_CODES.len()],
            number: 100 + round,
            ip_shift: (round % 250) as u32,
        };
        for block in log.blocks.iter().filter(|b| command_key(b).starts_with("##TRY!! nc ")) {
            out.push_str(&variation.apply(block));
            if out.len() + pool.tail.len() >= size {
                break;
            }
        }
        round += 1;
    }
    out.push_str(&pool.tail);
    Some(out)
}

// ---------------------------------------------------------------------------
// Measurement

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed().as_secs_f64())
}

/// `grep -c -F '##TRY!!' <path>`: the count it prints, or why it could not run.
fn grep_count(path: &Path) -> Result<usize, String> {
    let out =
        Command::new("grep").args(["-c", "-F", "##TRY!!"]).arg(path).output().map_err(|e| format!("grep: {e}"))?;
    // Exit status 1 means no line matched; the count (0) is still printed.
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(format!("grep failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().map_err(|_| "grep printed no count".to_string())
}

fn count_lines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

struct Row {
    bytes: usize,
    lines: usize,
    checks: usize,
    analyzer: f64,
    memchr: f64,
    grep: Option<f64>,
    peak_heap: usize,
    reps: usize,
    /// Median seconds of the analyzer's first stages, and of the whole analysis.
    stages: Stages,
}

/// Where the analyzer's time goes: the first stages and the findings timed
/// one by one through the public API; what is left of the total is the
/// readers of each block and the machine part.
#[derive(Default)]
struct Stages {
    decode: f64,
    passwords: f64,
    segment: f64,
    findings: f64,
    total: f64,
    /// After the analysis, on its report: masking for sharing, and the English summary.
    mask: f64,
    summary: f64,
}

/// Times the findings and the per-service states, derived again from a finished report.
fn time_findings(report: &nwcheck::analyzer::Report) -> f64 {
    use nwcheck::analyzer::findings;
    let t = Instant::now();
    let f = findings::derive(black_box(&report.checks), &report.proxy, report.truncated);
    let s = findings::services(black_box(&report.checks), &report.proxy);
    let took = t.elapsed().as_secs_f64();
    black_box((f, s));
    took
}

/// Times masking the report and writing its summary (what `--mask` and the default output add).
fn time_after(report: &nwcheck::analyzer::Report) -> [f64; 2] {
    let (m, tm) = time(|| nwcheck::anonymize::mask_report(black_box(report)));
    drop(black_box(m));
    let style = nwcheck::explain::Style::default();
    let (s, ts) = time(|| nwcheck::explain::summary(black_box(report), nwcheck::explain::Lang::En, style));
    drop(black_box(s));
    [tm, ts]
}

/// Times decode, credential redaction, and block splitting, on one pass.
fn time_stages(bytes: &[u8]) -> [f64; 3] {
    use nwcheck::analyzer::{blocks, decode, redact};
    let t0 = Instant::now();
    let decoded = decode::decode(black_box(bytes));
    let t1 = Instant::now();
    let text = redact::redact(Cow::Borrowed(&*decoded.text), decoded.at_sign).text;
    let t2 = Instant::now();
    let seg = blocks::segment(&text);
    let t3 = Instant::now();
    black_box(&seg);
    drop(seg);
    drop(text);
    drop(decoded);
    [(t1 - t0).as_secs_f64(), (t2 - t1).as_secs_f64(), (t3 - t2).as_secs_f64()]
}

fn measure(path: &Path, bytes: &[u8], reps: usize, warmup: bool) -> Result<Row, String> {
    let grep_ok = grep_count(path);
    let (analysis, peak_heap) = with_peak_heap(|| nwcheck::analyze(bytes, None));
    let checks = analysis.report.checks.len();
    let lines = analysis.report.line_count;
    let report = analysis.report;
    drop(analysis.text);
    // The analyzer must see every block grep sees; otherwise the numbers compare different work.
    if let Ok(n) = &grep_ok {
        if *n != checks {
            return Err(format!("{}: grep counts {n} ##TRY!! lines, the analyzer {checks} checks", path.display()));
        }
    }
    if let Err(e) = &grep_ok {
        eprintln!("note: {e}; the grep column is left empty");
    }
    if warmup {
        black_box(nwcheck::analyze(bytes, None));
        black_box(count_lines(bytes));
        if grep_ok.is_ok() {
            let _ = grep_count(path);
        }
    }
    let (mut ta, mut tm, mut tg) = (Vec::new(), Vec::new(), Vec::new());
    let mut ts: [Vec<f64>; 3] = Default::default();
    let mut tf = Vec::new();
    let (mut tmask, mut tsum) = (Vec::new(), Vec::new());
    for _ in 0..reps {
        // The analysis is dropped inside the timing: freeing it is part of its cost.
        let ((), s) = time(|| drop(black_box(nwcheck::analyze(black_box(bytes), None))));
        ta.push(s);
        for (k, s) in time_stages(bytes).into_iter().enumerate() {
            ts[k].push(s);
        }
        tf.push(time_findings(&report));
        let [m, sm] = time_after(&report);
        tmask.push(m);
        tsum.push(sm);
        let (n, s) = time(|| count_lines(black_box(bytes)));
        black_box(n);
        tm.push(s);
        if grep_ok.is_ok() {
            let (n, s) = time(|| grep_count(path));
            black_box(n.ok());
            tg.push(s);
        }
    }
    let mbps = |secs: f64| bytes.len() as f64 / 1e6 / secs;
    let [td, tl, tsg] = ts;
    let stages = Stages {
        decode: median(td),
        passwords: median(tl),
        segment: median(tsg),
        findings: median(tf),
        total: median(ta.clone()),
        mask: median(tmask),
        summary: median(tsum),
    };
    Ok(Row {
        bytes: bytes.len(),
        lines,
        checks,
        analyzer: mbps(median(ta)),
        memchr: mbps(median(tm)),
        grep: grep_ok.is_ok().then(|| mbps(median(tg))),
        peak_heap,
        reps,
        stages,
    })
}

fn print_table(rows: &[(String, Row)]) {
    println!();
    println!(
        "{:>7} {:>11} {:>9} {:>7} {:>4} | {:>13} {:>12} {:>10} | {:>13} {:>15} | {:>10}",
        "size",
        "bytes",
        "lines",
        "checks",
        "reps",
        "analyzer MB/s",
        "memchr MB/s",
        "grep MB/s",
        "analyzer/grep",
        "analyzer/memchr",
        "peak heap"
    );
    println!("{}", "-".repeat(132));
    for (label, r) in rows {
        let grep = r.grep.map_or("-".to_string(), |g| format!("{g:.1}"));
        let vs_grep = r.grep.map_or("-".to_string(), |g| format!("{:.2}x", g / r.analyzer));
        println!(
            "{:>7} {:>11} {:>9} {:>7} {:>4} | {:>13.1} {:>12.1} {:>10} | {:>13} {:>15} | {:>7.1} MB",
            label,
            r.bytes,
            r.lines,
            r.checks,
            r.reps,
            r.analyzer,
            r.memchr,
            grep,
            vs_grep,
            format!("{:.1}x", r.memchr / r.analyzer),
            r.peak_heap as f64 / 1e6,
        );
    }
    println!();
    println!("analyzer/grep and analyzer/memchr: how many times the baseline's time the full analysis takes");
    println!("(MB/s of the baseline divided by the analyzer's). Medians of the repetitions; grep's time includes");
    println!("starting the process. peak heap: the most memory the analyzer held at once beyond its input.");
    if rows.iter().any(|(label, _)| label.ends_with('*')) {
        println!("*: the failed nc blocks of one proxied log, repeated with new pod and account numbers in every");
        println!("   round, so nearly every destination is new: shows what grows faster than the input.");
    }
    println!();
    println!("where the analyzer's time goes (ms, medians); after || what masking the report for sharing");
    println!("and writing its English summary add (not part of the analyzer's MB/s):");
    println!(
        "{:>7} | {:>9} {:>9} {:>9} {:>15} {:>9} | {:>9} || {:>11} {:>9}",
        "size", "decode", "mask", "segment", "readers+machine", "findings", "total", "mask_report", "summary"
    );
    for (label, r) in rows {
        let st = &r.stages;
        let rest = st.total - st.decode - st.passwords - st.segment - st.findings;
        let ms = |s: f64| format!("{:.2}", s * 1e3);
        println!(
            "{:>7} | {:>9} {:>9} {:>9} {:>15} {:>9} | {:>9} || {:>11} {:>9}",
            label,
            ms(st.decode),
            ms(st.passwords),
            ms(st.segment),
            ms(rest),
            ms(st.findings),
            ms(st.total),
            ms(st.mask),
            ms(st.summary)
        );
    }
    println!();
    if let Some((label, r)) =
        rows.iter().rev().find(|(label, r)| r.grep.is_some() && r.bytes >= 50_000_000 && !label.ends_with('*'))
    {
        let ratio = r.grep.unwrap_or(f64::NAN) / r.analyzer;
        let verdict = if ratio <= 3.0 { "within" } else { "above" };
        println!(
            "goal: full analysis of 50 MB costs at most 3x grep's pass; {label}: {ratio:.2}x ({verdict} the goal)"
        );
    }
}

/// Removes the folder of generated logs when the run ends, however it ends.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(quick: bool) -> Result<(), String> {
    let settings = Settings::from_env(quick)?;
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let pool = load_pool(&data)?;
    let dir = TempDir(std::env::temp_dir().join(format!("nwcheck-bench-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).map_err(|e| format!("{}: {e}", dir.0.display()))?;
    let keep = std::env::var_os("NWCHECK_BENCH_KEEP").map(PathBuf::from);
    if let Some(keep) = &keep {
        std::fs::create_dir_all(keep).map_err(|e| format!("{}: {e}", keep.display()))?;
    }
    let blocks: usize = pool.logs.iter().map(|l| l.blocks.len()).sum();
    println!(
        "nwcheck throughput: {} real logs, {blocks} blocks, {} distinct commands; logs written to {}",
        pool.logs.len(),
        pool.by_command.len(),
        dir.0.display()
    );

    let mut rows = Vec::new();
    let mixed = settings.sizes.iter().enumerate().map(|(k, &size)| (size, false, k));
    let distinct = settings.distinct_sizes.iter().enumerate().map(|(k, &size)| (size, true, k));
    for (size, distinct, k) in mixed.chain(distinct) {
        let (text, name, label) = if distinct {
            let Some(text) = generate_distinct(&pool, size) else {
                eprintln!("note: tests/data/proxy-curl-ok-nc-fails.log is missing; no log with distinct destinations");
                continue;
            };
            (text, format!("CheckNWResult_bench_distinct_{size}.log"), format!("{}*", size_label(size)))
        } else {
            let text = generate(&pool, size, 0x6e77_6368_6563_6b00 + k as u64);
            (text, format!("CheckNWResult_bench_{size}.log"), size_label(size))
        };
        let path = dir.0.join(name);
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        let bytes = text.into_bytes();
        let reps = settings.reps_for(size, distinct);
        eprintln!("measuring {label} ({} bytes, {reps} repetitions)...", bytes.len());
        let row = measure(&path, &bytes, reps, settings.warmup);
        if let Some(keep) = &keep {
            let kept = keep.join(path.file_name().unwrap_or_default());
            std::fs::copy(&path, &kept).map_err(|e| format!("{}: {e}", kept.display()))?;
        }
        rows.push((label, row?));
        let _ = std::fs::remove_file(&path);
    }
    print_table(&rows);
    Ok(())
}

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`. Started without it (`cargo test --benches`),
    // only the quick run is made, so that test runs stay short.
    let as_test = !std::env::args().any(|a| a == "--bench");
    match run(as_test) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
