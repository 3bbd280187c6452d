//! Editing the draft in the learner's own editor (`$VISUAL`, else `$EDITOR`, else `vi`). The
//! caller gives the terminal back first; this writes the draft to a private temporary file,
//! waits for the editor, reads the file back and removes it at once, whatever happened, so the
//! draft does not linger on disk.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};

/// The editor command line: `$VISUAL`, then `$EDITOR`, then `vi`.
pub fn editor_command(var: impl Fn(&str) -> Option<String>) -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| var(k))
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

fn temp_path() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    std::env::temp_dir().join(format!("secdojo-draft-{}-{nanos}.json", std::process::id()))
}

/// Removes the file when dropped, so every way out of [`edit`] cleans up.
struct Remove<'a>(&'a Path);

impl Drop for Remove<'_> {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(self.0);
    }
}

/// Runs `command` (a shell command line, as `$EDITOR` may carry arguments) on a temporary file
/// holding `text`; returns the file's new content.
pub fn edit(command: &str, text: &str) -> anyhow::Result<String> {
    let path = temp_path();
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    let mut file = opts
        .open(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    let _remove = Remove(&path);
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .with_context(|| format!("cannot write {}", path.display()))?;
    drop(file);
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status()
        .with_context(|| format!("cannot start the editor `{command}`"))?;
    if !status.success() {
        bail!("the editor `{command}` failed ({status}); the draft is unchanged");
    }
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: not valid UTF-8 (byte {}); the draft is unchanged",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_falls_back_in_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            editor_command(env(&[("EDITOR", "nano"), ("VISUAL", "code -w")])),
            "code -w"
        );
        assert_eq!(
            editor_command(env(&[("EDITOR", "nano"), ("VISUAL", " ")])),
            "nano"
        );
        assert_eq!(editor_command(env(&[])), "vi");
    }

    #[cfg(unix)]
    #[test]
    fn a_scripted_editor_round_trip_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let seen = dir.path().join("seen");
        // The "editor" records the file it was given, then rewrites it.
        let cmd = format!(
            "sh -c 'echo \"$0\" > {}; printf new > \"$0\"'",
            seen.display()
        );
        let out = edit(&cmd, "old").unwrap();
        assert_eq!(out, "new");
        let used = std::fs::read_to_string(&seen).unwrap();
        assert!(!Path::new(used.trim()).exists(), "temp file removed");
        let err = edit("false", "old").unwrap_err();
        assert!(format!("{err:#}").contains("unchanged"));
    }
}
