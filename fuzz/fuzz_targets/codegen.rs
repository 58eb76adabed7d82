//! Spec → code: any text that loads as a spec is generated against its provider's profile; the
//! generator must not panic, and the code it gives must parse with syn.
#![no_main]

use generator::codegen;
use generator::spec;
use libfuzzer_sys::fuzz_target;

/// The provider profiles, by provider name.
const PROFILES: &[(&str, &str)] = &[
    ("aliyun", include_str!("../../specs/providers/aliyun.yaml")),
    ("jdcloud", include_str!("../../specs/providers/jdcloud.yaml")),
    ("qingcloud", include_str!("../../specs/providers/qingcloud.yaml")),
    ("qingcloud-private", include_str!("../../specs/providers/qingcloud-private.yaml")),
    ("tencent", include_str!("../../specs/providers/tencent.yaml")),
    ("tencent-v3", include_str!("../../specs/providers/tencent-v3.yaml")),
];

fuzz_target!(|text: &str| {
    let Ok(spec) = spec::from_yaml(text, "fuzz.yaml") else { return };
    let profile =
        PROFILES.iter().find(|(name, _)| *name == spec.provider).map_or(PROFILES[0].1, |(_, yaml)| yaml);
    let profile = spec::profile_from_yaml(profile, "profile.yaml").expect("the profiles load");
    let names = codegen::name_apis(&[spec.action.as_str()]);
    let Some(names) = names.first() else { return };
    if let Ok(code) = codegen::api_file(&spec, &profile, names) {
        if let Err(error) = syn::parse_file(&code) {
            panic!("generated code does not parse: {error}\n{code}");
        }
    }
});
