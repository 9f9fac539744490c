#include "migrations_engine/api/check.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "migrations_engine/autogenerate/autogenerate.h"
#include "orm/error.h"

namespace migrate::engine {
namespace {

Comparison compare(const Project& project, const CheckRequest& request,
                   const orm::MetaData& models) {
    if (request.offline)
        return compare_offline(models, project.config, scripts(project), url_dialect(project));
    auto conn = connect(project, /*must_exist=*/true);
    return compare_with_database(*conn, models, project.config, scripts(project));
}

// One table's normalised DDL as lines, constraints in a stable order.
std::vector<std::string> ddl_lines(const orm::Table* t, const orm::MetaData& md,
                                   const orm::Dialect& d) {
    std::vector<std::string> lines;
    if (!t) return lines;
    orm::Table sorted = *t;
    auto by_text = [](const auto& a, const auto& b) { return a.tie() < b.tie(); };
    std::sort(sorted.unique_constraints.begin(), sorted.unique_constraints.end(), by_text);
    std::sort(sorted.foreign_keys.begin(), sorted.foreign_keys.end(), by_text);
    std::sort(sorted.checks.begin(), sorted.checks.end(), by_text);
    std::sort(sorted.indexes.begin(), sorted.indexes.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    std::vector<std::string> statements;
    try {
        statements = d.ddl().create_table(sorted, md);
    } catch (const Error& e) {
        statements = {std::string("-- ") + e.what()};
    }
    for (const auto& s : statements) {
        std::istringstream in(s + ";");
        for (std::string line; std::getline(in, line);) lines.push_back(line);
    }
    return lines;
}

const orm::Table* find_table(const orm::MetaData& md, const std::string& name) {
    for (const auto& t : md.tables)
        if (t.qualified_name() == name) return &t;
    return nullptr;
}

}  // namespace

CheckResult check(const Project& project, const CheckRequest& request) {
    Comparison c = compare(project, request, load_models(project));
    return {std::move(c.differences), std::move(c.warnings)};
}

DiffResult diff(const Project& project, const CheckRequest& request) {
    const orm::MetaData models = load_models(project);
    Comparison c = compare(project, request, models);
    DiffResult result;
    result.differences = c.differences;
    result.warnings = c.warnings;
    if (c.empty()) return result;
    const orm::Dialect& d = url_dialect(project);
    std::set<std::string> tables;
    for (const auto& difference : c.differences) {
        if (difference.table.empty())
            result.other.push_back(difference.summary);
        else
            tables.insert(difference.table);
    }
    for (const auto& name : tables)
        result.tables.push_back({name, ddl_lines(find_table(c.current, name), c.current, d),
                                 ddl_lines(find_table(c.target, name), c.target, d)});
    return result;
}

}  // namespace migrate::engine
