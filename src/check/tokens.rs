//! Language facts for the translation-quality rules that need more than
//! Markdown: technical tokens that must survive translation verbatim,
//! native digits, escaped emphasis, the near-equality of a target left in
//! English, and the language an article's "English" source is really in.

use std::ops::Range;

/// Names a product was renamed to: a translation updated to the new name
/// keeps the product (`Office 365` became `Microsoft 365` in 2020).
pub const RENAMED: &[(&str, &str)] = &[("Office 365", "Microsoft 365")];

/// Product names that stay as they are in every locale (Microsoft's
/// localisation keeps them in Latin letters); the configuration's
/// `do-not-translate` terms are added to them.
pub const PRODUCTS: &[&str] = &[
    "Microsoft 365",
    "Office 365",
    "OneDrive",
    "SharePoint",
    "PowerShell",
    "PowerPoint",
    "OneNote",
    "Outlook",
    "Teams",
    "Excel",
    "Exchange Online",
    "Intune",
    "Azure",
    "Skype",
    "Yammer",
    "Visio",
    "Xbox",
    "Windows",
    "Bing",
    "Cortana",
    "Hotmail",
    "LinkedIn",
    "Dynamics 365",
    "Power BI",
    "Power Automate",
    "Power Apps",
    "Copilot",
    "Defender",
    "Entra",
    "Purview",
    "Viva",
    "Sway",
    "Kaizala",
    "Minecraft",
    "iPhone",
    "iPad",
    "iOS",
    "Android",
    "macOS",
    "Gmail",
    "Chrome",
    "Firefox",
    "Safari",
];

/// PowerShell's approved verbs: `Verb-Noun` with one of them is a cmdlet.
const VERBS: &[&str] = &[
    "Add",
    "Approve",
    "Assert",
    "Backup",
    "Block",
    "Checkpoint",
    "Clear",
    "Close",
    "Compare",
    "Complete",
    "Compress",
    "Confirm",
    "Connect",
    "Convert",
    "ConvertFrom",
    "ConvertTo",
    "Copy",
    "Debug",
    "Deny",
    "Deploy",
    "Disable",
    "Disconnect",
    "Dismount",
    "Edit",
    "Enable",
    "Enter",
    "Exit",
    "Expand",
    "Export",
    "Find",
    "Format",
    "Get",
    "Grant",
    "Group",
    "Hide",
    "Import",
    "Initialize",
    "Install",
    "Invoke",
    "Join",
    "Limit",
    "Lock",
    "Measure",
    "Merge",
    "Mount",
    "Move",
    "New",
    "Open",
    "Optimize",
    "Out",
    "Ping",
    "Pop",
    "Protect",
    "Publish",
    "Push",
    "Read",
    "Receive",
    "Redo",
    "Register",
    "Remove",
    "Rename",
    "Repair",
    "Request",
    "Reset",
    "Resize",
    "Resolve",
    "Restart",
    "Restore",
    "Resume",
    "Revoke",
    "Save",
    "Search",
    "Select",
    "Send",
    "Set",
    "Show",
    "Skip",
    "Split",
    "Start",
    "Step",
    "Stop",
    "Submit",
    "Suspend",
    "Switch",
    "Sync",
    "Test",
    "Trace",
    "Unblock",
    "Undo",
    "Uninstall",
    "Unlock",
    "Unprotect",
    "Unpublish",
    "Unregister",
    "Update",
    "Use",
    "Wait",
    "Watch",
    "Write",
];

/// File extensions that make a word a file name (`setup.exe`, `.pst`).
const EXTENSIONS: &[&str] = &[
    "accdb",
    "apk",
    "appx",
    "aspx",
    "bat",
    "cab",
    "cer",
    "cfg",
    "cmd",
    "config",
    "csv",
    "dll",
    "dmg",
    "docx",
    "eml",
    "esd",
    "exe",
    "htm",
    "html",
    "ics",
    "inf",
    "ini",
    "intunewin",
    "ipa",
    "iso",
    "js",
    "json",
    "log",
    "mpp",
    "msg",
    "msi",
    "msix",
    "nst",
    "olm",
    "one",
    "onepkg",
    "ost",
    "p7b",
    "pdf",
    "pfx",
    "pkg",
    "pptx",
    "ps1",
    "psm1",
    "pst",
    "reg",
    "sys",
    "txt",
    "vbs",
    "vcf",
    "vhd",
    "vhdx",
    "vsdx",
    "wim",
    "xlsx",
    "xml",
    "zip",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Cmdlet,
    RegistryKey,
    File,
    Path,
    Url,
    Identifier,
    Product,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Cmdlet => "cmdlet",
            Kind::RegistryKey => "registry key",
            Kind::File => "file name",
            Kind::Path => "path",
            Kind::Url => "URL",
            Kind::Identifier => "identifier",
            Kind::Product => "product name",
        }
    }

    /// Whether the target may change its letter case (Windows file names,
    /// registry keys and PowerShell ignore case).
    fn ignores_case(self) -> bool {
        matches!(
            self,
            Kind::Cmdlet | Kind::RegistryKey | Kind::File | Kind::Path
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub text: String,
}

/// Punctuation a sentence puts around a token.
fn trim_sentence(word: &str) -> &str {
    word.trim_start_matches(['(', '"', '\'', '“', '‘', '«', '[', '*', '_'])
        .trim_end_matches([
            '.', ',', ';', ':', '!', '?', ')', '"', '\'', '”', '’', '»', ']', '*', '_',
        ])
}

fn is_cmdlet(word: &str) -> bool {
    let Some((verb, noun)) = word.split_once('-') else {
        return false;
    };
    VERBS.contains(&verb)
        && noun.len() >= 3
        && ![
            "Only", "Ins", "Out", "Off", "Down", "Back", "Up", "Time", "Mail",
        ]
        .contains(&noun)
        && noun.starts_with(|c: char| c.is_ascii_uppercase())
        && noun.chars().all(|c| c.is_ascii_alphanumeric())
        && noun.chars().any(|c| c.is_ascii_lowercase())
}

fn is_file(word: &str) -> bool {
    let Some((stem, extension)) = word.rsplit_once('.') else {
        return false;
    };
    EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
        && stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '*'))
        && !word.contains("..")
}

fn is_registry_key(word: &str) -> bool {
    let upper = word.to_ascii_uppercase();
    ["HKEY_", "HKLM\\", "HKCU\\", "HKCR\\", "HKU\\"]
        .iter()
        .any(|p| upper.starts_with(p))
}

fn is_path(word: &str) -> bool {
    let bytes = word.as_bytes();
    let drive =
        bytes.len() > 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'\\';
    let variable = word.starts_with('%') && word[1..].contains("%\\");
    drive || variable || (word.starts_with("\\\\") && word.len() > 3)
}

fn is_identifier(word: &str) -> bool {
    if !word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || word.len() < 4 {
        return false;
    }
    let snake = word.contains('_')
        && !word.starts_with('_')
        && !word.ends_with('_')
        && word.chars().any(|c| c.is_ascii_alphabetic());
    // camelCase that starts in lower case (`msExchHideFromAddressLists`,
    // `userPrincipalName`); `iPhone` and `eBay` are names, not identifiers.
    let mut chars = word.chars();
    let camel = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && word.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && word.chars().skip(1).take(1).all(|c| c.is_ascii_lowercase());
    snake || camel
}

/// Product names to keep (the built-in [`PRODUCTS`] and a site's
/// `do-not-translate` terms), searched for in one pass over a text.
#[derive(Clone, Debug)]
pub struct Products {
    /// Distinct for each list made in this process: what is kept of a
    /// text's tokens is kept per list.
    pub(crate) id: u64,
    names: Vec<String>,
    /// `None` if the automaton could not be built (a size limit): then
    /// each name is searched for on its own.
    matcher: Option<aho_corasick::AhoCorasick>,
}

impl Products {
    pub fn new(extra: &[String]) -> Products {
        let names: Vec<String> = PRODUCTS
            .iter()
            .map(|name| name.to_string())
            .chain(extra.iter().cloned())
            .filter(|name| !name.is_empty())
            .collect();
        let matcher = aho_corasick::AhoCorasick::new(&names).ok();
        static LISTS_MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = LISTS_MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Products { id, names, matcher }
    }

    /// The names in `text` as whole words, in list order, each once.
    fn in_text(&self, text: &str) -> Vec<&str> {
        let Some(matcher) = &self.matcher else {
            return self
                .names
                .iter()
                .filter(|name| contains_word(text, name))
                .map(String::as_str)
                .collect();
        };
        let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let mut hit = vec![false; self.names.len()];
        for m in matcher.find_overlapping_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if !letter(before) && !letter(after) {
                hit[m.pattern().as_usize()] = true;
            }
        }
        self.names
            .iter()
            .zip(hit)
            .filter(|(_, hit)| *hit)
            .map(|(name, _)| name.as_str())
            .collect()
    }
}

/// The technical tokens of `text` (the plain text of one side, without
/// inline code), in order, each once; `products` are the names to keep.
pub fn tokens(text: &str, products: &Products) -> Vec<Token> {
    let mut found: Vec<Token> = Vec::new();
    let mut push = |kind: Kind, text: &str| {
        if !found.iter().any(|t| t.text == text) {
            found.push(Token {
                kind,
                text: text.to_string(),
            });
        }
    };
    for raw in text.split_whitespace() {
        if raw.starts_with("http://") || raw.starts_with("https://") {
            // A placeholder the reader fills in (`originalowner=[email
            // address]`) is translated: the URL ends before it.
            match raw.find(['[', '<', '{']) {
                // The host itself is a placeholder (`https://<tenant>.…`):
                // the scheme and the placeholder's opening must stay glued.
                Some(at) if raw[..at].trim_end_matches('\\').ends_with("://") => {
                    push(Kind::Url, &raw[..=at]);
                }
                Some(at) => push(Kind::Url, trim_sentence(raw[..at].trim_end_matches('\\'))),
                None => push(Kind::Url, trim_sentence(raw)),
            }
            continue;
        }
        let word = trim_sentence(raw);
        if word.is_empty() {
            continue;
        }
        if is_registry_key(word) {
            push(Kind::RegistryKey, word);
        } else if is_path(word) {
            push(Kind::Path, word);
        } else if is_cmdlet(word) {
            push(Kind::Cmdlet, word);
        } else if is_file(word) {
            push(Kind::File, word);
        } else if is_identifier(word) {
            push(Kind::Identifier, word);
        }
    }
    for product in products.in_text(text) {
        push(Kind::Product, product);
    }
    found
}

/// `needle` in `haystack`, not inside a longer word.
pub fn contains_word(haystack: &str, needle: &str) -> bool {
    find_word(haystack, needle).is_some()
}

fn find_word(haystack: &str, needle: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = haystack[from..].find(needle) {
        let start = from + at;
        let end = start + needle.len();
        let before = haystack[..start].chars().next_back();
        let after = haystack[end..].chars().next();
        let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !letter(before) && !letter(after) {
            return Some(start);
        }
        from = end;
    }
    None
}

/// How many times `url` is in `text` as a whole URL, not as the start of a
/// longer one (`…owner=` in `…owner=johndoe@contoso.com`). A token that ends
/// at a placeholder's opening (`https://<`) may be followed by anything.
fn whole_urls(text: &str, url: &str) -> usize {
    if url.ends_with(['<', '[', '{']) {
        return text.matches(url).count();
    }
    let continues = |c: char| c.is_alphanumeric() || "/?#&=%+@_~-".contains(c);
    text.match_indices(url)
        .filter(|(at, _)| {
            let mut after = text[at + url.len()..].chars();
            match after.next() {
                None => true,
                // Sentence punctuation ends a URL unless more of it follows.
                Some('.' | ',' | ':' | ';' | '!') => !after.next().is_some_and(continues),
                Some(c) => !continues(c),
            }
        })
        .count()
}

/// How many times a token of `kind` written `needle` is in `haystack`
/// (URLs whole).
pub fn count_of(haystack: &str, needle: &str, kind: Kind) -> usize {
    if kind == Kind::Url {
        whole_urls(haystack, needle)
    } else {
        haystack.matches(needle).count()
    }
}

/// Where in `target` (raw text of the target side) `token` is, if it is
/// there as the source writes it; `Err` with the bytes of a mangled form
/// (the same letters in other case, or broken by a space) when one is found.
pub fn find_in_target(target: &str, token: &Token) -> Result<(), Option<Range<usize>>> {
    find_times(target, token, 1)
}

/// Like [`find_in_target`], for a token the source writes `times` times:
/// each must be in the target (one of two `Isass.exe` mangled is a fault).
pub fn find_times(target: &str, token: &Token, times: usize) -> Result<(), Option<Range<usize>>> {
    let count = |haystack: &str, needle: &str| count_of(haystack, needle, token.kind);
    if count(target, &token.text) >= times {
        return Ok(());
    }
    if times > 1 && (count(target, &token.text) > 0 || token.kind.ignores_case()) {
        let lower = target.to_lowercase();
        let needle = token.text.to_lowercase();
        let enough = if token.kind.ignores_case() {
            count(&lower, &needle) >= times
        } else {
            false
        };
        if enough {
            return Ok(());
        }
        // Fewer than the source has: the first form that differs is found below.
        let without: String = if token.kind.ignores_case() {
            lower.replace(&needle, &" ".repeat(needle.len()))
        } else {
            target.replace(&token.text, &" ".repeat(token.text.len()))
        };
        if without.len() == target.len() {
            return match find_times(&without, token, 1) {
                Ok(()) => Err(None),
                other => other,
            };
        }
        return Err(None);
    }
    // No-break and thin spaces are spaces (`Microsoft 365`).
    let spaced = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    if count(&spaced(target), &spaced(&token.text)) > 0 {
        return Ok(());
    }
    let lower_target = target.to_lowercase();
    let lower_token = token.text.to_lowercase();
    // `to_lowercase` can change byte lengths outside ASCII: locate only
    // when it did not.
    let same_lengths = lower_target.len() == target.len();
    let located = find_word(&lower_target, &lower_token).filter(|_| same_lengths);
    if token.kind.ignores_case() && lower_target.contains(&lower_token) {
        return Ok(());
    }
    if token.kind == Kind::Url {
        let folded = super::urls::fold(&token.text);
        if target
            .split_whitespace()
            .any(|w| super::urls::fold(trim_sentence(w)) == folded)
            || whole_urls(target, &folded) > 0
        {
            return Ok(());
        }
        // A URL in Markdown link syntax sits in `(…)`.
        if target
            .split(['(', ')', '<', '>', ' '])
            .any(|w| super::urls::fold(w) == folded)
        {
            return Ok(());
        }
    }
    if let Some(at) = located {
        return Err(Some(at..at + lower_token.len()));
    }
    // A cmdlet whose verb changed (`Set-Mailbox` → `get-Mailbox`): its noun.
    if token.kind == Kind::Cmdlet
        && same_lengths
        && let Some((_, noun)) = lower_token.split_once('-')
    {
        let needle = format!("-{noun}");
        if let Some(at) = lower_target.find(&needle) {
            let start = lower_target[..at]
                .rfind(|c: char| c.is_whitespace() || c == '(' || c == '`')
                .map_or(0, |p| p + 1);
            return Err(Some(start..at + needle.len()));
        }
    }
    // Broken by white space (`HKEY_LOCAL_MACHINE \SOFTWARE`), or the
    // beginning kept and the rest changed (`Set-` → `get-`).
    let squeezed_token: String = lower_token.split_whitespace().collect();
    for (start, first) in lower_target.char_indices().filter(|_| same_lengths) {
        if first.is_whitespace() {
            continue;
        }
        let mut kept = String::new();
        let mut end = start;
        for (i, c) in lower_target[start..].char_indices() {
            if c.is_whitespace() {
                continue;
            }
            kept.push(c);
            end = start + i + c.len_utf8();
            if kept.len() >= squeezed_token.len() {
                break;
            }
        }
        if kept == squeezed_token && end > start {
            return Err(Some(start..end));
        }
    }
    Err(None)
}

/// Digits of a script other than ASCII, in `text`: the range of the first
/// run, if any.
pub fn native_digits(text: &str) -> Option<Range<usize>> {
    let native = |c: char| {
        matches!(c,
            '\u{0660}'..='\u{0669}'
            | '\u{06F0}'..='\u{06F9}'
            | '\u{0966}'..='\u{096F}'
            | '\u{09E6}'..='\u{09EF}'
            | '\u{0E50}'..='\u{0E59}'
            | '\u{0ED0}'..='\u{0ED9}'
            | '\u{1040}'..='\u{1049}'
            | '\u{17E0}'..='\u{17E9}')
    };
    // Every such digit is written with a lead byte 0xD9, 0xDB, 0xE0 or
    // 0xE1: text without one (most of it) is not decoded.
    let bytes = text.as_bytes();
    if memchr::memchr3(0xD9, 0xDB, 0xE0, bytes).is_none() && memchr::memchr(0xE1, bytes).is_none() {
        return None;
    }
    let start = text.find(native)?;
    let end = text[start..]
        .find(|c: char| !native(c) && !matches!(c, '.' | ',' | '\u{066B}' | '\u{066C}'))
        .map_or(text.len(), |e| start + e);
    Some(start..end)
}

/// Escaped `\*\*` / `\_\_` runs, and single escaped `\*` / `\_`, outside
/// inline code: what the page shows as literal asterisks.
pub fn escaped_markers(raw: &str) -> (usize, usize) {
    // Only a backslash escapes (most sentences have none).
    if memchr::memchr(b'\\', raw.as_bytes()).is_none() {
        return (0, 0);
    }
    let mut doubled = 0;
    let mut single = 0;
    let mut in_code = false;
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => in_code = !in_code,
            b'\\' if !in_code && matches!(bytes.get(i + 1), Some(b'*' | b'_')) => {
                let marker = bytes[i + 1];
                if bytes.get(i + 2) == Some(&b'\\') && bytes.get(i + 3) == Some(&marker) {
                    doubled += 1;
                    i += 4;
                    continue;
                }
                single += 1;
                i += 2;
                continue;
            }
            b'\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    (doubled, single)
}

/// The first escaped marker of `raw`, for the underline.
pub fn first_escaped(raw: &str) -> Option<Range<usize>> {
    let at = raw.find("\\*").or_else(|| raw.find("\\_"))?;
    let run = raw[at..]
        .find(|c: char| c != '\\' && c != '*' && c != '_')
        .unwrap_or(raw.len() - at);
    Some(at..at + run)
}

/// `a` and `b` are the same text but for trivial edits ([`fold_trivial`]).
/// The folded texts are compared as they are produced, so a translation
/// (almost every segment) is told apart at its first letter that differs,
/// without folding either text whole.
pub fn trivially_equal(a: &str, b: &str) -> bool {
    let (mut ours, mut theirs) = (folded_chars(a), folded_chars(b));
    loop {
        match (ours.next(), theirs.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (x, y) => {
                // From the first difference on, both must be punctuation
                // that folding drops at the end.
                let rest_dropped = x.is_none_or(dropped_at_end)
                    && y.is_none_or(dropped_at_end)
                    && ours.all(dropped_at_end)
                    && theirs.all(dropped_at_end);
                let alphanumerics =
                    |text: &str| text.chars().filter(|c| c.is_alphanumeric()).count();
                return rest_dropped && alphanumerics(a) == alphanumerics(b);
            }
        }
    }
}

/// A target or source folded for `near-untranslated`: white space
/// left out, full-width forms and ideographic punctuation read as ASCII,
/// final punctuation dropped (so a space before it, French style, goes
/// too), case ignored.
pub fn fold_trivial(text: &str) -> String {
    let folded: String = folded_chars(text).collect();
    folded.trim_end_matches(dropped_at_end).to_string()
}

/// The characters of `text` as [`fold_trivial`] reads them, before the final
/// punctuation is dropped.
fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' | '\u{202F}' | '\u{2009}' => ' ',
            '、' | '،' => ',',
            '。' => '.',
            '؛' => ';',
            '؟' => '?',
            '‘' | '’' => '\'',
            '“' | '”' | '«' | '»' | '「' | '」' => '"',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        // A space added, dropped or doubled is as trivial an edit as a wide
        // comma.
        .filter(|c| !c.is_whitespace())
}

/// Punctuation [`fold_trivial`] drops at the end of a text.
fn dropped_at_end(c: char) -> bool {
    c.is_ascii_punctuation() && c != ')' && c != '`' && c != '*'
}

/// Frequent function words of languages a help site's "English" source is
/// sometimes written in (Spanish, Portuguese, French, German, Italian).
const OTHER_WORDS: &[&str] = &[
    "el", "los", "las", "del", "que", "para", "con", "una", "por", "como", "más", "puede", "usted",
    "su", "sus", "da", "do", "das", "dos", "um", "uma", "não", "você", "seu", "sua", "é", "em",
    "ao", "pelo", "pela", "le", "les", "des", "est", "pour", "dans", "vous", "votre", "vos", "sur",
    "avec", "pas", "qui", "au", "aux", "du", "cette", "et", "de", "la", "der", "die", "und", "ist",
    "nicht", "sie", "mit", "für", "auf", "ein", "eine", "zu", "den", "von", "il", "di", "che",
    "per", "non", "sono", "della", "y", "o", "se", "lo", "es", "en",
];
const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "to", "of", "a", "is", "in", "for", "you", "your", "with", "on", "this", "that",
    "are", "be", "can", "or", "not", "it", "from", "select", "click", "go", "see", "open", "if",
    "will", "have", "how", "what", "an", "by", "at", "as", "use", "do", "want", "need",
];

/// A word of at most 8 bytes as one number (its bytes, zero-padded), so
/// that a look-up compares integers, not strings; `None` when longer.
fn packed(word: &[u8]) -> Option<u64> {
    let mut bytes = [0u8; 8];
    bytes.get_mut(..word.len())?.copy_from_slice(word);
    Some(u64::from_le_bytes(bytes))
}

/// The two lists packed and sorted, for a binary search (a linear scan
/// of both lists per word took a twentieth of a check). Every listed word
/// fits in 8 bytes (a test says so).
fn sorted_lists() -> &'static (Vec<u64>, Vec<u64>) {
    static LISTS: std::sync::OnceLock<(Vec<u64>, Vec<u64>)> = std::sync::OnceLock::new();
    LISTS.get_or_init(|| {
        let sorted = |list: &[&str]| {
            let mut list: Vec<u64> = list.iter().filter_map(|w| packed(w.as_bytes())).collect();
            list.sort_unstable();
            list
        };
        (sorted(ENGLISH_WORDS), sorted(OTHER_WORDS))
    })
}

/// (other-language words, English words) among the words of `text`.
pub fn language_votes(text: &str) -> (usize, usize) {
    let (english_words, other_words) = sorted_lists();
    let mut other = 0;
    let mut english = 0;
    let mut lower = String::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        // No listed word has more than 6 characters, and lowercasing never
        // makes fewer: longer words (most of them) are not looked up.
        if word.chars().nth(6).is_some() {
            continue;
        }
        let key = if word.is_ascii() {
            packed(word.as_bytes())
                .map(|key| u64::from_le_bytes(key.to_le_bytes().map(|b| b.to_ascii_lowercase())))
        } else {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            packed(lower.as_bytes())
        };
        let Some(key) = key else { continue };
        if english_words.binary_search(&key).is_ok() {
            english += 1;
        } else if other_words.binary_search(&key).is_ok() {
            other += 1;
        }
    }
    (other, english)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_function_words_are_short() {
        for word in OTHER_WORDS.iter().chain(ENGLISH_WORDS) {
            assert!(word.chars().count() <= 6, "{word}");
            // The vote looks words up lower-cased, packed in 8 bytes.
            assert_eq!(*word, word.to_lowercase());
            assert!(packed(word.as_bytes()).is_some(), "{word}");
        }
        assert_eq!(
            language_votes("Puede usar EL menú PARA seleccionar Éste"),
            (3, 0)
        );
    }

    fn texts(text: &str) -> Vec<(Kind, String)> {
        tokens(text, &Products::new(&[]))
            .into_iter()
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn technical_tokens_of_prose() {
        assert_eq!(
            texts(
                "Run Remove-MsolGroup, open HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft and setup.exe (or a .intunewin file) in C:\\Temp, see https://aka.ms/x. Set msExchHideFromAddressLists in Teams."
            ),
            [
                (Kind::Cmdlet, "Remove-MsolGroup".to_string()),
                (
                    Kind::RegistryKey,
                    "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft".to_string()
                ),
                (Kind::File, "setup.exe".to_string()),
                (Kind::File, ".intunewin".to_string()),
                (Kind::Path, "C:\\Temp".to_string()),
                (Kind::Url, "https://aka.ms/x".to_string()),
                (Kind::Identifier, "msExchHideFromAddressLists".to_string()),
                (Kind::Product, "Teams".to_string()),
            ]
        );
        // Ordinary words with hyphens, dots and capitals are not tokens.
        assert!(texts("Sign-in to e-mail, Follow-Up and Set-up on iPhone. Done.").len() == 1);
        assert!(texts("Set up Get help. Mr. Smith e.g. U.S.").is_empty());
        // A URL ends before a placeholder the reader fills in.
        assert_eq!(
            texts("Open https://forms.office.com/Pages/page.aspx?owner=[email address] now."),
            [(
                Kind::Url,
                "https://forms.office.com/Pages/page.aspx?owner=".to_string()
            )]
        );
        // A host that is a placeholder keeps the scheme and its opening.
        assert_eq!(
            texts("Open https://<tenant>.sharepoint.com or https://\\<site>.sharepoint.com now."),
            [
                (Kind::Url, "https://<".to_string()),
                (Kind::Url, "https://\\<".to_string())
            ]
        );
    }

    #[test]
    fn a_url_is_found_whole_not_as_the_start_of_a_longer_one() {
        let url = Token {
            kind: Kind::Url,
            text: "https://forms.office.com/p.aspx?owner=".to_string(),
        };
        // Broken by a space; the same start in another, longer URL is not it.
        let target = "Ouvrez https:// forms.office.com/p.aspx?owner= [adresse] : https://forms.office.com/p.aspx?owner=jean@contoso.com.";
        assert!(find_in_target(target, &url).is_err());
        let kept = "Ouvrez https://forms.office.com/p.aspx?owner= [adresse] : https://forms.office.com/p.aspx?owner=jean@contoso.com.";
        assert_eq!(find_in_target(kept, &url), Ok(()));
        let host = Token {
            kind: Kind::Url,
            text: "https://<".to_string(),
        };
        assert!(find_in_target("Exemple : https:// <tenant>.sharepoint.com", &host).is_err());
        assert_eq!(
            find_in_target("Exemple : https://<tenant>.sharepoint.com", &host),
            Ok(())
        );
        let plain = Token {
            kind: Kind::Url,
            text: "https://aka.ms/x".to_string(),
        };
        assert_eq!(find_in_target("Voir https://aka.ms/x.", &plain), Ok(()));
        assert!(find_in_target("Voir https://aka.ms/xyz.", &plain).is_err());
    }

    #[test]
    fn tokens_are_found_or_their_mangled_form_located() {
        let token = |kind, text: &str| Token {
            kind,
            text: text.to_string(),
        };
        assert_eq!(
            find_in_target(
                "Exécutez remove-msolgroup",
                &token(Kind::Cmdlet, "Remove-MsolGroup")
            ),
            Ok(())
        );
        assert_eq!(
            find_in_target(
                "Ouvrez HKEY_LOCAL_MACHINE \\SOFTWARE",
                &token(Kind::RegistryKey, "HKEY_LOCAL_MACHINE\\SOFTWARE")
            ),
            Err(Some(7..35))
        );
        assert_eq!(
            find_in_target("เปิด ทีม", &token(Kind::Product, "Teams")),
            Err(None)
        );
        assert_eq!(
            find_in_target("Ouvrez teams", &token(Kind::Product, "Teams")),
            Err(Some(7..12))
        );
        assert_eq!(
            find_in_target(
                "Voir [ici](https://aka.ms/fr-fr/x).",
                &token(Kind::Url, "https://aka.ms/en-us/x")
            ),
            Ok(())
        );
    }

    #[test]
    fn every_native_digit_is_found_past_the_byte_filter() {
        for range in [
            '\u{0660}'..='\u{0669}',
            '\u{06F0}'..='\u{06F9}',
            '\u{0966}'..='\u{096F}',
            '\u{09E6}'..='\u{09EF}',
            '\u{0E50}'..='\u{0E59}',
            '\u{0ED0}'..='\u{0ED9}',
            '\u{1040}'..='\u{1049}',
            '\u{17E0}'..='\u{17E9}',
        ] {
            for c in range {
                let text = format!("é {c}");
                assert_eq!(native_digits(&text), Some(3..3 + c.len_utf8()), "{c:?}");
            }
        }
    }

    #[test]
    fn native_digits_and_escapes() {
        assert_eq!(native_digits("Microsoft ๓๖๕"), Some(10..19));
        assert_eq!(native_digits("Microsoft 365 ３"), None);
        assert_eq!(
            escaped_markers("\\*\\*Speichern\\*\\* und \\* `\\*`"),
            (2, 1)
        );
        assert_eq!(first_escaped("Wählen \\*\\*Speichern"), Some(8..12));
    }

    #[test]
    fn trivial_edits_fold_away() {
        assert_eq!(
            fold_trivial("Open Settings，then  Save."),
            fold_trivial("Open Settings, then Save")
        );
        assert_eq!(fold_trivial("Note :"), fold_trivial("Note:"));
        assert!(trivially_equal(
            "Ｏｐｅｎ Settings，then  Save.",
            "Open settings, then Save"
        ));
        assert!(!trivially_equal("Open Settings.", "Open Setting."));
        // Compared as produced, the answer is still the folded texts' equality.
        let texts = [
            "Save",
            "Save.",
            "Save..",
            "Save.)",
            "Save.d",
            "save !",
            "(Save)",
            "Save*",
            "",
            "...",
            "Ｓａｖｅ。",
            "Sauvegarder",
            "S a v e",
            "Save?!",
            "Sav",
        ];
        for a in texts {
            for b in texts {
                let folded_equal = fold_trivial(a) == fold_trivial(b);
                assert_eq!(trivially_equal(a, b), folded_equal, "{a:?} {b:?}");
            }
        }
        assert_ne!(
            fold_trivial("Ouvrez les paramètres"),
            fold_trivial("Open the settings")
        );
    }

    #[test]
    fn language_votes_tell_english_from_spanish() {
        let (other, english) =
            language_votes("Para pagar con boleto, abra la aplicación y seleccione el método.");
        assert!(other > english);
        let (other, english) =
            language_votes("To pay with a card, open the app and select the method.");
        assert!(english > other);
    }
}
