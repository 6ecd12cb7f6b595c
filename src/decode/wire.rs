//! A minimal protobuf wire reader over a byte slice: varints, tags and length-delimited
//! fields. It never allocates and never reads past the slice; every failure is a
//! [`WireError`] that the caller turns into a [`DecodeError`](super::DecodeError).

/// What went wrong at the wire level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireError {
    /// The slice ended inside a varint or a length-delimited field.
    Eof,
    /// A varint longer than 10 bytes, or a wire type that does not exist.
    Malformed,
}

/// Protobuf wire types that profile.proto uses (plus the fixed ones, to skip them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireType {
    Varint,
    Fixed64,
    Len,
    Fixed32,
}

/// A cursor over one message's bytes.
#[derive(Clone)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.buf.len()
    }

    pub fn position(&self) -> usize {
        self.pos
    }

    #[inline]
    pub fn varint(&mut self) -> Result<u64, WireError> {
        let buf = self.buf;
        let mut pos = self.pos;
        // Fast path: most varints in a profile are one byte.
        if let Some(&b) = buf.get(pos) {
            if b < 0x80 {
                self.pos = pos + 1;
                return Ok(b as u64);
            }
        }
        let mut value = 0u64;
        let mut shift = 0u32;
        loop {
            let b = *buf.get(pos).ok_or(WireError::Eof)?;
            pos += 1;
            if shift == 63 && b > 1 {
                return Err(WireError::Malformed);
            }
            value |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                self.pos = pos;
                return Ok(value);
            }
            shift += 7;
            if shift > 63 {
                return Err(WireError::Malformed);
            }
        }
    }

    /// Reads a field key: (field number, wire type).
    #[inline]
    pub fn key(&mut self) -> Result<(u32, WireType), WireError> {
        let k = self.varint()?;
        let wt = match k & 7 {
            0 => WireType::Varint,
            1 => WireType::Fixed64,
            2 => WireType::Len,
            5 => WireType::Fixed32,
            _ => return Err(WireError::Malformed),
        };
        let field = k >> 3;
        if field == 0 || field > u32::MAX as u64 {
            return Err(WireError::Malformed);
        }
        Ok((field as u32, wt))
    }

    /// Reads the payload of a length-delimited field.
    #[inline]
    pub fn bytes(&mut self) -> Result<&'a [u8], WireError> {
        let len = self.varint()?;
        let end = (self.pos as u64).checked_add(len).ok_or(WireError::Eof)?;
        if end > self.buf.len() as u64 {
            return Err(WireError::Eof);
        }
        let s = &self.buf[self.pos..end as usize];
        self.pos = end as usize;
        Ok(s)
    }

    /// Skips a field's payload of the given wire type.
    pub fn skip(&mut self, wt: WireType) -> Result<(), WireError> {
        let n = match wt {
            WireType::Varint => return self.varint().map(|_| ()),
            WireType::Len => return self.bytes().map(|_| ()),
            WireType::Fixed64 => 8,
            WireType::Fixed32 => 4,
        };
        if self.buf.len() - self.pos < n {
            return Err(WireError::Eof);
        }
        self.pos += n;
        Ok(())
    }

    /// Reads a repeated integer field that may be packed (`Len`) or a single `Varint`,
    /// calling `each` for every element.
    #[inline]
    pub fn repeated_varint(
        &mut self,
        wt: WireType,
        mut each: impl FnMut(u64) -> Result<(), WireError>,
    ) -> Result<(), WireError> {
        match wt {
            WireType::Varint => each(self.varint()?),
            WireType::Len => {
                let mut inner = Reader::new(self.bytes()?);
                while !inner.is_empty() {
                    each(inner.varint()?)?;
                }
                Ok(())
            }
            _ => Err(WireError::Malformed),
        }
    }
}
