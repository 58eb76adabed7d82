//! Parameters → what goes on the wire: path values, query pairs, headers and a JSON body.
//!
//! Input: the [`Params`] an operation wrote and the [`Layout`] its scheme and method call for.
//! Output: a [`Payload`] the signers sign byte for byte. Query flattening follows the provider:
//! lists as `name.N` from its index base, objects as `name.field` (`filters.1.values.2`), comma and
//! JSON-array lists as one value, booleans in its spelling. A JSON body keeps the values typed.

use crate::error::Error;
use crate::params::{At, ListEncoding, Params, Value};
use crate::provider::Provider;

/// Where a scheme and method put the operation's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Everything but path parameters and headers in the query (RPC styles, GET and DELETE).
    Query,
    /// Body parameters as one JSON object, query parameters in the query (JD Cloud's POST, PUT,
    /// PATCH).
    JsonBody,
    /// Every parameter but path parameters and headers in one JSON object (Tencent API 3.0, TC3).
    AllJson,
}

/// A request's parameters, encoded.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Payload {
    /// Values for the path template's placeholders.
    pub path: Vec<(String, String)>,
    /// Query pairs, decoded (the signer encodes them).
    pub query: Vec<(String, String)>,
    /// Header parameters.
    pub headers: Vec<(String, String)>,
    /// The JSON body, when the layout has one.
    pub body: Option<Vec<u8>>,
}

/// Encodes `params` in `layout`.
pub(crate) fn build(params: &Params, layout: Layout) -> Result<Payload, Error> {
    let provider = params.provider();
    let mut payload = Payload::default();
    let mut body = Vec::new();
    for entry in params.entries() {
        let Some(value) = &entry.value else { continue };
        let in_body = match entry.at {
            At::Path => {
                payload.path.push((entry.name.to_string(), value.text(provider)));
                continue;
            }
            At::Header => {
                payload.headers.push((entry.name.to_string(), value.text(provider)));
                continue;
            }
            At::Body => layout != Layout::Query,
            At::Query => layout == Layout::AllJson,
        };
        if in_body {
            body.push((entry.name.clone(), value.clone()));
        } else {
            flatten(&entry.name, value, provider, &mut payload.query);
        }
    }
    if layout != Layout::Query {
        let bytes = serde_json::to_vec(&Value::Object(body))
            .map_err(|e| Error::Config(format!("cannot write the request body as JSON: {e}")))?;
        payload.body = Some(bytes);
    }
    Ok(payload)
}

/// Appends `value` as query pairs under `name`: indexed lists item by item from the provider's
/// index base, objects field by field, comma and JSON-array lists as one value.
pub(crate) fn flatten(name: &str, value: &Value, provider: &Provider, out: &mut Vec<(String, String)>) {
    match value {
        Value::List(ListEncoding::Indexed, items) => {
            for (i, item) in items.iter().enumerate() {
                let index = i + provider.list_index_base as usize;
                flatten(&format!("{name}.{index}"), item, provider, out);
            }
        }
        Value::Object(fields) => {
            for (field, item) in fields {
                flatten(&format!("{name}.{field}"), item, provider, out);
            }
        }
        scalar_or_one_value => out.push((name.to_owned(), scalar_or_one_value.text(provider))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{Comma, JsonArray, Object, ToValue};
    use crate::testing::{ALIYUN, JDCLOUD, TENCENT};

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    /// A JD Cloud `Filter`: a name and a list of values.
    struct Filter(&'static str, Vec<&'static str>);

    impl ToValue for Filter {
        fn to_value(&self) -> Option<Value> {
            let mut o = Object::new();
            o.add("name", self.0);
            let values: Vec<String> = self.1.iter().map(|v| (*v).to_owned()).collect();
            o.add("values", &values);
            o.finish()
        }
    }

    fn filters() -> Vec<Filter> {
        vec![Filter("keyNames", vec!["kp-1", "kp-2"]), Filter("other", vec!["x"])]
    }

    #[test]
    fn indexed_lists_use_the_providers_base() {
        let ids = vec!["a".to_owned(), "b".to_owned()];
        let mut one = Params::new(&JDCLOUD);
        one.query("ids", &ids);
        assert_eq!(one.pairs(), pairs(&[("ids.1", "a"), ("ids.2", "b")]));
        let mut zero = Params::new(&TENCENT);
        zero.query("imageIds", &ids);
        assert_eq!(zero.pairs(), pairs(&[("imageIds.0", "a"), ("imageIds.1", "b")]));
    }

    #[test]
    fn objects_and_lists_inside_them_are_flattened() {
        let mut params = Params::new(&JDCLOUD);
        params.query("filters", &filters());
        assert_eq!(
            params.pairs(),
            pairs(&[
                ("filters.1.name", "keyNames"),
                ("filters.1.values.1", "kp-1"),
                ("filters.1.values.2", "kp-2"),
                ("filters.2.name", "other"),
                ("filters.2.values.1", "x"),
            ])
        );
    }

    #[test]
    fn comma_and_json_lists_are_one_value() {
        let ids = vec!["d-1".to_owned(), "d-2".to_owned()];
        let mut params = Params::new(&ALIYUN);
        params.query("Status", &Comma(&ids));
        params.query("DiskIds", &JsonArray(&ids));
        params.query("Sizes", &JsonArray(&[1, 2]));
        assert_eq!(
            params.pairs(),
            pairs(&[("Status", "d-1,d-2"), ("DiskIds", r#"["d-1","d-2"]"#), ("Sizes", "[1,2]")])
        );
    }

    #[test]
    fn booleans_take_the_providers_spelling_in_queries_and_json_in_bodies() {
        let mut params = Params::new(&JDCLOUD);
        params.query("offline", &true);
        params.body("multiAttachable", &false);
        let query = build(&params, Layout::Query).unwrap();
        assert_eq!(query.query, pairs(&[("offline", "True"), ("multiAttachable", "False")]));
        let json = build(&params, Layout::JsonBody).unwrap();
        assert_eq!(json.query, pairs(&[("offline", "True")]));
        assert_eq!(json.body.as_deref(), Some(br#"{"multiAttachable":false}"#.as_slice()));
    }

    #[test]
    fn json_bodies_keep_types_nesting_and_page_order() {
        let mut params = Params::new(&JDCLOUD);
        params.path("regionId", "cn-north-1");
        params.body("maxCount", &2);
        params.body("filters", &filters());
        params.body("ratio", &0.5);
        params.body("tags", &Comma(&["a".to_owned(), "b".to_owned()]));
        params.body("ids", &JsonArray(&["d-1".to_owned()]));
        params.query("pageNumber", &1);
        params.header("x-extra", "h");
        let payload = build(&params, Layout::JsonBody).unwrap();
        assert_eq!(payload.path, pairs(&[("regionId", "cn-north-1")]));
        assert_eq!(payload.query, pairs(&[("pageNumber", "1")]));
        assert_eq!(payload.headers, pairs(&[("x-extra", "h")]));
        let body = String::from_utf8(payload.body.unwrap()).unwrap();
        assert_eq!(
            body,
            r#"{"maxCount":2,"filters":[{"name":"keyNames","values":["kp-1","kp-2"]},{"name":"other","values":["x"]}],"ratio":0.5,"tags":"a,b","ids":["d-1"]}"#
        );
    }

    #[test]
    fn all_json_puts_query_parameters_in_the_body_too() {
        let mut params = Params::new(&TENCENT);
        params.query("Limit", &1);
        params.query("InstanceIds", &vec!["ins-1".to_owned()]);
        let payload = build(&params, Layout::AllJson).unwrap();
        assert!(payload.query.is_empty());
        assert_eq!(payload.body.as_deref(), Some(br#"{"Limit":1,"InstanceIds":["ins-1"]}"#.as_slice()));
    }

    #[test]
    fn an_empty_json_body_is_an_empty_object() {
        let params = Params::new(&JDCLOUD);
        assert_eq!(build(&params, Layout::JsonBody).unwrap().body.as_deref(), Some(b"{}".as_slice()));
        assert_eq!(build(&params, Layout::Query).unwrap().body, None);
    }

    #[test]
    fn nested_lists_inside_indexed_lists() {
        let grid = vec![vec![1i64, 2], vec![3]];
        let mut params = Params::new(&JDCLOUD);
        params.query("grid", &grid);
        assert_eq!(params.pairs(), pairs(&[("grid.1.1", "1"), ("grid.1.2", "2"), ("grid.2.1", "3")]));
    }
}
