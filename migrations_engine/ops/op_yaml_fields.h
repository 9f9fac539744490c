#pragma once

/// Internal to op_yaml: reading the parts that several operations share (a table body, a
/// column, an index, a constraint, a list of names, a bulk_insert value).
///
/// Every function returns a value of the expected shape or throws InputError at the
/// offending node. `what` texts name the place for messages: "add_column (item 2 of
/// 'upgrade')".

#include <map>
#include <string>
#include <vector>

#include "orm/dialect.h"
#include "orm/model_yaml_reader.h"
#include "orm/schema/metadata.h"

namespace migrate::engine::detail {

using orm::detail::Entry;
using orm::detail::Keys;
using orm::detail::Reader;

/// The keys of one map (an op's body, a column, a definition), checked against `allowed`
/// once: reading a map's entries twice would glue `Numeric(12, 2)` twice.
class Body {
  public:
    Body(const Reader& r, const Entry& entry, std::string what, const Keys& allowed,
         const std::string& expected);
    const Entry* get(const std::string& key) const;
    /// The entry `key`; when absent, fails at the map's key: "<what> needs '<key>'".
    const Entry& need(const std::string& key) const;
    std::string name(const std::string& key, const std::string& expected) const;
    /// The name under `key`, or empty when the key is absent.
    std::string opt_name(const std::string& key, const std::string& expected) const;
    /// True when every key given is one of `keys`.
    bool has_only(const Keys& keys) const;
    const Entry& entry() const { return entry_; }
    const std::string& what() const { return what_; }

  private:
    const Reader& r_;
    const Entry& entry_;
    std::string what_;
    std::map<std::string, Entry> keys_;
};

/// Why a bulk_insert scalar cannot be inserted as what it reads as.
enum class ValueProblem { kNone, kIntegerRange, kRealRange, kNonFinite };

/// A bulk_insert scalar's value by its YAML type (see FieldReader::value); `plain` is false for
/// a quoted scalar. Sets `*problem` when the value must be refused.
orm::Value scalar_value(const std::string& text, bool plain, ValueProblem* problem);
/// The message refusing `text` ("integer ... is out of range; ..."); `what` names the value:
/// "'id' in item 3 of 'rows' of bulk_insert (item 1 of 'upgrade')".
std::string value_problem(ValueProblem problem, const std::string& text, const std::string& what);

class FieldReader {
  public:
    explicit FieldReader(const Reader& r) : r_(r) {}

    /// A model table body plus `name` (the map `op.value`); index shorthands get the default
    /// index name, since naming conventions belong to models.
    orm::Table table(const Entry& op, const std::string& what) const;
    /// `{name, type, nullable, server_default, comment, autoincrement}`.
    orm::Column column(const Entry& e, const std::string& what) const;
    /// `name` plus `columns` or `expressions`, `unique`, `where`, `using`, `include`.
    orm::Index index(const Body& b) const;
    orm::UniqueConstraint unique(const Body& b) const;
    orm::ForeignKey foreign_key(const Body& b) const;
    orm::CheckConstraint check(const Body& b) const;
    orm::PrimaryKey primary_key(const Body& b) const;
    orm::SqlType type(const Entry& e) const;
    /// A non-empty list of distinct names.
    std::vector<std::string> names(const Entry& e, const std::string& expected_item) const;
    /// A list of distinct enum values (may be empty).
    std::vector<std::string> enum_values(const Entry& e) const;
    /// A bulk_insert value: null, true / false, a plain integer or finite float, else text
    /// (quoted scalars are always text). `.inf` and `.nan` are refused: no SQL literal holds
    /// them for every real type.
    orm::Value value(const Entry& e) const;

  private:
    std::string action(const Entry& e) const;

    const Reader& r_;
};

}  // namespace migrate::engine::detail
