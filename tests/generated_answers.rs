//! Answers as providers really send them, read by the generated response types: misspelled fields
//! through their aliases, wrapped lists, nulls, numbers and booleans as strings, typed timestamps.

#[cfg(yunapi_api = "tencent/DescribeImages")]
#[test]
fn tencent_misspelled_creator_is_read() {
    let text = r#"{"code":0,"message":"","totalCount":1,"imageSet":[{"unImgId":"img-1234test","imageType":1,
        "createTime":"2014-09-27 10:11:00","createor":"1000","status":2}]}"#;
    let answer: yunapi::tencent::DescribeImagesResponse = serde_json::from_str(text).expect("deserializes");
    let image = &answer.image_set[0];
    assert_eq!(image.creator.as_deref(), Some("1000"), "createor is read as creator");
    assert_eq!(image.image_type, Some(yunapi::tencent::describe_images::ImageImageType::V1));
    assert_eq!(answer.total_count, Some(1));
}

#[cfg(yunapi_api = "aliyun/DescribeImages")]
#[test]
fn aliyun_wrapped_lists_and_string_booleans() {
    let text = r#"{"TotalCount":"2","Images":{"Image":[
        {"ImageId":"m-1","IsCopied":"false","DiskDeviceMappings":{"DiskDeviceMapping":{"Size":60,"Type":"system"}}},
        {"ImageId":"m-2","IsCopied":true,"DiskDeviceMappings":{"DiskDeviceMapping":[]},"Unknown":{"deep":[1,2]}}]}}"#;
    let answer: yunapi::aliyun::DescribeImagesResponse = serde_json::from_str(text).expect("deserializes");
    assert_eq!(answer.total_count, Some(2));
    assert_eq!(answer.images.len(), 2);
    assert_eq!(answer.images[0].is_copied, Some(false));
    assert_eq!(answer.images[1].is_copied, Some(true));
    let mappings = &answer.images[0].disk_device_mappings;
    assert_eq!(mappings.len(), 1, "a single wrapped object is a list of one");
    assert_eq!(
        mappings[0].size.as_deref(),
        Some("60"),
        "a number where the table says String is kept as text"
    );
    assert!(answer.images[1].disk_device_mappings.is_empty());
}

#[cfg(yunapi_api = "qingcloud/DescribeImages")]
#[test]
fn qingcloud_nulls_and_timestamps() {
    let text = r#"{"action":"DescribeImagesResponse","total_count":1,"ret_code":0,"image_set":[
        {"image_id":"img-37amqany","description":null,"create_time":"2013-08-07T18:16:32Z","transition_status":""}]}"#;
    let answer: yunapi::qingcloud::DescribeImagesResponse = serde_json::from_str(text).expect("deserializes");
    let image = &answer.image_set[0];
    assert_eq!(image.description, None);
    assert!(image.create_time.is_some(), "the time is parsed");
    assert!(image.transition_status.is_some(), "an unlisted empty value is kept, not an error");
}

#[cfg(yunapi_api = "qingcloud/DescribeImages")]
#[test]
fn a_wrong_shape_is_an_error_not_a_panic() {
    let text = r#"{"image_set":{"not":"a list","of":"images"}}"#;
    assert!(serde_json::from_str::<yunapi::qingcloud::DescribeImagesResponse>(text).is_err());
}

#[cfg(yunapi_api = "aliyun/DescribeImages")]
#[test]
fn a_value_the_page_does_not_list_is_kept_as_other() {
    use yunapi::aliyun::describe_images::ImageStatus;
    let text = r#"{"Images":{"Image":[{"ImageId":"m-1","Status":"Available"},{"ImageId":"m-2","Status":"Archived"}]}}"#;
    let answer: yunapi::aliyun::DescribeImagesResponse = serde_json::from_str(text).expect("deserializes");
    assert_eq!(answer.images[0].status, Some(ImageStatus::Available));
    let archived = answer.images[1].status.as_ref().expect("a status");
    assert_eq!(archived, &ImageStatus::Other("Archived".to_owned()));
    // An enum prints the value as sent.
    assert_eq!((archived.as_str(), format!("{archived:?}")), ("Archived", "\"Archived\"".to_owned()));
}
