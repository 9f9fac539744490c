#include "orm/error.h"

namespace migrate {

std::string SourceLocation::str() const {
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0) out += ":" + std::to_string(column);
    }
    return out;
}

InputError::InputError(SourceLocation where, const std::string& what)
    : Error(where.str() + ": " + what, exit_code::kUsage), where_(std::move(where)), what_(what) {}

}  // namespace migrate
