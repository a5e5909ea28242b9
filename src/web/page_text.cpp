#include "web/page_text.h"

#include "core/languages.h"
#include "i18n/i18n.h"

namespace meter {

std::string LanguageAttributes(std::string_view text_lang, std::string_view page_lang) {
  if (text_lang == page_lang) return "";
  return " lang=\"" + std::string(text_lang) + "\" dir=\"" + TextDirection(text_lang) + "\"";
}

TemplateData LanguageItem(const std::string& code) {
  TemplateData out;
  out.set("code", code);
  out.set("name", LanguageNameInItself(code));
  out.set("dir", TextDirection(code));
  return out;
}

void SetText(TemplateData& data, const std::string& key, const LocalizedText& text,
             const std::string& page_lang) {
  const LocalizedText::Shown shown = text.Show(page_lang);
  data.set(key, shown.text);
  data.set(key + "_attrs", LanguageAttributes(shown.lang, page_lang));
}

}  // namespace meter
