# Applies MODELATLAS_SANITIZE (e.g. "address;undefined") to every target.
if(MODELATLAS_SANITIZE)
  list(JOIN MODELATLAS_SANITIZE "," _san)
  add_compile_options(-fsanitize=${_san} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${_san})
  message(STATUS "Sanitizers: ${_san}")
endif()
