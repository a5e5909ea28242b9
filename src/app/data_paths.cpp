#include "app/data_paths.h"

#include <filesystem>

namespace meter {

std::string InstalledDataDirectory() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const fs::path data = exe.parent_path().parent_path() / "share" / "meter";
  return fs::is_directory(data / "content", ec) ? data.string() : "";
}

std::string DataPath(const std::string& name, const std::string& in_tree) {
  static const std::string installed = InstalledDataDirectory();
  return installed.empty() ? in_tree : installed + "/" + name;
}

}  // namespace meter
