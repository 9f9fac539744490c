// The `migrate` executable's way to open a PostgreSQL connection: load the module
// `migrate-postgresql.so` (which links libpq) on first use; see orm/postgresql/open_connection.h.
// Linked into the executable only: it takes the place of orm/postgresql/open_connection.cpp.

#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "orm/error.h"
#include "orm/postgresql/open_connection.h"

namespace migrate::orm::postgresql {
namespace {

namespace fs = std::filesystem;

// Where the module may be: beside the executable (a build tree), then where `cmake --install`
// puts it relative to the executable's folder, then the configured install folder.
std::vector<fs::path> candidates() {
    std::vector<fs::path> out;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        out.push_back(exe.parent_path() / MIGRATE_POSTGRESQL_MODULE);
        out.push_back(exe.parent_path() / MIGRATE_MODULE_RELDIR / MIGRATE_POSTGRESQL_MODULE);
    }
    out.push_back(fs::path(MIGRATE_MODULE_DIR) / MIGRATE_POSTGRESQL_MODULE);
    return out;
}

OpenConnectionFn load() {
    std::string tried;
    for (const fs::path& path : candidates()) {
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            tried += "\n  " + path.lexically_normal().string() + ": not there";
            continue;
        }
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* why = dlerror();
            tried += "\n  " + path.lexically_normal().string() + ": " + (why ? why : "?");
            continue;
        }
        if (void* fn = dlsym(handle, "migrate_postgresql_open"))
            return reinterpret_cast<OpenConnectionFn>(fn);
        tried += "\n  " + path.lexically_normal().string() + ": no migrate_postgresql_open";
    }
    throw ConnectionError(
        "PostgreSQL support could not be loaded: the module " MIGRATE_POSTGRESQL_MODULE
        " (which links libpq) was not found or did not load:" +
        tried +
        "\nReinstall migrate (the module ships with it), or install libpqxx and libpq "
        "(Debian: libpqxx-6.4 libpq5).");
}

}  // namespace

std::unique_ptr<Connection> open_connection(const Dialect& dialect, const DatabaseUrl& url) {
    static const OpenConnectionFn open = load();  // a failed load throws and retries next time
    return std::unique_ptr<Connection>(open(dialect, url));
}

}  // namespace migrate::orm::postgresql
