#include "orm/schema/naming.h"

#include <openssl/evp.h>

namespace migrate::orm {
namespace {

std::string md5_hex(const std::string& text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(text.data(), text.size(), digest, &size, EVP_md5(), nullptr);
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < size; ++i) {
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 0xf];
    }
    return out;
}

bool token_value(const std::string& token, const NamingContext& ctx, std::string* out) {
    if (token == "table_name") {
        *out = ctx.table_name;
        return true;
    }
    if (token == "referred_table_name") {
        *out = ctx.referred_table_name;
        return true;
    }
    if (token == "constraint_name") {
        *out = ctx.constraint_name;
        return true;
    }
    // column_0_name, column_1_name, ..., column_0_N_name (all joined by "_")
    if (token.rfind("column_", 0) == 0) {
        std::string rest = token.substr(7);
        if (rest == "0_N_name") {
            out->clear();
            for (const auto& c : ctx.column_names) *out += (out->empty() ? "" : "_") + c;
            return true;
        }
        size_t us = rest.find('_');
        if (us == std::string::npos || rest.substr(us) != "_name") return false;
        std::string digits = rest.substr(0, us);
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
            return false;
        size_t i = std::stoul(digits);
        *out = i < ctx.column_names.size() ? ctx.column_names[i] : std::string();
        return true;
    }
    return false;
}

}  // namespace

bool expand_naming_template(const std::string& text, const NamingContext& ctx, std::string* out,
                            std::string* error) {
    out->clear();
    for (size_t i = 0; i < text.size();) {
        if (text.compare(i, 2, "%(") == 0) {
            size_t close = text.find(")s", i + 2);
            if (close == std::string::npos) {
                *error = "unclosed token in naming convention '" + text + "'";
                return false;
            }
            std::string token = text.substr(i + 2, close - i - 2), value;
            if (!token_value(token, ctx, &value)) {
                *error = "unknown token '%(" + token + ")s' in naming convention '" + text +
                         "'; known: table_name, column_0_name, column_0_N_name, "
                         "referred_table_name, constraint_name";
                return false;
            }
            *out += value;
            i = close + 2;
        } else {
            *out += text[i++];
        }
    }
    return true;
}

const std::string* find_convention(const NamingConvention& conv, const std::string& key) {
    for (const auto& [k, v] : conv)
        if (k == key) return &v;
    return nullptr;
}

std::string shorten_generated_name(const std::string& name) {
    if (name.size() <= kMaxGeneratedNameBytes) return name;
    size_t keep = kMaxGeneratedNameBytes - 8;
    // Cut at a character boundary: never inside a UTF-8 sequence.
    while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
    return name.substr(0, keep) + "_" + md5_hex(name).substr(28);
}

std::string default_index_name(const NamingConvention& conv, const NamingContext& ctx) {
    std::string out, error;
    if (const std::string* t = find_convention(conv, "ix"))
        if (expand_naming_template(*t, ctx, &out, &error)) return shorten_generated_name(out);
    out = "ix_" + ctx.table_name;
    if (!ctx.column_names.empty()) out += "_" + ctx.column_names[0];
    return shorten_generated_name(out);
}

std::string conventional_name(const NamingConvention& conv, const std::string& key,
                              const NamingContext& ctx) {
    const std::string* t = find_convention(conv, key);
    std::string out, error;
    if (!t || t->find("%(constraint_name)s") != std::string::npos ||
        !expand_naming_template(*t, ctx, &out, &error))
        return {};
    return shorten_generated_name(out);
}

}  // namespace migrate::orm
