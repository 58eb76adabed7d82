use super::Check::*;
use super::Ref::{Field, Param};
use super::*;
use crate::params::{Comma, ExtraParams, JsonArray, Object};
use crate::testing::{ALIYUN, JDCLOUD, TENCENT};

/// The violations of `params` against `rules`, as `param: message (source)` lines.
fn violations(params: &Params, rules: &[Rule]) -> Vec<String> {
    match check(params, rules) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.violations().iter().map(ToString::to_string).collect(),
    }
}

/// An object with the given text fields, as a generated `ToValue` writes one.
fn object(fields: &[(&'static str, &str)]) -> Option<Value> {
    let mut o = Object::new();
    for (name, value) in fields {
        o.add(name, *value);
    }
    o.finish()
}

#[test]
fn required_and_conditions_name_both_parameters() {
    static RULES: &[Rule] = &[
        Rule::new("RegionId", &[(Required, "p, row 1")], &[]),
        Rule::new(
            "ZoneId",
            &[
                (RequiredUnless(&[Param("InstanceId")]), "p, row 2"),
                (Excludes(&[Param("InstanceId")]), "p, row 2"),
            ],
            &[],
        ),
        Rule::new("Encrypted", &[(Requires(&[Param("KMSKeyId")]), "p, row 3")], &[]),
        Rule::new("Period", &[(RequiredWhen(Param("ChargeType"), &["PrePaid"]), "p, row 4")], &[]),
    ];
    let mut params = Params::new(&ALIYUN);
    params.query("Encrypted", &true);
    params.query("ChargeType", "PrePaid");
    assert_eq!(
        violations(&params, RULES),
        [
            "RegionId: is required (see p, row 1)",
            "ZoneId: is required when InstanceId is not set (see p, row 2)",
            "Encrypted: requires KMSKeyId to be set as well (see p, row 3)",
            "Period: is required when ChargeType is PrePaid (see p, row 4)",
        ]
    );

    let mut params = Params::new(&ALIYUN);
    for (name, value) in [("RegionId", "cn-hangzhou"), ("ZoneId", "cn-hangzhou-g"), ("InstanceId", "i-1")] {
        params.query(name, value);
    }
    params.query("ChargeType", "PostPaid");
    assert_eq!(violations(&params, RULES), ["ZoneId: cannot be set together with InstanceId (see p, row 2)"]);
}

#[test]
fn lists_name_their_items_from_the_providers_index_base() {
    static RULES: &[Rule] = &[
        Rule::new("imageIds", &[(MaxItems(2, ""), "p, row 1"), (LetterFirst, "p, row 1")], &[]),
        Rule::new(
            "Status",
            &[(MaxItems(1, ""), "p, row 2"), (OneOf(&["Available", "Creating"]), "p, row 2")],
            &[],
        ),
        Rule::new("DiskIds", &[(Chars(Some(3), None), "p, row 3")], &[]),
    ];
    // Tencent's lists count from 0: the third id is imageIds.2.
    let mut params = Params::new(&TENCENT);
    params.query("imageIds", &vec!["img-1".to_owned(), "2".to_owned(), "img-3".to_owned()]);
    params.query("Status", &Comma(&["Available".to_owned(), "Gone".to_owned()]));
    params.query("DiskIds", &JsonArray(&["d-1".to_owned(), "d".to_owned()]));
    assert_eq!(
        violations(&params, RULES),
        [
            "imageIds.2: at most 2 items are allowed, got 3 (see p, row 1)",
            "imageIds.1: must start with a letter, got \"2\" (see p, row 1)",
            // A list in one parameter has one name for all its items.
            "Status: at most 1 items are allowed, got 2 (see p, row 2)",
            "Status: must be one of Available, Creating, got \"Gone\" (see p, row 2)",
            "DiskIds: must be at least 3 characters long, got 1 (see p, row 3)",
        ]
    );
}

#[test]
fn ranges_hold_always_and_conditional_ranges_when_their_condition_is_known() {
    static RULES: &[Rule] = &[
        Rule::new("DiskCategory", &[], &[]),
        Rule::new(
            "Size",
            &[
                (Range(Some(5), Some(32768), None), "p, row 6"),
                (RangeWhen(Param("DiskCategory"), &["cloud"], Some(5), Some(2000), None), "p, row 6"),
                (RangeWhen(Param("DiskCategory"), &["cloud_ssd"], Some(20), None, None), "p, row 6"),
            ],
            &[],
        ),
        Rule::new("size", &[(Range(Some(10), Some(5000), Some(10)), "p, row 7")], &[]),
        Rule::new("ratio", &[(Range(Some(0), Some(1), None), "p, row 8")], &[]),
    ];
    let sized = |category: Option<&str>, size: i64, step_size: i64, ratio: f64| {
        let mut params = Params::new(&ALIYUN);
        params.query("DiskCategory", &category.map(str::to_owned));
        params.query("Size", &size);
        params.query("size", &step_size);
        params.query("ratio", &ratio);
        violations(&params, RULES)
    };
    // The widest bound holds whatever the category; the narrower one only when it is known.
    assert!(sized(None, 3000, 10, 0.5).is_empty());
    assert_eq!(
        sized(Some("cloud"), 3000, 10, 0.5),
        ["Size: must be between 5 and 2000 when DiskCategory is cloud, got 3000 (see p, row 6)"]
    );
    assert_eq!(
        sized(Some("cloud_ssd"), 10, 25, 1.5),
        [
            "Size: must be at least 20 when DiskCategory is cloud_ssd, got 10 (see p, row 6)",
            "size: must be a multiple of 10, got 25 (see p, row 7)",
            "ratio: must be between 0 and 1, got 1.5 (see p, row 8)",
        ]
    );
    assert_eq!(sized(None, 40000, 5010, f64::NAN).len(), 3, "out of range, over the maximum, and NaN");
}

#[test]
fn steps_count_from_the_minimum() {
    static RULES: &[Rule] = &[Rule::new("n", &[(Range(Some(5), None, Some(10)), "p")], &[])];
    let with = |n: i64| {
        let mut params = Params::new(&ALIYUN);
        params.query("n", &n);
        violations(&params, RULES)
    };
    assert!(with(15).is_empty());
    assert_eq!(with(20), ["n: must be 5 plus a multiple of 10, got 20 (see p)"]);
}

#[test]
fn group_items_are_checked_field_by_field_and_fields_see_their_siblings() {
    static TAG: [Rule; 2] = [
        Rule::new("Key", &[(Required, "p, row 19"), (NotPrefix(&["aliyun", "acs:"]), "p, row 19")], &[]),
        Rule::new("Value", &[(Requires(&[Field("Key")]), "p, row 20")], &[]),
    ];
    static RULES: &[Rule] = &[Rule::new("Tag", &[(MaxItems(2, ".Key"), "p, row 19")], &TAG)];
    let mut params = Params::new(&ALIYUN);
    let tags = vec![object(&[("Key", "acs:env")]), object(&[("Value", "prod")]), object(&[("Key", "team")])];
    params.query("Tag", &tags);
    assert_eq!(
        violations(&params, RULES),
        [
            "Tag.3.Key: at most 2 items are allowed, got 3 (see p, row 19)",
            "Tag.1.Key: must not start with acs:, got \"acs:env\" (see p, row 19)",
            "Tag.2.Key: is required (see p, row 19)",
            "Tag.2.Value: requires Tag.2.Key to be set as well (see p, row 20)",
        ]
    );
}

#[test]
fn lists_inside_group_items_name_both_indexes() {
    static INTERFACE: [Rule; 1] = [Rule::new(
        "SecurityGroupIds",
        &[(MaxItems(2, ""), "p, row 9"), (NotPrefix(&["x"]), "p, row 9")],
        &[],
    )];
    static RULES: &[Rule] = &[Rule::new("NetworkInterface", &[], &INTERFACE)];
    let mut o = Object::new();
    o.add("SecurityGroupIds", &vec!["sg-1".to_owned(), "x-2".to_owned(), "sg-3".to_owned()]);
    let mut params = Params::new(&ALIYUN);
    params.query("NetworkInterface", &vec![object(&[]), o.finish()]);
    assert_eq!(
        violations(&params, RULES),
        [
            "NetworkInterface.2.SecurityGroupIds.3: at most 2 items are allowed, got 3 (see p, row 9)",
            "NetworkInterface.2.SecurityGroupIds.2: must not start with x, got \"x-2\" (see p, row 9)",
        ]
    );
}

#[test]
fn objects_nest_and_conditional_ranges_read_a_sibling_field() {
    static CHARGE: [Rule; 1] = [Rule::new(
        "chargeDuration",
        &[
            (Range(Some(1), Some(9), None), "ChargeSpec row 1"),
            (RangeWhen(Field("chargeUnit"), &["year"], Some(1), Some(3), None), "ChargeSpec row 1"),
        ],
        &[],
    )];
    static FILTER: [Rule; 2] = [
        Rule::new("name", &[(Required, "Filter row 1")], &[]),
        Rule::new("values", &[(Required, "Filter row 3")], &[]),
    ];
    static RULES: &[Rule] =
        &[Rule::new("charge", &[], &CHARGE), Rule::new("filters", &[(Required, "row 2")], &FILTER)];
    let charge = |unit: &str, duration: i64| {
        let mut o = Object::new();
        o.add("chargeUnit", unit);
        o.add("chargeDuration", &duration);
        o.finish()
    };
    let mut params = Params::new(&JDCLOUD);
    params.body("charge", &charge("year", 5));
    params.body("filters", &vec![object(&[("name", "keyNames")]), object(&[])]);
    assert_eq!(
        violations(&params, RULES),
        [
            "charge.chargeDuration: must be between 1 and 3 when charge.chargeUnit is year, got 5 (see ChargeSpec row 1)",
            "filters.1.values: is required (see Filter row 3)",
            "filters.2.name: is required (see Filter row 1)",
            "filters.2.values: is required (see Filter row 3)",
        ]
    );
    let mut params = Params::new(&JDCLOUD);
    params.body("charge", &charge("month", 5));
    assert_eq!(violations(&params, RULES), ["filters: is required (see row 2)"]);
}

#[test]
fn an_extra_parameter_in_place_of_a_documented_one_is_not_checked() {
    static RULES: &[Rule] = &[
        Rule::new("PageSize", &[(Range(Some(1), Some(100), None), "p")], &[]),
        Rule::new("ImageId", &[(Requires(&[Param("PageSize")]), "p")], &[]),
    ];
    let mut params = Params::new(&ALIYUN);
    params.query("PageSize", &Some(10));
    params.query("ImageId", "m-1");
    let mut extra = ExtraParams::default();
    extra.push("PageSize", 500);
    params.extra(&extra);
    assert!(violations(&params, RULES).is_empty());
}

#[test]
fn values_of_sets_are_compared_as_pages_spell_them() {
    static RULES: &[Rule] = &[
        Rule::new("volume_type", &[(OneOf(&["0", "2", "3"]), "p")], &[]),
        Rule::new("size", &[(RangeWhen(Param("volume_type"), &["3"], Some(20), None, None), "p")], &[]),
        Rule::new("size2", &[(RequiredWhen(Param("encrypted"), &["True"]), "p")], &[]),
    ];
    let mut params = Params::new(&ALIYUN);
    params.query("volume_type", &Value::Int(3));
    params.query("size", &Value::Int(10));
    params.query("encrypted", &true);
    assert_eq!(
        violations(&params, RULES),
        [
            "size: must be at least 20 when volume_type is 3, got 10 (see p)",
            "size2: is required when encrypted is true (see p)",
        ]
    );
    let mut params = Params::new(&ALIYUN);
    params.query("volume_type", &Value::Int(1));
    assert_eq!(violations(&params, RULES), ["volume_type: must be one of 0, 2, 3, got \"1\" (see p)"]);
}

#[test]
fn an_operation_is_checked_against_its_own_rules() {
    struct Images {
        limit: Option<i64>,
    }
    impl Operation for Images {
        const ACTION: &'static str = "DescribeImages";
        const METHOD: &'static str = "GET";
        const PATH: &'static str = "/";
        const ENDPOINT: Option<&'static str> = None;
        const RULES: &'static [Rule] = &[Rule::new("limit", &[(Range(None, Some(100), None), "p")], &[])];
        type Output = crate::de::Empty;
        fn validate(&self) -> Result<(), ValidationErrors> {
            check_operation(self, &ALIYUN)
        }
        fn write_params(&self, params: &mut Params) {
            params.query("limit", &self.limit);
        }
    }
    assert!(Images { limit: Some(100) }.validate().is_ok());
    let errors = Images { limit: Some(101) }.validate().expect_err("over the maximum");
    assert!(errors.mentions("limit"), "{errors}");
    assert!(Images { limit: None }.validate().is_ok(), "an unset parameter has no range to break");
}
