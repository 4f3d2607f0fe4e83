// MarineCadastre / NOAA AccessAIS CSV -> TrackBuilder.
//
// Columns are found by name because the published files changed layout over the years
// (2015-2017 files have the same names in another order, some add or drop columns). A row
// is rejected whole, with the first bad field named, when a value does not parse or a
// required one is impossible; values that AIS itself marks "not available" (SOG 102.3,
// COG 360, heading 511) are stored as not available, not rejected.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "ais/internal.h"
#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"
#include "interdict/tracks.h"

namespace interdict::ais {

namespace {

enum Col {
  kMmsi,
  kTime,
  kLat,
  kLon,
  kSog,
  kCog,
  kHeading,
  kName,
  kImo,
  kCallSign,
  kType,
  kStatus,
  kLength,
  kWidth,
  kDraft,
  kClass,
  kNumCols
};
constexpr const char* kColNames[kNumCols] = {
    "MMSI",   "BaseDateTime", "LAT",        "LON",
    "SOG",    "COG",          "Heading",    "VesselName",
    "IMO",    "CallSign",     "VesselType", "Status",
    "Length", "Width",        "Draft",      "TransceiverClass"};

std::string_view StripBom(std::string_view s) {
  if (s.size() >= 3 && static_cast<uint8_t>(s[0]) == 0xEF && static_cast<uint8_t>(s[1]) == 0xBB &&
      static_cast<uint8_t>(s[2]) == 0xBF) {
    s.remove_prefix(3);
  }
  return s;
}

// Column index per Col, -1 when absent.
std::vector<int> MapHeader(const std::vector<std::string>& fields) {
  std::vector<int> idx(kNumCols, -1);
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string f = AsciiLower(Trim(StripBom(fields[i])));
    for (int c = 0; c < kNumCols; ++c) {
      if (idx[c] < 0 && f == AsciiLower(kColNames[c])) idx[c] = static_cast<int>(i);
    }
  }
  return idx;
}

bool ParseDouble(std::string_view s, double* out) {
  s = Trim(s);
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(*out);
}

struct RowError {
  const char* field = nullptr;
  std::string reason;
};

}  // namespace

bool IsMarineCadastreHeader(std::string_view first_line) {
  first_line = StripBom(first_line);
  if (!first_line.empty() && first_line.back() == '\r') first_line.remove_suffix(1);
  std::vector<std::string> f = Split(first_line, ',', true, false);
  for (std::string& s : f) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  }
  std::vector<int> idx = MapHeader(f);
  return idx[kMmsi] >= 0 && idx[kTime] >= 0 && idx[kLat] >= 0 && idx[kLon] >= 0;
}

Status ReadMarineCadastreCsvText(std::string_view text, std::string_view file_name,
                                 TrackBuilder* builder, CsvReadStats* stats) {
  const std::string file(file_name);
  CsvReader reader(text);
  CsvRecord rec;
  if (!reader.Next(&rec)) return Status::Corruption(file + ": empty file, no header");
  const std::vector<int> idx = MapHeader(rec.fields);
  for (int c : {kMmsi, kTime, kLat, kLon}) {
    if (idx[c] < 0) {
      return Status::Corruption(file + ":" + std::to_string(rec.line) +
                                ": not a MarineCadastre header (no " + kColNames[c] + " column)");
    }
  }
  const int max_idx = *std::max_element(idx.begin(), idx.end());
  auto reject = [&](int64_t line, const char* field, std::string reason) {
    ++stats->rows;
    ++stats->rejected;
    if (stats->rejections.size() < CsvReadStats::kMaxRejections) {
      stats->rejections.push_back(CsvRejection{file, line, field, std::move(reason)});
    }
  };
  while (reader.Next(&rec)) {
    if (!rec.error.empty()) {
      reject(rec.line, "", rec.error);
      continue;
    }
    auto get = [&](int c) -> std::string_view {
      const int i = idx[c];
      if (i < 0 || static_cast<size_t>(i) >= rec.fields.size()) return {};
      return Trim(rec.fields[static_cast<size_t>(i)]);
    };
    // Optional numbers: empty = absent (returns false), unparseable = row error.
    RowError err;
    auto opt_num = [&](int c, double* v) {
      std::string_view s = get(c);
      if (s.empty()) return false;
      if (!ParseDouble(s, v)) {
        if (err.field == nullptr) {
          err.field = kColNames[c];
          err.reason = "not a number: '" + std::string(s.substr(0, 40)) + "'";
        }
        return false;
      }
      return true;
    };
    if (rec.fields.size() <= static_cast<size_t>(max_idx)) {
      reject(rec.line, "",
             "row has " + std::to_string(rec.fields.size()) + " fields, header " +
                 std::to_string(max_idx + 1));
      continue;
    }
    uint32_t mmsi = 0;
    {
      std::string_view s = get(kMmsi);
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), mmsi);
      if (s.empty() || ec != std::errc() || p != s.data() + s.size() || mmsi == 0 ||
          mmsi > 999'999'999u) {
        reject(rec.line, "MMSI", "not an MMSI: '" + std::string(s.substr(0, 40)) + "'");
        continue;
      }
    }
    const int64_t t = internal::ParseIsoMillis(get(kTime));
    if (t < 0) {
      reject(rec.line, "BaseDateTime",
             "not an ISO 8601 UTC time: '" + std::string(get(kTime).substr(0, 40)) + "'");
      continue;
    }
    double lat = 0, lon = 0;
    if (!ParseDouble(get(kLat), &lat)) {
      reject(rec.line, "LAT", "not a number: '" + std::string(get(kLat).substr(0, 40)) + "'");
      continue;
    }
    if (!ParseDouble(get(kLon), &lon)) {
      reject(rec.line, "LON", "not a number: '" + std::string(get(kLon).substr(0, 40)) + "'");
      continue;
    }
    if (lat < -90 || lat > 90) {
      reject(rec.line, "LAT", lat == 91 ? "position not available (91)" : "latitude out of range");
      continue;
    }
    if (lon < -180 || lon > 180) {
      reject(rec.line, "LON",
             lon == 181 ? "position not available (181)" : "longitude out of range");
      continue;
    }
    PositionFix f;
    f.time_ms = t;
    f.lat = static_cast<int32_t>(std::lround(lat * kUnitsPerDegree));
    f.lon = static_cast<int32_t>(std::lround(lon * kUnitsPerDegree));
    f.source = PosSource::kCsv;
    double v = 0;
    if (opt_num(kSog, &v)) {
      if (v < 0) {
        err = {"SOG", "negative speed"};
      } else if (v < 102.25) {
        f.sog = static_cast<uint16_t>(std::lround(v * 10));
      }
    }
    if (opt_num(kCog, &v) && v >= 0 && v < 360)
      f.cog = static_cast<uint16_t>(std::lround(v * 10) % 3600);
    if (opt_num(kHeading, &v) && v >= 0 && v < 360) f.heading = static_cast<uint16_t>(v);
    if (opt_num(kStatus, &v)) {
      if (v < 0 || v > 15 || v != std::floor(v)) {
        if (err.field == nullptr) err = {"Status", "navigational status outside 0-15"};
      } else {
        f.status = static_cast<uint8_t>(v);
      }
    }
    std::string_view cls = get(kClass);
    if (cls == "B" || cls == "b") f.class_b = true;
    StaticData d;
    d.name = std::string(get(kName));
    d.callsign = std::string(get(kCallSign));
    {
      std::string_view imo = get(kImo);
      if (imo.size() >= 3 && (imo.substr(0, 3) == "IMO" || imo.substr(0, 3) == "imo"))
        imo.remove_prefix(3);
      if (!imo.empty()) {
        uint32_t n = 0;
        auto [p, ec] = std::from_chars(imo.data(), imo.data() + imo.size(), n);
        if (ec != std::errc() || p != imo.data() + imo.size()) {
          if (err.field == nullptr)
            err = {"IMO", "not an IMO number: '" + std::string(get(kImo).substr(0, 40)) + "'"};
        } else {
          d.imo = n;
        }
      }
    }
    // VesselType above 99 are US-specific codes outside the AIS ship-type table.
    if (opt_num(kType, &v) && v >= 0 && v <= 99) d.shiptype = static_cast<uint8_t>(v);
    if (opt_num(kLength, &v) && v > 0 && v < 1000)
      d.length_m = static_cast<uint16_t>(std::lround(v));
    if (opt_num(kWidth, &v) && v > 0 && v < 200) d.width_m = static_cast<uint16_t>(std::lround(v));
    if (opt_num(kDraft, &v) && v > 0 && v < 30)
      d.draught_dm = static_cast<uint16_t>(std::lround(v * 10));
    if (err.field != nullptr) {
      reject(rec.line, err.field, err.reason);
      continue;
    }
    ++stats->rows;
    ++stats->accepted;
    builder->AddPosition(mmsi, f);
    if (!d.name.empty() || !d.callsign.empty() || d.imo != 0 || d.shiptype != 0 ||
        d.length_m != 0) {
      builder->AddStatic(mmsi, t, d, PosSource::kCsv);
    }
  }
  return Status::Ok();
}

Status ReadMarineCadastreCsv(const std::string& path, TrackBuilder* builder, CsvReadStats* stats) {
  ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  builder->BeginSource();
  return ReadMarineCadastreCsvText(file->data(), path, builder, stats);
}

}  // namespace interdict::ais
