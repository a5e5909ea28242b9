#include "web/security.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <semaphore>

namespace meter {
namespace {

// A few of the passwords people choose most often; long enough to pass the length rule.
constexpr std::array<std::string_view, 24> kCommonPasswords = {
    "password1234",   "123456789012",  "qwertyuiopas",     "passwordpassword", "administrator",
    "administrator1", "letmein123456", "welcome12345",     "iloveyou1234",     "password123456",
    "qwerty123456",   "1234567890123", "abcdefghijkl",     "changeme1234",     "passw0rd1234",
    "111111111111",   "000000000000",  "aaaaaaaaaaaa",     "p@ssw0rd1234",     "qwertyuiop12",
    "welcomewelcome", "adminadmin123", "trustno1trustno1", "football1234"};

// Bounds the memory argon2id takes: each running hash holds kPasswordMemory bytes.
std::counting_semaphore<2> password_slots(2);

struct PasswordSlot {
  PasswordSlot() { password_slots.acquire(); }
  ~PasswordSlot() { password_slots.release(); }
};

constexpr size_t kPasswordMemory = 19u << 20;  // 19 MiB
constexpr unsigned long long kPasswordPasses = 2;

}  // namespace

bool InitSecurity() { return sodium_init() >= 0; }

std::string PasswordProblem(const std::string& password) {
  size_t characters = 0;
  for (unsigned char c : password) characters += (c & 0xC0) != 0x80;
  if (characters < 12) return METER_N("the password must have at least 12 characters");
  if (password.size() > 1024) return METER_N("the password must have at most 1024 bytes");
  std::string lower = password;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (std::string_view common : kCommonPasswords) {
    if (lower == common)
      return METER_N("this password is one of the most common ones; choose another");
  }
  return "";
}

Result<std::string> HashPassword(const std::string& password) {
  if (std::string problem = PasswordProblem(password); !problem.empty()) {
    return Error::Of(ErrorCode::kInvalidInput, "", problem);
  }
  char out[crypto_pwhash_STRBYTES];
  PasswordSlot slot;
  if (crypto_pwhash_str(out, password.data(), password.size(), kPasswordPasses, kPasswordMemory) !=
      0) {
    return Error::Of(ErrorCode::kInternal, "", METER_N("the password could not be hashed"));
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  PasswordSlot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string Sha256Hex(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace meter
