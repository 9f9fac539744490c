#include "orm/schema/metadata.h"

#include <functional>
#include <map>
#include <set>

namespace migrate::orm {

const Table* MetaData::find_table(const std::string& name, const std::string& schema) const {
    for (const auto& t : tables)
        if (t.name == name && t.schema == schema) return &t;
    return nullptr;
}

Table* MetaData::find_table(const std::string& name, const std::string& schema) {
    for (auto& t : tables)
        if (t.name == name && t.schema == schema) return &t;
    return nullptr;
}

const EnumType* MetaData::find_enum(const std::string& name) const {
    for (const auto& e : enums)
        if (e.name == name) return &e;
    return nullptr;
}

std::vector<size_t> MetaData::dependency_order() const {
    std::map<std::pair<std::string, std::string>, size_t> index_of;
    for (size_t i = 0; i < tables.size(); ++i) index_of[{tables[i].schema, tables[i].name}] = i;
    std::vector<int> state(tables.size(), 0);  // 0 new, 1 visiting, 2 done
    std::vector<size_t> order;
    std::function<void(size_t)> visit = [&](size_t i) {
        if (state[i] != 0) return;  // done, or a cycle: keep file order
        state[i] = 1;
        for (const auto& fk : tables[i].foreign_keys) {
            auto it = index_of.find({fk.referred_schema, fk.referred_table});
            if (it != index_of.end() && it->second != i) visit(it->second);
        }
        state[i] = 2;
        order.push_back(i);
    };
    for (size_t i = 0; i < tables.size(); ++i) visit(i);
    return order;
}

MetaData MetaData::subset_reaching(const std::vector<std::string>& names,
                                   std::vector<std::string>* missing) const {
    std::set<const Table*> keep;
    std::vector<const Table*> work;
    for (const auto& n : names) {
        const Table* t = nullptr;
        for (const auto& candidate : tables)
            if (candidate.name == n || candidate.qualified_name() == n) t = &candidate;
        if (!t) {
            if (missing) missing->push_back(n);
            continue;
        }
        work.push_back(t);
    }
    while (!work.empty()) {
        const Table* t = work.back();
        work.pop_back();
        if (!keep.insert(t).second) continue;
        for (const auto& fk : t->foreign_keys)
            if (const Table* r = find_table(fk.referred_table, fk.referred_schema))
                work.push_back(r);
    }
    MetaData out;
    out.naming_convention = naming_convention;
    std::set<std::string> used_enums;
    for (const auto& t : tables) {
        if (!keep.count(&t)) continue;
        out.tables.push_back(t);
        for (const auto& c : t.columns)
            if (c.type.kind() == TypeKind::kEnum) used_enums.insert(c.type.name());
    }
    for (const auto& e : enums)
        if (used_enums.count(e.name)) out.enums.push_back(e);
    return out;
}

}  // namespace migrate::orm
