#include "tests/support/test_support.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace migrate::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        path_ = fs::temp_directory_path() / ("migrate-test-" + std::to_string(rd()));
        if (fs::create_directory(path_)) return;
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::optional<fs::path> corpus_dir() {
    const char* env = std::getenv("MIGRATE_CORPUS");
    fs::path p = env && *env ? fs::path(env) : fs::path(MIGRATE_CORPUS_DEFAULT);
    if (fs::exists(p / "manifest.tsv")) return fs::canonical(p);
    return std::nullopt;
}

std::vector<CorpusSchema> corpus_schemas(const std::string& dialect) {
    std::vector<CorpusSchema> out;
    auto dir = corpus_dir();
    if (!dir) return out;
    std::istringstream in(read_file((*dir / "manifest.tsv").string()));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells;
        std::stringstream ls(line);
        std::string cell;
        while (std::getline(ls, cell, '\t')) cells.push_back(cell);
        if (cells.size() < 5 || cells[1] != dialect) continue;
        CorpusSchema s{cells[0], cells[1], {},
                       cells[3], cells[4], cells.size() > 5 ? cells[5] : ""};
        std::stringstream files(cells[2]);
        std::string f;
        while (files >> f) s.files.push_back((*dir / f).string());
        out.push_back(s);
    }
    return out;
}

namespace {

struct Spawned {
    pid_t pid;
    std::string out_path, err_path;
};

Spawned spawn_migrate(const std::vector<std::string>& args, const std::string& cwd,
                      const std::vector<std::string>& env, const TempDir& capture, int n,
                      int delay_ms = 0) {
    Spawned s{0, capture.file("out" + std::to_string(n)), capture.file("err" + std::to_string(n))};
    s.pid = fork();
    if (s.pid < 0) throw std::runtime_error("fork failed");
    if (s.pid == 0) {
        if (delay_ms > 0) usleep(static_cast<useconds_t>(delay_ms) * 1000);
        if (chdir(cwd.c_str()) != 0) _exit(127);
        int in = open("/dev/null", O_RDONLY);
        int out = open(s.out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(s.err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        for (const auto& e : env) {
            size_t eq = e.find('=');
            std::string name = e.substr(0, eq), value = e.substr(eq + 1);
            if (value.empty())
                unsetenv(name.c_str());
            else
                setenv(name.c_str(), value.c_str(), 1);
        }
        std::vector<char*> argv;
        std::string bin = MIGRATE_BINARY;
        argv.push_back(bin.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(bin.c_str(), argv.data());
        _exit(127);
    }
    return s;
}

CommandResult collect(const Spawned& s) {
    int status = 0;
    waitpid(s.pid, &status, 0);
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(s.out_path);
    r.err = read_file(s.err_path);
    return r;
}

}  // namespace

CommandResult run_migrate(const std::vector<std::string>& args, const std::string& cwd,
                          const std::vector<std::string>& env) {
    TempDir capture;
    return collect(spawn_migrate(args, cwd, env, capture, 0));
}

std::vector<CommandResult> run_migrate_concurrently(
    const std::vector<std::vector<std::string>>& runs, const std::string& cwd,
    const std::vector<std::string>& env, const std::vector<int>& delays_ms) {
    TempDir capture;
    std::vector<Spawned> spawned;
    for (size_t i = 0; i < runs.size(); ++i)
        spawned.push_back(spawn_migrate(runs[i], cwd, env, capture, static_cast<int>(i),
                                        i < delays_ms.size() ? delays_ms[i] : 0));
    std::vector<CommandResult> out;
    for (const auto& s : spawned) out.push_back(collect(s));
    return out;
}

}  // namespace migrate::test

namespace migrate::test {
namespace {

class SqliteTestDatabase : public TestDatabase {
  public:
    std::string url() const override { return "sqlite:///" + dir_.file("test.db"); }

  private:
    TempDir dir_;
};

// A database of its own on the test server, dropped (connections and all) afterwards.
class PostgresTestDatabase : public TestDatabase {
  public:
    explicit PostgresTestDatabase(const std::string& server_url) : server_url_(server_url) {
        static std::random_device rd;
        name_ = "migrate_test_" + std::to_string(getpid()) + "_" + std::to_string(rd());
        admin()->execute("CREATE DATABASE \"" + name_ + "\"");
        size_t slash = server_url.find('/', server_url.find("://") + 3);
        size_t query = server_url.find('?', slash);
        url_ = server_url.substr(0, slash + 1) + name_ +
               (query == std::string::npos ? "" : server_url.substr(query));
    }
    ~PostgresTestDatabase() override {
        try {
            admin()->execute("DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)");
        } catch (const std::exception&) {
            // The server is going away with its cluster at the end of the run anyway.
        }
    }
    std::string url() const override { return url_; }

  private:
    std::unique_ptr<orm::Connection> admin() const {
        return orm::connect(orm::DatabaseUrl::parse(server_url_));
    }

    std::string server_url_, name_, url_;
};

}  // namespace

std::optional<std::string> postgres_server_url() {
    const char* url = std::getenv("MIGRATE_TEST_PG_URL");
    if (url && *url) return std::string(url);
    return std::nullopt;
}

bool running_in_ci() {
    const char* ci = std::getenv("CI");
    return ci && std::string(ci) == "true";
}

std::unique_ptr<TestDatabase> make_test_database(const std::string& dialect) {
    if (dialect == "sqlite") return std::make_unique<SqliteTestDatabase>();
    if (dialect == "postgresql") {
        auto url = postgres_server_url();
        if (!url)
            throw std::runtime_error(
                "no PostgreSQL test server: MIGRATE_TEST_PG_URL is not set (scripts/test.sh "
                "starts one)");
        return std::make_unique<PostgresTestDatabase>(*url);
    }
    throw std::runtime_error("no test database for dialect " + dialect);
}

std::vector<std::string> test_dialects() { return {"sqlite", "postgresql"}; }

std::optional<std::string> dialect_unavailable(const std::string& dialect) {
    if (dialect != "postgresql" || postgres_server_url() || running_in_ci()) return std::nullopt;
    return std::string(
        "no PostgreSQL test server (MIGRATE_TEST_PG_URL is not set): skipped. scripts/test.sh "
        "starts one.");
}

void load_corpus_schema(const CorpusSchema& s, const TestDatabase& db,
                        const std::string& scratch_dir) {
    auto conn = db.connect();
    for (const auto& f : s.files) {
        if (s.dialect == "sqlite") {
            conn->execute_script(read_file(f));
            continue;
        }
        const std::string err = scratch_dir + "/psql.err";
        std::string cmd = "psql -X -q -v ON_ERROR_STOP=1 -d '" + db.url() + "' -f '" + f +
                          "' >/dev/null 2>'" + err + "'";
        ASSERT_EQ(std::system(cmd.c_str()), 0) << "loading " << f << ": " << read_file(err);
    }
}

}  // namespace migrate::test
