// Constraints and indexes of a PostgreSQL reflection; see reflection.h.

#include <algorithm>
#include <cctype>

#include "orm/model_options.h"
#include "orm/postgresql/canonical.h"
#include "orm/postgresql/catalog_queries.h"
#include "orm/postgresql/inspector.h"
#include "orm/postgresql/reflection.h"
#include "orm/sql_text.h"

namespace migrate::orm::postgresql::detail {
namespace {

std::string action(const std::string& code) {
    switch (code.empty() ? 'a' : code[0]) {
        case 'r':
            return "RESTRICT";
        case 'c':
            return "CASCADE";
        case 'n':
            return "SET NULL";
        case 'd':
            return "SET DEFAULT";
        default:
            return "";
    }
}

// "CHECK (a > 0) NOT VALID" -> "a > 0"
std::string check_condition(const std::string& def) {
    size_t open = def.find('(');
    size_t close = open == std::string::npos ? open : matching_paren(def, open);
    if (close == std::string::npos) return def;
    return trim_copy(def.substr(open + 1, close - open - 1));
}

// The words after an index key's own text in pg_get_indexdef, split at spaces outside
// double quotes: `COLLATE "C"`, an operator class, `DESC`, `NULLS FIRST`.
std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (c == ' ' && !quoted) {
            if (!word.empty()) out.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) out.push_back(word);
    return out;
}

// `schema."My Name"` -> `schema.My Name`; false when it is not an identifier chain.
bool unquote_name(const std::string& word, std::string* out) {
    out->clear();
    for (size_t i = 0; i < word.size(); ++i) {
        char c = word[i];
        if (c == '"') {
            for (++i;; ++i) {
                if (i >= word.size()) return false;
                if (word[i] == '"' && (i + 1 >= word.size() || word[i + 1] != '"')) break;
                if (word[i] == '"') ++i;
                *out += word[i];
            }
        } else if (c == '.' || c == '_' || c == '$' ||
                   std::isalnum(static_cast<unsigned char>(c)) ||
                   static_cast<unsigned char>(c) >= 0x80) {
            *out += c;
        } else {
            return false;
        }
    }
    return !out->empty();
}

// A name the model file can carry (see model_options.h), and at most schema.name.
bool holdable(const std::string& name) {
    return orm::detail::is_plain_word(name) && std::count(name.begin(), name.end(), '.') <= 1;
}

}  // namespace

void Reflection::read_constraints() {
    for (const auto& r : rows(catalog::kConstraints)) {
        size_t ti = 0;
        Table* t = table(r[0], &ti);
        if (!t) continue;
        const std::string& name = text(r[1]);
        char kind = text(r[2]).empty() ? '?' : text(r[2])[0];
        std::vector<std::string> cols = split_list(r[3]);
        Deferral deferral{truth(r[10]), truth(r[11])};
        ConstraintFacts facts{ti, kind, name, text(r[9])};
        if (kind == 'p') {
            t->primary_key = {name == t->name + "_pkey" ? "" : name, cols, deferral};
        } else if (kind == 'u') {
            t->unique_constraints.push_back({name, cols, deferral, truth(r[15])});
        } else if (kind == 'c') {
            facts.check_condition = check_condition(facts.definition);
            t->checks.push_back(
                {name, stable_array_casts(facts.check_condition), truth(r[14]), !truth(r[13])});
        } else if (kind == 'x') {
            not_modelled(ti, "exclusion constraint " + name, facts.definition);
            continue;
        } else if (kind == 'f') {
            ForeignKey fk{name,
                          cols,
                          schema_of(text(r[4])),
                          text(r[5]),
                          split_list(r[6]),
                          action(text(r[8])),
                          action(text(r[7])),
                          text(r[12]) == "f" ? "FULL" : "",
                          deferral,
                          !truth(r[13])};
            facts.referred_schema = text(r[4]);
            facts.referred_table = text(r[5]);
            facts.referred_visible = truth(r[16]);
            pending_fks_.emplace_back(ti, std::move(fk));
        }
        constraints_.push_back(std::move(facts));
    }
}

void Reflection::read_indexes() {
    for (const auto& r : rows(catalog::kIndexes)) {
        size_t ti = 0;
        Table* t = table(r[0], &ti);
        if (!t) continue;
        Index ix;
        ix.name = text(r[1]);
        ix.unique = truth(r[2]);
        ix.where = text(r[4]);
        ix.method = text(r[5]) == "btree" ? "" : text(r[5]);
        ix.nulls_not_distinct = truth(r[10]);
        storage_from_reloptions(split_list(r[11]), &ix.storage);
        read_index_elements(r, ix);
        indexes_.push_back({ti, ix.name, text(r[3]), text(r[12]), truth(r[13])});
        t->indexes.push_back(std::move(ix));
    }
}

// The keys of an index. Columns and expressions come from the catalog (pg_index.indkey, and
// pg_get_indexdef(oid, k, true) for each key's own text); DESC and NULLS from indoption; the
// collation and operator class from the words that follow the key's text in the server's
// definition, which prints them exactly when they are not the column's or the type's default.
// Returns false when something is left that the model cannot hold: the guard reports the index.
bool Reflection::read_index_elements(const Row& r, Index& ix) {
    const std::vector<std::string> columns = split_list(r[6]), texts = split_list(r[7]);
    std::vector<std::string> options = split_list(r[9], ' ');
    const size_t keys = std::min<size_t>(std::stoul(text(r[8])), texts.size());
    for (size_t k = keys; k < columns.size(); ++k) ix.include.push_back(columns[k]);

    // The definition's key list: after the prefix the server always prints.
    const std::string& def = text(r[3]);
    const std::string prefix = std::string("CREATE ") + (ix.unique ? "UNIQUE " : "") + "INDEX " +
                               pg_identifier(ix.name) + " ON ";
    size_t open = def.find(" USING " + pg_identifier(text(r[5])) + " (", prefix.size());
    std::vector<std::string> listed;
    if (def.compare(0, prefix.size(), prefix) == 0 && open != std::string::npos) {
        open = def.find('(', open);
        size_t close = matching_paren(def, open);
        if (close != std::string::npos)
            listed = split_top_level(def.substr(open + 1, close - open - 1));
    }
    bool complete = listed.size() == keys;
    bool any_expression = false;
    for (size_t k = 0; k < keys; ++k) {
        IndexElement e;
        const std::string& column = k < columns.size() ? columns[k] : std::string();
        e.expression = column.empty();
        e.text = e.expression ? texts[k] : column;
        any_expression = any_expression || e.expression;
        int option = k < options.size() ? std::stoi(options[k]) : 0;
        e.descending = option & 1;
        bool nulls_first = option & 2;
        if (nulls_first != e.descending) e.nulls = nulls_first ? "FIRST" : "LAST";
        if (complete && listed[k].compare(0, texts[k].size(), texts[k]) == 0) {
            std::vector<std::string> w = words(listed[k].substr(texts[k].size()));
            size_t i = 0;
            std::string name;
            if (i + 1 < w.size() && w[i] == "COLLATE" && unquote_name(w[i + 1], &name) &&
                holdable(name)) {
                e.collation = name;
                i += 2;
            }
            if (i < w.size() && w[i] != "DESC" && w[i] != "NULLS" && unquote_name(w[i], &name) &&
                holdable(name)) {
                e.opclass = name;
                ++i;
            }
            while (i < w.size() &&
                   (w[i] == "DESC" || w[i] == "NULLS" || w[i] == "FIRST" || w[i] == "LAST"))
                ++i;
            complete = i == w.size();
        } else {
            complete = false;
        }
        ix.elements.push_back(std::move(e));
    }
    // The model file spells an index as all columns or all expressions: a column among
    // expressions is written as the server writes it.
    if (any_expression)
        for (size_t k = 0; k < keys; ++k)
            if (!ix.elements[k].expression) {
                ix.elements[k].text = texts[k];
                ix.elements[k].expression = true;
            }
    return complete;
}

}  // namespace migrate::orm::postgresql::detail
