#include "migrations_engine/api/schema.h"

#include <filesystem>
#include <fstream>

#include "migrations_engine/schema_tools.h"
#include "orm/error.h"
#include "orm/model_cpp_writer.h"
#include "orm/model_file.h"

namespace migrate::engine {
namespace {

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    if (!(out << text) || !out.flush())
        throw InputError(SourceLocation{path}, "cannot write the C++ source");
}

}  // namespace

ReflectResult reflect(const Project& project, const ReflectRequest& request) {
    orm::ReflectOptions options = request.reflect;
    if (options.schemas.empty()) options.schemas = project.config.include.schemas;
    if (!request.output.empty() && !request.force && std::filesystem::exists(request.output))
        throw UsageError("'" + request.output +
                         "' exists; reflect does not overwrite files. Pass --force to replace it, "
                         "or choose another -o path.");
    auto conn = connect(project, /*must_exist=*/true);
    ReflectResult result;
    result.schema = reflect_models(*conn, request.tables, project.config.version_table, options);
    if (request.tables.empty()) result.hint = schema_hint(result.schema, options);
    const orm::MetaData& models = result.schema.metadata;
    const bool cpp = request.format == ModelFormat::kCpp;
    result.text = cpp ? orm::write_models_cpp(models, request.function) : orm::write_models(models);
    if (request.output.empty()) return result;
    if (cpp)
        write_text(request.output, result.text);
    else
        orm::write_models_file(models, request.output);
    return result;
}

InspectResult inspect(const Project& project, const InspectRequest& request) {
    orm::ReflectOptions options = request.reflect;
    if (options.schemas.empty()) options.schemas = project.config.include.schemas;
    const orm::DatabaseUrl url = database_url(project);
    auto conn = connect(project, /*must_exist=*/true);
    InspectResult result;
    result.schema = inspect_schema(*conn, request.tables, project.config.version_table, options);
    if (request.tables.empty()) result.hint = schema_hint(result.schema, options);
    result.database = url.str();
    result.dialect = conn->dialect().name();
    return result;
}

CreateAllResult create_all(const Project& project) {
    const orm::MetaData models = load_models(project);
    auto conn = connect(project, /*must_exist=*/false);
    orm::CreateAllResult r = orm::create_all(*conn, models);
    return {database_url(project).str(), std::move(r.created), std::move(r.existing)};
}

DropAllResult drop_all(const Project& project, const DropAllRequest& request) {
    const orm::MetaData models = load_models(project);
    std::vector<std::string> names;
    for (const auto& t : models.tables) names.push_back(t.qualified_name());
    auto conn = connect(project, /*must_exist=*/true);
    if (request.confirm) request.confirm(names);
    orm::DropAllResult r = orm::drop_all(*conn, models);
    return {database_url(project).str(), std::move(r.dropped), std::move(r.absent)};
}

}  // namespace migrate::engine
