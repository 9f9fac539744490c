#include "orm/postgresql/dialect.h"

#include "orm/postgresql/connection.h"
#include "orm/postgresql/ddl_compiler.h"
#include "orm/postgresql/inspector.h"
#include "orm/postgresql/settle.h"
#include "orm/postgresql/type_names.h"

namespace migrate::orm::postgresql {
namespace {

class PgDialect : public Dialect {
  public:
    PgDialect() : ddl_(*this) {}
    std::string name() const override { return "postgresql"; }
    std::unique_ptr<Connection> connect(const DatabaseUrl& url) const override {
        return std::make_unique<PgConnection>(*this, url);
    }
    const DdlCompiler& ddl() const override { return ddl_; }
    const Inspector& inspector() const override { return inspector_; }
    SqlType canonical_type(const SqlType& type, const MetaData& metadata) const override {
        return postgresql::canonical_type(type, metadata);
    }
    MetaData as_held(Connection& connection, const MetaData& models) const override {
        return settle(connection, models);
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
