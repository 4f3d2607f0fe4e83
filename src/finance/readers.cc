// Readers for the two public AML benchmark layouts (IBM AMLworld, IBM AMLSim). Both turn a
// row into a Payment entity with the canonical payments.csv property names, so the rest of
// the pipeline cannot tell them from payments.csv; benchmark-only columns (labels, bank
// ids, the received side of a currency exchange) are kept as extra properties.
//
// The helpers of ingest/ (MakeQuarantine, MakeProvenance) are re-done here on purpose:
// ingest links this library to dispatch to these readers, so linking ingest back would
// make a cycle.
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/csv.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/strings.h"
#include "core/validate.h"
#include "finance/finance.h"

namespace interdict {
namespace {

QuarantineEntry Quarantine(const std::string& file, const CsvRecord& rec, std::string field,
                           std::string reason) {
  QuarantineEntry q;
  q.file = file;
  q.line = rec.line;
  q.record_id = file + ":" + std::to_string(rec.line);
  q.field = std::move(field);
  q.reason = std::move(reason);
  q.raw = std::string(rec.raw.substr(0, 4096));
  return q;
}

Provenance Prov(const std::string& file, const std::string& id, const CsvRecord& rec,
                int64_t ingest_time) {
  Provenance p;
  p.source = file;
  p.record_id = id;
  p.line = rec.line;
  p.ingest_time = ingest_time;
  p.content_hash = Sha256Hex(rec.raw);
  return p;
}

std::string DisplayName(const InputUnit& unit, const ReadContext& ctx) {
  if (!ctx.display_names.empty()) return ctx.display_names[0];
  return unit.display.empty() ? unit.paths[0] : unit.display;
}

// YYYY-MM-DD for days since 1970-01-01 (H. Hinnant's civil_from_days).
std::string DateOfDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

std::string NumberReason(std::string_view v) {
  auto x = ParseNumber(v);
  if (!x) return "'" + std::string(v.substr(0, 40)) + "': not a number";
  if (*x < 0) return "'" + std::string(v.substr(0, 40)) + "': negative amount";
  return "";
}

// ---- IBM AMLworld ----------------------------------------------------------------------

const char* InstrumentOf(std::string_view format) {
  std::string f = AsciiLower(format);
  if (f == "wire") return "wire";
  if (f == "cash") return "cash";
  if (f == "credit card") return "card";
  if (f == "bitcoin") return "crypto";
  return "other";  // ACH, Cheque, Reinvestment
}

class IbmAmlReader : public Reader {
 public:
  std::string name() const override { return "ibm-aml-csv"; }

  Result<int64_t> Read(const InputUnit& unit, const ReadContext& ctx,
                       RecordSink* sink) override {
    if (unit.paths.empty()) return Status::InvalidArgument(name() + ": input unit has no file");
    std::string file = DisplayName(unit, ctx);
    ASSIGN_OR_RETURN(auto mapped, MappedFile::Open(unit.paths[0]));
    CsvReader csv(mapped->data());
    CsvRecord rec;
    int64_t rows = 0;
    std::string typology;
    bool first = true;
    while (csv.Next(&rec)) {
      std::string_view head = rec.fields.empty() ? std::string_view() : Trim(rec.fields[0]);
      if (first) {
        first = false;
        // The transactions file has a header; the patterns file starts with a block.
        if (EqualsTimestamp(head)) continue;
        if (!StartsWith(head, "BEGIN LAUNDERING ATTEMPT"))
          return Status::Corruption(file + ":" + std::to_string(rec.line) +
                                    ": not an IBM AML file (expected a 'Timestamp,From Bank,"
                                    "Account,...' header or a 'BEGIN LAUNDERING ATTEMPT' line)");
      }
      // Block markers of the patterns file are structure, not rows.
      if (StartsWith(head, "BEGIN LAUNDERING ATTEMPT")) {
        std::string_view t = head.substr(head.find('-') + 1);
        typology = std::string(Trim(t.substr(0, t.find(':'))));
        continue;
      }
      if (StartsWith(head, "END LAUNDERING ATTEMPT")) {
        typology.clear();
        continue;
      }
      ++rows;
      RETURN_IF_ERROR(Row(file, rec, typology, ctx, sink));
    }
    return rows;
  }

 private:
  static bool EqualsTimestamp(std::string_view s) { return AsciiLower(s) == "timestamp"; }

  static Status Row(const std::string& file, const CsvRecord& rec, const std::string& typology,
                    const ReadContext& ctx, RecordSink* sink) {
    if (!rec.error.empty()) return sink->Quarantine(Quarantine(file, rec, "", rec.error));
    if (rec.fields.size() != 11)
      return sink->Quarantine(Quarantine(
          file, rec, "", "expected 11 fields, found " + std::to_string(rec.fields.size())));
    if (!IsValidUtf8(rec.raw)) return sink->Quarantine(Quarantine(file, rec, "", "invalid UTF-8"));
    auto f = [&](int i) { return Trim(rec.fields[i]); };
    // "2022/09/03 19:28" -> "2022-09-03T19:28"
    std::string ts(f(0));
    for (char& c : ts)
      if (c == '/') c = '-';
    if (ts.size() > 10 && ts[10] == ' ') ts[10] = 'T';
    if (!ParseIsoSeconds(ts))
      return sink->Quarantine(
          Quarantine(file, rec, "Timestamp", "'" + std::string(f(0)) + "': not YYYY/MM/DD HH:MM"));
    static const char* kNames[] = {"Timestamp",          "From Bank",   "Account",
                                   "To Bank",            "Account",     "Amount Received",
                                   "Receiving Currency", "Amount Paid", "Payment Currency",
                                   "Payment Format",     "Is Laundering"};
    for (int i : {2, 4})
      if (f(i).empty()) return sink->Quarantine(Quarantine(file, rec, kNames[i], "empty account"));
    for (int i : {5, 7}) {
      std::string r = NumberReason(f(i));
      if (!r.empty()) return sink->Quarantine(Quarantine(file, rec, kNames[i], r));
    }
    if (f(10) != "0" && f(10) != "1")
      return sink->Quarantine(Quarantine(file, rec, kNames[10], "must be 0 or 1"));

    std::string id = file + ":" + std::to_string(rec.line);
    Entity e(id, Schema::Get("Payment"));
    uint32_t ref = e.AddReferent(Prov(file, id, rec, ctx.ingest_time));
    e.Add("payment_id", id, ref);
    e.Add("value_date", ts, ref);
    e.Add("payer_bank", f(1), ref);
    e.Add("payer_account", f(2), ref);
    e.Add("payee_bank", f(3), ref);
    e.Add("payee_account", f(4), ref);
    e.Add("amount", f(7), ref);
    e.Add("currency", CurrencyCode(f(8)), ref);
    e.Add("amount_received", f(5), ref);
    e.Add("received_currency", CurrencyCode(f(6)), ref);
    e.Add("instrument", InstrumentOf(f(9)), ref);
    e.Add("payment_format", f(9), ref);
    e.Add("is_laundering", f(10), ref);
    e.Add("typology", typology, ref);
    return sink->Record(std::move(e));
  }
};

// ---- AMLSim ----------------------------------------------------------------------------

// AMLSim counts time in daily steps from its configured base date (2017-01-01 in the
// shipped configurations); the step is kept as `step` next to the derived date.
constexpr int64_t kAmlSimBaseDays = 17167;  // 2017-01-01

class AmlSimReader : public Reader {
 public:
  std::string name() const override { return "amlsim-csv"; }

  Result<int64_t> Read(const InputUnit& unit, const ReadContext& ctx,
                       RecordSink* sink) override {
    if (unit.paths.empty()) return Status::InvalidArgument(name() + ": input unit has no file");
    std::string file = DisplayName(unit, ctx);
    ASSIGN_OR_RETURN(auto mapped, MappedFile::Open(unit.paths[0]));
    CsvReader csv(mapped->data());
    CsvRecord rec;
    if (!csv.Next(&rec)) return Status::Corruption(file + ": empty file; a header row is required");
    // Column positions: src, dst, amount, time, id (-1 = none), label (-1 = none).
    int src = -1, dst = -1, amt = -1, tim = -1, idc = -1, sar = -1, alert = -1;
    for (size_t i = 0; i < rec.fields.size(); ++i) {
      std::string c = AsciiLower(Trim(rec.fields[i]));
      int k = static_cast<int>(i);
      if (c == "sourcenodeid" || c == "orig_acct") src = k;
      else if (c == "targetnodeid" || c == "bene_acct") dst = k;
      else if (c == "value" || c == "base_amt" || c == "amount") amt = k;
      else if (c == "time" || c == "tran_timestamp" || c == "step") tim = k;
      else if (c == "tran_id") idc = k;
      else if (c == "is_sar" || c == "isfraud") sar = k;
      else if (c == "alert_id") alert = k;
    }
    if (src < 0 || dst < 0 || amt < 0 || tim < 0)
      return Status::Corruption(file + ":" + std::to_string(rec.line) +
                                ": header: not an AMLSim transactions file (needs "
                                "sourceNodeId,targetNodeId,value,time or "
                                "orig_acct,bene_acct,base_amt,tran_timestamp)");
    const size_t ncols = rec.fields.size();
    int64_t rows = 0;
    while (csv.Next(&rec)) {
      ++rows;
      if (!rec.error.empty()) {
        RETURN_IF_ERROR(sink->Quarantine(Quarantine(file, rec, "", rec.error)));
        continue;
      }
      if (rec.fields.size() != ncols) {
        RETURN_IF_ERROR(sink->Quarantine(
            Quarantine(file, rec, "",
                       "expected " + std::to_string(ncols) + " fields (as in the header), found " +
                           std::to_string(rec.fields.size()))));
        continue;
      }
      auto f = [&](int i) { return Trim(rec.fields[static_cast<size_t>(i)]); };
      std::string reason, field;
      if (f(src).empty() || f(dst).empty()) {
        field = f(src).empty() ? "source account" : "target account";
        reason = "empty account";
      } else if (std::string r = NumberReason(f(amt)); !r.empty()) {
        field = "amount";
        reason = r;
      }
      // Time: an integer step, or an ISO timestamp.
      std::string date;
      std::string_view t = f(tim);
      if (reason.empty()) {
        auto step = ParseNumber(t);
        if (step && *step >= 0 && *step < 1e6 && std::floor(*step) == *step) {
          date = DateOfDays(kAmlSimBaseDays + static_cast<int64_t>(*step));
        } else if (ParseIsoSeconds(t) || ParseDateDays(t)) {
          date = std::string(t);
        } else {
          field = "time";
          reason = "'" + std::string(t.substr(0, 40)) + "': neither a step nor an ISO date";
        }
      }
      if (reason.empty() && !IsValidUtf8(rec.raw)) reason = "invalid UTF-8";
      if (!reason.empty()) {
        RETURN_IF_ERROR(sink->Quarantine(Quarantine(file, rec, field, reason)));
        continue;
      }
      std::string id = idc >= 0 && !f(idc).empty() ? std::string(f(idc))
                                                   : file + ":" + std::to_string(rec.line);
      Entity e(id, Schema::Get("Payment"));
      uint32_t ref = e.AddReferent(Prov(file, id, rec, ctx.ingest_time));
      e.Add("payment_id", id, ref);
      e.Add("value_date", date, ref);
      e.Add("payer_account", f(src), ref);
      e.Add("payee_account", f(dst), ref);
      e.Add("amount", f(amt), ref);
      if (ParseNumber(t)) e.Add("step", t, ref);
      if (sar >= 0) e.Add("is_sar", f(sar), ref);
      if (alert >= 0) e.Add("alert_id", f(alert), ref);
      RETURN_IF_ERROR(sink->Record(std::move(e)));
    }
    return rows;
  }
};

}  // namespace

std::string CurrencyCode(std::string_view name) {
  static const std::pair<const char*, const char*> kCodes[] = {
      {"us dollar", "USD"},        {"euro", "EUR"},           {"uk pound", "GBP"},
      {"yen", "JPY"},              {"ruble", "RUB"},          {"yuan", "CNY"},
      {"canadian dollar", "CAD"},  {"australian dollar", "AUD"}, {"swiss franc", "CHF"},
      {"rupee", "INR"},            {"mexican peso", "MXN"},   {"brazil real", "BRL"},
      {"saudi riyal", "SAR"},      {"shekel", "ILS"},         {"bitcoin", "XBT"},
  };
  std::string n = AsciiLower(Trim(name));
  for (const auto& [k, v] : kCodes)
    if (n == k) return v;
  return std::string(Trim(name));
}

std::string SniffFinanceFormat(std::string_view first_line) {
  std::string h = AsciiLower(Trim(first_line));
  if (h.size() >= 3 && h.compare(0, 3, "\xEF\xBB\xBF") == 0) h.erase(0, 3);
  if (StartsWith(h, "timestamp,from bank,account,to bank,account")) return "ibm-aml-csv";
  if (StartsWith(h, "begin laundering attempt")) return "ibm-aml-csv";
  if (StartsWith(h, "sourcenodeid,targetnodeid,value,time")) return "amlsim-csv";
  if (h.find("orig_acct") != std::string::npos && h.find("bene_acct") != std::string::npos &&
      h.find("base_amt") != std::string::npos)
    return "amlsim-csv";
  return "";
}

std::unique_ptr<Reader> NewIbmAmlReader() { return std::make_unique<IbmAmlReader>(); }
std::unique_ptr<Reader> NewAmlSimReader() { return std::make_unique<AmlSimReader>(); }

}  // namespace interdict
