#include "store/record_codec.h"

#include <cstdint>
#include <vector>

namespace interdict {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if invalid.
size_t Utf8Len(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = s.size();
  if (c < 0x80) return 1;
  auto cont = [&](size_t k) { return k < n && (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    uint32_t cp = ((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
    return (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) ? 0 : 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    uint32_t cp = ((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) |
                  (b(i + 3) & 0x3F);
    return (cp < 0x10000 || cp > 0x10FFFF) ? 0 : 4;
  }
  return 0;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}
  Status Parse(Entity* e) {
    Ws();
    if (!Eat('{')) return Err("expected '{'");
    Ws();
    if (Eat('}')) return End();
    for (;;) {
      std::string key;
      RETURN_IF_ERROR(String(&key));
      Ws();
      if (!Eat(':')) return Err("expected ':'");
      Ws();
      if (!Eat('[')) return Err("expected '['");
      PropId pid = InternProp(key);
      Ws();
      if (!Eat(']')) {
        for (;;) {
          std::string v;
          RETURN_IF_ERROR(String(&v));
          e->Add(pid, v, 0);
          Ws();
          if (Eat(']')) break;
          if (!Eat(',')) return Err("expected ',' or ']'");
          Ws();
        }
      }
      Ws();
      if (Eat('}')) return End();
      if (!Eat(',')) return Err("expected ',' or '}'");
      Ws();
    }
  }

 private:
  Status End() {
    Ws();
    return pos_ == s_.size() ? Status::Ok() : Err("trailing bytes");
  }
  Status Err(const char* what) const {
    return Status::Corruption("record data: " + std::string(what) + " at byte " +
                              std::to_string(pos_));
  }
  void Ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\t' ||
                                s_[pos_] == '\r'))
      ++pos_;
  }
  bool Eat(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Hex4(uint32_t* v) {
    if (pos_ + 4 > s_.size()) return false;
    uint32_t r = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[pos_++];
      r <<= 4;
      if (c >= '0' && c <= '9') r |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') r |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') r |= static_cast<uint32_t>(c - 'A' + 10);
      else return false;
    }
    *v = r;
    return true;
  }
  Status String(std::string* out) {
    if (!Eat('"')) return Err("expected string");
    for (;;) {
      if (pos_ >= s_.size()) return Err("unterminated string");
      char c = s_[pos_++];
      if (c == '"') return Status::Ok();
      if (static_cast<unsigned char>(c) < 0x20) return Err("control character in string");
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) return Err("bad escape");
      char e = s_[pos_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          uint32_t cp;
          if (!Hex4(&cp)) return Err("bad \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t lo;
            if (!Eat('\\') || !Eat('u') || !Hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF)
              return Err("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return Err("lone low surrogate");
          }
          AppendUtf8(cp, out);
          break;
        }
        default: return Err("bad escape");
      }
    }
  }
  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  static const char* kHex = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // Copy the run of plain printable ASCII at once.
    size_t run = i;
    while (run < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[run]);
      if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\') break;
      ++run;
    }
    if (run > i) {
      out->append(s.data() + i, run - i);
      i = run;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = Utf8Len(s, i);
      if (n == 0) {
        out->append("\xEF\xBF\xBD");  // U+FFFD, as nlohmann's error_handler_t::replace
        ++i;
      } else {
        out->append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

void EncodeRecordData(const Entity& e, std::string* out) {
  const auto& st = e.statements();
  // Group values by property, properties in order of first appearance.
  std::vector<PropId> order;
  for (const auto& s : st) {
    bool seen = false;
    for (PropId p : order) seen = seen || p == s.prop;
    if (!seen) order.push_back(s.prop);
  }
  out->push_back('{');
  for (size_t k = 0; k < order.size(); ++k) {
    if (k) out->push_back(',');
    AppendJsonString(PropName(order[k]), out);
    out->append(":[");
    bool first = true;
    for (const auto& s : st) {
      if (s.prop != order[k]) continue;
      if (!first) out->push_back(',');
      first = false;
      AppendJsonString(s.value, out);
    }
    out->push_back(']');
  }
  out->push_back('}');
}

Status DecodeRecordData(std::string_view data, Entity* e) { return Parser(data).Parse(e); }

}  // namespace interdict
