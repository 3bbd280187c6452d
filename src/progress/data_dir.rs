//! The files of the learner's data folder, kept private and never lost: the folder is created
//! 0700 and every file in it 0600 (a progress file holds answers and drafts); a file set aside
//! gets a name no other file has, created without replacing anything; temporary files left by a
//! writer that was killed are removed, and only those.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A temporary file older than this is stale even if a process with its id is running (the id
/// was reused): no write of a store takes anywhere near as long.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Creates `dir` (and missing parents) private to the learner. A folder that already exists is
/// left as it is: it may be one the learner chose with `--data-dir`.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Options that create a file readable and writable by the learner only.
pub fn private_options() -> OpenOptions {
    let mut opts = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts
}

/// Takes group and other permissions away from a file an older version (or the learner)
/// created more open. Best effort: a file that is not ours stays as it is.
pub fn make_private(file: &File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        if let Ok(meta) = file.metadata()
            && meta.permissions().mode() & 0o077 != 0
        {
            let _ = file.set_permissions(fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = file;
}

/// Moves `path` aside as `dir/stem`, or `dir/stem-2`, `-3`, … when that name is taken, without
/// ever replacing an existing file (two corrupt stores within one second keep both). Returns
/// the new path.
pub fn set_aside(path: &Path, dir: &Path, stem: &str) -> io::Result<PathBuf> {
    for n in 1..=1000u32 {
        let to = if n == 1 {
            dir.join(stem)
        } else {
            dir.join(format!("{stem}-{n}"))
        };
        // A hard link fails if the name exists, which a rename would silently replace.
        let made = match fs::hard_link(path, &to) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) => copy_new(path, &to),
            Ok(()) => Ok(()),
        };
        match made {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
            Ok(()) => {
                if let Ok(f) = File::open(&to) {
                    make_private(&f);
                }
                fs::remove_file(path)?;
                return Ok(to);
            }
        }
    }
    Err(io::Error::other(format!(
        "{}: too many files set aside already",
        dir.join(stem).display()
    )))
}

/// For filesystems without hard links: a copy into a file that must not exist yet.
fn copy_new(from: &Path, to: &Path) -> io::Result<()> {
    let mut src = File::open(from)?;
    let mut dst = private_options().write(true).create_new(true).open(to)?;
    let copied = io::copy(&mut src, &mut dst).and_then(|_| dst.sync_all());
    if copied.is_err() {
        let _ = fs::remove_file(to);
    }
    copied
}

/// Removes `dir/<prefix><pid>` files whose writer is gone (no such process) or that are older
/// than [`STALE_AFTER`]. Called with the store's lock held, when no live writer of this store can
/// be between creating its temporary file and renaming it; the process check guards a writer
/// that does not take the lock. Returns how many were removed.
pub fn remove_stale_temps(dir: &Path, prefix: &str, now: SystemTime) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if (old || !process_alive(pid)) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether a process with this id exists. Where that cannot be told, it is assumed to, so only
/// age makes its file stale.
pub fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

/// Makes a rename in `dir` durable.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Makes a rename in `dir` durable (nothing to do where folders cannot be opened).
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}
