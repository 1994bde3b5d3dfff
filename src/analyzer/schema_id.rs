//! The id of a report enum's value as the JSON contract spells it. The
//! spelling lives in one place, the enum's serde attributes
//! (`#[serde(rename_all = "kebab-case")]`, `#[serde(rename = "...")]`); this
//! reads it back from serde, so no second table of ids can disagree.

use serde::ser::{self, Impossible, Serialize, Serializer};
use std::fmt;

/// The id serde writes for `value`, a unit variant of a report enum (""
/// for anything else).
pub fn schema_id<T: Serialize>(value: &T) -> &'static str {
    value.serialize(IdOf).unwrap_or("")
}

/// A serializer that accepts only a unit variant and gives back its name.
struct IdOf;

#[derive(Debug)]
pub struct NotAUnitVariant;

impl fmt::Display for NotAUnitVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a unit variant")
    }
}

impl std::error::Error for NotAUnitVariant {}

impl ser::Error for NotAUnitVariant {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotAUnitVariant
    }
}

type Never = Impossible<&'static str, NotAUnitVariant>;

macro_rules! refuse {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<&'static str, NotAUnitVariant> {
            Err(NotAUnitVariant)
        })*
    };
}

impl Serializer for IdOf {
    type Ok = &'static str;
    type Error = NotAUnitVariant;
    type SerializeSeq = Never;
    type SerializeTuple = Never;
    type SerializeTupleStruct = Never;
    type SerializeTupleVariant = Never;
    type SerializeMap = Never;
    type SerializeStruct = Never;
    type SerializeStructVariant = Never;

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<&'static str, Self::Error> {
        Ok(variant)
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<&'static str, Self::Error> {
        Err(NotAUnitVariant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, Self::Error> {
        Err(NotAUnitVariant)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, Self::Error> {
        Err(NotAUnitVariant)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Never, Self::Error> {
        Err(NotAUnitVariant)
    }

    fn serialize_tuple(self, _: usize) -> Result<Never, Self::Error> {
        Err(NotAUnitVariant)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Never, Self::Error> {
        Err(NotAUnitVariant)
    }

    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Never, Self::Error> {
        Err(NotAUnitVariant)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Never, Self::Error> {
        Err(NotAUnitVariant)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Never, Self::Error> {
        Err(NotAUnitVariant)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Never, Self::Error> {
        Err(NotAUnitVariant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::model::*;

    #[test]
    fn ids_are_serdes_spelling() {
        assert_eq!(schema_id(&Reason::ProxyAuthRequired), "proxy-auth-required");
        assert_eq!(schema_id(&FindingId::RegionSpecificFqdn), "region-specific-fqdn");
        assert_eq!(schema_id(&Service::EntraId), "entra-id");
        assert_eq!(schema_id(&Status::NotRun), "not-run");
        assert_eq!(schema_id(&CheckKind::Https), "https");
        assert_eq!(schema_id(&42u8), "");
        // Each id is what the JSON holds.
        for r in [Reason::Sinkholed, Reason::TlsNameMismatch, Reason::NotInstalled] {
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", schema_id(&r)));
        }
    }
}
