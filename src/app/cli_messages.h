// CLI11's own words in the user's language: the help's headings and placeholders, and the
// messages of a command line that does not parse. CLI11 writes them in English (help headings
// glued to a colon, errors as English sentences around the option's name); these give each one
// as a whole translated sentence with the option's name as a placeholder.
//
// Both borrow nothing after they return: the formatter keeps a copy of the locale.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "app/context.h"

namespace meter {

// A help formatter for `context`'s language: "Usage:", "Options:", "Subcommands:",
// "Positionals:" and the value placeholders (TEXT, INT…) from the catalog. Set it on the top
// app before adding subcommands, which inherit it.
std::shared_ptr<CLI::Formatter> TranslatedHelpFormatter(const Context& context);

// The message to print for a command line CLI11 refused with `error`, translated: one sentence
// naming the option or argument at fault, then where to find help. Ends with a newline.
std::string TranslatedParseFailure(const Context& context, const CLI::App& app,
                                   const CLI::Error& error);

}  // namespace meter
