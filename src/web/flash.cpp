// Flash values: what a form's POST hands to the page it redirects to (Post/Redirect/Get).
#include "web/web_app_impl.h"

namespace meter {
namespace {

constexpr const char* kFlashCookie = "meter_flash";
constexpr size_t kMaxFlashBytes = 3000;  // browsers keep cookies of up to 4 kB

std::string EncodeForm(const Form& values) {
  std::string out;
  for (const auto& [name, value] : values) {
    if (!out.empty()) out += '&';
    out += UrlEncode(name) + '=' + UrlEncode(value);
  }
  return out;
}

}  // namespace

Response WebApp::Impl::RedirectWithFlash(Call& call, const std::string& path,
                                         const Form& values) const {
  const std::string encoded = EncodeForm(values);
  if (!encoded.empty() && encoded.size() <= kMaxFlashBytes) {
    std::string cookie = std::string(kFlashCookie) + "=" + encoded +
                         "; Path=/; Max-Age=120; HttpOnly; SameSite=Strict";
    if (deps_.options.public_url.rfind("https://", 0) == 0) cookie += "; Secure";
    call.set_cookies.push_back(std::move(cookie));
  }
  return Response::Redirect(path);
}

Form WebApp::Impl::TakeFlash(Call& call) const {
  const std::string raw = CookieValue(call.request.Header("cookie"), kFlashCookie);
  if (raw.empty()) return {};
  std::string clear = std::string(kFlashCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
  if (deps_.options.public_url.rfind("https://", 0) == 0) clear += "; Secure";
  call.set_cookies.push_back(std::move(clear));
  // Values the app wrote itself: any of them may hold lines (text typed into a form, say).
  auto decoded = ParseForm(raw, [](std::string_view) { return true; });
  return decoded ? std::move(decoded).value() : Form{};
}

}  // namespace meter
