"""ParallelLab's side of the lesson scripts: the experiment's settings and task reporting.

The scripts beside this module are the article's programs; this module is everything they need
that the article does not show. It reads the experiment from the environment variable
PLAB_EXPERIMENT (JSON, written by parallel-lab) and reports each task's start and end on
standard output as one line written with a single os.write (atomic on a pipe, so the lines of
several worker processes never mix):

    @plab<TAB>begin<TAB><monotonic ns>                       when the script starts
    @plab<TAB>start<TAB><task><TAB><pid><TAB><thread id><TAB><ns>
    @plab<TAB>end<TAB><task><TAB><pid><TAB><thread id><TAB><start ns><TAB><end ns><TAB>ok<TAB><repr>
    @plab<TAB>end<TAB><task><TAB><pid><TAB><thread id><TAB><start ns><TAB><end ns><TAB>error<TAB><text>
    @plab<TAB>payload<TAB><task><TAB><text>         task's bytes did not come back intact
    @plab<TAB>serial<TAB><pid><TAB><start ns>                  the parent's serial part starts
    @plab<TAB>serial<TAB><pid><TAB><start ns><TAB><end ns>     and ends

time.monotonic_ns() reads CLOCK_MONOTONIC, the clock parallel-lab reads too.
"""
import array
import functools
import json
import multiprocessing
import os
import signal
import sys
import threading
import time

_settings = json.loads(os.environ.get("PLAB_EXPERIMENT", "{}"))

workers = int(_settings.get("workers", 5))
tasks = int(_settings.get("tasks", 10))
exponent = int(_settings.get("exponent", 2))
chunksize = int(_settings.get("chunksize", 1))
delay_s = int(_settings.get("delay_ns", 1_000_000_000)) / 1e9
workload = _settings.get("workload", "sleep")
crash_task = int(_settings.get("crash_task", -1))
start_method = _settings.get("start_method", "fork")
_delays_ns = _settings.get("delays_ns")  # per task when the durations are not fixed
payload_bytes = int(_settings.get("payload_bytes", 0))  # bytes each task carries, each way
serial_s = int(_settings.get("serial_ns", 0)) / 1e9  # the parent's part alone (Amdahl's F x W)

# The first process that imports this module is the script's own; its pool workers inherit this.
_main_pid = int(os.environ.setdefault("PLAB_MAIN_PID", str(os.getpid())))


def context(module=multiprocessing):
    """The experiment's start method, as multiprocessing.get_context(method) gives it."""
    return module.get_context(start_method)


def _emit(*fields):
    line = "\t".join(["@plab", *(str(f) for f in fields)]) + "\n"
    os.write(1, line.encode("utf-8", "replace"))


def _one_line(text):
    return " ".join(str(text).split())[:1000]


def work(x):
    """Task x's work: time.sleep(delay) as the article, or that long busy on the CPU (its own
    CPU time: a thread holding back for the GIL does not count). Task --crash-task kills its
    worker process here, as a segfault would (in the script's own process it raises instead)."""
    if x == crash_task:
        if os.getpid() != _main_pid:
            os.kill(os.getpid(), signal.SIGKILL)
        raise RuntimeError(f"task {x} crashed on purpose; this strategy runs tasks inside "
                           "Python's own process, where a real crash would end the program")
    _spend((_delays_ns[x] / 1e9) if _delays_ns else delay_s)


def _spend(seconds):
    if workload == "cpu":
        end = time.thread_time() + seconds
        spin = 1
        while time.thread_time() < end:
            for _ in range(1000):
                spin = (spin * 31 + 7) % 1000003
    else:
        time.sleep(seconds)


_WORD = (1 << 64) - 1
_STEP = 0xD1B54A32D192ED03


def _splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & _WORD
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _WORD
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _WORD
    return x ^ (x >> 31)


def payload(x, size=None):
    """Task x's bytes (payload_bytes of them unless size says): the very bytes ParallelLab's own
    pool sends for task x (make_payload in core/experiment/payload.cpp). Word i, 8 bytes in the
    machine's order, is splitmix64(x) + i x STEP modulo 2^64; the last word is cut to fit."""
    size = payload_bytes if size is None else size
    first = _splitmix64(x & _WORD)
    words = (size + 7) // 8
    data = array.array("Q", map(_WORD.__and__, range(first, first + words * _STEP, _STEP)))
    return data.tobytes()[:size]


def check_returned(x, data, sent):
    """In the parent: reports task x failed (as the lab's own pool fails it) unless the bytes
    its result brought back are the bytes sent with it."""
    # In the words of the lab's own check (check_payload_result in core/experiment/payload.cpp).
    if not isinstance(data, bytes):
        _emit("payload", x, "the payload did not come back: expected bytes, got "
                            f"{type(data).__name__}")
    elif len(data) != len(sent):
        _emit("payload", x, f"the payload came back with {len(data)} bytes, not {len(sent)}")
    elif data != sent:
        _emit("payload", x, f"the payload came back altered ({len(data)} bytes, its bytes "
                            "differ from the task's)")


def _index(x):
    return x[0] if isinstance(x, tuple) else x  # map's (x, data) when moving data


def _shown(result):
    # A result moving data, (pow, data) or (x, pow, data), is shown as its pow: never megabytes.
    if isinstance(result, tuple) and len(result) >= 2 and isinstance(result[-1], bytes):
        return result[-2]
    return result


def serial_part():
    """The parent's serial part, alone before the pool (--serial-fraction F: F x the serial
    work, the workload's way; the tasks then take (1 - F) x their delay). Nothing when F is 0."""
    if serial_s <= 0:
        return
    start = time.monotonic_ns()
    _emit("serial", os.getpid(), start)
    _spend(serial_s)
    _emit("serial", os.getpid(), start, time.monotonic_ns())


def task(fn):
    """fn, reporting when each call starts and ends. functools.wraps keeps fn's name, so pickle
    sends the reported function exactly as it would send fn (or refuses it just the same)."""

    @functools.wraps(fn)
    def reported(x, *rest):
        who = (_index(x), os.getpid(), threading.get_native_id())
        start = time.monotonic_ns()
        _emit("start", *who, start)
        try:
            result = fn(x, *rest)
        except BaseException as e:
            _emit("end", *who, start, time.monotonic_ns(), "error",
                  _one_line(f"{type(e).__name__}: {e}"))
            raise
        _emit("end", *who, start, time.monotonic_ns(), "ok", repr(_shown(result)))
        return result

    return reported


def _exit_when_the_lab_goes():
    """The lab holds this script's standard input open: when it closes (the lab ended or was
    killed), the script's whole process group goes too, pool workers included."""
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    os.killpg(0, signal.SIGKILL)


if os.getpid() == _main_pid and multiprocessing.parent_process() is None:
    _emit("begin", time.monotonic_ns())
    # Only when the lab started this script as the leader of its own process group.
    if os.environ.get("PLAB_WATCH_STDIN") == "1" and os.getpgrp() == os.getpid():
        threading.Thread(target=_exit_when_the_lab_goes, daemon=True).start()
