//! The pages in every language: each catalog says what English says, with
//! the same values and the same markup; the language is chosen in the
//! address and kept by every link and form, never guessed or remembered.

use std::collections::{BTreeMap, BTreeSet};

use darkroom_server::i18n::{self, Tr, LOCALES};
use fluent_syntax::ast;

use crate::server_util::*;
use crate::util::*;

/// What a message must agree on across languages.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    /// The values it uses (`$newsroom`).
    variables: BTreeSet<String>,
    /// Its markup: each tag, with its attributes, in order.
    tags: Vec<String>,
}

fn inline(e: &ast::InlineExpression<&str>, shape: &mut Shape, text: &mut String) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            shape.variables.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expr(expression, shape, text),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline(a, shape, text);
            }
            for n in &arguments.named {
                inline(&n.value, shape, text);
            }
        }
        _ => {}
    }
}

fn expr(e: &ast::Expression<&str>, shape: &mut Shape, text: &mut String) {
    match e {
        ast::Expression::Inline(i) => inline(i, shape, text),
        ast::Expression::Select { selector, variants } => {
            inline(selector, shape, text);
            for v in variants {
                pattern(&v.value, shape, text);
            }
        }
    }
}

fn pattern(p: &ast::Pattern<&str>, shape: &mut Shape, text: &mut String) {
    for e in &p.elements {
        match e {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable { expression } => expr(expression, shape, text),
        }
    }
}

/// Each tag in `text`, in order (`<strong>`, `</strong>`, `<a href="/x">`).
fn tags(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map(|e| start + e + 1)
            .unwrap_or(rest.len());
        out.push(rest[start..end].to_string());
        rest = &rest[end..];
    }
    out
}

/// Whether `tag` is one a message may hold: `<strong>`, `<em>`, `<code>`,
/// `<span>` or `<a>`, opening or closing, with only `class`, `id`,
/// `download` and an `href` within the site.
fn inert(tag: &str) -> bool {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let mut parts = inner.split(' ');
    let name = parts.next().unwrap_or_default();
    ["strong", "em", "code", "span", "a"].contains(&name)
        && parts.all(|attr| {
            let (key, value) = attr.split_once('=').unwrap_or((attr, ""));
            let value = value.trim_matches('"');
            match key {
                "class" | "id" | "download" => !value.contains(['<', '>', '"', '\'']),
                "href" => value.starts_with('/') && !value.starts_with("//"),
                _ => false,
            }
        })
}

/// A catalog's messages and their shapes; its header comment.
fn read(code: &str) -> (BTreeMap<String, Shape>, String) {
    let source = i18n::source(code).unwrap();
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{code}: the catalog does not parse: {errors:?}"),
    };
    let mut messages = BTreeMap::new();
    let mut header = String::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut shape = Shape::default();
                let mut text = String::new();
                let value = m
                    .value
                    .as_ref()
                    .unwrap_or_else(|| panic!("{code}: {} has no value", m.id.name));
                pattern(value, &mut shape, &mut text);
                assert!(
                    m.attributes.is_empty(),
                    "{code}: {} has attributes; the pages use none",
                    m.id.name
                );
                shape.tags = tags(&text);
                assert!(
                    !text.contains('&'),
                    "{code}: {} holds an entity or a bare &; write the character itself",
                    m.id.name
                );
                let old = messages.insert(m.id.name.to_string(), shape);
                assert!(old.is_none(), "{code}: {} is there twice", m.id.name);
            }
            ast::Entry::ResourceComment(c) if header.is_empty() => header = c.content.join("\n"),
            ast::Entry::Term(t) => panic!("{code}: term -{} (the pages use none)", t.id.name),
            _ => {}
        }
    }
    (messages, header)
}

/// The ids the templates and handlers ask for, read from their source.
fn asked_for() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("templates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for dir in ["server/src", "server/src/routes", "server/src/store"] {
        files.extend(
            std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "rs")),
        );
    }
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for call in [
            "t.get(\"",
            "t.arg(\"",
            "t.arg2(\"",
            "t.arg3(\"",
            "t.plain(\"",
            "t.plain_arg(\"",
        ] {
            for (i, _) in text.match_indices(call) {
                let rest = &text[i + call.len()..];
                ids.insert(rest[..rest.find('"').unwrap()].to_string());
            }
        }
        // Ids handed on as values: a kind of key, a heading, a refusal.
        for prefix in [
            "\"protection-",
            "\"error-",
            "\"refuse-",
            "\"label-",
            "\"sealed-",
            "\"inbox-forged-",
            "\"inbox-unreadable",
        ] {
            for (i, _) in text.match_indices(prefix) {
                let rest = &text[i + 1..];
                ids.insert(rest[..rest.find('"').unwrap()].to_string());
            }
        }
    }
    ids
}

#[test]
fn every_catalog_says_what_english_says_with_the_same_values_and_markup() {
    let (english, header) = read("en");
    assert!(header.contains("Review:"), "en: no review line");
    // Every message a page asks for is in English, and English holds none
    // that no page asks for.
    let asked = asked_for();
    let known: BTreeSet<String> = english.keys().cloned().collect();
    let missing: Vec<_> = asked.difference(&known).collect();
    assert!(
        missing.is_empty(),
        "pages ask for messages English lacks: {missing:?}"
    );
    let unused: Vec<_> = known.difference(&asked).collect();
    assert!(
        unused.is_empty(),
        "English has messages no page asks for: {unused:?}"
    );

    // English's markup is inline and inert: a few elements, addresses
    // within the site, no handlers or styles. Every catalog has the same.
    for (id, shape) in &english {
        for tag in &shape.tags {
            assert!(inert(tag), "en: {id} has {tag}");
        }
    }

    let mut problems = Vec::new();
    for l in LOCALES.iter().skip(1) {
        let (catalog, header) = read(l.code);
        if !header
            .lines()
            .any(|line| line.starts_with("Review: ") && line.len() > "Review: ".len())
        {
            problems.push(format!(
                "{}: the header has no `Review:` line saying who reviewed it",
                l.code
            ));
        }
        for (id, shape) in &english {
            match catalog.get(id) {
                None => problems.push(format!("{}: lacks {id}", l.code)),
                Some(s) if s.variables != shape.variables => problems.push(format!(
                    "{}: {id} uses {:?}, English {:?}",
                    l.code, s.variables, shape.variables
                )),
                Some(s) => {
                    // Tags may move within a sentence, but are the same ones.
                    let mut a = s.tags.clone();
                    let mut b = shape.tags.clone();
                    a.sort();
                    b.sort();
                    if a != b {
                        problems.push(format!(
                            "{}: {id} has markup {:?}, English {:?}",
                            l.code, s.tags, shape.tags
                        ));
                    }
                }
            }
        }
        for id in catalog.keys().filter(|id| !english.contains_key(*id)) {
            problems.push(format!("{}: has {id}, which English does not", l.code));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The server parses them all (with its own crate), as it does at start.
    i18n::Catalogs::load().unwrap();
}

/// The three ways a check may fail, each caught: a missing message, one
/// English lacks, and a value renamed.
#[test]
fn the_catalog_check_catches_a_missing_an_extra_and_a_renamed_value() {
    let shape = |code: &str, id: &str| read(code).0.remove(id).unwrap();
    let english = shape("en", "landing-heading");
    assert_eq!(english.variables, BTreeSet::from(["newsroom".to_string()]));
    assert_eq!(
        shape("en", "landing-way-page").tags[..2],
        ["<strong>", "<a href=\"/submit\">"]
    );
    // The same walker over edited text.
    let edited = "landing-heading = Envíe a { $redaccion } una foto\n";
    let resource = fluent_syntax::parser::parse(edited).unwrap();
    let ast::Entry::Message(m) = &resource.body[0] else {
        panic!()
    };
    let mut s = Shape::default();
    pattern(m.value.as_ref().unwrap(), &mut s, &mut String::new());
    assert_ne!(s.variables, english.variables);
    // Only inert markup passes.
    assert!(inert("<a href=\"/submit\">") && inert("</strong>"));
    for bad in [
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">",
        "<a href=\"//elsewhere.example\">",
        "<span style=\"display:none\">",
        "<script>",
    ] {
        assert!(!inert(bad), "{bad}");
    }
    // Plural variants count their values too.
    let intro = shape("en", "landing-intro");
    assert_eq!(intro.variables, BTreeSet::from(["days".to_string()]));
}

fn html_tag<'a>(body: &'a str, name: &str) -> &'a str {
    let start = body.find(&format!("<{name}")).unwrap();
    &body[start..start + body[start..].find('>').unwrap() + 1]
}

/// The pages a GET reaches without an account: the source's and the
/// reader's, an error page, and the journalist's login.
pub(crate) const PAGES: [&str; 6] = [
    "/",
    "/submit",
    "/inbox",
    "/verify",
    "/nope",
    "/journalist/login",
];

/// Every page, in every language: the document's `lang` and `dir`, no
/// message left untranslated as its id, the menu naming each language in
/// itself, and the language kept by every link and form within the site.
#[tokio::test]
async fn every_page_speaks_the_language_in_its_address_and_keeps_it() {
    let n = newsroom();
    let dir = scratch("languages-pages");
    let app = app_in(&dir, config_file(n));
    let (english, _) = read("en");
    for l in LOCALES {
        for page in PAGES {
            let path = format!("{page}?lang={}", l.code);
            let a = send(&app, get(&path)).await;
            let body = a.text();
            let html = html_tag(&body, "html");
            assert!(
                html.contains(&format!("lang=\"{}\"", l.code)),
                "{path}: {html}"
            );
            let dir = if l.rtl { "rtl" } else { "ltr" };
            assert!(html.contains(&format!("dir=\"{dir}\"")), "{path}: {html}");
            for id in english.keys() {
                assert!(
                    !body.contains(&format!(">{id}<")),
                    "{path}: {id} shown as its id"
                );
            }
            for other in LOCALES {
                assert!(
                    body.contains(&format!(
                        "lang=\"{}\" hreflang=\"{}\"",
                        other.code, other.code
                    )),
                    "{path}: the menu lacks {}",
                    other.code
                );
                assert!(body.contains(other.name), "{path}: {}", other.name);
            }
            // Links and forms within the site keep the language (the
            // menu's links change it).
            let menu = body.find("<details class=\"languages\">").unwrap();
            let menu_end = menu + body[menu..].find("</details>").unwrap();
            let outside = format!("{}{}", &body[..menu], &body[menu_end..]);
            for attr in ["href=\"/", "action=\"/"] {
                for (i, _) in outside.match_indices(attr) {
                    let url = &outside[i + attr.len() - 1..];
                    let url = &url[..url.find('"').unwrap()];
                    if url.starts_with("/static/") {
                        continue;
                    }
                    if l.code == "en" {
                        assert!(!url.contains("lang="), "{path}: {url}");
                    } else {
                        assert!(
                            url.ends_with(&format!("lang={}", l.code)),
                            "{path}: {url} drops the language"
                        );
                    }
                }
            }
            // The inbox's and the login's forms set a token cookie; none
            // holds the language.
            for c in a.headers.get_all("set-cookie") {
                let c = c.to_str().unwrap();
                assert!(
                    ["/inbox", "/journalist/login"].contains(&page) && !c.contains("lang"),
                    "{path}: {c}"
                );
            }
        }
    }
}

/// Tor Browser sends `Accept-Language: en-US` whatever its reader speaks,
/// and a cookie would follow the reader: neither chooses the language.
/// A tag the server does not speak falls back to English, not an error.
#[tokio::test]
async fn the_language_is_never_guessed_or_remembered() {
    let n = newsroom();
    let dir = scratch("languages-guess");
    let app = app_in(&dir, config_file(n));
    let mut r = get("/submit");
    r.headers_mut()
        .insert("accept-language", "ar,fa;q=0.9".parse().unwrap());
    r.headers_mut().insert("cookie", "lang=ar".parse().unwrap());
    let a = send(&app, r).await;
    assert!(html_tag(&a.text(), "html").contains("lang=\"en\""));
    let a = send(&app, get("/submit?lang=ar")).await;
    assert!(a.headers.get("set-cookie").is_none());
    assert!(a.headers.get("vary").is_none_or(|v| !v
        .to_str()
        .unwrap()
        .to_ascii_lowercase()
        .contains("accept-language")));
    for unknown in ["xx", "../../etc", "ar%00", ""] {
        let a = send(&app, get(&format!("/submit?lang={unknown}"))).await;
        assert_eq!(a.status, axum::http::StatusCode::OK, "{unknown}");
        assert!(
            html_tag(&a.text(), "html").contains("lang=\"en\""),
            "{unknown}"
        );
    }
}

/// Values put into a sentence are escaped and isolated: a newsroom name
/// with markup shows as text, and the catalog's own markup stays markup.
#[test]
fn values_are_escaped_and_isolated_and_markup_is_the_catalogs() {
    for l in LOCALES {
        let t = Tr::new(Some(l.code), "/");
        let said = t
            .arg("landing-key-intro", "newsroom", "<script>x</script> & Co")
            .into_string();
        assert!(!said.contains("<script>"), "{}: {said}", l.code);
        assert!(
            said.contains("<bdi>&lt;script&gt;x&lt;/script&gt; &amp; Co</bdi>"),
            "{}: {said}",
            l.code
        );
        assert!(said.contains("<strong>"), "{}: {said}", l.code);
    }
    // Plural forms come from Fluent, by the language's rules.
    let en = Tr::new(Some("en"), "/");
    assert!(en
        .arg("landing-intro", "days", 1u32)
        .into_string()
        .contains("1 day."));
    assert!(en
        .arg("landing-intro", "days", 30u32)
        .into_string()
        .contains("30 days."));
    let ru = Tr::new(Some("ru"), "/");
    let few = ru.arg("landing-intro", "days", 3u32).into_string();
    let many = ru.arg("landing-intro", "days", 30u32).into_string();
    assert_ne!(
        few.rsplit(' ').next(),
        many.rsplit(' ').next(),
        "{few} / {many}"
    );
}

/// The codename's words are the secret, not prose: the same list in every
/// language.
/// SHA-256 of the EFF long list, one word a line, as the client draws from.
const CODENAME_WORDS_SHA256: &str =
    "abae49761b88f3f1ba31ef944bea1f61b795a3cd7e1cfb7d276ed45bf77967ba";

#[test]
fn the_codename_word_list_is_not_translated() {
    use sha2::Digest;
    let words = darkroom_core::codename::wordlist();
    assert_eq!(words.len(), 7776);
    assert_eq!((words[0], words[7775]), ("abacus", "zoom"));
    let digest = hex::encode(sha2::Sha256::digest(words.join("\n").as_bytes()));
    assert_eq!(digest, CODENAME_WORDS_SHA256);
    for l in LOCALES {
        let source = i18n::source(l.code).unwrap();
        assert!(!source.contains("codename-word"), "{}", l.code);
    }
}

/// A refusal is worded in the page's language; the API answers the same
/// refusal in English, for programs.
#[tokio::test]
async fn refusals_are_said_in_the_readers_language() {
    let n = newsroom();
    let dir = scratch("languages-refusals");
    let app = app_in(&dir, config_file(n));
    for l in LOCALES {
        let t = Tr::new(Some(l.code), "/");
        let a = send(&app, get(&format!("/nope?lang={}", l.code))).await;
        assert_eq!(a.status, axum::http::StatusCode::NOT_FOUND);
        let body = a.text();
        for id in ["error-refused", "refuse-not-found", "error-nothing-stored"] {
            let said = t.get(id).into_string();
            assert!(body.contains(&said), "{}: {said:?} not in the page", l.code);
        }
        // The plain form, sent without a file.
        let a = send(
            &app,
            post_multipart(&format!("/submit?lang={}", l.code), &[]),
        )
        .await;
        assert_eq!(a.status, axum::http::StatusCode::BAD_REQUEST, "{}", l.code);
        let said = t.get("refuse-choose-file").into_string();
        assert!(a.text().contains(&said), "{}: {said:?}", l.code);
    }
    // The API: English, with code marked as code.
    let a = send(&app, post_multipart("/api/v1/submissions?lang=ar", &[])).await;
    let said = a.json()["error"].as_str().unwrap_or_default().to_string();
    assert!(said.is_ascii() && !said.is_empty(), "{said}");
}
