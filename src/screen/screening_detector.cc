// Fuzzy screening in `investigate`: one Screener (include/interdict/screen.h) over the
// World's listed entities and listed vessels; every non-listed party and every non-listed
// vessel is screened against it on a few threads.
//
// Findings (threshold `screening.threshold`, at most `screening.top` list entries per
// subject):
// - the party (entity subject) and every declaration it appears in: SCR-NAME-FUZZY for a
//   name or strong-alias match, SCR-WEAK-ALIAS for a corroborated weak a.k.a.,
//   SCR-IDENTIFIER when a registration/tax/passport number is shared; every payment it
//   pays or receives: FIN-LISTED-PARTY. Score: the code's weight x the match score.
// - a vessel (vessel subject) and every declaration naming it: SCR-MMSI / SCR-IMO for a
//   shared identifier, SCR-NAME-FUZZY for a name or former-name match unless both carry
//   different IMO numbers (then they are two ships that share a name).
// A (party, list entry) pair whose names are equal after NormalizeName is left to the
// exact detector (screening_exact.cc), which reports it with SCR-NAME-EXACT/SCR-WEAK-ALIAS;
// so is a declaration whose vessel name it already flags as SCR-FORMER-NAME.
//
// Compiled into interdict_detect (src/detect/CMakeLists.txt) so that detect -> screen has
// no cycle.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/hash.h"
#include "core/log.h"
#include "core/strings.h"
#include "core/validate.h"
#include "detect/detectors.h"
#include "interdict/screen.h"

namespace interdict {
namespace {

using screen::Query;
using screen::Screener;
using screen::ScreenMatch;
using screen::ScreenOptions;

// One screening job: a party (w.entities index) or a vessel (w.vessels index).
struct Job {
  bool vessel;
  size_t index;
};

// One accepted hit of a subject on a list entry.
struct Hit {
  size_t listed;  // into Screener::entities()
  std::string code;
  double score = 0;  // the match score (0..1)
  std::string detail;
};

// The identifier properties a party or vessel is screened on.
constexpr const char* kPartyIds[] = {"registrationNumber", "taxNumber", "innCode",
                                     "ogrnCode",           "leiCode",   "idNumber",
                                     "passportNumber"};
constexpr const char* kVesselIds[] = {"imoNumber", "mmsi"};

std::string Fmt2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// The feature that decided a match: identifier, weak alias or name.
const screen::Feature* Winning(const screen::Explanation& ex) {
  const screen::Feature* best = nullptr;
  for (const auto& f : ex.features)
    if (!best || f.value > best->value) best = &f;
  return best;
}

class FuzzyScreening : public Detector {
 public:
  std::string name() const override { return "screening-fuzzy"; }

  Status Run(const World& w, const Config& cfg, std::vector<Finding>* out) override {
    // The list side: listed entities and listed vessels, with the world index of each.
    std::vector<Entity> listed;
    std::vector<std::pair<bool, size_t>> origin;  // (vessel?, index in w.entities/w.vessels)
    for (size_t i = 0; i < w.entities.size(); ++i)
      if (IsListed(w.entities[i])) listed.push_back(w.entities[i]), origin.push_back({false, i});
    for (size_t i = 0; i < w.vessels.size(); ++i)
      if (IsListed(w.vessels[i])) listed.push_back(w.vessels[i]), origin.push_back({true, i});
    if (listed.empty()) return Status::Ok();
    auto t0 = std::chrono::steady_clock::now();
    auto built = Screener::Build(std::move(listed));
    if (!built.ok()) return built.status();
    const Screener& screener = **built;
    std::unordered_map<std::string, const Entity*> world_of;  // listed id -> world entity
    for (const auto& [is_vessel, i] : origin) {
      const Entity& e = is_vessel ? w.vessels[i] : w.entities[i];
      world_of.emplace(e.id(), &e);
    }

    ScreenOptions opts;
    opts.threshold = cfg.GetDouble("screening.threshold", 0.70);
    opts.top = static_cast<int>(cfg.GetInt("screening.top", 3));

    std::vector<Job> jobs;
    for (size_t i = 0; i < w.entities.size(); ++i) {
      const Entity& e = w.entities[i];
      if (!IsListed(e) && (e.schema().IsA("LegalEntity") || e.schema().name() == "Thing"))
        jobs.push_back({false, i});
    }
    for (size_t i = 0; i < w.vessels.size(); ++i)
      if (!IsListed(w.vessels[i])) jobs.push_back({true, i});

    auto t1 = std::chrono::steady_clock::now();
    std::vector<std::vector<Hit>> hits(jobs.size());
    int64_t cpu_ms = 0;
    int threads = ScreenAll(w, screener, opts, jobs, &hits,
                            static_cast<int>(cfg.GetInt("screening.threads", 2)), &cpu_ms);
    auto t2 = std::chrono::steady_clock::now();
    size_t n_hits = 0;
    for (const auto& h : hits) n_hits += h.size();
    auto ms = [](auto d) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
    };
    LOG_INFO << "screening: " << jobs.size() << " parties and vessels against "
             << screener.entities().size() << " list entries (" << screener.name_count()
             << " names): index " << ms(t1 - t0) << " ms, screening " << ms(t2 - t1) << " ms on "
             << threads << " threads (" << cpu_ms << " ms CPU), " << n_hits << " hits";

    // Declarations by vessel (as resolve ties them: IMO, else the vessel-name key).
    std::unordered_map<const Entity*, std::vector<const Entity*>> decls_of_vessel;
    std::unordered_set<std::string> exact_vessel_names;  // what SCR-FORMER-NAME catches
    for (const Entity& v : w.vessels) {
      if (!IsListed(v)) continue;
      for (const char* p : {"name", "previousName"})
        for (const auto& n : v.Values(p)) {
          std::string k = NormalizeName(n);
          if (ExactScreenable(k)) exact_vessel_names.insert(k);
        }
    }
    for (const Entity& d : w.declarations) {
      std::string imo = NormalizeImo(d.First("vessel_imo"));
      std::string vname = NormalizeName(d.First("vessel_name"));
      const Entity* v = nullptr;
      if (!imo.empty())
        v = w.FindVessel(imo);
      else if (!vname.empty())
        v = w.FindVessel(StableId("vessel-", vname));
      if (v && !IsListed(*v)) decls_of_vessel[v].push_back(&d);
    }
    // Party records: entity id -> its declaration/payment roles.
    std::unordered_map<std::string, std::vector<const PartyLink*>> links_of;
    for (const auto& pl : w.parties) links_of[pl.entity_id].push_back(&pl);

    for (size_t j = 0; j < jobs.size(); ++j) {
      const Entity& subject = jobs[j].vessel ? w.vessels[jobs[j].index] : w.entities[jobs[j].index];
      for (const Hit& h : hits[j]) {
        const Entity& le = screener.entities()[h.listed];
        auto it = world_of.find(le.id());
        const Entity& listed_e = it == world_of.end() ? le : *it->second;
        if (jobs[j].vessel)
          EmitVessel(w, cfg, subject, listed_e, h, decls_of_vessel, exact_vessel_names, out);
        else
          EmitParty(w, cfg, subject, listed_e, h, links_of, out);
      }
    }
    return Status::Ok();
  }

 private:
  // Screens every job on `threads` threads (0: all cores); returns the threads used and
  // sets *cpu_ms to the CPU time they spent.
  static int ScreenAll(const World& w, const Screener& screener, const ScreenOptions& opts,
                       const std::vector<Job>& jobs, std::vector<std::vector<Hit>>* hits,
                       int threads, int64_t* cpu_ms) {
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    threads = static_cast<int>(std::min<size_t>(threads, jobs.size() / 64 + 1));
    std::atomic<size_t> next{0};
    constexpr size_t kChunk = 64;
    std::atomic<int64_t> cpu_us{0};
    auto thread_cpu_us = [] {
      timespec ts{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      return static_cast<int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
    };
    auto work = [&] {
      int64_t start = thread_cpu_us();
      for (;;) {
        size_t begin = next.fetch_add(kChunk);
        if (begin >= jobs.size()) break;
        size_t end = std::min(jobs.size(), begin + kChunk);
        for (size_t j = begin; j < end; ++j) (*hits)[j] = ScreenOne(w, screener, opts, jobs[j]);
      }
      cpu_us += thread_cpu_us() - start;
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) {
      try {
        pool.emplace_back(work);
      } catch (const std::system_error&) {
        break;  // no more threads: the calling thread does the rest
      }
    }
    work();
    for (auto& t : pool) t.join();
    *cpu_ms = cpu_us / 1000;
    return static_cast<int>(pool.size()) + 1;
  }

  static std::vector<Hit> ScreenOne(const World& w, const Screener& screener,
                                    const ScreenOptions& opts, const Job& job) {
    const Entity& e = job.vessel ? w.vessels[job.index] : w.entities[job.index];
    Query q;
    q.id = e.id();
    q.schema = job.vessel ? "Vessel" : e.schema().name();
    std::vector<std::string> countries = e.Values("country");
    for (const auto& n : e.Values("nationality")) countries.push_back(n);
    if (!job.vessel) q.country = Join(countries, ";");
    // Companies: the incorporation date plays the birth date's part (lists give it as
    // "Organization Established Date"); a different one is evidence of another firm.
    q.birth_date = e.First("birthDate");
    if (q.birth_date.empty()) q.birth_date = e.First("incorporationDate");
    q.gender = e.First("gender");
    if (job.vessel) {
      for (const char* p : kVesselIds)
        for (const auto& v : e.Values(p)) q.identifiers.push_back({p, v});
    } else {
      for (const char* p : kPartyIds)
        for (const auto& v : e.Values(p)) q.identifiers.push_back({p, v});
    }
    // Every distinct name (and alias); the best match per list entry wins.
    std::vector<std::string> names;
    std::unordered_set<std::string> own_norm;  // the subject's names, NormalizeName()d
    for (const char* p : {"name", "alias"})
      for (const auto& n : e.Values(p))
        if (own_norm.insert(NormalizeName(n)).second) names.push_back(n);
    if (names.empty() && q.identifiers.empty()) return {};
    if (names.empty()) names.push_back("");

    std::vector<ScreenMatch> best;
    for (const auto& n : names) {
      q.name = n;
      for (auto& m : screener.Screen(q, opts)) {
        if (!m.match) continue;
        auto it = std::find_if(best.begin(), best.end(), [&](const ScreenMatch& b) {
          return b.entity_index == m.entity_index;
        });
        if (it == best.end())
          best.push_back(std::move(m));
        else if (m.score > it->score)
          *it = std::move(m);
      }
    }
    std::vector<Hit> out;
    for (auto& m : best) {
      const Entity& le = screener.entities()[m.entity_index];
      const screen::Feature* win = Winning(m.explanation);
      if (!win) continue;
      Hit h;
      h.listed = m.entity_index;
      h.score = m.score;
      h.detail = m.explanation.ToString();
      if (win->name == "identifier_match") {
        if (job.vessel)
          h.code = StartsWith(win->detail, "mmsi") ? "SCR-MMSI" : "SCR-IMO";
        else
          h.code = "SCR-IDENTIFIER";
      } else {
        bool weak = win->name == "weak_alias_match";
        // Left to the exact detector: a name equal after NormalizeName (parties only; it
        // does not screen vessels on their own). When the exact hit is only on a weak
        // a.k.a., a fuzzy match of a strong name still says more, and is reported.
        if (!job.vessel) {
          ExactHit exact = ExactlyMatched(own_norm, le);
          if (exact == ExactHit::kStrong || (exact == ExactHit::kWeak && weak)) continue;
        }
        // Two ships with different IMO numbers only share a name.
        if (job.vessel && ImoConflict(e, le)) continue;
        h.code = weak ? "SCR-WEAK-ALIAS" : "SCR-NAME-FUZZY";
      }
      out.push_back(std::move(h));
    }
    return out;
  }

  enum class ExactHit { kNone, kWeak, kStrong };
  // What the exact detector reports for this pair (its rules: screening_exact.cc).
  static ExactHit ExactlyMatched(const std::unordered_set<std::string>& own_norm,
                                 const Entity& le) {
    ExactHit hit = ExactHit::kNone;
    for (const char* p : {"name", "alias", "previousName", "weakAlias"})
      for (const auto& n : le.Values(p)) {
        std::string k = NormalizeName(n);
        if (!ExactScreenable(k) || !own_norm.count(k)) continue;
        if (std::string_view(p) != "weakAlias") return ExactHit::kStrong;
        hit = ExactHit::kWeak;
      }
    return hit;
  }

  static bool ImoConflict(const Entity& v, const Entity& le) {
    std::vector<std::string> a = v.Values("imoNumber"), b = le.Values("imoNumber");
    if (a.empty() || b.empty()) return false;
    for (const auto& x : a)
      if (std::find(b.begin(), b.end(), x) != b.end()) return false;
    return true;
  }

  static std::string ListedLabel(const Entity& listed) {
    std::string programs = Join(listed.Values("program"), ", ");
    return "listed '" + listed.Caption() + "'" + (programs.empty() ? "" : " (" + programs + ")");
  }

  static void EmitParty(const World& w, const Config& cfg, const Entity& party,
                        const Entity& listed, const Hit& h,
                        const std::unordered_map<std::string, std::vector<const PartyLink*>>& links,
                        std::vector<Finding>* out) {
    EvidenceRef list_ev = ListedEvidenceOf(listed);
    std::string why =
        "matches " + ListedLabel(listed) + ", score " + Fmt2(h.score) + ": " + h.detail;
    Finding f;
    f.code = h.code;
    f.subject_kind = SubjectKind::kEntity;
    f.subject_id = party.id();
    f.score = FlagWeight(cfg, f.code) * h.score;
    f.explanation = "'" + party.Caption() + "' " + why;
    for (const auto& r : party.referents()) {
      f.evidence.push_back({r.source, r.record_id});
      if (f.evidence.size() >= 5) break;
    }
    if (f.evidence.empty()) f.evidence.push_back(EvidenceOf(party));
    f.evidence.push_back(list_ev);
    f.related_entities = {listed.id()};
    f.annotate = {{"sanctionsMatches", listed.id()}};
    out->push_back(std::move(f));

    auto it = links.find(party.id());
    if (it == links.end()) return;
    for (const PartyLink* pl : it->second) {
      bool is_payment =
          (pl->role == "payer" || pl->role == "payee") && w.payment_index.count(pl->record_id) > 0;
      const Entity* rec = is_payment ? &w.payments[w.payment_index.at(pl->record_id)]
                                     : w.FindDeclaration(pl->record_id);
      if (!rec) continue;
      Finding g;
      g.code = is_payment ? "FIN-LISTED-PARTY" : h.code;
      g.subject_kind = is_payment ? SubjectKind::kPayment : SubjectKind::kDeclaration;
      g.subject_id = pl->record_id;
      g.score = FlagWeight(cfg, g.code) * h.score;
      g.explanation = pl->role + " '" + party.Caption() + "' " + why;
      g.evidence = {EvidenceOf(*rec), list_ev};
      g.related_entities = {party.id(), listed.id()};
      if (is_payment)
        g.related_payments = {pl->record_id};
      else
        g.related_declarations = {pl->record_id};
      out->push_back(std::move(g));
    }
  }

  static void EmitVessel(
      const World& w, const Config& cfg, const Entity& vessel, const Entity& listed, const Hit& h,
      const std::unordered_map<const Entity*, std::vector<const Entity*>>& decls_of_vessel,
      const std::unordered_set<std::string>& exact_vessel_names, std::vector<Finding>* out) {
    (void)w;
    EvidenceRef list_ev = ListedEvidenceOf(listed);
    std::string imo = vessel.First("imoNumber");
    std::string listed_imo = listed.First("imoNumber");
    std::string why = "matches " + ListedLabel(listed) +
                      (listed_imo.empty() ? "" : " IMO " + listed_imo) + ", score " +
                      Fmt2(h.score) + ": " + h.detail;
    Finding f;
    f.code = h.code;
    f.subject_kind = SubjectKind::kVessel;
    f.subject_id = imo.empty() ? vessel.id() : imo;
    f.score = FlagWeight(cfg, f.code) * h.score;
    f.explanation =
        "vessel '" + vessel.Caption() + "'" + (imo.empty() ? "" : " (IMO " + imo + ")") + " " + why;
    for (const auto& r : vessel.referents()) {
      f.evidence.push_back({r.source, r.record_id});
      if (f.evidence.size() >= 5) break;
    }
    if (f.evidence.empty()) f.evidence.push_back(EvidenceOf(vessel));
    f.evidence.push_back(list_ev);
    if (!listed_imo.empty()) f.related_vessels = {listed_imo};
    f.related_entities = {listed.id()};
    out->push_back(std::move(f));

    auto it = decls_of_vessel.find(&vessel);
    if (it == decls_of_vessel.end()) return;
    for (const Entity* d : it->second) {
      // The exact detector already reports SCR-FORMER-NAME for an equal vessel name.
      if (h.code == "SCR-NAME-FUZZY" &&
          exact_vessel_names.count(NormalizeName(d->First("vessel_name"))))
        continue;
      Finding g;
      g.code = h.code;
      g.subject_kind = SubjectKind::kDeclaration;
      g.subject_id = d->id();
      g.score = FlagWeight(cfg, g.code) * h.score;
      g.explanation = "vessel '" + d->First("vessel_name") + "'" +
                      (imo.empty() ? "" : " (IMO " + imo + ")") + " " + why;
      g.evidence = {EvidenceOf(*d), list_ev};
      g.related_declarations = {d->id()};
      if (!imo.empty()) g.related_vessels.push_back(imo);
      if (!listed_imo.empty() && listed_imo != imo) g.related_vessels.push_back(listed_imo);
      out->push_back(std::move(g));
    }
  }
};

}  // namespace

std::unique_ptr<Detector> NewFuzzyScreeningDetector() { return std::make_unique<FuzzyScreening>(); }

}  // namespace interdict
