#include "orm/schema/table.h"

#include <algorithm>
#include <cctype>

namespace migrate::orm {

bool normalize_referential_action(const std::string& text, std::string* out) {
    std::string up;
    bool space = false;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !up.empty();
            continue;
        }
        if (space) up += ' ';
        space = false;
        up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (up == "NO ACTION" || up.empty()) {
        out->clear();
        return true;
    }
    if (up == "CASCADE" || up == "SET NULL" || up == "SET DEFAULT" || up == "RESTRICT") {
        *out = up;
        return true;
    }
    return false;
}

bool Index::has_expressions() const {
    return std::any_of(elements.begin(), elements.end(),
                       [](const IndexElement& e) { return e.expression; });
}

std::vector<std::string> Index::column_names() const {
    std::vector<std::string> out;
    for (const auto& e : elements)
        if (!e.expression) out.push_back(e.text);
    return out;
}

std::string Table::qualified_name() const { return schema.empty() ? name : schema + "." + name; }

const Column* Table::find_column(const std::string& column) const {
    for (const auto& c : columns)
        if (c.name == column) return &c;
    return nullptr;
}

Column* Table::find_column(const std::string& column) {
    for (auto& c : columns)
        if (c.name == column) return &c;
    return nullptr;
}

bool Table::in_primary_key(const std::string& column) const {
    const auto& pk = primary_key.columns;
    return std::find(pk.begin(), pk.end(), column) != pk.end();
}

const Column* Table::autoincrement_column() const {
    if (primary_key.columns.size() != 1) return nullptr;
    const Column* c = find_column(primary_key.columns[0]);
    if (!c || c->autoincrement == Autoincrement::kFalse || !c->type.is_integer()) return nullptr;
    return c;
}

}  // namespace migrate::orm
