//! One analysis of an article family, shared by every command: each
//! locale's article read, the per-file rules and the rules across locales
//! run, and every diagnostic given its final level by the [`Reporter`].
//! `check` reports analyses, `build` renders them, `review` and `status`
//! are views of them.

use crate::check;
use crate::config::Config;
use crate::diag::{Counts, Diagnostic};
use crate::discover::ContentFile;
use crate::plan::{Family, LocaleId, Member, SitePlan};
use crate::read::{self, Article};
use crate::reporter::Reporter;
use crate::rules::Level;

/// One article as `helpc status` counts it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ArticleFacts {
    /// The locale folder's name.
    pub locale: String,
    /// Relative to the locale folder.
    pub local: String,
    pub machine_translated: bool,
    pub segments: usize,
    /// Segments a handoff left to translate, and near matches to review.
    #[serde(default)]
    pub untranslated_segments: usize,
    #[serde(default)]
    pub fuzzy_segments: usize,
}

/// One locale's file, analysed.
pub struct Analysed<'p> {
    pub locale: LocaleId,
    pub file: &'p ContentFile,
    /// `None` when the file could not be read (its diagnostic says why).
    pub article: Option<Article>,
    /// The file's diagnostics, levels applied; allowed ones kept, at `allow`.
    pub diagnostics: Vec<Diagnostic>,
    /// What the rules made of its targets, for its consistency facts.
    pub targets: check::inline::TargetFacts,
}

impl Analysed<'_> {
    /// Whether an error keeps the article out of the site.
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(|d| d.level == Level::Error)
    }

    pub fn counts(&self) -> Counts {
        Counts {
            files: 1,
            articles: usize::from(!self.file.fragment),
            segments: self.article.as_ref().map_or(0, check::well_formed_segments),
        }
    }

    pub fn facts(&self, plan: &SitePlan) -> ArticleFacts {
        let article = self.article.as_ref();
        let (untranslated_segments, fuzzy_segments) =
            article.map_or((0, 0), crate::interchange::pending::counts);
        ArticleFacts {
            locale: plan.locale(self.locale).name().to_string(),
            local: self.file.local.clone(),
            machine_translated: article.is_some_and(Article::is_machine_translated),
            segments: self.counts().segments,
            untranslated_segments,
            fuzzy_segments,
        }
    }
}

/// A family, analysed: its members in the plan's order.
pub struct Analysis<'p> {
    pub members: Vec<Analysed<'p>>,
    /// Reports across locales about no member's file (none today).
    pub others: Vec<Diagnostic>,
}

impl Analysis<'_> {
    /// The member the rebuilt English page is made from: the newest
    /// handoff among the members read without errors that have segments.
    pub fn english_source(&self) -> Option<usize> {
        self.members
            .iter()
            .enumerate()
            .filter(|(_, member)| {
                member
                    .article
                    .as_ref()
                    .is_some_and(|a| !a.scan.segments.is_empty())
                    && !member.failed()
            })
            .max_by(|(a, x), (b, y)| {
                let date = |m: &Analysed| m.article.as_ref().and_then(check::across::handoff);
                date(x).cmp(&date(y)).then(b.cmp(a))
            })
            .map(|(position, _)| position)
    }
}

/// Reads one file and runs the per-file rules (levels not yet applied).
fn read_and_check<'p>(plan: &SitePlan, config: &Config, member: &'p Member) -> Analysed<'p> {
    let tag = plan.locale(member.locale).tag();
    let (article, diagnostics, targets) = match read::read_file(&member.file) {
        Ok(article) => {
            let (found, targets) =
                check::check_article_keeping(&article, tag, &config.quality, Some(&plan.files));
            (Some(article), found, targets)
        }
        Err(error) => (
            None,
            vec![check::read_error(&member.file, &error)],
            Default::default(),
        ),
    };
    Analysed {
        locale: member.locale,
        file: &member.file,
        article,
        diagnostics,
        targets,
    }
}

/// Analyses one family: every locale's article, then the rules across them.
pub fn analyse<'p>(plan: &'p SitePlan, config: &Config, family: &'p Family) -> Analysis<'p> {
    let mut members: Vec<Analysed> = family
        .members
        .iter()
        .map(|member| read_and_check(plan, config, member))
        .collect();
    let across: Vec<check::across::Member> = members
        .iter()
        .filter_map(|m| {
            let locale = plan.locale(m.locale);
            Some(check::across::Member {
                locale: locale.name(),
                tag: locale.tag(),
                article: m.article.as_ref()?,
            })
        })
        .collect();
    let found = check::across::check_family(&across, &plan.across());
    drop(across);
    let mut others = Vec::new();
    for diagnostic in found {
        match members.iter_mut().find(|m| m.file.rel == diagnostic.path) {
            Some(member) => member.diagnostics.push(diagnostic),
            None => others.push(diagnostic),
        }
    }
    let reporter = Reporter::new(config);
    for member in &mut members {
        let text = member.article.as_ref().map(|a| a.text.as_str());
        reporter.finish(text, &mut member.diagnostics);
    }
    reporter.finish(None, &mut others);
    Analysis { members, others }
}

/// Analyses one fragment (fragments have no rules across locales).
pub fn analyse_fragment<'p>(
    plan: &'p SitePlan,
    config: &Config,
    member: &'p Member,
) -> Analysed<'p> {
    let mut analysed = read_and_check(plan, config, member);
    let text = analysed.article.as_ref().map(|a| a.text.as_str());
    Reporter::new(config).finish(text, &mut analysed.diagnostics);
    analysed
}
