// Every AIS file under a folder -> one TrackStore.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "core/file.h"
#include "core/strings.h"
#include "interdict/tracks.h"

namespace interdict::ais {

namespace fs = std::filesystem;

namespace {

constexpr size_t kSniffBytes = 64 * 1024;

std::string Head(const std::string& path, size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string s(n, '\0');
  in.read(s.data(), static_cast<std::streamsize>(n));
  s.resize(static_cast<size_t>(in.gcount()));
  return s;
}

// Whether the text holds at least one well-formed AIS sentence (checksum included), so a
// README.txt that mentions "!AIVDM" is not taken for a log.
bool HasAisSentence(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    NmeaSentence s;
    if (ParseNmeaLine(line, &s) == LineKind::kAis) return true;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return false;
}

void AddStats(AisStats* a, const AisStats& b) {
  a->lines += b.lines;
  a->sentences += b.sentences;
  a->fragments += b.fragments;
  a->messages += b.messages;
  a->skipped_lines += b.skipped_lines;
  a->bad_checksum += b.bad_checksum;
  a->bad_tag_blocks += b.bad_tag_blocks;
  a->malformed += b.malformed;
  a->decode_errors += b.decode_errors;
  a->orphans += b.orphans;
  a->duplicates += b.duplicates;
}

}  // namespace

AisFileKind ClassifyAisFile(const std::string& path) {
  const std::string ext = AsciiLower(fs::path(path).extension().string());
  if (ext == ".nmea" || ext == ".nm4" || ext == ".aivdm") return AisFileKind::kNmea;
  if (ext == ".txt" || ext == ".log" || ext == ".ais") {
    return HasAisSentence(Head(path, kSniffBytes)) ? AisFileKind::kNmea : AisFileKind::kNotAis;
  }
  if (ext == ".csv") {
    std::string head = Head(path, 4096);
    const size_t nl = head.find('\n');
    if (nl != std::string::npos) head.resize(nl);
    return IsMarineCadastreHeader(head) ? AisFileKind::kMarineCadastre : AisFileKind::kNotAis;
  }
  return AisFileKind::kNotAis;
}

std::string AisDirStats::ToString() const {
  std::ostringstream os;
  os << "nmea_files=" << nmea_files.size() << " csv_files=" << csv_files.size()
     << " skipped_files=" << files_skipped << " | nmea: " << nmea.ToString()
     << " | csv: rows=" << csv.rows << " accepted=" << csv.accepted << " rejected=" << csv.rejected
     << " | tracks: " << tracks.ToString();
  return os.str();
}

Result<TrackStore> BuildTracksFromDir(const std::string& dir, const TrackOptions& opts,
                                      AisDirStats* stats) {
  AisDirStats local;
  AisDirStats* st = stats != nullptr ? stats : &local;
  *st = AisDirStats{};
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": not a directory");
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(it->path().string());
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  std::sort(files.begin(), files.end());

  TrackBuilder builder(opts);
  for (const std::string& path : files) {
    const std::string rel = fs::relative(path, dir, ec).string();
    switch (ClassifyAisFile(path)) {
      case AisFileKind::kNotAis:
        ++st->files_skipped;
        break;
      case AisFileKind::kNmea: {
        ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
        builder.BeginSource();
        AisStreamDecoder dec([&builder](const AisMessage& m) { builder.Add(m); });
        dec.FeedText(file->data());
        dec.Finish();
        AddStats(&st->nmea, dec.stats());
        st->nmea_files.push_back(rel);
        break;
      }
      case AisFileKind::kMarineCadastre: {
        Status s = ReadMarineCadastreCsv(path, &builder, &st->csv);
        if (!s.ok()) return s;
        st->csv_files.push_back(rel);
        break;
      }
    }
  }
  TrackStore store = builder.Finish();
  st->tracks = builder.stats();
  return store;
}

}  // namespace interdict::ais
