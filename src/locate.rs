//! Line and column in the source file of a byte offset inside a Markdown
//! text, for diagnostics about links and images. A page's body is the
//! file's own text; Markdown written as a YAML value is mapped back through
//! the scalar's quotes, indentation and folding by walking the value and the
//! YAML source side by side. The walk only goes forward, so all positions
//! of one text cost one pass over it (offsets are asked in reading order).
//! A page's body needs no walk: its line starts are found once (on the
//! first question) and each position is a binary search plus a count of
//! the characters before it on its line.

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
    /// Whether the value is the source itself (a page's body), so that
    /// [`Locator::direct`] answers without the walk.
    direct: bool,
    /// For [`Locator::direct`]: the byte offsets where the lines start,
    /// made on the first question.
    lines: Vec<usize>,
    /// For [`Locator::direct`]: the last answer (offset, line index,
    /// column), so that the next position on the same line counts on from
    /// it (a line of megabytes with many links stays linear).
    last: (usize, usize, u32),
}

impl<'a> Locator<'a> {
    pub(crate) fn new(md: &'a Md) -> Self {
        let (src, origin, direct) = match &md.yaml {
            Some(y) if y.start <= y.src.len() && y.src.is_char_boundary(y.start) => {
                (&*y.src, (y.start, y.line, y.col), false)
            }
            _ => (&*md.text, (0, md.line, 1), true),
        };
        Locator {
            value: &md.text,
            src,
            origin,
            v: 0,
            s: origin.0,
            line: origin.1,
            col: origin.2,
            direct,
            lines: Vec::new(),
            last: (0, 0, 1),
        }
    }

    /// The position of byte `offset` of the Markdown text.
    pub(crate) fn pos(&mut self, offset: usize) -> Pos {
        if self.direct {
            return self.direct(offset);
        }
        self.walk(offset)
    }

    /// [`Locator::pos`] in a page's body: the line from the line starts,
    /// the column by counting the characters that start before `offset`
    /// on its line (what the walk would have stepped over).
    fn direct(&mut self, offset: usize) -> Pos {
        let bytes = self.value.as_bytes();
        let offset = offset.min(bytes.len());
        if self.lines.is_empty() {
            self.lines.push(0);
            self.lines.extend(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            );
        }
        let i = self.lines.partition_point(|&start| start <= offset) - 1;
        let (from, col) = match self.last {
            (at, line, col) if line == i && at <= offset => (at, col),
            _ => (self.lines[i], 1),
        };
        let chars = bytes[from..offset]
            .iter()
            .filter(|&&b| b & 0xc0 != 0x80)
            .count();
        let col = col + chars as u32;
        self.last = (offset, i, col);
        Pos::new(self.origin.1 + i as u32, col)
    }

    /// [`Locator::pos`] by walking the value and the source in step.
    fn walk(&mut self, offset: usize) -> Pos {
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
    fn a_body_answers_as_the_walk_does() {
        // Multi-byte letters, blank lines, CRLF, a last line without a
        // newline; offsets in and out of order, inside a character and
        // past the end.
        let text = "Æble og ø\n\n## Én [x](y)\r\nlinje 4 med å\n\n\nslut ø[z](q)";
        let md = Md {
            text: text.into(),
            file: "sider/a.md".into(),
            line: 3,
            yaml: None,
        };
        let mut direct = Locator::new(&md);
        assert!(direct.direct);
        let mut walk = Locator::new(&md);
        walk.direct = false;
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        offsets.extend((0..text.len()).rev().step_by(3));
        for o in offsets {
            assert_eq!(direct.pos(o), walk.pos(o), "offset {o}");
        }
        assert_eq!(direct.pos(text.find("[z").unwrap()), Pos::new(9, 7));
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
