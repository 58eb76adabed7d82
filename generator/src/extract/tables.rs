//! Column roles: a table's header cells → which column holds the name, type, required flag,
//! description, example and default.
//!
//! Input is the header of a [`Table`](crate::source::Table) in any column order and wording
//! (`参数名称`/`名称`/`参数名`/`Parameter name`/`Name`, `类型`/`Type`, `是否必选`/`是否必需`/`是否必须`/
//! `必选`/`Required`, `描述`/`Description`, `示例值`, `默认值`). Output is [`Columns`]. The request,
//! response and error extractors all read tables through it:
//!
//! - [`Columns::of`] maps a header to roles; [`Columns::get`] reads one role's cell of a row;
//! - [`Columns::is_field_table`] says whether a table lists parameters or fields at all;
//! - [`plain`] turns a cell into plain text (Markdown emphasis, escapes, links and `<br>` removed);
//! - [`wire_name`] cleans a name cell (`**regionId**` → `regionId`);
//! - [`required`] reads a required cell (`是`/`否`/`Yes`/`No`/`True`/`False`/`必选`/`可选`).

use crate::source::Row;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Role {
    Name,
    Type,
    Required,
    Description,
    Example,
    Default,
}

impl Role {
    /// The role as a reader would name the column.
    pub fn label(self) -> &'static str {
        match self {
            Role::Name => "name",
            Role::Type => "type",
            Role::Required => "required",
            Role::Description => "description",
            Role::Example => "example",
            Role::Default => "default",
        }
    }
}

/// The role of one header cell, or `None` for a column no extractor reads (`HttpCode`, `错误码`).
pub(crate) fn role(header: &str) -> Option<Role> {
    let key: String = plain(header)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：'))
        .collect::<String>()
        .to_lowercase();
    let role = match key.as_str() {
        "参数名称" | "参数名" | "名称" | "参数" | "字段" | "字段名" | "字段名称" | "属性" | "属性名"
        | "属性名称" | "parametername" | "parameter" | "name" | "field" | "fieldname" => Role::Name,
        "类型" | "参数类型" | "数据类型" | "字段类型" | "值类型" | "type" | "datatype" => {
            Role::Type
        }
        "是否必选" | "是否必需" | "是否必须" | "是否必填" | "是否必传" | "必选" | "必需" | "必须"
        | "必填" | "必传" | "required" | "isrequired" | "mandatory" => Role::Required,
        "描述" | "说明" | "参数描述" | "参数说明" | "字段说明" | "字段描述" | "描述信息" | "含义"
        | "备注" | "description" | "desc" => Role::Description,
        "示例值" | "示例" | "样例" | "参数示例" | "example" | "examplevalue" | "sample" => {
            Role::Example
        }
        "默认值" | "默认" | "default" | "defaultvalue" => Role::Default,
        _ => return None,
    };
    Some(role)
}

/// Where each role sits in a table's rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Columns {
    pub name: Option<usize>,
    pub ty: Option<usize>,
    pub required: Option<usize>,
    pub description: Option<usize>,
    pub example: Option<usize>,
    pub default: Option<usize>,
}

impl Columns {
    /// Maps header cells to roles. When two columns claim a role, the first one keeps it.
    pub fn of(header: &[String]) -> Columns {
        let mut columns = Columns::default();
        for (index, cell) in header.iter().enumerate() {
            if let Some(role) = role(cell) {
                let slot = columns.slot(role);
                if slot.is_none() {
                    *slot = Some(index);
                }
            }
        }
        columns
    }

    fn slot(&mut self, role: Role) -> &mut Option<usize> {
        match role {
            Role::Name => &mut self.name,
            Role::Type => &mut self.ty,
            Role::Required => &mut self.required,
            Role::Description => &mut self.description,
            Role::Example => &mut self.example,
            Role::Default => &mut self.default,
        }
    }

    /// The column index of a role, if the table has that column.
    pub fn index(&self, role: Role) -> Option<usize> {
        match role {
            Role::Name => self.name,
            Role::Type => self.ty,
            Role::Required => self.required,
            Role::Description => self.description,
            Role::Example => self.example,
            Role::Default => self.default,
        }
    }

    /// The raw cell of `role` in `row`: `None` when the table lacks the column or the row lacks the
    /// cell (a short row).
    pub fn get<'r>(&self, role: Role, row: &'r Row) -> Option<&'r str> {
        self.index(role).and_then(|i| row.cells.get(i)).map(String::as_str)
    }

    /// A table of parameters or fields: it has a name column and a type or description column.
    /// Error-code, status and free-form tables are not.
    pub fn is_field_table(&self) -> bool {
        self.name.is_some() && (self.ty.is_some() || self.description.is_some())
    }

    /// The roles a parameter table must have but this one lacks (a field table always has a name;
    /// the description may be left out).
    pub fn missing_for_parameters(&self) -> Vec<Role> {
        [Role::Type, Role::Required].into_iter().filter(|&role| self.index(role).is_none()).collect()
    }
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    // `[text](url)` and `[text][ref]`; the text may itself be `Image[]`, so allow one level of `[]`.
    Regex::new(r"\[((?:[^\[\]]|\[\])*)\](?:\([^)]*\)|\[[^\]]*\])").expect("static regex")
});
static BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>|</p>|<p>|</li>|</?ul>|</?ol>").expect("static regex"));
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:<br\s*/?>\s*)*<li>\s*").expect("static regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:a|b|strong|em|i|code|span|font|div|sup|sub)\b[^>]*>").expect("static regex")
});
/// `**bold**` and `__bold__`; a bare run of stars (`m-bp1g7004ksh0oeuc****`) is text, and so
/// are stars inside a word (`i-eumm****d6`, see [`strip_emphasis`]).
static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*([^*\n]+?)\*\*|__([^_\n]+?)__").expect("static regex"));
static ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\([\\`*_{}\[\]()#+\-.!|<>~])").expect("static regex"));

/// A cell as plain text: `<br>` and `</p>` become line breaks, `<li>` starts a `- ` bullet line,
/// links keep their text, `**`/`__` emphasis and Markdown backslash escapes go, HTML entities for
/// quotes and brackets are decoded. Backticks stay: they mark literal values for [`prose`].
/// Lines are trimmed at the end; runs of blank lines collapse to one.
///
/// [`prose`]: super::prose
pub(crate) fn plain(cell: &str) -> String {
    // Each pass runs only when its marker is there: descriptions are read many times over.
    let mut text = Cow::Borrowed(cell);
    if text.contains('<') {
        let items = LIST_ITEM.replace_all(&text, "\n- ").into_owned();
        let breaks = BREAK.replace_all(&items, "\n").into_owned();
        text = Cow::Owned(TAG.replace_all(&breaks, "").into_owned());
    }
    if text.contains('[') {
        text = Cow::Owned(LINK.replace_all(&text, "$1").into_owned());
    }
    if text.contains("**") || text.contains("__") {
        text = Cow::Owned(strip_emphasis(&text));
    }
    if text.contains('\\') {
        text = Cow::Owned(ESCAPE.replace_all(&text, "$1").into_owned());
    }
    if text.contains('&') {
        text = Cow::Owned(
            text.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&"),
        );
    }
    let mut out = String::with_capacity(text.len());
    let mut blank_run = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !out.is_empty() {
                blank_run = true;
            }
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_run {
                out.push('\n');
            }
        }
        blank_run = false;
        out.push_str(line);
    }
    out.trim().to_owned()
}

/// The text without `**`/`__` emphasis marks, except marks inside a word: stars or underscores
/// next to a letter, a digit or another mark mask or join characters of a value
/// (`i-eumm****d6`, `x__y__z`), they do not emphasise.
fn strip_emphasis(text: &str) -> String {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '*' || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for found in EMPHASIS.captures_iter(text) {
        let (Some(whole), Some(inner)) = (found.get(0), found.get(1).or_else(|| found.get(2))) else {
            continue;
        };
        let before = text[..whole.start()].chars().next_back();
        let after = text[whole.end()..].chars().next();
        if before.is_some_and(is_word) || after.is_some_and(is_word) {
            continue;
        }
        out.push_str(&text[copied..whole.start()]);
        out.push_str(inner.as_str());
        copied = whole.end();
    }
    out.push_str(&text[copied..]);
    out
}

/// A name cell as the wire name: plain text without backticks, tree marks (`└`) or spaces.
pub(crate) fn wire_name(cell: &str) -> String {
    plain(cell).chars().filter(|c| !c.is_whitespace() && !matches!(c, '`' | '└' | '├' | '│' | '─')).collect()
}

/// Reads a required cell. `None` when the cell says neither yes nor no.
pub(crate) fn required(cell: &str) -> Option<bool> {
    let word = plain(cell).trim().to_lowercase();
    match word.as_str() {
        "是" | "必选" | "必需" | "必须" | "必填" | "必传" | "yes" | "y" | "true" | "required"
        | "mandatory" => Some(true),
        "否" | "可选" | "非必选" | "非必需" | "非必须" | "选填" | "no" | "n" | "false" | "optional" => {
            Some(false)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn roles_in_any_order_and_wording() {
        let aliyun = Columns::of(&header(&["名称", "类型", "是否必选", "示例值", "描述"]));
        assert_eq!(
            aliyun,
            Columns {
                name: Some(0),
                ty: Some(1),
                required: Some(2),
                example: Some(3),
                description: Some(4),
                default: None
            }
        );
        let tencent = Columns::of(&header(&["参数名称", "是否必选", "类型", "描述"]));
        assert_eq!((tencent.name, tencent.required, tencent.ty), (Some(0), Some(1), Some(2)));
        let qingcloud = Columns::of(&header(&["Parameter name", "Type", "Description", "Required"]));
        assert_eq!((qingcloud.description, qingcloud.required), (Some(2), Some(3)));
        let jd = Columns::of(&header(&["名称", "类型", "是否必需", "默认值", "描述"]));
        assert_eq!((jd.required, jd.default), (Some(2), Some(3)));
        let text = Columns::of(&header(&["参数名", "类型", "描述", "是否必须"]));
        assert_eq!((text.name, text.required), (Some(0), Some(3)));
        let tencent_alt = Columns::of(&header(&["参数名称 ", " 必选 ", "类型", "描述"]));
        assert_eq!(tencent_alt.required, Some(1));
    }

    #[test]
    fn error_and_status_tables_are_not_field_tables() {
        assert!(!Columns::of(&header(&["HttpCode", "错误码", "错误信息", "描述"])).is_field_table());
        assert!(!Columns::of(&header(&["返回码", "描述"])).is_field_table());
        assert!(!Columns::of(&header(&["镜像名称", "unImgId/unImageId"])).is_field_table());
        assert!(Columns::of(&header(&["Name", "Type", "Description"])).is_field_table());
    }

    #[test]
    fn a_table_missing_a_column_says_which() {
        let columns = Columns::of(&header(&["名称", "描述"]));
        assert_eq!(columns.missing_for_parameters(), vec![Role::Type, Role::Required]);
    }

    #[test]
    fn short_rows_have_no_cell_for_the_missing_role() {
        let columns = Columns::of(&header(&["参数名", "类型", "描述", "是否必须"]));
        let row = Row { cells: vec!["images.n".into(), "String".into(), "镜像ID".into()], line: 3 };
        assert_eq!(columns.get(Role::Name, &row), Some("images.n"));
        assert_eq!(columns.get(Role::Required, &row), None);
    }

    #[test]
    fn plain_text_of_cells() {
        assert_eq!(wire_name("**regionId**"), "regionId");
        assert_eq!(wire_name(" `Tag.N.Key` "), "Tag.N.Key");
        assert_eq!(wire_name("└AliyunId"), "AliyunId");
        assert_eq!(plain(r"m-bp1g7004ksh0oeuc\*\*\*\*"), "m-bp1g7004ksh0oeuc****");
        assert_eq!(plain(r"x86\_64"), "x86_64");
        // JD Cloud's attachKeypair masks characters of its example ids with stars.
        assert_eq!(
            plain(r"\[&quot;i-eumm****d6&quot;,&quot;i-y5nh****9w&quot;]"),
            r#"["i-eumm****d6","i-y5nh****9w"]"#
        );
        assert_eq!(plain("处于**运行中**或**已停止**状态"), "处于运行中或已停止状态");
        assert_eq!(plain("[Image[]](describeimages#image)"), "Image[]");
        assert_eq!(plain("参见<br/>[_CaptureInstance_](../capture_instance/)"), "参见\n_CaptureInstance_");
        assert_eq!(
            plain("取值范围：<br><li>TRUE：欠费<br><li>FALSE：正常"),
            "取值范围：\n- TRUE：欠费\n- FALSE：正常"
        );
        assert_eq!(plain("\\[&quot;i-1&quot;]"), "[\"i-1\"]");
        assert_eq!(plain("a\n\n\n b \n"), "a\n\n b");
    }

    #[test]
    fn required_cells() {
        for yes in ["是", "Yes", "True", "必选", " 是  "] {
            assert_eq!(required(yes), Some(true), "{yes}");
        }
        for no in ["否", "No", "False", "可选"] {
            assert_eq!(required(no), Some(false), "{no}");
        }
        assert_eq!(required("maybe"), None);
        assert_eq!(required(""), None);
    }
}
