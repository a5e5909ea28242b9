#include "core/po_catalog.h"

#include <algorithm>
#include <set>

#include "core/text.h"
#include "core/utf8.h"

namespace meter {
namespace {

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) AppendDoubleQuoted(out, c);
  return out;
}

// "keyword "text"" — long texts and texts with line breaks as gettext writes them: an empty first
// string, then one string per line.
std::string Keyword(std::string_view keyword, std::string_view text) {
  const bool multi = text.find('\n') != std::string_view::npos && text.find('\n') + 1 < text.size();
  if (!multi) return std::string(keyword) + " \"" + Escape(text) + "\"\n";
  std::string out = std::string(keyword) + " \"\"\n";
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    out += "\"" + Escape(text.substr(start, end - start)) + "\"\n";
    start = end;
  }
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view file) : text_(text), file_(file) {}
  Result<PoCatalog> Run();

 private:
  enum class Field { kNone, kContext, kId, kText };
  void Comment(std::string_view line);
  void Keyword(std::string_view line);
  void Continue(std::string_view line);
  bool Unquote(std::string_view quoted, std::string& out);
  void Finish();
  void Problem(const char* message, std::vector<std::string> args = {}) {
    AtLine(line_no_, message, std::move(args));
  }
  void AtLine(size_t line, const char* message, std::vector<std::string> args = {}) {
    problems_.push_back({file_ + ":" + std::to_string(line), message, std::move(args)});
  }

  std::string_view text_;
  std::string file_;
  std::vector<meter::Problem> problems_;
  PoCatalog catalog_;
  PoEntry entry_;
  bool has_id_ = false, has_text_ = false, obsolete_ = false;
  Field field_ = Field::kNone;
  size_t line_no_ = 0;
  std::set<std::pair<std::string, std::string>> seen_;
  std::vector<std::pair<size_t, std::string>> text_pieces_;  // each msgstr string and its line
};

bool Parser::Unquote(std::string_view quoted, std::string& out) {
  if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"') {
    Problem(METER_N("expected a string in double quotes"));
    return false;
  }
  for (size_t i = 1; i + 1 < quoted.size(); ++i) {
    char c = quoted[i];
    if (c == '"') {
      Problem(METER_N("a double quote inside a string must be written \\\""));
      return false;
    }
    if (c != '\\') {
      out += c;
      continue;
    }
    if (i + 2 >= quoted.size()) {
      Problem(METER_N("the string ends with a lone backslash"));
      return false;
    }
    switch (quoted[++i]) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      default:
        Problem(METER_N("unknown escape '\\{1}' in a string"), {std::string(1, quoted[i])});
        return false;
    }
  }
  return true;
}

void Parser::Finish() {
  if (!has_id_) {
    if (!entry_.context.empty() || has_text_) Problem(METER_N("an entry without msgid"));
  } else if (!has_text_) {
    AtLine(entry_.line, METER_N("the entry has no msgstr"));
  } else if (!obsolete_) {
    if (entry_.id.empty() && entry_.context.empty()) {
      catalog_.header_line = entry_.line;
      for (const auto& [line, piece] : text_pieces_) {
        const size_t colon = piece.find(':');
        if (colon != std::string::npos) catalog_.header_lines.emplace(piece.substr(0, colon), line);
      }
      size_t start = 0;
      while (start < entry_.text.size()) {
        size_t end = entry_.text.find('\n', start);
        if (end == std::string::npos) end = entry_.text.size();
        const std::string line = entry_.text.substr(start, end - start);
        if (const size_t colon = line.find(':'); colon != std::string::npos) {
          size_t value = colon + 1;
          while (value < line.size() && line[value] == ' ') ++value;
          catalog_.header[line.substr(0, colon)] = line.substr(value);
        }
        start = end + 1;
      }
    } else if (!seen_.insert({entry_.context, entry_.id}).second) {
      AtLine(entry_.line, METER_N("a second entry with msgctxt '{1}'"), {entry_.context});
    } else {
      catalog_.entries.push_back(std::move(entry_));
    }
  }
  entry_ = PoEntry{};
  has_id_ = has_text_ = obsolete_ = false;
  field_ = Field::kNone;
}

void Parser::Comment(std::string_view line) {
  if (has_text_) Finish();
  if (line.rfind("#~", 0) == 0) {
    obsolete_ = true;  // an obsolete entry: kept by gettext tools, ignored here
    return;
  }
  if (entry_.line == 0) entry_.line = line_no_;
  if (line.rfind("#,", 0) == 0 && line.find("fuzzy") != std::string_view::npos) {
    entry_.fuzzy = true;
  } else if (line.rfind("#.", 0) == 0) {
    entry_.notes.emplace_back(line.substr(line.size() > 2 && line[2] == ' ' ? 3 : 2));
  } else if (line.rfind("#|", 0) == 0) {
    entry_.previous.emplace_back(line.substr(line.size() > 2 && line[2] == ' ' ? 3 : 2));
  }
}

void Parser::Keyword(std::string_view line) {
  const size_t space = line.find(' ');
  const std::string_view word = line.substr(0, space);
  const std::string_view rest = space == std::string_view::npos ? "" : line.substr(space + 1);
  if (word == "msgctxt" || (word == "msgid" && (has_text_ || has_id_))) {
    if (has_text_ || has_id_) Finish();
  }
  if (entry_.line == 0) entry_.line = line_no_;
  std::string value;
  if (word == "msgid_plural" || word.rfind("msgstr[", 0) == 0) {
    Problem(METER_N("plural entries are not used in instrument catalogs"));
    return;
  }
  if (word != "msgctxt" && word != "msgid" && word != "msgstr") {
    Problem(METER_N("unknown keyword '{1}'"), {ToValidUtf8(std::string(word))});
    return;
  }
  if (!Unquote(rest, value)) return;
  if (word == "msgctxt") {
    entry_.context = value;
    field_ = Field::kContext;
  } else if (word == "msgid") {
    entry_.id = value;
    has_id_ = true;
    field_ = Field::kId;
  } else if (!has_id_) {
    Problem(METER_N("msgstr without a msgid before it"));
  } else {
    entry_.text = value;
    text_pieces_ = {{line_no_, value}};
    has_text_ = true;
    field_ = Field::kText;
  }
}

void Parser::Continue(std::string_view line) {
  std::string value;
  if (!Unquote(line, value)) return;
  switch (field_) {
    case Field::kContext:
      entry_.context += value;
      break;
    case Field::kId:
      entry_.id += value;
      break;
    case Field::kText:
      entry_.text += value;
      text_pieces_.emplace_back(line_no_, value);
      break;
    case Field::kNone:
      Problem(METER_N("a string that belongs to no keyword"));
  }
}

Result<PoCatalog> Parser::Run() {
  if (const size_t bad = FindInvalidUtf8(text_); bad != std::string_view::npos) {
    line_no_ = 1 + static_cast<size_t>(std::count(text_.begin(), text_.begin() + bad, '\n'));
    Problem(METER_N("the file is not valid UTF-8; save it as UTF-8 and try again"));
    return Error{ErrorCode::kInvalidInput, std::move(problems_)};
  }
  size_t start = 0;
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  while (start <= text_.size()) {
    size_t end = text_.find('\n', start);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view line = text_.substr(start, end - start);
    ++line_no_;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty()) {
      if (has_text_) Finish();
    } else if (line[0] == '#') {
      Comment(line);
    } else if (line[0] == '"') {
      Continue(line);
    } else {
      Keyword(line);
    }
    if (end == text_.size()) break;
    start = end + 1;
  }
  Finish();
  if (!problems_.empty()) return Error{ErrorCode::kInvalidInput, std::move(problems_)};
  return std::move(catalog_);
}

}  // namespace

Result<PoCatalog> ParsePo(std::string_view text, std::string_view file_name) {
  return Parser(text, file_name).Run();
}

std::string WritePo(const std::vector<std::pair<std::string, std::string>>& header,
                    const std::vector<PoEntry>& entries) {
  std::string head;
  for (const auto& [key, value] : header) head += key + ": " + value + "\n";
  std::string out = "msgid \"\"\n" + Keyword("msgstr", head);
  for (const PoEntry& e : entries) {
    out += "\n";
    for (const std::string& note : e.notes) out += "#. " + note + "\n";
    if (e.fuzzy) out += "#, fuzzy\n";
    for (const std::string& p : e.previous) out += "#| " + p + "\n";
    if (!e.context.empty()) out += Keyword("msgctxt", e.context);
    out += Keyword("msgid", e.id);
    out += Keyword("msgstr", e.text);
  }
  return out;
}

}  // namespace meter
