//! Parameter tables: a page's [`Document`] → its request parameters ([`Param`]) and the object
//! types they name ([`TypeDef`], JD Cloud's `Filter`).
//!
//! The page is read section by section: a heading or a short label paragraph (`请求参数`,
//! `**Request Parameters**`, `请求地址`, `## 3. 输出参数`) says whether the tables under it describe
//! the request, the response or something else. The first field table of a request section lists
//! parameters; a later one under a heading naming a type (`### <div id="filter">Filter</div>`)
//! lists that type's fields. Each row becomes a parameter with what its description says
//! ([`prose`]), or a diagnostic saying why it did not: nothing is dropped silently.
//!
//! Problems a reviewer must fix before the page can be used (a table without a type column, two
//! parameters with one name, a type word nobody knows) are [`Fatal`]: the page writes nothing.

mod constraints;
mod structs;
mod variants;

use super::prose::{self, Facts, ValueList};
use super::shared_types::{self, Reference};
use super::tables::{self, Columns, Role};
use super::{Ctx, PageError, types};
use crate::source::{Block, Document, Row, Table};
use crate::spec::{
    Enumeration, Field, Http, ListEncoding, ListShape, Location, Origin, Param, Scalar, Severity, TypeDef,
    TypeRef,
};
use constraints::{Constrained, Constraints};
use std::collections::BTreeSet;

/// What the request tables of a page hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Request {
    pub params: Vec<Param>,
    pub types: Vec<TypeDef>,
    /// The API version a `Version` row states (Tencent API 3.0: `本接口第一版本可传：2017-03-12`).
    pub version: Option<String>,
}

/// A problem that stops the page: nothing is written for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fatal {
    pub line: u32,
    pub message: String,
    pub help: String,
}

/// Which part of the page a block belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// Before any section label.
    Start,
    Request,
    Response,
    Other,
}

/// The section a heading or label announces, if it announces one.
pub(crate) fn section_of(label: &str) -> Option<Section> {
    let text = tables::plain(label).to_lowercase();
    let text = text.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | ' '));
    const REQUEST: [&str; 8] = [
        "请求参数",
        "输入参数",
        "request parameter",
        "请求地址",
        "路径参数",
        "path parameter",
        "请求路径",
        "query parameter",
    ];
    const RESPONSE: [&str; 9] = [
        "返回参数",
        "返回数据",
        "输出参数",
        "返回结果",
        "返回值",
        "响应参数",
        "response",
        "返回字段",
        "响应元素",
    ];
    const OTHER: [&str; 11] = [
        "错误码",
        "示例",
        "example",
        "接口描述",
        "描述",
        "调试",
        "请求方式",
        "error",
        "公共参数",
        "接口说明",
        "基本信息",
    ];
    if REQUEST.iter().any(|w| text.contains(w)) {
        Some(Section::Request)
    } else if RESPONSE.iter().any(|w| text.contains(w)) {
        Some(Section::Response)
    } else if OTHER.iter().any(|w| text.contains(w)) {
        Some(Section::Other)
    } else {
        None
    }
}

/// A paragraph short enough to be a label (`**Request Parameters**`, seed 002's `请求参数`).
pub(crate) fn is_label(text: &str) -> bool {
    let text = tables::plain(text);
    !text.contains('\n') && text.chars().count() <= 30
}

/// A request table found on the page, with the heading above it.
struct Found<'d> {
    table: &'d Table,
    /// The first table of its section: it lists parameters.
    first: bool,
    /// The type the heading or anchor above the table names (`Filter`).
    type_name: Option<String>,
    /// The heading or label just above the table (`2.2. 查询弹性云盘的续费价格`, `实例过滤条件表`).
    caption: Option<String>,
}

/// Reads the request tables of `doc`. `http` gives the path template (its `{name}` segments are
/// path parameters) and the method (JD Cloud's POST parameters travel in the body).
pub(crate) fn extract(doc: &Document, http: &Http, ctx: &mut Ctx) -> Result<Request, PageError> {
    let page = ctx.page.to_owned();
    read(doc, http, ctx).map_err(|f| PageError { file: page, line: f.line, message: f.message, help: f.help })
}

fn read(doc: &Document, http: &Http, ctx: &mut Ctx) -> Result<Request, Fatal> {
    let found = request_tables(doc);
    if found.is_empty() {
        return no_table(doc);
    }
    let value_lists = prose::page_value_lists(doc);
    let (groups, type_tables) = split_tables(&found);
    let mut version = None;
    let mut rows: Vec<variants::Merged> = Vec::new();
    for group in groups {
        let mut tables_rows = Vec::new();
        for found in &group {
            let columns = Columns::of(&found.table.header);
            check_columns(&columns, found.table)?;
            tables_rows.push(parameter_rows(found, &columns, &mut version, ctx)?);
        }
        if tables_rows.len() > 1 {
            let variants = group
                .iter()
                .zip(tables_rows)
                .map(|(found, rows)| variants::Variant {
                    caption: found.caption.clone().unwrap_or_default(),
                    line: found.table.line,
                    end_line: found.table.rows.last().map_or(found.table.line, |r| r.line),
                    rows,
                })
                .collect();
            rows.extend(variants::merge(variants, ctx));
        } else {
            rows.extend(tables_rows.into_iter().flatten().map(|(row, line)| variants::Merged {
                row,
                line,
                required_when: None,
                values: Vec::new(),
            }));
        }
    }
    let mut seen = BTreeSet::new();
    for merged in &rows {
        if !seen.insert(merged.row.name.as_str()) {
            return Err(Fatal {
                line: merged.line,
                message: format!("the parameter `{}` is listed twice", merged.row.name),
                help: "remove the duplicate row from the page, or rename one of them if they differ"
                    .to_owned(),
            });
        }
    }
    let names: Vec<String> = rows.iter().map(|m| m.row.name.clone()).collect();
    let path_params = path_params(&http.path);
    // API 3.0 posts every parameter in a JSON body; REST pages (JD Cloud) send the parameters of
    // a POST, PUT, PATCH or DELETE in the body too.
    let in_body = ctx.is_api_3()
        || !path_params.is_empty()
            && matches!(http.method.to_ascii_uppercase().as_str(), "POST" | "PUT" | "PATCH" | "DELETE");
    let mut request = Request { version, ..Request::default() };
    let mut requirements = Vec::new();
    let mut conditional_ranges = Vec::new();
    for merged in rows {
        let location = if path_params.contains(&merged.row.name) {
            Location::Path
        } else if in_body {
            Location::Body
        } else {
            Location::Query
        };
        let facts = prose::read(&merged.row.description);
        let line = merged.line;
        requirements.extend(
            prose::conditions(&merged.row.description, &merged.row.name, &names)
                .into_iter()
                .map(|r| (line, r)),
        );
        if !facts.conditional_bounds.is_empty() {
            conditional_ranges.push((request.params.len(), line, facts.conditional_bounds.clone()));
        }
        let mut param = param(&merged.row, &facts, line, location, &value_lists);
        if let Some(when) = merged.required_when {
            param.conditions.required_when.push(when);
            param.conditions.origin = Some(Origin::page(line));
        }
        if !merged.values.is_empty() {
            param.enumeration =
                Some(Enumeration { values: merged.values, open: false, origin: Origin::page(line) });
        }
        request.params.push(param);
    }
    constraints::apply_requirements(&mut request.params, requirements);
    constraints::resolve_conditional_ranges(&mut request.params, conditional_ranges);
    structs::fold_item_rows(&mut request.params, &mut request.types);
    for found in type_tables {
        request_type(found, &request.params, &mut request.types, &value_lists, ctx)?;
    }
    let references = request
        .params
        .iter()
        .filter_map(|p| Reference::of(&p.ty, &p.name, p.origin.line))
        .chain(
            request
                .types
                .iter()
                .flat_map(|t| t.fields.iter().filter_map(|f| Reference::of(&f.ty, &f.name, f.origin.line))),
        )
        .collect();
    shared_types::adopt(&mut request.types, references, true, ctx);
    resolve_types(&mut request, ctx);
    Ok(request)
}

/// The tables that list parameters, in groups: the first table of each request section, with the
/// later ones that are alternatives to it (no type heading, a required column, and a parameter in
/// common); and the other tables, which list the fields of types.
fn split_tables<'f, 'd>(found: &'f [Found<'d>]) -> (Vec<Vec<&'f Found<'d>>>, Vec<&'f Found<'d>>) {
    let names = |table: &Table| -> BTreeSet<String> {
        let columns = Columns::of(&table.header);
        table.rows.iter().filter_map(|row| columns.get(Role::Name, row)).map(tables::wire_name).collect()
    };
    let mut groups: Vec<Vec<&Found>> = Vec::new();
    let mut types = Vec::new();
    for table in found {
        if table.first {
            groups.push(vec![table]);
            continue;
        }
        let alternative = table.type_name.is_none()
            && Columns::of(&table.table.header).required.is_some()
            && groups
                .last()
                .and_then(|g| g.first())
                .is_some_and(|first| !names(first.table).is_disjoint(&names(table.table)));
        match groups.last_mut() {
            Some(group) if alternative => group.push(table),
            _ => types.push(table),
        }
    }
    (groups, types)
}

/// The parameter rows of one table, each with its line; common parameters get a note, and a
/// `Version` row that states the API's version gives `version`.
fn parameter_rows(
    found: &Found,
    columns: &Columns,
    version: &mut Option<String>,
    ctx: &mut Ctx,
) -> Result<Vec<(RowFacts, u32)>, Fatal> {
    let mut rows = Vec::new();
    let mut seen = BTreeSet::new();
    for row in &found.table.rows {
        let Some(facts) = read_row(columns, row, ctx)? else { continue };
        if facts.name == "Version"
            && let Some(stated) = stated_version(&facts)
        {
            version.get_or_insert(stated);
            continue;
        }
        if is_common(&facts.name, &facts.description, ctx) {
            ctx.diagnose(
                row.line,
                Severity::Note,
                "common-parameter",
                format!("`{}` is a common parameter: the runtime sets it on every request", facts.name),
                None,
            );
            continue;
        }
        if !seen.insert(facts.name.clone()) {
            return Err(Fatal {
                line: row.line,
                message: format!("the parameter `{}` is listed twice", facts.name),
                help: "remove the duplicate row from the page, or rename one of them if they differ"
                    .to_owned(),
            });
        }
        rows.push((facts, row.line));
    }
    Ok(rows)
}

/// A parameter or field whose type neither the page nor the provider profile defines carries any
/// JSON value, with a diagnostic, so the spec never names a missing type.
fn resolve_types(request: &mut Request, ctx: &mut Ctx) {
    let defined: BTreeSet<String> = request.types.iter().map(|t| t.name.clone()).collect();
    let mut resolve = |ty: &mut TypeRef, name: &str, line: u32| {
        if let TypeRef::Named(type_name) = ty
            && !defined.contains(type_name.as_str())
        {
            ctx.diagnose(
                line,
                Severity::Warning,
                "undefined-type",
                format!("`{name}` is of type `{type_name}`, which the page does not define; it is read as any JSON value"),
                Some(format!("define `{type_name}` under request_types in an overlay")),
            );
            *ty = TypeRef::Scalar(Scalar::Json);
        }
    };
    for param in &mut request.params {
        resolve(&mut param.ty, &param.name, param.origin.line);
    }
    for ty in &mut request.types {
        for field in &mut ty.fields {
            resolve(&mut field.ty, &field.name, field.origin.line);
        }
    }
}

/// The page has no parameter table at all: say where a reader would look for one.
fn no_table(doc: &Document) -> Result<Request, Fatal> {
    let has_field_table =
        doc.blocks.iter().any(|b| matches!(b, Block::Table(t) if Columns::of(&t.header).is_field_table()));
    let request_section = doc.blocks.iter().find_map(|b| match b {
        Block::Heading(h) if section_of(&h.text) == Some(Section::Request) => Some(h.line),
        Block::Paragraph { text, line } if is_label(text) && section_of(text) == Some(Section::Request) => {
            Some(*line)
        }
        _ => None,
    });
    if has_field_table || request_section.is_some() {
        // A page of an API without parameters: its response tables are read by the response side.
        return Ok(Request::default());
    }
    Err(Fatal {
        line: 1,
        message: "the page has no parameter table".to_owned(),
        help: "a page needs a table with a name column (名称, 参数名称, Parameter name) and a type or \
               description column; check that this is an API reference page"
            .to_owned(),
    })
}

/// The field tables of the page's request sections, in page order.
fn request_tables(doc: &Document) -> Vec<Found<'_>> {
    let mut section = Section::Start;
    let mut section_level = u8::MAX;
    let mut first_in_section = true;
    let mut type_name: Option<String> = None;
    let mut caption: Option<String> = None;
    let mut found = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading(heading) => {
                caption = Some(tables::plain(&heading.text));
                if let Some(next) = section_of(&heading.text) {
                    section = next;
                    section_level = heading.level;
                    first_in_section = true;
                    type_name = None;
                } else if heading.level <= section_level {
                    section = Section::Other;
                    section_level = heading.level;
                } else {
                    type_name = type_name_of(&heading.text)
                        .or_else(|| heading.anchor.as_deref().and_then(type_name_of));
                }
            }
            Block::Paragraph { text, .. } if is_label(text) => {
                caption = Some(tables::plain(text));
                if let Some(next) = section_of(text) {
                    section = next;
                    first_in_section = true;
                    type_name = None;
                } else if let Some(name) = type_name_of(text) {
                    type_name = Some(name);
                }
            }
            Block::Table(table) => {
                let columns = Columns::of(&table.header);
                let ours = columns.is_field_table()
                    && match section {
                        Section::Request => true,
                        // A page without labels: a table with a required column lists parameters.
                        Section::Start => columns.required.is_some(),
                        Section::Response | Section::Other => false,
                    };
                if ours {
                    found.push(Found {
                        table,
                        first: first_in_section,
                        type_name: type_name.take(),
                        caption: caption.take(),
                    });
                    first_in_section = false;
                    if section == Section::Start {
                        section = Section::Request;
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// A heading that names a type: one identifier starting with a capital (`Filter`, `DiskSpec`).
fn type_name_of(text: &str) -> Option<String> {
    let text = tables::plain(text);
    let text = text.trim();
    let mut chars = text.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text.len() <= 64;
    ok.then(|| {
        let mut name = text.to_owned();
        if let Some(first) = name.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        name
    })
}

/// A parameter table must say each parameter's type and whether it is required.
fn check_columns(columns: &Columns, table: &Table) -> Result<(), Fatal> {
    let missing: Vec<&str> = columns.missing_for_parameters().into_iter().map(Role::label).collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Fatal {
        line: table.line,
        message: format!(
            "the parameter table has no {} column (its header is `{}`)",
            missing.join(" and no "),
            table.header.join(" | ")
        ),
        help:
            "add the column to the page's table (类型/Type, 是否必选/Required), or write the parameters in \
               an overlay"
                .to_owned(),
    })
}

/// One row as read, before the parameter is assembled.
#[derive(Debug, Clone)]
struct RowFacts {
    name: String,
    ty: TypeRef,
    array: bool,
    required: bool,
    description: String,
    example: Option<String>,
    default_cell: Option<String>,
}

/// Reads a row's cells. `None` (with a diagnostic) for a row that holds no parameter.
fn read_row(columns: &Columns, row: &Row, ctx: &mut Ctx) -> Result<Option<RowFacts>, Fatal> {
    let name = columns.get(Role::Name, row).map(tables::wire_name).unwrap_or_default();
    if !is_wire_name(&name) {
        let what =
            if name.is_empty() { "an empty name".to_owned() } else { format!("`{name}`, not a wire name") };
        ctx.diagnose(
            row.line,
            Severity::Warning,
            "dropped-row",
            format!("a row of the parameter table has {what}; it is not a parameter"),
            Some("if the row is a parameter, add it in an overlay".to_owned()),
        );
        return Ok(None);
    }
    let type_cell = columns.get(Role::Type, row).map(tables::plain).unwrap_or_default();
    let parsed = if type_cell.is_empty() {
        ctx.diagnose(
            row.line,
            Severity::Warning,
            "missing-type",
            format!("the row of `{name}` gives no type; it is read as a string"),
            Some("set the type in an overlay".to_owned()),
        );
        types::Parsed { ty: TypeRef::Scalar(Scalar::String), array: false }
    } else {
        types::parse(&type_cell).map_err(|unknown| Fatal {
            line: row.line,
            message: format!("the parameter `{name}` has an {unknown}"),
            help: unknown.help(),
        })?
    };
    let required = match columns.get(Role::Required, row) {
        None => false,
        Some(cell) => tables::required(cell).unwrap_or_else(|| {
            if !tables::plain(cell).is_empty() {
                ctx.diagnose(
                    row.line,
                    Severity::Warning,
                    "unclear-required",
                    format!(
                        "the required cell of `{name}` says `{}`, neither yes nor no",
                        tables::plain(cell)
                    ),
                    Some("the parameter is read as optional; set `required` in an overlay".to_owned()),
                );
            }
            false
        }),
    };
    let description = columns.get(Role::Description, row).map(tables::plain).unwrap_or_default();
    let example = columns.get(Role::Example, row).map(tables::plain).filter(|e| is_stated(e));
    let default_cell = columns.get(Role::Default, row).map(tables::plain).filter(|d| is_stated(d));
    Ok(Some(RowFacts {
        name,
        ty: parsed.ty,
        array: parsed.array,
        required,
        description,
        example,
        default_cell,
    }))
}

/// The version a `Version` row states: a date (`2017-03-12`) in its description or example.
fn stated_version(row: &RowFacts) -> Option<String> {
    static DATE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\b(\d{4}-\d{2}-\d{2})\b").expect("static regex"));
    [row.example.as_deref(), Some(row.description.as_str())]
        .into_iter()
        .flatten()
        .find_map(|text| DATE.captures(text).map(|c| c[1].to_owned()))
}

/// A cell that says something (`-`, `null`, `无` and `空` say nothing).
fn is_stated(cell: &str) -> bool {
    let cell = cell.trim();
    !cell.is_empty() && !matches!(cell, "-" | "--" | "null" | "无" | "空" | "N/A")
}

/// A wire name: ASCII letters, digits and `_ . - [ ]`, starting with a letter or digit.
fn is_wire_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && name.len() <= 128
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '[' | ']'))
}

/// A parameter every request carries: the profile's common parameters (except the region, which
/// is the API's own), `Action` and `Version`, and rows the page calls a system parameter.
fn is_common(name: &str, description: &str, ctx: &Ctx) -> bool {
    let in_profile =
        ctx.profile.is_some_and(|p| p.common_params.iter().any(|c| c == name) && p.region_param != name);
    in_profile || matches!(name, "Action" | "Version") || description.contains("系统规定参数")
}

/// The `{name}` segments of a path template.
fn path_params(path: &str) -> BTreeSet<String> {
    path.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(name, _)| name.to_owned()).collect()
}

/// Assembles one parameter from its row and what its description says.
fn param(row: &RowFacts, facts: &Facts, line: u32, location: Location, value_lists: &[ValueList]) -> Param {
    let origin = Origin::page(line);
    // Alibaba types a JSON array in one value as String; its example shows the array.
    let json_array = facts.json_array
        || !row.array && row.example.as_deref().is_some_and(|e| e.trim_start().starts_with("[\""));
    // A list word without an item type (`RepeatList`, `Array`) lists strings.
    let ty = match (&row.ty, row.array || json_array) {
        (TypeRef::Scalar(Scalar::Json), true) => TypeRef::Scalar(Scalar::String),
        (ty, _) => ty.clone(),
    };
    let row = RowFacts { ty, ..row.clone() };
    let mut param = Param::new(row.name.clone(), location, row.ty.clone(), origin);
    param.required = row.required;
    param.list = list_shape(&row.name, row.array, facts, json_array);
    param.apply(Constraints::of(&row, facts, line, value_lists));
    param.idempotency_token = facts.idempotency_token && row.ty == TypeRef::Scalar(Scalar::String);
    param.example = row.example.clone();
    param.description = description_without_values(&row.description, facts.values.as_ref());
    param
}

/// How a parameter carries several values: `images.n` and `Tag.N.Key` are indexed (the part
/// before the index is the prefix, the part after it the field of a repeated group, itself a list
/// in `NetworkInterface.N.SecurityGroupIds.N`), a list type without an index in the name is indexed
/// under its own name (`ids` → `ids.1`), a description saying the values form a JSON array makes
/// one parameter holding that array, and one saying they are comma-separated one comma-joined
/// parameter.
fn list_shape(name: &str, array: bool, facts: &Facts, json_array: bool) -> Option<ListShape> {
    let shape = |encoding, prefix: Option<String>, field: Option<String>, field_indexed| ListShape {
        encoding,
        prefix,
        field,
        field_indexed,
        max_items: facts.max_items,
    };
    if json_array {
        return Some(shape(ListEncoding::Json, None, None, false));
    }
    let parts: Vec<&str> = name.split('.').collect();
    let is_index = |p: &&str| matches!(*p, "n" | "N");
    if let Some(at) = parts.iter().position(is_index).filter(|&at| at > 0) {
        let mut rest: Vec<&str> = parts[at + 1..].to_vec();
        let field_indexed = rest.len() > 1 && rest.last().is_some_and(is_index);
        if field_indexed {
            rest.pop();
        }
        let field = (!rest.is_empty()).then(|| rest.join("."));
        return Some(shape(ListEncoding::Indexed, Some(parts[..at].join(".")), field, field_indexed));
    }
    if array {
        return Some(shape(ListEncoding::Indexed, Some(name.to_owned()), None, false));
    }
    facts.comma_joined.then(|| shape(ListEncoding::Comma, None, None, false))
}

/// A later table of a request section: the fields of a type a parameter names, or a note covering
/// its rows that says why they are not read.
fn request_type(
    found: &Found,
    params: &[Param],
    types: &mut Vec<TypeDef>,
    value_lists: &[ValueList],
    ctx: &mut Ctx,
) -> Result<(), Fatal> {
    let table = found.table;
    let end_line = table.rows.last().map_or(table.line, |r| r.line);
    let fresh = found.type_name.clone().filter(|n| types.iter().all(|t| &t.name != n));
    let Some(name) = fresh.filter(|_| !table.rows.is_empty()) else {
        let message = unread_reason(found, params, types);
        ctx.diagnostics.push(crate::spec::Diagnostic {
            line: table.line,
            end_line: Some(end_line),
            severity: Severity::Note,
            code: "unread-table".to_owned(),
            message,
            help: Some("if its rows are parameters, fields or values, add them in an overlay".to_owned()),
            ..Default::default()
        });
        return Ok(());
    };
    let columns = Columns::of(&table.header);
    let mut fields = Vec::new();
    let mut seen = BTreeSet::new();
    let mut conditional_ranges = Vec::new();
    for row in &table.rows {
        let Some(facts) = read_row(&columns, row, ctx)? else { continue };
        if !seen.insert(facts.name.clone()) {
            return Err(Fatal {
                line: row.line,
                message: format!("the field `{}` of `{name}` is listed twice", facts.name),
                help: "remove the duplicate row from the page".to_owned(),
            });
        }
        let prose = prose::read(&facts.description);
        if !prose.conditional_bounds.is_empty() {
            conditional_ranges.push((fields.len(), row.line, prose.conditional_bounds.clone()));
        }
        let mut field = Field::new(facts.name.clone(), facts.ty.clone(), Origin::page(row.line));
        field.array = facts.array;
        // An optional field of a request object may be left out, which the model says as nullable.
        field.nullable = !facts.required;
        field.apply(Constraints::of(&facts, &prose, row.line, value_lists));
        field.description = (!facts.description.is_empty()).then(|| facts.description.clone());
        fields.push(field);
    }
    constraints::resolve_conditional_ranges(&mut fields, conditional_ranges);
    types.push(TypeDef { name, description: None, fields, origin: Origin::page(table.line) });
    Ok(())
}

/// Why a further table of the request section is not read: a second table of one type, a table of
/// the values a parameter's description points to (`详见下表：实例过滤条件表`), or a table nothing
/// names.
fn unread_reason(found: &Found, params: &[Param], types: &[TypeDef]) -> String {
    let rows = found.table.rows.len();
    let caption = found.caption.as_deref().filter(|c| !c.is_empty());
    let shown = caption.map_or_else(|| "a further table".to_owned(), |c| format!("the table `{c}`"));
    if let Some(name) = &found.type_name
        && types.iter().any(|t| &t.name == name)
    {
        return format!("{shown} documents `{name}` again; its {rows} rows are not read");
    }
    let stem = caption.map(|c| c.trim_end_matches(['表', '：', ':']).trim());
    let pointed = stem
        .filter(|s| !s.is_empty())
        .and_then(|stem| params.iter().find(|p| p.description.as_deref().is_some_and(|d| d.contains(stem))));
    match pointed {
        Some(param) => format!(
            "{shown} lists what `{}` takes, as its description says; its {rows} rows are values, not parameters",
            param.name
        ),
        None => format!(
            "{shown} in the request section names no type and no parameter refers to it; its {rows} rows are not read"
        ),
    }
}

/// The description without the bullet lines that list enum values (the spec holds those in `enum`)
/// and without the `取值范围：` that introduced them. `None` when nothing else is left.
fn description_without_values(description: &str, values: Option<&prose::Values>) -> Option<String> {
    const INTRODUCTIONS: [&str; 6] =
        ["取值范围：", "取值范围:", "可能值：", "可选值：", "取值：", "有效值："];
    let is_value_line = |line: &str| {
        let item = line.trim_start().strip_prefix("- ").map(|i| i.trim().trim_matches('`'));
        item.is_some_and(|item| {
            values.is_some_and(|v| v.values.iter().any(|value| item.contains(value.value.as_str())))
        })
    };
    let lines: Vec<&str> = description.lines().collect();
    let mut kept: Vec<&str> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if is_value_line(line) {
            continue;
        }
        let introduces_removed = lines.get(index + 1).is_some_and(|next| is_value_line(next));
        let line = match INTRODUCTIONS.iter().find(|intro| line.trim_end().ends_with(*intro)) {
            Some(intro) if introduces_removed => line.trim_end().trim_end_matches(intro).trim_end(),
            _ => line,
        };
        if !line.trim().is_empty() || kept.last().is_some_and(|l| !l.trim().is_empty()) {
            kept.push(line);
        }
    }
    let text = kept.join("\n").trim().to_owned();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::EnumValue;

    #[test]
    fn value_bullets_leave_the_description() {
        let values = prose::Values {
            values: vec![EnumValue { value: "instance".into(), meaning: None }],
            open: false,
            default: None,
        };
        let text = "镜像是否已经运行在ECS实例中。取值范围：\n- instance：运行\n默认值：空";
        assert_eq!(
            description_without_values(text, Some(&values)).as_deref(),
            Some("镜像是否已经运行在ECS实例中。\n默认值：空")
        );
        assert_eq!(description_without_values("取值范围：\n- instance", Some(&values)), None);
        assert_eq!(description_without_values("a\n- other", Some(&values)).as_deref(), Some("a\n- other"));
    }
}
