#include "orm/sqlite/dialect.h"

#include "orm/sqlite/connection.h"
#include "orm/sqlite/ddl_compiler.h"
#include "orm/sqlite/inspector.h"

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
