//===- ApiModel.h - the utrace API as data -----------------------*- C++ -*-===//
//
// What each modelled function does, read from rules/api/*.yaml: its roles
// (acquire, put, use, err-test, ...), which argument is the engine or the
// task, the errno values it may return. Checkers ask this table instead of
// matching names in code.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_APIMODEL_H
#define UTRACE_CHECK_APIMODEL_H

#include "Catalog.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <string>
#include <vector>

namespace utrace {

enum class Role : unsigned {
  EngineAcquire = 1u << 0,
  EngineGet = 1u << 1,
  EnginePut = 1u << 2,
  EngineUse = 1u << 3,
  ErrTest = 1u << 4,
  ErrOrNullTest = 1u << 5,
  ErrValue = 1u << 6,
  ErrMake = 1u << 7,
};

/// Parses a role name as written in the YAML ("engine-acquire").
bool parseRole(llvm::StringRef Name, Role &Out);

struct ApiFunction {
  std::string Name;
  unsigned Roles = 0;
  int EngineArg = -1;
  int TaskArg = -1;
  bool ReturnsErrno = false;
  std::vector<int64_t> Errors; ///< positive errno values
  bool MustCheck = false;
  bool Relevant = false; ///< calling it makes a function worth analysing

  bool has(Role R) const { return Roles & static_cast<unsigned>(R); }
  /// The most negative value an errno-returning call can produce.
  int64_t minErrno() const;
};

class ApiModel {
public:
  static const ApiModel &builtin();
  static llvm::Expected<ApiModel> parse(llvm::ArrayRef<SourceText> Files);

  /// The entry for a function name or one of its aliases, or null.
  const ApiFunction *lookup(llvm::StringRef Name) const;
  const std::vector<ApiFunction> &functions() const { return Functions; }
  /// A declaration whose presence marks the 2008+ API generation.
  llvm::StringRef generationMarker() const { return GenerationMarker; }
  /// errno value by name (ESRCH → 3), or 0 when unknown.
  int64_t errnoValue(llvm::StringRef Name) const;

private:
  std::vector<ApiFunction> Functions;
  llvm::StringMap<size_t> Index;
  llvm::StringMap<int64_t> Errno;
  std::string GenerationMarker;
};

} // namespace utrace

#endif
