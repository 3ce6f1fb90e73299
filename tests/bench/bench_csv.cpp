// mlplay_bench: how fast read_csv parses a large file, and how much memory
// it holds, next to pandas.read_csv on the same file.
//
//   mlplay_bench [FILE.csv] [--reps N] [--mb SIZE] [--no-pandas]
//
// Without FILE it writes a numeric + categorical CSV of about SIZE MB
// (default 100) to mlplay_bench.csv in the working folder, then reads it N
// times (default 3) three ways: read_csv on a string already in memory,
// read_csv on an std::ifstream (chunked), and, when /usr/bin/python3 has
// pandas, tests/bench/bench_csv_pandas.py. It prints one table: best time,
// MB/s (MB = 10^6 bytes), peak resident memory (VmHWM, reset before each
// reader where Linux allows) and that peak divided by the file size.
//
// Build it in Release (it says so when it is not); it is not a test and
// ctest never runs it. Cost: O(SIZE) to generate, O(N x SIZE) to read.
#include "core/csv.h"
#include "core/rng.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace mlplay;

namespace {

// VmHWM or VmRSS of this process, in MB; -1 where /proc is missing.
double status_mb(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    size_t n = std::strlen(key);
    while (std::getline(in, line))
        if (line.compare(0, n, key) == 0 && line.size() > n && line[n] == ':')
            return std::atof(line.c_str() + n + 1) * 1024.0 / 1e6;
    return -1.0;
}

// Restarts the VmHWM count (Linux >= 4.0); false where that is not allowed.
bool reset_peak() {
    std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
    if (!f) return false;
    bool ok = std::fputs("5", f) >= 0;
    return std::fclose(f) == 0 && ok;
}

// A table people might load: an id, six numbers written in different ways
// (about 1% missing), three text columns (one with quoted commas).
void generate(const std::string& path, double megabytes) {
    static const char* cities[] = {"Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Nantes",
                                   "Strasbourg", "Montpellier", "Bordeaux", "Lille", "Rennes",
                                   "Reims", "\"Saint-Étienne, FR\"", "Le Havre", "Toulon",
                                   "Grenoble", "Dijon", "Angers", "Nîmes", "\"Aix, FR\""};
    static const char* grades[] = {"A", "B", "C", "D", "E", "F"};
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        std::fprintf(stderr, "mlplay_bench: cannot write %s\n", path.c_str());
        std::exit(2);
    }
    const size_t target = static_cast<size_t>(megabytes * 1e6);
    std::string buf = "id,area,rooms,price,lat,lon,score,city,grade,flag\n";
    size_t written = 0;
    Rng rng(2024);
    char cell[64];
    for (size_t i = 0; written + buf.size() < target; ++i) {
        auto number = [&](const char* fmt, double v) {
            if (rng.uniform_index(100) == 0) {
                buf += rng.uniform_index(2) ? "," : ",NA";
                return;
            }
            std::snprintf(cell, sizeof cell, fmt, v);
            buf += ',';
            buf += cell;
        };
        buf += std::to_string(i);
        number("%.1f", rng.uniform(20.0, 300.0));
        number("%.0f", std::floor(rng.uniform(1.0, 8.0)));
        number("%.2f", rng.uniform(5e4, 2e6));
        number("%.6f", rng.uniform(42.0, 51.0));
        number("%.6f", rng.uniform(-5.0, 8.0));
        number("%.4e", rng.normal(0.0, 1e-3));
        buf += ',';
        buf += cities[rng.uniform_index(20)];
        buf += ',';
        buf += grades[rng.uniform_index(6)];
        buf += rng.uniform_index(2) ? ",yes\n" : ",no\n";
        if (buf.size() > (1u << 20)) {
            written += std::fwrite(buf.data(), 1, buf.size(), f);
            buf.clear();
        }
    }
    written += std::fwrite(buf.data(), 1, buf.size(), f);
    std::fclose(f);
}

struct Row {
    std::string reader;
    double best_s = 0.0;
    double peak_mb = -1.0;
    double before_mb = -1.0;
    size_t rows = 0;
};

void print_row(const Row& r, double file_mb) {
    std::printf("%-30s %8zu %9.3f %8.1f %10.1f %10.1f %9.2f\n", r.reader.c_str(), r.rows,
                r.best_s, file_mb / r.best_s, r.peak_mb, r.peak_mb - r.before_mb,
                r.peak_mb / file_mb);
}

// Runs bench_csv_pandas.py; false when python3 or pandas is missing.
bool run_pandas(const std::string& path, int reps, Row& row) {
#ifdef MLPLAY_BENCH_PANDAS_SCRIPT
    std::string cmd = std::string("/usr/bin/python3 '") + MLPLAY_BENCH_PANDAS_SCRIPT + "' '" +
                      path + "' " + std::to_string(reps) + " --machine 2>&1";
    std::FILE* p = popen(cmd.c_str(), "r");
    if (!p) return false;
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    if (pclose(p) != 0) {
        std::printf("(pandas not run: %s)\n", out.substr(0, 200).c_str());
        return false;
    }
    char version[32] = "";
    double mb_s = 0.0;
    if (std::sscanf(out.c_str(),
                    "version=%31s best_s=%lf mb_s=%lf peak_rss_mb=%lf rss_before_mb=%lf rows=%zu",
                    version, &row.best_s, &mb_s, &row.peak_mb, &row.before_mb, &row.rows) != 6)
        return false;
    row.reader = std::string("pandas ") + version + " read_csv(path)";
    return true;
#else
    return false;
#endif
}

} // namespace

int main(int argc, char** argv) {
    std::string path;
    int reps = 3;
    double megabytes = 100.0;
    bool pandas = true;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--reps" && i + 1 < argc) reps = std::atoi(argv[++i]);
        else if (a == "--mb" && i + 1 < argc) megabytes = std::atof(argv[++i]);
        else if (a == "--no-pandas") pandas = false;
        else if (!a.empty() && a[0] != '-') path = a;
        else {
            std::fprintf(stderr, "usage: mlplay_bench [FILE.csv] [--reps N] [--mb SIZE] "
                                 "[--no-pandas]\n");
            return 2;
        }
    }
    if (reps < 1) reps = 1;
#ifndef NDEBUG
    std::printf("note: built without NDEBUG (not Release); the times are not representative\n");
#endif
    if (path.empty()) {
        path = "mlplay_bench.csv";
        std::printf("writing %s (about %.0f MB)...\n", path.c_str(), megabytes);
        generate(path, megabytes);
    }

    using clock = std::chrono::steady_clock;
    auto seconds = [](clock::time_point a, clock::time_point b) {
        return std::chrono::duration<double>(b - a).count();
    };
    bool peak_resets = reset_peak();

    // the file, once, in memory: what read_csv(string) parses
    std::string text;
    {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "mlplay_bench: cannot read %s\n", path.c_str());
            return 2;
        }
        std::ostringstream all;
        all << in.rdbuf();
        text = std::move(all).str();
    }
    const double file_mb = static_cast<double>(text.size()) / 1e6;

    std::vector<Row> rows;
    size_t n_columns = 0, n_categorical = 0;
    for (int method = 0; method < 2; ++method) {
        Row row;
        row.reader = method == 0 ? "mlplay read_csv(string)" : "mlplay read_csv(ifstream)";
        row.best_s = 1e300;
        if (method == 1) std::string().swap(text); // the stream reader needs no copy
        reset_peak();
        row.before_mb = status_mb("VmRSS");
        for (int r = 0; r < reps; ++r) {
            clock::time_point start = clock::now();
            Result<Dataset> ds = Error{};
            if (method == 0) {
                ds = read_csv(text);
            } else {
                std::ifstream in(path, std::ios::binary);
                ds = read_csv(in);
            }
            double s = seconds(start, clock::now());
            if (!ds) {
                std::fprintf(stderr, "mlplay_bench: %s\n", ds.error().message.c_str());
                return 1;
            }
            if (s < row.best_s) row.best_s = s;
            row.rows = ds->n_rows();
            n_columns = ds->n_columns();
            n_categorical = 0;
            for (size_t j = 0; j < n_columns; ++j) n_categorical += ds->is_categorical(j);
        }
        row.peak_mb = status_mb("VmHWM");
        rows.push_back(row);
    }

    Row pandas_row;
    bool have_pandas = pandas && run_pandas(path, reps, pandas_row);
    if (have_pandas) rows.push_back(pandas_row);

    std::printf("\n%s: %.1f MB, %zu rows, %zu columns (%zu categorical), best of %d\n",
                path.c_str(), file_mb, rows[0].rows, n_columns, n_categorical, reps);
    std::printf("%-30s %8s %9s %8s %10s %10s %9s\n", "reader", "rows", "best s", "MB/s",
                "peak RSS", "+RSS", "peak/file");
    for (const Row& r : rows) print_row(r, file_mb);
    if (have_pandas)
        std::printf("mlplay / pandas speed: %.2fx (string), %.2fx (ifstream); "
                    "peak RSS: %.2fx (ifstream)\n",
                    pandas_row.best_s / rows[0].best_s, pandas_row.best_s / rows[1].best_s,
                    rows[1].peak_mb / pandas_row.peak_mb);
    std::printf("RSS in MB (10^6 bytes); +RSS: peak minus the RSS before the reads%s\n",
                peak_resets ? "" : " (peak not resettable here: peaks are cumulative)");
    return 0;
}
