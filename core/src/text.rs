//! Text from elsewhere (a server, an export archive, a reply, a file's
//! name), made safe to show. One rule for every client: a terminal or a
//! page must show exactly the characters it is given, in their order, and
//! nothing in the text may act on the display.

/// Whether `c` changes how text around it is shown rather than being
/// shown: control characters (escape sequences, carriage returns and
/// backspaces that overwrite a line), bidirectional marks, embeddings,
/// overrides and isolates (which reorder what is shown: `exe.txt` shown
/// for `txt.exe`), zero-width characters, the byte-order mark, and the
/// line and paragraph separators.
fn acts_on_display(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Text safe to print: what [acts on the display](acts_on_display) is
/// removed; line breaks and tabs stay.
pub fn printable(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\n' || c == '\t' || !acts_on_display(c))
        .collect()
}

/// The longest [`printable_name`].
pub const MAX_NAME_CHARS: usize = 200;

/// A name safe to show on one line: as [`printable`], with line breaks and
/// tabs removed too, at most [`MAX_NAME_CHARS`] characters.
pub fn printable_name(name: &str) -> String {
    name.chars()
        .filter(|&c| !acts_on_display(c))
        .take(MAX_NAME_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_overwrites_and_bidi_overrides_are_removed() {
        assert_eq!(
            printable("ok\u{1b}[2J\u{1b}]0;title\u{7}\rfake\u{202E}txt.exe\nline two\tx"),
            "ok[2J]0;titlefaketxt.exe\nline two\tx"
        );
        assert_eq!(
            printable("plain — text, عربي, 中文"),
            "plain — text, عربي, 中文"
        );
        for hidden in [
            '\u{200B}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{2028}', '\u{2029}', '\u{202A}',
            '\u{2066}', '\u{2069}', '\u{FEFF}', '\u{85}', '\u{8}',
        ] {
            assert_eq!(printable(&format!("a{hidden}b")), "ab", "{hidden:?}");
        }
    }

    #[test]
    fn a_name_is_one_line_of_at_most_200_characters() {
        assert_eq!(
            printable_name("report\u{202E}fdp.exe\nsecond line\t!"),
            "reportfdp.exesecond line!"
        );
        assert_eq!(printable_name(&"é".repeat(500)).chars().count(), 200);
    }
}
