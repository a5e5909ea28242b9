#include "web/templates.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "i18n/i18n.h"
#include "web/http.h"

namespace meter {

std::string TranslateTemplate(const std::string& source, const std::locale& locale) {
  static const std::string kOpen = "{{#t}}", kClose = "{{/t}}";
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = source.find(kOpen, pos);
    if (open == std::string::npos) break;
    const size_t close = source.find(kClose, open);
    if (close == std::string::npos) break;
    out.append(source, pos, open - pos);
    const std::string text = source.substr(open + kOpen.size(), close - open - kOpen.size());
    out += HtmlEscape(Tr(locale, text.c_str()));
    pos = close + kClose.size();
  }
  out.append(source, pos, std::string::npos);
  return out;
}

Result<std::unique_ptr<Templates>> Templates::Load(const std::string& directory) {
  static std::atomic<uint64_t> generations{0};
  auto templates = std::make_unique<Templates>();
  templates->generation_ = ++generations;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    kainjow::mustache::mustache parsed(text.str());
    if (!parsed.is_valid()) {
      return Error::Of(ErrorCode::kInvalidInput, entry.path().string(),
                       METER_N("the template does not parse: {1}"), {parsed.error_message()});
    }
    templates->sources_[entry.path().stem().string()] = text.str();
  }
  if (ec || templates->sources_.empty()) {
    return Error::Of(ErrorCode::kUnavailable, directory,
                     METER_N("no templates found in this folder"));
  }
  return templates;
}

std::string Templates::Render(const std::string& name, const TemplateData& data,
                              const std::locale& locale, const std::string& lang) const {
  using Parsed = std::unique_ptr<kainjow::mustache::mustache>;
  thread_local std::map<std::tuple<uint64_t, std::string, std::string>, Parsed> cache;
  Parsed& parsed = cache[{generation_, lang, name}];
  if (!parsed) {
    parsed =
        std::make_unique<kainjow::mustache::mustache>(TranslateTemplate(sources_.at(name), locale));
  }
  return parsed->render(data);
}

}  // namespace meter
