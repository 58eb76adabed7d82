//! A provider's envelope around answers: recognizing an error answer, and unwrapping a success.
//!
//! Input: the provider's [`ErrorEnvelope`] kind and an HTTP answer. Output: `Ok` when the answer is
//! a success, else [`Error::Api`] with the provider's code, message and request id, or
//! [`Error::Status`] for an error status without the envelope; and a success decoded from where
//! the envelope keeps it (Tencent API 3.0's `Response`). Only the envelope fields are read by the
//! check, and serde_json's recursion limit applies, so a hostile deeply nested answer is an error,
//! never a stack overflow.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::error::{ApiError, Error, snippet};
use crate::provider::{ErrorEnvelope, Provider};

/// Headers that carry a request id, in the order they are looked up.
const REQUEST_ID_HEADERS: &[&str] = &["x-jdcloud-request-id", "x-acs-request-id", "x-request-id"];

/// The envelope fields of every provider; the rest of the answer is skipped.
#[derive(Debug, Default, Deserialize)]
struct Fields {
    ret_code: Option<Value>,
    code: Option<Value>,
    message: Option<Value>,
    #[serde(rename = "codeDesc")]
    code_desc: Option<Value>,
    #[serde(rename = "Code")]
    pascal_code: Option<Value>,
    #[serde(rename = "Message")]
    pascal_message: Option<Value>,
    #[serde(rename = "RequestId")]
    pascal_request_id: Option<Value>,
    #[serde(rename = "requestId")]
    request_id: Option<Value>,
    error: Option<Value>,
    #[serde(rename = "Response")]
    response: Option<ResponseFields>,
}

/// The envelope fields inside Tencent API 3.0's `Response`.
#[derive(Debug, Default, Deserialize)]
struct ResponseFields {
    #[serde(rename = "Error")]
    error: Option<Value>,
    #[serde(rename = "RequestId")]
    request_id: Option<Value>,
}

/// A Tencent API 3.0 answer: the success inside `Response`, kept as its bytes so that the answer
/// type is decoded by one piece of code whatever the envelope.
#[derive(Deserialize)]
struct Enveloped<'a> {
    #[serde(borrow, rename = "Response")]
    response: &'a RawValue,
}

/// Decodes the body of a successful answer of `action` as `T`, from where `provider`'s envelope
/// keeps it. An empty body reads as `null`, which an answer without fields accepts.
pub(crate) fn decode<T: DeserializeOwned>(
    provider: &Provider,
    action: &'static str,
    body: &[u8],
) -> Result<T, Error> {
    let json: &[u8] = if body.trim_ascii().is_empty() { b"null" } else { body };
    let answer = match provider.error_envelope {
        ErrorEnvelope::Response => serde_json::from_slice::<Enveloped<'_>>(json)
            .map(|e| e.response.get().as_bytes())
            .map_err(|e| decode_error(action, &e, body))?,
        _ => json,
    };
    serde_json::from_slice(answer).map_err(|e| decode_error(action, &e, body))
}

/// Decodes an answer already parsed as `value` (pagination keeps it to fingerprint pages).
pub(crate) fn decode_value<T: DeserializeOwned>(
    provider: &Provider,
    action: &'static str,
    value: Value,
    body: &[u8],
) -> Result<T, Error> {
    let value = match (provider.error_envelope, value) {
        (ErrorEnvelope::Response, Value::Object(mut map)) => map.remove("Response").unwrap_or(Value::Null),
        (_, value) => value,
    };
    serde_json::from_value(value).map_err(|e| decode_error(action, &e, body))
}

/// The answer with the request ids of the envelope removed, which differ on every answer: what
/// tells one page from another.
pub(crate) fn without_request_id(mut value: Value) -> Value {
    let is_request_id = |key: &String| key.replace('_', "").eq_ignore_ascii_case("requestid");
    if let Value::Object(map) = &mut value {
        map.retain(|key, _| !is_request_id(key));
        if let Some(Value::Object(inner)) = map.get_mut("Response") {
            inner.retain(|key, _| !is_request_id(key));
        }
    }
    value
}

pub(crate) fn decode_error(action: &'static str, error: &serde_json::Error, body: &[u8]) -> Error {
    Error::Decode { action, message: error.to_string(), snippet: snippet(body) }
}

/// Checks `response` for `provider`'s error envelope. `url` names the request in errors.
pub(crate) fn check(provider: &Provider, url: &str, response: &http::Response<Vec<u8>>) -> Result<(), Error> {
    let status = response.status().as_u16();
    let body = response.body();
    let header_id = REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| response.headers().get(*name).and_then(|v| v.to_str().ok()).map(str::to_owned));
    let fields: Option<Fields> = serde_json::from_slice(body).ok();
    let api = fields.and_then(|f| api_error(provider, status, f)).map(|mut api| {
        api.request_id = api.request_id.or_else(|| header_id.clone());
        api
    });
    match api {
        Some(api) => Err(Error::Api(Box::new(api))),
        None if status >= 300 => {
            Err(Error::Status { status, url: url.to_owned(), snippet: snippet(body), request_id: header_id })
        }
        None => Ok(()),
    }
}

/// The API error `fields` describe, if they describe one.
fn api_error(provider: &Provider, http_status: u16, f: Fields) -> Option<ApiError> {
    let new = |code: String, message: Option<Value>, request_id: Option<Value>| ApiError {
        provider: provider.key,
        http_status,
        code,
        sub_code: None,
        message: message.map(text).unwrap_or_default(),
        request_id: request_id.map(text).filter(|id| !id.is_empty()),
    };
    match provider.error_envelope {
        ErrorEnvelope::RetCode => {
            let code = f.ret_code.filter(is_nonzero)?;
            Some(new(text(code), f.message, f.request_id))
        }
        ErrorEnvelope::Code => {
            let code = f.code.filter(is_nonzero)?;
            let sub_code = f.code_desc.map(text).filter(|s| !s.is_empty());
            Some(ApiError { sub_code, ..new(text(code), f.message, f.request_id) })
        }
        ErrorEnvelope::PascalCode => {
            let code = f.pascal_code.map(text).filter(|c| !c.is_empty())?;
            (http_status >= 300).then(|| new(code, f.pascal_message, f.pascal_request_id))
        }
        ErrorEnvelope::NestedError => {
            let error = f.error.filter(Value::is_object)?;
            // `status` is the stable name (`RESOURCE_EXHAUSTED`); `code` repeats the HTTP status.
            let code = ["status", "code"]
                .iter()
                .filter_map(|k| error.get(*k).cloned().map(text))
                .find(|c| !c.is_empty())
                .unwrap_or_else(|| http_status.to_string());
            Some(new(code, error.get("message").cloned(), f.request_id))
        }
        ErrorEnvelope::Response => {
            let response = f.response?;
            let error = response.error.filter(Value::is_object)?;
            let code = error.get("Code").cloned().map(text).filter(|c| !c.is_empty())?;
            Some(new(code, error.get("Message").cloned(), response.request_id))
        }
    }
}

/// True unless `code` is `0` or `"0"` (success) or null.
fn is_nonzero(code: &Value) -> bool {
    match code {
        Value::Null => false,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => s.trim() != "0" && !s.trim().is_empty(),
        _ => true,
    }
}

/// A scalar as text; other values as compact JSON.
fn text(value: Value) -> String {
    match value {
        Value::String(s) => s,
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ALIYUN, JDCLOUD, QINGCLOUD, TENCENT, TENCENT_V3};

    fn answer(status: u16, body: &str) -> http::Response<Vec<u8>> {
        http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
    }

    fn api(provider: &Provider, status: u16, body: &str) -> ApiError {
        match check(provider, "https://x/", &answer(status, body)) {
            Err(Error::Api(api)) => *api,
            other => panic!("expected an API error, got {other:?}"),
        }
    }

    #[test]
    fn successes_pass() {
        assert!(check(&QINGCLOUD, "u", &answer(200, r#"{"ret_code":0,"image_set":[]}"#)).is_ok());
        assert!(check(&TENCENT, "u", &answer(200, r#"{"code":0,"message":"","imageSet":[]}"#)).is_ok());
        assert!(check(&ALIYUN, "u", &answer(200, r#"{"RequestId":"r","Images":{"Image":[]}}"#)).is_ok());
        assert!(check(&JDCLOUD, "u", &answer(200, r#"{"requestId":"r","error":null,"result":{}}"#)).is_ok());
        assert!(
            check(&TENCENT_V3, "u", &answer(200, r#"{"Response":{"RequestId":"r","TotalCount":0}}"#)).is_ok()
        );
    }

    #[test]
    fn tencent_v3_error_inside_response() {
        let body = r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"RequestId":"ed93f3cb"}}"#;
        let e = api(&TENCENT_V3, 200, body);
        assert_eq!((e.code.as_str(), e.message.as_str()), ("AuthFailure.SignatureFailure", "bad"));
        assert_eq!((e.request_id.as_deref(), e.http_status), (Some("ed93f3cb"), 200));
    }

    #[test]
    fn tencent_v3_success_is_decoded_from_inside_response() {
        #[derive(Debug, Deserialize)]
        struct Answer {
            #[serde(rename = "TotalCount")]
            total: u64,
        }
        let body = br#"{"Response":{"TotalCount":3,"RequestId":"r"}}"#;
        let answer: Answer = decode(&TENCENT_V3, "DescribeInstances", body).unwrap();
        assert_eq!(answer.total, 3);
        let value: Value = serde_json::from_slice(body).unwrap();
        let again: Answer = decode_value(&TENCENT_V3, "DescribeInstances", value.clone(), body).unwrap();
        assert_eq!(again.total, 3);
        assert_eq!(without_request_id(value), serde_json::json!({"Response": {"TotalCount": 3}}));
        let bare = decode::<Answer>(&TENCENT_V3, "DescribeInstances", br#"{"TotalCount":3}"#);
        assert!(matches!(bare, Err(Error::Decode { .. })), "{bare:?}");
    }

    #[test]
    fn an_answer_without_fields_takes_any_success_body() {
        use crate::de::Empty;
        for body in [&b""[..], b"  ", b"{}", br#"{"requestId":"r","result":{}}"#, b"null", b"[1]"] {
            assert_eq!(decode::<Empty>(&JDCLOUD, "deleteDisk", body).unwrap(), Empty, "{body:?}");
        }
        assert_eq!(
            decode::<Empty>(&TENCENT_V3, "DeleteKeyPairs", br#"{"Response":{"RequestId":"r"}}"#).unwrap(),
            Empty
        );
        assert!(decode::<Empty>(&JDCLOUD, "deleteDisk", b"{").is_err(), "still JSON");
    }

    #[test]
    fn qingcloud_ret_code() {
        let e = api(&QINGCLOUD, 200, r#"{"ret_code":1200,"message":"AuthFailure"}"#);
        assert_eq!((e.code.as_str(), e.message.as_str(), e.http_status), ("1200", "AuthFailure", 200));
    }

    #[test]
    fn tencent_code_and_code_desc() {
        let e = api(
            &TENCENT,
            200,
            r#"{"code":4000,"message":"(100004)参数不合法","codeDesc":"InvalidParameter"}"#,
        );
        assert_eq!(e.code, "4000");
        assert_eq!(e.sub_code.as_deref(), Some("InvalidParameter"));
        assert_eq!(e.message, "(100004)参数不合法");
    }

    #[test]
    fn aliyun_pascal_code_keeps_request_id() {
        let body = r#"{"RequestId":"7463B73D","HostId":"ecs.aliyuncs.com","Code":"InvalidParamter","Message":"Invalid Parameter"}"#;
        let e = api(&ALIYUN, 400, body);
        assert_eq!((e.code.as_str(), e.request_id.as_deref()), ("InvalidParamter", Some("7463B73D")));
    }

    #[test]
    fn jdcloud_nested_error() {
        let body = r#"{"requestId":"bgvmivir","error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"slow down"}}"#;
        let e = api(&JDCLOUD, 429, body);
        assert_eq!((e.code.as_str(), e.message.as_str()), ("RESOURCE_EXHAUSTED", "slow down"));
        assert_eq!(e.request_id.as_deref(), Some("bgvmivir"));
    }

    #[test]
    fn error_status_without_envelope_is_status_with_header_request_id() {
        let response = http::Response::builder()
            .status(502)
            .header("x-acs-request-id", "hdr-1")
            .body(b"<html>bad gateway</html>".to_vec())
            .unwrap();
        match check(&ALIYUN, "https://ecs.aliyuncs.com/", &response) {
            Err(Error::Status { status: 502, request_id: Some(id), snippet, .. }) => {
                assert_eq!(id, "hdr-1");
                assert!(snippet.contains("bad gateway"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn deeply_nested_answer_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let body = format!(r#"{{"ret_code":0,"image_set":{deep}}}"#);
        // The envelope check cannot read it and lets the decoder report it.
        assert!(check(&QINGCLOUD, "u", &answer(200, &body)).is_ok());
        assert!(serde_json::from_str::<Value>(&body).is_err());
        assert!(matches!(check(&ALIYUN, "u", &answer(500, &body)), Err(Error::Status { status: 500, .. })));
    }
}
