#pragma once

/// Column types: the generic types of the model language plus verbatim dialect types.
///
/// A generic type (`Integer`, `String(60)`, `Numeric(12, 2)`, `DateTime(timezone)`,
/// `Enum(mood)`, ...) is mapped by each dialect to its own spelling and back. Any other text
/// written in upper or lower case SQL (`NVARCHAR(40)`, `JSONB`, `inet`, `TEXT[]`) is a dialect
/// type and is kept verbatim. A name written like a generic one (a capital followed by lower
/// case letters) that is not one of them is a mistake, not a dialect type: `Strng(40)`.

#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace migrate::orm {

enum class TypeKind {
    kInteger,
    kSmallInteger,
    kBigInteger,
    kBoolean,
    kString,
    kText,
    kFloat,
    kNumeric,
    kDate,
    kDateTime,
    kTime,
    kInterval,
    kLargeBinary,
    kJson,
    kUuid,
    kEnum,
    kDialect,  // verbatim dialect type text
};

class SqlType {
  public:
    SqlType() = default;
    explicit SqlType(TypeKind kind) : kind_(kind) {}

    static SqlType integer() { return SqlType(TypeKind::kInteger); }
    static SqlType string(std::optional<int> length = std::nullopt);
    static SqlType numeric(std::optional<int> precision, std::optional<int> scale);
    static SqlType datetime(bool timezone);
    static SqlType enumeration(std::string name);
    /// Dialect type text taken as it is (reflection); model text goes through `parse`.
    static SqlType dialect(std::string text);

    /// Parses the model spelling. On failure returns nullopt and sets `*error` to a sentence
    /// saying what is wrong (the caller adds the location). Dialect type text must be one type
    /// name (words, numbers, "quoted" names, '.', signs, balanced (...) and [...], commas only
    /// inside them): no ';', comment, string literal or column-constraint keyword, since the
    /// DDL compilers paste it as it is.
    static std::optional<SqlType> parse(std::string_view text, std::string* error);

    /// The model spelling, such that `parse(str())` gives an equal type.
    std::string str() const;

    TypeKind kind() const { return kind_; }
    bool is_generic() const { return kind_ != TypeKind::kDialect; }
    bool is_integer() const {
        return kind_ == TypeKind::kInteger || kind_ == TypeKind::kSmallInteger ||
               kind_ == TypeKind::kBigInteger;
    }
    const std::optional<int>& length() const { return length_; }
    const std::optional<int>& precision() const { return precision_; }
    const std::optional<int>& scale() const { return scale_; }
    bool timezone() const { return timezone_; }
    /// Enum name for kEnum, verbatim text for kDialect, empty otherwise.
    const std::string& name() const { return name_; }

    auto tie() const { return std::tie(kind_, length_, precision_, scale_, timezone_, name_); }
    bool operator==(const SqlType& o) const { return tie() == o.tie(); }
    bool operator!=(const SqlType& o) const { return !(*this == o); }

  private:
    TypeKind kind_ = TypeKind::kText;
    std::optional<int> length_;
    std::optional<int> precision_;
    std::optional<int> scale_;
    bool timezone_ = false;
    std::string name_;
};

/// The generic type names, in the order the documentation lists them.
const char* const* generic_type_names();

}  // namespace migrate::orm
