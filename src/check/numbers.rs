//! Numbers in running text, normalised so that the same quantity written
//! the way each locale writes it compares equal: `50 000` = `50,000` =
//! `50.000`, `88,1` = `88.1`, `٥٠` = `50`.

/// One number as written, with every value it can be read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    pub written: String,
    pub readings: Vec<String>,
}

/// Maps native digits (Arabic-Indic, Persian, Devanagari, Bengali, Thai,
/// full-width) to ASCII.
fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => return Some(c),
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        '\u{0966}'..='\u{096F}' => 0x0966,
        '\u{09E6}'..='\u{09EF}' => 0x09E6,
        '\u{0E50}'..='\u{0E59}' => 0x0E50,
        '\u{FF10}'..='\u{FF19}' => 0xFF10,
        _ => return None,
    };
    char::from_digit(c as u32 - zero, 10)
}

/// Where the first digit [`ascii_digit`] reads may start in `text`: the
/// first ASCII digit or lead byte of a native one (the native digits are
/// all outside ASCII, led by 0xD9, 0xDB, 0xE0 or 0xEF); `None` when no
/// character from there on is a digit.
fn first_digit(text: &str) -> Option<usize> {
    let first = text.bytes().position(|b| may_start_digit(&b))?;
    // A lead byte starts a character: decoding can start there.
    (text.as_bytes()[first].is_ascii_digit()
        || text[first..].chars().any(|c| ascii_digit(c).is_some()))
    .then_some(first)
}

/// An ASCII digit, or the lead byte of a native one (0xD9, 0xDB, 0xE0, 0xEF).
fn may_start_digit(b: &u8) -> bool {
    b.is_ascii_digit() || matches!(b, 0xD9 | 0xDB | 0xE0 | 0xEF)
}

/// `text` with native digits written as ASCII ones.
pub fn ascii_digits(text: &str) -> String {
    text.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect()
}

/// Characters that may sit between digit groups or before decimals.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ' '
            | '\u{00A0}'
            | '\u{202F}'
            | '\u{2009}'
            | '\''
            | '\u{066B}'
            | '\u{066C}'
            | '\u{FF0C}'
            | '\u{FF0E}'
    )
}

/// The numbers of `text`, skipping digits glued to Latin letters (`x64`,
/// `Office365`, `KB4023057`) and URLs.
pub fn numbers(text: &str) -> Vec<Number> {
    let Some(mut i) = first_digit(text) else {
        return Vec::new();
    };
    // Read in place, a character at a time from byte offsets: most texts
    // have a digit or two, and were copied whole into characters before.
    let mut found = Vec::new();
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    // Bytes that cannot start a digit ([`may_start_digit`]) are stepped
    // over undecoded; each stop is the start of a character.
    while let Some(skip) = text.as_bytes()[i..].iter().position(may_start_digit) {
        i += skip;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if ascii_digit(c).is_none() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        // Digits glued to a word (`Office365`) end at white space: in
        // `Office365 410` the 410 is a number of its own.
        let glued_before = glued(text[..start].chars().next_back());
        // Digits, and separators between digits. White space only groups
        // thousands: it must be followed by exactly three digits.
        loop {
            let mut ahead = text[end..].chars();
            let Some(c) = ahead.next() else { break };
            if ascii_digit(c).is_some() {
                end += c.len_utf8();
            } else if is_separator(c) && ahead.next().is_some_and(|n| ascii_digit(n).is_some()) {
                if c.is_whitespace() || c == '\u{202F}' {
                    if glued_before {
                        break;
                    }
                    let run = text[end + c.len_utf8()..]
                        .chars()
                        .take_while(|c| ascii_digit(*c).is_some())
                        .count();
                    if run != 3 {
                        break;
                    }
                }
                end += c.len_utf8();
            } else {
                break;
            }
        }
        i = end;
        let after = &text[end..];
        if glued_before || glued(after.chars().next()) && !ordinal(after) {
            continue;
        }
        if in_url(text, start) {
            continue;
        }
        let written = text[start..end].to_string();
        let scale = scale_after(after);
        match readings(&written) {
            // A version, a date or an address: each part is a number.
            None => {
                for part in written
                    .split(|c: char| ascii_digit(c).is_none())
                    .filter(|p| !p.is_empty())
                {
                    let value: String = part.chars().filter_map(ascii_digit).collect();
                    let value = value.trim_start_matches('0');
                    found.push(Number {
                        written: part.to_string(),
                        readings: vec![if value.is_empty() {
                            "0".to_string()
                        } else {
                            value.to_string()
                        }],
                    });
                }
            }
            Some(mut values) => {
                if let Some(zeros) = scale {
                    let scaled: Vec<String> =
                        values.iter().filter_map(|v| scaled(v, zeros)).collect();
                    values.extend(scaled);
                }
                found.push(Number {
                    written,
                    readings: values,
                });
            }
        }
    }
    found
}

/// Whether the digit at byte `at` of `text` is part of a URL-like word.
fn in_url(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '<' | '"' | '\''))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &before[word_start..];
    word.contains("://") || word.starts_with("www.") || word.contains('/') && word.contains('.')
}

/// An ordinal suffix (`1st`, `2nd`, `1er`, `2e`, `3ème`) right after the digits.
fn ordinal(rest: &str) -> bool {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    matches!(
        word.as_str(),
        "st" | "nd" | "rd" | "th" | "er" | "re" | "e" | "ème" | "eme" | "de" | "lea" | "a" | "o"
    )
}

/// A scale right after a number (`thousand`, `million`, `万`, `億`): its zeros.
fn scale_after(rest: &str) -> Option<usize> {
    match rest.chars().find(|c| !c.is_whitespace()) {
        Some('万' | '만') => return Some(4),
        Some('億' | '亿' | '억') => return Some(8),
        Some('千') => return Some(3),
        _ => {}
    }
    let word: String = rest
        .chars()
        .skip_while(|c| c.is_whitespace())
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    match word.as_str() {
        "thousand" => Some(3),
        "million" | "millions" => Some(6),
        "billion" | "billions" => Some(9),
        _ => None,
    }
}

/// `value` times ten to the `zeros`.
fn scaled(value: &str, zeros: usize) -> Option<String> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > zeros {
        return None;
    }
    let digits = format!("{whole}{fraction}{}", "0".repeat(zeros - fraction.len()));
    let digits = digits.trim_start_matches('0');
    Some(if digits.is_empty() {
        "0".to_string()
    } else {
        digits.to_string()
    })
}

/// Every value `written` can stand for: grouped the English way, the
/// continental way, the Arabic way. `None` when no grouping fits (a
/// version such as `5.7.23`, a date such as `23.07.2019`).
fn readings(written: &str) -> Option<Vec<String>> {
    let digits: String = written
        .chars()
        .map(|c| {
            ascii_digit(c).unwrap_or(match c {
                '\u{066B}' | '\u{FF0E}' => '.',
                '\u{066C}' | '\u{FF0C}' => ',',
                '\u{00A0}' | '\u{202F}' | '\u{2009}' => ' ',
                other => other,
            })
        })
        .collect();
    let mut readings = Vec::new();
    for (groups, decimal) in [
        (&[',', ' ', '\''][..], '.'),
        (&['.', ' ', '\''][..], ','),
        (&[' ', '\''][..], '.'),
    ] {
        if let Some(value) = read(&digits, groups, decimal)
            && !readings.contains(&value)
        {
            readings.push(value);
        }
    }
    (!readings.is_empty()).then_some(readings)
}

/// Reads `text` with these group separators and this decimal mark: groups
/// of three after a first group of one to three digits, then at most one
/// decimal part. Returns the canonical value (`1234.5`).
fn read(text: &str, groups: &[char], decimal: char) -> Option<String> {
    let (integer, fraction) = match text.rfind(decimal) {
        Some(at) if !groups.contains(&decimal) => (&text[..at], Some(&text[at + 1..])),
        _ => (text, None),
    };
    let mut parts = integer.split(|c| groups.contains(&c));
    let first = parts.next()?;
    if first.is_empty() || !first.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut whole = first.to_string();
    for part in parts {
        if part.len() != 3 || !part.chars().all(|c| c.is_ascii_digit()) || first.len() > 3 {
            return None;
        }
        whole.push_str(part);
    }
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    match fraction {
        None => Some(whole.to_string()),
        Some(fraction) if !fraction.is_empty() && fraction.chars().all(|c| c.is_ascii_digit()) => {
            let fraction = fraction.trim_end_matches('0');
            Some(if fraction.is_empty() {
                whole.to_string()
            } else {
                format!("{whole}.{fraction}")
            })
        }
        Some(_) => None,
    }
}

/// Source numbers that have no reading in common with any target number,
/// each target number used once. A small whole number (up to ten) that is
/// simply absent is taken as written out in words (`2 organizations`,
/// `două organizații`); it is missing only when the target has a number
/// of its own in its place, i.e. when a number was changed.
pub fn missing<'a>(source: &'a [Number], target: &[Number]) -> Vec<&'a Number> {
    let mut used = vec![false; target.len()];
    let mut missing = Vec::new();
    for number in source {
        let matched = target
            .iter()
            .enumerate()
            .find(|(i, t)| !used[*i] && t.readings.iter().any(|r| number.readings.contains(r)));
        match matched {
            Some((i, _)) => used[i] = true,
            None => missing.push(number),
        }
    }
    let unmatched_target = used.iter().filter(|u| !**u).count();
    let small = |n: &Number| {
        n.readings
            .iter()
            .any(|r| r.parse::<u32>().is_ok_and(|v| v <= 10))
    };
    let large: Vec<&Number> = missing.iter().copied().filter(|n| !small(n)).collect();
    if unmatched_target == 0 {
        large
    } else {
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_found_in_any_script_or_not_at_all() {
        for text in [
            "7",
            "page 7",
            "٥٠ صفحة",
            "۵",
            "पृष्ठ ७",
            "หน้า ๗",
            "ページ７",
            "০",
        ] {
            assert!(first_digit(text).is_some(), "{text}");
        }
        for text in ["", "no digits", "sans chiffres é", "数字なし", "بدون أرقام"] {
            assert!(first_digit(text).is_none(), "{text}");
        }
    }

    fn same(source: &str, target: &str) -> bool {
        missing(&numbers(source), &numbers(target)).is_empty()
    }

    #[test]
    fn locale_forms_of_one_number_match() {
        assert!(same("$50,000", "50 000 $"));
        assert!(same("$50,000", "50\u{202f}000 $"));
        assert!(same("$50,000", "50.000 $"));
        assert!(same("88.1", "88,1"));
        assert!(same("50%", "%٥٠"));
        assert!(same("1,234.5", "1.234,5"));
        assert!(same("Error 5.7.23", "Erreur 5.7.23"));
        assert!(same("steps 1-3", "étapes 1 à 3"));
        assert!(same("04/15/2021", "15/04/2021"));
        assert!(same("٣ خطوات", "3 steps"));
        assert!(same("3 steps", "３ステップ"));
        assert!(same("7/23/2019", "23.07.2019"));
        assert!(same("Office 365 2019", "Office 365 2019"));
        assert!(same("365 and 2019", "365 2019"));
        assert!(same("30 million", "30.000.000"));
        assert!(same("1.5 million", "1 500 000"));
        assert!(same("100,000 files", "10 万件のファイル"));
        assert!(same("August 1, 2020", "1er août 2020"));
        assert!(same("at 3:00 AM", "à 3h00"));
        assert!(same("3rd party apps", "applications tierces"));
        assert!(same("2 organizations", "două organizații"));
        assert!(same("2-step verification", "vérification en deux étapes"));
    }

    #[test]
    fn changed_or_dropped_numbers_are_found() {
        assert!(!same("$50,000", "5 000 $"));
        assert!(!same("wait 24 hours", "attendez 42 heures"));
        assert!(!same("88.1", "88,2"));
        assert!(!same("Error 5.7.23", "Erreur 5.7.32"));
        assert!(!same("wait 2 days", "attendez 5 jours"));
        assert!(!same("100 users", "utilisateurs"));
    }

    #[test]
    fn every_native_digit_is_read() {
        for zero in [
            '0', '\u{0660}', '\u{06F0}', '\u{0966}', '\u{09E6}', '\u{0E50}', '\u{FF10}',
        ] {
            for offset in 0..10 {
                let Some(c) = char::from_u32(zero as u32 + offset) else {
                    continue;
                };
                let found = numbers(&format!("é {c} x"));
                assert_eq!(found.len(), 1, "{c:?}");
                assert_eq!(found[0].readings, [offset.to_string()], "{c:?}");
            }
        }
    }

    #[test]
    fn runs_ordinals_scales_and_scripts_are_read_in_place() {
        let written =
            |text: &str| -> Vec<String> { numbers(text).into_iter().map(|n| n.written).collect() };
        assert_eq!(written("le 1er et le 2e"), ["1", "2"]);
        assert_eq!(written("50 000 et 50 0000"), ["50 000", "50", "0000"]);
        assert_eq!(written("«٥٠» (12) '7' ３"), ["٥٠", "12", "7", "３"]);
        // Glued only to ASCII letters (`x64`), not to other scripts.
        assert_eq!(written("é1 x2 3"), ["1", "3"]);
        let scaled = &numbers("5 millions de 3 万")[..];
        assert!(
            scaled[0].readings.contains(&"5000000".to_string()),
            "{scaled:?}"
        );
        assert!(
            scaled[1].readings.contains(&"30000".to_string()),
            "{scaled:?}"
        );
        assert!(numbers("voir www.x.com/a1 ou a/b.c2").is_empty());
    }

    #[test]
    fn glued_digits_and_urls_are_not_numbers() {
        assert!(numbers("Office365 on x64 KB4023057").is_empty());
        assert!(numbers("see https://aka.ms/x2021/y?id=5").is_empty());
        assert_eq!(numbers("Windows 10 et 2 fois")[1].written, "2");
        assert_eq!(numbers("10個")[0].written, "10");
        // Glued digits stop at white space: 410 is read as the text shows it.
        let found = numbers("Office365 410 et TLS1.2");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].written, "410");
    }
}
