//! Reader for html pages.

use super::Document;

pub(super) fn read(_text: &str) -> Document {
    todo!("html reader")
}
