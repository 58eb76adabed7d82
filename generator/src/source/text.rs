//! Reader for text pages.

use super::Document;

pub(super) fn read(_text: &str) -> Document {
    todo!("text reader")
}
