//! A small reader for the PDFs Chromium (Skia) writes: a classic
//! cross-reference table, uncompressed dictionaries. It reads what the
//! page numbers and the metadata need and nothing more: the trailer, the
//! catalog, the page tree, the named destinations (`/Dests` in the
//! catalog, or the `/Names /Dests` name tree) and the Info dictionary.
//! A file with cross-reference streams or object streams (which Skia does
//! not write) is refused with [`Error`], never misread.

use std::collections::BTreeMap;

/// A PDF object (streams are read as their dictionary).
#[derive(Clone, Debug, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Num(f64),
    /// A literal or hex string, its bytes.
    Str(Vec<u8>),
    Name(String),
    Array(Vec<Obj>),
    Dict(BTreeMap<String, Obj>),
    Ref(u32, u16),
}

/// Where a named destination is: its page (from 1) and how far below the
/// page's top edge (pt).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    pub page: usize,
    pub down: f64,
}

/// Why the PDF could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "PDF'en kan ikke læses: {}", self.0)
    }
}

fn err<T>(s: impl Into<String>) -> Result<T, Error> {
    Err(Error(s.into()))
}

impl Obj {
    pub fn get(&self, key: &str) -> Option<&Obj> {
        match self {
            Obj::Dict(d) => d.get(key),
            _ => None,
        }
    }
    fn as_ref(&self) -> Option<(u32, u16)> {
        match self {
            Obj::Ref(n, g) => Some((*n, *g)),
            _ => None,
        }
    }
}

/// A parsed file: its bytes, the object offsets and the trailer.
pub struct Pdf<'a> {
    pub bytes: &'a [u8],
    offsets: BTreeMap<u32, usize>,
    pub trailer: Obj,
    /// Where the last cross-reference section starts (`startxref`).
    pub startxref: usize,
}

impl<'a> Pdf<'a> {
    pub fn parse(bytes: &'a [u8]) -> Result<Pdf<'a>, Error> {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        let Some(i) = rfind(tail, b"startxref") else {
            return err("intet startxref");
        };
        let mut p = Parser { b: tail, i: i + 9 };
        let Some(Obj::Num(x)) = p.value().ok() else {
            return err("startxref uden tal");
        };
        let startxref = x as usize;
        let mut offsets = BTreeMap::new();
        let mut trailer = None;
        let mut at = Some(startxref);
        let mut seen = 0;
        while let Some(pos) = at {
            seen += 1;
            if seen > 64 || pos >= bytes.len() {
                return err("forkert krydsreference");
            }
            let (t, offs) = xref_section(bytes, pos)?;
            for (n, o) in offs {
                offsets.entry(n).or_insert(o);
            }
            at = match t.get("Prev") {
                Some(Obj::Num(n)) => Some(*n as usize),
                _ => None,
            };
            trailer.get_or_insert(t);
        }
        Ok(Pdf {
            bytes,
            offsets,
            trailer: trailer.unwrap_or(Obj::Null),
            startxref,
        })
    }

    /// The object `n` (generation ignored: Skia writes 0).
    pub fn object(&self, n: u32) -> Result<Obj, Error> {
        let Some(&off) = self.offsets.get(&n) else {
            return err(format!("objekt {n} mangler"));
        };
        let mut p = Parser {
            b: self.bytes,
            i: off,
        };
        let (Obj::Num(_), Obj::Num(_)) = (p.value()?, p.value()?) else {
            return err(format!("objekt {n} står ikke hvor krydsreferencen siger"));
        };
        if !p.keyword(b"obj") {
            return err(format!("objekt {n} står ikke hvor krydsreferencen siger"));
        }
        p.value()
    }

    /// Every object's number and offset.
    pub fn offsets(&self) -> Vec<(u32, usize)> {
        self.offsets.iter().map(|(&n, &o)| (n, o)).collect()
    }

    /// Where object `n` starts and where its `endobj` ends.
    pub fn object_span(&self, n: u32) -> Option<(usize, usize)> {
        let start = *self.offsets.get(&n)?;
        let len = self.bytes[start..]
            .windows(6)
            .position(|w| w == b"endobj")?;
        Some((start, start + len + 6))
    }

    /// Follows a reference (other objects are returned as they are).
    pub fn resolve(&self, o: &Obj) -> Result<Obj, Error> {
        match o {
            Obj::Ref(n, _) => self.object(*n),
            o => Ok(o.clone()),
        }
    }

    pub fn catalog(&self) -> Result<Obj, Error> {
        match self.trailer.get("Root") {
            Some(r) => self.resolve(r),
            None => err("intet katalog (/Root)"),
        }
    }

    /// The page objects' numbers in page order.
    pub fn pages(&self) -> Result<Vec<u32>, Error> {
        let cat = self.catalog()?;
        let Some(root) = cat.get("Pages").and_then(Obj::as_ref) else {
            return err("intet sidetræ");
        };
        let mut out = Vec::new();
        let mut stack = vec![(root.0, 0)];
        while let Some((n, depth)) = stack.pop() {
            if depth > 64 || out.len() > 1_000_000 {
                return err("sidetræet er for dybt");
            }
            let node = self.object(n)?;
            match node.get("Kids") {
                Some(Obj::Array(kids)) => {
                    for k in kids.iter().rev() {
                        if let Some((k, _)) = k.as_ref() {
                            stack.push((k, depth + 1));
                        }
                    }
                }
                _ => out.push(n),
            }
        }
        Ok(out)
    }

    /// Named destination → page number (1-based), from the catalog's
    /// `/Dests` dictionary and the `/Names /Dests` name tree.
    pub fn named_pages(&self) -> Result<BTreeMap<String, usize>, Error> {
        Ok(self
            .named_places()?
            .into_iter()
            .map(|(k, p)| (k, p.page))
            .collect())
    }

    /// Named destination → its page and how far below the page's top edge
    /// it is (pt): the page's height (`/MediaBox`) less the destination's
    /// `/XYZ` top; 0 for other kinds of destination.
    pub fn named_places(&self) -> Result<BTreeMap<String, Place>, Error> {
        let pages = self.pages()?;
        let mut index: BTreeMap<u32, (usize, f64)> = BTreeMap::new();
        for (i, &n) in pages.iter().enumerate() {
            let height = match self.object(n)?.get("MediaBox") {
                Some(Obj::Array(b)) if b.len() == 4 => match (&b[1], &b[3]) {
                    (Obj::Num(y0), Obj::Num(y1)) => y1 - y0,
                    _ => 0.0,
                },
                _ => 0.0,
            };
            index.insert(n, (i + 1, height));
        }
        let cat = self.catalog()?;
        let mut dests: Vec<(String, Obj)> = Vec::new();
        if let Some(d) = cat.get("Dests")
            && let Obj::Dict(d) = self.resolve(d)?
        {
            dests.extend(d);
        }
        if let Some(names) = cat.get("Names")
            && let Some(tree) = self.resolve(names)?.get("Dests")
        {
            self.name_tree(tree, &mut dests, 0)?;
        }
        let mut out = BTreeMap::new();
        for (name, d) in dests {
            let mut d = self.resolve(&d)?;
            // `<< /D [...] >>` as well as the bare array.
            if let Some(inner) = d.get("D") {
                d = self.resolve(inner)?;
            }
            if let Obj::Array(a) = d
                && let Some((page, _)) = a.first().and_then(Obj::as_ref)
                && let Some(&(no, height)) = index.get(&page)
            {
                let down = match (a.get(1), a.get(3)) {
                    (Some(Obj::Name(k)), Some(Obj::Num(top))) if k == "XYZ" => {
                        (height - top).max(0.0)
                    }
                    _ => 0.0,
                };
                out.insert(name, Place { page: no, down });
            }
        }
        Ok(out)
    }

    fn name_tree(
        &self,
        node: &Obj,
        out: &mut Vec<(String, Obj)>,
        depth: usize,
    ) -> Result<(), Error> {
        if depth > 32 {
            return err("navnetræet er for dybt");
        }
        let node = self.resolve(node)?;
        if let Some(Obj::Array(a)) = node.get("Names") {
            for pair in a.chunks(2) {
                if let [Obj::Str(k), v] = pair {
                    out.push((text_string(k), v.clone()));
                }
            }
        }
        if let Some(Obj::Array(kids)) = node.get("Kids") {
            for k in kids {
                self.name_tree(k, out, depth + 1)?;
            }
        }
        Ok(())
    }
}

/// A PDF text string as Rust text (UTF-16BE with BOM, or bytes as Latin-1).
pub fn text_string(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    b.iter().map(|&c| c as char).collect()
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// One classic cross-reference section at `pos`: its trailer and offsets.
fn xref_section(bytes: &[u8], pos: usize) -> Result<(Obj, Vec<(u32, usize)>), Error> {
    let mut p = Parser { b: bytes, i: pos };
    if !p.keyword(b"xref") {
        return err("krydsreferencen er en strøm (PDF 1.5), som omstil ikke læser");
    }
    let mut offs = Vec::new();
    loop {
        p.skip_ws();
        if p.keyword(b"trailer") {
            break;
        }
        let (Obj::Num(first), Obj::Num(count)) = (p.value()?, p.value()?) else {
            return err("forkert krydsreference");
        };
        p.skip_ws();
        for k in 0..count as usize {
            let e = bytes
                .get(p.i..p.i + 20)
                .ok_or_else(|| Error("krydsreferencen er afkortet".into()))?;
            let off = std::str::from_utf8(&e[..10])
                .ok()
                .and_then(|s| s.parse::<usize>().ok());
            match (off, e[17]) {
                (Some(o), b'n') => offs.push((first as u32 + k as u32, o)),
                (Some(_), b'f') => {}
                _ => return err("forkert linje i krydsreferencen"),
            }
            p.i += 20;
        }
    }
    let t = p.value()?;
    Ok((t, offs))
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if is_ws(c) {
                self.i += 1;
            } else if c == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    fn keyword(&mut self, k: &[u8]) -> bool {
        self.skip_ws();
        let end = self.i + k.len();
        if self.b.get(self.i..end) == Some(k)
            && self.b.get(end).is_none_or(|&c| is_ws(c) || is_delim(c))
        {
            self.i = end;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Obj, Error> {
        self.value_at(0)
    }

    fn value_at(&mut self, depth: usize) -> Result<Obj, Error> {
        if depth > 64 {
            return err("for dybt indlejrede objekter");
        }
        self.skip_ws();
        let Some(c) = self.peek() else {
            return err("filen slutter midt i et objekt");
        };
        match c {
            b'/' => {
                self.i += 1;
                Ok(Obj::Name(self.name()))
            }
            b'(' => self.literal(),
            b'<' if self.b.get(self.i + 1) == Some(&b'<') => {
                self.i += 2;
                let mut d = BTreeMap::new();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b'>') => {
                            self.i += 2;
                            return Ok(Obj::Dict(d));
                        }
                        Some(b'/') => {
                            self.i += 1;
                            let k = self.name();
                            let v = self.value_at(depth + 1)?;
                            d.insert(k, v);
                        }
                        _ => return err("forkert ordbog"),
                    }
                }
            }
            b'<' => {
                self.i += 1;
                let start = self.i;
                while self.peek().is_some_and(|c| c != b'>') {
                    self.i += 1;
                }
                let hex: Vec<u8> = self.b[start..self.i]
                    .iter()
                    .copied()
                    .filter(|c| c.is_ascii_hexdigit())
                    .collect();
                self.i += 1;
                let mut out = Vec::with_capacity(hex.len() / 2 + 1);
                for pair in hex.chunks(2) {
                    let s = std::str::from_utf8(pair).unwrap_or("0");
                    let v = u8::from_str_radix(s, 16).unwrap_or(0);
                    out.push(if pair.len() == 1 { v << 4 } else { v });
                }
                Ok(Obj::Str(out))
            }
            b'[' => {
                self.i += 1;
                let mut a = Vec::new();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Obj::Array(a));
                        }
                        None => return err("forkert liste"),
                        _ => a.push(self.value_at(depth + 1)?),
                    }
                }
            }
            b'0'..=b'9' | b'-' | b'+' | b'.' => {
                let n = self.number()?;
                // `n g R`: a reference.
                let save = self.i;
                if n >= 0.0 && n.fract() == 0.0 {
                    self.skip_ws();
                    if self.peek().is_some_and(|c| c.is_ascii_digit())
                        && let Ok(g) = self.number()
                        && self.keyword(b"R")
                    {
                        return Ok(Obj::Ref(n as u32, g as u16));
                    }
                }
                self.i = save;
                Ok(Obj::Num(n))
            }
            _ => {
                let start = self.i;
                while self.peek().is_some_and(|c| !is_ws(c) && !is_delim(c)) {
                    self.i += 1;
                }
                match &self.b[start..self.i] {
                    b"true" => Ok(Obj::Bool(true)),
                    b"false" => Ok(Obj::Bool(false)),
                    b"null" => Ok(Obj::Null),
                    _ => err("ukendt ord i et objekt"),
                }
            }
        }
    }

    fn number(&mut self) -> Result<f64, Error> {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.'))
        {
            self.i += 1;
        }
        std::str::from_utf8(&self.b[start..self.i])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| Error("forkert tal".into()))
    }

    /// A name after its `/`, with `#xx` escapes decoded.
    fn name(&mut self) -> String {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if is_ws(c) || is_delim(c) {
                break;
            }
            if c == b'#'
                && let Some(h) = self.b.get(self.i + 1..self.i + 3)
                && let Some(v) = std::str::from_utf8(h)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                self.i += 3;
                continue;
            }
            out.push(c);
            self.i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    fn literal(&mut self) -> Result<Obj, Error> {
        self.i += 1;
        let mut out = Vec::new();
        let mut depth = 1;
        loop {
            let Some(c) = self.peek() else {
                return err("en tekst slutter ikke");
            };
            self.i += 1;
            match c {
                b'\\' => {
                    let Some(e) = self.peek() else { continue };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' | b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        e => out.push(e),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(Obj::Str(out));
                    }
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three A4 pages made by Chromium 156 from a small HTML page with
    /// `id="a"` on page 2 and `id="b"` on page 3 (tests/fixtures/pdf/).
    const THREE: &[u8] = include_bytes!("../../tests/fixtures/pdf/tre-sider.pdf");

    #[test]
    fn reads_pages_and_named_destinations_of_a_chromium_pdf() {
        let pdf = Pdf::parse(THREE).unwrap();
        assert_eq!(pdf.pages().unwrap().len(), 3);
        let d = pdf.named_pages().unwrap();
        assert_eq!(d.get("a"), Some(&2), "{d:?}");
        assert_eq!(d.get("b"), Some(&3), "{d:?}");
        assert_eq!(
            pdf.catalog().unwrap().get("Lang"),
            Some(&Obj::Str(b"da".to_vec()))
        );
    }

    #[test]
    fn parses_the_objects_skia_writes() {
        let mut p = Parser {
            b: b"<</A [1 0 R /X#20y (a\\(b\\)\\351) <FEFF00E6>] /B -2.5 /C true /D null>>",
            i: 0,
        };
        let o = p.value().unwrap();
        let Some(Obj::Array(a)) = o.get("A") else {
            panic!("{o:?}")
        };
        assert_eq!(a[0], Obj::Ref(1, 0));
        assert_eq!(a[1], Obj::Name("X y".into()));
        assert_eq!(a[2], Obj::Str(b"a(b)\xe9".to_vec()));
        assert_eq!(
            text_string(match &a[3] {
                Obj::Str(s) => s,
                _ => panic!(),
            }),
            "æ"
        );
        assert_eq!(o.get("B"), Some(&Obj::Num(-2.5)));
        assert_eq!(o.get("C"), Some(&Obj::Bool(true)));
        assert_eq!(o.get("D"), Some(&Obj::Null));
    }

    #[test]
    fn a_name_tree_of_destinations_is_read_too() {
        // A hand-made PDF: one page, destinations in /Names /Dests.
        let objs = [
            "<</Type /Catalog /Pages 2 0 R /Names 4 0 R>>",
            "<</Type /Pages /Count 1 /Kids [3 0 R]>>",
            "<</Type /Page /Parent 2 0 R>>",
            "<</Dests <</Kids [5 0 R]>>>>",
            "<</Names [(x) [3 0 R /XYZ 0 0 0] (y) <</D [3 0 R /Fit]>>]>>",
        ];
        let pdf = super::super::info::tests::assemble(&objs);
        let p = Pdf::parse(&pdf).unwrap();
        let d = p.named_pages().unwrap();
        assert_eq!(d.get("x"), Some(&1));
        assert_eq!(d.get("y"), Some(&1));
    }

    #[test]
    fn destinations_tell_how_far_down_their_page_they_are() {
        // A hand-made PDF: a portrait and a landscape A4 page; `/XYZ` tops
        // count from the bottom edge, so "down" is the height less the top.
        let objs = [
            "<</Type /Catalog /Pages 2 0 R /Dests 5 0 R>>",
            "<</Type /Pages /Count 2 /Kids [3 0 R 4 0 R]>>",
            "<</Type /Page /Parent 2 0 R /MediaBox [0 0 594.95996 841.91998]>>",
            "<</Type /Page /Parent 2 0 R /MediaBox [0 0 841.91998 594.95996]>>",
            "<</a [3 0 R /XYZ 33.75 841.91998 0] /b [3 0 R /XYZ 0 541.91998 0] /c [4 0 R /XYZ 0 94.95996 0] /d [4 0 R /Fit]>>",
        ];
        let pdf = super::super::info::tests::assemble(&objs);
        let d = Pdf::parse(&pdf).unwrap().named_places().unwrap();
        let at = |k: &str| {
            let p = d[k];
            (p.page, (p.down * 100.0).round() / 100.0)
        };
        assert_eq!(at("a"), (1, 0.0));
        assert_eq!(at("b"), (1, 300.0));
        assert_eq!(at("c"), (2, 500.0));
        assert_eq!(at("d"), (2, 0.0));
    }

    #[test]
    fn cross_reference_streams_are_refused_not_misread() {
        let pdf =
            b"%PDF-1.5\n1 0 obj\n<</Type /XRef>>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n";
        let e = Pdf::parse(pdf).err().unwrap();
        assert!(e.to_string().contains("strøm"), "{e}");
        assert!(Pdf::parse(b"ikke en pdf").is_err());
    }
}
