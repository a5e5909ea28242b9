#include "web/json_body.h"

#include <limits>

#include "core/utf8.h"

namespace meter {

using nlohmann::json;

namespace {
const char* const kMustBeText = METER_N("this field must be a text");
const char* const kMustBeObject = METER_N("this field must be an object");
}  // namespace

Result<json> ParseJsonObject(std::string_view body) {
  if (FindInvalidUtf8(body) != std::string::npos) {
    return Error::Of(ErrorCode::kInvalidInput, "", METER_N("the text is not valid UTF-8"));
  }
  try {
    json parsed = json::parse(body);
    if (!parsed.is_object()) {
      return Error::Of(ErrorCode::kInvalidInput, "",
                       METER_N("the request body must be a JSON object"));
    }
    return parsed;
  } catch (const json::exception& e) {
    return Error::Of(ErrorCode::kInvalidInput, "",
                     METER_N("the request body is not valid JSON: {1}"), {e.what()});
  }
}

JsonReader::JsonReader(const json& object, std::vector<Problem>& problems, std::string prefix)
    : object_(object), problems_(problems), prefix_(std::move(prefix)) {}

const json* JsonReader::Field(const char* key, Need need) {
  known_.insert(key);
  if (!object_.is_object()) return nullptr;
  auto it = object_.find(key);
  if (it == object_.end()) {
    if (need == Need::kRequired)
      problems_.push_back({Name(key), METER_N("this field is required"), {}});
    return nullptr;
  }
  if (it->is_null()) {
    problems_.push_back({Name(key), METER_N("this field must not be null"), {}});
    return nullptr;
  }
  return &*it;
}

void JsonReader::WrongType(const std::string& name, const char* message) {
  problems_.push_back({name, message, {}});
}

std::optional<std::string> JsonReader::Text(const char* key, Need need, TextShape shape) {
  const json* field = Field(key, need);
  if (!field) return std::nullopt;
  if (!field->is_string()) {
    WrongType(Name(key), kMustBeText);
    return std::nullopt;
  }
  std::string text = field->get<std::string>();
  if (auto problem = TextProblem(Name(key), text, shape)) {
    problems_.push_back(std::move(*problem));
    return std::nullopt;
  }
  return text;
}

std::optional<int64_t> JsonReader::Integer(const char* key, Need need) {
  const json* field = Field(key, need);
  if (!field) return std::nullopt;
  if (!field->is_number_integer() ||
      (field->is_number_unsigned() &&
       field->get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))) {
    WrongType(Name(key), METER_N("this field must be a whole number"));
    return std::nullopt;
  }
  return field->get<int64_t>();
}

std::optional<double> JsonReader::Number(const char* key, Need need) {
  const json* field = Field(key, need);
  if (!field) return std::nullopt;
  if (!field->is_number()) {
    WrongType(Name(key), METER_N("this field must be a number"));
    return std::nullopt;
  }
  return field->get<double>();
}

bool JsonReader::Object(const char* key, Need need, const std::function<void(JsonReader&)>& read) {
  const json* field = Field(key, need);
  if (!field) return false;
  if (!field->is_object()) {
    WrongType(Name(key), kMustBeObject);
    return false;
  }
  JsonReader inner(*field, problems_, Name(key) + ".");
  read(inner);
  inner.RefuseUnknown();
  return true;
}

bool JsonReader::Objects(const char* key, Need need, size_t max_items,
                         const std::function<void(JsonReader&, size_t)>& read) {
  const json* field = Field(key, need);
  if (!field) return false;
  if (!field->is_array()) {
    WrongType(Name(key), METER_N("this field must be an array"));
    return false;
  }
  if (field->size() > max_items) {
    problems_.push_back(CountProblem(
        Name(key),
        METER_NP("this list may hold at most {1} item", "this list may hold at most {1} items"),
        static_cast<long>(max_items), {std::to_string(max_items)}));
    return false;
  }
  for (size_t i = 0; i < field->size(); ++i) {
    const std::string name = Name(key) + "[" + std::to_string(i) + "]";
    if (!(*field)[i].is_object()) {
      WrongType(name, kMustBeObject);
      continue;
    }
    JsonReader inner((*field)[i], problems_, name + ".");
    read(inner, i);
    inner.RefuseUnknown();
  }
  return true;
}

std::optional<std::vector<std::string>> JsonReader::Texts(const char* key, Need need,
                                                          size_t max_items) {
  const json* field = Field(key, need);
  if (!field) return std::nullopt;
  if (!field->is_array()) {
    WrongType(Name(key), METER_N("this field must be an array"));
    return std::nullopt;
  }
  if (field->size() > max_items) {
    problems_.push_back(CountProblem(
        Name(key),
        METER_NP("this list may hold at most {1} item", "this list may hold at most {1} items"),
        static_cast<long>(max_items), {std::to_string(max_items)}));
    return std::nullopt;
  }
  std::vector<std::string> out;
  const size_t before = problems_.size();
  for (size_t i = 0; i < field->size(); ++i) {
    const std::string name = Name(key) + "[" + std::to_string(i) + "]";
    const json& item = (*field)[i];
    if (!item.is_string()) {
      WrongType(name, kMustBeText);
    } else if (auto problem = TextProblem(name, item.get<std::string>(), TextShape::kLine)) {
      problems_.push_back(std::move(*problem));
    } else {
      out.push_back(item.get<std::string>());
    }
  }
  if (problems_.size() != before) return std::nullopt;
  return out;
}

void JsonReader::RefuseUnknown() {
  if (!object_.is_object()) return;
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    const std::string& key = it.key();
    if (!known_.count(key)) {
      const bool printable = !TextProblem("", key, TextShape::kLine);
      problems_.push_back({printable ? Name(key) : prefix_,
                           METER_N("this field is not known here; check its spelling"),
                           {}});
    }
  }
}

}  // namespace meter
