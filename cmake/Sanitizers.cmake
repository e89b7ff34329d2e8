# PLAB_SANITIZE: "address;undefined" or "thread" (or empty). Applies to everything built here.
set(PLAB_SANITIZE "" CACHE STRING "Sanitizers to build with: address;undefined, or thread")
if(PLAB_SANITIZE)
  list(JOIN PLAB_SANITIZE "," plab_sanitizers)
  add_compile_options(-fsanitize=${plab_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${plab_sanitizers})
endif()
