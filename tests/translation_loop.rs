//! The translation loop as translators run it: exports re-wrapped and
//! sorted by gettext, edited with polib and lxml, read by translate-toolkit
//! and OmegaT, and hostile files. Whatever comes back, the articles keep
//! every translation and change only where an edit was made; a refused
//! file says why and writes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Whether `program` runs with `args`; its absence fails the test when the
/// localization tools are required (HELPC_REQUIRE_L10N_TOOLS).
fn tool_or_skip(program: &str, args: &[&str]) -> bool {
    let found = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("HELPC_REQUIRE_L10N_TOOLS").is_some() {
        panic!("{program} is required (HELPC_REQUIRE_L10N_TOOLS is set)");
    }
    found
}

fn python_module(name: &str) -> bool {
    tool_or_skip("python3", &["-c", &format!("import {name}")])
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of the sample content in a temporary folder.
fn sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::copy_tree(&common::project().join("content"), &content);
    (dir, content)
}

fn export(dir: &Path, content: &Path, locale: &str, to: &str) -> PathBuf {
    let out = dir.join(format!("export-{to}"));
    let output = common::helpc(
        dir,
        &[
            "export",
            content.to_str().unwrap(),
            "--locale",
            locale,
            "--to",
            to,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

fn import(dir: &Path, content: &Path, files: &[&Path], extra: &[&str]) -> Output {
    let mut args: Vec<String> = vec!["import".into(), content.to_string_lossy().into_owned()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    common::helpc(dir, &args)
}

/// Every file of a tree with its bytes.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

const ARTICLE: &str = "fr-FR/getting-started.md";
const TARGET_103: &str =
    "helpc est un compilateur en ligne de commande pour les articles d’aide localisés.";

fn po_entry_103(target: &str) -> String {
    format!(
        "msgctxt \"b0256-103\"\nmsgid \"helpc is a command-line compiler for localized help articles.\"\nmsgstr \"{target}\"\n"
    )
}

#[test]
fn rewrapped_and_sorted_exports_import_as_a_no_op() {
    if !tool_or_skip("msgcat", &["--version"]) {
        return;
    }
    // A real locale of the corpus when there is one, else the sample.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    match common::corpus() {
        Some(corpus) => common::copy_tree(&corpus.join("fr-FR"), &content.join("fr-FR")),
        None => common::copy_tree(&common::project().join("content"), &content),
    }
    let before = snapshot(&content);
    let out = export(dir.path(), &content, "fr-FR", "po");
    let files = common::files_with_extension(&out, "po");
    assert!(!files.is_empty());
    for file in &files {
        let output = Command::new("msgcat")
            .args(["--width=40", "--sort-output", "-o"])
            .arg(file)
            .arg(file)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
    // The header field is wrapped now, as in the reported failure.
    let wrapped = files
        .iter()
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap();
            !text
                .lines()
                .any(|l| l.starts_with("\"X-Helpc-Article: ") && l.ends_with("\\n\""))
        })
        .count();
    assert!(wrapped > 0, "msgcat wrapped no header");
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    for chunk in refs.chunks(1000) {
        let output = import(dir.path(), &content, chunk, &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("; 0 articles written"),
            "{}",
            stderr(&output)
        );
    }
    assert!(snapshot(&content) == before, "a no-op import changed bytes");
}

#[test]
fn sloppy_and_hostile_po_files_leave_the_articles_intact_and_say_why() {
    let (dir, content) = sample();
    let out = export(dir.path(), &content, "fr-FR", "po");
    let po = out.join(format!("{ARTICLE}.po"));
    let exported = fs::read_to_string(&po).unwrap();
    let entry = po_entry_103(TARGET_103);
    assert!(exported.contains(&entry), "{exported}");
    let before = snapshot(&content);
    let bad = dir.path().join("bad.po");
    let cases: Vec<(&str, String, Option<i32>, &str)> = vec![
        ("empty msgstr", po_entry_103(""), Some(0), "1 empty"),
        (
            "fuzzy",
            format!("#, fuzzy\n{}", po_entry_103("Autre")),
            Some(0),
            "1 fuzzy",
        ),
        (
            "stale msgid",
            entry
                .replace("help articles.", "help pages.")
                .replace(TARGET_103, "Autre"),
            Some(0),
            "entry `b0256-103` skipped: its source is not the article's current source (stale)",
        ),
        (
            "duplicate",
            format!("{entry}\n{}", po_entry_103("Autre")),
            Some(1),
            "entry `b0256-103` refused: the entry appears 2 times",
        ),
        (
            "span markup",
            po_entry_103("Un</span><span data-ttu-id=\\\"b0256-104\\\">deux"),
            Some(1),
            "segment markup",
        ),
        (
            "blank line",
            po_entry_103("Un.\\n\\nDeux."),
            Some(1),
            "a blank line",
        ),
        (
            "NUL",
            po_entry_103("Un\\000"),
            Some(1),
            "control character (U+0000)",
        ),
        (
            "new markup",
            po_entry_103("Un <script>alert(1)</script>"),
            Some(1),
            "markup the source does not have: <script>",
        ),
        (
            "missing article",
            String::new(),
            Some(1),
            "`fr-FR/nope.md`: no such article in the content",
        ),
    ];
    for (name, replacement, code, message) in cases {
        let mut text = exported.replace(&entry, &replacement);
        if name == "missing article" {
            text = exported.replace(
                "X-Helpc-Article: fr-FR/getting-started.md",
                "X-Helpc-Article: fr-FR/nope.md",
            );
        }
        fs::write(&bad, text).unwrap();
        let output = import(dir.path(), &content, &[&bad], &[]);
        assert_eq!(output.status.code(), code, "{name}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(message),
            "{name}: {}",
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("Io("),
            "{name}: {}",
            stderr(&output)
        );
        assert!(snapshot(&content) == before, "{name} changed the articles");
    }
    // --accept-fuzzy applies a fuzzy entry.
    fs::write(
        &bad,
        exported.replace(&entry, &format!("#, fuzzy\n{}", po_entry_103("Autre"))),
    )
    .unwrap();
    let output = import(dir.path(), &content, &[&bad], &["--accept-fuzzy"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let after = fs::read_to_string(content.join(ARTICLE)).unwrap();
    let original = String::from_utf8(
        before
            .iter()
            .find(|(p, _)| p.ends_with(ARTICLE))
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert_eq!(
        after,
        original.replace(&format!(">{TARGET_103}<"), ">Autre<")
    );
}

#[test]
fn a_multi_file_import_with_one_bad_file_writes_nothing() {
    let (dir, content) = sample();
    let out = export(dir.path(), &content, "fr-FR", "po");
    let good = out.join(format!("{ARTICLE}.po"));
    let text = fs::read_to_string(&good).unwrap();
    fs::write(
        &good,
        text.replace(&po_entry_103(TARGET_103), &po_entry_103("Autre")),
    )
    .unwrap();
    let bad = out.join("fr-FR/configuration.md.po");
    let text = fs::read_to_string(&bad).unwrap();
    // A truncated file.
    fs::write(&bad, &text[..text.len() / 2 - 3]).unwrap();
    let truncated_xliff = dir.path().join("cut.xlf");
    fs::write(&truncated_xliff, "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\"><file original=\"fr-FR/configuration.md\"><unit name=\"x").unwrap();
    let before = snapshot(&content);
    for others in [&bad, &truncated_xliff] {
        let output = import(
            dir.path(),
            &content,
            &[&good, others],
            &["--format", "json"],
        );
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["summary"]["refused_files"], 1, "{report:#}");
        assert_eq!(report["summary"]["articles_written"], 0);
        assert_eq!(report["summary"]["applied"], 1);
        assert_eq!(report["files"][0]["written"], false);
        assert!(snapshot(&content) == before);
    }
    let output = import(dir.path(), &content, &[&good, &truncated_xliff], &[]);
    assert!(
        stderr(&output).contains("not well-formed XML (a truncated file?)"),
        "{}",
        stderr(&output)
    );
    // --keep-going writes the file that passed, and still exits 1.
    let output = import(dir.path(), &content, &[&good, &bad], &["--keep-going"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("1 articles written"),
        "{}",
        stderr(&output)
    );
    assert!(
        fs::read_to_string(content.join(ARTICLE))
            .unwrap()
            .contains(">Autre<")
    );
}

#[test]
fn xliff_resegmented_rewritten_and_initial_units() {
    let (dir, content) = sample();
    let out = export(dir.path(), &content, "fr-FR", "xliff");
    let file = out.join(format!("{ARTICLE}.xlf"));
    let exported = fs::read_to_string(&file).unwrap();
    let before = snapshot(&content);
    let segment = format!(
        "<segment state=\"final\"><source xml:space=\"preserve\">helpc is a command-line compiler for localized help articles.</source><target xml:space=\"preserve\">{TARGET_103}</target></segment>"
    );
    assert!(exported.contains(&segment));
    // An initial segment without a target keeps the article's.
    fs::write(&file, exported.replace(&segment, "<segment state=\"initial\"><source xml:space=\"preserve\">helpc is a command-line compiler for localized help articles.</source><target/></segment>")).unwrap();
    let output = import(dir.path(), &content, &[&file], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(snapshot(&content) == before);
    // A unit split in two segments is joined again.
    let split = "<segment state=\"final\"><source>helpc is a command-line</source><target>helpc est un</target></segment><ignorable><source> </source></ignorable><segment state=\"final\"><source>compiler for localized help articles.</source><target>compilateur.</target></segment>";
    fs::write(&file, exported.replace(&segment, split)).unwrap();
    let output = import(dir.path(), &content, &[&file], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let after = fs::read_to_string(content.join(ARTICLE)).unwrap();
    assert!(
        after.contains(">helpc est un compilateur.</span>"),
        "{after}"
    );

    // lxml re-serialises with another prefix and indentation: a no-op.
    if python_module("lxml") {
        let (dir, content) = sample();
        let out = export(dir.path(), &content, "fr-FR", "xliff");
        let files = common::files_with_extension(&out, "xlf");
        let before = snapshot(&content);
        let script = r#"
import sys
from lxml import etree
NS = "urn:oasis:names:tc:xliff:document:2.0"
for path in sys.argv[1:]:
    tree = etree.parse(path)
    root = tree.getroot()
    new = etree.Element("{%s}xliff" % NS, nsmap={"x": NS}, attrib=dict(root.attrib))
    new[:] = root[:]
    for el in new.iter():
        if el.tail is not None and not el.tail.strip():
            el.tail = "\n" + "    " * 2
        if el.tag == "{%s}note" % NS and el.get("category") == "location":
            el.text = "moved"
    open(path, "wb").write(etree.tostring(new, xml_declaration=True, encoding="UTF-8"))
"#;
        let mut command = Command::new("python3");
        command.args(["-c", script]).args(&files);
        let output = command.output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(fs::read_to_string(&files[0]).unwrap().contains("<x:unit"));
        let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        let output = import(dir.path(), &content, &refs, &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(snapshot(&content) == before);
    }
}

#[test]
fn polib_edits_change_only_their_targets() {
    if !python_module("polib") {
        return;
    }
    let (dir, content) = sample();
    let out = export(dir.path(), &content, "fr-FR", "po");
    let po = out.join(format!("{ARTICLE}.po"));
    let script = r#"
import sys, polib
po = polib.pofile(sys.argv[1], wrapwidth=30)
for entry in po:
    if entry.msgctxt == "b0256-103":
        entry.msgstr = "Un compilateur, « modifié »."
po.save(sys.argv[1])
"#;
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(&po)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let original = fs::read_to_string(content.join(ARTICLE)).unwrap();
    let others = snapshot(&content);
    let output = import(dir.path(), &content, &[&po], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("1 translations applied"),
        "{}",
        stderr(&output)
    );
    let after = fs::read_to_string(content.join(ARTICLE)).unwrap();
    assert_eq!(
        after,
        original.replace(TARGET_103, "Un compilateur, « modifié ».")
    );
    let changed: Vec<_> = snapshot(&content)
        .into_iter()
        .zip(others)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0)
        .collect();
    assert_eq!(changed, [content.join(ARTICLE)]);
}

#[test]
fn xliff12_round_trips_and_reads_in_translate_toolkit_and_tmx_holds_translated_segments() {
    let (dir, content) = sample();
    let out = export(dir.path(), &content, "fr-FR", "xliff12");
    let files = common::files_with_extension(&out, "xliff");
    assert_eq!(files.len(), 10);
    let before = snapshot(&content);
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let output = import(dir.path(), &content, &refs, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(snapshot(&content) == before);
    let file = out.join(format!("{ARTICLE}.xliff"));
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("<trans-unit id=\"b0256-103\" approved=\"yes\" xml:space=\"preserve\">"));
    fs::write(&file, text.replace(&format!(">{TARGET_103}<"), ">Autre<")).unwrap();
    let output = import(dir.path(), &content, &[&file], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        fs::read_to_string(content.join(ARTICLE))
            .unwrap()
            .contains(">Autre</span>")
    );
    if tool_or_skip("xliff2po", &["--help"]) {
        let po_out = dir.path().join("from-xliff");
        let output = Command::new("xliff2po")
            .arg(&out)
            .arg(&po_out)
            .output()
            .unwrap();
        // It warns about sentences repeated within a file (it keeps no
        // context), and fails on none.
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(!stderr(&output).contains("ERROR"), "{}", stderr(&output));
        let po = fs::read_to_string(po_out.join(format!("{ARTICLE}.po"))).unwrap();
        // Finished translations read as finished, not fuzzy.
        assert!(
            po.contains(
                "msgid \"Getting started with helpc\"\nmsgstr \"Bien démarrer avec helpc\"\n"
            ),
            "{po}"
        );
        assert!(!po.contains("#, fuzzy\nmsgid \"Getting started"), "{po}");
    }
    if tool_or_skip("pocount", &["--help"]) {
        let output = Command::new("pocount")
            .arg("--short")
            .arg(&out)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 10);
    }
    // TMX: one unit per translated segment, valid against TMX 1.4's DTD
    // (shipped inside OmegaT's jar).
    let tmx_out = export(dir.path(), &content, "fr-FR", "tmx");
    let tmx = fs::read_to_string(tmx_out.join(format!("{ARTICLE}.tmx"))).unwrap();
    let segments = fs::read_to_string(content.join(ARTICLE))
        .unwrap()
        .matches("data-ttu-id")
        .count();
    assert_eq!(tmx.matches("<tu tuid=").count(), segments);
    assert_eq!(tmx.matches("<tuv xml:lang=").count(), 2 * segments);
    if let Some(dtd) = tmx_dtd(dir.path())
        && python_module("lxml")
    {
        let script = "import sys\nfrom lxml import etree\ndtd = etree.DTD(sys.argv[1])\nfor p in sys.argv[2:]:\n    if not dtd.validate(etree.parse(p)):\n        sys.exit(p + ': ' + str(dtd.error_log))\n";
        let tmx_files = common::files_with_extension(&tmx_out, "tmx");
        let output = Command::new("python3")
            .args(["-c", script])
            .arg(&dtd)
            .args(&tmx_files)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
}

/// TMX 1.4's DTD, from OmegaT's jar, when OmegaT is installed.
fn tmx_dtd(dir: &Path) -> Option<PathBuf> {
    let jar = Path::new("/usr/share/omegat/OmegaT.jar");
    if !jar.is_file() {
        return None;
    }
    let target = dir.join("tmx14.dtd");
    let output = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; open(sys.argv[2], 'wb').write(zipfile.ZipFile(sys.argv[1]).read('schemas/tmx14.dtd'))",
        ])
        .arg(jar)
        .arg(&target)
        .output()
        .ok()?;
    output.status.success().then_some(target)
}

#[cfg(unix)]
#[test]
fn imports_and_handoffs_never_write_through_links_out_of_the_content() {
    let (dir, content) = sample();
    let outside = dir.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(
        outside.join("x.md"),
        fs::read(content.join(ARTICLE)).unwrap(),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, content.join("fr-FR/linked")).unwrap();
    let out = export(
        dir.path(),
        &common::project().join("content"),
        "fr-FR",
        "po",
    );
    let po = out.join(format!("{ARTICLE}.po"));
    let text = fs::read_to_string(&po)
        .unwrap()
        .replace(
            "X-Helpc-Article: fr-FR/getting-started.md",
            "X-Helpc-Article: fr-FR/linked/x.md",
        )
        .replace(&po_entry_103(TARGET_103), &po_entry_103("Écrit dehors"));
    fs::write(&po, text).unwrap();
    let outside_before = snapshot(&outside);
    let output = import(dir.path(), &content, &[&po], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .contains("`fr-FR/linked` is a symbolic link that leads outside the content"),
        "{}",
        stderr(&output)
    );
    assert!(snapshot(&outside) == outside_before);
    // XLIFF `original` the same.
    let xlf = dir.path().join("x.xlf");
    fs::write(&xlf, "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en-US\"><file id=\"f\" original=\"fr-FR/linked/x.md\"><unit id=\"u\" name=\"b0256-103\"><segment><source>helpc is a command-line compiler for localized help articles.</source><target>Dehors</target></segment></unit></file></xliff>").unwrap();
    let output = import(dir.path(), &content, &[&xlf], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(snapshot(&outside) == outside_before);

    // A locale folder that is a link out of the content: handoff refuses.
    let elsewhere = dir.path().join("elsewhere");
    fs::remove_file(content.join("fr-FR/linked")).unwrap();
    common::copy_tree(&content.join("fr-FR"), &elsewhere);
    std::os::unix::fs::symlink(&elsewhere, content.join("de-DE")).unwrap();
    let elsewhere_before = snapshot(&elsewhere);
    let output = common::helpc(
        dir.path(),
        &[
            "handoff",
            "content",
            "--locale",
            "de-DE",
            "--date",
            "11/23/2026",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`de-DE` is a symbolic link that leads outside the content"),
        "{}",
        stderr(&output)
    );
    assert!(snapshot(&elsewhere) == elsewhere_before);
}

#[test]
fn after_a_handoff_unfinished_segments_leave_untranslated_or_fuzzy() {
    let (dir, content) = sample();
    let english = content.join("en-US/getting-started.md");
    let text = fs::read_to_string(&english).unwrap();
    let reworded = text.replace(
        "helpc is a command-line compiler for localized help articles.",
        "helpc is a command-line compiler for localised help articles.",
    );
    assert_ne!(reworded, text);
    let reworded = reworded.replacen("\n## ", "\nA brand new sentence about devices.\n\n## ", 1);
    fs::write(&english, reworded).unwrap();
    let before = fs::read_to_string(content.join(ARTICLE)).unwrap();
    let output = common::helpc(
        dir.path(),
        &[
            "handoff",
            "content",
            "--locale",
            "fr-FR",
            "--date",
            "11/23/2026",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let after = fs::read_to_string(content.join(ARTICLE)).unwrap();
    // Unchanged sentences keep their ids and translations.
    assert!(
        before.contains("data-ttu-id=\"b0256-104\"") && after.contains("data-ttu-id=\"b0256-104\"")
    );
    let id_of = |text: &str, sentence: &str| -> String {
        let at = text.find(&format!("\">{sentence}</span></span>")).unwrap();
        let start = text[..at].rfind("data-stu-id=\"").unwrap() + "data-stu-id=\"".len();
        text[start..at].to_string()
    };
    let near = id_of(
        &after,
        "helpc is a command-line compiler for localised help articles.",
    );
    let new = id_of(&after, "A brand new sentence about devices.");
    assert_ne!(near, "b0256-103");
    let listed = |text: &str, key: &str, id: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")))
            .is_some_and(|ids| ids.trim_matches('"').split(' ').any(|i| i == id))
    };
    assert!(listed(&after, "helpc.fuzzy", &near), "{after}");
    assert!(listed(&after, "helpc.untranslated", &new), "{after}");

    let out = export(dir.path(), &content, "fr-FR", "po");
    let po = fs::read_to_string(out.join(format!("{ARTICLE}.po"))).unwrap();
    assert!(
        po.contains(&format!(
            "msgctxt \"{new}\"\nmsgid \"A brand new sentence about devices.\"\nmsgstr \"\"\n"
        )),
        "{po}"
    );
    assert!(
        po.contains(&format!("#, fuzzy\nmsgctxt \"{near}\"")),
        "{po}"
    );
    let xliff_out = export(dir.path(), &content, "fr-FR", "xliff");
    let xliff = fs::read_to_string(xliff_out.join(format!("{ARTICLE}.xlf"))).unwrap();
    assert!(xliff.contains("<segment state=\"initial\"><source xml:space=\"preserve\">A brand new sentence about devices.</source></segment>"), "{xliff}");
    if tool_or_skip("pocount", &["--help"]) {
        let output = Command::new("pocount")
            .arg(out.join(format!("{ARTICLE}.po")))
            .output()
            .unwrap();
        let counts = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            counts.contains("Fuzzy:") && counts.contains("Untranslated:"),
            "{counts}"
        );
        assert!(!counts.contains("Untranslated:       0"), "{counts}");
    }
    // status counts both: the locale is not up to date.
    let output = common::helpc(dir.path(), &["status", "content", "--format", "json"]);
    let status: Value = serde_json::from_slice(&output.stdout).unwrap();
    let fr = &status["locales"]["fr-FR"];
    assert!(
        fr["untranslated_segments"].as_u64().unwrap() >= 1,
        "{status:#}"
    );
    assert!(fr["fuzzy_segments"].as_u64().unwrap() >= 1);
    assert!(fr["up_to_date"].as_f64().unwrap() < 100.0);
    // A translation brought back takes the segment off the list.
    let edited = po.replace(
        &format!("msgctxt \"{new}\"\nmsgid \"A brand new sentence about devices.\"\nmsgstr \"\"\n"),
        &format!("msgctxt \"{new}\"\nmsgid \"A brand new sentence about devices.\"\nmsgstr \"Une phrase toute neuve.\"\n"),
    );
    let file = out.join(format!("{ARTICLE}.po"));
    fs::write(&file, edited).unwrap();
    let output = import(dir.path(), &content, &[&file], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let done = fs::read_to_string(content.join(ARTICLE)).unwrap();
    assert!(!listed(&done, "helpc.untranslated", &new), "{done}");
    assert!(listed(&done, "helpc.fuzzy", &near), "{done}");
    assert!(done.contains(">Une phrase toute neuve.</span>"));
}

/// An OmegaT project (default settings: sentence segmentation on) over
/// `source`, with `memory` (English → translation) as its project memory.
fn omegat_project(dir: &Path, source: &Path, memory: &[(&str, &str)]) -> PathBuf {
    let project = dir.join("omegat-project");
    for folder in ["target", "tm", "glossary", "dictionary", "omegat"] {
        fs::create_dir_all(project.join(folder)).unwrap();
    }
    common::copy_tree(source, &project.join("source"));
    fs::write(
        project.join("omegat.project"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<omegat>\n <project version=\"1.0\">\n  <source_dir>__DEFAULT__</source_dir>\n  <target_dir>__DEFAULT__</target_dir>\n  <tm_dir>__DEFAULT__</tm_dir>\n  <glossary_dir>__DEFAULT__</glossary_dir>\n  <glossary_file>__DEFAULT__</glossary_file>\n  <dictionary_dir>__DEFAULT__</dictionary_dir>\n  <source_lang>EN-US</source_lang>\n  <target_lang>FR-FR</target_lang>\n  <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>\n  <target_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</target_tok>\n  <sentence_seg>true</sentence_seg>\n  <support_default_translations>true</support_default_translations>\n  <remove_tags>false</remove_tags>\n </project>\n</omegat>\n",
    )
    .unwrap();
    let mut tmx = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"test\" creationtoolversion=\"1\" o-tmf=\"OmegaT TMX\" adminlang=\"EN-US\" datatype=\"plaintext\" segtype=\"sentence\" srclang=\"EN-US\"/>\n<body>\n",
    );
    for (english, translation) in memory {
        tmx.push_str(&format!(
            "<tu><tuv xml:lang=\"EN-US\"><seg>{english}</seg></tuv><tuv xml:lang=\"FR-FR\"><seg>{translation}</seg></tuv></tu>\n"
        ));
    }
    tmx.push_str("</body>\n</tmx>\n");
    fs::write(project.join("omegat/project_save.tmx"), tmx).unwrap();
    project
}

#[test]
fn an_omegat_console_round_trip_keeps_every_translation_and_applies_its_edits() {
    if !tool_or_skip("sh", &["-c", "command -v omegat"]) {
        return;
    }
    let (dir, content) = sample();
    let out = export(dir.path(), &content, "fr-FR", "po");
    let before = snapshot(&content);
    let original = fs::read_to_string(content.join(ARTICLE)).unwrap();
    // One edit, made in OmegaT's project memory.
    let project = omegat_project(
        dir.path(),
        &out.join("fr-FR"),
        &[(
            "helpc is a command-line compiler for localized help articles.",
            "Modifié dans OmegaT.",
        )],
    );
    let output = Command::new("omegat")
        .arg(&project)
        .arg("--mode=console-translate")
        .env("HOME", dir.path().join("home"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let files = common::files_with_extension(&project.join("target"), "po");
    assert_eq!(
        files.len(),
        10,
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let output = import(dir.path(), &content, &refs, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("1 translations applied"),
        "{}",
        stderr(&output)
    );
    let after = fs::read_to_string(content.join(ARTICLE)).unwrap();
    assert_eq!(after, original.replace(TARGET_103, "Modifié dans OmegaT."));
    // Nothing else moved.
    let changed: Vec<PathBuf> = snapshot(&content)
        .into_iter()
        .zip(before)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0)
        .collect();
    assert_eq!(changed, [content.join(ARTICLE)]);

    // A whole real locale through OmegaT and back changes no byte.
    if let Some(corpus) = common::corpus() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        common::copy_tree(&corpus.join("fr-FR"), &content.join("fr-FR"));
        let before = snapshot(&content);
        let out = export(dir.path(), &content, "fr-FR", "po");
        let project = omegat_project(dir.path(), &out.join("fr-FR"), &[]);
        let output = Command::new("omegat")
            .arg(&project)
            .arg("--mode=console-translate")
            .env("HOME", dir.path().join("home"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        let files = common::files_with_extension(&project.join("target"), "po");
        assert!(files.len() > 2_900);
        let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        let output = import(dir.path(), &content, &refs, &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("; 0 articles written"),
            "{}",
            stderr(&output)
        );
        assert!(
            snapshot(&content) == before,
            "OmegaT's round trip changed bytes"
        );
    }

    // OmegaT reads helpc's XLIFF 1.2 too: its target files come back as a no-op.
    let (dir, content) = sample();
    let out = export(dir.path(), &content, "fr-FR", "xliff12");
    let before = snapshot(&content);
    let project = omegat_project(dir.path(), &out.join("fr-FR"), &[]);
    let output = Command::new("omegat")
        .arg(&project)
        .arg("--mode=console-translate")
        .env("HOME", dir.path().join("home"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let files = common::files_with_extension(&project.join("target"), "xliff");
    assert_eq!(files.len(), 10);
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let output = import(dir.path(), &content, &refs, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(snapshot(&content) == before);
}
