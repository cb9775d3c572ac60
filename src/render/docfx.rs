//! DocFX constructs as HTML: `[!VIDEO]` players for allow-listed hosts
//! (markers are read by [`crate::read::markers`]).

pub use crate::read::markers::{Marker, alert_kind, marker};

/// Hosts whose players may be embedded, with the path their embeds use.
const VIDEO_HOSTS: &[(&str, &str)] = &[
    ("www.youtube-nocookie.com", "/embed/"),
    ("www.youtube.com", "/embed/"),
    ("youtube.com", "/embed/"),
    ("player.vimeo.com", "/video/"),
    ("www.microsoft.com", "/videoplayer/embed/"),
    ("learn.microsoft.com", "/"),
    ("web.microsoftstream.com", "/embed/"),
    ("microsoftstream.com", "/embed/"),
];

/// Whether `url` is an https embed of an allow-listed player.
pub fn embeddable(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let split = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(split);
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
    {
        return false;
    }
    let host = host.to_ascii_lowercase();
    VIDEO_HOSTS
        .iter()
        .any(|(h, prefix)| host == *h && path.starts_with(prefix))
}

/// The HTML of a `[!VIDEO]`: an embedded player for allow-listed hosts,
/// otherwise a link to the video (or, for no http(s) URL, its label only).
pub fn video_html(url: &str, label: &str) -> String {
    let label = super::markdown::escape(label);
    // The one URL policy first: what it refuses is never written.
    let Ok(url) = crate::url::check(url, crate::url::Use::Link) else {
        return format!("<p class=\"video-link\">{label}</p>\n");
    };
    let url = url.as_str();
    if embeddable(url) {
        return format!(
            "<figure class=\"video\"><iframe src=\"{}\" title=\"{label}\" loading=\"lazy\" \
             allowfullscreen referrerpolicy=\"strict-origin-when-cross-origin\" \
             sandbox=\"allow-scripts allow-same-origin allow-presentation allow-popups\"></iframe></figure>\n",
            super::markdown::escape(url)
        );
    }
    let web = url.starts_with("https://") || url.starts_with("http://");
    if web && !url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        format!(
            "<p class=\"video-link\"><a href=\"{}\">{label}</a></p>\n",
            super::markdown::escape(url)
        )
    } else {
        format!("<p class=\"video-link\">{label}</p>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_players_are_embedded() {
        assert!(embeddable(
            "https://www.microsoft.com/videoplayer/embed/RE1FOfN?autoplay=false"
        ));
        assert!(embeddable("https://www.youtube-nocookie.com/embed/abc"));
        assert!(!embeddable("http://www.youtube.com/embed/abc"));
        assert!(!embeddable(
            "https://www.youtube.com.evil.example/embed/abc"
        ));
        assert!(!embeddable("https://evil.example/www.youtube.com/embed/"));
        assert!(!embeddable("https://www.youtube.com@evil.example/embed/"));
        assert!(!embeddable("https://www.youtube.com/embed/\"onload=x"));
        let html = video_html("https://player.vimeo.com/video/1", "Vidéo");
        assert!(html.contains(
            "<iframe src=\"https://player.vimeo.com/video/1\" title=\"Vidéo\" loading=\"lazy\""
        ));
        let link = video_html("https://example.com/v.mp4", "Vidéo");
        assert_eq!(
            link,
            "<p class=\"video-link\"><a href=\"https://example.com/v.mp4\">Vidéo</a></p>\n"
        );
        assert_eq!(
            video_html("javascript:alert(1)", "V"),
            "<p class=\"video-link\">V</p>\n"
        );
    }
}
