#include "migrations_engine/runtime/lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <functional>
#include <thread>

#include "migrations_engine/errors.h"
#include "migrations_engine/runtime/version_table.h"

namespace migrate::engine {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPoll = std::chrono::milliseconds(100);

// Advisory locks belong to one database: a lock with our key in another database of the same
// server is another project's, not a holder of ours.
constexpr const char* kThisDatabase =
    "database = (SELECT oid FROM pg_database WHERE datname = current_database())";
// pg_try_advisory_lock(bigint) keeps the key's high half in classid, its low half in objid.
constexpr const char* kKeyMatches =
    "objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = ?";

[[noreturn]] void timed_out(const std::string& database, const std::string& holder, double s) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", s);
    throw LockTimeoutError("the database " + database + " is locked by " + holder +
                           "; gave up after " + seconds +
                           " s. Wait for that run to finish, or pass a longer --lock-timeout.");
}

class FileLock : public MigrationLock {
  public:
    explicit FileLock(int fd) : fd_(fd) {}
    ~FileLock() override {
        flock(fd_, LOCK_UN);
        close(fd_);
    }

  private:
    int fd_;
};

std::string read_holder(int fd) {
    char buf[512] = {0};
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    std::string s = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s.empty() ? "another migrate process" : s;
}

// `database_file` is the database's file; `database` names it in messages.
std::unique_ptr<MigrationLock> sqlite_lock(const std::string& database_file,
                                           const std::string& database, double timeout,
                                           const std::function<void(const std::string&)>& notice) {
    const std::string path = database_file + ".migrate-lock";
    int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        throw ConnectionError(
            "cannot create the lock file '" + path + "': " + std::strerror(errno) +
                ". Check that its folder is writable.",
            errno == EACCES || errno == EPERM || errno == EROFS ? ErrorCategory::kPermission
                                                                : ErrorCategory::kOther);
    const auto deadline = Clock::now() + std::chrono::duration<double>(timeout);
    bool told = false;
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            close(fd);
            throw ConnectionError("cannot lock '" + path + "': " + std::strerror(errno));
        }
        std::string holder = read_holder(fd);
        if (Clock::now() >= deadline) {
            close(fd);
            timed_out(database, holder, timeout);
        }
        if (!told && notice) notice("Waiting for the migration lock held by " + holder + " ...");
        told = true;
        std::this_thread::sleep_for(kPoll);
    }
    std::string me =
        "pid " + std::to_string(getpid()) + " (" + applied_by() + ") since " + utc_now() + "\n";
    if (ftruncate(fd, 0) == 0) (void)!pwrite(fd, me.data(), me.size(), 0);
    return std::make_unique<FileLock>(fd);
}

// Held by the session of `conn`: a connection of the lock's own (`owned`), or the one the
// application handed over.
class AdvisoryLock : public MigrationLock {
  public:
    AdvisoryLock(std::unique_ptr<orm::Connection> owned, orm::Connection& conn, long long key)
        : owned_(std::move(owned)), conn_(conn), key_(key) {}
    ~AdvisoryLock() override {
        try {
            conn_.query("SELECT pg_advisory_unlock(?)", {static_cast<std::int64_t>(key_)});
        } catch (const std::exception&) {
            // Closing the session releases it anyway.
        }
    }

    void verify() override {
        std::string why;
        try {
            auto rs = conn_.query(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND pid = pg_backend_pid() AND " +
                    std::string(kThisDatabase) + " AND " + kKeyMatches,
                {static_cast<std::int64_t>(key_)});
            if (!rs.rows.empty() && rs.rows[0][0].value_or("0") != "0") return;
            why = "the server no longer lists it as held by this run's lock session";
        } catch (const Error& e) {
            why = e.what();
        }
        throw LockLostError("the migration lock was lost (" + why +
                            "), so another runner may be working on this database too");
    }

  private:
    std::unique_ptr<orm::Connection> owned_;
    orm::Connection& conn_;
    long long key_;
};

// A stable 63-bit key from the version table's name (FNV-1a), namespaced for migrate.
long long lock_key(const std::string& version_table) {
    unsigned long long h = 1469598103934665603ULL;
    for (char c : "migrate:" + version_table) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return static_cast<long long>(h >> 1);
}

std::string pg_holder(orm::Connection& conn, long long key) {
    auto rs = conn.query(
        "SELECT a.pid, COALESCE(NULLIF(a.application_name, ''), '?'), "
        "to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
        "COALESCE(a.client_addr::text, 'local') "
        "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND " +
            std::string(kThisDatabase) + " AND " + kKeyMatches,
        {static_cast<std::int64_t>(key)});
    if (rs.rows.empty()) return "another session";
    const auto& r = rs.rows[0];
    return "pid " + r[0].value_or("?") + " (application " + r[1].value_or("?") + ", from " +
           r[3].value_or("?") + ", connected since " + r[2].value_or("?") + ")";
}

// Takes the lock on the session of `conn`, which `owned` holds when it is the lock's own.
std::unique_ptr<MigrationLock> pg_lock(std::unique_ptr<orm::Connection> owned,
                                       orm::Connection& conn, const std::string& table,
                                       double timeout,
                                       const std::function<void(const std::string&)>& notice) {
    const long long key = lock_key(table);
    const auto deadline = Clock::now() + std::chrono::duration<double>(timeout);
    bool told = false;
    while (true) {
        auto rs = conn.query("SELECT pg_try_advisory_lock(?)", {static_cast<std::int64_t>(key)});
        if (!rs.rows.empty() && rs.rows[0][0] == std::optional<std::string>("t"))
            return std::make_unique<AdvisoryLock>(std::move(owned), conn, key);
        std::string holder = pg_holder(conn, key);
        if (Clock::now() >= deadline) timed_out(conn.display_name(), holder, timeout);
        if (!told && notice) notice("Waiting for the migration lock held by " + holder + " ...");
        told = true;
        std::this_thread::sleep_for(kPoll);
    }
}

}  // namespace

std::unique_ptr<MigrationLock> acquire_lock(const orm::DatabaseUrl& url,
                                            const std::string& version_table,
                                            double timeout_seconds,
                                            const std::function<void(const std::string&)>& notice) {
    if (orm::dialect_by_name(url.dialect()).locking() == orm::Dialect::Locking::kAdvisory) {
        auto conn = orm::connect(url);
        orm::Connection& session = *conn;
        return pg_lock(std::move(conn), session, version_table, timeout_seconds, notice);
    }
    if (url.is_memory()) return std::make_unique<MigrationLock>();  // private to this process
    return sqlite_lock(url.path(), url.str(), timeout_seconds, notice);
}

std::unique_ptr<MigrationLock> acquire_lock(orm::Connection& connection,
                                            const std::string& version_table,
                                            double timeout_seconds,
                                            const std::function<void(const std::string&)>& notice) {
    if (connection.dialect().locking() == orm::Dialect::Locking::kAdvisory)
        return pg_lock(nullptr, connection, version_table, timeout_seconds, notice);
    const std::string file = connection.database_file();
    if (file.empty()) return std::make_unique<MigrationLock>();  // in memory: private to it
    return sqlite_lock(file, connection.display_name(), timeout_seconds, notice);
}

}  // namespace migrate::engine
