//===- EmbeddedData.h - rules/ compiled into the binary ---------*- C++ -*-===//
//
// The rule catalog (rules/catalog/*.yaml) and the API tables (rules/api/*.yaml)
// are embedded as text at build time so the tool needs no data files at run
// time. Each array ends with a {nullptr, nullptr} entry.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_EMBEDDEDDATA_H
#define UTRACE_CHECK_EMBEDDEDDATA_H

namespace utrace::embedded {
struct EmbeddedFile {
  const char *Path;
  const char *Text;
};
extern const EmbeddedFile CatalogFiles[];
extern const EmbeddedFile ApiFiles[];
} // namespace utrace::embedded

#endif
