// The properties the fuzz targets check, one function per parser that reads untrusted text.
//
// Each Check* function feeds `input` to the parser as the application would and returns "" when
// every property holds, or a sentence saying which one broke. A crash, a sanitizer report or a
// timeout inside the parser is a finding too; it does not return then. The same functions serve
// the libFuzzer targets (tests/fuzz/fuzz_target.cpp, which abort on a broken property) and the
// regression test (tests/fuzz/fuzz_regressions_test.cpp, which replays every saved finding), so a
// finding is replayed exactly as it was found.
//
// The fixed inputs (METER 2.0, METER 3.0 draft, the UN member states, the sample groups) are read
// from METER_SOURCE_DIR once, on first use; a missing or invalid one aborts, as a broken setup.
// Thread-safe after that first use (the fixtures are immutable); libFuzzer calls from one thread.
#pragma once

#include <string>
#include <string_view>

namespace meter::fuzz {

// LoadInstrument(input, name): a valid instrument or kInvalidInput with placed problems; a valid
// instrument also scores an empty answer sheet.
std::string CheckInstrument(std::string_view input);

// ParseAnswersCsv(input) against METER 2.0, with and without the sample's declared groups, and
// ParseGroupsCsv(input): a sheet or kInvalidInput with placed problems; a sheet also scores.
// ParseEgdiCsv(input) too: member states' rows with figures in [0, 1], or placed problems.
std::string CheckAnswersCsv(std::string_view input);

// The web layer's decoders: ParseForm (request bodies and query strings, and through it the path
// segments), CookieValue and IsLocalPath. A form's names and values are UTF-8 and survive
// UrlEncode → ParseForm unchanged; a local path cannot leave the site; a cookie value is a part of
// the header.
std::string CheckForm(std::string_view input);

// ParseKnowledgeEntry against METER 3.0 draft and the member states, and MarkdownToHtml of the
// whole input and of a parsed entry's body: the HTML is safe (HtmlSafetyProblem), and a parsed
// entry survives FormatKnowledgeEntry → ParseKnowledgeEntry unchanged. The search text of the
// input (core/search_text.h) is valid UTF-8 words, and its query words hold no query syntax.
std::string CheckKnowledge(std::string_view input);

// Issue 14: ReadXlsxSheets(input) (libzip + pugixml): a workbook whose rows and cells are sorted
// and placed, or kInvalidInput whose every problem is placed (`workbook` or `Sheet!C5`); a
// workbook is then read as METER 2.0 offline answers of round 5, respondent 9, which gives one
// answer per statement with a valid place, or placed problems.
std::string CheckXlsx(std::string_view input);

// "" when `html`, an output of MarkdownToHtml, holds only the tags cmark writes for Markdown (no
// raw HTML from the input: every '<' starts one of them) and no link or image to a javascript:,
// vbscript:, file: or non-image data: URL; else the first problem found.
std::string HtmlSafetyProblem(std::string_view html);

}  // namespace meter::fuzz
