//! The article the import targets plan against.

use helpc::discover::ContentFile;
use helpc::read::Article;

const ARTICLE: &str = "---\ntitle: T\nms.contentlocale: fr-FR\nhelpc.fuzzy: \"abcde-103\"\n---\n# <span data-ttu-id=\"abcde-101\">Titre</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-101\">Title</span></span>\n\n<span data-ttu-id=\"abcde-102\">Un <b>deux</b>.</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-102\">One <b>two</b>.</span></span> <span data-ttu-id=\"abcde-103\">Trois.</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-103\">Three.</span></span>\n";

pub fn article() -> Article {
    helpc::read::parse(
        ContentFile {
            abs: "fr-FR/a.md".into(),
            rel: "fr-FR/a.md".into(),
            local: "a.md".into(),
            fragment: false,
        },
        ARTICLE.as_bytes().to_vec(),
    )
    .expect("the fixture reads")
}
