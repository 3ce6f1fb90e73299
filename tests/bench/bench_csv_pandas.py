#!/usr/bin/python3
"""Times pandas.read_csv on a CSV file: the reference for mlplay_bench.

    /usr/bin/python3 tests/bench/bench_csv_pandas.py FILE [REPS] [--machine]

Reads FILE REPS times (default 3) with pandas' defaults (C engine, float64,
int64 and object columns) and prints the best time, the throughput in MB/s
(MB = 10^6 bytes) and the peak resident memory during the reads. With
--machine it prints one key=value line for mlplay_bench to parse.
Needs Debian's python3-pandas (apt-get install python3-pandas).
"""
import os
import sys
import time

import pandas as pd


def status_mb(key):
    """VmHWM or VmRSS of this process, in MB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024 / 1e6
    return float("nan")


def reset_peak():
    """Restart the peak-RSS count (Linux >= 4.0); False where not allowed."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    machine = "--machine" in sys.argv
    if not args:
        sys.exit(__doc__)
    path = args[0]
    reps = int(args[1]) if len(args) > 1 else 3
    size = os.path.getsize(path)

    reset_peak()
    rss_before = status_mb("VmRSS")
    best = float("inf")
    rows = 0
    for _ in range(reps):
        start = time.perf_counter()
        df = pd.read_csv(path)
        best = min(best, time.perf_counter() - start)
        rows = len(df)
        del df
    peak = status_mb("VmHWM")
    mb_s = size / 1e6 / best

    if machine:
        print(f"version={pd.__version__} best_s={best:.6f} mb_s={mb_s:.3f} "
              f"peak_rss_mb={peak:.1f} rss_before_mb={rss_before:.1f} rows={rows}")
    else:
        print(f"pandas {pd.__version__} read_csv: {size / 1e6:.1f} MB, {rows} rows, "
              f"best of {reps}: {best:.3f} s, {mb_s:.1f} MB/s, peak RSS {peak:.1f} MB "
              f"({rss_before:.1f} MB before reading)")


if __name__ == "__main__":
    main()
