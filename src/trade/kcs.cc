#include "trade/kcs.h"

#include <cctype>
#include <map>

#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"
#include "core/validate.h"

namespace interdict::trade {
namespace {

// Normalised header name: lower case, blanks and punctuation removed.
std::string Key(std::string_view s) {
  std::string k;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)))
      k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return k;
}

}  // namespace

bool IsKcsHeader(const std::vector<std::string>& header) {
  bool id = false, hs = false;
  for (const auto& h : header) {
    std::string k = Key(h);
    id |= k == "declarationid";
    hs |= k == "hs6code";
  }
  return id && hs;
}

Result<std::vector<KcsRow>> ParseKcs(std::string_view data, const std::string& name) {
  CsvReader rd(data);
  CsvRecord rec;
  if (!rd.Next(&rec)) return Status::Corruption(name + ": empty file");
  if (!IsKcsHeader(rec.fields))
    return Status::InvalidArgument(name +
                                   ":1: not the KCS layout (needs 'Declaration ID' and "
                                   "'HS6 Code' columns)");
  std::map<std::string, int> col;
  for (size_t i = 0; i < rec.fields.size(); ++i) col[Key(rec.fields[i])] = static_cast<int>(i);
  auto idx = [&](const char* k) {
    auto it = col.find(k);
    return it == col.end() ? -1 : it->second;
  };
  const int c_id = idx("declarationid"), c_date = idx("date"), c_office = idx("officeid"),
            c_proc = idx("processtype"), c_itype = idx("importtype"), c_iuse = idx("importuse"),
            c_pay = idx("paymenttype"), c_mode = idx("modeoftransport"),
            c_decl = idx("declarantid"), c_imp = idx("importerid"), c_sel = idx("sellerid"),
            c_cour = idx("courierid"), c_hs = idx("hs6code"), c_dep = idx("countryofdeparture"),
            c_orig = idx("countryoforigin"), c_tax = idx("taxrate"), c_ttype = idx("taxtype"),
            c_oind = idx("countryoforiginindicator"), c_mass = idx("netmass"),
            c_price = idx("itemprice"), c_fraud = idx("fraud"), c_crit = idx("criticalfraud");
  std::vector<KcsRow> rows;
  while (rd.Next(&rec)) {
    std::string where = name + ":" + std::to_string(rec.line) + ": ";
    if (!rec.error.empty()) return Status::Corruption(where + rec.error);
    auto get = [&](int c) -> std::string {
      return c >= 0 && c < static_cast<int>(rec.fields.size()) ? std::string(Trim(rec.fields[c]))
                                                               : std::string();
    };
    auto num = [&](int c, const char* field, double* out) -> Status {
      std::string v = get(c);
      if (v.empty()) {
        *out = 0;
        return Status::Ok();
      }
      auto n = ParseNumber(v);
      if (!n) return Status::Corruption(where + "field '" + field + "': not a number: " + v);
      *out = *n;
      return Status::Ok();
    };
    KcsRow r;
    r.line = rec.line;
    r.id = get(c_id);
    if (r.id.empty()) return Status::Corruption(where + "field 'Declaration ID': empty");
    r.date = get(c_date);
    r.office = get(c_office);
    r.process_type = get(c_proc);
    r.import_type = get(c_itype);
    r.import_use = get(c_iuse);
    r.payment_type = get(c_pay);
    r.transport_mode = get(c_mode);
    r.declarant = get(c_decl);
    r.importer = get(c_imp);
    r.seller = get(c_sel);
    r.courier = get(c_cour);
    r.hs6 = NormalizeHsCode(get(c_hs));
    // Leading zeros are lost when a spreadsheet touched the file: restore them.
    if (!r.hs6.empty() && r.hs6.size() < 6) r.hs6.insert(0, 6 - r.hs6.size(), '0');
    r.departure = get(c_dep);
    r.origin = get(c_orig);
    r.tax_type = get(c_ttype);
    r.origin_indicator = get(c_oind);
    RETURN_IF_ERROR(num(c_tax, "Tax Rate", &r.tax_rate));
    RETURN_IF_ERROR(num(c_mass, "Net Mass", &r.net_mass));
    RETURN_IF_ERROR(num(c_price, "Item Price", &r.item_price));
    if (c_fraud >= 0) {
      double f = 0;
      RETURN_IF_ERROR(num(c_fraud, "Fraud", &f));
      r.fraud = f > 0.5 ? 1 : 0;
    }
    if (c_crit >= 0) {
      double f = 0;
      RETURN_IF_ERROR(num(c_crit, "Critical Fraud", &f));
      r.critical = static_cast<int>(f + 0.5);
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

Result<std::vector<KcsRow>> ReadKcsFile(const std::string& path) {
  ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  return ParseKcs(file->data(), path);
}

Result<KcsSplits> ReadKcsDir(const std::string& dir) {
  KcsSplits s;
  ASSIGN_OR_RETURN(s.train, ReadKcsFile(dir + "/df_syn_train_eng.csv"));
  ASSIGN_OR_RETURN(s.valid, ReadKcsFile(dir + "/df_syn_valid_eng.csv"));
  ASSIGN_OR_RETURN(s.test, ReadKcsFile(dir + "/df_syn_test_eng.csv"));
  return s;
}

}  // namespace interdict::trade
