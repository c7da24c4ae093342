# The two commands of the README:
#   make demo   installs what is missing, builds, trains the MLP on Fashion-MNIST
#   make check  installs what is missing, builds, runs every test
BUILD_DIR ?= build
JOBS ?= 2
LLVM_DIR := /usr/lib/llvm-22

.PHONY: all deps build demo check bench docs clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DMLIR_DIR=$(LLVM_DIR)/lib/cmake/mlir \
	  -DLLVM_EXTERNAL_LIT=$(LLVM_DIR)/bin/lit \
	  -DMLIR_LINK_MLIR_DYLIB=ON

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(BUILD_DIR)/bin/axt-run examples/mlp.mlir --epochs 1 --batch 64 \
	  --lr 0.05 --momentum 0.9 --seed 1

check: build
	@bash scripts/run-checks.sh $(BUILD_DIR)

bench: build
	@bash scripts/install-deps.sh --bench
	/usr/bin/python3 benchmarks/mlp_step.py --axt-run $(BUILD_DIR)/bin/axt-run \
	  --write-docs docs/benchmarks.md

docs: $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) --target axt-docs

clean:
	rm -rf $(BUILD_DIR)
