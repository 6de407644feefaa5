# Install rules (MANDATE_INSTALL): the library, its headers, the CMake package
# (find_package(mandate CONFIG) → mandate::mandate) and mandate.pc for
# pkg-config. examples/embed/ is the consumer that scripts/check builds
# against an installed copy, both ways.
include(CMakePackageConfigHelpers)

set(MANDATE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/mandate)

install(TARGETS mandate EXPORT mandateTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/mandate DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(MANDATE_BUILD_CLI)
  install(TARGETS mandate_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT mandateTargets NAMESPACE mandate:: DESTINATION ${MANDATE_CMAKE_DIR})
# While the version is 0.x a minor version may break the API: only the same
# minor version is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/mandateConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
# The config needs to know whether the library was static: then its users link
# what it links (docs/decisions/0025-packaging.md).
get_target_property(MANDATE_LIBRARY_TYPE mandate TYPE)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/mandateConfig.cmake.in
  ${PROJECT_BINARY_DIR}/mandateConfig.cmake
  INSTALL_DESTINATION ${MANDATE_CMAKE_DIR})
install(FILES ${PROJECT_BINARY_DIR}/mandateConfig.cmake
              ${PROJECT_BINARY_DIR}/mandateConfigVersion.cmake
        DESTINATION ${MANDATE_CMAKE_DIR})

# pkg-config: a static library's link line needs {fmt} and threads
# (`pkg-config --static --libs mandate`); GSL is header-only and has no .pc.
# Users compile as C++20 themselves: a .pc file cannot say "at least".
if(BUILD_SHARED_LIBS)
  set(MANDATE_PC_CFLAGS "")
else()
  set(MANDATE_PC_CFLAGS " -DMANDATE_STATIC")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  message(FATAL_ERROR "mandate.pc is relocatable: CMAKE_INSTALL_LIBDIR and "
                      "CMAKE_INSTALL_INCLUDEDIR must be relative to the prefix")
endif()
# The way up from PREFIX/LIBDIR/pkgconfig to PREFIX ("../..").
file(RELATIVE_PATH MANDATE_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(${CMAKE_CURRENT_LIST_DIR}/mandate.pc.in ${PROJECT_BINARY_DIR}/mandate.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/mandate.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
