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
