//! Response-side extraction end to end: each seed page through `extract_page` (reader, response
//! types, examples, HTTP facts, reconciliation) gives the answer types, examples and diagnostics
//! the page supports, and every answer type the spec names is defined.

use generator::extract::{self, Options};
use generator::spec::{self, ApiSpec, ExampleFormat, Field, Response, Scalar, TypeRef};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn seed(provider: &str, file: &str) -> ApiSpec {
    let root = workspace();
    let profile_text = std::fs::read_to_string(root.join(format!("specs/providers/{provider}.yaml")))
        .expect("provider profile");
    let profile = spec::profile_from_yaml(&profile_text, provider).expect("valid profile");
    let path = root.join(format!("generator/tests/fixtures/pages/{provider}/{file}"));
    let bytes = std::fs::read(&path).expect("seed page");
    let options = Options::default();
    extract::extract_page(&path.display().to_string(), &bytes, Some(&profile), &options)
        .unwrap_or_else(|e| panic!("{e}: {}", e.help))
        .with_page_lines()
}

/// `(type, field count)` in spec order.
fn counts(response: &Response) -> Vec<(&str, usize)> {
    response.types.iter().map(|t| (t.name.as_str(), t.fields.len())).collect()
}

fn field<'s>(spec: &'s ApiSpec, ty: &str, name: &str) -> &'s Field {
    spec.response
        .types
        .iter()
        .find(|t| t.name == ty)
        .and_then(|t| t.fields.iter().find(|f| f.name == name))
        .unwrap_or_else(|| panic!("no field {ty}.{name}"))
}

fn diagnostic_codes(spec: &ApiSpec) -> Vec<(u32, &str)> {
    spec.diagnostics.iter().map(|d| (d.line, d.code.as_str())).collect()
}

/// Types are unique, the root is the first, every named field type is defined, and every type
/// but the root is used by some field.
fn assert_well_formed(spec: &ApiSpec) {
    let response = &spec.response;
    let names: BTreeSet<&str> = response.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names.len(), response.types.len(), "duplicate type names");
    assert_eq!(response.types.first().map(|t| t.name.as_str()), Some(response.root.as_str()));
    let mut used = BTreeSet::new();
    for def in &response.types {
        let mut fields = BTreeSet::new();
        for field in &def.fields {
            assert!(fields.insert(field.name.as_str()), "{}.{} twice", def.name, field.name);
            assert!(field.origin.line > 0, "{}.{} has no line", def.name, field.name);
            if let TypeRef::Named(name) = &field.ty {
                assert!(names.contains(name.as_str()), "{}.{} names undefined {name}", def.name, field.name);
                used.insert(name.as_str());
            }
        }
    }
    for def in response.types.iter().skip(1) {
        assert!(used.contains(def.name.as_str()), "type {} is not used", def.name);
    }
}

/// The deepest chain of named types below the root (the root alone is 1).
fn depth(response: &Response, name: &str) -> usize {
    let Some(def) = response.types.iter().find(|t| t.name == name) else { return 0 };
    1 + def
        .fields
        .iter()
        .filter_map(|f| match &f.ty {
            TypeRef::Named(named) if named != name => Some(depth(response, named)),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn seed_000_qingcloud() {
    let spec = seed("qingcloud", "DescribeImages.md");
    assert_well_formed(&spec);
    assert_eq!(spec.response.root, "DescribeImagesResponse");
    assert_eq!(counts(&spec.response), [("DescribeImagesResponse", 4), ("Image", 16)]);
    assert_eq!(depth(&spec.response, &spec.response.root), 2);
    assert!(field(&spec, "Image", "description").nullable);
    let sub_code = field(&spec, "Image", "sub_code");
    assert!(sub_code.origin.example);
    assert_eq!(sub_code.origin.line, 80);
    assert!(diagnostic_codes(&spec).contains(&(80, "undocumented-field")));
    assert_eq!(spec.examples.requests.len(), 1);
    assert_eq!(spec.examples.responses.len(), 1);
    assert_eq!(spec.examples.responses[0].origin.line, 72);
}

#[test]
fn seed_001_tencent() {
    let spec = seed("tencent", "DescribeImages.md");
    assert_well_formed(&spec);
    assert_eq!(counts(&spec.response), [("DescribeImagesResponse", 4), ("Image", 8)]);
    assert_eq!(field(&spec, "Image", "creator").aliases, ["createor"]);
    assert!(diagnostic_codes(&spec).iter().any(|(_, code)| *code == "typo"));
    assert_eq!(field(&spec, "Image", "status").enumeration.as_ref().map(|e| e.values.len()), Some(5));
    assert_eq!(spec.http.endpoint.as_deref(), Some("https://image.api.qcloud.com"));
    assert_eq!(spec.http.path, "/v2/index.php");
}

#[test]
fn seed_002_qingcloud_private() {
    let spec = seed("qingcloud-private", "DescribeImages.txt");
    assert_well_formed(&spec);
    assert_eq!(counts(&spec.response), [("DescribeImagesResponse", 4), ("Image", 17), ("Tag", 6)]);
    assert_eq!(depth(&spec.response, &spec.response.root), 3);
    let tags = field(&spec, "Image", "tags");
    assert_eq!((&tags.ty, tags.array), (&TypeRef::Named("Tag".to_owned()), true));
    let codes = diagnostic_codes(&spec);
    for expected in [(212, "type-contradicted-by-example"), (144, "placeholder")] {
        assert!(codes.contains(&expected), "{expected:?} missing from {codes:?}");
    }
    assert_eq!((spec.http.method.as_str(), spec.http.path.as_str()), ("GET", "/iaas"));
}

#[test]
fn seed_003_aliyun() {
    let spec = seed("aliyun", "DescribeImages.md");
    assert_well_formed(&spec);
    assert_eq!(
        counts(&spec.response),
        [("DescribeImagesResponse", 6), ("Image", 25), ("DiskDeviceMapping", 9), ("Tag", 2)]
    );
    assert_eq!(depth(&spec.response, &spec.response.root), 3);
    for (ty, name, wrapper) in [
        ("DescribeImagesResponse", "Images", "Image"),
        ("Image", "DiskDeviceMappings", "DiskDeviceMapping"),
        ("Image", "Tags", "Tag"),
    ] {
        let list = field(&spec, ty, name);
        assert_eq!((list.array, list.wrapper.as_deref()), (true, Some(wrapper)), "{ty}.{name}");
    }
    assert_eq!(field(&spec, "DiskDeviceMapping", "Size").ty, TypeRef::Scalar(Scalar::String));
    assert!(diagnostic_codes(&spec).contains(&(120, "inconsistent-type")));
    let formats: Vec<ExampleFormat> = spec.examples.responses.iter().map(|e| e.format).collect();
    assert_eq!(formats, [ExampleFormat::Xml, ExampleFormat::Json]);
    assert_eq!(spec.examples.requests[0].origin.line, 174);
}

#[test]
fn seed_004_jdcloud() {
    let spec = seed("jdcloud", "describeImages.md");
    assert_well_formed(&spec);
    assert_eq!(spec.response.types.len(), 9);
    assert_eq!(counts(&spec.response)[..3], [("DescribeImagesResponse", 2), ("Result", 2), ("Image", 20)]);
    assert_eq!(depth(&spec.response, &spec.response.root), 6);
    assert_eq!(spec.http.path, "/v1/regions/{regionId}/images");
    assert_eq!(spec.http.method, "GET");
    assert!(spec.examples.is_empty());
}
