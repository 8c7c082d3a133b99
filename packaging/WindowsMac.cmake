# Windows and macOS packages, included from packaging/CMakeLists.txt before include(CPack).
# Neither can be built on the Debian machine the project is developed on: the workflow in
# .github/workflows/desktop.yml builds, tests and packages both on GitHub's runners, and
# packaging/README.md says what was and was not verified.
if(NOT (WIN32 OR APPLE))
  return()
endif()

# --- Qt's own deployment -------------------------------------------------------------------------
# At install time (so also inside `cpack`), windeployqt or macdeployqt copies the Qt libraries and
# the plug-ins the executables use next to them: platforms (qwindows / qcocoa), styles
# (qwindowsvistastyle / qmacstyle), image formats and the SVG icon engine (the icons are SVG), TLS
# backends (sign-in and sync), the SQL drivers qsqlite (the cache) and qpsql (team mode), and
# Qt's own translations (qtbase_it.qm: Sportello's are compiled into the executables).
#
# Qt 6.4's qt_generate_deploy_app_script(TARGET ... FILENAME_VARIABLE ...) takes one target and no
# options: it cannot name sportello-cli as a second executable, and on macOS it runs macdeployqt
# with -appstore-compliant, which leaves out qsqlpsql (the team database's driver). So the script
# is written here with the call it would make, qt_deploy_runtime_dependencies() from the same
# QT_DEPLOY_SUPPORT file, plus those two options (6.5's OUTPUT_SCRIPT/DEPLOY_TOOL_OPTIONS would
# allow the generated form).
get_cmake_property(multi_config GENERATOR_IS_MULTI_CONFIG)
if(multi_config) # QT_DEPLOY_SUPPORT names a file per configuration there
  set(deploy_script "${CMAKE_CURRENT_BINARY_DIR}/deploy_sportello-$<CONFIG>.cmake")
else()
  set(deploy_script "${CMAKE_CURRENT_BINARY_DIR}/deploy_sportello.cmake")
endif()
if(WIN32)
  file(GENERATE OUTPUT "${deploy_script}" CONTENT "
include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:sportello>\"
    ADDITIONAL_EXECUTABLES \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:sportello-cli>\"
    GENERATE_QT_CONF
    VERBOSE)
")
else()
  file(GENERATE OUTPUT "${deploy_script}" CONTENT "
include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"$<TARGET_FILE_NAME:sportello>.app\"
    ADDITIONAL_EXECUTABLES \"$<TARGET_FILE_NAME:sportello>.app/Contents/MacOS/$<TARGET_FILE_NAME:sportello-cli>\"
    NO_APP_STORE_COMPLIANCE
    VERBOSE)
")
endif()
install(SCRIPT "${deploy_script}")
if(APPLE)
  # windeployqt copies Qt's translations, macdeployqt does not: Qt's Italian (the standard
  # dialogs' buttons) goes where QLibraryInfo looks in a bundle with macdeployqt's qt.conf.
  install(FILES "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_TRANSLATIONS}/qtbase_it.qm"
          DESTINATION Sportello.app/Contents/translations OPTIONAL)
endif()

# Libraries that are not Qt's and that no deploy tool copies on Windows: OpenSSL's libcrypto
# (the App Store and Google sign-ins sign with it), libpq and its own dependencies (loaded by
# qsqlpsql), SQLite (loaded by qsqlite and by the cache's statements, the same library: see
# packaging/README.md). The workflow puts them in SPORTELLO_RUNTIME_DLL_DIR (vcpkg's bin folder).
if(WIN32)
  set(SPORTELLO_RUNTIME_DLL_DIR "" CACHE PATH "Folder whose DLLs (OpenSSL, libpq, SQLite) the Windows package carries")
  if(SPORTELLO_RUNTIME_DLL_DIR)
    install(DIRECTORY "${SPORTELLO_RUNTIME_DLL_DIR}/" DESTINATION ${CMAKE_INSTALL_BINDIR}
            FILES_MATCHING PATTERN "*.dll")
  endif()
endif()

# --- CPack ---------------------------------------------------------------------------------------
# The licence as a .txt: CPack's WiX generator takes .rtf or .txt only, and converts .txt.
configure_file(${PROJECT_SOURCE_DIR}/LICENSE ${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt COPYONLY)
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt)

if(WIN32)
  # An MSI (WiX Toolset 3) for company IT, and a ZIP of the same tree.
  set(CPACK_GENERATOR "WIX;ZIP")
  # The upgrade code ties every version's MSI to one product, so that installing a new one
  # replaces the old. Generated once for Sportello: never change it.
  set(CPACK_WIX_UPGRADE_GUID "891A5341-4689-46F7-A62C-B0364931FB30")
  set(CPACK_WIX_PRODUCT_ICON ${PROJECT_SOURCE_DIR}/packaging/windows/sportello.ico)
  # A Start menu entry "Sportello" for sportello.exe (CPACK_PACKAGE_EXECUTABLES, set in
  # packaging/CMakeLists.txt), directly in Programs: a folder holding one shortcut is noise.
  set(CPACK_WIX_PROGRAM_MENU_FOLDER ".")
  set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "https://sportello.invalid")
  set(CPACK_WIX_PROPERTY_ARPCONTACT "${CPACK_PACKAGE_CONTACT}")
  # Installed for all users under Program Files\Sportello (CPACK_PACKAGE_INSTALL_DIRECTORY): the
  # installer writes nothing in the user's profile. Each user's cache, drafts and settings are
  # the application's own, created at first start under %APPDATA%\Sportello\sportello
  # (QStandardPaths::AppDataLocation for organisation "Sportello", application "sportello"; the
  # settings in HKCU\Software\Sportello). Windows Installer removes on uninstall only the
  # components it installed, so the user's cache stays: it holds decisions not yet delivered,
  # which an uninstall before an upgrade must not lose.
elseif(APPLE)
  set(CPACK_GENERATOR "DragNDrop")
  set(CPACK_DMG_VOLUME_NAME "Sportello ${PROJECT_VERSION}")
  set(CPACK_DMG_FORMAT "UDZO")
  # The volume shows Sportello.app beside the link to /Applications CPack adds: drag one onto the other.
  # No licence agreement shown when the image is mounted: attaching one needs the deprecated
  # Rez tools, gone from current Xcode. The licence is in the bundle (Contents/Resources).
  set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
  install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION Sportello.app/Contents/Resources)
  set(CPACK_PACKAGE_FILE_NAME "Sportello-${PROJECT_VERSION}-macOS")
endif()
