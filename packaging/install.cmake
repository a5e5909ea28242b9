# `make install` (cmake --install) and the Debian package (`make package`, CPack DEB): what an
# installed METER is made of. The binary in <prefix>/bin; its data in <prefix>/share/meter, where
# it looks beside itself (src/app/data_paths.h): content, web templates and static files, the USWDS
# files it serves and the compiled catalogs. The configuration, the systemd units and the examples
# go to the system's own places (METER_SYSCONF_DIR, METER_SYSTEMD_DIR: absolute, as the package
# needs; point them elsewhere for an unprivileged install).
include(GNUInstallDirs)
set(METER_SYSCONF_DIR /etc/meter CACHE PATH "Where `make install` puts meter.yaml")
set(METER_SYSTEMD_DIR /lib/systemd/system CACHE PATH "Where `make install` puts the units")
set(METER_USWDS_DIST ${PROJECT_SOURCE_DIR}/node_modules/@uswds/uswds/dist CACHE PATH
  "The USWDS build (npm ci) whose css, fonts, img and js METER serves")
set(METER_DATA ${CMAKE_INSTALL_DATADIR}/meter)

# Two programs (docs/cli.md): `meter` runs the offline commands and hands every other command line
# to `meter-full`, which it looks for in ../lib/meter (so the path is fixed, not the multiarch
# libdir).
install(TARGETS meter RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS meter-full RUNTIME DESTINATION lib/meter)
install(DIRECTORY content/ DESTINATION ${METER_DATA}/content
  PATTERN "locale" EXCLUDE PATTERN "samples" EXCLUDE)
# The demo (`meter serve --demo`) reads one sample.
install(FILES content/samples/aurelia-2026-answers.csv content/samples/aurelia-2026-groups.csv
  DESTINATION ${METER_DATA}/content/samples)
install(DIRECTORY web/templates web/static DESTINATION ${METER_DATA}/web)
install(DIRECTORY ${CMAKE_BINARY_DIR}/locale/ DESTINATION ${METER_DATA}/locale
  FILES_MATCHING PATTERN "*.mo")
if(EXISTS ${METER_USWDS_DIST}/css/uswds.min.css)
  install(DIRECTORY ${METER_USWDS_DIST}/css ${METER_USWDS_DIST}/fonts ${METER_USWDS_DIST}/img
    ${METER_USWDS_DIST}/js DESTINATION ${METER_DATA}/uswds)
else()
  message(WARNING "No USWDS build at ${METER_USWDS_DIST} (run npm ci): `make install` and the "
    "package will lack the design system's files")
endif()
install(FILES packaging/meter.yaml DESTINATION ${METER_SYSCONF_DIR})
install(FILES packaging/meter.service packaging/meter@.service DESTINATION ${METER_SYSTEMD_DIR})
install(FILES packaging/nginx-meter.conf packaging/meter.yaml
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES docs/operations.md docs/cli.md docs/security.md CHANGELOG.md README.md LICENSE
  THIRD-PARTY-NOTICES.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME meter)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "METER maintainers <meter@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "METER: e-government readiness self-assessment (UN tool)")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, fonts-noto-core, fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx, postgresql")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_SOURCE_DIR}/packaging/postinst ${PROJECT_SOURCE_DIR}/packaging/postrm
  ${PROJECT_SOURCE_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# gzip (CMake 3.25's default, said here so that it stays): a 9 MB package from 19 MB of files.
# The binary is stripped once, in CPack's staging copy; the build's own binary (RelWithDebInfo,
# about 210 MB) keeps its debugging information.
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_STRIP_FILES ON)
# `make package` and `make install` build first (Makefile); cpack and `ninja install` then only
# copy, instead of checking every target of the tree again (the tests' binaries included).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
include(CPack)
