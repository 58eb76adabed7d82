//! Response types: the answer section of a page → a [`Response`] (the root type and every nested
//! type, with their fields).
//!
//! Input is the page's [`Document`]; output is the spec's [`Response`], plus diagnostics for every
//! table row that did not become a field. Pages nest answer types in several layouts, all handled
//! here:
//!
//! - one flat table where `Array of X` (or `Struct`) rows are followed by X's own rows, with a bare
//!   `X` row opening the element type (Alibaba, seed 003). The table does not say where X's rows end;
//!   the page's example answer does (a row belongs to the innermost open type whose example object
//!   has that key), and where the example is silent the rows' alphabetical order does;
//! - `### X` and `### <div id="x">X</div>` sections with a table each (JD Cloud, seed 004);
//! - a `Response Item` table, or a paragraph naming the field (`其中 imageSet 存储了…`), for the
//!   elements of an untyped `Array` field (seeds 000, 001, 002);
//! - bullet lists of sub-fields in a description (`- color String 类型,标签颜色`, seed 002);
//! - the `Images: {Image: [...]}` wrapping of list fields, read from the example ([`Field::wrapper`]).
//!
//! Enum values, deprecation and formats come from each description through [`prose`].

use super::Ctx;
use super::examples::{self, Evidence};
use super::prose::{self, ValueList};
use super::tables::{self, Columns, Role};
use super::types;
use crate::source::{Block, Document, ListItem, Row, Table};
use crate::spec::{
    Deprecation, Diagnostic, Enumeration, Field, Format, Origin, Response, Scalar, Severity, TypeDef, TypeRef,
};
use heck::ToUpperCamelCase;
use regex::Regex;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// The answer's types as the page documents them. `action` names the root type
/// (`describeImages` → `DescribeImagesResponse`).
pub(crate) fn extract(doc: &Document, action: &str, ctx: &mut Ctx) -> Response {
    let examples = examples::collect(doc, &examples::QueryStyle::of(None), &mut Vec::new());
    let evidence = examples::evidence(&examples);
    let root = format!("{}Response", action.to_upper_camel_case());
    let mut builder = Builder::new(&root, evidence.first(), prose::page_value_lists(doc));
    match section(doc) {
        Some((start, end, line)) => {
            builder.types[0].origin = Origin::page(line);
            builder.read_section(doc, start, end, ctx);
        }
        None => {
            let line = doc.blocks.first().map_or(1, block_line);
            ctx.diagnose(
                line,
                Severity::Warning,
                "no-response-table",
                "the page has no response section (返回参数, 返回数据, 输出参数, Response Elements)"
                    .to_owned(),
                Some(
                    "the response type comes from the example answer alone; document it in an overlay"
                        .to_owned(),
                ),
            );
        }
    }
    builder.define_missing(doc, ctx);
    builder.finish()
}

/// The line a block starts on.
fn block_line(block: &Block) -> u32 {
    match block {
        Block::Heading(heading) => heading.line,
        Block::Table(table) => table.line,
        Block::Paragraph { line, .. } | Block::List { line, .. } | Block::Code { line, .. } => *line,
    }
}

/// A heading or short paragraph that names a part of the page.
fn label_of(block: &Block) -> Option<(&str, u8)> {
    match block {
        Block::Heading(heading) => Some((heading.text.as_str(), heading.level)),
        Block::Paragraph { text, .. } if !text.contains('\n') && text.chars().count() <= 40 => {
            Some((text.as_str(), 0))
        }
        _ => None,
    }
}

fn is_response_label(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words = [
        "返回参数",
        "返回数据",
        "输出参数",
        "返回结果",
        "响应参数",
        "返回值",
        "返回字段",
        "出参",
        "response elements",
        "response parameters",
        "response data",
    ];
    words.iter().any(|w| lower.contains(w)) && !ends_section(text)
}

/// Labels after which the response documentation is over.
fn ends_section(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["示例", "example", "错误码", "返回码", "错误", "error", "请求", "request", "状态码"]
        .iter()
        .any(|w| lower.contains(w))
}

/// The blocks of the response section: `(first block, end, line of the section's label)`. The
/// first label that introduces a field table wins; a label alone (an answer without fields) is
/// the fallback.
fn section(doc: &Document) -> Option<(usize, usize, u32)> {
    let candidates: Vec<(usize, usize, u32)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, block)| {
            label_of(block).is_some_and(|(text, level)| is_response_label(text) && is_title(text, level))
        })
        .map(|(start, block)| (start + 1, section_end(doc, start), block_line(block)))
        .collect();
    let has_fields = |&&(start, end, _): &&(usize, usize, u32)| {
        doc.blocks[start..end]
            .iter()
            .any(|block| matches!(block, Block::Table(table) if Columns::of(&table.header).is_field_table()))
    };
    candidates.iter().find(has_fields).or(candidates.first()).copied()
}

/// A label that is a title (`返回参数`, `**Response Elements**`), not a sentence that mentions the
/// words (`支持两种查看返回数据的方式：`).
fn is_title(text: &str, level: u8) -> bool {
    level > 0 || text.trim().trim_end_matches([':', '：']).chars().count() <= 20
}

/// Where the section starting at block `start` ends: the next label of an example or error part,
/// or a heading as high as the section's own.
fn section_end(doc: &Document, start: usize) -> usize {
    let level = label_of(&doc.blocks[start]).map_or(0, |(_, level)| level);
    doc.blocks[start + 1..]
        .iter()
        .position(|block| match block {
            Block::Heading(heading) => {
                ends_section(&heading.text) || (level > 0 && heading.level > 0 && heading.level <= level)
            }
            Block::Paragraph { .. } => label_of(block).is_some_and(|(text, _)| ends_section(text)),
            _ => false,
        })
        .map_or(doc.blocks.len(), |offset| start + 1 + offset)
}

/// The text above a table that says what it documents.
#[derive(Debug, Clone)]
struct Context {
    text: String,
    /// A real heading (`### Result`), not a label or paragraph.
    heading: bool,
    anchor: Option<String>,
    line: u32,
}

/// The types being built, and the example objects seen for each (for nesting and wrappers).
struct Builder<'a> {
    types: Vec<TypeDef>,
    /// For each type (same index), the objects the example answer shows for it.
    samples: Vec<Vec<&'a Value>>,
    value_lists: Vec<ValueList>,
    /// Types opened by a `Struct` row; dropped again when no rows follow.
    structs: BTreeSet<String>,
}

impl<'a> Builder<'a> {
    fn new(root: &str, evidence: Option<&'a Evidence>, value_lists: Vec<ValueList>) -> Self {
        let root_samples = evidence.map(|e| &e.value).filter(|v| v.is_object()).into_iter().collect();
        Builder {
            types: vec![TypeDef {
                name: root.to_owned(),
                description: None,
                fields: Vec::new(),
                origin: Origin::page(1),
            }],
            samples: vec![root_samples],
            value_lists,
            structs: BTreeSet::new(),
        }
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        self.types.iter().position(|t| t.name == name)
    }

    /// Reads the tables of the response section: the first documents the root type, later ones
    /// the types their heading or label names.
    fn read_section(&mut self, doc: &Document, start: usize, end: usize, ctx: &mut Ctx) {
        let mut context: Option<Context> = None;
        let mut root_read = false;
        let mut last_row: Option<(usize, usize)> = None;
        for block in &doc.blocks[start..end] {
            match block {
                Block::Heading(heading) => {
                    context = Some(Context {
                        text: heading.text.clone(),
                        heading: heading.level > 0,
                        anchor: heading.anchor.clone(),
                        line: heading.line,
                    });
                    last_row = None;
                }
                Block::Paragraph { text, line } => {
                    context = Some(Context {
                        text: tables::plain(text),
                        heading: false,
                        anchor: None,
                        line: *line,
                    });
                    last_row = None;
                }
                Block::Table(table) if Columns::of(&table.header).is_field_table() => {
                    let target = if root_read {
                        self.target_of(context.as_ref(), table, ctx)
                    } else {
                        self.types[0].origin = Origin::page(table.line);
                        Some(0)
                    };
                    root_read = true;
                    match target {
                        Some(index) => last_row = self.read_table(table, index, ctx),
                        None => drop_table(table, "no field of the answer refers to this table", ctx),
                    }
                    context = None;
                }
                Block::Table(table) => {
                    drop_table(table, "the table has no name and type or description columns", ctx)
                }
                // A bullet list right after a table lists the sub-fields of its last row.
                Block::List { items, line } => {
                    if let Some((type_index, field_index)) = last_row.take() {
                        let sub_fields: Vec<Field> = items.iter().filter_map(sub_field_of_item).collect();
                        if !sub_fields.is_empty() && sub_fields.len() == items.len() {
                            self.attach_sub_fields(type_index, field_index, sub_fields);
                            continue;
                        }
                    }
                    context =
                        Some(Context { text: String::new(), heading: false, anchor: None, line: *line });
                }
                Block::Code { .. } => {}
            }
        }
    }

    /// The type a table after the root table documents, defining it if needed.
    fn target_of(&mut self, context: Option<&Context>, table: &Table, ctx: &mut Ctx) -> Option<usize> {
        let context = context.cloned().unwrap_or(Context {
            text: String::new(),
            heading: false,
            anchor: None,
            line: table.line,
        });
        // `### Result`: the heading names the type.
        if let Ok(parsed) = types::parse(&context.text)
            && let TypeRef::Named(name) = parsed.ty
            && (context.heading || self.referrer(&name).is_some())
        {
            let name = self.referenced_spelling(&name, context.anchor.as_deref());
            if let Some(index) = self.index_of(&name) {
                ctx.diagnose(
                    context.line,
                    Severity::Warning,
                    "duplicate-type",
                    format!(
                        "the type `{name}` is documented twice; the rows of this table are added to the first"
                    ),
                    None,
                );
                return Some(index);
            }
            let parent = self.referrer(&name);
            return Some(self.define(&name, None, Origin::page(context.line), parent));
        }
        // A label naming a type a field refers to (`**数据类型InstanceIdSet**`), or a caption the
        // field's description names (`镜像分享信息表` for `SharePermissionSet`, `array of
        // SharePermissions`, whose description says `镜像分享信息结构如下表`).
        let stem = caption_stem(&context.text);
        let named = self.undefined_named().into_iter().find(|name| {
            mentions_type(&context.text, name)
                || stem.as_deref().is_some_and(|stem| {
                    self.referrer(name).is_some_and(|(t, f)| {
                        self.types[t].fields[f].description.as_deref().is_some_and(|d| d.contains(stem))
                    })
                })
        });
        if let Some(name) = named {
            let parent = self.referrer(&name);
            return Some(self.define(&name, None, Origin::page(context.line), parent));
        }
        // A label or paragraph: the table holds the elements of an untyped field.
        let (type_index, field_index) = self.pending_field(&context.text)?;
        let field = &self.types[type_index].fields[field_index];
        let name = self.fresh_name(&element_type_name(&field.name, field.array));
        self.types[type_index].fields[field_index].ty = TypeRef::Named(name.clone());
        let description = Some(context.text).filter(|t| !t.is_empty());
        Some(self.define(&name, description, Origin::page(table.line), Some((type_index, field_index))))
    }

    /// The types fields refer to that no table has defined yet, in page order.
    fn undefined_named(&self) -> Vec<String> {
        let mut names = Vec::new();
        for field in self.types.iter().flat_map(|t| &t.fields) {
            if let TypeRef::Named(name) = &field.ty
                && self.index_of(name).is_none()
                && !names.contains(name)
            {
                names.push(name.clone());
            }
        }
        names
    }

    /// The spelling a field uses for a type a heading names (`image` anchors `Image`).
    fn referenced_spelling(&self, name: &str, anchor: Option<&str>) -> String {
        let wanted = [Some(name), anchor].into_iter().flatten().map(str::to_lowercase).collect::<Vec<_>>();
        self.types
            .iter()
            .flat_map(|t| &t.fields)
            .find_map(|f| match &f.ty {
                TypeRef::Named(named) if wanted.contains(&named.to_lowercase()) => Some(named.clone()),
                _ => None,
            })
            .unwrap_or_else(|| name.to_owned())
    }

    /// The first field that refers to type `name`.
    fn referrer(&self, name: &str) -> Option<(usize, usize)> {
        self.types.iter().enumerate().find_map(|(t, def)| {
            def.fields.iter().position(|f| f.ty == TypeRef::Named(name.to_owned())).map(|f| (t, f))
        })
    }

    /// The untyped field (`Array`, `Dict`) a label introduces: the one the label names, or whose
    /// description names the label (`每项参数可见下面 Response Item`), or else the first untyped one.
    fn pending_field(&self, label: &str) -> Option<(usize, usize)> {
        let pending: Vec<(usize, usize)> = self
            .types
            .iter()
            .enumerate()
            .flat_map(|(t, def)| {
                def.fields
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.ty == TypeRef::Scalar(Scalar::Json))
                    .map(move |(i, _)| (t, i))
            })
            .collect();
        let field = |&(t, i): &(usize, usize)| &self.types[t].fields[i];
        let names_it = pending.iter().find(|at| mentions(label, &field(at).name));
        let named_by = || {
            pending.iter().find(|at| {
                !label.is_empty() && field(at).description.as_deref().is_some_and(|d| d.contains(label))
            })
        };
        names_it.or_else(named_by).or(pending.first()).copied()
    }

    /// A type name not yet taken (`Image`, then `Image2`).
    fn fresh_name(&self, base: &str) -> String {
        let mut name = base.to_owned();
        let mut n = 2;
        while self.index_of(&name).is_some() {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    /// Adds a type; `parent` is the field that holds it, whose example values become its samples.
    fn define(
        &mut self,
        name: &str,
        description: Option<String>,
        origin: Origin,
        parent: Option<(usize, usize)>,
    ) -> usize {
        let samples = match parent {
            Some((t, f)) => {
                let field = &self.types[t].fields[f];
                children(&self.samples[t], &field.name, field.array)
            }
            None => Vec::new(),
        };
        self.types.push(TypeDef { name: name.to_owned(), description, fields: Vec::new(), origin });
        self.samples.push(samples);
        self.types.len() - 1
    }

    /// Reads one table into type `base`, following flat nesting. Returns the last field added, for
    /// a bullet list of sub-fields that may follow.
    fn read_table(&mut self, table: &Table, base: usize, ctx: &mut Ctx) -> Option<(usize, usize)> {
        let columns = Columns::of(&table.header);
        let mut stack = vec![base];
        let mut last = None;
        let names: Vec<String> = table
            .rows
            .iter()
            .map(|row| columns.get(Role::Name, row).map(tables::wire_name).unwrap_or_default())
            .collect();
        let mut occurrences: BTreeMap<&str, usize> = BTreeMap::new();
        for name in &names {
            *occurrences.entry(name.as_str()).or_default() += 1;
        }
        for (row, name) in table.rows.iter().zip(&names) {
            let name = name.clone();
            if name.is_empty() {
                drop_row(row, "the row has no name", ctx);
                continue;
            }
            if is_marker(&columns, row) {
                if !self.open_marker(&name, row, &mut stack) {
                    drop_row(
                        row,
                        &format!("the row names type `{name}`, but no field above it holds that type"),
                        ctx,
                    );
                }
                continue;
            }
            let repeated = occurrences.get(name.as_str()).is_some_and(|&n| n > 1);
            while stack.len() > 1 && self.belongs_outside(&stack, &name, repeated) {
                stack.pop();
            }
            let top = *stack.last().unwrap_or(&base);
            let Some(mut field) = self.field_of(&columns, row, ctx) else { continue };
            if let Some(existing) = self.types[top].fields.iter().find(|f| f.name == field.name) {
                let type_name = &self.types[top].name;
                if existing.ty == field.ty && existing.array == field.array {
                    ctx.diagnose(
                        row.line,
                        Severity::Note,
                        "repeated-field",
                        format!(
                            "`{type_name}.{}` is documented again; the spec keeps the first row",
                            field.name
                        ),
                        None,
                    );
                } else {
                    drop_row(row, &format!("`{}` is already a field of `{type_name}`", field.name), ctx);
                }
                continue;
            }
            let sub_fields = sub_fields_of(columns.get(Role::Description, row).unwrap_or(""), row.line);
            // Only Alibaba's flat tables write `Struct`, with the struct's rows following.
            let opens_struct = is_struct_word(columns.get(Role::Type, row).unwrap_or(""));
            if opens_struct {
                let name = self.fresh_name(&field.name.to_upper_camel_case());
                field.ty = TypeRef::Named(name.clone());
                self.structs.insert(name);
            }
            self.types[top].fields.push(field);
            let at = (top, self.types[top].fields.len() - 1);
            if !sub_fields.is_empty() {
                let field = &self.types[at.0].fields[at.1];
                if let TypeRef::Scalar(scalar) = field.ty
                    && scalar != Scalar::Json
                {
                    ctx.diagnose(
                        row.line,
                        Severity::Note,
                        "sub-fields-under-scalar",
                        format!(
                            "the table types `{}` as {scalar:?}, but its description lists sub-fields; the spec \
                             makes it an object of those fields",
                            field.name
                        ),
                        None,
                    );
                }
                let field = &mut self.types[at.0].fields[at.1];
                field.description = field.description.as_deref().and_then(without_bullets);
                self.attach_sub_fields(at.0, at.1, sub_fields);
            } else if opens_struct {
                let TypeRef::Named(name) = self.types[at.0].fields[at.1].ty.clone() else { continue };
                let index = self.define(&name, None, Origin::page(row.line), Some(at));
                stack.push(index);
            }
            last = Some(at);
        }
        last
    }

    /// A bare `X` row: opens type X for the list field just above it (or for the nearest open
    /// field holding X).
    fn open_marker(&mut self, name: &str, row: &Row, stack: &mut Vec<usize>) -> bool {
        for depth in (0..stack.len()).rev() {
            let t = stack[depth];
            let Some(f) = self.types[t].fields.len().checked_sub(1) else { continue };
            let field = &self.types[t].fields[f];
            let holds = match &field.ty {
                TypeRef::Named(named) => named == name,
                TypeRef::Scalar(Scalar::Json) => field.array,
                TypeRef::Scalar(_) => false,
            };
            if !holds {
                continue;
            }
            self.types[t].fields[f].ty = TypeRef::Named(name.to_owned());
            if let Some(index) = self.index_of(name) {
                // Two lists of the same element type (`Tags` in two places): the second list's
                // rows describe the same type again.
                stack.truncate(depth + 1);
                stack.push(index);
                return true;
            }
            let index = self.define(name, None, Origin::page(row.line), Some((t, f)));
            stack.truncate(depth + 1);
            stack.push(index);
            return true;
        }
        false
    }

    /// Whether a row of a flat table belongs to an outer type rather than the innermost open one:
    /// the example answer decides where it has the key, the rows' alphabetical order elsewhere.
    /// `repeated` says the table has other rows of the same name.
    fn belongs_outside(&self, stack: &[usize], name: &str, repeated: bool) -> bool {
        let Some((&top, outer)) = stack.split_last() else { return false };
        if has_key(&self.samples[top], name) {
            return false;
        }
        // An outer type the example puts the key in, unless the name occurs at two levels (as
        // `InstanceId` does in a network interface and its attachment): then the order decides.
        if !repeated && let Some(&t) = outer.iter().rev().find(|&&t| has_key(&self.samples[t], name)) {
            return !self.types[t].fields.iter().any(|f| f.name == name);
        }
        // The example shows the open type but has the key nowhere: the row stays where the table
        // puts it (rows are not always in alphabetical order).
        if !repeated && !self.samples[top].is_empty() {
            return false;
        }
        self.types[top].fields.last().is_some_and(|last| name.to_lowercase() < last.name.to_lowercase())
    }

    /// One row as a field, or `None` (with a diagnostic) when the row cannot be one.
    fn field_of(&self, columns: &Columns, row: &Row, ctx: &mut Ctx) -> Option<Field> {
        let name = columns.get(Role::Name, row).map(tables::wire_name)?;
        // Tencent writes a list field as `subnetSet.n`: the answer's key is `subnetSet`.
        let (name, indexed) = match name.strip_suffix(".n").or_else(|| name.strip_suffix(".N")) {
            Some(stem) if !stem.is_empty() => (stem.to_owned(), true),
            _ => (name, false),
        };
        let type_cell = columns.get(Role::Type, row).map(tables::plain).unwrap_or_default();
        let raw_description = columns.get(Role::Description, row).unwrap_or("");
        let (ty, array) = if type_cell.is_empty() {
            (TypeRef::Scalar(Scalar::Json), false)
        } else {
            match types::parse(&type_cell) {
                Ok(parsed) => (parsed.ty, parsed.array),
                Err(error) => {
                    ctx.diagnose(
                        row.line,
                        Severity::Warning,
                        "unknown-type",
                        format!("field `{name}`: {error}; the spec types it as any JSON value"),
                        Some(error.help()),
                    );
                    (TypeRef::Scalar(Scalar::Json), false)
                }
            }
        };
        let array = array || indexed;
        let description = tables::plain(raw_description);
        let facts = prose::read(raw_description);
        let origin = Origin::page(row.line);
        let enumeration = match &facts.values {
            Some(values) => {
                Some(Enumeration { values: values.values.clone(), open: values.open, origin: origin.clone() })
            }
            None if facts.values_elsewhere => {
                prose::find_value_list(&self.value_lists, &description).map(|list| Enumeration {
                    values: list.values.values.clone(),
                    open: list.values.open,
                    origin: Origin::page(list.line),
                })
            }
            None => None,
        };
        let deprecated =
            facts.deprecated.as_ref().map(|d| Deprecation { note: d.note.clone(), origin: origin.clone() });
        let format = facts.format.as_ref().map(|f| Format {
            kind: f.kind,
            pattern: f.pattern.clone(),
            origin: origin.clone(),
        });
        let description = clean_description(&description, facts.values.is_some(), facts.deprecated.as_ref());
        let mut field = Field::new(name, ty, origin);
        field.array = array;
        field.enumeration = enumeration;
        field.format = format;
        field.deprecated = deprecated;
        field.description = description;
        Some(field)
    }

    /// Makes field `f` of type `t` an object of a new type holding `sub_fields`.
    fn attach_sub_fields(&mut self, t: usize, f: usize, sub_fields: Vec<Field>) {
        let field = &self.types[t].fields[f];
        let name = self.fresh_name(&element_type_name(&field.name, true));
        let origin = field.origin.clone();
        self.types[t].fields[f].ty = TypeRef::Named(name.clone());
        let index = self.define(&name, None, origin, Some((t, f)));
        self.types[index].fields = sub_fields;
    }

    /// Named types that fields refer to but the response section does not document: a `### X`
    /// section elsewhere on the page (JD Cloud shares types with the request), or the example.
    fn define_missing(&mut self, doc: &Document, ctx: &mut Ctx) {
        let mut index = 0;
        while index < self.types.len() {
            for f in 0..self.types[index].fields.len() {
                let TypeRef::Named(name) = self.types[index].fields[f].ty.clone() else { continue };
                if self.index_of(&name).is_some() {
                    continue;
                }
                if let Some((heading_line, table)) = type_section(doc, &name) {
                    let at = self.define(&name, None, Origin::page(heading_line), Some((index, f)));
                    self.read_table(table, at, ctx);
                }
            }
            index += 1;
        }
    }

    /// Drops `Struct` types that no rows followed and sets list wrappers from the example. Types
    /// that fields name but nobody documents are left to the reconciliation.
    fn finish(mut self) -> Response {
        let root = self.types.first().map(|t| t.name.clone()).unwrap_or_default();
        let empty: BTreeSet<String> = self
            .types
            .iter()
            .filter(|t| t.fields.is_empty() && self.structs.contains(&t.name))
            .map(|t| t.name.clone())
            .collect();
        for field in self.types.iter_mut().flat_map(|t| t.fields.iter_mut()) {
            if matches!(&field.ty, TypeRef::Named(name) if empty.contains(name)) {
                field.ty = TypeRef::Scalar(Scalar::Json);
            }
        }
        let mut kept_samples = Vec::new();
        let mut kept_types = Vec::new();
        for (def, samples) in self.types.into_iter().zip(self.samples) {
            if !empty.contains(&def.name) {
                kept_types.push(def);
                kept_samples.push(samples);
            }
        }
        for (def, samples) in kept_types.iter_mut().zip(&kept_samples) {
            for field in def.fields.iter_mut().filter(|f| f.array) {
                field.wrapper = wrapper_of(samples, &field.name);
            }
        }
        Response { root, types: kept_types }
    }
}

/// A row that only names a type: a name and nothing else (`|Image| | | |`).
fn is_marker(columns: &Columns, row: &Row) -> bool {
    let name = columns.index(Role::Name);
    row.cells.iter().enumerate().all(|(i, cell)| Some(i) == name || tables::plain(cell).is_empty())
        && columns.get(Role::Name, row).is_some_and(|cell| {
            let name = tables::wire_name(cell);
            name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

fn is_struct_word(cell: &str) -> bool {
    tables::plain(cell).eq_ignore_ascii_case("struct")
}

/// Whether `text` names `word` as a whole word.
fn mentions(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(is_ident)
            && !text[at + word.len()..].chars().next().is_some_and(is_ident)
    })
}

/// Whether `text` names type `name` as a word of its own (ASCII letters around it would make it
/// part of a longer name; Chinese text around it does not).
fn mentions_type(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric())
            && !text[at + name.len()..].chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// The words a table's caption names its content by (`镜像分享信息表` → `镜像分享信息`), when the
/// caption is Chinese words and not a sentence.
fn caption_stem(caption: &str) -> Option<String> {
    let caption = caption.trim().trim_end_matches([':', '：']);
    let stem = caption.trim_end_matches("如下").trim_end_matches('表').trim_end_matches("列").trim();
    let words = stem.chars().filter(|c| c.is_alphabetic() && !c.is_ascii()).count();
    (words >= 2 && stem.chars().count() <= 20 && !stem.contains(['。', '，', ','])).then(|| stem.to_owned())
}

/// The element type's name for a field: `image_set` → `Image`, `dataDisks` → `DataDisk`,
/// `result` → `Result`.
pub(crate) fn element_type_name(field: &str, array: bool) -> String {
    let camel = field.to_upper_camel_case();
    let camel = if camel.is_empty() { "Item".to_owned() } else { camel };
    if !array {
        return camel;
    }
    for suffix in ["Set", "List", "Array"] {
        if let Some(stem) = camel.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem.to_owned();
        }
    }
    if let Some(stem) = camel.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if camel.ends_with("sses") || camel.ends_with("xes") {
        return camel[..camel.len() - 2].to_owned();
    }
    // `Status`, `Address`, `Analysis` end in `s` without being plurals of a shorter word.
    match camel.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with(['s', 'u', 'i']) => stem.to_owned(),
        _ => camel,
    }
}

/// The objects an example shows for field `name` of the objects `parents`: list items, the items
/// inside a one-key wrapper (`{"Image": [...]}`), or the object itself.
pub(crate) fn children<'v>(parents: &[&'v Value], name: &str, array: bool) -> Vec<&'v Value> {
    let mut out = Vec::new();
    for parent in parents {
        let Some(value) = parent.get(name) else { continue };
        let value = match value {
            Value::Object(map) if array && map.len() == 1 => map.values().next().unwrap_or(value),
            _ => value,
        };
        match value {
            Value::Array(items) => out.extend(items.iter().filter(|item| item.is_object())),
            Value::Object(_) => out.push(value),
            _ => {}
        }
    }
    out
}

fn has_key(samples: &[&Value], key: &str) -> bool {
    samples.iter().any(|sample| sample.get(key).is_some())
}

/// The key of the one-key object a list field is wrapped in, when the example wraps it.
fn wrapper_of(samples: &[&Value], name: &str) -> Option<String> {
    let mut keys = samples.iter().filter_map(|sample| sample.get(name)).map(|value| match value {
        Value::Object(map) if map.len() == 1 => map.keys().next().cloned(),
        _ => None,
    });
    let first = keys.next()??;
    keys.all(|key| key.as_deref() == Some(first.as_str())).then_some(first)
}

/// The description without the value bullets and the deprecation note the spec records apart.
fn clean_description(text: &str, has_values: bool, deprecated: Option<&prose::Deprecated>) -> Option<String> {
    let note = deprecated.and_then(|d| d.note.as_deref());
    let kept: Vec<String> = text
        .lines()
        .filter(|line| !(has_values && line.trim_start().starts_with("- ")))
        .filter(|line| !note.is_some_and(|note| line.contains(note)))
        .map(|line| if has_values { without_value_list(line) } else { line.to_owned() })
        .filter(|line| !line.trim().is_empty())
        .collect();
    Some(kept.join("\n").trim().to_owned()).filter(|t| !t.is_empty())
}

/// A line without the `可能值：a、b` or `取值范围：` list the spec holds as an enum: `磁盘分类，可能值：
/// local（本地盘）、cloud（云硬盘）。` → `磁盘分类。`.
fn without_value_list(line: &str) -> String {
    let Some(at) = ["可能值", "取值范围"].iter().filter_map(|intro| line.find(intro)).min() else {
        return line.to_owned();
    };
    let kept = line[..at].trim_end().trim_end_matches(['，', ',', '；', ';', '。', '.', ' ']);
    if kept.is_empty() { String::new() } else { format!("{kept}。") }
}

/// A description without its bullet lines (the sub-fields the spec now holds as a type).
fn without_bullets(text: &str) -> Option<String> {
    let kept: Vec<&str> =
        text.lines().filter(|l| !l.trim_start().starts_with(['-', '•', '*', '·'])).collect();
    Some(kept.join("\n").trim().to_owned()).filter(|t| !t.is_empty())
}

static SUB_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[-•*·]\s*([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z][A-Za-z0-9\[\] ]*?)\s*(?:类型)?\s*[,，:：]\s*(.*)$")
        .expect("static regex")
});

/// Sub-fields listed as bullets in a description (`- color String 类型,标签颜色`). Empty unless every
/// bullet reads as one.
fn sub_fields_of(description: &str, line: u32) -> Vec<Field> {
    let text = tables::plain(description);
    let bullets: Vec<&str> =
        text.lines().filter(|l| l.trim_start().starts_with(['-', '•', '*', '·'])).collect();
    let fields: Vec<Field> = bullets.iter().filter_map(|bullet| sub_field(bullet, line)).collect();
    if fields.len() == bullets.len() { fields } else { Vec::new() }
}

fn sub_field_of_item(item: &ListItem) -> Option<Field> {
    sub_field(&format!("- {}", tables::plain(&item.text)), item.line)
}

fn sub_field(bullet: &str, line: u32) -> Option<Field> {
    let captures = SUB_FIELD.captures(bullet)?;
    let parsed = types::parse(&captures[2]).ok()?;
    let description = captures[3].trim();
    Some(Field {
        array: parsed.array,
        description: Some(description.to_owned()).filter(|d| !d.is_empty()),
        ..Field::new(&captures[1], parsed.ty, Origin::page(line))
    })
}

/// The table of a `### X` section anywhere on the page.
fn type_section<'d>(doc: &'d Document, name: &str) -> Option<(u32, &'d Table)> {
    let (at, line) = doc.blocks.iter().enumerate().find_map(|(at, block)| match block {
        Block::Heading(h)
            if h.level > 0
                && (h.text == name || h.anchor.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(name))) =>
        {
            Some((at, h.line))
        }
        _ => None,
    })?;
    doc.blocks[at + 1..].iter().take(2).find_map(|block| match block {
        Block::Table(table) if Columns::of(&table.header).is_field_table() => Some((line, table)),
        _ => None,
    })
}

fn drop_row(row: &Row, why: &str, ctx: &mut Ctx) {
    ctx.diagnose(
        row.line,
        Severity::Warning,
        "dropped-row",
        format!("a response table row was not read: {why}"),
        Some("correct the row on the page, or add the field with an overlay".to_owned()),
    );
}

fn drop_table(table: &Table, why: &str, ctx: &mut Ctx) {
    let end_line = table.rows.last().map(|row| row.line).filter(|&line| line > table.line);
    ctx.diagnostics.push(Diagnostic {
        line: table.line,
        end_line,
        severity: Severity::Warning,
        code: "dropped-table".to_owned(),
        message: format!("a table in the response section was not read ({} rows): {why}", table.rows.len()),
        help: Some(
            "name the type the table documents in a heading above it, or add it with an overlay".to_owned(),
        ),
        ..Default::default()
    });
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::spec::PageFormat;
    use std::collections::BTreeMap;

    /// Reads a page of the repository (a seed among the test fixture pages, or a corpus page).
    pub(crate) fn page(path: &str) -> Document {
        let full = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
        crate::source::read(&bytes, crate::source::DEFAULT_MAX_PAGE_BYTES).expect("a readable page")
    }

    /// Extracts the response of a seed page: the response and the diagnostics.
    pub(crate) fn seed(path: &str, action: &str) -> (Document, Response, Vec<Diagnostic>) {
        let doc = page(&format!("generator/tests/fixtures/pages/{path}"));
        let mut ctx = Ctx::new(path, None);
        let response = extract(&doc, action, &mut ctx);
        (doc, response, ctx.diagnostics)
    }

    pub(crate) fn type_of<'r>(response: &'r Response, name: &str) -> &'r TypeDef {
        response.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"))
    }

    pub(crate) fn field<'r>(response: &'r Response, ty: &str, name: &str) -> &'r Field {
        type_of(response, ty)
            .fields
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("no {ty}.{name}"))
    }

    /// `(type name, number of fields)` in spec order.
    fn counts(response: &Response) -> Vec<(&str, usize)> {
        response.types.iter().map(|t| (t.name.as_str(), t.fields.len())).collect()
    }

    /// The deepest chain of named types below the root (the root alone is 1).
    pub(crate) fn depth(response: &Response) -> usize {
        fn walk(response: &Response, name: &str, seen: &mut Vec<String>) -> usize {
            if seen.iter().any(|s| s == name) {
                return 0;
            }
            let Some(def) = response.types.iter().find(|t| t.name == name) else { return 0 };
            seen.push(name.to_owned());
            let below = def
                .fields
                .iter()
                .filter_map(|f| match &f.ty {
                    TypeRef::Named(named) => Some(walk(response, named, seen)),
                    TypeRef::Scalar(_) => None,
                })
                .max()
                .unwrap_or(0);
            seen.pop();
            1 + below
        }
        walk(response, &response.root, &mut Vec::new())
    }

    /// Every row of every table in the response section is a field, a type (its marker row), or a
    /// diagnostic: returns the row lines that are none of these.
    fn unaccounted_rows(doc: &Document, response: &Response, diagnostics: &[Diagnostic]) -> Vec<u32> {
        let Some((start, end, _)) = section(doc) else { return Vec::new() };
        let mut lines: BTreeSet<u32> = response.types.iter().map(|t| t.origin.line).collect();
        lines.extend(response.types.iter().flat_map(|t| &t.fields).map(|f| f.origin.line));
        let covered = |line: u32| {
            lines.contains(&line)
                || diagnostics
                    .iter()
                    .any(|d| d.line == line || (d.line..=d.end_line.unwrap_or(d.line)).contains(&line))
        };
        doc.blocks[start..end]
            .iter()
            .filter_map(|block| match block {
                Block::Table(table) => Some(table),
                _ => None,
            })
            .flat_map(|table| &table.rows)
            .map(|row| row.line)
            .filter(|&line| !covered(line))
            .collect()
    }

    #[test]
    fn seed_000_response_item_table() {
        let (doc, response, diagnostics) = seed("qingcloud/DescribeImages.md", "DescribeImages");
        assert_eq!(response.root, "DescribeImagesResponse");
        assert_eq!(counts(&response), vec![("DescribeImagesResponse", 4), ("Image", 15)]);
        let image_set = field(&response, "DescribeImagesResponse", "image_set");
        assert_eq!((&image_set.ty, image_set.array), (&TypeRef::Named("Image".to_owned()), true));
        assert_eq!(type_of(&response, "Image").description.as_deref(), Some("Response Item"));
        assert_eq!(type_of(&response, "Image").origin.line, 42);
        assert_eq!(field(&response, "Image", "create_time").ty, TypeRef::Scalar(Scalar::Timestamp));
        let visibility = field(&response, "Image", "visibility").enumeration.as_ref().expect("enum");
        assert_eq!(
            visibility.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(),
            ["public", "private"]
        );
        assert_eq!(depth(&response), 2);
        assert_eq!(unaccounted_rows(&doc, &response, &diagnostics), Vec::<u32>::new());
    }

    #[test]
    fn seed_001_paragraph_names_the_array_and_values_come_from_the_page_lists() {
        let (doc, response, diagnostics) = seed("tencent/DescribeImages.md", "DescribeImages");
        assert_eq!(counts(&response), vec![("DescribeImagesResponse", 4), ("Image", 8)]);
        assert_eq!(
            field(&response, "DescribeImagesResponse", "imageSet").ty,
            TypeRef::Named("Image".to_owned())
        );
        let status = field(&response, "Image", "status").enumeration.as_ref().expect("status values");
        assert_eq!(status.values.len(), 5);
        assert_eq!(status.origin.line, 13);
        let image_type = field(&response, "Image", "imageType").enumeration.as_ref().expect("type values");
        assert_eq!(
            image_type.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(),
            ["1", "2", "3", "4"]
        );
        assert_eq!(depth(&response), 2);
        assert_eq!(unaccounted_rows(&doc, &response, &diagnostics), Vec::<u32>::new());
    }

    #[test]
    fn seed_002_text_page_with_bullet_sub_fields() {
        let (doc, response, diagnostics) = seed("qingcloud-private/DescribeImages.txt", "DescribeImages");
        assert_eq!(counts(&response), vec![("DescribeImagesResponse", 2), ("Image", 16), ("Tag", 6)]);
        let tags = field(&response, "Image", "tags");
        assert_eq!(tags.ty, TypeRef::Named("Tag".to_owned()));
        assert_eq!(tags.description, None);
        let tag_fields: Vec<&str> =
            type_of(&response, "Tag").fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(tag_fields, ["color", "tag_id", "tag_value", "tag_name", "owner", "tag_key"]);
        assert!(
            diagnostics.iter().any(|d| d.code == "sub-fields-under-scalar" && d.line == 212),
            "{diagnostics:#?}"
        );
        assert_eq!(depth(&response), 3);
        assert_eq!(unaccounted_rows(&doc, &response, &diagnostics), Vec::<u32>::new());
    }

    #[test]
    fn seed_003_flat_table_nesting_is_recovered_with_the_example() {
        let (doc, response, diagnostics) = seed("aliyun/DescribeImages.md", "DescribeImages");
        assert_eq!(
            counts(&response),
            vec![("DescribeImagesResponse", 6), ("Image", 25), ("DiskDeviceMapping", 9), ("Tag", 2)]
        );
        let names =
            |ty: &str| type_of(&response, ty).fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
        assert_eq!(names("Tag"), ["TagKey", "TagValue"]);
        assert!(names("DiskDeviceMapping").contains(&"RemainTime".to_owned()));
        assert!(
            names("Image").contains(&"ImageFamily".to_owned())
                && names("Image").contains(&"Usage".to_owned())
        );
        assert_eq!(
            names("DescribeImagesResponse")[1..],
            ["PageNumber", "PageSize", "RegionId", "RequestId", "TotalCount"]
        );
        let images = field(&response, "DescribeImagesResponse", "Images");
        assert_eq!((images.array, images.wrapper.as_deref()), (true, Some("Image")));
        let mappings = field(&response, "Image", "DiskDeviceMappings");
        assert_eq!(mappings.wrapper.as_deref(), Some("DiskDeviceMapping"));
        assert_eq!(field(&response, "Image", "Tags").wrapper.as_deref(), Some("Tag"));
        assert_eq!(field(&response, "DiskDeviceMapping", "Size").ty, TypeRef::Scalar(Scalar::String));
        assert_eq!(field(&response, "Image", "Size").ty, TypeRef::Scalar(Scalar::Integer));
        assert!(field(&response, "DiskDeviceMapping", "Device").deprecated.is_some());
        assert_eq!((type_of(&response, "Image").origin.line, response.types[0].origin.line), (102, 99));
        assert_eq!(depth(&response), 3);
        assert_eq!(unaccounted_rows(&doc, &response, &diagnostics), Vec::<u32>::new());
    }

    #[test]
    fn seed_004_type_sections() {
        let (doc, response, diagnostics) = seed("jdcloud/describeImages.md", "describeImages");
        assert_eq!(response.root, "DescribeImagesResponse");
        assert_eq!(
            counts(&response),
            vec![
                ("DescribeImagesResponse", 2),
                ("Result", 2),
                ("Image", 20),
                ("InstanceDiskAttachment", 6),
                ("Disk", 17),
                ("Tag", 2),
                ("Charge", 5),
                ("DiskAttachment", 6),
                ("LocalDisk", 2)
            ]
        );
        let data_disks = field(&response, "Image", "dataDisks");
        assert_eq!(
            (&data_disks.ty, data_disks.array),
            (&TypeRef::Named("InstanceDiskAttachment".to_owned()), true)
        );
        assert_eq!(type_of(&response, "Result").origin.line, 40);
        // DescribeImagesResponse → Result → Image → InstanceDiskAttachment → Disk → DiskAttachment.
        assert_eq!(depth(&response), 6);
        assert_eq!(unaccounted_rows(&doc, &response, &diagnostics), Vec::<u32>::new());
    }

    fn markdown(text: &str) -> Document {
        crate::source::read(text.as_bytes(), 1 << 20).expect("readable")
    }

    #[test]
    fn without_an_example_the_row_order_closes_nested_types() {
        let doc = markdown(
            "## 返回数据\n\n|名称|类型|示例值|描述|\n|--|--|--|--|\n|Items|Array of Item| |列表。|\n|Item| | | |\n\
             |Alpha|String|a|甲。|\n|Owner|Struct| |所有者。|\n|Id|String|1|编号。|\n|Name|String|n|名称。|\n\
             |Beta|String|b|丙。|\n|RequestId|String|r|请求ID。|\n",
        );
        let mut ctx = Ctx::new("p.md", None);
        let response = extract(&doc, "ListItems", &mut ctx);
        assert_eq!(response.root, "ListItemsResponse");
        let names =
            |ty: &str| type_of(&response, ty).fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>();
        assert_eq!(names("ListItemsResponse"), ["Items", "Beta", "RequestId"]);
        assert_eq!(names("Item"), ["Alpha", "Owner"]);
        // `Owner` opened a struct of the rows after it; `Beta` sorts before `Name`, so it closes the
        // struct and, sorting before `Owner`, the list element type too.
        assert_eq!(names("Owner"), ["Id", "Name"]);
        assert_eq!(field(&response, "Item", "Owner").ty, TypeRef::Named("Owner".to_owned()));
        assert!(ctx.diagnostics.is_empty(), "{:#?}", ctx.diagnostics);
    }

    #[test]
    fn a_struct_with_no_rows_stays_any_json_and_bad_rows_are_diagnosed() {
        let doc = markdown(
            "## 返回参数\n\n|名称|类型|描述|\n|--|--|--|\n|Count|Integer|数量。|\n||String|无名。|\n\
             |Odd|Thing Set|怪。|\n|Count|Integer|重复。|\n|Meta|Struct|元数据。|\n",
        );
        let mut ctx = Ctx::new("p.md", None);
        let response = extract(&doc, "Get", &mut ctx);
        assert_eq!(counts(&response), vec![("GetResponse", 3)]);
        assert_eq!(field(&response, "GetResponse", "Meta").ty, TypeRef::Scalar(Scalar::Json));
        assert_eq!(field(&response, "GetResponse", "Odd").ty, TypeRef::Scalar(Scalar::Json));
        let codes: BTreeMap<u32, &str> = ctx.diagnostics.iter().map(|d| (d.line, d.code.as_str())).collect();
        assert_eq!(codes, BTreeMap::from([(6, "dropped-row"), (7, "unknown-type"), (8, "repeated-field")]));
    }

    #[test]
    fn a_page_without_a_response_section_says_so() {
        let doc = Document {
            format: PageFormat::Markdown,
            front_matter: BTreeMap::new(),
            blocks: vec![Block::Paragraph { text: "查询镜像。".to_owned(), line: 3 }],
        };
        let mut ctx = Ctx::new("p.md", None);
        let response = extract(&doc, "DescribeImages", &mut ctx);
        assert_eq!(counts(&response), vec![("DescribeImagesResponse", 0)]);
        assert_eq!(ctx.diagnostics[0].code, "no-response-table");
    }

    #[test]
    fn a_sentence_mentioning_the_words_is_not_the_section() {
        let doc = markdown(
            "## 接口说明\n\n`ListThings`支持两种查看返回数据的方式：\n\n## 返回数据\n\n|名称|类型|描述|\n|--|--|--|\n\
             |subnetSet.n|String|子网。|\n|RequestId|String|请求ID。|\n\n**数据类型Extra**\n\n|名称|类型|描述|\n|--|--|--|\n\
             |Id|String|编号。|\n",
        );
        let mut ctx = Ctx::new("p.md", None);
        let response = extract(&doc, "ListThings", &mut ctx);
        assert_eq!(response.types[0].origin.line, 7);
        let subnets = field(&response, "ListThingsResponse", "subnetSet");
        assert_eq!((&subnets.ty, subnets.array), (&TypeRef::Scalar(Scalar::String), true));
        // `Extra` is named by a label, but no field refers to it and it is no type heading.
        assert_eq!(counts(&response), vec![("ListThingsResponse", 2)]);
        assert_eq!(ctx.diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(), ["dropped-table"]);
    }

    #[test]
    fn a_label_naming_a_referenced_type_defines_it() {
        let doc = markdown(
            "## 返回参数\n\n|名称|类型|描述|\n|:-|:-|:-|\n|InstanceIdSets|[InstanceIdSet](#InstanceIdSet)|实例ID列表。|\n\n\
             **数据类型InstanceIdSet**\n\n|名称|类型|描述|\n|:-|:-|:-|\n|InstanceId|String|实例ID。|\n",
        );
        let mut ctx = Ctx::new("p.md", None);
        let response = extract(&doc, "RunInstances", &mut ctx);
        assert_eq!(counts(&response), vec![("RunInstancesResponse", 1), ("InstanceIdSet", 1)]);
        assert_eq!(type_of(&response, "InstanceIdSet").origin.line, 7);
        assert!(ctx.diagnostics.is_empty(), "{:#?}", ctx.diagnostics);
    }

    #[test]
    fn a_name_at_two_levels_of_a_flat_table_follows_the_row_order() {
        let doc = markdown(
            "## 返回数据\n\n|名称|类型|示例值|描述|\n|--|--|--|--|\n|Sets|Array of Set| |集合。|\n|Set| | | |\n\
             |Attachment|Struct| |挂载。|\n|DeviceIndex|Integer|0|序号。|\n|InstanceId|String|null|实例。|\n\
             |Description|String|d|描述。|\n|InstanceId|String|i-1|实例ID。|\n\n## 示例\n\n正常返回示例\n\n```\n\
             {\"Sets\": {\"Set\": [{\"Description\": \"d\", \"InstanceId\": \"i-1\"}]}}\n```\n",
        );
        let mut ctx = Ctx::new("p.md", None);
        let response = extract(&doc, "List", &mut ctx);
        assert_eq!(counts(&response), vec![("ListResponse", 1), ("Set", 3), ("Attachment", 2)]);
        assert_eq!(field(&response, "ListResponse", "Sets").wrapper.as_deref(), Some("Set"));
        assert!(ctx.diagnostics.is_empty(), "{:#?}", ctx.diagnostics);
    }

    #[test]
    fn a_type_listed_twice_in_a_flat_table_is_one_type() {
        let doc = markdown(
            "## 返回数据\n\n|名称|类型|示例值|描述|\n|--|--|--|--|\n|Items|Array of Item| |列表。|\n|Item| | | |\n\
             |Name|String|n|名称。|\n|Tags|Array of Tag| |标签。|\n|Tag| | | |\n|TagKey|String|k|键。|\n\
             |Zones|Array of Tag| |区域标签。|\n|Tag| | | |\n|TagKey|String|k|键。|\n|TagValue|String|v|值。|\n\n\
             ## 示例\n\n返回示例\n\n```\n{\"Items\": [{\"Name\": \"n\", \"Tags\": [{\"TagKey\": \"k\"}], \"Zones\": []}]}\n```\n",
        );
        let mut ctx = Ctx::new("p.md", None);
        let response = extract(&doc, "List", &mut ctx);
        assert_eq!(counts(&response), vec![("ListResponse", 1), ("Item", 3), ("Tag", 2)]);
        assert_eq!(field(&response, "Item", "Zones").ty, TypeRef::Named("Tag".to_owned()));
        let codes: Vec<(u32, &str)> = ctx.diagnostics.iter().map(|d| (d.line, d.code.as_str())).collect();
        assert_eq!(codes, [(13, "repeated-field")]);
    }

    #[test]
    fn descriptions_leave_out_the_values_the_enum_holds() {
        assert_eq!(without_value_list("磁盘分类，可能值：local（本地盘）、cloud（云硬盘）。"), "磁盘分类。");
        assert_eq!(without_value_list("可能值：Windows Server、CentOS"), "");
        assert_eq!(without_value_list("镜像ID。"), "镜像ID。");
        let cleaned =
            clean_description("镜像的操作系统发行版。\n可能值：Windows Server、CentOS、Ubuntu", true, None);
        assert_eq!(cleaned.as_deref(), Some("镜像的操作系统发行版。"));
        assert_eq!(
            clean_description("镜像系统架构类型。可能值：\n- i386\n- arm64", true, None).as_deref(),
            Some("镜像系统架构类型。")
        );
        assert_eq!(clean_description("可能值：\n- a\n- b", true, None), None);
        assert_eq!(clean_description("大小，可能值不定", false, None).as_deref(), Some("大小，可能值不定"));
    }

    #[test]
    fn a_type_documented_in_the_request_section_is_reused() {
        let doc = markdown(
            "## 请求参数\n|名称|类型|是否必需|默认值|描述|\n|---|---|---|---|---|\n|**spec**|ChargeSpec|True| |计费。|\n\n\
             ### ChargeSpec\n|名称|类型|是否必需|默认值|描述|\n|---|---|---|---|---|\n|**chargeMode**|String|False| |模式。|\n\n\
             ## 返回参数\n|名称|类型|描述|\n|---|---|---|\n|**charge**|ChargeSpec|计费信息。|\n\n## 返回码\n",
        );
        let mut ctx = Ctx::new("p.md", None);
        let response = extract(&doc, "getCharge", &mut ctx);
        assert_eq!(counts(&response), vec![("GetChargeResponse", 1), ("ChargeSpec", 1)]);
        assert_eq!(type_of(&response, "ChargeSpec").origin.line, 6);
        assert!(ctx.diagnostics.is_empty(), "{:#?}", ctx.diagnostics);
    }

    #[test]
    fn element_type_names() {
        assert_eq!(element_type_name("image_set", true), "Image");
        assert_eq!(element_type_name("imageSet", true), "Image");
        assert_eq!(element_type_name("dataDisks", true), "DataDisk");
        assert_eq!(element_type_name("policies", true), "Policy");
        assert_eq!(element_type_name("addresses", true), "Address");
        assert_eq!(element_type_name("result", false), "Result");
        assert_eq!(element_type_name("status", true), "Status");
    }

    /// Every corpus page: no panic, and every row of the response section accounted for.
    #[test]
    fn corpus_response_rows_are_all_accounted_for() {
        let root = format!("{}/../../shared/corpus", env!("CARGO_MANIFEST_DIR"));
        let Ok(sets) = std::fs::read_dir(&root) else {
            println!("corpus not found at {root}; skipped");
            return;
        };
        let mut pages = 0;
        let mut missing = Vec::new();
        let mut sets: Vec<_> = sets.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
        sets.sort();
        for set in sets {
            let mut files: Vec<_> =
                std::fs::read_dir(&set).into_iter().flatten().flatten().map(|e| e.path()).collect();
            files.sort();
            for file in files.iter().filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "json")) {
                let Ok(bytes) = std::fs::read(file) else { continue };
                let Ok(doc) = crate::source::read(&bytes, crate::source::DEFAULT_MAX_PAGE_BYTES) else {
                    continue;
                };
                let mut ctx = Ctx::new("corpus", None);
                let response = extract(&doc, "Api", &mut ctx);
                pages += 1;
                for line in unaccounted_rows(&doc, &response, &ctx.diagnostics) {
                    missing.push(format!("{}:{line}", file.display()));
                }
            }
        }
        println!("{pages} corpus pages");
        assert!(pages > 0);
        assert!(missing.is_empty(), "rows neither in the spec nor diagnosed: {missing:#?}");
    }
}
