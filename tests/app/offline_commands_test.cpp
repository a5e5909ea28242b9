// The small `meter` program decides from argv alone which command lines it runs: its list of
// commands must be exactly what it registers, and the line must name one of them first.
#include "app/offline_commands.h"

#include <gmock/gmock.h>

#include <functional>
#include <sstream>

#include "i18n/i18n.h"

namespace meter {
namespace {

using ::testing::UnorderedElementsAreArray;

// The path of every command under `app` that has no subcommands ("score", "instrument diff").
void LeafPaths(const CLI::App& app, const std::string& prefix, std::vector<std::string>& paths) {
  for (const CLI::App* sub : app.get_subcommands({})) {
    const std::string path = prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name();
    if (sub->get_subcommands({}).empty()) {
      paths.push_back(path);
    } else {
      LeafPaths(*sub, path, paths);
    }
  }
}

TEST(OfflineCommands, TheListIsWhatTheSmallProgramRegisters) {
  std::ostringstream out, err;
  const Catalogs catalogs(LocaleDirectory());
  const Context context{out, err, "en", catalogs.For("en")};
  CLI::App root{"meter", "meter"};
  ConfigState config{&root, {}, nullptr};
  CommandRegistry registry;
  RegisterOfflineCommands(root, context, config, registry);
  std::vector<std::string> registered;
  LeafPaths(root, "", registered);
  EXPECT_THAT(registered, UnorderedElementsAreArray(OfflineCommandPaths()));
}

bool Offline(std::vector<const char*> args) {
  args.insert(args.begin(), "meter");
  return IsOfflineCommandLine(static_cast<int>(args.size()), args.data());
}

TEST(OfflineCommands, OnlyALineThatNamesAnOfflineCommandFirstRunsInTheSmallProgram) {
  EXPECT_TRUE(Offline({"score", "--instrument", "a.yaml", "--answers", "b.csv"}));
  EXPECT_TRUE(Offline({"score", "--lang", "fr", "--help"}));
  EXPECT_TRUE(Offline({"template", "--instrument", "a.yaml"}));
  EXPECT_TRUE(Offline({"instrument", "diff", "a.yaml", "b.yaml"}));
  EXPECT_FALSE(Offline({}));
  EXPECT_FALSE(Offline({"serve"}));
  EXPECT_FALSE(Offline({"--help"}));
  EXPECT_FALSE(Offline({"--lang", "fr", "score"}));  // an option before the command
  EXPECT_FALSE(Offline({"instrument"}));
  EXPECT_FALSE(Offline({"instrument", "stats", "--db", "sqlite:x"}));
  EXPECT_FALSE(Offline({"instrument", "--help"}));
  EXPECT_FALSE(Offline({"scorex"}));
  EXPECT_FALSE(Offline({"score", "--version"}));
  EXPECT_FALSE(Offline({"score", "--config", "m.yaml"}));
  EXPECT_FALSE(Offline({"score", "--config=m.yaml"}));
}

}  // namespace
}  // namespace meter
