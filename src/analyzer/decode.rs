//! Turns the bytes a customer hands over into text.
//!
//! Handles UTF-8 with or without BOM, UTF-16LE/BE (with BOM, or without one
//! when the NUL pattern is unmistakable), Shift_JIS / CP932 (a log saved
//! again on Japanese Windows), and strips what is noise for reading: ANSI
//! colour codes and stray NUL bytes. Line breaks are kept as they are, so
//! line numbers match what an editor shows. Known binary files (images,
//! archives, programs) and bytes that are not text are recognized as such.

use super::model::Encoding;
use std::borrow::Cow;

/// The decoded input.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<'a> {
    /// The text: borrowed from the input when it is clean UTF-8 (the usual
    /// case), so a large log is not copied.
    pub text: Cow<'a, str>,
    pub encoding: Encoding,
    /// For binary input of a known type: what it is (`PNG image`, ...).
    pub binary_kind: Option<&'static str>,
    /// Whether the text has an `@`: a URL can hold a password only after
    /// one, so text without any needs no masking.
    pub at_sign: bool,
}

/// File signatures of binary formats someone may drop by mistake.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BM", "BMP image"),
    (b"RIFF", "RIFF media (WebP, WAV, AVI)"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "Linux program (ELF)"),
    (b"MZ", "Windows program (EXE/DLL)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document (legacy)"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
];

/// Decodes `bytes` into text, or recognizes them as binary or empty.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some(decoded) = special(bytes) {
        return decoded;
    }
    // simdutf8 checks 32 bytes at a time where the processor can (AVX2 or
    // SSE4.2 on x86_64); elsewhere it is the standard library's check.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => finish(Cow::Borrowed(text), Encoding::Utf8),
        Err(_) => not_utf8(bytes),
    }
}

/// [`decode`] of bytes the caller gives away: text that is UTF-8 as it
/// stands keeps their buffer (no copy of a large log).
pub fn decode_owned(bytes: Vec<u8>) -> Decoded<'static> {
    if let Some(decoded) = special(&bytes) {
        return decoded.into_owned();
    }
    match String::from_utf8(bytes) {
        Ok(text) => finish(Cow::Owned(text), Encoding::Utf8),
        Err(e) => not_utf8(e.as_bytes()).into_owned(),
    }
}

/// [`decode`] of text already known to be UTF-8 (checked as it came).
pub fn decode_text(text: String) -> Decoded<'static> {
    if let Some(decoded) = special(text.as_bytes()) {
        return decoded.into_owned();
    }
    finish(Cow::Owned(text), Encoding::Utf8)
}

impl Decoded<'_> {
    /// The same, owning its text.
    pub fn into_owned(self) -> Decoded<'static> {
        Decoded {
            text: Cow::Owned(self.text.into_owned()),
            encoding: self.encoding,
            binary_kind: self.binary_kind,
            at_sign: self.at_sign,
        }
    }
}

/// Empty input, a byte-order mark, a binary file, UTF-16 without a mark:
/// every case but plain UTF-8 and what is tried when that fails.
fn special(bytes: &[u8]) -> Option<Decoded<'_>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Some(Decoded { text: Cow::Borrowed(""), encoding: Encoding::Empty, binary_kind: None, at_sign: false });
    }
    if let Some(bom_decoded) = decode_with_bom(bytes) {
        return Some(bom_decoded);
    }
    for (magic, kind) in MAGIC {
        // "BM" and "MZ" are too short to trust alone: a text log can start
        // with them. Require a non-text byte soon after for those.
        let short = magic.len() <= 2;
        if bytes.starts_with(magic) && (!short || looks_binary(&bytes[..bytes.len().min(512)])) {
            return Some(binary(Some(kind)));
        }
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Some(finish(Cow::Owned(utf16(bytes, enc == Encoding::Utf16Le)), enc));
    }
    if looks_binary(bytes) {
        return Some(binary(None));
    }
    None
}

/// Bytes that are not UTF-8: Shift_JIS, or damaged UTF-8.
fn not_utf8(bytes: &[u8]) -> Decoded<'_> {
    let (sjis, sjis_errors) = shift_jis(bytes);
    let sjis = Cow::Owned(sjis);
    if !sjis_errors {
        return finish(sjis, Encoding::ShiftJis);
    }
    // Mostly UTF-8 with some damage (trailing garbage, a cut
    // multibyte character): keep the text, mark the damage.
    let utf8 = String::from_utf8_lossy(bytes);
    let sjis_bad = sjis.matches('\u{FFFD}').count();
    let utf8_bad = utf8.matches('\u{FFFD}').count();
    if sjis_bad < utf8_bad {
        finish(sjis, Encoding::ShiftJis)
    } else {
        finish(utf8, Encoding::Utf8)
    }
}

fn binary(kind: Option<&'static str>) -> Decoded<'static> {
    Decoded { text: Cow::Borrowed(""), encoding: Encoding::Binary, binary_kind: kind, at_sign: false }
}

fn decode_with_bom(bytes: &[u8]) -> Option<Decoded<'_>> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return Some(finish(String::from_utf8_lossy(rest), Encoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return Some(finish(Cow::Owned(utf16(rest, true)), Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return Some(finish(Cow::Owned(utf16(rest, false)), Encoding::Utf16Be));
    }
    None
}

/// UTF-16 to text; unpaired surrogates and an odd last byte become U+FFFD.
fn utf16(bytes: &[u8], little_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text: String = char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect();
    if bytes.len() % 2 == 1 {
        text.push('\u{FFFD}');
    }
    text
}

/// Shift_JIS (as Windows and browsers read it: CP932 with its extensions)
/// for each double-byte character: its code point, or 0 where none. Rows
/// are lead bytes 0x81–0x9F and 0xE0–0xFC, columns trail bytes 0x40–0xFC;
/// little-endian u16. Checked against `encoding_rs` by a test.
static SHIFT_JIS_TABLE: &[u8; 60 * 189 * 2] = include_bytes!("shift_jis.bin");

/// The character of a Shift_JIS double-byte sequence, if it has one.
fn shift_jis_pair(lead: u8, trail: u8) -> Option<char> {
    let row = match lead {
        0x81..=0x9f => lead - 0x81,
        0xe0..=0xfc => lead - 0xc1,
        _ => return None,
    };
    if !(0x40..=0xfc).contains(&trail) {
        return None;
    }
    let at = (usize::from(row) * 189 + usize::from(trail - 0x40)) * 2;
    let code = u16::from_le_bytes([SHIFT_JIS_TABLE[at], SHIFT_JIS_TABLE[at + 1]]);
    (code != 0).then(|| char::from_u32(u32::from(code))).flatten()
}

/// Shift_JIS to text, the way the WHATWG Encoding Standard decodes it;
/// also tells whether any byte was not valid.
fn shift_jis(bytes: &[u8]) -> (String, bool) {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut errors = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        match b {
            0x00..=0x80 => out.push(char::from(b)),
            0xa1..=0xdf => out.push(char::from_u32(0xff61 + u32::from(b - 0xa1)).unwrap_or('\u{FFFD}')),
            0x81..=0x9f | 0xe0..=0xfc => match bytes.get(i).and_then(|&t| shift_jis_pair(b, t)) {
                Some(c) => {
                    out.push(c);
                    i += 1;
                }
                None => {
                    errors = true;
                    out.push('\u{FFFD}');
                    // A bad trail byte that is ASCII starts the next character.
                    if bytes.get(i).is_some_and(|&t| t >= 0x80) {
                        i += 1;
                    }
                }
            },
            _ => {
                errors = true;
                out.push('\u{FFFD}');
            }
        }
    }
    (out, errors)
}

/// UTF-16 text without a BOM shows NUL in every other byte for ASCII.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 < pairs {
        Some(Encoding::Utf16Le)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Whether bytes are not text: in the first 64 KiB (NUL bytes aside, which
/// damaged logs carry), more than one in twenty is a control byte that text
/// never has, or, for bytes that are not UTF-8, fewer than one in five are ASCII
/// (a log is never mostly non-ASCII bytes in any encoding).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    // One pass counts each byte value; the kinds are summed from the counts.
    let mut counts = [0usize; 256];
    for &b in sample {
        counts[usize::from(b)] += 1;
    }
    let count = |pick: fn(u8) -> bool| (0..=255u8).filter(|&b| pick(b)).map(|b| counts[usize::from(b)]).sum::<usize>();
    let non_nul = sample.len() - counts[0];
    let odd = count(|b| matches!(b, 0x01..=0x06 | 0x0e..=0x1a | 0x1c..=0x1f | 0x7f));
    let ascii = count(|b| matches!(b, b'\t' | b'\n' | b'\r' | 0x20..=0x7e));
    if non_nul == 0 {
        return !sample.is_empty();
    }
    if odd > 4 && odd * 20 > non_nul {
        return true;
    }
    ascii * 5 < non_nul && std::str::from_utf8(trim_partial_char(sample)).is_err()
}

/// The sample without a UTF-8 character cut at its end.
fn trim_partial_char(sample: &[u8]) -> &[u8] {
    match std::str::from_utf8(sample) {
        Err(e) if e.error_len().is_none() => &sample[..e.valid_up_to()],
        _ => sample,
    }
}

/// Removes NUL bytes, byte-order marks and ANSI escape sequences; keeps
/// every line break.
fn finish(text: Cow<'_, str>, encoding: Encoding) -> Decoded<'_> {
    let (noise, at_sign) = scan(&text);
    // Cleaning only removes bytes: it cannot add an `@`.
    let text = if noise { Cow::Owned(clean(&text)) } else { text };
    Decoded { text, encoding, binary_kind: None, at_sign }
}

/// How many bytes [`scan`] reads at a time: few enough to stay in the
/// processor's cache for the second search over them.
const SCAN_PIECE: usize = 32 * 1024;

/// Whether `text` has noise ([`has_noise`]) and whether it has an `@`:
/// both searched piece by piece, so a large text is read from memory once
/// for the two (pieces end between characters, so U+FEFF is never cut).
fn scan(text: &str) -> (bool, bool) {
    let bytes = text.as_bytes();
    let (mut noise, mut at_sign) = (false, false);
    let mut start = 0;
    while start < bytes.len() && !(noise && at_sign) {
        let mut end = (start + SCAN_PIECE).min(bytes.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let piece = &bytes[start..end];
        noise = noise || has_noise(piece);
        at_sign = at_sign || memchr::memchr(b'@', piece).is_some();
        start = end;
    }
    (noise, at_sign)
}

/// The next byte that may start noise: NUL, ESC, or the first byte of U+FEFF.
fn next_noise(bytes: &[u8]) -> Option<usize> {
    memchr::memchr3(0x00, 0x1b, 0xef, bytes)
}

fn has_noise(bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = next_noise(&bytes[at..]) {
        let i = at + i;
        if bytes[i] != 0xef || bytes[i..].starts_with("\u{feff}".as_bytes()) {
            return true;
        }
        at = i + 1;
    }
    false
}

/// Length of the escape sequence at the start of `rest` (which starts
/// with ESC), never past a line break.
fn escape_len(rest: &str) -> usize {
    let b = rest.as_bytes();
    let stop = |i: usize| i >= b.len() || b[i] == b'\n';
    match b.get(1) {
        // CSI: ESC [ parameters intermediates final-byte
        Some(b'[') => {
            let mut i = 2;
            while !stop(i) {
                i += 1;
                if (0x40..=0x7e).contains(&b[i - 1]) {
                    break;
                }
            }
            i
        }
        // OSC: ESC ] ... BEL or ESC \
        Some(b']') => {
            let mut i = 2;
            while !stop(i) {
                match b[i] {
                    0x07 => return i + 1,
                    0x1b => return if b.get(i + 1) == Some(&b'\\') { i + 2 } else { i + 1 },
                    _ => i += 1,
                }
            }
            i
        }
        // ESC ( B and ESC ) 0 select character sets.
        Some(b'(' | b')') if !stop(2) && b[2].is_ascii() => 3,
        // Other two-character escapes (ESC =, ESC >, ...).
        Some(&c) if c != b'\n' && c.is_ascii() => 2,
        _ => 1,
    }
}

fn clean(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some(i) = next_noise(&bytes[at..]) {
        let i = at + i;
        let skip = match bytes[i] {
            0x00 => 1,
            0x1b => escape_len(&text[i..]),
            _ if bytes[i..].starts_with("\u{feff}".as_bytes()) => 3,
            _ => 0,
        };
        if skip == 0 {
            at = i + 1;
            continue;
        }
        out.push_str(&text[copied..i]);
        copied = i + skip;
        at = copied;
    }
    out.push_str(&text[copied..]);
    out
}

// The tests compare with `encoding_rs`, a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[track_caller]
    fn check(bytes: &[u8], encoding: Encoding, text: &str) {
        let d = decode(bytes);
        assert_eq!(d.encoding, encoding);
        assert_eq!(d.text, text);
    }

    /// The piece-by-piece search finds noise and `@` wherever they are,
    /// a U+FEFF across a piece's nominal end included.
    #[test]
    fn scan_reads_every_piece() {
        let filler = "a".repeat(SCAN_PIECE - 1);
        assert_eq!(scan(&filler), (false, false));
        for (tail, expect) in [("\u{feff}x", (true, false)), ("@x", (false, true)), ("\x1b[0m", (true, false))] {
            for pad in 0..4 {
                let text = format!("{filler}{}{tail}{}", "b".repeat(pad), "c".repeat(SCAN_PIECE));
                assert_eq!(scan(&text), expect, "{tail:?} after {pad}");
            }
        }
        let both = format!("{filler}\u{feff}{}@", "d".repeat(3 * SCAN_PIECE));
        assert_eq!(scan(&both), (true, true));
        let coloured = format!("{}\u{1b}[31mhttp://u:pw@h\u{1b}[0m\n", "e".repeat(SCAN_PIECE));
        let d = decode(coloured.as_bytes());
        assert!(d.at_sign);
        assert!(!d.text.contains('\u{1b}'));
        assert!(!decode(filler.as_bytes()).at_sign);
    }

    #[test]
    fn utf8_plain_and_bom() {
        check("##TRY!! nc -vz a 443 ##\n".as_bytes(), Encoding::Utf8, "##TRY!! nc -vz a 443 ##\n");
        check(b"\xef\xbb\xbfabc\r\n", Encoding::Utf8Bom, "abc\r\n");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "ホスト名 ok\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = "ホスト名 ok\n".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        check(&[&[0xff, 0xfe][..], &le].concat(), Encoding::Utf16Le, "ホスト名 ok\n");
        check(&[&[0xfe, 0xff][..], &be].concat(), Encoding::Utf16Be, "ホスト名 ok\n");
        let ascii: Vec<u8> = "Server: 1.2.3.4\nAddress: x\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        check(&ascii, Encoding::Utf16Le, "Server: 1.2.3.4\nAddress: x\n");
    }

    #[test]
    fn shift_jis_text() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("## 実行しているマシンのホスト名はvm01です。ｶﾅ①\n");
        check(&bytes, Encoding::ShiftJis, "## 実行しているマシンのホスト名はvm01です。ｶﾅ①\n");
    }

    #[test]
    fn shift_jis_table_matches_encoding_rs() {
        for lead in (0x81u8..=0x9f).chain(0xe0..=0xfc) {
            for trail in 0u8..=0xff {
                let pair = [lead, trail];
                let (want, _, bad) = encoding_rs::SHIFT_JIS.decode(&pair);
                let (got, got_bad) = shift_jis(&pair);
                assert_eq!((got.as_str(), got_bad), (&*want, bad), "{lead:02x} {trail:02x}");
            }
        }
    }

    #[test]
    fn shift_jis_matches_encoding_rs_on_any_bytes() {
        let mut x: u32 = 12345;
        for len in 0..400 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (x >> 16) as u8
                })
                .collect();
            let (want, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
            assert_eq!(shift_jis(&bytes), (want.into_owned(), bad), "{bytes:02x?}");
        }
    }

    #[test]
    fn utf16_odd_and_unpaired() {
        assert_eq!(utf16(&[0x41, 0x00, 0x00, 0xd8, 0x42], true), "A\u{FFFD}\u{FFFD}");
        assert_eq!(utf16(&[0x00, 0x41], false), "A");
    }

    #[test]
    fn ansi_and_nul_are_removed() {
        check(b"\x1b[1;31mcurl: (7) x\x1b[0m\n\x00ok\n", Encoding::Utf8, "curl: (7) x\nok\n");
        check(b"\x1b]0;title\x07line\n", Encoding::Utf8, "line\n");
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(decode(b"").encoding, Encoding::Empty);
        assert_eq!(decode(b" \r\n\t").encoding, Encoding::Empty);
        let png = decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
        assert_eq!((png.encoding, png.binary_kind), (Encoding::Binary, Some("PNG image")));
        let noise: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 256) as u8).collect();
        assert_eq!(decode(&noise).encoding, Encoding::Binary);
        // A text that merely starts with "MZ" is text.
        assert_eq!(decode(b"MZ is a name\n").encoding, Encoding::Utf8);
    }

    #[test]
    fn damaged_utf8_keeps_the_text() {
        let d = decode(b"Name:\tx\nAddress: 1.2.3.4\n\xff\xfe\xfd");
        assert_eq!(d.encoding, Encoding::Utf8);
        assert!(d.text.starts_with("Name:\tx\nAddress: 1.2.3.4\n"));
    }
}
