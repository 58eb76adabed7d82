//! Elements that pages state rarely, or that the extractor does not read yet (lengths, patterns,
//! conditional ranges, steps, conditions, idempotency tokens, versions, JSON lists, profiles):
//! each edited in a small spec and diffed.

use super::{Check, Level, Tree, diff};
use crate::spec::*;

fn profile() -> Profile {
    profile_from_yaml(include_str!("../../tests/fixtures/golden/providers/aliyun.yaml"), "aliyun.yaml")
        .expect("fixture profile")
}

/// `CreateDisk` with a name, a size, a type and a list of ids; a `Tag` request object; an answer.
fn base() -> ApiSpec {
    let origin = Origin::page(1);
    let mut name = Param::new("DiskName", Location::Query, TypeRef::Scalar(Scalar::String), origin.clone());
    name.length =
        Some(Length { min: Some(2), max: Some(128), unit: LengthUnit::Chars, origin: origin.clone() });
    let mut size = Param::new("Size", Location::Query, TypeRef::Scalar(Scalar::Integer), origin.clone());
    size.range = Some(Range { min: Some(20), max: Some(32768), step: None, origin: origin.clone() });
    let mut category =
        Param::new("Category", Location::Query, TypeRef::Scalar(Scalar::String), origin.clone());
    category.enumeration = Some(Enumeration {
        values: ["cloud", "cloud_ssd"].map(|v| EnumValue { value: v.to_owned(), meaning: None }).to_vec(),
        open: false,
        origin: origin.clone(),
    });
    let mut ids = Param::new("DiskIds", Location::Query, TypeRef::Scalar(Scalar::String), origin.clone());
    ids.list = Some(ListShape {
        encoding: ListEncoding::Comma,
        prefix: None,
        field: None,
        field_indexed: false,
        max_items: Some(20),
    });
    let token = Param::new("ClientToken", Location::Query, TypeRef::Scalar(Scalar::String), origin.clone());
    let tags = Param::new("Tags", Location::Query, TypeRef::Named("Tag".to_owned()), origin.clone());
    let mut key = Field::new("Key", TypeRef::Scalar(Scalar::String), origin.clone());
    key.length = Some(Length { min: None, max: Some(64), unit: LengthUnit::Chars, origin: origin.clone() });
    let mut disk_id = Field::new("DiskId", TypeRef::Scalar(Scalar::String), origin.clone());
    disk_id.aliases = vec!["diskId".to_owned()];
    ApiSpec {
        spec_version: SPEC_VERSION,
        provider: "aliyun".to_owned(),
        service: None,
        action: "CreateDisk".to_owned(),
        version: None,
        source: Source {
            page: "sources/aliyun/CreateDisk.md".to_owned(),
            sha256: String::new(),
            format: PageFormat::Markdown,
            overlay: None,
        },
        summary: None,
        description: None,
        http: Http { method: "GET".to_owned(), path: "/".to_owned(), endpoint: None, origin: None },
        request: vec![name, size, category, ids, token, tags],
        request_types: vec![TypeDef {
            name: "Tag".to_owned(),
            description: None,
            fields: vec![key],
            origin: origin.clone(),
        }],
        response: Response {
            root: "CreateDiskResponse".to_owned(),
            types: vec![TypeDef {
                name: "CreateDiskResponse".to_owned(),
                description: None,
                fields: vec![disk_id],
                origin,
            }],
        },
        errors: vec![ErrorCode {
            code: "InvalidSize".to_owned(),
            http_status: Some(400),
            message: None,
            description: None,
            origin: Origin::page(1),
        }],
        examples: Examples::default(),
        diagnostics: Vec::new(),
    }
}

fn tree(spec: ApiSpec) -> Tree {
    let mut tree = Tree::default();
    tree.profiles.insert("aliyun".to_owned(), ("aliyun.yaml".to_owned(), profile()));
    tree.insert("specs/aliyun/CreateDisk.yaml".to_owned(), spec).expect("one spec");
    tree
}

fn param<'s>(spec: &'s mut ApiSpec, name: &str) -> &'s mut Param {
    spec.request.iter_mut().find(|p| p.name == name).expect("parameter")
}

/// The `(check, element)` of each change `edit` makes to the base spec.
fn changes(edit: impl FnOnce(&mut ApiSpec)) -> Vec<(Check, String)> {
    let old = base();
    let mut new = base();
    edit(&mut new);
    diff(&tree(old), &tree(new)).changes.into_iter().map(|c| (c.check, c.element)).collect()
}

fn one(check: Check, element: &str) -> Vec<(Check, String)> {
    vec![(check, element.to_owned())]
}

#[test]
fn lengths_narrow_and_widen() {
    let narrower = changes(|s| param(s, "DiskName").length.as_mut().expect("length").max = Some(64));
    assert_eq!(narrower, one(Check::RequestLengthNarrowed, "request.DiskName.length"));
    let in_bytes =
        changes(|s| param(s, "DiskName").length.as_mut().expect("length").unit = LengthUnit::Bytes);
    assert_eq!(in_bytes, one(Check::RequestLengthNarrowed, "request.DiskName.length"));
    let gone = changes(|s| param(s, "DiskName").length = None);
    assert_eq!(gone, one(Check::RequestLengthWidened, "request.DiskName.length"));
}

#[test]
fn patterns_steps_and_conditional_ranges() {
    let pattern = changes(|s| {
        param(s, "DiskName").patterns.push(Pattern {
            rule: PatternRule::NotPrefix,
            values: vec!["http://".to_owned()],
            text: None,
            origin: Origin::page(2),
        })
    });
    assert_eq!(pattern, one(Check::RequestPatternNarrowed, "request.DiskName.patterns[not-prefix]"));
    let step = changes(|s| param(s, "Size").range.as_mut().expect("range").step = Some(10));
    assert_eq!(step, one(Check::RequestRangeNarrowed, "request.Size.range"));
    let when = changes(|s| {
        param(s, "Size").range_when.push(ConditionalRange {
            when: When { param: "Category".to_owned(), values: vec!["cloud".to_owned()] },
            min: Some(5),
            max: Some(2000),
            step: None,
            origin: Origin::page(3),
        })
    });
    assert_eq!(when, one(Check::RequestRangeNarrowed, "request.Size.range_when[Category=cloud]"));
}

#[test]
fn conditions_tighten_and_relax() {
    let required_when = changes(|s| {
        param(s, "DiskName").conditions.required_when =
            vec![When { param: "Category".to_owned(), values: vec!["cloud_ssd".to_owned()] }];
    });
    assert_eq!(
        required_when,
        one(Check::RequestConditionTightened, "request.DiskName.conditions.required_when")
    );
    let excludes = changes(|s| param(s, "DiskIds").conditions.excludes = vec!["DiskName".to_owned()]);
    assert_eq!(excludes, one(Check::RequestConditionTightened, "request.DiskIds.conditions.excludes"));

    // More alternatives make `required_unless` easier to meet; the first one creates it.
    let mut one_way = base();
    param(&mut one_way, "DiskName").conditions.required_unless = vec!["DiskIds".to_owned()];
    let mut two_ways = one_way.clone();
    param(&mut two_ways, "DiskName").conditions.required_unless.push("Size".to_owned());
    let relaxed = diff(&tree(one_way.clone()), &tree(two_ways.clone()));
    assert_eq!(relaxed.changes[0].check, Check::RequestConditionRelaxed);
    assert_eq!(
        diff(&tree(two_ways), &tree(one_way.clone())).changes[0].check,
        Check::RequestConditionTightened
    );
    assert_eq!(diff(&tree(base()), &tree(one_way)).changes[0].check, Check::RequestConditionTightened);
}

#[test]
fn lists_tokens_versions_formats_and_open_sets() {
    let json = changes(|s| param(s, "DiskIds").list.as_mut().expect("list").encoding = ListEncoding::Json);
    assert_eq!(json, one(Check::RequestListEncodingChanged, "request.DiskIds.list"));
    let fewer = changes(|s| param(s, "DiskIds").list.as_mut().expect("list").max_items = Some(10));
    assert_eq!(fewer, one(Check::RequestListSizeNarrowed, "request.DiskIds.list.max_items"));
    let token = changes(|s| param(s, "ClientToken").idempotency_token = true);
    assert_eq!(token, one(Check::RequestIdempotencyChanged, "request.ClientToken.idempotency_token"));
    let version = changes(|s| s.version = Some("2014-05-26".to_owned()));
    assert_eq!(version, one(Check::ApiVersionChanged, "version"));
    let format = changes(|s| {
        param(s, "DiskName").format =
            Some(Format { kind: FormatKind::Lowercase, pattern: None, origin: Origin::page(4) })
    });
    assert_eq!(format, one(Check::RequestFormatNarrowed, "request.DiskName.format"));
    let open = changes(|s| param(s, "Category").enumeration.as_mut().expect("enum").open = true);
    assert_eq!(open, one(Check::RequestEnumOpened, "request.Category.enum.open"));
}

#[test]
fn request_objects_answers_and_errors() {
    let key = changes(|s| s.request_types[0].fields[0].length.as_mut().expect("length").max = Some(32));
    assert_eq!(key, one(Check::RequestLengthNarrowed, "request_types.Tag.Key.length"));
    let alias = changes(|s| s.response.types[0].fields[0].aliases.clear());
    assert_eq!(
        alias,
        one(Check::ResponseFieldAliasRemoved, "response.CreateDiskResponse.DiskId.aliases[diskId]")
    );
    let answer_length = changes(|s| {
        s.response.types[0].fields[0].length =
            Some(Length { min: None, max: Some(22), unit: LengthUnit::Chars, origin: Origin::page(5) })
    });
    assert_eq!(
        answer_length,
        one(Check::ResponseConstraintChanged, "response.CreateDiskResponse.DiskId.length")
    );
    let status = changes(|s| s.errors[0].http_status = Some(403));
    assert_eq!(status, one(Check::ErrorCodeStatusChanged, "errors[InvalidSize].http_status"));
}

#[test]
fn moving_an_element_on_the_page_is_no_change() {
    let moved = changes(|s| {
        param(s, "Size").origin = Origin::page(40);
        s.source.sha256 = "other".to_owned();
        s.diagnostics.push(Diagnostic::at_line(3, Severity::Note, "typo", "a note".to_owned(), None));
    });
    assert_eq!(moved, []);
}

#[test]
fn profile_facts_are_provider_changes() {
    let old = tree(base());
    let mut new = tree(base());
    new.profiles.get_mut("aliyun").expect("profile").1.list_index_base = 0;
    let report = diff(&old, &new);
    let [change] = report.changes.as_slice() else { panic!("one change: {report:?}") };
    assert_eq!(
        (change.check, change.element.as_str(), change.api.as_str()),
        (Check::ProviderChanged, "profile.list_index_base", "aliyun")
    );
    assert_eq!(change.rust, ["yunapi::aliyun is sent differently"]);
    assert!(report.reaches(Level::Breaking));
}

#[test]
fn what_an_example_test_leaves_out_is_an_example_change() {
    let example = || {
        RequestExample::new(
            "https://x/?Size=a".to_owned(),
            vec![("Size".to_owned(), "a".to_owned())],
            Origin::page(9),
        )
    };
    let old = ApiSpec { examples: Examples { requests: vec![example()], responses: Vec::new() }, ..base() };
    let mut new = old.clone();
    new.examples.requests[0].left_out.push(LeftOut {
        param: "Size".to_owned(),
        code: "example-value".to_owned(),
        reason: "`a` is not an integer".to_owned(),
    });
    let report = diff(&tree(old.clone()), &tree(new));
    let found: Vec<(Check, &str)> = report.changes.iter().map(|c| (c.check, c.element.as_str())).collect();
    assert_eq!(found, [(Check::ExampleChanged, "examples.requests[1]")]);
    let mut renumbered = old.clone();
    renumbered.examples.requests[0].index_base = Some(1);
    assert_eq!(diff(&tree(old), &tree(renumbered)).changes.len(), 1);
}

#[test]
fn a_shared_type_of_the_profile_is_reported_at_doc_level() {
    let shared = |required: bool| SharedType {
        name: "Filter".to_owned(),
        description: None,
        fields: vec![SharedField {
            name: "Name".to_owned(),
            ty: TypeRef::Scalar(Scalar::String),
            array: false,
            required,
            description: None,
        }],
    };
    let mut old = tree(base());
    old.profiles.get_mut("aliyun").expect("profile").1.types = vec![shared(false)];
    let mut new = tree(base());
    new.profiles.get_mut("aliyun").expect("profile").1.types = vec![shared(true)];
    let report = diff(&old, &new);
    let [change] = report.changes.as_slice() else { panic!("one change: {report:?}") };
    assert_eq!((change.check, change.element.as_str()), (Check::ProviderTypeChanged, "profile.types.Filter"));
    assert!(change.new.as_deref().is_some_and(|n| n.contains("required: true")), "{change:?}");
    assert!(!report.reaches(Level::NonBreaking), "the specs that take it report their own changes");
}
