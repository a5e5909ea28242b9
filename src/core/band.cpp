#include "core/band.h"

#include "core/problem.h"

namespace meter {

Band BandOf(double score) {
  if (score < 25) return Band::kLow;
  if (score < 50) return Band::kMiddle;
  if (score < 75) return Band::kHigh;
  return Band::kVeryHigh;
}

std::string_view BandKey(Band band) {
  switch (band) {
    case Band::kLow:
      return "low";
    case Band::kMiddle:
      return "middle";
    case Band::kHigh:
      return "high";
    case Band::kVeryHigh:
      return "very_high";
  }
  return "low";
}

std::optional<Band> BandFromKey(std::string_view key) {
  for (int i = 0; i < kBandCount; ++i) {
    if (BandKey(static_cast<Band>(i)) == key) return static_cast<Band>(i);
  }
  return std::nullopt;
}

const char* BandName(Band band) {
  switch (band) {
    case Band::kLow:
      return METER_N("Low");
    case Band::kMiddle:
      return METER_N("Middle");
    case Band::kHigh:
      return METER_N("High");
    case Band::kVeryHigh:
      return METER_N("Very high");
  }
  return "";
}

}  // namespace meter
