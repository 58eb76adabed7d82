//! Percent-encodings the signers share.
//!
//! Input: parameter names and values as text. Output: their RFC 3986 form (only
//! `A-Z a-z 0-9 - _ . ~` literal, UTF-8 bytes as upper-case `%XX`, space as `%20`), the same with
//! `/` kept for paths, the form encoding (space as `+`), and the decoding JD Cloud's canonical query
//! applies before encoding again.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// Everything but the RFC 3986 unreserved characters.
pub(crate) const RFC3986: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// [`RFC3986`], keeping `/` as a path separator.
pub(crate) const RFC3986_PATH: &AsciiSet = &RFC3986.remove(b'/');

/// RFC 3986 encoding of one name or value.
pub(crate) fn rfc3986(text: &str) -> String {
    utf8_percent_encode(text, RFC3986).to_string()
}

/// RFC 3986 encoding of a path: `/` stays.
pub(crate) fn rfc3986_path(text: &str) -> String {
    utf8_percent_encode(text, RFC3986_PATH).to_string()
}

/// `application/x-www-form-urlencoded` encoding: RFC 3986 with space as `+`. Every `%20` of the
/// RFC 3986 form is an encoded space (a literal `%` is `%25`), so the replacement is exact.
pub(crate) fn form(text: &str) -> String {
    rfc3986(text).replace("%20", "+")
}

/// Decodes a query component the way form decoders do: `+` is a space, `%XX` a byte.
pub(crate) fn decode_plus(text: &str) -> String {
    percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned()
}

/// Decodes `%XX` sequences of a path (`+` stays a plus in paths).
pub(crate) fn decode_path(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3986_keeps_only_unreserved() {
        assert_eq!(rfc3986("中文 a/b*c+d~e-_."), "%E4%B8%AD%E6%96%87%20a%2Fb%2Ac%2Bd~e-_.");
        assert_eq!(rfc3986("a=b&c%"), "a%3Db%26c%25");
        assert_eq!(rfc3986_path("/v1/中文:GET"), "/v1/%E4%B8%AD%E6%96%87%3AGET");
    }

    #[test]
    fn form_uses_plus_for_space_only() {
        assert_eq!(form("a b+c%20"), "a+b%2Bc%2520");
        assert_eq!(decode_plus(&form("中文 a/b*c+d~e")), "中文 a/b*c+d~e");
        assert_eq!(decode_path("%2Fa+b"), "/a+b");
    }
}
