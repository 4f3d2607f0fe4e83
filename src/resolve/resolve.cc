#include "resolve/resolve.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "core/hash.h"
#include "core/strings.h"
#include "core/validate.h"

namespace interdict {

const std::vector<PartyRole>& DeclarationPartyRoles() {
  static const std::vector<PartyRole> roles = {
      {"exporter", "exporter_country", "exporter_address"},
      {"importer", "importer_country", "importer_address"},
      {"consignee", "consignee_country", nullptr},
      {"notify_party", nullptr, nullptr},
      {"end_user", "end_user_country", nullptr},
      {"declarant", nullptr, nullptr},
  };
  return roles;
}

namespace {

class Resolver {
 public:
  World world;

  void AddParty(const std::string& key_name, const Entity& entity) {
    std::string n = NormalizeName(key_name);
    if (n.empty()) return;
    // FtM writes countries in lower case, the canonical CSVs in upper case.
    std::string cc = AsciiUpper(entity.First("country"));
    name_country_[n + "|" + cc].push_back(world.entities.size() - 1);
    if (!cc.empty()) name_country_[n + "|"].push_back(world.entities.size() - 1);
  }

  // Finds or creates the entity for a party mention and returns its id.
  std::string Mention(const std::string& name, const std::string& country,
                      const std::string& address, const Provenance& prov) {
    std::string n = NormalizeName(name);
    if (n.empty()) return "";
    auto find = [&](const std::string& key) -> Entity* {
      auto it = name_country_.find(key);
      if (it == name_country_.end()) return nullptr;
      for (size_t idx : it->second) {
        Entity& e = world.entities[idx];
        if (!IsListed(e)) return &e;  // never fold a party into a list entry
      }
      return nullptr;
    };
    Entity* e = find(n + "|" + country);
    if (!e && !country.empty()) {
      // A registry entity without country still matches a mention with one.
      auto it = name_country_.find(n + "|");
      if (it != name_country_.end()) {
        for (size_t idx : it->second) {
          Entity& cand = world.entities[idx];
          if (!IsListed(cand) && cand.First("country").empty()) {  // no country on record
            e = &cand;
            break;
          }
        }
      }
    }
    if (!e) {
      Entity created(StableId("party-", n + "|" + country), Schema::Get("LegalEntity"));
      world.entities.push_back(std::move(created));
      e = &world.entities.back();
      name_country_[n + "|" + country].push_back(world.entities.size() - 1);
    }
    uint32_t ref = e->AddReferentIfNewerThanLast(prov);
    e->Add("name", name, ref);
    e->Add("country", country, ref);
    e->Add("address", address, ref);
    return e->id();
  }

  Entity& VesselFor(const std::string& imo, const std::string& name) {
    std::string key = !imo.empty() ? "imo-" + imo : StableId("vessel-", NormalizeName(name));
    auto it = vessels_.find(key);
    if (it != vessels_.end()) return world.vessels[it->second];
    world.vessels.emplace_back(key, Schema::Get("Vessel"));
    vessels_[key] = world.vessels.size() - 1;
    return world.vessels.back();
  }

  void AddVesselRecord(Entity&& v) {
    std::string imo = NormalizeImo(v.First("imoNumber"));
    if (imo.empty() && v.First("name").empty()) {
      world.vessels.push_back(std::move(v));
      return;
    }
    Entity& target = VesselFor(imo, v.First("name"));
    if (target.statements().empty() && target.referents().empty() && imo.empty()) {
      target = std::move(v);  // keep the record's own id when it has no IMO
      vessels_[target.id()] = world.vessels.size() - 1;
      return;
    }
    target.MergeFrom(v);
    if (!imo.empty()) target.Add("imoNumber", imo);
    target.Add("mergedIds", v.id());
  }

 private:
  std::unordered_map<std::string, std::vector<size_t>> name_country_;
  std::unordered_map<std::string, size_t> vessels_;
};

}  // namespace

Result<World> BuildWorld(std::vector<Entity> records) {
  Resolver r;
  World& w = r.world;
  std::vector<Entity> deferred_vessels;
  // Pass 1: entities and edges, so mentions can join them.
  for (auto& e : records) {
    // FtM writes ISO country codes in lower case; the canonical CSVs in upper case.
    for (const char* p : {"country", "nationality", "citizenship", "flag", "pastFlags",
                          "jurisdiction", "mainCountry", "birthCountry"})
      e.TransformValues(p, [](std::string_view v) { return AsciiUpper(v); });
    const Schema& s = e.schema();
    const std::string& name = s.name();
    if (name == "Declaration") {
      w.declarations.push_back(std::move(e));
    } else if (name == "Payment" && e.Has("payment_id")) {
      w.payments.push_back(std::move(e));
    } else if (name == "License") {
      w.licenses.push_back(std::move(e));
    } else if (name == "Port") {
      w.ports.push_back(std::move(e));
    } else if (s.IsA("Vessel")) {
      deferred_vessels.push_back(std::move(e));
    } else if (name == "Sanction") {
      w.sanctions.push_back(std::move(e));
    } else if (s.is_edge()) {
      w.links.push_back(std::move(e));
    } else {
      w.entities.push_back(std::move(e));
      r.AddParty(w.entities.back().First("name"), w.entities.back());
    }
  }
  records.clear();
  // FtM Sanction edges mark their subject as listed.
  {
    std::unordered_map<std::string, size_t> idx;
    for (size_t i = 0; i < w.entities.size(); ++i) idx[w.entities[i].id()] = i;
    for (const auto& s : w.sanctions) {
      for (const auto& target : s.Values("entity")) {
        auto it = idx.find(target);
        if (it != idx.end()) {
          w.entities[it->second].Add("topics", "sanction");
          for (const auto& p : s.Values("program")) w.entities[it->second].Add("program", p);
          for (const auto& a : s.Values("authority"))
            w.entities[it->second].Add("authority", a);
        }
      }
    }
  }
  for (auto& v : deferred_vessels) r.AddVesselRecord(std::move(v));

  // Pass 2: party mentions in declarations and payments; vessels named in declarations.
  for (const Entity& d : w.declarations) {
    const Provenance& prov = d.referents().at(0);
    for (const auto& role : DeclarationPartyRoles()) {
      const std::string& party = d.First(role.role);
      if (party.empty()) continue;
      std::string cc = role.country_col ? d.First(role.country_col) : "";
      std::string addr = role.address_col ? d.First(role.address_col) : "";
      std::string id = r.Mention(party, cc, addr, prov);
      if (!id.empty()) w.parties.push_back({d.id(), role.role, id});
    }
    std::string imo = NormalizeImo(d.First("vessel_imo"));
    const std::string& vname = d.First("vessel_name");
    if (!imo.empty() || !vname.empty()) {
      Entity& v = r.VesselFor(imo, vname);
      uint32_t ref = v.AddReferentIfNewerThanLast(prov);
      v.Add("imoNumber", imo, ref);
      v.Add("name", vname, ref);
    }
  }
  for (const Entity& p : w.payments) {
    const Provenance& prov = p.referents().at(0);
    for (const char* role : {"payer", "payee"}) {
      const std::string& party = p.First(role);
      if (party.empty()) continue;
      std::string id = r.Mention(party, p.First(std::string(role) + "_country"), "", prov);
      if (!id.empty()) w.parties.push_back({p.id(), role, id});
    }
  }
  // Payments to shipments: a payment reference that carries a declaration id or invoice
  // number (as a whole token) ties the payment to that declaration.
  {
    std::unordered_map<std::string, std::vector<std::string>> by_token;
    for (const Entity& d : w.declarations) {
      by_token[AsciiUpper(d.id())].push_back(d.id());
      const std::string& inv = d.First("invoice_number");
      if (!inv.empty()) by_token[AsciiUpper(inv)].push_back(d.id());
    }
    for (const Entity& p : w.payments) {
      std::string ref = AsciiUpper(p.First("reference"));
      std::string tok;
      std::set<std::string> linked;
      auto flush = [&] {
        while (!tok.empty() && (tok.back() == '.' || tok.back() == '/' || tok.back() == '-'))
          tok.pop_back();
        auto it = by_token.find(tok);
        if (it != by_token.end())
          for (const auto& d : it->second) linked.insert(d);
        tok.clear();
      };
      for (char c : ref) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '/' || c == '_' || c == '.')
          tok.push_back(c);
        else
          flush();
      }
      flush();
      for (const auto& d : linked) w.declaration_payments[d].push_back(p.id());
    }
  }
  w.BuildIndexes();
  return std::move(r.world);
}

}  // namespace interdict
