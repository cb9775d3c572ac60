//! `--format github`: GitHub Actions workflow commands, one line per
//! diagnostic, which the runner shows as annotations on the files.

use super::Report;
use crate::rules::Level;

/// Escapes a command's message (`%`, CR, LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render_github(report: &Report, content_base: &str) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let command = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note | Level::Allow => "notice",
        };
        let file = super::content_path(content_base, &d.path);
        let mut message = d.message.clone();
        if let Some(segment) = &d.segment {
            message.push_str(&format!(" (segment {segment})"));
        }
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},title={}::{}\n",
            escape_property(&file),
            d.line,
            d.column,
            escape_property(&format!("helpc {}", d.rule.name())),
            escape_data(&message)
        ));
    }
    out
}

/// The whole `--format github` log: annotations (at most `max`, then a
/// notice with the number left out) or, with `statistics`, the table by
/// rule; then the summary line unless `quiet`.
pub fn render_github_log(
    report: &Report,
    content_base: &str,
    options: &super::HumanOptions,
) -> String {
    let shown = options.max_diagnostics.unwrap_or(usize::MAX);
    let mut text = if options.statistics {
        super::by_rule_table(report)
    } else if report.diagnostics.len() > shown {
        let mut cut = report.clone();
        cut.diagnostics.truncate(shown);
        let mut text = render_github(&cut, content_base);
        text.push_str(&format!(
            "::notice title=helpc::{} more diagnostics not shown (--max-diagnostics {shown})\n",
            report.diagnostics.len() - shown
        ));
        text
    } else {
        render_github(report, content_base)
    };
    // A closing line for the log (annotations carry the rest).
    if !options.quiet {
        text.push_str(&super::summary_line(report));
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;
    use crate::rules::Rule;
    use std::collections::BTreeMap;

    #[test]
    fn workflow_commands() {
        let d = Diagnostic::new(Rule::LinkBroken, "fr-FR/a,b.md", "100% broken:\nyes")
            .line(7)
            .segment("abcde-1")
            .help("fix");
        let out = render_github(&Report::new(BTreeMap::new(), vec![d]), "content");
        assert_eq!(
            out,
            "::error file=content/fr-FR/a%2Cb.md,line=7,col=1,title=helpc link-broken::100%25 broken:%0Ayes (segment abcde-1)%0Ahelp: fix\n"
        );
    }
}
