//! Placeholders a translation must keep as they are: `{0}`, `{name}`,
//! `%s`, `%1$s`, `$name`, and escaped `<Name>` text.

/// `{0}`, `{name}`, `%s`, `%1$s`, `$name`, and escaped `<Name>` text.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    // The four are ASCII: two SIMD byte searches, not a decoding of every
    // character (nor a loop over every byte).
    let bytes = text.as_bytes();
    if memchr::memchr3(b'{', b'%', b'$', bytes).is_none() && memchr::memchr(b'<', bytes).is_none() {
        return found;
    }
    let chars: Vec<char> = text.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        let taken = match rest[0] {
            '{' => rest
                .iter()
                .position(|&c| c == '}')
                .filter(|&end| {
                    end > 1
                        && rest[1..end]
                            .iter()
                            .all(|&c| word(c) || c == ':' || c == '.')
                })
                .map(|end| end + 1),
            '%' => {
                let digits = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
                let after = if digits > 0 && rest.get(1 + digits) == Some(&'$') {
                    2 + digits
                } else {
                    1
                };
                rest.get(after)
                    .filter(|c| "sdifuxXeEgGcp@".contains(**c))
                    .filter(|_| rest.get(after + 1).is_none_or(|c| !c.is_alphanumeric()))
                    .map(|_| after + 1)
            }
            '$' if i == 0 || !(chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '_') => {
                // A variable name is ASCII: the script changes where it
                // ends (`$name` then Japanese text).
                let name = rest[1..]
                    .iter()
                    .take_while(|&&c| c.is_ascii_alphanumeric() || c == '_')
                    .count();
                (name > 0 && rest[1].is_ascii_alphabetic()).then_some(1 + name)
            }
            '<' => rest
                .iter()
                .position(|&c| c == '>')
                .filter(|&end| end > 1 && rest[1].is_alphabetic() && !rest[1..end].contains(&'<'))
                .map(|end| end + 1),
            _ => None,
        };
        match taken {
            Some(n) => {
                found.push(rest[..n].iter().collect());
                i += n;
            }
            None => i += 1,
        }
    }
    found
}

pub(crate) fn without_placeholders(text: &str) -> String {
    without(text, &placeholders(text)).into_owned()
}

/// `text` with each of `found` (placeholders found in it) blanked out once;
/// borrowed when there are none (most sentences).
pub(crate) fn without<'t>(text: &'t str, found: &[String]) -> std::borrow::Cow<'t, str> {
    let mut out = std::borrow::Cow::Borrowed(text);
    for placeholder in found {
        out = std::borrow::Cow::Owned(out.replacen(placeholder.as_str(), " ", 1));
    }
    out
}
