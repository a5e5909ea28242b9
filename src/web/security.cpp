#include "web/security.h"

#include <sodium.h>

#include <semaphore>

namespace meter {
namespace {

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

Result<std::string> HashPassword(const std::string& password) {
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
