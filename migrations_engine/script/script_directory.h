#pragma once

/// The script directory: `<script_location>/versions/*.yaml` plus the project's revision
/// template (`<script_location>/script.yaml.mustache`, else the built-in one).

#include <memory>
#include <string>
#include <vector>

#include "migrations_engine/script/revision_file.h"
#include "migrations_engine/script/revision_graph.h"
#include "migrations_engine/script/revision_source.h"

namespace migrate::engine {

class ScriptDirectory {
  public:
    /// `root` is the script location; `file_template` names new files ({rev}, {slug}, {year},
    /// {month}, {day}, {hour}, {minute}, {second}).
    ScriptDirectory(std::string root, std::string file_template = "{rev}_{slug}");
    /// Revisions from `source` (an embedded set, say), with no folder: template_text() is the
    /// built-in template and write_revision() writes where source->writable_dir() says, or
    /// throws UsageError when it says nothing. `source` must not be null.
    explicit ScriptDirectory(std::shared_ptr<const RevisionSource> source);

    /// The script location; empty for a directory made from a source alone.
    const std::string& root() const { return root_; }
    const RevisionSource& source() const { return *source_; }
    std::string versions_dir() const;

    /// Reads every revision header (never the operations) from the source and builds the
    /// graph; each header keeps the source, for read_revision_file(header). Throws
    /// UsageError when the folder is missing (suggesting `migrate init`), InputError for a
    /// malformed file, GraphError for a broken graph.
    RevisionGraph load_graph() const;

    /// The path of revision `id` (as loaded by load_graph()).
    std::string path_of(const RevisionGraph& graph, const std::string& id) const;

    /// The template: the project's own copy if there is one, else the built-in one.
    std::string template_text() const;

    /// Writes a new revision file and returns its path. Never overwrites a file. `graph` is
    /// the project's graph (from load_graph()): the new revision is checked against it first,
    /// so that nothing is written when its id or a branch label is not allowed or taken, or a
    /// parent is unknown (GraphError, exit 2).
    std::string write_revision(const NewRevision& rev, const RevisionGraph& graph) const;

  private:
    std::string file_name(const NewRevision& rev) const;

    std::string root_;
    std::string file_template_;
    std::shared_ptr<const RevisionSource> source_;
};

}  // namespace migrate::engine
