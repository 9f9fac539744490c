#pragma once

/// The semantic checks every model goes through, however it was written (YAML or C++).
///
/// `validate` finds the mistakes a model can hold once it is a MetaData: duplicate names
/// (enums, enum values, tables, columns, index names within a schema), columns that keys,
/// indexes and constraints name but the table lacks, foreign keys to missing tables or columns,
/// undeclared enums, bad naming-convention templates, referential actions and index methods.
/// It throws `ModelError`, whose message names the table and column; a loader that knows where
/// each object came from (the YAML loader) turns `ModelError::at()` into file:line:column.
/// `apply_naming_conventions` gives unnamed constraints and indexes the names the conventions
/// make; run it before `validate`, since index names must be known to find clashes.

#include <cstddef>
#include <optional>
#include <string>

#include "orm/error.h"
#include "orm/schema/metadata.h"

namespace migrate::orm {

/// Which object of a MetaData a mistake is about. `table` indexes `MetaData::tables` (or
/// `enums` for kEnum); `item` indexes the table's list of that kind (columns, indexes, unique
/// constraints, foreign keys, checks) or, for kConvention, `MetaData::naming_convention`.
struct ModelPath {
    enum class Part {
        kConvention,
        kEnum,
        kTable,
        kColumn,
        kPrimaryKey,
        kIndex,
        kUnique,
        kForeignKey,
        kCheck
    };
    Part part = Part::kTable;
    std::size_t table = 0;
    std::size_t item = 0;
};

/// A model mistake. The message is `head` + `tail`; a duplicate also carries where the first
/// one is (`first()`), and a loader may put " (first at LOCATION)" between the two parts.
class ModelError : public InputError {
  public:
    ModelError(ModelPath at, std::optional<ModelPath> first, std::string head, std::string tail);
    const ModelPath& at() const { return at_; }
    const std::optional<ModelPath>& first() const { return first_; }
    /// The message with " (first at `first_at`)" inserted when `first_at` is not empty.
    std::string message(const std::string& first_at) const;

  private:
    ModelPath at_;
    std::optional<ModelPath> first_;
    std::string head_;
    std::string tail_;
};

/// Throws ModelError for the first mistake found in `metadata`; returns when there is none.
void validate(const MetaData& metadata);

/// Names every unnamed primary key, unique, foreign-key and CHECK constraint for which the
/// naming convention has a template, and every unnamed index (`ix` template, else
/// `ix_<table>_<first column>`).
void apply_naming_conventions(MetaData& metadata);

}  // namespace migrate::orm
