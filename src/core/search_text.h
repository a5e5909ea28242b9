// Text for full-text search in any of the six UN languages, normalised here so that every store
// engine indexes and queries the same words: SQLite's FTS5 and PostgreSQL's tsvector then only
// split at spaces, and neither depends on the database's locale or on what its tokenizer knows of
// Chinese or Arabic.
//
// The normalisation, the same for a document and for a query:
// - letters are lower case (Latin, Greek, Cyrillic), Latin letters lose their accents ("É" → "e",
//   "ß" → "ss"), Russian "ё" is "е", full-width Latin letters and digits are plain ASCII;
// - Arabic loses its diacritics (the harakat U+064B–U+065F, the superscript alef U+0670, Quranic
//   marks) and the tatweel U+0640, the alef forms أ إ آ ٱ are ا, and Arabic-Indic digits are 0–9;
// - format characters (soft hyphen, zero-width joiners, direction marks) are dropped, and
//   punctuation, symbols and spaces of every script separate words;
// - Chinese (and Japanese) text, which has no spaces, is split into overlapping pairs of
//   characters (bigrams): "电子政务" → "电子 子政 政务". A document also holds each character
//   alone, so that a query of one character finds the documents that contain it.
//
// Pure functions; thread-safe. Invalid UTF-8 bytes separate words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace meter {

// The version of the normalisation. A stored search document made by another version is made
// again (the store does it when it opens a database), so that queries and documents always agree.
inline constexpr int kSearchTextVersion = 1;

// The words of `text` for a search index, separated by single spaces ("" when it has none).
std::string SearchDocument(std::string_view text);

// The words of what someone typed in a search box, normalised as SearchDocument does, for a
// query in which every word must match: split at white space, words without a letter or digit
// dropped, at most 16 typed words of at most 100 bytes (longer ones are dropped), and at most 32
// words in all. A typed word may give several ("gov.br" → "gov", "br"; "电子政务" → its three
// bigrams; a single Chinese character stays one word). Never fails; empty means "search for
// nothing". The words hold only letters and digits: no input is query syntax for either engine.
std::vector<std::string> SearchQueryWords(std::string_view query);

}  // namespace meter
