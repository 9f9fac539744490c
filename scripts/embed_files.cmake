# Writes OUT: a C++ source holding every file under ROOT as a string, for
# migrations_engine/script/embedded_files.h. Run at build time by CMakeLists.txt.
file(GLOB_RECURSE files RELATIVE "${ROOT}" "${ROOT}/*")
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  file(READ "${ROOT}/${f}" content HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${content}")
  string(APPEND body "    {\"${f}\", std::string(\"${escaped}\", sizeof(\"${escaped}\") - 1)},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from templates/ by scripts/embed_files.cmake. Do not edit.
#include \"migrations_engine/script/embedded_files.h\"

namespace migrate::engine {

const std::map<std::string, std::string>& embedded_files() {
    static const std::map<std::string, std::string> files = {
${body}    };
    return files;
}

}  // namespace migrate::engine
")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
