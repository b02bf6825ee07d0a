# fwm_android_parsers: pure parsers of what Android prints (dumpsys, logcat, cmd, am) and of WorkManager Data blobs.
add_library(fwm_android_parsers STATIC
  ${CMAKE_CURRENT_LIST_DIR}/parsers_placeholder.cpp
)
target_link_libraries(fwm_android_parsers PUBLIC fwm_core)
