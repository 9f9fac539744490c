#include "orm/sqlite/connection.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "orm/connection_handles.h"
#include "orm/error.h"
#include "orm/sqlite/statements.h"

namespace migrate::orm::sqlite {
namespace {

constexpr int kDefaultBusyTimeoutMs = 5000;

bool file_exists(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

// The portable category of an extended result code; SQLite says "no such table" and "already
// exists" with the plain SQLITE_ERROR code, so those come from its message.
ErrorCategory category_of(int code, const std::string& message) {
    switch (code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return ErrorCategory::kUniqueViolation;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return ErrorCategory::kForeignKeyViolation;
        case SQLITE_CONSTRAINT_NOTNULL:
            return ErrorCategory::kNotNullViolation;
        case SQLITE_CONSTRAINT_CHECK:
            return ErrorCategory::kCheckViolation;
        default:
            break;
    }
    switch (code & 0xff) {
        case SQLITE_PERM:
        case SQLITE_AUTH:
        case SQLITE_READONLY:
            return ErrorCategory::kPermission;
        case SQLITE_ERROR:
            if (message.rfind("no such ", 0) == 0) return ErrorCategory::kUndefinedObject;
            if (message.find(" already exists") != std::string::npos)
                return ErrorCategory::kDuplicateObject;
            if (message.rfind("duplicate column name", 0) == 0)
                return ErrorCategory::kDuplicateObject;
            return ErrorCategory::kOther;
        default:
            return ErrorCategory::kOther;
    }
}

std::string shorten(const std::string& sql) {
    constexpr size_t kMax = 300;
    return sql.size() <= kMax ? sql : sql.substr(0, kMax) + " ...";
}

class Statement {
  public:
    Statement(sqlite3* db, const char* sql, size_t size, const char** tail) {
        rc_ = sqlite3_prepare_v2(db, sql, static_cast<int>(size), &stmt_, tail);
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    int prepare_result() const { return rc_; }
    sqlite3_stmt* get() const { return stmt_; }

  private:
    sqlite3_stmt* stmt_ = nullptr;
    int rc_ = SQLITE_OK;
};

}  // namespace

SqliteConnection::SqliteConnection(const Dialect& dialect, const DatabaseUrl& url)
    : dialect_(dialect), path_(url.is_memory() ? "" : url.path()), display_name_(url.str()) {
    // Without CREATE, SQLite itself refuses a missing file: no check-then-open race.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (url.creates_missing()) flags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(url.path().c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        if (!url.creates_missing() && (rc & 0xff) == SQLITE_CANTOPEN && !file_exists(url.path()))
            throw ConnectionError("no such database file '" + url.path() + "' (from " + url.str() +
                                      "). Check the URL, or create the database first (upgrade, "
                                      "stamp or create-all).",
                                  ErrorCategory::kMissingDatabase, std::to_string(rc));
        throw ConnectionError("cannot open SQLite database '" + url.path() + "': " + msg +
                                  ". Check that the folder exists and is writable.",
                              category_of(rc, msg), std::to_string(rc));
    }
    sqlite3_extended_result_codes(db_, 1);
    // Double-quoted text is an identifier, never a string literal: otherwise an index on a
    // misspelt column silently indexes a constant string.
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
    set_busy_timeout_ms(kDefaultBusyTimeoutMs);
    execute("PRAGMA foreign_keys = ON");
}

SqliteConnection::SqliteConnection(const Dialect& dialect, sqlite3* db)
    : dialect_(dialect), db_(db), owned_(false) {
    if (!db_)
        throw UsageError(
            "the SQLite handle to migrate is null: open the database (sqlite3_open_v2) before "
            "handing it over.");
    // "" (or null) for an in-memory or temporary database: no file, no file lock.
    const char* file = sqlite3_db_filename(db_, "main");
    path_ = file ? file : "";
    display_name_ = path_.empty() ? "the in-memory SQLite database" : "sqlite:///" + path_;
    if (in_transaction())
        throw UsageError("the SQLite handle of " + display_name_ +
                         " is inside an open transaction; commit or roll it back before "
                         "migrating, since migrations run in transactions of their own.");
    // Migrations run with foreign keys enforced, as on a connection the tool opens; the
    // handle's own setting comes back in the destructor.
    const ResultSet rs = query("PRAGMA foreign_keys");
    if (!rs.rows.empty() && rs.rows[0][0] == std::optional<std::string>("0")) {
        execute("PRAGMA foreign_keys = ON");
        restore_foreign_keys_off_ = true;
    }
}

SqliteConnection::~SqliteConnection() {
    if (owned_) {
        sqlite3_close_v2(db_);
        return;
    }
    if (restore_foreign_keys_off_)
        sqlite3_exec(db_, "PRAGMA foreign_keys = OFF", nullptr, nullptr, nullptr);
}

void SqliteConnection::fail(const std::string& sql, size_t script_index) const {
    // The extended code whether or not the handle reports extended codes (a borrowed one
    // keeps its own setting).
    int code = sqlite3_extended_errcode(db_);
    const std::string message = sqlite3_errmsg(db_);
    const std::string where =
        script_index ? "in statement " + std::to_string(script_index) + " of the script: "
                     : "in statement: ";
    throw DatabaseError(message + " (SQLite " + sqlite3_errstr(code) + ", code " +
                            std::to_string(code) + ")\n  " + where + shorten(sql),
                        sql, std::to_string(code), category_of(code, message));
}

void SqliteConnection::set_busy_timeout_ms(int ms) { sqlite3_busy_timeout(db_, ms); }

void SqliteConnection::execute(const std::string& sql) { query(sql, {}); }

// SQLite's own statement loop (as sqlite3_exec): prepare the first statement of the rest,
// run it, go on after its end. Each statement is prepared only once those before it ran, so a
// statement may use what an earlier one created.
void SqliteConnection::execute_script(const std::string& script) {
    const char* rest = script.c_str();
    const char* const end = rest + script.size();
    size_t index = 0;
    while (rest < end) {
        const char* tail = nullptr;
        Statement stmt(db_, rest, end - rest, &tail);
        if (stmt.prepare_result() != SQLITE_OK) {
            const auto pieces = split_statements(std::string_view(rest, end - rest));
            fail(pieces.empty() ? std::string(rest, end) : pieces.front(), index + 1);
        }
        const std::string_view text(rest, tail - rest);
        rest = tail;
        if (!stmt.get()) continue;  // only white space, comments or ';'
        ++index;
        const auto pieces = split_statements(text);
        const std::string sql = pieces.empty() ? std::string(text) : pieces.front();
        note_statement(sql);
        while (true) {
            int rc = sqlite3_step(stmt.get());
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) fail(sql, index);
        }
    }
}

ResultSet SqliteConnection::query(const std::string& sql, const std::vector<Value>& params) {
    note_statement(sql);
    const char* tail = nullptr;
    Statement stmt(db_, sql.data(), sql.size(), &tail);
    if (stmt.prepare_result() != SQLITE_OK) fail(sql);
    const std::string_view after(tail, sql.data() + sql.size() - tail);
    if (!only_separators(after))
        throw DatabaseError("more than one SQL statement where one is expected; the second is: " +
                                shorten(split_statements(after).front()) +
                                "\n  in statement: " + shorten(sql) +
                                "\nRun several statements as a script (a `sql` operation), one "
                                "statement per value everywhere else.",
                            sql, std::to_string(SQLITE_ERROR));
    for (size_t i = 0; i < params.size(); ++i) {
        int idx = static_cast<int>(i + 1);
        const Value& v = params[i];
        if (std::holds_alternative<std::nullptr_t>(v))
            sqlite3_bind_null(stmt.get(), idx);
        else if (auto* b = std::get_if<bool>(&v))
            sqlite3_bind_int64(stmt.get(), idx, *b ? 1 : 0);
        else if (auto* n = std::get_if<std::int64_t>(&v))
            sqlite3_bind_int64(stmt.get(), idx, *n);
        else if (auto* d = std::get_if<double>(&v))
            sqlite3_bind_double(stmt.get(), idx, *d);
        else {
            const auto& s = std::get<std::string>(v);
            sqlite3_bind_text(stmt.get(), idx, s.data(), static_cast<int>(s.size()),
                              SQLITE_TRANSIENT);
        }
    }
    ResultSet out;
    if (!stmt.get()) return out;  // empty statement (only white space or comments)
    int ncol = sqlite3_column_count(stmt.get());
    for (int c = 0; c < ncol; ++c) out.columns.emplace_back(sqlite3_column_name(stmt.get(), c));
    while (true) {
        int rc = sqlite3_step(stmt.get());
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) fail(sql);
        auto& row = out.rows.emplace_back(ncol);
        for (int c = 0; c < ncol; ++c) {
            if (sqlite3_column_type(stmt.get(), c) == SQLITE_NULL) continue;
            auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), c));
            row[c] = std::string(text, sqlite3_column_bytes(stmt.get(), c));
        }
    }
    return out;
}

// IMMEDIATE: take the write lock now, so that a transaction never fails half-way for want
// of it (every transaction the tool opens writes).
void SqliteConnection::begin() { execute("BEGIN IMMEDIATE"); }
void SqliteConnection::commit() { execute("COMMIT"); }
void SqliteConnection::rollback() {
    if (in_transaction()) execute("ROLLBACK");
}
bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace migrate::orm::sqlite

namespace migrate::orm {

std::unique_ptr<Connection> wrap_connection(sqlite3* db) {
    return std::make_unique<sqlite::SqliteConnection>(dialect_by_name("sqlite"), db);
}

}  // namespace migrate::orm
