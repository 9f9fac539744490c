#pragma once

/// Internal to the PostgreSQL inspector: one reflection run, split over inspector.cpp (tables,
/// columns, enums, other objects), reflect_keys.cpp (constraints and indexes) and guard.cpp
/// (the comparison of what was kept with the server's own definitions).

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "orm/dialect.h"

namespace migrate::orm::postgresql::detail {

using Row = std::vector<std::optional<std::string>>;

const std::string& text(const std::optional<std::string>& v);
bool truth(const std::optional<std::string>& v);
/// A catalog list joined by `sep` (catalog::kSeparator by default), split again.
std::vector<std::string> split_list(const std::optional<std::string>& v, char sep = '\x1f');
/// `name=value` storage parameters as the model holds them; false when one cannot be held
/// (a value the model file could not carry).
bool storage_from_reloptions(const std::vector<std::string>& reloptions,
                             std::vector<std::pair<std::string, std::string>>* out);

/// What the guard needs beyond the model: the server's names and definitions.
struct TableFacts {
    std::string schema;  // the real schema name, also for the default schema
    bool visible = true;
    std::vector<std::string> reloptions, toast_reloptions;
    std::string tablespace, access_method;
    char persistence = 'p', replica_identity = 'd';
    bool row_security = false, force_row_security = false;
};

struct ConstraintFacts {
    size_t table;
    char kind;
    std::string name, definition;
    std::string check_condition;  // CHECK: the condition as the server prints it
    std::string referred_schema;  // FOREIGN KEY: the real schema of the referred table
    std::string referred_table;
    bool referred_visible = true;
};

struct IndexFacts {
    size_t table;
    std::string name, definition, tablespace;
    bool valid = true;
};

class Reflection {
  public:
    Reflection(Connection& conn, std::vector<std::string> schemas)
        : conn_(conn), requested_(std::move(schemas)) {}
    ReflectedSchema run();

  private:
    std::vector<Row> rows(const char* sql);
    std::string schema_of(const std::string& nspname) const {
        return nspname == current_schema_ ? std::string() : nspname;
    }
    void unmanaged(const std::string& kind, const std::string& schema, const std::string& name,
                   const std::string& table = "");
    void not_modelled(size_t table, const std::string& object, const std::string& definition);
    Table* table(const std::optional<std::string>& oid, size_t* index = nullptr);

    void read_schemas();
    void read_relations();
    void read_columns();
    void read_constraints();
    void read_indexes();
    bool read_index_elements(const Row& r, Index& ix);
    void read_enums();
    void read_other_objects();
    void finish_table(size_t i);
    void guard();
    void guard_table(size_t i);
    void guard_constraint(const ConstraintFacts& c);
    void guard_index(const IndexFacts& f);

    Connection& conn_;
    std::vector<std::string> requested_;
    Value param_;
    std::string current_schema_;
    std::vector<std::pair<std::string, size_t>> tables_per_schema_;
    std::vector<std::string> table_oid_;
    std::vector<TableFacts> facts_;
    std::map<std::string, size_t> by_oid_;
    std::vector<std::pair<size_t, ForeignKey>> pending_fks_;
    std::vector<ConstraintFacts> constraints_;
    std::vector<IndexFacts> indexes_;
    ReflectedSchema out_;
};

}  // namespace migrate::orm::postgresql::detail
