#include "orm/postgresql/connection.h"

#include <pqxx/pqxx>

#include "orm/connection_handles.h"
#include "orm/error.h"

namespace migrate::orm::postgresql {

struct PgConnection::Session {
    explicit Session(const std::string& options)
        : owned(std::make_unique<pqxx::connection>(options)), conn(*owned) {}
    explicit Session(pqxx::connection_base& borrowed) : conn(borrowed) {}
    std::unique_ptr<pqxx::connection> owned;  // null when the application's
    pqxx::connection_base& conn;
};

namespace {

std::string shorten(const std::string& sql) {
    constexpr size_t kMax = 300;
    return sql.size() <= kMax ? sql : sql.substr(0, kMax) + " ...";
}

// libpq messages span lines ("FATAL:  ...\n\tIs the server running ...?"): make one line.
std::string one_line(std::string text) {
    for (const char* prefix : {"FATAL:  ", "ERROR:  "})
        for (size_t p; (p = text.find(prefix)) != std::string::npos;) text.erase(p, 8);
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == '\n' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += out.back() == '.' ? " " : "; ";
        space = false;
        out += c;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == ';')) out.pop_back();
    return out;
}

std::string libpq_value(const std::string& v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

[[noreturn]] void rethrow_sql_error(const pqxx::sql_error& e, const std::string& sql) {
    std::string msg = one_line(e.what());
    // The server's words for a second statement in one extended-protocol call.
    if (msg.find("cannot insert multiple commands into a prepared statement") != std::string::npos)
        msg =
            "more than one SQL statement where one is expected. Run several statements as a "
            "script (a `sql` operation), one statement per value everywhere else";
    throw DatabaseError(msg + " (SQLSTATE " + e.sqlstate() + ")\n  in statement: " + shorten(sql),
                        sql, e.sqlstate(), category_of_sqlstate(e.sqlstate()));
}

struct RefusalKind {
    ErrorCategory category;
    std::string sqlstate;  // empty when no server answered
};

// Why a connection attempt failed. libpq keeps the SQLSTATE of a refused connection to itself
// (only its message is public), so it is recognised from the server's words (its FATAL
// messages, in English unless the server's lc_messages says otherwise) and libpq's own.
RefusalKind refusal_kind(const std::string& message) {
    struct Pattern {
        const char* text;
        ErrorCategory category;
        const char* sqlstate;
    };
    static const Pattern kPatterns[] = {
        {"password authentication failed", ErrorCategory::kAuthentication, "28P01"},
        {"no pg_hba.conf entry", ErrorCategory::kAuthentication, "28000"},
        {"pg_hba.conf rejects connection", ErrorCategory::kAuthentication, "28000"},
        {"no password supplied", ErrorCategory::kAuthentication, ""},
        {"too many clients already", ErrorCategory::kOther, "53300"},
        {"the database system is starting up", ErrorCategory::kUnreachable, "57P03"},
        {"the database system is shutting down", ErrorCategory::kUnreachable, "57P03"},
        {"Connection refused", ErrorCategory::kUnreachable, ""},
        {"could not translate host name", ErrorCategory::kUnreachable, ""},
        {"timeout expired", ErrorCategory::kUnreachable, ""},
        {"No route to host", ErrorCategory::kUnreachable, ""},
        {"Network is unreachable", ErrorCategory::kUnreachable, ""},
        {"No such file or directory", ErrorCategory::kUnreachable, ""},  // no local socket
        {"server closed the connection unexpectedly", ErrorCategory::kUnreachable, ""},
    };
    auto has = [&](const char* text) { return message.find(text) != std::string::npos; };
    if (has("database \"") && has("\" does not exist"))
        return {ErrorCategory::kMissingDatabase, "3D000"};
    if (has("role \"") && has("\" does not exist"))
        return {ErrorCategory::kAuthentication, "28000"};
    for (const Pattern& p : kPatterns)
        if (has(p.text)) return {p.category, p.sqlstate};
    return {ErrorCategory::kOther, ""};
}

}  // namespace

std::string connection_string(const DatabaseUrl& url) {
    std::string out;
    auto add = [&](const std::string& k, const std::string& v) {
        if (!v.empty()) out += (out.empty() ? "" : " ") + k + "=" + libpq_value(v);
    };
    add("host", url.host());
    if (url.port()) add("port", std::to_string(*url.port()));
    add("dbname", url.database());
    add("user", url.user());
    if (url.password()) add("password", *url.password());
    std::string settings;
    for (const auto& [k, v] : url.options()) {
        if (k == "statement_timeout" || k == "lock_timeout")
            settings += (settings.empty() ? "" : " ") + std::string("-c ") + k + "=" + v;
        else
            add(k, v);
    }
    if (!url.options().count("connect_timeout")) add("connect_timeout", "10");
    if (!url.options().count("application_name")) add("application_name", "migrate");
    add("options", settings);
    return out;
}

std::string number_placeholders(const std::string& sql) {
    std::string out;
    int n = 0;
    char quote = 0;
    for (size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '?') {
            out += "$" + std::to_string(++n);
            continue;
        }
        out += c;
    }
    return out;
}

PgConnection::PgConnection(const Dialect& dialect, const DatabaseUrl& url)
    : dialect_(dialect), printable_url_(url.str()) {
    try {
        session_ = std::make_unique<Session>(connection_string(url));
    } catch (const std::exception& e) {
        std::string why = one_line(e.what());
        if (url.password()) {  // libpq never echoes it, but be certain
            for (size_t p;
                 !url.password()->empty() && (p = why.find(*url.password())) != std::string::npos;)
                why.replace(p, url.password()->size(), "***");
        }
        const RefusalKind kind = refusal_kind(why);
        throw ConnectionError("cannot connect to " + printable_url_ + ": " + why, kind.category,
                              kind.sqlstate);
    }
}

PgConnection::PgConnection(const Dialect& dialect, pqxx::connection_base& borrowed)
    : dialect_(dialect), session_(std::make_unique<Session>(borrowed)) {
    auto text = [](const char* s) { return std::string(s ? s : ""); };
    printable_url_ = "postgresql://" + text(borrowed.username()) + "@" + text(borrowed.hostname()) +
                     (text(borrowed.port()).empty() ? "" : ":" + text(borrowed.port())) + "/" +
                     text(borrowed.dbname());
    // The first statement of a transaction starts it, so its statement_timestamp() is the
    // transaction's (PostgreSQL documents this); inside a BEGIN they differ, and inside a
    // failed transaction the query itself fails.
    bool inside = false;
    try {
        pqxx::nontransaction tx(borrowed);
        pqxx::result r = tx.exec("SELECT transaction_timestamp() = statement_timestamp()");
        inside = r.empty() || r[0][0].is_null() || std::string(r[0][0].c_str()) != "t";
    } catch (const pqxx::usage_error&) {
        inside = true;  // a libpqxx transaction object is open on it
    } catch (const pqxx::broken_connection& e) {
        throw ConnectionError(
            "the connection to " + printable_url_ + " is closed: " + one_line(e.what()),
            ErrorCategory::kUnreachable);
    } catch (const pqxx::sql_error& e) {
        if (e.sqlstate() != "25P02") rethrow_sql_error(e, e.query());
        inside = true;  // in_failed_sql_transaction
    }
    if (inside)
        throw UsageError("the PostgreSQL connection to " + printable_url_ +
                         " is inside an open transaction; commit or roll it back (and close "
                         "its transaction object) before migrating, since migrations run in "
                         "transactions of their own.");
}

PgConnection::~PgConnection() = default;

// Always the extended query protocol (PQexecParams, even with no parameters): the server then
// refuses text holding more than one statement, so one call runs exactly one statement.
ResultSet PgConnection::run(const std::string& sql, const std::vector<Value>& params) {
    note_statement(sql);
    try {
        pqxx::nontransaction tx(session_->conn);
        std::vector<std::string> storage;
        std::vector<const char*> values;
        storage.reserve(params.size());
        for (const auto& p : params) {
            if (std::holds_alternative<std::nullptr_t>(p)) {
                storage.emplace_back();
            } else if (auto* b = std::get_if<bool>(&p)) {
                storage.push_back(*b ? "true" : "false");
            } else if (auto* i = std::get_if<std::int64_t>(&p)) {
                storage.push_back(std::to_string(*i));
            } else if (auto* d = std::get_if<double>(&p)) {
                storage.push_back(pqxx::to_string(*d));
            } else {
                storage.push_back(std::get<std::string>(p));
            }
        }
        for (size_t i = 0; i < params.size(); ++i)
            values.push_back(
                std::holds_alternative<std::nullptr_t>(params[i]) ? nullptr : storage[i].c_str());
        // Without parameters a `?` is SQL (the jsonb operator), not a placeholder.
        pqxx::result r = tx.exec_params(params.empty() ? sql : number_placeholders(sql),
                                        pqxx::prepare::make_dynamic_params(values));
        ResultSet out;
        for (pqxx::row::size_type c = 0; c < r.columns(); ++c)
            out.columns.emplace_back(r.column_name(c));
        out.rows.reserve(r.size());
        for (const auto& row : r) {
            auto& dst = out.rows.emplace_back(row.size());
            for (pqxx::row::size_type c = 0; c < row.size(); ++c)
                if (!row[c].is_null()) dst[c] = std::string(row[c].c_str(), row[c].size());
        }
        return out;
    } catch (const pqxx::broken_connection& e) {
        throw ConnectionError(
            "lost the connection to " + printable_url_ + ": " + one_line(e.what()),
            ErrorCategory::kUnreachable);
    } catch (const pqxx::sql_error& e) {
        rethrow_sql_error(e, sql);
    } catch (const pqxx::usage_error& e) {
        // Only an application's connection can have a transaction object of its own open.
        throw UsageError("cannot run a statement on the PostgreSQL connection to " +
                         printable_url_ + ": " + one_line(e.what()) +
                         ". Close the application's transaction on it before migrating.");
    }
}

void PgConnection::execute(const std::string& sql) { run(sql, {}); }
ResultSet PgConnection::query(const std::string& sql, const std::vector<Value>& params) {
    return run(sql, params);
}

void PgConnection::begin() {
    execute("BEGIN");
    in_transaction_ = true;
}

void PgConnection::commit() {
    in_transaction_ = false;  // a failed COMMIT ends the transaction too
    execute("COMMIT");
}

void PgConnection::rollback() {
    if (!in_transaction_) return;
    in_transaction_ = false;
    execute("ROLLBACK");
}

bool PgConnection::in_transaction() const { return in_transaction_; }

void PgConnection::set_timeouts(int statement_ms, int lock_ms) {
    execute("SET statement_timeout = " + std::to_string(statement_ms));
    execute("SET lock_timeout = " + std::to_string(lock_ms));
}

int PgConnection::backend_pid() const { return session_->conn.backendpid(); }

}  // namespace migrate::orm::postgresql

namespace migrate::orm {

std::unique_ptr<Connection> wrap_connection(pqxx::connection_base& connection) {
    return std::make_unique<postgresql::PgConnection>(dialect_by_name("postgresql"), connection);
}

}  // namespace migrate::orm
