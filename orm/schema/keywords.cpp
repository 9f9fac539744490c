#include "orm/schema/keywords.h"

#include <cctype>

namespace migrate::orm {

bool is_index_method(const std::string& method) {
    if (method.empty() || method.size() > 63) return false;
    for (size_t i = 0; i < method.size(); ++i) {
        const auto c = static_cast<unsigned char>(method[i]);
        const bool ok = std::isalpha(c) || c == '_' || (i > 0 && std::isdigit(c));
        if (!ok || c >= 0x80) return false;
    }
    return true;
}

std::string index_method_hint() {
    return "an index method is one plain word: btree, hash, gist, spgist, gin, brin, or an "
           "extension's method";
}

}  // namespace migrate::orm
