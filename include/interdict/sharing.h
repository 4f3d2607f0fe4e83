// Multi-agency sharing: record markings with one access check, and privacy-preserving
// record linkage (PPRL) of name lists with keyed Bloom-filter encodings (CLK, Schnell et al.
// 2009), so two agencies learn only which of their records match (FIU.NET Ma3tch-style: a
// hit is a lead that triggers a formal request).
// Thread-safety: pure functions and values.
#ifndef INTERDICT_SHARING_H_
#define INTERDICT_SHARING_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/status.h"

namespace interdict::sharing {

// Classification levels, ordered (EU-style).
enum class Classification { kUnclassified = 0, kRestricted, kConfidential, kSecret };

struct Marking {
  std::string originator;             // originating agency
  Classification classification = Classification::kUnclassified;
  std::set<std::string> releasable_to;  // agencies or ISO country codes; the originator always may
  std::set<std::string> handling;       // handling codes, e.g. "NOFORN", "ORCON", "LE-ONLY"
};

// The marking of a record derived from `inputs`: highest classification, intersection of
// releasability, union of handling restrictions; the originator is `deriving_agency`.
Marking Derive(const std::vector<Marking>& inputs, const std::string& deriving_agency);

struct Recipient {
  std::string agency;
  std::string country;
  Classification clearance = Classification::kUnclassified;
  std::set<std::string> accepted_handling;  // handling codes the recipient is bound to honour
};

// The one place a release decision is made. OK, or FailedPrecondition naming the reason.
Status CheckRelease(const Marking& m, const Recipient& r);

// A CLK: a Bloom filter of `bits` bits into which every character bigram of the normalised
// value is hashed `k` times with HMAC-SHA256 under the shared secret.
struct BloomEncoding {
  std::string id;
  std::vector<uint64_t> words;
  int popcount = 0;
};

struct ClkParams {
  int bits = 1024;  // multiple of 64
  int k = 20;       // hash functions per bigram
};

// Normalises (ASCII lower-case letters and digits; other bytes kept; runs of separators to
// one space) and encodes `value` (e.g. name, or name + " " + birth date).
Result<BloomEncoding> EncodeClk(std::string_view secret, std::string id, std::string_view value,
                                const ClkParams& p = {});
double Dice(const BloomEncoding& a, const BloomEncoding& b);

struct MatchPair {
  std::string a_id, b_id;
  double score = 0;
};

// One-to-one matching (greedy by descending score) of pairs with Dice >= threshold. Only
// these pairs are revealed to either side.
std::vector<MatchPair> MatchClk(const std::vector<BloomEncoding>& a,
                                const std::vector<BloomEncoding>& b, double threshold);

}  // namespace interdict::sharing

#endif  // INTERDICT_SHARING_H_
