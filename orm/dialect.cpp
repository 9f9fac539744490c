#include "orm/dialect.h"

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

const Dialect& dialect_by_name(const std::string& name) {
    if (name == "sqlite") return sqlite::dialect();
    if (name == "postgresql") return postgresql::dialect();
    throw UsageError("unknown dialect '" + name + "'; use sqlite or postgresql");
}

std::unique_ptr<Connection> connect(const DatabaseUrl& url) {
    return dialect_by_name(url.dialect()).connect(url);
}

}  // namespace migrate::orm
