# The Debian package: `cpack -G DEB` (scripts/package.sh) makes parallel-lab_<version>_amd64.deb
# from exactly what `cmake --install` installs, so every install rule (the program, the window
# module, the desktop file and icon, the man page) lands in the package without a list here.
# The version is the project's (one source of truth); Depends are the runtime libraries the
# binaries link, found by dpkg-shlibdeps (dpkg-dev), never -dev packages.

set(PLAB_PACKAGE_MAINTAINER "ParallelLab maintainers <parallel-lab@users.noreply.invalid>"
    CACHE STRING "Maintainer field of the Debian package")

# Documentation Debian expects beside every package: README, the guides, the copyright file and a
# changelog (compressed by cmake/PackagingStage.cmake).
set(plab_docdir ${CMAKE_INSTALL_DATADIR}/doc/parallel-lab)
install(FILES README.md docs/performance.md docs/reliability.md docs/window.md
        DESTINATION ${plab_docdir})
install(DIRECTORY docs/images DESTINATION ${plab_docdir})
install(FILES cmake/debian/copyright DESTINATION ${plab_docdir})
string(TIMESTAMP plab_package_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(cmake/debian/changelog.in ${CMAKE_BINARY_DIR}/debian/changelog @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/debian/changelog DESTINATION ${plab_docdir})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME parallel-lab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # parallel-lab_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PLAB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# mpi_map and mpi_scatter run mpirun, a program dpkg-shlibdeps cannot see (it adds libopenmpi3
# from the rank module itself).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "openmpi-bin")
# The module dlopens Qt's platform and image plugins, which dpkg-shlibdeps cannot see: xcb and
# offscreen ship in libqt6gui6, the SVG icon engine in libqt6svg6, both already linked.
# The extended description (CPack puts the summary above it); lines under 80 columns.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "A desktop lab for parallel-vs-serial experiments with real worker processes,
watched live. It re-creates a classic lesson on Python's multiprocessing in
C++20 with a process pool of its own: Pool.map, starmap, apply_async,
imap_unordered, a closure refused and pathos running it anyway. The window
draws each run's timeline, elapsed time and speedup; the headless commands
run and sweep write CSV files and traces for Perfetto.")
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/PackagingStage.cmake)

include(CPack)
