// Reader for the Korean Customs Service synthetic import-declaration benchmark
// (Seondong/Customs-Declaration-Datasets, English headers; ../shared/data/trade/customs-kcs).
//
// Columns are found by header name, not position, so reordered or extra columns work.
// Quirks the reader keeps rather than "fixes" (the model learns from them): HS6 codes
// are strings with leading zeros ("090121"), Courier ID is often empty, Net Mass and
// Item Price can be <= 0. A row whose numbers do not parse is an error naming the file,
// line and field (never silently dropped).
#ifndef INTERDICT_TRADE_KCS_H_
#define INTERDICT_TRADE_KCS_H_

#include <string>
#include <string_view>
#include <vector>

#include "interdict/status.h"

namespace interdict::trade {

struct KcsRow {
  std::string id;  // Declaration ID
  std::string date;
  std::string office, process_type, import_type, import_use, payment_type, transport_mode;
  std::string declarant, importer, seller, courier;
  std::string hs6;
  std::string departure, origin;
  double tax_rate = 0;
  std::string tax_type, origin_indicator;
  double net_mass = 0, item_price = 0;
  int fraud = -1;     // -1 when the file has no label column
  int critical = -1;  // 0 none, 1 fraud, 2 critical (public safety)
  int64_t line = 0;
};

// True when a CSV header line is the KCS layout (has Declaration ID and HS6 Code).
bool IsKcsHeader(const std::vector<std::string>& header);

Result<std::vector<KcsRow>> ParseKcs(std::string_view data, const std::string& source_name);
Result<std::vector<KcsRow>> ReadKcsFile(const std::string& path);

// The three benchmark splits found under DIR (df_syn_{train,valid,test}_eng.csv).
struct KcsSplits {
  std::vector<KcsRow> train, valid, test;
};
Result<KcsSplits> ReadKcsDir(const std::string& dir);

}  // namespace interdict::trade

#endif  // INTERDICT_TRADE_KCS_H_
