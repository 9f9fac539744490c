/// The `migrate` executable: the command line of cli/cli.h with nothing embedded.

#include "cli/cli.h"

int main(int argc, char** argv) { return migrate::cli::run(argc, argv); }
