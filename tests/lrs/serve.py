"""Runs Ralph for secdojo's tests until this process's stdin closes.

    python serve.py RALPH_BIN PORT DATA_DIR APP_DIR LOG

The test harness keeps a pipe to our stdin and closes it to stop the server; if the test
process dies instead (a panic, kill -9), the pipe closes too, so no server outlives its tests.
Ralph's `runserver` starts a reloader and a worker: both are in their own process group, which
is ended as a whole.
"""

import os
import signal
import subprocess
import sys
import threading

ralph, port, data, app, log = sys.argv[1:6]
env = dict(os.environ)
env["RALPH_APP_DIR"] = app
env["RALPH_RUNSERVER_BACKEND"] = "fs"
env["PYTHONPATH"] = os.path.dirname(os.path.abspath(__file__))
with open(log, "ab") as out:
    server = subprocess.Popen(
        [ralph, "runserver", "-b", "fs", "--fs-default-directory-path", data, "-p", port],
        env=env,
        cwd=app,
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=out,
        start_new_session=True,
    )


def stop():
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=5)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        pass
    # Whatever is left of the group (multiprocessing's resource tracker ignores SIGTERM).
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def watch_stdin():
    sys.stdin.buffer.read()
    stop()


def on_signal(signum, frame):
    stop()
    os._exit(128 + signum)


for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(sig, on_signal)
threading.Thread(target=watch_stdin, daemon=True).start()
code = server.wait()
stop()
# Not sys.exit: the stdin thread is still reading, and interpreter shutdown would wait on it.
sys.stdout.flush()
os._exit(code)
