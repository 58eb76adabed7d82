//! Text clean-up shared by the readers: the raw text of a cell, paragraph or list item in, the
//! block model's text out (one trimmed line per line, no blank lines, bullets written `- item`).

/// Characters that start a bullet line when followed by whitespace.
const BULLETS: [char; 8] = ['-', '*', '+', '•', '●', '◦', '▪', '·'];

/// Trims every line, drops blank ones and writes bullets as `- item`.
///
/// A bullet that some exports glue onto the end of a sentence (`取值范围:-   true：…`, three
/// spaces after the dash) starts its own line.
pub(crate) fn lines(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.split('\n') {
        for piece in split_glued_bullets(line.trim()) {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            match bullet_text(piece) {
                Some(item) => {
                    out.push_str("- ");
                    out.push_str(item);
                }
                None => out.push_str(piece),
            }
        }
    }
    out
}

/// Like [`lines`], with the lines joined by spaces (for headings).
pub(crate) fn one_line(raw: &str) -> String {
    lines(raw).replace('\n', " ")
}

/// The text of a bullet line without its bullet, or `None` when the line is not one.
pub(crate) fn bullet_text(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(BULLETS)?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some(rest.trim_start()).filter(|item| !item.is_empty())
}

/// Splits a line before every `-   ` that does not start it.
fn split_glued_bullets(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut =
            rest.match_indices("-   ").map(|(at, _)| at).find(|&at| at > 0 && !rest[..at].ends_with('-'));
        let (piece, tail) = match cut {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        rest = tail;
        Some(piece)
    })
}

/// Drops blank lines at the start and end of a code block, trailing spaces, and the indentation
/// all its lines share (a `<pre>` indented with its page), keeping the rest of the indentation.
pub(crate) fn code(raw: &str) -> String {
    let lines: Vec<&str> = raw.split('\n').map(str::trim_end).collect();
    let (Some(first), Some(last)) =
        (lines.iter().position(|line| !line.is_empty()), lines.iter().rposition(|line| !line.is_empty()))
    else {
        return String::new();
    };
    let lines = &lines[first..=last];
    let indentation = |line: &'_ str| -> usize { line.len() - line.trim_start_matches([' ', '\t']).len() };
    let shared = lines
        .iter()
        .filter(|line| !line.is_empty())
        .map(|line| &line[..indentation(line)])
        .reduce(common_prefix)
        .map_or(0, str::len);
    let dedented: Vec<&str> = lines.iter().map(|line| line.get(shared..).unwrap_or("")).collect();
    dedented.join("\n")
}

fn common_prefix<'a>(a: &'a str, b: &'a str) -> &'a str {
    let length = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    &a[..length]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_lines_and_drops_blank_ones() {
        assert_eq!(lines("  a \n\n   \n b"), "a\nb");
    }

    #[test]
    fn writes_every_bullet_style_as_a_dash() {
        assert_eq!(lines("x：\n -   one\n*   two\n  • three"), "x：\n- one\n- two\n- three");
    }

    #[test]
    fn keeps_dashes_that_are_not_bullets() {
        assert_eq!(lines("-1\n**bold**\n-"), "-1\n**bold**\n-");
    }

    #[test]
    fn splits_bullets_glued_onto_a_sentence() {
        assert_eq!(lines("取值范围:-   true：是\n-   false：否"), "取值范围:\n- true：是\n- false：否");
    }

    #[test]
    fn code_keeps_indentation_but_not_blank_edges() {
        assert_eq!(code("\n\n{\n    \"a\": 1  \n}\n\n"), "{\n    \"a\": 1\n}");
        assert_eq!(code("\n \n"), "");
        assert_eq!(code("  a\n    b\n\n  c"), "a\n  b\n\nc");
    }

    #[test]
    fn one_line_joins_with_spaces() {
        assert_eq!(one_line("a\n b \n"), "a b");
    }
}
