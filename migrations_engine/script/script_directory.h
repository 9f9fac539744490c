#pragma once

/// The script directory: `<script_location>/versions/*.yaml` plus the project's revision
/// template (`<script_location>/script.yaml.mustache`, else the built-in one).

#include <string>
#include <vector>

#include "migrations_engine/script/revision_file.h"
#include "migrations_engine/script/revision_graph.h"

namespace migrate::engine {

class ScriptDirectory {
  public:
    /// `root` is the script location; `file_template` names new files ({rev}, {slug}, {year},
    /// {month}, {day}, {hour}, {minute}, {second}).
    ScriptDirectory(std::string root, std::string file_template = "{rev}_{slug}");

    const std::string& root() const { return root_; }
    std::string versions_dir() const;

    /// Reads every revision header (never the operations) and builds the graph. Throws
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
};

}  // namespace migrate::engine
