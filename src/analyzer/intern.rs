//! What the checks of one log share: each distinct command line and
//! destination name stored once (a 50 MB log repeats the same few thousand
//! commands), with what the command says, worked out the first time.

use super::command::{parse_command, Tool};
use super::fasthash;
use super::knowledge;
use super::model::Service;
use super::tools;
use std::rc::Rc;

/// What one distinct command line says, worked out the first time it is
/// seen: a log repeats the same commands thousands of times.
pub(super) struct Known {
    pub command: Rc<str>,
    pub tool: Tool,
    pub port: Option<u16>,
    pub fqdn: Rc<str>,
    pub service: Option<Service>,
    pub region: Option<Rc<str>>,
    /// For curl: what its reader needs to know of the URL.
    pub curl_target: tools::curl::Target,
    /// The evidence and addresses of this command's last check: a command
    /// run again mostly prints the same, so they are shared when equal.
    last_evidence: Option<Rc<str>>,
    last_addresses: Rc<[Rc<str>]>,
    last_tool: Option<Rc<str>>,
}

impl Known {
    /// `text` as evidence, shared with the last check's when equal.
    pub fn evidence(&mut self, text: &str) -> Rc<str> {
        same_or_new(&mut self.last_evidence, text)
    }

    /// `addresses`, shared with the last check's when equal.
    pub fn addresses(&mut self, addresses: &[&str]) -> Rc<[Rc<str>]> {
        let same = self.last_addresses.len() == addresses.len()
            && self.last_addresses.iter().zip(addresses).all(|(a, b)| **a == **b);
        if !same {
            self.last_addresses = addresses.iter().map(|a| Rc::from(*a)).collect();
        }
        self.last_addresses.clone()
    }

    /// The tool's name, shared with the last check's when equal.
    pub fn tool(&mut self, name: &str) -> Rc<str> {
        same_or_new(&mut self.last_tool, name)
    }
}

/// `last` when it holds `text`; otherwise `text`, stored in `last` too.
fn same_or_new(last: &mut Option<Rc<str>>, text: &str) -> Rc<str> {
    match last {
        Some(l) if **l == *text => l.clone(),
        _ => last.insert(Rc::from(text)).clone(),
    }
}

/// A destination name's service and region.
type NameInfo = (Option<Service>, Option<Rc<str>>);

/// What the checks of one log share: each distinct command and destination
/// name stored once, with what the command says ([`Known`]), looked up
/// once per block by the command's text.
#[derive(Default)]
pub(super) struct Shared {
    /// Index into `known` by command text.
    commands: fasthash::FastMap<Rc<str>, usize>,
    known: Vec<Known>,
    /// Each destination name once, with its service and region.
    names: fasthash::FastMap<Rc<str>, NameInfo>,
    /// Each region name once.
    regions: fasthash::FastMap<&'static str, Rc<str>>,
}

impl Shared {
    /// What `text`, a block's command, says.
    pub fn command(&mut self, text: &str) -> &mut Known {
        let at = match self.commands.get(text) {
            Some(&at) => at,
            None => {
                let parsed = parse_command(text);
                let (fqdn, (service, region)) = self.name(&parsed.target);
                let command: Rc<str> = Rc::from(text);
                self.known.push(Known {
                    command: command.clone(),
                    tool: parsed.tool,
                    port: parsed.port,
                    fqdn,
                    service,
                    region,
                    curl_target: tools::curl::Target::of(&parsed.target),
                    last_evidence: None,
                    last_addresses: Rc::from([]),
                    last_tool: None,
                });
                self.commands.insert(command, self.known.len() - 1);
                self.known.len() - 1
            }
        };
        &mut self.known[at]
    }

    /// The destination name, its service and its region.
    fn name(&mut self, fqdn: &str) -> (Rc<str>, NameInfo) {
        if let Some((name, (service, region))) = self.names.get_key_value(fqdn) {
            return (name.clone(), (*service, region.clone()));
        }
        let service = knowledge::service_of(fqdn);
        let region =
            knowledge::region_of(fqdn).map(|r| self.regions.entry(r.name).or_insert_with(|| Rc::from(r.name)).clone());
        let name: Rc<str> = Rc::from(fqdn);
        self.names.insert(name.clone(), (service, region.clone()));
        (name, (service, region))
    }
}
