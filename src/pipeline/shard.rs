//! `helpc build --shard K/N` and `helpc merge`: N CI jobs each render the
//! article families of their shard ([`crate::plan::Shard`]) into a part
//! folder with a manifest of what the site around the pages needs (index
//! entries with their search terms, sitemap entries, diagnostics, counts);
//! `merge` joins the parts and writes the indexes, search indexes, sitemap,
//! language chooser, assets and media: byte for byte what one `build` writes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::build::{BuildPlan, Render, locale_uis};
use super::{FamilyResult, Outcome, Share, collect_share, fragment_results};
use crate::analyse;
use crate::config::Config;
use crate::diag::{Counts, Diagnostic, Report};
use crate::error::{Error, Result};
use crate::plan::{Shard, SitePlan};
use crate::progress::Progress;

/// The manifest a shard build leaves in its part folder.
pub const MANIFEST: &str = ".helpc-shard.json";
/// Bumped when the manifest's shape changes.
const FORMAT: u32 = 2;

#[derive(serde::Serialize, serde::Deserialize)]
pub struct ShardManifest {
    format: u32,
    shard: Shard,
    /// The content's files and helpc's version (every part must agree):
    /// [`content_key`], the same on every machine.
    content_key: u64,
    /// The build options (every part must agree), from the command line.
    options_key: u64,
    families: BTreeMap<String, FamilyResult>,
    fragments: Vec<FamilyResult>,
    /// The shard's share of the plan's own reports (TOCs, media, walk).
    plan_diagnostics: Vec<Diagnostic>,
}

/// Builds shard `shard` into `build.output`: its pages and the manifest.
pub fn build_share(
    plan: &SitePlan,
    config: &Config,
    build: BuildPlan,
    shard: Shard,
    options_key: u64,
) -> Result<Outcome> {
    let uis = locale_uis(plan, build.site);
    let render = Render {
        plan,
        config,
        uis: &uis,
        build: &build,
    };
    let families: Vec<_> = plan
        .families
        .iter()
        .filter(|family| shard.holds(&family.name))
        .collect();
    let progress = Progress::new(plan.markdown_files(), "building");
    let results: Vec<(String, FamilyResult)> = families
        .par_iter()
        .with_max_len(1)
        .map(|family| {
            progress.advance(family.members.len());
            let result = render.family(&analyse::analyse(plan, config, family))?;
            Ok((family.name.clone(), result))
        })
        .collect::<Result<_>>()?;
    let fragments = fragment_results(plan, config, Some(shard), &progress);
    progress.finish();
    // The consistency pass learns from every family: the others' read only.
    let others: Vec<FamilyResult> = plan
        .families
        .par_iter()
        .filter(|family| !shard.holds(&family.name))
        .map(|family| FamilyResult::facts_only(plan, config, family))
        .collect();
    let collected = collect_share(
        plan,
        config,
        Share::Shard(shard),
        results
            .iter()
            .map(|(_, r)| r)
            .chain(&fragments)
            .chain(&others),
    );
    let pages = collected.entries.iter().map(Vec::len).sum();
    let (report, left_out) = (collected.report, collected.left_out);
    let manifest = ShardManifest {
        format: FORMAT,
        shard,
        content_key: content_key(plan),
        options_key,
        plan_diagnostics: plan
            .diagnostics
            .iter()
            .filter(|d| shard.holds(&d.path))
            .cloned()
            .collect(),
        families: results.into_iter().collect(),
        fragments,
    };
    build
        .output
        .write(MANIFEST, &serde_json::to_vec(&manifest)?)?;
    build.output.commit()?;
    Ok(Outcome {
        pages: Some(pages),
        left_out,
        rendered: families.iter().map(|f| f.members.len()).sum(),
        ..Outcome::of_report(report)
    })
}

/// What every part of one sharded build must agree on about the content,
/// the same on every CI machine (no paths of the machine, no file times,
/// which a checkout sets anew): helpc's version and each content file's
/// path and size, through SHA-256.
pub fn content_key(plan: &SitePlan) -> u64 {
    use sha2::{Digest, Sha256};
    let mut files: Vec<(&str, u64)> = plan
        .content_locales()
        .flat_map(|l| {
            let folder = &l.folder;
            let listed = folder
                .markdown
                .iter()
                .chain(&folder.assets)
                .map(|f| (f.rel.as_str(), f.abs.clone()));
            let others = folder
                .others
                .iter()
                .map(|rel| (rel.as_str(), plan.root.join(rel)));
            listed.chain(others).collect::<Vec<_>>()
        })
        .map(|(rel, abs)| (rel, std::fs::metadata(abs).map_or(0, |m| m.len())))
        .collect();
    files.sort();
    let mut hasher = Sha256::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    for (rel, size) in files {
        hasher.update(rel.as_bytes());
        hasher.update([0]);
        hasher.update(size.to_be_bytes());
    }
    first_u64(&hasher.finalize())
}

/// The first eight bytes of a digest, big-endian.
pub fn first_u64(digest: &[u8]) -> u64 {
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

/// Reads the manifest of a part folder.
pub fn read_manifest(part: &Path) -> Result<ShardManifest> {
    let path = part.join(MANIFEST);
    let bytes = std::fs::read(&path).map_err(crate::error::io("read the shard manifest", &path))?;
    let manifest: ShardManifest = serde_json::from_slice(&bytes).map_err(|e| {
        Error::Content(format!(
            "`{}` is not a manifest of `helpc build --shard`: {e}",
            path.display()
        ))
    })?;
    if manifest.format != FORMAT {
        return Err(Error::Content(format!(
            "`{}` was written by another version of helpc: build the shards again",
            path.display()
        )));
    }
    Ok(manifest)
}

/// Joins the parts of a sharded build into `build.output`.
pub fn merge(
    plan: &SitePlan,
    config: &Config,
    build: BuildPlan,
    parts: &[(PathBuf, ShardManifest)],
) -> Result<Outcome> {
    check_parts(plan, parts)?;
    // Every family's result, in the plan's order, as one build collects them.
    let mut by_family: BTreeMap<&str, (&Path, &FamilyResult)> = BTreeMap::new();
    for (folder, manifest) in parts {
        for (name, result) in &manifest.families {
            by_family.insert(name, (folder, result));
        }
    }
    let mut ordered = Vec::with_capacity(plan.families.len());
    for family in &plan.families {
        let Some(&(folder, result)) = by_family.get(family.name.as_str()) else {
            return Err(Error::Content(format!(
                "no part holds the article `{}`: were the shards built from this content?",
                family.name
            )));
        };
        ordered.push((folder, result));
    }
    ordered.par_iter().try_for_each(|(folder, result)| {
        result
            .outputs
            .iter()
            .try_for_each(|(rel, _)| build.output.copy(rel, &part_file(folder, rel)?))
    })?;
    let fragments = parts.iter().flat_map(|(_, m)| &m.fragments);
    let mut collected = collect_share(
        plan,
        config,
        Share::Merged,
        ordered.iter().map(|(_, r)| *r).chain(fragments),
    );
    let mut diagnostics = std::mem::take(&mut collected.report.diagnostics);
    diagnostics.extend(
        parts
            .iter()
            .flat_map(|(_, m)| m.plan_diagnostics.iter().cloned()),
    );
    let by_locale: BTreeMap<String, Counts> = std::mem::take(&mut collected.report.by_locale);
    let report = Report::new(by_locale, diagnostics);
    let uis = locale_uis(plan, build.site);
    let render = Render {
        plan,
        config,
        uis: &uis,
        build: &build,
    };
    let pages = render
        .site(
            &collected.entries,
            collected.sitemap,
            super::build::IndexReuse {
                locales: Vec::new(),
                pages: None,
                previous: None,
            },
        )?
        .pages;
    let written = build.output.rewritten();
    build.output.commit()?;
    Ok(Outcome {
        pages: Some(pages),
        left_out: collected.left_out,
        written,
        ..Outcome::of_report(report)
    })
}

/// The file `rel` of a part folder: a part is input (a CI artifact), so a
/// page that is a symbolic link, or leads out of the part, is refused
/// rather than copied into the site.
fn part_file(folder: &Path, rel: &str) -> Result<PathBuf> {
    let refused = |why| Error::Outside {
        path: format!("{}/{rel}", folder.display()),
        why,
    };
    if rel.split('/').any(|part| part == ".." || part.is_empty()) || rel.contains('\\') {
        return Err(refused("is not a path inside the part folder"));
    }
    let path = folder.join(rel);
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    let inside = match (std::fs::canonicalize(&path), std::fs::canonicalize(folder)) {
        (Ok(real), Ok(root)) => real.starts_with(root),
        _ => false,
    };
    if is_link || !inside {
        return Err(refused(
            "is a symbolic link or leads out of the part folder: not merged",
        ));
    }
    Ok(path)
}

/// The parts are shards 1 to N of one build of this content, each once.
pub fn check_parts(plan: &SitePlan, parts: &[(PathBuf, ShardManifest)]) -> Result<()> {
    let Some((_, first)) = parts.first() else {
        return Err(Error::Content("no part to merge".to_string()));
    };
    let count = first.shard.count;
    let content_key = content_key(plan);
    let mut seen = BTreeSet::new();
    for (folder, manifest) in parts {
        let shown = folder.display();
        if manifest.shard.count != count || manifest.options_key != first.options_key {
            return Err(Error::Content(format!(
                "`{shown}` is a part of another sharded build (other shard count or build options)"
            )));
        }
        if manifest.content_key != content_key {
            return Err(Error::Content(format!(
                "`{shown}` was built from other content (or by another helpc): build it again"
            )));
        }
        if !seen.insert(manifest.shard.index) {
            return Err(Error::Content(format!(
                "shard {}/{count} is given twice (`{shown}`)",
                manifest.shard.index
            )));
        }
    }
    let missing: Vec<String> = (1..=count)
        .filter(|k| !seen.contains(k))
        .map(|k| format!("{k}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(Error::Content(format!(
            "shards {} are missing",
            missing.join(", ")
        )));
    }
    Ok(())
}
