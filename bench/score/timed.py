"""Runs a command and appends "NAME WALL_SECONDS PEAK_KIB USER_SECONDS SYSTEM_SECONDS" to a file.

What /usr/bin/time -f "%e %M %U %S" gives, but to the microsecond rather than to the hundredth of a
second, which is a tenth of meter's time on the benchmark's file. The clock starts just before the
fork and stops when wait4 returns, so Python's own start-up is not counted.
Usage: timed.py NAME RUNS_FILE STDOUT_FILE COMMAND [ARG…]; exits with the command's status.
"""
import os
import sys
import time

name, runs_file, stdout_file, command = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
with open(stdout_file, "wb") as out:
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(out.fileno(), 1)
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
with open(runs_file, "a") as runs:
    runs.write(f"{name} {wall:.6f} {usage.ru_maxrss} {usage.ru_utime:.6f} {usage.ru_stime:.6f}\n")
sys.exit(os.waitstatus_to_exitcode(status))
