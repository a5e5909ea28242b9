// Reading a PDF back as a screen reader or a checker would, for the report tests: a shell
// command's output and exit status (poppler's pdfinfo and pdftotext, qpdf), and the structure tree
// and the catalog as qpdf resolves them (its JSON, which applies incremental updates).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace meter::testing {

struct ShellResult {
  std::string out;  // standard output
  int status = -1;  // exit status; -1 when the command could not run
};

inline ShellResult RunShell(const std::string& command) {
  ShellResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) r.out.append(buf, n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// One structure element: its type (/S) and its alternative text (/Alt), "" when it has none.
struct StructElement {
  std::string type;
  std::string alt;
};

// The PDF's objects as qpdf reads them, with every update applied.
class PdfObjects {
 public:
  explicit PdfObjects(const std::filesystem::path& pdf) {
    const ShellResult r = RunShell("qpdf --json --json-key=qpdf '" + pdf.string() + "'");
    const auto json = nlohmann::json::parse(r.out, nullptr, false);
    if (json.is_object() && json.contains("qpdf")) objects_ = json["qpdf"][1];
  }
  // The value of object "N 0 R", or null.
  const nlohmann::json& Object(const nlohmann::json& ref) const {
    static const nlohmann::json none;
    if (!ref.is_string()) return none;
    const std::string key = "obj:" + ref.get<std::string>();
    return objects_.contains(key) && objects_[key].contains("value") ? objects_[key]["value"]
                                                                     : none;
  }
  const nlohmann::json& Trailer() const {
    static const nlohmann::json none;
    return objects_.contains("trailer") ? objects_["trailer"]["value"] : none;
  }
  const nlohmann::json& Catalog() const {
    static const nlohmann::json none;
    const nlohmann::json& trailer = Trailer();
    return trailer.is_object() && trailer.contains("/Root") ? Object(trailer["/Root"]) : none;
  }
  // `value`'s entry `key`, or null.
  static nlohmann::json Get(const nlohmann::json& value, const std::string& key) {
    return value.is_object() && value.contains(key) ? value[key] : nlohmann::json();
  }
  // A text string as qpdf writes it ("u:text"), or "".
  static std::string Text(const nlohmann::json& value) {
    const std::string s = value.is_string() ? value.get<std::string>() : "";
    return s.rfind("u:", 0) == 0 ? s.substr(2) : "";
  }
  // Every structure element, depth first from the structure tree root: the reading order.
  std::vector<StructElement> Structure() const {
    std::vector<StructElement> out;
    const nlohmann::json& catalog = Catalog();
    if (catalog.is_object() && catalog.contains("/StructTreeRoot")) {
      Walk(Object(catalog["/StructTreeRoot"]), out, 0);
    }
    return out;
  }

 private:
  void Walk(const nlohmann::json& element, std::vector<StructElement>& out, int depth) const {
    if (!element.is_object() || depth > 64) return;
    if (element.contains("/S")) {
      out.push_back({element["/S"].get<std::string>(),
                     element.contains("/Alt") ? Text(element["/Alt"]) : ""});
    }
    if (!element.contains("/K")) return;
    const nlohmann::json& kids = element["/K"];
    for (const auto& kid : kids.is_array() ? kids : nlohmann::json::array({kids})) {
      const nlohmann::json& child = Object(kid);
      if (child.is_object() && child.contains("/S")) Walk(child, out, depth + 1);
    }
  }

  nlohmann::json objects_ = nlohmann::json::object();
};

}  // namespace meter::testing
