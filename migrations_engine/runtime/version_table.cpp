#include "migrations_engine/runtime/version_table.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <set>

#include "orm/error.h"

namespace migrate::engine {
namespace {

const char* const kColumns[] = {"revision", "checksum", "applied_at", "execution_ms", "applied_by"};

}  // namespace

VersionTable::VersionTable(const orm::Dialect& dialect, std::string name)
    : dialect_(dialect), name_(std::move(name)) {
    size_t dot = name_.find('.');
    if (dot != std::string::npos && dialect_.has_schemas()) {
        schema_ = name_.substr(0, dot);
        table_ = name_.substr(dot + 1);
    } else {
        table_ = name_;
    }
}

std::string VersionTable::quoted() const {
    return schema_.empty() ? dialect_.quote(table_)
                           : dialect_.quote(schema_) + "." + dialect_.quote(table_);
}

std::string VersionTable::create_sql() const {
    return "CREATE TABLE IF NOT EXISTS " + quoted() +
           " (\n    revision VARCHAR(255) NOT NULL PRIMARY KEY,\n"
           "    checksum VARCHAR(64) NOT NULL,\n    applied_at " +
           dialect_.timestamp_type() +
           " NOT NULL,\n    execution_ms BIGINT NOT NULL,\n    applied_by VARCHAR(255)\n)";
}

std::string VersionTable::insert_sql(const AppliedRevision& r) const {
    return "INSERT INTO " + quoted() +
           " (revision, checksum, applied_at, execution_ms, applied_by) VALUES (" +
           dialect_.quote_literal(r.revision) + ", " + dialect_.quote_literal(r.checksum) + ", " +
           dialect_.quote_literal(r.applied_at) + ", " + std::to_string(r.execution_ms) + ", " +
           dialect_.quote_literal(r.applied_by) + ")";
}

std::string VersionTable::insert_if_absent_sql(const AppliedRevision& row) const {
    return insert_sql(row) + " ON CONFLICT (revision) DO NOTHING";
}

std::string VersionTable::delete_sql(const std::string& revision) const {
    return "DELETE FROM " + quoted() + " WHERE revision = " + dialect_.quote_literal(revision);
}

std::string VersionTable::purge_sql() const { return "DELETE FROM " + quoted(); }

bool VersionTable::exists(orm::Connection& conn) const {
    return !dialect_.table_columns(conn, schema_, table_).empty();
}

void VersionTable::check_shape(orm::Connection& conn) const {
    std::set<std::string> have;
    std::string listed;
    for (const auto& c : dialect_.table_columns(conn, schema_, table_)) {
        have.insert(c);
        listed += (listed.empty() ? "" : ", ") + c;
    }
    for (const char* column : kColumns) {
        if (have.count(column)) continue;
        throw UsageError(
            "the table " + name_ +
            " exists but is not a version table of migrate: its columns are " + listed +
            " (expected revision, checksum, applied_at, execution_ms, applied_by). Another tool "
            "may own it (sqlalchemy-migrate also names its table migrate_version). Set "
            "`version_table: <another name>` in migrate.yaml so that each tool keeps its own.");
    }
}

std::map<std::string, AppliedRevision> VersionTable::read(orm::Connection& conn) const {
    std::map<std::string, AppliedRevision> out;
    if (!exists(conn)) return out;
    check_shape(conn);
    const std::string applied_at = dialect_.timestamp_text("applied_at");
    auto rs =
        conn.query("SELECT revision, checksum, " + applied_at + ", execution_ms, applied_by FROM " +
                   quoted() + " ORDER BY applied_at, revision");
    for (const auto& r : rs.rows) {
        AppliedRevision a;
        a.revision = r[0].value_or("");
        a.checksum = r[1].value_or("");
        a.applied_at = r[2].value_or("");
        a.execution_ms = std::atoll(r[3].value_or("0").c_str());
        a.applied_by = r[4].value_or("");
        out[a.revision] = a;
    }
    return out;
}

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string applied_by() {
    const char* user = std::getenv("USER");
    if (!user || !*user)
        if (const passwd* pw = getpwuid(geteuid())) user = pw->pw_name;
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    return std::string(user && *user ? user : "unknown") + "@" + host;
}

}  // namespace migrate::engine
