// `reflect --format cpp`: the C++ source written for every SQLite corpus schema, and for three
// PostgreSQL ones when a server is available, compiles against the orm library and, run, gives
// the MetaData that was reflected (compared as model YAML, which spells every field).
//
// All schemas go into one program, compiled once: a compile takes seconds, a schema's share of
// it much less.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace migrate::test {
namespace {

const std::vector<std::string> kPostgresSchemas = {"chinook-pg", "northwind-pg", "ejabberd-pg"};

struct Generated {
    std::string name;      // corpus name
    std::string function;  // the C++ function reflect wrote
    std::string yaml;      // `migrate reflect` of the same database
    std::unique_ptr<TestDatabase> db;
};

std::vector<CorpusSchema> schemas_to_test() {
    std::vector<CorpusSchema> out = corpus_schemas("sqlite");
    if (dialect_unavailable("postgresql")) return out;
    for (auto& s : corpus_schemas("postgresql"))
        for (const auto& name : kPostgresSchemas)
            if (s.name == name) out.push_back(s);
    return out;
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

TEST(ReflectCppTest, CorpusSchemasCompileAndGiveTheirReflection) {
    const std::vector<CorpusSchema> schemas = schemas_to_test();
    if (schemas.empty()) GTEST_SKIP() << "no corpus";
    TempDir dir;
    const std::string cwd = dir.path().string();
    std::vector<Generated> generated;
    std::string sources;
    for (const auto& s : schemas) {
        Generated g;
        g.name = s.name;
        g.function = "schema_" + std::to_string(generated.size());
        g.db = make_test_database(s.dialect);
        load_corpus_schema(s, *g.db, cwd);
        if (HasFatalFailure()) return;
        const std::vector<std::string> env = {"MIGRATE_URL=" + g.db->url(),
                                              "DATABASE_URL=", "MIGRATE_CONFIG="};
        CommandResult yaml = run_migrate({"reflect"}, cwd, env);
        ASSERT_EQ(yaml.exit_code, 0) << s.name << ": " << yaml.err;
        g.yaml = yaml.out;
        const std::string source = g.function + ".cpp";
        CommandResult cpp = run_migrate(
            {"reflect", "--format", "cpp", "--function", g.function, "-o", source}, cwd, env);
        ASSERT_EQ(cpp.exit_code, 0) << s.name << ": " << cpp.err;
        sources += " " + source;
        generated.push_back(std::move(g));
    }

    std::string main_cpp =
        "#include <cstring>\n#include <exception>\n#include <iostream>\n\n"
        "#include \"orm/model_file.h\"\n\n";
    for (const auto& g : generated) main_cpp += "migrate::orm::MetaData " + g.function + "();\n";
    main_cpp +=
        "\nint main(int argc, char** argv) {\n"
        "    struct Schema { const char* name; migrate::orm::MetaData (*make)(); };\n"
        "    const Schema all[] = {\n";
    for (const auto& g : generated)
        main_cpp += "        {\"" + g.name + "\", " + g.function + "},\n";
    main_cpp +=
        "    };\n"
        "    try {\n"
        "        for (const auto& s : all)\n"
        "            if (argc == 2 && std::strcmp(argv[1], s.name) == 0) {\n"
        "                std::cout << migrate::orm::write_models(s.make());\n"
        "                return 0;\n"
        "            }\n"
        "    } catch (const std::exception& e) {\n"
        "        std::cerr << e.what() << \"\\n\";\n"
        "        return 1;\n"
        "    }\n"
        "    return 2;\n"
        "}\n";
    write_file(dir.file("main.cpp"), main_cpp);

    const std::string compile =
        "cd " + shell_quote(cwd) + " && " MIGRATE_CXX " -std=c++17 -O0 -w -I" +
        shell_quote(MIGRATE_SOURCE_DIR) + " -o schemas main.cpp" + sources + " " +
        shell_quote(MIGRATE_ORM_LIBRARY) + " " MIGRATE_ORM_LINK_FLAGS " 2>compile.err";
    ASSERT_EQ(std::system(compile.c_str()), 0) << read_file(dir.file("compile.err"));

    for (const auto& g : generated) {
        const std::string run = "cd " + shell_quote(cwd) + " && ./schemas " + shell_quote(g.name) +
                                " >out.yaml 2>run.err";
        EXPECT_EQ(std::system(run.c_str()), 0) << g.name << ": " << read_file(dir.file("run.err"));
        EXPECT_EQ(read_file(dir.file("out.yaml")), g.yaml) << g.name;
    }
}

}  // namespace
}  // namespace migrate::test
