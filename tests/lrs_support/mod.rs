//! A real LRS for the xAPI tests: Ralph (PyPI `ralph-malph`, pinned with everything it pulls in
//! by tests/lrs/requirements.txt), installed once into a virtual environment under the target
//! folder, started on a free port on 127.0.0.1 with its `fs` backend (statements in one JSON
//! Lines file we can read), and stopped when the [`Ralph`] value is dropped.
//!
//! Installing is skipped in milliseconds when the environment already matches the requirements
//! (a marker file holds their hash). When it cannot be installed (no python3, PyPI unreachable)
//! the tests fail with a message saying so: they never pass without having talked to an LRS.

#![allow(dead_code)]

use std::fs::{self, File};
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const USER: &str = "instructor";
pub const PASSWORD: &str = "class-password-1";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The virtual environment's `bin` folder, installed if needed (once per test process; a file
/// lock keeps two test processes from installing at the same time).
pub fn venv_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(install).clone()
}

fn install() -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ralph-venv");
    let bin = root.join("bin");
    let requirements = repo().join("tests/lrs/requirements.txt");
    let want = format!(
        "{:x}",
        md5ish(&fs::read(&requirements).expect("tests/lrs/requirements.txt"))
    );
    let marker = root.join(".secdojo-installed");
    fs::create_dir_all(root.parent().unwrap()).unwrap();
    let lock = File::create(root.with_extension("lock")).unwrap();
    lock.lock().unwrap();
    if fs::read_to_string(&marker).is_ok_and(|h| h == want) && bin.join("ralph").exists() {
        return bin;
    }
    let started = Instant::now();
    let _ = fs::remove_dir_all(&root);
    let python = std::env::var("SECDOJO_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let run = |cmd: &mut Command, what: &str| {
        let out = cmd.output().unwrap_or_else(|e| {
            panic!(
                "the LRS tests need {what}, which could not start ({e}); install python3 with venv"
            )
        });
        assert!(
            out.status.success(),
            "the LRS tests could not {what} (is PyPI reachable?):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(
        Command::new(&python).args(["-m", "venv"]).arg(&root),
        "create a Python virtual environment",
    );
    run(
        Command::new(bin.join("pip"))
            .args([
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-input",
                "--timeout",
                "30",
                "-r",
            ])
            .arg(&requirements),
        "install Ralph from PyPI",
    );
    fs::write(&marker, &want).unwrap();
    eprintln!(
        "installed Ralph into {} in {:.1} s",
        root.display(),
        started.elapsed().as_secs_f64()
    );
    bin
}

/// A content hash for the marker (FNV-1a; not for security, only "did the file change").
fn md5ish(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    })
}

/// A free port on 127.0.0.1 (free when asked; the server binds it right after).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running Ralph. Dropping it stops the server (and everything it spawned).
pub struct Ralph {
    pub port: u16,
    pub dir: tempfile::TempDir,
    child: Option<Child>,
    stdin: Option<ChildStdin>,
}

impl Ralph {
    /// Ralph on a free port, with one user ([`USER`] / [`PASSWORD`]) allowed everything.
    pub fn start() -> Ralph {
        let dir = tempfile::tempdir().unwrap();
        let bin = venv_bin();
        let app = dir.path().join("app");
        fs::create_dir_all(&app).unwrap();
        fs::create_dir_all(dir.path().join("data")).unwrap();
        let out = Command::new(bin.join("ralph"))
            .env("RALPH_APP_DIR", &app)
            .env("RALPH_RUNSERVER_BACKEND", "fs")
            .args(["auth", "-u", USER, "-p", PASSWORD, "-s", "all"])
            .args(["-M", "mailto:instructor@example.com", "-w"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "ralph auth: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut r = Ralph {
            port: free_port(),
            dir,
            child: None,
            stdin: None,
        };
        r.run();
        r
    }

    fn run(&mut self) {
        let bin = venv_bin();
        let d = self.dir.path();
        let mut child = Command::new(bin.join("python"))
            .arg(repo().join("tests/lrs/serve.py"))
            .arg(bin.join("ralph"))
            .arg(self.port.to_string())
            .arg(d.join("data"))
            .arg(d.join("app"))
            .arg(d.join("server.log"))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.stdin = child.stdin.take();
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.ready() {
            if let Some(c) = self.child.as_mut()
                && let Ok(Some(status)) = c.try_wait()
            {
                panic!("Ralph exited ({status}):\n{}", self.log());
            }
            assert!(
                Instant::now() < deadline,
                "Ralph did not start:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Whether it answers an authenticated request.
    fn ready(&self) -> bool {
        let req = format!(
            "GET /whoami HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {}\r\nConnection: close\r\n\r\n",
            basic()
        );
        let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
        if s.write_all(req.as_bytes()).is_err() {
            return false;
        }
        let mut buf = [0u8; 12];
        use std::io::Read;
        s.read_exact(&mut buf).is_ok() && buf.starts_with(b"HTTP/1.1 200")
    }

    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// The xAPI endpoint.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port)
    }

    /// Stops the server (the statements stay on disk).
    pub fn stop(&mut self) {
        drop(self.stdin.take());
        if let Some(mut c) = self.child.take() {
            let deadline = Instant::now() + Duration::from_secs(10);
            while c.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = c.kill();
            let _ = c.wait();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.ready() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Starts it again on the same port and data.
    pub fn restart(&mut self) {
        self.stop();
        self.run();
    }

    /// Every statement stored, as the LRS stored it.
    pub fn stored(&self) -> Vec<serde_json::Value> {
        let path = self.dir.path().join("data/fs_lrs.jsonl");
        fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        self.stop();
    }
}

fn basic() -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"))
}
