#include "interdict/world.h"

#include "core/validate.h"

namespace interdict {

void World::BuildIndexes() {
  entity_index.clear();
  vessel_index.clear();
  declaration_index.clear();
  payment_index.clear();
  license_index.clear();
  parties_by_record.clear();
  for (size_t i = 0; i < entities.size(); ++i) entity_index.emplace(entities[i].id(), i);
  for (size_t i = 0; i < vessels.size(); ++i) {
    vessel_index.emplace(vessels[i].id(), i);
    for (const auto& imo : vessels[i].Values("imoNumber")) vessel_index.emplace(imo, i);
  }
  for (size_t i = 0; i < declarations.size(); ++i)
    declaration_index.emplace(declarations[i].id(), i);
  for (size_t i = 0; i < payments.size(); ++i) payment_index.emplace(payments[i].id(), i);
  for (size_t i = 0; i < licenses.size(); ++i) license_index.emplace(licenses[i].id(), i);
  for (size_t i = 0; i < parties.size(); ++i) parties_by_record[parties[i].record_id].push_back(i);
}

const Entity* World::FindEntity(const std::string& id) const {
  auto it = entity_index.find(id);
  return it == entity_index.end() ? nullptr : &entities[it->second];
}

const Entity* World::FindVessel(const std::string& id) const {
  auto it = vessel_index.find(id);
  return it == vessel_index.end() ? nullptr : &vessels[it->second];
}

const Entity* World::FindDeclaration(const std::string& id) const {
  auto it = declaration_index.find(id);
  return it == declaration_index.end() ? nullptr : &declarations[it->second];
}

bool IsListed(const Entity& e) {
  for (const auto& t : e.Values("topics"))
    if (t == "sanction") return true;
  return false;
}

}  // namespace interdict
