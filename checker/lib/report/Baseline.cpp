//===- Baseline.cpp - known findings ----------------------------*- C++ -*-===//
#include "report/Baseline.h"
#include "report/Fingerprint.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace utrace {

std::string renderBaseline(const std::vector<Finding> &Findings) {
  json::Array Entries;
  // Rule, file, function and message are for the reader of a diff; only the
  // fingerprint is matched.
  for (const Finding &F : Findings)
    Entries.push_back(json::Object{{"fingerprint", F.Fingerprint},
                                   {"ruleId", F.RuleId},
                                   {"file", displayPath(F.Loc.File)},
                                   {"function", F.Function},
                                   {"message", F.Message}});
  std::string S;
  raw_string_ostream OS(S);
  OS << formatv("{0:2}", json::Value(json::Object{
                             {"utraceCheckBaseline", 1},
                             {"findings", std::move(Entries)}}))
     << '\n';
  return S;
}

Expected<std::set<std::string>> parseBaseline(StringRef Text) {
  auto Fail = [](const Twine &Why) {
    return createStringError(inconvertibleErrorCode(), "not a baseline: " + Why);
  };
  auto V = json::parse(Text);
  if (!V)
    return Fail(toString(V.takeError()));
  const json::Object *Root = V->getAsObject();
  if (!Root || Root->getInteger("utraceCheckBaseline") != std::optional<int64_t>(1))
    return Fail("no \"utraceCheckBaseline\": 1");
  const json::Array *Entries = Root->getArray("findings");
  if (!Entries)
    return Fail("no \"findings\" array");
  std::set<std::string> Out;
  for (const json::Value &E : *Entries) {
    const json::Object *O = E.getAsObject();
    auto FP = O ? O->getString("fingerprint") : std::nullopt;
    if (!FP || FP->empty())
      return Fail("an entry has no fingerprint");
    Out.insert(FP->str());
  }
  return Out;
}

BaselineOutcome applyBaseline(std::vector<Finding> Findings,
                              const std::set<std::string> &Baseline) {
  BaselineOutcome Out;
  std::set<std::string> Present;
  for (Finding &F : Findings) {
    Present.insert(F.Fingerprint);
    if (Baseline.count(F.Fingerprint))
      ++Out.Known;
    else
      Out.New.push_back(std::move(F));
  }
  for (const std::string &FP : Baseline)
    Out.Gone += !Present.count(FP);
  return Out;
}

} // namespace utrace
