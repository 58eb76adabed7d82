//! Pages that are not in the corpus, written by hand in its layouts (generator/tests/fixtures/
//! new_pages/): an Alibaba page whose example request sets values its parameters cannot take and
//! whose answer mixes types; a Tencent v2 page whose example skips an index, sets a name twice and
//! answers one object where the table says `Array`; an API 3.0 page naming the profile's shared
//! types with an example numbered from 1; a JD Cloud POST with a nested body; a private cloud's text
//! page naming one operator's host. The main command reads them in a scratch tree beside the
//! providers' profiles and writes their specs and client (whose code it parses) without a failure,
//! and each spec marks exactly what its examples get wrong.

mod common;

use generator::spec::{self, ApiSpec};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Scratch {
    root: PathBuf,
}

impl Scratch {
    /// The providers' profiles and the new pages, as a maintainer would drop them under specs/.
    fn new() -> Scratch {
        let root = std::env::temp_dir().join(format!("yunapi-new-pages-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        common::copy_dir(&manifest.join("../specs/providers"), &root.join("specs/providers"));
        common::copy_dir(&manifest.join("tests/fixtures/new_pages"), &root.join("specs/sources"));
        Scratch { root }
    }

    fn run(&self, check: bool) -> std::process::Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_generator"));
        if check {
            command.arg("--check");
        }
        command.arg(self.root.join("specs")).arg(self.root.join("out"));
        command.output().expect("the generator runs")
    }

    fn spec(&self, provider: &str, action: &str) -> ApiSpec {
        let path = self.root.join(format!("specs/{provider}/{action}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        spec::from_yaml(&text, &path.display().to_string()).expect("the spec reads")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn left_out(spec: &ApiSpec) -> Vec<(&str, &str)> {
    spec.examples.requests[0].left_out.iter().map(|l| (l.param.as_str(), l.code.as_str())).collect()
}

fn field<'s>(spec: &'s ApiSpec, ty: &str, name: &str) -> &'s spec::Field {
    let def = spec.response.types.iter().chain(&spec.request_types).find(|t| t.name == ty);
    def.and_then(|t| t.fields.iter().find(|f| f.name == name)).unwrap_or_else(|| panic!("{ty}.{name}"))
}

#[test]
fn new_pages_of_the_corpus_layouts_go_through_and_their_examples_are_marked() {
    let scratch = Scratch::new();
    let run = scratch.run(false);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("pages 5 (0 unchanged, 0 failed)"), "{stderr}");
    assert!(scratch.run(true).status.success(), "a second run finds everything fresh");

    let v3 = scratch.spec("tencent-v3", "InquiryPriceRunInstances");
    for shared in ["Placement", "InstanceChargePrepaid", "DataDisk", "InternetAccessible"] {
        let def = v3.request_types.iter().find(|t| t.name == shared).unwrap_or_else(|| panic!("{shared}"));
        assert_eq!(def.origin.profile.as_deref(), Some(shared));
    }
    assert_eq!(field(&v3, "ItemPrice", "UnitPrice").origin.profile.as_deref(), Some("ItemPrice.UnitPrice"));
    let example = &v3.examples.requests[0];
    assert_eq!(example.index_base, Some(1));
    assert_eq!(left_out(&v3), [("InternetAccessible.PublicIpAssigned", "example-value")]);
    let checked: Vec<String> = example.checked_params(0).into_iter().map(|(name, _)| name).collect();
    assert!(checked.contains(&"DataDisks.0.DiskSize".to_owned()), "{checked:?}");

    let aliyun = scratch.spec("aliyun", "DescribeResourceStatus");
    assert_eq!(
        left_out(&aliyun),
        [
            ("ResourceIds", "example-value"),
            ("Status", "example-value"),
            ("Weight", "example-value"),
            ("MaxResults", "example-value"),
            ("ResourceType", "example-value"),
            ("Description", "undocumented-parameter"),
        ]
    );
    let example = &aliyun.examples.requests[0];
    assert!(example.params.contains(&("Description".to_owned(), "a b".to_owned())), "a %20 is a blank");
    assert_eq!(field(&aliyun, "Resource", "Size").ty, spec::TypeRef::Scalar(spec::Scalar::String));
    assert_eq!(field(&aliyun, "Resource", "Owner").ty, spec::TypeRef::Scalar(spec::Scalar::String));
    assert_eq!(field(&aliyun, "Resource", "Labels").ty, spec::TypeRef::Scalar(spec::Scalar::Json));

    let tencent = scratch.spec("tencent", "DescribeThings");
    assert_eq!(
        left_out(&tencent),
        [
            ("thingIds.2", "example-value"),
            ("kind", "example-value"),
            ("verbose", "example-value"),
            ("kind", "example-value"),
        ]
    );
    assert!(!field(&tencent, "DescribeThingsResponse", "data").array, "one object, as the example shows");

    let jd = scratch.spec("jdcloud", "createVolumes");
    assert!(jd.examples.requests[0].left_out.is_empty(), "{:?}", jd.examples.requests[0].left_out);
    let params = &jd.examples.requests[0].params;
    for pair in [("diskSpec.tags.2", "b"), ("encrypted", "False"), ("regionId", "cn-north-1")] {
        assert!(params.contains(&(pair.0.to_owned(), pair.1.to_owned())), "{pair:?} in {params:?}");
    }

    let private = scratch.spec("qingcloud-private", "DescribeVolumeSnapshots");
    assert_eq!(private.http.endpoint, None, "the user's domain, not the page's host");
    assert!(private.diagnostics.iter().any(|d| d.code == "operator-host"));
    assert!(private.examples.requests[0].left_out.is_empty());

    let code = std::fs::read_to_string(scratch.root.join("out/tencent/describe_things.rs")).expect("code");
    assert!(code.contains("fn example_request_1_is_reproduced"), "the example's test is generated");
    assert!(code.contains("It leaves out what the page gets wrong"), "and says what it leaves out");
}
