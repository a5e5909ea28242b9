// A refused form, shown again: its problems in the caller's language, grouped by the field each
// names, for the USWDS error pattern (the message beside the field, aria-describedby to it).
#include "web/web_app_impl.h"

namespace meter {

std::map<std::string, std::string> WebApp::Impl::FieldErrors(const Call& call,
                                                             const std::vector<Problem>& problems) {
  const Translator translate = TranslatorFor(call.locale);
  std::map<std::string, std::string> out;
  for (const Problem& p : problems) {
    Problem bare = p;
    bare.where.clear();  // the field is where the message stands, so it need not name it
    std::string& text = out[p.where];
    text += (text.empty() ? "" : " ") + Render(bare, translate);
  }
  return out;
}

}  // namespace meter
