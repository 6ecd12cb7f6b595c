//! Sniffing other profilers' formats: content decides, gzip'd or not; JSON and text that
//! only look alike are "not a profile", and the message lists every format read.

mod common;
mod other_formats;

use other_formats::{profile, read_example};
use proflens::model::Format;
use std::io::Write;

const EXAMPLES: [(&str, Format); 6] = [
    ("work.perf.txt", Format::PerfScript),
    ("work.perf.page-faults.inferno.folded", Format::Folded),
    ("work.cpuprofile", Format::CpuProfile),
    ("work.heapprofile", Format::HeapProfile),
    ("work.cpuprofile.speedscope.json", Format::Speedscope),
    ("heap_t0.pb.gz.speedscope.json", Format::Speedscope),
];

#[test]
fn each_example_is_sniffed_gzipd_or_not() {
    for (name, format) in EXAMPLES {
        let plain = read_example(name);
        let p = profile(&plain);
        assert_eq!(p.format, format, "{name}");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&plain).unwrap();
        assert_eq!(profile(&gz.finish().unwrap()), p, "{name} gzip'd");
    }
}

#[test]
fn look_alikes_are_not_profiles_and_the_message_lists_every_format() {
    let look_alikes: [&[u8]; 5] = [
        b"{\"nodes\": [], \"note\": \"no call frames\"}\n",
        b"{\"head\": {\"name\": \"a tree, not a heap profile\"}}\n",
        b"{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"}\n",
        b"java 25607 4794564.109216: not a sample\n\tnot a frame\n",
        b"Just a sentence, not a stack\n",
    ];
    for text in look_alikes {
        let err = proflens::decode(text).unwrap_err();
        assert_eq!(err.kind(), "not_a_profile", "{}: {err}", String::from_utf8_lossy(text));
        let msg = err.to_string();
        for format in [
            "profile.proto",
            "?debug=1",
            "goroutine dumps",
            "perf script",
            "folded stacks",
            ".cpuprofile",
            ".heapprofile",
            "speedscope",
        ] {
            assert!(msg.contains(format), "{format} missing from: {msg}");
        }
    }
}
