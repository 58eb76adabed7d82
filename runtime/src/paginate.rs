//! Pagination: an async stream of items across pages.
//!
//! Generated code implements [`Paginated`] for every request whose page names the provider's
//! position and size parameters; [`crate::Client::paginate`] drives it.

/// How a provider numbers pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaginationStyle {
    /// `offset`/`limit`: the position counts items from 0.
    OffsetLimit,
    /// `PageNumber`/`PageSize` or `pageNumber`/`pageSize`: the position counts pages from 1.
    PageNumber,
}

/// A request that can be repeated page by page.
pub trait Paginated: crate::Operation + Clone {
    /// One item of a page (plain data, so the item stream can move between threads).
    type Item: Send;
    /// How the position parameter counts.
    const STYLE: PaginationStyle;
    /// The page size used when the request sets none (the page's documented default).
    const DEFAULT_PAGE_SIZE: u64;

    /// The position (offset or page number) the request asks for, if set.
    fn position(&self) -> Option<u64>;
    /// Sets the position (offset or page number).
    fn set_position(&mut self, position: u64);
    /// The page size the request asks for, if set.
    fn page_size(&self) -> Option<u64>;
    /// The total the answer reports, if any.
    fn total(output: &Self::Output) -> Option<u64>;
    /// The items of one answer.
    fn items(output: Self::Output) -> Vec<Self::Item>;
}
