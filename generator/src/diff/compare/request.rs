//! Request parameters: presence, requirement, type, place, list shape, value set, constraints and
//! conditions.

use super::{ApiDiff, At, Part, Side, by_key, enum_paths, firsts, retyped, unnamed};
use crate::diff::checks::Check;
use crate::diff::constraints::{Constraints, Direction};
use crate::diff::show::{list_text, param_type, text};
use crate::spec::{Conditions, ListShape, Param};
use std::collections::BTreeSet;

impl ApiDiff<'_> {
    /// Request parameters by wire name; a parameter that disappears while one equal to it in all
    /// but its name appears is a rename.
    pub(super) fn params(&mut self, old: &[Param], new: &[Param]) {
        let (old_by, new_by) = (by_key(old), by_key(new));
        let mut added: Vec<&Param> =
            firsts(new).into_iter().filter(|p| !old_by.contains_key(p.name.as_str())).collect();
        for o in firsts(old) {
            if let Some(n) = new_by.get(o.name.as_str()) {
                self.param(o, n);
                continue;
            }
            let shape = unnamed(o);
            if let Some(at) = added.iter().position(|n| unnamed(n) == shape) {
                let n = added.remove(at);
                let rust =
                    self.gone_and_new(self.param_items(true, &o.name), self.param_items(false, &n.name));
                let element = format!("request.{}", o.name);
                self.push(
                    Check::RequestParameterRenamed,
                    element,
                    Some(o.name.clone()),
                    Some(n.name.clone()),
                    rust,
                    At::New(Some(&n.origin)),
                );
                continue;
            }
            let rust = self.gone_and_new(self.param_items(true, &o.name), Vec::new());
            self.push(
                Check::RequestParameterRemoved,
                format!("request.{}", o.name),
                Some(param_type(o)),
                None,
                rust,
                At::Old(Some(&o.origin)),
            );
        }
        for n in added {
            let rust = self.gone_and_new(Vec::new(), self.param_items(false, &n.name));
            // A new member of an existing `Prefix.N.…` group adds a field to its item struct.
            let new_member = rust.iter().any(|r| r.ends_with(" added"))
                && self
                    .new
                    .items(|i| i.param_paths(&n.name))
                    .is_some_and(|paths| paths.len() > 2 && self.old.has(&paths[2]));
            let check = if n.required {
                Check::RequestParameterAddedRequired
            } else if new_member {
                Check::RequestFieldAdded
            } else {
                Check::RequestParameterAddedOptional
            };
            self.push(
                check,
                format!("request.{}", n.name),
                None,
                Some(param_type(n)),
                rust,
                At::New(Some(&n.origin)),
            );
        }
    }

    /// A parameter's items on one side: field, setter, group item, and its enum with the variants.
    fn param_items(&self, old: bool, wire: &str) -> Vec<String> {
        let side = if old { &self.old } else { &self.new };
        side.items(|i| {
            let mut paths = i.param_paths(wire);
            paths.extend(i.param_enum(wire).map(|e| enum_paths(i, e)).unwrap_or_default());
            paths
        })
        .unwrap_or_default()
    }

    fn param(&mut self, o: &Param, n: &Param) {
        let Param {
            name,
            location,
            // The type, compared in words with the list shape and value set.
            ty: _,
            required,
            conditions,
            list,
            default,
            enumeration,
            // The constraints, compared together through `Constraints`.
            range: _,
            range_when: _,
            length: _,
            patterns: _,
            format: _,
            idempotency_token,
            deprecated,
            example,
            description,
            origin,
        } = n;
        let el = format!("request.{name}");
        let at = At::New(Some(origin));
        let value =
            |side: &Side<'_>| side.items(|i| i.param_value(name).map(|(p, t)| (p, t.to_owned()))).flatten();
        let (old_value, new_value) = (value(&self.old), value(&self.new));
        if o.required != *required {
            let (check, direction) = if *required {
                (Check::RequestParameterBecameRequired, Direction::Narrower)
            } else {
                (Check::RequestParameterBecameOptional, Direction::Wider)
            };
            let rust = self.checks(direction);
            self.push(
                check,
                format!("{el}.required"),
                Some(o.required.to_string()),
                Some(required.to_string()),
                rust,
                at,
            );
        }
        if o.location != *location {
            let rust = self.wire();
            self.push(
                Check::RequestLocationChanged,
                format!("{el}.in"),
                Some(text(&o.location)),
                Some(text(location)),
                rust,
                at,
            );
        }
        let (before, after) = (param_type(o), param_type(n));
        if before != after {
            let retyped = retyped(old_value.as_ref(), new_value.as_ref());
            let check = if retyped.is_empty() && old_value.is_some() {
                Check::TypeNameChanged
            } else {
                Check::RequestParameterTypeChanged
            };
            let mut rust = retyped;
            if check == Check::RequestParameterTypeChanged {
                let enums = |side: &Side<'_>| {
                    side.items(|i| i.param_enum(name).map(|e| enum_paths(i, e))).flatten().unwrap_or_default()
                };
                rust.extend(self.gone_and_new(enums(&self.old), enums(&self.new)));
            }
            self.push(check, format!("{el}.type"), Some(before), Some(after), rust, at);
        }
        if let (Some(a), Some(b)) = (&o.list, list) {
            self.list(&el, a, b, at);
        }
        if o.default != *default {
            let rust = Self::docs(new_value.as_ref().map(|(p, _)| p.clone()));
            self.push(
                Check::RequestDefaultChanged,
                format!("{el}.default"),
                o.default.clone(),
                default.clone(),
                rust,
                at,
            );
        }
        let enums = (
            self.old.items(|i| i.param_enum(name).map(str::to_owned)).flatten(),
            self.new.items(|i| i.param_enum(name).map(str::to_owned)).flatten(),
        );
        if let (Some(a), Some(b)) = (&o.enumeration, enumeration) {
            self.enumeration(Part::Request, &el, a, b, enums);
        }
        let docs = new_value.as_ref().map(|(p, _)| p.clone());
        // Range, conditional ranges, length, patterns and format.
        self.constraints(
            Part::Request,
            &el,
            Constraints::of_param(o),
            Constraints::of_param(n),
            docs.clone(),
        );
        self.conditions(&el, &o.conditions, conditions, at);
        if o.idempotency_token != *idempotency_token {
            let rust = Self::docs(docs.clone());
            let (before, after) = (o.idempotency_token.to_string(), idempotency_token.to_string());
            self.push(
                Check::RequestIdempotencyChanged,
                format!("{el}.idempotency_token"),
                Some(before),
                Some(after),
                rust,
                at,
            );
        }
        self.prose(
            &el,
            &o.deprecated,
            deprecated,
            &o.example,
            example,
            &o.description,
            description,
            docs,
            at,
        );
    }

    fn list(&mut self, el: &str, o: &ListShape, n: &ListShape, at: At<'_>) {
        let ListShape { encoding, prefix, field, field_indexed, max_items } = n;
        if (o.encoding, &o.prefix, &o.field, o.field_indexed) != (*encoding, prefix, field, *field_indexed) {
            let rust = self.wire();
            self.push(
                Check::RequestListEncodingChanged,
                format!("{el}.list"),
                Some(list_text(o)),
                Some(list_text(n)),
                rust,
                at,
            );
        }
        if o.max_items != *max_items {
            let narrower = match (o.max_items, max_items) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(a), Some(b)) => *b < a,
            };
            let (check, direction) = if narrower {
                (Check::RequestListSizeNarrowed, Direction::Narrower)
            } else {
                (Check::RequestListSizeWidened, Direction::Wider)
            };
            let rust = self.checks(direction);
            let show = |m: Option<u32>| m.map(|m| format!("at most {m}"));
            self.push(check, format!("{el}.list.max_items"), show(o.max_items), show(*max_items), rust, at);
        }
    }

    fn conditions(&mut self, el: &str, o: &Conditions, n: &Conditions, at: At<'_>) {
        let Conditions { requires, required_unless, required_when, excludes, origin } = n;
        let at = origin.as_ref().map_or(at, |origin| At::New(Some(origin)));
        let set = |names: &[String]| names.iter().cloned().collect::<BTreeSet<String>>();
        let pairs = |whens: &[crate::spec::When]| {
            whens
                .iter()
                .flat_map(|w| w.values.iter().map(move |v| format!("{}={v}", w.param)))
                .collect::<BTreeSet<String>>()
        };
        // Each is (name, old, new, true when more entries mean fewer accepted requests).
        let kinds = [
            ("requires", set(&o.requires), set(requires), true),
            ("excludes", set(&o.excludes), set(excludes), true),
            ("required_when", pairs(&o.required_when), pairs(required_when), true),
            // More alternatives satisfy the requirement more easily; the first one creates it.
            ("required_unless", set(&o.required_unless), set(required_unless), false),
        ];
        for (kind, before, after, more_is_narrower) in kinds {
            if before == after {
                continue;
            }
            let narrower = if more_is_narrower {
                !after.is_subset(&before)
            } else {
                (before.is_empty() && !after.is_empty()) || (!after.is_empty() && !after.is_superset(&before))
            };
            let (check, direction) = if narrower {
                (Check::RequestConditionTightened, Direction::Narrower)
            } else {
                (Check::RequestConditionRelaxed, Direction::Wider)
            };
            let show = |s: &BTreeSet<String>| {
                (!s.is_empty()).then(|| s.iter().cloned().collect::<Vec<_>>().join(", "))
            };
            let rust = self.checks(direction);
            self.push(check, format!("{el}.conditions.{kind}"), show(&before), show(&after), rust, at);
        }
    }
}
