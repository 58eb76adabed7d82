//! A catalogue of page edits, each a real kind of documentation change, made to real pages (the
//! Alibaba seed and JD Cloud's describeKeypairs, copied under fixtures/diff/). Each edited page is
//! extracted like the original and the two specs are diffed: the test holds the whole path a
//! reviewer uses, page → spec → diff, to the check ids and elements it expects.

mod diff_support;

use diff_support::{assert_schema, extract, fixtures, tree};
use generator::diff::{self, Check, Level, Report, Semver, render};
use std::collections::BTreeSet;

/// One edit of a page and the changes it must give, as `(check id, element)`.
struct Edit {
    name: &'static str,
    base: Base,
    /// Each `from` must occur exactly once in the page.
    replace: &'static [(&'static str, &'static str)],
    expect: &'static [(&'static str, &'static str)],
}

#[derive(Clone, Copy)]
enum Base {
    /// The Alibaba seed DescribeImages: enums, ranges, defaults, `Tag.N.Key`, errors, XML answers.
    Aliyun,
    /// JD Cloud's describeKeypairs: a path template, request objects (`Filter`), nested answers.
    Jdcloud,
}

impl Base {
    fn page(self) -> (&'static str, String, String) {
        let (provider, file) = match self {
            Base::Aliyun => ("aliyun", "edits/DescribeImages.md"),
            Base::Jdcloud => ("jdcloud", "jdcloud/describeKeypairs.md"),
        };
        let text = std::fs::read_to_string(fixtures().join(file)).expect("fixture page");
        (provider, format!("sources/{provider}/{}", file.rsplit('/').next().unwrap_or(file)), text)
    }
}

const EDITS: &[Edit] = &[
    Edit {
        name: "a parameter added, optional",
        base: Base::Aliyun,
        replace: &[(
            "|ImageName|String|否|testImageName|镜像名称。 |",
            "|ImageName|String|否|testImageName|镜像名称。 |\n|ImageOwnerId|Long|否|1234|镜像所有者的账号ID。 |",
        )],
        expect: &[("request-parameter-added-optional", "request.ImageOwnerId")],
    },
    Edit {
        name: "a parameter added, required",
        base: Base::Aliyun,
        replace: &[(
            "|ImageName|String|否|testImageName|镜像名称。 |",
            "|ImageName|String|否|testImageName|镜像名称。 |\n|ZoneId|String|是|cn-hangzhou-a|可用区ID。 |",
        )],
        expect: &[("request-parameter-added-required", "request.ZoneId")],
    },
    Edit {
        name: "a parameter removed",
        base: Base::Aliyun,
        replace: &[(
            r"|SnapshotId|String|否|s-bp17ot2q7x72ggtw\*\*\*\*|根据某一快照ID创建的自定义镜像。 |
",
            "",
        )],
        expect: &[("request-parameter-removed", "request.SnapshotId")],
    },
    Edit {
        name: "a parameter renamed",
        base: Base::Aliyun,
        replace: &[(
            "|ImageName|String|否|testImageName|镜像名称。 |",
            "|ImageNames|String|否|testImageName|镜像名称。 |",
        )],
        expect: &[("request-parameter-renamed", "request.ImageName")],
    },
    Edit {
        name: "a parameter retyped",
        base: Base::Aliyun,
        replace: &[(
            "|IsSupportIoOptimized|Boolean|否|true|镜像是否可以运行在I/O优化实例上。 |",
            "|IsSupportIoOptimized|String|否|true|镜像是否可以运行在I/O优化实例上。 |",
        )],
        expect: &[("request-parameter-type-changed", "request.IsSupportIoOptimized.type")],
    },
    Edit {
        name: "a parameter's page type word changes, not its Rust type",
        base: Base::Aliyun,
        replace: &[("|PageNumber|Integer|否|1|", "|PageNumber|Long|否|1|")],
        expect: &[("type-name-changed", "request.PageNumber.type")],
    },
    Edit {
        name: "a parameter became required",
        base: Base::Aliyun,
        replace: &[(
            r"|ImageId|String|否|m-bp1g7004ksh0oeuc\*\*\*\*|镜像ID。 |",
            r"|ImageId|String|是|m-bp1g7004ksh0oeuc\*\*\*\*|镜像ID。 |",
        )],
        expect: &[("request-parameter-became-required", "request.ImageId.required")],
    },
    Edit {
        name: "a parameter became optional",
        base: Base::Aliyun,
        replace: &[("|RegionId|String|是|cn-hangzhou|", "|RegionId|String|否|cn-hangzhou|")],
        expect: &[("request-parameter-became-optional", "request.RegionId.required")],
    },
    Edit {
        name: "a request enum widened",
        base: Base::Aliyun,
        replace: &[(
            "镜像的操作系统类型。取值范围：\n\n -   windows\n-   linux |",
            "镜像的操作系统类型。取值范围：\n\n -   windows\n-   linux\n-   freebsd |",
        )],
        expect: &[("request-enum-value-added", "request.OSType.enum[freebsd]")],
    },
    Edit {
        name: "a request enum narrowed",
        base: Base::Aliyun,
        replace: &[(
            "镜像的体系架构。取值范围：\n\n -   i386\n-   x86\\_64\n-   arm64 |",
            "镜像的体系架构。取值范围：\n\n -   i386\n-   x86\\_64 |",
        )],
        expect: &[("request-enum-value-removed", "request.Architecture.enum[arm64]")],
    },
    Edit {
        name: "an enum value's meaning reworded",
        base: Base::Aliyun,
        replace: &[("-   Creating：镜像正在创建中。", "-   Creating：镜像创建中。")],
        expect: &[("description-changed", "request.Status.enum[Creating]")],
    },
    Edit {
        name: "a range narrowed",
        base: Base::Aliyun,
        replace: &[("每页行数。最大值：100", "每页行数。最大值：50")],
        expect: &[
            ("request-range-narrowed", "request.PageSize.range"),
            ("description-changed", "request.PageSize.description"),
        ],
    },
    Edit {
        name: "a range widened",
        base: Base::Aliyun,
        replace: &[("每页行数。最大值：100", "每页行数。最大值：500")],
        expect: &[
            ("request-range-widened", "request.PageSize.range"),
            ("description-changed", "request.PageSize.description"),
        ],
    },
    Edit {
        name: "a default changed",
        base: Base::Aliyun,
        replace: &[("最大值：100\n\n 默认值：10 |", "最大值：100\n\n 默认值：20 |")],
        expect: &[
            ("request-default-changed", "request.PageSize.default"),
            ("description-changed", "request.PageSize.description"),
        ],
    },
    Edit {
        name: "a list parameter became a single value",
        base: Base::Aliyun,
        replace: &[("\n\n 支持同时取多个值，值之间以半角逗号（,）隔开。 |", " |")],
        expect: &[
            ("request-parameter-type-changed", "request.Status.type"),
            ("description-changed", "request.Status.description"),
        ],
    },
    Edit {
        name: "a response field added",
        base: Base::Aliyun,
        replace: &[(
            "|IsCopied|Boolean|false|是否是拷贝的镜像。 |",
            "|IsCopied|Boolean|false|是否是拷贝的镜像。 |\n|IsPublic|Boolean|true|是否是公共镜像。 |",
        )],
        expect: &[("response-field-added", "response.Image.IsPublic")],
    },
    Edit {
        name: "a response field removed, from the table and the examples",
        base: Base::Aliyun,
        replace: &[
            ("|ImportOSSBucket|String|testEcsImport|导入镜像所属OSS的bucket。 |\n", ""),
            ("                              <ImportOSSBucket></ImportOSSBucket>\n", ""),
            ("\t\t\t\t\t\t\t\"ImportOSSBucket\": \"\",\n", ""),
        ],
        expect: &[
            ("response-field-removed", "response.DiskDeviceMapping.ImportOSSBucket"),
            ("example-changed", "examples.responses[1]"),
            ("example-changed", "examples.responses[2]"),
        ],
    },
    Edit {
        name: "a response field retyped",
        base: Base::Aliyun,
        replace: &[("|IsSelfShared|String|true|", "|IsSelfShared|Boolean|true|")],
        expect: &[("response-field-type-changed", "response.Image.IsSelfShared.type")],
    },
    Edit {
        name: "a response enum widened",
        base: Base::Aliyun,
        replace: &[("-   CreateFailed：创建失败 |", "-   CreateFailed：创建失败\n-   Deprecated：已弃用 |")],
        expect: &[("response-enum-value-added", "response.Image.Status.enum[Deprecated]")],
    },
    Edit {
        name: "an error code added and one removed",
        base: Base::Aliyun,
        replace: &[(
            "|400|InvalidTagCount|The specified tags are beyond the permitted range.|指定的标记超出取值范围。|",
            "|403|InvalidImage.Forbidden|The image is forbidden.|镜像不可用。|",
        )],
        expect: &[
            ("error-code-removed", "errors[InvalidTagCount]"),
            ("error-code-added", "errors[InvalidImage.Forbidden]"),
        ],
    },
    Edit {
        name: "the summary reworded",
        base: Base::Aliyun,
        replace: &[(
            "\n调用DescribeImages查询您可以使用的镜像资源。\n",
            "\n调用DescribeImages查询可以使用的镜像资源。\n",
        )],
        expect: &[("description-changed", "summary")],
    },
    Edit {
        name: "a parameter deprecated",
        base: Base::Aliyun,
        replace: &[(
            "|InstanceType|String|否|ecs.g5.large|指定实例类型可以使用的镜像。 |",
            "|InstanceType|String|否|ecs.g5.large|指定实例类型可以使用的镜像。\n\n **说明：** 该参数即将被弃用，请尽量使用其他参数。 |",
        )],
        expect: &[
            ("deprecation-changed", "request.InstanceType.deprecated"),
            ("description-changed", "request.InstanceType.description"),
        ],
    },
    Edit {
        name: "the method changed (JD Cloud sends a POST's parameters in the body)",
        base: Base::Jdcloud,
        replace: &[("## 请求方式\nGET\n", "## 请求方式\nPOST\n")],
        expect: &[
            ("http-method-changed", "http.method"),
            ("request-location-changed", "request.pageNumber.in"),
            ("request-location-changed", "request.pageSize.in"),
            ("request-location-changed", "request.filters.in"),
        ],
    },
    Edit {
        name: "a field added to a request object",
        base: Base::Jdcloud,
        replace: &[(
            "|**values**|String[]|True| |过滤条件的值|",
            "|**values**|String[]|True| |过滤条件的值|\n|**caseSensitive**|Boolean|False| |是否区分大小写|",
        )],
        expect: &[("request-field-added", "request_types.Filter.caseSensitive")],
    },
    Edit {
        name: "a field of a request object became optional",
        base: Base::Jdcloud,
        replace: &[("|**name**|String|True| |过滤条件的名称|", "|**name**|String|False| |过滤条件的名称|")],
        expect: &[("request-field-became-optional", "request_types.Filter.name.nullable")],
    },
    Edit {
        name: "the path changed",
        base: Base::Jdcloud,
        replace: &[(
            "https://vm.jdcloud-api.com/v1/regions/{regionId}/keypairs",
            "https://vm.jdcloud-api.com/v2/regions/{regionId}/keypairs",
        )],
        expect: &[("http-path-changed", "http.path")],
    },
    Edit {
        name: "a range in brackets narrowed, with its prose",
        base: Base::Jdcloud,
        replace: &[("取值范围[10, 100]", "取值范围[10, 50]")],
        expect: &[
            ("request-range-narrowed", "request.pageSize.range"),
            ("description-changed", "request.pageSize.description"),
        ],
    },
    Edit {
        name: "a nested answer field removed",
        base: Base::Jdcloud,
        replace: &[("|**createTime**|String|创建时间|\n", "")],
        expect: &[("response-field-removed", "response.Keypair.createTime")],
    },
];

fn apply(edit: &Edit, page: &str) -> String {
    let mut page = page.to_owned();
    for (from, to) in edit.replace {
        assert_eq!(page.matches(from).count(), 1, "{}: `{from}` must occur once in the page", edit.name);
        page = page.replacen(from, to, 1);
    }
    page
}

fn diff_pages(provider: &str, shown: &str, old: &str, new: &str) -> Report {
    let spec = |page: &str| extract(provider, shown, page);
    let path = format!("specs/{provider}/page.yaml");
    diff::diff(&tree([(path.clone(), spec(old))]), &tree([(path, spec(new))]))
}

fn ids_and_elements(report: &Report) -> BTreeSet<(String, String)> {
    report.changes.iter().map(|c| (c.check.id().to_owned(), c.element.clone())).collect()
}

#[test]
fn each_page_edit_gives_its_checks() {
    let mut failures = Vec::new();
    for edit in EDITS {
        let (provider, shown, page) = edit.base.page();
        let report = diff_pages(provider, &shown, &page, &apply(edit, &page));
        let found = ids_and_elements(&report);
        let expected: BTreeSet<(String, String)> =
            edit.expect.iter().map(|(id, element)| ((*id).to_owned(), (*element).to_owned())).collect();
        if found != expected {
            failures.push(format!("{}:\n  expected {expected:?}\n  found    {found:?}", edit.name));
        }
        assert_schema(&render::render(&report, render::Format::Json));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_unchanged_page_gives_no_change() {
    for base in [Base::Aliyun, Base::Jdcloud] {
        let (provider, shown, page) = base.page();
        let report = diff_pages(provider, &shown, &page, &page);
        assert_eq!(report.changes, [], "{shown}");
        assert_eq!(report.semver(), Semver::None);
    }
}

#[test]
fn removing_a_parameter_names_its_field_and_setter() {
    let (provider, shown, page) = Base::Aliyun.page();
    let edit = &EDITS[2];
    assert_eq!(edit.name, "a parameter removed");
    let report = diff_pages(provider, &shown, &page, &apply(edit, &page));
    let [change] = report.changes.as_slice() else { panic!("one change: {report:?}") };
    assert_eq!(change.check.level(), Level::Breaking);
    assert_eq!(
        change.rust,
        [
            "yunapi::aliyun::DescribeImages::snapshot_id removed",
            "yunapi::aliyun::DescribeImagesBuilder::snapshot_id removed"
        ]
    );
    assert_eq!(report.semver(), Semver::Major);
}

#[test]
fn a_retyped_parameter_names_both_rust_types() {
    let (provider, shown, page) = Base::Aliyun.page();
    let report = diff_pages(provider, &shown, &page, &apply(&EDITS[4], &page));
    let [change] = report.changes.as_slice() else { panic!("one change: {report:?}") };
    assert_eq!(
        change.rust,
        [
            "yunapi::aliyun::DescribeImages::is_support_io_optimized changes type: Option<bool> → Option<String>"
        ]
    );
}

#[test]
fn enum_values_name_their_variants() {
    let (provider, shown, page) = Base::Aliyun.page();
    let widened = diff_pages(provider, &shown, &page, &apply(&EDITS[8], &page));
    assert_eq!(widened.changes[0].rust, ["yunapi::aliyun::describe_images::OsType::Freebsd added"]);
    assert_eq!(widened.semver(), Semver::Minor);
    let narrowed = diff_pages(provider, &shown, &page, &apply(&EDITS[9], &page));
    assert_eq!(narrowed.changes[0].rust, ["yunapi::aliyun::describe_images::Architecture::Arm64 removed"]);
}

#[test]
fn an_api_added_or_removed() {
    let (provider, shown, page) = Base::Aliyun.page();
    let aliyun = (format!("specs/{provider}/DescribeImages.yaml"), extract(provider, &shown, &page));
    let (provider, shown, page) = Base::Jdcloud.page();
    let jdcloud = (format!("specs/{provider}/describeKeypairs.yaml"), extract(provider, &shown, &page));
    let one = tree([aliyun.clone()]);
    let two = tree([aliyun, jdcloud]);
    let added = diff::diff(&one, &two);
    let [change] = added.changes.as_slice() else { panic!("one change: {added:?}") };
    assert_eq!((change.check, change.api.as_str()), (Check::ApiAdded, "jdcloud/describeKeypairs"));
    assert_eq!(
        change.rust,
        [
            "yunapi::jdcloud::describe_keypairs added",
            "yunapi::jdcloud::DescribeKeypairs added",
            "yunapi::jdcloud::DescribeKeypairsBuilder added",
            "yunapi::jdcloud::DescribeKeypairsResponse added"
        ]
    );
    let removed = diff::diff(&two, &one);
    assert_eq!(ids_and_elements(&removed), [("api-removed".to_owned(), "api".to_owned())].into());
    assert_eq!(removed.semver(), Semver::Major);
}
