# modelatlas_set_warnings(target): the project's warning set, errors in CI.
function(modelatlas_set_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${MODELATLAS_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE
      $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
        -Wcast-align -Wunused -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
        $<$<BOOL:${MODELATLAS_WERROR}>:-Werror>>)
    # GCC 12 at -O3 (Release) reports std::string and std::vector code inlined
    # from libstdc++ as overlapping or overflowing copies: -Wrestrict (GCC bugs
    # 105329 and 105651) and -Wstringop-overflow, false positives known before
    # GCC 13. Warnings, not errors, there, so that Release builds with errors on.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE
        $<$<COMPILE_LANGUAGE:CXX>:-Wno-error=restrict -Wno-error=stringop-overflow>)
    endif()
  endif()
endfunction()
