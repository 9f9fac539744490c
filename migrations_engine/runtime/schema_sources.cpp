// Where the runner learns what tables look like: the live database online, the schema
// replayed from the revisions offline. See plan_executor.h.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <type_traits>

#include "migrations_engine/ops/apply.h"
#include "migrations_engine/runtime/plan_executor.h"

namespace migrate::engine {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Online: the live database, read inside the running transaction (so it sees what earlier
// operations did) when an operation first needs a table's definition. On SQLite the reading is
// then kept and updated by applying each operation to it: SQLite names nothing itself, so the
// schema the operations describe is the schema a new reading would show, and a run of N
// revisions reads the catalog once, not N times. Raw SQL is opaque, so a `sql` operation
// drops the kept reading. PostgreSQL names unnamed constraints and settles types itself: there
// a reading lasts until the next operation.
class LiveSchema : public SchemaSource {
  public:
    LiveSchema(orm::Connection& conn, const RevisionGraph& graph,
               const std::set<std::string>& applied, const std::vector<RevisionFile>& plan)
        : conn_(conn), keep_reading_(conn.dialect().rebuilds_tables()) {
        // The default schema and every schema the plan's operations name: an enum of another
        // schema must be found to be spelt with its schema, a table to be read.
        if (conn_.dialect().has_schemas()) {
            std::set<std::string> named{""};
            for (const RevisionFile& file : plan)
                for (const auto* ops : {&file.upgrade, &file.downgrade})
                    for (const Operation& op : *ops) add_schemas(op, named);
            if (named.size() > 1) options_.schemas.assign(named.begin(), named.end());
        }
        // Where enums live only in the CHECK of a column that uses them, the enums the
        // applied revisions declared are known from their operations; their files are read
        // only when the plan uses an enum.
        if (conn_.dialect().native_enums() || !uses_enums(plan)) return;
        for (const auto& id : graph.upgrade_plan({}, {applied.begin(), applied.end()}))
            track_enums(read_revision_file(graph.get(id)).upgrade, 0, SIZE_MAX);
    }
    const orm::MetaData& current() override {
        if (reading_) return *reading_;
        last_ = conn_.dialect().inspector().reflect(conn_, options_);
        orm::MetaData md = last_.metadata;
        for (const auto& e : md.enums) {
            const orm::EnumType* known = seen_.find_enum(e.name);
            if (known)
                seen_.enums[known - seen_.enums.data()] = e;
            else
                seen_.enums.push_back(e);
        }
        for (const auto& e : enums_.enums)
            if (!md.find_enum(e.name)) md.enums.push_back(e);
        reading_ = std::move(md);
        return *reading_;
    }
    std::vector<std::string> triggers(const std::string& table) override {
        return conn_.dialect().table_triggers(conn_, table);
    }
    std::vector<std::string> rebuild_obstacles(const std::string& table) override {
        std::vector<std::string> out;
        for (const auto& n : last_.not_modelled)
            if (lower(n.table) == lower(table)) out.push_back(n.object + ": " + n.definition);
        for (const auto& u : last_.unmanaged)
            if (lower(u.name) == lower(table) && u.table.empty())
                out.push_back("it is a " + u.kind + ", which the tool does not manage");
        return out;
    }
    void applied(const std::vector<Operation>& ops, size_t first, size_t next) override {
        for (size_t i = first; i < ops.size() && i < next; ++i) keep_up(ops[i]);
        if (conn_.dialect().native_enums()) return;
        // An enum that no revision declared (create-all made it) is known from the database,
        // as the last reading that showed it in use saw it.
        for (size_t i = first; i < ops.size() && i < next; ++i) {
            const std::string name = changed_enum(ops[i]);
            const orm::EnumType* live = seen_.find_enum(name);
            if (!name.empty() && live && !enums_.find_enum(name)) enums_.enums.push_back(*live);
        }
        track_enums(ops, first, next);
    }

  private:
    // Brings the kept reading up to date with `op`, or drops it when that cannot be exact.
    void keep_up(const Operation& op) {
        if (!reading_) return;
        const auto* raw = std::get_if<Sql>(&op);
        if (!keep_reading_ || (raw && raw->for_dialect(conn_.dialect().name()))) {
            reading_.reset();
            return;
        }
        if (raw) return;  // no text for this database: it ran nothing
        try {
            apply(op, *reading_);
        } catch (const Error&) {
            reading_.reset();  // the database will say what the operation did
            return;
        }
        // What the reading found that the model cannot express follows its table.
        if (const auto* rename = std::get_if<RenameTable>(&op)) {
            for (auto& n : last_.not_modelled)
                if (lower(n.table) == lower(rename->table)) n.table = rename->new_name;
            for (auto& u : last_.unmanaged)
                if (u.table.empty() && lower(u.name) == lower(rename->table))
                    u.name = rename->new_name;
        } else if (const auto* drop = std::get_if<DropTable>(&op)) {
            const std::string gone = lower(drop->table.name);
            auto& nm = last_.not_modelled;
            nm.erase(std::remove_if(nm.begin(), nm.end(),
                                    [&](const auto& n) { return lower(n.table) == gone; }),
                     nm.end());
        }
    }

    // Whether any operation of the plan declares, changes or uses an enum.
    static bool uses_enums(const std::vector<RevisionFile>& plan) {
        const auto enum_column = [](const orm::Column& c) {
            return c.type.kind() == orm::TypeKind::kEnum;
        };
        for (const RevisionFile& file : plan)
            for (const auto* ops : {&file.upgrade, &file.downgrade})
                for (const Operation& op : *ops) {
                    if (std::holds_alternative<CreateEnum>(op) ||
                        std::holds_alternative<DropEnum>(op) || !changed_enum(op).empty())
                        return true;
                    if (const auto* c = std::get_if<CreateTable>(&op))
                        if (std::any_of(c->table.columns.begin(), c->table.columns.end(),
                                        enum_column))
                            return true;
                    if (const auto* a = std::get_if<AddColumn>(&op); a && enum_column(a->column))
                        return true;
                    if (const auto* a = std::get_if<AlterColumn>(&op);
                        a && a->type && a->type->kind() == orm::TypeKind::kEnum)
                        return true;
                }
        return false;
    }

    static void add_schemas(const Operation& op, std::set<std::string>& named) {
        std::visit(
            [&](const auto& o) {
                using T = std::decay_t<decltype(o)>;
                if constexpr (std::is_same_v<T, CreateTable> || std::is_same_v<T, DropTable>) {
                    named.insert(o.table.schema);
                    for (const auto& fk : o.table.foreign_keys) named.insert(fk.referred_schema);
                } else if constexpr (std::is_same_v<T, CreateEnum> || std::is_same_v<T, DropEnum>) {
                    named.insert(o.enum_type.schema);
                } else if constexpr (std::is_same_v<T, CreateSchema> ||
                                     std::is_same_v<T, DropSchema>) {
                    named.insert(o.name);
                } else if constexpr (std::is_same_v<T, Sql>) {
                    // raw SQL names no schema the runner could know
                } else {
                    named.insert(o.schema);
                }
            },
            op);
    }

    // The enum an operation changes or drops, or "".
    static std::string changed_enum(const Operation& op) {
        if (const auto* add = std::get_if<AddEnumValue>(&op)) return add->enum_name;
        if (const auto* alter = std::get_if<AlterEnum>(&op)) return alter->name;
        if (const auto* drop = std::get_if<DropEnum>(&op)) return drop->enum_type.name;
        return "";
    }

    // An enum this source does not know (made by create-all, and not in use at any reading)
    // is left to the database's own reading.
    void track_enums(const std::vector<Operation>& ops, size_t first, size_t next) {
        for (size_t i = first; i < ops.size() && i < next; ++i) {
            const std::string changed = changed_enum(ops[i]);
            if (std::holds_alternative<CreateEnum>(ops[i]) ||
                (!changed.empty() && enums_.find_enum(changed)))
                apply(ops[i], enums_);
        }
    }

    orm::Connection& conn_;
    const bool keep_reading_;  // update the reading by the operations (SQLite)
    orm::ReflectOptions options_;
    std::optional<orm::MetaData> reading_;  // the database as the run has left it
    orm::MetaData enums_;                   // only enums
    orm::MetaData seen_;  // only enums: each as the last reading that showed it saw it
    orm::ReflectedSchema last_;
};

// Offline: the schema replayed from the revisions' operations. Raw SQL is opaque to it: a
// table that raw SQL may have changed (its name appears in the text) cannot be rebuilt from
// the replayed definition without risking to drop what that SQL added.
class ReplayedSchema : public SchemaSource {
  public:
    // The schema once `targets` and their ancestors are applied.
    ReplayedSchema(const RevisionGraph& graph, const std::vector<std::string>& targets) {
        for (const auto& id : graph.upgrade_plan({}, targets)) {
            set_revision(id);
            const auto ops = read_revision_file(graph.get(id)).upgrade;
            applied(ops, 0, ops.size());
        }
        set_revision("");
    }
    const orm::MetaData& current() override { return md_; }
    std::vector<std::string> triggers(const std::string&) override { return {}; }
    std::vector<std::string> rebuild_obstacles(const std::string& table) override {
        auto it = touched_.find(lower(table));
        if (it == touched_.end()) return {};
        return {"a `sql` operation of revision " + it->second +
                " names it, and offline mode cannot see what that SQL did to the table (run "
                "online, where the database itself is read)"};
    }
    void applied(const std::vector<Operation>& ops, size_t first, size_t next) override {
        for (size_t i = first; i < next; ++i) {
            if (const auto* sql = std::get_if<Sql>(&ops[i])) note_touched(*sql);
            apply(ops[i], md_);
        }
    }

  private:
    // Marks every table whose name appears as a word of any of the op's texts.
    void note_touched(const Sql& op) {
        std::vector<std::string> texts;
        if (!op.sql.empty()) texts.push_back(op.sql);
        for (const auto& [dialect, text] : op.per_dialect) texts.push_back(text);
        for (const auto& text : texts) {
            const std::string l = lower(text);
            for (const auto& t : md_.tables)
                if (mentions_word(l, lower(t.name))) touched_[lower(t.name)] = revision();
        }
    }
    static bool mentions_word(const std::string& text, const std::string& word) {
        auto is_word = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
        };
        for (size_t pos = text.find(word); pos != std::string::npos;
             pos = text.find(word, pos + 1)) {
            size_t end = pos + word.size();
            if ((pos == 0 || !is_word(text[pos - 1])) &&
                (end == text.size() || !is_word(text[end])))
                return true;
        }
        return false;
    }

    orm::MetaData md_;
    std::map<std::string, std::string> touched_;  // lower-case table -> revision
};

}  // namespace

std::unique_ptr<SchemaSource> live_schema(orm::Connection& connection, const RevisionGraph& graph,
                                          const std::set<std::string>& applied,
                                          const std::vector<RevisionFile>& plan) {
    return std::make_unique<LiveSchema>(connection, graph, applied, plan);
}

std::unique_ptr<SchemaSource> replayed_schema(const RevisionGraph& graph,
                                              const std::vector<std::string>& targets) {
    return std::make_unique<ReplayedSchema>(graph, targets);
}

}  // namespace migrate::engine
