//! What the prose of real pages states ends up in the spec as constraints: enums and defaults,
//! conditional ranges, lengths and text rules, conditions between parameters, JSON-array lists,
//! lists of objects, alternative request tables, idempotency tokens and Tencent API 3.0 pages.
//!
//! Pages of ../shared/corpus are used where it is present (the test says so and skips a page
//! otherwise); the InquiryStoragePrice page is a fixture in the Tencent v2 layout.

use generator::extract::{self, Options};
use generator::spec::{
    self, ApiSpec, ListEncoding, Location, Param, PatternRule, Profile, Scalar, Severity, TypeRef, When,
};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn profile(provider: &str) -> Option<Profile> {
    let text = std::fs::read_to_string(workspace().join(format!("specs/providers/{provider}.yaml"))).ok()?;
    spec::profile_from_yaml(&text, provider).ok()
}

fn extract_path(path: &Path) -> ApiSpec {
    let bytes = std::fs::read(path).expect("page");
    let shown = path.display().to_string();
    let provider = extract::guess_provider(&shown, "");
    let profile = provider.and_then(profile);
    extract::extract_page(&shown, &bytes, profile.as_ref(), &Options::default())
        .unwrap_or_else(|e| panic!("{e}\n  help: {}", e.help))
        .spec
}

/// A corpus page, or `None` (with a note) when the corpus is not beside the workspace.
fn corpus(set: &str, page: &str) -> Option<ApiSpec> {
    let path = workspace().join(format!("../shared/corpus/{set}/{page}"));
    if !path.is_file() {
        eprintln!("note: {} is absent; skipped", path.display());
        return None;
    }
    Some(extract_path(&path))
}

fn param<'s>(spec: &'s ApiSpec, name: &str) -> &'s Param {
    spec.request.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no parameter {name}"))
}

fn values(param: &Param) -> Vec<&str> {
    param.enumeration.iter().flat_map(|e| e.values.iter().map(|v| v.value.as_str())).collect()
}

fn when(param: &str, values: &[&str]) -> When {
    When { param: param.to_owned(), values: values.iter().map(|v| (*v).to_owned()).collect() }
}

#[test]
fn alternative_request_tables_become_one_request_chosen_by_a_discriminator() {
    let spec = extract_path(&workspace().join("generator/tests/fixtures/variants/InquiryStoragePrice.md"));
    let names: Vec<&str> = spec.request.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["inquiryType", "storageType", "storageSize", "goodsNum", "period", "payMode", "storageId"]
    );
    let discriminator = param(&spec, "inquiryType");
    assert!(discriminator.required, "every table requires it");
    assert_eq!(values(discriminator), ["create", "renew", "resize"]);
    // In every table: required as the tables say.
    let period = param(&spec, "period");
    assert_eq!((period.required, period.conditions.required_when.len()), (false, 1));
    assert_eq!(period.conditions.required_when, [when("inquiryType", &["create", "renew"])]);
    // Only in later tables: optional, required for the calls those tables describe.
    let storage_id = param(&spec, "storageId");
    assert!(!storage_id.required);
    assert_eq!(storage_id.conditions.required_when, [when("inquiryType", &["renew", "resize"])]);
    assert_eq!(
        param(&spec, "storageSize").conditions.required_when,
        [when("inquiryType", &["create", "resize"])]
    );
    assert_eq!(param(&spec, "goodsNum").conditions.required_when, [when("inquiryType", &["create"])]);
    let notes: Vec<(u32, &str)> = spec
        .diagnostics
        .iter()
        .filter(|d| d.code == "request-variant")
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(
        notes[1].1.contains("2.2. 查询弹性云盘的续费价格") && notes[1].1.contains("`inquiryType` = `renew`"),
        "{notes:?}"
    );
    assert!(spec.diagnostics.iter().all(|d| d.code != "unread-table"), "no table is left unread");
}

#[test]
fn tencent_v2_list_rows_with_item_rows_are_lists_of_objects() {
    let Some(spec) = corpus("tencent", "CreateSubnet.md") else { return };
    let subnets = param(&spec, "subnetSet.n");
    assert_eq!(subnets.ty, TypeRef::Named("Subnet".to_owned()));
    assert_eq!(
        subnets.list.as_ref().map(|l| (l.encoding, l.prefix.as_deref())),
        Some((ListEncoding::Indexed, Some("subnetSet")))
    );
    assert!(spec.request.iter().all(|p| !p.name.starts_with("subnetSet.n.")), "the item rows are fields now");
    let subnet = spec.request_types.iter().find(|t| t.name == "Subnet").expect("type");
    let fields: Vec<(&str, bool)> = subnet.fields.iter().map(|f| (f.name.as_str(), f.nullable)).collect();
    assert_eq!(fields, [("subnetName", false), ("cidrBlock", false), ("zoneId", false)]);
    assert_eq!(subnet.fields[0].length.as_ref().and_then(|l| l.max), Some(60), "不得超过60个字符");
    // A list row without item rows stays a list of scalars.
    let Some(sync) = corpus("tencent", "SyncCvmImage.md") else { return };
    assert_eq!(param(&sync, "dstRegion.n").ty, TypeRef::Scalar(Scalar::String));
}

#[test]
fn alibaba_json_arrays_in_one_value() {
    for (set, page, name, max) in [
        ("alibaba-legacy", "DescribeDisks.md", "DiskIds", Some(100)),
        ("alibaba-legacy", "DescribeSecurityGroups.md", "SecurityGroupIds", Some(100)),
        ("alibaba", "DescribeInstances.md", "InstanceIds", Some(100)),
    ] {
        let Some(spec) = corpus(set, page) else { return };
        let ids = param(&spec, name);
        let list = ids.list.as_ref().expect("list");
        assert_eq!(
            (list.encoding, list.prefix.as_deref(), list.max_items),
            (ListEncoding::Json, None, max),
            "{page}"
        );
        assert_eq!(ids.ty, TypeRef::Scalar(Scalar::String), "{page}: the items' type");
    }
    // JD Cloud's `String[]` travels as a JSON array in the body anyway: an indexed list.
    let Some(jd) = corpus("jdcloud", "attachKeypair.md") else { return };
    let ids = param(&jd, "instanceIds");
    assert_eq!(ids.list.as_ref().map(|l| l.encoding), Some(ListEncoding::Indexed));
    assert_eq!(
        ids.example.as_deref(),
        Some(r#"["i-eumm****d6","i-y5nh****9w"]"#),
        "the masked ids keep their stars"
    );
    assert_eq!(values(param(&jd, "passWordAuth")), ["yes", "no"]);
}

#[test]
fn alibaba_create_disk_conditions_lengths_and_ranges_by_category() {
    let Some(spec) = corpus("alibaba", "CreateDisk.md") else { return };
    let zone = param(&spec, "ZoneId");
    assert_eq!(zone.conditions.required_unless, ["InstanceId"], "如果您不设置InstanceId，则ZoneId为必填参数");
    assert_eq!(zone.conditions.excludes, ["InstanceId"], "您不能同时指定ZoneId和InstanceId");
    assert!(zone.conditions.origin.is_some());
    assert!(param(&spec, "InstanceId").conditions.excludes.is_empty(), "the exclusion is recorded once");
    let name = param(&spec, "DiskName");
    assert_eq!(name.length.as_ref().map(|l| (l.min, l.max)), Some((Some(2), Some(128))));
    let rules: Vec<PatternRule> = name.patterns.iter().map(|p| p.rule).collect();
    assert_eq!(rules, [PatternRule::LetterOrChineseFirst, PatternRule::NotPrefix, PatternRule::AllowedChars]);
    let size = param(&spec, "Size");
    let range = size.range.as_ref().expect("range");
    assert_eq!((range.min, range.max), (Some(5), Some(32768)), "the widest of the categories");
    let cloud = size.range_when.iter().find(|r| r.when.values == ["cloud"]).expect("cloud's range");
    assert_eq!((cloud.when.param.as_str(), cloud.min, cloud.max), ("DiskCategory", Some(5), Some(2000)));
    assert_eq!(
        values(param(&spec, "DiskCategory")),
        ["cloud", "cloud_efficiency", "cloud_ssd", "cloud_essd"]
    );
    assert_eq!(param(&spec, "DiskCategory").default.as_deref(), Some("cloud"));
}

#[test]
fn idempotency_tokens_in_each_wording() {
    for (set, page, name) in [
        ("alibaba", "CreateDisk.md", "ClientToken"),
        ("alibaba-legacy", "RunInstances.md", "ClientToken"),
        ("jdcloud-2019", "createDisks.md", "clientToken"),
        ("tencent", "RunInstances.md", "clientToken"),
    ] {
        let Some(spec) = corpus(set, page) else { return };
        assert!(param(&spec, name).idempotency_token, "{set}/{page}: {name}");
        let others = spec.request.iter().filter(|p| p.idempotency_token).count();
        assert_eq!(others, 1, "{set}/{page}: only the token");
    }
}

#[test]
fn jd_charge_spec_fields_get_enums_defaults_and_conditional_ranges() {
    let Some(spec) = corpus("jdcloud-2019", "createDisks.md") else { return };
    let charge = spec.request_types.iter().find(|t| t.name == "ChargeSpec").expect("ChargeSpec");
    let field = |name: &str| charge.fields.iter().find(|f| f.name == name).expect(name);
    let duration = field("chargeDuration");
    assert!(duration.enumeration.is_none(), "1~9 is a range, never an enum");
    assert_eq!(duration.range.as_ref().map(|r| (r.min, r.max)), Some((Some(1), Some(9))));
    let by_unit: Vec<(&str, Option<i64>)> =
        duration.range_when.iter().map(|r| (r.when.values[0].as_str(), r.max)).collect();
    assert_eq!(by_unit, [("month", Some(9)), ("year", Some(3))]);
    assert!(duration.range_when.iter().all(|r| r.when.param == "chargeUnit"));
    let mode = field("chargeMode");
    assert_eq!(mode.enumeration.as_ref().map(|e| e.values.len()), Some(3));
    assert_eq!(mode.default.as_deref(), Some("postpaid_by_duration"));
    let unit = field("chargeUnit");
    assert_eq!(
        unit.enumeration.as_ref().map(|e| e.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>()),
        Some(vec!["month", "year"])
    );
    assert_eq!(unit.default.as_deref(), Some("month"));
}

#[test]
fn qingcloud_volume_sizes_are_bounded_by_type() {
    let Some(spec) = corpus("qingcloud", "CreateVolumes.md") else { return };
    let size = param(&spec, "size");
    let range = size.range.as_ref().expect("range");
    assert_eq!((range.min, range.max), (Some(20), Some(5120)), "never narrower than the widest");
    assert_eq!(range.step, Some(10));
    let capacity = size.range_when.iter().find(|r| r.when.values == ["2"]).expect("容量型");
    assert_eq!(
        (capacity.when.param.as_str(), capacity.max),
        ("volume_type", Some(5000)),
        "a 5000 GB capacity disk is valid"
    );
    assert_eq!(values(param(&spec, "volume_type")), ["0", "2", "3", "100", "200", "5"]);
}

#[test]
fn tencent_reset_instances_values_defaults_and_requirements() {
    let Some(spec) = corpus("tencent", "ResetInstances.md") else { return };
    let image_type = param(&spec, "imageType");
    assert_eq!((values(image_type), image_type.default.as_deref()), (vec!["1", "2", "3", "4"], Some("2")));
    assert_eq!(image_type.conditions.requires, ["imageId"]);
    assert_eq!(param(&spec, "imageId").conditions.requires, ["imageType"]);
    for agent in ["needSecurityAgent", "needMonitorAgent"] {
        let agent = param(&spec, agent);
        assert_eq!((values(agent), agent.default.as_deref()), (vec!["0", "1"], Some("1")), "默认安装");
    }
}

#[test]
fn tencent_api_3_pages_post_json_and_state_their_version() {
    let Some(spec) = corpus("tencent-v3", "DescribeInstances.md") else { return };
    assert_eq!(spec.provider, "tencent-v3");
    assert_eq!(spec.version.as_deref(), Some("2017-03-12"));
    assert_eq!(spec.service.as_deref(), Some("cvm"), "from the page's legacy host");
    assert_eq!(
        (spec.http.method.as_str(), spec.http.path.as_str(), spec.http.endpoint.as_deref()),
        ("POST", "/", None)
    );
    assert!(spec.request.iter().all(|p| p.location == Location::Body));
    assert!(spec.request.iter().all(|p| p.name != "Version"));
    assert!(
        !spec.diagnostics.iter().any(|d| d.message.contains("`Version`")),
        "the Version row is no diagnostic"
    );
    let legacy = spec.diagnostics.iter().find(|d| d.code == "legacy-request-url").expect("a note on the URL");
    assert_eq!(legacy.severity, Severity::Note);
    // `Filters.1.Name` is a field of the documented `Filters.N`, not an undocumented parameter.
    assert!(!spec.diagnostics.iter().any(|d| d.code == "undocumented-parameter"), "{:#?}", spec.diagnostics);
    assert_eq!(param(&spec, "InstanceIds.N").conditions.excludes, ["Filters.N"]);
}

#[test]
fn lists_inside_repeated_groups_are_lists_of_the_item_type() {
    // Alibaba CreateInstance (English edition of the page) writes the row this way.
    let page = "# CreateInstance\n\n## 请求参数\n\n|名称|类型|是否必选|示例值|描述|\n|--|--|----|---|--|\n|NetworkInterface.N.SecurityGroupIds.N|RepeatList|否|sg-bp67acfmxazb4p\\*\\*\\*\\*|The ID of security group N to which to assign secondary ENI N. The valid values of N in `SecurityGroupIds.N` depend on the maximum number of security groups to which an ENI can belong. |\n|NetworkInterface.N.VSwitchId|String|否|vsw-bp67acfmxazb4p\\*\\*\\*\\*|The ID of the vSwitch. |\n";
    let spec = extract::extract_page(
        "CreateInstance.md",
        page.as_bytes(),
        profile("aliyun").as_ref(),
        &Options::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .spec;
    let ids = param(&spec, "NetworkInterface.N.SecurityGroupIds.N");
    assert_eq!(ids.ty, TypeRef::Scalar(Scalar::String), "not JSON");
    let list = ids.list.as_ref().expect("list");
    assert_eq!(
        (list.prefix.as_deref(), list.field.as_deref(), list.field_indexed),
        (Some("NetworkInterface"), Some("SecurityGroupIds"), true)
    );
    assert!(!param(&spec, "NetworkInterface.N.VSwitchId").list.as_ref().expect("list").field_indexed);
}

/// A `tencent-v3` profile as the wire side describes it (API 3.0 endpoint, `Action`, `Version`
/// and `Region` common): pages read the same with it as without it.
fn tencent_api_3_profile() -> Profile {
    let text = "provider: tencent-v3\nname: Tencent Cloud (API 3.0)\nfeature: tencent_v3\nsigning: tc3-hmac-sha256\n\
                endpoint: https://{service}.tencentcloudapi.com/\nregion_param: Region\n\
                common_params: [Action, Version, Region, Timestamp, Nonce, SecretId]\nlist_index_base: 0\n\
                boolean: {\"true\": \"true\", \"false\": \"false\"}\n\
                credentials_env: {access_key: TENCENTCLOUD_SECRET_ID, secret_key: TENCENTCLOUD_SECRET_KEY}\n\
                error_envelope: tencent-v3\n";
    spec::profile_from_yaml(text, "tencent-v3.yaml").expect("profile")
}

#[test]
fn a_caption_links_a_sub_table_to_the_array_that_names_it() {
    // Tencent API 3.0 DescribeImageSharePermission, as published.
    let page = "## 1. 接口描述\n\n本接口（DescribeImageSharePermission）用于查询镜像分享信息。\n\n接口请求域名：<font style=\"color:red\">image.api.qcloud.com</font>\n\n## 2. 输入参数\n\n| 参数名称 |  类型 |是否必选| 描述 |\n|---------|---------|---------|---------|\n|Version|String|是|表示API版本号，主要用于标识请求的不同API版本。 本接口第一版本可传：2017-03-12。|\n| ImageId |  String |是 | 需要查询的镜像ID，形如`img-gvbnzy6f`。|\n\n## 3. 输出参数\n\n| 参数名称 | 类型 | 描述 |\n|---------|---------|---------|\n| RequestId | String | 唯一请求ID。|\n| SharePermissionSet |array of SharePermissions| 描述了镜像分享信息数据结构。镜像分享信息结构如下表。|\n\n镜像分享信息表\n\n|参数名称|类型|描述|\n|------|------|------|\n|CreatedTime|String|镜像被分享的时间。|\n|Account|String|镜像被分享的帐号ID。|\n\n## 4. 错误码\n\n| 错误码 |  描述 |\n|---------|---------|\n|InvalidImageId.NotFound| 找不到该镜像。|\n";
    let profile = tencent_api_3_profile();
    let spec = extract::extract_page("tencent-v3/x.md", page.as_bytes(), Some(&profile), &Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .spec;
    assert_eq!(spec.action, "DescribeImageSharePermission");
    assert_eq!((spec.version.as_deref(), spec.service.as_deref()), (Some("2017-03-12"), Some("image")));
    assert_eq!(spec.request.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["ImageId"]);
    let root = spec.response.types.iter().find(|t| t.name == spec.response.root).expect("root");
    let set = root.fields.iter().find(|f| f.name == "SharePermissionSet").expect("field");
    assert_eq!((&set.ty, set.array), (&TypeRef::Named("SharePermissions".to_owned()), true));
    let shares =
        spec.response.types.iter().find(|t| t.name == "SharePermissions").expect("the captioned table");
    assert_eq!(shares.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["CreatedTime", "Account"]);
    assert!(!spec.diagnostics.iter().any(|d| d.severity != Severity::Note), "{:#?}", spec.diagnostics);
}
