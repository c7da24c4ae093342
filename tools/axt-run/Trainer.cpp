//===- Trainer.cpp - training and evaluation on Fashion-MNIST -------------===//
#include "Trainer.h"
#include "axtrt/blas.h"

#include "Random.h"
#include "TrainingState.h"
#include "axtrt/dataset.h"
#include "axtrt/matmul.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

using namespace axt;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Owns a loaded dataset split.
struct Dataset {
  axtrt_dataset data{};
  ~Dataset() { axtrt_dataset_free(&data); }
  int64_t exampleSize() const { return data.rows * data.cols; }
};

bool loadSplit(const std::string &dir, const char *split, Dataset &out) {
  char error[512];
  if (axtrt_dataset_load(dir.c_str(), split, &out.data, error,
                         sizeof(error)) == 0)
    return true;
  std::fprintf(stderr, "axt-run: error: %s\n", error);
  return false;
}

/// Copies examples `order[begin, begin + input.shape[0])` into the batch;
/// rows past the end of `order` are zero with label 0 (padding).
void gatherBatch(const Dataset &ds, const std::vector<int64_t> &order,
                 int64_t begin, HostTensor<float> &input,
                 HostTensor<int32_t> &labels) {
  int64_t size = ds.exampleSize();
  for (int64_t i = 0; i < input.shape[0]; ++i) {
    float *row = input.data.data() + i * size;
    if (begin + i >= static_cast<int64_t>(order.size())) {
      std::fill(row, row + size, 0.0f);
      labels.data[i] = 0;
      continue;
    }
    int64_t example = order[begin + i];
    std::memcpy(row, ds.data.images + example * size, size * sizeof(float));
    labels.data[i] = ds.data.labels[example];
  }
}

struct Evaluation {
  int64_t correct = 0, count = 0;
  double lossSum = 0.0;
  double accuracy() const { return count ? 100.0 * correct / count : 0.0; }
};

/// Accuracy and mean cross-entropy from the logits, over all examples.
bool evaluate(CompiledModel &model, std::vector<HostTensor<float>> &args,
              const Dataset &ds, int64_t batch, Evaluation &result,
              std::string &error) {
  const ModelSignature &sig = model.signature();
  std::vector<int64_t> order(ds.data.count);
  for (int64_t i = 0; i < ds.data.count; ++i)
    order[i] = i;
  for (int64_t begin = 0; begin < ds.data.count; begin += batch) {
    int64_t real = std::min(batch, ds.data.count - begin);
    // A static batch size pads the last batch; a dynamic one shrinks it.
    int64_t rows = sig.dynamicBatch() ? real : batch;
    HostTensor<float> input(inputShape(sig, rows));
    HostTensor<int32_t> labels({rows});
    HostTensor<float> logits({rows, sig.numClasses});
    gatherBatch(ds, order, begin, input, labels);
    float loss = 0.0f;
    if (!model.evaluate(args, input, labels, logits, loss, error))
      return false;
    for (int64_t i = 0; i < real; ++i) {
      const float *row = logits.data.data() + i * sig.numClasses;
      int64_t best = std::max_element(row, row + sig.numClasses) - row;
      double max = row[best], sum = 0.0;
      for (int64_t c = 0; c < sig.numClasses; ++c)
        sum += std::exp(static_cast<double>(row[c]) - max);
      result.lossSum += std::log(sum) + max - row[labels.data[i]];
      result.correct += best == labels.data[i];
      ++result.count;
    }
  }
  return true;
}

/// Standardizes pixels with the training split's mean and standard
/// deviation (one value each, as for grey-scale images), applied to both
/// splits.
void standardize(Dataset &train, Dataset &test) {
  int64_t n = train.data.count * train.exampleSize();
  double sum = 0.0, squares = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    sum += train.data.images[i];
    squares += static_cast<double>(train.data.images[i]) * train.data.images[i];
  }
  double mean = sum / n;
  double stddev = std::sqrt(std::max(squares / n - mean * mean, 1e-12));
  for (Dataset *ds : {&train, &test}) {
    int64_t m = ds->data.count * ds->exampleSize();
    for (int64_t i = 0; i < m; ++i)
      ds->data.images[i] =
          static_cast<float>((ds->data.images[i] - mean) / stddev);
  }
  std::printf("inputs standardized with the training mean %.4f and standard "
              "deviation %.4f\n",
              mean, stddev);
}

bool checkDatasetFitsModel(const ModelSignature &sig, const Dataset &ds) {
  int64_t features = 1;
  for (size_t i = 1; i < sig.input.size(); ++i)
    features *= sig.input[i];
  if (features != ds.exampleSize() || sig.numClasses != ds.data.num_classes) {
    std::fprintf(stderr,
                 "axt-run: error: the model takes %lld features and %lld "
                 "classes per example; the dataset has %lld and %d\n",
                 (long long)features, (long long)sig.numClasses,
                 (long long)ds.exampleSize(), ds.data.num_classes);
    return false;
  }
  return true;
}

int reportFailure(const std::string &error) {
  std::fprintf(stderr, "axt-run: error: %s\n", error.c_str());
  return 1;
}

} // namespace

int axt::runTraining(CompiledModel &model, const TrainOptions &options) {
  const ModelSignature &sig = model.signature();
  auto start = Clock::now();
  Dataset train, test;
  if (!loadSplit(options.dataDir, "train", train) ||
      !loadSplit(options.dataDir, "t10k", test) ||
      !checkDatasetFitsModel(sig, train))
    return 1;
  if (options.standardize)
    standardize(train, test);
  int64_t count = train.data.count;
  if (options.limit > 0)
    count = std::min(count, options.limit);
  int64_t batch = options.batch;
  int64_t evalBatch = sig.dynamicBatch() ? options.evalBatch : batch;
  // A static batch size cannot take a short last batch: it is dropped.
  int64_t steps = sig.dynamicBatch() ? (count + batch - 1) / batch
                                     : count / batch;
  if (steps == 0)
    return reportFailure("fewer training examples (" + std::to_string(count) +
                         ") than one batch (" + std::to_string(batch) + ")");
  std::printf("training '@%s' on %lld examples: %lld epoch(s) of %lld steps, "
              "batch %lld, lr %g, seed %llu\n",
              sig.name.c_str(),
              (long long)std::min(count, steps * batch),
              (long long)options.epochs,
              (long long)steps, (long long)batch, options.lr,
              (unsigned long long)options.seed);

  TrainingState state(sig, initializeArguments(sig, options.seed));
  Rng shuffler(options.seed, kShuffleStream);
  std::vector<int64_t> order(count);
  std::string error;
  auto trainStart = Clock::now();
  int64_t globalStep = 0;
  for (int64_t epoch = 1; epoch <= options.epochs; ++epoch) {
    for (int64_t i = 0; i < count; ++i)
      order[i] = i;
    shuffle(order, shuffler);
    double windowLoss = 0.0;
    int64_t windowSteps = 0, windowExamples = 0;
    auto windowStart = Clock::now();
    for (int64_t s = 0; s < steps; ++s, ++globalStep) {
      int64_t rows = std::min(batch, count - s * batch);
      HostTensor<float> input(inputShape(sig, rows));
      HostTensor<int32_t> labels({rows});
      gatherBatch(train, order, s * batch, input, labels);
      float loss = 0.0f;
      if (!state.step(model, input, labels, options.lr,
                      stepSeed(options.seed, globalStep), loss, error))
        return reportFailure("step " + std::to_string(globalStep + 1) + ": " +
                             error);
      windowLoss += loss;
      ++windowSteps;
      windowExamples += rows;
      if (windowSteps == options.printEvery || s + 1 == steps) {
        double seconds = secondsSince(windowStart);
        std::printf("epoch %lld/%lld  step %5lld/%lld  loss %.4f  "
                    "%.0f examples/s\n",
                    (long long)epoch, (long long)options.epochs,
                    (long long)(s + 1), (long long)steps,
                    windowLoss / windowSteps, windowExamples / seconds);
        std::fflush(stdout);
        windowLoss = 0.0;
        windowSteps = windowExamples = 0;
        windowStart = Clock::now();
      }
    }
    Evaluation eval;
    if (!evaluate(model, state.args, test, evalBatch, eval, error))
      return reportFailure(error);
    std::printf("epoch %lld/%lld  test accuracy %.2f%%  test loss %.4f\n",
                (long long)epoch, (long long)options.epochs, eval.accuracy(),
                eval.lossSum / eval.count);
    if (epoch == options.epochs)
      std::printf("test accuracy: %.2f%% (%lld/%lld)\n", eval.accuracy(),
                  (long long)eval.correct, (long long)eval.count);
  }
  std::printf("wall time: %.1f s training, %.1f s in all\n",
              secondsSince(trainStart), secondsSince(start));
  return 0;
}

int axt::runBenchmark(CompiledModel &model, int64_t batch, int64_t steps,
                      float lr, uint64_t seed, int threads) {
  const ModelSignature &sig = model.signature();
  RandomProblem problem = makeRandomProblem(sig, batch, seed);
  TrainingState state(sig, std::move(problem.args));
  HostTensor<float> &input = problem.input;
  HostTensor<int32_t> &labels = problem.labels;
  std::string error;
  float loss = 0.0f;
  const int64_t warmup = 10;
  std::vector<double> times;
  for (int64_t s = 0; s < warmup + steps; ++s) {
    auto start = Clock::now();
    if (!state.step(model, input, labels, lr, stepSeed(seed, s), loss,
                    error))
      return reportFailure(error);
    if (s >= warmup)
      times.push_back(secondsSince(start) * 1e3);
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  double mean = 0.0;
  for (double t : times)
    mean += t / times.size();
  std::printf("bench: steps=%lld batch=%lld threads=%d step_ms_median=%.4f "
              "step_ms_min=%.4f step_ms_mean=%.4f blas=%s\n",
              (long long)steps, (long long)batch, threads,
              sorted[sorted.size() / 2], sorted.front(), mean,
              axtrt_blas_kernels());
  return 0;
}
