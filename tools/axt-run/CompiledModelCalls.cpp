//===- CompiledModelCalls.cpp - calling the compiled functions ------------===//
//
// The lowered functions take every memref through a pointer to its
// descriptor (MLIR's C interface); results come back through out-parameters
// appended after the arguments. Packed calls take pointers to each argument.
//
//===----------------------------------------------------------------------===//
#include "CompiledModel.h"

using namespace axt;

namespace {
/// Collects descriptors and the packed argument list that points at them.
class ArgumentPack {
public:
  template <typename T> void addTensor(HostTensor<T> &tensor) {
    descriptors.emplace_back(tensor);
  }
  void addTensors(std::vector<HostTensor<float>> &tensors) {
    for (HostTensor<float> &t : tensors)
      addTensor(t);
  }
  void addScalarTensor(float *value) {
    descriptors.emplace_back(value, std::vector<int64_t>{});
  }
  template <typename T> void addScalar(T *value) {
    scalars.push_back({descriptors.size(), value});
  }

  /// Pointers to each argument, in order; valid while this pack lives.
  std::vector<void *> &finish() {
    pointers.reserve(descriptors.size());
    for (MemRefDescriptor &d : descriptors)
      pointers.push_back(d.get());
    for (size_t i = 0; i < descriptors.size(); ++i)
      args.push_back(&pointers[i]);
    // Scalars sit between memrefs at the positions they were added.
    for (auto it = scalars.rbegin(); it != scalars.rend(); ++it)
      args.insert(args.begin() + it->first, it->second);
    return args;
  }

private:
  std::vector<MemRefDescriptor> descriptors;
  std::vector<std::pair<size_t, void *>> scalars; // (position, pointer)
  std::vector<void *> pointers;
  std::vector<void *> args;
};
} // namespace

bool CompiledModel::checkBatch(const HostTensor<float> &input,
                               const HostTensor<int32_t> &labels,
                               std::string &error) const {
  int64_t batch = input.shape.empty() ? -1 : input.shape[0];
  std::vector<int64_t> expected = sig.input;
  expected[0] = sig.dynamicBatch() ? batch : sig.staticBatch;
  if (input.shape == expected && labels.shape == std::vector<int64_t>{batch})
    return true;
  error = "a batch of shape " + formatShape(input.shape) + " with " +
          formatShape(labels.shape) + " labels does not fit '@" + sig.name +
          "' (input " + formatShape(expected) + ")";
  return false;
}

bool CompiledModel::trainStep(const TrainStepBuffers &b, std::string &error) {
  if (!checkBatch(*b.input, *b.labels, error))
    return false;
  ArgumentPack pack;
  pack.addTensors(*b.args);
  pack.addTensors(*b.velocities);
  pack.addTensor(*b.input);
  pack.addTensor(*b.labels);
  float lr = b.lr;
  int64_t seed = b.seed;
  pack.addScalar(&lr);
  pack.addScalar(&seed);
  pack.addScalarTensor(b.loss);
  for (size_t i = 0; i < b.newArgs->size(); ++i)
    pack.addTensor(b.inPlace && sig.argInPlace[i] ? (*b.args)[i]
                                                  : (*b.newArgs)[i]);
  for (size_t i = 0; i < b.newVelocities->size(); ++i)
    pack.addTensor(b.inPlace && sig.velocityInPlace[i] ? (*b.velocities)[i]
                                                       : (*b.newVelocities)[i]);
  return invoke(sig.name + "_train_step", pack.finish(), error);
}

bool CompiledModel::evaluate(std::vector<HostTensor<float>> &args,
                             HostTensor<float> &input,
                             HostTensor<int32_t> &labels,
                             HostTensor<float> &logits, float &loss,
                             std::string &error) {
  if (!checkBatch(input, labels, error))
    return false;
  if (logits.shape != std::vector<int64_t>{input.shape[0], sig.numClasses}) {
    error = "the logits buffer has shape " + formatShape(logits.shape);
    return false;
  }
  ArgumentPack pack;
  pack.addTensors(args);
  pack.addTensor(input);
  pack.addTensor(labels);
  pack.addScalarTensor(&loss);
  pack.addTensor(logits);
  return invoke(sig.name + "_eval", pack.finish(), error);
}
