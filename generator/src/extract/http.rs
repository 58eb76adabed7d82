//! HTTP facts: a page → its [`Http`] (method, path or path template, endpoint).
//!
//! Pages state them in several ways: a `请求方式` section with `GET` under it (JD Cloud), `Method`
//! and `Path` labels each followed by the value (text pages), a `请求地址` URL with `{regionId}`
//! segments, `接口请求域名：image.api.qcloud.com` (Tencent), or only the request example's URL.
//! What the page leaves out comes from the provider profile: GET, and the path of the profile's
//! endpoint.

use super::Ctx;
use crate::source::{Block, Document};
use crate::spec::{Examples, Http, Origin, Severity};

/// The method, path and endpoint the page states, each with its line.
pub(crate) fn extract(doc: &Document, ctx: &mut Ctx) -> Http {
    let facts = Facts::of(doc);
    let profile_path = ctx.profile.and_then(|p| url_parts(&p.endpoint)).map(|(_, path)| path);
    let method = facts.method.as_ref().map(|(method, _)| method.clone()).unwrap_or_else(|| "GET".to_owned());
    let path =
        facts.path.as_ref().map(|(path, _)| path.clone()).or(profile_path).unwrap_or_else(|| "/".to_owned());
    let endpoint = match &facts.endpoint {
        Some((endpoint, line)) if has_placeholder(endpoint) => {
            ctx.diagnose(
                *line,
                Severity::Note,
                "placeholder",
                format!("the endpoint `{endpoint}` holds a placeholder, not a host"),
                Some(
                    "the provider profile's endpoint is used; set `http.endpoint` in an overlay to pin one"
                        .to_owned(),
                ),
            );
            None
        }
        // A private cloud's profile takes the host from the user (`https://api.{domain}/iaas/`): the
        // host a page names is one operator's, which would override every user's domain.
        Some((endpoint, line)) if ctx.profile.is_some_and(|p| p.endpoint.contains("{domain}")) => {
            let profile = ctx.profile.map(|p| p.endpoint.as_str()).unwrap_or_default();
            ctx.diagnose(
                *line,
                Severity::Note,
                "operator-host",
                format!(
                    "the page names `{endpoint}`, one operator's host; the client calls the profile's `{profile}` \
                     with the domain the user configures (`Config::with_domain`)"
                ),
                Some("set `http.endpoint` in an overlay only for an API that one host alone serves".to_owned()),
            );
            None
        }
        Some((endpoint, _)) => Some(endpoint.clone()),
        None => None,
    };
    let line =
        [&facts.method, &facts.path, &facts.endpoint].into_iter().flatten().map(|(_, line)| *line).min();
    Http { method, path, endpoint, origin: line.map(Origin::page) }
}

/// A Tencent Cloud API 3.0 page states the legacy host (`cvm.api.qcloud.com`) and a legacy request
/// URL; API 3.0 posts JSON to `/` of the profile's endpoint (`https://{service}.tencentcloudapi.com/`).
/// The page's host only names the service, read before this; the example's URL gets a note.
pub(crate) fn api_3(http: &mut Http, examples: &Examples, ctx: &mut Ctx) {
    http.method = "POST".to_owned();
    http.path = "/".to_owned();
    http.endpoint = None;
    if let Some(example) = examples.requests.iter().find(|e| e.url.contains("/v2/index.php")) {
        let base = example.url.split('?').next().unwrap_or(&example.url);
        ctx.diagnose(
            example.origin.line,
            Severity::Note,
            "legacy-request-url",
            format!(
                "the request example uses the legacy URL `{base}`; API 3.0 posts the parameters as JSON to the \
                 service's endpoint, so only the example's parameters are read"
            ),
            None,
        );
    }
}

/// The path template the page gives for the API (`/v1/regions/{regionId}/images`), if any.
pub(crate) fn path_template(doc: &Document) -> Option<String> {
    Facts::of(doc).path.map(|(path, _)| path).filter(|path| path.contains('{'))
}

/// What the page says, each with the line saying it.
#[derive(Debug, Default)]
struct Facts {
    method: Option<(String, u32)>,
    path: Option<(String, u32)>,
    endpoint: Option<(String, u32)>,
}

/// Which fact the label above a block announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    None,
    Method,
    Address,
    Path,
    Request,
}

impl Facts {
    fn of(doc: &Document) -> Facts {
        let mut facts = Facts::default();
        // The request example's URL, used only when the page states no address.
        let mut example: Option<(String, u32)> = None;
        let mut label = Label::None;
        for block in &doc.blocks {
            let (text, line) = match block {
                Block::Heading(heading) => {
                    label = label_of(&heading.text).unwrap_or(Label::None);
                    continue;
                }
                Block::Paragraph { text, line } => {
                    if let Some(next) = label_of(text) {
                        label = next;
                        continue;
                    }
                    (text.as_str(), *line)
                }
                Block::Code { text, line, .. } => (text.as_str(), *line),
                _ => {
                    label = Label::None;
                    continue;
                }
            };
            facts.read_statements(text, line);
            let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
            match label {
                Label::Method => {
                    if facts.method.is_none()
                        && let Some(method) = method_word(first)
                    {
                        facts.method = Some((method, line));
                    }
                }
                Label::Address => facts.take_url(first, line),
                Label::Path => {
                    if facts.path.is_none() && first.starts_with('/') {
                        facts.path = Some((first.to_owned(), line));
                    }
                }
                Label::Request => {
                    // JD's request example starts with the method on a line of its own.
                    if let Some(method) = method_word(first) {
                        facts.method.get_or_insert((method, line));
                    } else if example.is_none() && is_url(first) {
                        example = Some((first.to_owned(), line));
                    }
                }
                Label::None => {
                    if example.is_none() && doc.blocks.len() > 1 && is_url(first) && first.contains('?') {
                        example = Some((first.to_owned(), line));
                    }
                }
            }
            if label != Label::Request && label != Label::None {
                label = Label::None;
            }
        }
        if let Some((url, line)) = example {
            facts.take_url(&url, line);
        }
        facts
    }

    /// Statements in running text: `接口请求域名：host`, `请求方式：POST`.
    fn read_statements(&mut self, text: &str, line: u32) {
        for (offset, sentence) in text.lines().enumerate() {
            let line = line.saturating_add(u32::try_from(offset).unwrap_or(0));
            let Some((key, value)) = sentence.split_once(['：', ':']) else { continue };
            let key = key.trim();
            let value = value.split_whitespace().next().unwrap_or("");
            if key.ends_with("请求域名") || key.eq_ignore_ascii_case("endpoint") {
                if self.endpoint.is_none() && !value.is_empty() {
                    let host = value.trim_end_matches(['。', '.', '/']);
                    let endpoint =
                        if host.contains("://") { host.to_owned() } else { format!("https://{host}") };
                    self.endpoint = Some((endpoint, line));
                }
            } else if (key.ends_with("请求方式") || key.ends_with("请求方法"))
                && let Some(method) = method_word(value)
            {
                self.method.get_or_insert((method, line));
            }
        }
    }

    /// Takes the endpoint and path of a URL, where the page did not already state them.
    fn take_url(&mut self, url: &str, line: u32) {
        let url = url.trim_start_matches(|c: char| c.is_ascii_uppercase()).trim();
        let Some((endpoint, path)) = url_parts(url) else { return };
        self.endpoint.get_or_insert((endpoint, line));
        self.path.get_or_insert((path, line));
    }
}

fn label_of(text: &str) -> Option<Label> {
    let text = text.trim().trim_matches(['*', '_', ':', '：', ' ']);
    if text.contains('\n') || text.chars().count() > 30 {
        return None;
    }
    let lower = text.to_lowercase();
    let label = if lower == "method"
        || lower == "http method"
        || text.contains("请求方式")
        || text.contains("请求方法")
    {
        Label::Method
    } else if text.contains("请求地址") || lower == "url" || lower == "endpoint" {
        Label::Address
    } else if lower == "path" || text == "请求路径" {
        Label::Path
    } else if text.contains("请求示例") || lower.contains("example request") || text == "输入" {
        Label::Request
    } else {
        return None;
    };
    Some(label)
}

fn method_word(text: &str) -> Option<String> {
    let word = text.trim().to_ascii_uppercase();
    matches!(word.as_str(), "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD").then_some(word)
}

fn is_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

/// `https://host/path?query` → (`https://host`, `/path`).
fn url_parts(url: &str) -> Option<(String, String)> {
    let scheme_end = url.find("://")? + 3;
    let rest = &url[scheme_end..];
    let rest = rest.split(['?', '#', ' ']).next().unwrap_or("");
    let (host, path) = match rest.find('/') {
        Some(slash) => (&rest[..slash], &rest[slash..]),
        None => (rest, "/"),
    };
    if host.is_empty() {
        return None;
    }
    Some((format!("{}{host}", &url[..scheme_end]), path.to_owned()))
}

/// A host written as a placeholder: `api.<your_domain>`, `{domain}`, `xxx`.
fn has_placeholder(endpoint: &str) -> bool {
    endpoint.contains(['<', '>', '{', '}']) || endpoint.contains("xxx") || endpoint.contains("your_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Heading;
    use crate::spec::PageFormat;
    use std::collections::BTreeMap;

    fn doc(format: PageFormat, blocks: Vec<Block>) -> Document {
        Document { format, front_matter: BTreeMap::new(), blocks }
    }

    fn heading(level: u8, text: &str, line: u32) -> Block {
        Block::Heading(Heading { level, text: text.to_owned(), anchor: None, line })
    }

    fn paragraph(text: &str, line: u32) -> Block {
        Block::Paragraph { text: text.to_owned(), line }
    }

    fn code(text: &str, line: u32) -> Block {
        Block::Code { lang: None, text: text.to_owned(), line }
    }

    fn http(doc: &Document) -> (Http, Vec<String>) {
        let mut ctx = Ctx::new("p", None);
        let http = extract(doc, &mut ctx);
        (http, ctx.diagnostics.into_iter().map(|d| d.code).collect())
    }

    #[test]
    fn jd_method_and_path_template() {
        let page = doc(
            PageFormat::Markdown,
            vec![
                heading(2, "请求方式", 10),
                paragraph("GET", 11),
                heading(2, "请求地址", 13),
                paragraph("https://vm.jdcloud-api.com/v1/regions/{regionId}/images", 14),
            ],
        );
        let (http, diagnostics) = http(&page);
        assert_eq!(http.method, "GET");
        assert_eq!(http.path, "/v1/regions/{regionId}/images");
        assert_eq!(http.endpoint.as_deref(), Some("https://vm.jdcloud-api.com"));
        assert_eq!(http.origin, Some(Origin::page(11)));
        assert!(diagnostics.is_empty());
        assert_eq!(path_template(&page).as_deref(), Some("/v1/regions/{regionId}/images"));
    }

    #[test]
    fn text_page_method_and_path_labels_and_a_placeholder_host() {
        let page = doc(
            PageFormat::Text,
            vec![
                paragraph("Path", 9),
                paragraph("/iaas", 11),
                paragraph("Method", 13),
                paragraph("GET", 15),
                paragraph("请求示例", 228),
                paragraph("https://api.<your_domain>/iaas/?action=DescribeImages\n&COMMON_PARAMS", 230),
            ],
        );
        let (http, diagnostics) = http(&page);
        assert_eq!((http.method.as_str(), http.path.as_str()), ("GET", "/iaas"));
        assert_eq!(http.endpoint, None);
        assert_eq!(diagnostics, vec!["placeholder"]);
    }

    #[test]
    fn tencent_endpoint_statement_and_example_path() {
        let page = doc(
            PageFormat::Markdown,
            vec![
                paragraph("接口请求域名：image.api.qcloud.com", 9),
                heading(2, "4. 示例", 103),
                paragraph("输入", 105),
                code("https://image.api.qcloud.com/v2/index.php?Action=DescribeImages\n&imageType=1", 106),
            ],
        );
        let (http, _) = http(&page);
        assert_eq!(http.endpoint.as_deref(), Some("https://image.api.qcloud.com"));
        assert_eq!(http.path, "/v2/index.php");
        assert_eq!(http.method, "GET");
        assert_eq!(http.origin, Some(Origin::page(9)));
    }

    #[test]
    fn a_private_clouds_page_host_leaves_the_users_domain_alone() {
        let page = doc(
            PageFormat::Markdown,
            vec![
                paragraph("请求示例", 40),
                code("http://api.yiqiyun.sd.cegn.cn/iaas/?action=DescribeEips\n&zone=pek3a", 42),
            ],
        );
        let text = include_str!("../../../specs/providers/qingcloud-private.yaml");
        let private = crate::spec::profile_from_yaml(text, "qingcloud-private.yaml").expect("profile");
        let mut ctx = Ctx::new("p", Some(&private));
        let http = extract(&page, &mut ctx);
        assert_eq!((http.endpoint, http.path.as_str()), (None, "/iaas/"));
        assert_eq!(ctx.diagnostics.len(), 1);
        assert_eq!((ctx.diagnostics[0].code.as_str(), ctx.diagnostics[0].line), ("operator-host", 42));
        assert!(ctx.diagnostics[0].message.contains("api.yiqiyun.sd.cegn.cn"));
        let public =
            crate::spec::Profile { endpoint: "https://api.qingcloud.com/iaas/".to_owned(), ..private };
        let mut ctx = Ctx::new("p", Some(&public));
        let http = extract(&page, &mut ctx);
        assert_eq!(
            http.endpoint.as_deref(),
            Some("http://api.yiqiyun.sd.cegn.cn"),
            "a fixed host is the page's to name"
        );
    }

    #[test]
    fn the_profile_gives_what_the_page_leaves_out() {
        let page = doc(PageFormat::Markdown, vec![paragraph("调用DescribeImages查询镜像。", 3)]);
        let (http, _) = http(&page);
        assert_eq!((http.method.as_str(), http.path.as_str(), http.origin), ("GET", "/", None));
    }
}
