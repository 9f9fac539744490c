#pragma once

/// Internal: reading yaml-cpp nodes with errors that name file:line:column.
///
/// Not part of the public API: it includes yaml-cpp, so only .cpp files that link yaml-cpp
/// include it (model loading today; revision and configuration files can reuse it). Every
/// getter either returns a value of the expected shape or throws InputError at the offending
/// node: "unknown key", "duplicate key" and "wrong value type" errors all come from here, so
/// they read the same in every file format. yaml-cpp keeps duplicate mapping keys, so
/// map_entries() detects them itself.

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "orm/error.h"

namespace migrate::orm::detail {

using Keys = std::vector<std::string>;

/// One key/value of a map, or one item of a list (then `key_node` is the item itself).
struct Entry {
    std::string name;   // the key text
    std::string label;  // how messages name the value: "'nullable'", "item 2 of 'checks'"
    YAML::Node key_node;
    YAML::Node value;
    std::string where;  // where the entry sits: "in column 'users.id'", "at top level"
};

inline std::string trim(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

/// Levenshtein distance, for "did you mean" hints on misspelt keys.
inline size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
            diag = up;
        }
    }
    return row[b.size()];
}

/// The whole file at `path`. Throws InputError "cannot read <what>: <reason>" (a folder too).
inline std::string read_input_file(const std::string& path, const std::string& what) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(SourceLocation{path}, "cannot read " + what + ": it is a folder");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(SourceLocation{path}, "cannot read " + what + ": " + std::strerror(errno));
    // Read straight into a string of the file's size: a large file is not held twice.
    std::string text;
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size > 0 && in) {
        text.resize(static_cast<size_t>(size));
        in.read(&text[0], size);
        text.resize(static_cast<size_t>(in.gcount()));
        if (in.bad()) throw InputError(SourceLocation{path}, "cannot read " + what);
        if (in.peek() == std::char_traits<char>::eof()) return text;
    }
    in.clear();
    std::ostringstream rest;  // a file without a size (a pipe), or one that grew
    rest << in.rdbuf();
    if (in.bad()) throw InputError(SourceLocation{path}, "cannot read " + what);
    return text + rest.str();
}

class Reader {
  public:
    explicit Reader(std::string file = {}) : file_(std::move(file)) {}

    /// A reader for YAML text cut from the file at (0-based) `line` and `column`: positions
    /// are those in the whole file.
    Reader fragment(size_t line, size_t column) const {
        Reader r(file_);
        r.line_offset_ = line;
        r.column_offset_ = column;
        return r;
    }

    SourceLocation at(const YAML::Mark& m) const {
        const size_t shift = m.line == 0 ? column_offset_ : 0;
        return {file_, m.line >= 0 ? static_cast<size_t>(m.line) + line_offset_ + 1 : 0,
                m.column >= 0 ? static_cast<size_t>(m.column) + shift + 1 : 0};
    }
    SourceLocation at(const YAML::Node& n) const { return at(n.Mark()); }
    /// The value's position; for an empty value yaml-cpp marks the next line, so use the key.
    SourceLocation value_at(const Entry& e) const {
        return at(e.value.IsNull() ? e.key_node : e.value);
    }
    [[noreturn]] void fail(const SourceLocation& where, const std::string& what) const {
        throw InputError(where, what);
    }
    [[noreturn]] void wrong_type(const Entry& e, const std::string& expected) const {
        fail(value_at(e), "wrong value type for " + e.label +
                              (e.where.empty() ? "" : " " + e.where) + ": expected " + expected +
                              ", got " + describe(e.value));
    }

    /// The entries of the map `parent.value`, in file order; none when it is null. Keys must be
    /// names; with `allowed`, only those; a repeated key is "duplicate <noun> 'x'".
    std::vector<Entry> map_entries(const Entry& parent, const std::string& where,
                                   const Keys* allowed, const std::string& noun,
                                   const std::string& expected) const {
        std::vector<Entry> out;
        if (parent.value.IsNull()) return out;
        if (!parent.value.IsMap()) wrong_type(parent, expected.empty() ? "a map" : expected);
        std::map<std::string, SourceLocation> seen;
        for (const auto& kv : parent.value) {
            const YAML::Node& key = kv.first;
            if (!key.IsScalar() || key.Scalar().empty())
                fail(at(key), "expected a " + (allowed ? std::string("key") : noun + " name") +
                                  " " + where + ", got " + describe(key));
            const std::string name = key.Scalar();
            if (!out.empty() && continues_unclosed_value(out.back().value, key, kv.second)) {
                YAML::Node glued = out.back().value;  // same node: keeps its position
                glued = glued.Scalar() + ", " + name;
                continue;
            }
            if (allowed && std::find(allowed->begin(), allowed->end(), name) == allowed->end())
                fail(at(key), unknown_key(name, where, *allowed) + comma_hint(name, kv.second));
            auto [it, fresh] = seen.emplace(name, at(key));
            if (!fresh)
                fail(at(key), "duplicate " + noun + " '" + name + "' " + where + " (first at " +
                                  it->second.str() + ")");
            out.push_back(Entry{name, "'" + name + "'", key, kv.second, where});
        }
        return out;
    }

    /// The items of the list `parent.value`; none when it is null.
    std::vector<Entry> list_items(const Entry& parent, const std::string& expected) const {
        std::vector<Entry> out;
        if (parent.value.IsNull()) return out;
        if (!parent.value.IsSequence()) wrong_type(parent, expected);
        size_t i = 0;
        for (const auto& item : parent.value)
            out.push_back(Entry{parent.name,
                                "item " + std::to_string(++i) + " of '" + parent.name + "'", item,
                                item, parent.where});
        return out;
    }

    /// A plain `true` or `false` (yaml-cpp also takes yes/no/on/off); a quoted "true" is text.
    bool boolean(const Entry& e) const {
        bool out = false;
        if (!e.value.IsScalar() || e.value.Tag() != "?" ||
            !YAML::convert<bool>::decode(e.value, out))
            wrong_type(e, "true or false");
        return out;
    }

    /// Any scalar as its text (`0` -> "0"); nullopt for null (`~`, `null` or nothing).
    std::optional<std::string> text(const Entry& e) const {
        if (e.value.IsNull()) return std::nullopt;
        if (!e.value.IsScalar()) wrong_type(e, "a scalar (text)");
        return e.value.Scalar();
    }

    /// A scalar with non-blank text.
    std::string name(const Entry& e, const std::string& expected) const {
        if (!e.value.IsScalar() || trim(e.value.Scalar()).empty()) wrong_type(e, expected);
        return e.value.Scalar();
    }

    static std::string describe(const YAML::Node& n) {
        if (n.IsMap()) return n.size() ? "a map" : "an empty map";
        if (n.IsSequence()) return n.size() ? "a list" : "an empty list";
        if (n.IsScalar()) return "'" + n.Scalar() + "'";
        return "nothing";
    }

  private:
    static std::string unknown_key(const std::string& key, const std::string& where,
                                   const Keys& allowed) {
        std::string list, hint;
        size_t best = 3;
        for (const auto& k : allowed) {
            list += (list.empty() ? "" : ", ") + k;
            size_t d = edit_distance(key, k);
            if (d < best && d < k.size()) best = d, hint = k;
        }
        return "unknown key '" + key + "' " + where +
               (hint.empty() ? "" : " (did you mean '" + hint + "'?)") + "; expected one of " +
               list;
    }

    /// YAML reads `{type: Numeric(12, 2)}` as {type: "Numeric(12", "2)": null}, since a comma
    /// ends a plain value inside {...}. The model format is written that way (DESIGN.md), so
    /// a key with no value that follows a plain value with an unclosed '(' continues it.
    static bool continues_unclosed_value(const YAML::Node& previous, const YAML::Node& key,
                                         const YAML::Node& value) {
        if (!value.IsNull() || !previous.IsScalar() || previous.Tag() != "?" || key.Tag() != "?")
            return false;
        const std::string& text = previous.Scalar();
        return std::count(text.begin(), text.end(), '(') >
               std::count(text.begin(), text.end(), ')');
    }

    /// `{type: Numeric(12, 2)}` reads as {type: "Numeric(12", "2)": null}: say why.
    static std::string comma_hint(const std::string& key, const YAML::Node& value) {
        if (!value.IsNull() || key.find('(') != std::string::npos ||
            key.find(')') == std::string::npos)
            return {};
        return "; a comma inside {...} ends a value, so quote values that hold one, for "
               "example \"Numeric(12, 2)\"";
    }

    std::string file_;
    size_t line_offset_ = 0, column_offset_ = 0;
};

}  // namespace migrate::orm::detail
