#include "web/multipart.h"

#include <restinio/all.hpp>
#include <restinio/helpers/http_field_parsers/content-disposition.hpp>
#include <restinio/helpers/multipart_body.hpp>

#include "core/limits.h"
#include "core/text_rules.h"

namespace meter {
namespace {

namespace mp = restinio::multipart_body;
namespace hfp = restinio::http_field_parsers;

Error Malformed() {
  return Error::Of(ErrorCode::kInvalidInput, "",
                   METER_N("the uploaded form is not valid multipart/form-data"));
}

// The boundary line ("--" + the boundary parameter) of a multipart/form-data content type.
std::optional<std::string> BoundaryOf(std::string_view content_type) {
  const auto parsed = hfp::content_type_value_t::try_parse(content_type);
  if (!parsed) return std::nullopt;
  const auto& media = parsed->media_type;
  if (!restinio::impl::is_equal_caseless(media.type, "multipart") ||
      !restinio::impl::is_equal_caseless(media.subtype, "form-data")) {
    return std::nullopt;
  }
  const auto boundary = hfp::find_first(media.parameters, "boundary");
  if (!boundary || mp::check_boundary_value(*boundary)) return std::nullopt;
  return "--" + std::string(boundary->data(), boundary->size());
}

// Adds one parsed part to `out`; an error for a part without a form-data name or a bad text field.
std::optional<Error> AddPart(const mp::parsed_part_t& part, MultipartForm& out,
                             bool (*multi_line)(std::string_view)) {
  const auto disposition = part.fields.opt_value_of(restinio::http_field::content_disposition);
  if (!disposition) return Malformed();
  const auto parsed = hfp::content_disposition_value_t::try_parse(*disposition);
  if (!parsed || parsed->value != "form-data") return Malformed();
  const auto name = hfp::find_first(parsed->parameters, "name");
  if (!name || name->empty()) return Malformed();
  const std::string field(name->data(), name->size());
  if (TextProblem("", field, TextShape::kLine)) return Malformed();
  const std::string value(part.body.data(), part.body.size());
  if (const auto filename = hfp::find_first(parsed->parameters, "filename")) {
    out.files.emplace(field, UploadedFile{std::string(filename->data(), filename->size()), value});
    return std::nullopt;
  }
  const bool lines = multi_line && multi_line(field);
  if (auto problem = TextProblem(field, value, lines ? TextShape::kLines : TextShape::kLine)) {
    return Error{ErrorCode::kInvalidInput, {std::move(*problem)}};
  }
  out.fields.emplace(field, value);
  return std::nullopt;
}

}  // namespace

Result<MultipartForm> ParseMultipartForm(std::string_view content_type, std::string_view body,
                                         bool (*multi_line)(std::string_view name)) {
  const auto boundary = BoundaryOf(content_type);
  if (!boundary) return Malformed();
  const auto parts = mp::split_multipart_body(body, *boundary);
  if (parts.empty()) return Malformed();
  if (parts.size() > kMaxFormFields) {
    return Error::Of(
        ErrorCode::kInvalidInput, "",
        METER_NP("the form has more than {1} field", "the form has more than {1} fields"),
        kMaxFormFields, {std::to_string(kMaxFormFields)});
  }
  MultipartForm out;
  for (const auto raw : parts) {
    auto part = mp::try_parse_part(raw);
    if (!part) return Malformed();
    if (auto refused = AddPart(*part, out, multi_line)) return *refused;
  }
  return out;
}

}  // namespace meter
