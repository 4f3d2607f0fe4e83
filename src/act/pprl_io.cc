// PPRL input CSV and the encodings file (docs/formats/pprl.md).
#include <sodium.h>

#include <bit>
#include <cctype>
#include <cstring>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/csv.h"
#include "core/file.h"
#include "interdict/sharing.h"

namespace interdict::sharing {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "interdict-pprl/v1";

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Result<std::vector<PprlRecord>> ReadPprlCsv(const std::string& path) {
  ASSIGN_OR_RETURN(auto mf, MappedFile::Open(path));
  CsvReader reader(mf->data());
  CsvRecord rec;
  if (!reader.Next(&rec)) return Status::InvalidArgument(path + ": empty file");
  int id = -1, name = -1, dob = -1;
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    std::string h = Lower(rec.fields[i]);
    if (i == 0 && h.rfind("\xef\xbb\xbf", 0) == 0) h = h.substr(3);  // UTF-8 BOM
    int k = static_cast<int>(i);
    if (h == "id") id = k;
    if (h == "name" || (h == "full_name" && name < 0)) name = k;
    if (h == "birth_date" || (h == "date_of_birth" && dob < 0)) dob = k;
  }
  if (name < 0)
    return Status::InvalidArgument(path + ": header needs a 'name' or 'full_name' column");
  std::vector<PprlRecord> out;
  int64_t row = 0;
  while (reader.Next(&rec)) {
    ++row;
    if (!rec.error.empty())
      return Status::InvalidArgument(path + ":" + std::to_string(rec.line) + ": " + rec.error);
    auto field = [&](int k) {
      return k >= 0 && static_cast<size_t>(k) < rec.fields.size() ? rec.fields[k] : std::string();
    };
    PprlRecord r;
    r.id = id >= 0 ? field(id) : "row-" + std::to_string(row);
    if (r.id.empty())
      return Status::InvalidArgument(path + ":" + std::to_string(rec.line) + ": empty id");
    r.name = field(name);
    r.birth_date = field(dob);
    if (r.name.empty()) continue;
    out.push_back(std::move(r));
  }
  return out;
}

Status WritePprlFile(const std::string& path, const PprlFile& f) {
  std::string out;
  json h = {{"format", kFormat},
            {"bits", f.params.out_bits()},
            {"filter_bits", f.params.bits},
            {"k_name", f.params.k_name},
            {"k_dob", f.params.k_dob},
            {"hardening", HardeningName(f.params.hardening)},
            {"hash", "hmac-sha256+xoshiro256**"},
            {"features", "name-token-bigrams,y,ym,ymd"},
            {"secret_check", f.secret_check},
            {"count", f.records.size()}};
  out += h.dump() + "\n";
  std::string bytes;
  std::string b64;
  for (const BloomEncoding& e : f.records) {
    // Little-endian words: bit i of the filter is bit (i % 8) of byte i / 8.
    bytes.assign(e.words.size() * 8, '\0');
    for (size_t w = 0; w < e.words.size(); ++w)
      for (int k = 0; k < 8; ++k)
        bytes[w * 8 + k] = static_cast<char>((e.words[w] >> (8 * k)) & 0xff);
    b64.assign(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    b64.resize(std::strlen(b64.c_str()));
    out += json({{"id", e.id}, {"clk", b64}}).dump(-1, ' ', false, json::error_handler_t::replace) +
           "\n";
  }
  return WriteFileAtomic(path, out);
}

Result<PprlFile> ReadPprlFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  std::istringstream in(text);
  std::string line;
  PprlFile f;
  int64_t n = 0;
  size_t bytes_per = 0;
  std::vector<unsigned char> buf;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    std::string where = path + ":" + std::to_string(n);
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument(where + ": not JSON");
    if (n == 1) {
      if (j.value("format", "") != kFormat)
        return Status::InvalidArgument(where + ": not an " + std::string(kFormat) + " file");
      f.params.bits = j.value("filter_bits", 0);
      f.params.k_name = j.value("k_name", 0);
      f.params.k_dob = j.value("k_dob", 0);
      ASSIGN_OR_RETURN(f.params.hardening, ParseHardening(j.value("hardening", "")));
      f.secret_check = j.value("secret_check", "");
      int out_bits = j.value("bits", 0);
      if (out_bits <= 0 || out_bits % 64 != 0 || out_bits != f.params.out_bits())
        return Status::InvalidArgument(where + ": inconsistent bit sizes");
      bytes_per = static_cast<size_t>(out_bits / 8);
      buf.resize(bytes_per + 8);
      continue;
    }
    BloomEncoding e;
    e.id = j.value("id", "");
    std::string b64 = j.value("clk", "");
    size_t len = 0;
    if (e.id.empty() ||
        sodium_base642bin(buf.data(), buf.size(), b64.data(), b64.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        len != bytes_per)
      return Status::InvalidArgument(where + ": record needs an id and a " +
                                     std::to_string(bytes_per) + "-byte base64 'clk'");
    e.words.assign(bytes_per / 8, 0);
    for (size_t b = 0; b < bytes_per; ++b) e.words[b / 8] |= uint64_t{buf[b]} << (8 * (b % 8));
    for (uint64_t w : e.words) e.popcount += std::popcount(w);
    f.records.push_back(std::move(e));
  }
  if (n == 0) return Status::InvalidArgument(path + ": empty file");
  return f;
}

}  // namespace interdict::sharing
