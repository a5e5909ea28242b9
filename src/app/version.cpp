#include "app/version.h"

#include "store/sql_store.h"

namespace meter {

std::string ReleaseVersion() { return METER_VERSION; }

std::string BuildId() { return METER_BUILD_ID; }

std::string VersionLine() {
  return "meter " + ReleaseVersion() + " (schema " + std::to_string(LatestSchemaVersion()) +
         ", build " + BuildId() + ")";
}

}  // namespace meter
