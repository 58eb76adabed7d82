//! `Paginated` for requests whose page has the profile's position and size parameters.
//!
//! Input: the request's scalar fields and the response model. Output: the impl, or nothing when
//! the API does not page (no position or size parameter, or no list of named items in the answer,
//! at the root or one level down as in JD Cloud's `result`).

use super::Api;
use super::response::{ResponseModel, TypeModel};
use crate::spec::PaginationStyle;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// The impl, or nothing.
pub fn emit(api: &Api<'_>, request: &[(String, Ident, bool)]) -> TokenStream {
    let Some(pagination) = &api.profile.pagination else { return TokenStream::new() };
    let int_field =
        |wire: &str| request.iter().find(|(w, _, int)| w == wire && *int).map(|(_, f, _)| f.clone());
    let (Some(position), Some(size)) =
        (int_field(&pagination.position_param), int_field(&pagination.size_param))
    else {
        return TokenStream::new();
    };
    let Some(response) = api.response.as_ref() else { return TokenStream::new() };
    let Some(root) = response.types.get(&response.root) else { return TokenStream::new() };
    let Some(found) = find_items(response, root) else { return TokenStream::new() };
    let item = found.item;
    let items_field = found.items_field;
    let (items_expr, total_expr) = match found.parent {
        None => {
            let total = total_of(root, &pagination.total_field)
                .map(|t| quote!(output.#t.and_then(|v| u64::try_from(v).ok())));
            (quote!(output.#items_field), total)
        }
        Some((parent_field, parent)) => {
            let total = total_of(parent, &pagination.total_field)
                .map(|t| quote!(output.#parent_field.as_ref().and_then(|p| p.#t).and_then(|v| u64::try_from(v).ok())))
                .or_else(|| {
                    total_of(root, &pagination.total_field)
                        .map(|t| quote!(output.#t.and_then(|v| u64::try_from(v).ok())))
                });
            (quote!(output.#parent_field.map(|p| p.#items_field).unwrap_or_default()), total)
        }
    };
    let total_fn = match total_expr {
        Some(expr) => quote!(fn total(output: &Self::Output) -> Option<u64> { #expr }),
        None => quote!(
            fn total(_: &Self::Output) -> Option<u64> {
                None
            }
        ),
    };
    let style = match pagination.style {
        PaginationStyle::OffsetLimit => quote!(OffsetLimit),
        PaginationStyle::PageNumber => quote!(PageNumber),
    };
    let size_param = api.spec.request.iter().find(|p| p.name == pagination.size_param);
    let default_size = size_param
        .and_then(|p| p.default.as_deref().and_then(|d| d.parse::<u64>().ok()))
        .or_else(|| size_param.and_then(|p| p.range.as_ref()?.max).and_then(|m| u64::try_from(m).ok()))
        .unwrap_or(10);
    let default_size = Literal::u64_unsuffixed(default_size);
    let name = &api.type_name;
    quote! {
        impl ::yunapi::runtime::Paginated for #name {
            type Item = #item;
            const STYLE: ::yunapi::runtime::PaginationStyle = ::yunapi::runtime::PaginationStyle::#style;
            const DEFAULT_PAGE_SIZE: u64 = #default_size;

            fn position(&self) -> Option<u64> {
                self.#position.and_then(|v| u64::try_from(v).ok())
            }

            fn set_position(&mut self, position: u64) {
                self.#position = Some(i64::try_from(position).unwrap_or(i64::MAX));
            }

            fn page_size(&self) -> Option<u64> {
                self.#size.and_then(|v| u64::try_from(v).ok())
            }

            #total_fn

            fn items(output: Self::Output) -> Vec<Self::Item> {
                #items_expr
            }
        }
    }
}

struct Found<'a> {
    item: Ident,
    items_field: Ident,
    /// The field of the root holding the list's parent object, when the list is one level down.
    parent: Option<(Ident, &'a TypeModel)>,
}

fn find_items<'a>(response: &'a ResponseModel, root: &'a TypeModel) -> Option<Found<'a>> {
    let list_in = |t: &TypeModel| {
        t.fields.iter().find_map(|f| {
            let named = f.named.as_ref().filter(|_| f.array)?;
            Some((response.types.get(named)?.ident.clone(), f.ident.clone()))
        })
    };
    if let Some((item, items_field)) = list_in(root) {
        return Some(Found { item, items_field, parent: None });
    }
    root.fields.iter().filter(|f| !f.array).find_map(|f| {
        let parent = response.types.get(f.named.as_ref()?)?;
        let (item, items_field) = list_in(parent)?;
        Some(Found { item, items_field, parent: Some((f.ident.clone(), parent)) })
    })
}

fn total_of(t: &TypeModel, wire: &str) -> Option<Ident> {
    t.fields.iter().find(|f| f.wire == wire && f.integer).map(|f| f.ident.clone())
}
