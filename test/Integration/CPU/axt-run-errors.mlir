// User-facing errors of axt-run: each one exits non-zero (and does not
// crash: `not` fails on a signal) with an `axt-run: error:` message that
// says what is wrong and, for data files, names the file. The models are in
// Inputs/; the data sets are tiny synthetic IDX files built here, so this
// test does not need Fashion-MNIST.

//===--------------------------------------------------------------------===//
// The model file
//===--------------------------------------------------------------------===//

// RUN: rm -f %t.missing.mlir
// RUN: not axt-run %t.missing.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NO-MODEL -DFILE=%t.missing.mlir
// NO-MODEL: axt-run: error: cannot open input file '[[FILE]]': No such file or directory

// RUN: not axt-run %S/Inputs/syntax-error.mlir 2>&1 | FileCheck %s --check-prefix=SYNTAX
// SYNTAX:      syntax-error.mlir:5:19: error: expected ':'
// SYNTAX:      axt-run: error: cannot parse '{{.*}}syntax-error.mlir'

// RUN: not axt-run %S/Inputs/no-loss.mlir 2>&1 | FileCheck %s --check-prefix=NO-LOSS
// NO-LOSS: error: found no loss function (a public function returning a tensor<f32> loss and the new value of each axt.state argument)
// NO-LOSS: axt-run: error: cannot build the training step of '{{.*}}no-loss.mlir'

// RUN: not axt-run %S/Inputs/not-differentiable.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOT-DIFF
// RUN: not axt-run %S/Inputs/not-differentiable.mlir --check-gradients 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOT-DIFF
// NOT-DIFF: not-differentiable.mlir:5:9: error: 'arith.mulf' op is not differentiable
// NOT-DIFF: axt-run: error: cannot build the training step of '{{.*}}not-differentiable.mlir'

// RUN: not axt-run %S/Inputs/no-params.mlir 2>&1 | FileCheck %s --check-prefix=NO-PARAMS
// NO-PARAMS: error: loss function '@f' needs at least one parameter before the input and labels (got 2 arguments)

// RUN: not axt-run %S/Inputs/labels-i64.mlir --check-gradients 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LABELS-I64
// LABELS-I64: axt-run: error: the labels of '@f' must be tensor<?xi32>

// Static labels fix the batch size even when the input's is dynamic (the
// runner must not feed them a batch of another size); input and labels with
// different static batch sizes are refused.
// RUN: axt-run %S/Inputs/static-labels.mlir --check-gradients \
// RUN:   | FileCheck %s --check-prefix=STATIC-LABELS
// STATIC-LABELS: gradient check of '@f': batch 5,
// STATIC-LABELS: gradient check: PASS
// RUN: not axt-run %S/Inputs/static-labels.mlir --check-gradients --batch 4 2>&1 \
// RUN:   | FileCheck %s --check-prefix=STATIC-LABELS-BATCH --implicit-check-not="gradient check"
// RUN: not axt-run %S/Inputs/static-labels.mlir --bench-steps 2 --batch 64 2>&1 \
// RUN:   | FileCheck %s --check-prefix=STATIC-LABELS-BATCH64 --implicit-check-not=bench:
// STATIC-LABELS-BATCH: axt-run: error: the model's batch size is fixed at 5 (got --batch 4)
// STATIC-LABELS-BATCH64: axt-run: error: the model's batch size is fixed at 5 (got --batch 64)
// A batch too large to allocate is refused before anything is allocated.
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --check-gradients --batch 100000000000 2>&1 \
// RUN:   | FileCheck %s --check-prefix=HUGE-BATCH
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --bench-steps 1 --batch 100000000000 2>&1 \
// RUN:   | FileCheck %s --check-prefix=HUGE-BATCH
// HUGE-BATCH: axt-run: error: --batch 100000000000 is too large: one batch of {{[0-9]+}} features would exceed 16 GiB
// RUN: not axt-run %S/Inputs/batch-mismatch.mlir --check-gradients 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BATCH-MISMATCH
// BATCH-MISMATCH: axt-run: error: the input and labels of '@f' have different batch sizes (5 and 4)

// RUN: not axt-run %S/Inputs/two-losses.mlir --check-gradients 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TWO-LOSSES
// TWO-LOSSES: axt-run: error: the model has several loss functions ('@first', '@second'): choose one with --function
// RUN: axt-run %S/Inputs/two-losses.mlir --check-gradients --function second --batch 2 \
// RUN:   | FileCheck %s --check-prefix=PICK-SECOND
// PICK-SECOND: gradient check of '@second': batch 2
// PICK-SECOND: gradient check: PASS
// RUN: not axt-run %S/Inputs/two-losses.mlir --check-gradients --function third 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NO-FUNCTION
// NO-FUNCTION: error: no function named '@third'
// NO-FUNCTION: axt-run: error: cannot build the training step of '{{.*}}two-losses.mlir'

//===--------------------------------------------------------------------===//
// Options (checked before the model is even compiled)
//===--------------------------------------------------------------------===//

// RUN: not axt-run %S/Inputs/softmax-regression.mlir --batch 0 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BATCH0 --implicit-check-not=training
// BATCH0: axt-run: error: --batch must be at least 1 (got 0)
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --batch -3 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BATCH-NEG
// BATCH-NEG: axt-run: error: --batch must be at least 1 (got -3)
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --epochs 0 2>&1 \
// RUN:   | FileCheck %s --check-prefix=EPOCHS0 --implicit-check-not=training
// EPOCHS0: axt-run: error: --epochs must be at least 1 (got 0)
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --lr -1 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LR --implicit-check-not=training
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --lr nan 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LR --implicit-check-not=training
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --lr inf 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LR --implicit-check-not=training
// LR: axt-run: error: --lr must be finite and non-negative
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --momentum -0.5 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MOMENTUM
// MOMENTUM: axt-run: error: --momentum must be finite and non-negative
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --weight-decay -1e-4 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WEIGHT-DECAY
// WEIGHT-DECAY: axt-run: error: --weight-decay must be finite and non-negative
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --limit -1 2>&1 \
// RUN:   | FileCheck %s --check-prefix=COUNTS
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --print-every 0 2>&1 \
// RUN:   | FileCheck %s --check-prefix=COUNTS
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --bench-steps -1 2>&1 \
// RUN:   | FileCheck %s --check-prefix=COUNTS
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --num-threads -2 2>&1 \
// RUN:   | FileCheck %s --check-prefix=COUNTS
// COUNTS: axt-run: error: --limit, --bench-steps and --num-threads must be non-negative and --print-every positive
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --check-gradients --fd-epsilon 0 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FD-OPTS
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --check-gradients --fd-tolerance -1 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FD-OPTS
// FD-OPTS: axt-run: error: --fd-epsilon and --fd-tolerance must be positive
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --batch many 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOT-A-NUMBER
// NOT-A-NUMBER: axt-run: for the --batch option: 'many' value invalid for long argument!
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --no-such-option 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNKNOWN-OPTION
// UNKNOWN-OPTION: axt-run: Unknown command line argument '--no-such-option'
// RUN: not axt-run 2>&1 | FileCheck %s --check-prefix=NO-ARGS
// NO-ARGS: axt-run: Not enough positional command line arguments specified!

// Output files that cannot be written.
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --batch 2 --dump-step %t.no-such-dir/step.dump 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DUMP-STEP -DFILE=%t.no-such-dir/step.dump
// DUMP-STEP: axt-run: error: cannot write '[[FILE]]'
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --batch 2 --check-gradients --dump-lowered %t.no-such-dir/lowered.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DUMP-LOWERED -DFILE=%t.no-such-dir/lowered.mlir
// DUMP-LOWERED: axt-run: error: cannot write '[[FILE]]': No such file or directory

//===--------------------------------------------------------------------===//
// The data set
//===--------------------------------------------------------------------===//

// A valid synthetic data set: 4 blank 28x28 images labelled 0 to 3, the same
// for train and t10k, uncompressed.
// RUN: rm -rf %t.d %t.nonexistent %t.file && mkdir -p %t.d/ok
// RUN: printf '\000\000\010\003\000\000\000\004\000\000\000\034\000\000\000\034' > %t.d/ok/train-images-idx3-ubyte
// RUN: head -c 3136 /dev/zero >> %t.d/ok/train-images-idx3-ubyte
// RUN: printf '\000\000\010\001\000\000\000\004\000\001\002\003' > %t.d/ok/train-labels-idx1-ubyte
// RUN: cp %t.d/ok/train-images-idx3-ubyte %t.d/ok/t10k-images-idx3-ubyte
// RUN: cp %t.d/ok/train-labels-idx1-ubyte %t.d/ok/t10k-labels-idx1-ubyte
// RUN: axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/ok --batch 2 \
// RUN:   | FileCheck %s --check-prefix=SYNTHETIC
// The same files gzipped.
// RUN: mkdir %t.d/gz
// RUN: gzip -n -c %t.d/ok/train-images-idx3-ubyte > %t.d/gz/train-images-idx3-ubyte.gz
// RUN: gzip -n -c %t.d/ok/train-labels-idx1-ubyte > %t.d/gz/train-labels-idx1-ubyte.gz
// RUN: gzip -n -c %t.d/ok/t10k-images-idx3-ubyte > %t.d/gz/t10k-images-idx3-ubyte.gz
// RUN: gzip -n -c %t.d/ok/t10k-labels-idx1-ubyte > %t.d/gz/t10k-labels-idx1-ubyte.gz
// RUN: axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/gz --batch 2 \
// RUN:   | FileCheck %s --check-prefix=SYNTHETIC
// SYNTHETIC: training '@softmax_regression' on 4 examples: 1 epoch(s) of 2 steps, batch 2
// SYNTHETIC: test accuracy: {{[0-9.]+}}% ({{[0-4]}}/4)

// A missing directory, a file instead of a directory, a directory without
// the test split.
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.nonexistent 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NO-DIR -DDIR=%t.nonexistent
// NO-DIR: axt-run: error: cannot open data directory '[[DIR]]': No such file or directory
// RUN: printf 'x' > %t.file
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.file 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOT-DIR -DDIR=%t.file
// NOT-DIR: axt-run: error: data directory '[[DIR]]' is not a directory
// RUN: mkdir %t.d/no-test && cp %t.d/ok/train-* %t.d/no-test/
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/no-test 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NO-TEST -DDIR=%t.d/no-test
// NO-TEST: axt-run: error: cannot open '[[DIR]]/t10k-images-idx3-ubyte.gz': No such file or directory

// Garbage that is not gzip (read as is, so the magic number is wrong).
// RUN: cp -r %t.d/ok %t.d/garbage
// RUN: printf 'this is not an IDX file' > %t.d/garbage/train-images-idx3-ubyte.gz
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/garbage 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GARBAGE -DDIR=%t.d/garbage
// GARBAGE: axt-run: error: '[[DIR]]/train-images-idx3-ubyte.gz': bad magic number (0x74686973); expected 0x00000803 (unsigned byte, 3 dimensions)

// A gzip stream cut short, and one with a wrong checksum.
// RUN: cp -r %t.d/ok %t.d/gz-truncated
// RUN: head -c 20 %t.d/gz/train-images-idx3-ubyte.gz > %t.d/gz-truncated/train-images-idx3-ubyte.gz
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/gz-truncated 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GZ-TRUNCATED -DDIR=%t.d/gz-truncated
// GZ-TRUNCATED: axt-run: error: '[[DIR]]/train-images-idx3-ubyte.gz': corrupt gzip stream (unexpected end of file)
// RUN: cp -r %t.d/ok %t.d/gz-crc
// RUN: head -c -8 %t.d/gz/t10k-labels-idx1-ubyte.gz > %t.d/gz-crc/t10k-labels-idx1-ubyte.gz
// RUN: printf '\000\000\000\000\014\000\000\000' >> %t.d/gz-crc/t10k-labels-idx1-ubyte.gz
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/gz-crc 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GZ-CRC -DDIR=%t.d/gz-crc
// GZ-CRC: axt-run: error: '[[DIR]]/t10k-labels-idx1-ubyte.gz': corrupt gzip stream (incorrect data check)

// Empty and truncated IDX files.
// RUN: cp -r %t.d/ok %t.d/empty
// RUN: printf '' > %t.d/empty/train-labels-idx1-ubyte
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/empty 2>&1 \
// RUN:   | FileCheck %s --check-prefix=EMPTY -DDIR=%t.d/empty
// EMPTY: axt-run: error: '[[DIR]]/train-labels-idx1-ubyte': truncated: expected 4 bytes of header, got 0
// RUN: cp -r %t.d/ok %t.d/short-header
// RUN: head -c 10 %t.d/ok/train-images-idx3-ubyte > %t.d/short-header/train-images-idx3-ubyte
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/short-header 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SHORT-HEADER -DDIR=%t.d/short-header
// SHORT-HEADER: axt-run: error: '[[DIR]]/train-images-idx3-ubyte': truncated: expected 16 bytes of header, got 10
// RUN: cp -r %t.d/ok %t.d/short-data
// RUN: head -c 1000 %t.d/ok/t10k-images-idx3-ubyte > %t.d/short-data/t10k-images-idx3-ubyte
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/short-data 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SHORT-DATA -DDIR=%t.d/short-data
// SHORT-DATA: axt-run: error: '[[DIR]]/t10k-images-idx3-ubyte': truncated: expected 3136 bytes of image data, got 984
// RUN: cp -r %t.d/ok %t.d/trailing
// RUN: printf '\007' >> %t.d/trailing/train-labels-idx1-ubyte
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/trailing 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TRAILING -DDIR=%t.d/trailing
// TRAILING: axt-run: error: '[[DIR]]/train-labels-idx1-ubyte': trailing data after 12 bytes

// Wrong headers: an image file where labels belong, a non-byte data type,
// a zero dimension.
// RUN: cp -r %t.d/ok %t.d/swapped
// RUN: cp %t.d/ok/train-images-idx3-ubyte %t.d/swapped/train-labels-idx1-ubyte
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/swapped 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SWAPPED -DDIR=%t.d/swapped
// SWAPPED: axt-run: error: '[[DIR]]/train-labels-idx1-ubyte': wrong rank 3 in magic number 0x00000803; expected rank 1
// RUN: cp -r %t.d/ok %t.d/float-labels
// RUN: printf '\000\000\015\001\000\000\000\004\000\001\002\003' > %t.d/float-labels/train-labels-idx1-ubyte
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/float-labels 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FLOAT-LABELS -DDIR=%t.d/float-labels
// FLOAT-LABELS: axt-run: error: '[[DIR]]/train-labels-idx1-ubyte': unsupported data type 0x0d in magic number 0x00000d01; only unsigned byte (0x08) is supported
// RUN: cp -r %t.d/ok %t.d/zero-dim
// RUN: printf '\000\000\010\001\000\000\000\000' > %t.d/zero-dim/t10k-labels-idx1-ubyte
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/zero-dim 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ZERO-DIM -DDIR=%t.d/zero-dim
// ZERO-DIM: axt-run: error: '[[DIR]]/t10k-labels-idx1-ubyte': dimension 0 is zero

// Labels out of range (in the plain training labels and in the gzipped test
// labels), and fewer labels than images.
// RUN: cp -r %t.d/ok %t.d/label10
// RUN: printf '\000\000\010\001\000\000\000\004\000\001\012\003' > %t.d/label10/train-labels-idx1-ubyte
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/label10 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LABEL10 -DDIR=%t.d/label10
// LABEL10: axt-run: error: '[[DIR]]/train-labels-idx1-ubyte': label 10 at index 2 out of range [0, 10)
// RUN: cp -r %t.d/gz %t.d/label255
// RUN: printf '\000\000\010\001\000\000\000\004\000\001\002\377' | gzip -n > %t.d/label255/t10k-labels-idx1-ubyte.gz
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/label255 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LABEL255 -DDIR=%t.d/label255
// LABEL255: axt-run: error: '[[DIR]]/t10k-labels-idx1-ubyte.gz': label 255 at index 3 out of range [0, 10)
// RUN: cp -r %t.d/ok %t.d/count
// RUN: printf '\000\000\010\001\000\000\000\003\000\001\002' > %t.d/count/train-labels-idx1-ubyte
// RUN: not axt-run %S/Inputs/softmax-regression.mlir --data-dir %t.d/count 2>&1 \
// RUN:   | FileCheck %s --check-prefix=COUNT -DDIR=%t.d/count
// COUNT: axt-run: error: image count (4) in '[[DIR]]/train-images-idx3-ubyte' and label count (3) in '[[DIR]]/train-labels-idx1-ubyte' differ

//===--------------------------------------------------------------------===//
// A model that does not fit the data
//===--------------------------------------------------------------------===//

// RUN: not axt-run %S/Inputs/dataset-mismatch.mlir --function features100 --data-dir %t.d/ok --batch 2 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FEATURES --implicit-check-not=training
// FEATURES: axt-run: error: the model takes 100 features and 10 classes per example; the dataset has 784 and 10
// RUN: not axt-run %S/Inputs/dataset-mismatch.mlir --function classes4 --data-dir %t.d/ok --batch 2 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CLASSES --implicit-check-not=training
// CLASSES: axt-run: error: the model takes 784 features and 4 classes per example; the dataset has 784 and 10
// A static batch larger than the data set.
// RUN: not axt-run %S/Inputs/softmax-regression-batch8.mlir --data-dir %t.d/ok 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TOO-FEW
// TOO-FEW: axt-run: error: fewer training examples (4) than one batch (8)
