//! Any text through the spec loader: specs, overlays and provider profiles. No panic; an accepted
//! spec writes back to YAML that loads again into the same spec.
#![no_main]

use generator::spec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(spec) = spec::from_yaml(text, "fuzz.yaml") {
        let written = spec::to_yaml(&spec);
        let again = spec::from_yaml(&written, "fuzz.yaml").expect("a written spec loads");
        assert_eq!(spec::to_yaml(&again), written);
    }
    let _ = spec::overlay_from_yaml(text, "fuzz.yaml");
    let _ = spec::profile_from_yaml(text, "fuzz.yaml");
    let _ = spec::hand_edited(text);
});
