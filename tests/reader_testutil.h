// A RecordSink that keeps what a reader produces, for reader tests.
#ifndef INTERDICT_TESTS_READER_TESTUTIL_H_
#define INTERDICT_TESTS_READER_TESTUTIL_H_

#include <string>
#include <vector>

#include "interdict/ingest.h"

namespace interdict::testing {

class VecSink : public RecordSink {
 public:
  Status Record(Entity record, int64_t rows) override {
    stored_rows += rows;
    records.push_back(std::move(record));
    return Status::Ok();
  }
  Status Quarantine(QuarantineEntry q) override {
    quarantine.push_back(std::move(q));
    return Status::Ok();
  }
  const Entity* Find(const std::string& id) const {
    for (const auto& e : records)
      if (e.id() == id) return &e;
    return nullptr;
  }
  std::vector<Entity> records;
  std::vector<QuarantineEntry> quarantine;
  int64_t stored_rows = 0;
};

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_READER_TESTUTIL_H_
