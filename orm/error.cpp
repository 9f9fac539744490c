#include "orm/error.h"

#include <map>

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

const char* to_string(ErrorCategory category) {
    switch (category) {
        case ErrorCategory::kOther:
            return "other";
        case ErrorCategory::kUniqueViolation:
            return "unique_violation";
        case ErrorCategory::kForeignKeyViolation:
            return "foreign_key_violation";
        case ErrorCategory::kNotNullViolation:
            return "not_null_violation";
        case ErrorCategory::kCheckViolation:
            return "check_violation";
        case ErrorCategory::kUndefinedObject:
            return "undefined_object";
        case ErrorCategory::kDuplicateObject:
            return "duplicate_object";
        case ErrorCategory::kPermission:
            return "permission";
        case ErrorCategory::kAuthentication:
            return "authentication";
        case ErrorCategory::kMissingDatabase:
            return "missing_database";
        case ErrorCategory::kUnreachable:
            return "unreachable";
    }
    return "other";
}

ErrorCategory category_of_sqlstate(const std::string& sqlstate) {
    static const std::map<std::string, ErrorCategory> kCodes = {
        {"23505", ErrorCategory::kUniqueViolation},  {"23503", ErrorCategory::kForeignKeyViolation},
        {"23502", ErrorCategory::kNotNullViolation}, {"23514", ErrorCategory::kCheckViolation},
        {"42P01", ErrorCategory::kUndefinedObject},  // undefined_table
        {"42703", ErrorCategory::kUndefinedObject},  // undefined_column
        {"42704", ErrorCategory::kUndefinedObject},  // undefined_object
        {"42883", ErrorCategory::kUndefinedObject},  // undefined_function
        {"3F000", ErrorCategory::kUndefinedObject},  // invalid_schema_name
        {"42P07", ErrorCategory::kDuplicateObject},  // duplicate_table
        {"42701", ErrorCategory::kDuplicateObject},  // duplicate_column
        {"42710", ErrorCategory::kDuplicateObject},  // duplicate_object
        {"42723", ErrorCategory::kDuplicateObject},  // duplicate_function
        {"42P06", ErrorCategory::kDuplicateObject},  // duplicate_schema
        {"42501", ErrorCategory::kPermission},       // insufficient_privilege
        {"3D000", ErrorCategory::kMissingDatabase},  // invalid_catalog_name
    };
    auto it = kCodes.find(sqlstate);
    if (it != kCodes.end()) return it->second;
    if (sqlstate.size() == 5 && sqlstate.compare(0, 2, "28") == 0)
        return ErrorCategory::kAuthentication;  // invalid_authorization_specification
    if (sqlstate.size() == 5 && sqlstate.compare(0, 2, "08") == 0)
        return ErrorCategory::kUnreachable;  // connection_exception
    return ErrorCategory::kOther;
}

}  // namespace migrate
