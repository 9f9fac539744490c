// myapp: an application with a command line of its own, one of whose commands is migrate's.
// `myapp db ARGS...` runs `migrate ARGS...` on the schema of schema.cpp. See docs/library.md.
#include <iostream>
#include <string>

#include "cli/cli.h"
#include "schema.h"

namespace {

int usage(std::ostream& out, int exit_code) {
    out << "usage: myapp db COMMAND [ARGS...]   the database's schema (`myapp db --help`)\n"
           "       myapp --help\n";
    return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string command = argc > 1 ? argv[1] : "";
    if (command == "db") {
        migrate::cli::Options options;
        options.program_name = "myapp db";  // in usage lines and help
        options.models = myapp::schema;     // instead of a models.yaml
        // argv[1] ("db") stands for the program's name: migrate reads what follows it.
        return migrate::cli::run(argc - 1, argv + 1, options);
    }
    if (command == "--help" || command == "-h") return usage(std::cout, 0);
    return usage(std::cerr, 2);
}
