//! The rule catalogue: every rule is declared here, once.
//!
//! `helpc rules`, `helpc explain`, the configuration parser and the SARIF
//! writer all read from [`RULES`]; nothing else names a rule by string.

use std::fmt;

/// How serious a diagnostic is. `Allow` silences a rule.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Level {
    Allow,
    Note,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The table of `rules.md` a rule belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Input,
    FrontMatter,
    Structure,
    Quality,
    AcrossFiles,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::Input => "Input files",
            Group::FrontMatter => "Front matter and locale",
            Group::Structure => "Segment structure",
            Group::Quality => "Translation quality",
            Group::AcrossFiles => "Across files",
        }
    }
}

/// One rule's declaration.
#[derive(Debug)]
pub struct RuleInfo {
    pub rule: Rule,
    pub name: &'static str,
    pub level: Level,
    pub group: Group,
    pub summary: &'static str,
    pub explanation: &'static str,
}

macro_rules! declare_rules {
    ($( $variant:ident {
        name: $name:literal,
        level: $level:ident,
        group: $group:ident,
        summary: $summary:literal,
        explanation: $explanation:literal $(,)?
    } )*) => {
        /// A rule's identity. Its name, level and texts live in [`RULES`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum Rule { $($variant),* }

        /// Every rule, in catalogue order.
        pub static RULES: &[RuleInfo] = &[
            $(RuleInfo {
                rule: Rule::$variant,
                name: $name,
                level: Level::$level,
                group: Group::$group,
                summary: $summary,
                explanation: $explanation,
            }),*
        ];
    };
}

impl Rule {
    pub fn info(self) -> &'static RuleInfo {
        // The table is declared in enum order, so the discriminant is the index.
        &RULES[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn default_level(self) -> Level {
        self.info().level
    }

    pub fn from_name(name: &str) -> Option<Rule> {
        RULES.iter().find(|r| r.name == name).map(|r| r.rule)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

declare_rules! {
    FileUnreadable {
        name: "file-unreadable",
        level: Error,
        group: Input,
        summary: "a content file or folder could not be read",
        explanation: "helpc could not read a file or folder of the content tree: it is unreadable \
(permissions), vanished while the run went on, is part of a symbolic-link loop, or lies outside the \
content root.

The rest of the run goes on; the file is left out of the build and the run exits with status 1.

Fix the file's permissions, or remove the file or link from the content tree.",
    }
    EncodingInvalid {
        name: "encoding-invalid",
        level: Error,
        group: Input,
        summary: "a Markdown file is not UTF-8 text (invalid bytes, NUL bytes)",
        explanation: "Articles must be UTF-8 (a byte-order mark is accepted). This rule fires on the \
first byte sequence that is not UTF-8, or on a NUL byte, which text files never hold: the file is \
probably binary or was saved in a legacy code page.

The diagnostic points at the line and column of the first bad byte. Re-save the file as UTF-8.",
    }
    FrontMatterMissing {
        name: "front-matter-missing",
        level: Error,
        group: FrontMatter,
        summary: "an article has no `---` front matter block",
        explanation: "Every article (every `.md` file that is not under an `includes/` folder) starts \
with a YAML front matter block between two `---` lines. It holds the title and the localization \
metadata (`ms.contentlocale`, `ms.translationtype`, ...) that the build needs.

Fragments under `includes/` are exempt: they are inlined into articles and have no page of their own.

Example of a valid start:

    ---
    title: Fix email delivery issues
    ms.contentlocale: fr-FR
    ms.translationtype: MT
    ---",
    }
    FrontMatterInvalid {
        name: "front-matter-invalid",
        level: Error,
        group: FrontMatter,
        summary: "the front matter is not valid YAML or not a mapping",
        explanation: "The block between the `---` lines must be a YAML mapping (`key: value` lines). \
The diagnostic points at the line the YAML parser stopped on.

A frequent real cause: the front matter itself was sent through translation. Its keys were \
translated or wrapped in segment spans (`<span data-ttu-id=...>title: ...</span>`), so it no longer \
parses. helpc says so when the block holds segment spans. Restore the front matter from the source \
article; only the `title` value is meant to be translated, as plain text.

An unterminated block (no closing `---`) is reported here too.",
    }
    FrontMatterKeyMissing {
        name: "front-matter-key-missing",
        level: Error,
        group: FrontMatter,
        summary: "`title` is missing or empty",
        explanation: "The front matter must give a non-empty `title`: it is the page's `<title>`, its \
entry in the locale index and in search results.",
    }
    LocaleInvalid {
        name: "locale-invalid",
        level: Error,
        group: FrontMatter,
        summary: "a locale folder name or `ms.contentlocale` is not a valid BCP 47 tag",
        explanation: "Every top-level folder of the content tree is a locale and must be named by a BCP 47 \
language tag such as `fr-FR`, `ja-JP`, `zh-Hant-TW` or `sr-Latn`. The same holds for the \
`ms.contentlocale` front matter key. Underscores (`fr_FR`) are not BCP 47.

A folder with an invalid name is reported once, at the folder; its articles are checked but not built.",
    }
    LocaleMismatch {
        name: "locale-mismatch",
        level: Error,
        group: FrontMatter,
        summary: "`ms.contentlocale` names another locale than the article's folder",
        explanation: "An article under `fr-FR/` must say `ms.contentlocale: fr-FR`. Tags are compared in \
canonical form, ignoring case (`fr-fr` matches `fr-FR`). A mismatch usually means a file was copied \
into the wrong locale folder, which would publish it under the wrong language.",
    }
    UnpairedTarget {
        name: "unpaired-target",
        level: Error,
        group: Structure,
        summary: "a target span has no source span after it",
        explanation: "Each translated sentence is a pair: the target span \
`<span data-ttu-id=\"ID\">TARGET</span>` immediately followed by the source span \
`<span class=\"sxs-lookup\"><span data-stu-id=\"ID\">SOURCE</span></span>`.

This rule fires when a target span closes but no source span follows it before the next segment \
starts or the paragraph ends (a blank line). The English source of the sentence was lost, usually \
by an edit that cut the line. Restore the source span from another locale or the source article.",
    }
    UnpairedSource {
        name: "unpaired-source",
        level: Error,
        group: Structure,
        summary: "a source span has no target span right before it",
        explanation: "A `<span class=\"sxs-lookup\"><span data-stu-id=\"ID\">` source span must follow its \
target span directly. This rule fires on a source span that stands alone: the translated sentence \
before it was deleted or its opening tag was damaged.",
    }
    IdMismatch {
        name: "id-mismatch",
        level: Error,
        group: Structure,
        summary: "the target and source ids of one pair differ",
        explanation: "The `data-ttu-id` of a target span and the `data-stu-id` of the source span after it \
must be the same id. Different ids mean that segments were reordered or spliced by hand, so the \
target may no longer translate the source beside it.",
    }
    IdMalformed {
        name: "id-malformed",
        level: Error,
        group: Structure,
        summary: "a segment id is not `[0-9a-f]{5}-p?[0-9]+`",
        explanation: "Segment ids are a five-digit lowercase hexadecimal prefix, a hyphen and a decimal \
number, optionally preceded by `p` for merged paragraphs: `5f5d2-103`, `5f5d2-p104`. Anything else \
(upper-case hex, missing number, extra characters) was damaged in editing or translation.",
    }
    IdDuplicate {
        name: "id-duplicate",
        level: Error,
        group: Structure,
        summary: "an id occurs in two segments of one file",
        explanation: "Every segment of a file has its own id; tools that import translations back address \
segments by (file, id). The diagnostic is reported at the second occurrence. Ids only need to be \
unique within a file: two files may share a prefix.",
    }
    PrefixMixed {
        name: "prefix-mixed",
        level: Error,
        group: Structure,
        summary: "a file's ids do not all share one prefix",
        explanation: "All segments of one file share the same five-digit prefix. A different prefix means \
that segments were pasted in from another file (or another locale's copy of the article). Reported \
once, at the first segment whose prefix differs from the first segment's.",
    }
    IdOrder {
        name: "id-order",
        level: Warning,
        group: Structure,
        summary: "a plain segment number is not greater than the previous one",
        explanation: "Plain segment numbers (`5f5d2-103`, not the merged-paragraph form `5f5d2-p104`) rise \
through the file. Gaps are normal: numbers are also spent on text that was not segmented. A number \
that goes down or repeats means segments were moved, which matters to tools that align locales by \
number.",
    }
    SpanUnclosed {
        name: "span-unclosed",
        level: Error,
        group: Structure,
        summary: "a segment's target or source span is not closed",
        explanation: "A target span must be closed by `</span>` and its source span by `</span></span>` \
before the next segment starts, the paragraph ends (a blank line) or the file ends. An unclosed span \
would swallow the rest of the paragraph, or of the page, into one sentence. A truncated opening tag \
(`<span data-ttu-id=\"5f5d2-1` at the end of a file) is reported here too.",
    }
    SegmentEmpty {
        name: "segment-empty",
        level: Error,
        group: Structure,
        summary: "a segment's TARGET or SOURCE is empty or only white space",
        explanation: "An empty target publishes nothing where a sentence should be; an empty source leaves \
the target without the English it translates. Both are damage, not style.",
    }
    Untranslated {
        name: "untranslated",
        level: Warning,
        group: Quality,
        summary: "the target is the English source, unchanged",
        explanation: "The TARGET of a segment equals its SOURCE, and the source has words a translator \
should have translated: something is left after removing inline code, URLs, numbers, placeholders and \
the terms of the `do-not-translate` list, and it reads as language (a lower-case word of three letters \
or more), not only as names such as `Microsoft Teams`, nor a short command line (`sfc /scannow`). \
An article whose \"English\" source is written in another language (Spanish, Portuguese, French, \
German or Italian function words outnumber English ones over all its sources, or its front matter \
says `source-language: es`) gets no `untranslated` at all.

Segments left in English are sometimes legitimate: add product names and commands to the list in \
helpc.toml (`do-not-translate = [\"Outlook on the web\"]`), or silence one segment with \
`<!-- helpc-allow: untranslated -->` written just before it in the middle of a line (alone on the \
line above, it silences the rule on that whole line).",
    }
    LinkMismatch {
        name: "link-mismatch",
        level: Warning,
        group: Quality,
        summary: "the link and image destinations of TARGET and SOURCE differ",
        explanation: "Every link and image of the source must be in the target with the same destination; \
the link text is translated, the URL is not. Destinations are compared as multisets, read with a \
Markdown parser (not by counting characters). A segment may hold half a link (its `[` here, its \
`](url)` in the next segment, or the other way round): halves count by what they hold, so a half-link \
both sides share is never reported. URLs are compared with their locale folded out: a link \
localised to `/fr-fr/` or `?ui=fr-FR&rs=fr-FR&ad=FR` leads to the page the English links to.",
    }
    LinkBroken {
        name: "link-broken",
        level: Error,
        group: Quality,
        summary: "TARGET has link syntax that no longer parses as a link where SOURCE's does",
        explanation: "Machine translation often breaks Markdown links: a space between `]` and `(` \
(`[texte] (https://...)`), a lost `[` or `]`. The page then shows brackets and a raw URL instead of a \
link. This rule fires when the source's link parses and the target's does not while it still holds the \
destination, when the target has `] (` where the source has `](`, or when the `[` that opens a link \
in the source is missing.",
    }
    CodeMismatch {
        name: "code-mismatch",
        level: Warning,
        group: Quality,
        summary: "the inline code spans of TARGET and SOURCE differ",
        explanation: "Inline code (`` `command --flag` ``) is never translated: commands, file names and \
values must be copied as they are. The code spans of both sides are compared as multisets.",
    }
    EmphasisMismatch {
        name: "emphasis-mismatch",
        level: Warning,
        group: Quality,
        summary: "the counts of strong and emphasis markers differ",
        explanation: "Bold (`**...**`) marks UI labels the reader must find on screen; a translation that \
loses or adds it misleads. The counts of strong and emphasis spans (and of `**` runs a segment cut) of \
both sides are compared.",
    }
    MarkupMismatch {
        name: "markup-mismatch",
        level: Warning,
        group: Quality,
        summary: "the HTML tags (and `<word>` pseudo-tags) differ",
        explanation: "HTML tags in a sentence (`<br>`, `<b>`, `<sup>`) and pseudo-tags such as `<app>` must be \
the same on both sides: compared as multisets of opening, closing and self-closing tags.",
    }
    MarkupUnbalanced {
        name: "markup-unbalanced",
        level: Warning,
        group: Quality,
        summary: "TARGET or SOURCE holds HTML tags that do not balance",
        explanation: "A stray `</span>` or an unclosed `<b>` breaks the page around it. Tags are balanced \
block by block on the assembled documents, so a tag opened in one segment and closed in the next is \
fine. Reported once per segment: for the target, or else for the source (a defect copied from the \
English original shows up in every locale). The built page never carries the stray tag: the sanitiser \
drops it.",
    }
    MarkupUnsafe {
        name: "markup-unsafe",
        level: Error,
        group: Quality,
        summary: "TARGET brings active content SOURCE lacks",
        explanation: "A translation must never add `<script>`, `<iframe>`, `<object>`, `<embed>`, `<style>`, \
an event-handler attribute (`onerror=`, `onclick=`) or a `javascript:`, `vbscript:` or `data:text/html` \
URL. Whatever this rule is set to, such content never reaches a built page: the sanitiser removes it. \
Markdown links and images are checked in every document, whatever the source has: a URL a browser \
would read as `javascript:`, `vbscript:` or a `data:` document (in any case, with leading control \
characters, or tabs and newlines inside the scheme) is reported here and never written; the page \
shows the link's text.",
    }
    PlaceholderMismatch {
        name: "placeholder-mismatch",
        level: Warning,
        group: Quality,
        summary: "placeholders differ: `{0}`, `{name}`, `%s`, `%1$s`, `$name`, `\\<Name\\>`",
        explanation: "Placeholders are filled in by software or stand for what the reader types \
(`\\<CustomDomain\\>`): they are copied, not translated. Machine translation drops them or translates \
their names. Compared as multisets. A `$name` is ASCII letters, digits and `_`, so it ends where \
the script changes (`$name` followed by Japanese text); `$True` and `$true` are the same, as in \
PowerShell.",
    }
    NumberMismatch {
        name: "number-mismatch",
        level: Warning,
        group: Quality,
        summary: "a number of the SOURCE is not in the TARGET, after locale-aware normalisation",
        explanation: "Numbers are compared by value, the way each locale writes them: `50 000`, `50,000` and \
`50.000` are one number, `88,1` is `88.1`, Arabic-Indic and full-width digits are digits, and a range \
or a date may be reordered. Digits glued to Latin letters (`x64`, `Office365`) and URLs are not numbers; \
glued digits end at white space, so `Office365 410` holds the number 410. \
The rule fires when a source number is missing from the target; a target may add numbers (a word such \
as `two` written as `2`).",
    }
    InvisibleTag {
        name: "invisible-tag",
        level: Warning,
        group: Quality,
        summary: "text holds a `<word>` a browser does not show",
        explanation: "CommonMark reads `<email address>` or `<CustomDomain>` as an HTML tag: the page shows \
nothing in its place. Write `\\<email address\\>` to show the angle brackets and the word.",
    }
    EmphasisEscaped {
        name: "emphasis-escaped",
        level: Warning,
        group: Quality,
        summary: "bold or italic markers are escaped on one side only (`\\*\\*Save\\*\\*`)",
        explanation: "Escaped asterisks (`\\*\\*Speichern\\*\\*`, `\\_x\\_`) are shown by the page as \
asterisks, not as bold: the reader sees `**Speichern**` where the English shows a bold **Save**. \
Counting `**` runs does not catch it, since the escaped text still holds them. The rule fires when one \
side has escaped markers the other side writes as real emphasis; where both sides escape them alike, \
the text is meant literally.",
    }
    DigitsNative {
        name: "digits-native",
        level: Warning,
        group: Quality,
        summary: "the target writes native digits (`๓๖๕`, `٣٦٥`) where the source has ASCII digits",
        explanation: "Microsoft's style guides keep ASCII digits (0-9) in every locale: `Microsoft 365` \
stays `Microsoft 365`, not `Microsoft ๓๖๕`. Versions, error codes and key combinations written with \
Thai, Arabic-Indic, Persian, Devanagari, Bengali or full-width digits no longer match what the \
software shows. `number-mismatch` reads them as the same value, so this rule says it apart.

A locale whose style does use native digits is listed in helpc.toml: \
`native-digits = [\"ar-SA\"]`.",
    }
    TokenMangled {
        name: "token-mangled",
        level: Warning,
        group: Quality,
        summary: "a technical token of the source is missing or altered in the target (cmdlet, registry key, file, path, URL, identifier, product name)",
        explanation: "Some words of running text are not language: PowerShell cmdlets (`Remove-MsolGroup`), \
registry keys (`HKEY_LOCAL_MACHINE\\SOFTWARE\\…`), file names and extensions (`setup.exe`, \
`.intunewin`), paths (`C:\\Program Files`, `%AppData%`), URLs written in prose, identifiers \
(`msExchHideFromAddressLists`, `Max_Size`) and product names (`Teams`, `OneDrive`, a built-in list \
plus the `do-not-translate` terms of helpc.toml). They must reach the target verbatim. The rule fires \
when one of them is not in the target as the source writes it (cmdlets, file names, paths and keys \
compared without case, as Windows and PowerShell do; URLs with their locale folded out). Inline code \
is `code-mismatch`'s.",
    }
    NearUntranslated {
        name: "near-untranslated",
        level: Warning,
        group: Quality,
        summary: "the target is the English source with only white space, punctuation or case changed",
        explanation: "A target that equals its source once white space is folded, full-width punctuation \
is read as ASCII (`，` as `,`), final punctuation is dropped and case ignored is the English left \
untranslated with a trivial edit (a full-width comma, a dropped period), which exact comparison \
(`untranslated`) misses. The same exceptions apply: names, code, URLs, do-not-translate terms, and \
articles whose English source is written in another language.",
    }
    TokenCase {
        name: "token-case",
        level: Allow,
        group: Quality,
        summary: "a product name of the source is in the target with only its letter case or spacing changed",
        explanation: "`token-mangled` for product names whose letters are all there: `Microsoft teams`, \
`ONEDRIVE`, `Office365` for `Office 365`. The reader still recognizes the product: it is a style fault, not a broken command, \
so the rule is off by default (a machine-translated locale has hundreds); turn it on with \
`token-case = \"note\"` or `\"warn\"` in `[rules]` where the style guide is enforced. Cmdlets, file \
names, keys and paths whose case changed are not reported at all where Windows ignores case, and \
stay `token-mangled` otherwise.",
    }
    LabelInconsistent {
        name: "label-inconsistent",
        level: Warning,
        group: Quality,
        summary: "a bold UI label is not translated as the locale usually translates it, and its usual translation stands un-bolded in the same target",
        explanation: "A locale-wide rule. Bold marks UI labels (`Select **Save**`). helpc learns each label's \
usual translation from the locale itself: in every segment whose source and target have the same \
number of bold spans, the spans are paired in order, and a label with at least 3 such pairs whose \
most common translation has at least 60% of them has a usual translation. The rule fires when a \
target's bold span paired with that label is something else while the usual translation is in the \
same target without bold: the bold sits on the wrong words (`Selectați Salvare **din meniu**`). The \
underline is the misplaced bold span; the message names the label, its usual translation and how \
often the locale writes it. The result does not depend on the thread count; a glossary \
(`glossary` in helpc.toml) states translations instead of learning them.",
    }
    TranslationInconsistent {
        name: "translation-inconsistent",
        level: Allow,
        group: Quality,
        summary: "the same English sentence is translated otherwise here than in most of the locale",
        explanation: "A locale-wide rule. Segments of English articles with at least 4 words are grouped by their \
English (its words: punctuation, spacing, markup and case folded). Where a group has at least 3 members \
and one translation is used by more than half of them and at least three times, each member translated otherwise is \
reported, with the first differing words of both translations and a place that uses the usual \
one. Machine translation often varies with context and both wordings are often right, so the rule is \
off by default: turn it on (`translation-inconsistent = \"note\"` or `\"warn\"` in `[rules]`) to review \
a locale where a term or UI string must be consistent, or for human-translated content.",
    }
    TranslationShared {
        name: "translation-shared",
        level: Allow,
        group: Quality,
        summary: "two different English sentences have the same translation in the locale",
        explanation: "A locale-wide rule. Segments of English articles with at least 4 words that have the same \
translation (its words compared, punctuation, spacing and case folded) while their English differs \
in what cannot be said two ways: its bold UI labels, its numbers or its inline code. One of the \
translations does not say what its English says (a copy-paste, or a translation memory match applied \
to the wrong sentence). English that differs only in wording is not reported: it may mean the same. \
The message quotes the first differing words of the two English sentences and names the other \
segment. Synonyms pass for different English often enough that the rule is off by default: turn it on \
(`translation-shared = \"note\"` or `\"warn\"` in `[rules]`) to review a locale.",
    }
    GlossaryMissing {
        name: "glossary-missing",
        level: Warning,
        group: Quality,
        summary: "a glossary term of the source is in the segment, its required translation is not in the target",
        explanation: "With `glossary = \"terms.csv\"` (or a `.tbx` file) in helpc.toml, every segment whose \
source holds a glossary term (whole words, case ignored) must hold the term's translation for the \
article's locale (case ignored; any of the preferred translations when the glossary lists \
several). The CSV has a header row: `source`, then one column per locale tag (`fr-FR`), and \
optionally `forbidden:fr-FR` columns of variants separated by `|`. TBX entries give the term per \
`xml:lang` language set; `administrativeStatus` `deprecatedTerm-admn-sts` or \
`supersededTerm-admn-sts` marks a forbidden variant. `helpc glossary` proposes one from the \
locale's consistent bold labels.",
    }
    GlossaryForbidden {
        name: "glossary-forbidden",
        level: Warning,
        group: Quality,
        summary: "the target uses a translation the glossary forbids for a source term",
        explanation: "The glossary (see `glossary-missing`) lists variants that must not translate a term in a \
locale (an older or rejected translation). The rule fires when the source holds the term and the \
target holds a forbidden variant (whole words, case ignored); the underline is the variant.",
    }
    LinkTargetMissing {
        name: "link-target-missing",
        level: Warning,
        group: AcrossFiles,
        summary: "a relative link or image points to a file that is not in the content",
        explanation: "A relative link (`[text](other-article.md)`) or image (`![alt](media/x.png)`) of the \
translated document must lead to a file of the content tree; otherwise the built page has a dead link \
or a missing picture. Paths are resolved from the article's folder; `.md` links may leave the extension \
out. Absolute URLs and anchors are not checked.",
    }
    IncludeMissing {
        name: "include-missing",
        level: Error,
        group: AcrossFiles,
        summary: "an `[!INCLUDE]` target does not exist",
        explanation: "DocFX includes (`[!INCLUDE[title](../includes/fragment.md)]`) are inlined into the page. \
A missing fragment would leave a hole in every page that includes it.",
    }
    IncludeOutsideRoot {
        name: "include-outside-root",
        level: Error,
        group: AcrossFiles,
        summary: "an `[!INCLUDE]` or relative path resolves outside the content root",
        explanation: "Paths are resolved inside the content folder only: `../` may not climb above it. A path \
that does would read (or link to) files that are not part of the site. For the same reason, a symbolic \
link inside the content folder that leads outside it is reported and not followed.",
    }
    SourceDrift {
        name: "source-drift",
        level: Warning,
        group: AcrossFiles,
        summary: "two locales of an article were translated from different versions of the English",
        explanation: "Without a source-locale article, the English each translation was made from is rebuilt \
from its segments' sources. Where the locales of one article disagree, the ones that differ from the \
newest handoff (`ms.lasthandoff`; among equals, the version most locales share) are reported, paragraph \
by paragraph, at the segment where they differ, quoting both versions. White space and segment \
boundaries do not count: a sentence cut into two segments in one locale and kept whole in another is the \
same English. Link destinations count with their locale folded out (`/de-DE/office/…` is the same page \
as `/en-us/office/…`, as are `?ui=de-DE&rs=de-DE&ad=DE` and `?ui=en-US&rs=en-US&ad=US`; host names \
ignore case, `??` is `?`); where only a link differs, the message quotes the two destinations.",
    }
    TranslationStale {
        name: "translation-stale",
        level: Warning,
        group: AcrossFiles,
        summary: "the English a translation was made from differs from the current source article",
        explanation: "The document rebuilt from the translation's segment sources is compared, paragraph by \
paragraph, with the source-locale article of the same path. Each changed, removed or added passage is \
reported at the translated segment it concerns, quoting the English it was translated from and the \
English the source has now.",
    }
    TranslationMissing {
        name: "translation-missing",
        level: Note,
        group: AcrossFiles,
        summary: "a source-locale article has no translation in a locale that has others",
        explanation: "Reported on the source article, once per locale folder that holds other articles but not \
this one. The built site links readers of that locale to the English page.",
    }
    TranslationOrphan {
        name: "translation-orphan",
        level: Warning,
        group: AcrossFiles,
        summary: "a translated article has no source-locale article",
        explanation: "When a source-locale folder exists, every translation should have its source at the same \
path there. An orphan is usually a source that was renamed or removed: the translation can no longer be \
kept up to date.",
    }
    TocInvalid {
        name: "toc-invalid",
        level: Warning,
        group: AcrossFiles,
        summary: "a `TOC.yml` cannot be read as a table of contents",
        explanation: "A `TOC.yml` (or `toc.yml`) is a YAML list of entries, each with a `name`, an `href` to \
an article or URL, and optional nested `items` (DocFX's shape; a mapping whose `items` is that list works \
too). A file that is not valid YAML, or not that shape, gives no navigation: the pages it would list fall \
back to the generated one. Its entries' links are checked like article links (`link-target-missing`). \
An entry whose link the URL policy refuses (any scheme but http, https and mailto: `javascript:`, \
`vbscript:`, `data:`…, however it is cased or split by white space) is reported here and shown as its \
name, without a link, whatever this rule's level.",
    }
    LinkScheme {
        name: "link-scheme",
        level: Warning,
        group: AcrossFiles,
        summary: "a link's scheme is not one the site writes: the page shows its text",
        explanation: "Every URL helpc writes passes one policy: relative paths, `http:`, `https:` and \
`mailto:`, and the schemes a project adds in `helpc.toml` (`url-schemes = [\"ms-settings\"]` for the \
Windows deep links help articles use). A link with any other scheme (`ms-settings:troubleshoot`, \
`tel:`…) is not written as a link: the page shows its text. Script schemes (`javascript:`, \
`vbscript:`, `data:` other than raster images) are `markup-unsafe` and can never be allowed.",
    }
    MediaUnsafe {
        name: "media-unsafe",
        level: Warning,
        group: AcrossFiles,
        summary: "an SVG image holds script, event handlers, foreign content or external references",
        explanation: "SVG images are XML documents that a browser runs like pages when they are opened: a \
`<script>`, an `onload=` attribute or a `javascript:` link inside one runs on the site's origin. helpc \
never publishes an SVG as it is: it writes a copy made of an allow-list of SVG elements (shapes, text, \
gradients, filters, `<use>`…) and their attributes, without `<script>`, `<foreignObject>`, animation \
elements, `on...` attributes, and references that leave the file (`href`s other than `#id` and inline \
raster images, `url(...)` other than `url(#id)`, CSS `@import`). This rule reports what was taken out; \
an SVG that cannot be read as XML with an `<svg>` root is not published at all (pages show the image's \
alternative text). Whatever the rule's level, the published copy is the safe one.",
    }
    AlertUnknown {
        name: "alert-unknown",
        level: Warning,
        group: Structure,
        summary: "a quote block starts with `[!…]` that is not one of the alert markers",
        explanation: "DocFX and GitHub alerts start with one of five markers, in English: `[!NOTE]`, `[!TIP]`, \
`[!IMPORTANT]`, `[!CAUTION]`, `[!WARNING]` (`[!VIDEO url]`, `[!INCLUDE]` and `[!div]` are other \
constructs). A marker that is mistyped (`[!TIPS]`, `[! NOTE]`) or translated (`[!הערה]`, `[!提示]`) is \
shown raw by other tools. helpc renders it as the alert it most likely means (a note when it cannot \
tell, titled with the marker's word) and reports it: write the English marker.",
    }
    LinkRootMissing {
        name: "link-root-missing",
        level: Warning,
        group: AcrossFiles,
        summary: "a root-relative link (`/product/page`) leads to no file of the site, and no `link-root` says where it goes",
        explanation: "Articles written for a large help site link to its other pages from the site's root (`[Edge](/DeployEdge/overview)`). Built alone, such a link leads nowhere. It counts as found when the path, read from the content root or from the article's locale folder (with or without `.md`), is a file of the content. Otherwise the page shows the link's text without a link, and this rule reports it; set `link-root = \"https://…\"` in `helpc.toml` to send such links to the site they were written for (the rule is then silent).",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_enum_order() {
        for (index, info) in RULES.iter().enumerate() {
            assert_eq!(info.rule as usize, index, "{} is out of order", info.name);
        }
    }

    #[test]
    fn names_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for info in RULES {
            assert!(seen.insert(info.name), "duplicate rule {}", info.name);
            assert!(
                info.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{} is not kebab-case",
                info.name
            );
            assert!(!info.summary.is_empty() && !info.explanation.is_empty());
        }
    }

    #[test]
    fn lookup_by_name() {
        assert_eq!(Rule::from_name("id-order"), Some(Rule::IdOrder));
        assert_eq!(Rule::IdOrder.default_level(), Level::Warning);
        assert_eq!(Rule::from_name("no-such-rule"), None);
    }
}
