//===- Serialize.h - one field list per type, written and read --*- C++ -*-===//
//
// Every type that crosses a process or a file as JSON (a worker's FileResult
// and invocation, the json report's findings, notes and file outcomes) names
// its fields once, in a `mapFields(IO &, T &)` overload: the same list writes
// the object (ObjectWriter) and reads it back (ObjectReader), the way
// llvm::yaml's MappingTraits do, so a field cannot be written and forgotten
// on the way back. Values are llvm::json values; read errors are reported
// through llvm::json::Path ("findings[2].ruleId: missing value").
//
//   template <class IO> void mapFields(IO &Io, Note &N) {
//     mapLocation(Io, N.Loc);
//     Io.required("message", N.Message);
//   }
//
// IO::Reading tells the two apart where a field is spelled differently in
// JSON than in C++ (a bool written as "analysed"/"not analysed").
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_SERIALIZE_H
#define UTRACE_CHECK_SERIALIZE_H

#include "analysis/Analysis.h"
#include "analysis/Finding.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace utrace {

struct FileOutcome;

// --- values -----------------------------------------------------------------
// serialize()/deserialize() for the leaves and containers; the structs have
// overloads made from their mapFields() (declared below).

template <class T> llvm::json::Value serialize(const T &V) {
  return llvm::json::Value(V);
}
template <class T> bool deserialize(const llvm::json::Value &E, T &Out,
                                    llvm::json::Path P) {
  using llvm::json::fromJSON;
  return fromJSON(E, Out, P);
}
bool deserialize(const llvm::json::Value &E, unsigned &Out, llvm::json::Path P);
llvm::json::Value serialize(const std::set<std::string> &V);
bool deserialize(const llvm::json::Value &E, std::set<std::string> &Out,
                 llvm::json::Path P);
llvm::json::Value serialize(FileStatus S);
bool deserialize(const llvm::json::Value &E, FileStatus &Out, llvm::json::Path P);
llvm::json::Value serialize(Severity S);
bool deserialize(const llvm::json::Value &E, Severity &Out, llvm::json::Path P);
/// A pair as a two-element array: (line, message) as [line, "message"],
/// (stage, milliseconds) as ["stage", ms].
template <class A, class B>
llvm::json::Value serialize(const std::pair<A, B> &V) {
  return llvm::json::Array{serialize(V.first), serialize(V.second)};
}
template <class A, class B>
bool deserialize(const llvm::json::Value &E, std::pair<A, B> &Out,
                 llvm::json::Path P) {
  const llvm::json::Array *Arr = E.getAsArray();
  if (!Arr || Arr->size() != 2) {
    P.report("expected a pair [first, second]");
    return false;
  }
  return deserialize((*Arr)[0], Out.first, P.index(0)) &&
         deserialize((*Arr)[1], Out.second, P.index(1));
}

#define UTRACE_SERIALIZED(T)                                                   \
  llvm::json::Value serialize(const T &V);                                     \
  bool deserialize(const llvm::json::Value &E, T &Out, llvm::json::Path P);
UTRACE_SERIALIZED(Note)
UTRACE_SERIALIZED(Finding)
UTRACE_SERIALIZED(FunctionCoverage)
UTRACE_SERIALIZED(SkippedFunction)
UTRACE_SERIALIZED(ErrorLine)
UTRACE_SERIALIZED(FileResult)
UTRACE_SERIALIZED(FileOutcome)
#undef UTRACE_SERIALIZED

template <class T> llvm::json::Value serialize(const std::vector<T> &V) {
  llvm::json::Array A;
  for (const T &E : V)
    A.push_back(serialize(E));
  return A;
}
template <class T>
bool deserialize(const llvm::json::Value &E, std::vector<T> &Out,
                 llvm::json::Path P) {
  const llvm::json::Array *A = E.getAsArray();
  if (!A) {
    P.report("expected array");
    return false;
  }
  Out.clear();
  Out.resize(A->size());
  for (size_t I = 0; I < A->size(); ++I)
    if (!deserialize((*A)[I], Out[I], P.index(I)))
      return false;
  return true;
}

/// A path written as the user sees it (relative to the working directory,
/// Fingerprint.h's displayPath) and read back as written.
struct DisplayedPath {
  std::string &Path;
};

// --- the two IOs ------------------------------------------------------------

/// Writes the fields mapFields() names into an object.
class ObjectWriter {
public:
  static constexpr bool Reading = false;
  template <class T> void required(llvm::StringLiteral Key, const T &V) {
    O[Key] = serialize(V);
  }
  void required(llvm::StringLiteral Key, DisplayedPath V);
  /// Left out when V equals Default.
  template <class T>
  void optional(llvm::StringLiteral Key, const T &V, const T &Default = T()) {
    if (!(V == Default))
      O[Key] = serialize(V);
  }
  /// A list is left out when empty.
  template <class T>
  void optional(llvm::StringLiteral Key, const std::vector<T> &V) {
    if (!V.empty())
      O[Key] = serialize(V);
  }
  /// Written only: a value computed from the others for readers of the
  /// report (a rule's name, a count); left out when Make() gives null.
  template <class Fn> void derived(llvm::StringLiteral Key, Fn Make) {
    llvm::json::Value V = Make();
    if (V.kind() != llvm::json::Value::Null)
      O[Key] = std::move(V);
  }
  llvm::json::Object O;
};

/// Reads back what ObjectWriter wrote; the first problem is reported
/// through the Path and makes Ok false.
class ObjectReader {
public:
  static constexpr bool Reading = true;
  ObjectReader(const llvm::json::Object &O, llvm::json::Path P) : O(O), P(P) {}
  template <class T> void required(llvm::StringLiteral Key, T &V) {
    if (!Ok)
      return;
    if (const llvm::json::Value *E = O.get(Key))
      Ok = deserialize(*E, V, P.field(Key));
    else {
      P.field(Key).report("missing value");
      Ok = false;
    }
  }
  void required(llvm::StringLiteral Key, DisplayedPath V) {
    required(Key, V.Path);
  }
  /// Absent: V keeps its value (the default of a new object).
  template <class T>
  void optional(llvm::StringLiteral Key, T &V, const T & = T()) {
    if (const llvm::json::Value *E = O.get(Key); E && Ok)
      Ok = deserialize(*E, V, P.field(Key));
  }
  template <class Fn> void derived(llvm::StringLiteral, Fn) {}
  bool Ok = true;

private:
  const llvm::json::Object &O;
  llvm::json::Path P;
};

/// An object from its field list. (mapFields takes a non-const object for
/// both directions; the writer only reads it.)
template <class T> llvm::json::Object writeObject(const T &V) {
  ObjectWriter W;
  mapFields(W, const_cast<T &>(V));
  return std::move(W.O);
}

template <class T>
bool readObject(const llvm::json::Value &E, T &Out, llvm::json::Path P) {
  const llvm::json::Object *O = E.getAsObject();
  if (!O) {
    P.report("expected object");
    return false;
  }
  ObjectReader R(*O, P);
  mapFields(R, Out);
  return R.Ok;
}

/// Reads a whole value, with the path of the first problem in the error
/// ("a file result: findings[0].message: missing value").
template <class T>
llvm::Expected<T> readValue(const llvm::json::Value &E, llvm::StringRef What) {
  T Out;
  llvm::json::Path::Root Root(What);
  if (deserialize(E, Out, Root))
    return Out;
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "malformed %s: %s", What.str().c_str(),
                                 llvm::toString(Root.getError()).c_str());
}

} // namespace utrace

#endif
