//! Where challenges come from: `challenges/<id>.toml` of the course folder. The built-in course
//! embeds the folder here (the course loader embeds lessons, quizzes and assets), so challenges
//! ship in the binary like everything else, and `--content DIR` reads `DIR/challenges/`.

use anyhow::Context as _;
use include_dir::{Dir, include_dir};

use super::model::{self, Challenge};
use crate::course::CourseSource;
use crate::course::source::decode_utf8;

static CHALLENGES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/challenges");

/// The folder of challenge files, relative to the course root.
pub const DIR: &str = "challenges";

/// The path of one challenge file.
pub fn path_of(id: &str) -> String {
    format!("{DIR}/{id}.toml")
}

/// The bytes of `challenges/<name>`, `None` when there is no such file.
pub fn read(src: &CourseSource, name: &str) -> anyhow::Result<Option<Vec<u8>>> {
    match src {
        CourseSource::Embedded => Ok(CHALLENGES.get_file(name).map(|f| f.contents().to_vec())),
        other => other.read(&format!("{DIR}/{name}")),
    }
}

/// The ids of every `challenges/*.toml`, sorted.
pub fn list_ids(src: &CourseSource) -> anyhow::Result<Vec<String>> {
    let names: Vec<String> = match src {
        CourseSource::Embedded => CHALLENGES
            .files()
            .filter_map(|f| f.path().file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect(),
        other => other.list_dir(DIR)?,
    };
    let mut ids: Vec<String> = names
        .iter()
        .filter_map(|n| n.strip_suffix(".toml"))
        .map(str::to_string)
        .collect();
    ids.sort();
    Ok(ids)
}

/// The text of one challenge file, or an error naming it.
pub fn read_text(src: &CourseSource, id: &str) -> anyhow::Result<Option<String>> {
    let rel = path_of(id);
    let Some(bytes) = read(src, &format!("{id}.toml"))? else {
        return Ok(None);
    };
    decode_utf8(bytes)
        .map(Some)
        .map_err(|d| anyhow::Error::new(d.in_file(rel)))
}

/// Loads one challenge; `Ok(None)` when there is no file for `id`.
pub fn load(src: &CourseSource, id: &str) -> anyhow::Result<Option<Challenge>> {
    let rel = path_of(id);
    let Some(text) = read_text(src, id)? else {
        return Ok(None);
    };
    let c = model::parse(&text).map_err(|d| anyhow::Error::new(d.in_file(&rel)))?;
    if c.id != id {
        let says = &c.id;
        let d = crate::policy::diag::Diagnostic::error(crate::msg!(
            "ファイルには id = \"{says}\" とありますが、id はファイル名と同じにします",
            "the file says id = \"{says}\"; it must match the file name"
        ))
        .in_file(rel)
        .at(crate::course::pos::Pos::START);
        return Err(d.into());
    }
    Ok(Some(c))
}

/// Every challenge of the course, sorted by id; the first broken file stops loading.
pub fn load_all(src: &CourseSource) -> anyhow::Result<Vec<Challenge>> {
    let mut out = Vec::new();
    for id in list_ids(src).with_context(|| format!("cannot list {DIR}/"))? {
        if let Some(c) = load(src, &id)? {
            out.push(c);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_challenges_load_and_match_their_file_names() {
        let all = load_all(&CourseSource::Embedded).unwrap();
        assert!(all.len() >= 14, "{} challenges", all.len());
        for fixed in [
            "s3-prefix-write",
            "require-mfa",
            "s3-fix-public",
            "cloudfront-oac",
            "sg-web-behind-alb",
            "spot-the-key",
            "nacl-order",
        ] {
            assert!(all.iter().any(|c| c.id == fixed), "{fixed} is missing");
        }
    }

    #[test]
    fn a_disk_course_without_challenges_has_none() {
        let dir = tempfile::tempdir().unwrap();
        let src = CourseSource::Dir(dir.path().into());
        assert!(list_ids(&src).unwrap().is_empty());
        assert!(load(&src, "x").unwrap().is_none());
    }

    #[test]
    fn a_broken_file_is_named_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(DIR)).unwrap();
        std::fs::write(
            dir.path().join("challenges/x.toml"),
            "id = \"x\"\nunit = \n",
        )
        .unwrap();
        let src = CourseSource::Dir(dir.path().into());
        let err = load(&src, "x").unwrap_err();
        assert!(
            format!("{err:#}").contains("challenges/x.toml:2:"),
            "{err:#}"
        );
    }
}
