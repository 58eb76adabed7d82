//! The validation cases the seed pages state (issue 3), checked on the generated client: every
//! violation is reported at once, naming the wire parameter and the page line.

use yunapi::runtime::ValidationErrors;

/// The violation naming `param`, with its message and source, or a failure listing them all.
fn violation<'a>(errors: &'a ValidationErrors, param: &str) -> &'a yunapi::runtime::Violation {
    errors
        .violations()
        .iter()
        .find(|v| v.param == param)
        .unwrap_or_else(|| panic!("no violation names {param}: {errors}"))
}

#[test]
fn qingcloud_limit_zone_case_and_zone_required() {
    use yunapi::qingcloud::DescribeImages;
    let errors = DescribeImages::builder().limit(101).zone("PEK3A").build().expect_err("limit 101 and PEK3A");
    assert!(
        violation(&errors, "limit")
            .source
            .starts_with("specs/sources/qingcloud/DescribeImages.md, Request Parameters row")
    );
    assert!(violation(&errors, "zone").message.contains("lower case"), "{errors}");
    assert_eq!(errors.violations().len(), 2, "{errors}");

    // The zone is required, and the client's configured region may supply it: the client checks it
    // once filled, before anything is sent.
    let request = DescribeImages::builder().limit(100).build().expect("the zone can come from the config");
    let client = |config: yunapi::Config| {
        yunapi::Client::new(&yunapi::qingcloud::PROVIDER, yunapi::Credentials::new("AK", "SK"), config)
            .expect("a valid client")
    };
    match client(yunapi::Config::default()).prepare(&request) {
        Err(yunapi::Error::Validation(errors)) => {
            let zone = violation(&errors, "zone");
            assert!(
                zone.message.contains("required") && zone.message.contains("Config::with_region"),
                "{errors}"
            );
            assert!(zone.source.starts_with("specs/sources/qingcloud/DescribeImages.md, "), "{errors}");
        }
        other => panic!("expected the zone to be required, got {other:?}"),
    }
    let prepared = client(yunapi::Config::default().with_region("pek3a")).prepare(&request).expect("filled");
    assert!(prepared.uri().query().is_some_and(|q| q.contains("zone=pek3a")));
    assert!(DescribeImages::builder().limit(100).zone("pek3a").build().is_ok());
}

#[test]
fn tencent_eleven_image_ids() {
    use yunapi::tencent::DescribeImages;
    use yunapi::tencent::describe_images::ImageType;
    let ids: Vec<String> = (0..11).map(|i| format!("img-{i:08}")).collect();
    let errors = DescribeImages::builder()
        .image_type(ImageType::V1)
        .image_ids(ids.clone())
        .build()
        .expect_err("11 ids");
    // Tencent lists are 0-based: the eleventh id is imageIds.10.
    assert!(violation(&errors, "imageIds.10").message.contains("at most 10"), "{errors}");
    assert!(
        DescribeImages::builder().image_type(ImageType::V1).image_ids(ids[..10].to_vec()).build().is_ok()
    );
    let errors =
        DescribeImages::builder().image_ids(ids[..1].to_vec()).build().expect_err("ids need imageType");
    assert!(violation(&errors, "imageIds").message.contains("imageType"), "{errors}");
}

#[test]
fn aliyun_tags_filters_and_time_format() {
    use yunapi::aliyun::DescribeImages;
    use yunapi::aliyun::describe_images::{Filter, FilterKey, TagParam};
    let tags = (1..=21).map(|i| TagParam { key: Some(format!("k{i}")), ..TagParam::default() });
    let filters = [
        Filter { key: None, value: Some("2017-12-05T22:40Z".into()) },
        Filter { key: Some(FilterKey::CreationStartTime), value: Some("2017-12-05 22:40".into()) },
    ];
    let errors = DescribeImages::builder()
        .region_id("cn-hangzhou")
        .tag(tags)
        .filter(filters)
        .build()
        .expect_err("bad");
    assert!(violation(&errors, "Tag.21.Key").message.contains("at most 20"), "{errors}");
    assert!(violation(&errors, "Filter.1.Value").message.contains("Filter.1.Key"), "{errors}");
    assert!(violation(&errors, "Filter.2.Value").message.contains("yyyy-MM-ddTHH:mmZ"), "{errors}");
    assert_eq!(errors.violations().len(), 3, "all at once: {errors}");

    let good = [Filter { key: Some(FilterKey::CreationStartTime), value: Some("2017-12-05T22:40Z".into()) }];
    assert!(DescribeImages::builder().region_id("cn-hangzhou").filter(good).build().is_ok());
}

#[test]
fn jdcloud_page_size_and_image_source() {
    use yunapi::jdcloud::DescribeImages;
    use yunapi::jdcloud::describe_images::ImageSource;
    for size in [5, 101] {
        let errors = DescribeImages::builder()
            .region_id("cn-north-1")
            .image_source(ImageSource::Public)
            .page_size(size)
            .build()
            .expect_err("page size out of range");
        assert!(violation(&errors, "pageSize").message.contains("between 10 and 100"), "{errors}");
    }
    let errors =
        DescribeImages::builder().region_id("cn-north-1").build().expect_err("no ids, no imageSource");
    assert!(violation(&errors, "imageSource").message.contains("ids"), "{errors}");
    assert!(DescribeImages::builder().region_id("cn-north-1").ids(["img-1"]).build().is_ok());
}

#[test]
fn from_wire_reports_unknown_and_unreadable_parameters() {
    use yunapi::qingcloud::DescribeImages;
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    };
    let request =
        DescribeImages::from_wire(&pairs(&[("zone", "pek3a"), ("images.1", "img-1"), ("images.2", "img-2")]))
            .expect("valid wire parameters");
    assert_eq!(request.images, ["img-1", "img-2"]);
    let errors =
        DescribeImages::from_wire(&pairs(&[("zone", "pek3a"), ("limit", "many"), ("colour", "red")]))
            .expect_err("bad pairs");
    assert!(errors.mentions("limit") && errors.mentions("colour"), "{errors}");
}

#[test]
fn jdcloud_filter_fields_are_checked_and_read_back() {
    use yunapi::jdcloud::DescribeKeypairs;
    use yunapi::jdcloud::describe_keypairs::Filter;
    let errors = DescribeKeypairs::builder()
        .region_id("cn-north-1")
        .filters([Filter { name: Some("keyNames".into()), ..Filter::default() }, Filter::default()])
        .build()
        .expect_err("filters without values, and one without a name");
    // The page's Filter table requires name and values.
    assert!(violation(&errors, "filters.1.values").message.contains("required"), "{errors}");
    assert!(violation(&errors, "filters.2.name").message.contains("required"), "{errors}");
    assert!(
        violation(&errors, "filters.2.values").source.contains("describeKeypairs.md, Filter row 3"),
        "{errors}"
    );
    assert_eq!(errors.violations().len(), 3, "{errors}");

    let pairs: Vec<(String, String)> = [
        ("regionId", "cn-north-1"),
        ("filters.1.name", "keyNames"),
        ("filters.1.values.1", "kp-1"),
        ("filters.1.values.2", "kp-2"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let request = DescribeKeypairs::from_wire(&pairs).expect("valid wire parameters");
    assert_eq!(request.filters.len(), 1);
    assert_eq!(request.filters[0].name.as_deref(), Some("keyNames"));
    assert_eq!(request.filters[0].values, ["kp-1", "kp-2"]);

    let wrong: Vec<(String, String)> =
        [("regionId", "cn-north-1"), ("filters.1.colour", "red"), ("filters.3.name", "x")]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
    let errors = DescribeKeypairs::from_wire(&wrong).expect_err("an unknown field and a skipped index");
    assert!(violation(&errors, "filters.1.colour").message.contains("not a parameter"), "{errors}");
    assert!(violation(&errors, "filters.3.name").message.contains("skips an index"), "{errors}");
}
