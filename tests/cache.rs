//! The incremental build cache: a no-op rebuild writes nothing, a change
//! rebuilds only what depends on it, and a cached build always gives the
//! very site a build from scratch gives.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for file in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if file.file_type().is_file() {
            let rel = file
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(rel, fs::read(file.path()).unwrap());
        }
    }
    out
}

/// Builds `content` into `out` (in `dir`); returns the report's `build` object.
fn build(dir: &Path, content: &str, out: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "build",
        content,
        "--out",
        out,
        "--format",
        "json",
        "--emit",
        "html,json",
    ];
    args.extend_from_slice(extra);
    let output = common::helpc(dir, &args);
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["build"].clone()
}

/// The site a build from scratch gives for the content as it is now.
fn from_scratch(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let _ = fs::remove_dir_all(dir.join("scratch"));
    build(dir, "content", "scratch", &["--no-cache"]);
    tree(&dir.join("scratch"))
}

fn project_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(
        &common::project().join("content"),
        &dir.path().join("content"),
    );
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A copy of the project built after each of `titles` was put in front
/// of an article's title (so that the staging folder holds a generation
/// of the cache's); returns the folder and the article.
fn built_after_edits(titles: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = project_copy();
    let article = dir.path().join("content/fr-FR/guides/troubleshooting.md");
    for title in titles {
        edit(&article, "title: ", &format!("title: {title}"));
        build(dir.path(), "content", "site", &[]);
    }
    (dir, article)
}

#[test]
fn a_no_op_rebuild_writes_nothing() {
    let dir = project_copy();
    let first = build(dir.path(), "content", "site", &[]);
    assert_eq!(first["unchanged"], false);
    assert_eq!(first["rendered"], 40);
    let before = tree(&dir.path().join("site"));
    let again = build(dir.path(), "content", "site", &[]);
    assert_eq!(again["unchanged"], true);
    assert_eq!(again["rendered"], 0);
    assert_eq!(again["written"], 0);
    assert_eq!(again["pages"], first["pages"]);
    assert_eq!(tree(&dir.path().join("site")), before);
}

#[test]
fn one_changed_article_rebuilds_its_family_and_what_lists_it() {
    let dir = project_copy();
    build(dir.path(), "content", "site", &[]);
    // A first change, so that the staging folder's contents are known.
    edit(
        &dir.path().join("content/ja-JP/configuration.md"),
        "title: ",
        "title: 設定 ",
    );
    build(dir.path(), "content", "site", &[]);
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));

    edit(
        &dir.path().join("content/fr-FR/guides/troubleshooting.md"),
        "title: ",
        "title: Dépannage · ",
    );
    let changed = build(dir.path(), "content", "site", &[]);
    // The four locales' pages of that article, nothing else.
    assert_eq!(changed["rendered"], 4);
    // Its page and JSON, and the French index (HTML, JSON) and search index
    // (search.json and search.js); plus the six files the previous change
    // rewrote, which the staging folder (the generation before it) still lacks.
    assert_eq!(changed["written"], 12, "{changed}");
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
}

#[test]
fn what_every_page_depends_on_rebuilds_everything() {
    let dir = project_copy();
    build(dir.path(), "content", "site", &[]);
    // A TOC feeds every page's side bar.
    edit(
        &dir.path().join("content/fr-FR/TOC.yml"),
        "Prise en main",
        "Démarrer",
    );
    let after_toc = build(dir.path(), "content", "site", &[]);
    assert_eq!(after_toc["rendered"], 40);
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
    // So do the options.
    let bilingual = build(dir.path(), "content", "site", &["--mode", "bilingual"]);
    assert_eq!(bilingual["rendered"], 40);
    // And a template override of the project.
    fs::create_dir_all(dir.path().join("templates")).unwrap();
    fs::write(
        dir.path().join("templates/helpc.css"),
        "body { color: red }\n",
    )
    .unwrap();
    let restyled = build(dir.path(), "content", "site", &["--mode", "bilingual"]);
    assert_eq!(restyled["unchanged"], false);
    assert_eq!(restyled["rendered"], 40);
}

#[test]
fn after_a_full_rebuild_an_edit_writes_only_what_changed() {
    let dir = project_copy();
    build(dir.path(), "content", "site", &[]);
    edit(
        &dir.path().join("content/ja-JP/configuration.md"),
        "title: ",
        "title: 設定 ",
    );
    build(dir.path(), "content", "site", &[]);
    // A TOC touched but not changed: every family is rendered again, to
    // the same bytes.
    let toc = dir.path().join("content/fr-FR/TOC.yml");
    let later = fs::metadata(&toc).unwrap().modified().unwrap() + std::time::Duration::from_secs(5);
    fs::File::options()
        .write(true)
        .open(&toc)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let touched = build(dir.path(), "content", "site", &[]);
    assert_eq!(touched["rendered"], 40);
    edit(
        &dir.path().join("content/fr-FR/guides/troubleshooting.md"),
        "title: ",
        "title: Dépannage · ",
    );
    let changed = build(dir.path(), "content", "site", &[]);
    assert_eq!(changed["rendered"], 4);
    // The article's page and JSON, the French index (HTML, JSON) and search
    // index (search.json, search.js): the staging folder's files are known
    // although the last build's keys had all changed.
    assert_eq!(changed["written"], 6, "{changed}");
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
}

#[test]
fn articles_added_and_removed() {
    let dir = project_copy();
    build(dir.path(), "content", "site", &[]);
    fs::remove_file(dir.path().join("content/ja-JP/rule-reference.md")).unwrap();
    fs::copy(
        dir.path().join("content/fr-FR/configuration.md"),
        dir.path().join("content/fr-FR/configuration-copy.md"),
    )
    .unwrap();
    build(dir.path(), "content", "site", &[]);
    let site = dir.path().join("site");
    assert!(!site.join("ja-jp/rule-reference.html").exists());
    assert!(site.join("fr-fr/configuration-copy.html").is_file());
    assert_eq!(tree(&site), from_scratch(dir.path()));
}

#[test]
fn a_touched_output_is_noticed_and_repaired() {
    let dir = project_copy();
    build(dir.path(), "content", "site", &[]);
    let page = dir.path().join("site/fr-fr/configuration.html");
    let original = fs::read(&page).unwrap();
    fs::write(&page, b"vandalised").unwrap();
    let repaired = build(dir.path(), "content", "site", &[]);
    assert_eq!(repaired["unchanged"], false);
    assert_eq!(fs::read(&page).unwrap(), original);
}

/// A build that writes does not check the whole output first: a page
/// changed there is found where it is used. If the staging folder (which
/// holds the generation before) has the page as the cache saw it, that
/// one is published; if no folder has it, the build starts again without
/// the cache, before anything is put in place. Either way the site
/// published is the right one, and the cache saved serves the next build.
#[test]
fn a_page_changed_in_the_output_during_an_edit_is_published_right() {
    for staging_lacks_it in [false, true] {
        let (dir, article) = built_after_edits(&["Un · ", "Deux · "]);
        let page = dir.path().join("site/ja-jp/configuration.html");
        let original = fs::read(&page).unwrap();
        fs::write(&page, b"vandalised").unwrap();
        if staging_lacks_it {
            fs::remove_file(dir.path().join(".site.helpc-next/ja-jp/configuration.html")).unwrap();
        }
        edit(&article, "title: ", "title: Trois · ");
        let rebuilt = build(dir.path(), "content", "site", &[]);
        assert_eq!(rebuilt["unchanged"], false);
        if staging_lacks_it {
            assert_eq!(rebuilt["rendered"], rebuilt["pages"], "{rebuilt}");
        }
        assert_eq!(fs::read(&page).unwrap(), original);
        assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
        edit(&article, "title: ", "title: Quatre · ");
        build(dir.path(), "content", "site", &[]);
        assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
    }
}

/// [`build`] into `site` with `-v`: its standard error.
fn verbose_build(dir: &Path) -> String {
    let args = [
        "build",
        "content",
        "--out",
        "site",
        "--format",
        "json",
        "--emit",
        "html,json",
        "-v",
    ];
    let output = common::helpc(dir, &args);
    assert!(output.status.code().is_some_and(|c| c <= 1));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// An edit that changes an article's text but not its title: the
/// locale's search index is updated for that page (its list and the
/// other locales' indexes kept), and the site is the one a build from
/// scratch gives, edit after edit: a word added, a word replaced by one
/// the index has, the words restored.
#[test]
fn a_text_edit_updates_its_locales_search_index() {
    let dir = project_copy();
    build(dir.path(), "content", "site", &[]);
    let article = dir.path().join("content/fr-FR/guides/troubleshooting.md");
    let search = dir.path().join("site/fr-fr/search.json");
    let edits = [
        ("la destination,", "la destination zanzibar,"),
        ("zanzibar", "article"),
        ("destination article,", "destination,"),
    ];
    for (from, to) in edits {
        edit(&article, from, to);
        let stages = verbose_build(dir.path());
        assert!(
            stages.contains("indexes kept for 3 locales, search updated for 1, made anew for 0;"),
            "{stages}"
        );
        assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
    }
    let index = fs::read_to_string(&search).unwrap();
    assert!(!index.contains("zanzibar"));
    edit(&article, "la destination,", "la destination zanzibar,");
    verbose_build(dir.path());
    assert!(
        fs::read_to_string(&search)
            .unwrap()
            .contains("\"zanzibar\":[")
    );
}

/// The search index the last build wrote, changed in the output (and in
/// the staging folder, which may hold the same bytes): it is not updated
/// but the build starts again without the cache, and the site is right.
#[test]
fn a_search_index_changed_in_the_output_is_made_anew() {
    let dir = project_copy();
    build(dir.path(), "content", "site", &[]);
    let article = dir.path().join("content/fr-FR/guides/troubleshooting.md");
    edit(&article, "la destination,", "la destination zanzibar,");
    build(dir.path(), "content", "site", &[]);
    for folder in ["site", ".site.helpc-next"] {
        let search = dir.path().join(folder).join("fr-fr/search.json");
        let text = fs::read_to_string(&search).unwrap();
        // Unlinked first: the two folders may share the file.
        fs::remove_file(&search).unwrap();
        fs::write(&search, text.replace("zanzibar", "vandalised")).unwrap();
    }
    edit(&article, "zanzibar", "zanzibars");
    let stages = verbose_build(dir.path());
    assert!(
        stages.contains("changed since the last build: building anew"),
        "{stages}"
    );
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
    let index = fs::read_to_string(dir.path().join("site/fr-fr/search.json")).unwrap();
    assert!(index.contains("\"zanzibars\":[") && !index.contains("vandalised"));
}

/// Files planted in the staging folder, at its top and in a folder of
/// pages: the folders' times give them away, and they are pruned.
#[test]
fn files_planted_in_the_staging_folder_are_never_published() {
    let (dir, article) = built_after_edits(&["Un · ", "Deux · ", "Trois · "]);
    let staging = dir.path().join(".site.helpc-next");
    fs::write(staging.join("planted.html"), b"planted").unwrap();
    fs::write(staging.join("ja-jp/planted.html"), b"planted").unwrap();
    edit(&article, "title: ", "title: Quatre · ");
    build(dir.path(), "content", "site", &[]);
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
    // Once more, with the folders' times as this build left them.
    fs::write(staging.join("ja-jp/planted.html"), b"planted").unwrap();
    edit(&article, "title: ", "title: Cinq · ");
    build(dir.path(), "content", "site", &[]);
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
}

/// A link planted in the staging folder (the generation the next build
/// writes over) in place of a page the cache says is there: the next build
/// finds it is no plain file, replaces it, and publishes no link.
#[cfg(unix)]
#[test]
fn a_link_planted_in_the_staging_folder_is_not_published() {
    let (dir, article) = built_after_edits(&["Un · ", "Deux · "]);
    let staging = dir.path().join(".site.helpc-next");
    let page = staging.join("ja-jp/configuration.html");
    assert!(fs::symlink_metadata(&page).unwrap().is_file());
    fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", &page).unwrap();
    edit(&article, "title: ", "title: Trois · ");
    build(dir.path(), "content", "site", &[]);
    let published = dir.path().join("site/ja-jp/configuration.html");
    assert!(fs::symlink_metadata(&published).unwrap().is_file());
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
}

#[test]
fn a_file_changed_in_the_staging_folder_is_not_published() {
    let (dir, article) = built_after_edits(&["Un · ", "Deux · "]);
    // The staging folder holds the generation before: the next build would
    // keep this page as it is, had nobody written to it since.
    let page = dir.path().join(".site.helpc-next/ja-jp/configuration.html");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replacen("<title>", "<title>Defaced ", 1)).unwrap();
    edit(&article, "title: ", "title: Trois · ");
    build(dir.path(), "content", "site", &[]);
    let published = fs::read_to_string(dir.path().join("site/ja-jp/configuration.html")).unwrap();
    assert!(!published.contains("Defaced"));
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
    // Written over with its size and modification time put back: still
    // not the file the cache saw.
    edit(&article, "title: ", "title: Quatre · ");
    build(dir.path(), "content", "site", &[]);
    let page = dir.path().join(".site.helpc-next/ja-jp/configuration.html");
    let before = fs::metadata(&page).unwrap();
    let text = fs::read_to_string(&page).unwrap();
    // A byte added to the title, one taken from the end.
    let defaced = text
        .replacen("<title>", "<title>X", 1)
        .replacen("</html>", "</htm>", 1);
    assert_eq!(defaced.len(), text.len());
    fs::write(&page, &defaced).unwrap();
    fs::File::options()
        .write(true)
        .open(&page)
        .unwrap()
        .set_modified(before.modified().unwrap())
        .unwrap();
    edit(&article, "title: ", "title: Cinq · ");
    build(dir.path(), "content", "site", &[]);
    let published = fs::read_to_string(dir.path().join("site/ja-jp/configuration.html")).unwrap();
    assert!(!published.contains("<title>X"));
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
}

#[test]
fn a_fragments_report_is_kept_until_the_fragment_changes() {
    let dir = project_copy();
    let fragment = dir.path().join("content/fr-FR/includes/note.md");
    fs::create_dir_all(fragment.parent().unwrap()).unwrap();
    // A segment without its English source: an error in the fragment.
    fs::write(
        &fragment,
        "<span data-ttu-id=\"ab123-101\">Une note.</span>\n",
    )
    .unwrap();
    let fresh = |dir: &Path| report(dir, "content", "scratch", &["--no-cache"]);
    let first = report(dir.path(), "content", "site", &[]);
    assert!(first.to_string().contains("includes/note.md"), "{first}");
    assert_eq!(first, fresh(dir.path()));
    // An article edited: the fragment's results come from the cache.
    edit(
        &dir.path().join("content/fr-FR/guides/troubleshooting.md"),
        "title: ",
        "title: Dépannage · ",
    );
    assert_eq!(
        report(dir.path(), "content", "site", &[]),
        fresh(dir.path())
    );
    // The fragment mended: its error goes.
    fs::write(
        &fragment,
        "<span data-ttu-id=\"ab123-101\">Une note.</span><span class=\"sxs-lookup\"><span data-stu-id=\"ab123-101\">A note.</span></span>\n",
    )
    .unwrap();
    let mended = report(dir.path(), "content", "site", &[]);
    assert!(!mended.to_string().contains("includes/note.md"), "{mended}");
    assert_eq!(mended, fresh(dir.path()));
}

#[test]
fn clean_removes_the_cache_too() {
    let dir = project_copy();
    build(dir.path(), "content", "site", &[]);
    assert!(dir.path().join(".site.helpc-cache/state.bin").is_file());
    let output = common::helpc(dir.path(), &["clean", "--out", "site"]);
    assert!(output.status.success());
    assert!(!dir.path().join(".site.helpc-cache").exists());
    let rebuilt = build(dir.path(), "content", "site", &[]);
    assert_eq!(rebuilt["rendered"], 40);
}

/// The whole JSON report of a build, without what differs by design
/// between a cached and a fresh build (the output folder, the counts of
/// what was rendered and written).
fn report(dir: &Path, content: &str, out: &str, extra: &[&str]) -> Value {
    let mut args = vec!["build", content, "--out", out, "--format", "json"];
    args.extend_from_slice(extra);
    let output = common::helpc(dir, &args);
    let mut report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report.as_object_mut().unwrap().remove("build");
    report
}

/// The consistency fixture in two locales (the German articles copied as
/// a second locale), with its configuration.
fn consistency_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = common::project().join("tests/fixtures/consistency");
    common::copy_tree(&fixture.join("content"), &dir.path().join("content"));
    common::copy_tree(
        &fixture.join("content/de-DE"),
        &dir.path().join("content/nl-NL"),
    );
    for file in ["helpc.toml", "terms.csv"] {
        fs::copy(fixture.join(file), dir.path().join(file)).unwrap();
    }
    dir
}

#[test]
fn locales_keep_their_indexes_and_consistency_reports_until_their_files_change() {
    let dir = consistency_copy();
    let config = ["--config", "helpc.toml"];
    let fresh = |dir: &Path| {
        let _ = fs::remove_dir_all(dir.join("scratch"));
        let report = report(
            dir,
            "content",
            "scratch",
            &["--config", "helpc.toml", "--no-cache"],
        );
        (report, tree(&dir.join("scratch")))
    };
    // A rebuild with the cache, which must report and write what a fresh build does.
    let rebuild_like_fresh = |dir: &Path| {
        let cached = report(dir, "content", "site", &config);
        let (expected, site) = fresh(dir);
        assert_eq!(cached, expected);
        assert_eq!(tree(&dir.join("site")), site);
        cached
    };
    let first = report(dir.path(), "content", "site", &config);
    assert!(first.to_string().contains("label-inconsistent"));
    // Another locale's article changes: the German reports are the cached ones.
    edit(
        &dir.path().join("content/nl-NL/second.md"),
        "title: ",
        "title: Zweite ",
    );
    rebuild_like_fresh(dir.path());
    // The German article with the misplaced bold is mended: its locale's
    // consistency pass runs again and the report loses the finding.
    edit(
        &dir.path().join("content/de-DE/faults.md"),
        "Wählen Sie Speichern **im Bereich** aus.",
        "Wählen Sie **Speichern** im Bereich aus.",
    );
    let mended = rebuild_like_fresh(dir.path());
    let german = |report: &Value| {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "label-inconsistent" && d["path"] == "de-DE/faults.md")
            .count()
    };
    assert_eq!(german(&first), 1);
    assert_eq!(german(&mended), 0);
}

/// A locale's consistency pass depends on its articles' facts and on the
/// text of the articles its reports quote. An article no report quotes,
/// touched: the reports are the last build's (the pass does not run). A
/// line added to a quoted article (its facts unchanged): the pass runs
/// again and the line it quotes moves. Each time the report is the one a
/// build from scratch gives.
#[test]
fn the_consistency_pass_runs_again_when_its_facts_or_quoted_articles_change() {
    let dir = consistency_copy();
    let config = ["--config", "helpc.toml"];
    report(dir.path(), "content", "site", &config);
    // The build's report and its stages (`-v`).
    let rebuilt = |dir: &Path| {
        let args = [
            "build", "content", "--out", "site", "--format", "json", "-v", config[0], config[1],
        ];
        let output = common::helpc(dir, &args);
        let mut report: Value = serde_json::from_slice(&output.stdout).unwrap();
        report.as_object_mut().unwrap().remove("build");
        (report, String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let fresh = |dir: &Path| {
        let _ = fs::remove_dir_all(dir.join("scratch"));
        report(
            dir,
            "content",
            "scratch",
            &[&config[..], &["--no-cache"]].concat(),
        )
    };
    let second = dir.path().join("content/de-DE/second.md");
    fs::write(&second, fs::read_to_string(&second).unwrap() + "\n").unwrap();
    let (touched, stages) = rebuilt(dir.path());
    assert!(
        stages.contains("consistency pass run again for 0 locales"),
        "{stages}"
    );
    assert_eq!(touched, fresh(dir.path()));
    let first = dir.path().join("content/de-DE/first.md");
    let quoted = "<span data-ttu-id=\"c0001-103\">";
    edit(&first, quoted, &format!("\n{quoted}"));
    let (moved, stages) = rebuilt(dir.path());
    assert!(
        stages.contains("consistency pass run again for 1 locales"),
        "{stages}"
    );
    assert_eq!(moved, fresh(dir.path()));
    assert!(moved.to_string().contains("de-DE/first.md:11"), "{moved}");
    assert!(!touched.to_string().contains("de-DE/first.md:11"));
}

#[test]
fn a_lost_locale_file_rebuilds_everything_and_the_site_stays_right() {
    let dir = project_copy();
    build(dir.path(), "content", "site", &[]);
    let cache = dir.path().join(".site.helpc-cache");
    // A file removed, a file cut short; each locale's own article edited,
    // so that its file is needed.
    let damages = [
        ("fr-FR", None, "guides/troubleshooting.md", "Dépannage · "),
        ("ja-JP", Some(b"{".as_slice()), "configuration.md", "設定 "),
    ];
    for (locale, damage, article, title) in damages {
        let file = format!("locale-{locale}.bin");
        match damage {
            None => fs::remove_file(cache.join(&file)).unwrap(),
            Some(bytes) => fs::write(cache.join(&file), bytes).unwrap(),
        }
        edit(
            &dir.path().join(format!("content/{locale}/{article}")),
            "title: ",
            &format!("title: {title}"),
        );
        let rebuilt = build(dir.path(), "content", "site", &[]);
        assert_eq!(rebuilt["rendered"], 40, "{file}: {rebuilt}");
        assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
        assert!(
            fs::metadata(cache.join(&file)).unwrap().len() > 1,
            "{file} is written again"
        );
    }
}

/// A full build writes the families file whole. An edit writes the
/// families it rendered to the delta file beside it and leaves the whole
/// file as it was, edit after edit, until the delta would hold a quarter
/// of it: then the whole file is written again and the delta removed. A
/// delta changed by anyone else is never read. Every time, the site is
/// the one a build from scratch gives.
#[test]
fn edits_go_to_the_families_delta_until_it_grows() {
    let dir = project_copy();
    build(dir.path(), "content", "site", &[]);
    let cache = dir.path().join(".site.helpc-cache");
    let (whole, delta) = (cache.join("families.bin"), cache.join("families-delta.bin"));
    let written_whole = fs::read(&whole).unwrap();
    assert!(!delta.exists());
    let edits = [
        ("fr-FR/guides/troubleshooting.md", "Dépannage · "),
        ("ja-JP/configuration.md", "設定 "),
    ];
    let mut last_delta = 0;
    for (article, title) in edits {
        edit(
            &dir.path().join("content").join(article),
            "title: ",
            &format!("title: {title}"),
        );
        let changed = build(dir.path(), "content", "site", &[]);
        assert_eq!(changed["rendered"], 4, "{article}: {changed}");
        assert_eq!(fs::read(&whole).unwrap(), written_whole, "{article}");
        // The first family's results stay in the delta beside the second's.
        let grown = fs::metadata(&delta).unwrap().len();
        assert!(grown > last_delta, "{article}: {grown} bytes");
        last_delta = grown;
        assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
    }
    // Read with the whole file, the delta tells what is unchanged.
    let again = build(dir.path(), "content", "site", &[]);
    assert_eq!(again["unchanged"], true);

    // A delta changed by someone else: every family is rendered again, the
    // file is written whole, and the delta is gone.
    let mut damaged = fs::read(&delta).unwrap();
    let end = damaged.len() - 1;
    damaged[end] ^= 1;
    fs::write(&delta, damaged).unwrap();
    let article = dir.path().join("content/fr-FR/guides/troubleshooting.md");
    edit(&article, "title: ", "title: Guide · ");
    let rebuilt = build(dir.path(), "content", "site", &[]);
    assert_eq!(rebuilt["rendered"], 40, "{rebuilt}");
    assert!(!delta.exists());
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));

    // Every French article changed at once: too much for a delta.
    edit(&article, "title: ", "title: Aide · ");
    build(dir.path(), "content", "site", &[]);
    assert!(delta.exists());
    let written_whole = fs::read(&whole).unwrap();
    for file in walkdir::WalkDir::new(dir.path().join("content/fr-FR")) {
        let file = file.unwrap();
        if file.path().extension().is_some_and(|e| e == "md") {
            let text = fs::read_to_string(file.path()).unwrap();
            fs::write(file.path(), text + "\n").unwrap();
        }
    }
    let many = build(dir.path(), "content", "site", &[]);
    assert_eq!(many["rendered"], 40, "{many}");
    assert!(!delta.exists());
    assert_ne!(fs::read(&whole).unwrap(), written_whole);
    assert_eq!(tree(&dir.path().join("site")), from_scratch(dir.path()));
}

/// The human report of a build, as printed.
fn human(dir: &Path, out: &str, extra: &[&str]) -> String {
    let mut args = vec!["build", "content", "--out", out, "--config", "helpc.toml"];
    args.extend_from_slice(extra);
    common::stdout(&common::helpc(dir, &args))
}

#[test]
fn a_rebuild_prints_the_report_a_fresh_build_prints() {
    let dir = consistency_copy();
    let fresh = |dir: &Path, extra: &[&str]| {
        let _ = fs::remove_dir_all(dir.join("scratch"));
        human(dir, "scratch", &[extra, &["--no-cache"]].concat())
    };
    let first = human(dir.path(), "site", &[]);
    assert!(first.contains("label-inconsistent"), "{first}");
    assert_eq!(first, fresh(dir.path(), &[]));
    // The no-op rebuild prints the report it kept.
    let saved = dir.path().join(".site.helpc-cache/report.bin");
    assert!(saved.is_file());
    assert_eq!(human(dir.path(), "site", &[]), first);
    // Other options, then other diagnostics: rendered again, never the kept one.
    let limited = human(dir.path(), "site", &["--max-diagnostics", "1"]);
    assert_ne!(limited, first);
    assert_eq!(limited, fresh(dir.path(), &["--max-diagnostics", "1"]));
    edit(
        &dir.path().join("content/de-DE/faults.md"),
        "Wählen Sie Speichern **im Bereich** aus.",
        "Wählen Sie **Speichern** im Bereich aus.",
    );
    let mended = human(dir.path(), "site", &[]);
    assert_ne!(mended, first);
    assert_eq!(mended, fresh(dir.path(), &[]));
    // A kept report whose key does not match is not printed.
    let mut bytes = fs::read(&saved).unwrap();
    bytes[0] ^= 1;
    bytes.extend_from_slice(b"\nnot the report\n");
    fs::write(&saved, bytes).unwrap();
    assert_eq!(human(dir.path(), "site", &[]), mended);
}

#[test]
fn a_no_op_rebuild_reports_what_the_build_reported_in_every_format() {
    let dir = consistency_copy();
    // An error in one article: the exit status must say so every time.
    edit(
        &dir.path().join("content/de-DE/faults.md"),
        "Wählen Sie Speichern **im Bereich** aus.",
        "Wählen Sie Speichern **im Bereich aus.",
    );
    let run = |format: &str| {
        let output = common::helpc(
            dir.path(),
            &[
                "build",
                "content",
                "--out",
                "site",
                "--config",
                "helpc.toml",
                "--format",
                format,
            ],
        );
        (output.status.code(), common::stdout(&output))
    };
    let (status, first) = run("json");
    assert_eq!(status, Some(1), "{first}");
    let first: Value = serde_json::from_str(&first).unwrap();
    assert!(
        first["diagnostics"].as_array().unwrap().len() > 3,
        "{first}"
    );
    let (again_status, again_text) = run("json");
    let again: Value = serde_json::from_str(&again_text).unwrap();
    assert_eq!(again["build"]["unchanged"], true);
    assert_eq!(again_status, status);
    assert_eq!(again["diagnostics"], first["diagnostics"]);
    assert_eq!(again["summary"], first["summary"]);
    // SARIF and the human report (with and without the one kept) alike.
    let sarif = run("sarif");
    assert_eq!(sarif, run("sarif"));
    let human = run("human");
    assert!(human.1.contains("error"), "{}", human.1);
    assert_eq!(run("human"), human);
    fs::remove_file(dir.path().join(".site.helpc-cache/report.bin")).unwrap();
    assert_eq!(run("human"), human);
    // Without the diagnostics the state names, or with them damaged, the
    // build is no no-op: it reports as the first did and mends the file.
    let rebuilt_as_first = || {
        let (status, rebuilt) = run("json");
        let rebuilt: Value = serde_json::from_str(&rebuilt).unwrap();
        assert_eq!(rebuilt["build"]["unchanged"], false);
        assert_eq!(status, Some(1));
        assert_eq!(rebuilt["diagnostics"], first["diagnostics"]);
        assert_eq!(run("json").1, again_text);
    };
    let kept = dir.path().join(".site.helpc-cache/diagnostics.bin");
    fs::remove_file(&kept).unwrap();
    rebuilt_as_first();
    let mut bytes = fs::read(&kept).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&kept, bytes).unwrap();
    rebuilt_as_first();
    let _ = fs::remove_dir_all(dir.path().join("scratch"));
    let fresh = common::helpc(
        dir.path(),
        &[
            "build",
            "content",
            "--out",
            "scratch",
            "--config",
            "helpc.toml",
            "--no-cache",
        ],
    );
    assert_eq!((fresh.status.code(), common::stdout(&fresh)), human);
}
