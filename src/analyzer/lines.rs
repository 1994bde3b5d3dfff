//! The log as lines: splitting a text at its line breaks, and an index
//! that finds any line of a large text at once.

/// The log as lines: line `i` (0-based) is `lines[i]`, without its line
/// break (`\n` or `\r\n`). A lone `\r` (curl's progress meter) stays inside
/// its line, as editors that count `\n` show it.
pub fn split_lines(text: &str) -> Vec<&str> {
    // Counting first is one fast pass and spares growing a large vector.
    let mut lines: Vec<&str> = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let line = &text[start..end];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    if start < text.len() {
        let line = &text[start..];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
    }
    lines
}

/// Where the lines of a text start, kept for every [`LineIndex::EVERY`]-th
/// line only: finds any line of a large log at once (the page's log view)
/// while holding a few kilobytes for a million lines. Lines are numbered
/// as [`split_lines`] numbers them. Can be built piece by piece, as the
/// text arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of line `k * EVERY` (0-based), for every `k`.
    starts: Vec<usize>,
    /// Bytes and line breaks seen.
    len: usize,
    breaks: usize,
    /// Where the line after the last break starts.
    last_start: usize,
}

impl Default for LineIndex {
    fn default() -> LineIndex {
        LineIndex { starts: vec![0], len: 0, breaks: 0, last_start: 0 }
    }
}

impl LineIndex {
    pub const EVERY: usize = 256;

    /// The index of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut index = LineIndex::default();
        index.push(text);
        index
    }

    /// Adds the next piece of the text.
    pub fn push(&mut self, piece: &str) {
        for at in memchr::memchr_iter(b'\n', piece.as_bytes()) {
            self.breaks += 1;
            self.last_start = self.len + at + 1;
            if self.breaks.is_multiple_of(Self::EVERY) {
                self.starts.push(self.last_start);
            }
        }
        self.len += piece.len();
    }

    /// How many lines the text has.
    pub fn count(&self) -> usize {
        self.breaks + usize::from(self.len > self.last_start)
    }

    /// Line `n` (1-based) of `text`, the text this index was built from.
    pub fn line<'t>(&self, text: &'t str, n: usize) -> Option<&'t str> {
        let i = n.checked_sub(1).filter(|&i| i < self.count())?;
        let mut start = *self.starts.get(i / Self::EVERY)?;
        let bytes = text.as_bytes();
        for _ in 0..i % Self::EVERY {
            start += memchr::memchr(b'\n', bytes.get(start..)?)? + 1;
        }
        let rest = text.get(start..)?;
        let line = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest, |end| &rest[..end]);
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_splitting_keeps_lone_cr() {
        assert_eq!(split_lines("a\r\nb\rc\n\nd"), vec!["a", "b\rc", "", "d"]);
        assert_eq!(split_lines("a\n"), vec!["a"]);
        assert!(split_lines("").is_empty());
    }
}
