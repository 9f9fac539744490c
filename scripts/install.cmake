# Installation and packaging, included from CMakeLists.txt.
#
# `cmake --install build [--prefix P]` installs:
#   bin/migrate                                                        (component runtime)
#   share/man/man1/migrate.1, share/bash-completion/completions/migrate  (component runtime)
#   lib/libmigrate_orm.a, lib/libmigrate_engine.a, lib/libmigrate_cli.a   (component dev)
#   include/migrate/<the public headers, at their source paths>           (component dev)
#      (orm/..., migrations_engine/..., cli/cli.h)
#   lib/cmake/migrate/ (find_package(migrate): targets migrate::orm, migrate::engine,
#                       migrate::cli, and migrate_embed_revisions())   (component dev)
# `cpack -G DEB` (in build/) packages the same tree as two packages: `migrate` (runtime) and
# `migrate-dev` (dev). See docs/library.md.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The public API: what an application embedding the engine includes. None of them includes
# sqlite3.h, pqxx, yaml-cpp or CLI11 (tests/install/check_install.sh checks it on the installed
# tree).
set(MIGRATE_PUBLIC_HEADERS
  orm/error.h
  orm/url.h
  orm/dialect.h
  orm/connection_handles.h
  orm/model_file.h
  orm/schema_ops.h
  orm/expression.h
  orm/sql_text.h
  orm/schema/types.h
  orm/schema/column.h
  orm/schema/constraints.h
  orm/schema/index.h
  orm/schema/table.h
  orm/schema/metadata.h
  orm/schema/naming.h
  orm/schema/keywords.h
  orm/schema/builder.h
  orm/schema/validate.h
  orm/model_cpp_writer.h
  orm/sqlite/dialect.h
  orm/postgresql/dialect.h
  migrations_engine/errors.h
  migrations_engine/schema_tools.h
  migrations_engine/config/config.h
  migrations_engine/ops/bulk_rows.h
  migrations_engine/ops/operation.h
  migrations_engine/ops/apply.h
  migrations_engine/ops/invert.h
  migrations_engine/script/revision_graph.h
  migrations_engine/script/revision_file.h
  migrations_engine/script/revision_names.h
  migrations_engine/script/script_directory.h
  migrations_engine/script/revision_source.h
  migrations_engine/runtime/runner.h
  migrations_engine/runtime/startup.h
  migrations_engine/runtime/version_table.h
  migrations_engine/runtime/lock.h
  migrations_engine/autogenerate/autogenerate.h
  migrations_engine/autogenerate/compare.h
  migrations_engine/api/project.h
  migrations_engine/api/init.h
  migrations_engine/api/revisions.h
  migrations_engine/api/run.h
  migrations_engine/api/status.h
  migrations_engine/api/check.h
  migrations_engine/api/schema.h
  migrations_engine/api/commands.h
  cli/cli.h
)
set(MIGRATE_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/migrate)
set(MIGRATE_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/migrate)

foreach(header IN LISTS MIGRATE_PUBLIC_HEADERS)
  get_filename_component(dir ${header} DIRECTORY)
  install(FILES ${CMAKE_SOURCE_DIR}/${header} DESTINATION ${MIGRATE_INSTALL_INCLUDEDIR}/${dir}
          COMPONENT dev)
endforeach()

install(TARGETS migrate RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(TARGETS migrate_postgresql LIBRARY DESTINATION ${MIGRATE_MODULE_INSTALL_DIR}
        COMPONENT runtime)
install(TARGETS migrate_orm migrate_engine migrate_cli EXPORT migrateTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
install(EXPORT migrateTargets NAMESPACE migrate:: FILE migrateTargets.cmake
        DESTINATION ${MIGRATE_INSTALL_CMAKEDIR} COMPONENT dev)

configure_package_config_file(${CMAKE_SOURCE_DIR}/scripts/migrateConfig.cmake.in
  ${CMAKE_BINARY_DIR}/package/migrateConfig.cmake
  INSTALL_DESTINATION ${MIGRATE_INSTALL_CMAKEDIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/package/migrateConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/package/migrateConfig.cmake
              ${CMAKE_BINARY_DIR}/package/migrateConfigVersion.cmake
              ${CMAKE_SOURCE_DIR}/scripts/MigrateEmbedRevisions.cmake
        DESTINATION ${MIGRATE_INSTALL_CMAKEDIR} COMPONENT dev)

install(FILES ${CMAKE_SOURCE_DIR}/docs/migrate.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
        COMPONENT runtime)
install(FILES ${CMAKE_SOURCE_DIR}/scripts/migrate-completion.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME migrate
        COMPONENT runtime)

# Debian packages, one per component:
#   migrate      the tool, its manual page and completion; its runtime libraries come from
#                dpkg-shlibdeps (the binary links them);
#   migrate-dev  the static libraries, headers and CMake package; it depends on the `migrate`
#                of the same version and on the development packages find_package(migrate)
#                needs to link the static libraries (scripts/migrateConfig.cmake.in).
set(CPACK_PACKAGE_NAME migrate)
set(CPACK_PACKAGE_VENDOR "migrate")
set(CPACK_PACKAGE_CONTACT "migrate maintainers <migrate@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "schema migrations for SQLite and PostgreSQL")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME migrate)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
    "schema migrations for SQLite and PostgreSQL (command-line tool)")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME migrate-dev)
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "schema migrations for SQLite and PostgreSQL (C++ libraries, headers, CMake package)")
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "migrate (= ${PROJECT_VERSION}), libsqlite3-dev, libpqxx-dev, libpq-dev, libyaml-cpp-dev, libssl-dev, pkg-config")
set(CPACK_DEBIAN_DEV_PACKAGE_RECOMMENDS cmake)
include(CPack)
