# fwm_android_parsers: pure parsers of what Android prints (dumpsys, logcat, cmd, am) and of WorkManager Data blobs.
add_library(fwm_android_parsers STATIC
  ${CMAKE_CURRENT_LIST_DIR}/text_lines.cpp
  ${CMAKE_CURRENT_LIST_DIR}/work_data.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dumpsys_jobscheduler.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logcat_line.cpp
  ${CMAKE_CURRENT_LIST_DIR}/worker_log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/diagnostics_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jobscheduler_cmd.cpp
  ${CMAKE_CURRENT_LIST_DIR}/am_broadcast.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_generation.cpp
)
target_link_libraries(fwm_android_parsers PUBLIC fwm_core)
