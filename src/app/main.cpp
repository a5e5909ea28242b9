// The `meter` executable: see docs/cli.md.
#include <iostream>

#include "app/cli.h"

int main(int argc, char** argv) { return meter::RunCli(argc, argv, std::cout, std::cerr); }
