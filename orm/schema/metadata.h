#pragma once

/// MetaData: the whole target (or reflected) schema: tables, enums, naming conventions.

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "orm/schema/table.h"

namespace migrate::orm {

struct EnumType {
    std::string name;
    std::string schema;
    std::vector<std::string> values;

    auto tie() const { return std::tie(name, schema, values); }
    bool operator==(const EnumType& o) const { return tie() == o.tie(); }
    bool operator!=(const EnumType& o) const { return !(*this == o); }
};

/// Naming-convention templates keyed by `ix`, `uq`, `fk`, `pk`, `ck`, in file order.
using NamingConvention = std::vector<std::pair<std::string, std::string>>;

struct MetaData {
    NamingConvention naming_convention;
    std::vector<EnumType> enums;
    std::vector<Table> tables;

    const Table* find_table(const std::string& name, const std::string& schema = {}) const;
    Table* find_table(const std::string& name, const std::string& schema = {});
    const EnumType* find_enum(const std::string& name) const;

    /// Tables ordered so that every table comes after the tables its foreign keys refer to
    /// (self references and cycles are broken in file order). Indexes into `tables`.
    std::vector<size_t> dependency_order() const;

    /// The named tables plus every table their foreign keys reach, transitively, in the
    /// order of `tables`. Unknown names are returned in `missing`.
    MetaData subset_reaching(const std::vector<std::string>& names,
                             std::vector<std::string>* missing) const;

    auto tie() const { return std::tie(naming_convention, enums, tables); }
    bool operator==(const MetaData& o) const { return tie() == o.tie(); }
    bool operator!=(const MetaData& o) const { return !(*this == o); }
};

}  // namespace migrate::orm
