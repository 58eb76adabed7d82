//! Lists of objects written as a list row and its item rows (Tencent's CreateSubnet: `subnetSet.n`
//! of type Array, then `subnetSet.n.subnetName`, `subnetSet.n.cidrBlock`, …): one parameter, a
//! list of a request type whose fields are the item rows. A bare `x.n` without item rows stays a
//! list of scalars, and item rows without a list row (Alibaba's `Tag.N.Key`) stay a repeated group.

use crate::extract::response::element_type_name;
use crate::spec::{Field, Param, TypeDef, TypeRef};

/// Folds each list row that has item rows into a list of a new request type.
pub(super) fn fold_item_rows(params: &mut Vec<Param>, types: &mut Vec<TypeDef>) {
    let mut index = 0;
    while index < params.len() {
        let Some(prefix) = list_row_prefix(&params[index]) else {
            index += 1;
            continue;
        };
        let members: Vec<usize> = (0..params.len())
            .filter(|&i| {
                params[i]
                    .list
                    .as_ref()
                    .is_some_and(|l| l.prefix.as_deref() == Some(&prefix) && l.field.is_some())
            })
            .collect();
        if members.is_empty() {
            index += 1;
            continue;
        }
        let name = fresh_name(&element_type_name(&prefix, true), types);
        let mut fields = Vec::new();
        for &member in &members {
            fields.push(field_of(&params[member]));
        }
        let origin = params[index].origin.clone();
        types.push(TypeDef { name: name.clone(), description: None, fields, origin });
        let list_row = &mut params[index];
        list_row.ty = TypeRef::Named(name);
        list_row.enumeration = None;
        // Remove the item rows, keeping the list row's place.
        let mut position = 0;
        params.retain(|_| {
            let keep = !members.contains(&position);
            position += 1;
            keep
        });
        index = 0;
    }
}

/// `subnetSet` for a list row `subnetSet.n` that is not itself an item row.
fn list_row_prefix(param: &Param) -> Option<String> {
    let list = param.list.as_ref()?;
    if list.field.is_some() || !matches!(param.ty, TypeRef::Scalar(_)) {
        return None;
    }
    let prefix = list.prefix.clone()?;
    (param.name != prefix).then_some(prefix)
}

/// An item row as a field of the item type: optional unless the row says required.
fn field_of(param: &Param) -> Field {
    let list = param.list.as_ref();
    let mut field = Field::new(
        list.and_then(|l| l.field.clone()).unwrap_or_default(),
        param.ty.clone(),
        param.origin.clone(),
    );
    field.array = list.is_some_and(|l| l.field_indexed);
    field.nullable = !param.required;
    field.enumeration = param.enumeration.clone();
    field.default = param.default.clone();
    field.range = param.range.clone();
    field.range_when = param.range_when.clone();
    field.length = param.length.clone();
    field.patterns = param.patterns.clone();
    field.format = param.format.clone();
    field.deprecated = param.deprecated.clone();
    field.description = param.description.clone();
    field
}

fn fresh_name(base: &str, types: &[TypeDef]) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while types.iter().any(|t| t.name == name) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}
