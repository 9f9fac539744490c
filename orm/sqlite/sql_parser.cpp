#include "orm/sqlite/sql_parser.h"

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <utility>

namespace migrate::orm::sqlite {
namespace {

enum class TokenKind { kIdentifier, kQuotedIdentifier, kString, kBlob, kNumber, kPunct, kEnd };

// A token is a byte range of the source; expression texts are sliced from the source between
// token offsets, so they keep their original spelling, spacing and inner comments.
struct Token {
    TokenKind kind;
    size_t begin;
    size_t end;
};

bool is_id_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_id_char(char c) { return is_id_start(c) || is_digit(c) || c == '$'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool equals_ignore_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return to_upper(x) == to_upper(y);
           });
}

// Start of the next token at or after `pos`. An unterminated block comment runs to the end of
// the text, as in SQLite.
size_t skip_space_and_comments(std::string_view sql, size_t pos) {
    while (pos < sql.size()) {
        if (is_space(sql[pos])) {
            ++pos;
        } else if (sql.compare(pos, 2, "--") == 0) {
            pos = std::min(sql.find('\n', pos), sql.size());
        } else if (sql.compare(pos, 2, "/*") == 0) {
            const size_t close = sql.find("*/", pos + 2);
            pos = close == std::string_view::npos ? sql.size() : close + 2;
        } else {
            break;
        }
    }
    return pos;
}

// End of the quoted token starting at `pos` ('...', "...", `...` or [...]); npos when it is
// unterminated. A doubled quote inside is an escaped quote; brackets have no escape.
size_t end_of_quoted(std::string_view sql, size_t pos) {
    const char close = sql[pos] == '[' ? ']' : sql[pos];
    for (size_t i = pos + 1; i < sql.size(); ++i) {
        if (sql[i] != close) continue;
        if (close == ']' || i + 1 == sql.size() || sql[i + 1] != close) return i + 1;
        ++i;
    }
    return std::string_view::npos;
}

// Loose on purpose: only the token's extent matters here, not its value.
size_t end_of_number(std::string_view sql, size_t pos) {
    const bool hex = sql.compare(pos, 2, "0x") == 0 || sql.compare(pos, 2, "0X") == 0;
    for (++pos; pos < sql.size(); ++pos) {
        const char c = sql[pos];
        const char prev = sql[pos - 1];
        const bool exponent_sign = !hex && (c == '+' || c == '-') && (prev == 'e' || prev == 'E');
        if (!is_id_char(c) && c != '.' && !exponent_sign) break;
    }
    return pos;
}

// Splits SQL text into tokens the way SQLite's tokenizer does, dropping white space and
// comments, and ends the list with a kEnd token. Fails only on an unterminated quote.
std::optional<std::vector<Token>> tokenize(std::string_view sql) {
    std::vector<Token> tokens;
    size_t pos = 0;
    while ((pos = skip_space_and_comments(sql, pos)) < sql.size()) {
        const char c = sql[pos];
        const char next = pos + 1 < sql.size() ? sql[pos + 1] : '\0';
        Token token{TokenKind::kPunct, pos, pos + 1};
        if ((c == 'x' || c == 'X') && next == '\'') {
            token = {TokenKind::kBlob, pos, end_of_quoted(sql, pos + 1)};
        } else if (is_id_start(c)) {
            token.kind = TokenKind::kIdentifier;
            while (token.end < sql.size() && is_id_char(sql[token.end])) ++token.end;
        } else if (is_digit(c) || (c == '.' && is_digit(next))) {
            token = {TokenKind::kNumber, pos, end_of_number(sql, pos)};
        } else if (c == '\'') {
            token = {TokenKind::kString, pos, end_of_quoted(sql, pos)};
        } else if (c == '"' || c == '`' || c == '[') {
            token = {TokenKind::kQuotedIdentifier, pos, end_of_quoted(sql, pos)};
        }
        if (token.end == std::string_view::npos) return std::nullopt;
        tokens.push_back(token);
        pos = token.end;
    }
    tokens.push_back({TokenKind::kEnd, sql.size(), sql.size()});
    return tokens;
}

// Recursive-descent reader over the token list. Every accept_* / parse_* method returns false
// on text it cannot read; the list ends with a kEnd token, so peeking never leaves it.
class Parser {
  public:
    Parser(std::string_view sql, std::vector<Token> tokens)
        : sql_(sql), tokens_(std::move(tokens)) {}

    std::optional<ParsedTable> create_table() {
        ParsedTable table;
        if (!accept_keyword("CREATE")) return std::nullopt;
        accept_any_keyword({"TEMP", "TEMPORARY"});
        // VIRTUAL tables and CREATE TABLE ... AS SELECT fail here: their columns are not
        // written in the text.
        if (!accept_keyword("TABLE")) return std::nullopt;
        accept_keywords({"IF", "NOT", "EXISTS"});
        if (!accept_qualified_name(&table.name) || !accept_punct('(')) return std::nullopt;
        if (!parse_definitions(&table) || !parse_table_options(&table) || !accept_statement_end())
            return std::nullopt;
        return table;
    }

    std::optional<ParsedIndex> create_index() {
        ParsedIndex index;
        if (!accept_keyword("CREATE")) return std::nullopt;
        index.unique = accept_keyword("UNIQUE");
        if (!accept_keyword("INDEX")) return std::nullopt;
        accept_keywords({"IF", "NOT", "EXISTS"});
        if (!accept_qualified_name(&index.name) || !accept_keyword("ON") ||
            !accept_name(&index.table) || !accept_punct('('))
            return std::nullopt;
        do {
            const size_t begin = pos_;
            if (!accept_expression(&index.elements.emplace_back())) return std::nullopt;
            index.keys.push_back(split_key(begin, pos_));
        } while (accept_punct(','));
        if (!accept_punct(')') || (accept_keyword("WHERE") && !accept_expression(&index.where)) ||
            !accept_statement_end())
            return std::nullopt;
        return index;
    }

  private:
    // Tokens [begin, end) of one index key: trailing ASC/DESC and COLLATE name split off.
    ParsedIndexKey split_key(size_t begin, size_t end) const {
        ParsedIndexKey key;
        auto keyword_at = [&](size_t i, std::string_view word) {
            return tokens_[i].kind == TokenKind::kIdentifier &&
                   equals_ignore_case(text_of(tokens_[i]), word);
        };
        if (end > begin + 1 && (keyword_at(end - 1, "ASC") || keyword_at(end - 1, "DESC"))) {
            key.descending = keyword_at(end - 1, "DESC");
            --end;
        }
        if (end > begin + 2 && keyword_at(end - 2, "COLLATE") &&
            tokens_[end - 1].kind != TokenKind::kPunct) {
            key.collation = unquote_identifier(text_of(tokens_[end - 1]));
            end -= 2;
        }
        key.text = slice(begin, end);
        return key;
    }

    void note(ParsedTable* table, std::string object, size_t begin) {
        table->not_modelled.push_back({std::move(object), slice(begin, pos_)});
    }

    const Token& peek(size_t ahead = 0) const {
        return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
    }

    std::string_view text_of(const Token& token) const {
        return sql_.substr(token.begin, token.end - token.begin);
    }

    // Quoted identifiers are never keywords.
    bool at_keyword(std::string_view keyword, size_t ahead = 0) const {
        const Token& token = peek(ahead);
        return token.kind == TokenKind::kIdentifier && equals_ignore_case(text_of(token), keyword);
    }

    bool accept_keyword(std::string_view keyword) { return advance_if(at_keyword(keyword)); }
    // Consumes the keywords only when all of them come next, in this order.
    bool accept_keywords(std::initializer_list<std::string_view> keywords) {
        size_t ahead = 0;
        for (std::string_view keyword : keywords) {
            if (!at_keyword(keyword, ahead++)) return false;
        }
        pos_ += ahead;
        return true;
    }

    bool at_any_keyword(std::initializer_list<std::string_view> keywords) const {
        return std::any_of(keywords.begin(), keywords.end(),
                           [this](std::string_view keyword) { return at_keyword(keyword); });
    }
    bool accept_any_keyword(std::initializer_list<std::string_view> keywords) {
        return advance_if(at_any_keyword(keywords));
    }

    bool at_punct(char c) const {
        return peek().kind == TokenKind::kPunct && sql_[peek().begin] == c;
    }
    bool accept_punct(char c) { return advance_if(at_punct(c)); }
    bool advance_if(bool matched) {
        pos_ += matched ? 1 : 0;
        return matched;
    }

    // Verbatim source from the start of token `first` to the end of token `last - 1`.
    std::string slice(size_t first, size_t last) const {
        if (first >= last) return std::string();
        return std::string(
            sql_.substr(tokens_[first].begin, tokens_[last - 1].end - tokens_[first].begin));
    }

    // SQLite accepts an identifier in any quoting, or a string literal, wherever it wants a name.
    bool accept_name(std::string* out) {
        const TokenKind kind = peek().kind;
        const bool name = kind == TokenKind::kIdentifier || kind == TokenKind::kQuotedIdentifier ||
                          kind == TokenKind::kString;
        if (name) *out = unquote_identifier(text_of(peek()));
        return advance_if(name);
    }

    // The schema part is dropped: sqlite_schema text belongs to one schema anyway.
    bool accept_qualified_name(std::string* out) {
        if (!accept_name(out)) return false;
        return !accept_punct('.') || accept_name(out);
    }

    bool accept_statement_end() {
        accept_punct(';');
        return peek().kind == TokenKind::kEnd;
    }

    // At '(': moves past the matching ')'.
    bool skip_group() {
        if (!at_punct('(')) return false;
        for (int depth = 0; peek().kind != TokenKind::kEnd;) {
            depth += at_punct('(') ? 1 : at_punct(')') ? -1 : 0;
            ++pos_;
            if (depth == 0) return true;
        }
        return false;
    }

    // `( expr )`: stores the non-empty text between the parentheses.
    bool accept_paren_text(std::string* text) {
        const size_t open = pos_;
        if (!skip_group() || pos_ - open < 3) return false;
        *text = slice(open + 1, pos_ - 1);
        return true;
    }

    // Reads a non-empty expression up to the end of the statement or a ';', ',' or ')' at
    // depth 0; the caller checks which one it stopped at.
    bool accept_expression(std::string* text) {
        const size_t begin = pos_;
        while (peek().kind != TokenKind::kEnd && !at_punct(';') && !at_punct(',') &&
               !at_punct(')')) {
            if (!at_punct('(')) {
                ++pos_;
            } else if (!skip_group()) {
                return false;
            }
        }
        *text = slice(begin, pos_);
        return pos_ > begin;
    }

    // `ON CONFLICT action`; sets `*seen` when there is one (the model holds none).
    bool accept_on_conflict(bool* seen = nullptr) {
        if (!accept_keywords({"ON", "CONFLICT"})) return true;
        if (seen) *seen = true;
        return accept_any_keyword({"ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"});
    }

    // `( name [COLLATE x] [ASC|DESC], ... [AUTOINCREMENT] )`; AUTOINCREMENT only when asked.
    // `*options` is set when a name carries COLLATE or DESC, which the model keeps only on
    // index keys.
    bool accept_name_list(std::vector<std::string>* names, bool* autoincrement = nullptr,
                          bool* options = nullptr) {
        if (!accept_punct('(')) return false;
        do {
            std::string name, collation;
            if (!accept_name(&name)) return false;
            if (accept_keyword("COLLATE")) {
                if (!accept_name(&collation)) return false;
                if (options) *options = true;
            }
            if (accept_keyword("DESC") && options) *options = true;
            accept_keyword("ASC");
            names->push_back(std::move(name));
        } while (accept_punct(','));
        if (autoincrement != nullptr) *autoincrement = accept_keyword("AUTOINCREMENT");
        return accept_punct(')');
    }

    // `[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]`, or nothing.
    bool accept_defer_clause(bool* deferrable = nullptr, bool* initially_deferred = nullptr) {
        bool yes = false;
        if (accept_keywords({"NOT", "DEFERRABLE"})) {
        } else if (accept_keyword("DEFERRABLE")) {
            yes = true;
        } else {
            return true;
        }
        bool deferred = false;
        if (accept_keyword("INITIALLY")) {
            if (!at_any_keyword({"DEFERRED", "IMMEDIATE"})) return false;
            deferred = accept_keyword("DEFERRED") || !accept_keyword("IMMEDIATE");
        }
        if (deferrable) *deferrable = yes;
        if (initially_deferred) *initially_deferred = yes && deferred;
        return true;
    }

    // After REFERENCES: `table [(cols)] [ON DELETE|UPDATE action | MATCH name]...`.
    bool accept_references(std::string* table, std::vector<std::string>* columns,
                           std::string* match, bool* unmodelled) {
        if (!accept_name(table)) return false;
        if (at_punct('(') && !accept_name_list(columns)) return false;
        while (true) {
            if (accept_keyword("ON")) {
                if (accept_keyword("INSERT"))
                    *unmodelled = true;
                else if (!accept_any_keyword({"DELETE", "UPDATE"}))
                    return false;
                if (!accept_keywords({"SET", "NULL"}) && !accept_keywords({"SET", "DEFAULT"}) &&
                    !accept_any_keyword({"CASCADE", "RESTRICT"}) &&
                    !accept_keywords({"NO", "ACTION"}))
                    return false;
            } else if (accept_keyword("MATCH")) {
                if (!accept_name(match)) return false;
                for (char& c : *match) c = to_upper(c);
            } else {
                return true;
            }
        }
    }

    // Columns come first; SQLite takes no column after the first table constraint, and table
    // constraints may follow one another without a comma.
    bool parse_definitions(ParsedTable* table) {
        while (!starts_table_constraint()) {
            ParsedColumn column;
            if (!parse_column(table, &column)) return false;
            table->columns.push_back(std::move(column));
            if (accept_punct(')')) return true;
            if (!accept_punct(',')) return false;
        }
        if (table->columns.empty()) return false;
        std::string pending_name;
        while (true) {
            if (!parse_table_constraint(table, &pending_name)) return false;
            if (accept_punct(')')) return true;
            if (accept_punct(',')) pending_name.clear();
        }
    }

    bool starts_table_constraint() const {
        return at_any_keyword({"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"});
    }

    // The type name ends where the first column constraint starts.
    bool at_type_word() const {
        const TokenKind kind = peek().kind;
        if (kind == TokenKind::kQuotedIdentifier || kind == TokenKind::kString) return true;
        return kind == TokenKind::kIdentifier &&
               !at_any_keyword({"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK",
                                "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS",
                                "DEFERRABLE"});
    }

    bool parse_column(ParsedTable* table, ParsedColumn* column) {
        if (!accept_name(&column->name)) return false;
        const size_t type_begin = pos_;
        while (at_type_word()) ++pos_;
        if (pos_ > type_begin && at_punct('(') && !skip_group()) return false;
        column->type = slice(type_begin, pos_);
        std::string pending_name;
        while (!at_punct(',') && !at_punct(')')) {
            const size_t begin = pos_;
            bool unmodelled = false;
            if (!parse_column_constraint(column, &pending_name, &unmodelled)) return false;
            if (unmodelled) note(table, "column " + column->name, begin);
        }
        return true;
    }

    // A CONSTRAINT name applies to the constraint right after it. Sets `*unmodelled` for a
    // clause the model cannot hold.
    bool parse_column_constraint(ParsedColumn* column, std::string* pending_name,
                                 bool* unmodelled) {
        if (accept_keyword("CONSTRAINT")) return accept_name(pending_name);
        std::string name = std::exchange(*pending_name, std::string());
        if (accept_keywords({"PRIMARY", "KEY"})) {
            column->primary_key = true;
            column->primary_key_name = std::move(name);
            // `INTEGER PRIMARY KEY DESC` is no rowid alias: a quirk the model does not hold.
            if (accept_keyword("DESC")) *unmodelled = true;
            accept_keyword("ASC");
            if (!accept_on_conflict(unmodelled)) return false;
            column->autoincrement = accept_keyword("AUTOINCREMENT");
            return true;
        }
        if (accept_keywords({"NOT", "NULL"})) {
            column->not_null = true;
            return accept_on_conflict(unmodelled);
        }
        if (at_keyword("DEFERRABLE") || (at_keyword("NOT") && at_keyword("DEFERRABLE", 1))) {
            if (!column->references) *unmodelled = true;
            return accept_defer_clause(&column->references_deferrable,
                                       &column->references_initially_deferred);
        }
        if (accept_keyword("NULL")) return accept_on_conflict(unmodelled);
        if (accept_keyword("UNIQUE")) {
            column->unique = true;
            column->unique_name = std::move(name);
            return accept_on_conflict(unmodelled);
        }
        if (accept_keyword("CHECK")) {
            column->checks.push_back({std::move(name), std::string()});
            return accept_paren_text(&column->checks.back().text);
        }
        if (accept_keyword("DEFAULT")) return parse_default(column);
        if (accept_keyword("COLLATE")) return accept_name(&column->collation);
        if (accept_keyword("REFERENCES")) {
            column->references = true;
            column->references_name = std::move(name);
            return accept_references(&column->referred_table, &column->referred_columns,
                                     &column->references_match, unmodelled);
        }
        if (accept_keywords({"GENERATED", "ALWAYS", "AS"}) || accept_keyword("AS")) {
            if (!accept_paren_text(&column->generated_expression)) return false;
            column->generated = true;
            column->generated_stored = accept_keyword("STORED");
            accept_keyword("VIRTUAL");
            return true;
        }
        return false;
    }

    // DEFAULT takes `( expr )`, or one literal or identifier with an optional sign.
    bool parse_default(ParsedColumn* column) {
        const size_t begin = pos_;
        if (at_punct('(')) {
            if (!skip_group()) return false;
        } else {
            if (at_punct('+') || at_punct('-')) ++pos_;
            const TokenKind kind = peek().kind;
            if (kind == TokenKind::kEnd || kind == TokenKind::kPunct) return false;
            ++pos_;
        }
        column->default_text = slice(begin, pos_);
        return true;
    }

    bool parse_table_constraint(ParsedTable* table, std::string* pending_name) {
        if (accept_keyword("CONSTRAINT")) return accept_name(pending_name);
        ParsedConstraint constraint;
        constraint.name = std::exchange(*pending_name, std::string());
        const size_t begin = pos_;
        bool autoincrement = false;
        bool ok = false;
        bool unmodelled = false;
        if (accept_keywords({"PRIMARY", "KEY"})) {
            constraint.kind = ConstraintKind::kPrimaryKey;
            ok = accept_name_list(&constraint.columns, &autoincrement, &unmodelled) &&
                 accept_on_conflict(&unmodelled);
        } else if (accept_keyword("UNIQUE")) {
            constraint.kind = ConstraintKind::kUnique;
            ok = accept_name_list(&constraint.columns, nullptr, &unmodelled) &&
                 accept_on_conflict(&unmodelled);
        } else if (accept_keyword("CHECK")) {
            constraint.kind = ConstraintKind::kCheck;
            ok = accept_paren_text(&constraint.check_text) && accept_on_conflict(&unmodelled);
        } else if (accept_keywords({"FOREIGN", "KEY"})) {
            constraint.kind = ConstraintKind::kForeignKey;
            ok = accept_name_list(&constraint.columns) && accept_keyword("REFERENCES") &&
                 accept_references(&constraint.referred_table, &constraint.referred_columns,
                                   &constraint.match, &unmodelled) &&
                 accept_defer_clause(&constraint.deferrable, &constraint.initially_deferred);
        }
        if (!ok) return false;
        if (unmodelled)
            note(table, constraint.name.empty() ? "constraint" : "constraint " + constraint.name,
                 begin);
        // `PRIMARY KEY (id AUTOINCREMENT)` is SQLite's table-level spelling of the column flag.
        if (autoincrement && constraint.columns.size() == 1) {
            for (ParsedColumn& column : table->columns) {
                if (equals_ignore_case(column.name, constraint.columns[0]))
                    column.autoincrement = true;
            }
        }
        table->constraints.push_back(std::move(constraint));
        return true;
    }

    bool parse_table_options(ParsedTable* table) {
        if (peek().kind == TokenKind::kEnd || at_punct(';')) return true;
        do {
            if (accept_keywords({"WITHOUT", "ROWID"}))
                table->without_rowid = true;
            else if (accept_keyword("STRICT"))
                table->strict = true;
            else
                return false;
        } while (accept_punct(','));
        return true;
    }

    std::string_view sql_;
    std::vector<Token> tokens_;
    size_t pos_ = 0;
};

}  // namespace

std::optional<ParsedTable> parse_create_table(std::string_view sql) {
    std::optional<std::vector<Token>> tokens = tokenize(sql);
    return tokens ? Parser(sql, std::move(*tokens)).create_table() : std::nullopt;
}

std::optional<ParsedIndex> parse_create_index(std::string_view sql) {
    std::optional<std::vector<Token>> tokens = tokenize(sql);
    return tokens ? Parser(sql, std::move(*tokens)).create_index() : std::nullopt;
}

std::string unquote_identifier(std::string_view token) {
    const bool quoted = !token.empty() &&
                        (token[0] == '"' || token[0] == '\'' || token[0] == '`' || token[0] == '[');
    if (!quoted || end_of_quoted(token, 0) != token.size()) return std::string(token);
    const char close = token.back();
    std::string out;
    for (size_t i = 1; i + 1 < token.size(); ++i) {
        out += token[i];
        if (token[i] == close) ++i;  // the second quote of an escaped pair
    }
    return out;
}

}  // namespace migrate::orm::sqlite
