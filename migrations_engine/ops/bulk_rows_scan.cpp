#include "migrations_engine/ops/bulk_rows_scan.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <string_view>

namespace migrate::engine::detail {
namespace {

const char* const kPlaceholderTag = "!migrate-rows";

size_t indent_of(std::string_view line) {
    size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    return i;
}

std::string_view without_cr(std::string_view line) {
    return !line.empty() && line.back() == '\r' ? line.substr(0, line.size() - 1) : line;
}

bool blank_or_comment(std::string_view line) {
    const size_t i = indent_of(line);
    return i == line.size() || line[i] == '#';
}

// `rows:` alone on its line (a comment may follow).
bool is_rows_key(std::string_view line) {
    const size_t i = indent_of(line);
    if (line.substr(i, 5) != "rows:") return false;
    const std::string_view rest = line.substr(i + 5);
    const size_t j = indent_of(rest);
    return j == rest.size() || (j > 0 && rest[j] == '#');
}

bool is_row_line(std::string_view line, size_t indent) {
    return indent_of(line) == indent && line.substr(indent, 3) == "- {";
}

// Whether the line opens a block scalar (`key: |`, `- >-`, ...): its content lines, those
// indented deeper than it, are text, not structure.
bool opens_block_scalar(std::string_view line) {
    size_t end = line.size();
    if (size_t hash = line.find(" #"); hash != std::string_view::npos) end = hash;
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
    size_t i = end;
    while (i > 0 &&
           (line[i - 1] == '+' || line[i - 1] == '-' || (line[i - 1] >= '0' && line[i - 1] <= '9')))
        --i;
    if (i == 0 || (line[i - 1] != '|' && line[i - 1] != '>')) return false;
    return i == 1 || line[i - 2] == ' ' || line[i - 2] == ':' || line[i - 2] == '-';
}

// The characters that may end, or end the fast reading of, a plain scalar inside {...}.
bool stops_plain(char c) {
    static const auto kTable = [] {
        std::array<bool, 256> t{};
        for (int i = 0; i < 0x20; ++i) t[i] = true;
        for (unsigned char x : std::string_view(",}:[]{#\x7f")) t[x] = true;
        return t;
    }();
    return kTable[static_cast<unsigned char>(c)];
}

/// One scalar of a row as the fast scanner read it.
struct Scalar {
    std::string text;
    bool plain = true;
    bool null = false;
    size_t column = 0;  // 0-based, in the line
};

/// Reads a one-line flow map such as `{id: 1, name: "x, y", note: ~}` the way yaml-cpp does,
/// or gives up (returns false) on anything it does not handle, leaving that to yaml-cpp.
class RowScanner {
  public:
    RowScanner(std::string_view line, size_t start) : s_(line), p_(start) {}

    bool row(std::vector<Scalar>* keys, std::vector<Scalar>* values) {
        keys->clear();
        values->clear();
        ++p_;  // '{'
        spaces();
        if (peek() == '}') return end_of_line(p_ + 1);
        bool unclosed_paren = false;  // yaml-cpp's reader glues `Numeric(12, 2)` back together
        for (;;) {
            Scalar key;
            if (!scalar(&key, true) || key.null || !key.plain || key.text.empty()) return false;
            if (key.text.find_first_of("()") != std::string::npos) return false;
            spaces();
            if (peek() != ':') return false;
            ++p_;
            if (p_ < s_.size() && s_[p_] != ' ' && s_[p_] != ',' && s_[p_] != '}') return false;
            spaces();
            Scalar value;
            value.column = p_;
            if (peek() == ',' || peek() == '}') {
                value.null = true;
            } else if (!scalar(&value, false)) {
                return false;
            }
            if (value.null && unclosed_paren) return false;
            unclosed_paren = value.plain && !value.null &&
                             std::count(value.text.begin(), value.text.end(), '(') >
                                 std::count(value.text.begin(), value.text.end(), ')');
            keys->push_back(std::move(key));
            values->push_back(std::move(value));
            spaces();
            if (peek() == '}') return end_of_line(p_ + 1);
            if (peek() != ',') return false;
            ++p_;
            spaces();
            if (peek() == '}' || peek() == ',') return false;
        }
    }

  private:
    char peek() const { return p_ < s_.size() ? s_[p_] : '\0'; }
    void spaces() {
        while (p_ < s_.size() && s_[p_] == ' ') ++p_;
    }
    // After the closing brace: nothing, or a comment.
    bool end_of_line(size_t i) const {
        while (i < s_.size() && s_[i] == ' ') ++i;
        return i == s_.size() || (s_[i] == '#' && s_[i - 1] == ' ');
    }

    bool scalar(Scalar* out, bool key) {
        out->column = p_;
        const char c = peek();
        if (c == '"') return double_quoted(out);
        if (c == '\'') return single_quoted(out);
        return plain(out, key);
    }

    bool plain(Scalar* out, bool key) {
        const char c = peek();
        if (c == '\0' || std::string_view("[]{}#&*!|>%@`,").find(c) != std::string_view::npos)
            return false;
        if ((c == '-' || c == '?' || c == ':') &&
            (p_ + 1 >= s_.size() || s_[p_ + 1] == ' ' || s_[p_ + 1] == ','))
            return false;
        const size_t begin = p_;
        for (;; ++p_) {
            while (p_ < s_.size() && !stops_plain(s_[p_])) ++p_;
            if (p_ == s_.size()) break;
            const char x = s_[p_];
            if (x == ',' || x == '}') break;
            if (x == ':') {
                if (p_ + 1 < s_.size() && s_[p_ + 1] != ' ' && s_[p_ + 1] != ',' &&
                    s_[p_ + 1] != '}')
                    continue;  // `12:30`, `http://x`
                if (key) break;
                return false;
            }
            if (x == '#' && s_[p_ - 1] != ' ') continue;
            return false;  // [ ] { # after a space, a control character
        }
        size_t end = p_;
        while (end > begin && s_[end - 1] == ' ') --end;
        out->text.assign(s_.data() + begin, end - begin);
        out->plain = true;
        const std::string& t = out->text;
        out->null = (t.size() == 1 && t[0] == '~') ||
                    (t.size() == 4 && (t == "null" || t == "Null" || t == "NULL"));
        return true;
    }

    bool single_quoted(Scalar* out) {
        out->plain = false;
        for (++p_; p_ < s_.size(); ++p_) {
            const char x = s_[p_];
            if (x == '\'') {
                if (p_ + 1 < s_.size() && s_[p_ + 1] == '\'') {
                    out->text += '\'';
                    ++p_;
                    continue;
                }
                ++p_;
                return true;
            }
            if (static_cast<unsigned char>(x) < 0x20 && x != '\t') return false;
            out->text += x;
        }
        return false;  // unterminated: yaml-cpp says so
    }

    bool double_quoted(Scalar* out) {
        out->plain = false;
        for (++p_; p_ < s_.size(); ++p_) {
            const char x = s_[p_];
            if (x == '"') {
                ++p_;
                return true;
            }
            if (static_cast<unsigned char>(x) < 0x20 && x != '\t') return false;
            if (x != '\\') {
                out->text += x;
                continue;
            }
            if (++p_ >= s_.size()) return false;
            switch (s_[p_]) {
                case '\\':
                    out->text += '\\';
                    break;
                case '"':
                    out->text += '"';
                    break;
                case '/':
                    out->text += '/';
                    break;
                case 'n':
                    out->text += '\n';
                    break;
                case 't':
                    out->text += '\t';
                    break;
                case 'r':
                    out->text += '\r';
                    break;
                case '0':
                    out->text += '\0';
                    break;
                case 'a':
                    out->text += '\a';
                    break;
                case 'b':
                    out->text += '\b';
                    break;
                case 'v':
                    out->text += '\v';
                    break;
                case 'f':
                    out->text += '\f';
                    break;
                case 'e':
                    out->text += '\x1b';
                    break;
                case ' ':
                    out->text += ' ';
                    break;
                case 'x':
                    if (!code_point(2, out)) return false;
                    break;
                case 'u':
                    if (!code_point(4, out)) return false;
                    break;
                case 'U':
                    if (!code_point(8, out)) return false;
                    break;
                default:
                    return false;
            }
        }
        return false;
    }

    // `digits` hex digits after p_ as a code point in UTF-8; p_ is left on the last digit.
    bool code_point(size_t digits, Scalar* out) {
        if (p_ + digits >= s_.size()) return false;
        unsigned long cp = 0;
        for (size_t k = 1; k <= digits; ++k) {
            const char h = s_[p_ + k];
            int v = h >= '0' && h <= '9'   ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                           : -1;
            if (v < 0) return false;
            cp = cp * 16 + static_cast<unsigned long>(v);
        }
        p_ += digits;
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
        std::string& t = out->text;
        if (cp < 0x80) {
            t += static_cast<char>(cp);
        } else if (cp < 0x800) {
            t += static_cast<char>(0xC0 | (cp >> 6));
            t += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            t += static_cast<char>(0xE0 | (cp >> 12));
            t += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            t += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            t += static_cast<char>(0xF0 | (cp >> 18));
            t += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            t += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            t += static_cast<char>(0x80 | (cp & 0x3F));
        }
        return true;
    }

    std::string_view s_;
    size_t p_;
};

SourceLocation position(const Reader& r, size_t line, size_t column) {
    YAML::Mark m;
    m.line = 0;
    m.column = static_cast<int>(column);
    return r.fragment(line, 0).at(m);
}

}  // namespace

RowLists::RowLists(const std::string& text) : text_(text) { scan(); }

void RowLists::scan() {
    std::string_view text(text_);
    std::vector<std::string_view> lines;  // each without its '\n'
    for (size_t p = 0; p <= text.size();) {
        size_t nl = text.find('\n', p);
        if (nl == std::string_view::npos) nl = text.size();
        lines.push_back(text.substr(p, nl - p));
        p = nl + 1;
    }
    auto offset = [&](size_t line) {
        return static_cast<size_t>(lines[line].data() - text.data());
    };
    size_t copied = 0;  // text_[0, copied) is in yaml_text_ already
    bool in_block = false;
    size_t block_indent = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = without_cr(lines[i]);
        if (in_block) {
            if (blank_or_comment(line) || indent_of(line) > block_indent) continue;
            in_block = false;
        }
        if (opens_block_scalar(line)) {
            in_block = true;
            block_indent = indent_of(line);
            continue;
        }
        if (!is_rows_key(line)) continue;
        size_t first = i + 1;
        while (first < lines.size() && blank_or_comment(without_cr(lines[first]))) ++first;
        if (first >= lines.size()) continue;
        const size_t item_indent = indent_of(lines[first]);
        if (item_indent < indent_of(line) || !is_row_line(lines[first], item_indent)) continue;
        size_t end = first;
        while (end < lines.size() &&
               (is_row_line(lines[end], item_indent) || blank_or_comment(without_cr(lines[end]))))
            ++end;
        if (end < lines.size()) {  // the line after the rows must end the list
            const std::string_view after = without_cr(lines[end]);
            const size_t k = indent_of(after);
            if (k > item_indent || (k == item_indent && after[k] == '-') || after[k] == '\t')
                continue;
        }
        const size_t key_end = offset(i) + indent_of(line) + 5;
        yaml_text_.append(text_, copied, key_end - copied);
        yaml_text_ += " " + std::string(kPlaceholderTag) + " " + std::to_string(lists_.size());
        yaml_text_.append(end - i, '\n');
        const size_t stop = end < lines.size() ? offset(end) : text_.size();
        copied = end < lines.size() ? stop : text_.size();
        lists_.push_back({offset(i + 1), stop, i + 1});
        i = end - 1;
    }
    if (lists_.empty()) return;
    yaml_text_.append(text_, copied, std::string::npos);
}

// A placeholder sits on the line of the `rows:` key it replaced: one written by hand
// elsewhere is no placeholder.
bool RowLists::is_placeholder(const YAML::Node& value) const {
    if (!value.IsScalar() || value.Tag() != kPlaceholderTag) return false;
    const std::string& n = value.Scalar();
    if (n.empty() || n.size() > 9 || n.find_first_not_of("0123456789") != std::string::npos)
        return false;
    const size_t index = std::stoul(n);
    return index < lists_.size() && value.Mark().line >= 0 &&
           static_cast<size_t>(value.Mark().line) + 1 == lists_[index].line;
}

void read_row_node(const Reader& r, const Entry& item, const std::string& what, BulkRows* rows) {
    if (!item.value.IsMap()) r.wrong_type(item, "a map of column names to values");
    FieldReader f(r);
    BulkRows::Row row;
    for (const Entry& v :
         r.map_entries(item, "in " + item.label + " of " + what, nullptr, "column", ""))
        row[v.name] = f.value(v);
    rows->push_back(row);
}

BulkRows RowLists::read(const Entry& rows_entry, const Reader& r, const std::string& what) {
    const size_t index = std::stoul(rows_entry.value.Scalar());
    in_order_ = in_order_ && index == next_;
    next_ = index + 1;
    const List& list = lists_.at(index);
    BulkRows rows;
    std::vector<Scalar> keys, values;
    std::vector<std::string> names, previous_order, columns;
    std::vector<size_t> order;
    std::vector<orm::Value> sorted;
    bool have_previous = false;  // previous_order is the columns of the last row added
    size_t item = 0, line_no = list.line;
    for (size_t p = list.begin; p < list.end; ++line_no) {
        size_t nl = text_.find('\n', p);
        if (nl == std::string::npos || nl > list.end) nl = list.end;
        const std::string_view line = without_cr(std::string_view(text_).substr(p, nl - p));
        p = nl + 1;
        if (blank_or_comment(line)) continue;
        ++item;
        const size_t brace = indent_of(line) + 2;
        const auto label = [&] { return "item " + std::to_string(item) + " of 'rows'"; };
        RowScanner scanner(line, brace);
        bool fast = scanner.row(&keys, &values);
        bool same = false;  // the columns of the row before, in the same order
        if (fast) {
            names.resize(keys.size());
            for (size_t k = 0; k < keys.size(); ++k) names[k].swap(keys[k].text);
            same = have_previous && names == previous_order;
            if (!same) {
                order.resize(names.size());
                std::iota(order.begin(), order.end(), size_t{0});
                std::sort(order.begin(), order.end(),
                          [&](size_t a, size_t b) { return names[a] < names[b]; });
                columns.clear();
                for (size_t k : order) columns.push_back(names[k]);
                fast = std::adjacent_find(columns.begin(), columns.end()) == columns.end();
                previous_order = names;
                have_previous = fast;
            }
        }
        if (!fast) {  // yaml-cpp reads this row alone, with positions in the whole file
            const Reader fragment = r.fragment(line_no, brace);
            YAML::Node node;
            try {
                node = YAML::Load(std::string(line.substr(brace)));
            } catch (const YAML::ParserException& e) {
                fragment.fail(fragment.at(e.mark), "YAML syntax error: " + e.msg);
            }
            read_row_node(fragment, Entry{"rows", label(), node, node, rows_entry.where}, what,
                          &rows);
            have_previous = false;
            continue;
        }
        sorted.clear();
        for (size_t k : order) {
            const Scalar& v = values[k];
            if (v.null) {
                sorted.emplace_back(nullptr);
                continue;
            }
            ValueProblem problem;
            sorted.push_back(scalar_value(v.text, v.plain, &problem));
            if (problem != ValueProblem::kNone)
                r.fail(position(r, line_no, v.column),
                       value_problem(problem, v.text,
                                     "'" + names[k] + "' in " + label() + " of " + what));
        }
        if (same)
            rows.add_like_last(sorted);
        else
            rows.add(columns, sorted);
    }
    rows.shrink_to_fit();
    return rows;
}

}  // namespace migrate::engine::detail
