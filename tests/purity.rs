use std::fs;
use std::path::Path;

/// `core` and `circuits` must run in a browser and stay testable: no file,
/// network, process, environment or clock access of their own.
#[test]
fn pure_crates_do_no_io() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let forbidden = [
        "std::fs",
        "std::net",
        "std::process",
        "std::env",
        "SystemTime",
        "Instant::now",
        "File::",
    ];
    let mut checked = 0;
    for krate in ["core/src", "circuits/src"] {
        let mut stack = vec![root.join(krate)];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = fs::read_to_string(&path).unwrap();
                for word in forbidden {
                    assert!(!text.contains(word), "{} uses {word}", path.display());
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "only {checked} files checked");
}

/// The top-level modules a source file under `root` names with `prefix`
/// (`crate::` or `super::`), tests and comments aside.
fn named_modules(text: &str, prefix: &str, known: &[String]) -> std::collections::BTreeSet<String> {
    let end = [
        "#[cfg(test)]\nmod tests",
        "#[cfg(test)]\npub(crate) mod tests",
    ]
    .iter()
    .filter_map(|m| text.find(m))
    .min()
    .unwrap_or(text.len());
    let code: String = text[..end]
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = std::collections::BTreeSet::new();
    for (i, _) in code.match_indices(prefix) {
        let rest = &code[i + prefix.len()..];
        // `crate::name`, or each name of `crate::{a, b::c}`.
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(0)]
                .split(',')
                .map(|p| p.trim().split("::").next().unwrap_or_default())
                .collect(),
            None => vec![rest
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap_or_default()],
        };
        for n in names {
            if known.iter().any(|k| k == n) {
                out.insert(n.to_string());
            }
        }
    }
    out
}

/// Dependencies between a crate's modules point one way: no module
/// reaches, through others, back to itself. (Each crate's tests are left
/// out: they may use anything.)
#[test]
fn modules_import_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (dir, prefix) in [
        ("core/src", "crate::"),
        ("circuits/src", "crate::"),
        ("server/src", "crate::"),
        ("src/commands", "super::"),
    ] {
        let base = root.join(dir);
        // Top-level modules: files and folders beside lib.rs (or mod.rs).
        let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
        let mut stack = vec![base.clone()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs")
                    && p.file_name().is_some_and(|n| n != "tests.rs")
                {
                    let rel = p.strip_prefix(&base).unwrap();
                    let top = rel
                        .components()
                        .next()
                        .unwrap()
                        .as_os_str()
                        .to_string_lossy()
                        .trim_end_matches(".rs")
                        .to_string();
                    if !["lib", "main", "mod"].contains(&top.as_str()) {
                        files.push((top, p));
                    }
                }
            }
        }
        let known: Vec<String> = files.iter().map(|(m, _)| m.clone()).collect();
        let mut edges: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
            Default::default();
        for (module, path) in &files {
            let text = fs::read_to_string(path).unwrap();
            let named = named_modules(&text, prefix, &known);
            edges
                .entry(module.clone())
                .or_default()
                .extend(named.into_iter().filter(|n| n != module));
        }
        // Depth-first search for a path back to the start.
        for start in edges.keys() {
            let mut stack = vec![vec![start.clone()]];
            while let Some(path) = stack.pop() {
                let last = path.last().unwrap();
                for next in edges.get(last).into_iter().flatten() {
                    assert!(
                        next != start,
                        "{dir}: modules import each other: {} -> {next}",
                        path.join(" -> ")
                    );
                    if !path.contains(next) {
                        let mut longer = path.clone();
                        longer.push(next.clone());
                        stack.push(longer);
                    }
                }
            }
        }
        assert!(edges.len() >= 5, "{dir}: only {} modules read", edges.len());
    }
}

/// No source file of the product grows past 1,000 lines: split it by
/// concern (tests and generated files aside).
/// The source's side of the CLI (the commands a source runs, and what
/// they share) does not reach into the server crate: the server's code is
/// not part of what a source's client trusts or runs.
#[test]
fn the_sources_commands_do_not_use_the_server_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let source_side = [
        "address.rs",
        "clock.rs",
        "transport.rs",
        "output.rs",
        "exit.rs",
        "commands/submit.rs",
        "commands/inbox.rs",
        "commands/trust.rs",
        "commands/seal.rs",
        "commands/strip.rs",
        "commands/provenance.rs",
        "commands/publish.rs",
    ];
    for file in source_side {
        let text = fs::read_to_string(root.join(file)).unwrap();
        assert!(
            !text.contains("darkroom_server"),
            "src/{file} uses the server crate"
        );
    }
}

#[test]
fn no_source_file_is_over_a_thousand_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        "core/src",
        "circuits/src",
        "server/src",
        "web/src",
        "src",
        "bench/src",
    ] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let lines = fs::read_to_string(&p).unwrap().lines().count();
                    assert!(lines <= 1000, "{} has {lines} lines", p.display());
                }
            }
        }
    }
}

/// A refusal's test says which refusal. An assert whose condition is only
/// `x.is_err()` passes on any error, the wrong one included, so it is
/// written with `matches!(x, Err(…))` or compared with the sentence.
#[test]
fn no_test_asserts_only_that_something_failed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for dir in [
        "core/src",
        "core/tests",
        "circuits/src",
        "circuits/tests",
        "server/src",
        "server/tests",
        "web/src",
        "src",
        "tests",
        "bench/src",
    ] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            let Ok(entries) = fs::read_dir(&d) else {
                continue;
            };
            for e in entries {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = fs::read_to_string(&p).unwrap();
                    found.extend(bare_is_err(&text).map(|l| format!("{}:{l}", p.display())));
                }
            }
        }
    }
    assert!(found.is_empty(), "bare is_err asserts: {found:?}");
}

/// The lines where an `assert!` ends its condition with `.is_err()`.
fn bare_is_err(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices("assert!(").filter_map(move |(at, _)| {
        // The assert's first argument: up to the comma or parenthesis
        // that closes it at depth 0.
        let mut depth = 0usize;
        for (i, c) in text[at + 8..].char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth > 0 => depth -= 1,
                ')' | ',' if depth == 0 => {
                    let condition = text[at + 8..at + 8 + i].trim_end();
                    let bare =
                        condition.ends_with(".is_err()") && !condition.starts_with("matches!");
                    return bare.then(|| text[..at].lines().count() + 1);
                }
                _ => {}
            }
        }
        None
    })
}
