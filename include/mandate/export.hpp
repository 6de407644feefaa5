// MANDATE_EXPORT marks the public API: the classes and functions a shared
// libmandate exports. The library is compiled with hidden visibility, so
// everything else (the parser's Spirit X3 rules, nlohmann/json, {fmt},
// Boost.Graph, the detail namespaces) stays inside it
// (docs/decisions/0025-packaging.md). A static library exports nothing: it
// is compiled with MANDATE_STATIC, so a shared object that links it in (a
// Python module) does not re-export mandate.
#pragma once

#if defined(MANDATE_STATIC) || !(defined(__GNUC__) || defined(__clang__))
#define MANDATE_EXPORT
#else
#define MANDATE_EXPORT __attribute__((visibility("default")))
#endif

// MANDATE_HIDDEN keeps a private member of an exported class inside the
// library: a member template's instantiations would otherwise be exported
// with the class (and name the detail types they take).
#if defined(__GNUC__) || defined(__clang__)
#define MANDATE_HIDDEN __attribute__((visibility("hidden")))
#else
#define MANDATE_HIDDEN
#endif
