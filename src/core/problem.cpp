#include "core/problem.h"

#include <cstdio>

#include "core/text.h"
#include "core/utf8.h"

namespace meter {

std::string Substitute(std::string_view text, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t close = text.find('}', i);
      if (close != std::string_view::npos && close > i + 1) {
        size_t n = 0;
        bool digits = true;
        for (size_t k = i + 1; k < close; ++k) {
          if (text[k] < '0' || text[k] > '9')
            digits = false;
          else
            n = n * 10 + static_cast<size_t>(text[k] - '0');
        }
        if (digits && n >= 1 && n <= args.size()) {
          out += args[n - 1];
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

std::string Translator::operator()(const std::string& singular, const std::string& plural,
                                   long n) const {
  if (plural_) return plural_(singular, plural, n);
  return n == 1 ? singular : plural;
}

Problem CountProblem(std::string where, PluralMessage message, long n,
                     std::vector<std::string> args) {
  Problem out{std::move(where), message.singular, std::move(args)};
  out.plural = message.plural;
  out.count = n;
  return out;
}

namespace {

// Whether ShownInAMessage escapes code point `c`: the C1 controls, the line and paragraph
// separators and the bidirectional controls (embeddings, overrides and isolates).
bool IsFormatCharacter(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string ShownInAMessage(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    char escaped[16];
    if (c == '\n' || c == '\t' || c == '\r') {
      out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
      out += escaped;
    } else if (const CodePoint p = c >= 0x80 ? DecodeUtf8At(text, i) : CodePoint{};
               p.length > 1 && IsFormatCharacter(p.value)) {
      std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(p.value));
      out += escaped;
      i += p.length - 1;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string Render(const Problem& problem, const Translator& translate, std::string_view lang) {
  const std::string text = !problem.plural.empty()
                               ? translate(problem.message, problem.plural, problem.count)
                           : translate ? translate(problem.message)
                                       : problem.message;
  std::vector<std::string> args = problem.args;
  for (size_t i = 0; i < args.size() && i < 32; ++i) {
    if (translate && (problem.translated_args >> i & 1u)) args[i] = translate(args[i]);
    if (problem.number_args >> i & 1u) args[i] = LocalizeNumber(args[i], lang);
    args[i] = ShownInAMessage(args[i]);
  }
  std::string out = problem.where.empty() ? std::string() : ShownInAMessage(problem.where) + ": ";
  return out + Substitute(text, args);
}

Error Error::Of(ErrorCode code, std::string where, std::string message,
                std::vector<std::string> args) {
  return Error{code, {Problem{std::move(where), std::move(message), std::move(args)}}};
}

Error Error::Of(ErrorCode code, std::string where, PluralMessage message, long n,
                std::vector<std::string> args) {
  return Error{code, {CountProblem(std::move(where), message, n, std::move(args))}};
}

std::string Error::ToString(const Translator& translate, std::string_view lang) const {
  std::string out;
  for (const Problem& p : problems) {
    if (!out.empty()) out += '\n';
    out += Render(p, translate, lang);
  }
  return out;
}

}  // namespace meter
