#include "orm/dialect.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "orm/error.h"
#include "orm/postgresql/dialect.h"
#include "orm/sqlite/dialect.h"

namespace migrate::orm {

size_t ResultSet::column(const std::string& name) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name) return i;
    throw std::out_of_range("no result column '" + name + "'");
}

void Connection::execute_script(const std::string& script) {
    const std::vector<std::string> statements = dialect().split_script(script);
    for (size_t i = 0; i < statements.size(); ++i) {
        try {
            execute(statements[i]);
        } catch (const ConnectionError&) {
            throw;
        } catch (const DatabaseError& e) {
            throw DatabaseError("statement " + std::to_string(i + 1) + " of " +
                                    std::to_string(statements.size()) +
                                    " in the script failed: " + e.what(),
                                e.sql(), e.sqlstate(), e.category());
        }
    }
}

void Connection::savepoint(const std::string& name) {
    execute("SAVEPOINT " + dialect().quote(name));
}

void Connection::release_savepoint(const std::string& name) {
    execute("RELEASE SAVEPOINT " + dialect().quote(name));
}

void Connection::rollback_to_savepoint(const std::string& name) {
    execute("ROLLBACK TO SAVEPOINT " + dialect().quote(name));
}

std::string Dialect::quote(const std::string& identifier) const {
    std::string out = "\"";
    for (char c : identifier) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string Dialect::quote_literal(const std::string& text) const {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

std::string Dialect::literal(const Value& value) const {
    if (std::holds_alternative<std::nullptr_t>(value)) return "NULL";
    if (const bool* b = std::get_if<bool>(&value)) return boolean_literal(*b);
    if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (const double* d = std::get_if<double>(&value)) {
        if (!std::isfinite(*d))
            throw UsageError(std::string("cannot write ") + (std::isnan(*d) ? "NaN" : "infinity") +
                             " as an SQL literal for " + name() +
                             "; insert it with a `sql` operation in the database's own spelling");
        return real_literal(*d);
    }
    return quote_literal(std::get<std::string>(value));
}

std::string Dialect::real_literal(double value) const {
    char buf[32];  // the shortest form of any double fits in 24 characters
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    std::string text(buf, ec == std::errc() ? end : buf);
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
}

const Dialect& dialect_by_name(const std::string& name) {
    if (name == "sqlite") return sqlite::dialect();
    if (name == "postgresql") return postgresql::dialect();
    throw UsageError("unknown dialect '" + name + "'; use sqlite or postgresql");
}

std::unique_ptr<Connection> connect(const DatabaseUrl& url) {
    return dialect_by_name(url.dialect()).connect(url);
}

}  // namespace migrate::orm
