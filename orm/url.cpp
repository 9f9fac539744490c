#include "orm/url.h"

#include <cctype>

#include "orm/error.h"

namespace migrate::orm {
namespace {

std::string percent_decode(const std::string& s, bool* ok) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
                !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
                *ok = false;
                return out;
            }
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

[[noreturn]] void fail(const std::string& text, const std::string& why) {
    throw UsageError("invalid database URL '" + mask_passwords(text) + "': " + why +
                     ". Expected sqlite:///relative.db, sqlite:////absolute/path.db, "
                     "sqlite:///:memory: or postgresql://user:password@host:port/database");
}

bool is_scheme_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '.' || c == '-';
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

// A scan rather than a regular expression: std::regex recurses per character and overflows
// the stack on a long argument quoted in a message.
std::string mask_passwords(const std::string& text) {
    const size_t n = text.size();
    std::string out;
    size_t copied = 0;
    for (size_t pos = text.find("://"); pos != std::string::npos; pos = text.find("://", pos)) {
        size_t scheme = pos;
        while (scheme > copied && is_scheme_char(text[scheme - 1])) --scheme;
        while (scheme < pos && !std::isalpha(static_cast<unsigned char>(text[scheme]))) ++scheme;
        pos += 3;
        if (scheme == pos - 3) continue;  // no scheme before "://"
        size_t user_end = pos;
        while (user_end < n && text[user_end] != ':' && text[user_end] != '/' &&
               text[user_end] != '@' && !is_space(text[user_end]))
            ++user_end;
        if (user_end == n || text[user_end] != ':') continue;
        size_t at = user_end + 1;
        while (at < n && text[at] != '@' && !is_space(text[at])) ++at;
        if (at == n || text[at] != '@') continue;
        out.append(text, copied, user_end + 1 - copied);
        out += "***@";
        copied = pos = at + 1;
    }
    return out.append(text, copied, std::string::npos);
}

DatabaseUrl DatabaseUrl::parse(const std::string& text) {
    DatabaseUrl url;
    size_t sep = text.find("://");
    if (sep == std::string::npos || sep == 0) fail(text, "no scheme");
    std::string scheme = text.substr(0, sep);
    for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Accept SQLAlchemy-style driver suffixes (postgresql+psycopg2://): the driver is ours.
    std::string base = scheme.substr(0, scheme.find('+'));
    std::string rest = text.substr(sep + 3);
    if (base == "sqlite" || base == "sqlite3") {
        url.dialect_ = "sqlite";
        if (rest.empty() || rest == "/")
            fail(text, "no database file (write sqlite:///:memory: for a database in memory)");
        if (rest == "/:memory:") {
            url.path_ = ":memory:";
            return url;
        }
        if (rest[0] != '/') fail(text, "a SQLite URL has three slashes before a relative path");
        url.path_ = rest.substr(1);
        size_t q = url.path_.find('?');
        if (q != std::string::npos) url.path_ = url.path_.substr(0, q);
        if (url.path_.empty()) fail(text, "no database file");
        return url;
    }
    if (base != "postgresql" && base != "postgres")
        fail(text, "unknown database kind '" + scheme + "'; use sqlite or postgresql");
    url.dialect_ = "postgresql";
    std::string query;
    size_t q = rest.find('?');
    if (q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    size_t slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    bool ok = true;
    if (slash != std::string::npos) url.database_ = percent_decode(rest.substr(slash + 1), &ok);
    size_t at = authority.rfind('@');
    std::string hostport = authority;
    if (at != std::string::npos) {
        std::string userinfo = authority.substr(0, at);
        hostport = authority.substr(at + 1);
        size_t colon = userinfo.find(':');
        url.user_ = percent_decode(userinfo.substr(0, colon), &ok);
        if (colon != std::string::npos)
            url.password_ = percent_decode(userinfo.substr(colon + 1), &ok);
    }
    if (!hostport.empty() && hostport[0] == '[') {  // [::1]:5432
        size_t close = hostport.find(']');
        if (close == std::string::npos) fail(text, "unclosed '[' in host");
        url.host_ = hostport.substr(1, close - 1);
        hostport = hostport.substr(close + 1);
        if (!hostport.empty() && hostport[0] != ':') fail(text, "unexpected text after host");
        hostport = hostport.empty() ? "" : hostport.substr(1);
        if (!hostport.empty()) hostport = ":" + hostport;
    } else {
        size_t colon = hostport.rfind(':');
        url.host_ = percent_decode(hostport.substr(0, colon), &ok);
        hostport = colon == std::string::npos ? "" : hostport.substr(colon);
    }
    if (!hostport.empty()) {
        std::string digits = hostport.substr(1);
        if (digits.empty() || digits.size() > 5 ||
            digits.find_first_not_of("0123456789") != std::string::npos || std::stoi(digits) == 0 ||
            std::stoi(digits) > 65535)
            fail(text, "port '" + digits + "' is not a number from 1 to 65535");
        url.port_ = std::stoi(digits);
    }
    size_t start = 0;
    while (start < query.size()) {
        size_t amp = query.find('&', start);
        std::string pair = query.substr(start, amp - start);
        start = amp == std::string::npos ? query.size() : amp + 1;
        if (pair.empty()) continue;
        size_t eq = pair.find('=');
        if (eq == std::string::npos) fail(text, "query option '" + pair + "' has no '='");
        url.options_[percent_decode(pair.substr(0, eq), &ok)] =
            percent_decode(pair.substr(eq + 1), &ok);
    }
    if (!ok) fail(text, "bad percent-encoding");
    return url;
}

std::string DatabaseUrl::str() const {
    if (dialect_ == "sqlite") return "sqlite:///" + path_;
    std::string out = "postgresql://";
    if (!user_.empty() || password_) {
        out += user_;
        if (password_) out += ":***";
        out += "@";
    }
    if (host_.find(':') != std::string::npos)
        out += "[" + host_ + "]";
    else
        out += host_;
    if (port_) out += ":" + std::to_string(*port_);
    out += "/" + database_;
    char sepc = '?';
    for (const auto& [k, v] : options_) {
        out += sepc + k + "=" + v;
        sepc = '&';
    }
    return out;
}

}  // namespace migrate::orm
