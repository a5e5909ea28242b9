#include "app/data_paths.h"

#include <filesystem>

namespace meter {

std::string InstalledDataDirectory() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  // <prefix>/bin/meter, or the full program it hands over to, <prefix>/lib/meter/meter-full.
  const fs::path dir = exe.parent_path();
  const bool in_lib = dir.filename() == "meter" && dir.parent_path().filename() == "lib";
  const fs::path prefix = in_lib ? dir.parent_path().parent_path() : dir.parent_path();
  const fs::path data = prefix / "share" / "meter";
  return fs::is_directory(data / "content", ec) ? data.string() : "";
}

std::string DataPath(const std::string& name, const std::string& in_tree) {
  static const std::string installed = InstalledDataDirectory();
  return installed.empty() ? in_tree : installed + "/" + name;
}

}  // namespace meter
