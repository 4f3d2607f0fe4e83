// Court-export BagIt bags (RFC 8493; layout in docs/formats/bag.md): the writer used by
// CaseStore::ExportCaseBag. The verifier is interdict::VerifyBag (cases.h).
#ifndef INTERDICT_ACT_BAG_H_
#define INTERDICT_ACT_BAG_H_

#include <map>
#include <string>
#include <vector>

#include "interdict/audit.h"
#include "interdict/cases.h"
#include "interdict/status.h"

namespace interdict::act {

// Everything that goes into one bag, gathered inside the export transaction.
struct BagContent {
  Case case_record;  // with links, notes and timeline
  std::vector<Evidence> evidence;
  std::vector<std::string> object_paths;           // content-addressed file of each item
  std::vector<std::vector<CustodyEvent>> custody;  // per item, including the export event
  std::vector<audit::InclusionBundle> proofs;      // all against `checkpoint`
  audit::Checkpoint checkpoint;
  std::map<std::string, std::string> public_keys;  // key name -> 32 raw bytes
  uint64_t export_entry = 0;
  std::string exported_by;
  std::string exporter_agency;
  std::string recipient;
  std::string justification;
  int64_t time = 0;  // micros since epoch
};

// Writes the bag into `dir` (created; must not exist or be empty). On failure the
// half-written directory is removed.
Status WriteBag(const std::string& dir, const BagContent& c);

// The file name used for an evidence item inside data/evidence/<id>/: the original name
// unless it is empty, "." or "..", or has a '/', then "content".
std::string BagFileName(const Evidence& e);

// RFC 8493 §2.1.3: CR, LF and % in manifest paths are percent-encoded.
std::string ManifestEncodePath(const std::string& path);

// Custody event as a bag line: its canonical fields plus "hash" and "signature".
std::string CustodyLine(const CustodyEvent& e);
Result<CustodyEvent> ParseCustodyLine(const std::string& line);

}  // namespace interdict::act

#endif  // INTERDICT_ACT_BAG_H_
