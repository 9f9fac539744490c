// Writing the YAML form of operations; see op_yaml.h.
//
// Every value that reading would take for something else is quoted (write_text), keys come
// in a fixed order, and what is optional is left out when it has its default, so equal
// operations always give the same text and that text reads back to them.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <type_traits>

#include "migrations_engine/ops/op_yaml.h"
#include "orm/model_options.h"
#include "orm/model_table_writer.h"

namespace migrate::engine {
namespace {

using orm::detail::write_text;

/// The longest `op: {...}` line written; a revision file indents it by four more.
constexpr size_t kMaxFlowLine = 90;

/// The shortest text that reads back as the same double, always with a '.' or exponent so
/// that it reads back as a float and not as an integer.
std::string format_double(double v) {
    if (std::isnan(v)) return ".nan";
    if (std::isinf(v)) return v > 0 ? ".inf" : "-.inf";
    char buf[40];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    std::string s = buf;
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

/// True when `s` written as a literal block (`|`) reads back unchanged: yaml-cpp writes
/// no chomping or indentation indicator, so the text must end with exactly one newline
/// (which the writer drops and the reader's default chomping adds back), start without
/// blanks, and hold no control characters and no blank-only lines.
bool literal_block_ok(const std::string& s) {
    if (s.size() < 2 || s.back() != '\n' || s[s.size() - 2] == '\n' || s[0] == ' ' ||
        s[0] == '\t' || s[0] == '\n')
        return false;
    bool blank_line = true;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\t') return false;
        if (u == 0x7f) return false;
        if (c == '\n') {
            blank_line = true;
        } else if (c != ' ' && c != '\t') {
            blank_line = false;
        } else if (blank_line && c == '\t') {
            return false;
        }
    }
    for (size_t i = 0, start = 0; i < s.size(); ++i)
        if (s[i] == '\n') {
            const std::string line = s.substr(start, i - start);
            if (!line.empty() && line.find_first_not_of(" \t") == std::string::npos) return false;
            start = i + 1;
        }
    return true;
}

const char* constraint_type_name(ConstraintType t) {
    switch (t) {
        case ConstraintType::kUnique:
            return "unique";
        case ConstraintType::kForeignKey:
            return "foreignkey";
        case ConstraintType::kCheck:
            return "check";
        case ConstraintType::kPrimaryKey:
            return "primary";
    }
    return "unique";
}

class OpWriter {
  public:
    /// `block`: write bodies that are flow maps by default as block maps.
    OpWriter(YAML::Emitter& out, bool block) : out_(out), block_(block) {}

    void operator()(const CreateTable& o) { table(o.table); }
    void operator()(const DropTable& o) {
        if (!o.table.columns.empty()) return table(o.table);
        begin_body();
        text("name", o.table.name);
        opt("schema", o.table.schema);
        end();
    }
    void operator()(const RenameTable& o) {
        begin_body();
        where(o.schema, o.table);
        text("new_name", o.new_name);
        end();
    }
    void operator()(const AddColumn& o) {
        begin_block();
        where(o.schema, o.table);
        column(o.column);
        end();
    }
    void operator()(const DropColumn& o) {
        o.has_definition ? begin_block() : begin_body();
        where(o.schema, o.table);
        if (o.has_definition)
            column(o.column);
        else
            text("column", o.column.name);
        end();
    }
    void operator()(const AlterColumn& o) {
        begin_body();
        where(o.schema, o.table);
        text("column", o.column);
        if (o.new_name) text("new_name", *o.new_name);
        if (o.type) text("type", o.type->str());
        if (o.nullable) key("nullable") << *o.nullable;
        if (o.server_default) nullable_text("server_default", *o.server_default);
        if (o.comment) nullable_text("comment", *o.comment);
        if (o.existing_type) text("existing_type", o.existing_type->str());
        if (o.existing_nullable) key("existing_nullable") << *o.existing_nullable;
        if (o.existing_server_default)
            nullable_text("existing_server_default", *o.existing_server_default);
        if (o.existing_comment) nullable_text("existing_comment", *o.existing_comment);
        if (o.collation) collation("collation", *o.collation);
        if (o.existing_collation) collation("existing_collation", *o.existing_collation);
        if (o.autoincrement) autoincrement("autoincrement", *o.autoincrement);
        if (o.existing_autoincrement)
            autoincrement("existing_autoincrement", *o.existing_autoincrement);
        if (o.identity) identity("identity", *o.identity);
        if (o.existing_identity) identity("existing_identity", *o.existing_identity);
        end();
    }
    void operator()(const CreateIndex& o) { index(o.schema, o.table, o.index, true); }
    void operator()(const DropIndex& o) { index(o.schema, o.table, o.index, o.has_definition); }
    void operator()(const CreateUniqueConstraint& o) {
        constraint(o.schema, o.table, o.constraint);
    }
    void operator()(const CreateForeignKey& o) { constraint(o.schema, o.table, o.constraint); }
    void operator()(const CreateCheckConstraint& o) { constraint(o.schema, o.table, o.constraint); }
    void operator()(const CreatePrimaryKey& o) { constraint(o.schema, o.table, o.constraint); }
    void operator()(const DropConstraint& o) {
        o.definition ? begin_block() : begin_body();
        where(o.schema, o.table);
        opt("name", o.name);
        key("type") << constraint_type_name(o.type);
        if (o.definition) {
            key("definition");
            std::visit(
                [&](const auto& c) {
                    begin_flow();
                    if (c.name != o.name) text("name", c.name);
                    constraint_keys(c);
                    orm::detail::write_options(out_, c);
                    end();
                },
                *o.definition);
        }
        end();
    }
    void operator()(const CreateEnum& o) { enumeration(o.enum_type); }
    void operator()(const DropEnum& o) { enumeration(o.enum_type); }
    void operator()(const AddEnumValue& o) {
        begin_body();
        text("enum", o.enum_name);
        opt("schema", o.schema);
        text("value", o.value);
        opt("before", o.before);
        opt("after", o.after);
        if (o.if_not_exists) key("if_not_exists") << true;
        end();
    }
    void operator()(const AlterEnum& o) {
        begin_body();
        text("name", o.name);
        opt("schema", o.schema);
        names("values", o.values);
        if (!o.existing_values.empty()) names("existing_values", o.existing_values);
        end();
    }
    void operator()(const CreateSchema& o) {
        begin_body();
        text("name", o.name);
        end();
    }
    void operator()(const DropSchema& o) {
        begin_body();
        text("name", o.name);
        end();
    }
    void operator()(const SetTableComment& o) {
        begin_body();
        where(o.schema, o.table);
        nullable_text("comment", o.comment);
        if (o.existing_comment) nullable_text("existing_comment", *o.existing_comment);
        end();
    }
    void operator()(const Sql& o) {
        if (o.per_dialect.empty()) return sql_text(o.sql);
        begin_block();
        for (const auto& [dialect, text] : o.per_dialect) {
            key(dialect);
            sql_text(text);
        }
        end();
    }
    void operator()(const BulkInsert& o) {
        begin_block();
        where(o.schema, o.table);
        key("rows");
        if (o.rows.empty()) out_ << YAML::Flow;
        out_ << YAML::BeginSeq;
        for (size_t i = 0; i < o.rows.size(); ++i) {
            begin_flow();
            const BulkRows::Row row = o.rows[i];
            for (const auto& [column, value] : row) {
                write_text(out_ << YAML::Key, column) << YAML::Value;
                std::visit(
                    [&](const auto& v) {
                        using T = std::decay_t<decltype(v)>;
                        if constexpr (std::is_same_v<T, std::nullptr_t>) {
                            out_ << YAML::Null;
                        } else if constexpr (std::is_same_v<T, bool>) {
                            out_ << (v ? "true" : "false");
                        } else if constexpr (std::is_same_v<T, std::int64_t>) {
                            out_ << std::to_string(v);
                        } else if constexpr (std::is_same_v<T, double>) {
                            out_ << format_double(v);
                        } else {
                            write_text(out_, v);
                        }
                    },
                    value);
            }
            end();
        }
        out_ << YAML::EndSeq;
        end();
    }

  private:
    YAML::Emitter& key(const std::string& k) { return out_ << YAML::Key << k << YAML::Value; }
    void text(const std::string& k, const std::string& v) { write_text(key(k), v); }
    void opt(const std::string& k, const std::string& v) {
        if (!v.empty()) text(k, v);
    }
    void nullable_text(const std::string& k, const std::optional<std::string>& v) {
        if (v)
            text(k, *v);
        else
            key(k) << YAML::Null;
    }
    // The database's default collation is null, as an absent value is elsewhere.
    void collation(const std::string& k, const std::string& v) {
        nullable_text(k, v.empty() ? std::nullopt : std::optional<std::string>(v));
    }
    void autoincrement(const std::string& k, orm::Autoincrement a) {
        key(k) << (a == orm::Autoincrement::kAuto   ? "auto"
                   : a == orm::Autoincrement::kTrue ? "true"
                                                    : "false");
    }
    void identity(const std::string& k, const orm::Identity& id) {
        key(k) << YAML::Flow << YAML::BeginMap;
        if (id.always) key("always") << true;
        if (id.start) key("start") << *id.start;
        if (id.increment) key("increment") << *id.increment;
        end();
    }
    void names(const std::string& k, const std::vector<std::string>& items) {
        key(k) << YAML::Flow << YAML::BeginSeq;
        for (const auto& s : items) write_text(out_, s);
        out_ << YAML::EndSeq;
    }
    void begin_flow() { out_ << YAML::Flow << YAML::BeginMap; }
    void begin_body() { block_ ? begin_block() : begin_flow(); }
    void begin_block() { out_ << YAML::BeginMap; }
    void end() { out_ << YAML::EndMap; }
    void where(const std::string& schema, const std::string& table) {
        text("table", table);
        opt("schema", schema);
    }
    void sql_text(const std::string& s) {
        if (literal_block_ok(s))
            out_ << YAML::Literal << s.substr(0, s.size() - 1);
        else
            write_text(out_, s);
    }

    void table(const orm::Table& t) {
        begin_block();
        text("name", t.name);
        orm::detail::write_table_keys(out_, {}, t);
        end();
    }
    void column(const orm::Column& c) {
        key("column") << YAML::Flow << YAML::BeginMap;
        text("name", c.name);
        text("type", c.type.str());
        key("nullable") << c.nullable;
        if (c.server_default) text("server_default", *c.server_default);
        if (c.comment) text("comment", *c.comment);
        if (c.autoincrement != orm::Autoincrement::kAuto)
            key("autoincrement") << (c.autoincrement == orm::Autoincrement::kTrue);
        orm::detail::write_options(out_, c);
        end();
    }
    void index(const std::string& schema, const std::string& table, const orm::Index& ix,
               bool definition) {
        begin_body();
        where(schema, table);
        text("name", ix.name);
        if (definition) {
            // As in model files, an index with an expression lists every element as one.
            key(ix.has_expressions() ? "expressions" : "columns") << YAML::Flow << YAML::BeginSeq;
            for (orm::IndexElement e : ix.elements) {
                e.expression = ix.has_expressions();
                orm::detail::write_index_element(out_, e);
            }
            out_ << YAML::EndSeq;
            if (ix.unique) key("unique") << true;
            opt("using", ix.method);
            if (!ix.include.empty()) names("include", ix.include);
            opt("where", ix.where);
            orm::detail::write_options(out_, ix);
        }
        end();
    }
    template <typename C>
    void constraint(const std::string& schema, const std::string& table, const C& c) {
        begin_body();
        where(schema, table);
        opt("name", c.name);
        constraint_keys(c);
        orm::detail::write_options(out_, c);
        end();
    }
    void constraint_keys(const orm::UniqueConstraint& c) { names("columns", c.columns); }
    void constraint_keys(const orm::PrimaryKey& c) { names("columns", c.columns); }
    void constraint_keys(const orm::CheckConstraint& c) { text("condition", c.condition); }
    void constraint_keys(const orm::ForeignKey& fk) {
        names("columns", fk.columns);
        std::string refs = fk.referred_schema.empty() ? "" : fk.referred_schema + ".";
        refs += fk.referred_table + "(";
        for (size_t i = 0; i < fk.referred_columns.size(); ++i)
            refs += (i ? ", " : "") + fk.referred_columns[i];
        text("references", refs + ")");
        opt("ondelete", fk.on_delete);
        opt("onupdate", fk.on_update);
    }
    void enumeration(const orm::EnumType& e) {
        begin_body();
        text("name", e.name);
        opt("schema", e.schema);
        if (!e.values.empty()) names("values", e.values);
        end();
    }

    YAML::Emitter& out_;
    bool block_;
};

}  // namespace

void emit_operations(YAML::Emitter& out, const std::vector<Operation>& ops) {
    out << YAML::BeginSeq;
    for (const Operation& op : ops) {
        // A body that would make a long line is written as a block map instead.
        YAML::Emitter flow;
        std::visit(OpWriter(flow, false), op);
        const bool block = op_name(op).size() + std::string(flow.c_str()).size() > kMaxFlowLine;
        out << YAML::BeginMap << YAML::Key << op_name(op) << YAML::Value;
        std::visit(OpWriter(out, block), op);
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

std::string operations_to_yaml(const std::vector<Operation>& ops) {
    YAML::Emitter out;
    out.SetIndent(2);
    emit_operations(out, ops);
    return std::string(out.c_str()) + "\n";
}

}  // namespace migrate::engine
