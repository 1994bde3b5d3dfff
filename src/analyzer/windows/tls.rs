//! The TLS section of the Windows scripts: the SCHANNEL protocol keys as
//! PowerShell prints the registry table.

use super::*;

/// Reads the SCHANNEL dump: PowerShell's registry table (`    Hive: ...`,
/// `Name  Property`, `Client  Enabled : 1`), the tab / name / value lines
/// the script writes after each key, and a plain `HKEY_...\Key` + `Name
/// value` listing.
#[derive(Default)]
pub(super) struct TlsReader {
    /// The hive (parent key) of the table being read.
    hive: String,
    /// Where the table's `Property` column starts.
    column: Option<usize>,
    /// The key the next values belong to.
    key: String,
    /// The tab / name / value lines: the name read, waiting for its value.
    pending_name: Option<String>,
    /// The script's name and data lines for the last key are being read.
    after_key: bool,
}

impl TlsReader {
    pub(super) fn line(&mut self, line: &str, at: usize, tls: &mut Tls) {
        let t = line.trim();
        if t == "Yellow" || t.starts_with("Registry::") || t.starts_with("===") || t.starts_with("----") || t.is_empty()
        {
            return;
        }
        if t == "-ForegroundColor" {
            // Written after each key: the key's values follow as name and
            // data lines. A name waiting for its data was the key's row.
            if let Some(name) = self.pending_name.take() {
                self.key = format!("{}\\{}", self.hive, name);
            }
            self.after_key = true;
            return;
        }
        if let Some(hive) = t.strip_prefix("Hive:") {
            self.hive = hive.trim().to_string();
            self.column = None;
            self.pending_name = None;
            self.after_key = false;
            return;
        }
        if t.starts_with("HKEY_") || t.starts_with("HKLM:") {
            self.key = t.trim_end_matches(':').to_string();
            self.column = None;
            self.pending_name = None;
            self.after_key = false;
            return;
        }
        if t.starts_with("Name") && t.contains("Property") {
            self.column = line.find("Property");
            self.after_key = false;
            return;
        }
        if let Some(col) = self.column {
            // A table row: the key's name in the first column (it may hold
            // spaces: `TLS 1.2`), `Value : data` in the second; the second
            // column alone on the lines that go on with the same key.
            let row = line.get(..col).zip(line.get(col..)).filter(|(_, p)| p.contains(" : "));
            if let Some((head, property)) = row {
                let name = head.trim();
                if !name.is_empty() {
                    self.key = format!("{}\\{}", self.hive, name);
                }
                self.pending_name = None;
                if let Some((value_name, data)) = property.split_once(':') {
                    self.set(value_name.trim(), data.trim(), at, tls);
                }
                return;
            }
            if !self.after_key && !line.starts_with([' ', '\t']) {
                // A key without values.
                self.key = format!("{}\\{}", self.hive, t);
                return;
            }
        }
        // The script's own lines after a key: the value's name, then its data.
        if let Some(name) = self.pending_name.take() {
            self.set(&name, t, at, tls);
        } else if let Some((name, data)) = t.split_once(" : ").or_else(|| t.split_once('=')) {
            self.set(name.trim(), data.trim(), at, tls);
        } else if let Some((name, data)) = t.rsplit_once(|c: char| c.is_whitespace()) {
            if data.parse::<u32>().is_ok() || data.starts_with("0x") {
                self.set(name.trim(), data, at, tls);
            } else {
                self.pending_name = Some(t.to_string());
            }
        } else {
            self.pending_name = Some(t.to_string());
        }
    }

    fn set(&mut self, name: &str, data: &str, at: usize, tls: &mut Tls) {
        let key = self.key.replace('/', "\\");
        if !key.contains("TLS 1.2\\Client") {
            return;
        }
        let Some(value) = dword(data) else { return };
        match name {
            "Enabled" => tls.tls12_client_enabled = Some(value),
            "DisabledByDefault" => tls.tls12_client_disabled_by_default = Some(value),
            _ => return,
        }
        if tls.tls12_client_disabled() && tls.line.is_none_or(|l| l < at) {
            tls.line = Some(at);
        }
    }
}

/// A registry DWORD as printed: `1`, `4294967295`, `0x00000001`.
fn dword(data: &str) -> Option<u32> {
    let d = data.split_whitespace().next()?;
    match d.strip_prefix("0x") {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => d.parse().ok(),
    }
}
