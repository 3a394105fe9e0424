//! What the pages say, in the reader's language.
//!
//! Every sentence comes from a Project Fluent catalog in `locales/<code>/`,
//! built into the binary. The language is chosen on the page and carried in
//! the address (`?lang=ar`), never in a cookie and never guessed from
//! `Accept-Language`: Tor Browser sends `en-US` whatever its reader speaks.
//!
//! Messages may hold a few inline HTML elements (`<strong>`, `<code>`,
//! `<a href="/submit">`…), the same ones in every language (a test checks
//! it); the values put into them are escaped and isolated with `<bdi>`, so a
//! newsroom's name in one script reads right inside a sentence in another.

use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;
use std::sync::OnceLock;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the pages speak.
pub struct Locale {
    /// Its BCP 47 tag, as `?lang=` and `<html lang>` carry it.
    pub code: &'static str,
    /// Its name in itself, for the menu.
    pub name: &'static str,
    /// Whether it is written right to left.
    pub rtl: bool,
    /// The pages' catalog.
    source: &'static str,
}

macro_rules! catalog {
    ($code:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../locales/",
            $code,
            "/pages.ftl"
        ))
    };
}

/// Every language, English (the source every other is translated from)
/// first.
pub const LOCALES: &[Locale] = &[
    Locale {
        code: "en",
        name: "English",
        rtl: false,
        source: catalog!("en"),
    },
    Locale {
        code: "es",
        name: "Español",
        rtl: false,
        source: catalog!("es"),
    },
    Locale {
        code: "fr",
        name: "Français",
        rtl: false,
        source: catalog!("fr"),
    },
    Locale {
        code: "pt",
        name: "Português",
        rtl: false,
        source: catalog!("pt"),
    },
    Locale {
        code: "de",
        name: "Deutsch",
        rtl: false,
        source: catalog!("de"),
    },
    Locale {
        code: "ru",
        name: "Русский",
        rtl: false,
        source: catalog!("ru"),
    },
    Locale {
        code: "uk",
        name: "Українська",
        rtl: false,
        source: catalog!("uk"),
    },
    Locale {
        code: "tr",
        name: "Türkçe",
        rtl: false,
        source: catalog!("tr"),
    },
    Locale {
        code: "ar",
        name: "العربية",
        rtl: true,
        source: catalog!("ar"),
    },
    Locale {
        code: "fa",
        name: "فارسی",
        rtl: true,
        source: catalog!("fa"),
    },
    Locale {
        code: "zh-Hans",
        name: "简体中文",
        rtl: false,
        source: catalog!("zh-Hans"),
    },
];

/// Pseudo-languages made from English, for testing layouts: `en-XA` is
/// accented and 40% longer, `ar-XB` the same written right to left. They
/// are not in the menu; `?lang=en-XA` shows one (docs/translating.md).
pub const PSEUDO: &[(&str, bool)] = &[("en-XA", false), ("ar-XB", true)];

/// English text made longer and accented, its markup kept.
fn pseudo(text: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(text.len() * 2);
    let mut letters = 0usize;
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        if in_tag || c == '>' {
            out.push(c);
            continue;
        }
        let accented = match c {
            'a' => 'á',
            'c' => 'ç',
            'e' => 'é',
            'i' => 'î',
            'n' => 'ñ',
            'o' => 'ö',
            's' => 'š',
            'u' => 'ü',
            'y' => 'ý',
            'A' => 'Å',
            'E' => 'É',
            'I' => 'Î',
            'O' => 'Ø',
            'U' => 'Û',
            c => c,
        };
        if c.is_alphabetic() {
            letters += 1;
        }
        out.push(accented);
    }
    // Forty per cent more letters, as words, so lines still break.
    let mut pad = (letters * 2).div_ceil(5);
    if pad > 0 {
        out.push(' ');
        while pad > 0 {
            let n = pad.min(6);
            out.extend(std::iter::repeat_n('ł', n));
            pad -= n;
            if pad > 0 {
                out.push(' ');
            }
        }
    }
    Cow::Owned(out)
}

/// [`pseudo`], shown right to left (each run between tags overridden).
fn pseudo_rtl(text: &str) -> Cow<'_, str> {
    let long = pseudo(text);
    let mut out = String::with_capacity(long.len() + 16);
    let mut in_tag = false;
    let mut in_run = false;
    for c in long.chars() {
        if c == '<' {
            in_tag = true;
            if in_run {
                out.push('\u{202C}');
                in_run = false;
            }
        }
        if !in_tag && !in_run {
            out.push('\u{202E}');
            in_run = true;
        }
        out.push(c);
        if c == '>' {
            in_tag = false;
        }
    }
    if in_run {
        out.push('\u{202C}');
    }
    Cow::Owned(out)
}

/// The catalog of one language, as its source text (for the tests and
/// `docs/translating.md`'s checks).
pub fn source(code: &str) -> Option<&'static str> {
    LOCALES.iter().find(|l| l.code == code).map(|l| l.source)
}

type Bundle = FluentBundle<FluentResource>;

/// Every catalog, parsed once.
pub struct Catalogs {
    bundles: Vec<Bundle>,
}

type Transform = fn(&str) -> Cow<'_, str>;

impl Catalogs {
    /// Parses every catalog; an error names each message that does not parse.
    pub fn load() -> Result<Catalogs, String> {
        let mut errors = Vec::new();
        let bundles = LOCALES
            .iter()
            .map(|l| (l.code, l.source, None))
            .chain(PSEUDO.iter().map(|(code, rtl)| {
                let transform: Transform = if *rtl { pseudo_rtl } else { pseudo };
                (*code, LOCALES[0].source, Some(transform))
            }))
            .map(|(code, source, transform)| bundle(code, source, transform, &mut errors))
            .collect::<Result<Vec<_>, _>>()?;
        if errors.is_empty() {
            Ok(Catalogs { bundles })
        } else {
            Err(errors.join("\n"))
        }
    }
}

/// The bundle of language `code` from a catalog's `source` (made over by
/// `transform` for a pseudo-language); what does not parse is added to
/// `errors`.
fn bundle(
    code: &str,
    source: &str,
    transform: Option<Transform>,
    errors: &mut Vec<String>,
) -> Result<Bundle, String> {
    let tag = code
        .parse()
        .map_err(|e| format!("{code}: not a language tag: {e}"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // Values are isolated with <bdi> instead of Unicode's isolating marks,
    // which would end up in copied text.
    bundle.set_use_isolating(false);
    bundle.set_transform(transform);
    let resource = match FluentResource::try_new(source.to_owned()) {
        Ok(r) => r,
        Err((r, errs)) => {
            errors.extend(errs.iter().map(|e| format!("{code}: {e:?}")));
            r
        }
    };
    if let Err(errs) = bundle.add_resource(resource) {
        errors.extend(errs.iter().map(|e| format!("{code}: {e:?}")));
    }
    Ok(bundle)
}

/// The catalogs, parsed once; [`crate::serve`] asks for them first, so a
/// catalog that does not parse stops the server at start.
pub fn catalogs() -> Result<&'static Catalogs, &'static str> {
    static CATALOGS: OnceLock<Result<Catalogs, String>> = OnceLock::new();
    CATALOGS
        .get_or_init(Catalogs::load)
        .as_ref()
        .map_err(|e| e.as_str())
}

/// A value put into a message: text (escaped, isolated) or a number (for
/// plurals).
pub enum Arg<'a> {
    /// Text: escaped, and isolated with `<bdi>`.
    Text(Cow<'a, str>),
    /// A number: Fluent picks plural forms by it.
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}
impl<'a> From<&&'a str> for Arg<'a> {
    fn from(s: &&'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}
impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
        impl From<&$t> for Arg<'_> {
            fn from(n: &$t) -> Self {
                Arg::Number(*n as f64)
            }
        }
    )*};
}
number_arg!(u32, u64, usize);

/// A message, ready for the page: its markup is the catalog's, its values
/// escaped.
pub struct Text(String);

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for Text {}

impl Text {
    /// Text that is not a catalog's, escaped.
    pub fn escaped(s: &str) -> Text {
        Text(escape(s))
    }

    /// As a plain string (for a heading handed on, or a test).
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One entry of the language menu.
pub struct Choice {
    /// The language's tag.
    pub code: &'static str,
    /// Its name in itself.
    pub name: &'static str,
    /// This page in it.
    pub href: String,
    /// Whether it is the page's language now.
    pub current: bool,
}

/// The reader's language, taken from the address, and the page's own path
/// (for the language menu).
#[derive(Clone)]
pub struct Tr {
    locale: usize,
    path: String,
}

impl Default for Tr {
    fn default() -> Self {
        Tr {
            locale: 0,
            path: "/".into(),
        }
    }
}

impl Tr {
    /// The language named by `lang` (English if none, or one this server
    /// does not speak), on the page at `path`.
    pub fn new(lang: Option<&str>, path: &str) -> Tr {
        let locale = lang
            .and_then(|code| {
                LOCALES
                    .iter()
                    .map(|l| l.code)
                    .chain(PSEUDO.iter().map(|(c, _)| *c))
                    .position(|c| c.eq_ignore_ascii_case(code))
            })
            .unwrap_or(0);
        Tr {
            locale,
            path: path.to_owned(),
        }
    }

    /// The language of a page at `path` whose address's query is `query`.
    pub fn from_query(query: Option<&str>, path: &str) -> Tr {
        let lang = query.and_then(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "lang")
                .map(|(_, v)| v.into_owned())
        });
        Tr::new(lang.as_deref(), path)
    }

    /// `<html lang>`.
    pub fn code(&self) -> &'static str {
        match LOCALES.get(self.locale) {
            Some(l) => l.code,
            None => PSEUDO[self.locale - LOCALES.len()].0,
        }
    }

    /// `<html dir>`.
    pub fn dir(&self) -> &'static str {
        let rtl = match LOCALES.get(self.locale) {
            Some(l) => l.rtl,
            None => PSEUDO[self.locale - LOCALES.len()].1,
        };
        if rtl {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// What an address within the site ends with to keep the language:
    /// nothing for English, `?lang=…` otherwise.
    pub fn q(&self) -> String {
        if self.locale == 0 {
            String::new()
        } else {
            format!("?lang={}", self.code())
        }
    }

    /// `path`, keeping the language.
    pub fn at(&self, path: &str) -> String {
        format!("{path}{}", self.q())
    }

    /// The current language's name in itself (a pseudo-language's tag).
    pub fn name(&self) -> &'static str {
        LOCALES.get(self.locale).map_or(self.code(), |l| l.name)
    }

    /// The language menu: every language, at this page.
    pub fn menu(&self) -> Vec<Choice> {
        LOCALES
            .iter()
            .enumerate()
            .map(|(i, l)| Choice {
                code: l.code,
                name: l.name,
                href: if i == 0 {
                    self.path.clone()
                } else {
                    format!("{}?lang={}", self.path, l.code)
                },
                current: i == self.locale,
            })
            .collect()
    }

    /// A message without values.
    pub fn get(&self, id: &str) -> Text {
        self.format(id, None)
    }

    /// A message with one value.
    pub fn arg<'a>(&self, id: &str, key: &str, value: impl Into<Arg<'a>>) -> Text {
        self.args(id, vec![(key, value.into())])
    }

    /// A message with two values.
    pub fn arg2<'a>(
        &self,
        id: &str,
        k1: &str,
        v1: impl Into<Arg<'a>>,
        k2: &str,
        v2: impl Into<Arg<'a>>,
    ) -> Text {
        self.args(id, vec![(k1, v1.into()), (k2, v2.into())])
    }

    /// A message with three values.
    #[allow(clippy::too_many_arguments)]
    pub fn arg3<'a>(
        &self,
        id: &str,
        k1: &str,
        v1: impl Into<Arg<'a>>,
        k2: &str,
        v2: impl Into<Arg<'a>>,
        k3: &str,
        v3: impl Into<Arg<'a>>,
    ) -> Text {
        self.args(id, vec![(k1, v1.into()), (k2, v2.into()), (k3, v3.into())])
    }

    /// A message with values.
    pub fn args(&self, id: &str, values: Vec<(&str, Arg<'_>)>) -> Text {
        let mut args = FluentArgs::new();
        for (k, v) in values {
            add(&mut args, k, v);
        }
        self.format(id, Some(&args))
    }

    /// A message as plain text, markup removed: for a `<title>` or an
    /// attribute (escaped by the template).
    pub fn plain(&self, id: &str) -> String {
        self.plain_with(id, &[], "")
    }

    /// A message with one value, as plain text: for a `<title>` or an
    /// attribute (escaped by the template).
    pub fn plain_arg(&self, id: &str, key: &str, value: &str) -> String {
        self.plain_with(id, &[(key, value.to_owned())], "")
    }

    /// A message with values, as plain text (the API's answers, a log):
    /// markup removed, nothing escaped, code marked with backquotes.
    pub fn text(&self, id: &str, values: &[(&str, String)]) -> String {
        self.plain_with(id, values, "`")
    }

    fn plain_with(&self, id: &str, values: &[(&str, String)], code: &str) -> String {
        let said = self.args(id, values.iter().map(|(k, v)| (*k, Arg::from(v))).collect());
        let said = said.0.replace("<code>", code).replace("</code>", code);
        unescape(&strip_tags(&said))
    }

    /// The same language, its menu pointing at `path` (a page answered to
    /// a form sent elsewhere).
    pub fn on(&self, path: &str) -> Tr {
        Tr {
            locale: self.locale,
            path: path.to_owned(),
        }
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> Text {
        let Ok(catalogs) = catalogs() else {
            return Text(escape(id));
        };
        // A message a catalog lacks (the tests keep every catalog whole)
        // is said in English rather than shown as its identifier.
        for i in [self.locale, 0] {
            let bundle = &catalogs.bundles[i];
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = vec![];
                let text = bundle.format_pattern(pattern, args, &mut errors);
                return Text(self.keep_language(&text));
            }
        }
        Text(escape(id))
    }
}

impl Tr {
    /// A message's links to this site's pages (`href="/…"`), made to keep
    /// the language.
    fn keep_language(&self, html: &str) -> String {
        if self.locale == 0 {
            return html.to_owned();
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find("href=\"/") {
            let (head, tail) = rest.split_at(at + "href=\"".len());
            out.push_str(head);
            let end = tail.find('"').unwrap_or(tail.len());
            let (url, after) = tail.split_at(end);
            out.push_str(url);
            if !url.contains('?') && !url.starts_with("/static/") {
                out.push_str(&self.q());
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }
}

fn add<'a>(args: &mut FluentArgs<'a>, key: &str, value: Arg<'_>) {
    let value = match value {
        Arg::Text(s) => FluentValue::from(format!("<bdi>{}</bdi>", escape(&s))),
        Arg::Number(n) => FluentValue::from(n),
    };
    args.set(key.to_owned(), value);
}

/// [`escape`] undone.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Text with its HTML elements removed (the catalogs hold no entities).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Tr::from_query(parts.uri.query(), parts.uri.path()))
    }
}
