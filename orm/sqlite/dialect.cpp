#include "orm/sqlite/dialect.h"

#include "orm/sqlite/connection.h"
#include "orm/sqlite/ddl_compiler.h"
#include "orm/sqlite/inspector.h"
#include "orm/sqlite/statements.h"
#include "orm/sqlite/types.h"

namespace migrate::orm::sqlite {
namespace {

class SqliteDialect : public Dialect {
  public:
    SqliteDialect() : ddl_(*this) {}
    std::string name() const override { return "sqlite"; }
    std::unique_ptr<Connection> connect(const DatabaseUrl& url) const override {
        return std::make_unique<SqliteConnection>(*this, url);
    }
    const DdlCompiler& ddl() const override { return ddl_; }
    const Inspector& inspector() const override { return inspector_; }
    std::vector<std::string> split_script(const std::string& script) const override {
        return split_statements(script);
    }

    bool rebuilds_tables() const override { return true; }
    bool native_enums() const override { return false; }
    SqlType canonical_type(const SqlType& type, const MetaData& metadata) const override {
        if (type.kind() == TypeKind::kEnum) return type;
        return type_from_declared(type_sql(type, metadata));
    }
    bool names_case_insensitive() const override { return true; }
    bool file_database() const override { return true; }
    std::vector<std::string> table_columns(Connection& conn, const std::string&,
                                           const std::string& table) const override {
        std::vector<std::string> out;
        for (const auto& r : conn.query("SELECT name FROM pragma_table_info(?)", {table}).rows)
            out.push_back(r[0].value_or(""));
        return out;
    }
    std::vector<std::string> foreign_keys_sql(bool enforce) const override {
        return {enforce ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF"};
    }
    std::vector<std::string> foreign_key_violations(Connection& conn) const override {
        std::vector<std::string> out;
        for (const auto& r : conn.query("PRAGMA foreign_key_check").rows)
            out.push_back("table " + r[0].value_or("?") + ", row " + r[1].value_or("?") +
                          ", parent " + r[2].value_or("?"));
        return out;
    }
    std::vector<std::string> table_triggers(Connection& conn,
                                            const std::string& table) const override {
        std::vector<std::string> out;
        for (const auto& r : conn.query("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                        "AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid",
                                        {table})
                                 .rows)
            out.push_back(*r[0]);
        return out;
    }

  protected:
    // SQLite has no boolean type: TRUE is 1 (the TRUE keyword exists only since 3.23).
    std::string boolean_literal(bool value) const override { return value ? "1" : "0"; }

  private:
    SqliteDdlCompiler ddl_;
    SqliteInspector inspector_;
};

}  // namespace

const Dialect& dialect() {
    static const SqliteDialect instance;
    return instance;
}

}  // namespace migrate::orm::sqlite
