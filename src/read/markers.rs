//! DocFX block markers written as the first line of a quote block:
//! `> [!VIDEO https://…]`, `> [!div class="…"]`, and alert markers that
//! are not one of the five GitHub ones (`[!TIPS]`, `[!הערה]`, `[! 提示]`).
//! The check (`alert-unknown`) and the renderer read them here, the same way.

use pulldown_cmark::BlockQuoteKind;

/// What the first line of a quote block says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marker<'t> {
    /// `[!VIDEO url]`.
    Video(&'t str),
    /// `[!div …]`: a plain container.
    Div,
    /// Any other `[!WORD]`: an alert whose marker is mistyped, translated,
    /// or unknown. `kind`: the alert it most likely means.
    Alert {
        written: &'t str,
        kind: Option<BlockQuoteKind>,
    },
}

/// Reads `line` (the quote's first line, as text) as a marker.
pub fn marker(line: &str) -> Option<Marker<'_>> {
    let inner = line.trim().strip_prefix("[!")?.strip_suffix(']')?;
    if inner.contains(['[', ']']) {
        return None;
    }
    let (word, rest) = inner
        .trim_start()
        .split_once(char::is_whitespace)
        .unwrap_or((inner.trim_start(), ""));
    if word.eq_ignore_ascii_case("VIDEO") {
        return Some(Marker::Video(rest.trim()));
    }
    if word.eq_ignore_ascii_case("div") {
        return Some(Marker::Div);
    }
    let written = inner.trim().trim_end_matches([':', '：']).trim();
    if written.is_empty() || written.chars().count() > 24 || written.split_whitespace().count() > 2
    {
        return None;
    }
    Some(Marker::Alert {
        written,
        kind: alert_kind(written),
    })
}

/// The alert a marker means: the five names with a letter more or less
/// (`TIPS`, `NOTES`, `WARN`), or their names in the languages help content is
/// translated into.
pub fn alert_kind(written: &str) -> Option<BlockQuoteKind> {
    let upper = written.to_uppercase();
    let known = [
        ("NOTE", BlockQuoteKind::Note),
        ("TIP", BlockQuoteKind::Tip),
        ("IMPORTANT", BlockQuoteKind::Important),
        ("WARNING", BlockQuoteKind::Warning),
        ("CAUTION", BlockQuoteKind::Caution),
    ];
    for (name, kind) in known {
        if upper.len() >= 3 && (name.starts_with(&upper) || upper.starts_with(name)) {
            return Some(kind);
        }
    }
    let translated: &[(&str, BlockQuoteKind)] = &[
        // Note
        ("REMARQUE", BlockQuoteKind::Note),
        ("HINWEIS", BlockQuoteKind::Note),
        ("NOTA", BlockQuoteKind::Note),
        ("CATATAN", BlockQuoteKind::Note),
        ("NOTĂ", BlockQuoteKind::Note),
        ("ПРИМЕЧАНИЕ", BlockQuoteKind::Note),
        ("הערה", BlockQuoteKind::Note),
        ("ملاحظة", BlockQuoteKind::Note),
        ("注", BlockQuoteKind::Note),
        ("注意", BlockQuoteKind::Note),
        ("附註", BlockQuoteKind::Note),
        ("备注", BlockQuoteKind::Note),
        ("メモ", BlockQuoteKind::Note),
        ("참고", BlockQuoteKind::Note),
        ("หมายเหตุ", BlockQuoteKind::Note),
        // Tip
        ("CONSEIL", BlockQuoteKind::Tip),
        ("ASTUCE", BlockQuoteKind::Tip),
        ("TIPP", BlockQuoteKind::Tip),
        ("SFAT", BlockQuoteKind::Tip),
        ("СОВЕТ", BlockQuoteKind::Tip),
        ("טיפ", BlockQuoteKind::Tip),
        ("تلميح", BlockQuoteKind::Tip),
        ("提示", BlockQuoteKind::Tip),
        ("ヒント", BlockQuoteKind::Tip),
        ("팁", BlockQuoteKind::Tip),
        // Important
        ("WICHTIG", BlockQuoteKind::Important),
        ("PENTING", BlockQuoteKind::Important),
        ("ВАЖНО", BlockQuoteKind::Important),
        ("חשוב", BlockQuoteKind::Important),
        ("مهم", BlockQuoteKind::Important),
        ("重要", BlockQuoteKind::Important),
        ("중요", BlockQuoteKind::Important),
        // Warning
        ("AVERTISSEMENT", BlockQuoteKind::Warning),
        ("WARNUNG", BlockQuoteKind::Warning),
        ("ADVERTENCIA", BlockQuoteKind::Warning),
        ("AVVISO", BlockQuoteKind::Warning),
        ("PERINGATAN", BlockQuoteKind::Warning),
        ("AVERTISMENT", BlockQuoteKind::Warning),
        ("ПРЕДУПРЕЖДЕНИЕ", BlockQuoteKind::Warning),
        ("אזהרה", BlockQuoteKind::Warning),
        ("تحذير", BlockQuoteKind::Warning),
        ("警告", BlockQuoteKind::Warning),
        ("경고", BlockQuoteKind::Warning),
        // Caution
        ("ATTENTION", BlockQuoteKind::Caution),
        ("ACHTUNG", BlockQuoteKind::Caution),
        ("PRECAUCIÓN", BlockQuoteKind::Caution),
        ("ATENȚIE", BlockQuoteKind::Caution),
        ("ВНИМАНИЕ", BlockQuoteKind::Caution),
        ("זהירות", BlockQuoteKind::Caution),
        ("تنبيه", BlockQuoteKind::Caution),
        ("小心", BlockQuoteKind::Caution),
        ("주의", BlockQuoteKind::Caution),
    ];
    translated
        .iter()
        .find(|(name, _)| *name == upper)
        .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(
            marker("[!VIDEO https://www.youtube.com/embed/x]"),
            Some(Marker::Video("https://www.youtube.com/embed/x"))
        );
        assert_eq!(marker("[!div class=\"x\"]"), Some(Marker::Div));
        assert_eq!(
            marker("[!TIPS]"),
            Some(Marker::Alert {
                written: "TIPS",
                kind: Some(BlockQuoteKind::Tip)
            })
        );
        assert_eq!(
            marker("[!הערה]"),
            Some(Marker::Alert {
                written: "הערה",
                kind: Some(BlockQuoteKind::Note)
            })
        );
        assert_eq!(
            marker("[! 提示]"),
            Some(Marker::Alert {
                written: "提示",
                kind: Some(BlockQuoteKind::Tip)
            })
        );
        assert_eq!(
            marker("[!Frobnicate]"),
            Some(Marker::Alert {
                written: "Frobnicate",
                kind: None
            })
        );
        assert_eq!(marker("[link] text"), None);
        assert_eq!(marker("[!a b c d]"), None);
    }
}
