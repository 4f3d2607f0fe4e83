#include "trade/gbdt.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>

namespace interdict::trade {
namespace {

struct HistBin {
  double g = 0, h = 0;
  int32_t n = 0;
};

struct SplitInfo {
  double gain = 0;
  int feature = -1;
  int bin = -1;  // left: bin <= this
  double gl = 0, hl = 0;
  int32_t nl = 0;
};

struct Leaf {
  std::vector<uint32_t> rows;
  std::vector<HistBin> hist;  // features x bins
  double g = 0, h = 0;
  int depth = 0;
  int node = 0;
  SplitInfo best;
};

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// Quantile cut points of one feature: a value x falls in bin 1 + #{cuts < x}; bin 0 is NaN.
std::vector<float> CutPoints(std::vector<float> v, int max_bins) {
  std::sort(v.begin(), v.end());
  std::vector<float> uniq;
  for (float x : v)
    if (uniq.empty() || uniq.back() != x) uniq.push_back(x);
  std::vector<float> cuts;
  const size_t usable = static_cast<size_t>(max_bins - 1);  // bin 0 is for missing values
  if (uniq.size() <= usable) {
    // Every distinct value its own bin; the last needs no cut.
    if (!uniq.empty()) cuts.assign(uniq.begin(), uniq.end() - 1);
    return cuts;
  }
  for (size_t i = 1; i < usable; ++i) {
    float c = v[i * v.size() / usable];
    if (cuts.empty() || c > cuts.back()) cuts.push_back(c);
  }
  if (!cuts.empty() && cuts.back() >= uniq.back()) cuts.pop_back();
  return cuts;
}

class Trainer {
 public:
  Trainer(const Matrix& x, const std::vector<float>& y, const GbdtParams& p)
      : x_(x), y_(y), p_(p), rng_(p.seed) {}

  void Bin() {
    const size_t n = x_.rows, f = x_.cols;
    cuts_.resize(f);
    bins_.assign(f * n, 0);
    num_bins_.assign(f, 1);
    std::vector<float> col;
    for (size_t j = 0; j < f; ++j) {
      col.clear();
      for (size_t i = 0; i < n; ++i) {
        float v = x_.row(i)[j];
        if (!std::isnan(v)) col.push_back(v);
      }
      cuts_[j] = CutPoints(col, p_.max_bins);
      num_bins_[j] = static_cast<int>(cuts_[j].size()) + 2;
      uint8_t* b = &bins_[j * n];
      for (size_t i = 0; i < n; ++i) {
        float v = x_.row(i)[j];
        if (std::isnan(v)) {
          b[i] = 0;
        } else {
          b[i] = static_cast<uint8_t>(
              1 + (std::lower_bound(cuts_[j].begin(), cuts_[j].end(), v) - cuts_[j].begin()));
        }
      }
    }
  }

  // Builds one tree on gradients g/h and appends it; returns split gains per feature.
  Tree Grow(const std::vector<double>& g, const std::vector<double>& h, std::vector<double>* gain) {
    const size_t n = x_.rows, f = x_.cols;
    // Row and feature subsampling (why: decorrelates trees, the main guard against
    // overfitting the high-cardinality entity encodings).
    Leaf root;
    std::uniform_real_distribution<double> u(0, 1);
    root.rows.reserve(n);
    for (size_t i = 0; i < n; ++i)
      if (p_.row_subsample >= 1 || u(rng_) < p_.row_subsample)
        root.rows.push_back(static_cast<uint32_t>(i));
    feats_.clear();
    for (size_t j = 0; j < f; ++j)
      if (p_.feature_subsample >= 1 || u(rng_) < p_.feature_subsample)
        feats_.push_back(static_cast<int>(j));
    if (feats_.empty()) feats_.push_back(static_cast<int>(rng_() % f));

    Tree tree;
    tree.nodes.emplace_back();
    BuildHist(&root, g, h);
    for (uint32_t i : root.rows) {
      root.g += g[i];
      root.h += h[i];
    }
    tree.nodes[0].value = NodeValue(root.g, root.h);
    FindSplit(&root);
    std::vector<Leaf> leaves;
    leaves.push_back(std::move(root));
    while (static_cast<int>(leaves.size()) < p_.num_leaves) {
      int best = -1;
      for (size_t l = 0; l < leaves.size(); ++l)
        if (leaves[l].best.feature >= 0 &&
            (best < 0 || leaves[l].best.gain > leaves[best].best.gain))
          best = static_cast<int>(l);
      if (best < 0) break;
      Leaf parent = std::move(leaves[best]);
      const SplitInfo s = parent.best;
      (*gain)[s.feature] += s.gain;
      Leaf left, right;
      left.depth = right.depth = parent.depth + 1;
      const uint8_t* b = &bins_[static_cast<size_t>(s.feature) * n];
      left.rows.reserve(s.nl);
      right.rows.reserve(parent.rows.size() - s.nl);
      for (uint32_t i : parent.rows) (b[i] <= s.bin ? left.rows : right.rows).push_back(i);
      left.g = s.gl;
      left.h = s.hl;
      right.g = parent.g - s.gl;
      right.h = parent.h - s.hl;
      // Histogram subtraction: build the smaller child, derive the larger.
      Leaf& small = left.rows.size() <= right.rows.size() ? left : right;
      Leaf& large = left.rows.size() <= right.rows.size() ? right : left;
      BuildHist(&small, g, h);
      large.hist = std::move(parent.hist);
      for (size_t k = 0; k < large.hist.size(); ++k) {
        large.hist[k].g -= small.hist[k].g;
        large.hist[k].h -= small.hist[k].h;
        large.hist[k].n -= small.hist[k].n;
      }
      TreeNode& pn = tree.nodes[parent.node];
      pn.feature = s.feature;
      pn.threshold =
          s.bin == 0 ? -std::numeric_limits<float>::infinity() : cuts_[s.feature][s.bin - 1];
      int li = static_cast<int>(tree.nodes.size());
      pn.left = li;
      pn.right = li + 1;
      tree.nodes.emplace_back();
      tree.nodes.emplace_back();
      tree.nodes[li].value = NodeValue(left.g, left.h);
      tree.nodes[li + 1].value = NodeValue(right.g, right.h);
      left.node = li;
      right.node = li + 1;
      FindSplit(&left);
      FindSplit(&right);
      leaves[best] = std::move(left);
      leaves.push_back(std::move(right));
    }
    return tree;
  }

  const std::vector<float>& cuts(int f) const { return cuts_[f]; }

 private:
  double NodeValue(double g, double h) const { return -g / (h + p_.lambda_l2) * p_.learning_rate; }

  void BuildHist(Leaf* leaf, const std::vector<double>& g, const std::vector<double>& h) {
    const size_t n = x_.rows;
    const size_t nb = static_cast<size_t>(p_.max_bins) + 1;
    leaf->hist.assign(x_.cols * nb, HistBin{});
    for (int j : feats_) {
      HistBin* hb = &leaf->hist[j * nb];
      const uint8_t* b = &bins_[static_cast<size_t>(j) * n];
      for (uint32_t i : leaf->rows) {
        HistBin& e = hb[b[i]];
        e.g += g[i];
        e.h += h[i];
        ++e.n;
      }
    }
  }

  void FindSplit(Leaf* leaf) {
    leaf->best = SplitInfo{};
    if (leaf->depth >= p_.max_depth) return;
    const int32_t total = static_cast<int32_t>(leaf->rows.size());
    if (total < 2 * p_.min_data_in_leaf) return;
    const size_t nb = static_cast<size_t>(p_.max_bins) + 1;
    const double lam = p_.lambda_l2;
    const double parent_score = leaf->g * leaf->g / (leaf->h + lam);
    for (int j : feats_) {
      const HistBin* hb = &leaf->hist[j * nb];
      double gl = 0, hl = 0;
      int32_t nl = 0;
      for (int b = 0; b + 1 < num_bins_[j]; ++b) {
        gl += hb[b].g;
        hl += hb[b].h;
        nl += hb[b].n;
        if (nl < p_.min_data_in_leaf) continue;
        if (total - nl < p_.min_data_in_leaf) break;
        double hr = leaf->h - hl;
        if (hl < p_.min_sum_hessian || hr < p_.min_sum_hessian) continue;
        double gr = leaf->g - gl;
        double gain = gl * gl / (hl + lam) + gr * gr / (hr + lam) - parent_score;
        if (gain > p_.min_gain && gain > leaf->best.gain) {
          leaf->best = SplitInfo{gain, j, b, gl, hl, nl};
        }
      }
    }
  }

  const Matrix& x_;
  const std::vector<float>& y_;
  const GbdtParams& p_;
  std::mt19937_64 rng_;
  std::vector<std::vector<float>> cuts_;
  std::vector<uint8_t> bins_;  // column-major
  std::vector<int> num_bins_;
  std::vector<int> feats_;
};

double TreePredict(const Tree& t, const float* row) {
  int k = 0;
  while (t.nodes[k].feature >= 0) {
    const TreeNode& nd = t.nodes[k];
    float v = row[nd.feature];
    k = (std::isnan(v) || v <= nd.threshold) ? nd.left : nd.right;
  }
  return t.nodes[k].value;
}

double LogLoss(const std::vector<double>& raw, const std::vector<float>& y) {
  double s = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    double p = std::clamp(Sigmoid(raw[i]), 1e-12, 1 - 1e-12);
    s -= y[i] > 0.5 ? std::log(p) : std::log(1 - p);
  }
  return raw.empty() ? 0 : s / raw.size();
}

}  // namespace

Result<Gbdt> Gbdt::Train(const Matrix& x, const std::vector<float>& y, const GbdtParams& p,
                         const Matrix* valid_x, const std::vector<float>* valid_y) {
  if (x.rows == 0 || x.cols == 0) return Status::InvalidArgument("gbdt: empty training set");
  if (y.size() != x.rows) return Status::InvalidArgument("gbdt: label count != row count");
  if (x.data.size() != x.rows * x.cols) return Status::InvalidArgument("gbdt: bad matrix");
  if (p.max_bins < 2 || p.max_bins > 255)
    return Status::InvalidArgument("gbdt: max_bins must be in 2..255");
  if (p.num_leaves < 2) return Status::InvalidArgument("gbdt: num_leaves must be >= 2");
  if (valid_x && (!valid_y || valid_y->size() != valid_x->rows || valid_x->cols != x.cols))
    return Status::InvalidArgument("gbdt: validation set shape mismatch");
  Gbdt m;
  m.num_features_ = x.cols;
  m.gain_.assign(x.cols, 0);
  double pos = 0;
  for (float v : y) pos += v > 0.5;
  double prior = std::clamp(pos / y.size(), 1e-6, 1 - 1e-6);
  m.base_score_ = std::log(prior / (1 - prior));

  Trainer tr(x, y, p);
  tr.Bin();
  std::vector<double> raw(x.rows, m.base_score_), g(x.rows), h(x.rows);
  std::vector<double> vraw(valid_x ? valid_x->rows : 0, m.base_score_);
  double best_loss = std::numeric_limits<double>::infinity();
  int best_round = 0;
  std::vector<std::vector<double>> gains;  // per-round gain, to trim after early stop
  for (int r = 0; r < p.num_rounds; ++r) {
    for (size_t i = 0; i < x.rows; ++i) {
      double pr = Sigmoid(raw[i]);
      g[i] = pr - y[i];
      h[i] = std::max(pr * (1 - pr), 1e-16);
    }
    std::vector<double> gain(x.cols, 0);
    Tree t = tr.Grow(g, h, &gain);
    for (size_t i = 0; i < x.rows; ++i) raw[i] += TreePredict(t, x.row(i));
    m.trees_.push_back(std::move(t));
    gains.push_back(std::move(gain));
    if (valid_x) {
      for (size_t i = 0; i < valid_x->rows; ++i)
        vraw[i] += TreePredict(m.trees_.back(), valid_x->row(i));
      double loss = LogLoss(vraw, *valid_y);
      if (loss < best_loss - 1e-9) {
        best_loss = loss;
        best_round = r + 1;
      } else if (p.early_stopping_rounds > 0 && r + 1 - best_round >= p.early_stopping_rounds) {
        break;
      }
    } else {
      best_round = r + 1;
    }
  }
  m.trees_.resize(best_round);
  for (int r = 0; r < best_round; ++r)
    for (size_t j = 0; j < x.cols; ++j) m.gain_[j] += gains[r][j];
  m.best_round_ = best_round;
  return m;
}

double Gbdt::PredictRaw(const float* row) const {
  double s = base_score_;
  for (const Tree& t : trees_) s += TreePredict(t, row);
  return s;
}

double Gbdt::Predict(const float* row) const { return Sigmoid(PredictRaw(row)); }

double Gbdt::bias() const {
  double s = base_score_;
  for (const Tree& t : trees_) s += t.nodes[0].value;
  return s;
}

void Gbdt::Explain(const float* row, std::vector<double>* contrib) const {
  contrib->assign(num_features_, 0.0);
  for (const Tree& t : trees_) {
    int k = 0;
    while (t.nodes[k].feature >= 0) {
      const TreeNode& nd = t.nodes[k];
      float v = row[nd.feature];
      int next = (std::isnan(v) || v <= nd.threshold) ? nd.left : nd.right;
      (*contrib)[nd.feature] += t.nodes[next].value - nd.value;
      k = next;
    }
  }
}

std::string Gbdt::Serialize() const {
  std::ostringstream o;
  o.precision(17);
  o << "gbdt 1 " << num_features_ << " " << trees_.size() << " " << base_score_ << "\n";
  for (const Tree& t : trees_) {
    o << "tree " << t.nodes.size() << "\n";
    for (const TreeNode& nd : t.nodes)
      o << nd.feature << " " << nd.threshold << " " << nd.left << " " << nd.right << " " << nd.value
        << "\n";
  }
  return o.str();
}

Result<Gbdt> Gbdt::Deserialize(const std::string& text) {
  std::istringstream in(text);
  std::string magic;
  int version = 0;
  size_t nt = 0;
  Gbdt m;
  if (!(in >> magic >> version >> m.num_features_ >> nt >> m.base_score_) || magic != "gbdt" ||
      version != 1)
    return Status::Corruption("gbdt model: bad header");
  for (size_t t = 0; t < nt; ++t) {
    std::string kw;
    size_t nn = 0;
    if (!(in >> kw >> nn) || kw != "tree" || nn == 0)
      return Status::Corruption("gbdt model: bad tree header at tree " + std::to_string(t));
    Tree tree;
    tree.nodes.resize(nn);
    for (size_t k = 0; k < nn; ++k) {
      TreeNode& nd = tree.nodes[k];
      std::string thr;
      if (!(in >> nd.feature >> thr >> nd.left >> nd.right >> nd.value))
        return Status::Corruption("gbdt model: bad node in tree " + std::to_string(t));
      // strtof, not stof: a corrupt model must give a Status, never an exception.
      char* end = nullptr;
      nd.threshold = std::strtof(thr.c_str(), &end);
      if (end == thr.c_str() || *end != '\0')
        return Status::Corruption("gbdt model: bad threshold in tree " + std::to_string(t));
      bool leaf = nd.feature < 0;
      if (!leaf &&
          (nd.feature >= static_cast<int>(m.num_features_) || nd.left <= 0 || nd.right <= 0 ||
           static_cast<size_t>(nd.left) >= nn || static_cast<size_t>(nd.right) >= nn ||
           nd.left <= static_cast<int>(k) || nd.right <= static_cast<int>(k)))
        return Status::Corruption("gbdt model: bad child index in tree " + std::to_string(t));
    }
    m.trees_.push_back(std::move(tree));
  }
  m.gain_.assign(m.num_features_, 0);
  m.best_round_ = static_cast<int>(nt);
  return m;
}

}  // namespace interdict::trade
