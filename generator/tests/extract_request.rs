//! Request-side extraction over the seed pages, the corpus and bad input: what the prose says ends
//! up in the spec, every table row is accounted for, and bad pages fail naming file and line.

use generator::extract::{self, Extracted, Options, PageError};
use generator::source::{self, Block, DEFAULT_MAX_PAGE_BYTES};
use generator::spec::{self, ApiSpec, FormatKind, ListEncoding, Location, Param, Scalar, TypeRef};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn options() -> Options {
    Options::default()
}

fn profile(provider: &str) -> Option<spec::Profile> {
    let path = workspace().join(format!("specs/providers/{provider}.yaml"));
    let text = std::fs::read_to_string(&path).ok()?;
    spec::profile_from_yaml(&text, provider).ok()
}

fn extract_file(path: &Path, provider: Option<&str>) -> Result<Extracted, PageError> {
    let bytes = std::fs::read(path).expect("page");
    let provider = provider.or_else(|| extract::guess_provider(&path.display().to_string(), ""));
    let profile = provider.and_then(profile);
    extract::extract_page(&path.display().to_string(), &bytes, profile.as_ref(), &options())
}

fn seed(provider: &str, file: &str) -> ApiSpec {
    let path = workspace().join(format!("generator/tests/fixtures/pages/{provider}/{file}"));
    extract_file(&path, Some(provider)).unwrap_or_else(|e| panic!("{e}: {}", e.help)).with_page_lines()
}

fn param<'s>(spec: &'s ApiSpec, name: &str) -> &'s Param {
    spec.request.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no parameter {name}"))
}

fn enum_values(param: &Param) -> Vec<&str> {
    param.enumeration.iter().flat_map(|e| e.values.iter().map(|v| v.value.as_str())).collect()
}

#[test]
fn seed_000_qingcloud_lists_enums_bounds_and_lower_case() {
    let spec = seed("qingcloud", "DescribeImages.md");
    let names: Vec<&str> = spec.request.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "images.n",
            "processor_type",
            "os_family",
            "visibility",
            "provider",
            "status.n",
            "search_word",
            "verbose",
            "offset",
            "limit",
            "zone"
        ]
    );
    let images = param(&spec, "images.n");
    let list = images.list.as_ref().expect("list");
    assert_eq!(
        (list.encoding, list.prefix.as_deref(), list.field.as_deref()),
        (ListEncoding::Indexed, Some("images"), None)
    );
    assert_eq!(param(&spec, "status.n").list.as_ref().and_then(|l| l.prefix.as_deref()), Some("status"));
    assert!(param(&spec, "status.n").deprecated.is_none(), "`deprecated` is one of the status values");
    assert_eq!(enum_values(param(&spec, "processor_type")), ["64bit", "32bit"]);
    let os_family = param(&spec, "os_family").enumeration.as_ref().expect("enum");
    assert!(os_family.open, "`… 等` leaves the set open");
    let limit = param(&spec, "limit");
    assert_eq!((limit.default.as_deref(), limit.range.as_ref().and_then(|r| r.max)), (Some("20"), Some(100)));
    let zone = param(&spec, "zone");
    assert!(zone.required);
    assert_eq!(zone.format.as_ref().map(|f| f.kind), Some(FormatKind::Lowercase));
    assert_eq!(param(&spec, "verbose").ty, TypeRef::Scalar(Scalar::Integer));
}

#[test]
fn seed_001_tencent_values_listed_above_and_conditions() {
    let spec = seed("tencent", "DescribeImages.md");
    let image_type = param(&spec, "imageType");
    assert!(image_type.required);
    assert_eq!(enum_values(image_type), ["1", "2", "3", "4"], "具体值见上 points at the type list");
    let status = param(&spec, "status");
    assert_eq!(enum_values(status), ["1", "2", "3", "4", "5"]);
    assert_eq!(status.default.as_deref(), Some("0"));
    let ids = param(&spec, "imageIds.n");
    assert_eq!(ids.conditions.requires, ["imageType"]);
    assert_eq!(ids.list.as_ref().and_then(|l| l.prefix.as_deref()), Some("imageIds"));
    assert_eq!(param(&spec, "limit").range.as_ref().and_then(|r| r.max), Some(100));
}

#[test]
fn seed_003_aliyun_groups_deprecation_formats_and_comma_lists() {
    let spec = seed("aliyun", "DescribeImages.md");
    assert_eq!(spec.request.len(), 25, "26 rows, Action a common parameter");
    assert!(spec.diagnostics.iter().any(|d| d.code == "common-parameter" && d.message.contains("Action")));
    let status = param(&spec, "Status");
    assert_eq!(status.list.as_ref().map(|l| l.encoding), Some(ListEncoding::Comma));
    assert_eq!(status.default.as_deref(), Some("Available"));
    assert_eq!(enum_values(status).len(), 6);
    for (name, field) in [("Tag.N.Key", "Key"), ("Tag.N.Value", "Value")] {
        let list = param(&spec, name).list.as_ref().expect("list");
        assert_eq!(
            (list.prefix.as_deref(), list.field.as_deref(), list.max_items),
            (Some("Tag"), Some(field), Some(20))
        );
    }
    assert!(param(&spec, "Tag.N.value").deprecated.is_some());
    assert!(param(&spec, "ShowExpired").deprecated.is_some());
    let value = param(&spec, "Filter.N.Value");
    assert_eq!(value.conditions.requires, ["Filter.N.Key"]);
    let format = value.format.as_ref().expect("format");
    assert_eq!((format.kind, format.pattern.as_deref()), (FormatKind::DateTime, Some("yyyy-MM-ddTHH:mmZ")));
    assert_eq!(enum_values(param(&spec, "Filter.N.Key")), ["CreationStartTime", "CreationEndTime"]);
    let page_size = param(&spec, "PageSize");
    assert_eq!(
        (page_size.default.as_deref(), page_size.range.as_ref().and_then(|r| r.max)),
        (Some("10"), Some(100))
    );
    assert_eq!(param(&spec, "PageNumber").range.as_ref().and_then(|r| r.min), Some(1));
    assert_eq!(param(&spec, "ImageId").example.as_deref(), Some("m-bp1g7004ksh0oeuc****"));
    assert_eq!(enum_values(param(&spec, "Architecture")), ["i386", "x86_64", "arm64"]);
}

#[test]
fn seed_004_jdcloud_path_parameters_string_lists_and_required_unless() {
    let spec = seed("jdcloud", "describeImages.md");
    let region = param(&spec, "regionId");
    assert_eq!((region.location, region.required), (Location::Path, true));
    let ids = param(&spec, "ids");
    assert_eq!(ids.ty, TypeRef::Scalar(Scalar::String));
    assert_eq!(ids.list.as_ref().and_then(|l| l.prefix.as_deref()), Some("ids"));
    let source = param(&spec, "imageSource");
    assert_eq!(source.conditions.required_unless, ["ids"]);
    assert_eq!(enum_values(source), ["public", "private", "shared", "thirdparty"]);
    let page_size = param(&spec, "pageSize");
    let range = page_size.range.as_ref().expect("range");
    assert_eq!((range.min, range.max, page_size.default.as_deref()), (Some(10), Some(100), Some("20")));
    assert_eq!(param(&spec, "offline").default.as_deref(), Some("false"));
}

#[test]
fn seed_002_text_page_reads_one_cell_per_line() {
    let spec = seed("qingcloud-private", "DescribeImages.txt");
    assert_eq!(spec.source.format, spec::PageFormat::Text);
    assert_eq!(param(&spec, "images.n").origin.line, 23);
    assert_eq!(enum_values(param(&spec, "visibility")), ["public", "private"]);
}

/// The lines of the rows of every field table (a table with a type column) on a page, and of
/// those rows named `Version`.
fn field_table_rows(bytes: &[u8]) -> (Vec<u32>, Vec<u32>) {
    let Ok(doc) = source::read(bytes, DEFAULT_MAX_PAGE_BYTES) else { return (Vec::new(), Vec::new()) };
    let mut lines = Vec::new();
    let mut versions = Vec::new();
    for block in &doc.blocks {
        if let Block::Table(table) = block {
            let typed = table.header.iter().any(|h| {
                let h = h.trim().to_lowercase();
                h.contains("类型") || h == "type" || h == "data type"
            });
            if typed {
                lines.extend(table.rows.iter().map(|r| r.line));
                versions.extend(
                    table
                        .rows
                        .iter()
                        .filter(|r| r.cells.first().is_some_and(|c| c.trim() == "Version"))
                        .map(|r| r.line),
                );
            }
        }
    }
    (lines, versions)
}

/// Every line a spec accounts for: elements' origins, diagnostics' ranges, and the `Version` rows
/// (`spec_version_rows`) when the spec has a version.
fn accounted_lines(spec: &ApiSpec, spec_version_rows: &[u32]) -> Vec<(u32, u32)> {
    let mut lines = Vec::new();
    let mut one = |line: u32| lines.push((line, line));
    spec.request.iter().for_each(|p| one(p.origin.line));
    for ty in spec.request_types.iter().chain(&spec.response.types) {
        // A flat table's `|Image| | | |` row opens the type `Image`.
        one(ty.origin.line);
        ty.fields.iter().for_each(|f| one(f.origin.line));
    }
    spec.errors.iter().for_each(|e| one(e.origin.line));
    // A `Version` row gives the spec's version.
    if spec.version.is_some() {
        lines.extend(spec_version_rows.iter().map(|&line| (line, line)));
    }
    lines.extend(spec.diagnostics.iter().map(|d| (d.line, d.end_line.unwrap_or(d.line))));
    lines
}

/// Pages of the seeds and the corpus, with the provider to read them with.
fn all_pages() -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let mut push_dir = |dir: PathBuf| {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_file()
                    && path.extension().is_some_and(|e| e == "md" || e == "txt")
                    && !path.ends_with("README.md")
                {
                    pages.push(path);
                }
            }
        }
    };
    for sub in ["specs/sources"] {
        for provider in std::fs::read_dir(workspace().join(sub)).expect("sources").flatten() {
            push_dir(provider.path());
        }
    }
    let corpus = workspace().join("../shared/corpus");
    match std::fs::read_dir(&corpus) {
        Ok(sets) => sets.flatten().for_each(|set| push_dir(set.path())),
        Err(_) => eprintln!("note: no corpus at {}; only the seeds are checked", corpus.display()),
    }
    pages.sort();
    pages
}

#[test]
fn every_table_row_ends_in_the_spec_or_a_diagnostic() {
    let mut unaccounted = Vec::new();
    let mut counted = 0;
    for page in all_pages() {
        let bytes = std::fs::read(&page).expect("page");
        let Ok(extracted) = extract_file(&page, None) else { continue };
        let (rows, versions) = field_table_rows(&bytes);
        let accounted = accounted_lines(&extracted.with_page_lines(), &versions);
        for line in rows {
            counted += 1;
            if !accounted.iter().any(|&(start, end)| (start..=end).contains(&line)) {
                unaccounted.push(format!("{}:{line}", page.display()));
            }
        }
    }
    eprintln!("{counted} field-table rows checked");
    assert!(counted > 100, "only {counted} rows found");
    assert!(
        unaccounted.is_empty(),
        "{} of {counted} rows are in neither spec nor diagnostics:\n{}",
        unaccounted.len(),
        unaccounted.join("\n")
    );
}

#[test]
fn seed_row_counts() {
    // (page, request rows, response rows) as counted on the pages by eye.
    let expected = [
        ("aliyun/DescribeImages.md", 26),
        ("jdcloud/describeImages.md", 10),
        ("qingcloud/DescribeImages.md", 11),
        ("qingcloud-private/DescribeImages.txt", 8),
        ("tencent/DescribeImages.md", 5),
    ];
    for (page, request_rows) in expected {
        let (provider, file) = page.split_once('/').expect("provider/file");
        let spec = seed(provider, file);
        let common = spec.diagnostics.iter().filter(|d| d.code == "common-parameter").count();
        assert_eq!(spec.request.len() + common, request_rows, "{page}");
    }
}

fn bad(name: &str, bytes: &[u8]) -> PageError {
    extract::extract_page(name, bytes, profile("aliyun").as_ref(), &options())
        .expect_err("the page must be refused")
}

fn table(rows: &str) -> String {
    format!(
        "# DescribeThings\n\n## 请求参数\n\n|名称|类型|是否必选|描述|\n|--|--|--|--|\n{rows}\n## 返回数据\n\n|名称|类型|描述|\n|--|--|--|\n|RequestId|String|请求ID|\n"
    )
}

#[test]
fn bad_pages_name_file_line_and_what_to_do() {
    let cases: Vec<(&str, Vec<u8>, u32, &str)> = vec![
        ("empty.md", b"  \n".to_vec(), 1, "empty"),
        ("binary.md", b"# a\n\0\x01".to_vec(), 2, "binary"),
        ("latin1.md", b"# a\nb\n\xe9t\xe9\n".to_vec(), 3, "UTF-8"),
        ("no-table.md", "# DescribeThings\n\n调用它。\n".as_bytes().to_vec(), 1, "no parameter table"),
        (
            "duplicate.md",
            table("|ImageId|String|否|镜像ID|\n|ImageId|String|否|又一个|\n").into_bytes(),
            8,
            "listed twice",
        ),
        ("unknown-type.md", table("|ImageId|Strang Thing|否|镜像ID|\n").into_bytes(), 7, "unknown type word"),
        (
            "missing-column.md",
            "# DescribeThings\n\n## 请求参数\n\n|名称|描述|\n|--|--|\n|ImageId|镜像ID|\n".as_bytes().to_vec(),
            5,
            "no type",
        ),
    ];
    for (name, bytes, line, what) in cases {
        let error = bad(name, &bytes);
        assert_eq!((error.file.as_str(), error.line), (name, line), "{error}");
        assert!(error.message.contains(what), "{name}: {error}");
        assert!(!error.help.is_empty(), "{name}");
        let rendered = generator::report::render_error(&error, &bytes, false);
        assert!(rendered.contains(&format!("{name}:{line}")) && rendered.contains("help:"), "{rendered}");
    }
    let huge = vec![b'a'; 64];
    let small = Options { max_page_bytes: 10, ..Options::default() };
    let error = extract::extract_page("huge.md", &huge, None, &small).expect_err("too large");
    assert!(error.message.contains("over the limit") && error.help.contains("--max-page-bytes"), "{error}");
}

fn tree_options() -> extract::TreeOptions {
    extract::TreeOptions {
        check: false,
        force: false,
        max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
        progress: false,
    }
}

/// Gives a specs folder the Alibaba profile.
fn with_aliyun_profile(dir: &Path) {
    std::fs::create_dir_all(dir.join("providers")).expect("folders");
    std::fs::copy(workspace().join("specs/providers/aliyun.yaml"), dir.join("providers/aliyun.yaml"))
        .expect("profile");
}

#[test]
fn a_failing_page_writes_nothing_and_hand_edits_are_kept() {
    let dir = std::env::temp_dir().join(format!("yunapi-tree-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sources = dir.join("sources/aliyun");
    std::fs::create_dir_all(&sources).expect("folders");
    with_aliyun_profile(&dir);
    std::fs::write(sources.join("DescribeThings.md"), table("|ImageId|String|否|镜像ID|\n")).expect("page");
    std::fs::write(sources.join("Broken.md"), table("|X|String|否|a|\n|X|String|否|b|\n")).expect("page");
    let tree = tree_options();
    let summary = extract::extract_tree(&dir, &tree).expect("tree");
    assert_eq!(summary.pages, 2);
    assert_eq!(summary.written, [dir.join("aliyun/DescribeThings.yaml")]);
    assert_eq!((summary.failed.len(), summary.failed_pages), (1, 1), "{:?}", summary.failed);
    assert!(summary.failed[0].contains("Broken.md:8"), "{}", summary.failed[0]);
    assert!(!dir.join("aliyun/Broken.yaml").exists());
    assert_eq!(summary.reports.len(), 1, "the diagnostics of the page extracted");

    // Unchanged: nothing written. Check mode: nothing stale.
    let again = extract::extract_tree(&dir, &tree).expect("tree");
    assert!(again.written.is_empty());
    let check = extract::TreeOptions { check: true, ..tree.clone() };
    assert!(extract::extract_tree(&dir, &check).expect("tree").stale.is_empty());

    // A hand edit is refused, then overwritten with --force.
    let spec_path = dir.join("aliyun/DescribeThings.yaml");
    let edited =
        std::fs::read_to_string(&spec_path).expect("spec").replace("required: false", "required: true");
    std::fs::write(&spec_path, &edited).expect("edit");
    let refused = extract::extract_tree(&dir, &tree).expect("tree");
    assert!(refused.failed.iter().any(|f| f.contains("edited by hand")), "{:?}", refused.failed);
    assert_eq!(std::fs::read_to_string(&spec_path).expect("spec"), edited);
    let forced =
        extract::extract_tree(&dir, &extract::TreeOptions { force: true, ..tree.clone() }).expect("tree");
    assert_eq!(forced.written, std::slice::from_ref(&spec_path));

    // An overlay patches the spec, and the spec says so.
    let overlays = dir.join("overlays/aliyun");
    std::fs::create_dir_all(&overlays).expect("overlay folder");
    std::fs::write(overlays.join("DescribeThings.yaml"), "request:\n  ImageId:\n    required: true\n")
        .expect("overlay");
    let stale = extract::extract_tree(&dir, &check).expect("tree");
    assert_eq!(stale.stale, std::slice::from_ref(&spec_path));
    extract::extract_tree(&dir, &tree).expect("tree");
    let spec = spec::from_yaml(&std::fs::read_to_string(&spec_path).expect("spec"), "spec").expect("reads");
    let image_id = param(&spec, "ImageId");
    assert!(image_id.required && image_id.origin.overlay);
    assert_eq!(spec.source.overlay.as_deref(), Some("overlays/aliyun/DescribeThings.yaml"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_without_a_profile_is_an_error_naming_it_and_the_profiles() {
    let dir = std::env::temp_dir().join(format!("yunapi-no-profile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sources/huawei")).expect("folders");
    with_aliyun_profile(&dir);
    for page in ["A.md", "B.md"] {
        std::fs::write(dir.join("sources/huawei").join(page), table("|ImageId|String|否|镜像ID|\n"))
            .expect("page");
    }
    let tree = tree_options();
    let summary = extract::extract_tree(&dir, &tree).expect("tree");
    assert_eq!(
        (summary.failed_pages, summary.failed.len()),
        (2, 1),
        "one error for the folder: {:?}",
        summary.failed
    );
    let error = &summary.failed[0];
    assert!(error.contains("sources/huawei") && error.contains("huawei.yaml"), "{error}");
    assert!(error.contains("profiles exist for: aliyun"), "{error}");
    assert!(summary.written.is_empty());
    // A folder of specs without a profile stops generation, naming it.
    std::fs::create_dir_all(dir.join("huawei")).expect("folder");
    std::fs::write(dir.join("huawei/A.yaml"), "x: 1\n").expect("spec");
    let options = generator::pipeline::Options {
        check: true,
        force: false,
        max_page_bytes: 0,
        progress: false,
        only_features: None,
    };
    let error =
        generator::pipeline::generate(&dir, &dir.join("out"), &options).expect_err("no profile").to_string();
    assert!(error.contains("huawei") && error.contains("profiles exist for: aliyun"), "{error}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn html_pages_read_like_markdown_ones() {
    let page = "<!DOCTYPE html>\n<html><body>\n<h1>DescribeThings</h1>\n<p>查询东西。</p>\n<h2>请求参数</h2>\n<table>\n<tr><th>参数名称</th><th>类型</th><th>是否必选</th><th>描述</th></tr>\n<tr><td>Limit</td><td>Integer</td><td>否</td><td>返回数量，默认为20，最大值为100。</td></tr>\n<tr><td>Ids.N</td><td>Array of String</td><td>是</td><td>ID列表。</td></tr>\n</table>\n<h2>输出参数</h2>\n<table>\n<tr><th>参数名称</th><th>类型</th><th>描述</th></tr>\n<tr><td>TotalCount</td><td>Integer</td><td>总数。</td></tr>\n</table>\n</body></html>\n";
    let spec = extract::extract_page("page.html", page.as_bytes(), profile("tencent").as_ref(), &options())
        .unwrap_or_else(|e| panic!("{e}"))
        .with_page_lines();
    assert_eq!((spec.action.as_str(), spec.source.format), ("DescribeThings", spec::PageFormat::Html));
    assert_eq!(spec.summary.as_deref(), Some("查询东西。"));
    let names: Vec<&str> = spec.request.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Limit", "Ids.N"]);
    let limit = param(&spec, "Limit");
    assert_eq!((limit.default.as_deref(), limit.range.as_ref().and_then(|r| r.max)), (Some("20"), Some(100)));
    let ids = param(&spec, "Ids.N");
    assert!(ids.required);
    assert_eq!(ids.list.as_ref().and_then(|l| l.prefix.as_deref()), Some("Ids"));
    assert_eq!(ids.origin.line, 9);
}

#[test]
fn request_types_come_from_their_sections_and_undefined_ones_are_json() {
    let page = "# describeThings\n\n## 请求参数\n|名称|类型|是否必需|默认值|描述|\n|---|---|---|---|---|\n|**filters**|[Filter[]](x#filter)|False| |过滤条件|\n|**spec**|Spec|False| |规格|\n\n### <div id=\"filter\">Filter</div>\n|名称|类型|是否必需|默认值|描述|\n|---|---|---|---|---|\n|**name**|String|True| |名称|\n|**values**|String[]|True| |值|\n\n## 返回参数\n|名称|类型|描述|\n|---|---|---|\n|**requestId**|String| |\n";
    let spec = extract::extract_page("p.md", page.as_bytes(), profile("jdcloud").as_ref(), &options())
        .unwrap_or_else(|e| panic!("{e}"))
        .with_page_lines();
    assert_eq!(param(&spec, "filters").ty, TypeRef::Named("Filter".into()));
    assert_eq!(spec.request_types.len(), 1);
    let fields: Vec<(&str, bool)> =
        spec.request_types[0].fields.iter().map(|f| (f.name.as_str(), f.array)).collect();
    assert_eq!(fields, [("name", false), ("values", true)]);
    assert_eq!(param(&spec, "spec").ty, TypeRef::Scalar(Scalar::Json));
    let undefined = spec.diagnostics.iter().find(|d| d.code == "undefined-type").expect("diagnostic");
    assert_eq!(undefined.line, 7);
}

#[test]
fn the_extract_command_prints_yaml_and_reports_rustc_style() {
    let seed = workspace().join("generator/tests/fixtures/pages/aliyun/DescribeImages.md");
    let bad = std::env::temp_dir().join(format!("yunapi-bad-{}.md", std::process::id()));
    std::fs::write(&bad, table("|ImageId|Strang Thing|否|镜像ID|\n")).expect("page");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_generator"))
        .arg("extract")
        .arg("--providers")
        .arg(workspace().join("specs/providers"))
        .arg(&seed)
        .arg(&bad)
        .arg(&seed)
        .output()
        .expect("runs");
    let _ = std::fs::remove_file(&bad);
    assert_eq!(output.status.code(), Some(1), "a page failed");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    // Two YAML documents, one per good page, each a spec that reads back.
    let documents: Vec<&str> = stdout.split("\n---\n").collect();
    assert_eq!(documents.len(), 2, "{stdout}");
    for document in documents {
        let spec = spec::from_yaml(document, "stdout").expect("a spec");
        assert_eq!(spec.action, "DescribeImages");
    }
    assert!(stderr.contains("note[common-parameter]"), "{stderr}");
    assert!(stderr.contains("error: the parameter `ImageId` has an unknown type word"), "{stderr}");
    assert!(stderr.contains(&format!("{}:7:1", bad.display())), "{stderr}");
    assert!(stderr.contains("|ImageId|Strang Thing|否|镜像ID|"), "{stderr}");
    assert!(stderr.contains("= help:"), "{stderr}");
}

#[test]
fn the_api_name_comes_from_the_page_whatever_the_file_is_called() {
    let table =
        "| 参数名称 | 是否必选 | 类型 | 描述 |\n|---|---|---|---|\n| instanceId | 是 | String | 实例ID |\n";
    let cases = [
        ("---\ntitle: \"StopInstances\"\n---\n\n**Request Parameters**\n\n", "", "StopInstances"),
        ("# stopInstance\n\n## 请求参数\n", "", "stopInstance"),
        ("## 1. 接口描述\n\n本接口 (StopInstance) 用于关闭实例。\n\n## 2. 输入参数\n\n", "", "StopInstance"),
        (
            "## 2. 输入参数\n\n",
            "\n## 5. 示例\n\n输入\n\n```\nhttps://cvm.api.qcloud.com/v2/index.php?Action=StopInstance\n&instanceId=ins-1\n```\n",
            "StopInstance",
        ),
        (
            "**Request Parameters**\n\n",
            "\n_Example Request_:\n\n```\nhttps://api.qingcloud.com/iaas/?action=StopInstances\n&zone=pek3a\n```\n",
            "StopInstances",
        ),
        (
            "**Request Parameters**\n\n",
            "\n**Response Elements**\n\n| Name | Type | Description |\n| --- | --- | --- |\n| action | String | 响应动作 |\n\n_Example Response_:\n\n```\n{\"action\":\"StopInstancesResponse\",\"ret_code\":0}\n```\n",
            "StopInstances",
        ),
    ];
    for (before, after, action) in cases {
        let page = format!("{before}{table}{after}");
        let spec = extract::extract_page("001_4c7a65ed0e4ff2e3.txt", page.as_bytes(), None, &options())
            .unwrap_or_else(|e| panic!("{e}\n{page}"))
            .spec;
        assert_eq!(spec.action, action, "{page}");
    }
    let silent = format!("## 请求参数\n\n{table}");
    let error = extract::extract_page("page.md", silent.as_bytes(), None, &options()).expect_err("no name");
    assert_eq!((error.line, error.message.contains("names no API")), (1, true), "{error}");
    assert!(error.help.contains("--action"), "{}", error.help);
    let named = Options { action: Some("StopInstance".to_owned()), ..options() };
    let spec = extract::extract_page("page.md", silent.as_bytes(), None, &named).expect("named").spec;
    assert_eq!(spec.action, "StopInstance");
}

#[test]
fn the_main_command_shows_the_diagnostics_of_the_pages_it_extracted() {
    let dir = std::env::temp_dir().join(format!("yunapi-main-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let specs = dir.join("specs");
    with_aliyun_profile(&specs);
    std::fs::create_dir_all(specs.join("sources/aliyun")).expect("folders");
    // `Action` gives a note; the example's `Extra` a warning.
    let page = table("|Action|String|是|系统规定参数。|\n|ImageId|String|否|镜像ID|\n")
        + "\n## 请求示例\n\n```\nhttps://ecs.aliyuncs.com/?Action=DescribeThings\n&ImageId=m-1\n&Extra=1\n```\n";
    std::fs::write(specs.join("sources/aliyun/DescribeThings.md"), page).expect("page");
    std::fs::write(specs.join("sources/aliyun/Broken.md"), table("|X|String|否|a|\n|X|String|否|b|\n"))
        .expect("page");
    let run = |flags: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_generator"))
            .args(flags)
            .arg(&specs)
            .arg(dir.join("out"))
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "a page failed");
        String::from_utf8(output.stderr).expect("utf-8")
    };
    let first = run(&[]);
    assert!(first.contains("warning[undocumented-parameter]: the request example sets `Extra`"), "{first}");
    assert!(first.contains("DescribeThings.md:"), "{first}");
    assert!(!first.contains("note[common-parameter]"), "notes only with --verbose: {first}");
    assert!(first.contains("error: the parameter `X` is listed twice"), "{first}");
    assert!(first.contains("pages 2 (0 unchanged, 1 failed)"), "{first}");
    // The page is unchanged: its diagnostics were shown when it was extracted.
    let again = run(&[]);
    assert!(
        !again.contains("undocumented-parameter") && again.contains("pages 2 (1 unchanged, 1 failed)"),
        "{again}"
    );
    std::fs::remove_file(dir.join("out/.cache")).expect("cache");
    let verbose = run(&["--verbose"]);
    assert!(
        verbose.contains("note[common-parameter]") && verbose.contains("warning[undocumented-parameter]"),
        "{verbose}"
    );
    std::fs::remove_file(dir.join("out/.cache")).expect("cache");
    let quiet = run(&["--quiet"]);
    assert!(!quiet.contains("warning[") && quiet.contains("listed twice"), "failures still show: {quiet}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_overlay_that_documents_an_example_parameter_brings_it_back_into_the_test() {
    let dir = std::env::temp_dir().join(format!("yunapi-example-marks-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sources = dir.join("sources/aliyun");
    std::fs::create_dir_all(&sources).expect("folders");
    with_aliyun_profile(&dir);
    let page = format!(
        "{}\n## 示例\n\n请求示例\n\n```\nhttps://ecs.aliyuncs.com/?Action=DescribeThings\n&ImageId=m-1\n&Extra=1\n```\n",
        table("|ImageId|String|否|镜像ID|\n")
    );
    std::fs::write(sources.join("DescribeThings.md"), &page).expect("page");
    let tree = tree_options();
    let summary = extract::extract_tree(&dir, &tree).expect("tree");
    // The main command prints the diagnostic at the example's line of the page.
    let example_line = page.lines().position(|l| l.starts_with("https://")).expect("example") as u32 + 1;
    let reported = &summary.reports[0].1;
    let undocumented = reported.iter().find(|d| d.code == "undocumented-parameter").expect("diagnostic");
    assert_eq!((undocumented.line, undocumented.section.as_deref()), (example_line, None));
    let spec_path = dir.join("aliyun/DescribeThings.yaml");
    let read =
        || spec::from_yaml(&std::fs::read_to_string(&spec_path).expect("spec"), "spec").expect("reads");
    let left_out: Vec<String> =
        read().examples.requests[0].left_out.iter().map(|l| l.param.clone()).collect();
    assert_eq!(left_out, ["Extra"]);

    // The overlay adds the parameter: the example's test takes it, and the warning goes.
    let overlays = dir.join("overlays/aliyun");
    std::fs::create_dir_all(&overlays).expect("overlay folder");
    let overlay =
        "note: The page leaves out Extra.\nrequest:\n  Extra: {in: query, type: integer, required: false}\n";
    std::fs::write(overlays.join("DescribeThings.yaml"), overlay).expect("overlay");
    extract::extract_tree(&dir, &tree).expect("tree");
    let spec = read();
    assert!(spec.examples.requests[0].left_out.is_empty(), "{:?}", spec.examples.requests[0].left_out);
    assert!(spec.diagnostics.iter().all(|d| d.code != "undocumented-parameter"));

    // Accepting a mark works on the marks worked out after the patches; a mark of an example the
    // overlay patched stands at the overlay's line of that example.
    let accept = format!(
        "{overlay}examples:\n  requests:\n    1:\n      params: [[ImageId, m-1], [Extra, x]]\naccept:\n  - example-value@line 6\n"
    );
    std::fs::write(overlays.join("DescribeThings.yaml"), accept).expect("overlay");
    let summary = extract::extract_tree(&dir, &tree).expect("tree");
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    let spec = read();
    assert_eq!(spec.examples.requests[0].left_out[0].reason, "`x` is not an integer");
    assert!(spec.diagnostics.iter().all(|d| d.code != "example-value"), "accepted");
    let _ = std::fs::remove_dir_all(&dir);
}
