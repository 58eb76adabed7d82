//! Error codes: a page's error-code and HTTP status tables → [`ErrorCode`]s.
//!
//! Input is the page's [`Document`]; output is one [`ErrorCode`] per row, in page order. Tables are
//! recognised by their header, in any column order:
//!
//! - error-code tables: `HttpCode|错误码|错误信息|描述` (Alibaba, seed 003), `错误代码|错误信息|HTTP状态码|说明`,
//!   `HTTP状态码|错误码|描述|错误解析` (JD Cloud), `错误码|描述` and `错误代码|英文描述|错误描述` (Tencent);
//! - HTTP status tables: `返回码|描述` (JD Cloud, seed 004), where the status is the code.
//!
//! A success status (2xx) is not an error: its row gets a note instead. Rows with neither a code
//! nor a status get a diagnostic, so no row is dropped silently.

use super::Ctx;
use super::tables::plain;
use crate::source::{Block, Document, Table};
use crate::spec::{ErrorCode, Origin, Severity};

/// What an error table's column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Code,
    Status,
    Message,
    Description,
}

fn column(header: &str) -> Option<Column> {
    let key: String = plain(header).chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    let column = match key.as_str() {
        "错误码" | "错误代码" | "errorcode" | "code" | "错误编码" => Column::Code,
        "httpcode" | "http状态码" | "状态码" | "返回码" | "httpstatus" | "httpstatuscode" | "statuscode" => {
            Column::Status
        }
        "错误信息" | "英文描述" | "错误消息" | "errormessage" | "message" | "英文提示" => {
            Column::Message
        }
        "描述" | "说明" | "错误描述" | "错误解析" | "含义" | "中文描述" | "description" => {
            Column::Description
        }
        _ => return None,
    };
    Some(column)
}

/// Where each column sits in an error table.
#[derive(Debug, Default)]
struct Layout {
    code: Option<usize>,
    status: Option<usize>,
    message: Option<usize>,
    description: Option<usize>,
}

impl Layout {
    /// The layout of an error table, or `None` for any other table.
    fn of(table: &Table) -> Option<Layout> {
        let mut layout = Layout::default();
        let mut descriptions = Vec::new();
        for (index, header) in table.header.iter().enumerate() {
            match column(header) {
                Some(Column::Code) => layout.code = layout.code.or(Some(index)),
                Some(Column::Status) => layout.status = layout.status.or(Some(index)),
                Some(Column::Message) => layout.message = layout.message.or(Some(index)),
                Some(Column::Description) => descriptions.push(index),
                None => {}
            }
        }
        // JD Cloud's `描述|错误解析`: the first is the provider's message, the second explains it.
        if layout.message.is_none() && descriptions.len() >= 2 {
            layout.message = Some(descriptions.remove(0));
        }
        layout.description = descriptions.first().copied();
        (layout.code.is_some() || layout.status.is_some()).then_some(layout)
    }
}

/// The error codes and statuses the page documents.
pub(crate) fn extract(doc: &Document, ctx: &mut Ctx) -> Vec<ErrorCode> {
    let mut errors = Vec::new();
    for block in &doc.blocks {
        let Block::Table(table) = block else { continue };
        let Some(layout) = Layout::of(table) else { continue };
        for row in &table.rows {
            let cell = |index: Option<usize>| {
                index.and_then(|i| row.cells.get(i)).map(|c| plain(c)).filter(|c| !c.is_empty())
            };
            let status_text = cell(layout.status);
            let status = status_text.as_deref().and_then(|s| s.parse::<u16>().ok());
            let (message, description) = (cell(layout.message), cell(layout.description));
            let code = cell(layout.code).or_else(|| status_text.clone());
            let Some(code) = code else {
                ctx.diagnose(
                    row.line,
                    Severity::Warning,
                    "dropped-row",
                    "an error table row has neither an error code nor a status".to_owned(),
                    Some("correct the row on the page".to_owned()),
                );
                continue;
            };
            if status_text.is_some() && status.is_none() {
                ctx.diagnose(
                    row.line,
                    Severity::Warning,
                    "invalid-status",
                    format!(
                        "the HTTP status `{}` of error `{code}` is not a number",
                        status_text.unwrap_or_default()
                    ),
                    Some("correct the status on the page or with an overlay".to_owned()),
                );
            }
            if status.is_some_and(|s| (200..300).contains(&s)) && cell(layout.code).is_none() {
                ctx.diagnose(
                    row.line,
                    Severity::Note,
                    "success-status",
                    format!(
                        "the status table lists {code} ({}), the success status: not an error",
                        message.or(description).unwrap_or_default()
                    ),
                    None,
                );
                continue;
            }
            errors.push(ErrorCode {
                code,
                http_status: status,
                message,
                description,
                origin: Origin::page(row.line),
            });
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::response::tests::page;

    fn errors_of(path: &str) -> (Vec<ErrorCode>, Vec<String>) {
        let doc = page(&format!("generator/tests/fixtures/pages/{path}"));
        let mut ctx = Ctx::new(path, None);
        let errors = extract(&doc, &mut ctx);
        (errors, ctx.diagnostics.into_iter().map(|d| format!("{}:{}", d.line, d.code)).collect())
    }

    #[test]
    fn seed_003_error_code_table() {
        let (errors, diagnostics) = errors_of("aliyun/DescribeImages.md");
        assert_eq!(errors.len(), 10);
        let first = &errors[0];
        assert_eq!(first.code, "InvalidImageOwnerAlias.ValueNotSupported");
        assert_eq!(first.http_status, Some(400));
        assert_eq!(first.message.as_deref(), Some("The specified ImageOwnerAlias value is not supported."));
        assert_eq!(first.description.as_deref(), Some("无效的镜像所有者别名，请您检查该参数是否正确。"));
        assert_eq!(first.origin.line, 307);
        // An empty message cell stays empty.
        assert_eq!(
            (errors[2].code.as_str(), errors[2].message.as_deref()),
            ("InvalidFilterKey.NotFound", None)
        );
        assert_eq!(errors[9].http_status, Some(500));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn seed_004_status_table() {
        let (errors, diagnostics) = errors_of("jdcloud/describeImages.md");
        let codes: Vec<(&str, Option<u16>, Option<&str>)> =
            errors.iter().map(|e| (e.code.as_str(), e.http_status, e.description.as_deref())).collect();
        assert_eq!(
            codes,
            vec![
                ("400", Some(400), Some("Invalid parameter")),
                ("401", Some(401), Some("Authentication failed")),
                ("404", Some(404), Some("Not found")),
                ("500", Some(500), Some("Internal server error")),
                ("503", Some(503), Some("Service unavailable")),
            ]
        );
        assert_eq!(diagnostics, ["128:success-status"]);
    }

    #[test]
    fn pages_without_error_tables_have_none() {
        for seed in [
            "qingcloud/DescribeImages.md",
            "tencent/DescribeImages.md",
            "qingcloud-private/DescribeImages.txt",
        ] {
            assert_eq!(errors_of(seed).0, Vec::new(), "{seed}");
        }
    }

    #[test]
    fn jd_and_tencent_layouts() {
        let doc = crate::source::read(
            "## 错误码\n\n|HTTP状态码|错误码|描述|错误解析|\n|---|---|---|---|\n|**200**||OK||\n\
             |**400**|FAILED_PRECONDITION|Windows OS doesn't support attach keypair.|windows实例不支持绑定密钥。|\n\
             |||||\n\n## 4. 错误码表\n\n| 错误代码 | 英文描述 | 错误描述 |\n| --- | --- | --- |\n| 9003 | InvalidParameter | 参数错误 |\n"
                .as_bytes(),
            1 << 20,
        )
        .expect("readable");
        let mut ctx = Ctx::new("p.md", None);
        let errors = extract(&doc, &mut ctx);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].code, "FAILED_PRECONDITION");
        assert_eq!(errors[0].message.as_deref(), Some("Windows OS doesn't support attach keypair."));
        assert_eq!(errors[0].description.as_deref(), Some("windows实例不支持绑定密钥。"));
        assert_eq!((errors[1].code.as_str(), errors[1].http_status), ("9003", None));
        assert_eq!(errors[1].message.as_deref(), Some("InvalidParameter"));
        let codes: Vec<&str> = ctx.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["success-status", "dropped-row"]);
    }
}
