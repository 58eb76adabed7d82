//! JSON as hand-written examples spell it: the slips a page's example answer makes, repaired so
//! that the extractor reads it as evidence and the generated test decodes what the page meant.

/// Repairs the slips hand-written JSON examples make: Python's `True`/`False`/`None`, a comma left
/// out at the end of a line, a comma left before `}` or `]`, and no-break spaces among the blanks.
pub fn repair(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    // Whether the last token written ends a value, and whether a line break followed it.
    let mut after_value = false;
    let mut line_break = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                if after_value && line_break {
                    out.push(',');
                }
                out.push(c);
                let mut escaped = false;
                for c in chars.by_ref() {
                    out.push(c);
                    match (escaped, c) {
                        (true, _) => escaped = false,
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => {}
                    }
                }
                after_value = true;
                line_break = false;
            }
            '}' | ']' => {
                let kept = out.trim_end().len();
                if out[..kept].ends_with(',') {
                    out.truncate(kept - 1);
                }
                out.push(c);
                after_value = true;
                line_break = false;
            }
            '\n' => {
                line_break = true;
                out.push(c);
            }
            // A page copied out of HTML indents with no-break spaces (`&nbsp;`), which JSON does
            // not count as blanks.
            c if c.is_whitespace() => out.push(if c.is_ascii() { c } else { ' ' }),
            c if c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '+' => {
                let mut word = String::from(c);
                while let Some(&next) = chars.peek() {
                    if !(next.is_ascii_alphanumeric() || matches!(next, '-' | '.' | '+')) {
                        break;
                    }
                    word.push(next);
                    chars.next();
                }
                if after_value && line_break {
                    out.push(',');
                }
                out.push_str(match word.as_str() {
                    "True" => "true",
                    "False" => "false",
                    "None" => "null",
                    other => other,
                });
                after_value = true;
                line_break = false;
            }
            '{' | '[' => {
                if after_value && line_break {
                    out.push(',');
                }
                out.push(c);
                after_value = false;
                line_break = false;
            }
            _ => {
                out.push(c);
                after_value = false;
                line_break = false;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn python_words_and_missing_or_trailing_commas_are_repaired() {
        let body = "{\n  \"A\": True,\n  \"B\": None\n  \"C\": [1, 2,],\n}";
        let value: serde_json::Value = serde_json::from_str(&repair(body)).expect("repaired JSON");
        assert_eq!(value, serde_json::json!({"A": true, "B": null, "C": [1, 2]}));
    }

    #[test]
    fn no_break_spaces_between_tokens_are_blanks() {
        let body = "{\n  \"A\": [\n\u{a0}\u{3000}1\n \u{a0} ]\n}";
        let value: serde_json::Value = serde_json::from_str(&repair(body)).expect("repaired JSON");
        assert_eq!(value, serde_json::json!({"A": [1]}));
    }

    #[test]
    fn strings_are_left_alone() {
        let body = "{\"A\": \"True, None,]\"}";
        assert_eq!(repair(body), body);
    }
}
