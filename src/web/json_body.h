// The one typed reader of JSON request bodies: every API handler reads its fields through it, so
// that a field of the wrong type (a number for a text, a text for a number, an array, an object or
// null), a required field that is missing, a text with a control character (core/text_rules.h)
// and a field the route does not know are each refused with a problem naming the field
// ("groups[1].weight"), before anything is written. The reader checks types and text shapes; the
// core rules check values (ranges, lengths, caps).
//
// Use: JsonBody::Parse, then read each field of the object with a JsonReader; Finish() gives every
// problem at once. A reader borrows the JSON it reads and the problem list; not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"
#include "core/text_rules.h"

namespace meter {

// The body as a JSON object; kInvalidInput when it is not UTF-8, not JSON or not an object.
Result<nlohmann::json> ParseJsonObject(std::string_view body);

enum class Need { kRequired, kOptional };

class JsonReader {
 public:
  // Reads `object`'s fields, naming them `prefix` + key in `problems`. A non-object reads as
  // having no fields (the caller reports it).
  JsonReader(const nlohmann::json& object, std::vector<Problem>& problems, std::string prefix = "");

  // A text field; nullopt when it is absent (a problem if required) or wrong.
  std::optional<std::string> Text(const char* key, Need need, TextShape shape = TextShape::kLine);
  // A whole number field (a JSON integer, not 3.0 nor "3").
  std::optional<int64_t> Integer(const char* key, Need need);
  // A number field (integer or not); nullopt when absent or wrong.
  std::optional<double> Number(const char* key, Need need);
  // An object field: `read` reads its fields with a reader of its own (which refuses unknown
  // ones). False when it is absent or wrong.
  bool Object(const char* key, Need need, const std::function<void(JsonReader&)>& read);
  // An array field of objects, each read by `read` with its index; at most `max_items` items.
  // False when it is absent or wrong.
  bool Objects(const char* key, Need need, size_t max_items,
               const std::function<void(JsonReader&, size_t)>& read);
  // An array field of texts, of at most `max_items`; nullopt when absent or wrong.
  std::optional<std::vector<std::string>> Texts(const char* key, Need need, size_t max_items);
  // A field that is allowed and not used (a read-only field a client sends back as it got it).
  void Ignore(const char* key) { known_.insert(key); }

  // Adds a problem for every field that was not read or ignored: a misspelt field would
  // otherwise be dropped without a word. Call once, after reading every field.
  void RefuseUnknown();

 private:
  // The field, or nullptr when it is absent (a problem if required) or null (a problem).
  const nlohmann::json* Field(const char* key, Need need);
  void WrongType(const std::string& name, const char* message);
  std::string Name(std::string_view key) const { return prefix_ + std::string(key); }

  const nlohmann::json& object_;
  std::vector<Problem>& problems_;
  std::string prefix_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace meter
