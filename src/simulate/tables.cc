#include "simulate/tables.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <queue>
#include <string>

#include "core/strings.h"

namespace interdict::sim {

// Coordinates are public harbour positions (UN/LOCODE, World Port Index), rounded; the
// anchorage is a point in the roads or at the pilot station off the port.
const std::vector<PortInfo>& Ports() {
  static const std::vector<PortInfo> kPorts = {
      {"NLRTM", "Rotterdam", 51.9500, 4.0500, 52.0300, 3.8500, "NORTHSEA;DOVER"},
      {"DEHAM", "Hamburg", 53.5461, 9.9661, 54.0000, 8.2000, "NORTHSEA"},
      {"DEBRV", "Bremerhaven", 53.5640, 8.5540, 53.9000, 8.1000, "NORTHSEA"},
      {"BEANR", "Antwerp", 51.2630, 4.3990, 51.4300, 3.4000, "DOVER;NORTHSEA"},
      {"GBFXT", "Felixstowe", 51.9540, 1.3510, 51.9200, 1.5500, "DOVER;NORTHSEA"},
      {"GBSOU", "Southampton", 50.9000, -1.4040, 50.7200, -1.0700, "CHANNEL_W;DOVER"},
      {"FRLEH", "Le Havre", 49.4820, 0.1070, 49.5300, -0.0800, "CHANNEL_W;DOVER"},
      {"ESALG", "Algeciras", 36.1300, -5.4370, 36.1000, -5.3800, "GIBRALTAR"},
      {"ESVLC", "Valencia", 39.4430, -0.3170, 39.4300, -0.2100, "BALEARIC"},
      {"ESBCN", "Barcelona", 41.3440, 2.1660, 41.3100, 2.2500, "BALEARIC"},
      {"PTSIE", "Sines", 37.9500, -8.8660, 37.9200, -8.9300, "ST_VINCENT"},
      {"MAPTM", "Tanger Med", 35.8900, -5.5000, 35.9200, -5.4600, "GIBRALTAR"},
      {"FRMRS", "Marseille", 43.3300, 5.3400, 43.2800, 5.2400, "BALEARIC;SARDINIA_S"},
      {"ITGOA", "Genoa", 44.4050, 8.9070, 44.3700, 8.9000, "SARDINIA_S"},
      {"ITGIT", "Gioia Tauro", 38.4450, 15.9000, 38.4600, 15.8400, "SICILY_CH;IONIAN"},
      {"MTMAR", "Marsaxlokk", 35.8200, 14.5440, 35.8000, 14.6000, "SICILY_CH"},
      {"GRPIR", "Piraeus", 37.9400, 23.6200, 37.9000, 23.5600, "MATAPAN;AEGEAN"},
      {"TRIZM", "Izmir", 38.4440, 27.1410, 38.5000, 26.9500, "AEGEAN"},
      {"TRAMB", "Ambarli", 40.9650, 28.6900, 40.9300, 28.7000, "MARMARA"},
      {"TRMER", "Mersin", 36.7950, 34.6330, 36.7500, 34.6800, "EAST_MED"},
      {"ROCND", "Constanta", 44.1600, 28.6600, 44.1200, 28.7500, "BLACKSEA_W"},
      {"RUNVS", "Novorossiysk", 44.7230, 37.7930, 44.6600, 37.8700, "BLACKSEA_E"},
      {"GEPTI", "Poti", 42.1550, 41.6530, 42.1600, 41.5700, "BLACKSEA_E"},
      {"GEBUS", "Batumi", 41.6490, 41.6450, 41.6700, 41.5800, "BLACKSEA_E"},
      {"EGALY", "Alexandria", 31.1850, 29.8700, 31.2400, 29.8200, "EAST_MED"},
      {"EGPSD", "Port Said", 31.2570, 32.3050, 31.3500, 32.3600, "SUEZ_N"},
      {"ILHFA", "Haifa", 32.8200, 35.0000, 32.8600, 34.9600, "EAST_MED"},
      {"LBBEY", "Beirut", 33.9050, 35.5170, 33.9300, 35.4800, "EAST_MED"},
      {"SYLTK", "Latakia", 35.5200, 35.7700, 35.5400, 35.7200, "EAST_MED"},
      {"SAJED", "Jeddah", 21.4700, 39.1600, 21.4500, 39.0500, "RED_MID"},
      {"DJJIB", "Djibouti", 11.6000, 43.1400, 11.6400, 43.1000, "BAB"},
      {"AEJEA", "Jebel Ali", 25.0112, 55.0611, 25.0800, 54.9500, "PERSIAN_GULF"},
      {"AEKLF", "Khor Fakkan", 25.3480, 56.3600, 25.3400, 56.4200, "GULF_OMAN"},
      {"AEFJR", "Fujairah", 25.1700, 56.3600, 25.1500, 56.4500, "GULF_OMAN"},
      {"OMSOH", "Sohar", 24.5300, 56.6300, 24.5600, 56.7100, "GULF_OMAN"},
      {"IRBND", "Bandar Abbas", 27.1100, 56.0600, 27.0500, 56.1500, "HORMUZ"},
      {"QAHMD", "Hamad Port", 25.0000, 51.6200, 25.0500, 51.7500, "PERSIAN_GULF"},
      {"KWSAA", "Shuwaikh", 29.3500, 47.9300, 29.3900, 47.9900, "N_GULF"},
      {"IQUQR", "Umm Qasr", 30.0300, 47.9400, 29.8800, 48.0800, "N_GULF"},
      {"PKKHI", "Karachi", 24.8400, 66.9800, 24.7700, 66.9400, "ARABIAN"},
      {"INMUN", "Mundra", 22.7400, 69.7000, 22.6800, 69.6800, "INDIA_W"},
      {"INNSA", "Nhava Sheva", 18.9500, 72.9500, 18.9000, 72.8300, "INDIA_W"},
      {"LKCMB", "Colombo", 6.9500, 79.8450, 6.9700, 79.8000, "SRI_LANKA"},
      {"MYPKG", "Port Klang", 3.0000, 101.3900, 2.9800, 101.2800, "MALACCA_MID"},
      {"MYTPP", "Tanjung Pelepas", 1.3630, 103.5500, 1.3100, 103.5400, "SINGAPORE_STR"},
      {"SGSIN", "Singapore", 1.2640, 103.8400, 1.2300, 103.9200, "SINGAPORE_STR"},
      {"IDJKT", "Jakarta", -6.1000, 106.8800, -6.0300, 106.8800, "JAVA_SEA"},
      {"THLCH", "Laem Chabang", 13.0800, 100.8800, 13.0500, 100.7700, "GULF_THAI"},
      {"VNSGN", "Ho Chi Minh City", 10.7700, 106.7100, 10.3200, 107.0800, "SCS_S"},
      {"VNHPH", "Haiphong", 20.8600, 106.6800, 20.6700, 106.9200, "TONKIN"},
      {"HKHKG", "Hong Kong", 22.3300, 114.1200, 22.2300, 114.0500, "HK_APP"},
      {"CNSZX", "Shenzhen", 22.4800, 113.8800, 22.3500, 113.8700, "HK_APP"},
      {"TWKHH", "Kaohsiung", 22.6100, 120.2800, 22.5700, 120.2300, "TAIWAN_STR"},
      {"CNNGB", "Ningbo", 29.9400, 121.8500, 29.9000, 122.1000, "EAST_CHINA"},
      {"CNSHA", "Shanghai", 31.3500, 121.6000, 31.1000, 122.3000, "EAST_CHINA"},
      {"CNTAO", "Qingdao", 36.0800, 120.3200, 35.9800, 120.4500, "YELLOW"},
      {"CNTXG", "Tianjin Xingang", 38.9800, 117.7800, 38.9500, 118.0000, "BOHAI"},
      {"CNDLC", "Dalian", 38.9300, 121.6500, 38.8700, 121.7800, "BOHAI;YELLOW"},
      {"KPNAM", "Nampo", 38.7300, 125.4000, 38.6800, 125.2000, "YELLOW"},
      {"KRPUS", "Busan", 35.1000, 129.0400, 35.0500, 129.0700, "KOREA_STR"},
      {"JPUKB", "Kobe", 34.6800, 135.2000, 34.6300, 135.2400, "KII"},
      {"JPTYO", "Tokyo", 35.6200, 139.7800, 35.5000, 139.8000, "TOKYO_APP"},
      {"RUVVO", "Vladivostok", 43.1100, 131.8900, 43.0500, 131.9000, "JAPAN_SEA"},
      {"RUNJK", "Nakhodka", 42.8070, 132.8860, 42.7500, 132.9000, "JAPAN_SEA"},
      {"PLGDN", "Gdansk", 54.4020, 18.6700, 54.4500, 18.7200, "BALTIC_S"},
      {"FIHEL", "Helsinki", 60.2080, 25.1900, 60.1200, 25.1800, "GULF_FIN"},
      {"RULED", "Saint Petersburg", 59.8870, 30.2060, 59.9700, 29.6000, "GULF_FIN"},
      {"USNYC", "New York", 40.6700, -74.0500, 40.5000, -73.9500, "NY_APP"},
      {"USSAV", "Savannah", 32.0800, -81.0900, 31.9800, -80.7800, "US_SE"},
      {"USHOU", "Houston", 29.7300, -95.2700, 29.3300, -94.6800, "GULF_MEX"},
      {"MXVER", "Veracruz", 19.2000, -96.1300, 19.2200, -96.0500, "GULF_MEX"},
      {"VELAG", "La Guaira", 10.6000, -66.9300, 10.6300, -66.9300, "CARIBBEAN"},
      {"BRSSZ", "Santos", -23.9600, -46.3000, -24.0500, -46.3200, "SANTOS_APP"},
      {"NGAPP", "Lagos (Apapa)", 6.4400, 3.3700, 6.3500, 3.3800, "GUINEA"},
      {"TGLFW", "Lome", 6.1350, 1.2800, 6.0800, 1.3000, "GUINEA"},
      {"ZADUR", "Durban", -29.8700, 31.0300, -29.9200, 31.1000, "DURBAN_APP"},
      {"KEMBA", "Mombasa", -4.0600, 39.6600, -4.1000, 39.7300, "EAST_AFRICA"},
  };
  return kPorts;
}

int FindPort(std::string_view locode) {
  const auto& p = Ports();
  for (size_t i = 0; i < p.size(); ++i)
    if (locode == p[i].locode) return static_cast<int>(i);
  return -1;
}

const std::vector<Waypoint>& Waypoints() {
  static const std::vector<Waypoint> kWp = {
      {"NORTHSEA", 53.8, 4.0},       {"DOVER", 51.05, 1.6},         {"CHANNEL_W", 49.9, -3.5},
      {"USHANT", 48.4, -6.0},        {"FINISTERRE", 43.4, -10.0},   {"ST_VINCENT", 36.8, -9.6},
      {"GIBRALTAR", 35.95, -5.55},   {"ALBORAN", 36.1, -2.8},       {"BALEARIC", 38.3, 3.0},
      {"SARDINIA_S", 38.4, 8.6},     {"SICILY_CH", 37.2, 11.8},     {"IONIAN", 36.5, 18.0},
      {"MATAPAN", 35.9, 22.6},       {"AEGEAN", 38.6, 25.2},        {"DARDANELLES", 40.05, 26.1},
      {"MARMARA", 40.8, 28.3},       {"BOSPORUS_N", 41.35, 29.2},   {"BLACKSEA_W", 43.3, 30.2},
      {"BLACKSEA_E", 43.2, 37.0},    {"EAST_MED", 33.9, 31.5},      {"SUEZ_N", 31.45, 32.4},
      {"SUEZ_S", 29.8, 32.57},       {"RED_N", 27.2, 34.4},         {"RED_MID", 20.5, 38.6},
      {"BAB", 12.6, 43.35},          {"ADEN", 12.4, 47.5},          {"ARABIAN", 18.0, 60.0},
      {"GULF_OMAN", 25.0, 57.6},     {"HORMUZ", 26.45, 56.55},      {"PERSIAN_GULF", 26.6, 53.0},
      {"N_GULF", 28.6, 49.6},        {"INDIA_W", 17.5, 71.0},       {"SRI_LANKA", 5.7, 80.5},
      {"ANDAMAN", 6.2, 94.8},        {"MALACCA_MID", 3.0, 100.6},   {"SINGAPORE_STR", 1.22, 104.1},
      {"JAVA_SEA", -5.0, 107.5},     {"GULF_THAI", 10.5, 101.5},    {"SCS_S", 7.0, 108.0},
      {"SCS_N", 15.0, 112.5},        {"TONKIN", 19.8, 107.6},       {"HK_APP", 21.9, 114.3},
      {"TAIWAN_STR", 24.0, 119.4},   {"EAST_CHINA", 30.3, 123.2},   {"YELLOW", 35.2, 123.3},
      {"BOHAI", 38.4, 121.1},        {"KOREA_STR", 34.3, 128.9},    {"JAPAN_SEA", 39.0, 133.0},
      {"KII", 33.4, 135.4},          {"TOKYO_APP", 34.8, 139.85},   {"SKAGEN", 58.0, 10.9},
      {"KATTEGAT", 56.6, 11.9},      {"SOUND", 55.6, 12.85},        {"BALTIC_S", 55.2, 14.6},
      {"BALTIC_C", 57.3, 19.6},      {"GULF_FIN", 59.8, 25.0},      {"ATL_N", 41.5, -40.0},
      {"NY_APP", 40.3, -73.4},       {"US_SE", 31.6, -79.8},        {"FLORIDA", 24.0, -81.0},
      {"GULF_MEX", 26.0, -90.0},     {"CARIBBEAN", 14.5, -68.0},    {"CABO_VERDE", 16.0, -24.5},
      {"GUINEA", 4.2, 2.8},          {"BRAZIL_NE", -6.5, -33.8},    {"SANTOS_APP", -24.6, -45.6},
      {"CAPE", -35.4, 19.5},         {"DURBAN_APP", -30.3, 31.6},   {"MOZAMBIQUE", -20.0, 41.5},
      {"EAST_AFRICA", -4.3, 41.0},   {"SOMALI", 4.0, 51.5},         {"CANARY", 28.5, -16.8},
      {"ANEGADA", 18.6, -64.0},
  };
  return kWp;
}

namespace {

const char* kEdges[][2] = {
    {"NORTHSEA", "DOVER"},        {"NORTHSEA", "SKAGEN"},       {"DOVER", "CHANNEL_W"},
    {"CHANNEL_W", "USHANT"},      {"USHANT", "FINISTERRE"},     {"FINISTERRE", "ST_VINCENT"},
    {"ST_VINCENT", "GIBRALTAR"},  {"ST_VINCENT", "CANARY"},     {"GIBRALTAR", "ALBORAN"},
    {"ALBORAN", "BALEARIC"},      {"BALEARIC", "SARDINIA_S"},   {"SARDINIA_S", "SICILY_CH"},
    {"SICILY_CH", "IONIAN"},      {"IONIAN", "MATAPAN"},        {"MATAPAN", "AEGEAN"},
    {"AEGEAN", "DARDANELLES"},    {"DARDANELLES", "MARMARA"},   {"MARMARA", "BOSPORUS_N"},
    {"BOSPORUS_N", "BLACKSEA_W"}, {"BOSPORUS_N", "BLACKSEA_E"}, {"BLACKSEA_W", "BLACKSEA_E"},
    {"MATAPAN", "EAST_MED"},      {"IONIAN", "EAST_MED"},       {"EAST_MED", "SUEZ_N"},
    {"SUEZ_N", "SUEZ_S"},         {"SUEZ_S", "RED_N"},          {"RED_N", "RED_MID"},
    {"RED_MID", "BAB"},           {"BAB", "ADEN"},              {"ADEN", "ARABIAN"},
    {"ADEN", "INDIA_W"},          {"ADEN", "SRI_LANKA"},        {"ADEN", "SOMALI"},
    {"ARABIAN", "GULF_OMAN"},     {"GULF_OMAN", "HORMUZ"},      {"HORMUZ", "PERSIAN_GULF"},
    {"PERSIAN_GULF", "N_GULF"},   {"ARABIAN", "INDIA_W"},       {"INDIA_W", "SRI_LANKA"},
    {"SRI_LANKA", "ANDAMAN"},     {"ANDAMAN", "MALACCA_MID"},   {"MALACCA_MID", "SINGAPORE_STR"},
    {"SINGAPORE_STR", "SCS_S"},   {"SINGAPORE_STR", "JAVA_SEA"}, {"SCS_S", "GULF_THAI"},
    {"SCS_S", "SCS_N"},           {"SCS_N", "HK_APP"},          {"SCS_N", "TONKIN"},
    {"HK_APP", "TAIWAN_STR"},     {"TAIWAN_STR", "EAST_CHINA"}, {"EAST_CHINA", "YELLOW"},
    {"YELLOW", "BOHAI"},          {"EAST_CHINA", "KOREA_STR"},  {"YELLOW", "KOREA_STR"},
    {"KOREA_STR", "JAPAN_SEA"},   {"KOREA_STR", "KII"},         {"KII", "TOKYO_APP"},
    {"SKAGEN", "KATTEGAT"},       {"KATTEGAT", "SOUND"},        {"SOUND", "BALTIC_S"},
    {"BALTIC_S", "BALTIC_C"},     {"BALTIC_C", "GULF_FIN"},     {"CHANNEL_W", "ATL_N"},
    {"USHANT", "ATL_N"},          {"ATL_N", "NY_APP"},          {"NY_APP", "US_SE"},
    {"US_SE", "FLORIDA"},         {"FLORIDA", "GULF_MEX"},      {"ATL_N", "ANEGADA"},
    {"ANEGADA", "CARIBBEAN"},     {"ANEGADA", "US_SE"},         {"CANARY", "CABO_VERDE"},
    {"CABO_VERDE", "GUINEA"},     {"CABO_VERDE", "BRAZIL_NE"},  {"CABO_VERDE", "ANEGADA"},
    {"BRAZIL_NE", "SANTOS_APP"},  {"GUINEA", "CAPE"},           {"SANTOS_APP", "CAPE"},
    {"CAPE", "DURBAN_APP"},       {"DURBAN_APP", "MOZAMBIQUE"}, {"MOZAMBIQUE", "EAST_AFRICA"},
    {"EAST_AFRICA", "SOMALI"},    {"MOZAMBIQUE", "SRI_LANKA"},  {"CAPE", "SRI_LANKA"},
    {"ST_VINCENT", "ATL_N"},      {"SOMALI", "ARABIAN"},        {"SCS_S", "TONKIN"},
};

struct Graph {
  std::vector<std::vector<std::pair<int, double>>> adj;
};

const Graph& SeaGraph() {
  static const Graph* g = [] {
    auto* gr = new Graph();
    const auto& wp = Waypoints();
    std::map<std::string, int> idx;
    for (size_t i = 0; i < wp.size(); ++i) idx[wp[i].name] = static_cast<int>(i);
    gr->adj.resize(wp.size());
    for (const auto& e : kEdges) {
      int a = idx.at(e[0]), b = idx.at(e[1]);
      double d = HaversineKm(wp[a].lat, wp[a].lon, wp[b].lat, wp[b].lon);
      gr->adj[a].push_back({b, d});
      gr->adj[b].push_back({a, d});
    }
    return gr;
  }();
  return *g;
}

std::vector<int> PortWaypoints(const PortInfo& p) {
  std::vector<int> out;
  const auto& wp = Waypoints();
  for (const std::string& n : Split(p.waypoints, ';')) {
    for (size_t i = 0; i < wp.size(); ++i)
      if (n == wp[i].name) out.push_back(static_cast<int>(i));
  }
  return out;
}

}  // namespace

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kR = 6371.0088, kDeg = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kDeg, dlon = (lon2 - lon1) * kDeg;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::min(1.0, std::sqrt(a)));
}

std::vector<std::pair<double, double>> SeaRoute(int port_a, int port_b) {
  static std::map<std::pair<int, int>, std::vector<std::pair<double, double>>>* cache =
      new std::map<std::pair<int, int>, std::vector<std::pair<double, double>>>();
  auto key = std::make_pair(port_a, port_b);
  auto it = cache->find(key);
  if (it != cache->end()) return it->second;
  const auto& ports = Ports();
  const auto& wp = Waypoints();
  const PortInfo& a = ports[port_a];
  const PortInfo& b = ports[port_b];
  std::vector<std::pair<double, double>> path;
  path.push_back({a.lat, a.lon});
  path.push_back({a.anch_lat, a.anch_lon});
  std::vector<int> sa = PortWaypoints(a), sb = PortWaypoints(b);
  bool shared = false;
  for (int x : sa)
    for (int y : sb) shared |= x == y;
  if (!shared) {
    // Dijkstra from all of a's waypoints (seeded with the distance from a) to b's.
    const Graph& g = SeaGraph();
    size_t n = wp.size();
    std::vector<double> dist(n, std::numeric_limits<double>::infinity());
    std::vector<int> prev(n, -1);
    using Item = std::pair<double, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> pq;
    for (int s : sa) {
      dist[s] = HaversineKm(a.anch_lat, a.anch_lon, wp[s].lat, wp[s].lon);
      pq.push({dist[s], s});
    }
    while (!pq.empty()) {
      auto [d, u] = pq.top();
      pq.pop();
      if (d > dist[u]) continue;
      for (auto [v, w] : g.adj[u]) {
        if (dist[u] + w < dist[v]) {
          dist[v] = dist[u] + w;
          prev[v] = u;
          pq.push({dist[v], v});
        }
      }
    }
    int best = -1;
    double best_d = std::numeric_limits<double>::infinity();
    for (int t : sb) {
      double d = dist[t] + HaversineKm(wp[t].lat, wp[t].lon, b.anch_lat, b.anch_lon);
      if (d < best_d) {
        best_d = d;
        best = t;
      }
    }
    std::vector<int> chain;
    for (int v = best; v >= 0; v = prev[v]) chain.insert(chain.begin(), v);
    for (int v : chain) path.push_back({wp[v].lat, wp[v].lon});
  } else {
    for (int x : sa)
      for (int y : sb)
        if (x == y && path.size() == 2) {
          // Same sea area: go straight unless the waypoint lies between the two.
          double direct = HaversineKm(a.anch_lat, a.anch_lon, b.anch_lat, b.anch_lon);
          double via = HaversineKm(a.anch_lat, a.anch_lon, wp[x].lat, wp[x].lon) +
                       HaversineKm(wp[x].lat, wp[x].lon, b.anch_lat, b.anch_lon);
          if (via < direct * 1.3) path.push_back({wp[x].lat, wp[x].lon});
        }
  }
  path.push_back({b.anch_lat, b.anch_lon});
  path.push_back({b.lat, b.lon});
  (*cache)[key] = path;
  return path;
}

const std::vector<Lane>& Lanes() {
  static const std::vector<Lane> kLanes = {
      {"Asia-North Europe", "C", "CNSHA;CNNGB;CNSZX;SGSIN;AEJEA;NLRTM;DEHAM;BEANR;GBFXT;SGSIN", true},
      {"Asia-Mediterranean", "C", "KRPUS;CNSHA;CNNGB;HKHKG;SGSIN;EGPSD;GRPIR;ITGOA;ESVLC;TRMER", true},
      {"Middle East-India", "CGT", "AEJEA;INNSA;INMUN;PKKHI;OMSOH;SAJED;LKCMB;QAHMD;KWSAA;AEKLF", false},
      {"Intra-Asia", "CGB", "CNSHA;CNTAO;CNTXG;CNDLC;KRPUS;JPTYO;JPUKB;TWKHH;HKHKG;VNHPH;VNSGN;THLCH;SGSIN;MYPKG;IDJKT", false},
      {"North Europe-Baltic", "CG", "NLRTM;DEHAM;DEBRV;BEANR;GBFXT;PLGDN;FIHEL;GBSOU;FRLEH", false},
      {"Mediterranean-Black Sea", "GBT", "TRAMB;TRMER;TRIZM;GRPIR;ROCND;GEPTI;GEBUS;EGALY;ILHFA;LBBEY;ITGIT;MTMAR;RUNVS", false},
      {"Gulf crude", "T", "IQUQR;KWSAA;QAHMD;AEFJR;OMSOH;SAJED;INMUN;INNSA;SGSIN;CNNGB;CNTAO;KRPUS;PKKHI", false},
      {"Transatlantic", "CGT", "USNYC;USSAV;USHOU;MXVER;NLRTM;DEHAM;BEANR;ESALG;PTSIE;GBSOU;FRLEH", false},
      {"West Africa", "CGT", "NGAPP;TGLFW;MAPTM;ESALG;NLRTM;BRSSZ;PTSIE;ZADUR", false},
      {"Dry bulk", "B", "BRSSZ;ZADUR;CNTAO;CNTXG;CNDLC;INMUN;NLRTM;ROCND;EGALY;KEMBA;MAPTM", false},
      {"Red Sea-East Africa", "GC", "DJJIB;KEMBA;SAJED;AEJEA;OMSOH;INMUN;EGPSD;ZADUR", false},
      {"Far East Russia", "GB", "RUVVO;RUNJK;KRPUS;CNDLC;CNTAO;JPUKB", false},
      {"Product tankers", "T", "NLRTM;ESALG;MTMAR;GRPIR;TRMER;EGALY;AEFJR;SGSIN;USHOU;MAPTM", false},
  };
  return kLanes;
}

// Median unit values are order-of-magnitude market prices (USD, 2023-2024 trade data).
const std::vector<HsInfo>& HsTable() {
  static const std::vector<HsInfo> kHs = {
      {"100199", "Wheat and meslin, other than durum wheat, other than seed", "kg", 0.28, 0.15, 1, 'B', "milling wheat"},
      {"100590", "Maize (corn), other than seed", "kg", 0.25, 0.15, 1, 'B', "yellow corn"},
      {"120190", "Soya beans, whether or not broken, other than seed", "kg", 0.50, 0.15, 1, 'B', "soybeans"},
      {"230400", "Oil-cake and other solid residues from the extraction of soya-bean oil", "kg", 0.45, 0.2, 1, 'B', "soybean meal"},
      {"170114", "Cane sugar, raw, other than for refining flavoured or coloured", "kg", 0.48, 0.2, 1, 'B', "raw cane sugar"},
      {"260111", "Iron ores and concentrates, non-agglomerated", "kg", 0.12, 0.2, 1, 'B', "iron ore fines"},
      {"260300", "Copper ores and concentrates", "kg", 2.40, 0.3, 1, 'B', "copper concentrate"},
      {"270112", "Bituminous coal, whether or not pulverised, not agglomerated", "kg", 0.13, 0.25, 1, 'B', "steam coal"},
      {"310210", "Urea, whether or not in aqueous solution", "kg", 0.36, 0.2, 1, 'B', "granular urea"},
      {"310420", "Potassium chloride", "kg", 0.34, 0.2, 1, 'B', "muriate of potash"},
      {"310530", "Diammonium hydrogenorthophosphate (diammonium phosphate)", "kg", 0.60, 0.2, 1, 'B', "DAP fertiliser"},
      {"281820", "Aluminium oxide, other than artificial corundum", "kg", 0.42, 0.2, 1, 'B', "alumina"},
      {"440710", "Wood sawn or chipped lengthwise, of thickness exceeding 6 mm, coniferous", "kg", 0.38, 0.3, 1, 'G', "sawn softwood"},
      {"270900", "Petroleum oils and oils obtained from bituminous minerals, crude", "kg", 0.56, 0.12, 1, 'T', "crude oil"},
      {"271012", "Light petroleum oils and preparations", "kg", 0.78, 0.15, 1, 'T', "gasoline"},
      {"271019", "Medium and heavy petroleum oils and preparations, not containing biodiesel", "kg", 0.72, 0.15, 1, 'T', "gasoil 10 ppm"},
      {"271112", "Propane, liquefied", "kg", 0.55, 0.2, 1, 'T', "LPG propane"},
      {"290511", "Methanol (methyl alcohol)", "kg", 0.36, 0.2, 1, 'T', "methanol"},
      {"151110", "Palm oil, crude", "kg", 0.90, 0.15, 1, 'T', "crude palm oil"},
      {"150710", "Soya-bean oil, crude, whether or not degummed", "kg", 1.00, 0.15, 1, 'T', "crude soybean oil"},
      {"090111", "Coffee, not roasted, not decaffeinated", "kg", 4.60, 0.3, 1, 'C', "green coffee beans"},
      {"180100", "Cocoa beans, whole or broken, raw or roasted", "kg", 5.20, 0.3, 1, 'C', "cocoa beans"},
      {"100630", "Semi-milled or wholly milled rice", "kg", 0.62, 0.25, 1, 'C', "white rice"},
      {"080390", "Bananas, fresh or dried, other than plantains", "kg", 0.80, 0.25, 1, 'C', "fresh bananas"},
      {"080510", "Oranges, fresh or dried", "kg", 0.95, 0.3, 1, 'C', "fresh oranges"},
      {"030617", "Shrimps and prawns, frozen, other than cold-water", "kg", 8.20, 0.35, 1, 'C', "frozen shrimp"},
      {"020230", "Meat of bovine animals, boneless, frozen", "kg", 6.10, 0.3, 1, 'C', "frozen boneless beef"},
      {"220421", "Wine of fresh grapes, in containers holding 2 l or less", "l", 5.80, 0.6, 1.35, 'C', "bottled red wine"},
      {"220830", "Whiskies", "l", 12.50, 0.6, 1.4, 'C', "Scotch whisky"},
      {"240220", "Cigarettes containing tobacco", "kg", 38.0, 0.4, 1, 'C', "cigarettes"},
      {"300490", "Medicaments, mixed or unmixed, put up in measured doses or for retail sale, n.e.s.", "kg", 62.0, 0.8, 1, 'C', "pharmaceutical preparations"},
      {"330499", "Beauty or make-up preparations and preparations for the care of the skin, n.e.s.", "kg", 15.0, 0.6, 1, 'C', "skin care products"},
      {"390110", "Polyethylene having a specific gravity of less than 0.94, in primary forms", "kg", 1.20, 0.2, 1, 'C', "LDPE granules"},
      {"390210", "Polypropylene, in primary forms", "kg", 1.10, 0.2, 1, 'C', "PP homopolymer"},
      {"392330", "Carboys, bottles, flasks and similar articles, of plastics", "kg", 2.60, 0.4, 1, 'C', "PET bottles"},
      {"401110", "New pneumatic tyres, of rubber, of a kind used on motor cars", "pcs", 46.0, 0.4, 9, 'C', "passenger car tyres"},
      {"520100", "Cotton, not carded or combed", "kg", 1.80, 0.2, 1, 'C', "raw cotton"},
      {"610910", "T-shirts, singlets and other vests, knitted or crocheted, of cotton", "pcs", 3.40, 0.5, 0.2, 'C', "cotton T-shirts"},
      {"620342", "Men's or boys' trousers, bib and brace overalls, breeches and shorts, of cotton", "pcs", 8.10, 0.5, 0.6, 'C', "men's cotton trousers"},
      {"640399", "Footwear with outer soles of rubber, plastics or leather and uppers of leather, n.e.s.", "pcs", 24.0, 0.6, 1.0, 'C', "leather shoes"},
      {"480100", "Newsprint, in rolls or sheets", "kg", 0.62, 0.2, 1, 'G', "newsprint rolls"},
      {"691110", "Tableware and kitchenware, of porcelain or china", "kg", 4.10, 0.5, 1, 'C', "porcelain tableware"},
      {"711319", "Articles of jewellery and parts thereof, of precious metal other than silver", "pcs", 1150.0, 0.7, 0.02, 'C', "gold jewellery"},
      {"720839", "Flat-rolled products of iron or non-alloy steel, hot-rolled, in coils, thickness < 3 mm", "kg", 0.68, 0.15, 1, 'G', "HRC steel coils"},
      {"721049", "Flat-rolled products of iron or non-alloy steel, plated or coated with zinc, n.e.s.", "kg", 0.95, 0.15, 1, 'G', "galvanised steel coils"},
      {"730630", "Tubes and pipes, welded, of circular cross-section, of iron or non-alloy steel", "kg", 1.10, 0.25, 1, 'G', "welded steel pipes"},
      {"732690", "Articles of iron or steel, n.e.s.", "kg", 3.20, 0.6, 1, 'C', "steel hardware"},
      {"740311", "Cathodes and sections of cathodes of refined copper", "kg", 8.60, 0.08, 1, 'G', "copper cathodes"},
      {"760110", "Aluminium, not alloyed, unwrought", "kg", 2.35, 0.1, 1, 'G', "primary aluminium ingots"},
      {"841810", "Combined refrigerator-freezers, fitted with separate external doors", "pcs", 340.0, 0.4, 68, 'C', "refrigerator-freezers"},
      {"842952", "Self-propelled machinery with a 360 degree revolving superstructure", "pcs", 118000.0, 0.4, 21000, 'G', "hydraulic excavators"},
      {"845011", "Fully-automatic household or laundry-type washing machines, dry linen capacity <= 10 kg", "pcs", 245.0, 0.35, 64, 'C', "washing machines"},
      {"845710", "Machining centres for working metal", "pcs", 185000.0, 0.5, 6500, 'G', "CNC machining centres"},
      {"845811", "Horizontal lathes for removing metal, numerically controlled", "pcs", 125000.0, 0.5, 4800, 'G', "CNC lathes"},
      {"847130", "Portable automatic data-processing machines, weighing not more than 10 kg", "pcs", 460.0, 0.45, 2.4, 'C', "laptop computers"},
      {"847150", "Processing units other than those of subheading 8471.41 or 8471.49", "pcs", 920.0, 0.6, 9, 'C', "server processing units"},
      {"847180", "Units of automatic data-processing machines, n.e.s.", "pcs", 410.0, 0.6, 3, 'C', "data processing units"},
      {"847330", "Parts and accessories of the machines of heading 84.71", "pcs", 42.0, 0.7, 0.3, 'C', "computer parts"},
      {"847989", "Machines and mechanical appliances having individual functions, n.e.s.", "pcs", 9500.0, 0.8, 800, 'G', "industrial machines"},
      {"848210", "Ball bearings", "kg", 12.0, 0.4, 1, 'C', "ball bearings"},
      {"850440", "Static converters", "pcs", 118.0, 0.6, 2, 'C', "power inverters"},
      {"850760", "Lithium-ion accumulators", "pcs", 58.0, 0.6, 1.4, 'C', "Li-ion battery packs"},
      {"851713", "Smartphones", "pcs", 320.0, 0.5, 0.35, 'C', "smartphones"},
      {"851762", "Machines for the reception, conversion and transmission or regeneration of voice, images or other data", "pcs", 240.0, 0.7, 1.5, 'C', "network switches and routers"},
      {"852691", "Radio navigational aid apparatus", "pcs", 620.0, 0.6, 2, 'C', "GNSS receivers"},
      {"852692", "Radio remote control apparatus", "pcs", 85.0, 0.6, 0.4, 'C', "radio remote controls"},
      {"852872", "Reception apparatus for television, colour, n.e.s.", "pcs", 280.0, 0.4, 15, 'C', "LED televisions"},
      {"853224", "Fixed electrical capacitors, ceramic dielectric, multilayer", "kg", 160.0, 0.6, 1, 'C', "MLCC capacitors"},
      {"853400", "Printed circuits", "kg", 42.0, 0.5, 1, 'C', "printed circuit boards"},
      {"854143", "Photovoltaic cells assembled in modules or made up into panels", "pcs", 105.0, 0.3, 22, 'C', "solar panels"},
      {"854231", "Electronic integrated circuits: processors and controllers", "pcs", 24.0, 0.8, 0.05, 'C', "microcontrollers"},
      {"854232", "Electronic integrated circuits: memories", "pcs", 6.5, 0.7, 0.05, 'C', "memory chips"},
      {"854233", "Electronic integrated circuits: amplifiers", "pcs", 3.2, 0.7, 0.05, 'C', "amplifier ICs"},
      {"854239", "Electronic integrated circuits, n.e.s.", "pcs", 4.1, 0.7, 0.05, 'C', "integrated circuits"},
      {"870323", "Motor cars with spark-ignition engine of a cylinder capacity > 1500 cc but <= 3000 cc", "pcs", 27500.0, 0.4, 1450, 'G', "passenger cars"},
      {"870380", "Motor cars with only electric motor for propulsion", "pcs", 34000.0, 0.35, 1900, 'G', "electric cars"},
      {"870899", "Parts and accessories of motor vehicles, n.e.s.", "kg", 9.20, 0.6, 1, 'C', "auto parts"},
      {"871200", "Bicycles and other cycles (including delivery tricycles), not motorised", "pcs", 118.0, 0.5, 14, 'C', "bicycles"},
      {"880730", "Parts of aeroplanes, helicopters or unmanned aircraft, n.e.s.", "kg", 480.0, 0.8, 1, 'C', "aircraft parts"},
      {"901310", "Telescopic sights for fitting to arms; periscopes; telescopes designed to form parts of machines", "pcs", 700.0, 0.6, 1, 'C', "optical sights"},
      {"901420", "Instruments and appliances for aeronautical or space navigation (other than compasses)", "pcs", 5200.0, 0.7, 5, 'C', "navigation instruments"},
      {"910211", "Wrist-watches, battery or accumulator powered, with mechanical display only", "pcs", 88.0, 0.9, 0.1, 'C', "wrist watches"},
      {"940161", "Upholstered seats, with wooden frames", "pcs", 125.0, 0.5, 25, 'C', "upholstered chairs"},
      {"940360", "Wooden furniture, n.e.s.", "kg", 3.60, 0.45, 1, 'C', "wooden furniture"},
      {"950300", "Tricycles, scooters and similar wheeled toys; dolls' carriages; dolls; other toys; puzzles", "kg", 6.20, 0.5, 1, 'C', "toys"},
      {"711719", "Imitation jewellery of base metal, whether or not plated with precious metal", "pcs", 2.10, 0.7, 0.02, 'C', "fashion jewellery"},
      {"220299", "Non-alcoholic beverages, n.e.s.", "l", 0.85, 0.4, 1.1, 'C', "soft drinks"},
      {"210690", "Food preparations, n.e.s.", "kg", 4.30, 0.6, 1, 'C', "food preparations"},
  };
  return kHs;
}

int FindHs(std::string_view hs6) {
  const auto& t = HsTable();
  for (size_t i = 0; i < t.size(); ++i)
    if (hs6 == t[i].hs6) return static_cast<int>(i);
  return -1;
}

// Maritime Identification Digits (ITU MARS table).
const std::vector<FlagInfo>& Flags() {
  static const std::vector<FlagInfo> kFlags = {
      {"PA", "351;352;353;354;355;356;357;370;371;372;373", true, false},
      {"LR", "636;637", true, false},
      {"MH", "538", true, false},
      {"MT", "215;229;248;249;256", true, false},
      {"BS", "308;309;311", true, false},
      {"GR", "237;239;240;241", false, false},
      {"CY", "209;210;212", true, false},
      {"SG", "563;564;565;566", false, false},
      {"HK", "477", false, false},
      {"CN", "412;413;414", false, false},
      {"NO", "257;258;259", false, false},
      {"DE", "211;218", false, false},
      {"NL", "244;245;246", false, false},
      {"GB", "232;233;234;235", false, false},
      {"DK", "219;220", false, false},
      {"JP", "431;432", false, false},
      {"KR", "440;441", false, false},
      {"IT", "247", false, false},
      {"TR", "271", false, false},
      {"IN", "419", false, false},
      {"AE", "470;471", false, false},
      {"RU", "273", false, true},
      {"IR", "422", false, true},
      {"CM", "613", true, true},
      {"GA", "626", true, true},
      {"KM", "616", true, true},
      {"PW", "511", true, true},
      {"SL", "667", true, true},
      {"TG", "671", true, true},
      {"CK", "518", true, true},
      {"ST", "668", true, true},
      {"TZ", "674;677", true, true},
  };
  return kFlags;
}

namespace {
const CountryNames kNames[] = {
    {"DE", "Hamburg;Bremen;Duisburg;Stuttgart;Munich;Dortmund", "GmbH;GmbH & Co. KG;AG", "Nordlicht;Hansa;Elbtal;Rheinwerk;Alster;Weser;Brandt;Falkenberg;Kessler;Lindner", "Thomas;Andreas;Katrin;Stefan;Julia;Michael", "Becker;Hoffmann;Schulz;Wagner;Krueger;Lange", "Am Sandtorkai;Hafenstrasse;Industriestrasse;Koenigstrasse;Lindenallee", "EUR", "post"},
    {"NL", "Rotterdam;Amsterdam;Eindhoven;Venlo", "B.V.;N.V.", "Maasdelta;Oranje;Zeeland;Van Dijk;Noordzee;Polder", "Jan;Pieter;Sanne;Ruud;Femke", "de Vries;Jansen;Bakker;Visser;Smit", "Waalhaven Zuidzijde;Keileweg;Stationsplein;Marconistraat", "EUR", "post"},
    {"BE", "Antwerp;Ghent;Brussels", "NV;BV;SA", "Schelde;Brabant;Flanders;Meir", "Luc;Els;Koen;Ann", "Peeters;Janssens;Maes;Claes", "Noorderlaan;Kaai;Italielei", "EUR", "post"},
    {"FR", "Le Havre;Marseille;Lyon;Paris", "SAS;SA;SARL", "Normandie;Provence;Lumiere;Atlantique;Dubois", "Pierre;Claire;Julien;Sophie", "Martin;Bernard;Durand;Lefevre", "Quai de Southampton;Rue de la Republique;Boulevard Haussmann", "EUR", "post"},
    {"GB", "London;Felixstowe;Manchester;Birmingham;Southampton", "Ltd;PLC;LLP", "Thames;Albion;Pennine;Kingsway;Harbour;Whitcombe", "James;Oliver;Emily;Sarah;David", "Smith;Taylor;Brown;Wilson;Davies", "High Street;Dock Road;Church Lane;Victoria Road", "GBP", "post"},
    {"IT", "Genoa;Milan;Naples;Turin", "S.p.A.;S.r.l.", "Liguria;Tirreno;Adriatica;Rossi;Vesuvio", "Marco;Giulia;Luca;Francesca", "Rossi;Russo;Ferrari;Esposito", "Via Balbi;Via Roma;Corso Italia", "EUR", "post"},
    {"ES", "Valencia;Barcelona;Madrid;Algeciras", "S.L.;S.A.", "Levante;Iberica;Mediterranea;Atlantica", "Javier;Lucia;Carlos;Marta", "Garcia;Fernandez;Lopez;Martinez", "Calle Mayor;Avenida del Puerto;Paseo de Gracia", "EUR", "post"},
    {"PL", "Gdansk;Gdynia;Warsaw;Poznan", "Sp. z o.o.;S.A.", "Baltyk;Wisla;Pomorze;Polmar", "Piotr;Anna;Krzysztof;Agnieszka", "Nowak;Kowalski;Wisniewski;Wojcik", "ul. Portowa;ul. Dluga;ul. Marszalkowska", "PLN", "post"},
    {"GR", "Piraeus;Athens;Thessaloniki", "S.A.;Ltd", "Aegean;Poseidon;Olympic;Hellas;Kyma", "Georgios;Maria;Nikos;Eleni", "Papadopoulos;Georgiou;Nikolaou;Vlachos", "Akti Miaouli;Leoforos Syngrou;Odos Ermou", "EUR", "post"},
    {"TR", "Istanbul;Mersin;Izmir;Ankara", "A.S.;Ltd. Sti.;Dis Ticaret Ltd. Sti.", "Anadolu;Bosphorus;Marmara;Kaya;Yildiz;Ege;Toros", "Mehmet;Ayse;Mustafa;Elif;Emre", "Yilmaz;Kaya;Demir;Sahin;Celik", "Ataturk Caddesi;Liman Yolu;Cumhuriyet Bulvari", "TRY", "post"},
    {"GE", "Tbilisi;Poti;Batumi", "LLC;JSC", "Kartli;Colchis;Rioni;Mtkvari;Iberia", "Giorgi;Nino;Levan;Tamar", "Beridze;Kapanadze;Gelashvili;Lomidze", "Rustaveli Avenue;Chavchavadze Street;Port Street", "GEL", "post"},
    {"AM", "Yerevan;Gyumri", "LLC;CJSC", "Ararat;Sevan;Arax;Hayk", "Armen;Anahit;Tigran;Lilit", "Petrosyan;Sargsyan;Hakobyan;Grigoryan", "Tigran Mets Avenue;Abovyan Street", "AMD", "post"},
    {"KZ", "Almaty;Astana;Aktau", "LLP;JSC", "Steppe;Altyn;Kazakh;Baikonur;Tengri", "Nurlan;Aigerim;Yerlan;Dana", "Akhmetov;Nurpeisov;Seitkali;Bekov", "Abay Avenue;Dostyk Avenue", "KZT", "post"},
    {"KG", "Bishkek;Osh", "LLC;OJSC", "Tien Shan;Issyk;Manas;Ala-Too", "Azamat;Aida;Bakyt;Cholpon", "Mamytov;Asanov;Toktogulov;Usenov", "Chui Avenue;Manas Avenue", "KGS", "post"},
    {"AE", "Dubai;Sharjah;Abu Dhabi;Ajman", "FZE;FZCO;LLC;General Trading LLC", "Falcon Star;Gulf Horizon;Al Noor;Desert Rose;Emirates Link;Palm Crest;Oasis Bridge;Al Safa", "Rashid;Ahmed;Fatima;Omar;Khalid", "Al Mansoori;Al Hashimi;Al Marri;Al Suwaidi;Khan", "Business Bay;Jebel Ali Free Zone;Sheikh Zayed Road;Al Maktoum Road", "AED", "post"},
    {"OM", "Muscat;Sohar;Salalah", "LLC;SAOG", "Majan;Dhofar;Batinah;Sohar Gateway", "Said;Aisha;Salim;Maryam", "Al Balushi;Al Harthy;Al Rawahi;Al Kindi", "Sultan Qaboos Street;Port Road", "OMR", "post"},
    {"SA", "Jeddah;Riyadh;Dammam", "LLC;Co.", "Al Hijaz;Najd;Red Sea;Al Rajhi Trading", "Abdullah;Noura;Faisal;Sara", "Al Qahtani;Al Ghamdi;Al Otaibi;Al Zahrani", "King Abdulaziz Road;Corniche Road", "SAR", "post"},
    {"QA", "Doha", "W.L.L.;LLC", "Al Wakra;Lusail;Pearl Gulf", "Hamad;Mariam;Jassim", "Al Thani;Al Kuwari;Al Sulaiti", "Corniche Street;Salwa Road", "QAR", "post"},
    {"KW", "Kuwait City;Shuwaikh", "W.L.L.;K.S.C.", "Gulf Pearl;Al Kout;Failaka", "Fahad;Dana;Bader", "Al Sabah;Al Mutairi;Al Ajmi", "Shuwaikh Industrial Area;Gulf Road", "KWD", "post"},
    {"IQ", "Basra;Baghdad;Erbil", "Co. Ltd;LLC", "Al Rafidain;Shatt;Babylon;Tigris", "Ali;Zainab;Hussein", "Al Jabouri;Al Tamimi;Al Maliki", "Al Ashar Street;Port Road", "IQD", "post"},
    {"IR", "Tehran;Bandar Abbas;Isfahan;Tabriz", "Co.;PJS", "Pars;Sepahan;Kish;Arya;Khazar;Zagros", "Reza;Maryam;Hossein;Fatemeh", "Hosseini;Rezaei;Mohammadi;Karimi", "Valiasr Street;Enghelab Street", "IRR", "post"},
    {"RU", "Moscow;Saint Petersburg;Yekaterinburg;Novosibirsk;Kazan;Novorossiysk", "OOO;AO;PAO", "Kaskad;Tekhnopark;Sibir;Volga;Ural;Baltika;Severstal;Granit;Vektor;Avangard", "Viktor;Marina;Sergey;Olga;Dmitry;Alexei", "Orlov;Sokolova;Ivanov;Volkov;Morozov;Kuznetsov", "ul. Lenina;ul. Tverskaya;prospekt Mira;ul. Gagarina", "RUB", "pre"},
    {"BY", "Minsk;Gomel;Brest", "OOO;OAO", "Belaz;Neman;Polesie;Minsktrade", "Alexander;Irina;Pavel", "Lukashevich;Kovalenko;Novik", "prospekt Nezavisimosti;ul. Kirova", "BYN", "pre"},
    {"CN", "Shenzhen;Shanghai;Ningbo;Qingdao;Guangzhou;Xiamen;Tianjin", "Co., Ltd.;Trading Co., Ltd.;Technology Co., Ltd.", "Huaxin;Jinlong;Hengda;Zhongtian;Xinghai;Tianyu;Haixing;Ruifeng;Baocheng", "Wei;Li;Fang;Jun;Min;Lei", "Wang;Zhang;Liu;Chen;Yang;Zhao", "Shennan Road;Nanjing Road;Zhongshan Road;Haier Road", "CNY", "city"},
    {"HK", "Hong Kong;Kowloon", "Limited;Co. Limited", "Victoria Harbour;Pacific Bridge;Kowloon Star;Golden Lotus;Harbour Link", "Ka Ming;Wing;Mei Ling;Chi Wai", "Chan;Wong;Leung;Lam;Cheung", "Nathan Road;Queen's Road Central;Canton Road", "HKD", "post"},
    {"TW", "Kaohsiung;Taipei;Taichung", "Co., Ltd.;Corporation", "Formosa;Jade Mountain;Sunrise;Ta Shin", "Chih-Ming;Yu-Ting;Wei-Lun", "Lin;Huang;Tsai;Hsu", "Zhongshan Road;Chenggong Road", "TWD", "post"},
    {"JP", "Tokyo;Osaka;Kobe;Yokohama;Nagoya", "Co., Ltd.;K.K.;Corporation", "Sakura;Fuji;Nippon Seiki;Kansai;Hoshino;Tanaka", "Hiroshi;Yuki;Takashi;Akiko", "Sato;Suzuki;Takahashi;Watanabe", "Chuo-ku;Minato-ku;Kaigan-dori", "JPY", "post"},
    {"KR", "Busan;Seoul;Incheon;Ulsan", "Co., Ltd.;Corp.", "Hanil;Daewon;Samjin;Haesung;Dongbang", "Min-jun;Ji-woo;Seo-yeon;Hyun-woo", "Kim;Lee;Park;Choi;Jung", "Jungang-daero;Teheran-ro;Haeundae-ro", "KRW", "post"},
    {"KP", "Pyongyang;Nampo", "Corporation;Trading Company", "Korea Ryonbong;Chongchon;Daedong;Mansudae", "Kim;Chol;Song", "Ri;Pak;Jong", "Sungri Street", "KPW", "post"},
    {"SG", "Singapore", "Pte. Ltd.;Pte Ltd", "Straits;Lion City;Marina Bay;Orchid;Temasek;Raffles", "Wei Ming;Siew Ling;Kumar;Hui Min", "Tan;Lim;Ng;Goh;Raj", "Shenton Way;Jurong Port Road;Pasir Panjang Road", "SGD", "post"},
    {"MY", "Port Klang;Kuala Lumpur;Johor Bahru;Penang", "Sdn. Bhd.;Bhd.", "Klang Valley;Selangor;Permata;Bintang", "Ahmad;Siti;Wei Jie;Nurul", "Abdullah;Tan;Ismail;Lim", "Jalan Pelabuhan;Jalan Ampang", "MYR", "post"},
    {"TH", "Bangkok;Chonburi;Laem Chabang", "Co., Ltd.;Public Co., Ltd.", "Siam;Chao Phraya;Thai Union;Sukhumvit", "Somchai;Suda;Anan", "Srisuk;Chaiyaporn;Wongsa", "Sukhumvit Road;Rama IV Road", "THB", "post"},
    {"VN", "Ho Chi Minh City;Haiphong;Hanoi", "Co., Ltd;JSC", "Saigon;Mekong;Hong Ha;Viet Phat", "Minh;Lan;Tuan;Huong", "Nguyen;Tran;Le;Pham", "Nguyen Hue;Le Loi", "VND", "post"},
    {"ID", "Jakarta;Surabaya", "PT;CV", "Nusantara;Garuda;Samudra;Mitra", "Budi;Siti;Agus", "Santoso;Wijaya;Hidayat", "Jalan Sudirman;Jalan Thamrin", "IDR", "pre"},
    {"IN", "Mumbai;Chennai;Ahmedabad;Delhi;Kolkata", "Private Limited;Pvt. Ltd.;Limited;Exports", "Bharat;Shree Ganesh;Ashoka;Reliant;Kaveri;Sagar;Indus", "Rajesh;Priya;Amit;Sunita;Vikram", "Sharma;Patel;Gupta;Reddy;Mehta", "Nariman Point;MG Road;Ashram Road", "INR", "post"},
    {"PK", "Karachi;Lahore", "(Pvt.) Ltd.;Traders", "Indus Valley;Crescent;Karachi Bay;Sialkot", "Imran;Ayesha;Bilal", "Khan;Ahmed;Qureshi", "Shahrah-e-Faisal;I.I. Chundrigar Road", "PKR", "post"},
    {"LK", "Colombo;Galle", "(Pvt) Ltd;PLC", "Lanka;Ceylon;Serendib", "Nuwan;Dilani;Kasun", "Perera;Fernando;Silva", "Galle Road;York Street", "LKR", "post"},
    {"EG", "Alexandria;Cairo;Port Said", "S.A.E.;LLC", "Nile Delta;Pharos;Misr;Suez Link", "Mohamed;Mona;Karim", "Hassan;Ibrahim;Mostafa", "Corniche Road;Tahrir Street", "EGP", "post"},
    {"IL", "Haifa;Tel Aviv;Ashdod", "Ltd.", "Carmel;Galil;Negev", "Yossi;Noa;Avi", "Cohen;Levi;Mizrahi", "Ha'atzmaut Road;Rothschild Boulevard", "ILS", "post"},
    {"LB", "Beirut;Tripoli", "S.A.L.;S.A.R.L.", "Cedars;Levant;Phoenicia", "Georges;Rania;Karim", "Haddad;Khoury;Nassar", "Rue Hamra;Avenue des Francais", "USD", "post"},
    {"SY", "Latakia;Damascus;Aleppo", "LLC;Co.", "Ugarit;Barada;Qasioun", "Bashar;Rasha;Samir", "Makhlouf;Haddad;Al Khatib", "Baghdad Street;Port Road", "SYP", "post"},
    {"US", "New York;Houston;Savannah;Chicago;San Jose", "Inc.;LLC;Corp.", "Pacific Circuits;Liberty;Lone Star;Atlantic;Keystone;Summit;Redwood", "John;Mary;Robert;Linda;Michael", "Johnson;Williams;Miller;Davis;Garcia", "Main Street;Commerce Drive;Harbor Boulevard", "USD", "post"},
    {"MX", "Veracruz;Mexico City;Monterrey", "S.A. de C.V.;S. de R.L. de C.V.", "Azteca;Golfo;Sierra Madre;Jarocho", "Jose;Guadalupe;Luis", "Hernandez;Gonzalez;Rodriguez", "Avenida Reforma;Calle Independencia", "MXN", "post"},
    {"BR", "Santos;Sao Paulo;Rio de Janeiro", "Ltda.;S.A.", "Paulista;Tropical;Cerrado;Atlantico Sul", "Joao;Ana;Paulo;Fernanda", "Silva;Santos;Oliveira;Souza", "Avenida Paulista;Rua Augusta", "BRL", "post"},
    {"VE", "Caracas;La Guaira;Maracaibo", "C.A.;S.A.", "Orinoco;Caribe;Bolivar;Zulia", "Carlos;Maria;Jesus", "Rodriguez;Perez;Gonzalez", "Avenida Urdaneta;Calle Real", "VES", "post"},
    {"NG", "Lagos;Port Harcourt", "Limited;Nigeria Ltd", "Niger Delta;Eko;Zenith Trade;Bight", "Chinedu;Ngozi;Tunde", "Okafor;Adeyemi;Bello", "Marina Road;Apapa Wharf Road", "NGN", "post"},
    {"TG", "Lome", "SARL;SA", "Togo Atlantique;Golfe", "Kofi;Ama", "Mensah;Agbo", "Boulevard du Mono", "XOF", "post"},
    {"ZA", "Durban;Johannesburg;Cape Town", "(Pty) Ltd;Ltd", "Zulu Coast;Highveld;Cape Point;Umhlanga", "Sipho;Thandi;Pieter", "Naidoo;Dlamini;van der Merwe", "Maydon Wharf Road;Smith Street", "ZAR", "post"},
    {"KE", "Mombasa;Nairobi", "Limited;Ltd", "Kilindini;Tana;Savannah Link", "Wanjiru;Otieno;Amina", "Kamau;Odhiambo;Mwangi", "Moi Avenue;Kenyatta Avenue", "KES", "post"},
    {"DJ", "Djibouti", "SARL;SA", "Bab Trade;Tadjourah", "Ali;Hodan", "Farah;Guelleh", "Boulevard de la Republique", "DJF", "post"},
    {"MA", "Tangier;Casablanca", "SARL;SA", "Maghreb;Atlas;Detroit", "Youssef;Fatima;Karim", "El Amrani;Benali;Alaoui", "Boulevard Mohammed V", "MAD", "post"},
    {"RO", "Constanta;Bucharest", "S.R.L.;S.A.", "Dunarea;Carpati;Pontica", "Andrei;Ioana;Mihai", "Popescu;Ionescu;Dumitru", "Bulevardul Tomis;Strada Portului", "RON", "post"},
    {"FI", "Helsinki;Kotka", "Oy;Oyj", "Suomi;Pohjola;Kotka Trading", "Mikko;Anna;Juha", "Virtanen;Korhonen;Nieminen", "Mannerheimintie;Satamakatu", "EUR", "post"},
    {"PT", "Sines;Lisbon;Porto", "Lda.;S.A.", "Lusitania;Tejo;Atlantico", "Joao;Ana;Rui", "Silva;Santos;Ferreira", "Avenida da Liberdade;Rua do Porto", "EUR", "post"},
    {"MT", "Valletta;Marsaxlokk", "Ltd", "Melita;Grand Harbour", "Joseph;Maria", "Borg;Camilleri", "Triq il-Port", "EUR", "post"},
    {"CY", "Limassol;Nicosia;Larnaca", "Ltd", "Aphrodite;Troodos;Kition;Amathus", "Andreas;Eleni;Christos", "Georgiou;Christodoulou;Ioannou", "Makariou Avenue;Spyrou Kyprianou Avenue", "EUR", "post"},
    {"SC", "Victoria", "Ltd;Limited", "Mahe Holdings;Praslin;Indian Ocean Ventures", "Jean;Marie", "Hoareau;Payet", "Providence Industrial Estate", "SCR", "post"},
    {"CH", "Geneva;Zug;Zurich", "AG;SA;GmbH", "Helvetia;Leman;Alpina;Rigi", "Thomas;Claudia;Marc", "Mueller;Meier;Favre", "Bahnhofstrasse;Rue du Rhone", "CHF", "post"},
    {"UZ", "Tashkent;Samarkand", "LLC;JSC", "Turon;Registan;Amu Darya", "Rustam;Dilnoza;Bekzod", "Karimov;Tursunov;Rakhimov", "Amir Temur Avenue", "UZS", "post"},
};
const CountryNames kGeneric = {"", "Capital City", "Ltd", "Global;International;Trans;United", "Alex;Sam", "Smith;Lee", "Harbour Road", "USD", "post"};
}  // namespace

const CountryNames& NamesFor(std::string_view country) {
  for (const auto& n : kNames)
    if (country == n.country) return n;
  return kGeneric;
}

const std::vector<std::string>& SectorWords(char sector) {
  static const std::vector<std::string> kE = {"Elektronik", "Electronics", "Semiconductor", "Microsystems", "Technologies", "Components", "Systems"};
  static const std::vector<std::string> kM = {"Maschinenbau", "Machinery", "Engineering", "Industrial", "Precision", "Tools"};
  static const std::vector<std::string> kT = {"Trading", "Import Export", "Commerce", "Merchants", "Supply", "Global Trade"};
  static const std::vector<std::string> kA = {"Agro", "Foods", "Grain", "Commodities", "Agri"};
  static const std::vector<std::string> kO = {"Energy", "Petroleum", "Oil & Gas", "Petrochemicals", "Fuels"};
  static const std::vector<std::string> kL = {"Logistics", "Shipping", "Freight", "Forwarding", "Marine Services", "Transport"};
  static const std::vector<std::string> kS = {"Steel", "Metals", "Mining", "Resources"};
  static const std::vector<std::string> kH = {"Holding", "Investments", "Capital", "Group", "Ventures"};
  switch (sector) {
    case 'E': return kE;
    case 'M': return kM;
    case 'A': return kA;
    case 'O': return kO;
    case 'L': return kL;
    case 'S': return kS;
    case 'H': return kH;
    default: return kT;
  }
}

}  // namespace interdict::sim
