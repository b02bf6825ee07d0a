// Placeholder until the parsers land (replaced by adb/*.cpp parser files).
