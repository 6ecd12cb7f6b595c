//! speedscope's JSON file format (what speedscope exports, and py-spy's and rbspy's
//! default): frames shared by all profiles (`shared.frames`: name, file, line, col), and
//! profiles that are either `sampled` (stacks of frame indexes, root first, and a weight
//! each) or `evented` (open and close events at times: the time between two events goes
//! to the stack open then).
//!
//! [`read_each`] makes one profile of each, named; a single read ([`READER`]) merges
//! them into one, each profile's samples labelled `profile` with its name, so filters
//! and `-tagfocus` pick one. A profile's unit decides its sample type: time units give
//! `time/nanoseconds`, `bytes` gives `space/bytes`, `none` gives `samples/count`.
//! Weights that are not whole are rounded.

use super::builder::{FrameLine, ProfileBuilder, NO_MAPPING};
use super::reader::Reader;
use super::{DecodeError, Decoded};
use crate::model::{Format, LabelSetId, Profile, StackId};
use serde::Deserialize;

pub(crate) const READER: Reader = Reader {
    name: "speedscope JSON (sampled and evented profiles)",
    sniff,
    read: |data| read(data).map(Decoded::Profile),
};

const WHAT: &str = "speedscope JSON";

#[derive(Deserialize)]
struct File {
    shared: Shared,
    #[serde(default)]
    profiles: Vec<SpeedscopeProfile>,
}

#[derive(Deserialize)]
struct Shared {
    frames: Vec<Frame>,
}

#[derive(Deserialize)]
struct Frame {
    name: String,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    line: Option<i64>,
    #[serde(default)]
    col: Option<i64>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum SpeedscopeProfile {
    #[serde(rename = "sampled")]
    Sampled {
        #[serde(default)]
        name: String,
        unit: String,
        samples: Vec<Vec<usize>>,
        weights: Vec<f64>,
    },
    #[serde(rename = "evented")]
    Evented {
        #[serde(default)]
        name: String,
        unit: String,
        #[serde(rename = "startValue")]
        start_value: f64,
        events: Vec<Event>,
    },
}

#[derive(Deserialize)]
struct Event {
    #[serde(rename = "type")]
    kind: String,
    frame: usize,
    at: f64,
}

fn sniff(data: &[u8]) -> bool {
    data.trim_ascii_start().starts_with(b"{")
        && memchr::memmem::find(data, b"speedscope.app/file-format-schema.json").is_some()
}

/// The profiles of a speedscope file that holds several, each with its name; `None` for
/// anything else (another format, or a file of one profile, which a plain read gives).
pub fn several(data: &[u8]) -> Option<Result<Vec<(String, Profile)>, DecodeError>> {
    if !sniff(data) {
        return None;
    }
    match read_each(data) {
        Ok(each) if each.len() < 2 => None,
        other => Some(other),
    }
}

/// Every profile of a speedscope file, each with its name.
pub fn read_each(data: &[u8]) -> Result<Vec<(String, Profile)>, DecodeError> {
    let file = parse(data)?;
    (0..file.profiles.len())
        .map(|i| {
            let mut b = ProfileBuilder::new(Format::Speedscope, &[]);
            let mut frames = Frames::new(&file.shared.frames);
            add_profile(&mut b, &mut frames, &file, i, LabelSetId(0))?;
            Ok((profile_name(&file.profiles[i]).to_string(), b.finish()))
        })
        .collect()
}

fn read(data: &[u8]) -> Result<Profile, DecodeError> {
    let file = parse(data)?;
    let mut b = ProfileBuilder::new(Format::Speedscope, &[]);
    let mut frames = Frames::new(&file.shared.frames);
    for i in 0..file.profiles.len() {
        let labels = match file.profiles.len() {
            1 => LabelSetId(0),
            _ => {
                let name = b.str(profile_name(&file.profiles[i]));
                let label = b.str_label("profile", name);
                b.labels(&[label])
            }
        };
        add_profile(&mut b, &mut frames, &file, i, labels)?;
    }
    Ok(b.finish())
}

fn parse(data: &[u8]) -> Result<File, DecodeError> {
    serde_json::from_slice(data).map_err(|e| super::v8::json_error(WHAT, e))
}

fn profile_name(p: &SpeedscopeProfile) -> &str {
    match p {
        SpeedscopeProfile::Sampled { name, .. } | SpeedscopeProfile::Evented { name, .. } => name,
    }
}

/// The sample type of a unit and the factor to it.
fn sample_type(unit: &str) -> Option<((&'static str, &'static str), f64)> {
    Some(match unit {
        "nanoseconds" => (("time", "nanoseconds"), 1.0),
        "microseconds" => (("time", "nanoseconds"), 1e3),
        "milliseconds" => (("time", "nanoseconds"), 1e6),
        "seconds" => (("time", "nanoseconds"), 1e9),
        "bytes" => (("space", "bytes"), 1.0),
        "none" => (("samples", "count"), 1.0),
        _ => return None,
    })
}

fn add_profile(
    b: &mut ProfileBuilder,
    frames: &mut Frames,
    file: &File,
    i: usize,
    labels: LabelSetId,
) -> Result<(), DecodeError> {
    let bad = |detail: String| DecodeError::corrupt("speedscope JSON: profiles", Some(i), detail);
    let unit = match &file.profiles[i] {
        SpeedscopeProfile::Sampled { unit, .. } | SpeedscopeProfile::Evented { unit, .. } => unit,
    };
    let ((ty, ty_unit), factor) = sample_type(unit).ok_or_else(|| bad(format!("unknown unit `{unit}`")))?;
    let t = b.sample_type(ty, ty_unit);
    let value = |w: f64| (w * factor).round().clamp(i64::MIN as f64, i64::MAX as f64) as i64;
    match &file.profiles[i] {
        SpeedscopeProfile::Sampled { samples, weights, .. } => {
            if samples.len() != weights.len() {
                return Err(bad(format!("{} samples but {} weights", samples.len(), weights.len())));
            }
            for (s, (stack, &w)) in samples.iter().zip(weights).enumerate() {
                let mut node = StackId::EMPTY;
                for &f in stack {
                    let location =
                        frames.location(b, f).ok_or_else(|| bad(format!("sample {s}: no frame {f}")))?;
                    node = b.child(node, location);
                }
                b.add(node, labels, t, value(w));
            }
        }
        SpeedscopeProfile::Evented { start_value, events, .. } => {
            let mut open: Vec<(usize, StackId)> = Vec::new();
            let mut last = *start_value;
            for (k, e) in events.iter().enumerate() {
                if let Some(&(_, node)) = open.last() {
                    b.add(node, labels, t, value(e.at - last));
                }
                last = e.at;
                match &e.kind[..] {
                    "O" => {
                        let parent = open.last().map_or(StackId::EMPTY, |&(_, n)| n);
                        let location = frames
                            .location(b, e.frame)
                            .ok_or_else(|| bad(format!("event {k}: no frame {}", e.frame)))?;
                        open.push((e.frame, b.child(parent, location)));
                    }
                    "C" => match open.pop() {
                        Some((f, _)) if f == e.frame => {}
                        _ => {
                            return Err(bad(format!(
                                "event {k} closes frame {}, which is not the open one",
                                e.frame
                            )))
                        }
                    },
                    other => return Err(bad(format!("event {k}: unknown type `{other}`"))),
                }
            }
        }
    }
    Ok(())
}

/// Locations made from the shared frames, as they are first used.
struct Frames<'a> {
    frames: &'a [Frame],
    locations: Vec<u32>,
}

impl<'a> Frames<'a> {
    fn new(frames: &'a [Frame]) -> Self {
        Frames { frames, locations: vec![u32::MAX; frames.len()] }
    }

    fn location(&mut self, b: &mut ProfileBuilder, i: usize) -> Option<u32> {
        let frame = self.frames.get(i)?;
        if self.locations[i] == u32::MAX {
            let name = b.str(&frame.name);
            let file = b.str(frame.file.as_deref().unwrap_or_default());
            let function = b.function(name, file);
            let (line, column) = (frame.line.unwrap_or(0).max(0), frame.col.unwrap_or(0).max(0));
            self.locations[i] = b.location(NO_MAPPING, 0, &[FrameLine { function, line, column }]);
        }
        Some(self.locations[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"{"$schema":"https://www.speedscope.app/file-format-schema.json",
        "shared":{"frames":[{"name":"main"},{"name":"work","file":"a.py","line":3}]},
        "profiles":[
          {"type":"sampled","name":"thread 1","unit":"seconds","startValue":0,"endValue":1,
           "samples":[[0,1],[0],[0,1]],"weights":[0.25,0.5,0.25]},
          {"type":"evented","name":"thread 2","unit":"none","startValue":10,"endValue":20,
           "events":[{"type":"O","frame":0,"at":10},{"type":"O","frame":1,"at":12},
                     {"type":"C","frame":1,"at":15},{"type":"C","frame":0,"at":20}]}]}"#;

    #[test]
    fn each_profile_named_and_merged_with_labels() {
        assert!(sniff(TWO.as_bytes()));
        let each = read_each(TWO.as_bytes()).unwrap();
        let names: Vec<&str> = each.iter().map(|(n, _)| &n[..]).collect();
        assert_eq!(names, ["thread 1", "thread 2"]);
        let p = &each[0].1;
        assert_eq!(p.samples.values, [vec![500_000_000, 500_000_000]]);
        let p = &each[1].1;
        assert_eq!(p.str(p.sample_types[0].ty), "samples");
        assert_eq!(p.samples.values, [vec![7, 3]]);
        let merged = read(TWO.as_bytes()).unwrap();
        assert_eq!(merged.sample_types.len(), 2);
        assert_eq!(merged.label_sets.len(), 3);
    }

    #[test]
    fn bad_events_are_corrupt() {
        let bad = TWO.replace(r#"{"type":"C","frame":1,"at":15}"#, r#"{"type":"C","frame":0,"at":15}"#);
        let err = read(bad.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), "corrupt");
        assert!(err.to_string().contains("event 2"), "{err}");
    }
}
