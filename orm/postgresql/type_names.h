#pragma once

/// PostgreSQL's own spelling of a type name: what `format_type` prints for it, from any of the
/// synonyms PostgreSQL accepts (`int4`, `varchar(20)`, `timestamptz`, `bool[]`).

#include <string>

#include "orm/schema/metadata.h"

namespace migrate::orm::postgresql {

/// `text` in `format_type` spelling, as far as synonyms go; other names lower-cased.
std::string format_type_spelling(const std::string& text);

/// `type` as reflection would read it back once created.
SqlType canonical_type(const SqlType& type, const MetaData& metadata);

}  // namespace migrate::orm::postgresql
