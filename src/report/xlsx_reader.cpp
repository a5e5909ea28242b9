#include "report/xlsx_reader.h"

#include <zip.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <string>

namespace meter {
namespace {

constexpr const char* kFile = "workbook";
constexpr size_t kRatioFloorBytes = 1024 * 1024;

// Problems of one file, bounded: past the limit they are counted, not kept.
class Problems {
 public:
  explicit Problems(size_t limit) : limit_(limit) {}
  void Add(std::string where, const char* message, std::vector<std::string> args = {}) {
    Add(Problem{std::move(where), message, std::move(args)});
  }
  void Add(Problem problem) {
    if (list_.size() < limit_) {
      list_.push_back(std::move(problem));
    } else {
      ++more_;
    }
  }
  bool empty() const { return list_.empty(); }
  Error ToError() && {
    if (more_ > 0) {
      list_.push_back(CountProblem(
          kFile, METER_NP("{1} more problem is not listed", "{1} more problems are not listed"),
          static_cast<long>(more_), {std::to_string(more_)}));
    }
    return Error{ErrorCode::kInvalidInput, std::move(list_)};
  }

 private:
  size_t limit_;
  size_t more_ = 0;
  std::vector<Problem> list_;
};

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// The archive, its entries checked against the limits from the central directory, and each part
// inflated with the caps applied again while reading.
class Archive {
 public:
  Archive(std::string_view bytes, const XlsxLimits& limits, Problems& problems)
      : limits_(limits), problems_(problems) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source) {
      zip_.reset(zip_open_from_source(source, ZIP_RDONLY, &error));
      if (!zip_) zip_source_free(source);
    }
    zip_error_fini(&error);
    if (!zip_) {
      problems_.Add(kFile, METER_N("the file is not an XLSX workbook (it is not a ZIP archive)"));
      return;
    }
    CheckEntries();
  }
  bool ok() const { return zip_ != nullptr && sound_; }

  // The part named `name` (no leading slash), or nullopt (with a problem when `required`).
  std::optional<std::string> Read(const std::string& name, bool required) {
    const zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), 0);
    if (index < 0) {
      if (required) {
        problems_.Add(kFile, METER_N("the file is not an XLSX workbook: its part {1} is missing"),
                      {name});
      }
      return std::nullopt;
    }
    std::unique_ptr<zip_file_t, ZipFileCloser> file(
        zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) {
      problems_.Add(kFile, METER_N("the part {1} of the file cannot be read"), {name});
      return std::nullopt;
    }
    const size_t declared = declared_.at(static_cast<zip_uint64_t>(index));
    std::string out;
    char buffer[64 * 1024];
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) {
        problems_.Add(kFile, METER_N("the part {1} of the file cannot be read"), {name});
        return std::nullopt;
      }
      if (n == 0) break;
      out.append(buffer, static_cast<size_t>(n));
      read_ += static_cast<size_t>(n);
      // The central directory may lie: the caps hold whatever it declared.
      if (out.size() > declared || out.size() > limits_.max_entry_bytes ||
          read_ > limits_.max_total_bytes) {
        problems_.Add(kFile, METER_N("the part {1} expands beyond its declared size or the limit"),
                      {name});
        return std::nullopt;
      }
    }
    return out;
  }

 private:
  void CheckEntries() {
    const zip_int64_t count = zip_get_num_entries(zip_.get(), 0);
    if (count < 0 || static_cast<size_t>(count) > limits_.max_entries) {
      problems_.Add(CountProblem(kFile,
                                 METER_NP("the archive holds more than {1} entry",
                                          "the archive holds more than {1} entries"),
                                 static_cast<long>(limits_.max_entries),
                                 {std::to_string(limits_.max_entries)}));
      sound_ = false;
      return;
    }
    size_t total = 0;
    for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
      zip_stat_t st;
      if (zip_stat_index(zip_.get(), i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
          !(st.valid & ZIP_STAT_COMP_SIZE)) {
        problems_.Add(kFile, METER_N("an entry of the archive cannot be read"));
        sound_ = false;
        continue;
      }
      const std::string name = st.name ? st.name : "";
      total += st.size;
      declared_[i] = st.size;
      const bool bomb =
          st.size > kRatioFloorBytes &&
          static_cast<double>(st.size) >
              limits_.max_ratio * static_cast<double>(std::max<zip_uint64_t>(st.comp_size, 1));
      if (st.size > limits_.max_entry_bytes || bomb) {
        problems_.Add(kFile,
                      METER_N("the part {1} would expand to {2} bytes, more than a workbook may"),
                      {name, std::to_string(st.size)});
        sound_ = false;
      }
    }
    if (sound_ && total > limits_.max_total_bytes) {
      problems_.Add(kFile,
                    METER_N("the archive would expand to {1} bytes, more than a workbook may"),
                    {std::to_string(total)});
      sound_ = false;
    }
  }

  const XlsxLimits& limits_;
  Problems& problems_;
  std::unique_ptr<zip_t, ZipCloser> zip_;
  std::map<zip_uint64_t, size_t> declared_;
  size_t read_ = 0;
  bool sound_ = true;
};

// An element's name without its namespace prefix ("x:row" → "row").
std::string_view Local(const char* name) {
  std::string_view n(name);
  const size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element && Local(c.name()) == local) return c;
  }
  return {};
}

// The attribute whose local name is `local` (r:id, whatever the prefix).
pugi::xml_attribute Attribute(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_attribute a : node.attributes()) {
    if (Local(a.name()) == local) return a;
  }
  return {};
}

std::optional<pugi::xml_document> Parse(const std::string& text, const std::string& part,
                                        Problems& problems) {
  pugi::xml_document doc;
  // parse_default expands only the five predefined entities; there is no DTD processing.
  const pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) {
    problems.Add(kFile, METER_N("the part {1} is not well-formed XML: {2}"),
                 {part, parsed.description()});
    return std::nullopt;
  }
  return doc;
}

// The text of a string item (<si> or <is>): its <t>, or its rich-text runs, without phonetic
// guides.
std::string StringItem(pugi::xml_node item) {
  std::string out;
  for (pugi::xml_node c : item.children()) {
    const std::string_view name = Local(c.name());
    if (name == "t") out += c.text().get();
    if (name == "r") out += Child(c, "t").text().get();
  }
  return out;
}

// "xl/worksheets/sheet1.xml" from a relationship target relative to `base_dir` ("xl/") or
// absolute ("/xl/worksheets/sheet1.xml"), with any "../" steps resolved.
std::string PartPath(const std::string& base_dir, std::string_view target) {
  std::string joined = !target.empty() && target.front() == '/' ? std::string(target.substr(1))
                                                                : base_dir + std::string(target);
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    const size_t end = std::min(joined.find('/', start), joined.size());
    const std::string segment = joined.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

// The relationships of `part` ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels"): id → path.
std::map<std::string, std::pair<std::string, std::string>> Relationships(Archive& archive,
                                                                         const std::string& part,
                                                                         Problems& problems) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  const size_t slash = part.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  const std::string name = slash == std::string::npos ? part : part.substr(slash + 1);
  auto text = archive.Read(dir + "_rels/" + name + ".rels", true);
  if (!text) return out;
  auto doc = Parse(*text, dir + "_rels/" + name + ".rels", problems);
  if (!doc) return out;
  for (pugi::xml_node rel : Child(*doc, "Relationships").children()) {
    if (Local(rel.name()) != "Relationship") continue;
    const std::string type = rel.attribute("Type").value();
    out[rel.attribute("Id").value()] = {type.substr(type.rfind('/') + 1),
                                        PartPath(dir, rel.attribute("Target").value())};
  }
  return out;
}

// "C5" → (5, 3); nullopt for anything else.
std::optional<std::pair<uint32_t, uint32_t>> ParseReference(std::string_view ref) {
  uint32_t col = 0, row = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3; ++i)
    col = col * 26 + (ref[i] - 'A' + 1);
  const size_t digits = i;
  for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i - digits < 7; ++i)
    row = row * 10 + (ref[i] - '0');
  if (col == 0 || col > 16384 || row == 0 || row > 1048576 || i != ref.size() || i == digits) {
    return std::nullopt;
  }
  return std::make_pair(row, col);
}

// The last column a sheet may have (XFD), as ParseReference allows.
constexpr uint32_t kMaxColumn = 16384;

class SheetReader {
 public:
  SheetReader(WorkbookSheet& sheet, const std::vector<std::string>& shared, Problems& problems)
      : sheet_(sheet), shared_(shared), problems_(problems) {}

  void Read(pugi::xml_node worksheet) {
    uint32_t next_row = 1;
    std::set<uint32_t> numbers;  // rows seen: a row given twice would mix or drop cells
    for (pugi::xml_node row : Child(worksheet, "sheetData").children()) {
      if (Local(row.name()) != "row") continue;
      uint32_t number = next_row;
      if (pugi::xml_attribute r = row.attribute("r")) {
        const auto ref = ParseReference(std::string("A") + r.value());
        if (!ref || !numbers.insert(ref->first).second) {
          problems_.Add(sheet_.name + "!" + r.value(),
                        ref ? METER_N("the row is given twice in the file")
                            : METER_N("the row number is not valid"));
          continue;
        }
        number = ref->first;
      } else if (!numbers.insert(number).second) {
        problems_.Add(sheet_.Where(number, 1), METER_N("the row is given twice in the file"));
        continue;
      }
      next_row = number + 1;
      WorkbookRow out;
      out.number = number;
      uint32_t next_col = 1;
      std::vector<bool> seen(kMaxColumn + 1);  // the row's columns so far: a cell given twice
      for (pugi::xml_node c : row.children()) {
        if (Local(c.name()) != "c") continue;
        Cell(c, out, next_col, seen);
      }
      if (out.cells.empty()) continue;
      std::sort(out.cells.begin(), out.cells.end(),
                [](const WorkbookCell& a, const WorkbookCell& b) { return a.column < b.column; });
      sheet_.rows.push_back(std::move(out));
    }
    std::sort(sheet_.rows.begin(), sheet_.rows.end(),
              [](const WorkbookRow& a, const WorkbookRow& b) { return a.number < b.number; });
  }

 private:
  void Cell(pugi::xml_node c, WorkbookRow& row, uint32_t& next_col, std::vector<bool>& seen) {
    uint32_t col = next_col;
    if (pugi::xml_attribute r = c.attribute("r")) {
      const auto ref = ParseReference(r.value());
      if (!ref || ref->first != row.number) {
        problems_.Add(sheet_.name + "!" + r.value(), METER_N("the cell reference is not valid"));
        return;
      }
      col = ref->second;
    }
    if (col > kMaxColumn) {  // cells without a reference, past the last column a sheet has
      problems_.Add(sheet_.name + "!" + std::to_string(row.number),
                    METER_N("the cell reference is not valid"));
      return;
    }
    next_col = col + 1;
    const std::string where = sheet_.Where(row.number, col);
    if (seen[col]) {
      problems_.Add(where, METER_N("the cell is given twice in the file"));
      return;
    }
    seen[col] = true;
    if (Child(c, "f")) {
      problems_.Add(where, METER_N("a formula is not accepted"));
      return;
    }
    const std::string type = c.attribute("t").value();
    const std::string v = Child(c, "v").text().get();
    std::string text;
    if (type == "s") {
      // pugixml reads "abc" as 0: only digits make an index.
      const bool digits =
          !v.empty() && v.size() <= 9 && v.find_first_not_of("0123456789") == std::string::npos;
      const size_t index = digits ? std::stoul(v) : SIZE_MAX;
      if (index >= shared_.size()) {
        problems_.Add(where, METER_N("the cell refers to a shared string that does not exist"));
        return;
      }
      text = shared_[index];
    } else if (type == "inlineStr") {
      text = StringItem(Child(c, "is"));
    } else if (type == "b") {
      text = v == "1" ? "TRUE" : "FALSE";
    } else if (type == "e") {
      // What a spreadsheet keeps of a failed formula ("#N/A" after pasting values over a failed
      // look-up): never a value a person typed.
      const bool known =
          v.size() <= 16 && v.starts_with('#') &&
          v.find_first_not_of("#ABCDEFGHIJKLMNOPQRSTUVWXYZ0!/?.") == std::string::npos;
      problems_.Add(where, METER_N("the cell holds the spreadsheet error {1}"),
                    {known ? v : std::string("#?")});
      return;
    } else {
      text = v;  // a number, a date as a number, an ISO date ("d")
    }
    if (!text.empty()) row.cells.push_back({col, std::move(text)});
  }

  WorkbookSheet& sheet_;
  const std::vector<std::string>& shared_;
  Problems& problems_;
};

std::vector<std::string> SharedStrings(Archive& archive, const std::string& path,
                                       Problems& problems) {
  std::vector<std::string> out;
  if (path.empty()) return out;
  auto text = archive.Read(path, true);
  if (!text) return out;
  auto doc = Parse(*text, path, problems);
  if (!doc) return out;
  for (pugi::xml_node si : Child(*doc, "sst").children()) {
    if (Local(si.name()) == "si") out.push_back(StringItem(si));
  }
  return out;
}

// The workbook part, from the package's relationships (xl/workbook.xml in every writer known).
std::string WorkbookPart(Archive& archive, Problems& problems) {
  for (const auto& [id, rel] : Relationships(archive, "", problems)) {
    if (rel.first == "officeDocument") return rel.second;
  }
  if (problems.empty()) {
    problems.Add(kFile, METER_N("the file is not an XLSX workbook: it names no workbook part"));
  }
  return "";
}

}  // namespace

Result<Workbook> ReadXlsxSheets(std::string_view bytes, const XlsxLimits& limits) {
  Problems problems(limits.max_problems);
  if (bytes.size() > limits.max_file_bytes) {
    problems.Add(kFile, METER_N("the file is larger than {1} MB"),
                 {std::to_string(limits.max_file_bytes / (1024 * 1024))});
    return std::move(problems).ToError();
  }
  Archive archive(bytes, limits, problems);
  if (!archive.ok()) return std::move(problems).ToError();
  const std::string part = WorkbookPart(archive, problems);
  if (part.empty()) return std::move(problems).ToError();
  const auto rels = Relationships(archive, part, problems);
  auto text = archive.Read(part, true);
  if (!text) return std::move(problems).ToError();
  auto doc = Parse(*text, part, problems);
  if (!doc) return std::move(problems).ToError();
  std::string shared_path;
  for (const auto& [id, rel] : rels) {
    if (rel.first == "sharedStrings") shared_path = rel.second;
  }
  const std::vector<std::string> shared = SharedStrings(archive, shared_path, problems);

  Workbook book;
  for (pugi::xml_node s : Child(Child(*doc, "workbook"), "sheets").children()) {
    if (Local(s.name()) != "sheet") continue;
    const auto rel = rels.find(Attribute(s, "id").value());
    if (rel == rels.end() || rel->second.first != "worksheet") continue;  // a chart sheet
    WorkbookSheet sheet;
    sheet.name = s.attribute("name").value();
    const std::string state = s.attribute("state").value();
    sheet.hidden = state == "hidden" || state == "veryHidden";
    auto xml = archive.Read(rel->second.second, true);
    if (!xml) continue;
    auto sheet_doc = Parse(*xml, rel->second.second, problems);
    if (!sheet_doc) continue;
    SheetReader(sheet, shared, problems).Read(Child(*sheet_doc, "worksheet"));
    book.sheets.push_back(std::move(sheet));
  }
  if (!problems.empty()) return std::move(problems).ToError();
  return book;
}

}  // namespace meter
