//! Spec → code never panics and always parses, whatever names and texts a page gives: property
//! test over the golden fixture with arbitrary strings put in every name and description.

use generator::codegen;
use generator::spec::{self, ApiSpec, Profile, TypeRef};
use proptest::prelude::*;

fn fixture() -> (ApiSpec, Profile) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden");
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).expect("fixture");
    let spec = spec::from_yaml(&read("aliyun/DescribeZones.yaml"), "DescribeZones.yaml").expect("spec");
    let profile = spec::profile_from_yaml(&read("providers/aliyun.yaml"), "aliyun.yaml").expect("profile");
    (spec, profile)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_names_and_texts_generate_code_that_parses(
        words in prop::collection::vec(any::<String>(), 12),
        base in 0u32..2,
    ) {
        let (mut spec, mut profile) = fixture();
        profile.list_index_base = base;
        spec.action = words[0].clone();
        spec.summary = Some(words[1].clone());
        spec.source.page = words[2].clone();
        for (i, param) in spec.request.iter_mut().enumerate() {
            param.name = words[3 + i % 3].clone();
            param.description = Some(words[6].clone());
            if let Some(list) = param.list.as_mut() {
                list.prefix = Some(words[7].clone());
            }
            if let Some(e) = param.enumeration.as_mut() {
                e.values[0].value = words[8].clone();
                e.values[0].meaning = Some(words[9].clone());
            }
        }
        for def in &mut spec.response.types {
            for field in &mut def.fields {
                field.name = words[10].clone();
                field.aliases = vec![words[11].clone()];
                if let TypeRef::Named(name) = &mut field.ty {
                    name.clone_from(&words[4]);
                }
            }
        }
        spec.errors[0].code = words[5].clone();
        let names = codegen::name_apis(&[&spec.action]);
        let code = codegen::api_file(&spec, &profile, &names[0]).expect("generation succeeds");
        prop_assert!(syn::parse_file(&code).is_ok(), "{code}");
        let module = codegen::provider_file(&profile, &names, false).expect("provider module");
        prop_assert!(syn::parse_file(&module).is_ok());
    }
}
