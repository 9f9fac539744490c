#pragma once

/// Checks for words the model pastes into DDL unquoted (an index's access method), so that
/// such a word can only ever be one SQL word.

#include <string>

namespace migrate::orm {

/// True when `method` can name an index access method: a plain SQL identifier (a letter or
/// '_', then letters, digits or '_', at most 63 characters), such as the built-in btree, hash,
/// gist, spgist, gin and brin, or an extension's (hnsw, bloom, ...).
bool is_index_method(const std::string& method);

/// What an index method must look like, for error messages.
std::string index_method_hint();

}  // namespace migrate::orm
