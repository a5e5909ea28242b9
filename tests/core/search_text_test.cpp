// Search text in the six UN languages (core/search_text.h): what a document and a query become,
// so that both engines index and look up the same words. Table-driven: each row is a text and the
// document it must give.
#include "core/search_text.h"

#include <gmock/gmock.h>

namespace meter {
namespace {

using Words = std::vector<std::string>;

TEST(SearchText, DocumentsAreLowerCaseWordsWithoutAccentsOrDiacritics) {
  struct Case {
    const char* what;
    const char* text;
    const char* document;
  };
  for (const Case& c : std::vector<Case>{
           {"ASCII", "Digital  Identity, once-only (2019)!", "digital identity once only 2019"},
           {"French accents and ligatures", "Œuvre de l’État : données",
            "oeuvre de l etat donnees"},
           {"German and Nordic letters", "Straße Ærø Łódź", "strasse aero lodz"},
           {"Spanish", "¿Administración electrónica? ¡Sí!", "administracion electronica si"},
           {"Russian case and ё", "Электронное ПРАВИТЕЛЬСТВО, ещё",
            "электронное правительство еще"},
           {"Greek tonos", "Ψηφιακή Διακυβέρνηση", "ψηφιακη διακυβερνηση"},
           {"Arabic harakat and shadda", "الحُكُومَةُ الرَّقْمِيَّة", "الحكومة الرقمية"},
           {"Arabic tatweel", "الحكـــومة", "الحكومة"},
           {"Arabic alef forms", "أمن إدارة آلية ٱلقانون", "امن ادارة الية القانون"},
           {"Arabic punctuation and digits", "عام ٢٠١٩، والتحول؛ لماذا؟", "عام 2019 والتحول لماذا"},
           {"Chinese bigrams and characters", "电子政务", "电子 子政 政务 电 子 政 务"},
           {"Chinese punctuation separates runs", "数字政府，一网通办。",
            "数字 字政 政府 数 字 政 府 一网 网通 通办 一 网 通 办"},
           {"one character alone", "（税）", "税"},
           {"Chinese beside Latin and digits", "2019年gov.br平台", "2019 年 gov br 平台 平 台"},
           {"full-width Latin", "ＡＢＣ１２３", "abc123"},
           {"format characters dropped", "in\u00ADter\u200Bnet \u200Fمرحبا", "internet مرحبا"},
           {"decomposed accents", "Etat\u0301 e\u0301", "etat e"},
           {"invalid UTF-8 separates", "a\xFF\xC3z", "a z"},
           {"nothing", " -- !! ", ""},
       }) {
    EXPECT_EQ(SearchDocument(c.text), c.document) << c.what;
  }
}

TEST(SearchText, AQueryIsNormalisedAsTheDocumentsAreSoEveryFormFindsTheSameWords) {
  // With or without diacritics, any alef: the same words.
  EXPECT_EQ(SearchQueryWords("الحُكُومَةُ الرَّقْمِيَّة"), SearchQueryWords("الحكومة الرقمية"));
  EXPECT_EQ(SearchQueryWords("إدارة"), (Words{"ادارة"}));
  EXPECT_EQ(SearchQueryWords("DONNÉES Ёлка"), (Words{"donnees", "елка"}));
  // Chinese: the bigrams of a run, which a document of the same text holds; one character alone.
  EXPECT_EQ(SearchQueryWords("电子政务"), (Words{"电子", "子政", "政务"}));
  EXPECT_EQ(SearchQueryWords("税"), (Words{"税"}));
  const std::string document = SearchDocument("上海市推行电子政务");
  for (const std::string& word : SearchQueryWords("电子政务 税")) {
    EXPECT_EQ(document.find(word) != std::string::npos, word != "税") << word;
  }
  // Words of letters and digits only: nothing an engine reads as query syntax survives.
  EXPECT_EQ(SearchQueryWords("\"a\" OR b* NEAR(c) -d ^e title:f"),
            (Words{"a", "or", "b", "near", "c", "d", "e", "title", "f"}));
  EXPECT_EQ(SearchQueryWords("x x X"), (Words{"x"}));
  // At most 32 words in all, however many a long Chinese word gives: 33 different characters
  // (99 bytes, one typed word) give 32 bigrams.
  std::string run;
  for (char32_t c = 0x4E00; c < 0x4E00 + 33; ++c) {
    run += static_cast<char>(0xE0 | (c >> 12));
    run += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    run += static_cast<char>(0x80 | (c & 0x3F));
  }
  EXPECT_EQ(SearchQueryWords(run).size(), 32u);
  const Words capped = SearchQueryWords("first " + run);
  EXPECT_EQ(capped.size(), 32u);
  EXPECT_EQ(capped[0], "first");
  EXPECT_TRUE(SearchQueryWords("").empty());
}

}  // namespace
}  // namespace meter
