# One INTERFACE target carries the project's compiler warnings; every target links it.
add_library(plab_warnings INTERFACE)
target_compile_options(plab_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
  -Wcast-align -Wformat=2 -Wimplicit-fallthrough -Wmissing-declarations
  $<$<BOOL:${PLAB_WERROR}>:-Werror>)
