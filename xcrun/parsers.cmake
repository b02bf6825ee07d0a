# fwm_ios_parsers: pure parsers of what xcrun, lldb, log and the plugin print, and of property lists.
add_library(fwm_ios_parsers STATIC
  ${CMAKE_CURRENT_LIST_DIR}/openstep_plist.cpp
  ${CMAKE_CURRENT_LIST_DIR}/property_list.cpp
  ${CMAKE_CURRENT_LIST_DIR}/binary_plist_check.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simctl_devices.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simctl_apps.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simctl_error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/launchctl_list.cpp
  ${CMAKE_CURRENT_LIST_DIR}/unified_log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/devicectl_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/devicectl_results.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lldb_output.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simulate_launch_log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scheduled_tasks_text.cpp
)
target_link_libraries(fwm_ios_parsers PUBLIC fwm_core PRIVATE PkgConfig::PLIST)
