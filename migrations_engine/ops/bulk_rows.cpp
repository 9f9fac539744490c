#include "migrations_engine/ops/bulk_rows.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

namespace migrate::engine {
namespace {

enum Tag : char { kNull, kFalse, kTrue, kInteger, kReal, kText };

constexpr size_t kChunkBytes = size_t{1} << 20;

template <typename T>
T read_raw(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

}  // namespace

BulkRows::BulkRows(std::initializer_list<Row> rows) {
    for (const Row& r : rows) push_back(r);
}

uint32_t BulkRows::column_set(const std::vector<std::string>& columns) {
    // Consecutive rows mostly share their columns: check the last row's set first.
    if (!row_set_.empty() && column_sets_[row_set_.back()] == columns) return row_set_.back();
    auto [it, fresh] = set_index_.emplace(columns, static_cast<uint32_t>(column_sets_.size()));
    if (fresh) column_sets_.push_back(columns);
    return it->second;
}

void BulkRows::append(const orm::Value& value) {
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                scratch_ += kNull;
            } else if constexpr (std::is_same_v<T, bool>) {
                scratch_ += v ? kTrue : kFalse;
            } else if constexpr (std::is_same_v<T, std::string>) {
                scratch_ += kText;
                const uint64_t n = v.size();
                scratch_.append(reinterpret_cast<const char*>(&n), sizeof n);
                scratch_ += v;
            } else {
                if constexpr (std::is_same_v<T, double>)
                    if (!std::isfinite(v) && !non_finite_) non_finite_ = v;
                scratch_ += std::is_same_v<T, double> ? kReal : kInteger;
                scratch_.append(reinterpret_cast<const char*>(&v), sizeof v);
            }
        },
        value);
}

void BulkRows::push_back(const Row& row) {
    std::vector<std::string> columns;
    std::vector<orm::Value> values;
    for (const auto& [name, value] : row) {
        columns.push_back(name);
        values.push_back(value);
    }
    add(columns, values);
}

void BulkRows::add(const std::vector<std::string>& columns, const std::vector<orm::Value>& values) {
    add_row(column_set(columns), values);
}

void BulkRows::add_like_last(const std::vector<orm::Value>& values) {
    add_row(row_set_.back(), values);
}

void BulkRows::add_row(uint32_t set, const std::vector<orm::Value>& values) {
    scratch_.clear();
    for (const orm::Value& v : values) append(v);
    // A row never spans two chunks; one larger than a chunk gets a chunk of its own.
    if (chunks_.empty() || chunks_.back().size() + scratch_.size() > chunks_.back().capacity()) {
        chunks_.emplace_back();
        chunks_.back().reserve(std::max(kChunkBytes, scratch_.size()));
    }
    row_set_.push_back(set);
    row_at_.push_back((uint64_t{chunks_.size() - 1} << 32) | chunks_.back().size());
    chunks_.back() += scratch_;
}

void BulkRows::shrink_to_fit() {
    if (!chunks_.empty()) chunks_.back().shrink_to_fit();
    row_set_.shrink_to_fit();
    row_at_.shrink_to_fit();
    scratch_.clear();
    scratch_.shrink_to_fit();
}

void BulkRows::values(size_t i, std::vector<orm::Value>* out) const {
    const size_t n = columns(i).size();
    out->resize(n);
    const char* p = chunks_[row_at_[i] >> 32].data() + (row_at_[i] & 0xffffffffu);
    for (size_t k = 0; k < n; ++k) {
        const char tag = *p++;
        switch (tag) {
            case kNull:
                (*out)[k] = nullptr;
                break;
            case kFalse:
            case kTrue:
                (*out)[k] = tag == kTrue;
                break;
            case kInteger:
                (*out)[k] = read_raw<std::int64_t>(p);
                p += 8;
                break;
            case kReal:
                (*out)[k] = read_raw<double>(p);
                p += 8;
                break;
            default: {
                const auto len = read_raw<uint64_t>(p);
                p += 8;
                (*out)[k] = std::string(p, len);
                p += len;
            }
        }
    }
}

BulkRows::Row BulkRows::operator[](size_t i) const {
    std::vector<orm::Value> vals;
    values(i, &vals);
    Row row;
    const auto& names = columns(i);
    for (size_t k = 0; k < names.size(); ++k) row.emplace(names[k], std::move(vals[k]));
    return row;
}

bool BulkRows::operator==(const BulkRows& o) const {
    if (size() != o.size()) return false;
    for (size_t i = 0; i < size(); ++i)
        if ((*this)[i] != o[i]) return false;
    return true;
}

}  // namespace migrate::engine
