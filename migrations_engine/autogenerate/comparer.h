#pragma once

/// Internal to autogenerate: the comparison of one schema against another, split over
/// compare.cpp (enums, tables, columns, ordering) and compare_constraints.cpp (keys,
/// constraints, indexes). See compare.h.

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "migrations_engine/autogenerate/compare.h"

namespace migrate::engine::detail {

inline std::string yes_no(bool b) { return b ? "true" : "false"; }
inline std::string or_none(const std::optional<std::string>& v) { return v ? *v : "(none)"; }

class Comparer {
  public:
    Comparer(const orm::MetaData& models, const orm::MetaData& db, const orm::Dialect& d,
             const CompareScope& scope, const orm::MetaData& as_held)
        : raw_models_(models),
          raw_db_(db),
          models_(normalize_for_compare(as_held, d, scope.default_schema)),
          db_(normalize_for_compare(db, d, scope.default_schema)),
          d_(d),
          scope_(scope) {}

    Comparison run() {
        create_schemas();
        compare_enums();
        std::set<size_t> matched_db;
        for (size_t i = 0; i < models_.tables.size(); ++i) {
            const orm::Table& m = models_.tables[i];
            if (excluded(m)) continue;
            size_t j = find_table(db_, m.schema, m.name);
            if (j == npos && !raw_models_.tables[i].renamed_from.empty()) {
                j = find_table(db_, m.schema, raw_models_.tables[i].renamed_from);
                if (j != npos && find_table(models_, m.schema, db_.tables[j].name) == npos) {
                    renames_.push_back(RenameTable{m.schema, db_.tables[j].name, m.name});
                    note("rename_table", m.qualified_name(), "", db_.tables[j].name, m.name, false,
                         "rename table " + db_.tables[j].qualified_name() + " -> " + m.name);
                } else {
                    j = npos;
                }
            }
            if (j == npos) {
                created_.push_back(i);
                note("add_table", m.qualified_name(), "", "", "", false,
                     "add table " + m.qualified_name());
                continue;
            }
            matched_db.insert(j);
            compare_table(raw_models_.tables[i], m, raw_db_.tables[j], db_.tables[j]);
        }
        for (size_t j = 0; j < db_.tables.size(); ++j) {
            if (matched_db.count(j) || excluded(db_.tables[j])) continue;
            dropped_.push_back(j);
            note("remove_table", db_.tables[j].qualified_name(), "", "", "", true,
                 "drop table " + db_.tables[j].qualified_name());
        }
        order_tables();
        drop_emptied_schemas();
        return finish();
    }

  private:
    static constexpr size_t npos = static_cast<size_t>(-1);

    bool excluded(const orm::Table& t) const {
        for (const auto& p : scope_.exclude_tables)
            if (glob_match(p, t.name) || glob_match(p, t.qualified_name())) return true;
        return false;
    }

    std::string fold(const std::string& s) const {
        if (!d_.names_case_insensitive()) return s;
        std::string out = s;
        for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    }

    size_t find_table(const orm::MetaData& md, const std::string& schema,
                      const std::string& name) const {
        for (size_t i = 0; i < md.tables.size(); ++i)
            if (md.tables[i].schema == schema && fold(md.tables[i].name) == fold(name)) return i;
        return npos;
    }

    void note(const std::string& kind, const std::string& table, const std::string& column,
              const std::string& from, const std::string& to, bool destructive,
              const std::string& summary) {
        out_.differences.push_back({kind, table, column, from, to, destructive, summary});
    }

    std::string type_text(const orm::SqlType& t) const { return d_.ddl().type_sql(t, raw_models_); }

    void compare_enums() {
        for (const auto& e : models_.enums) {
            const orm::EnumType* live = nullptr;
            for (const auto& x : db_.enums)
                if (x.name == e.name && x.schema == e.schema) live = &x;
            if (!live) {
                // Where an enum is only the CHECK of each column that uses it (SQLite), the
                // database shows only enums in use: create_enum (no SQL there) tells the runner
                // the values of a new enum column.
                if (!d_.native_enums() && !used_by_models(e.name)) continue;
                enum_creates_.push_back(CreateEnum{e});
                note("add_enum", "", "", "", "", false, "add enum " + e.name);
                continue;
            }
            compare_enum_values(e, *live);
        }
        for (const auto& x : db_.enums) {
            bool wanted = false;
            for (const auto& e : models_.enums)
                wanted = wanted || (x.name == e.name && x.schema == e.schema);
            if (wanted) continue;
            enum_drops_.push_back(DropEnum{x});
            note("remove_enum", "", "", "", "", true, "drop enum " + x.name);
        }
    }

    bool used_by_models(const std::string& enum_name) const {
        for (const auto& t : models_.tables)
            if (!excluded(t))
                for (const auto& c : t.columns)
                    if (c.type.kind() == orm::TypeKind::kEnum && c.type.name() == enum_name)
                        return true;
        return false;
    }

    void compare_enum_values(const orm::EnumType& want, const orm::EnumType& have) {
        // New values may be added anywhere; removing or reordering needs a new type.
        size_t k = 0;
        for (const auto& v : want.values)
            if (k < have.values.size() && have.values[k] == v) ++k;
        if (k != have.values.size()) {
            std::vector<std::string> removed;
            for (const auto& v : have.values)
                if (std::find(want.values.begin(), want.values.end(), v) == want.values.end())
                    removed.push_back(v);
            enum_values_.push_back(AlterEnum{want.schema, want.name, want.values, have.values});
            const std::string name =
                want.schema.empty() ? want.name : want.schema + "." + want.name;
            note("modify_enum", "", "", list(have.values), list(want.values), !removed.empty(),
                 "alter enum " + name + ": values " + list(have.values) + " -> " +
                     list(want.values));
            out_.warnings.push_back(
                "enum " + name + ": " +
                (removed.empty() ? std::string("values reordered")
                                 : "values removed (" + join(removed, ", ") + ")") +
                ": the revision replaces the type and converts every column that uses it" +
                (removed.empty() ? std::string(".")
                                 : "; a row holding a removed value makes the upgrade fail, so "
                                   "update or delete those rows first (a `sql` operation before "
                                   "it)"));
            return;
        }
        if (k != want.values.size())
            enum_restores_.push_back(AlterEnum{want.schema, want.name, have.values, want.values});
        std::set<std::string> present(have.values.begin(), have.values.end());
        for (size_t i = 0; i < want.values.size(); ++i) {
            if (present.count(want.values[i])) continue;
            AddEnumValue op{want.schema, want.name, want.values[i], "", ""};
            if (i + 1 < want.values.size() && present.count(want.values[i + 1]))
                op.before = want.values[i + 1];
            else if (i > 0)
                op.after = want.values[i - 1];
            enum_values_.push_back(op);
            present.insert(want.values[i]);
            note("add_enum_value", "", "", "", want.values[i], false,
                 "add value '" + want.values[i] + "' to enum " + want.name);
        }
    }

    static std::string join(const std::vector<std::string>& items, const std::string& sep) {
        std::string out;
        for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
        return out;
    }
    static std::string list(const std::vector<std::string>& values) {
        return "[" + join(values, ", ") + "]";
    }

    std::string folded_schema(const std::string& s) const {
        return s == scope_.default_schema ? std::string() : s;
    }

    // A model table or enum in a schema the database lacks needs the schema first.
    void create_schemas() {
        if (!d_.has_schemas()) return;
        std::set<std::string> have{""};
        for (const auto& s : scope_.existing_schemas) have.insert(folded_schema(s));
        for (const auto& t : db_.tables) have.insert(t.schema);
        for (const auto& e : db_.enums) have.insert(e.schema);
        std::set<std::string> wanted;
        for (const auto& t : models_.tables)
            if (!excluded(t)) wanted.insert(t.schema);
        for (const auto& e : models_.enums) wanted.insert(e.schema);
        for (const auto& s : wanted) {
            if (have.count(s)) continue;
            schema_creates_.push_back(CreateSchema{s});
            note("add_schema", "", "", "", "", false, "add schema " + s);
        }
    }

    // A schema whose last tables and enums this comparison drops goes too, unless it holds
    // something the comparison does not see. The default schema, and schemas that were empty
    // already, stay.
    void drop_emptied_schemas() {
        if (!d_.has_schemas()) return;
        std::set<std::string> candidates, kept;
        for (const auto& s : scope_.occupied_schemas) kept.insert(folded_schema(s));
        for (const auto& t : models_.tables) kept.insert(t.schema);
        for (const auto& e : models_.enums) kept.insert(e.schema);
        for (size_t j = 0; j < db_.tables.size(); ++j) {
            const std::string& s = db_.tables[j].schema;
            bool dropped = std::find(dropped_.begin(), dropped_.end(), j) != dropped_.end();
            (dropped ? candidates : kept).insert(s);
        }
        for (const auto& e : db_.enums) {
            bool dropped = false;
            for (const auto& op : enum_drops_)
                dropped = dropped || (std::get<DropEnum>(op).enum_type.name == e.name &&
                                      std::get<DropEnum>(op).enum_type.schema == e.schema);
            (dropped ? candidates : kept).insert(e.schema);
        }
        for (const auto& s : candidates) {
            if (s.empty() || kept.count(s)) continue;
            schema_drops_.push_back(DropSchema{s});
            note("remove_schema", "", "", "", "", false, "drop schema " + s);
        }
    }

    void compare_table(const orm::Table& raw_m, const orm::Table& m, const orm::Table& raw_db,
                       const orm::Table& db) {
        const std::string q = m.qualified_name();
        std::set<std::string> matched;
        recreated_.clear();
        for (size_t c = 0; c < m.columns.size(); ++c) {
            const orm::Column& mc = m.columns[c];
            const orm::Column* dc = find_column(db, mc.name);
            if (!dc && !raw_m.columns[c].renamed_from.empty() &&
                !m.find_column(raw_m.columns[c].renamed_from)) {
                dc = find_column(db, raw_m.columns[c].renamed_from);
                if (dc) {
                    AlterColumn rename;
                    rename.schema = m.schema;
                    rename.table = m.name;
                    rename.column = dc->name;
                    rename.new_name = mc.name;
                    alters_.push_back(rename);
                    note("rename_column", q, mc.name, dc->name, mc.name, false,
                         "rename column " + q + "." + dc->name + " -> " + mc.name);
                }
            }
            if (!dc) {
                adds_.push_back(AddColumn{m.schema, m.name, raw_m.columns[c]});
                note("add_column", q, mc.name, "", "", false,
                     "add column " + q + "." + mc.name + " " + type_text(raw_m.columns[c].type) +
                         (mc.nullable ? " NULL" : " NOT NULL"));
                if (!mc.nullable && !mc.server_default && !mc.generated)
                    out_.warnings.push_back("column " + q + "." + mc.name +
                                            " is NOT NULL without a default: adding it fails "
                                            "if the table has rows; add a server_default, or "
                                            "add it nullable, fill it, then alter it");
                continue;
            }
            matched.insert(fold(dc->name));
            compare_column(m, raw_m.columns[c], mc, *find_column(raw_db, dc->name), *dc);
        }
        std::vector<std::string> removed;
        for (size_t c = 0; c < db.columns.size(); ++c) {
            if (matched.count(fold(db.columns[c].name))) continue;
            DropColumn op{m.schema, m.name, raw_db.columns[c], true};
            column_drops_.push_back(op);
            removed.push_back(db.columns[c].name);
            note("remove_column", q, db.columns[c].name, "", "", true,
                 "drop column " + q + "." + db.columns[c].name);
        }
        for (const auto& r : removed)
            for (const auto& a : adds_)
                if (const auto* add = std::get_if<AddColumn>(&a))
                    if (add->table == m.name && add->schema == m.schema &&
                        d_.canonical_type(add->column.type, raw_models_) ==
                            find_column(db, r)->type)
                        out_.warnings.push_back(
                            "column " + q + "." + r + " is dropped and " + add->column.name +
                            " added with the same type: if it is a rename, add `renamed_from: " +
                            r + "` to " + add->column.name + " to keep its data");
        if (m.comment != db.comment && scope_.compare.comments && !d_.rebuilds_tables()) {
            comments_.push_back(SetTableComment{m.schema, m.name, raw_m.comment, raw_db.comment});
            note("modify_table_comment", q, "", or_none(db.comment), or_none(m.comment), false,
                 "alter table " + q + ": comment " + or_none(db.comment) + " -> " +
                     or_none(m.comment));
        }
        compare_table_options(m, db);
        compare_constraints(raw_m, m, raw_db, db);
    }

    // UNLOGGED and storage parameters: compared, reported, but no operation makes them yet.
    void compare_table_options(const orm::Table& m, const orm::Table& db) {
        const std::string q = m.qualified_name();
        auto unsupported = [&](const std::string& kind, const std::string& what,
                               const std::string& from, const std::string& to,
                               const std::string& sql) {
            note(kind, q, "", from, to, false,
                 "alter table " + q + ": " + what + " " + from + " -> " + to);
            out_.warnings.push_back("table " + q + ": a " + what +
                                    " change has no operation yet; write it as a `sql` "
                                    "operation (" +
                                    sql + ")");
        };
        auto storage = [](const std::vector<std::pair<std::string, std::string>>& s) {
            std::string out;
            for (const auto& [k, v] : s) out += (out.empty() ? "" : ", ") + k + "=" + v;
            return "(" + out + ")";
        };
        if (m.unlogged != db.unlogged)
            unsupported("modify_table_unlogged", "unlogged", yes_no(db.unlogged),
                        yes_no(m.unlogged),
                        std::string("ALTER TABLE ... SET ") + (m.unlogged ? "UNLOGGED" : "LOGGED"));
        if (m.storage != db.storage)
            unsupported("modify_table_storage", "storage parameters", storage(db.storage),
                        storage(m.storage), "ALTER TABLE ... SET (...) and RESET (...)");
    }

    const orm::Column* find_column(const orm::Table& t, const std::string& name) const {
        for (const auto& c : t.columns)
            if (fold(c.name) == fold(name)) return &c;
        return nullptr;
    }

    void compare_column(const orm::Table& m, const orm::Column& raw_mc, const orm::Column& mc,
                        const orm::Column& raw_dc, const orm::Column& dc) {
        const std::string where = m.qualified_name() + "." + mc.name;
        if (mc.generated != dc.generated) return recreate_column(m, raw_mc, mc, raw_dc, dc);
        AlterColumn op;
        op.schema = m.schema;
        op.table = m.name;
        op.column = mc.name;
        bool change = false;
        if (scope_.compare.type && mc.type != dc.type) {
            op.type = raw_mc.type;
            op.existing_type = raw_dc.type;
            change = true;
            note("modify_type", m.qualified_name(), mc.name, type_text(raw_dc.type),
                 type_text(raw_mc.type), narrowing(dc.type, mc.type),
                 "alter column " + where + ": type " + type_text(raw_dc.type) + " -> " +
                     type_text(raw_mc.type));
        }
        if (mc.nullable != dc.nullable) {
            op.nullable = mc.nullable;
            op.existing_nullable = dc.nullable;
            change = true;
            note("modify_nullable", m.qualified_name(), mc.name, yes_no(dc.nullable),
                 yes_no(mc.nullable), false,
                 "alter column " + where + ": nullable " + yes_no(dc.nullable) + " -> " +
                     yes_no(mc.nullable));
        }
        if (scope_.compare.server_default && mc.server_default != dc.server_default &&
            !mc.generated && !dc.generated) {
            op.server_default = raw_mc.server_default;
            op.existing_server_default = raw_dc.server_default;
            change = true;
            note("modify_default", m.qualified_name(), mc.name, or_none(raw_dc.server_default),
                 or_none(raw_mc.server_default), false,
                 "alter column " + where + ": server_default " + or_none(raw_dc.server_default) +
                     " -> " + or_none(raw_mc.server_default));
        }
        if (scope_.compare.comments && !d_.rebuilds_tables() && mc.comment != dc.comment) {
            op.comment = raw_mc.comment;
            op.existing_comment = raw_dc.comment;
            change = true;
            note("modify_comment", m.qualified_name(), mc.name, or_none(dc.comment),
                 or_none(mc.comment), false,
                 "alter column " + where + ": comment " + or_none(dc.comment) + " -> " +
                     or_none(mc.comment));
        }
        if (mc.collation != dc.collation) {
            op.collation = raw_mc.collation;
            op.existing_collation = raw_dc.collation;
            change = true;
            auto text = [](const std::string& c) { return c.empty() ? "(default)" : c; };
            note("modify_collation", m.qualified_name(), mc.name, text(dc.collation),
                 text(mc.collation), false,
                 "alter column " + where + ": collation " + text(dc.collation) + " -> " +
                     text(mc.collation));
        }
        if (mc.autoincrement != dc.autoincrement || mc.identity != dc.identity) {
            if (mc.autoincrement != dc.autoincrement) {
                op.autoincrement = raw_mc.autoincrement;
                op.existing_autoincrement = raw_dc.autoincrement;
            }
            if (mc.identity != dc.identity) {
                op.identity = raw_mc.identity;
                op.existing_identity = raw_dc.identity;
            }
            change = true;
            note("modify_identity", m.qualified_name(), mc.name, identity_text(dc),
                 identity_text(mc), false,
                 "alter column " + where + ": autoincrement " + identity_text(dc) + " -> " +
                     identity_text(mc));
        }
        if (change) alters_.push_back(op);
    }

    // A generated expression cannot be set or changed in place: the column is dropped (with
    // its definition, so that the downgrade adds it back) and added again. The indexes and
    // constraints on it go with it, so compare_constraints creates them again.
    void recreate_column(const orm::Table& m, const orm::Column& raw_mc, const orm::Column& mc,
                         const orm::Column& raw_dc, const orm::Column& dc) {
        const std::string where = m.qualified_name() + "." + mc.name;
        if (raw_dc.name != raw_mc.name)  // a rename hint: the add gives the new name
            alters_.erase(std::remove_if(alters_.begin(), alters_.end(),
                                         [&](const Operation& o) {
                                             const auto* a = std::get_if<AlterColumn>(&o);
                                             return a && a->table == m.name &&
                                                    a->schema == m.schema &&
                                                    a->column == raw_dc.name && a->new_name;
                                         }),
                          alters_.end());
        recreates_.push_back(DropColumn{m.schema, m.name, raw_dc, true});
        recreates_.push_back(AddColumn{m.schema, m.name, raw_mc});
        recreated_.insert(fold(mc.name));
        recreated_.insert(fold(dc.name));
        auto text = [](const orm::Column& c) {
            return c.generated ? c.generated->expression : std::string("(none)");
        };
        // Values are lost unless both columns compute them.
        note("modify_generated", m.qualified_name(), mc.name, text(dc), text(mc),
             !dc.generated || !mc.generated,
             "alter column " + where + ": generated " + text(dc) + " -> " + text(mc) +
                 " (drop and add the column)");
        if (!mc.generated && !mc.nullable && !mc.server_default)
            out_.warnings.push_back("column " + where +
                                    " is added again NOT NULL without a default: this fails "
                                    "if the table has rows; add a server_default");
    }

    // `true`, `false`, or `true (always, start 10, increment 5)` with identity options.
    static std::string identity_text(const orm::Column& c) {
        if (c.autoincrement != orm::Autoincrement::kTrue) return "false";
        std::string options;
        auto add = [&](const std::string& s) { options += (options.empty() ? "" : ", ") + s; };
        if (c.identity.always) add("always");
        if (c.identity.start) add("start " + std::to_string(*c.identity.start));
        if (c.identity.increment) add("increment " + std::to_string(*c.identity.increment));
        return options.empty() ? "true" : "true (" + options + ")";
    }

    void order_tables();
    Comparison finish();
    // compare_constraints.cpp: primary key, unique, foreign key and CHECK constraints, indexes.
    void compare_constraints(const orm::Table& raw_m, const orm::Table& m, const orm::Table& raw_db,
                             const orm::Table& db);
    // Whether the columns, or the SQL text, name a column that is dropped and added again.
    bool recreated(const std::vector<std::string>& columns) const;
    bool recreated(const std::string& sql) const;

    const orm::MetaData& raw_models_;
    const orm::MetaData& raw_db_;
    orm::MetaData models_, db_;
    const orm::Dialect& d_;
    const CompareScope& scope_;
    Comparison out_;
    std::vector<size_t> created_, dropped_;  // indexes into models_ / db_ tables
    std::vector<Operation> schema_creates_, schema_drops_, enum_creates_, enum_values_, renames_,
        adds_, alters_, comments_, recreates_;
    // For each enum that only gains values: the alter_enum back to its values, which the
    // downgrade runs in place of the add_enum_value operations (which have no inverse).
    std::vector<AlterEnum> enum_restores_;
    std::set<std::string> recreated_;  // folded names of the current table's recreated columns

    std::vector<Operation> constraint_drops_, fk_drops_, index_drops_, constraint_creates_,
        index_creates_, fk_creates_, column_drops_, table_creates_, table_drops_, enum_drops_;
};

}  // namespace migrate::engine::detail
