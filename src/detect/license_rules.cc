// Licence checks (TRD-LIC-*): a declaration that cites a licence is checked against it;
// an export of CHPL goods to a high-risk country (or end user there) without one is flagged.
// Quantities are summed over all declarations citing a licence in date order, and the
// declaration that takes the total past max_quantity is flagged.
#include <algorithm>
#include <map>
#include <set>

#include "core/strings.h"
#include "core/validate.h"
#include "detect/detectors.h"
#include "model/reference.h"

namespace interdict {
namespace {

class LicenseRules : public Detector {
 public:
  std::string name() const override { return "licences"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    auto hr = Split(cfg.GetString("trade.high_risk_destinations", "RU;BY;IR;KP;SY;CU"), ';');
    std::set<std::string> high_risk(hr.begin(), hr.end());
    bool need_for_chpl = cfg.GetBool("trade.license_required_for_chpl", true);

    std::map<std::string, std::vector<const Entity*>> by_license;
    for (const Entity& d : w.declarations) {
      const std::string& lic = d.First("license_number");
      auto emit = [&](const std::string& code, const std::string& why, const Entity* l) {
        Finding f;
        f.code = code;
        f.subject_id = d.id();
        f.score = FlagWeight(cfg, code);
        f.explanation = why;
        f.evidence = {EvidenceOf(d)};
        if (l) f.evidence.push_back(EvidenceOf(*l));
        f.related_declarations = {d.id()};
        out->push_back(std::move(f));
      };
      if (lic.empty()) {
        const ChplEntry* chpl = FindChpl(d.First("hs_code"));
        std::string dest = d.First("destination_country");
        std::string eu = d.First("end_user_country");
        // A licence is required for CHPL exports to the high-risk destinations themselves
        // (BIS's Russia/Belarus/Iran rules), declared or as the end user's country. Exports
        // to a transshipment hub need none: that pattern is TRD-HUB-ROUTE's, not this flag's.
        bool sensitive_dest = high_risk.count(dest) || high_risk.count(eu);
        if (need_for_chpl && chpl && d.First("direction") != "import" && sensitive_dest)
          emit("TRD-LIC-MISSING",
               "CHPL goods (HS " + d.First("hs_code") + ") exported towards " +
                   (dest.empty() ? eu : dest) + " without a licence",
               nullptr);
        continue;
      }
      auto it = w.license_index.find(lic);
      if (it == w.license_index.end()) {
        emit("TRD-LIC-MISSING", "licence " + lic + " is not on file", nullptr);
        continue;
      }
      const Entity& l = w.licenses[it->second];
      by_license[lic].push_back(&d);
      const std::string& status = l.First("status");
      if (status == "revoked" || status == "suspended")
        emit("TRD-LIC-REVOKED", "licence " + lic + " is " + status, &l);
      auto day = ParseDateDays(d.First("declaration_date"));
      auto from = ParseDateDays(l.First("valid_from"));
      auto to = ParseDateDays(l.First("valid_to"));
      if (status == "expired" || (day && to && *day > *to) || (day && from && *day < *from))
        emit("TRD-LIC-EXPIRED",
             "licence " + lic + " valid " + l.First("valid_from") + ".." + l.First("valid_to") +
                 ", declaration dated " + d.First("declaration_date"),
             &l);
      const std::string& lic_eu = l.First("end_user");
      const std::string& eu = d.First("end_user").empty() ? d.First("consignee") : d.First("end_user");
      if (!lic_eu.empty() && !eu.empty() && NormalizeName(lic_eu) != NormalizeName(eu))
        emit("TRD-LIC-END-USER",
             "licence " + lic + " is for end user '" + lic_eu + "', declaration names '" + eu + "'",
             &l);
      auto codes = l.Values("hs_codes");
      const std::string& hs = d.First("hs_code");
      if (!codes.empty() && !hs.empty()) {
        bool covered = std::any_of(codes.begin(), codes.end(), [&](const std::string& c) {
          return !c.empty() && StartsWith(hs, c);
        });
        if (!covered)
          emit("TRD-LIC-HS",
               "licence " + lic + " covers HS " + Join(codes, ";") + ", not " + hs, &l);
      }
      const std::string& ldest = l.First("destination_country");
      const std::string& ddest = d.First("destination_country");
      if (!ldest.empty() && !ddest.empty() && ldest != ddest)
        emit("TRD-LIC-DESTINATION",
             "licence " + lic + " is for destination " + ldest + ", goods declared to " + ddest,
             &l);
    }
    // Cumulative quantity per licence.
    for (auto& [lic, decls] : by_license) {
      const Entity& l = w.licenses[w.license_index.at(lic)];
      auto maxq = ParseNumber(l.First("max_quantity"));
      if (!maxq) continue;
      std::sort(decls.begin(), decls.end(), [](const Entity* a, const Entity* b) {
        const auto& da = a->First("declaration_date");
        const auto& db = b->First("declaration_date");
        return da != db ? da < db : a->id() < b->id();
      });
      double total = 0;
      for (const Entity* d : decls) {
        auto q = ParseNumber(d->First("quantity"));
        if (!q) continue;
        double before = total;
        total += *q;
        if (total > *maxq + 1e-9) {
          Finding f;
          f.code = "TRD-LIC-EXCEEDED";
          f.subject_id = d->id();
          f.score = FlagWeight(cfg, f.code);
          f.explanation = "licence " + lic + " allows " + l.First("max_quantity") + " " +
                          l.First("quantity_unit") + "; this declaration brings the total from " +
                          std::to_string(static_cast<int64_t>(before)) + " to " +
                          std::to_string(static_cast<int64_t>(total));
          f.evidence = {EvidenceOf(*d), EvidenceOf(l)};
          f.related_declarations = {d->id()};
          out->push_back(std::move(f));
        }
      }
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Detector> NewLicenseDetector() { return std::make_unique<LicenseRules>(); }

}  // namespace interdict
