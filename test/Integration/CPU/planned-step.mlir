// axt-plan-memory on compiled training steps. With static shapes
// (examples/generate_models.py --batch), the lowered step's buffers become
// views of one planned arena: the step then makes a single allocation,
// the arena plus the 64 bytes the aligned allocation asks of malloc, and
// computes the same loss and gradients, to the last digit, as the
// unplanned step. (A dynamic batch leaves the buffers to malloc.)
// RUN: %python %axt_src_root/examples/generate_models.py lenet5 resnet8 --batch 8 --output-dir %t.models
// RUN: axt-run %t.models/resnet8.mlir --bits 2 --seed 4 --dump-step %t.plain.dump
// RUN: axt-run %t.models/resnet8.mlir --bits 2 --seed 4 --plan-memory --dump-step %t.planned.dump
// RUN: diff %t.plain.dump %t.planned.dump
// RUN: axt-run %t.models/lenet5.mlir --bits 2 --seed 4 --dump-step %t.lenet.plain.dump
// RUN: axt-run %t.models/lenet5.mlir --bits 2 --seed 4 --plan-memory --dump-step %t.lenet.planned.dump
// RUN: diff %t.lenet.plain.dump %t.lenet.planned.dump
// RUN: axt-run %t.models/resnet8.mlir --bits 2 --plan-memory --memory-report | FileCheck %s
// CHECK:      planned: one arena of [[ARENA:[0-9]+]] bytes for the lowered step's static buffers, whose LOAD is
// CHECK-NEXT: caller: {{.*}}, updated in place: {{[0-9]+}} of
// CHECK-NEXT: measured: peak {{[0-9]+}} bytes live, of {{[0-9]+}} bytes in 1 allocations (100.0% of them at once;
// RUN: axt-run %t.models/resnet8.mlir --bits 2 --plan-memory --memory-report \
// RUN:   | %python -c "import re, sys; t = sys.stdin.read(); a = int(re.search(r'one arena of (\d+)', t).group(1)); p = int(re.search(r'peak (\d+)', t).group(1)); sys.exit(0 if p == a + 64 else 'peak %d != arena %d + 64' % (p, a))"
// The exact refinement (--plan-exact-ms) gives an arena proven optimal,
// the same measured peak rule and the same step.
// RUN: axt-run %t.models/lenet5.mlir --seed 4 --dump-step %t.lenet.f32.dump
// RUN: axt-run %t.models/lenet5.mlir --seed 4 --plan-memory --plan-exact-ms 5000 --dump-step %t.lenet.exact.dump
// RUN: diff %t.lenet.f32.dump %t.lenet.exact.dump
// RUN: axt-run %t.models/lenet5.mlir --plan-memory --plan-exact-ms 5000 --memory-report | FileCheck %s --check-prefix=EXACT
// EXACT: planned: one arena of {{[0-9]+}} bytes for the lowered step's static buffers, whose LOAD is {{[0-9]+}} (1.000x; axt-plan-memory, proven optimal)
// RUN: axt-run %t.models/lenet5.mlir --plan-memory --plan-exact-ms 5000 --memory-report \
// RUN:   | %python -c "import re, sys; t = sys.stdin.read(); a = int(re.search(r'one arena of (\d+)', t).group(1)); p = int(re.search(r'peak (\d+)', t).group(1)); sys.exit(0 if p == a + 64 else 'peak %d != arena %d + 64' % (p, a))"
// The search options without --plan-memory are a usage error, not ignored.
// RUN: not axt-run %t.models/lenet5.mlir --plan-search-ms 10 2>&1 | FileCheck %s --check-prefix=NO-PLAN
// RUN: not axt-run %t.models/lenet5.mlir --plan-exact-ms 10 2>&1 | FileCheck %s --check-prefix=NO-PLAN
// NO-PLAN: axt-run: error: --plan-search-ms and --plan-exact-ms need --plan-memory
// RUN: not %python %axt_src_root/examples/generate_models.py lenet5 --batch 8 2>&1 | FileCheck %s --check-prefix=BATCH
// BATCH: --batch needs a positive size and another --output-dir
