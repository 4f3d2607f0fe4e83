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
// "unclassified", "restricted", "confidential", "secret".
const char* ClassificationName(Classification c);
Result<Classification> ParseClassification(std::string_view s);

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

// ---- Privacy-preserving record linkage (docs/formats/pprl.md) --------------------------
//
// A CLK (cryptographic long-term key, Schnell et al. 2011): every feature of a record (the
// bigrams of each normalised name token, and birth-date tokens) sets `k` bits of a Bloom
// filter, at positions drawn from a PRNG seeded with HMAC-SHA256(secret, feature) ("random
// hashing", which resists the attacks on double hashing). The filter is then hardened by
// XOR-folding (Schnell, Borgs & Encarnação 2016: bit i of the output is bit i XOR bit
// i + bits/2), which hides which bits a frequent bigram sets.

enum class Hardening { kNone, kXorFold };
const char* HardeningName(Hardening h);
Result<Hardening> ParseHardening(std::string_view s);

struct ClkParams {
  int bits = 1024;  // filter size before hardening; a multiple of 128
  int k_name = 20;  // positions per name bigram
  int k_dob = 10;   // positions per birth-date token
  Hardening hardening = Hardening::kXorFold;
  int out_bits() const { return hardening == Hardening::kXorFold ? bits / 2 : bits; }
};

struct PprlRecord {
  std::string id;
  std::string name;
  std::string birth_date;  // YYYY, YYYY-MM or YYYY-MM-DD (others ignored)
};

// A feature and how many filter positions it sets.
struct PprlFeature {
  std::string text;  // "n:_a", "n:ab", ..., "y:1965", "ym:1965-04", "ymd:1965-04-29"
  int weight = 0;
};

// The features of a record: name via screen::ToLatinAscii (transliteration, lower case,
// punctuation to blanks), each token padded with '_' and cut into bigrams; token order does
// not matter. Deduplicated and sorted.
std::vector<PprlFeature> PprlFeatures(const PprlRecord& r, const ClkParams& p);
// Weighted Dice of two feature sets in clear text: what the CLK Dice approximates (the
// evaluation baseline for "clear-text matching at the same threshold").
double ClearDice(const std::vector<PprlFeature>& a, const std::vector<PprlFeature>& b);

struct BloomEncoding {
  std::string id;
  std::vector<uint64_t> words;
  int popcount = 0;
};

// Requires a secret of at least 16 bytes. Thread-safe.
Result<BloomEncoding> EncodeRecord(std::string_view secret, const PprlRecord& r,
                                   const ClkParams& p);
// 16 hex characters derived from the secret (HMAC of a fixed label): lets two parties see
// they used the same secret without revealing it.
std::string SecretCheck(std::string_view secret);
double Dice(const BloomEncoding& a, const BloomEncoding& b);

struct MatchPair {
  std::string a_id, b_id;
  double score = 0;
};

struct MatchOptions {
  double threshold = 0.8;
  // Candidate blocking: Hamming LSH (bit sampling) over the encodings, `lsh_tables` tables
  // of `lsh_bits` sampled positions each (positions from a fixed public seed); pairs that
  // share no table key are not compared. Off: every pair is compared (exact).
  bool blocking = true;
  int lsh_tables = 48;
  int lsh_bits = 14;
};

struct MatchStats {
  uint64_t comparisons = 0;  // Dice computations
  uint64_t all_pairs = 0;    // |A| x |B|
  double seconds = 0;        // wall time of blocking + comparisons
  size_t pairs = 0;
};

// Reads a CSV with a header: `name` or `full_name` (required), `id` (optional: "row-<n>", n
// the 1-based data row), `birth_date` or `date_of_birth` (optional). Rows with an empty
// name are skipped.
Result<std::vector<PprlRecord>> ReadPprlCsv(const std::string& path);

// An encodings file (docs/formats/pprl.md): JSON lines, a header then one record per line.
struct PprlFile {
  ClkParams params;
  std::string secret_check;
  std::vector<BloomEncoding> records;
};
Status WritePprlFile(const std::string& path, const PprlFile& f);
Result<PprlFile> ReadPprlFile(const std::string& path);

// One-to-one matching (greedy by descending score, ties by input order) of pairs with
// Dice >= threshold. Only these pairs are revealed to either side. `stats` may be null.
std::vector<MatchPair> MatchClk(const std::vector<BloomEncoding>& a,
                                const std::vector<BloomEncoding>& b, const MatchOptions& o,
                                MatchStats* stats);

}  // namespace interdict::sharing

#endif  // INTERDICT_SHARING_H_
