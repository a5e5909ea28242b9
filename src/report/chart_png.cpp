// ChartPng (compare_charts.h): an SVG chart drawn with librsvg onto a white cairo image surface.
#include <cairo.h>
#include <librsvg/rsvg.h>

#include <cmath>
#include <memory>

#include "report/compare_charts.h"

namespace meter {
namespace {

struct GObjectFree {
  void operator()(RsvgHandle* h) const { g_object_unref(h); }
};
struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Error Failed(ErrorCode code, const char* message, GError* error) {
  const std::string reason = error ? error->message : "";
  if (error) g_error_free(error);
  return Error::Of(code, "chart", message, {reason});
}

}  // namespace

Result<std::string> ChartPng(const std::string& svg, int width) {
  GError* error = nullptr;
  std::unique_ptr<RsvgHandle, GObjectFree> handle(
      rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error));
  if (!handle) {
    return Failed(ErrorCode::kInvalidInput, METER_N("the chart is not valid SVG: {1}"), error);
  }
  double w = 0, h = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &w, &h) || w <= 0 || h <= 0 ||
      width <= 0) {
    return Error::Of(ErrorCode::kInvalidInput, "chart", METER_N("the chart has no size"));
  }
  const int height = static_cast<int>(std::ceil(h * width / w));
  std::unique_ptr<cairo_surface_t, SurfaceFree> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  const RsvgRectangle viewport{0, 0, static_cast<double>(width), static_cast<double>(height)};
  if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error)) {
    return Failed(ErrorCode::kInternal, METER_N("the chart cannot be drawn: {1}"), error);
  }
  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), Append, &png) != CAIRO_STATUS_SUCCESS) {
    return Error::Of(ErrorCode::kInternal, "chart", METER_N("the chart cannot be written as PNG"));
  }
  return png;
}

}  // namespace meter
