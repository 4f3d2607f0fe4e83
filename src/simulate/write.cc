// Writes the world in the §3 input formats and the answer key.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/file.h"
#include "core/strings.h"
#include "model/reference.h"
#include "simulate/tables.h"
#include "simulate/world.h"

namespace interdict::sim {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

// ---- OFAC legacy CSV: quoted text, -0- for empty, CRLF, 0x1A at the end.
std::string OfacText(const std::string& s) {
  if (s.empty()) return "-0- ";
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

std::string Thousands(const std::string& digits) {
  if (digits.empty()) return "";
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    out.push_back(digits[static_cast<size_t>(i)]);
    if ((n - i - 1) % 3 == 0 && i != n - 1) out.push_back(',');
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json Props(std::initializer_list<std::pair<const char*, std::string>> kv) {
  json p = json::object();
  for (const auto& [k, v] : kv)
    if (!v.empty()) p[k] = json::array({v});
  return p;
}

std::string FtmLine(const std::string& id, const std::string& schema, const json& props) {
  json j;
  j["id"] = id;
  j["schema"] = schema;
  j["properties"] = props;
  return j.dump() + "\n";
}

}  // namespace

Status WriteWorldFiles(World* w, const std::string& dir, const std::string& truth_path,
                       const std::string& real_sdn_dir, int64_t* real_entries,
                       int64_t* bytes_written) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const char* sub : {"sanctions", "registry"}) {
    fs::create_directories(dir + "/" + sub, ec);
    if (ec) return Status::IoError(dir + "/" + sub + ": " + ec.message());
  }
  *bytes_written = 0;
  auto write = [&](const std::string& rel, const std::string& content) -> Status {
    *bytes_written += static_cast<int64_t>(content.size());
    return WriteFileAtomic(dir + "/" + rel, content);
  };
  Rng r(w->seed ^ 0x5DEECE66DULL);

  // ---------------------------------------------------------------- ids
  std::sort(w->decls.begin(), w->decls.end(), [](const Declaration& a, const Declaration& b) {
    return a.sort_time != b.sort_time ? a.sort_time < b.sort_time : a.sort_key < b.sort_key;
  });
  std::map<int, std::string> decl_id, pay_id;
  int seq = 0;
  for (auto& d : w->decls) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "D-%s-%06d", d.date.substr(0, 4).c_str(), ++seq);
    d.id = buf;
    decl_id[d.key] = d.id;
  }
  std::sort(w->payments.begin(), w->payments.end(),
            [](const Payment& a, const Payment& b) { return a.sort_key < b.sort_key; });
  seq = 0;
  for (auto& p : w->payments) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "P-%s-%06d", p.value_date.substr(0, 4).c_str(), ++seq);
    p.id = buf;
    pay_id[p.key] = p.id;
  }
  // Listing numbers: shuffled so planted and background entries interleave.
  std::vector<size_t> sdn_order, wl_order;
  for (size_t i = 0; i < w->listings.size(); ++i)
    (w->listings[i].list == "sdn" ? sdn_order : wl_order).push_back(i);
  for (auto* order : {&sdn_order, &wl_order})
    for (size_t i = order->size(); i > 1; --i)
      std::swap((*order)[i - 1], (*order)[static_cast<size_t>(r.Between(0, static_cast<int64_t>(i) - 1))]);
  int ent = 80000;
  for (size_t i : sdn_order) w->listings[i].ent_num = (ent += static_cast<int>(r.Between(1, 6)));
  int wl = 1000;
  for (size_t i : wl_order) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "WL-%05d", wl += static_cast<int>(r.Between(1, 9)));
    w->listings[i].watch_id = buf;
  }
  std::map<std::string, std::string> list_record;  // subject -> record id in its list
  for (const auto& l : w->listings)
    list_record[l.subject] = l.list == "sdn" ? std::to_string(l.ent_num) : l.watch_id;

  // ---------------------------------------------------------------- sanctions
  {
    std::string sdn, alt, add;
    int alt_num = 50000, add_num = 60000;
    for (size_t i : sdn_order) {
      const Listing& l = w->listings[i];
      std::vector<std::string> rem;
      if (l.vessel) {
        if (!l.former_flag.empty()) rem.push_back("Former Vessel Flag " + CountryName(l.former_flag));
        rem.push_back("Additional Sanctions Information - Subject to Secondary Sanctions");
        rem.push_back("Vessel Registration Identification IMO " + l.imo);
        if (!l.mmsi.empty()) rem.push_back("MMSI " + l.mmsi);
      } else if (!l.remarks_extra.empty()) {
        for (const std::string& part : Split(l.remarks_extra, ';')) rem.push_back(part);
      }
      for (const auto& a : l.weak_akas) rem.push_back("a.k.a. '" + a + "'");
      for (const auto& a : l.fkas) rem.push_back("f.k.a. '" + a + "'");
      for (const auto& a : l.linked_to) rem.push_back("Linked To: " + a);
      std::string remarks = rem.empty() ? "" : Join(rem, "; ");
      while (!remarks.empty() && remarks.back() == '.') remarks.pop_back();
      if (!remarks.empty()) remarks += ".";
      std::string type = l.type == "entity" ? "" : l.type;
      sdn += std::to_string(l.ent_num) + "," + OfacText(l.name) + "," + OfacText(type) + "," +
             OfacText(l.program) + "," + OfacText("") + "," + OfacText(l.call_sign) + "," +
             OfacText(l.vessel_type) + "," + OfacText(Thousands(l.tonnage)) + "," +
             OfacText(Thousands(l.grt)) + "," + OfacText(l.vessel ? CountryName(l.flag) : "") + "," +
             OfacText("") + "," + OfacText(remarks) + "\r\n";
      for (const auto& a : l.akas)
        alt += std::to_string(l.ent_num) + "," + std::to_string(++alt_num) + "," + OfacText(l.vessel ? "fka" : "aka") +
               "," + OfacText(a) + "," + OfacText("") + "\r\n";
      if (!l.vessel) {
        std::string street = l.address;
        size_t comma = street.rfind(", ");
        if (comma != std::string::npos) street = street.substr(0, comma);
        add += std::to_string(l.ent_num) + "," + std::to_string(++add_num) + "," +
               OfacText(r.Chance(0.6) ? street : "") + "," + OfacText(l.city) + "," +
               OfacText(CountryName(l.country)) + "," + OfacText("") + "\r\n";
      }
    }
    *real_entries = 0;
    if (!real_sdn_dir.empty()) {
      auto real = ReadFileToString(real_sdn_dir + "/sdn.csv");
      if (real.ok()) {
        std::string body = *real;
        while (!body.empty() && (body.back() == '\x1a')) body.pop_back();
        if (!body.empty() && body.back() != '\n') body += "\r\n";
        for (char c : body) *real_entries += c == '\n';
        sdn += body;
      }
    }
    RETURN_IF_ERROR(write("sanctions/sdn.csv", sdn + "\x1a"));
    RETURN_IF_ERROR(write("sanctions/alt.csv", alt + "\x1a"));
    RETURN_IF_ERROR(write("sanctions/add.csv", add + "\x1a"));
    std::string wlcsv = "id,name,aliases,schema,country,birth_date,imo,mmsi,program,authority,listed_on\n";
    for (size_t i : wl_order) {
      const Listing& l = w->listings[i];
      std::string birth;
      for (const auto& p : w->parties)
        if (p.id == l.subject) birth = p.person ? p.birth_date : "";
      std::string name = l.type == "individual" ? "" : l.name;
      if (l.type == "individual") {
        for (const auto& p : w->parties)
          if (p.id == l.subject) name = p.name;
      }
      wlcsv += CsvLine({l.watch_id, name, Join(l.akas, ";"), l.type == "individual" ? "Person" : "Company",
                        l.country, birth, l.imo, l.mmsi, l.program, "National Export Control Office",
                        l.listed_on}) + "\n";
    }
    RETURN_IF_ERROR(write("sanctions/watchlist.csv", wlcsv));
  }

  // ---------------------------------------------------------------- registry
  {
    std::string out;
    out.reserve(w->parties.size() * 300);
    std::map<std::string, const AddressRec*> addr;
    for (const auto& a : w->addresses) {
      addr[a.id] = &a;
      out += FtmLine(a.id, "Address", Props({{"full", a.full}, {"street", a.street}, {"city", a.city},
                                             {"country", Lower(a.country)}}));
    }
    for (const auto& p : w->parties) {
      if (!p.in_registry) continue;
      if (p.person) {
        out += FtmLine(p.id, "Person", Props({{"name", p.name}, {"nationality", Lower(p.country)},
                                              {"birthDate", p.birth_date}, {"address", p.address}}));
      } else {
        json props = Props({{"name", p.name}, {"country", Lower(p.country)}, {"jurisdiction", Lower(p.country)},
                            {"incorporationDate", p.inc_date}, {"registrationNumber", p.reg_number},
                            {"address", p.address}, {"addressEntity", p.address_id}});
        if (!p.bic.empty() && p.role == "bank") props["swiftBic"] = json::array({p.bic});
        out += FtmLine(p.id, "Company", props);
      }
    }
    for (const auto& v : w->vessels) {
      std::string name = v.name, flag = v.flag;
      uint32_t mmsi = v.mmsi;
      std::vector<std::string> past = v.past_names, past_flags = v.past_flags;
      for (const auto& ic : v.id_changes)
        if (ic.mmsi != 0 && ic.name != v.name) {
          name = ic.name;
          flag = ic.flag;
          mmsi = ic.mmsi;
        }
      json props = Props({{"name", name}, {"imoNumber", v.imo}, {"mmsi", std::to_string(mmsi)},
                          {"flag", Lower(flag)}, {"deadweightTonnage", std::to_string(v.dwt)},
                          {"grossRegisteredTonnage", std::to_string(v.gt)}, {"type", v.type_name},
                          {"buildDate", std::to_string(v.build_year)}, {"callSign", v.callsign}});
      for (const auto& n : past) props["pastNames"].push_back(n);
      for (const auto& f : past_flags) props["pastFlags"].push_back(Lower(f));
      out += FtmLine("vessel-" + v.imo, "Vessel", props);
    }
    for (const auto& l : w->links) {
      if (l.schema == "Ownership") {
        out += FtmLine(l.id, "Ownership", Props({{"owner", l.from}, {"asset", l.to}, {"percentage", l.pct},
                                                  {"startDate", l.start}, {"endDate", l.end}, {"role", l.role}}));
      } else if (l.schema == "Directorship") {
        out += FtmLine(l.id, "Directorship", Props({{"director", l.from}, {"organization", l.to},
                                                     {"startDate", l.start}, {"role", l.role}}));
      } else {
        out += FtmLine(l.id, "UnknownLink", Props({{"subject", l.from}, {"object", l.to}, {"role", l.role},
                                                    {"startDate", l.start}}));
      }
    }
    RETURN_IF_ERROR(write("registry/companies.ftm.jsonl", out));
  }

  // ---------------------------------------------------------------- trade files
  {
    std::string out =
        "declaration_id,declaration_date,direction,office,declarant,exporter,exporter_country,"
        "exporter_address,importer,importer_country,importer_address,consignee,consignee_country,"
        "notify_party,end_user,end_user_country,hs_code,goods_description,quantity,quantity_unit,"
        "gross_weight_kg,net_weight_kg,invoice_value,currency,origin_country,departure_country,"
        "destination_country,port_of_loading,port_of_discharge,transshipment_ports,vessel_imo,"
        "vessel_name,voyage,bill_of_lading,container_ids,invoice_number,license_number,"
        "departure_date,arrival_date\n";
    out.reserve(w->decls.size() * 520);
    for (const auto& d : w->decls) {
      out += CsvLine({d.id, d.date, d.direction, d.office, d.declarant, d.exporter, d.exporter_country,
                      d.exporter_address, d.importer, d.importer_country, d.importer_address, d.consignee,
                      d.consignee_country, d.notify_party, d.end_user, d.end_user_country, d.hs_code,
                      d.goods_description, d.quantity, d.quantity_unit, d.gross_weight_kg, d.net_weight_kg,
                      d.invoice_value, d.currency, d.origin_country, d.departure_country,
                      d.destination_country, d.port_of_loading, d.port_of_discharge,
                      d.transshipment_ports, d.vessel_imo, d.vessel_name, d.voyage, d.bill_of_lading,
                      d.container_ids, d.invoice_number, d.license_number, d.departure_date,
                      d.arrival_date});
      out += "\n";
    }
    RETURN_IF_ERROR(write("declarations.csv", out));
    out = "payment_id,value_date,payer,payer_account,payer_bank_bic,payer_country,payee,payee_account,"
          "payee_bank_bic,payee_country,amount,currency,reference,instrument\n";
    for (const auto& p : w->payments)
      out += CsvLine({p.id, p.value_date, p.payer, p.payer_account, p.payer_bank_bic, p.payer_country,
                      p.payee, p.payee_account, p.payee_bank_bic, p.payee_country, p.amount, p.currency,
                      p.reference, p.instrument}) + "\n";
    RETURN_IF_ERROR(write("payments.csv", out));
    out = "license_number,holder,issuing_country,hs_codes,destination_country,end_user,max_quantity,"
          "quantity_unit,max_value,currency,valid_from,valid_to,status\n";
    std::vector<const License*> lic;
    for (const auto& l : w->licenses) lic.push_back(&l);
    std::sort(lic.begin(), lic.end(), [](const License* a, const License* b) { return a->number < b->number; });
    for (const License* l : lic)
      out += CsvLine({l->number, l->holder, l->issuing_country, l->hs_codes, l->destination_country,
                      l->end_user, l->max_quantity, l->quantity_unit, l->max_value, l->currency,
                      l->valid_from, l->valid_to, l->status}) + "\n";
    RETURN_IF_ERROR(write("licenses.csv", out));
    out = "locode,name,country,lat,lon,radius_km\n";
    for (const PortInfo& p : Ports()) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.4f,%.4f", p.lat, p.lon);
      int radius = static_cast<int>(std::ceil(HaversineKm(p.lat, p.lon, p.anch_lat, p.anch_lon))) + 5;
      out += CsvLine({p.locode, p.name, p.country()}) + "," + buf + "," + std::to_string(radius) + "\n";
    }
    RETURN_IF_ERROR(write("ports.csv", out));
  }

  // ---------------------------------------------------------------- the key
  {
    ojson key;
    key["format"] = "interdict-truth/1";
    key["seed"] = w->seed;
    key["size"] = w->cfg.name;
    key["period"] = {{"start", FormatIsoUtc(w->period_start)}, {"end", FormatIsoUtc(w->period_end)}};
    key["ais_window"] = {{"start", FormatIsoUtc(w->ais_start)}, {"end", FormatIsoUtc(w->ais_end)}};
    int64_t persons = 0, companies = 0;
    for (const auto& p : w->parties) (p.person ? persons : companies) += p.in_registry;
    key["counts"] = {{"declarations", w->decls.size()}, {"payments", w->payments.size()},
                     {"licenses", w->licenses.size()}, {"vessels", w->vessels.size()},
                     {"companies", companies}, {"persons", persons},
                     {"sanctions_entries", sdn_order.size()}, {"watchlist_entries", wl_order.size()},
                     {"real_sdn_entries", *real_entries}};
    ojson ais;
    ais["files"] = w->ais.files;
    ais["lines"] = w->ais.lines;
    ais["position_reports"] = w->ais.position_reports;
    ais["static_reports"] = w->ais.static_reports;
    ais["duplicates"] = w->ais.duplicates;
    ais["out_of_order"] = w->ais.out_of_order;
    ais["corrupt_sentences"] = w->ais.corrupt;
    ais["corrupt_by_kind"] = w->ais.corrupt_by_kind;
    key["ais"] = ais;
    key["expected_quarantine"] = {{"ais", w->ais.corrupt}, {"other", 0}};
    auto item = [&](const TruthItem& t) {
      ojson j;
      j["id"] = t.id;
      j["type"] = t.type;
      if (!t.variant.empty()) j["variant"] = t.variant;
      j["summary"] = t.summary;
      std::vector<std::string> d, p;
      for (int k : t.decl_keys)
        if (decl_id.count(k)) d.push_back(decl_id[k]);
      for (int k : t.payment_keys)
        if (pay_id.count(k)) p.push_back(pay_id[k]);
      std::sort(d.begin(), d.end());
      d.erase(std::unique(d.begin(), d.end()), d.end());
      std::sort(p.begin(), p.end());
      j["declarations"] = d;
      j["payments"] = p;
      j["entities"] = t.entities;
      ojson listed = ojson::array();
      for (const auto& e : t.listed_entities) {
        ojson le;
        le["id"] = e;
        auto it = list_record.find(e);
        if (it != list_record.end()) le["list_record"] = it->second;
        listed.push_back(le);
      }
      j["listed_entities"] = listed;
      ojson vs = ojson::array();
      for (const auto& v : t.vessels) {
        ojson jv;
        jv["imo"] = v.imo;
        jv["name"] = v.name;
        jv["mmsi"] = v.mmsi;
        jv["role"] = v.role;
        auto it = list_record.find(v.imo);
        if (it != list_record.end()) jv["list_record"] = it->second;
        vs.push_back(jv);
      }
      j["vessels"] = vs;
      j["licenses"] = t.licenses;
      ojson ev = ojson::array();
      for (const auto& e : t.events) {
        ojson je;
        je["type"] = e.type;
        je["mmsi"] = e.mmsi;
        if (!e.other_mmsi.empty()) je["other_mmsi"] = e.other_mmsi;
        je["imo"] = e.imo;
        je["start"] = FormatIsoUtc(e.start);
        je["end"] = FormatIsoUtc(e.end);
        if (e.lat != 0 || e.lon != 0) {
          je["lat"] = std::round(e.lat * 10000) / 10000;
          je["lon"] = std::round(e.lon * 10000) / 10000;
        }
        ev.push_back(je);
      }
      j["events"] = ev;
      return j;
    };
    ojson schemes = ojson::array(), decoys = ojson::array();
    for (const auto& t : w->schemes) schemes.push_back(item(t));
    for (const auto& t : w->decoys) decoys.push_back(item(t));
    key["schemes"] = schemes;
    key["decoys"] = decoys;
    std::string text = key.dump(1) + "\n";
    *bytes_written += static_cast<int64_t>(text.size());
    fs::path tp(truth_path);
    if (tp.has_parent_path()) fs::create_directories(tp.parent_path(), ec);
    RETURN_IF_ERROR(WriteFileAtomic(truth_path, text));
  }
  return Status::Ok();
}

}  // namespace interdict::sim
