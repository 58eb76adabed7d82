//! The constraints real pages state, checked on the generated client: every violation is reported
//! at once, naming the wire parameter and the place of the page. The seed pages' cases, then the
//! lengths, patterns, conditions and conditional ranges of CreateDisk, CreateVolumes and
//! createDisks, and the ways past a check the page gets wrong (`Other`, `build_unchecked`). The
//! exact behaviour of each check is tested in runtime/src/rules/tests.rs and its tables in the
//! codegen goldens (generator/tests/fixtures/golden/aliyun/CheckEverything.yaml).

use yunapi::runtime::ValidationErrors;

/// The violation naming `param`, with its message and source, or a failure listing them all.
fn violation<'a>(errors: &'a ValidationErrors, param: &str) -> &'a yunapi::runtime::Violation {
    errors
        .violations()
        .iter()
        .find(|v| v.param == param)
        .unwrap_or_else(|| panic!("no violation names {param}: {errors}"))
}

#[cfg(yunapi_api = "qingcloud/DescribeImages")]
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

#[cfg(yunapi_api = "tencent/DescribeImages")]
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

#[cfg(yunapi_api = "aliyun/DescribeImages")]
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

#[cfg(yunapi_api = "jdcloud/describeImages")]
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

#[cfg(yunapi_api = "qingcloud/DescribeImages")]
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

#[cfg(yunapi_api = "jdcloud/describeKeypairs")]
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

#[cfg(yunapi_api = "aliyun/CreateDisk")]
#[test]
fn aliyun_create_disk_name_zone_and_size_per_category() {
    use yunapi::aliyun::CreateDisk;
    use yunapi::aliyun::create_disk::DiskCategory;
    // 长度为2~128个英文或中文字符。必须以大小字母或中文开头，不能以http://和https://开头。
    let errors =
        CreateDisk::builder().region_id("cn-hangzhou").disk_name("d").build().expect_err("one character");
    let name = violation(&errors, "DiskName");
    assert!(name.message.contains("2 to 128 characters"), "{errors}");
    assert!(name.source.ends_with("CreateDisk.md, 请求参数 row 5"), "{errors}");
    // 如果您不设置InstanceId，则ZoneId为必填参数。
    assert!(violation(&errors, "ZoneId").message.contains("InstanceId"), "{errors}");
    for bad in ["https://disk", "1disk", "disk.1"] {
        let errors =
            CreateDisk::builder().region_id("cn-hangzhou").zone_id("cn-hangzhou-g").disk_name(bad).build();
        assert!(errors.is_err_and(|e| e.mentions("DiskName")), "{bad} is refused");
    }
    let good = CreateDisk::builder()
        .region_id("cn-hangzhou")
        .zone_id("cn-hangzhou-g")
        .disk_name("数据盘-1")
        .size(2000);
    assert!(good.clone().build().is_ok());
    // 您不能同时指定ZoneId和InstanceId。
    let errors = good.clone().instance_id("i-1").build().expect_err("both ZoneId and InstanceId");
    assert!(violation(&errors, "ZoneId").message.contains("together with InstanceId"), "{errors}");
    // cloud：5~2,000; cloud_ssd：20~32,768: the bound of the category set, the widest without one.
    let sized = |category: Option<DiskCategory>, size| {
        let builder = CreateDisk::builder().region_id("cn-hangzhou").zone_id("cn-hangzhou-g").size(size);
        match category {
            Some(category) => builder.disk_category(category).build(),
            None => builder.build(),
        }
    };
    let errors = sized(Some(DiskCategory::Cloud), 3000).expect_err("cloud disks hold at most 2,000 GiB");
    assert!(
        violation(&errors, "Size").message.contains("between 5 and 2000 when DiskCategory is cloud"),
        "{errors}"
    );
    assert!(sized(Some(DiskCategory::CloudSsd), 3000).is_ok());
    assert!(sized(None, 3000).is_ok(), "no category: only the widest bound applies");
    assert!(sized(Some(DiskCategory::CloudSsd), 10).expect_err("20 at least").mentions("Size"));
}

#[cfg(yunapi_api = "qingcloud/CreateVolumes")]
#[test]
fn qingcloud_create_volumes_size_per_volume_type_and_step() {
    use yunapi::qingcloud::CreateVolumes;
    use yunapi::qingcloud::create_volumes::VolumeType;
    let volumes = |volume_type: VolumeType, size| {
        CreateVolumes::builder().zone("pek3a").volume_type(volume_type).size(size).build()
    };
    // 性能型大小范围是 20-1000GB, 容量型 20-5000GB, 步长是10GB.
    let errors = volumes(VolumeType::V0, 2000).expect_err("a performance volume holds at most 1000 GB");
    assert!(
        violation(&errors, "size").message.contains("between 20 and 1000 when volume_type is 0"),
        "{errors}"
    );
    assert!(volumes(VolumeType::V2, 2000).is_ok());
    let errors = volumes(VolumeType::V2, 2005).expect_err("steps of 10 GB");
    assert!(violation(&errors, "size").message.contains("a multiple of 10"), "{errors}");
}

#[cfg(yunapi_api = "jdcloud/createDisks")]
#[test]
fn jdcloud_charge_duration_by_unit() {
    use yunapi::jdcloud::CreateDisks;
    use yunapi::jdcloud::create_disks::{ChargeSpec, ChargeSpecChargeUnit, DiskSpec, DiskSpecDiskType};
    let disks = |unit: ChargeSpecChargeUnit, duration| {
        let charge =
            ChargeSpec { charge_unit: Some(unit), charge_duration: Some(duration), ..ChargeSpec::default() };
        let spec = DiskSpec {
            az: Some("cn-north-1a".into()),
            name: Some("data".into()),
            disk_size_gb: Some(20),
            disk_type: Some(DiskSpecDiskType::Ssd),
            charge: Some(charge),
            ..DiskSpec::default()
        };
        CreateDisks::builder().region_id("cn-north-1").disk_spec(spec).max_count(1).build()
    };
    // 当chargeUnit为month时取值为：1~9，当chargeUnit为year时取值为：1、2、3
    let nine_months = disks(ChargeSpecChargeUnit::Month, 9);
    assert!(nine_months.is_ok(), "{nine_months:?}");
    let errors = disks(ChargeSpecChargeUnit::Year, 5).expect_err("at most 3 years");
    let duration = violation(&errors, "diskSpec.charge.chargeDuration");
    assert!(duration.message.contains("between 1 and 3 when diskSpec.charge.chargeUnit is year"), "{errors}");
    assert!(duration.source.ends_with("createDisks.md, ChargeSpec row 1"), "{errors}");
    assert!(
        disks(ChargeSpecChargeUnit::Month, 10)
            .expect_err("at most 9 months")
            .mentions("diskSpec.charge.chargeDuration")
    );
}

#[cfg(yunapi_api = "aliyun/CreateDisk")]
#[test]
fn a_value_the_page_does_not_list_is_refused_by_build_and_sent_unchecked() {
    use yunapi::aliyun::CreateDisk;
    use yunapi::aliyun::create_disk::DiskCategory;
    let builder = CreateDisk::builder()
        .region_id("cn-hangzhou")
        .zone_id("cn-hangzhou-g")
        .disk_category(DiskCategory::Other("cloud_auto".into()))
        .size(1);
    let errors = builder.clone().build().expect_err("a closed set");
    assert!(violation(&errors, "DiskCategory").message.contains("cloud_auto"), "{errors}");
    assert!(errors.mentions("Size"), "{errors}");

    let request = builder.build_unchecked();
    assert!(
        yunapi::runtime::Operation::validate(&request).is_err(),
        "validate still tells what the page says"
    );
    let client = yunapi::Client::new(
        &yunapi::aliyun::PROVIDER,
        yunapi::Credentials::new("AK", "SK"),
        yunapi::Config::default(),
    )
    .expect("a valid client");
    let prepared = client.prepare(&request).expect("the client sends an unchecked request");
    let query = prepared.uri().query().unwrap_or_default();
    assert!(query.contains("DiskCategory=cloud_auto") && query.contains("Size=1"), "{query}");

    // What the client cannot send stays refused: without a region, Alibaba's RegionId is missing.
    let request = CreateDisk::builder().zone_id("cn-hangzhou-g").build_unchecked();
    match client.prepare(&request) {
        Err(yunapi::Error::Validation(errors)) => assert!(errors.mentions("RegionId"), "{errors}"),
        other => panic!("expected RegionId to be missing, got {other:?}"),
    }
}

#[cfg(yunapi_api = "qingcloud/DescribeImages")]
#[test]
fn an_open_set_takes_a_value_the_page_does_not_list() {
    use yunapi::qingcloud::DescribeImages;
    use yunapi::qingcloud::describe_images::OsFamily;
    let request =
        DescribeImages::builder().zone("pek3a").os_family(OsFamily::Other("archlinux".into())).build();
    assert!(request.is_ok(), "{request:?}");
}
