// `meter template --instrument FILE [--out FILE] [--respondent ID] [--group NAME]`: a blank answers
// CSV with one row per statement and the statement's text beside it, for a respondent to fill in.
#pragma once

#include <string>

#include "app/command.h"

namespace meter {

class TemplateCommand : public Command {
 public:
  CLI::App* Register(CLI::App& parent, const Context& context) override;
  int Run(const Context& context) override;

 private:
  std::string instrument_;
  std::string out_;
  std::string respondent_;
  std::string group_;
};

}  // namespace meter
