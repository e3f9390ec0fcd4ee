//! Line and column in the source file of a byte offset inside a Markdown
//! text, for diagnostics about links and images. A page's body is the
//! file's own text; Markdown written as a YAML value is mapped back through
//! the scalar's quotes, indentation and folding by walking the value and the
//! YAML source side by side. The walk only goes forward, so all positions
//! of one text cost one pass over it (offsets are asked in reading order).

use crate::content::model::Md;
use crate::diag::Pos;

/// Walks one Markdown text and its source in step.
pub(crate) struct Locator<'a> {
    value: &'a str,
    src: &'a str,
    /// Start of the walk: source offset, line, column.
    origin: (usize, u32, u32),
    /// Byte cursors in `value` and `src`, and the line and column of `s`.
    v: usize,
    s: usize,
    line: u32,
    col: u32,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(md: &'a Md) -> Self {
        let (src, origin) = match &md.yaml {
            Some(y) if y.start <= y.src.len() && y.src.is_char_boundary(y.start) => {
                (&*y.src, (y.start, y.line, y.col))
            }
            _ => (&*md.text, (0, md.line, 1)),
        };
        Locator {
            value: &md.text,
            src,
            origin,
            v: 0,
            s: origin.0,
            line: origin.1,
            col: origin.2,
        }
    }

    /// The position of byte `offset` of the Markdown text.
    pub(crate) fn pos(&mut self, offset: usize) -> Pos {
        let offset = offset.min(self.value.len());
        if offset < self.v {
            (self.v, self.s, self.line, self.col) =
                (0, self.origin.0, self.origin.1, self.origin.2);
        }
        while self.v < offset {
            self.step();
        }
        Pos::new(self.line, self.col)
    }

    /// Takes one character of the value, and the source characters that
    /// stand for it (with the quotes, escapes and indentation before it).
    fn step(&mut self) {
        let Some(c) = self.value[self.v..].chars().next() else {
            return;
        };
        self.v += c.len_utf8();
        loop {
            let Some(s) = self.src[self.s..].chars().next() else {
                return;
            };
            if s == c {
                self.advance(s);
                return;
            }
            let skippable = s.is_whitespace() || matches!(s, '"' | '\'' | '\\');
            if skippable {
                self.advance(s);
            } else if c.is_whitespace() {
                // A line break folded into a space, or an escape: nothing
                // in the source stands for it.
                return;
            } else {
                // An escape that wrote another character: take one source
                // character for it and go on.
                self.advance(s);
                return;
            }
        }
    }

    fn advance(&mut self, s: char) {
        self.s += s.len_utf8();
        if s == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::YamlSpot;

    fn spot(src: &str, needle: &str, line: u32, col: u32) -> Md {
        let start = src.find(needle).unwrap();
        Md {
            text: "".into(),
            file: "a.yaml".into(),
            line,
            yaml: Some(YamlSpot {
                src: src.into(),
                start,
                line,
                col,
            }),
        }
    }

    fn at(md: &Md, value: &str, needle: &str) -> (u32, u32) {
        let md = Md {
            text: value.into(),
            ..md.clone()
        };
        let p = Locator::new(&md).pos(value.find(needle).unwrap());
        (p.line, p.col)
    }

    #[test]
    fn page_bodies_count_lines_and_characters() {
        let md = Md {
            text: "Æble\n\nø [x](y)".into(),
            file: "sider/a.md".into(),
            line: 4,
            yaml: None,
        };
        let mut l = Locator::new(&md);
        assert_eq!(l.pos(md.text.find('[').unwrap()), Pos::new(6, 3));
        assert_eq!(l.pos(0), Pos::new(4, 1));
    }

    #[test]
    fn maps_through_literal_folded_and_quoted_scalars() {
        let src = "a: |\n  Linje\n  og [x](y)\nb: >\n  En\n  to [x](y)\n\n  tre [z](y)\nc: \"Se \\\"x\\\" [x](y)\"\nd: 'it''s [x](y)'\n";
        let lit = spot(src, "  Linje", 2, 1);
        assert_eq!(at(&lit, "Linje\nog [x](y)\n", "["), (3, 6));
        let folded = spot(src, "  En", 5, 1);
        assert_eq!(at(&folded, "En to [x](y)\ntre [z](y)\n", "[x"), (6, 6));
        assert_eq!(at(&folded, "En to [x](y)\ntre [z](y)\n", "[z"), (8, 7));
        let dq = spot(src, "Se \\", 9, 5);
        assert_eq!(at(&dq, "Se \"x\" [x](y)", "["), (9, 14));
        let sq = spot(src, "it''s", 10, 5);
        assert_eq!(at(&sq, "it's [x](y)", "["), (10, 11));
    }
}
