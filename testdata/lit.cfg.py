# lit configuration for utrace-check's annotated C corpus.
#
#   %utrace-check   the tool under test
#   %kflags         compiler flags for the header simulator: -nostdinc and
#                   -I checker/simulator (kernel code has no libc)
#   %simulator      the header simulator folder (checker/simulator)
#   %verify         %utrace-check --verify: the file's expected-warning and
#                   expected-note comments must match the findings exactly
import os
import lit.formats

config.name = "utrace-check"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "README.md"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))

include = os.path.join(config.source_root, "checker", "simulator")
config.substitutions.append(("%kflags", "-nostdinc -I " + include))
config.substitutions.append(("%simulator", include))
config.substitutions.append(("%verify", config.utrace_check + " --verify"))
config.substitutions.append(("%utrace-check", config.utrace_check))
config.substitutions.append(("%srcroot", config.source_root))
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
