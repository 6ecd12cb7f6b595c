//! `runtime.MemStats`, as Go prints it at the end of the text form of a heap or allocs
//! profile (`?debug=1`). It is the process's own account of its memory (what the heap
//! really holds, what the OS gave it, how many collections ran), beside the sampled
//! profile, so a user can see whether the sampled heap tracks the real one.
//!
//! Fields are kept in the order of the block and under their `runtime.MemStats` names.
//! Go prints three pairs as one line (`# Stack = 360448 / 360448`); they are split into the
//! struct's own two fields (`StackInuse`, `StackSys`). Fields this code does not know (a
//! newer Go version's) are kept all the same, with their value read as well as it can be.

/// The block, field by field, in the order it was printed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemStats {
    pub fields: Vec<MemStat>,
}

/// One field: its name (`HeapInuse`) and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemStat {
    pub name: String,
    pub value: MemStatValue,
}

/// A field's value. Go's fields are unsigned integers, the 256-entry pause rings
/// (`PauseNs`, `PauseEnd`), one float (`GCCPUFraction`) and one bool (`DebugGC`); anything
/// else is kept as its text.
#[derive(Debug, Clone, PartialEq)]
pub enum MemStatValue {
    Int(u64),
    /// Always finite: a value that parses to NaN or infinity is kept as [`MemStatValue::Text`].
    Float(f64),
    Bool(bool),
    List(Vec<u64>),
    Text(String),
}

// Floats are never NaN (see `Float`), so equality is reflexive.
impl Eq for MemStatValue {}

impl MemStats {
    pub fn get(&self, name: &str) -> Option<&MemStatValue> {
        self.fields.iter().find(|f| f.name == name).map(|f| &f.value)
    }

    /// The value of an integer field.
    pub fn int(&self, name: &str) -> Option<u64> {
        match self.get(name)? {
            MemStatValue::Int(n) => Some(*n),
            _ => None,
        }
    }
}

/// What a field measures, in pprof's unit names where pprof has one: `bytes`, `count`,
/// `nanoseconds` (a duration); or `unix_nanoseconds` (a time since the Unix epoch),
/// `fraction` (0 to 1), or `""` when unknown. Shared by the CLI and the web app so both
/// scale a field the same way.
pub fn unit_of(name: &str) -> &'static str {
    match name {
        "Alloc" | "TotalAlloc" | "Sys" | "HeapAlloc" | "HeapSys" | "HeapIdle" | "HeapInuse"
        | "HeapReleased" | "StackInuse" | "StackSys" | "MSpanInuse" | "MSpanSys" | "MCacheInuse"
        | "MCacheSys" | "BuckHashSys" | "GCSys" | "OtherSys" | "NextGC" | "MaxRSS" => "bytes",
        "Lookups" | "Mallocs" | "Frees" | "HeapObjects" | "NumGC" | "NumForcedGC" => "count",
        "PauseNs" | "PauseTotalNs" => "nanoseconds",
        "LastGC" | "PauseEnd" => "unix_nanoseconds",
        "GCCPUFraction" => "fraction",
        _ => "",
    }
}

/// The most recent entries of a pause ring (`PauseNs`, `PauseEnd`), oldest first. Go
/// writes pause `k` (counting from 1) at index `(k + 255) % 256`, so the last of `num_gc`
/// pauses is at `(num_gc + 255) % 256` and at most 256 are kept.
pub fn recent_pauses(ring: &[u64], num_gc: u64) -> Vec<u64> {
    let len = ring.len() as u64;
    if len == 0 {
        return Vec::new();
    }
    let kept = num_gc.min(len);
    (num_gc - kept..num_gc).map(|k| ring[(k % len) as usize]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pause_ring_order() {
        let ring: Vec<u64> = (0..256).collect();
        assert_eq!(recent_pauses(&ring, 2), vec![0, 1]);
        assert_eq!(recent_pauses(&ring, 0), Vec::<u64>::new());
        // 258 pauses: the ring wrapped twice; the oldest kept is pause 3, at index 2.
        let got = recent_pauses(&ring, 258);
        assert_eq!((got.len(), got[0], got[255]), (256, 2, 1));
    }
}
