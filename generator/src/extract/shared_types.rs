//! Types a page names but defines on another page: the provider profile's shared types.
//!
//! Tencent API 3.0 pages type `Filters.N` as `array of Filter objects` and link to one page of
//! common data structures instead of a table. The profile lists those structures (`types:`), and a
//! spec takes each one its page names without defining, with the types its fields name in turn.
//! Everything taken is marked `origin: {profile: …}`, and a note at the referring row says so.

use super::Ctx;
use crate::spec::{Severity, TypeDef, TypeRef};
use std::collections::VecDeque;

/// A use of a type name: the type, who names it (for the note) and the line naming it.
pub(crate) struct Reference {
    pub ty: String,
    pub by: String,
    pub line: u32,
}

impl Reference {
    /// The reference `ty` makes, if it names a type.
    pub fn of(ty: &TypeRef, by: &str, line: u32) -> Option<Reference> {
        match ty {
            TypeRef::Named(name) => Some(Reference { ty: name.clone(), by: by.to_owned(), line }),
            TypeRef::Scalar(_) => None,
        }
    }
}

/// Adds to `types` each shared type of the profile that `references` name and `types` lacks, and
/// the shared types their fields name. `request` says which side they serve: in a request an
/// optional field may be left out.
pub(crate) fn adopt(types: &mut Vec<TypeDef>, references: Vec<Reference>, request: bool, ctx: &mut Ctx) {
    let Some(profile) = ctx.profile else { return };
    // The page's own references get a note; the types those types name in turn say where they
    // came from by their origin alone.
    let mut pending: VecDeque<(Reference, bool)> = references.into_iter().map(|r| (r, true)).collect();
    let mut noted = Vec::new();
    while let Some((reference, direct)) = pending.pop_front() {
        if types.iter().any(|t| t.name == reference.ty) {
            continue;
        }
        let Some(shared) = profile.types.iter().find(|t| t.name == reference.ty) else { continue };
        let def = shared.to_type_def(request);
        pending.extend(
            def.fields.iter().filter_map(|f| Some((Reference::of(&f.ty, &def.name, reference.line)?, false))),
        );
        if direct {
            noted.push(reference);
        }
        types.push(def);
    }
    noted.sort_by_key(|r| r.line);
    for reference in noted {
        ctx.diagnose(
            reference.line,
            Severity::Note,
            "profile-type",
            format!(
                "the row of `{}` names type `{}`, which the page defines elsewhere; the spec takes it from the {} profile",
                reference.by, reference.ty, profile.provider
            ),
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Origin, Scalar};

    fn profile() -> crate::spec::Profile {
        let text = format!(
            "{}types:\n  - name: Price\n    fields:\n      - {{name: InstancePrice, type: ItemPrice}}\n  - name: ItemPrice\n    fields:\n      - {{name: UnitPrice, type: float, required: true}}\n      - {{name: ChargeUnit, type: string}}\n",
            include_str!("../../tests/fixtures/golden/providers/aliyun.yaml")
        );
        crate::spec::profile_from_yaml(&text, "p.yaml").expect("profile")
    }

    #[test]
    fn a_named_type_and_the_types_its_fields_name_come_from_the_profile() {
        let profile = profile();
        let mut ctx = Ctx::new("p.md", Some(&profile));
        let mut types = Vec::new();
        let references = vec![Reference::of(&TypeRef::Named("Price".into()), "Price", 12).expect("named")];
        adopt(&mut types, references, true, &mut ctx);
        let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Price", "ItemPrice"]);
        assert_eq!(types[0].origin, Origin::profile("Price"));
        let unit = &types[1].fields[0];
        assert_eq!((unit.ty.clone(), unit.nullable), (TypeRef::Scalar(Scalar::Float), false));
        assert_eq!(unit.origin.describe(), "provider profile, ItemPrice.UnitPrice");
        assert!(types[1].fields[1].nullable, "an optional request field may be left out");
        assert_eq!(ctx.diagnostics.len(), 1, "one note, for the type the page names");
        assert_eq!((ctx.diagnostics[0].code.as_str(), ctx.diagnostics[0].line), ("profile-type", 12));
    }

    #[test]
    fn a_type_the_page_defines_or_the_profile_lacks_is_left_alone() {
        let profile = profile();
        let mut ctx = Ctx::new("p.md", Some(&profile));
        let own =
            TypeDef { name: "Price".into(), description: None, fields: Vec::new(), origin: Origin::page(3) };
        let mut types = vec![own.clone()];
        let references = ["Price", "Other"]
            .iter()
            .filter_map(|n| Reference::of(&TypeRef::Named((*n).into()), "x", 1))
            .collect();
        adopt(&mut types, references, false, &mut ctx);
        assert_eq!(types, [own]);
        assert!(ctx.diagnostics.is_empty());
    }
}
