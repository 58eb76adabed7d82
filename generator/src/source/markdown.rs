//! Reader for markdown pages.

use super::Document;

pub(super) fn read(_text: &str) -> Document {
    todo!("markdown reader")
}
