//! The HTML timeline opened in headless Chromium: the page renders its rows with JavaScript and
//! takes a non-trivial screenshot. Fails when Chromium is missing, unless
//! SFN_LEDGER_SKIP_BROWSER=1 (install it with scripts/ensure-chromium.sh).

use crate::util::{fixture, sfn_ledger};
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn headless(browser: &Path, profile: &Path) -> Command {
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,800",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// The opening tags of the chart's rows, from just after `<div class="row`.
fn row_tags(dom: &str) -> Vec<&str> {
    dom.split("<div class=\"row").skip(1).map(|rest| rest.split('>').next().unwrap_or("")).collect()
}

#[test]
fn html_timeline_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        if std::env::var("SFN_LEDGER_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("skipped: no chromium and SFN_LEDGER_SKIP_BROWSER=1");
            return;
        }
        panic!("chromium is missing: run scripts/ensure-chromium.sh (or set SFN_LEDGER_SKIP_BROWSER=1)");
    };
    let dir = std::env::temp_dir().join(format!("sfn-ledger-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("timeline.html");
    let status = sfn_ledger()
        .arg("timeline")
        .arg(fixture("report-map-retry-catch.json"))
        .args(["--format", "html", "-o"])
        .arg(&html)
        .status()
        .unwrap();
    assert!(status.success());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains("http://") && !page.contains("https://"), "no network references");

    let url = format!("file://{}", html.display());
    let dom =
        headless(&browser, &dir.join("profile-dom")).args(["--dump-dom", &url]).output().unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    // The script marks the body with the number of visits it drew: 7 in this fixture.
    assert!(dom.contains("data-rendered=\"7\""), "{dom}");
    let rows = dom.matches("class=\"row").count();
    // 7 visit rows and 3 iteration headers.
    assert_eq!(rows, 10, "{dom}");
    assert_eq!(dom.matches("data-name=\"Transform\"").count(), 6, "3 chart rows and 3 table rows");
    assert!(dom.contains("class=\"bar backoff\""), "the backoff is drawn");
    // ProcessItems, Transform in iteration 1, Publish, RecordFailure, PublishFailed.
    assert_eq!(dom.matches("critical\" data-visit").count(), 5, "{dom}");

    // Highlighting and filtering, preset through the address as a click and the scope menu
    // would set them.
    let view = format!("{url}#highlight=Transform&scope=ProcessItems%5B1%5D");
    let dom =
        headless(&browser, &dir.join("profile-view")).args(["--dump-dom", &view]).output().unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    // Only ProcessItems[1]'s header and its Transform row stay visible, the latter highlighted.
    let tags = row_tags(&dom);
    let highlighted: Vec<&&str> =
        tags.iter().filter(|t| t.split('"').next().unwrap_or("").contains(" hl")).collect();
    assert_eq!(highlighted.len(), 3, "{tags:?}");
    assert!(highlighted.iter().all(|t| t.contains("data-name=\"Transform\"")), "{tags:?}");
    let visible: Vec<&&str> = tags.iter().filter(|tag| !tag.contains("hidden")).collect();
    assert_eq!(visible.len(), 2, "{visible:?}");
    assert!(
        visible.iter().all(|tag| tag.contains("data-scope=\"ProcessItems[1]\"")),
        "{visible:?}"
    );
    assert_eq!(
        dom.matches("<tr data-name=\"Transform\" data-scope=\"ProcessItems[1]\" class=\"hl\">")
            .count(),
        1,
        "{dom}"
    );

    let png = dir.join("timeline.png");
    let shot = headless(&browser, &dir.join("profile-shot"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(png.exists(), "no screenshot: {}", String::from_utf8_lossy(&shot.stderr));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    assert!(bytes.len() > 20_000, "screenshot too small to show a chart: {} bytes", bytes.len());
    // Keep a copy for people to look at.
    let _ = std::fs::copy(&png, std::env::temp_dir().join("sfn-ledger-timeline.png"));
    let _ = std::fs::remove_dir_all(&dir);
}
