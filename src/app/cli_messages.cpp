#include "app/cli_messages.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include "i18n/i18n.h"

namespace meter {
namespace {

constexpr const char* kPlaceholder = "command-line help: the kind of value an option takes";

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// `text` split at the first `separator`: {before, after}; {text, ""} when it is not there.
std::pair<std::string, std::string> SplitAt(const std::string& text, const std::string& separator) {
  const size_t at = text.find(separator);
  if (at == std::string::npos) return {text, ""};
  return {text.substr(0, at), text.substr(at + separator.size())};
}

long Number(const std::string& text) {
  try {
    return std::stol(text);
  } catch (const std::exception&) {
    return 0;
  }
}

class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(std::locale locale) : locale_(std::move(locale)) {
    for (const char* key : {"TEXT", "INT", "UINT", "FLOAT", "BOOLEAN"}) Label(key);
    label("OPTIONS", TrC(locale_, "command-line help: usage line", "OPTIONS"));
    label("SUBCOMMAND", TrC(locale_, "command-line help: usage line", "SUBCOMMAND"));
    label("SUBCOMMANDS", TrC(locale_, "command-line help: usage line", "SUBCOMMANDS"));
    label("REQUIRED", TrC(locale_, "command-line help: an option that must be given", "REQUIRED"));
  }

  // As CLI11's, with the kind of value translated when a check adds to it ("TEXT:{a,b}").
  std::string make_option_opts(const CLI::Option* opt) const override {
    std::string out = CLI::Formatter::make_option_opts(opt);
    const std::string type = opt->get_type_name();
    const size_t colon = type.find(':');
    if (colon == std::string::npos) return out;
    const std::string word = " " + type.substr(0, colon) + ":";
    const size_t at = out.find(word);
    if (at != std::string::npos)
      out.replace(at, word.size(), " " + get_label(word.substr(1, word.size() - 2)) + ":");
    return out;
  }

  std::string make_group(std::string group, bool is_positional,
                         std::vector<const CLI::Option*> opts) const override {
    std::stringstream out;
    out << "\n" << Heading(group) << "\n";
    for (const CLI::Option* opt : opts) out << make_option(opt, is_positional);
    return out.str();
  }

  // As CLI11's, with the group heading translated.
  std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override {
    std::stringstream out;
    std::vector<std::string> groups;
    for (const CLI::App* sub : app->get_subcommands({})) {
      if (sub->get_name().empty()) continue;
      const std::string group = sub->get_group();
      bool seen = false;
      for (const std::string& g : groups)
        seen = seen || CLI::detail::to_lower(g) == CLI::detail::to_lower(group);
      if (!group.empty() && !seen) groups.push_back(group);
    }
    for (const std::string& group : groups) {
      out << "\n" << Heading(group) << "\n";
      for (const CLI::App* sub : app->get_subcommands({})) {
        if (sub->get_name().empty() ||
            CLI::detail::to_lower(sub->get_group()) != CLI::detail::to_lower(group)) {
          continue;
        }
        if (mode != CLI::AppFormatMode::All) {
          out << make_subcommand(sub);
        } else {
          out << sub->help(sub->get_name(), CLI::AppFormatMode::Sub) << "\n";
        }
      }
    }
    return out.str();
  }

  // "Usage: meter [OPTIONS] SUBCOMMAND" as one sentence, so that a language can order or
  // punctuate it its own way.
  std::string make_usage(const CLI::App* app, std::string name) const override {
    std::string line = name;
    if (!app->get_options([](const CLI::Option* opt) { return opt->nonpositional(); }).empty()) {
      line += " [" + get_label("OPTIONS") + "]";
    }
    for (const CLI::Option* opt :
         app->get_options([](const CLI::Option* opt) { return opt->get_positional(); })) {
      line += " " + make_option_usage(opt);
    }
    const auto subs = app->get_subcommands(
        [](const CLI::App* sub) { return !sub->get_disabled() && !sub->get_name().empty(); });
    if (!subs.empty()) {
      const bool optional = app->get_require_subcommand_min() == 0;
      const bool several =
          !(app->get_require_subcommand_max() < 2 || app->get_require_subcommand_min() > 1);
      line += std::string(" ") + (optional ? "[" : "") +
              get_label(several ? "SUBCOMMANDS" : "SUBCOMMAND") + (optional ? "]" : "");
    }
    return Substitute(Tr(locale_, "Usage: {1}"), {line}) + "\n";
  }

 private:
  void Label(const char* key) { label(key, TrC(locale_, kPlaceholder, key)); }

  // The heading of a group of options or subcommands, with its colon.
  std::string Heading(const std::string& group) const {
    if (group == "Options") return Tr(locale_, "Options:");
    if (group == "Positionals") return Tr(locale_, "Positionals:");
    if (group == "Subcommands") return Tr(locale_, "Subcommands:");
    return group + ":";  // a group METER named itself, already in the user's language
  }

  std::locale locale_;
};

// One sentence for the error; `what` is CLI11's English.
std::string ErrorSentence(const Context& c, const CLI::App& app, const CLI::Error& error) {
  const std::string what = error.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
    // The arguments in the order they were typed (CLI11 lists them backwards).
    std::string args;
    const std::vector<std::string> extra = app.remaining(true);
    for (const std::string& a : extra) args += (args.empty() ? "" : " ") + a;
    long n = static_cast<long>(extra.size());
    if (extra.empty()) {
      args = SplitAt(what, ": ").second;
      n = StartsWith(what, "The following argument was") ? 1 : 2;
    }
    return Substitute(c.TranslateN("The following argument was not expected: {1}",
                                   "The following arguments were not expected: {1}", n),
                      {args});
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error)) {
    if (what == "A subcommand is required") return c.Translate("A subcommand is required");
    if (StartsWith(what, "Requires at least ") && EndsWith(what, " subcommands")) {
      const long n = Number(what.substr(18));
      return Substitute(c.TranslateN("At least {1} subcommand is required",
                                     "At least {1} subcommands are required", n),
                        {std::to_string(n)});
    }
    if (EndsWith(what, " is required") && what.find(' ') == what.size() - 12) {
      return Substitute(c.Translate("{1} is required"), {what.substr(0, what.size() - 12)});
    }
  }
  if (dynamic_cast<const CLI::ConversionError*>(&error)) {
    if (StartsWith(what, "The value ")) {
      auto [value, name] = SplitAt(what.substr(10), " is not an allowed value for ");
      return Substitute(c.Translate("{1} is not an allowed value for {2}"), {value, name});
    }
    if (StartsWith(what, "Could not convert: ")) {
      auto [name, value] = SplitAt(what.substr(19), " = ");
      return Substitute(c.Translate("{2} is not a valid value for {1}"), {name, value});
    }
    if (EndsWith(what, ": too many inputs for a flag")) {
      return Substitute(c.Translate("{1} is a flag: it takes no value"),
                        {SplitAt(what, ": ").first});
    }
    if (EndsWith(what, ": Should be true/false or a number")) {
      return Substitute(c.Translate("{1} must be true, false or a number"),
                        {SplitAt(what, ": ").first});
    }
  }
  if (dynamic_cast<const CLI::ValidationError*>(&error)) {
    auto [name, problem] = SplitAt(what, ": ");
    auto [value, set] = SplitAt(problem, " not in ");
    if (!set.empty()) {
      return Substitute(c.Translate("{2} is not a value of {1}; use one of {3}"),
                        {name, value, set});
    }
    return Substitute(c.Translate("the value of {1} is not valid: {2}"), {name, problem});
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) {
    for (const bool exactly : {true, false}) {
      const std::string kind = exactly ? "Expected exactly " : "Expected at least ";
      if (!StartsWith(what, kind)) continue;
      auto [count, rest] = SplitAt(what.substr(kind.size()), " arguments to ");
      auto [name, got] = SplitAt(rest, ", got ");
      const long n = Number(count);
      return Substitute(exactly ? c.TranslateN("{2} needs exactly {1} value, not {3}",
                                               "{2} needs exactly {1} values, not {3}", n)
                                : c.TranslateN("{2} needs at least {1} value, not {3}",
                                               "{2} needs at least {1} values, not {3}", n),
                        {count, name, got});
    }
    auto [name, rest] = SplitAt(what, ": ");
    if (rest.find(" required ") != std::string::npos && EndsWith(rest, " missing")) {
      const long n = Number(rest);
      return Substitute(c.TranslateN("{2} needs {1} more value", "{2} needs {1} more values", n),
                        {std::to_string(n), name});
    }
    if (EndsWith(what, " was given a disallowed flag override")) {
      return Substitute(c.Translate("{1} takes no value"), {SplitAt(what, " was given").first});
    }
  }
  if (dynamic_cast<const CLI::RequiresError*>(&error)) {
    auto [name, other] = SplitAt(what, " requires ");
    return Substitute(c.Translate("{1} needs {2} too"), {name, other});
  }
  if (dynamic_cast<const CLI::ExcludesError*>(&error)) {
    auto [name, other] = SplitAt(what, " excludes ");
    return Substitute(c.Translate("{1} cannot be used with {2}"), {name, other});
  }
  if (dynamic_cast<const CLI::FileError*>(&error) &&
      EndsWith(what, " was not readable (missing?)")) {
    return Substitute(c.Translate("{1} cannot be read; is it missing?"),
                      {what.substr(0, what.size() - 28)});
  }
  if (dynamic_cast<const CLI::OptionNotFound*>(&error) && EndsWith(what, " not found")) {
    return Substitute(c.Translate("there is no option {1}"), {what.substr(0, what.size() - 10)});
  }
  // A message of CLI11 that METER does not expect: its English detail inside a translated sentence.
  return Substitute(c.Translate("the command line is not valid: {1}"), {what});
}

}  // namespace

std::shared_ptr<CLI::Formatter> TranslatedHelpFormatter(const Context& context) {
  return std::make_shared<HelpFormatter>(context.locale);
}

std::string TranslatedParseFailure(const Context& context, const CLI::App& app,
                                   const CLI::Error& error) {
  return ErrorSentence(context, app, error) + "\n" +
         Substitute(context.Translate("Run with {1} for more information."), {"--help"}) + "\n";
}

}  // namespace meter
