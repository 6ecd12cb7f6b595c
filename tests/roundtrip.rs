//! decode -> encode -> decode gives an identical model, for every corpus profile.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{corpus_profiles, load};
use proflens::encode::encode;

#[test]
fn every_corpus_profile_round_trips() {
    for rel in corpus_profiles() {
        let p = load(&rel);
        let again = proflens::decode(&encode(&p)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(p == again, "{rel}: the model changed in a round trip");
        // And the encoding is stable.
        assert_eq!(encode(&p), encode(&again), "{rel}");
    }
}
