// MetaData -> C++ source using SchemaBuilder; see model_cpp_writer.h.

#include "orm/model_cpp_writer.h"

#include <cctype>
#include <cstdio>
#include <sstream>

#include "orm/error.h"

namespace migrate::orm {
namespace {

/// A C++ string literal. Control characters become octal escapes (three digits, so a digit
/// that follows cannot extend them); UTF-8 bytes are kept, as the source file is UTF-8.
std::string lit(const std::string& s) {
    std::string out = "\"";
    for (char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", c);
            out += buf;
        } else if (c == '?') {
            out += "\\?";  // no trigraphs
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

std::string list(const std::vector<std::string>& items) {
    std::string out = "{";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + lit(items[i]);
    return out + "}";
}

std::string pairs(const std::vector<std::pair<std::string, std::string>>& items) {
    std::string out = "{";
    for (size_t i = 0; i < items.size(); ++i)
        out += std::string(i ? ", " : "") + "{" + lit(items[i].first) + ", " +
               lit(items[i].second) + "}";
    return out + "}";
}

/// `, "name"`, or nothing for an unnamed object.
std::string name_arg(const std::string& name) { return name.empty() ? "" : ", " + lit(name); }

std::string boolean(bool b) { return b ? "true" : "false"; }

std::string optional_number(const std::optional<long long>& n) {
    return n ? std::to_string(*n) + "LL" : "std::nullopt";
}

std::string deferral(const Deferral& d) {
    return "{" + boolean(d.deferrable) + ", " + boolean(d.initially_deferred) + "}";
}

/// A name the builder's `references` text can carry unchanged.
bool plain_name(const std::string& s) {
    return !s.empty() && s.find_first_of(".(),") == std::string::npos &&
           !std::isspace(static_cast<unsigned char>(s.front())) &&
           !std::isspace(static_cast<unsigned char>(s.back()));
}

class CppWriter {
  public:
    explicit CppWriter(std::ostringstream& out) : out_(out) {}
    void table(const Table& t);

  private:
    void column(const Table& t, const Column& c);
    void index(const Index& ix);
    void foreign_key(const ForeignKey& fk);

    std::ostringstream& out_;
};

void CppWriter::table(const Table& t) {
    out_ << "    {\n        auto& t = b.table(" << lit(t.name) << ");\n";
    if (!t.schema.empty()) out_ << "        t.schema(" << lit(t.schema) << ");\n";
    if (t.comment) out_ << "        t.comment(" << lit(*t.comment) << ");\n";
    if (!t.renamed_from.empty()) out_ << "        t.renamed_from(" << lit(t.renamed_from) << ");\n";
    if (t.without_rowid) out_ << "        t.get().without_rowid = true;\n";
    if (t.strict) out_ << "        t.get().strict = true;\n";
    if (t.unlogged) out_ << "        t.get().unlogged = true;\n";
    if (!t.storage.empty()) out_ << "        t.get().storage = " << pairs(t.storage) << ";\n";
    for (const Column& c : t.columns) column(t, c);
    if (t.columns.empty()) out_ << "        static_cast<void>(t);\n";
    if (!t.primary_key.empty()) {
        out_ << "        t.primary_key(" << list(t.primary_key.columns)
             << name_arg(t.primary_key.name) << ")";
        if (t.primary_key.deferral.any())
            out_ << ".deferral = " << deferral(t.primary_key.deferral);
        out_ << ";\n";
    }
    for (const Index& ix : t.indexes) index(ix);
    for (const UniqueConstraint& uq : t.unique_constraints) {
        const std::string call = "t.unique(" + list(uq.columns) + name_arg(uq.name) + ")";
        if (!uq.deferral.any() && !uq.nulls_not_distinct) {
            out_ << "        " << call << ";\n";
            continue;
        }
        out_ << "        {\n            auto& uq = " << call << ";\n";
        if (uq.deferral.any())
            out_ << "            uq.deferral = " << deferral(uq.deferral) << ";\n";
        if (uq.nulls_not_distinct) out_ << "            uq.nulls_not_distinct = true;\n";
        out_ << "        }\n";
    }
    for (const ForeignKey& fk : t.foreign_keys) foreign_key(fk);
    for (const CheckConstraint& ck : t.checks) {
        const std::string call = "t.check(" + lit(ck.condition) + name_arg(ck.name) + ")";
        if (!ck.no_inherit && !ck.not_valid) {
            out_ << "        " << call << ";\n";
            continue;
        }
        out_ << "        {\n            auto& ck = " << call << ";\n";
        if (ck.no_inherit) out_ << "            ck.no_inherit = true;\n";
        if (ck.not_valid) out_ << "            ck.not_valid = true;\n";
        out_ << "        }\n";
    }
    out_ << "    }\n";
}

void CppWriter::column(const Table& t, const Column& c) {
    std::string error;
    std::optional<SqlType> parsed = SqlType::parse(c.type.str(), &error);
    std::string type = lit(c.type.str());
    if (!parsed || *parsed != c.type) {
        if (c.type.kind() != TypeKind::kDialect)
            throw Error("cannot write type '" + c.type.str() + "' of column '" + t.name + "." +
                            c.name + "' as C++",
                        exit_code::kUsage);
        type = "migrate::orm::SqlType::dialect(" + lit(c.type.name()) + ")";
    }
    out_ << "        t.column(" << lit(c.name) << ", " << type << ")";
    if (c.nullable != !t.in_primary_key(c.name)) out_ << ".nullable(" << boolean(c.nullable) << ")";
    if (c.autoincrement != Autoincrement::kAuto)
        out_ << ".autoincrement(" << boolean(c.autoincrement == Autoincrement::kTrue) << ")";
    if (c.server_default) out_ << ".server_default(" << lit(*c.server_default) << ")";
    if (c.comment) out_ << ".comment(" << lit(*c.comment) << ")";
    if (!c.collation.empty()) out_ << ".collation(" << lit(c.collation) << ")";
    if (c.generated)
        out_ << ".generated(" << lit(c.generated->expression) << ", "
             << boolean(c.generated->stored) << ")";
    if (!c.identity.is_default())
        out_ << ".identity({" << boolean(c.identity.always) << ", "
             << optional_number(c.identity.start) << ", " << optional_number(c.identity.increment)
             << "})";
    if (!c.renamed_from.empty()) out_ << ".renamed_from(" << lit(c.renamed_from) << ")";
    out_ << ";\n";
}

void CppWriter::index(const Index& ix) {
    bool plain = true;
    for (const auto& e : ix.elements) plain = plain && !e.expression && !e.has_options();
    const bool block = !plain || ix.nulls_not_distinct || !ix.storage.empty();
    out_ << (block ? "        {\n            auto& ix = " : "        ") << "t.index("
         << lit(ix.name) << ", " << (plain ? list(ix.column_names()) : "{}") << ")";
    if (ix.unique) out_ << ".unique()";
    if (!ix.where.empty()) out_ << ".where(" << lit(ix.where) << ")";
    if (!ix.method.empty()) out_ << ".using_method(" << lit(ix.method) << ")";
    if (!ix.include.empty()) out_ << ".include(" << list(ix.include) << ")";
    if (!block) {
        out_ << ";\n";
        return;
    }
    out_ << ".get();\n";
    if (!plain) {
        out_ << "            ix.elements = {";
        for (size_t i = 0; i < ix.elements.size(); ++i) {
            const IndexElement& e = ix.elements[i];
            out_ << (i ? ",\n                           " : "") << "{" << lit(e.text) << ", "
                 << boolean(e.expression) << ", " << boolean(e.descending) << ", " << lit(e.nulls)
                 << ", " << lit(e.opclass) << ", " << lit(e.collation) << "}";
        }
        out_ << "};\n";
    }
    if (ix.nulls_not_distinct) out_ << "            ix.nulls_not_distinct = true;\n";
    if (!ix.storage.empty()) out_ << "            ix.storage = " << pairs(ix.storage) << ";\n";
    out_ << "        }\n";
}

void CppWriter::foreign_key(const ForeignKey& fk) {
    bool plain = plain_name(fk.referred_table) &&
                 (fk.referred_schema.empty() || plain_name(fk.referred_schema));
    for (const auto& c : fk.referred_columns) plain = plain && plain_name(c);
    std::string refs = "x(x)";  // replaced below when the names cannot be written as text
    if (plain) {
        refs =
            (fk.referred_schema.empty() ? "" : fk.referred_schema + ".") + fk.referred_table + "(";
        for (size_t i = 0; i < fk.referred_columns.size(); ++i)
            refs += (i ? ", " : "") + fk.referred_columns[i];
        refs += ")";
    }
    const bool block = !plain || !fk.match.empty() || fk.deferral.any() || fk.not_valid;
    out_ << (block ? "        {\n            auto& fk = " : "        ") << "t.foreign_key("
         << list(fk.columns) << ", " << lit(refs) << name_arg(fk.name) << ")";
    if (!fk.on_delete.empty()) out_ << ".on_delete(" << lit(fk.on_delete) << ")";
    if (!fk.on_update.empty()) out_ << ".on_update(" << lit(fk.on_update) << ")";
    if (!block) {
        out_ << ";\n";
        return;
    }
    out_ << ".get();\n";
    if (!plain) {
        out_ << "            fk.referred_schema = " << lit(fk.referred_schema) << ";\n";
        out_ << "            fk.referred_table = " << lit(fk.referred_table) << ";\n";
        out_ << "            fk.referred_columns = " << list(fk.referred_columns) << ";\n";
    }
    if (!fk.match.empty()) out_ << "            fk.match = " << lit(fk.match) << ";\n";
    if (fk.deferral.any()) out_ << "            fk.deferral = " << deferral(fk.deferral) << ";\n";
    if (fk.not_valid) out_ << "            fk.not_valid = true;\n";
    out_ << "        }\n";
}

bool identifier(const std::string& s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    return true;
}

}  // namespace

std::string write_models_cpp(const MetaData& m, const std::string& function_name) {
    if (!identifier(function_name))
        throw UsageError("'" + function_name + "' is not a C++ function name");
    std::ostringstream out;
    out << "// The schema as C++, written by `migrate reflect --format cpp`.\n\n"
        << "#include <optional>\n\n#include \"orm/schema/builder.h\"\n\n"
        << "migrate::orm::MetaData " << function_name << "() {\n"
        << "    migrate::orm::SchemaBuilder b;\n";
    for (const auto& [key, value] : m.naming_convention)
        out << "    b.naming_convention(" << lit(key) << ", " << lit(value) << ");\n";
    for (const EnumType& e : m.enums) {
        out << "    b.enumeration(" << lit(e.name) << ", " << list(e.values);
        if (!e.schema.empty()) out << ", " << lit(e.schema);
        out << ");\n";
    }
    CppWriter w(out);
    for (const Table& t : m.tables) w.table(t);
    out << "    return b.build();\n}\n";
    return out.str();
}

}  // namespace migrate::orm
