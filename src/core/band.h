// Readiness bands, modelled on the UN EGDI groups (a self-assessment is not the EGDI).
// Low < 25 <= Middle < 50 <= High < 75 <= Very high, on a 0–100 score.
#pragma once

#include <optional>
#include <string_view>

namespace meter {

enum class Band { kLow = 0, kMiddle = 1, kHigh = 2, kVeryHigh = 3 };
inline constexpr int kBandCount = 4;

Band BandOf(double score);
// "low", "middle", "high", "very_high": the keys used in instrument files and JSON.
std::string_view BandKey(Band band);
// The inverse of BandKey; nullopt for any other text.
std::optional<Band> BandFromKey(std::string_view key);
// "Low", "Middle", "High", "Very high": English display names, marked for translation.
const char* BandName(Band band);

}  // namespace meter
