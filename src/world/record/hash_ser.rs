//! A compact canonical binary encoding of serde values, used to fingerprint the event
//! log cheaply: SHA-256 over this encoding of every entry, in order.
//!
//! The encoding is bincode-like and platform independent: unsigned integers as LEB128
//! varints, signed ones zig-zag encoded, floats as IEEE-754 little-endian bits,
//! strings and byte strings length-prefixed, enum variants by index, struct fields in
//! declaration order without names, options as a 0/1 tag, sequences and maps ended by
//! a 0xFF marker after varint-tagged elements. Same value ⇒ same bytes, native or wasm.

use serde::ser::{self, Serialize};

/// Appends the canonical encoding of `value` to `out`.
pub fn encode<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    value
        .serialize(&mut Enc { out })
        .expect("canonical encoding never fails");
}

struct Enc<'a> {
    out: &'a mut Vec<u8>,
}

/// The encoder never fails; this type only satisfies serde's signature.
#[derive(Debug)]
pub struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unreachable")
    }
}
impl std::error::Error for Never {}
impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        Never
    }
}

const ELEMENT: u8 = 0x01;
const END: u8 = 0xFF;

impl Enc<'_> {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }
    fn zigzag(&mut self, v: i64) {
        self.varint(((v << 1) ^ (v >> 63)) as u64);
    }
    fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.out.extend_from_slice(b);
    }
}

macro_rules! uints { ($($f:ident $t:ty),*) => { $(fn $f(self, v: $t) -> Result<(), Never> { self.varint(v as u64); Ok(()) })* } }
macro_rules! sints { ($($f:ident $t:ty),*) => { $(fn $f(self, v: $t) -> Result<(), Never> { self.zigzag(v as i64); Ok(()) })* } }

impl<'a, 'b> ser::Serializer for &'a mut Enc<'b> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    uints!(serialize_u8 u8, serialize_u16 u16, serialize_u32 u32, serialize_u64 u64);
    sints!(serialize_i8 i8, serialize_i16 i16, serialize_i32 i32, serialize_i64 i64);

    fn serialize_bool(self, v: bool) -> Result<(), Never> {
        self.out.push(u8::from(v));
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Never> {
        self.out.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Never> {
        self.out.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Never> {
        self.varint(u64::from(v));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.bytes(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Never> {
        self.bytes(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        self.out.push(0);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Never> {
        self.out.push(1);
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, i: u32, _: &'static str) -> Result<(), Never> {
        self.varint(u64::from(i));
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.varint(u64::from(i));
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.varint(u64::from(i));
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self, Never> {
        // Internally tagged enums arrive as structs whose tag is a field: the name keeps
        // two different variants with equal fields apart.
        self.bytes(name.as_bytes());
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.varint(u64::from(i));
        Ok(self)
    }
}

impl ser::SerializeSeq for &mut Enc<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
        self.out.push(ELEMENT);
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        self.out.push(END);
        Ok(())
    }
}

macro_rules! fixed_seq {
    ($tr:ident, $m:ident) => {
        impl ser::$tr for &mut Enc<'_> {
            type Ok = ();
            type Error = Never;
            fn $m<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        }
    };
}
fixed_seq!(SerializeTuple, serialize_element);
fixed_seq!(SerializeTupleStruct, serialize_field);
fixed_seq!(SerializeTupleVariant, serialize_field);

impl ser::SerializeMap for &mut Enc<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Never> {
        self.out.push(ELEMENT);
        k.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        self.out.push(END);
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Enc<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        v.serialize(&mut **self)
    }
    fn skip_field(&mut self, _: &'static str) -> Result<(), Never> {
        self.out.push(0xFE);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Enc<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn encoding_is_stable_and_distinguishes_values() {
        let mut a = Vec::new();
        encode(&(300u64, "ab", Some(-2i32), vec![1u8, 2]), &mut a);
        assert_eq!(a, vec![0xAC, 0x02, 2, b'a', b'b', 1, 3, 1, 1, 1, 2, 0xFF]);
        let mut b = Vec::new();
        encode(&(300u64, "ab", None::<i32>, vec![1u8, 2]), &mut b);
        assert_ne!(a, b);
    }
}
