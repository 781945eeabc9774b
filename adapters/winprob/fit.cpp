// fit(): L2-regularised logistic regression by Newton's method (IRLS) on
// standardized features, with step halving so the penalised log loss never
// goes up. Features are recomputed from the states on every pass instead of
// being stored: millions of samples stay cheap in memory.
#include <array>
#include <cmath>
#include <stdexcept>

#include "adapters/winprob/features.hpp"

namespace playclock::winprob {

namespace {

constexpr std::size_t d = feature_count;
using vec = std::array<double, d>;
using mat = std::array<vec, d>;

// Feature means and standard deviations (the bias is left as is).
struct standardizer {
  vec mean{};
  vec sd{};

  void apply(const double* x, double* z) const {
    z[0] = 1.0;
    for (std::size_t j = 1; j < d; ++j)
      z[j] = (x[j] - mean[j]) / sd[j];
  }
};

standardizer standardize(const std::vector<sample>& data, double total) {
  standardizer s;
  vec sq{};
  double x[d];
  for (const auto& smp : data) {
    features_into(smp.state, x);
    for (std::size_t j = 1; j < d; ++j)
      s.mean[j] += smp.weight * x[j];
  }
  for (std::size_t j = 1; j < d; ++j)
    s.mean[j] /= total;
  for (const auto& smp : data) {
    features_into(smp.state, x);
    for (std::size_t j = 1; j < d; ++j)
      sq[j] += smp.weight * (x[j] - s.mean[j]) * (x[j] - s.mean[j]);
  }
  s.sd[0] = 1.0;
  for (std::size_t j = 1; j < d; ++j) {
    s.sd[j] = std::sqrt(sq[j] / total);
    if (!(s.sd[j] > 1e-12))
      s.sd[j] = 1.0; // constant: centered to 0, the penalty keeps its weight at 0
  }
  return s;
}

// log(1 + e^z), without overflow.
double softplus(double z) {
  return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

double sigmoid(double z) {
  return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
}

double dot(const vec& b, const double* z) {
  double s = 0;
  for (std::size_t j = 0; j < d; ++j)
    s += b[j] * z[j];
  return s;
}

double penalty(const vec& b, double l2) {
  double s = 0;
  for (std::size_t j = 1; j < d; ++j)
    s += b[j] * b[j];
  return 0.5 * l2 * s;
}

// Mean penalised log loss.
double objective(const std::vector<sample>& data, const standardizer& st, const vec& b,
                 double total, double l2) {
  double x[d], z[d];
  double loss = 0;
  for (const auto& smp : data) {
    features_into(smp.state, x);
    st.apply(x, z);
    const double eta = dot(b, z);
    loss += smp.weight * (softplus(eta) - (smp.home_won ? eta : 0.0));
  }
  return loss / total + penalty(b, l2);
}

// Solves a * x = rhs for a symmetric positive definite a (Cholesky).
vec solve(mat a, vec rhs) {
  for (std::size_t j = 0; j < d; ++j) {
    double s = a[j][j];
    for (std::size_t k = 0; k < j; ++k)
      s -= a[j][k] * a[j][k];
    if (!(s > 0))
      throw std::runtime_error("winprob::fit: Hessian is not positive definite");
    a[j][j] = std::sqrt(s);
    for (std::size_t i = j + 1; i < d; ++i) {
      double t = a[i][j];
      for (std::size_t k = 0; k < j; ++k)
        t -= a[i][k] * a[j][k];
      a[i][j] = t / a[j][j];
    }
  }
  vec y{};
  for (std::size_t i = 0; i < d; ++i) {
    double t = rhs[i];
    for (std::size_t k = 0; k < i; ++k)
      t -= a[i][k] * y[k];
    y[i] = t / a[i][i];
  }
  vec x{};
  for (std::size_t ii = d; ii-- > 0;) {
    double t = y[ii];
    for (std::size_t k = ii + 1; k < d; ++k)
      t -= a[k][ii] * x[k];
    x[ii] = t / a[ii][ii];
  }
  return x;
}

void check(const std::vector<sample>& data, const fit_options& o, double& total) {
  if (data.empty())
    throw std::invalid_argument("winprob::fit: no samples");
  if (!(o.l2 >= 0) || !std::isfinite(o.l2))
    throw std::invalid_argument("winprob::fit: l2 must be finite and >= 0");
  if (o.max_iterations < 1)
    throw std::invalid_argument("winprob::fit: max_iterations must be >= 1");
  if (!(o.tolerance >= 0) || !std::isfinite(o.tolerance))
    throw std::invalid_argument("winprob::fit: tolerance must be finite and >= 0");
  total = 0;
  for (const auto& s : data) {
    if (!(s.weight >= 0) || !std::isfinite(s.weight))
      throw std::invalid_argument("winprob::fit: sample weights must be finite and >= 0");
    total += s.weight;
  }
  if (!(total > 0))
    throw std::invalid_argument("winprob::fit: total sample weight is 0");
}

} // namespace

coefficients fit(const std::vector<sample>& data, const fit_options& o, int version,
                 std::string name) {
  double total = 0;
  check(data, o, total);
  const standardizer st = standardize(data, total);
  // The ridge keeps the Hessian invertible when a feature never varies and
  // l2 is 0 (the bias is never penalised).
  constexpr double ridge = 1e-9;
  vec b{};
  double current = objective(data, st, b, total, o.l2);
  double x[d], z[d];
  for (int it = 0; it < o.max_iterations; ++it) {
    vec g{};
    mat h{};
    for (const auto& smp : data) {
      features_into(smp.state, x);
      st.apply(x, z);
      const double p = sigmoid(dot(b, z));
      const double r = smp.weight * (p - (smp.home_won ? 1.0 : 0.0));
      const double w = smp.weight * p * (1 - p);
      for (std::size_t i = 0; i < d; ++i) {
        g[i] += r * z[i];
        for (std::size_t k = 0; k <= i; ++k)
          h[i][k] += w * z[i] * z[k];
      }
    }
    for (std::size_t i = 0; i < d; ++i) {
      g[i] = g[i] / total + (i > 0 ? o.l2 * b[i] : 0.0);
      for (std::size_t k = 0; k <= i; ++k) {
        h[i][k] /= total;
        h[k][i] = h[i][k];
      }
      h[i][i] += (i > 0 ? o.l2 : 0.0) + ridge;
    }
    const vec step = solve(h, g);
    // Halve the Newton step until the objective does not go up.
    double t = 1.0;
    vec next{};
    double value = current;
    bool improved = false;
    for (int half = 0; half < 40; ++half, t *= 0.5) {
      for (std::size_t j = 0; j < d; ++j)
        next[j] = b[j] - t * step[j];
      value = objective(data, st, next, total, o.l2);
      if (value <= current) {
        improved = true;
        break;
      }
    }
    if (!improved)
      break;
    const double gain = current - value;
    b = next;
    current = value;
    if (gain < o.tolerance)
      break;
  }
  // Back to weights on the raw features.
  coefficients c;
  c.name = std::move(name);
  c.version = version;
  c.weights.assign(d, 0.0);
  double bias = b[0];
  for (std::size_t j = 1; j < d; ++j) {
    c.weights[j] = b[j] / st.sd[j];
    bias -= b[j] * st.mean[j] / st.sd[j];
  }
  c.weights[0] = bias;
  return c;
}

} // namespace playclock::winprob
