#pragma once

/// Where revision files come from: a folder on disk (`<script_location>/versions`), or a set
/// compiled into the application (CMake: `migrate_embed_revisions()`, see docs/library.md).
///
/// A source only lists and reads bytes; parsing, the graph and checksums are the same for every
/// source, so a revision embedded in a program has the checksum the CLI records for its file
/// (SHA-256 of the bytes, line endings normalised).

#include <memory>
#include <string>
#include <vector>

namespace migrate::engine {

class RevisionSource {
  public:
    virtual ~RevisionSource() = default;

    /// The revision files, sorted by name. Each name is what messages show and what read()
    /// takes: a path for a folder, `embedded:<file name>` for an embedded set. Throws
    /// UsageError when the source does not exist (a missing folder).
    virtual std::vector<std::string> list() const = 0;

    /// The bytes of `name` (from list()). Throws InputError naming it when it cannot be read.
    virtual std::string read(const std::string& name) const = 0;

    /// The folder new revision files are written to; empty when the source cannot take new
    /// files (an embedded set).
    virtual std::string writable_dir() const { return {}; }
};

/// The `*.yaml` files of a folder (hidden files skipped), read when asked.
class DirectoryRevisionSource : public RevisionSource {
  public:
    explicit DirectoryRevisionSource(std::string dir) : dir_(std::move(dir)) {}
    std::vector<std::string> list() const override;
    std::string read(const std::string& name) const override;
    std::string writable_dir() const override { return dir_; }

  private:
    std::string dir_;
};

/// Revision files held in memory: the embedded set, or files a program builds itself.
class MemoryRevisionSource : public RevisionSource {
  public:
    struct File {
        std::string name;   // the file name, e.g. `3f2a9c1b7d4e_create_cookies.yaml`
        std::string bytes;  // its content, exactly as on disk
    };
    /// Names are shown as `<prefix><name>`.
    explicit MemoryRevisionSource(std::vector<File> files, std::string prefix = "embedded:");
    std::vector<std::string> list() const override;
    /// Throws InputError for a name list() did not give.
    std::string read(const std::string& name) const override;

  private:
    std::vector<File> files_;
    std::string prefix_;
};

}  // namespace migrate::engine
