//! The constraints of a spec → the static tables of `runtime::rules` that a request is checked by.
//!
//! Input: the constraints of each parameter and of each field of the request types, with the Rust
//! type their values took. Output: the items of `runtime::rules::Check` that apply to each value,
//! gathered into one private `rules` module per API: its `REQUEST` table and one static table per
//! request type that has something to check. The runtime walks them over the parameters a request
//! writes, so a constraint costs a line of static data, not a block of code.

use super::Api;
use super::values::ValueTy;
use crate::naming::{Case, Scope};
use crate::spec::{
    ApiSpec, ConditionalRange, Conditions, Enumeration, Field, Format, FormatKind, Length, LengthUnit,
    ListEncoding, Origin, Param, Pattern, PatternRule, Range,
};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use std::cell::Cell;

/// What the spec states about one value, whether of a parameter or of a field.
pub(super) struct Constraints<'a> {
    pub required: bool,
    pub conditions: Option<&'a Conditions>,
    pub enumeration: Option<&'a Enumeration>,
    pub range: Option<&'a Range>,
    pub range_when: &'a [ConditionalRange],
    pub length: Option<&'a Length>,
    pub patterns: &'a [Pattern],
    pub format: Option<&'a Format>,
    /// The most items of the list the value is, and what follows the first item too many in the
    /// violation's name (`.Key` for `Tag.21.Key`).
    pub max_items: Option<(u32, String)>,
}

impl<'a> Constraints<'a> {
    /// The constraints of `param`; `required` says whether the client checks that it is set (not
    /// for what the client fills itself: the region, an idempotency token).
    pub fn of_param(param: &'a Param, required: bool) -> Self {
        Constraints {
            required,
            conditions: Some(&param.conditions),
            enumeration: param.enumeration.as_ref(),
            range: param.range.as_ref(),
            range_when: &param.range_when,
            length: param.length.as_ref(),
            patterns: &param.patterns,
            format: param.format.as_ref(),
            max_items: param.list.as_ref().and_then(|l| l.max_items).map(|max| (max, String::new())),
        }
    }

    /// The constraints of a field of a request type: required unless the page allows it unset.
    pub fn of_field(field: &'a Field) -> Self {
        Constraints {
            required: !field.nullable,
            conditions: None,
            enumeration: field.enumeration.as_ref(),
            range: field.range.as_ref(),
            range_when: &field.range_when,
            length: field.length.as_ref(),
            patterns: &field.patterns,
            format: field.format.as_ref(),
            max_items: None,
        }
    }
}

/// A condition's other parameter, as the runtime finds it: a parameter of the request by the name
/// it is written under, or a field of the same object.
#[derive(Debug, Clone)]
pub(super) enum Other {
    Param(String),
    Field(String),
}

/// The rule tables of one API, built while its request side is emitted.
#[derive(Default)]
pub(super) struct Tables {
    /// The static tables of request types, by the name of their static.
    statics: Vec<(Ident, Vec<TokenStream>)>,
    names: Scope,
    uses_refs: Cell<bool>,
}

impl Tables {
    pub fn new() -> Self {
        Tables { names: Scope::with_reserved(&["REQUEST"]), ..Tables::default() }
    }

    /// The `(Check, "source")` items of one value of type `ty` stated at `origin`: whether it is
    /// required, its conditions and list size, then what applies to its type. `resolve` finds the
    /// other parameter a condition names (`None`: the page does not define it, and the spec
    /// carries a diagnostic for it).
    pub fn checks(
        &self,
        api: &Api<'_>,
        c: &Constraints<'_>,
        ty: &ValueTy,
        resolve: &dyn Fn(&str) -> Option<Other>,
        origin: &Origin,
    ) -> Vec<TokenStream> {
        let mut checks = Vec::new();
        let cite = |origin: &Origin| api.source(origin);
        let own = cite(origin);
        if c.required {
            checks.push(quote!((Required, #own)));
        }
        if let Some(conditions) = c.conditions {
            let src = cite(conditions.origin.as_ref().unwrap_or(origin));
            let others = |names: &[String]| -> Vec<TokenStream> {
                names.iter().filter_map(|n| resolve(n)).map(|o| self.other(&o)).collect()
            };
            let requires = others(&conditions.requires);
            if !requires.is_empty() {
                checks.push(quote!((Requires(&[#(#requires),*]), #src)));
            }
            let unless = others(&conditions.required_unless);
            if !unless.is_empty() {
                checks.push(quote!((RequiredUnless(&[#(#unless),*]), #src)));
            }
            for when in &conditions.required_when {
                let Some(other) = resolve(&when.param) else { continue };
                let other = self.other(&other);
                let values = &when.values;
                checks.push(quote!((RequiredWhen(#other, &[#(#values),*]), #src)));
            }
            let excludes = others(&conditions.excludes);
            if !excludes.is_empty() {
                checks.push(quote!((Excludes(&[#(#excludes),*]), #src)));
            }
        }
        if let Some((max, then)) = &c.max_items {
            let max = Literal::usize_unsuffixed(*max as usize);
            checks.push(quote!((MaxItems(#max, #then), #own)));
        }
        match ty {
            ValueTy::Enum(_) => {
                if let Some(e) = c.enumeration.filter(|e| !e.open && !e.values.is_empty()) {
                    let src = cite(&e.origin);
                    let values = e.values.iter().map(|v| &v.value);
                    checks.push(quote!((OneOf(&[#(#values),*]), #src)));
                }
            }
            ValueTy::Int | ValueTy::Float => {
                if let Some(range) = c.range {
                    let (min, max, step) = bounds(range.min, range.max, range.step);
                    let src = cite(&range.origin);
                    checks.push(quote!((Range(#min, #max, #step), #src)));
                }
                for when in c.range_when {
                    let Some(other) = resolve(&when.when.param) else { continue };
                    let other = self.other(&other);
                    let values = &when.when.values;
                    let (min, max, step) = bounds(when.min, when.max, when.step);
                    let src = cite(&when.origin);
                    checks.push(quote!((RangeWhen(#other, &[#(#values),*], #min, #max, #step), #src)));
                }
            }
            ValueTy::String => {
                if let Some(length) = c.length {
                    let (min, max) = (option(length.min.map(i64::from)), option(length.max.map(i64::from)));
                    let src = cite(&length.origin);
                    checks.push(match length.unit {
                        LengthUnit::Chars => quote!((Chars(#min, #max), #src)),
                        LengthUnit::Bytes => quote!((Bytes(#min, #max), #src)),
                    });
                }
                for pattern in c.patterns {
                    let src = cite(&pattern.origin);
                    let values = &pattern.values;
                    checks.push(match pattern.rule {
                        PatternRule::LetterFirst => quote!((LetterFirst, #src)),
                        PatternRule::LetterOrChineseFirst => quote!((LetterOrChineseFirst, #src)),
                        PatternRule::NotPrefix => quote!((NotPrefix(&[#(#values),*]), #src)),
                        PatternRule::NotContains => quote!((NotContains(&[#(#values),*]), #src)),
                        PatternRule::Ascii => quote!((Ascii, #src)),
                        PatternRule::AllowedChars => {
                            let chars: String = pattern.values.concat();
                            quote!((AllowedChars(#chars), #src))
                        }
                    });
                }
                if let Some(format) = c.format {
                    let src = cite(&format.origin);
                    match (format.kind, format.pattern.as_deref()) {
                        (FormatKind::Lowercase, _) => checks.push(quote!((Lowercase, #src))),
                        (FormatKind::DateTime, Some(pattern)) => {
                            checks.push(quote!((DateTime(#pattern), #src)))
                        }
                        (FormatKind::DateTime, None) => {}
                    }
                }
            }
            ValueTy::Bool | ValueTy::Object(_) => {}
        }
        checks
    }

    /// `runtime::rules::Ref` of `other`.
    fn other(&self, other: &Other) -> TokenStream {
        self.uses_refs.set(true);
        match other {
            Other::Param(name) => quote!(Param(#name)),
            Other::Field(name) => quote!(Field(#name)),
        }
    }

    /// A rule of `name` with `checks` and the rules of its object's fields (`fields`: a static of
    /// [`Tables::add_static`], or a list of rules); `None` when there is nothing to check.
    pub fn rule(name: &str, checks: &[TokenStream], fields: Option<TokenStream>) -> Option<TokenStream> {
        if checks.is_empty() && fields.is_none() {
            return None;
        }
        let fields = fields.unwrap_or_else(|| quote!(&[]));
        Some(quote!(Rule { name: #name, checks: &[#(#checks),*], fields: #fields }))
    }

    /// Names the static of the request type `type_name`, before its rules are known (types may
    /// refer to each other).
    pub fn name_static(&mut self, type_name: &str) -> Ident {
        self.names.name(&format!("{type_name}_rules"), Case::Shouty, &[]).to_tokens()
    }

    /// The static `name` holding `rules`, one per field with something to check.
    pub fn add_static(&mut self, name: Ident, rules: Vec<TokenStream>) {
        self.statics.push((name, rules));
    }

    /// The `rules` module of the API with `request` as its `REQUEST` table, and the `RULES` of its
    /// `Operation` impl; nothing when the page states nothing to check.
    pub fn finish(self, request: Vec<TokenStream>) -> (TokenStream, TokenStream) {
        if request.is_empty() {
            return (TokenStream::new(), TokenStream::new());
        }
        let refs = self.uses_refs.get().then(|| {
            quote!(
                use ::yunapi::runtime::rules::Ref::*;
            )
        });
        let statics = self.statics.iter().map(|(name, rules)| {
            let len = Literal::usize_unsuffixed(rules.len());
            quote!(static #name: [Rule; #len] = [#(#rules),*];)
        });
        let module = quote! {
            /// The page's constraints, as `runtime::rules` checks them.
            mod rules {
                use ::yunapi::runtime::rules::Check::*;
                #refs
                use ::yunapi::runtime::rules::Rule;

                pub(super) const REQUEST: &[Rule] = &[#(#request),*];
                #(#statics)*
            }
        };
        let operation = quote!(
            const RULES: &'static [::yunapi::runtime::Rule] = rules::REQUEST;
        );
        (module, operation)
    }
}

/// `min`, `max` and `step` as `Option<i64>` tokens.
fn bounds(min: Option<i64>, max: Option<i64>, step: Option<i64>) -> (TokenStream, TokenStream, TokenStream) {
    (option(min), option(max), option(step))
}

fn option(value: Option<i64>) -> TokenStream {
    match value {
        Some(v) => {
            let magnitude = Literal::u64_unsuffixed(v.unsigned_abs());
            if v < 0 { quote!(Some(-#magnitude)) } else { quote!(Some(#magnitude)) }
        }
        None => quote!(None),
    }
}

/// The name a parameter is written under: the prefix of an indexed list or group (`images` of
/// `images.N`, `Tag` of `Tag.N.Key`), else its own.
fn entry_name(param: &Param) -> String {
    match &param.list {
        Some(l) if l.encoding == ListEncoding::Indexed => {
            l.prefix.clone().unwrap_or_else(|| param.name.clone())
        }
        _ => param.name.clone(),
    }
}

/// The parameter `name` (as the spec names it) as the runtime finds it from a value in the group
/// `group` (or at the top, with `None`): another field of the same item, or a parameter by the
/// name it is written under. `None` when the page does not define it.
pub(super) fn resolve(spec: &ApiSpec, name: &str, group: Option<&str>) -> Option<Other> {
    let param = spec.request.iter().find(|p| p.name == name)?;
    let list = param.list.as_ref();
    if let Some((prefix, field)) = list.and_then(|l| Some((l.prefix.as_deref()?, l.field.as_deref()?)))
        && group == Some(prefix)
    {
        return Some(Other::Field(field.to_owned()));
    }
    Some(Other::Param(entry_name(param)))
}
