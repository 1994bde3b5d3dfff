//! Splits a decoded log into command blocks, in one pass over its lines.
//!
//! What each line is (a command that starts a block, a section heading, a
//! separator, the run's closing line, output) is the log layout's business
//! ([`Layout::classify`], `format/`); this module only follows those kinds:
//! a block starts at a command line and ends before the next block, the next
//! section heading, or the run's closing lines. A heading's service is read
//! once per distinct heading text ([`Layout::section`]).

use super::command::{parse_command, Command};
use super::fasthash::FastMap;
use super::format::Layout;
use super::model::Service;
use super::newlines::Newlines;
use super::tools::Lines;

/// One command and the output lines under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Block<'a> {
    /// The command as written, without the `##TRY!!` and `##` around it
    /// (or the shell prompt before it); [`Block::parsed`] reads it.
    pub command: &'a str,
    /// The service the enclosing section heading names, if it names one.
    pub section: Option<Service>,
    /// 0-based index of the command line.
    pub start: usize,
    /// 0-based index of the block's last line (blank lines and separators
    /// at its end are not part of it).
    pub end: usize,
    /// Nothing follows this block: it is the log's last thing.
    pub at_eof: bool,
    /// The log's last block ends without the blank line the scripts print
    /// after every tool's output, or the log ends inside a line: the run was
    /// cut off here (false for every other block).
    pub cut: bool,
}

/// What a line is, for splitting (a layout's [`Layout::classify`] says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind<'a> {
    /// A command that starts a block: the command as written, without the
    /// layout's marker or prompt around it.
    Command(&'a str),
    /// A section heading: ends the block before it.
    Heading,
    /// A line of only `=` or `-`: not part of any block's output.
    Separator,
    /// The run's closing line (the script went to its end).
    End,
    /// Only spaces, or nothing.
    Blank,
    /// Output.
    Other,
}

/// What a section heading does to the service of the blocks under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionChange {
    /// The heading belongs to the section above it (it names one destination).
    Keep,
    /// The blocks under it test this service (`None`: the destination's name decides).
    Set(Option<Service>),
}

/// A block being read: its command line and how far its output goes.
struct Open<'a> {
    command: &'a str,
    section: Option<Service>,
    start: usize,
    /// Byte offset of the command line.
    at: usize,
    end: usize,
}

/// Where [`Blocks`] is in a text: enough to go on from there later
/// ([`Blocks::resume`]), so a long text can be read in several steps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Byte offset and 0-based index of the next line to read.
    at: usize,
    line: usize,
    /// The service of the section the next line is in.
    section: Option<Service>,
    /// Whether the script's closing line (`Complete...`, `[INFO] Script
    /// time ...`) came before the cursor, after the last command line.
    ended: bool,
}

impl Cursor {
    /// How many bytes of the text come before the cursor.
    pub fn offset(&self) -> usize {
        self.at
    }
}

impl<'a> Open<'a> {
    fn close(self, at_eof: bool) -> Block<'a> {
        Block { command: self.command, section: self.section, start: self.start, end: self.end, at_eof, cut: false }
    }
}

impl<'a> Block<'a> {
    /// The block's command read: tool, destination, port.
    pub fn parsed(&self) -> Command<'a> {
        parse_command(self.command)
    }
}

/// The command blocks of a text, one at a time, in one pass over its
/// lines: nothing is kept of a block once it has been handed out.
pub struct Blocks<'a> {
    text: &'a str,
    layout: Layout,
    section: Option<Service>,
    open: Option<Open<'a>>,
    heading_cache: FastMap<&'a str, SectionChange>,
    /// Index and byte offset of the next line to read.
    line: usize,
    at: usize,
    /// The line breaks from `at` on.
    breaks: Newlines<'a>,
    /// A closing line of the script has been read.
    ended: bool,
    /// The output lines of the block being read.
    lines: Vec<(usize, &'a str)>,
}

impl<'a> Blocks<'a> {
    pub fn new(text: &'a str) -> Blocks<'a> {
        Blocks::resume(text, Layout::recognise(text), Cursor::default())
    }

    /// Goes on reading `text` where [`Blocks::cursor`] was taken; `layout`
    /// is [`Blocks::layout`] of the first `Blocks` of this text.
    pub fn resume(text: &'a str, layout: Layout, cursor: Cursor) -> Blocks<'a> {
        let at = cursor.at.min(text.len());
        Blocks {
            text,
            layout,
            section: cursor.section,
            open: None,
            heading_cache: FastMap::default(),
            line: cursor.line,
            at,
            breaks: Newlines::new(text.as_bytes(), at),
            lines: Vec::new(),
            ended: cursor.ended,
        }
    }

    /// Where the next block starts (or, after the last one, the end of
    /// the text): resuming there hands out the same blocks as going on.
    pub fn cursor(&self) -> Cursor {
        match &self.open {
            // The next block's command line has been read: read it again.
            Some(open) => Cursor { at: open.at, line: open.start, section: open.section, ended: self.ended },
            None => Cursor { at: self.at, line: self.line, section: self.section, ended: self.ended },
        }
    }

    /// The layout the text is split by.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Whether a closing line of the script (`Complete...`, `[INFO] Script
    /// time is ...`) has been read since the last command line: the run
    /// went to its end.
    pub fn saw_end(&self) -> bool {
        self.ended
    }

    /// How many lines have been read: once every block has been handed
    /// out, the text's line count (as [`super::lines::split_lines`] counts them).
    pub fn lines_read(&self) -> usize {
        self.line
    }
}

impl<'a> Iterator for Blocks<'a> {
    type Item = Block<'a>;

    fn next(&mut self) -> Option<Block<'a>> {
        self.next_with_lines().map(|(block, _)| block)
    }
}

impl<'a> Blocks<'a> {
    /// The next block and its output lines (separators left out), cut
    /// while the block is read, so no line is looked for twice.
    pub fn next_with_lines(&mut self) -> Option<(Block<'a>, Lines<'_>)> {
        let mut block = self.read_block()?;
        // Blank lines after the block's last line are not part of it.
        let keep = self.lines.partition_point(|&(i, _)| i <= block.end);
        if block.at_eof {
            let closed = keep < self.lines.len();
            block.cut = !closed || !self.text.ends_with('\n');
        }
        self.lines.truncate(keep);
        Some((block, Lines::new(&self.lines)))
    }

    /// Reads lines up to the end of the next block; the lines of its
    /// output are left in `self.lines`.
    fn read_block(&mut self) -> Option<Block<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        // The lines of the block handed out last.
        self.lines.clear();
        while self.at < bytes.len() {
            let (i, at) = (self.line, self.at);
            let nl = self.breaks.next();
            let next = nl.map_or(bytes.len(), |n| n + 1);
            let raw = &text[at..nl.unwrap_or(bytes.len())];
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            self.line += 1;
            self.at = next;
            let closed = match self.layout.classify(line) {
                LineKind::Command(command) => {
                    // A closing line counts only after the last block (a second run may follow).
                    self.ended = false;
                    let open = Open { command, section: self.section, start: i, at, end: i };
                    self.open.replace(open)
                }
                LineKind::Heading => {
                    // Logs repeat the same few headings: read each text once.
                    let key = line.trim_ascii();
                    let change = *self.heading_cache.entry(key).or_insert_with(|| self.layout.section(line));
                    if let SectionChange::Set(s) = change {
                        self.section = s;
                    }
                    self.open.take()
                }
                LineKind::End => {
                    self.ended = true;
                    self.open.take()
                }
                LineKind::Separator => None,
                LineKind::Blank => {
                    if self.open.is_some() {
                        self.lines.push((i, line));
                    }
                    None
                }
                LineKind::Other => {
                    if let Some(b) = self.open.as_mut() {
                        b.end = i;
                        self.lines.push((i, line));
                    }
                    None
                }
            };
            if let Some(b) = closed {
                return Some(b.close(false));
            }
        }
        self.open.take().map(|b| b.close(true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::command::Tool;

    #[test]
    fn blocks_and_sections() {
        let log = "\
#### (3) ファイルの回復 (ILR) で必要な宛先への疎通確認 ####
### https://download.microsoft.com の疎通確認 ###
================================================
##TRY!! nslookup  download.microsoft.com ##
Address: 1.2.3.4


##TRY!! nc -vz download.microsoft.com 443 ##
================================================
Ncat: Connected to 1.2.3.4:443.

#### Backup / Storage / AAD の代表宛先への疎通確認 ####
================================================
##TRY!! curl -I https://login.microsoft.com ##
HTTP/1.1 200 OK
";
        let mut blocks = Blocks::new(log);
        assert_eq!(blocks.layout(), Layout::LinuxScript);
        let all: Vec<Block> = blocks.by_ref().collect();
        assert_eq!(blocks.lines_read(), 15);
        let got: Vec<_> = all.iter().map(|b| (b.parsed().tool, b.section, b.start, b.end, b.at_eof)).collect();
        assert_eq!(
            got,
            vec![
                (Tool::Nslookup, Some(Service::FileRecovery), 3, 4, false),
                (Tool::Nc, Some(Service::FileRecovery), 7, 9, false),
                (Tool::Curl, None, 13, 14, true),
            ]
        );
        let mut blocks = Blocks::new(log);
        let mut outputs: Vec<Vec<(usize, String)>> = Vec::new();
        while let Some((_, lines)) = blocks.next_with_lines() {
            outputs.push(lines.iter().map(|(i, l)| (i, l.to_string())).collect());
        }
        assert_eq!(
            outputs,
            vec![
                vec![(4, "Address: 1.2.3.4".to_string())],
                vec![(9, "Ncat: Connected to 1.2.3.4:443.".to_string())],
                vec![(14, "HTTP/1.1 200 OK".to_string())]
            ]
        );
    }

    #[test]
    fn transcript_prompts() {
        let log = "[azureuser@vm01 ~]$ nc -vz a.example.com 443\nNcat: Connected to 1.2.3.4:443.\n$ curl -I https://b.example.com\nHTTP/2 200\n";
        let blocks = Blocks::new(log);
        assert_eq!(blocks.layout(), Layout::Transcript);
        let all: Vec<Block> = blocks.collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].parsed().target, "b.example.com");
    }
}
