#pragma once

/// Internal: the optional keys that model files and revision files share for columns,
/// constraints, indexes and tables (deferrable constraints, MATCH FULL, NOT VALID, NO INHERIT,
/// NULLS NOT DISTINCT, collations, generated and identity columns, index element options,
/// storage parameters, table kinds), read and written in one place so that both file formats
/// spell them alike.
///
/// Each `read_*_option` takes one key of the object's map: it reads the value into the object
/// and returns true when the key is one of its options, and returns false for any other key.
/// Values of the wrong shape throw InputError at the value.

#include <string>
#include <utility>
#include <vector>

#include "orm/model_yaml_reader.h"
#include "orm/schema/table.h"

namespace migrate::orm::detail {

// Inline, so that key lists built from them at static initialisation see them initialised.
inline const Keys kColumnOptionKeys = {"collation", "generated", "identity"};
inline const Keys kPrimaryKeyOptionKeys = {"deferrable", "initially_deferred"};
inline const Keys kUniqueOptionKeys = {"deferrable", "initially_deferred", "nulls_not_distinct"};
inline const Keys kForeignKeyOptionKeys = {"match", "deferrable", "initially_deferred",
                                           "not_valid"};
inline const Keys kCheckOptionKeys = {"no_inherit", "not_valid"};
inline const Keys kIndexOptionKeys = {"nulls_not_distinct", "with"};
inline const Keys kTableOptionKeys = {"without_rowid", "strict", "unlogged", "with"};

/// `keys` followed by `more`.
Keys with_keys(Keys keys, const Keys& more);

bool read_column_option(const Reader& r, const Entry& k, Column& c);
bool read_option(const Reader& r, const Entry& k, PrimaryKey& pk);
bool read_option(const Reader& r, const Entry& k, UniqueConstraint& uq);
bool read_option(const Reader& r, const Entry& k, ForeignKey& fk);
bool read_option(const Reader& r, const Entry& k, CheckConstraint& ck);
bool read_option(const Reader& r, const Entry& k, Index& ix);
bool read_option(const Reader& r, const Entry& k, Table& t);

/// One item of an index's `columns` (`expression` false) or `expressions` list: a name or SQL
/// text, or a map `{column: a, order: desc, nulls: last, opclass: x, collation: y}`
/// (`expression:` instead of `column:` in the expressions list).
IndexElement read_index_element(const Reader& r, const Entry& item, bool expression);

/// Whether `text` is a plain SQL word (letters, digits, `_`, `$`, `.`), as collation names,
/// operator classes and storage parameter names must be.
bool is_plain_word(const std::string& text);

}  // namespace migrate::orm::detail

namespace YAML {
class Emitter;
}

namespace migrate::orm::detail {

/// Writes the options of each object that differ from the defaults, as keys of the map
/// `out` has open; the counterpart of the readers above.
void write_options(YAML::Emitter& out, const Column& c);
void write_options(YAML::Emitter& out, const PrimaryKey& pk);
void write_options(YAML::Emitter& out, const UniqueConstraint& uq);
void write_options(YAML::Emitter& out, const ForeignKey& fk);
void write_options(YAML::Emitter& out, const CheckConstraint& ck);
void write_options(YAML::Emitter& out, const Index& ix);
void write_options(YAML::Emitter& out, const Table& t);
/// An index element: its text alone, or the map form when it has options.
void write_index_element(YAML::Emitter& out, const IndexElement& e);

}  // namespace migrate::orm::detail
