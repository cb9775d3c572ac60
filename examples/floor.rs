//! The benchmark's floor: the least any Markdown-to-HTML build can do.
//! Reads every `.md` file below a folder, renders it with pulldown-cmark
//! and writes the HTML, in parallel, and nothing else: no checks, no
//! templates, no JSON.
//!
//! cargo run --release --example floor -- SOURCE OUT

use std::path::PathBuf;

use rayon::prelude::*;

fn main() {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(source), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: floor SOURCE OUT");
        std::process::exit(2);
    };
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&source)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let options = helpc::render::markdown::options();
    files.par_iter().for_each(|file| {
        let Ok(text) = std::fs::read_to_string(file) else {
            return;
        };
        let mut html = String::with_capacity(text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&text, options));
        let Ok(rel) = file.strip_prefix(&source) else {
            return;
        };
        let target = out.join(rel).with_extension("html");
        if let Some(parent) = target.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(target, html);
    });
    println!("{} files", files.len());
}
