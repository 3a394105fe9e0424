//! Firefox ESR under geckodriver, spoken to in plain WebDriver (HTTP and
//! JSON), for the benchmarks that time a page as a source meets it.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::strip_seal::which;

/// Tor Browser's preferences at each security level, as the tests use
/// them (one file, with their sources).
const TOR_BROWSER_PREFS: &str = include_str!("../../tests/testdata/tor-browser-prefs.json");

/// Tor Browser's security levels that run script.
#[derive(Clone, Copy)]
pub enum Level {
    Standard,
    Safer,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Standard => "Standard",
            Level::Safer => "Safer",
        }
    }

    fn prefs(self) -> Value {
        let all: Value = serde_json::from_str(TOR_BROWSER_PREFS).expect("the preferences parse");
        let layers: &[&str] = match self {
            Level::Standard => &["every"],
            Level::Safer => &["every", "safer"],
        };
        let mut p = serde_json::Map::new();
        for layer in layers {
            for (k, v) in all[*layer].as_object().into_iter().flatten() {
                p.insert(k.clone(), v.clone());
            }
        }
        Value::Object(p)
    }
}

/// A headless Firefox ESR with a fresh profile, behind geckodriver.
pub struct Firefox {
    http: reqwest::blocking::Client,
    session: String,
    driver: Child,
}

/// WebDriver's name for an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Firefox {
    /// `None` when `firefox-esr` or `geckodriver` is not installed.
    pub fn start(level: Level) -> Result<Option<Firefox>> {
        let (Some(firefox), Some(geckodriver)) = (which("firefox-esr"), which("geckodriver"))
        else {
            return Ok(None);
        };
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let driver = Command::new(geckodriver)
            .args(["--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start geckodriver")?;
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(900))
            .build()?;
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "firefox",
            "moz:firefoxOptions": {"binary": firefox, "args": ["-headless"], "prefs": level.prefs()}
        }}});
        let started = Instant::now();
        let session = loop {
            match http
                .post(format!("http://127.0.0.1:{port}/session"))
                .json(&caps)
                .send()
            {
                Ok(r) => {
                    let v: Value = r.json()?;
                    match v["value"]["sessionId"].as_str() {
                        Some(id) => break format!("http://127.0.0.1:{port}/session/{id}"),
                        None => bail!("geckodriver started no session: {v}"),
                    }
                }
                Err(_) if started.elapsed() < Duration::from_secs(60) => {
                    std::thread::sleep(Duration::from_millis(200))
                }
                Err(e) => bail!("geckodriver did not answer: {e}"),
            }
        };
        Ok(Some(Firefox {
            http,
            session,
            driver,
        }))
    }

    fn command(&self, path: &str, body: Value) -> Result<Value> {
        let v: Value = self
            .http
            .post(format!("{}{path}", self.session))
            .json(&body)
            .send()?
            .json()?;
        if let Some(e) = v["value"]["error"].as_str() {
            bail!("WebDriver {path}: {e}: {}", v["value"]["message"]);
        }
        Ok(v["value"].clone())
    }

    /// Loads `url` (until its load event).
    pub fn goto(&self, url: &str) -> Result<()> {
        self.command("/url", json!({ "url": url })).map(|_| ())
    }

    /// Runs `script` in the page; what it returns.
    pub fn eval(&self, script: &str) -> Result<Value> {
        self.command("/execute/sync", json!({ "script": script, "args": [] }))
    }

    fn element(&self, css: &str) -> Result<String> {
        let v = self.command("/element", json!({"using": "css selector", "value": css}))?;
        v[ELEMENT]
            .as_str()
            .map(str::to_string)
            .with_context(|| format!("no element {css}"))
    }

    pub fn click(&self, css: &str) -> Result<()> {
        let e = self.element(css)?;
        self.command(&format!("/element/{e}/click"), json!({}))
            .map(|_| ())
    }

    /// Chooses a file in a file input, as a person does.
    pub fn choose(&self, css: &str, file: &Path) -> Result<()> {
        let e = self.element(css)?;
        self.command(
            &format!("/element/{e}/value"),
            json!({ "text": file.display().to_string() }),
        )
        .map(|_| ())
    }

    /// Waits (`limit` at most) until the `data-state` of the element with
    /// this id is one of `wanted`; which one.
    pub fn wait_state(&self, id: &str, wanted: &[&str], limit: Duration) -> Result<String> {
        let started = Instant::now();
        let script =
            format!("const e = document.getElementById('{id}'); return e ? e.dataset.state : '';");
        loop {
            let state = self.eval(&script)?;
            let s = state.as_str().unwrap_or_default();
            if wanted.contains(&s) {
                return Ok(s.to_string());
            }
            if started.elapsed() > limit {
                bail!("#{id} is still {s:?} after {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Firefox {
    fn drop(&mut self) {
        let _ = self.http.delete(&self.session).send();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
