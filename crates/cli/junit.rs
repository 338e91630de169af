//! JUnit XML for check results: one testsuite per execution, one testcase per expectation.

use crate::check_report::ExecutionReport;
use sfn_ledger_model::verify::CheckStatus;
use std::fmt::Write;

/// Escapes text for XML attributes and content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(c),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The whole JUnit document.
pub fn render(reports: &[ExecutionReport]) -> String {
    let count = |s: CheckStatus| -> usize {
        reports.iter().map(|r| r.results.iter().filter(|c| c.status == s).count()).sum()
    };
    let tests: usize = reports.iter().map(|r| r.results.len()).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"sfn-ledger check\" tests=\"{tests}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
        count(CheckStatus::Failed),
        count(CheckStatus::Skipped)
    );
    for report in reports {
        let failures = report.results.iter().filter(|c| c.failed()).count();
        let skipped = report.results.iter().filter(|c| c.status == CheckStatus::Skipped).count();
        let name = escape(&report.source);
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">",
            report.results.len()
        );
        for result in &report.results {
            let _ =
                write!(xml, "    <testcase name=\"{}\" classname=\"{name}\"", escape(&result.name));
            let warning = result.warning.as_deref();
            if result.status == CheckStatus::Passed && warning.is_none() {
                xml.push_str("/>\n");
                continue;
            }
            xml.push_str(">\n");
            match result.status {
                CheckStatus::Failed => {
                    let mut body =
                        format!("expected: {}\nactual: {}\n", result.expected, result.actual);
                    if let Some(id) = result.event_id {
                        body.push_str(&format!("event id: {id}\n"));
                    }
                    if let Some(detail) = &result.detail {
                        body.push('\n');
                        body.push_str(detail);
                    }
                    let _ = writeln!(
                        xml,
                        "      <failure message=\"{}\" type=\"expectation\">{}</failure>",
                        escape(&result.message()),
                        escape(&body)
                    );
                }
                CheckStatus::Skipped => {
                    let _ =
                        writeln!(xml, "      <skipped message=\"{}\"/>", escape(&result.actual));
                }
                CheckStatus::Passed => {}
            }
            if let Some(warning) = warning {
                let _ =
                    writeln!(xml, "      <system-out>warning: {}</system-out>", escape(warning));
            }
            xml.push_str("    </testcase>\n");
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use sfn_ledger_model::verify::CheckResult;

    #[test]
    fn special_characters_survive_a_round_trip() {
        let mut failed = CheckResult::new(
            "output",
            false,
            "output {\"a\":\"<b>\"}",
            "output 'x' & \u{1}",
            Some(9),
        );
        failed.detail = Some("-  \"a\": \"<b>\"\n+  \"a\": \"x\"".to_owned());
        let mut warned =
            CheckResult::new("max_events", true, "at most 10 events", "9 events", None);
        warned.warning = Some("9 events is at least 80% of the budget of 10".to_owned());
        let reports = [ExecutionReport::new("a&b<c>.json".to_owned(), vec![failed, warned])];
        let xml = render(&reports);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let suite = doc.descendants().find(|n| n.has_tag_name("testsuite")).unwrap();
        assert_eq!(suite.attribute("name"), Some("a&b<c>.json"));
        assert_eq!((suite.attribute("tests"), suite.attribute("failures")), (Some("2"), Some("1")));
        let failure = doc.descendants().find(|n| n.has_tag_name("failure")).unwrap();
        assert_eq!(
            failure.attribute("message"),
            Some("expected output {\"a\":\"<b>\"}, got output 'x' & \\u{1} (event id 9)")
        );
        assert!(failure.text().unwrap().ends_with("-  \"a\": \"<b>\"\n+  \"a\": \"x\""));
        let out = doc.descendants().find(|n| n.has_tag_name("system-out")).unwrap();
        assert_eq!(out.text(), Some("warning: 9 events is at least 80% of the budget of 10"));
    }
}
