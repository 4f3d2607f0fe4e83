// List readers that live with the screening engine (formats only screening needs).
// They follow the reader conventions of src/ingest/readers.h.
#ifndef INTERDICT_SCREEN_READERS_H_
#define INTERDICT_SCREEN_READERS_H_

#include <memory>

#include "interdict/ingest.h"

namespace interdict::screen {

// "un-xml": UN Security Council Consolidated List XML (CONSOLIDATED_LIST).
std::unique_ptr<Reader> NewUnXmlReader();

}  // namespace interdict::screen

#endif  // INTERDICT_SCREEN_READERS_H_
