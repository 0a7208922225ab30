# modelatlas_set_warnings(target): the project's warning set, errors in CI.
function(modelatlas_set_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${MODELATLAS_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE
      $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
        -Wcast-align -Wunused -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
        $<$<BOOL:${MODELATLAS_WERROR}>:-Werror>>)
  endif()
endfunction()
