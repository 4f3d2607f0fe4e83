// The `records.data` encoding (docs/formats/store.md): a JSON object mapping each property
// name to the array of its string values, e.g. {"name":["ACME LTD"],"country":["DE","AE"]}.
//
// Written and read by hand rather than through nlohmann::json because building a DOM per
// record dominated ingest time (measured: ~40 % of 1 M-row ingest); the format is a strict
// subset of JSON that any JSON parser reads.
// Thread-safety: pure functions.
#ifndef INTERDICT_STORE_RECORD_CODEC_H_
#define INTERDICT_STORE_RECORD_CODEC_H_

#include <string>
#include <string_view>

#include "interdict/model.h"
#include "interdict/status.h"

namespace interdict {

// Appends the encoding of `e`'s statements to `out`. Invalid UTF-8 becomes U+FFFD.
void EncodeRecordData(const Entity& e, std::string* out);
// Adds the properties encoded in `data` to `e` (referent 0). Corruption on malformed input.
Status DecodeRecordData(std::string_view data, Entity* e);
// Appends `s` as a JSON string literal (quotes included).
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace interdict

#endif  // INTERDICT_STORE_RECORD_CODEC_H_
