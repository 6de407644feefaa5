#include <mandate/parse.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  mandate::SourceFile source(argv[1], buffer.str());
  auto result = mandate::parse(source);
  for (const auto& d : result.diagnostics) std::cout << mandate::render(d, source);
  std::cout << result.file.statements.size() << " statements\n";
  return result.diagnostics.empty() ? 0 : 1;
}
