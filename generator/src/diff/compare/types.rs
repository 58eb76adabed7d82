//! Request and answer types field by field, value sets, constraints and prose.

use super::{ApiDiff, At, Part, Side, by_key, enum_paths, firsts, retyped};
use crate::diff::checks::Check;
use crate::diff::constraints::{self, Constraints, Direction};
use crate::diff::show::{field_type, value_text};
use crate::spec::{Deprecation, Enumeration, Field, Response, TypeDef};
use std::collections::{BTreeMap, BTreeSet};

impl ApiDiff<'_> {
    pub(super) fn request_types(&mut self, old: &[TypeDef], new: &[TypeDef]) {
        let (old_by, new_by) = (by_key(old), by_key(new));
        let paths =
            |side: &Side<'_>, name: &str| side.items(|i| i.request_type_paths(name)).unwrap_or_default();
        for o in firsts(old) {
            let el = format!("request_types.{}", o.name);
            match new_by.get(o.name.as_str()) {
                Some(n) => self.type_def(Part::Request, &el, o, n),
                None => {
                    let rust = self.gone_and_new(paths(&self.old, &o.name), Vec::new());
                    self.push(
                        Check::RequestTypeRemoved,
                        el,
                        Some(o.name.clone()),
                        None,
                        rust,
                        At::Old(Some(&o.origin)),
                    );
                }
            }
        }
        for n in firsts(new).into_iter().filter(|t| !old_by.contains_key(t.name.as_str())) {
            let rust = self.gone_and_new(Vec::new(), paths(&self.new, &n.name));
            self.push(
                Check::RequestTypeAdded,
                format!("request_types.{}", n.name),
                None,
                Some(n.name.clone()),
                rust,
                At::New(Some(&n.origin)),
            );
        }
    }

    /// Answer types: the roots against each other, the others by name.
    pub(super) fn response(&mut self, o: &Response, n: &Response) {
        let Response { root, types } = n;
        let old_root = o.types.iter().find(|t| t.name == o.root);
        let new_root = types.iter().find(|t| t.name == *root);
        if let (Some(a), Some(b)) = (old_root, new_root) {
            self.type_def(Part::Response, &format!("response.{root}"), a, b);
        }
        let old_by: BTreeMap<&str, &TypeDef> =
            o.types.iter().rev().filter(|t| t.name != o.root).map(|t| (t.name.as_str(), t)).collect();
        let new_by: BTreeMap<&str, &TypeDef> =
            types.iter().rev().filter(|t| t.name != *root).map(|t| (t.name.as_str(), t)).collect();
        let paths =
            |side: &Side<'_>, name: &str| side.items(|i| i.response_type_paths(name)).unwrap_or_default();
        for a in firsts(&o.types).into_iter().filter(|t| t.name != o.root) {
            let el = format!("response.{}", a.name);
            match new_by.get(a.name.as_str()) {
                Some(b) => self.type_def(Part::Response, &el, a, b),
                None => {
                    let rust = self.gone_and_new(paths(&self.old, &a.name), Vec::new());
                    self.push(
                        Check::ResponseTypeRemoved,
                        el,
                        Some(a.name.clone()),
                        None,
                        rust,
                        At::Old(Some(&a.origin)),
                    );
                }
            }
        }
        for b in
            firsts(types).into_iter().filter(|t| t.name != *root && !old_by.contains_key(t.name.as_str()))
        {
            let rust = self.gone_and_new(Vec::new(), paths(&self.new, &b.name));
            self.push(
                Check::ResponseTypeAdded,
                format!("response.{}", b.name),
                None,
                Some(b.name.clone()),
                rust,
                At::New(Some(&b.origin)),
            );
        }
    }

    /// The fields of a request type or an answer type.
    fn type_def(&mut self, part: Part, el: &str, o: &TypeDef, n: &TypeDef) {
        let TypeDef { name, description, fields, origin } = n;
        let request = part == Part::Request;
        let field_item = |side: &Side<'_>, ty: &str, wire: &str| {
            side.items(|i| {
                i.field(request, ty, wire).map(|(p, t, e)| (p, t.to_owned(), e.map(str::to_owned)))
            })
            .flatten()
        };
        if o.description != *description {
            let rust = Self::docs(
                self.new
                    .items(|i| {
                        if request { i.request_type_paths(name) } else { i.response_type_paths(name) }
                            .into_iter()
                            .next()
                    })
                    .flatten(),
            );
            self.push(
                Check::DescriptionChanged,
                format!("{el}.description"),
                o.description.clone(),
                description.clone(),
                rust,
                At::New(Some(origin)),
            );
        }
        let (old_by, new_by) = (by_key(&o.fields), by_key(fields));
        for a in firsts(&o.fields) {
            let fel = format!("{el}.{}", a.name);
            let old_item = field_item(&self.old, &o.name, &a.name);
            match new_by.get(a.name.as_str()) {
                Some(b) => {
                    let new_item = field_item(&self.new, name, &b.name);
                    self.field(part, &fel, a, b, old_item, new_item);
                }
                None => {
                    let check =
                        if request { Check::RequestFieldRemoved } else { Check::ResponseFieldRemoved };
                    let mut old_paths: Vec<String> = old_item.iter().map(|(p, _, _)| p.clone()).collect();
                    if let Some(e) = old_item.as_ref().and_then(|(_, _, e)| e.as_deref()) {
                        old_paths.extend(self.old.items(|i| enum_paths(i, e)).unwrap_or_default());
                    }
                    let rust = self.gone_and_new(old_paths, Vec::new());
                    self.push(check, fel, Some(field_type(a)), None, rust, At::Old(Some(&a.origin)));
                }
            }
        }
        for b in firsts(fields).into_iter().filter(|f| !old_by.contains_key(f.name.as_str())) {
            let check = if request { Check::RequestFieldAdded } else { Check::ResponseFieldAdded };
            let new_item = field_item(&self.new, name, &b.name);
            let mut new_paths: Vec<String> = new_item.iter().map(|(p, _, _)| p.clone()).collect();
            if let Some(e) = new_item.as_ref().and_then(|(_, _, e)| e.as_deref()) {
                new_paths.extend(self.new.items(|i| enum_paths(i, e)).unwrap_or_default());
            }
            let rust = self.gone_and_new(Vec::new(), new_paths);
            self.push(
                check,
                format!("{el}.{}", b.name),
                None,
                Some(field_type(b)),
                rust,
                At::New(Some(&b.origin)),
            );
        }
    }

    /// One field; `old_item` and `new_item` are its Rust path, type and enum on each side.
    fn field(
        &mut self,
        part: Part,
        el: &str,
        o: &Field,
        n: &Field,
        old_item: Option<(String, String, Option<String>)>,
        new_item: Option<(String, String, Option<String>)>,
    ) {
        let Field {
            name: _,
            // The type, compared in words with the list shape and value set.
            ty: _,
            array: _,
            wrapper,
            nullable,
            aliases,
            enumeration,
            default,
            // The constraints, compared together through `Constraints`.
            range: _,
            range_when: _,
            length: _,
            patterns: _,
            format: _,
            deprecated,
            description,
            origin,
        } = n;
        let at = At::New(Some(origin));
        let request = part == Part::Request;
        let docs = new_item.as_ref().map(|(p, _, _)| p.clone());
        let (before, after) = (field_type(o), field_type(n));
        if before != after {
            let values = |item: &Option<(String, String, Option<String>)>| {
                item.as_ref().map(|(p, t, _)| (p.clone(), t.clone()))
            };
            let mut rust = retyped(values(&old_item).as_ref(), values(&new_item).as_ref());
            let check = match (rust.is_empty() && old_item.is_some(), request) {
                (true, _) => Check::TypeNameChanged,
                (false, true) => Check::RequestFieldTypeChanged,
                (false, false) => Check::ResponseFieldTypeChanged,
            };
            if check != Check::TypeNameChanged {
                let enums = |side: &Side<'_>, item: &Option<(String, String, Option<String>)>| {
                    item.as_ref()
                        .and_then(|(_, _, e)| e.as_deref())
                        .and_then(|e| side.items(|i| enum_paths(i, e)))
                        .unwrap_or_default()
                };
                rust.extend(self.gone_and_new(enums(&self.old, &old_item), enums(&self.new, &new_item)));
            }
            self.push(check, format!("{el}.type"), Some(before), Some(after), rust, at);
        }
        if o.wrapper != *wrapper {
            self.push(
                Check::ResponseFieldWrapperChanged,
                format!("{el}.wrapper"),
                o.wrapper.clone(),
                wrapper.clone(),
                Self::docs(docs.clone()),
                at,
            );
        }
        if o.nullable != *nullable {
            let element = format!("{el}.nullable");
            let (before, after) = (Some(o.nullable.to_string()), Some(nullable.to_string()));
            if request {
                // A request object's field is required unless the page says it may be left out.
                let (check, direction) = if *nullable {
                    (Check::RequestFieldBecameOptional, Direction::Wider)
                } else {
                    (Check::RequestFieldBecameRequired, Direction::Narrower)
                };
                let rust = self.checks(direction);
                self.push(check, element, before, after, rust, at);
            } else {
                self.push(
                    Check::ResponseFieldNullableChanged,
                    element,
                    before,
                    after,
                    Self::docs(docs.clone()),
                    at,
                );
            }
        }
        let (old_aliases, new_aliases): (BTreeSet<&String>, BTreeSet<&String>) =
            (o.aliases.iter().collect(), aliases.iter().collect());
        for alias in old_aliases.difference(&new_aliases) {
            let rust = Self::docs(docs.clone());
            self.push(
                Check::ResponseFieldAliasRemoved,
                format!("{el}.aliases[{alias}]"),
                Some((*alias).clone()),
                None,
                rust,
                at,
            );
        }
        for alias in new_aliases.difference(&old_aliases) {
            let rust = Self::docs(docs.clone());
            self.push(
                Check::ResponseFieldAliasAdded,
                format!("{el}.aliases[{alias}]"),
                None,
                Some((*alias).clone()),
                rust,
                at,
            );
        }
        if let (Some(a), Some(b)) = (&o.enumeration, enumeration) {
            let enums = (
                old_item.as_ref().and_then(|(_, _, e)| e.clone()),
                new_item.as_ref().and_then(|(_, _, e)| e.clone()),
            );
            self.enumeration(part, el, a, b, enums);
        }
        if o.default != *default {
            let check = if request { Check::RequestDefaultChanged } else { Check::ResponseConstraintChanged };
            self.push(
                check,
                format!("{el}.default"),
                o.default.clone(),
                default.clone(),
                Self::docs(docs.clone()),
                at,
            );
        }
        // Range, conditional ranges, length, patterns and format.
        self.constraints(part, el, Constraints::of_field(o), Constraints::of_field(n), docs.clone());
        self.prose(el, &o.deprecated, deprecated, &None, &None, &o.description, description, docs, at);
    }

    /// The values of an enum; `enums` are its Rust names on the old and new side.
    pub(super) fn enumeration(
        &mut self,
        part: Part,
        el: &str,
        o: &Enumeration,
        n: &Enumeration,
        enums: (Option<String>, Option<String>),
    ) {
        let Enumeration { values, open, origin } = n;
        let at = At::New(Some(origin));
        let old_values = by_key(&o.values);
        let new_values = by_key(values);
        let variant = |side: &Side<'_>, name: &Option<String>, value: &str| {
            side.items(|i| name.as_deref().and_then(|e| i.variant(e, value))).flatten()
        };
        for value in firsts(&o.values) {
            let element = format!("{el}.enum[{}]", value.value);
            let (old_variant, new_variant) =
                (variant(&self.old, &enums.0, &value.value), variant(&self.new, &enums.1, &value.value));
            match new_values.get(value.value.as_str()) {
                None => {
                    let check = match part {
                        Part::Request => Check::RequestEnumValueRemoved,
                        Part::Response => Check::ResponseEnumValueRemoved,
                    };
                    let rust = self.gone_and_new(old_variant.into_iter().collect(), Vec::new());
                    self.push(check, element, Some(value_text(value)), None, rust, At::Old(Some(&o.origin)));
                }
                Some(after) if after.meaning != value.meaning => {
                    let rust = Self::docs(new_variant);
                    self.push(
                        Check::DescriptionChanged,
                        element,
                        value.meaning.clone(),
                        after.meaning.clone(),
                        rust,
                        at,
                    );
                }
                Some(_) => {}
            }
        }
        for value in firsts(values).into_iter().filter(|v| !old_values.contains_key(v.value.as_str())) {
            let check = match part {
                Part::Request => Check::RequestEnumValueAdded,
                Part::Response => Check::ResponseEnumValueAdded,
            };
            let rust = self
                .gone_and_new(Vec::new(), variant(&self.new, &enums.1, &value.value).into_iter().collect());
            self.push(check, format!("{el}.enum[{}]", value.value), None, Some(value_text(value)), rust, at);
        }
        if o.open != *open {
            let check = match (part, open) {
                (Part::Request, true) => Check::RequestEnumOpened,
                (Part::Request, false) => Check::RequestEnumClosed,
                (Part::Response, _) => Check::ResponseConstraintChanged,
            };
            let rust = match part {
                Part::Request => self.checks(if *open { Direction::Wider } else { Direction::Narrower }),
                Part::Response => Self::docs(
                    enums.1.as_ref().and_then(|e| self.new.items(|i| format!("{}::{e}", i.request()))),
                ),
            };
            self.push(
                check,
                format!("{el}.enum.open"),
                Some(o.open.to_string()),
                Some(open.to_string()),
                rust,
                at,
            );
        }
    }

    /// Ranges, lengths, patterns and formats: narrower or wider on the request side, docs only on
    /// the answer side.
    pub(super) fn constraints(
        &mut self,
        part: Part,
        el: &str,
        old: Constraints<'_>,
        new: Constraints<'_>,
        docs: Option<String>,
    ) {
        for shift in constraints::shifts(el, old, new) {
            let (check, rust) = match part {
                Part::Request => (shift.check(), self.checks(shift.direction)),
                Part::Response => (Check::ResponseConstraintChanged, Self::docs(docs.clone())),
            };
            self.push(check, shift.element, shift.old, shift.new, rust, At::New(shift.origin));
        }
    }

    /// Deprecation, example and description of a parameter or field.
    #[allow(clippy::too_many_arguments, reason = "the old and new value of each of three elements")]
    pub(super) fn prose(
        &mut self,
        el: &str,
        old_deprecated: &Option<Deprecation>,
        deprecated: &Option<Deprecation>,
        old_example: &Option<String>,
        example: &Option<String>,
        old_description: &Option<String>,
        description: &Option<String>,
        docs: Option<String>,
        at: At<'_>,
    ) {
        let deprecation = |d: &Option<Deprecation>| {
            d.as_ref().map(|Deprecation { note, origin: _ }| {
                note.clone().unwrap_or_else(|| "deprecated".to_owned())
            })
        };
        let (before, after) = (deprecation(old_deprecated), deprecation(deprecated));
        if before != after {
            self.push(
                Check::DeprecationChanged,
                format!("{el}.deprecated"),
                before,
                after,
                Self::docs(docs.clone()),
                at,
            );
        }
        if old_example != example {
            self.push(
                Check::ExampleChanged,
                format!("{el}.example"),
                old_example.clone(),
                example.clone(),
                Self::docs(docs.clone()),
                at,
            );
        }
        if old_description != description {
            let rust = Self::docs(docs);
            self.push(
                Check::DescriptionChanged,
                format!("{el}.description"),
                old_description.clone(),
                description.clone(),
                rust,
                at,
            );
        }
    }
}
