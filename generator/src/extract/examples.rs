//! Examples: a page's request URLs and its answers in JSON or XML → [`Examples`], and the answers
//! parsed into [`Evidence`] for the response extractor and the reconciliation.
//!
//! Examples sit in code blocks (fenced, indented or `<pre>`) and, on text pages, in plain
//! paragraphs. What a block is comes from its content (a URL, `{`, `<Tag>`) and from the label or
//! heading above it (`请求示例`, `输出`, `_Example Response_`, `异常返回示例`).

use super::Ctx;
use super::http;
use crate::source::{Block, Document};
use crate::spec::{
    Diagnostic, ExampleFormat, Examples, Origin, Profile, RequestExample, ResponseExample, Severity, json,
};
use serde_json::{Map, Value};

/// An answer example parsed into a JSON value (XML converted: elements become objects, repeated
/// elements arrays, text strings).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Evidence {
    pub value: Value,
    /// The value came from JSON, so its scalar types mean something. XML gives only strings.
    pub typed: bool,
    /// The page line of the example's first line.
    pub line: u32,
    body: String,
}

impl Evidence {
    /// The page line where `key` first appears in the example (`"key"` in JSON, `<key>` in XML), or
    /// the example's first line.
    pub fn line_of(&self, key: &str) -> u32 {
        let needle = if self.typed { format!("\"{key}\"") } else { format!("<{key}>") };
        let offset = self.body.lines().position(|line| line.contains(&needle)).unwrap_or(0);
        self.line.saturating_add(u32::try_from(offset).unwrap_or(0))
    }
}

/// How a provider writes request parameters the query way (PROVIDERS.md), so that a JD Cloud
/// example's JSON body reads as the pairs its client writes: `instanceIds.1`, `diskSpec.az`.
pub(crate) struct QueryStyle<'a> {
    /// The parameters every request carries, left out of an example's `params`.
    pub common: &'a [String],
    /// First index of `name.N` lists.
    pub list_base: u32,
    /// The spellings of true and false.
    pub booleans: (&'a str, &'a str),
}

impl<'a> QueryStyle<'a> {
    /// The profile's conventions; without one, lists from 1 and JSON's `true`/`false`.
    pub fn of(profile: Option<&'a Profile>) -> Self {
        match profile {
            Some(p) => QueryStyle {
                common: &p.common_params,
                list_base: p.list_index_base,
                booleans: (&p.boolean.true_, &p.boolean.false_),
            },
            None => QueryStyle { common: &[], list_base: 1, booleans: ("true", "false") },
        }
    }
}

/// Request and response examples of a page, with diagnostics for answers that do not parse.
pub(crate) fn extract(doc: &Document, ctx: &mut Ctx) -> Examples {
    let examples = collect(doc, &QueryStyle::of(ctx.profile), &mut ctx.diagnostics);
    for example in &examples.responses {
        match parse(example) {
            Parsed::Clean(_) => {}
            Parsed::Repaired(_) => ctx.diagnose(
                example.origin.line,
                Severity::Note,
                "example-repaired",
                "the example answer is not valid JSON as written (a missing comma, a trailing comma, \
                 Python's True/False/None, or a no-break space); it was read, and its test decodes it, after \
                 repairing that"
                    .to_owned(),
                Some("correct the example on the page, or ignore this note".to_owned()),
            ),
            Parsed::Invalid(reason) => ctx.diagnose(
                example.origin.line,
                Severity::Warning,
                "invalid-example",
                format!("the example answer cannot be read: {reason}"),
                Some(
                    "the example is kept as text but neither used as evidence nor tested; correct it on the page, \
                     or give its corrected body in an overlay (examples: responses:)"
                        .to_owned(),
                ),
            ),
        }
    }
    examples
}

/// The answer examples of a page as evidence, JSON ones first (their types count), then XML ones
/// only when no JSON answer could be read.
pub(crate) fn evidence(examples: &Examples) -> Vec<Evidence> {
    let mut json = Vec::new();
    let mut xml = Vec::new();
    for example in &examples.responses {
        let value = match parse(example) {
            Parsed::Clean(value) | Parsed::Repaired(value) => value,
            Parsed::Invalid(_) => continue,
        };
        let typed = example.format == ExampleFormat::Json;
        let evidence = Evidence { value, typed, line: example.origin.line, body: example.body.clone() };
        if typed { json.push(evidence) } else { xml.push(evidence) }
    }
    if json.is_empty() { xml } else { json }
}

/// Finds the examples; `style` says how request parameters are written. What had to be read
/// against its letter (a parameter line without its `&`) gets a note in `notes`.
pub(crate) fn collect(doc: &Document, style: &QueryStyle, notes: &mut Vec<Diagnostic>) -> Examples {
    let template = http::path_template(doc);
    let mut examples = Examples::default();
    // Answers under no label count only when the page labels none: a JSON block in the
    // introduction is more often a policy document or a request body than an answer.
    let mut unlabelled = Vec::new();
    let mut context = Context::None;
    let mut index = 0;
    while index < doc.blocks.len() {
        let block = &doc.blocks[index];
        index += 1;
        let (text, line) = match block {
            Block::Heading(heading) => {
                context = Context::of(&heading.text, heading.level > 0).unwrap_or(context);
                continue;
            }
            Block::Paragraph { text, line } if is_label(text) => {
                context = Context::of(text, false).unwrap_or(context);
                continue;
            }
            Block::Code { text, line, .. } => (text.clone(), *line),
            // Text pages have no code blocks: an example is a paragraph, a long answer several.
            Block::Paragraph { text, line } if starts_example(text) => {
                let mut text = text.clone();
                while text.trim_start().starts_with('{') && !balanced(&text) {
                    match doc.blocks.get(index) {
                        Some(Block::Paragraph { text: more, .. }) => {
                            text.push('\n');
                            text.push_str(more);
                            index += 1;
                        }
                        _ => break,
                    }
                }
                (text, *line)
            }
            _ => continue,
        };
        if matches!(context, Context::Error | Context::Address) {
            continue;
        }
        let (text, line) = without_status_and_headers(&text, line);
        match classify(&text, context) {
            Some(Kind::Request) => {
                if let Some(example) = request_example(&text, line, style, template.as_deref(), notes) {
                    examples.requests.push(example);
                }
            }
            Some(Kind::Answer(format)) => {
                let example =
                    ResponseExample { format, body: text.trim().to_owned(), origin: Origin::page(line) };
                if context == Context::Response {
                    examples.responses.push(example)
                } else {
                    unlabelled.push(example)
                }
            }
            None => {}
        }
    }
    if examples.responses.is_empty() {
        examples.responses = unlabelled;
    }
    examples
}

/// An answer written with its HTTP status line and headers (`HTTP/1.1 200 OK`,
/// `Content-Type:application/json`, a blank line, then the body): the body, and its first line.
fn without_status_and_headers(text: &str, line: u32) -> (String, u32) {
    let trimmed = text.trim_start();
    if !trimmed.starts_with("HTTP/") {
        return (text.to_owned(), line);
    }
    let skipped_before = text[..text.len() - trimmed.len()].matches('\n').count();
    let Some(blank) = trimmed.find("\n\n") else { return (String::new(), line) };
    let headers = trimmed[..blank].matches('\n').count() + 2;
    let offset = u32::try_from(skipped_before + headers).unwrap_or(0);
    (trimmed[blank + 2..].to_owned(), line.saturating_add(offset))
}

/// What the label or heading above a block says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    None,
    Request,
    Response,
    Error,
    /// The API's address (`请求地址`, `Path`): a URL template, not an example.
    Address,
}

impl Context {
    /// The context a label sets, or `None` when it leaves the current one alone. A real heading
    /// without a keyword (`## 4. 示例`) resets it.
    fn of(label: &str, is_heading: bool) -> Option<Context> {
        let lower = label.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        if has(&["地址", "域名", "endpoint", "path", "method", "请求方式"]) {
            return Some(Context::Address);
        }
        if has(&["异常", "错误", "失败", "error", "fail"]) {
            return Some(Context::Error);
        }
        if has(&["请求", "输入", "request"]) {
            return Some(Context::Request);
        }
        if has(&["返回", "输出", "响应", "response", "应答"]) {
            return Some(Context::Response);
        }
        is_heading.then_some(Context::None)
    }
}

/// A short line on its own that names what follows (`输入`, `_Example Request_:`, `JSON格式`).
fn is_label(text: &str) -> bool {
    !text.contains('\n') && text.chars().count() <= 40 && !starts_example(text)
}

fn starts_example(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with('{') || text.starts_with("http://") || text.starts_with("https://")
}

enum Kind {
    Request,
    Answer(ExampleFormat),
}

fn classify(text: &str, context: Context) -> Option<Kind> {
    let text = text.trim_start();
    let first = text.lines().next().unwrap_or("").trim();
    let is_url = |line: &str| {
        let line = line.trim_start_matches(|c: char| c.is_ascii_uppercase()).trim();
        line.starts_with("http://") || line.starts_with("https://") || line.starts_with('/')
    };
    if is_url(first) {
        return Some(Kind::Request);
    }
    let format = if text.starts_with('{') || text.starts_with('[') {
        ExampleFormat::Json
    } else if text.starts_with("<?xml") || starts_element(text) {
        ExampleFormat::Xml
    } else {
        return None;
    };
    match context {
        Context::Request => None,
        _ => Some(Kind::Answer(format)),
    }
}

/// `<Name>` or `<Name attr…>` with an ASCII name: an XML element, not `<公共请求参数>`.
fn starts_element(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('<') else { return false };
    let name: String =
        rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-')).collect();
    !name.is_empty() && rest[name.len()..].starts_with(['>', ' ', '\n'])
}

/// Reads a request example: a URL over one or more lines (`&name=value` per line), or a method
/// line and a path followed by a JSON body (JD Cloud), flattened the query way.
fn request_example(
    text: &str,
    line: u32,
    style: &QueryStyle,
    template: Option<&str>,
    notes: &mut Vec<Diagnostic>,
) -> Option<RequestExample> {
    let mut url = String::new();
    let mut body = String::new();
    for (index, raw) in text.lines().enumerate() {
        let part = raw.trim();
        if !body.is_empty() || part.starts_with('{') {
            body.push_str(raw);
            body.push('\n');
        } else if !part.is_empty() && !is_method(part) {
            // One parameter a line: a line `name=value` without its `&` still starts a parameter.
            if url.contains('?') && !url.ends_with(['&', '?']) && starts_pair(part) {
                url.push('&');
                let offset = u32::try_from(index).unwrap_or(0);
                notes.push(Diagnostic::at_line(
                    line.saturating_add(offset),
                    Severity::Note,
                    "example-separator",
                    format!(
                        "the request example starts `{}` on a line of its own without `&`; it is read as a parameter",
                        part.split('=').next().unwrap_or(part)
                    ),
                    None,
                ));
            }
            url.push_str(part);
        }
    }
    let url = url.trim_start_matches(|c: char| c.is_ascii_uppercase()).trim().to_owned();
    if url.is_empty() {
        return None;
    }
    let (path, query) = match url.split_once('?') {
        Some((path, query)) => (path, query),
        None => (url.as_str(), ""),
    };
    let mut params = Vec::new();
    if let Some(template) = template {
        params.extend(path_params(template, path));
    }
    for pair in query.split('&') {
        let Some((name, value)) = pair.split_once('=') else { continue };
        let name = name.trim();
        if name.is_empty() || name.contains(['<', '>', '{', '}']) {
            continue;
        }
        // Every RPC-style request names its API in `Action`, a common parameter of each provider.
        if name.eq_ignore_ascii_case("action") || style.common.iter().any(|c| c.eq_ignore_ascii_case(name)) {
            continue;
        }
        params.push((name.to_owned(), percent_decoded(value.trim())));
    }
    if let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(&body) {
        for (name, value) in &fields {
            flatten(name, value, style, &mut params);
        }
    }
    Some(RequestExample::new(url, params, Origin::page(line)))
}

/// A query value with its `%XX` escapes decoded, when they spell UTF-8; as written otherwise.
fn percent_decoded(value: &str) -> String {
    if !value.contains('%') {
        return value.to_owned();
    }
    percent_encoding::percent_decode_str(value)
        .decode_utf8()
        .map_or_else(|_| value.to_owned(), |v| v.into_owned())
}

/// A JSON body value as query pairs: lists item by item from the provider's index base, objects
/// field by field, booleans in the provider's spelling; a null sets nothing.
fn flatten(name: &str, value: &Value, style: &QueryStyle, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for (index, item) in (style.list_base..).zip(items) {
                flatten(&format!("{name}.{index}"), item, style, out);
            }
        }
        Value::Object(fields) => {
            for (field, item) in fields {
                flatten(&format!("{name}.{field}"), item, style, out);
            }
        }
        Value::Bool(b) => {
            out.push((name.to_owned(), (if *b { style.booleans.0 } else { style.booleans.1 }).to_owned()))
        }
        Value::String(text) => out.push((name.to_owned(), text.clone())),
        Value::Number(number) => out.push((name.to_owned(), number.to_string())),
    }
}

/// `name=…` with a wire name: a parameter, not the rest of a value broken over two lines.
fn starts_pair(line: &str) -> bool {
    let Some((name, _)) = line.split_once('=') else { return false };
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

fn is_method(line: &str) -> bool {
    matches!(line, "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD")
}

/// The values an example path gives the template's `{name}` segments: template
/// `/v1/regions/{regionId}/images` and path `…/v1/regions/cn-north-1/images` give `regionId`.
fn path_params(template: &str, url: &str) -> Vec<(String, String)> {
    let path = match url.find("://") {
        Some(at) => url[at + 3..].find('/').map_or("", |slash| &url[at + 3 + slash..]),
        None => url,
    };
    let template: Vec<&str> = template.trim_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_matches('/').split('/').collect();
    if template.len() != path.len() {
        return Vec::new();
    }
    let mut params = Vec::new();
    for (pattern, segment) in template.iter().zip(&path) {
        // A segment may hold a parameter and a literal suffix: `{keyName}:attach`.
        let Some(open) = pattern.find('{') else { continue };
        let Some(close) = pattern.find('}') else { continue };
        let (prefix, suffix) = (&pattern[..open], &pattern[close + 1..]);
        if let Some(value) = segment.strip_prefix(prefix).and_then(|rest| rest.strip_suffix(suffix)) {
            params.push((pattern[open + 1..close].to_owned(), value.to_owned()));
        }
    }
    params
}

/// Whether a JSON text has as many closing braces and brackets as opening ones (outside strings).
fn balanced(text: &str) -> bool {
    let mut depth = 0i64;
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            _ => {}
        }
    }
    depth <= 0
}

enum Parsed {
    Clean(Value),
    Repaired(Value),
    Invalid(String),
}

fn parse(example: &ResponseExample) -> Parsed {
    match example.format {
        ExampleFormat::Json => match serde_json::from_str(&example.body) {
            Ok(value) => Parsed::Clean(value),
            Err(error) => match serde_json::from_str(&json::repair(&example.body)) {
                Ok(value) => Parsed::Repaired(value),
                Err(_) => Parsed::Invalid(format!("{error} (in the example's JSON)")),
            },
        },
        // The XML parser and `xml_value` recurse once per element: refuse nesting no answer has
        // before it can overflow the stack.
        ExampleFormat::Xml if xml_depth(&example.body) > MAX_XML_DEPTH => Parsed::Invalid(format!(
            "the example's XML nests deeper than {MAX_XML_DEPTH} elements; it is not read as evidence"
        )),
        ExampleFormat::Xml => match roxmltree::Document::parse(&example.body) {
            Ok(document) => Parsed::Clean(xml_value(document.root_element())),
            Err(error) => Parsed::Invalid(format!("{error} (in the example's XML)")),
        },
    }
}

/// The deepest XML nesting an example may have (serde_json's own limit for JSON is 128).
const MAX_XML_DEPTH: usize = 128;

/// How deep the elements of `text` nest, counted from its tags alone (an upper bound when the XML
/// is broken, which is all the guard needs).
fn xml_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for tag in text.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
        } else if !tag.starts_with(['?', '!']) && !tag.ends_with('/') {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// An XML element as a JSON value: text for a leaf, an object of its children otherwise, repeated
/// children gathered into an array. The root element's own name is the answer's name, not a key.
fn xml_value(node: roxmltree::Node) -> Value {
    let mut children = node.children().filter(roxmltree::Node::is_element).peekable();
    if children.peek().is_none() {
        return Value::String(node.text().unwrap_or("").trim().to_owned());
    }
    let mut object = Map::new();
    for child in children {
        let name = child.tag_name().name().to_owned();
        let value = xml_value(child);
        match object.get_mut(&name) {
            None => {
                object.insert(name, value);
            }
            Some(Value::Array(items)) => items.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
        }
    }
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::PageFormat;
    use std::collections::BTreeMap;

    fn doc(blocks: Vec<Block>) -> Document {
        Document { format: PageFormat::Markdown, front_matter: BTreeMap::new(), blocks }
    }

    fn label(text: &str, line: u32) -> Block {
        Block::Heading(crate::source::Heading { level: 0, text: text.to_owned(), anchor: None, line })
    }

    fn code(text: &str, line: u32) -> Block {
        Block::Code { lang: None, text: text.to_owned(), line }
    }

    fn paragraph(text: &str, line: u32) -> Block {
        Block::Paragraph { text: text.to_owned(), line }
    }

    fn names(example: &RequestExample) -> Vec<(&str, &str)> {
        example.params.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect()
    }

    #[test]
    fn qingcloud_url_and_json_answer() {
        let page = doc(vec![
            label("Example Request:", 62),
            code("https://api.qingcloud.com/iaas/?action=DescribeImages\n&COMMON_PARAMS", 65),
            label("Example Response:", 69),
            code("{\n  \"action\":\"DescribeImagesResponse\",\n  \"ret_code\":0\n}", 72),
        ]);
        let common = ["action".to_owned()];
        let examples =
            collect(&page, &QueryStyle { common: &common, ..QueryStyle::of(None) }, &mut Vec::new());
        assert_eq!(examples.requests.len(), 1);
        let request = &examples.requests[0];
        assert_eq!(request.url, "https://api.qingcloud.com/iaas/?action=DescribeImages&COMMON_PARAMS");
        assert!(request.params.is_empty());
        assert_eq!(request.origin.line, 65);
        assert_eq!(examples.responses.len(), 1);
        assert_eq!(examples.responses[0].format, ExampleFormat::Json);
        let evidence = evidence(&examples);
        assert_eq!(evidence[0].value["ret_code"], 0);
        assert_eq!(evidence[0].line_of("ret_code"), 74);
    }

    #[test]
    fn aliyun_url_keeps_api_params_and_drops_placeholders() {
        let page = doc(vec![
            label("请求示例", 171),
            code(
                "https://ecs.aliyuncs.com/?Action=DescribeImages\n&RegionId=cn-hangzhou\n&PageSize=1\n&<公共请求参数>",
                173,
            ),
        ]);
        let common = ["Action".to_owned(), "Version".to_owned()];
        let examples =
            collect(&page, &QueryStyle { common: &common, ..QueryStyle::of(None) }, &mut Vec::new());
        assert_eq!(names(&examples.requests[0]), vec![("RegionId", "cn-hangzhou"), ("PageSize", "1")]);
    }

    #[test]
    fn deep_xml_is_refused_before_parsing() {
        assert_eq!(xml_depth("<?xml version=\"1.0\"?><a><b/><c>x</c></a>"), 2);
        let deep = format!("{}x{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
        let example = ResponseExample { format: ExampleFormat::Xml, body: deep, origin: Origin::page(3) };
        assert!(matches!(parse(&example), Parsed::Invalid(message) if message.contains("deeper than")));
    }

    #[test]
    fn xml_answers_become_objects_and_repeated_elements_arrays() {
        let page = doc(vec![
            label("正常返回示例", 181),
            code(
                "<R>\n  <Images>\n    <Image><Id>a</Id></Image>\n    <Image><Id>b</Id></Image>\n  </Images>\n  <N>1</N>\n</R>",
                185,
            ),
        ]);
        let examples = collect(&page, &QueryStyle::of(None), &mut Vec::new());
        assert_eq!(examples.responses[0].format, ExampleFormat::Xml);
        let evidence = evidence(&examples);
        assert!(!evidence[0].typed);
        assert_eq!(evidence[0].value["Images"]["Image"][1]["Id"], "b");
        assert_eq!(evidence[0].value["N"], "1");
    }

    #[test]
    fn error_answers_are_not_examples_of_success() {
        let page = doc(vec![label("异常返回示例", 10), code("{\"Code\": \"Forbidden\"}", 11)]);
        assert!(collect(&page, &QueryStyle::of(None), &mut Vec::new()).responses.is_empty());
    }

    #[test]
    fn text_pages_give_examples_as_paragraphs() {
        let page = Document {
            format: PageFormat::Text,
            front_matter: BTreeMap::new(),
            blocks: vec![
                paragraph("请求示例", 228),
                paragraph("https://api.<your_domain>/iaas/?action=DescribeImages\n&COMMON_PARAMS", 230),
                paragraph("返回示例", 233),
                paragraph("{\n  \"total_count\":9,", 235),
                paragraph("  \"ret_code\":0\n}", 240),
            ],
        };
        let examples = collect(&page, &QueryStyle::of(None), &mut Vec::new());
        assert_eq!(examples.requests.len(), 1);
        let evidence = evidence(&examples);
        assert_eq!(evidence.len(), 1);
        assert_eq!(evidence[0].value["total_count"], 9);
    }

    #[test]
    fn jd_request_with_path_parameters_and_body() {
        let page = doc(vec![
            Block::Heading(crate::source::Heading {
                level: 2,
                text: "请求地址".to_owned(),
                anchor: None,
                line: 18,
            }),
            paragraph("https://vm.jdcloud-api.com/v1/regions/{regionId}/keypairs/{keyName}:attach", 19),
            Block::Heading(crate::source::Heading {
                level: 2,
                text: "请求示例".to_owned(),
                anchor: None,
                line: 40,
            }),
            paragraph("POST", 41),
            code(
                "/v1/regions/cn-north-1/keypairs/my-test:attach\n{\n  \"instanceIds\": [\"i-1\"],\n  \"passwordAuth\": \"yes\"\n}",
                43,
            ),
        ]);
        let examples = collect(&page, &QueryStyle::of(None), &mut Vec::new());
        assert_eq!(examples.requests.len(), 1, "{examples:?}");
        assert_eq!(
            names(&examples.requests[0]),
            vec![
                ("regionId", "cn-north-1"),
                ("keyName", "my-test"),
                ("instanceIds.1", "i-1"),
                ("passwordAuth", "yes")
            ]
        );
        assert!(examples.responses.is_empty());
    }

    #[test]
    fn a_json_body_reads_as_the_pairs_the_client_writes() {
        let page = doc(vec![
            label("请求示例", 40),
            paragraph("POST", 41),
            code(
                "/v1/regions/cn-north-1/disks\n{\n  \"diskSpec\": {\"az\": \"a\", \"sizeGB\": 20, \"multi\": true},\n  \"ids\": [\"d-1\", \"d-2\"],\n  \"note\": null\n}",
                41,
            ),
        ]);
        let profile = crate::spec::profile_from_yaml(
            include_str!("../../../specs/providers/jdcloud.yaml"),
            "jdcloud.yaml",
        )
        .expect("profile");
        let examples = collect(&page, &QueryStyle::of(Some(&profile)), &mut Vec::new());
        let mut params = names(&examples.requests[0]);
        params.sort();
        assert_eq!(
            params,
            [
                ("diskSpec.az", "a"),
                ("diskSpec.multi", "True"),
                ("diskSpec.sizeGB", "20"),
                ("ids.1", "d-1"),
                ("ids.2", "d-2")
            ]
        );
    }

    #[test]
    fn a_parameter_line_without_its_ampersand_is_a_parameter_and_noted() {
        let page = doc(vec![
            label("请求参数", 93),
            code(
                "https://cvm.api.qcloud.com/v2/index.php?Action=X\n&InstanceIds.1=ins-1\nInternetAccessible.InternetMaxBandwidthOut=20\n&Note=a%20b",
                95,
            ),
        ]);
        let mut notes = Vec::new();
        let examples = collect(&page, &QueryStyle::of(None), &mut notes);
        assert_eq!(
            names(&examples.requests[0]),
            [
                ("InstanceIds.1", "ins-1"),
                ("InternetAccessible.InternetMaxBandwidthOut", "20"),
                ("Note", "a b")
            ]
        );
        assert_eq!(notes.len(), 1);
        assert_eq!((notes[0].code.as_str(), notes[0].line), ("example-separator", 97));
    }

    #[test]
    fn broken_json_is_repaired_and_said_so() {
        let body = "{\n  \"A\": True,\n  \"B\": None\n  \"C\": [1, 2,],\n}";
        let page = doc(vec![label("返回示例", 1), code(body, 2)]);
        let profile = None;
        let mut ctx = Ctx::new("p.md", profile);
        let examples = extract(&page, &mut ctx);
        assert_eq!(ctx.diagnostics.len(), 1);
        assert_eq!(ctx.diagnostics[0].code, "example-repaired");
        let evidence = evidence(&examples);
        assert_eq!(evidence[0].value, serde_json::json!({"A": true, "B": null, "C": [1, 2]}));
    }

    #[test]
    fn unreadable_json_is_a_warning_and_no_evidence() {
        let page = doc(vec![label("返回示例", 1), code("{\n  \"A\": ...\n}", 2)]);
        let mut ctx = Ctx::new("p.md", None);
        let examples = extract(&page, &mut ctx);
        assert_eq!(ctx.diagnostics[0].code, "invalid-example");
        assert_eq!(examples.responses.len(), 1);
        assert!(evidence(&examples).is_empty());
    }
}
