#include "orm/postgresql/dialect.h"

#include <cmath>

#include "orm/postgresql/ddl_compiler.h"
#include "orm/postgresql/inspector.h"
#include "orm/postgresql/open_connection.h"
#include "orm/postgresql/settle.h"
#include "orm/postgresql/statements.h"
#include "orm/postgresql/type_names.h"

namespace migrate::orm::postgresql {
namespace {

class PgDialect : public Dialect {
  public:
    PgDialect() : ddl_(*this) {}
    std::string name() const override { return "postgresql"; }
    std::unique_ptr<Connection> connect(const DatabaseUrl& url) const override {
        return open_connection(*this, url);
    }
    const DdlCompiler& ddl() const override { return ddl_; }
    const Inspector& inspector() const override { return inspector_; }
    SqlType canonical_type(const SqlType& type, const MetaData& metadata) const override {
        return postgresql::canonical_type(type, metadata);
    }
    bool has_schemas() const override { return true; }
    bool enum_values_need_commit() const override { return true; }
    Locking locking() const override { return Locking::kAdvisory; }
    std::string timestamp_type() const override { return "TIMESTAMP WITH TIME ZONE"; }
    std::string timestamp_text(const std::string& column) const override {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
    }
    std::vector<std::string> table_columns(Connection& conn, const std::string& schema,
                                           const std::string& table) const override {
        const std::string name = schema.empty() ? quote(table) : quote(schema) + "." + quote(table);
        std::vector<std::string> out;
        for (const auto& r : conn.query("SELECT attname FROM pg_attribute WHERE attrelid = "
                                        "to_regclass(?) AND attnum > 0 AND NOT attisdropped "
                                        "ORDER BY attnum",
                                        {name})
                                 .rows)
            out.push_back(r[0].value_or(""));
        return out;
    }
    MetaData as_held(Connection& connection, const MetaData& models) const override {
        return settle(connection, models);
    }
    std::vector<std::string> split_script(const std::string& script) const override {
        return split_statements(script);
    }

  protected:
    // `-0.0` is minus applied to the numeric 0.0, which has no sign; an untyped string is
    // read by the column type's own input function, which keeps it.
    std::string real_literal(double value) const override {
        if (value == 0 && std::signbit(value)) return "'-0'";
        return Dialect::real_literal(value);
    }

  private:
    PgDdlCompiler ddl_;
    PgInspector inspector_;
};

}  // namespace

const Dialect& dialect() {
    static const PgDialect instance;
    return instance;
}

}  // namespace migrate::orm::postgresql
