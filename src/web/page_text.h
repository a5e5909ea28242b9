// Instrument text on a page. A text is shown in the reader's language when the instrument has it
// and its translation is current; otherwise in English (core/text.h, LocalizedText::Show). A
// fragment in another language than the page must say so, for screen readers (pronunciation),
// browsers (hyphenation, fonts) and the layout (direction): SetText gives the template the text as
// `key` and, as `key_attrs`, the attributes to write inside its element's start tag — empty when
// the fragment is in the page's language, else ` lang="en" dir="ltr"`. Templates write
// `<p{{{key_attrs}}}>{{key}}</p>`; the attributes are METER's own and never hold user input.
#pragma once

#include <string>
#include <string_view>

#include "core/text.h"
#include "web/templates.h"

namespace meter {

// ` lang="xx" dir="ltr|rtl"` for a fragment in `text_lang` on a page in `page_lang`; "" when they
// are the same.
std::string LanguageAttributes(std::string_view text_lang, std::string_view page_lang);

// A language as a menu or list shows it: "code", "name" (in itself: "Français") and "dir", for
// `<a lang="{{code}}" dir="{{dir}}">{{name}}</a>` and the like. Callers add their own flags.
TemplateData LanguageItem(const std::string& code);

void SetText(TemplateData& data, const std::string& key, const LocalizedText& text,
             const std::string& page_lang);

}  // namespace meter
