# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "AXT"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.excludes = ["CMakeLists.txt", "README.md", "reference", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.axt_obj_root, "test")

config.environment["FILECHECK_OPTS"] = "-enable-var-scope"
config.substitutions.append(("%axt_src_root", config.axt_src_root))
config.substitutions.append(("%fashion_mnist_dir", config.fashion_mnist_dir))

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.axt_tools_dir, append_path=True)

tool_dirs = [config.axt_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(
    ["axt-opt", "axt-run", "axt-mlp-reference", "axt-op-reference",
     "axt-variance-reference", "not",
     "count", "split-file"],
    tool_dirs)

if os.path.isdir(config.fashion_mnist_dir):
    config.available_features.add("fashion-mnist")
